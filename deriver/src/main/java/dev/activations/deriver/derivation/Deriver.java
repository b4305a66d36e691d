package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * energies -> pairwise differences -> responsibilities -> statistic -> derivatives, as one
 * {@link Derivation}.
 *
 * <p>Order matters for speed and for the answer's shape (docs/SYMJA.md, "Simplify and Together are slow on whole derivatives"): the structural
 * identities of the EM form come first (two hypotheses: everything is a function of the one
 * energy difference), then Symja simplifies small pieces within a work budget, never a whole raw
 * gradient (42 s for the Student-t one); the displayed derivative differentiates the simplified
 * statistic (0.8 s).
 */
public final class Deriver {
  /** Limit for simplifying one small piece (an energy difference, a closed form). */
  private static final WorkBudget PIECE_LIMIT = WorkBudget.PIECE;

  private final Symja symja;
  private final SafeExpressionParser parser;
  private final ISymbol z;

  public Deriver(Symja symja) {
    this.symja = symja;
    this.parser = new SafeExpressionParser(symja);
    this.z = symja.symbol("z");
  }

  public Derivation derive(ActivationSpec spec) {
    List<String> notes = new ArrayList<>();
    Bounded.drainLedger(); // only this derivation's budget notes
    IExpr written = bindParameters(spec);
    EnergyChecks.check(symja, written, spec);
    IExpr kernel = EnergyIdentities.apply(symja, written);
    if (!kernel.equals(written)) {
      notes.add("energy: taken as the same function " + Symja.inputForm(kernel) + " (Log[1+E^u]+Log[1+E^-u] is"
          + " Log[4]+2*Log[Cosh[u/2]], Log[c+Cosh[u]] is Log[Cosh[u]]+Log[1+c*Sech[u]]), whose forms hold in the tails");
    }

    // Effective energies e_h = k(z, mu_h)/T - pi_h; the background hypothesis has E0/T, value 0.
    IExpr temperature = exact(spec.temperature());
    ISymbol mu = symja.symbol("mu");
    List<IExpr> energies = new ArrayList<>();
    List<IExpr> values = new ArrayList<>();
    for (Hypothesis h : spec.hypotheses().hypotheses()) {
      IExpr e = kernel.subs(mu, exact(h.center()));
      e = F.Subtract(F.Divide(e, temperature), exact(h.logPrior()));
      energies.add(symja.eval(e));
      values.add(h.value() instanceof Hypothesis.Constant c ? exact(c.number()) : z);
    }
    spec.hypotheses().rejectEnergy().ifPresent(e0 -> {
      energies.add(symja.eval(F.Divide(exact(e0), temperature)));
      values.add(F.C0);
    });
    int n = energies.size();

    Differences differences = new Differences(symja, PIECE_LIMIT);
    List<List<IExpr>> d = differences.pairwise(energies, notes);
    List<String> kinks = differences.kinks();

    // Stable responsibilities for evaluation; plain ones for people and for closed forms.
    List<IExpr> r = new ArrayList<>();
    List<IExpr> plain = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      r.add(StatisticForms.responsibility(d, h));
      plain.add(StatisticForms.plainResponsibility(d, h));
    }
    StatisticForms forms = new StatisticForms(d, r, values, energies, true);
    List<IExpr> plainStructured = structuredValue(spec.statistic(), new StatisticForms(d, plain, values, energies, false));

    List<IExpr> structured = structuredValue(spec.statistic(), forms);
    List<IExpr> derivative = structuredDerivative(spec.statistic(), forms, d, differences, values, energies, z);
    Map<String, List<IExpr>> paramDerivatives = new LinkedHashMap<>();
    for (String p : spec.free()) {
      ISymbol ps = symja.symbol(p);
      List<IExpr> zeros = new ArrayList<>();
      for (int h = 0; h < n; h++) zeros.add(F.C0);
      paramDerivatives.put(p, structuredDerivative(spec.statistic(), forms, d, differences, zeros, energies, ps));
    }

    // the responsibilities' derivatives paired on a pivot, offered beside the structured ones
    // (StatisticForms.responsibilityDerivativesPaired): three or more hypotheses only
    Map<String, List<IExpr>> paired = new LinkedHashMap<>();
    if (spec.statistic() == Statistic.RESPONSIBILITIES && n >= 3) {
      List<ISymbol> variables = new ArrayList<>();
      variables.add(z);
      for (String p : spec.free()) variables.add(symja.symbol(p));
      for (ISymbol v : variables) {
        paired.put(v.toString(), forms.responsibilityDerivativesPaired(differences.derivatives(d, v),
            x -> differences.simplifyPiece(symja.eval(x))));
      }
    }

    ClosedForms closedForms = new ClosedForms(symja, PIECE_LIMIT);
    List<IExpr> closed = new ArrayList<>();
    List<IExpr> closedDerivative = new ArrayList<>();
    for (int i = 0; i < structured.size(); i++) {
      IExpr c = closedForms.closed(spec.statistic(), plainStructured.get(i), d, values, energies, i, notes);
      closed.add(c);
      closedDerivative.add(closedForms.derivative(c, derivative.get(i), z, notes));
    }

    IExpr logPartition = logPartition(energies);
    Map<String, List<IExpr>> freeValues = new LinkedHashMap<>();
    for (String p : spec.free()) {
      var parameter = spec.kernel().parameter(p);
      freeValues.put(p, EmIdentity.values(symja, spec.toCommandLine(), p,
          parameter.map(dev.activations.deriver.spec.Parameter::defaultValue).orElse(ExactNumber.ONE),
          parameter.map(dev.activations.deriver.spec.Parameter::domain).orElse(dev.activations.deriver.spec.Domain.REALS)));
    }
    boolean em = EmIdentity.check(symja, energies, d, notes, freeValues);
    notes.addAll(Bounded.drainLedger());
    return new Derivation(spec, energies, values, d, logPartition, plain, structured, closed, derivative,
        closedDerivative, paramDerivatives, em, kinks, dedupe(notes), paired);
  }

  private static List<String> dedupe(List<String> notes) {
    return List.copyOf(new java.util.LinkedHashSet<>(notes));
  }

  private static List<IExpr> structuredValue(Statistic s, StatisticForms f) {
    return switch (s) {
      case MEAN -> List.of(f.mean());
      case RESPONSIBILITIES -> f.responsibilities();
      case LOG_RESPONSIBILITIES -> f.logResponsibilities();
      case MODE -> List.of(f.mode());
      case VARIANCE -> List.of(f.variance());
      case ENTROPY -> List.of(f.entropy());
      case FREE_ENERGY -> List.of(f.freeEnergy());
    };
  }

  /** The structured derivative with respect to {@code v} (z, or a free parameter). */
  private List<IExpr> structuredDerivative(Statistic s, StatisticForms f, List<List<IExpr>> d,
      Differences differences, List<IExpr> values, List<IExpr> energies, ISymbol v) {
    List<List<IExpr>> dd = differences.derivatives(d, v);
    List<IExpr> dg = new ArrayList<>();
    for (IExpr g : values) dg.add(symja.eval(F.D(g, v)));
    return switch (s) {
      case MEAN -> List.of(f.meanDerivative(dd, dg));
      case RESPONSIBILITIES -> f.responsibilityDerivatives(dd);
      case LOG_RESPONSIBILITIES -> f.logResponsibilityDerivatives(dd);
      case MODE -> List.of(f.modeDerivative(dg));
      case VARIANCE -> List.of(f.varianceDerivative(dd, dg));
      case ENTROPY -> List.of(f.entropyDerivative(dd));
      case FREE_ENERGY -> {
        List<IExpr> de = new ArrayList<>();
        for (IExpr e : energies) de.add(differences.simplifyPiece(symja.eval(F.D(differences.split(e), v))));
        // the mean slope, combined symbolically over all energies at once (see freeEnergyDerivative)
        IExpr mean = symja.eval(F.Times(F.QQ(1, energies.size()), F.ast(S.Plus, energies)));
        IExpr meanSlope = differences.simplifyPiece(symja.eval(F.D(differences.splitWithCases(mean), v)));
        yield List.of(f.freeEnergyDerivative(de, dd, meanSlope));
      }
    };
  }

  private static IExpr logPartition(List<IExpr> energies) {
    List<IExpr> terms = new ArrayList<>();
    for (IExpr e : energies) terms.add(F.Exp(F.Negate(e)));
    return F.Log(F.Plus(terms.toArray(new IExpr[0])));
  }

  /** The kernel energy with bound parameters replaced by their exact values. */
  private IExpr bindParameters(ActivationSpec spec) {
    IExpr e = parser.parse(spec.kernel().energy(), spec.kernel().isCustom() ? "energy" : "energy of kernel " + spec.kernel().name()).expr();
    for (Map.Entry<String, ExactNumber> b : spec.bound().entrySet()) {
      e = e.subs(symja.symbol(b.getKey()), exact(b.getValue()));
    }
    return symja.eval(e);
  }

  static IExpr exact(ExactNumber n) {
    return F.QQ(F.ZZ(n.numerator()), F.ZZ(n.denominator()));
  }

  /**
   * Algebraic with integer powers only: a rational function of z (and parameters). Roots are not
   * (the Cauchy kernel at T = 2, or with {@code s = 2}, brought {@code Sqrt[a/b]} out of {@code
   * TrigToExp}, which {@code Together} turned into a 100-operation form of {@code 2z/(z^2+5)}).
   */
  static boolean isRational(IExpr e) {
    return isAlgebraic(e) && e.isFree(x -> x.isPower() && !x.exponent().isInteger() && !x.base().isNumber(), true);
  }

  static boolean isAlgebraic(IExpr e) {
    return e.isFree(S.E) && e.isFree(S.Log) && e.isFree(S.Exp) && e.isFree(S.Tanh) && e.isFree(S.Sinh)
        && e.isFree(S.Cosh) && e.isFree(S.Sech);
  }
}
