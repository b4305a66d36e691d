package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A condition {@code |alpha z + beta| op R} whose coefficients and bound depend on free parameters
 * (but not on z), tested as bounds on z itself: {@code |alpha z + beta| <= R} becomes {@code
 * center - half <= z <= center + half} with {@code center = -beta/alpha} and {@code half =
 * R/|alpha|}, simplified by Symja.
 *
 * <p>Why: as written, the generated code rounds {@code z + beta/alpha} (or the quotient {@code
 * |z - mu| / |c|}) before it compares, so next to a breakpoint that the parameters put at an exactly
 * representable place the wrong case can win. The Tukey biweight with a free scale, {@code
 * Abs[(z-mu)/c] <= 1}, has the breakpoint {@code 1 - c = 0} at the default {@code c = 1}: at {@code z =
 * -1.5e-83}, {@code |z - 1| / |c|} rounds to 1 and the case of a hypothesis that is outside its support
 * was taken, a mean twice the exact one (the output has its root at that breakpoint). Compared with
 * {@code 1 - |c|}, which is exactly 0 there, the decision is exact; in general the breakpoint is
 * rounded once, where the quotient was rounded at every z. Conditions free of parameters are left
 * to {@code PiecewiseSplitter}, which cuts the line at their exact breakpoints. A square {@code P u^2
 * op R} is {@code |u| op Sqrt[R/P]} (the truncated quadratic {@code Min[(z-mu)^2, c]} with a free c:
 * its breakpoint {@code 1 - Sqrt[c]} is 0 at c = 1, where {@code (z+1)^2 <= c} rounded to true at
 * z = 4.6e-295 and doubled the mean).
 */
final class ConditionIsolation {
  private final Symja symja;
  private final ISymbol z;

  ConditionIsolation(Symja symja, ISymbol z) {
    this.symja = symja;
    this.z = z;
  }

  /**
   * The test {@code lhs op rhs} as bounds on z, lowered by {@code translate}; empty unless one side
   * is {@code Abs} of an expression of degree one in z with parametric coefficients and the other
   * side is free of z.
   */
  Optional<Expr.Test> isolate(IExpr lhs, IExpr rhs, Expr.Test.Op op, Function<IExpr, Expr> translate) {
    if (op == Expr.Test.Op.EQ || op == Expr.Test.Op.NE) return Optional.empty();
    if (lhs.isFree(z) && !rhs.isFree(z)) return isolate(rhs, lhs, flipped(op), translate);
    if (!rhs.isFree(z) || lhs.isFree(z)) return Optional.empty();
    // lhs = P |u| with P > 0 free of z (Abs[-1+z]/Abs[c], as Symja writes |(z-1)/c|)
    IExpr abs = null;
    IExpr positive = F.C1;
    List<IExpr> factors = Symja.factors(lhs);
    boolean squared = false;
    for (IExpr factor : factors) {
      if (factor.isAST(S.Abs, 2) && !factor.isFree(z) && abs == null) {
        abs = factor;
      } else if (factor.isPower() && factor.exponent().equals(F.C2) && !factor.base().isFree(z) && abs == null) {
        // u^2 op R is |u| op Sqrt[R] (Min[(z-mu)^2, c] breaks at mu +- Sqrt[c])
        abs = F.Abs(factor.base());
        squared = true;
      } else if (factor.isFree(z) && positive(factor)) {
        positive = F.Times(positive, factor);
      } else {
        return Optional.empty();
      }
    }
    if (abs == null) return Optional.empty();
    rhs = symja.eval(F.Times(rhs, F.Power(positive, F.CN1)));
    if (squared) {
      // R < 0: u^2 <= R never holds (Sqrt is NaN, every comparison false); u^2 >= R always does
      // (the bound 0)
      boolean below = op == Expr.Test.Op.LE || op == Expr.Test.Op.LT;
      rhs = symja.eval(F.Sqrt(below ? rhs : F.Max(F.C0, rhs)));
    }
    IExpr u = symja.eval(F.Expand(abs.first()));
    if (!symja.eval(F.Exponent(u, z)).isOne()) return Optional.empty();
    IExpr alpha = symja.eval(F.Coefficient(u, z, F.C1));
    IExpr beta = symja.eval(F.Coefficient(u, z, F.C0));
    if (!alpha.isFree(z) || !beta.isFree(z) || alpha.isZero()) return Optional.empty();
    boolean parametric = !(alpha.isNumber() && beta.isNumber() && rhs.isNumber());
    if (!parametric) return Optional.empty();
    IExpr center = symja.eval(F.Times(F.CN1, beta, F.Power(alpha, F.CN1)));
    IExpr half = symja.eval(F.Times(rhs, F.Power(F.Abs(alpha), F.CN1)));
    Expr lower = translate.apply(symja.eval(F.Subtract(center, half)));
    Expr upper = translate.apply(symja.eval(F.Plus(center, half)));
    Expr.Var zv = new Expr.Var("z");
    return Optional.of(switch (op) {
      case LE -> new Expr.Test.And(List.of(compare(Expr.Test.Op.GE, zv, lower), compare(Expr.Test.Op.LE, zv, upper)));
      case LT -> new Expr.Test.And(List.of(compare(Expr.Test.Op.GT, zv, lower), compare(Expr.Test.Op.LT, zv, upper)));
      case GE -> new Expr.Test.Or(List.of(compare(Expr.Test.Op.LE, zv, lower), compare(Expr.Test.Op.GE, zv, upper)));
      case GT -> new Expr.Test.Or(List.of(compare(Expr.Test.Op.LT, zv, lower), compare(Expr.Test.Op.GT, zv, upper)));
      default -> throw new AssertionError(op);
    });
  }

  /** Positive by its form: a positive number, an {@code Abs}, or a power of one. */
  private static boolean positive(IExpr e) {
    if (e.isNumber()) return e.isPositive();
    if (e.isAST(S.Abs, 2)) return true;
    return e.isPower() && e.base().isAST(S.Abs, 2) && e.exponent().isInteger();
  }

  private static Expr.Test compare(Expr.Test.Op op, Expr left, Expr right) {
    return new Expr.Test.Compare(op, left, right);
  }

  /** {@code a op b} as {@code b op' a}. */
  private static Expr.Test.Op flipped(Expr.Test.Op op) {
    return switch (op) {
      case LE -> Expr.Test.Op.GE;
      case LT -> Expr.Test.Op.GT;
      case GE -> Expr.Test.Op.LE;
      case GT -> Expr.Test.Op.LT;
      default -> op;
    };
  }
}
