package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The kinks of a spec's energies with its free parameters bound to given values (InputForm,
 * sorted; as the derivation's kinks, the pieces' breakpoints, which include where an Abs changes
 * sign): where a breakpoint depends on a parameter ({@code |z - mu| <= c}), the derivation
 * keeps it symbolic and has no numeric kink to report, while the certification's splices next to
 * kinks work at the defaults (each splice is guarded by the parameters' values). The Tukey
 * biweight with a free c = 2 at the centres -1 and 1 has its kinks at -3, -1, 1 and 3, and dC
 * vanishes at -1 and 1 from both sides (a root on a kink, which no two-sided expansion follows):
 * the class missed by a factor 272 at z = -0.99999999957.
 */
public final class KinksAtValues {
  private KinksAtValues() {}

  public static List<String> of(Symja symja, List<IExpr> energies, Map<String, ExactNumber> values) {
    TreeSet<String> out = new TreeSet<>();
    PiecewiseSplitter splitter = new PiecewiseSplitter(symja);
    for (IExpr bound : bound(symja, energies, values)) {
      if (!PiecewiseSplitter.needsSplit(bound)) continue;
      splitter.split(bound).ifPresent(pieces -> {
        for (PiecewiseSplitter.Piece p : pieces) p.upper().ifPresent(u -> out.add(Symja.inputForm(u)));
      });
    }
    return List.copyOf(out);
  }

  /**
   * The energies with the free parameters bound to {@code values} (evaluated): what the
   * certification's splices see at the defaults, such as the exponent 3/2 of {@code Abs[z-mu]^p}
   * with p free, which sets the root order of the expansions next to its kinks.
   */
  public static List<IExpr> bound(Symja symja, List<IExpr> energies, Map<String, ExactNumber> values) {
    if (values.isEmpty()) return energies;
    List<IExpr> rules = new ArrayList<>();
    values.forEach((name, v) -> rules.add(F.Rule(symja.symbol(name),
        F.QQ(F.ZZ(v.numerator()), F.ZZ(v.denominator())))));
    IExpr list = F.List(rules.toArray(new IExpr[0]));
    List<IExpr> out = new ArrayList<>();
    for (IExpr energy : energies) out.add(symja.eval(F.ReplaceAll(energy, list)));
    return out;
  }
}
