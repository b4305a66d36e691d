package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Sums of weighted exponentials with paired exponents written as hyperbolic functions: {@code c
 * E^(m+u) + c E^(m-u) = 2 c E^m Cosh[u]} and {@code c E^(m+u) - c E^(m-u) = 2 c E^m Sinh[u]},
 * where {@code m} is free of z (the two exponents' z-dependent parts are opposite).
 *
 * <p>This is the per-pair identity of a posterior with several hypotheses: hypotheses placed
 * symmetrically (centres {@code +-mu}) contribute {@code E^(+-mu z)} to the partition function,
 * and a pair of them is one {@code Cosh} (one {@code Sinh} in the numerator of a signed mean). A
 * pair whose coefficients are neither equal nor opposite stays as it is: writing it as {@code
 * Cosh} plus {@code Sinh} would make it longer.
 */
final class ExponentialPairs {
  /** One term {@code coefficient * E^exponent}. */
  record Term(IExpr coefficient, IExpr exponent) {}

  private final Symja symja;
  private final ISymbol z;

  ExponentialPairs(Symja symja) {
    this.symja = symja;
    this.z = symja.symbol("z");
  }

  /** The sum of {@code terms}, paired where the identity applies (terms in the given order otherwise). */
  IExpr sum(List<Term> terms) {
    List<Term> left = new ArrayList<>(terms);
    List<IExpr> out = new ArrayList<>();
    while (!left.isEmpty()) {
      Term a = left.remove(0);
      if (a.coefficient().isZero()) continue;
      IExpr paired = null;
      for (int i = 0; i < left.size() && paired == null; i++) {
        paired = pair(a, left.get(i));
        if (paired != null) left.remove(i);
      }
      out.add(paired != null ? paired : F.Times(a.coefficient(), F.Exp(a.exponent())));
    }
    if (out.isEmpty()) return F.C0;
    return symja.eval(out.size() == 1 ? out.get(0) : F.Plus(out.toArray(new IExpr[0])));
  }

  private IExpr pair(Term a, Term b) {
    IExpr centre = symja.eval(F.Expand(F.Times(F.C1D2, F.Plus(a.exponent(), b.exponent()))));
    if (!centre.isFree(z)) return null;
    IExpr half = symja.eval(F.Expand(F.Times(F.C1D2, F.Subtract(a.exponent(), b.exponent()))));
    if (half.isFree(z)) return null;
    IExpr sum = symja.eval(F.Expand(F.Plus(a.coefficient(), b.coefficient())));
    IExpr difference = symja.eval(F.Expand(F.Subtract(a.coefficient(), b.coefficient())));
    IExpr scale = centre.isZero() ? F.C1 : F.Exp(centre);
    if (difference.isZero()) return F.Times(scale, sum, F.Cosh(half));
    if (sum.isZero()) return F.Times(scale, difference, F.Sinh(half));
    return null;
  }
}
