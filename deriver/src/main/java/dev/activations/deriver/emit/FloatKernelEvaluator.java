package dev.activations.deriver.emit;

import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import dev.activations.deriver.lowering.IntegerPowers;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes one lane of a float SIMD kernel ({@link VectorExprPrinter} with {@link
 * VectorExprPrinter.Lanes#FLOAT}, and {@link SimdEmitter}'s special-input blends) in plain Java
 * float arithmetic, so that the deriver can decide, deterministically and without the vector
 * module, whether computing in float meets the float contract.
 *
 * <p>What is exact and what is modelled:
 *
 * <ul>
 *   <li>{@code add, sub, mul, div, neg, abs, sqrt, min, max}, comparisons and blends are IEEE
 *       float operations in both, in the printer's order (left to right; a conditional computes
 *       both arms and selects); constants are the IR's doubles rounded to float;
 *   <li>lane-wise {@code EXP, LOG, LOG1P, EXPM1, SINH, COSH, POW, HYPOT} are not correctly rounded
 *       in the vector code (C2 calls Intel's SVML, accurate to about 1 ulp; the interpreter rounds
 *       the double function). They are modelled as the double {@code StrictMath} function rounded
 *       to float and then moved {@code shift} ulps ({@code -1, 0, +1}; a caller checks all three),
 *       never across zero or into infinity.
 * </ul>
 */
public final class FloatKernelEvaluator {
  private FloatKernelEvaluator() {}

  /** One lane of a kernel, prepared for evaluation at many points. */
  @FunctionalInterface
  public interface Kernel {
    /**
     * The kernel's result at {@code z}.
     *
     * @param shift ulps every lane-wise transcendental result is moved by: -1, 0 or 1
     */
    float at(float z, int shift);
  }

  /** What a node reads: the input, the shift, and the CSE temporaries computed so far (the vector code's locals). */
  private static final class Frame {
    final float z;
    final int shift;
    final float[] locals;

    Frame(float z, int shift, int locals) {
      this.z = z;
      this.shift = shift;
      this.locals = new float[locals];
    }
  }

  private interface Node {
    float at(Frame f);
  }

  private interface TestNode {
    boolean at(Frame f);
  }

  /**
   * The float kernel for {@code out}: NaN for NaN, the stated limit (rounded to float) at an
   * infinity that has one, otherwise the formula after CSE, as the vector code computes it (each
   * shared subexpression once; a tree walk would evaluate a weight used ten times ten times).
   * The tree is compiled once: {@link FloatArithmetic}'s scan evaluates it at 48,000 points.
   */
  public static Kernel compile(Output out) {
    Cse.Result prepared = Cse.eliminate(List.of(out.expr()), java.util.Set.of("z"));
    Map<String, Integer> slots = new HashMap<>();
    Node[] bindings = new Node[prepared.bindings().size()];
    for (int i = 0; i < bindings.length; i++) {
      Cse.Binding b = prepared.bindings().get(i);
      bindings[i] = node(b.expr(), slots);
      slots.put(b.name(), i);
    }
    Node root = node(prepared.roots().get(0), slots);
    double atPositiveInfinity = out.atPositiveInfinity();
    double atNegativeInfinity = out.atNegativeInfinity();
    return (z, shift) -> {
      if (Float.isNaN(z)) {
        return z;
      } else if (z == Float.POSITIVE_INFINITY && !Double.isNaN(atPositiveInfinity)) {
        return (float) atPositiveInfinity;
      } else if (z == Float.NEGATIVE_INFINITY && !Double.isNaN(atNegativeInfinity)) {
        return (float) atNegativeInfinity;
      }
      Frame f = new Frame(z, shift, bindings.length);
      for (int i = 0; i < bindings.length; i++) f.locals[i] = bindings[i].at(f);
      return root.at(f);
    };
  }

  /** The formula alone, without the special-input blends. */
  static float formula(Expr e, float z, int shift) {
    return node(e, Map.of()).at(new Frame(z, shift, 0));
  }

  /** {@code e} as float operations; a name that is neither z nor in {@code locals} throws when reached. */
  private static Node node(Expr e, Map<String, Integer> locals) {
    if (e instanceof Const c) {
      float v = (float) c.value();
      return f -> v;
    } else if (e instanceof Var v) {
      if (v.name().equals("z")) return f -> f.z;
      Integer slot = locals.get(v.name());
      if (slot == null) {
        String name = v.name();
        return f -> {
          throw new IllegalArgumentException("float kernels have no free parameters: " + name);
        };
      }
      int i = slot;
      return f -> f.locals[i];
    } else if (e instanceof Add a) {
      Node[] t = nodes(a.terms(), locals);
      return f -> {
        float acc = t[0].at(f);
        for (int i = 1; i < t.length; i++) {
          acc += t[i].at(f);
        }
        return acc;
      };
    } else if (e instanceof Mul m) {
      Node[] t = nodes(m.factors(), locals);
      return f -> {
        float acc = t[0].at(f);
        for (int i = 1; i < t.length; i++) {
          acc *= t[i].at(f);
        }
        return acc;
      };
    } else if (e instanceof Div d) {
      Node n = node(d.numerator(), locals);
      Node q = node(d.denominator(), locals);
      return f -> n.at(f) / q.at(f);
    } else if (e instanceof Neg n) {
      Node o = node(n.operand(), locals);
      return f -> -o.at(f);
    } else if (e instanceof PowInt p) {
      return node(IntegerPowers.expand(p), locals);
    } else if (e instanceof Call c) {
      return call(c, locals);
    } else if (e instanceof Cond c) {
      TestNode test = test(c.test(), locals);
      Node then = node(c.then(), locals);
      Node otherwise = node(c.otherwise(), locals);
      return f -> {
        // both arms are computed in the vector code; neither has side effects
        float a = then.at(f);
        float b = otherwise.at(f);
        return test.at(f) ? a : b;
      };
    }
    throw new IllegalStateException("FloatKernelEvaluator: unsupported node " + e);
  }

  private static Node[] nodes(List<Expr> es, Map<String, Integer> locals) {
    Node[] out = new Node[es.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(es.get(i), locals);
    }
    return out;
  }

  private static TestNode test(Test t, Map<String, Integer> locals) {
    if (t instanceof Test.Compare c) {
      Node l = node(c.left(), locals);
      Node r = node(c.right(), locals);
      return switch (c.op()) {
        case LT -> f -> l.at(f) < r.at(f);
        case LE -> f -> l.at(f) <= r.at(f);
        case GT -> f -> l.at(f) > r.at(f);
        case GE -> f -> l.at(f) >= r.at(f);
        case EQ -> f -> l.at(f) == r.at(f);
        case NE -> f -> l.at(f) != r.at(f);
      };
    } else if (t instanceof Test.And a) {
      TestNode[] o = tests(a.operands(), locals);
      return f -> {
        boolean all = true;
        for (TestNode x : o) {
          all &= x.at(f);
        }
        return all;
      };
    } else if (t instanceof Test.Or or) {
      TestNode[] o = tests(or.operands(), locals);
      return f -> {
        boolean any = false;
        for (TestNode x : o) {
          any |= x.at(f);
        }
        return any;
      };
    } else if (t instanceof Test.Not n) {
      TestNode o = test(n.operand(), locals);
      return f -> !o.at(f);
    }
    throw new IllegalStateException("FloatKernelEvaluator: unsupported test " + t);
  }

  private static TestNode[] tests(List<Test> ts, Map<String, Integer> locals) {
    TestNode[] out = new TestNode[ts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = test(ts.get(i), locals);
    }
    return out;
  }

  /** The lane-wise function, as {@link VectorExprPrinter} prints it for float lanes. */
  private static Node call(Call c, Map<String, Integer> locals) {
    Node x = node(c.args().get(0), locals);
    Node y = c.args().size() > 1 ? node(c.args().get(1), locals) : f -> Float.NaN;
    return f -> call(c.fn(), x.at(f), y.at(f), f.shift);
  }

  private static float call(dev.activations.deriver.lowering.Fn fn, float x, float y, int shift) {
    return switch (fn) {
      case EXP -> lanewise(StrictMath.exp(x), shift);
      case EXPM1 -> lanewise(StrictMath.expm1(x), shift);
      case LOG -> lanewise(StrictMath.log(x), shift);
      case LOG1P -> lanewise(StrictMath.log1p(x), shift);
      case SINH -> lanewise(StrictMath.sinh(x), shift);
      case COSH -> lanewise(StrictMath.cosh(x), shift);
      case ATAN -> lanewise(StrictMath.atan(x), shift);
      case POW -> lanewise(StrictMath.pow(x, y), shift);
      case HYPOT -> lanewise(StrictMath.hypot(x, y), shift);
      case SQRT -> (float) Math.sqrt(x); // correctly rounded: the double root rounds correctly
      case ABS -> Math.abs(x);
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
      case SIGNUM -> x > 0 ? 1f : x < 0 ? -1f : x;
      case TANH -> tanh(x, shift);
      case ASINH -> {
        float a = Math.abs(x);
        float s = a * a;
        float near = lanewise(StrictMath.log1p(a + s / ((float) Math.sqrt(s + 1f) + 1f)), shift);
        float far = lanewise(StrictMath.log(a), shift) + (float) dev.activations.deriver.lowering.StableFunctions.LN2;
        yield Math.copySign(a > (float) dev.activations.deriver.lowering.StableFunctions.ASINH_FAR ? far : near, x);
      }
      case LOGISTIC -> {
        float e = lanewise(StrictMath.exp(-Math.abs(x)), shift);
        float d = e + 1f;
        yield x >= 0 ? 1f / d : e / d;
      }
      case SOFTPLUS -> Math.max(x, 0f) + lanewise(StrictMath.log1p(
          lanewise(StrictMath.exp(-Math.abs(x)), shift)), shift);
      case TANH_PRIME -> {
        float e = lanewise(StrictMath.exp(Math.abs(x) * -2f), shift);
        float d = e + 1f;
        yield e * 4f / (d * d);
      }
      case LOG1PMX -> {
        float s = x / (x + 2f);
        float s2 = s * s;
        double[] c = dev.activations.deriver.lowering.StableFunctions.LOG1PMX_SERIES;
        float p = s2 * (float) c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
          p += (float) c[k];
          if (k > 0) p *= s2;
        }
        float series = s * s2 * 2f * p - x * s;
        float direct = x == Float.POSITIVE_INFINITY ? -x : lanewise(StrictMath.log1p(x), shift) - x;
        yield x >= -0.5f && x <= 1f ? series : direct;
      }
    };
  }

  private static float tanh(float v, int shift) {
    float a = Math.abs(v);
    float t = lanewise(StrictMath.exp(a * -2f), shift);
    float s2 = a * a;
    double[] c = VectorExprPrinter.FLOAT_TANH_TAYLOR;
    float p = s2 * (float) c[c.length - 1];
    for (int k = c.length - 2; k >= 0; k--) {
      p += (float) c[k];
      if (k > 0) {
        p *= s2;
      }
    }
    float small = a + a * s2 * p;
    float big = -(t * 2f / (t + 1f)) + 1f;
    float r = a < VectorExprPrinter.FLOAT_TANH_TAYLOR_BELOW ? small : big;
    return Float.intBitsToFloat(Float.floatToRawIntBits(r)
        | (Float.floatToRawIntBits(v) & Integer.MIN_VALUE));
  }

  /** A lane-wise function's float result: the double value rounded, moved {@code shift} ulps. */
  private static float lanewise(double exact, int shift) {
    float f = (float) exact;
    if (shift == 0 || f == 0 || !Float.isFinite(f)) {
      return f;
    }
    float moved = shift > 0 ? Math.nextUp(f) : Math.nextDown(f);
    return Float.isFinite(moved) && Math.signum(moved) == Math.signum(f) ? moved : f;
  }
}
