package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The identities of the EM form with two hypotheses, as start forms for {@link ClosedFormRoutes}:
 * everything is a function of the one energy difference {@code D = e_2 - e_1}.
 *
 * <ul>
 *   <li>{@code r_1 = logistic(D) = (1 + tanh(D/2))/2}, {@code r_2 = (1 - tanh(D/2))/2};
 *   <li>where {@code E^D} is free of logarithms (energies that are logs, or multiples of logs, of
 *       other functions) it is a quotient {@code P/Q}, and {@code tanh(D/2) = (P - Q)/(P + Q)},
 *       {@code logistic(D) = P/(P + Q)}: {@code tanh((log a - log b)/2) = (a - b)/(a + b)},
 *       {@code logistic(log a - log b) = a/(a + b)}; scaled logs give powers of a and b;
 *   <li>mean {@code (g_1 + g_2)/2 + (g_1 - g_2)/2 tanh(D/2)}, also as {@code (g_1 P + g_2 Q)/(P +
 *       Q)};
 *   <li>variance {@code r_1 r_2 (g_1 - g_2)^2 = (g_1 - g_2)^2 (1 - tanh(D/2)^2)/4 = (g_1 - g_2)^2
 *       Sech[D/2]^2/4};
 *   <li>entropy: the binary entropy of {@code r_1 = logistic(D)}, {@code softplus(D) - D
 *       logistic(D) = softplus(-D) + D logistic(-D)};
 *   <li>free energy {@code -A = (e_1 + e_2)/2 - log(2 cosh(D/2)) = e_1 - softplus(-D)}.
 * </ul>
 * The tanh of the difference is simplified first (its own routes) and the statistic is built from
 * both the simplified one and {@code P, Q}; the routes then simplify those.
 */
final class TwoHypothesisForms {
  private final Symja symja;
  private final ClosedFormRoutes routes;

  TwoHypothesisForms(Symja symja, ClosedFormRoutes routes) {
    this.symja = symja;
    this.routes = routes;
  }

  /**
   * Start forms for output {@code index} of {@code stat}; empty when the statistic has no such
   * identity (or the difference is piecewise).
   *
   * @param d pairwise differences (two hypotheses), {@code d[1][0] = e_2 - e_1}
   */
  List<ClosedFormRoutes.Candidate> starts(Statistic stat, List<List<IExpr>> d, List<IExpr> values, List<IExpr> energies,
      int index, List<String> notes) {
    List<ClosedFormRoutes.Candidate> out = new ArrayList<>();
    if (d.size() != 2) return out;
    IExpr diff = d.get(1).get(0);
    if (!diff.isFree(S.Piecewise) || !diff.isFree(S.Abs) || !diff.isFree(S.Max) || !diff.isFree(S.Min)) return out;
    IExpr g1 = values.get(0);
    IExpr g2 = values.get(1);
    IExpr[] pq = quotient(symja.eval(F.Exp(diff)));
    IExpr half = F.Times(F.C1D2, diff);
    boolean logs = !diff.isFree(S.Log);
    List<IExpr> tanhs = new ArrayList<>();
    if (pq == null) {
      tanhs.add(F.Tanh(half));
    } else if (stat != Statistic.ENTROPY && stat != Statistic.FREE_ENERGY && stat != Statistic.LOG_RESPONSIBILITIES) {
      // (P - Q)/(P + Q) replaces Tanh[D/2]: the routes do nothing useful with a tanh of logs
      IExpr t = symja.eval(F.Divide(F.Subtract(pq[0], pq[1]), F.Plus(pq[0], pq[1])));
      tanhs.add(t);
      IExpr simplest = routes.smallest(t, List.of(new ClosedFormRoutes.Candidate(t, "identity: tanh(D/2) = (P - Q)/(P + Q)")),
          symja.eval(F.Tanh(half)), notes).expr();
      if (!tanhs.contains(simplest)) tanhs.add(simplest);
    }
    // The forms in D itself (softplus, cosh) help where D is free of logs; with logs they only
    // nest logs in logs (and Simplify spends seconds on them).
    if (logs && (stat == Statistic.ENTROPY || stat == Statistic.FREE_ENERGY || stat == Statistic.LOG_RESPONSIBILITIES)) {
      return out;
    }
    switch (stat) {
      case MEAN -> {
        for (IExpr t : tanhs) add(out, F.Plus(F.Times(F.C1D2, F.Plus(g1, g2)), F.Times(F.C1D2, F.Subtract(g1, g2), t)), "mean of tanh(D/2)");
        if (pq != null) add(out, F.Divide(F.Plus(F.Times(g1, pq[0]), F.Times(g2, pq[1])), F.Plus(pq[0], pq[1])), "mean of logistic(log P - log Q)");
      }
      case RESPONSIBILITIES -> {
        IExpr sign = index == 0 ? F.C1 : F.CN1;
        for (IExpr t : tanhs) add(out, F.Times(F.C1D2, F.Plus(F.C1, F.Times(sign, t))), "responsibility of tanh(D/2)");
        if (pq != null) add(out, F.Divide(pq[index], F.Plus(pq[0], pq[1])), "logistic(log P - log Q)");
      }
      case VARIANCE -> {
        IExpr gap2 = F.Power(F.Subtract(g1, g2), F.C2);
        for (IExpr t : tanhs) add(out, F.Times(F.QQ(1, 4), gap2, F.Subtract(F.C1, F.Power(t, F.C2))), "variance of tanh(D/2)");
        add(out, F.Times(F.QQ(1, 4), gap2, F.Power(F.Sech(half), F.C2)), "variance as Sech[D/2]^2");
        if (pq != null) add(out, F.Divide(F.Times(gap2, pq[0], pq[1]), F.Power(F.Plus(pq[0], pq[1]), F.C2)), "variance of P Q/(P+Q)^2");
      }
      case ENTROPY -> {
        add(out, F.Subtract(softplus(diff), F.Divide(diff, F.Plus(F.C1, F.Exp(F.Negate(diff))))), "binary entropy, softplus(D) - D logistic(D)");
        add(out, F.Plus(softplus(F.Negate(diff)), F.Divide(diff, F.Plus(F.C1, F.Exp(diff)))), "binary entropy, softplus(-D) + D logistic(-D)");
      }
      case FREE_ENERGY -> {
        IExpr e1 = energies.get(0);
        IExpr e2 = energies.get(1);
        // the mean energy simplified on its own: ((z-1)^2/2 + (z+1)^2/2)/2 is (1+z^2)/2
        IExpr plainMean = symja.eval(F.Times(F.C1D2, F.Plus(e1, e2)));
        IExpr meanEnergy = Bounded.apply(symja, "Simplify", plainMean, WorkBudget.PIECE)
            .filter(x -> x.leafCount() < plainMean.leafCount()).orElse(plainMean);
        add(out, F.Subtract(meanEnergy, F.Log(F.Times(F.C2, F.Cosh(half)))), "mean energy - log(2 cosh(D/2))");
        add(out, F.Subtract(e1, softplus(F.Negate(diff))), "e_1 - softplus(-D)");
        add(out, F.Subtract(e2, softplus(diff)), "e_2 - softplus(D)");
      }
      case LOG_RESPONSIBILITIES -> add(out, F.Negate(softplus(index == 0 ? F.Negate(diff) : diff)), "-softplus");
      default -> {
      }
    }
    return out;
  }

  private static IExpr softplus(IExpr x) {
    return F.Log(F.Plus(F.C1, F.Exp(x)));
  }

  private void add(List<ClosedFormRoutes.Candidate> out, IExpr e, String route) {
    out.add(new ClosedFormRoutes.Candidate(symja.eval(e), "identity: " + route));
  }

  /**
   * {@code {P, Q}} with {@code e = P/Q}, reading {@code Sech[x]} as {@code 1/Cosh[x]} (Symja writes
   * {@code 1/Cosh[x]} so); null when {@code e} still has a logarithm, or when it is a lone
   * exponential (then {@code Tanh[D/2]} is already the form: D is not a difference of logs).
   */
  private static IExpr[] quotient(IExpr e) {
    if (!e.isFree(S.Log) || !e.isFree(S.Tanh)) return null;
    if (e.isPower() && e.base().isE()) return null;
    // a symbolic exponent (a free parameter: (1 + (1+z)^2/nu)^((1+nu)/2)) gives no quotient to simplify
    if (!e.isFree(x -> x.isPower() && !x.exponent().isNumber() && !x.base().isE(), true)) return null;
    List<IExpr> num = new ArrayList<>();
    List<IExpr> den = new ArrayList<>();
    List<IExpr> factors = new ArrayList<>();
    if (e.isTimes()) {
      for (IExpr f : (IAST) e) factors.add(f);
    } else {
      factors.add(e);
    }
    for (IExpr f : factors) {
      if (f.isAST(S.Sech, 2)) {
        den.add(F.Cosh(f.first()));
      } else if (f.isPower() && f.base().isAST(S.Sech, 2) && f.exponent().isInteger() && f.exponent().isPositive()) {
        den.add(F.Power(F.Cosh(f.base().first()), f.exponent()));
      } else if (f.isPower() && !f.base().isE() && f.exponent().isNumber() && f.exponent().isNegative()) {
        den.add(F.Power(f.base(), f.exponent().negate()));
      } else if (f.isFraction()) {
        num.add(((org.matheclipse.core.interfaces.IFraction) f).numerator());
        den.add(((org.matheclipse.core.interfaces.IFraction) f).denominator());
      } else {
        num.add(f);
      }
    }
    return new IExpr[] {product(num), product(den)};
  }

  private static IExpr product(List<IExpr> factors) {
    if (factors.isEmpty()) return F.C1;
    if (factors.size() == 1) return factors.get(0);
    return F.ast(S.Times, factors);
  }
}
