package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Constant exponentials in a quotient contracted to hyperbolic functions: {@code c E^a + c E^-a =
 * 2 c Cosh[a]} and {@code c E^a - c E^-a = 2 c Sinh[a]}, after numerator and denominator are both
 * divided by {@code E^m}, m the midpoint of the constant exponents of the denominator (so that they
 * come in symmetric pairs).
 *
 * <p>The logistic kernel's signed mean comes out of {@code Together} as {@code (1-E^2)/(1+E^2+2
 * E^(1+z))}; divided by {@code 2 E} above and below it is {@code -Sinh[1]/(E^z+Cosh[1])}. Symja's
 * {@code ExpToTrig} does not do this: it rewrites every exponential, z-dependent ones included,
 * and expands the constants into sums of products of hyperbolic functions.
 */
final class ExponentialConstants {
  private final Symja symja;
  private final ISymbol z;
  private final WorkBudget budget;

  ExponentialConstants(Symja symja, WorkBudget budget) {
    this.symja = symja;
    this.z = symja.symbol("z");
    this.budget = budget;
  }

  /** {@code q} balanced and contracted; empty when it has no pair of constant exponentials to contract. */
  Optional<IExpr> contract(IExpr q) {
    IExpr num = symja.eval(F.Numerator(q));
    IExpr den = symja.eval(F.Denominator(q));
    List<IExpr> exponents = constantExponents(den);
    if (exponents.size() < 2) exponents = constantExponents(num);
    if (exponents.size() < 2) return Optional.empty();
    IExpr lo = exponents.get(0);
    IExpr hi = exponents.get(0);
    for (IExpr a : exponents) {
      if (symja.eval(F.Less(a, lo)).isTrue()) lo = a;
      if (symja.eval(F.Greater(a, hi)).isTrue()) hi = a;
    }
    IExpr mid = symja.eval(F.Times(F.C1D2, F.Plus(lo, hi)));
    IExpr shift = F.Power(S.E, F.Negate(mid));
    Optional<IExpr> n = Bounded.apply(symja, "Expand", F.Times(shift, num), budget);
    Optional<IExpr> d = Bounded.apply(symja, "Expand", F.Times(shift, den), budget);
    if (n.isEmpty() || d.isEmpty()) return Optional.empty();
    IExpr cn = pairs(n.get());
    IExpr cd = pairs(d.get());
    if (cn == null && cd == null) return Optional.empty();
    IExpr quotient = symja.eval(F.Divide(cn == null ? n.get() : cn, cd == null ? d.get() : cd));
    return Optional.of(Bounded.apply(symja, "Factor", quotient, budget).orElse(quotient));
  }

  /** The exponents a of the z-free terms {@code c E^a} of a sum (a number is {@code c E^0}). */
  private List<IExpr> constantExponents(IExpr sum) {
    List<IExpr> out = new ArrayList<>();
    if (!sum.isPlus()) return out;
    for (IExpr t : (IAST) sum) {
      Term term = term(t);
      if (term != null && !out.contains(term.exponent())) out.add(term.exponent());
    }
    return out;
  }

  /** The sum with its symmetric constant pairs contracted; null if it has none. */
  private IExpr pairs(IExpr sum) {
    if (!sum.isPlus()) return null;
    IAST s = (IAST) sum;
    List<IExpr> rest = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    for (IExpr t : s) {
      Term term = term(t);
      if (term == null || term.exponent().isZero()) rest.add(t);
      else terms.add(term);
    }
    boolean changed = false;
    boolean[] used = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      if (used[i]) continue;
      Term a = terms.get(i);
      for (int j = i + 1; j < terms.size() && !used[i]; j++) {
        Term b = terms.get(j);
        if (used[j] || !symja.eval(F.Plus(a.exponent(), b.exponent())).isZero()) continue;
        Term pos = a.exponent().isPositive() ? a : b;
        Term neg = pos == a ? b : a;
        if (pos.coefficient().equals(neg.coefficient())) {
          rest.add(F.Times(F.C2, pos.coefficient(), F.Cosh(pos.exponent())));
        } else if (symja.eval(F.Plus(pos.coefficient(), neg.coefficient())).isZero()) {
          rest.add(F.Times(F.C2, pos.coefficient(), F.Sinh(pos.exponent())));
        } else {
          continue;
        }
        used[i] = true;
        used[j] = true;
        changed = true;
      }
      if (!used[i]) rest.add(a.expr());
    }
    return changed ? symja.eval(F.ast(S.Plus, rest)) : null;
  }

  /** A z-free term {@code c E^a} with rational c and a. */
  private record Term(IExpr coefficient, IExpr exponent, IExpr expr) {}

  private Term term(IExpr t) {
    if (!t.isFree(z)) return null;
    if (t.isRational()) return new Term(t, F.C0, t);
    IExpr c = F.C1;
    IExpr e = t;
    if (t.isTimes() && t.size() == 3 && t.first().isRational()) {
      c = t.first();
      e = t.second();
    }
    if (e.isE()) return new Term(c, F.C1, t);
    if (e.isPower() && e.base().isE() && e.exponent().isRational()) return new Term(c, e.exponent(), t);
    return null;
  }
}
