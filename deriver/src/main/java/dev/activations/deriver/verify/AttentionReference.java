package dev.activations.deriver.verify;

import dev.activations.deriver.spec.AttentionStatistic;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth for attention classes: one query evaluated from the unsimplified definition in
 * ball arithmetic ({@link Enclosure}), independently of the deriver, the lowering and the emitted
 * code.
 *
 * <p>The Gram entries {@code <q,q>}, {@code <q,k_j>}, {@code <k_j,k_j>} and {@code |q-k_j|^2} are
 * exact (every double is an integer times a power of two, at least {@code 2^-1074}: all inputs of
 * a call are scaled by the one power that makes each an integer, so the sums are exact integers); the
 * energy text in those entries (the kernel as written, rewritten textually, not simplified) is
 * evaluated with error bounds, and differentiated forward by each entry ({@link Dual}). With
 * {@code m = min_j e_j}, {@code x_j = e_j - m}: {@code w_j = exp(-x_j)} (0 beyond {@code x_j =
 * 1e6}), {@code r_j = w_j / s}. The outputs and the vector-Jacobian products follow the
 * definitions:
 *
 * <pre>
 * mean              out = sum_j r_j v_j              dL/de_j = -r_j (&lt;u,v_j&gt; - &lt;u,out&gt;),  grad v_j = r_j u
 * responsibilities  out_j = r_j                      dL/de_j = -r_j (u_j - sum_i u_i r_i)
 * entropy           out = log s + sum_j r_j x_j      dL/de_j = u r_j (sum_k r_k x_k - x_j)
 * free-energy       out = m - log s                  dL/de_j = u r_j
 * mode              out = mean of the tied values    0, grad v_j = u / ties for tied keys
 * grad q = sum_j dL/de_j (2 f_qq q + f_qk k_j + 2 f_dd (q - k_j))
 * grad k_j = dL/de_j (f_qk q + 2 f_kk k_j - 2 f_dd (q - k_j))
 * </pre>
 *
 * <p>A <em>weighted</em> kernel (diagonal Mahalanobis, {@code Dot[x, y, w]}) has the entries {@code
 * sum_i w_i x_i y_i}, again exact integers (now times the scale cubed); its gradients are {@code W}
 * times the above, and {@code d L/d w_i = sum_j dL/de_j (f_qq q_i^2 + f_qk q_i k_ji + f_kk k_ji^2 +
 * f_dd (q_i - k_ji)^2)}.
 *
 * <p>Per-key log-priors {@code pi_j} (finite doubles, exact) make the energies {@code e_j =
 * kappa(q, k_j)/T - pi_j}; their gradient is {@code dL/d pi_j = -dL/de_j}.
 *
 * <p>Precision is adaptive: from 40 digits, doubled until every output is known to 17 digits of
 * its scale and every gradient component to 16 digits of its array's largest component.
 */
public final class AttentionReference {
  private static final long START_DIGITS = 40;
  /**
   * Energies of degree 4 in the entries (a custom {@code Dot[q-k,q-k]^2}) at common scales near
   * 1e260 are about 1e1000; their gaps are needed to 17 digits: 1280 digits were not enough. Only
   * samples that need them reach the larger precisions.
   */
  private static final long MAX_DIGITS = 5120;
  private static final double WEIGHT_CUT = 1e6;
  /** The precision at which components that all contain 0 count as zeros. */
  private static final long ZERO_DIGITS = 640;
  private static final List<String> ENTRIES = List.of("qq", "qk", "kk", "dd");

  private final HighPrecisionExpression energy;
  private final Map<String, HighPrecisionExpression> parameters;
  private final HighPrecisionExpression temperature;
  private final AttentionStatistic stat;
  private final boolean weighted;
  private final List<String> free;

  /**
   * @param gramEnergy the kernel in the Gram entries {@code qq, qk, kk, dd} and {@code dim}
   * @param parameters each parameter's exact value
   */
  public AttentionReference(String gramEnergy, Map<String, String> parameters, String temperature, AttentionStatistic stat) {
    this(gramEnergy, parameters, temperature, stat, false);
  }

  /** @param weighted the Gram entries are weighted by a diagonal {@code W = diag(w)} (given to {@link #evaluate}) */
  public AttentionReference(String gramEnergy, Map<String, String> parameters, String temperature, AttentionStatistic stat,
      boolean weighted) {
    this(gramEnergy, parameters, temperature, stat, weighted, List.of());
  }

  /**
   * @param free parameters (among {@code parameters}, at those values) whose gradient {@code dL/d theta =
   *     sum_j dL/de_j de_j/d theta} is evaluated too ({@link Result#gradParams}, in this order)
   */
  public AttentionReference(String gramEnergy, Map<String, String> parameters, String temperature, AttentionStatistic stat,
      boolean weighted, List<String> free) {
    this.free = List.copyOf(free);
    this.weighted = weighted;
    this.energy = HighPrecisionExpression.parse(gramEnergy);
    this.parameters = HighPrecisionExpression.parseValues(parameters);
    this.temperature = HighPrecisionExpression.parse(temperature);
    this.stat = stat;
  }

  /**
   * One query's outputs, what each is measured against, and the gradients ({@code gradW} empty
   * without weights, {@code gradPrior} empty without log-priors).
   */
  public record Result(double[] values, double[] scales, double[] gradQ, double[] gradKeys, double[] gradValues, double[] gradW,
      double[] gradPrior, double[] gradParams) {}

  public boolean weighted() {
    return weighted;
  }

  public List<String> free() {
    return free;
  }

  /** The free parameters' values (in the order of {@link Result#gradParams}), as doubles. */
  public double[] freeValues() {
    double[] out = new double[free.size()];
    for (int f = 0; f < out.length; f++) out[f] = parameters.get(free.get(f)).evaluate(Map.of(), 40).doubleValue();
    return out;
  }

  /** Evaluates one query; {@code upstream} null for the forward outputs only. */
  public Result evaluate(double[] q, double[] keys, double[] values, int n, int d, int m, double[] upstream) {
    return evaluate(q, keys, values, n, d, m, upstream, null);
  }

  /** Evaluates one query with the diagonal weights {@code w} (a weighted kernel; null otherwise). */
  public Result evaluate(double[] q, double[] keys, double[] values, int n, int d, int m, double[] upstream, double[] w) {
    return evaluate(q, keys, values, n, d, m, upstream, w, null);
  }

  /** Evaluates one query with the diagonal weights {@code w} (or null) and per-key log-priors (finite; or null). */
  public Result evaluate(double[] q, double[] keys, double[] values, int n, int d, int m, double[] upstream, double[] w,
      double[] logPrior) {
    if (weighted != (w != null)) throw new IllegalArgumentException(weighted ? "a weighted kernel needs the weights w" : "the kernel takes no weights");
    for (long p = START_DIGITS; ; p *= 2) {
      try {
        Result r = attempt(q, keys, values, n, d, m, upstream, w, logPrior, p);
        if (r != null) return r;
      } catch (InsufficientPrecisionException e) {
        // undecided comparison: more digits
      }
      if (p >= MAX_DIGITS) throw new ArithmeticException("attention reference: not enough digits at " + p);
    }
  }

  /**
   * {@code x 2^shift} exactly, an integer for a shift of at least {@link #integerShift} of x (a
   * double is an integer over a power of two, {@link Rational#of(double)}).
   */
  private static BigInteger scaled(double x, int shift) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException("finite inputs only: " + x);
    Rational r = Rational.of(x);
    return r.numerator().shiftLeft(shift - r.denominator().getLowestSetBit());
  }

  /** The least shift that makes {@code x 2^shift} an integer (0 for integers, 0, infinities and NaN). */
  private static int integerShift(double x) {
    return Double.isFinite(x) ? Rational.of(x).denominator().getLowestSetBit() : 0;
  }

  /**
   * One shift for every input of a call, so that all of them, and the Gram entries' sums of their
   * products, are integers at one scale: at most 1074 (a subnormal), about 60 for numbers near 1.
   * A fixed 1074 made every product thousands of bits long, and those multiplications were two
   * fifths of the attention checks' time (docs/PERFORMANCE.md, "Twenty-eighth session"). The
   * values are the same exact numbers either way.
   */
  private static int callShift(double[] q, double[] keys, int n, int d, double[] weights, double[] logPrior) {
    int shift = 0;
    for (int i = 0; i < d; i++) shift = Math.max(shift, integerShift(q[i]));
    for (int i = 0; i < n * d; i++) shift = Math.max(shift, integerShift(keys[i]));
    if (weights != null) for (int i = 0; i < d; i++) shift = Math.max(shift, integerShift(weights[i]));
    if (logPrior != null) for (int j = 0; j < n; j++) shift = Math.max(shift, integerShift(logPrior[j]));
    return shift;
  }

  /** The exact number {@code scaledValue 2^-bits}, to {@code p} digits. */
  private static Enclosure exact(BigInteger scaledValue, int bits, long p) {
    return Enclosure.exact(Rational.of(scaledValue, BigInteger.ONE.shiftLeft(bits))).approx(p);
  }

  private Result attempt(double[] q, double[] keys, double[] values, int n, int d, int m, double[] upstream, double[] weights, double[] logPrior,
      long p) {
    Map<String, Dual> base = new HashMap<>();
    parameters.forEach((k, v) -> base.put(k, Dual.constant(v.enclose(Map.of(), p))));
    base.put("dim", Dual.constant(Enclosure.exact(d)));
    Enclosure t = temperature.enclose(Map.of(), p);
    BigInteger[] qs = new BigInteger[d];
    int shift = callShift(q, keys, n, d, weights, logPrior);
    // each weighted term carries a third factor 2^shift
    BigInteger[] ws = new BigInteger[d];
    int shifts = weights == null ? 2 : 3;
    BigInteger gramScale = BigInteger.ONE.shiftLeft(shifts * shift);
    BigInteger qq = BigInteger.ZERO;
    for (int i = 0; i < d; i++) {
      qs[i] = scaled(q[i], shift);
      ws[i] = weights == null ? BigInteger.ONE : scaled(weights[i], shift);
      qq = qq.add(qs[i].multiply(qs[i]).multiply(ws[i]));
    }
    Enclosure[] e = new Enclosure[n];
    Enclosure[][] partial = new Enclosure[n][4];
    Enclosure[][] byParameter = new Enclosure[free.size()][n];
    BigInteger[][] ks = new BigInteger[n][d];
    List<List<BigInteger>> tuples = new java.util.ArrayList<>();
    boolean[] used = new boolean[4];
    for (int k = 0; k < 4; k++) used[k] = energy.symbols().contains(ENTRIES.get(k));
    for (int j = 0; j < n; j++) {
      BigInteger qk = BigInteger.ZERO;
      BigInteger kk = BigInteger.ZERO;
      BigInteger dd = BigInteger.ZERO;
      for (int i = 0; i < d; i++) {
        BigInteger k = scaled(keys[j * d + i], shift);
        ks[j][i] = k;
        qk = qk.add(qs[i].multiply(k).multiply(ws[i]));
        kk = kk.add(k.multiply(k).multiply(ws[i]));
        BigInteger diff = qs[i].subtract(k);
        dd = dd.add(diff.multiply(diff).multiply(ws[i]));
      }
      // a key ties with the winner only with the same entries and the same log-prior
      tuples.add(logPrior == null ? List.of(qk, kk, dd) : List.of(qk, kk, dd, scaled(logPrior[j], shift)));
      Enclosure[] gram = {
          Enclosure.exact(Rational.of(qq, gramScale)),
          Enclosure.exact(Rational.of(qk, gramScale)),
          Enclosure.exact(Rational.of(kk, gramScale)),
          Enclosure.exact(Rational.of(dd, gramScale))};
      Map<String, Dual> env = new HashMap<>(base);
      for (int g = 0; g < 4; g++) env.put(ENTRIES.get(g), Dual.constant(gram[g]));
      e[j] = energy.encloseDual(env, p).value().divide(t, p);
      if (logPrior != null) e[j] = e[j].subtract(exact(scaled(logPrior[j], shift), shift, p), p);
      if (upstream != null) {
        for (int g = 0; g < 4; g++) {
          // a key equal to the query (dd = 0 exactly): f_dd only ever multiplies q - k_j = 0 (and (q_i - k_ji)^2 for
          // the weights), so its term is 0 whatever f_dd is; where f_dd has no value there (Norm[q-k] = Sqrt[dd], a
          // cone) this is the kink convention of the scalar classes, the average of the one-sided slopes
          if (!used[g] || (g == 3 && dd.signum() == 0)) {
            partial[j][g] = Enclosure.ZERO;
            continue;
          }
          env.put(ENTRIES.get(g), Dual.variable(gram[g]));
          partial[j][g] = energy.encloseDual(env, p).derivative().divide(t, p);
          env.put(ENTRIES.get(g), Dual.constant(gram[g]));
        }
        for (int f = 0; f < free.size(); f++) {
          Dual keep = env.get(free.get(f));
          env.put(free.get(f), Dual.variable(keep.value()));
          byParameter[f][j] = energy.encloseDual(env, p).derivative().divide(t, p);
          env.put(free.get(f), keep);
        }
      }
    }
    int win = 0;
    for (int j = 1; j < n; j++) {
      if (!tuples.get(j).equals(tuples.get(win)) && Enclosure.compareMid(e[j], e[win], p) < 0) win = j;
    }
    Enclosure mm = e[win];
    Enclosure[] x = new Enclosure[n];
    Enclosure[] w = new Enclosure[n];
    Enclosure s = Enclosure.ZERO;
    int ties = 0;
    for (int j = 0; j < n; j++) {
      // keys with the winner's Gram entries have its energy exactly (a tie)
      x[j] = tuples.get(j).equals(tuples.get(win)) ? Enclosure.ZERO : e[j].subtract(mm, p);
      if (x[j].isExactZero()) ties++;
      w[j] = x[j].isExactZero() ? Enclosure.ONE : x[j].approxDouble() > WEIGHT_CUT ? Enclosure.ZERO : x[j].negate().exp(p);
      s = s.add(w[j], p);
    }
    Enclosure logS = s.log(p);
    Enclosure[] r = new Enclosure[n];
    for (int j = 0; j < n; j++) r[j] = w[j].divide(s, p);
    Enclosure[] v = new Enclosure[stat.usesValues() ? n * m : 0];
    for (int i = 0; i < v.length; i++) v[i] = Enclosure.exact(Rational.of(values[i])).approx(p);

    Enclosure[] out;
    Enclosure[] scale;
    switch (stat) {
      case MEAN -> {
        out = new Enclosure[m];
        for (int i = 0; i < m; i++) {
          Enclosure acc = Enclosure.ZERO;
          for (int j = 0; j < n; j++) if (!w[j].isExactZero()) acc = acc.add(r[j].multiply(v[j * m + i], p), p);
          out[i] = acc;
        }
        scale = out;
      }
      case RESPONSIBILITIES -> {
        out = r;
        scale = r;
      }
      case ENTROPY -> {
        out = new Enclosure[] {logS.add(gaps(r, x, p), p)};
        scale = out;
      }
      case FREE_ENERGY -> {
        out = new Enclosure[] {mm.subtract(logS, p)};
        scale = new Enclosure[] {mm.abs().add(logS, p)};
      }
      case MODE -> {
        out = new Enclosure[m];
        Enclosure share = Enclosure.ONE.divide(Enclosure.exact(ties), p);
        for (int i = 0; i < m; i++) {
          Enclosure acc = Enclosure.ZERO;
          for (int j = 0; j < n; j++) if (x[j].isExactZero()) acc = acc.add(v[j * m + i], p);
          out[i] = acc.multiply(share, p);
        }
        scale = out;
      }
      default -> throw new AssertionError();
    }
    double[] vals = new double[out.length];
    double[] scales = new double[out.length];
    double largestOut = Double.MIN_NORMAL;
    for (int i = 0; i < out.length; i++) {
      vals[i] = toDouble(out[i]);
      scales[i] = Math.abs(toDouble(scale[i]));
      largestOut = Math.max(largestOut, Math.abs(vals[i]));
    }
    for (int i = 0; i < out.length; i++) {
      // the mean is measured normwise: its components are known to 17 digits of the largest
      double floor = Math.log10(stat == AttentionStatistic.MEAN ? largestOut : Math.max(scales[i], Double.MIN_NORMAL));
      if (out[i].logRadius() > floor - 17) return null;
    }
    if (upstream == null) {
      return new Result(vals, scales, new double[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
    }

    Enclosure[] u = new Enclosure[upstream.length];
    for (int i = 0; i < u.length; i++) u[i] = Enclosure.exact(Rational.of(upstream[i])).approx(p);
    Enclosure[] delta = new Enclosure[n];
    Enclosure[] gv = new Enclosure[stat.usesValues() ? n * m : 0];
    switch (stat) {
      case MEAN -> {
        Enclosure tOut = Enclosure.ZERO;
        for (int i = 0; i < m; i++) tOut = tOut.add(u[i].multiply(out[i], p), p);
        for (int j = 0; j < n; j++) {
          if (w[j].isExactZero()) {
            delta[j] = Enclosure.ZERO;
          } else {
            Enclosure tj = Enclosure.ZERO;
            for (int i = 0; i < m; i++) tj = tj.add(u[i].multiply(v[j * m + i], p), p);
            delta[j] = r[j].multiply(tj.subtract(tOut, p), p).negate();
          }
          for (int i = 0; i < m; i++) gv[j * m + i] = w[j].isExactZero() ? Enclosure.ZERO : r[j].multiply(u[i], p);
        }
      }
      case RESPONSIBILITIES -> {
        Enclosure c = Enclosure.ZERO;
        for (int j = 0; j < n; j++) if (!w[j].isExactZero()) c = c.add(u[j].multiply(r[j], p), p);
        for (int j = 0; j < n; j++) delta[j] = w[j].isExactZero() ? Enclosure.ZERO : r[j].multiply(u[j].subtract(c, p), p).negate();
      }
      case ENTROPY -> {
        Enclosure g = gaps(r, x, p);
        for (int j = 0; j < n; j++) delta[j] = w[j].isExactZero() ? Enclosure.ZERO : u[0].multiply(r[j], p).multiply(g.subtract(x[j], p), p);
      }
      case FREE_ENERGY -> {
        for (int j = 0; j < n; j++) delta[j] = w[j].isExactZero() ? Enclosure.ZERO : u[0].multiply(r[j], p);
      }
      case MODE -> {
        Enclosure share = Enclosure.ONE.divide(Enclosure.exact(ties), p);
        for (int j = 0; j < n; j++) {
          delta[j] = Enclosure.ZERO;
          for (int i = 0; i < m; i++) gv[j * m + i] = x[j].isExactZero() ? share.multiply(u[i], p) : Enclosure.ZERO;
        }
      }
      default -> throw new AssertionError();
    }
    Enclosure[] gq = new Enclosure[d];
    for (int i = 0; i < d; i++) gq[i] = Enclosure.ZERO;
    Enclosure[] gk = new Enclosure[n * d];
    // the magnitudes of the terms summed into each component: a component is taken as an exact zero
    // only when it is known to 30 digits of them
    double[] gqScale = new double[d];
    double[] gkScale = new double[n * d];
    Enclosure[] gw = new Enclosure[weights == null ? 0 : d];
    double[] gwScale = new double[gw.length];
    for (int i = 0; i < gw.length; i++) gw[i] = Enclosure.ZERO;
    Enclosure two = Enclosure.exact(2);
    Enclosure half = Enclosure.ONE.divide(two, p);
    // the query's and the weights' entries once, not once per key
    Enclosure[] qExact = new Enclosure[d];
    Enclosure[] wExact = new Enclosure[weights == null ? 0 : d];
    for (int i = 0; i < d; i++) qExact[i] = exact(qs[i], shift, p);
    for (int i = 0; i < wExact.length; i++) wExact[i] = exact(ws[i], shift, p);
    for (int j = 0; j < n; j++) {
      if (delta[j].isExactZero()) {
        for (int i = 0; i < d; i++) gk[j * d + i] = Enclosure.ZERO;
        continue;
      }
      Enclosure a = two.multiply(partial[j][0], p).multiply(delta[j], p);
      Enclosure b = partial[j][1].multiply(delta[j], p);
      Enclosure c = two.multiply(partial[j][2], p).multiply(delta[j], p);
      Enclosure sd = two.multiply(partial[j][3], p).multiply(delta[j], p);
      for (int i = 0; i < d; i++) {
        Enclosure qi = qExact[i];
        Enclosure ki = exact(ks[j][i], shift, p);
        Enclosure diff = exact(qs[i].subtract(ks[j][i]), shift, p);
        Enclosure ta = a.multiply(qi, p);
        Enclosure tb = b.multiply(ki, p);
        Enclosure ts = sd.multiply(diff, p);
        Enclosure ub = b.multiply(qi, p);
        Enclosure uc = c.multiply(ki, p);
        gq[i] = gq[i].add(ta, p).add(tb, p).add(ts, p);
        gk[j * d + i] = ub.add(uc, p).subtract(ts, p);
        gqScale[i] += magnitude(ta) + magnitude(tb) + magnitude(ts);
        gkScale[j * d + i] = magnitude(ub) + magnitude(uc) + magnitude(ts);
        if (weights != null) {
          // d e_j/d w_i = f_qq q_i^2 + f_qk q_i k_ji + f_kk k_ji^2 + f_dd (q_i - k_ji)^2, times dL/de_j
          Enclosure wa = half.multiply(ta, p).multiply(qi, p);
          Enclosure wb = tb.multiply(qi, p);
          Enclosure wc = half.multiply(uc, p).multiply(ki, p);
          Enclosure wd = half.multiply(ts, p).multiply(diff, p);
          gw[i] = gw[i].add(wa, p).add(wb, p).add(wc, p).add(wd, p);
          gwScale[i] += magnitude(wa) + magnitude(wb) + magnitude(wc) + magnitude(wd);
          Enclosure wi = wExact[i];
          gk[j * d + i] = gk[j * d + i].multiply(wi, p);
          gkScale[j * d + i] *= weights[i];
        }
      }
    }
    if (weights != null) {
      for (int i = 0; i < d; i++) {
        gq[i] = gq[i].multiply(wExact[i], p);
        gqScale[i] *= weights[i];
      }
    }
    double[] gradQ = normwise(gq, gqScale, p);
    double[] gradKeys = normwise(gk, gkScale, p);
    double[] gradValues = normwise(gv, null, p);
    double[] gradW = normwise(gw, gwScale, p);
    Enclosure[] gp = new Enclosure[logPrior == null ? 0 : n];
    for (int j = 0; j < gp.length; j++) gp[j] = delta[j].negate();
    double[] gradPrior = normwise(gp, null, p);
    double[] gradParams = new double[free.size()];
    for (int f = 0; f < free.size(); f++) {
      Enclosure acc = Enclosure.ZERO;
      double terms = 0;
      for (int j = 0; j < n; j++) {
        if (delta[j].isExactZero()) continue;
        Enclosure term = delta[j].multiply(byParameter[f][j], p);
        acc = acc.add(term, p);
        terms += magnitude(term);
      }
      // each parameter's gradient is its own array: relative to itself
      double[] one = normwise(new Enclosure[] {acc}, new double[] {terms}, p);
      if (one == null) return null;
      gradParams[f] = one[0];
    }
    if (gradQ == null || gradKeys == null || gradValues == null || gradW == null || gradPrior == null) return null;
    return new Result(vals, scales, gradQ, gradKeys, gradValues, gradW, gradPrior, gradParams);
  }

  private static double magnitude(Enclosure e) {
    return e.isExactZero() ? 0.0 : Math.abs(e.approxDouble());
  }

  /**
   * The components as doubles, or null when one is not known to 16 digits of the largest. When
   * every component contains 0 and is known to all but 20 of the working digits of the terms summed into it ({@code
   * scales}), the array is taken as exactly zero.
   */
  private static double[] normwise(Enclosure[] g, double[] scales, long p) {
    double[] out = new double[g.length];
    double largest = Double.MIN_NORMAL;
    boolean allZero = true;
    for (int i = 0; i < g.length; i++) {
      out[i] = toDouble(g[i]);
      largest = Math.max(largest, Math.abs(out[i]));
      if (g[i].isExactZero()) continue;
      boolean containsZero = g[i].logRadius() >= g[i].log10Magnitude();
      boolean settled = scales != null && g[i].logRadius() < Math.log10(scales[i]) - (p - 20);
      if (!(containsZero && settled)) allZero = false;
    }
    if (allZero && p >= ZERO_DIGITS) {
      // every component contains 0 at this precision: a gradient that vanishes by symmetry (one dimension
      // of a cosine kernel, say); ball arithmetic cannot prove an exact zero, so it is taken as one
      java.util.Arrays.fill(out, 0.0);
      return out;
    }
    double floor = Math.log10(largest);
    if (!(floor < Double.POSITIVE_INFINITY)) {
      // a midpoint beyond the double range (the ball of a sum of terms near 1e600 that cancel, say): the
      // components must be known to 16 digits of the largest magnitude itself, not of its rounding to Infinity
      floor = Double.NEGATIVE_INFINITY;
      for (Enclosure e : g) if (!e.isExactZero()) floor = Math.max(floor, e.log10Magnitude());
    }
    for (Enclosure e : g) if (e.logRadius() > floor - 16) return null;
    return out;
  }

  private static Enclosure gaps(Enclosure[] r, Enclosure[] x, long p) {
    Enclosure acc = Enclosure.ZERO;
    for (int k = 0; k < r.length; k++) {
      if (!r[k].isExactZero() && !x[k].isExactZero()) acc = acc.add(r[k].multiply(x[k], p), p);
    }
    return acc;
  }

  private static double toDouble(Enclosure v) {
    if (v.isExactZero()) return 0.0;
    if (v.log10Magnitude() < -400) return 0.0 * v.midSignum();
    return Accuracy.toDouble(v.toBigDecimal(25));
  }
}
