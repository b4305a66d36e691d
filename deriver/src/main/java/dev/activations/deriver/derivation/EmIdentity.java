package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Checks the implicit-EM identity {@code dA/de_h = -r_h} for a derivation, in two parts:
 * <ol>
 *   <li>symbolically, over energy symbols: {@code D[Log[Sum[Exp[-e_k]]], e_h]} minus the
 *       responsibility form the derivation uses, {@code -1/(1 + Sum_{k != h} Exp[-(e_k - e_h)])},
 *       simplifies to 0;
 *   <li>that the derivation's simplified differences {@code D[h][k]} really are {@code e_h - e_k}:
 *       exactly at sample points (40-digit numerics by the independent evaluator only where
 *       powers and logs make exact comparison impossible), with every free parameter bound to its default and to seeded random
 *       values inside its domain (never skipped: a point that stays symbolic fails the check).
 * </ol>
 * Together: the responsibilities the derivation evaluates are exactly minus the gradient of the
 * log-partition of its energies.
 */
final class EmIdentity {
  private EmIdentity() {}

  private static final IExpr[] SAMPLES = {F.QQ(-7, 2), F.CN1, F.QQ(-1, 3), F.C0, F.QQ(2, 5), F.C1, F.QQ(13, 4)};

  /**
   * @param free each free parameter with the values it is checked at (its default first, then
   *     seeded random values inside its domain); empty for a fully bound spec
   */
  static boolean check(Symja symja, List<IExpr> energies, List<List<IExpr>> d, List<String> notes,
      java.util.Map<String, List<IExpr>> free) {
    int n = energies.size();
    List<ISymbol> e = new ArrayList<>();
    for (int h = 0; h < n; h++) e.add(symja.symbol("emEnergy" + h));
    List<IExpr> exps = new ArrayList<>();
    for (ISymbol s : e) exps.add(F.Exp(F.Negate(s)));
    IExpr a = F.Log(F.Plus(exps.toArray(new IExpr[0])));
    for (int h = 0; h < n; h++) {
      List<IExpr> terms = new ArrayList<>();
      terms.add(F.C1);
      for (int k = 0; k < n; k++) {
        if (k != h) terms.add(F.Exp(F.Negate(F.Subtract(e.get(k), e.get(h)))));
      }
      IExpr r = F.Power(F.Plus(terms.toArray(new IExpr[0])), F.CN1);
      IExpr gap = symja.eval(F.Plus(F.D(a, e.get(h)), r));
      Optional<IExpr> simplified = gap.isZero() ? Optional.of(gap) : Bounded.apply(symja, "Simplify", gap, WorkBudget.PIECE);
      if (simplified.isEmpty() || !simplified.get().isZero()) {
        notes.add("the implicit-EM identity dA/de_" + (h + 1) + " = -r_" + (h + 1) + " could not be verified symbolically");
        return false;
      }
    }
    ISymbol z = symja.symbol("z");
    int bindings = free.values().stream().mapToInt(List::size).max().orElse(1);
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        IExpr gap = F.Subtract(d.get(h).get(k), F.Subtract(energies.get(h), energies.get(k)));
        for (int b = 0; b < bindings; b++) {
          IExpr bound = gap;
          StringBuilder where = new StringBuilder();
          for (java.util.Map.Entry<String, List<IExpr>> p : free.entrySet()) {
            IExpr v = p.getValue().get(b % p.getValue().size());
            bound = bound.subs(symja.symbol(p.getKey()), v);
            where.append(", ").append(p.getKey()).append(" = ").append(Symja.inputForm(v));
          }
          for (IExpr s : SAMPLES) {
            IExpr at = symja.eval(bound.subs(z, s));
            if (at.isZero()) continue;
            if (!(magnitude(symja, at) < 1e-25)) {
              notes.add("simplified energy difference D[" + (h + 1) + "][" + (k + 1) + "] disagrees with e_"
                  + (h + 1) + " - e_" + (k + 1) + " at z = " + s + where);
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * {@code |at|} for an exact number {@code at} that Symja leaves unevaluated (powers and logs of
   * rationals), at 40 digits by the project's independent evaluator; Symja's {@code N[.., 30]}
   * where that evaluator does not parse it; NaN where neither gives a number. Why not Symja's
   * {@code N} alone: it evaluates fractional powers of rationals in machine precision, so {@code
   * (9/2)^(15/16) - (5/2)^(15/16)} minus itself written another way came out about 1e-16, and the
   * identity was reported "NOT verified" for {@code Abs[z-mu]^p --free p} at p = 15/16.
   */
  private static double magnitude(Symja symja, IExpr at) {
    try {
      return Math.abs(dev.activations.deriver.verify.HighPrecisionExpression.parse(Symja.inputForm(at))
          .evaluate(java.util.Map.of(), 40).doubleValue());
    } catch (RuntimeException notParsedOrUndecided) {
      IExpr numeric = symja.eval(F.N(F.Abs(at), F.ZZ(30)));
      return numeric.isReal() ? numeric.evalf() : Double.NaN;
    }
  }

  /** How many values each free parameter is checked at: its default and this many random ones. */
  static final int RANDOM_VALUES = 3;

  /**
   * The values a free parameter is checked at: its default, then {@link #RANDOM_VALUES} seeded
   * random rationals inside its domain (between the bounds, or up to 10 beyond the one bound; in
   * (0, 4) for a parameter without a declared domain, whose default is 1).
   */
  static List<IExpr> values(Symja symja, String spec, String name, dev.activations.deriver.spec.ExactNumber defaultValue,
      dev.activations.deriver.spec.Domain domain) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(spec.hashCode() * 31L + name.hashCode());
    List<IExpr> out = new ArrayList<>();
    out.add(Deriver.exact(defaultValue));
    IExpr lower = null;
    IExpr upper = null;
    for (dev.activations.deriver.spec.Domain.Bound bound : domain.bounds()) {
      IExpr limit = Deriver.exact(bound.limit());
      if (bound.op().startsWith(">")) lower = limit;
      else upper = limit;
    }
    for (int i = 0; i < RANDOM_VALUES; i++) {
      IExpr step = F.QQ(1 + random.nextInt(63), 64); // in (0, 1): never on a bound
      IExpr v;
      if (lower != null && upper != null) v = F.Plus(lower, F.Times(step, F.Subtract(upper, lower)));
      else if (lower != null) v = F.Plus(lower, F.Times(F.ZZ(10), step));
      else if (upper != null) v = F.Subtract(upper, F.Times(F.ZZ(10), step));
      else v = F.Times(F.ZZ(4), step); // no declared domain (a custom energy): around the default 1, positive
      out.add(symja.eval(v));
    }
    return out;
  }
}
