package dev.activations.deriver.emit;

import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.StableFunctions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints IR as {@code jdk.incubator.vector.DoubleVector} or {@code FloatVector} code ({@link
 * Lanes}): the SIMD sibling of {@link JavaExprPrinter}, over the same tree. Strict like it: an
 * unknown node type is an error.
 *
 * <p>Vector code has no branches: a {@link Cond} evaluates both arms for every lane and blends
 * them under the test's mask (IEEE arithmetic never traps, and the unselected lanes are dropped).
 * The stable primitives are lowered to what is fast lane-wise: {@code tanh} through {@code exp}
 * exactly as the scalar helper ({@code 1 - 2t / (1 + t)}, {@code t = exp(-2|x|)}, blended with
 * the odd Taylor polynomial below |x| = 0.01, the sign of x copied back; lane-wise {@code TANH}
 * is slower than scalar {@code Math.tanh} on JDK 17, and {@code EXPM1} measured 40% slower than
 * {@code EXP}), {@code logistic}, {@code softplus} and
 * {@code tanh'} through one {@code exp(-|x|)} and blends. Because those expansions and the blends
 * need intermediate values, printing appends statements ({@code DoubleVector $0 = ...;}) to {@link
 * #statements()} and returns the expression for the node; hoisting is sound because nothing is
 * evaluated lazily.
 *
 * <p>Sums and products keep the scalar printer's left-to-right order (a constant operand uses the
 * scalar overloads, {@code x.add(1.0)}); results agree with the scalar code to within the
 * lane-wise functions' error (about 1 ulp each).
 *
 * <p>In float lanes every constant is the IR's double rounded to float (an out-of-range one
 * becomes an infinity: whatever that does to the formula, {@link FloatKernelEvaluator} computes
 * the same, and the float contract check sees it), and {@code tanh}'s Taylor branch reaches
 * further ({@link #FLOAT_TANH_TAYLOR_BELOW}): below that, {@code 1 - 2t/(1 + t)} cancels too
 * much of float's 24 bits.
 */
public final class VectorExprPrinter {
  private static final String OPS = "VectorOperators.";

  /** The element type of the lanes: what the vector class, literals and the sign bit look like. */
  public enum Lanes {
    DOUBLE("DoubleVector", "Long", "Doubles"),
    FLOAT("FloatVector", "Integer", "Floats");

    private final String vectorType;
    private final String bitsBox;
    private final String plural;

    Lanes(String vectorType, String bitsBox, String plural) {
      this.vectorType = vectorType;
      this.bitsBox = bitsBox;
      this.plural = plural;
    }

    /** {@code DoubleVector} or {@code FloatVector}. */
    public String vectorType() {
      return vectorType;
    }

    /** A Java literal of this element type for the IR constant {@code v}. */
    public String literal(double v) {
      return this == DOUBLE ? new JavaExprPrinter().literal(v) : floatLiteral((float) v);
    }

    /** {@code reinterpretAsLongs} or {@code reinterpretAsInts}. */
    String asBits() {
      return this == DOUBLE ? "reinterpretAsLongs" : "reinterpretAsInts";
    }
  }

  /**
   * The Taylor coefficients of tanh(x)/x - 1 in powers of x^2 ({@code -1/3, 2/15, -17/315}) used
   * below |x| = 0.01 in double lanes: the first omitted term is 5e-18 relative there.
   */
  static final double[] DOUBLE_TANH_TAYLOR = {
      -0.3333333333333333, 0.13333333333333333, -0.05396825396825397};
  static final double DOUBLE_TANH_TAYLOR_BELOW = 0.01;
  /**
   * Float lanes: one more term ({@code 62/2835}) and a wider branch, |x| < 0.35. At 0.01 the exp
   * form loses ten times the float contract (2^-20) to cancellation; at 0.35 the worst over every
   * 7th float in [1e-30, 20], with the exp result moved one ulp either way, is 0.29 * 2^-20
   * (polynomial side, truncation 2e-8) and the exp side stays below 0.5 * 2^-20.
   */
  static final double[] FLOAT_TANH_TAYLOR = {
      -0.3333333333333333, 0.13333333333333333, -0.05396825396825397, 0.021869488536155203};
  static final float FLOAT_TANH_TAYLOR_BELOW = 0.35f;

  private final String species;
  private final Lanes lanes;
  private final Map<String, String> vars;
  private final List<String> statements = new ArrayList<>();
  private final Map<String, java.util.function.Function<Set<String>, Cse.Result>> deferred = new java.util.HashMap<>();
  private final Set<String> declared = new java.util.HashSet<>();
  private int fresh;

  /**
   * @param species the name of the {@code VectorSpecies} in scope, of the lanes' element type
   * @param vars IR variable name to the name of the vector holding it
   * @param lanes the element type the code computes in
   */
  public VectorExprPrinter(String species, Map<String, String> vars, Lanes lanes) {
    this.species = species;
    this.vars = Map.copyOf(vars);
    this.lanes = lanes;
  }

  /** A Java {@code float} literal that evaluates to exactly {@code v}. */
  static String floatLiteral(float v) {
    if (Float.isNaN(v)) {
      return "Float.NaN";
    } else if (v == Float.POSITIVE_INFINITY) {
      return "Float.POSITIVE_INFINITY";
    } else if (v == Float.NEGATIVE_INFINITY) {
      return "Float.NEGATIVE_INFINITY";
    }
    // Float.toString round-trips and with an f suffix is a valid Java literal ("1.0E-30f")
    return Float.toString(v) + "f";
  }

  /** The statements printing has appended so far, in order. */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  /** Declares {@code DoubleVector name = text;} for a CSE binding; later nodes refer to it. */
  public void bind(String name, Expr e) {
    statements.add(lanes.vectorType() + " " + name + " = " + print(e));
    declared.add(name);
  }

  /** A vector expression for {@code e}. */
  public String print(Expr e) {
    if (e instanceof Const c) {
      return broadcast(c.value());
    } else if (e instanceof Var v) {
      String name = vars.get(v.name());
      return name != null ? name : v.name();
    } else if (e instanceof Add a) {
      StringBuilder sb = new StringBuilder(print(a.terms().get(0)));
      for (Expr term : a.terms().subList(1, a.terms().size())) {
        if (term instanceof Neg n) {
          sb.append(".sub(").append(operand(n.operand())).append(')');
        } else {
          sb.append(".add(").append(operand(term)).append(')');
        }
      }
      return sb.toString();
    } else if (e instanceof Mul m) {
      StringBuilder sb = new StringBuilder(print(m.factors().get(0)));
      for (Expr f : m.factors().subList(1, m.factors().size())) {
        sb.append(".mul(").append(operand(f)).append(')');
      }
      return sb.toString();
    } else if (e instanceof Div d) {
      return print(d.numerator()) + ".div(" + operand(d.denominator()) + ")";
    } else if (e instanceof Neg n) {
      return print(n.operand()) + ".neg()";
    } else if (e instanceof PowInt p) {
      return print(IntegerPowers.expand(p));
    } else if (e instanceof Call c) {
      return call(c);
    } else if (e instanceof Cond c && c.then() instanceof Var v && deferred.containsKey(v.name())) {
      return rarely(c.test(), deferred.get(v.name()), c.otherwise());
    } else if (e instanceof Cond c) {
      String then = c.then() instanceof Const k ? lanes.literal(k.value()) : print(c.then());
      return print(c.otherwise()) + ".blend(" + then + ", " + mask(c.test()) + ")";
    }
    throw unsupported(e);
  }

  /**
   * Declares {@code name}, the then-branch of a conditional, as computed only for a vector with a
   * lane whose test holds ({@link #rarely}): the caller has put the name in the branch's place
   * before CSE, so that none of the branch's nodes are bound outside it, and gives the branch as
   * its own CSE (bindings declared inside the block) over the bindings declared before the block
   * (the function's argument: their names).
   */
  public void defer(String name, java.util.function.Function<Set<String>, Cse.Result> then) {
    deferred.put(name, then);
  }

  /**
   * {@code test ? then : otherwise} where the test rarely holds (a factor of a product below
   * {@code sqrt(MIN_NORMAL)}, split into two halves, {@code lowering/TinyFactors}): the otherwise
   * branch for every lane, and {@code then}, with all its nodes, only inside {@code if
   * (mask.anyTrue())}, like the Taylor branch of {@code tanh}. The blend gives the same bits as
   * the plain blend; the vectors of ordinary inputs skip the split's {@code exp}.
   */
  private String rarely(Test test, java.util.function.Function<Set<String>, Cse.Result> branch, Expr otherwise) {
    Cse.Result then = branch.apply(Set.copyOf(declared));
    String r = let(print(otherwise));
    String m = "$" + fresh++;
    statements.add("var " + m + " = " + mask(test));
    int from = statements.size();
    for (Cse.Binding b : then.bindings()) bind(b.name(), b.expr());
    Expr root = then.roots().get(0);
    String value = root instanceof Const k ? lanes.literal(k.value()) : print(root);
    List<String> inside = new ArrayList<>(statements.subList(from, statements.size()));
    statements.subList(from, statements.size()).clear();
    StringBuilder sb = new StringBuilder("if (").append(m).append(".anyTrue()) { ");
    for (String st : inside) sb.append(st).append("; ");
    sb.append(r).append(" = ").append(r).append(".blend(").append(value).append(", ").append(m).append("); }");
    statements.add(sb.toString());
    return r;
  }

  /** A {@code VectorMask} expression for a test. */
  public String mask(Test t) {
    if (t instanceof Test.Compare c) {
      String op = OPS + c.op().name();
      return print(c.left()) + ".compare(" + op + ", " + operand(c.right()) + ")";
    } else if (t instanceof Test.And a) {
      return junction(a.operands(), "and", true);
    } else if (t instanceof Test.Or o) {
      return junction(o.operands(), "or", false);
    } else if (t instanceof Test.Not n) {
      return mask(n.operand()) + ".not()";
    }
    throw unsupported(t);
  }

  private String junction(List<Test> operands, String op, boolean empty) {
    if (operands.isEmpty()) {
      return species + ".maskAll(" + empty + ")";
    }
    StringBuilder sb = new StringBuilder(mask(operands.get(0)));
    for (Test o : operands.subList(1, operands.size())) {
      sb.append('.').append(op).append('(').append(mask(o)).append(')');
    }
    return sb.toString();
  }

  /** An operand of a binary vector method: a literal for a constant (the scalar overload). */
  private String operand(Expr e) {
    return e instanceof Const c ? lanes.literal(c.value()) : print(e);
  }

  private String broadcast(double v) {
    return lanes.vectorType() + ".broadcast(" + species + ", " + lanes.literal(v) + ")";
  }

  private String lit(double v) {
    return lanes.literal(v);
  }

  /** Binds {@code text} to a fresh local and returns its name. */
  private String let(String text) {
    String name = "$" + fresh++;
    statements.add(lanes.vectorType() + " " + name + " = " + text);
    return name;
  }

  private String call(Call c) {
    List<String> args = new ArrayList<>();
    for (Expr arg : c.args()) {
      args.add(print(arg));
    }
    String x = args.get(0);
    // A switch expression over the enum without default: a new Fn does not compile until it has
    // a vector form here.
    return switch (c.fn()) {
      case EXP, EXPM1, LOG, LOG1P, SINH, COSH, ATAN -> x + ".lanewise(" + OPS + c.fn().name() + ")";
      case SQRT -> x + ".sqrt()";
      case ABS -> x + ".abs()";
      case MAX -> x + ".max(" + args.get(1) + ")";
      case MIN -> x + ".min(" + args.get(1) + ")";
      case POW -> x + ".pow(" + args.get(1) + ")";
      case HYPOT -> x + ".lanewise(" + OPS + "HYPOT, " + args.get(1) + ")";
      case SIGNUM -> {
        // Math.signum: +-1, or x itself for +-0 and NaN
        String v = let(x);
        yield v + ".blend(" + lit(1.0) + ", " + v + ".compare(" + OPS + "GT, " + lit(0.0)
            + ")).blend(" + lit(-1.0) + ", " + v + ".compare(" + OPS + "LT, " + lit(0.0) + "))";
      }
      case TANH -> {
        // as the scalar helper: 1 - 2t / (1 + t), t = exp(-2|x|), and the odd Taylor polynomial
        // below a cutoff, blended; then the sign bit of x (-0.0 too). Lane-wise EXP is fast;
        // TANH (and EXPM1) are not.
        boolean isFloat = lanes == Lanes.FLOAT;
        double[] taylor = isFloat ? FLOAT_TANH_TAYLOR : DOUBLE_TANH_TAYLOR;
        double below = isFloat ? FLOAT_TANH_TAYLOR_BELOW : DOUBLE_TANH_TAYLOR_BELOW;
        String v = let(x);
        String a = let(v + ".abs()");
        String t = let(a + ".mul(" + lit(-2.0) + ").lanewise(" + OPS + "EXP)");
        String r = let(t + ".mul(" + lit(2.0) + ").div(" + t + ".add(" + lit(1.0) + ")).neg().add("
            + lit(1.0) + ")");
        // The Taylor polynomial is needed only where a lane is below the cutoff: for inputs of unit
        // scale about one vector in a hundred, so it is computed only then (a third of the
        // kernel's work otherwise). The blend gives the same bits either way.
        String small = "$" + fresh++;
        String s2 = "$" + fresh++;
        statements.add("var " + small + " = " + a + ".compare(" + OPS + "LT, " + lit(below) + ")");
        // Horner in s2: ((s2 * c_k + c_k-1) * s2 + ...) * s2 + c_1
        StringBuilder horner = new StringBuilder(s2).append(".mul(")
            .append(lit(taylor[taylor.length - 1])).append(')');
        for (int k = taylor.length - 2; k >= 0; k--) {
          horner.append(".add(").append(lit(taylor[k])).append(')');
          if (k > 0) {
            horner.append(".mul(").append(s2).append(')');
          }
        }
        statements.add("if (" + small + ".anyTrue()) { " + lanes.vectorType() + " " + s2 + " = " + a
            + ".mul(" + a + "); " + r + " = " + r + ".blend(" + a + ".add(" + a + ".mul(" + s2
            + ").mul(" + horner + ")), " + small + "); }");
        yield withSignOf(r, v);
      }
      case ASINH -> {
        // as the scalar helper (StableFunctions.asinh): log1p(a + a^2 / (1 + sqrt(1 + a^2))), a =
        // |x|, blended with log(a) + ln 2 beyond 2^28 (where a^2 may overflow); then the sign bit
        // of x (the magnitude is never negative, so -0.0 stays -0.0)
        String v = let(x);
        String a = let(v + ".abs()");
        String s = let(a + ".mul(" + a + ")");
        String near = let(a + ".add(" + s + ".div(" + s + ".add(" + lit(1.0) + ").sqrt().add(" + lit(1.0)
            + "))).lanewise(" + OPS + "LOG1P)");
        String far = let(a + ".lanewise(" + OPS + "LOG).add(" + lit(StableFunctions.LN2) + ")");
        String r = let(near + ".blend(" + far + ", " + a + ".compare(" + OPS + "GT, "
            + lit(StableFunctions.ASINH_FAR) + "))");
        yield withSignOf(r, v);
      }
      case LOGISTIC -> {
        // x >= 0: 1 / (1 + e^-x); otherwise e^x / (1 + e^x); both with e = exp(-|x|)
        String v = let(x);
        String e = let(v + ".abs().neg().lanewise(" + OPS + "EXP)");
        String d = let(e + ".add(" + lit(1.0) + ")");
        yield e + ".div(" + d + ").blend(" + broadcast(1.0) + ".div(" + d + "), " + v
            + ".compare(" + OPS + "GE, " + lit(0.0) + "))";
      }
      case SOFTPLUS -> {
        String v = let(x);
        yield v + ".max(" + lit(0.0) + ").add(" + v + ".abs().neg().lanewise(" + OPS
            + "EXP).lanewise(" + OPS + "LOG1P))";
      }
      case TANH_PRIME -> {
        String e = let(x + ".abs().mul(" + lit(-2.0) + ").lanewise(" + OPS + "EXP)");
        String d = let(e + ".add(" + lit(1.0) + ")");
        yield e + ".mul(" + lit(4.0) + ").div(" + d + ".mul(" + d + "))";
      }
      case LOG1PMX -> {
        // as the scalar helper (StableFunctions.log1pmx): -x s + 2 s^3 P(s^2), s = x / (2 + x),
        // for -1/2 <= x <= 1, else log1p(x) - x (-x at +Infinity), blended
        String v = let(x);
        String s = let(v + ".div(" + v + ".add(" + lit(2.0) + "))");
        String s2 = let(s + ".mul(" + s + ")");
        double[] series2 = StableFunctions.LOG1PMX_SERIES;
        StringBuilder horner = new StringBuilder(s2).append(".mul(").append(lit(series2[series2.length - 1])).append(')');
        for (int k = series2.length - 2; k >= 0; k--) {
          horner.append(".add(").append(lit(series2[k])).append(')');
          if (k > 0) horner.append(".mul(").append(s2).append(')');
        }
        String series = let(s + ".mul(" + s2 + ").mul(" + lit(2.0) + ").mul(" + horner + ").sub(" + v + ".mul(" + s + "))");
        String direct = let(v + ".lanewise(" + OPS + "LOG1P).sub(" + v + ").blend(" + v + ".neg(), " + v
            + ".compare(" + OPS + "EQ, " + lanes.vectorType().replace("Vector", "") + ".POSITIVE_INFINITY))");
        yield direct + ".blend(" + series + ", " + v + ".compare(" + OPS + "GE, " + lit(-0.5) + ").and(" + v
            + ".compare(" + OPS + "LE, " + lit(1.0) + ")))";
      }
    };
  }

  /**
   * The non-negative magnitude {@code r} with the sign bit of {@code x} ({@code copySign}, -0.0
   * included) for the odd functions: the lanes' bits or'ed.
   */
  private String withSignOf(String r, String x) {
    String sign = lanes.bitsBox + ".MIN_VALUE";
    return r + "." + lanes.asBits() + "().or(" + x + "." + lanes.asBits() + "().and(" + sign
        + ")).reinterpretAs" + lanes.plural + "()";
  }

  private IllegalStateException unsupported(Object node) {
    return new IllegalStateException(getClass().getSimpleName() + ": unsupported node type "
        + (node == null ? "null" : node.getClass().getName()));
  }
}
