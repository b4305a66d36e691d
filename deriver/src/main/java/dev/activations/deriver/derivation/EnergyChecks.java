package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Rejects energies that cannot define an activation: ones that do not depend on z or on mu
 * (nothing would compete), and ones that are not real and finite at sample inputs for the given
 * centers (e.g. {@code Log[z-mu]} is complex for z < mu, {@code 1/(z-mu)} infinite at z = mu).
 */
final class EnergyChecks {
  private EnergyChecks() {}

  static final IExpr[] SAMPLES = {F.QQ(-9, 2), F.CN1, F.QQ(-1, 3), F.C0, F.QQ(1, 2), F.C1, F.QQ(5, 2), F.ZZ(10)};

  static void check(Symja symja, IExpr energy, ActivationSpec spec) {
    ISymbol z = symja.symbol("z");
    ISymbol mu = symja.symbol("mu");
    if (symja.eval(F.D(energy, z)).isZero()) throw new SpecException("energy does not depend on z (the input)");
    if (symja.eval(F.D(energy, mu)).isZero()) {
      throw new SpecException("energy does not depend on mu (the hypothesis center); nothing would compete");
    }
    IExpr e = energy;
    for (String p : spec.free()) {
      Parameter param = spec.kernel().parameter(p).orElseThrow();
      e = e.subs(symja.symbol(p), Deriver.exact(param.defaultValue()));
    }
    for (Hypothesis h : spec.hypotheses().hypotheses()) {
      IExpr atCenter = e.subs(mu, Deriver.exact(h.center()));
      for (IExpr s : SAMPLES) {
        IExpr value = symja.numericAt(atCenter, z, s, 20);
        if (!value.isReal()) {
          throw new SpecException("energy is not real and finite (or too large to evaluate) at z = " + s + ", mu = " + h.center()
              + " (it evaluates to " + abbreviate(Symja.inputForm(value)) + ")");
        }
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
