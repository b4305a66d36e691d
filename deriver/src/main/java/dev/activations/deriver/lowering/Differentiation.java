package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative of a lowered (already stable) form, taken in the IR: a further derivative
 * candidate next to Symja's.
 *
 * <p>Symja differentiates the algebraic form, so differences that the lowering had made stable
 * come back as differences of nearly equal numbers: the derivative of {@code softplus(u) -
 * softplus(v)} for large u and v is {@code logistic(u) - logistic(v)} (fine), but Symja's form of
 * it is {@code e^u/(1+e^u) - e^v/(1+e^v)}, two numbers near 1 whose difference is ~e^-u. Each
 * stable primitive here has a stable derivative (softplus' = logistic, logistic' = logistic(u)
 * logistic(-u), tanh' = tanh_prime, hypot(x, y)' = (x/hypot) x' + (y/hypot) y'), a quotient is
 * differentiated as {@code n'/d - (n/d)(d'/d)} (no {@code d^2} to overflow) and a {@link Cond}
 * branch by branch. Whether the result is accurate is measured like every other candidate.
 */
final class Differentiation {
  private static final Const ZERO = Const.of(0.0);
  private static final Const ONE = Const.of(1.0);

  private final String variable;
  /** Each node object differentiated once: a subtree shared by several parents has one derivative. */
  private final OncePerNode done = new OncePerNode();

  private Differentiation(String variable) {
    this.variable = variable;
  }

  /** d e / d variable, with the accuracy rewrites applied. */
  static Expr of(Expr e, String variable) {
    return Rewrites.apply(new Differentiation(variable).d(e));
  }

  private Expr d(Expr e) {
    return done.apply(e, this::derivative);
  }

  private Expr derivative(Expr e) {
    if (e instanceof Const) return ZERO;
    if (e instanceof Var v) return v.name().equals(variable) ? ONE : ZERO;
    if (e instanceof Add a) {
      List<Expr> terms = new ArrayList<>();
      for (Expr t : a.terms()) terms.add(d(t));
      return sum(terms);
    }
    if (e instanceof Mul m) {
      List<Expr> terms = new ArrayList<>();
      for (int i = 0; i < m.factors().size(); i++) {
        Expr di = d(m.factors().get(i));
        if (isZero(di)) continue;
        List<Expr> f = new ArrayList<>(m.factors());
        if (di instanceof Mul dm && dm.factors().size() == 2 && dm.factors().get(0).equals(m.factors().get(i))) {
          // x^y (y' log x + ...): the factor itself in its place, its logarithmic derivative last.
          // (x^y L) v overflowed in x^y L where x^y v, a power times an expm1 of a small gap, did
          // not (Barron's loss, dA at z = -MAX_VALUE: Infinity where the exact value is -298)
          f.add(dm.factors().get(1));
        } else {
          f.set(i, di);
        }
        terms.add(product(f));
      }
      return sum(terms);
    }
    if (e instanceof Div q) {
      Expr dn = d(q.numerator());
      Expr dd = d(q.denominator());
      Expr first = isZero(dn) ? ZERO : new Div(dn, q.denominator());
      if (isZero(dd)) return first;
      Expr second = product(List.of(q, new Div(dd, q.denominator())));
      return sum(List.of(first, new Neg(second)));
    }
    if (e instanceof Neg n) {
      Expr dn = d(n.operand());
      return isZero(dn) ? ZERO : new Neg(dn);
    }
    if (e instanceof PowInt p) {
      Expr db = d(p.base());
      if (isZero(db)) return ZERO;
      Expr lower = p.exponent() == 2 ? p.base() : new PowInt(p.base(), p.exponent() - 1);
      return product(List.of(Const.of(p.exponent()), lower, db));
    }
    if (e instanceof Cond c) {
      Expr t = d(c.then());
      Expr o = d(c.otherwise());
      return isZero(t) && isZero(o) ? ZERO : new Cond(c.test(), t, o);
    }
    if (e instanceof Call c) return call(c);
    throw new IllegalArgumentException("differentiation: unknown node " + e.getClass().getSimpleName());
  }

  private Expr call(Call c) {
    Expr u = c.args().get(0);
    if (c.fn() == Fn.MAX || c.fn() == Fn.MIN) {
      Expr v = c.args().get(1);
      Expr.Test.Op op = c.fn() == Fn.MAX ? Expr.Test.Op.GE : Expr.Test.Op.LE;
      return new Cond(new Expr.Test.Compare(op, u, v), d(u), d(v));
    }
    if (c.fn() == Fn.HYPOT) {
      Expr v = c.args().get(1);
      return sum(List.of(chain(new Div(u, c), d(u)), chain(new Div(v, c), d(v))));
    }
    if (c.fn() == Fn.POW) {
      Expr y = c.args().get(1);
      Expr dy = d(y);
      if (y instanceof Const k) {
        return chain(product(List.of(k, Call.of(Fn.POW, u, Const.of(k.value() - 1.0)))), d(u));
      }
      // x^y (y' log x + y x'/x)
      return product(List.of(c, sum(List.of(chain(Call.of(Fn.LOG, u), dy), chain(new Div(y, u), d(u))))));
    }
    Expr du = d(u);
    if (isZero(du)) return ZERO;
    Expr outer = switch (c.fn()) {
      case EXP, EXPM1 -> Call.of(Fn.EXP, u);
      case LOG -> new Div(ONE, u);
      case LOG1P -> new Div(ONE, new Add(List.of(ONE, u)));
      case SQRT -> new Div(Const.of(0.5), c);
      case ABS -> Call.of(Fn.SIGNUM, u);
      case SINH -> Call.of(Fn.COSH, u);
      case COSH -> Call.of(Fn.SINH, u);
      case TANH -> Call.of(Fn.TANH_PRIME, u);
      case SIGNUM -> ZERO;
      case LOGISTIC -> product(List.of(c, Call.of(Fn.LOGISTIC, Rewrites.negate(u))));
      case SOFTPLUS -> Call.of(Fn.LOGISTIC, u);
      case TANH_PRIME -> product(List.of(Const.of(-2.0), Call.of(Fn.TANH, u), c));
      // (log1p(u) - u)' = 1/(1 + u) - 1 = -u/(1 + u): no cancellation
      case LOG1PMX -> new Neg(new Div(u, new Add(List.of(ONE, u))));
      // 1/(1 + u^2): 0 where u^2 overflows, and the exact value there is below 1e-308
      case ATAN -> new Div(ONE, new Add(List.of(ONE, new Mul(List.of(u, u)))));
      // 1/sqrt(1 + u^2) as 1/hypot(1, u): about 1/|u| where u^2 would overflow
      case ASINH -> new Div(ONE, Call.of(Fn.HYPOT, ONE, u));
      default -> throw new IllegalArgumentException("differentiation: " + c.fn());
    };
    return chain(outer, du);
  }

  /** outer * inner', without the factor when inner' is 1. */
  private static Expr chain(Expr outer, Expr inner) {
    if (isZero(inner) || isZero(outer)) return ZERO;
    if (inner instanceof Const k && k.value() == 1.0) return outer;
    return product(List.of(outer, inner));
  }

  private static boolean isZero(Expr e) {
    return e instanceof Const c && c.value() == 0.0;
  }

  private static Expr sum(List<Expr> terms) {
    List<Expr> t = terms.stream().filter(x -> !isZero(x)).toList();
    return t.isEmpty() ? ZERO : t.size() == 1 ? t.get(0) : new Add(t);
  }

  private static Expr product(List<Expr> factors) {
    if (factors.stream().anyMatch(Differentiation::isZero)) return ZERO;
    return factors.size() == 1 ? factors.get(0) : new Mul(factors);
  }
}
