package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Decides from the derivation whether a Gram kernel's energy may be evaluated on Gram entries
 * scaled by a power of two: true when the energy is linear and homogeneous in the entries ({@code
 * e = c_qq qq + c_qk qk + c_kk kk + c_dd dd}, the coefficients free of the entries, no constant
 * term). Then {@code e(2^-2s entries) = 2^-2s e(entries)} exactly up to rounding, every partial is
 * the same at scaled entries, and energy differences are recovered by multiplying with
 * {@code 2^2s}: the emitted class can evaluate query and keys whose entries overflow a double
 * (entries of 1e200 for the dot kernels, the Euclidean and the Mahalanobis kernel).
 *
 * <p>Kernels whose partials depend on the entries (Student-t's logarithm, Yat's quotient) are not
 * linear: they scale by their asymptotic form instead ({@link AsymptoticScaling}), which evaluates
 * their partials and divided differences on the scaled entries as well; so does an energy with a
 * constant term ({@code 1 - qk}: {@code f = t - qk'}). This older path is kept for the linear
 * energies, whose generated classes it leaves byte-identical.
 */
public final class EntryScaling {
  private EntryScaling() {}

  /** Whether the (non-angular) energy is linear and homogeneous in the Gram entries. */
  public static boolean linearHomogeneous(Symja symja, AttentionDerivation d) {
    if (d.isAngular()) return false;
    for (IExpr p : d.partials().values()) {
      for (String g : GramForm.ENTRIES) {
        if (!p.isFree(symja.symbol(g))) return false;
      }
    }
    IExpr atZero = d.energy();
    for (String g : GramForm.ENTRIES) atZero = atZero.subs(symja.symbol(g), F.C0);
    IExpr v = symja.eval(atZero);
    IExpr simplified = Bounded.apply(symja, "Simplify", v, WorkBudget.PIECE).orElse(v);
    return simplified.isZero();
  }
}
