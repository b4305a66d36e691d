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
 * Exponentials in a quotient whose exponents differ by constants contracted to hyperbolic
 * functions of those constants: {@code c E^(a+f) + c E^(b+f) = 2 c E^(m+f) Cosh[(a-b)/2]} and
 * {@code c E^(a+f) - c E^(b+f) = 2 c E^(m+f) Sinh[(a-b)/2]} with {@code m = (a+b)/2} (f the part
 * of the exponent that depends on z); then numerator and denominator are both divided by the
 * exponential {@code E^(m+f)} of the denominator's contracted term, and their common integer
 * factor cancels.
 *
 * <p>The logistic kernel's signed mean comes out of {@code Together} as {@code (1-E^2)/(1+E^2+2
 * E^(1+z))}, which this turns into {@code -Sinh[1]/(E^z+Cosh[1])}; with slope 2 the same with
 * {@code E^(2z)}. Symja's {@code ExpToTrig} does not do this: it rewrites every exponential,
 * z-dependent ones included, and expands the constants into sums of products.
 */
final class ExponentialConstants {
  /** Larger quotients are left alone: contraction pays off on short sums of exponentials. */
  static final int MAX_LEAVES = 60;

  private final Symja symja;
  private final ISymbol z;
  private final WorkBudget budget;

  ExponentialConstants(Symja symja, WorkBudget budget) {
    this.symja = symja;
    this.z = symja.symbol("z");
    this.budget = budget;
  }

  /** {@code q} with its exponentials contracted; empty when no pair contracts. */
  Optional<IExpr> contract(IExpr q) {
    if (q.leafCount() > MAX_LEAVES) return Optional.empty();
    IExpr num = symja.eval(F.Numerator(q));
    IExpr den = symja.eval(F.Denominator(q));
    List<IExpr> shift = new ArrayList<>();
    IExpr cn = pairs(num, null);
    IExpr cd = pairs(den, shift);
    if (cn == null && cd == null) return Optional.empty();
    IExpr n = cn == null ? num : cn;
    IExpr d = cd == null ? den : cd;
    if (!shift.isEmpty()) {
      IExpr by = F.Power(S.E, F.Negate(shift.get(0)));
      Optional<IExpr> sn = Bounded.apply(symja, "Expand", F.Times(by, n), budget);
      Optional<IExpr> sd = Bounded.apply(symja, "Expand", F.Times(by, d), budget);
      if (sn.isEmpty() || sd.isEmpty()) return Optional.empty();
      n = sn.get();
      d = sd.get();
    }
    IExpr content = content(n, d);
    if (!content.isOne()) {
      Optional<IExpr> cn2 = Bounded.apply(symja, "Expand", F.Divide(n, content), budget);
      Optional<IExpr> cd2 = Bounded.apply(symja, "Expand", F.Divide(d, content), budget);
      if (cn2.isEmpty() || cd2.isEmpty()) return Optional.empty();
      n = cn2.get();
      d = cd2.get();
    }
    return Optional.of(symja.eval(F.Divide(n, d)));
  }

  /**
   * The greatest common divisor of the integer coefficients of the terms of {@code n} and {@code
   * d} (1 if one is not an integer): the factor 2 every contraction brings, cancelled without
   * {@code Factor}, whose polynomial arithmetic can run away on sums of many exponentials (it ran
   * past the 60 s watchdog on the log-cosh variance).
   */
  private static IExpr content(IExpr n, IExpr d) {
    java.math.BigInteger g = java.math.BigInteger.ZERO;
    for (IExpr sum : List.of(n, d)) {
      List<IExpr> terms = new ArrayList<>();
      if (sum.isPlus()) {
        for (IExpr t : (IAST) sum) terms.add(t);
      } else {
        terms.add(sum);
      }
      for (IExpr t : terms) {
        IExpr c = t.isNumber() ? t : t.isTimes() && t.first().isNumber() ? t.first() : F.C1;
        if (!c.isInteger()) return F.C1;
        g = g.gcd(((org.matheclipse.core.interfaces.IInteger) c).toBigNumerator());
      }
    }
    return g.signum() == 0 ? F.C1 : F.ZZ(g);
  }

  /**
   * The sum with its pairs contracted; null if none contracts. The exponent {@code m + f} of the
   * first contracted pair is added to {@code shift} (when given).
   */
  private IExpr pairs(IExpr sum, List<IExpr> shift) {
    if (!sum.isPlus()) return null;
    List<Term> terms = new ArrayList<>();
    for (IExpr t : (IAST) sum) terms.add(term(t));
    List<IExpr> out = new ArrayList<>();
    boolean[] used = new boolean[terms.size()];
    boolean changed = false;
    for (int i = 0; i < terms.size(); i++) {
      if (used[i]) continue;
      Term a = terms.get(i);
      for (int j = i + 1; j < terms.size() && a != null && !used[i]; j++) {
        Term b = terms.get(j);
        if (used[j] || b == null || !a.rest().equals(b.rest()) || a.constant().equals(b.constant())) continue;
        IExpr half = symja.eval(F.Times(F.C1D2, F.Subtract(a.constant(), b.constant())));
        IExpr mid = symja.eval(F.Times(F.C1D2, F.Plus(a.constant(), b.constant())));
        IExpr hyperbolic;
        if (a.coefficient().equals(b.coefficient())) {
          hyperbolic = F.Cosh(half);
        } else if (symja.eval(F.Plus(a.coefficient(), b.coefficient())).isZero()) {
          hyperbolic = F.Sinh(half);
        } else {
          continue;
        }
        out.add(F.Times(F.C2, a.coefficient(), F.Power(S.E, mid), a.rest(), hyperbolic));
        if (shift != null && shift.isEmpty()) shift.add(symja.eval(F.Plus(mid, a.exponent())));
        used[i] = true;
        used[j] = true;
        changed = true;
      }
      if (!used[i]) out.add(((IAST) sum).get(i + 1));
    }
    return changed ? symja.eval(F.ast(S.Plus, out)) : null;
  }

  /**
   * A term {@code c E^(a + f) R}: rational c and a, f the z-dependent part of the exponent, R the
   * other factors; {@code rest} is {@code E^f R}, {@code exponent} is f.
   */
  private record Term(IExpr coefficient, IExpr constant, IExpr exponent, IExpr rest) {}

  private Term term(IExpr t) {
    List<IExpr> factors = new ArrayList<>();
    if (t.isTimes()) {
      for (IExpr f : (IAST) t) factors.add(f);
    } else {
      factors.add(t);
    }
    IExpr c = F.C1;
    IExpr a = F.C0;
    IExpr f = F.C0;
    List<IExpr> rest = new ArrayList<>();
    for (IExpr x : factors) {
      if (x.isRational()) {
        c = symja.eval(F.Times(c, x));
      } else if (x.isE()) {
        a = symja.eval(F.Plus(a, F.C1));
      } else if (x.isPower() && x.base().isE()) {
        IExpr exponent = symja.eval(F.Expand(x.exponent()));
        List<IExpr> parts = new ArrayList<>();
        if (exponent.isPlus()) {
          for (IExpr p : (IAST) exponent) parts.add(p);
        } else {
          parts.add(exponent);
        }
        for (IExpr p : parts) {
          if (p.isRational()) a = symja.eval(F.Plus(a, p));
          else if (p.isFree(z)) return null; // a symbolic constant: not contracted
          else f = symja.eval(F.Plus(f, p));
        }
      } else {
        if (x.isFree(z)) return null; // another constant factor (a parameter): left alone
        rest.add(x);
      }
    }
    if (!f.isZero()) rest.add(F.Power(S.E, f));
    IExpr r = rest.isEmpty() ? F.C1 : symja.eval(F.ast(S.Times, rest));
    return new Term(c, a, f, r);
  }
}
