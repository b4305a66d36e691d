package dev.activations.deriver.verify;

import dev.activations.deriver.spec.LayerStatistic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth for layer classes: one group of units evaluated from the unsimplified
 * definition in ball arithmetic ({@link Enclosure}), independently of the deriver, the lowering
 * and the emitted code.
 *
 * <p>Energies {@code e_j = k(z_j)/T} are evaluated from the energy text with the inputs as the
 * exact rationals the doubles are (polynomial and rational energies stay exact at any magnitude;
 * others carry an error bound) and differentiated forward ({@link Dual}). With {@code m = min_j
 * e_j} and {@code x_j = e_j - m >= 0}: weights {@code w_j = exp(-x_j)} (0 beyond {@code x_j =
 * 1e6}), {@code s = sum w}, {@code r_j = w_j / s}, {@code log r_j = -x_j - log s}, {@code H = log
 * s + sum r_j x_j}, {@code F = m - log s}, mean {@code sum r_j z_j}, weighted {@code z_j r_j}, mode
 * the one-hot of the exact ties at {@code m}. The backward reference uses the closed-form
 * vector-Jacobian products of the implicit-EM identities, written here from their definitions:
 *
 * <pre>
 * responsibilities      grad_j = -e'_j r_j (u_j - sum_i u_i r_i)
 * log-responsibilities  grad_j = -e'_j (u_j - r_j sum_i u_i)
 * weighted              grad_j = u_j r_j - e'_j r_j (u_j z_j - sum_i u_i z_i r_i)
 * mean                  grad_j = U r_j (1 - e'_j (z_j - mean))
 * entropy               grad_j = U e'_j r_j (sum_k r_k x_k - x_j)      (= U e'_j r_j (log r_j + H))
 * free-energy           grad_j = U e'_j r_j
 * mode                  grad_j = 0
 * </pre>
 *
 * <p>Precision is adaptive: starting at 40 digits, doubled until every forward output's error
 * bound is below {@code 1e-17 max(|value|, Double.MIN_NORMAL)} and every gradient component's
 * below {@code 1e-16} of the group's largest (or {@code Double.MIN_NORMAL}).
 *
 * <p>Immutable and thread-safe.
 */
public final class LayerReference {
  private static final long START_DIGITS = 40;
  private static final long MAX_DIGITS = 4000;
  private static final double WEIGHT_CUT = 1e6;
  private static final double LOG10_MIN_NORMAL = Math.log10(Double.MIN_NORMAL);

  private final HighPrecisionExpression energy;
  private final Map<String, HighPrecisionExpression> parameters;
  private final HighPrecisionExpression temperature;
  private final LayerStatistic stat;

  /**
   * @param energy the unit energy over {@code z} and the parameters (Mathematica syntax)
   * @param parameters each parameter's exact value (e.g. {@code "3/2"})
   * @param temperature the temperature's exact value
   */
  public LayerReference(String energy, Map<String, String> parameters, String temperature, LayerStatistic stat) {
    this.energy = HighPrecisionExpression.parse(energy);
    this.parameters = HighPrecisionExpression.parseValues(parameters);
    this.temperature = HighPrecisionExpression.parse(temperature);
    this.stat = stat;
    for (String s : this.energy.symbols()) {
      if (!s.equals("z") && !this.parameters.containsKey(s)) throw new IllegalArgumentException("energy symbol " + s + " has no value");
    }
  }

  /** The reference for a layer spec: its unsimplified energy text, exact bindings, free parameters at their defaults. */
  public static LayerReference of(dev.activations.deriver.spec.LayerSpec spec) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    spec.bound().forEach((k, v) -> params.put(k, v.toString()));
    for (String f : spec.free()) params.put(f, spec.defaultOf(f).toString());
    return new LayerReference(spec.kernel().energy(), params, spec.temperature().toString(), spec.statistic());
  }

  /**
   * One group's outputs and gradient.
   *
   * @param values the outputs, correctly rounded to double
   * @param scales what each output's error is measured against: its magnitude, except for the sums
   *     of signed terms (the mean: {@code sum r_j |z_j|}; the free energy: {@code |m| + log s})
   * @param gradient the vector-Jacobian product for the upstream given (empty when none was)
   */
  public record Result(double[] values, double[] scales, double[] gradient, double[] parameterGradients,
      double[] parameterScales) {
    public Result(double[] values, double[] scales, double[] gradient) {
      this(values, scales, gradient, new double[0], new double[0]);
    }
  }

  /**
   * Evaluates one group.
   *
   * @param z finite inputs
   * @param upstream as many entries as outputs, or null for the forward outputs only
   * @throws ArithmeticException when the precision limit is reached or the energy is undefined
   */
  public Result evaluate(double[] z, double[] upstream) {
    return evaluate(z, upstream, List.of());
  }

  /**
   * One group, and the gradients by the named parameters: {@code sum_j de_j/dtheta dS/de_j}
   * ({@code parameterGradients}, in the order asked), each with the sum of its terms' magnitudes
   * ({@code parameterScales}: the gradient is a signed sum).
   *
   * @param wrt parameters (bound in this reference) to differentiate by; needs an upstream
   */
  public Result evaluate(double[] z, double[] upstream, List<String> wrt) {
    for (String theta : wrt) {
      if (!parameters.containsKey(theta)) throw new IllegalArgumentException("no parameter " + theta);
    }
    if (!wrt.isEmpty() && upstream == null) throw new IllegalArgumentException("parameter gradients need an upstream");
    for (long p = START_DIGITS; ; p *= 2) {
      try {
        Result r = attempt(z, upstream, wrt, p);
        if (r != null) return r;
      } catch (InsufficientPrecisionException e) {
        // undecided comparison: more digits
      }
      if (p >= MAX_DIGITS) throw new ArithmeticException("layer reference: not enough digits at " + p);
    }
  }

  /** The result at {@code p} digits, or null when its error bounds are too wide. */
  private Result attempt(double[] z, double[] upstream, List<String> wrt, long p) {
    int n = z.length;
    Map<String, Enclosure> exactParams = new HashMap<>();
    parameters.forEach((k, v) -> exactParams.put(k, v.enclose(Map.of(), p)));
    Enclosure t = temperature.enclose(Map.of(), p);
    Map<String, Dual> duals = new HashMap<>();
    exactParams.forEach((k, v) -> duals.put(k, Dual.constant(v)));
    Enclosure[] zs = new Enclosure[n];
    Enclosure[] e = new Enclosure[n];
    Enclosure[] slope = new Enclosure[n];
    Enclosure[][] byParameter = new Enclosure[wrt.size()][n];
    for (int j = 0; j < n; j++) {
      if (!Double.isFinite(z[j])) throw new IllegalArgumentException("finite inputs only: " + z[j]);
      zs[j] = Enclosure.exact(Rational.of(z[j]));
      duals.put("z", Dual.variable(zs[j]));
      Dual d = energy.encloseDual(duals, p);
      e[j] = d.value().divide(t, p);
      slope[j] = d.derivative().divide(t, p);
      for (int q = 0; q < wrt.size(); q++) {
        Map<String, Dual> byTheta = new HashMap<>(duals);
        byTheta.put("z", Dual.constant(zs[j]));
        byTheta.put(wrt.get(q), Dual.variable(exactParams.get(wrt.get(q))));
        byParameter[q][j] = energy.encloseDual(byTheta, p).derivative().divide(t, p);
      }
    }
    Enclosure m = e[0];
    int win = 0;
    for (int j = 1; j < n; j++) {
      if (Enclosure.compareMid(e[j], m, p) < 0) {
        m = e[j];
        win = j;
      }
    }
    Enclosure[] x = new Enclosure[n];
    Enclosure[] w = new Enclosure[n];
    Enclosure s = Enclosure.ZERO;
    for (int j = 0; j < n; j++) {
      // the same input has the same energy: an exact tie, also where the energy carries an error bound
      x[j] = e[j] == m || z[j] == z[win] ? Enclosure.ZERO : e[j].subtract(m, p);
      w[j] = x[j].isExactZero() ? Enclosure.ONE
          : x[j].approxDouble() > WEIGHT_CUT ? Enclosure.ZERO : x[j].negate().exp(p);
      s = s.add(w[j], p);
    }
    Enclosure logS = s.log(p);
    Enclosure[] r = new Enclosure[n];
    for (int j = 0; j < n; j++) r[j] = w[j].divide(s, p);

    List<Enclosure> out = new ArrayList<>();
    List<Enclosure> scale = new ArrayList<>();
    switch (stat) {
      case RESPONSIBILITIES -> {
        for (Enclosure v : r) out.add(v);
      }
      case LOG_RESPONSIBILITIES -> {
        for (int j = 0; j < n; j++) out.add(x[j].negate().subtract(logS, p));
      }
      case WEIGHTED -> {
        for (int j = 0; j < n; j++) out.add(zs[j].multiply(r[j], p));
      }
      case MEAN -> {
        Enclosure mean = Enclosure.ZERO;
        Enclosure abs = Enclosure.ZERO;
        for (int j = 0; j < n; j++) {
          mean = mean.add(r[j].multiply(zs[j], p), p);
          abs = abs.add(r[j].multiply(zs[j].abs(), p), p);
        }
        out.add(mean);
        scale.add(abs);
      }
      case ENTROPY -> out.add(logS.add(weightedGaps(r, x, p), p));
      case FREE_ENERGY -> {
        out.add(m.subtract(logS, p));
        scale.add(m.abs().add(logS, p));
      }
      case MODE -> {
        // a tie: an exact zero gap, or one whose enclosure does not exclude 0 at this precision
        // (energies with error bounds, e.g. logarithms, of mirror-image inputs tie exactly)
        int ties = 0;
        for (Enclosure xj : x) if (tied(xj)) ties++;
        Enclosure share = Enclosure.ONE.divide(Enclosure.exact(ties), p);
        for (Enclosure xj : x) out.add(tied(xj) ? share : Enclosure.ZERO);
      }
    }
    if (scale.isEmpty()) for (Enclosure v : out) scale.add(v.abs());
    double[] values = new double[out.size()];
    double[] scales = new double[out.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toDouble(out.get(i));
      scales[i] = Math.abs(toDouble(scale.get(i)));
      double floor = Math.log10(Math.max(scales[i], Double.MIN_NORMAL));
      if (out.get(i).logRadius() > floor - 17) return null;
    }
    if (upstream == null) return new Result(values, scales, new double[0]);
    if (upstream.length != values.length) throw new IllegalArgumentException("upstream needs " + values.length + " entries");
    Enclosure[] direct = new Enclosure[n];
    Enclosure[] byEnergy = byEnergy(zs, r, x, upstream, direct, p);
    Enclosure[] grad = new Enclosure[n];
    for (int j = 0; j < n; j++) grad[j] = direct[j].add(slope[j].multiply(byEnergy[j], p), p);
    double[] gradient = new double[n];
    double largest = Double.MIN_NORMAL;
    for (int j = 0; j < n; j++) {
      gradient[j] = toDouble(grad[j]);
      largest = Math.max(largest, Math.abs(gradient[j]));
    }
    double floor = Math.log10(largest);
    for (Enclosure g : grad) if (g.logRadius() > floor - 16) return null;
    double[] parameterGradients = new double[wrt.size()];
    double[] parameterScales = new double[wrt.size()];
    for (int q = 0; q < wrt.size(); q++) {
      Enclosure sum = Enclosure.ZERO;
      Enclosure abs = Enclosure.ZERO;
      for (int j = 0; j < n; j++) {
        Enclosure term = byParameter[q][j].multiply(byEnergy[j], p);
        sum = sum.add(term, p);
        abs = abs.add(term.abs(), p);
      }
      parameterGradients[q] = toDouble(sum);
      parameterScales[q] = toDouble(abs);
      if (sum.logRadius() > Math.log10(Math.max(parameterScales[q], Double.MIN_NORMAL)) - 16) return null;
    }
    return new Result(values, scales, gradient, parameterGradients, parameterScales);
  }

  /**
   * {@code dS/de_j} (the sum over the outputs, weighted by the upstream, of each output's
   * derivative by the energy of unit j, every other argument fixed), from the implicit-EM
   * identities; {@code direct[j]} receives the part through {@code z_j} itself (the weighted and
   * mean statistics use {@code z_j} outside the energy). The gradient is {@code direct_j + e'_j
   * dS/de_j}; a parameter's is {@code sum_j de_j/dtheta dS/de_j}.
   */
  private Enclosure[] byEnergy(Enclosure[] zs, Enclosure[] r, Enclosure[] x, double[] upstream, Enclosure[] direct,
      long p) {
    int n = zs.length;
    Enclosure[] u = new Enclosure[upstream.length];
    for (int i = 0; i < u.length; i++) {
      if (!Double.isFinite(upstream[i])) throw new IllegalArgumentException("finite upstream only");
      u[i] = Enclosure.exact(Rational.of(upstream[i]));
    }
    Enclosure[] g = new Enclosure[n];
    java.util.Arrays.fill(direct, Enclosure.ZERO);
    switch (stat) {
      case RESPONSIBILITIES -> {
        // dr_i/de_j = -r_i (delta_ij - r_j): sum_i u_i dr_i/de_j = -r_j (u_j - sum_i u_i r_i)
        Enclosure c = Enclosure.ZERO;
        for (int i = 0; i < n; i++) c = c.add(u[i].multiply(r[i], p), p);
        for (int j = 0; j < n; j++) g[j] = r[j].multiply(u[j].subtract(c, p), p).negate();
      }
      case LOG_RESPONSIBILITIES -> {
        // d log r_i / de_j = -(delta_ij - r_j)
        Enclosure c = Enclosure.ZERO;
        for (Enclosure ui : u) c = c.add(ui, p);
        for (int j = 0; j < n; j++) g[j] = u[j].subtract(r[j].multiply(c, p), p).negate();
      }
      case WEIGHTED -> {
        Enclosure c = Enclosure.ZERO;
        for (int i = 0; i < n; i++) c = c.add(u[i].multiply(zs[i], p).multiply(r[i], p), p);
        for (int j = 0; j < n; j++) {
          direct[j] = u[j].multiply(r[j], p);
          g[j] = r[j].multiply(u[j].multiply(zs[j], p).subtract(c, p), p).negate();
        }
      }
      case MEAN -> {
        Enclosure mean = Enclosure.ZERO;
        for (int i = 0; i < n; i++) mean = mean.add(r[i].multiply(zs[i], p), p);
        for (int j = 0; j < n; j++) {
          direct[j] = u[0].multiply(r[j], p);
          g[j] = u[0].multiply(r[j], p).multiply(zs[j].subtract(mean, p), p).negate();
        }
      }
      case ENTROPY -> {
        // H = A + sum_k r_k e_k: dH/de_j = r_j (sum_k r_k e_k - e_j) = r_j (sum_k r_k x_k - x_j)
        Enclosure gaps = weightedGaps(r, x, p);
        for (int j = 0; j < n; j++) g[j] = u[0].multiply(r[j], p).multiply(gaps.subtract(x[j], p), p);
      }
      case FREE_ENERGY -> {
        // F = -A: dF/de_j = r_j
        for (int j = 0; j < n; j++) g[j] = u[0].multiply(r[j], p);
      }
      case MODE -> {
        for (int j = 0; j < n; j++) g[j] = Enclosure.ZERO;
      }
    }
    return g;
  }

  private static boolean tied(Enclosure gap) {
    return gap.isExactZero() || !gap.reliablyNonZero();
  }

  /** {@code sum_k r_k x_k}. */
  private static Enclosure weightedGaps(Enclosure[] r, Enclosure[] x, long p) {
    Enclosure acc = Enclosure.ZERO;
    for (int k = 0; k < r.length; k++) {
      if (!r[k].isExactZero() && !x[k].isExactZero()) acc = acc.add(r[k].multiply(x[k], p), p);
    }
    return acc;
  }

  private static double toDouble(Enclosure v) {
    if (v.isExactZero()) return 0.0;
    if (v.log10Magnitude() < -400) return 0.0 * v.midSignum();
    BigDecimal d = v.toBigDecimal(25);
    return Accuracy.toDouble(d);
  }

  /** The relative error of {@code computed} against {@code exact} measured on {@code scale} (floor MIN_NORMAL). */
  public static double error(double computed, double exact, double scale) {
    if (Double.isNaN(computed)) return Double.POSITIVE_INFINITY;
    if (computed == exact) return 0;
    double diff = Math.abs(computed - exact);
    return diff / Math.max(Math.max(scale, Math.abs(exact)), Double.MIN_NORMAL);
  }

  static double log10MinNormal() {
    return LOG10_MIN_NORMAL;
  }
}
