package dev.activations.deriver.derivation;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The structured forms of every statistic and of its derivative with respect to one variable (z or
 * a free parameter), written over the stable pieces: pairwise differences {@code D[h][k] = e_h -
 * e_k}, their derivatives {@code dD[h][k]}, responsibilities {@code r_h}, values {@code g_h} and
 * their derivatives {@code dg_h}.
 *
 * <p>The derivative formulas are exact identities that avoid subtracting nearly equal numbers:
 * <ul>
 *   <li>{@code dr_h = -r_h sum_k r_k dD[h][k]} (the softmax Jacobian);
 *   <li>mean: {@code sum_h r_h dg_h - sum_{h<k} r_h r_k (g_h - g_k) dD[h][k]} (minus a covariance
 *       written pairwise, so it has no {@code mean - E[..]} cancellation);
 *   <li>entropy: {@code -sum_{h<k} r_h r_k D[h][k] dD[h][k]};
 *   <li>variance {@code sum_{h<k} r_h r_k (g_h - g_k)^2}: product rule on that pairwise form;
 *   <li>free energy {@code -A}: {@code sum_h r_h de_h}.
 * </ul>
 * Expressions are built with Symja's factories and left unevaluated.
 */
final class StatisticForms {
  private final List<List<IExpr>> d;
  private final List<IExpr> r;
  private final List<IExpr> g;
  private final List<IExpr> energies;
  private final int n;

  private final boolean stable;

  /**
   * @param stable build the forms for evaluation (pivoted pairings, by-winner pieces); otherwise
   *     the plain definitions, which are what closed forms start from and people read
   */
  StatisticForms(List<List<IExpr>> differences, List<IExpr> responsibilities, List<IExpr> values, List<IExpr> energies,
      boolean stable) {
    this.stable = stable;
    this.d = differences;
    this.r = responsibilities;
    this.g = values;
    this.energies = energies;
    this.n = values.size();
  }

  /**
   * Responsibility {@code r_h}. With two hypotheses {@code 1/(1 + exp(-D[k][h]))}, a logistic.
   * With more, relative to the winner w: {@code exp(-D[h][w]) / (1 + sum_{k != w} exp(-D[k][w]))},
   * so every exponent is <= 0 and a losing responsibility underflows gracefully (to a subnormal)
   * instead of {@code 1/(1 + exp(big))} overflowing to exactly 0.
   */
  /** {@code 1 / (1 + sum_{k != h} exp(-D[k][h]))}: the form people read, and closed forms start from. */
  static IExpr plainResponsibility(List<List<IExpr>> d, int h) {
    List<IExpr> terms = new ArrayList<>();
    terms.add(F.C1);
    for (int k = 0; k < d.size(); k++) {
      if (k != h) terms.add(F.Exp(F.Negate(d.get(k).get(h))));
    }
    return F.Power(F.ast(S.Plus, terms), F.CN1);
  }

  static IExpr responsibility(List<List<IExpr>> d, int h) {
    int n = d.size();
    if (n == 2) return F.Power(F.Plus(F.C1, F.Exp(F.Negate(d.get(1 - h).get(h)))), F.CN1);
    List<IExpr> weights = new ArrayList<>();
    for (int k = 0; k < n; k++) weights.add(F.Exp(F.Negate(gapToWinner(d, k))));
    return F.Times(weights.get(h), F.Power(F.ast(S.Plus, weights), F.CN1));
  }

  /**
   * {@code D[k][w]} for the winner w (0 for the winner itself), selected before anything is
   * computed from it: each hypothesis' weight {@code exp(-D[k][w])} is then one exponential of a
   * number {@code <= 0}, whichever hypothesis wins, and the evaluated forms take n exponentials
   * instead of n - 1 for every possible winner. {@code Max[0, ...]} states what the selection
   * guarantees (the winner's differences are {@code >= 0}), so that nothing downstream guards
   * these exponentials against overflow.
   */
  private static IExpr gapToWinner(List<List<IExpr>> d, int k) {
    int n = d.size();
    List<IExpr> pieces = new ArrayList<>();
    for (int w = 0; w < n - 1; w++) {
      List<IExpr> cond = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j != w) cond.add(F.GreaterEqual(d.get(j).get(w), F.C0));
      }
      pieces.add(F.List(w == k ? F.C0 : d.get(k).get(w), cond.size() == 1 ? cond.get(0) : F.ast(S.And, cond)));
    }
    IExpr last = k == n - 1 ? F.C0 : d.get(k).get(n - 1);
    return F.Max(F.C0, F.Piecewise(F.ast(S.List, pieces), last));
  }

  private static IExpr sum(List<IExpr> terms) {
    if (terms.isEmpty()) return F.C0;
    if (terms.size() == 1) return terms.get(0);
    return F.Plus(terms.toArray(new IExpr[0]));
  }

  // ---- values ----------------------------------------------------------------------------------

  IExpr mean() {
    if (n == 2) {
      IExpr g1 = g.get(0);
      IExpr g2 = g.get(1);
      IExpr diff = d.get(1).get(0); // e_2 - e_1: r_1 = logistic(diff)
      if (g1.isNumber() && g2.isNumber() && g1.equals(g2.negate())) {
        return F.Times(g1, F.Tanh(F.Times(F.C1D2, diff)));
      }
      if (g2.isZero()) return F.Times(g1, r.get(0));
      if (g1.isZero()) return F.Times(g2, r.get(1));
    }
    if (!stable) {
      List<IExpr> plain = new ArrayList<>();
      for (int h = 0; h < n; h++) {
        if (!g.get(h).isZero()) plain.add(F.Times(g.get(h), r.get(h)));
      }
      return sum(plain);
    }
    // Pair opposite constants: c r_a - c r_b = c r_a (1 - exp(-D[b][a])), exact at the symmetric
    // point where the two responsibilities cancel.
    List<IExpr> terms = new ArrayList<>();
    boolean[] used = new boolean[n];
    for (int a = 0; a < n; a++) {
      if (used[a] || g.get(a).isZero()) continue;
      int partner = -1;
      for (int b = a + 1; b < n && g.get(a).isNumber(); b++) {
        if (!used[b] && g.get(b).equals(g.get(a).negate())) {
          partner = b;
          break;
        }
      }
      used[a] = true;
      if (partner < 0) {
        terms.add(F.Times(g.get(a), r.get(a)));
      } else {
        used[partner] = true;
        terms.add(opposite(g.get(a), a, partner));
      }
    }
    return sum(terms);
  }

  /**
   * {@code c (r_a - r_b)} pivoted on the lower-energy one of the pair, so the exponential never
   * overflows: {@code c r_a (1 - exp(-D[b][a]))} when a wins, {@code -c r_b (1 - exp(-D[a][b]))}
   * otherwise.
   */
  private IExpr opposite(IExpr c, int a, int b) {
    IExpr aWins = F.Times(c, r.get(a), F.Plus(F.C1, F.Negate(F.Exp(F.Negate(d.get(b).get(a))))));
    IExpr bWins = F.Times(F.Negate(c), r.get(b), F.Plus(F.C1, F.Negate(F.Exp(F.Negate(d.get(a).get(b))))));
    return F.Piecewise(F.List(F.List(aWins, F.GreaterEqual(d.get(b).get(a), F.C0))), bWins);
  }

  List<IExpr> responsibilities() {
    return r;
  }

  /** {@code log r_h}: with two hypotheses {@code -log(1 + exp(-D))}, a softplus; else by winner. */
  List<IExpr> logResponsibilities() {
    List<IExpr> out = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      if (n == 2) {
        out.add(F.Negate(F.Log(F.Plus(F.C1, F.Exp(F.Negate(d.get(1 - h).get(h)))))));
      } else {
        final int hh = h;
        out.add(byWinner(w -> F.Plus(F.Negate(d.get(hh).get(w)), F.Negate(logOnePlusOthers(w)))));
      }
    }
    return out;
  }

  IExpr variance() {
    List<IExpr> terms = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        IExpr dg = F.Subtract(g.get(h), g.get(k));
        terms.add(F.Times(r.get(h), r.get(k), F.Power(dg, F.C2)));
      }
    }
    return sum(terms);
  }

  /** {@code sum_h r_h (-log r_h)}, each {@code -log r_h} measured from the winner. */
  IExpr entropy() {
    if (n == 2) {
      IExpr diff = d.get(1).get(0);
      return F.Plus(
          F.Times(r.get(0), F.Log(F.Plus(F.C1, F.Exp(F.Negate(diff))))),
          F.Times(r.get(1), F.Log(F.Plus(F.C1, F.Exp(diff)))));
    }
    return byWinner(w -> {
      List<IExpr> terms = new ArrayList<>();
      IExpr l = logOnePlusOthers(w);
      terms.add(F.Times(r.get(w), l));
      for (int k = 0; k < n; k++) {
        if (k != w) terms.add(F.Times(r.get(k), F.Plus(d.get(k).get(w), l)));
      }
      return sum(terms);
    });
  }

  /** {@code -A = e_w - log(1 + sum_{k != w} exp(-D[k][w]))} for the winner w. */
  IExpr freeEnergy() {
    return byWinner(w -> F.Subtract(energies.get(w), logOnePlusOthers(w)));
  }

  /** The T -> 0 limit of the mean: the winner's value; ties share equally. */
  IExpr mode() {
    List<IExpr> pieces = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      pieces.add(F.List(g.get(w), wins(w, true)));
    }
    IExpr tie = F.Times(F.QQ(1, n), sum(g));
    if (n == 2) return F.Piecewise(F.ast(S.List, pieces), tie);
    // pairwise ties beat the all-way default
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        List<IExpr> cond = new ArrayList<>();
        cond.add(F.Equal(d.get(a).get(b), F.C0));
        for (int k = 0; k < n; k++) {
          if (k != a && k != b) cond.add(F.Greater(d.get(k).get(a), F.C0));
        }
        pieces.add(F.List(F.Times(F.C1D2, F.Plus(g.get(a), g.get(b))), and(cond)));
      }
    }
    return F.Piecewise(F.ast(S.List, pieces), tie);
  }

  // ---- derivatives -----------------------------------------------------------------------------

  /** d/dv of the mean; {@code dd[h][k]} = dD[h][k]/dv, {@code dg_h} = dg_h/dv. */
  IExpr meanDerivative(List<List<IExpr>> dd, List<IExpr> dg) {
    List<IExpr> terms = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      if (!dg.get(h).isZero()) terms.add(F.Times(r.get(h), dg.get(h)));
    }
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        IExpr gap = F.Subtract(g.get(h), g.get(k));
        terms.add(F.Times(F.CN1, r.get(h), r.get(k), gap, dd.get(h).get(k)));
      }
    }
    return sum(terms);
  }

  List<IExpr> responsibilityDerivatives(List<List<IExpr>> dd) {
    List<IExpr> out = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      out.add(F.Times(F.CN1, r.get(h), weighted(dd, h)));
    }
    return out;
  }

  /**
   * {@link #responsibilityDerivatives} with the weighted slopes paired on a pivot p (the first
   * hypothesis other than h), for three or more hypotheses: {@code sum_k r_k dD[h][k] = r_p S_h +
   * sum_{k != p} (r_k - r_p) dD[h][k]}, {@code S_h = sum_{k != h} dD[h][k]} combined by {@code
   * combine}, and {@code r_k - r_p} as {@code r_p expm1(-D[k][p])} where {@code D[k][p] >= 0}, else
   * {@code -r_k expm1(D[k][p])} (on the larger responsibility: as {@code r_p expm1(-D)} alone it was
   * 0 * Inf where r_p underflows, and the three-prototype Gaussian's derivative missed by 0.79).
   *
   * <p>Why: where every energy tends to the same constant (bounded losses far out), the
   * responsibilities tend to equal values and the slopes' differences {@code dD[h][k]} to terms of
   * opposite signs for a middle hypothesis, which cancel at leading order: the middle
   * responsibility's derivative of three Geman-McClure prototypes is of order {@code z^-5} where each
   * term is {@code z^-4}, and it was -0.0 at z = -5.7e20 with a free scale (exact -7.2e-103). Paired,
   * {@code S_h} is one combined slope sum whose leading terms cancel symbolically, and {@code r_k -
   * r_p} is small with full relative precision. The plain form stays what two hypotheses use.
   */
  List<IExpr> responsibilityDerivativesPaired(List<List<IExpr>> dd, java.util.function.UnaryOperator<IExpr> combine) {
    if (n < 3) return responsibilityDerivatives(dd);
    List<IExpr> out = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      int p = h == 0 ? 1 : 0;
      List<IExpr> slopes = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        if (k != h && !dd.get(h).get(k).isZero()) slopes.add(dd.get(h).get(k));
      }
      List<IExpr> terms = new ArrayList<>();
      if (!slopes.isEmpty()) terms.add(F.Times(r.get(p), combine.apply(sum(slopes))));
      for (int k = 0; k < n; k++) {
        if (k == h || k == p || dd.get(h).get(k).isZero()) continue;
        // r_k - r_p on the larger of the two, so that the expm1 is at most 1 in size and no
        // vanishing responsibility multiplies an overflowing exponential
        IExpr dkp = d.get(k).get(p);
        IExpr difference = F.Piecewise(F.list(F.list(F.Times(r.get(p), F.Plus(F.Exp(F.Negate(dkp)), F.CN1)),
            F.GreaterEqual(dkp, F.C0))), F.Times(F.CN1, r.get(k), F.Plus(F.Exp(dkp), F.CN1)));
        terms.add(F.Times(difference, dd.get(h).get(k)));
      }
      out.add(F.Times(F.CN1, r.get(h), sum(terms)));
    }
    return out;
  }

  List<IExpr> logResponsibilityDerivatives(List<List<IExpr>> dd) {
    List<IExpr> out = new ArrayList<>();
    for (int h = 0; h < n; h++) out.add(F.Negate(weighted(dd, h)));
    return out;
  }

  IExpr varianceDerivative(List<List<IExpr>> dd, List<IExpr> dg) {
    List<IExpr> terms = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        IExpr gap = F.Subtract(g.get(h), g.get(k));
        IExpr dgap = F.Subtract(dg.get(h), dg.get(k));
        IExpr rr = F.Times(r.get(h), r.get(k));
        if (!dgap.isZero()) terms.add(F.Times(F.C2, rr, gap, dgap));
        terms.add(F.Times(F.CN1, rr, F.Power(gap, F.C2), spread(dd, h, k)));
      }
    }
    return sum(terms);
  }

  /**
   * {@code weighted(dd, h) + weighted(dd, k)}. With two hypotheses that is {@code (r_k - r_h)
   * dD[h][k]}, which cancels where the responsibilities are nearly equal (the logistic kernel's
   * tails, where both energies vanish); the stable form uses {@code r_k - r_h = tanh(D[h][k] / 2)}.
   */
  private IExpr spread(List<List<IExpr>> dd, int h, int k) {
    if (stable && n == 2) return F.Times(F.Tanh(F.Times(F.C1D2, d.get(h).get(k))), dd.get(h).get(k));
    return F.Plus(weighted(dd, h), weighted(dd, k));
  }

  IExpr entropyDerivative(List<List<IExpr>> dd) {
    List<IExpr> terms = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      for (int k = h + 1; k < n; k++) {
        terms.add(F.Times(F.CN1, r.get(h), r.get(k), d.get(h).get(k), dd.get(h).get(k)));
      }
    }
    return sum(terms);
  }

  /**
   * {@code d(-A)/dv = sum_h r_h de_h/dv}, for evaluation written as {@code m + sum_h r_h (de_h - m)}
   * with {@code m} the mean of the {@code de_h} combined symbolically ({@code meanSlope}) and
   * {@code de_h - m = (1/n) sum_k dD[h][k]}; for two hypotheses {@code m - tanh(D/2) dD/2}. Why:
   * as {@code sum_h r_h de_h} the terms cancel wherever the free energy is flat (the signed Huber
   * free energy's derivative at z = 8.6e-103 came out 0.0, exact -4.3e-103: {@code -r_1 + r_2 (1 +
   * z)} with both responsibilities near 1/2), and where the energies have a kink at that point no
   * Taylor patch exists. Written this way the flat part is the symbolic mean (z for Huber) and
   * the rest is a product with the small factor {@code tanh(D/2)}.
   *
   * <p>With two hypotheses that form holds only while {@code |D| <= 1}: further out {@code tanh(D/2)}
   * saturates and the two terms cancel wherever the winner's own slope is small, which is where the
   * derivative has roots at other parameter values (the generalized Gaussian at p = 6.88 next to
   * z = -1: 0.0 for -3.0e-49; the signed Gaussian's closed form with a free scale, {@code (z -
   * tanh(z/s^2))/s^2}, the same two terms, is 0.0 at z = 1 for s = 0.156, exact 1.7e-34). There it
   * is pivoted on the winner w, {@code de_w + r_k (de_k - de_w)} with the
   * loser's responsibility {@code r_k <= 1/(1 + e)}: a small correction to the winner's slope.
   */
  IExpr freeEnergyDerivative(List<IExpr> de, List<List<IExpr>> dd, IExpr meanSlope) {
    if (!stable || meanSlope == null) return freeEnergyDerivative(de);
    List<IExpr> terms = new ArrayList<>();
    terms.add(meanSlope);
    if (n == 2) {
      IExpr gap = d.get(0).get(1); // e_1 - e_2
      IExpr slopeGap = dd.get(0).get(1); // de_1 - de_2
      terms.add(F.Times(F.CN1D2, F.Tanh(F.Times(F.C1D2, gap)), slopeGap));
      IExpr firstWins = F.Subtract(de.get(0), F.Times(r.get(1), slopeGap));
      IExpr secondWins = F.Plus(de.get(1), F.Times(r.get(0), slopeGap));
      return F.Piecewise(F.List(F.List(firstWins, F.Less(gap, F.CN1)), F.List(sum(terms), F.LessEqual(gap, F.C1))),
          secondWins);
    } else {
      for (int h = 0; h < n; h++) {
        List<IExpr> spread = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          if (k != h && !dd.get(h).get(k).isZero()) spread.add(dd.get(h).get(k));
        }
        if (!spread.isEmpty()) terms.add(F.Times(F.QQ(1, n), r.get(h), sum(spread)));
      }
    }
    return sum(terms);
  }

  /** {@code d(-A)/dv = sum_h r_h de_h/dv}. */
  IExpr freeEnergyDerivative(List<IExpr> de) {
    List<IExpr> terms = new ArrayList<>();
    for (int h = 0; h < n; h++) {
      if (!de.get(h).isZero()) terms.add(F.Times(r.get(h), de.get(h)));
    }
    return sum(terms);
  }

  /** The winner's dg; at a tie the average of the one-sided derivatives. */
  IExpr modeDerivative(List<IExpr> dg) {
    List<IExpr> pieces = new ArrayList<>();
    for (int w = 0; w < n; w++) pieces.add(F.List(dg.get(w), wins(w, true)));
    return F.Piecewise(F.ast(S.List, pieces), F.Times(F.QQ(1, n), sum(dg)));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** {@code sum_{k != h} r_k dD[h][k]} = de_h - E_r[de]. */
  private IExpr weighted(List<List<IExpr>> dd, int h) {
    List<IExpr> terms = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (k != h) terms.add(F.Times(r.get(k), dd.get(h).get(k)));
    }
    return sum(terms);
  }

  private IExpr logOnePlusOthers(int w) {
    List<IExpr> terms = new ArrayList<>();
    terms.add(F.C1);
    for (int k = 0; k < n; k++) {
      if (k != w) terms.add(F.Exp(F.Negate(d.get(k).get(w))));
    }
    return F.Log(sum(terms));
  }

  /** Hypothesis w has the lowest effective energy: {@code D[k][w] > 0} (or >= 0) for all k. */
  private IExpr wins(int w, boolean strict) {
    List<IExpr> cond = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (k != w) cond.add(strict ? F.Greater(d.get(k).get(w), F.C0) : F.GreaterEqual(d.get(k).get(w), F.C0));
    }
    return and(cond);
  }

  private static IExpr and(List<IExpr> cond) {
    return cond.size() == 1 ? cond.get(0) : F.ast(S.And, cond);
  }

  /** Piecewise over the winning hypothesis (first match; the last one is the default). */
  private IExpr byWinner(java.util.function.IntFunction<IExpr> form) {
    List<IExpr> pieces = new ArrayList<>();
    for (int w = 0; w < n - 1; w++) pieces.add(F.List(form.apply(w), wins(w, false)));
    return F.Piecewise(F.ast(S.List, pieces), form.apply(n - 1));
  }
}
