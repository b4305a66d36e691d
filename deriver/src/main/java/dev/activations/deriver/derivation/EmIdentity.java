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
 *       exactly at sample points (30-digit numerics only where logs make exact comparison
 *       impossible).
 * </ol>
 * Together: the responsibilities the derivation evaluates are exactly minus the gradient of the
 * log-partition of its energies.
 */
final class EmIdentity {
  private EmIdentity() {}

  private static final IExpr[] SAMPLES = {F.QQ(-7, 2), F.CN1, F.QQ(-1, 3), F.C0, F.QQ(2, 5), F.C1, F.QQ(13, 4)};

  static boolean check(Symja symja, List<IExpr> energies, List<List<IExpr>> d, List<String> notes) {
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
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        IExpr gap = F.Subtract(d.get(h).get(k), F.Subtract(energies.get(h), energies.get(k)));
        for (IExpr s : SAMPLES) {
          IExpr at = symja.eval(gap.subs(z, s));
          if (at.isZero()) continue;
          if (!at.isFree(x -> x.isSymbol() && !x.isBuiltInSymbol(), true)) continue; // free parameters
          IExpr numeric = symja.eval(F.N(F.Abs(at), F.ZZ(30)));
          if (!(numeric.isReal() && numeric.evalf() < 1e-25)) {
            notes.add("simplified energy difference D[" + (h + 1) + "][" + (k + 1) + "] disagrees with e_"
                + (h + 1) + " - e_" + (k + 1) + " at z = " + s);
            return false;
          }
        }
      }
    }
    return true;
  }
}
