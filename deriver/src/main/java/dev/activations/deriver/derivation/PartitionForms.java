package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Start forms for {@link ClosedFormRoutes} from the partition function, for any number of
 * hypotheses: every statistic is a ratio of sums of weights {@code w_h = exp(ref - e_h)}, and the
 * reference energy {@code ref} is free to choose because it cancels.
 *
 * <ul>
 *   <li>Energies with logarithms ({@code log cosh}, {@code log(1 + x^2)}): {@code ref = 0}, so the
 *       weights are algebraic ({@code exp(-log cosh(z-1)) = sech(z-1)}) and the free energy is
 *       {@code -log} of their sum.
 *   <li>Other energies: {@code ref} is the mean energy shifted so that the first pair of opposite
 *       exponents is centred, which leaves exponents linear in z for every kernel whose energy is
 *       a common function plus a linear one (the Gaussian, the logistic's tails); symmetric
 *       hypotheses then pair into {@code Cosh} and {@code Sinh} ({@link ExponentialPairs}). Three
 *       Gaussian prototypes at {@code -1, 0, 1} give {@code 2 Sinh[z]/(2 Cosh[z] + E^(1/2))}.
 * </ul>
 * With {@code x_h = ref - e_h} and {@code Z = sum_h e^(x_h)}: mean {@code sum g_h e^(x_h) / Z};
 * responsibility {@code e^(x_h)/Z}; log-responsibility {@code x_h - log Z}; variance {@code
 * sum_(i<j) (g_i - g_j)^2 e^(x_i + x_j) / Z^2} (and {@code E[g^2] - E[g]^2}); entropy {@code log Z
 * - sum_h x_h e^(x_h) / Z}; free energy {@code ref - log Z}.
 */
final class PartitionForms {
  /** Exponents larger than this (leaves) are not worth pairing: the forms only grow. */
  static final int MAX_EXPONENT_LEAVES = 24;

  private final Symja symja;
  private final ISymbol z;
  private final ExponentialPairs pairs;
  private final WorkBudget budget;

  PartitionForms(Symja symja, WorkBudget budget) {
    this.symja = symja;
    this.budget = budget;
    this.z = symja.symbol("z");
    this.pairs = new ExponentialPairs(symja);
  }

  List<ClosedFormRoutes.Candidate> starts(Statistic stat, List<IExpr> values, List<IExpr> energies, int index) {
    List<ClosedFormRoutes.Candidate> out = new ArrayList<>();
    for (IExpr e : energies) {
      if (!e.isFree(S.Piecewise) || !e.isFree(S.Abs) || !e.isFree(S.Max) || !e.isFree(S.Min) || !e.isFree(S.Clip)) return out;
    }
    boolean logs = energies.stream().anyMatch(e -> !e.isFree(S.Log));
    Weights w = logs ? algebraic(energies) : exponential(energies);
    if (w == null) return out;
    int n = energies.size();
    IExpr partition = w.sum(ones(n));
    switch (stat) {
      case MEAN -> add(out, F.Divide(w.sum(values), partition), "mean as a ratio of partition sums");
      case RESPONSIBILITIES -> add(out, F.Divide(w.single(index), partition), "responsibility as a ratio of partition sums");
      case LOG_RESPONSIBILITIES -> add(out, F.Subtract(w.exponent(index), F.Log(partition)), "x_h - log Z");
      case FREE_ENERGY -> {
        add(out, F.Subtract(w.reference(), F.Log(partition)), "ref - log Z");
        if (w.reference().isZero()) {
          // -log Z = log(1/Z): a rational 1/Z in its smallest form (Cauchy: log((z^4+4)/(2(z^2+2))))
          IExpr inverse = symja.eval(F.Power(partition, F.CN1));
          if (Deriver.isAlgebraic(inverse)) {
            Bounded.apply(symja, "Together", inverse, budget).ifPresent(t -> {
              for (IExpr c : new RationalParts(symja, budget).candidates(t)) add(out, F.Log(c), "log(1/Z), 1/Z rational");
            });
          }
        }
      }
      case ENTROPY -> add(out, F.Subtract(F.Log(partition), F.Divide(w.sum(w.exponents()), partition)), "log Z - E[x]");
      case VARIANCE -> {
        List<IExpr> squares = new ArrayList<>();
        for (IExpr g : values) squares.add(F.Power(g, F.C2));
        IExpr mean = F.Divide(w.sum(values), partition);
        add(out, F.Subtract(F.Divide(w.sum(squares), partition), F.Power(mean, F.C2)), "E[g^2] - E[g]^2");
        w.pairwise(values).ifPresent(p -> add(out, F.Divide(p, F.Power(partition, F.C2)), "sum over pairs (g_i - g_j)^2 w_i w_j / Z^2"));
      }
      default -> {
      }
    }
    return out;
  }

  private static List<IExpr> ones(int n) {
    List<IExpr> c = new ArrayList<>();
    for (int h = 0; h < n; h++) c.add(F.C1);
    return c;
  }

  private void add(List<ClosedFormRoutes.Candidate> out, IExpr e, String route) {
    out.add(new ClosedFormRoutes.Candidate(symja.eval(e), "identity: " + route));
  }

  /** Weights {@code exp(-e_h)} of energies that are logs (ref = 0); null when one keeps a logarithm. */
  private Weights algebraic(List<IExpr> energies) {
    List<IExpr> weights = new ArrayList<>();
    List<IExpr> exponents = new ArrayList<>();
    for (IExpr e : energies) {
      IExpr w = symja.eval(F.Exp(F.Negate(e)));
      if (!w.isFree(S.Log)) return null;
      weights.add(w);
      exponents.add(symja.eval(F.Negate(e)));
    }
    return new Weights(weights, exponents, F.C0, null);
  }

  /** Weights {@code exp(x_h)}, {@code x_h = ref - e_h} expanded; null when an exponent is unwieldy. */
  private Weights exponential(List<IExpr> energies) {
    int n = energies.size();
    IExpr mean = symja.eval(F.Times(F.QQ(1, n), F.ast(S.Plus, energies)));
    List<IExpr> x = new ArrayList<>();
    for (IExpr e : energies) {
      IExpr xh = symja.eval(F.Expand(F.Subtract(mean, e)));
      if (xh.leafCount() > MAX_EXPONENT_LEAVES) return null;
      x.add(xh);
    }
    // Centre the first opposite pair: its constant becomes 0, and the other weights are relative to it.
    IExpr shift = F.C0;
    search:
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        IExpr centre = symja.eval(F.Expand(F.Times(F.C1D2, F.Plus(x.get(i), x.get(j)))));
        if (centre.isFree(z) && !symja.eval(F.Expand(F.Subtract(x.get(i), x.get(j)))).isFree(z)) {
          shift = centre;
          break search;
        }
      }
    }
    List<IExpr> shifted = new ArrayList<>();
    for (IExpr xh : x) shifted.add(symja.eval(F.Expand(F.Subtract(xh, shift))));
    IExpr reference = symja.eval(F.Expand(F.Plus(mean, shift)));
    return new Weights(null, shifted, reference, pairs);
  }

  /**
   * The weights, either as given algebraic expressions ({@code weights}) or as exponentials of
   * {@code exponents} summed through {@link ExponentialPairs}.
   */
  private record Weights(List<IExpr> weights, List<IExpr> exponents, IExpr reference, ExponentialPairs pairs) {
    IExpr sum(List<IExpr> coefficients) {
      if (weights != null) {
        List<IExpr> terms = new ArrayList<>();
        for (int h = 0; h < weights.size(); h++) terms.add(F.Times(coefficients.get(h), weights.get(h)));
        return F.ast(S.Plus, terms);
      }
      List<ExponentialPairs.Term> terms = new ArrayList<>();
      for (int h = 0; h < exponents.size(); h++) terms.add(new ExponentialPairs.Term(coefficients.get(h), exponents.get(h)));
      return pairs.sum(terms);
    }

    IExpr single(int h) {
      return weights != null ? weights.get(h) : F.Exp(exponents.get(h));
    }

    IExpr exponent(int h) {
      return exponents.get(h);
    }

    /** {@code sum_(i<j) (g_i - g_j)^2 w_i w_j}, paired like the sums (exponential weights only). */
    java.util.Optional<IExpr> pairwise(List<IExpr> values) {
      if (weights != null) return java.util.Optional.empty();
      List<ExponentialPairs.Term> terms = new ArrayList<>();
      for (int i = 0; i < exponents.size(); i++) {
        for (int j = i + 1; j < exponents.size(); j++) {
          IExpr gap = F.Power(F.Subtract(values.get(i), values.get(j)), F.C2);
          terms.add(new ExponentialPairs.Term(gap, F.Plus(exponents.get(i), exponents.get(j))));
        }
      }
      return java.util.Optional.of(pairs.sum(terms));
    }
  }
}
