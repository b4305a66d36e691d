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
import java.util.List;

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
  private final float z;
  private final int shift;
  /** Values of the CSE temporaries computed so far (the vector code's locals). */
  private final java.util.Map<String, Float> locals = new java.util.HashMap<>();

  private FloatKernelEvaluator(float z, int shift) {
    this.z = z;
    this.shift = shift;
  }

  /**
   * {@code out}'s formula after CSE, as the vector code computes it: each shared subexpression
   * once. For evaluating at many points ({@link FloatArithmetic}'s scan); a tree walk would
   * evaluate a weight used ten times ten times.
   */
  public static Cse.Result prepare(Output out) {
    return Cse.eliminate(List.of(out.expr()), java.util.Set.of("z"));
  }

  /**
   * The float kernel's result for {@code out} at {@code z}: NaN for NaN, the stated limit (rounded
   * to float) at an infinity that has one, the formula otherwise.
   *
   * @param prepared {@code out}'s formula, {@link #prepare}d
   * @param shift ulps every lane-wise transcendental result is moved by: -1, 0 or 1
   */
  public static float evaluate(Output out, Cse.Result prepared, float z, int shift) {
    if (Float.isNaN(z)) {
      return z;
    } else if (z == Float.POSITIVE_INFINITY && !Double.isNaN(out.atPositiveInfinity())) {
      return (float) out.atPositiveInfinity();
    } else if (z == Float.NEGATIVE_INFINITY && !Double.isNaN(out.atNegativeInfinity())) {
      return (float) out.atNegativeInfinity();
    }
    FloatKernelEvaluator ev = new FloatKernelEvaluator(z, shift);
    for (Cse.Binding b : prepared.bindings()) ev.locals.put(b.name(), ev.eval(b.expr()));
    return ev.eval(prepared.roots().get(0));
  }

  /** The formula alone, without the special-input blends. */
  static float formula(Expr e, float z, int shift) {
    return new FloatKernelEvaluator(z, shift).eval(e);
  }

  private float eval(Expr e) {
    if (e instanceof Const c) {
      return (float) c.value();
    } else if (e instanceof Var v) {
      if (v.name().equals("z")) return z;
      Float local = locals.get(v.name());
      if (local == null) {
        throw new IllegalArgumentException("float kernels have no free parameters: " + v.name());
      }
      return local;
    } else if (e instanceof Add a) {
      List<Expr> t = a.terms();
      float acc = eval(t.get(0));
      for (int i = 1; i < t.size(); i++) {
        acc += eval(t.get(i));
      }
      return acc;
    } else if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      float acc = eval(f.get(0));
      for (int i = 1; i < f.size(); i++) {
        acc *= eval(f.get(i));
      }
      return acc;
    } else if (e instanceof Div d) {
      return eval(d.numerator()) / eval(d.denominator());
    } else if (e instanceof Neg n) {
      return -eval(n.operand());
    } else if (e instanceof PowInt p) {
      return eval(IntegerPowers.expand(p));
    } else if (e instanceof Call c) {
      return call(c);
    } else if (e instanceof Cond c) {
      // both arms are computed in the vector code; neither has side effects
      float then = eval(c.then());
      float otherwise = eval(c.otherwise());
      return check(c.test()) ? then : otherwise;
    }
    throw new IllegalStateException("FloatKernelEvaluator: unsupported node " + e);
  }

  private boolean check(Test t) {
    if (t instanceof Test.Compare c) {
      float l = eval(c.left());
      float r = eval(c.right());
      return switch (c.op()) {
        case LT -> l < r;
        case LE -> l <= r;
        case GT -> l > r;
        case GE -> l >= r;
        case EQ -> l == r;
        case NE -> l != r;
      };
    } else if (t instanceof Test.And a) {
      boolean all = true;
      for (Test o : a.operands()) {
        all &= check(o);
      }
      return all;
    } else if (t instanceof Test.Or o) {
      boolean any = false;
      for (Test x : o.operands()) {
        any |= check(x);
      }
      return any;
    } else if (t instanceof Test.Not n) {
      return !check(n.operand());
    }
    throw new IllegalStateException("FloatKernelEvaluator: unsupported test " + t);
  }

  /** The lane-wise function, as {@link VectorExprPrinter} prints it for float lanes. */
  private float call(Call c) {
    float x = eval(c.args().get(0));
    float y = c.args().size() > 1 ? eval(c.args().get(1)) : Float.NaN;
    return switch (c.fn()) {
      case EXP -> lanewise(StrictMath.exp(x));
      case EXPM1 -> lanewise(StrictMath.expm1(x));
      case LOG -> lanewise(StrictMath.log(x));
      case LOG1P -> lanewise(StrictMath.log1p(x));
      case SINH -> lanewise(StrictMath.sinh(x));
      case COSH -> lanewise(StrictMath.cosh(x));
      case POW -> lanewise(StrictMath.pow(x, y));
      case HYPOT -> lanewise(StrictMath.hypot(x, y));
      case SQRT -> (float) Math.sqrt(x); // correctly rounded: the double root rounds correctly
      case ABS -> Math.abs(x);
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
      case SIGNUM -> x > 0 ? 1f : x < 0 ? -1f : x;
      case TANH -> tanh(x);
      case LOGISTIC -> {
        float e = lanewise(StrictMath.exp(-Math.abs(x)));
        float d = e + 1f;
        yield x >= 0 ? 1f / d : e / d;
      }
      case SOFTPLUS -> Math.max(x, 0f) + lanewise(StrictMath.log1p(
          lanewise(StrictMath.exp(-Math.abs(x)))));
      case TANH_PRIME -> {
        float e = lanewise(StrictMath.exp(Math.abs(x) * -2f));
        float d = e + 1f;
        yield e * 4f / (d * d);
      }
    };
  }

  private float tanh(float v) {
    float a = Math.abs(v);
    float t = lanewise(StrictMath.exp(a * -2f));
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
  private float lanewise(double exact) {
    float f = (float) exact;
    if (shift == 0 || f == 0 || !Float.isFinite(f)) {
      return f;
    }
    float moved = shift > 0 ? Math.nextUp(f) : Math.nextDown(f);
    return Float.isFinite(moved) && Math.signum(moved) == Math.signum(f) ? moved : f;
  }
}
