package dev.activations.deriver.lowering;

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
import java.util.List;
import java.util.Map;

/**
 * Interprets an IR expression in double with exactly the semantics of the printed Java, so that
 * accuracy measured here is the accuracy of the compiled code:
 *
 * <ul>
 *   <li>sums and products run left to right as printed ({@code ((a + b) + c)}); a negated term
 *       prints as a subtraction, and IEEE 754 defines {@code a - b} as {@code a + (-b)} exactly;
 *   <li>integer powers follow {@link IntegerPowers} (the printer prints the same product);
 *   <li>functions are the same {@code Math} calls, and the helpers are {@link StableFunctions},
 *       whose formulas the emitter copies into every generated class;
 *   <li>comparisons are Java's ({@code false} for NaN except {@code !=}).
 * </ul>
 *
 * <p>Java never contracts {@code a * b + c} into a fused multiply-add, so there is nothing else to
 * match.
 */
public final class DoubleEvaluator {
  private final Map<String, Double> variables;

  private DoubleEvaluator(Map<String, Double> variables) {
    this.variables = variables;
  }

  /** Evaluates {@code e} with the given variable values (z, parameters, CSE temporaries). */
  public static double evaluate(Expr e, Map<String, Double> variables) {
    return new DoubleEvaluator(variables).eval(e);
  }

  /** Evaluates {@code e} with {@code z} as its only variable. */
  public static double evaluate(Expr e, double z) {
    return evaluate(e, Map.of("z", z));
  }

  /** Evaluates a test of a {@link Cond}. */
  public static boolean test(Test t, Map<String, Double> variables) {
    return new DoubleEvaluator(variables).check(t);
  }

  /**
   * A known function applied to double arguments: the same call the printed Java makes (see
   * {@code KnownFunctions} in the emitter).
   */
  public static double apply(Fn fn, double... a) {
    if (a.length != fn.arity()) {
      throw new IllegalArgumentException(fn + " takes " + fn.arity() + " arguments");
    }
    return switch (fn) {
      case EXP -> Math.exp(a[0]);
      case EXPM1 -> Math.expm1(a[0]);
      case LOG -> Math.log(a[0]);
      case LOG1P -> Math.log1p(a[0]);
      case SQRT -> Math.sqrt(a[0]);
      case ABS -> Math.abs(a[0]);
      case SINH -> Math.sinh(a[0]);
      case COSH -> Math.cosh(a[0]);
      case TANH -> StableFunctions.tanh(a[0]);
      case SIGNUM -> Math.signum(a[0]);
      case MAX -> Math.max(a[0], a[1]);
      case MIN -> Math.min(a[0], a[1]);
      case POW -> Math.pow(a[0], a[1]);
      case HYPOT -> Math.hypot(a[0], a[1]);
      case LOGISTIC -> StableFunctions.logistic(a[0]);
      case SOFTPLUS -> StableFunctions.softplus(a[0]);
      case TANH_PRIME -> StableFunctions.tanhPrime(a[0]);
    };
  }

  private double eval(Expr e) {
    if (e instanceof Const c) {
      return c.value();
    } else if (e instanceof Var v) {
      Double x = variables.get(v.name());
      if (x == null) {
        throw new IllegalArgumentException("no value for variable " + v.name());
      }
      return x;
    } else if (e instanceof Add a) {
      List<Expr> t = a.terms();
      double acc = eval(t.get(0));
      for (int i = 1; i < t.size(); i++) {
        acc += eval(t.get(i));
      }
      return acc;
    } else if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      double acc = eval(f.get(0));
      for (int i = 1; i < f.size(); i++) {
        acc *= eval(f.get(i));
      }
      return acc;
    } else if (e instanceof Div d) {
      return eval(d.numerator()) / eval(d.denominator());
    } else if (e instanceof Neg n) {
      return -eval(n.operand());
    } else if (e instanceof PowInt p) {
      return IntegerPowers.pow(eval(p.base()), p.exponent());
    } else if (e instanceof Call c) {
      double[] args = new double[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = eval(c.args().get(i));
      }
      return apply(c.fn(), args);
    } else if (e instanceof Cond c) {
      return check(c.test()) ? eval(c.then()) : eval(c.otherwise());
    }
    throw Exprs.unsupported("DoubleEvaluator", e);
  }

  private boolean check(Test t) {
    if (t instanceof Test.Compare c) {
      double l = eval(c.left());
      double r = eval(c.right());
      return switch (c.op()) {
        case LT -> l < r;
        case LE -> l <= r;
        case GT -> l > r;
        case GE -> l >= r;
        case EQ -> l == r;
        case NE -> l != r;
      };
    } else if (t instanceof Test.And a) {
      for (Test o : a.operands()) {
        if (!check(o)) {
          return false;
        }
      }
      return true;
    } else if (t instanceof Test.Or o) {
      for (Test x : o.operands()) {
        if (check(x)) {
          return true;
        }
      }
      return false;
    } else if (t instanceof Test.Not n) {
      return !check(n.operand());
    }
    throw Exprs.unsupported("DoubleEvaluator", t);
  }
}
