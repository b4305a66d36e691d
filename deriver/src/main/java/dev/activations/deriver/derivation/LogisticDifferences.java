package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Differences of two logistic terms whose exponents differ by a constant, rewritten without
 * cancellation: {@code c/(1 + E^u1) - c/(1 + E^u2) = -c (E^(u1 - u2) - 1) / ((1 + E^u1) (1 + E^-u2))},
 * where {@code u1 - u2} simplifies to an expression free of the variable.
 *
 * <p>Why: the derivative of a logistic (softplus) energy difference is such a difference, of two
 * numbers near 1 for z << 0 (Symja writes one of them as {@code E/(E + E^z)}), so every digit
 * cancels (0 at z = -300 where the truth is 2.5e-131). The product has no subtraction of nearly
 * equal numbers left, and its factors lower to logistic functions that are accurate in both tails.
 * A term is recognised as {@code c/(1 + E^u)} when, with its numeric factor k taken out (c = +-k),
 * {@code +-1/t - 1} combines to a single power of E: the slope a of {@code log(1 + E^(-a(z -
 * mu)))} is such a factor (at a = 1/2 the signed entropy's derivative was -0.0 at z = -700, exact
 * 1.0e-153, before the factor was taken out).
 */
final class LogisticDifferences {
  private LogisticDifferences() {}

  /** {@code e} with the first such pair of terms of a sum combined; {@code e} if there is none. */
  static IExpr combine(Symja symja, IExpr e, ISymbol v) {
    if (e.isTimes()) {
      // the slope a of log(1 + E^(-a(z - mu))) often stays outside the sum: (1/2) (1/(1 + E^u1) - ...)
      IAST product = (IAST) e;
      IExpr[] factors = new IExpr[product.size() - 1];
      boolean changed = false;
      for (int i = 1; i < product.size(); i++) {
        factors[i - 1] = product.get(i).isPlus() ? combine(symja, product.get(i), v) : product.get(i);
        changed |= factors[i - 1] != product.get(i);
      }
      return changed ? F.Times(factors) : e;
    }
    if (!e.isPlus()) return e;
    IAST sum = (IAST) e;
    List<Logistic> logistics = new ArrayList<>();
    for (int i = 1; i < sum.size(); i++) logistics.add(logistic(symja, sum.get(i)));
    IExpr paired = SumPairs.combineFirst(e, (i, j) -> {
      Logistic a = logistics.get(i - 1);
      Logistic b = logistics.get(j - 1);
      if (a == null || b == null || !symja.eval(F.Plus(a.coefficient(), b.coefficient())).isZero()) return null;
      IExpr gap = symja.eval(F.Expand(F.Subtract(a.exponent(), b.exponent())));
      if (!gap.isFree(v) || gap.isZero()) return null;
      return F.Times(F.Negate(a.coefficient()), F.Plus(F.Exp(gap), F.CN1),
          F.Power(F.Plus(F.C1, F.Exp(a.exponent())), F.CN1),
          F.Power(F.Plus(F.C1, F.Exp(F.Negate(b.exponent()))), F.CN1));
    });
    return paired != e ? paired : complements(symja, sum);
  }

  /**
   * Two terms {@code c_1/(1 + E^u_1) + c_2/(1 + E^u_2)} whose coefficients are polynomials in z
   * that nearly cancel ({@code c_1 + c_2 = s} of a lower degree) and whose exponents differ by an
   * expression free of z: where the exponents are negative both logistic factors are near 1 and
   * the terms cancel to {@code s}, so there the sum is taken as {@code s - c_1/(1 + E^-u_1) -
   * c_2/(1 + E^-u_2)} (each logistic factor as its complement {@code 1 - 1/(1 + E^-u)}), an
   * identity whose remaining terms are small; elsewhere as written. Why: the logistic kernel's
   * energy difference has the slope {@code (1 - z) E^a/(E^a + E^(a z)) + (1 + z)/(1 + E^(a + a
   * z))} in its rate a, two numbers of about {@code |z|} that cancel to about 2 for z << 0: the
   * entropy's {@code dA} at a = 0.43 was 7.5e-9 off at z = -1e8.
   */
  private static IExpr complements(Symja symja, IAST sum) {
    ISymbol z = symja.symbol("z");
    List<Weighted> terms = new ArrayList<>();
    for (int i = 1; i < sum.size(); i++) terms.add(weighted(symja, sum.get(i), z));
    return SumPairs.combineFirst(sum, (i, j) -> {
      Weighted a = terms.get(i - 1);
      Weighted b = terms.get(j - 1);
      if (a == null || b == null) return null;
      IExpr gap = symja.eval(F.Expand(F.Subtract(a.exponent(), b.exponent())));
      if (!gap.isFree(z)) return null;
      IExpr s = symja.eval(F.Expand(F.Plus(a.coefficient(), b.coefficient())));
      long degree = Math.max(degree(symja, a.coefficient(), z), degree(symja, b.coefficient(), z));
      if (degree(symja, s, z) >= degree) return null;
      IExpr complement = F.Plus(s,
          F.Times(F.CN1, a.coefficient(), F.Power(F.Plus(F.C1, F.Exp(F.Negate(a.exponent()))), F.CN1)),
          F.Times(F.CN1, b.coefficient(), F.Power(F.Plus(F.C1, F.Exp(F.Negate(b.exponent()))), F.CN1)));
      IExpr middle = symja.eval(F.Expand(F.Plus(a.exponent(), b.exponent())));
      return F.Piecewise(F.List(F.List(complement, F.Less(middle, F.C0))), F.Plus(sum.get(i), sum.get(j)));
    });
  }

  /** A term {@code coefficient / (1 + E^exponent)} whose coefficient is a polynomial in z of degree >= 1. */
  private record Weighted(IExpr coefficient, IExpr exponent) {}

  private static Weighted weighted(Symja symja, IExpr term, ISymbol z) {
    if (!term.isTimes()) return null;
    List<IExpr> coefficient = new ArrayList<>();
    List<IExpr> unit = new ArrayList<>();
    for (IExpr factor : (IAST) term) {
      (factor.isFree(x -> x.isPower() && x.base().isE(), true) ? coefficient : unit).add(factor);
    }
    if (coefficient.isEmpty() || unit.isEmpty()) return null;
    IExpr c = symja.eval(F.Times(coefficient.toArray(new IExpr[0])));
    if (c.isFree(z) || !symja.eval(F.PolynomialQ(c, z)).isTrue()) return null;
    IExpr u = symja.eval(F.Times(unit.toArray(new IExpr[0])));
    IExpr exponent = exponent(symja, u, 1);
    return exponent == null ? null : new Weighted(c, exponent);
  }

  /** {@code u} where {@code sign / unit = 1 + E^u} (the unit is {@code sign / (1 + E^u)}); else null. */
  private static IExpr exponent(Symja symja, IExpr unit, int sign) {
    IExpr rest = symja.eval(F.Together(F.Subtract(F.Divide(F.ZZ(sign), unit), F.C1)));
    return rest.isPower() && rest.base().isE() ? rest.exponent() : null;
  }

  private static long degree(Symja symja, IExpr polynomial, ISymbol z) {
    return symja.eval(F.Exponent(polynomial, z)).toLongDefault();
  }

  /** A term {@code coefficient / (1 + E^exponent)}, the coefficient a number. */
  private record Logistic(IExpr coefficient, IExpr exponent) {}

  private static Logistic logistic(Symja symja, IExpr term) {
    if (term.isFree(x -> x.isPower() && x.base().isE(), true)) return null;
    IExpr factor = term.isTimes() && term.first().isNumber() ? term.first() : F.C1;
    IExpr unit = factor.isOne() ? term : symja.eval(F.Divide(term, factor));
    for (int sign : new int[] {1, -1}) {
      IExpr exponent = exponent(symja, unit, sign);
      if (exponent != null) return new Logistic(symja.eval(F.Times(F.ZZ(sign), factor)), exponent);
    }
    return null;
  }
}
