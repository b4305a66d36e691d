package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LinearSystems;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accuracy next to a root away from 0: where a value or derivative crosses zero, a form that is
 * accurate elsewhere subtracts nearly equal numbers ({@code 256 - 4 z^6} next to {@code z = 2}) and
 * its relative error grows like one over the distance to the root. Next to such a root the form
 * is spliced with a local expansion.
 *
 * <p>The root {@code r} is carried as a double-double {@code hi + lo} (bisection to adjacent
 * doubles with the reference's sign, then a secant step on the reference's values there, in
 * double-double), the offset {@code t = (z - hi) - lo} is exact to a rounding next to the root
 * (Sterbenz), and the expansion is {@code t * g(t)}: {@code g = f / t} interpolated at Chebyshev
 * nodes in {@code [-delta, delta]} from the reference's values (its double-double fast path),
 * evaluated by Horner. Nothing is typed in: the root and every coefficient come from the
 * reference. The splice is used only where a measurement (at points next to the root that the
 * verification stream does not use) shows the form loses the contract, and only when the spliced
 * form measures inside it; the half-width {@code delta} grows from {@code 2e-3 max(1, |r|)} until
 * the form outside is accurate.
 */
public final class RootSplice {
  private RootSplice() {}

  private static final boolean TRACE = System.getenv("DERIVE_TRACE") != null;

  /** With DERIVE_TRACE: each probe that raises a measured worst, with its computed and exact values. */
  private static final boolean TRACE_WORST = TRACE && System.getenv("DERIVE_TRACE_WORST") != null;
  private static final double[] HALF_WIDTHS = {2e-3, 1e-2, 4e-2};
  private static final int[] DEGREES = {7, 9, 13, 17};

  /**
   * The half-widths at the root at 0 ({@link #withRootAtZero}): one wider as well. A form that
   * misses there has an absolute error of about an ulp of its terms, so it loses the contract as
   * far out as the output is below a few 1e-4 of them: the gated free energy of {@code
   * Log[1+Abs[z-mu]^p]} ({@code -3/8 z^2} next to 0) needs |z| > 0.05, and a splice to 0.04
   * measured 1.5e-13, above an eighth of the tolerance.
   */
  private static final double[] ZERO_HALF_WIDTHS = {2e-3, 1e-2, 4e-2, 1.6e-1};

  /**
   * The form with a splice at each root of {@code roots} where it needs one (the form itself
   * where none does or none helps).
   *
   * @param tolerance the contract's tolerance for this function
   */
  public static Expr splice(Expr form, double[] roots, ReferenceEvaluator reference, int output,
      boolean derivative, Map<String, Double> free, double tolerance) {
    return splice(form, roots, reference, output, derivative, null, free, tolerance);
  }

  /** {@link #splice} of the derivative in the free parameter {@code parameter} (null: value or derivative in z). */
  public static Expr splice(Expr form, double[] roots, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    Expr current = form;
    for (double root : roots) {
      Optional<Expr> spliced = at(current, root, roots, new double[0][], reference, output, derivative, parameter, free,
          tolerance);
      if (spliced.isPresent()) current = spliced.get();
    }
    return current;
  }

  /**
   * With free parameters the root moves with them, and the expansion is the one at their values
   * in {@code free} (the defaults): each splice is guarded by those values, so that other values
   * evaluate the form itself.
   */
  public static Expr spliceAtValues(Expr form, double[] roots, ReferenceEvaluator reference, int output,
      boolean derivative, Map<String, Double> free, double tolerance) {
    return spliceAtValues(form, roots, reference, output, derivative, null, free, tolerance);
  }

  /** {@link #spliceAtValues} of the derivative in the free parameter {@code parameter}. */
  public static Expr spliceAtValues(Expr form, double[] roots, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    Expr spliced = splice(form, roots, reference, output, derivative, parameter, free, tolerance);
    if (spliced == form || free.isEmpty()) return spliced;
    return guard(spliced, form, free);
  }

  /**
   * {@link #spliceAtValues} next to the roots, then next to the kinks ({@link #atKink}), each
   * splice guarded by the free parameters' values.
   */
  public static Expr spliceAtValues(Expr form, double[] roots, double[][] kinks, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    Expr current = form;
    roots = withRootAtZero(form, roots, kinks, reference, output, derivative, parameter, free, tolerance);
    for (double root : roots) {
      Optional<Expr> spliced = at(current, root, roots, kinks, reference, output, derivative, parameter, free, tolerance);
      if (spliced.isPresent()) current = spliced.get();
    }
    for (double[] kink : kinks) {
      if (!Double.isFinite(kink[0])) continue;
      boolean atZero = Math.abs(kink[0]) <= 1e-6;
      for (int side : new int[] {-1, 1}) {
        Optional<Expr> spliced = atZero ? Optional.empty()
            : atKink(current, kink, side, roots, reference, output, derivative, parameter, free, tolerance);
        if (spliced.isEmpty()) {
          spliced = atKinkInRoot(current, kink, side, roots, kinks, reference, output, derivative, parameter, free,
              tolerance);
        }
        if (spliced.isPresent()) current = spliced.get();
      }
    }
    if (current == form || free.isEmpty()) return current;
    return guard(current, form, free);
  }

  /**
   * {@code roots} with 0 in front where the definition vanishes at z = 0 (exactly), 0 is no kink,
   * and the form misses next to it at a few offsets ({@link #ZERO_PROBES}); else {@code roots}
   * itself. Why: 0 is the near-zero repairs' (series in z, from Symja), and where those find
   * nothing, most often because {@code Series} exhausts its budget on a symbolic parameter, the
   * form cancels there: the gated free energy of {@code Log[1+Abs[z-mu]^p]} with p = 3/2 free
   * vanishes like {@code -3/8 z^2} at 0 and was 1.1e-16 at z = -1.66e-14 (exact -1.0e-28) and 0.0
   * at 1e-10. The splice at 0 is the one at any root ({@link #at}), with the offset {@code t = z}.
   */
  static double[] withRootAtZero(Expr form, double[] roots, double[][] kinks, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    for (double r : roots) if (r == 0) return roots;
    for (double[] kink : kinks) if (kink[0] == 0 && kink[1] == 0) return roots;
    double[] at = precise(0.0, reference, output, derivative, parameter, 1e-4);
    if (at == null || at[0] != 0) return roots;
    Accuracy.Exact[] exact = exactOrEscalatedAt(ZERO_PROBES, reference, output, derivative, parameter);
    if (worst(form, ZERO_PROBES, exact, new HashMap<>(free)) <= tolerance / 8) return roots;
    double[] out = new double[roots.length + 1];
    System.arraycopy(roots, 0, out, 1, roots.length);
    return out;
  }

  /** Where {@link #withRootAtZero} looks: offsets from the subnormals to 1e-4, on both sides. */
  private static final double[] ZERO_PROBES = {
      -1e-4, -3.7e-9, -1.66e-14, -1e-30, -1e-100, -1e-300, -Double.MIN_VALUE,
      Double.MIN_VALUE, 1e-300, 1e-100, 1e-30, 1e-14, 2.9e-9, 1e-4};

  /**
   * A one-sided expansion next to a kink: where pieces join, an output may tend to 0 from one
   * side only (the Tukey mean's derivative left of a breakpoint, where every energy is flat, and
   * a jump to the right), so no sign change shows a root and a two-sided fit cannot follow the
   * jump. On the side {@code side} of {@code kink} (a double-double {@code hi + lo}: the offset
   * {@code t = (z - hi) - lo} is exact to a rounding next to it, also at a kink such as -5/3 that
   * no double is) the output is {@code t P(u)} when it vanishes at the
   * kink and {@code P(u)} otherwise, with {@code u = 2t/delta - side} in {@code (-1, 1)} and P
   * interpolated at Chebyshev nodes from the reference. As for roots: used only where the form
   * loses the contract on that side and the spliced form measures inside it; the kink itself
   * keeps the form (its value there is the pieces' convention).
   */
  static Optional<Expr> atKink(Expr form, double[] kink, int side, double[] roots, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    Map<String, Double> vars = new HashMap<>(free);
    double widest = 4 * HALF_WIDTHS[HALF_WIDTHS.length - 1] * Math.max(1, Math.abs(kink[0]));
    // dense next to the output's roots on that side too: a splice without the factor t that
    // reached over a root would measure well at the kink's probes and lose everything next to it
    java.util.stream.DoubleStream near = java.util.Arrays.stream(roots)
        .filter(r -> side * offset(r, kink) > 0 && side * offset(r, kink) < widest)
        .flatMap(r -> java.util.Arrays.stream(probes(r, 1e-6 * Math.max(1, Math.abs(r)))));
    double[] probes = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(probes(kink[0], widest)), near)
        .filter(z -> side * offset(z, kink) > 0).toArray();
    Accuracy.Exact[] exact = exactAt(probes, reference, output, derivative, parameter);
    double before = worst(form, probes, exact, vars);
    if (before <= tolerance / 8) return Optional.empty();
    for (int i = 0; i < HALF_WIDTHS.length; i++) {
      double delta = 2 * HALF_WIDTHS[i] * Math.max(1, Math.abs(kink[0]));
      for (boolean vanishing : new boolean[] {true, false}) {
        Optional<double[]> coefficients = fitOneSided(kink, side, delta, DEGREES[i], vanishing, reference, output,
            derivative, parameter);
        if (coefficients.isEmpty()) continue;
        Expr candidate = splicedOneSided(form, kink, side, delta, coefficients.get(), vanishing);
        double after = worst(candidate, probes, exact, vars);
        if (after <= tolerance / 8) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A one-sided expansion in {@code s = |t|^(1/q)} next to a kink of root order q ({@link
   * #order}). With q >= 2 the output is {@code s^m G(s)} with G analytic and {@code G(0) != 0}, which no
   * polynomial in t follows (its slope is infinite at the kink). The three-prototype
   * responsibilities of {@code |z - mu|^(3/2)}: the middle one's derivative is odd about its centre
   * 0 and goes like {@code c sqrt|z|} there, while the form sums terms of order one that cancel, so
   * it was -0.0 at z = 1.6e-223 (exact -1.2e-119); the free energy's derivative at the same
   * prototypes was -1.16e-55 at z = -5.9e-111 (exact -6.7e-56). The power m comes from the
   * reference at two tiny offsets (a clean integer slope of log|f| against log s, else nothing),
   * G = f / s^m is interpolated at Chebyshev nodes in s from the reference, and the local form
   * is {@code s^m G(u)}, {@code u = 2 s / s_far - 1}. Used, as every splice, only where the form
   * loses the contract on that side (probes down to offsets of 1e-300, where the kink is at 0) and
   * the spliced form measures inside it; a kink at 0 is included (the near-zero repairs are
   * polynomials in z, which this output is not). Also for q = 1 where {@link #atKink} found
   * nothing: a root on a kink that the output approaches like {@code t^m}, m >= 2, where {@code
   * t P(u)} cancels next to the kink (dC of the Tukey biweight with c = 2 at the centres -1 and 1
   * vanishes like {@code (z + 1)^2} right of the kink at -1: 4.4e-17 where the exact value is
   * 1.6e-19).
   */
  static Optional<Expr> atKinkInRoot(Expr form, double[] kink, int side, double[] roots, double[][] kinks,
      ReferenceEvaluator reference, int output, boolean derivative, String parameter, Map<String, Double> free,
      double tolerance) {
    int q = order(kink);
    double scale = Math.max(1, Math.abs(kink[0]));
    double cap = halfWayToNext(kink, side, kinks, roots);
    double widest = Math.min(cap, 4 * HALF_WIDTHS[HALF_WIDTHS.length - 1] * scale);
    List<Double> near = new ArrayList<>();
    for (double k = -300; k <= -1; k += 0.5) {
      double d = Math.pow(10, k) * scale;
      if (d >= widest) break;
      near.add(kink[0] + side * d);
      near.add(kink[0] + side * 0.37 * d);
    }
    for (int i = 1; i <= 40; i++) near.add(kink[0] + side * widest * i / 41.0);
    double a = kink[0];
    for (int i = 0; i < 8; i++) {
      a = side > 0 ? Math.nextUp(a) : Math.nextDown(a);
      near.add(a);
    }
    // distinct: offsets below the kink's ulp all round to the same z
    double[] probes = near.stream().mapToDouble(Double::doubleValue).filter(z -> side * offset(z, kink) > 0).distinct()
        .toArray();
    Map<String, Double> vars = new HashMap<>(free);
    // next to a kink at 0 the reference's fast path cannot decide most probes (the output is a
    // difference of terms that cancel there): without the high-precision evaluator the form was
    // measured at 69 of 1,246 probes and passed, while it was 1e137 off at z = 7.6e-309
    Accuracy.Exact[] exact = exactOrEscalatedAt(probes, reference, output, derivative, parameter);
    double before = worst(form, probes, exact, vars);
    if (before <= tolerance / 8) return Optional.empty();
    int m = leadingPowerInRoot(kink, side, q, scale, reference, output, derivative, parameter);
    if (TRACE) System.err.printf("trace: kink %s side %d: form's worst %.2g, leading power s^%d%n", kink[0], side, before, m);
    if (m == NO_POWER) return Optional.empty();
    // one splice of the given reach and degree, kept where it meets an eighth of the tolerance
    java.util.function.BiFunction<Double, Integer, Optional<Expr>> attempt = (reach, degree) -> {
      Optional<double[]> c = fitInRootAtKink(kink, side, q, m, reach, degree, reference, output, derivative, parameter);
      if (c.isEmpty()) return Optional.empty();
      Expr candidate = splicedInRootAtKink(form, kink, side, q, m, reach, c.get());
      double after = worst(candidate, probes, exact, vars);
      if (TRACE) System.err.printf("trace: kink %s side %d: s^%d G(s), s = |t|^(1/%d), to %s, degree %d: worst %.2g (form %.2g)%n",
          kink[0], side, m, q, reach, degree, after, before);
      return after <= tolerance / 8 ? Optional.of(candidate) : Optional.empty();
    };
    double previous = Double.NaN;
    for (int i = 0; i < HALF_WIDTHS.length; i++) {
      double reach = Math.min(cap, HALF_WIDTHS[i] * scale);
      if (reach == previous) break;
      previous = reach;
      for (int degree : new int[] {DEGREES[i], DEGREES[i] + 4}) {
        Optional<Expr> kept = attempt.apply(reach, degree);
        if (kept.isPresent()) return kept;
      }
    }
    // Narrower, only where none of those holds (so that a splice found before stays): an output
    // nonzero but small at the kink against its growth next to it (the free energy's slope of
    // Abs[z-mu]^4 + 3/2 Log[1+(2(z-mu))^2] at -1:0,1:z is 5.4e-8 + 12 t right of the kink at 1)
    // is a sum of alternating terms of about 12 x the reach at t = 0 over a wide reach (5.5e-11 at
    // 0.002), and the form itself cancels there (2.5e-8 off 1.4e-14 from the kink)
    for (double narrow : NARROW_HALF_WIDTHS) {
      Optional<Expr> kept = attempt.apply(Math.min(cap, narrow * scale), DEGREES[0]);
      if (kept.isPresent()) return kept;
    }
    return Optional.empty();
  }

  /** Kink splices narrower than {@link #HALF_WIDTHS}, tried after them. */
  private static final double[] NARROW_HALF_WIDTHS = {2e-4, 2e-5, 2e-6};

  /**
   * Half the distance from {@code from} ({@code {hi, lo}}) to the nearest kink or root strictly on
   * the side {@code toward}; infinite where there is none: how far an expansion may reach.
   */
  private static double halfWayToNext(double[] from, int toward, double[][] kinks, double[] roots) {
    double cap = Double.POSITIVE_INFINITY;
    for (double[] k : kinks) {
      if (k == from) continue; // the kink an expansion starts at (its offset is its own -lo)
      double beyond = toward * offset(k[0], from);
      if (beyond > 0) cap = Math.min(cap, beyond / 2);
    }
    for (double r : roots) {
      double beyond = toward * offset(r, from);
      if (beyond > 0) cap = Math.min(cap, beyond / 2);
    }
    return cap;
  }

  /**
   * {@link #f}, and where its fast path cannot decide, the high-precision evaluator: next to a kink
   * at a root the output is a difference of terms of order one that cancel to {@code s^m}.
   */
  private static double[] precise(double z, ReferenceEvaluator reference, int output, boolean derivative,
      String parameter) {
    return precise(z, reference, output, derivative, parameter, 1e-17);
  }

  /** {@link #precise} with the fast path asked for {@code relative} accuracy only. */
  private static double[] precise(double z, ReferenceEvaluator reference, int output, boolean derivative,
      String parameter, double relative) {
    Accuracy.Exact e = precisely(z, reference, output, derivative, parameter, relative).orElse(null);
    return e != null && Double.isFinite(e.hi()) ? pair(e) : null;
  }

  /** The output's exact value at z: the reference's fast path, else its high-precision evaluator. */
  private static Optional<Accuracy.Exact> precisely(double z, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter) {
    return precisely(z, reference, output, derivative, parameter, 1e-17);
  }

  private static Optional<Accuracy.Exact> precisely(double z, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, double relative) {
    Optional<Accuracy.Exact> fast = RootFinder.exact(reference, output, derivative, parameter, z, relative);
    return fast.isPresent() ? fast : highPrecision(z, reference, output, derivative, parameter);
  }

  /** The output's exact value at z from the reference's high-precision evaluator (no fast path). */
  private static Optional<Accuracy.Exact> highPrecision(double z, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter) {
    try {
      java.math.BigDecimal v;
      if (parameter != null) {
        Optional<Accuracy.Exact[]> d = reference.parameterDerivative(z, parameter);
        if (d.isEmpty()) return Optional.empty();
        v = d.get()[output].value();
      } else {
        v = outputOf(reference.evaluate(z), output, derivative);
      }
      return v == null ? Optional.empty() : Optional.of(Accuracy.Exact.of(v));
    } catch (ArithmeticException | InsufficientPrecisionException e) {
      return Optional.empty();
    }
  }

  /** {@link #leadingPowerInRoot} where the power is not clean. */
  static final int NO_POWER = Integer.MIN_VALUE;

  /**
   * The power m of {@code f ~ c s^m} at the kink on that side, from two tiny offsets; {@link
   * #NO_POWER} where it is not clean. Negative down to {@code 1 - q}: a slope that grows like {@code
   * |t|^(m/q)} with {@code m/q > -1} (the three-prototype responsibilities of {@code |z - mu|^(1/2)}
   * have derivatives like {@code |z|^(-1/2)} at the middle centre, and the form was NaN there).
   */
  static int leadingPowerInRoot(double[] kink, int side, int q, double scale, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter) {
    int m = leadingPowerInRoot(kink, side, q, scale, 1e-9, reference, output, derivative, parameter);
    // again over two decades instead of four (only where the first found none, so that a power
    // found before stays): the free energy's slope of Abs[z-mu]^4 + 3/2 Log[1+(2(z-mu))^2] at
    // -1:0,1:z is 5.4e-8 + 12 t right of the kink at 1, which grows by a fifth over four decades
    // (a slope of 0.02 in the logarithms, no power); no kink splice was built, and the slope was
    // 2.5e-8 off 1.4e-14 from the kink
    return m != NO_POWER ? m : leadingPowerInRoot(kink, side, q, scale, 1e-11, reference, output, derivative, parameter);
  }

  private static int leadingPowerInRoot(double[] kink, int side, int q, double scale, double far, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter) {
    // a kink at 0 has every tiny offset; elsewhere the doubles next to it are 1e-16 |kink| apart
    boolean atZero = kink[0] == 0 && kink[1] == 0;
    double z1 = kink[0] + (kink[1] + side * (atZero ? 1e-80 : 1e-13 * scale));
    double z2 = kink[0] + (kink[1] + side * (atZero ? 1e-40 : far * scale));
    double t1 = offset(z1, kink);
    double t2 = offset(z2, kink);
    if (side * t1 <= 0 || side * t2 <= side * t1) return NO_POWER;
    double[] f1 = precise(z1, reference, output, derivative, parameter);
    double[] f2 = precise(z2, reference, output, derivative, parameter);
    if (f1 == null || f2 == null || f1[0] == 0 || f2[0] == 0) return NO_POWER;
    double slope = Math.log(Math.abs(f2[0] / f1[0])) / Math.log(rootOf(t2, q) / rootOf(t1, q));
    long m = Math.round(slope);
    return m > -q && m <= 8 * q && Math.abs(slope - m) < 1e-3 ? (int) m : NO_POWER;
  }

  /** G's coefficients in {@code u = 2 s / s_far - 1} for {@link #atKinkInRoot}: f / s^m at Chebyshev nodes in s. */
  static Optional<double[]> fitInRootAtKink(double[] kink, int side, int q, int m, double reach, int degree,
      ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    return fitInS(kink, side, q, reach, degree, z -> {
      double[] fz = precise(z, reference, output, derivative, parameter);
      return fz == null ? Double.NaN : (fz[0] + fz[1]) / Math.pow(rootOf(offset(z, kink), q), m);
    });
  }

  /**
   * The polynomial through {@code (u_k, value(z_k))}, {@code u = 2 |k|^(1/q) / reach^(1/q) - 1} with
   * k the offset from the kink, at the Chebyshev nodes in the root of the offset on the side
   * {@code toward}; empty where a value is not finite.
   */
  private static Optional<double[]> fitInS(double[] kink, int toward, int q, double reach, int degree,
      java.util.function.DoubleUnaryOperator value) {
    double sFar = rootOf(reach, q);
    double[] zs = nodesInRoot(kink, toward, q, sFar, degree + 1);
    double[] us = new double[zs.length];
    double[] rhs = new double[zs.length];
    for (int k = 0; k < zs.length; k++) {
      double kt = offset(zs[k], kink);
      if (toward * kt <= 0 || toward * kt >= reach) return Optional.empty();
      us[k] = 2 * rootOf(kt, q) / sFar - 1;
      rhs[k] = value.applyAsDouble(zs[k]);
      if (!Double.isFinite(rhs[k])) return Optional.empty();
    }
    return LinearSystems.polynomialThrough(us, rhs);
  }

  /** {@code 0 < side t < reach ? s^m G(u) : form}, {@code s = |t|^(1/q)}, {@code t = (z - hi) - lo}. */
  static Expr splicedInRootAtKink(Expr form, double[] kink, int side, int q, int m, double reach, double[] c) {
    Expr t = offsetFrom(kink);
    Expr s = rootOf(t, q);
    Expr u = new Expr.Add(List.of(new Expr.Mul(List.of(s, Expr.Const.of(2 / rootOf(reach, q)))), Expr.Const.of(-1.0)));
    Expr g = horner(u, c);
    Expr local = m == 0 ? g
        : m > 0 ? new Expr.Mul(List.of(m == 1 ? s : new Expr.PowInt(s, m), g))
        : new Expr.Div(g, m == -1 ? s : new Expr.PowInt(s, -m));
    return new Expr.Cond(strictlyOnSide(t, side, reach), local, form);
  }

  /** P's coefficients in u for {@link #atKink}: f (or f/t) at Chebyshev nodes of the side's interval. */
  static Optional<double[]> fitOneSided(double[] kink, int side, double delta, int degree, boolean vanishing,
      ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    int n = degree + 1;
    double[] us = new double[n];
    double[] rhs = new double[n];
    for (int k = 0; k < n; k++) {
      double z = kink[0] + side * delta * (1 + Math.cos(Math.PI * (k + 0.5) / n)) / 2;
      double t = offset(z, kink);
      if (side * t <= 0) return Optional.empty();
      double[] fz = f(z, reference, output, derivative, parameter);
      if (fz == null) return Optional.empty();
      double u = 2 * t / delta - side;
      us[k] = u;
      rhs[k] = vanishing ? (fz[0] + fz[1]) / t : fz[0] + fz[1];
      if (!Double.isFinite(rhs[k])) return Optional.empty();
    }
    return LinearSystems.polynomialThrough(us, rhs);
  }

  private static double offset(double z, double[] kink) {
    return (z - kink[0]) - kink[1];
  }

  /** {@code 0 < side t < delta ? [t] P(2t/delta - side) : form}, {@code t = (z - hi) - lo}. */
  static Expr splicedOneSided(Expr form, double[] kink, int side, double delta, double[] c, boolean vanishing) {
    Expr t = offsetFrom(kink);
    Expr u = new Expr.Add(List.of(new Expr.Mul(List.of(t, Expr.Const.of(2 / delta))), Expr.Const.of(-side)));
    Expr horner = horner(u, c);
    Expr local = vanishing ? new Expr.Mul(List.of(t, horner)) : horner;
    return new Expr.Cond(strictlyOnSide(t, side, delta), local, form);
  }

  /** {@code 0 < side x < width}: x strictly on the side {@code side} of 0, less than {@code width} away. */
  private static Expr.Test strictlyOnSide(Expr x, int side, double width) {
    Expr zero = Expr.Const.of(0.0);
    return side < 0
        ? new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.LT, x, zero),
            new Expr.Test.Compare(Expr.Test.Op.GT, x, Expr.Const.of(-width))))
        : new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GT, x, zero),
            new Expr.Test.Compare(Expr.Test.Op.LT, x, Expr.Const.of(width))));
  }

  /** Every splice of {@code spliced} (a chain of Conds ending in {@code form}) also tests the parameters' values. */
  private static Expr guard(Expr spliced, Expr form, Map<String, Double> free) {
    if (spliced == form || !(spliced instanceof Expr.Cond c)) return spliced;
    List<Expr.Test> tests = new ArrayList<>(dev.activations.deriver.lowering.Exprs.parametersAt(free));
    tests.add(c.test());
    return new Expr.Cond(new Expr.Test.And(tests), c.then(), guard(c.otherwise(), form, free));
  }

  /**
   * With the derivation's kinks: a splice never reaches across one, where no polynomial holds, so
   * each half-width is capped at half the distance to the nearest kink. The free energy of
   * {@code Max[0,Abs[(z-mu)/a]-3/2]^2} at three centres with a = 1/2 vanishes at z = 2.75538, 0.0054
   * from the kink at 2.75, where the narrowest splice (2e-3 |r| = 0.0055) already reached across
   * it: none was kept, and the value missed by 4.5e-6 next to the root.
   *
   * <p>A splice is measured on the probes nearer to its root than to any other of {@code roots}
   * ({@link #nearest}): the neighbour's cancellation is the neighbour's splice's business.
   */
  private static Optional<Expr> at(Expr form, double root, double[] roots, double[][] kinks, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter, Map<String, Double> free, double tolerance) {
    Map<String, Double> vars = new HashMap<>(free);
    double[] halfWidths = root == 0 ? ZERO_HALF_WIDTHS : HALF_WIDTHS;
    double[] probes = onTheRootsSide(nearest(probes(root, 4 * halfWidths[halfWidths.length - 1] * Math.max(1, Math.abs(root))),
        root, roots), root, kinks);
    Accuracy.Exact[] exact = exactOrEscalatedAt(probes, reference, output, derivative, parameter);
    double before = worst(form, probes, exact, vars);
    if (TRACE) System.err.printf("trace: root %s (derivative %s): form's worst %.2g%n", root, derivative, before);
    if (before <= tolerance / 8) return Optional.empty();
    double cap = Double.POSITIVE_INFINITY;
    for (double[] kink : kinks) {
      double distance = Math.abs(offset(root, kink));
      if (distance > 0) cap = Math.min(cap, distance / 2);
    }
    // nor across the next root: a splice is t P(t) about its own root, and where it reached over a
    // neighbour (the signed free energy of (2(z - mu))^2 vanishes at 1 +- 1.675e-4, 3.35e-4 apart,
    // and each splice was 2e-3 wide) the first one in the chain took the neighbour's points too,
    // where its P cancels (relative error 4.8e-4 next to z = -1.00017)
    double neighbour = Double.POSITIVE_INFINITY;
    for (double other : roots) {
      double distance = Math.abs(other - root);
      if (distance > 0) neighbour = Math.min(neighbour, distance / 2);
    }
    double apart = Math.min(cap, neighbour);
    // the low part polished in high precision for every root, not only for close pairs: the probes
    // one ulp from the root, which the high-precision evaluator decides (exactOrEscalatedAt), see
    // its last digits (the signed Gaussian free energy's splice at 1.3579 measured 1.5e-13 there
    // with the one-step secant's low part, and was refused)
    int multiplicity = touching(root, reference, output, derivative, parameter);
    double[] dd;
    if (multiplicity > 0) {
      dd = new double[] {root, 0};
      if (TRACE) System.err.printf("trace: root %s: touching, multiplicity %d%n", root, multiplicity);
    } else {
      multiplicity = 1;
      dd = refine(root, reference, output, derivative, parameter);
      if (dd == null) {
        if (TRACE) System.err.printf("trace: root %s: not refined%n", root);
        return Optional.empty();
      }
    }
    double previous = Double.NaN;
    for (int i = 0; i < halfWidths.length; i++) {
      double delta = Math.min(apart, halfWidths[i] * Math.max(1, Math.abs(root)));
      if (delta == previous) break; // capped: a wider try would be the same one
      previous = delta;
      // A higher degree at the same width before a wider one: an output that is small against its
      // own polynomial terms (the entropy's slope where three energies meet, f ~ 1e-12 made of
      // terms up to (z - 4)^11) needs them all, and a wider interval only adds more.
      for (int degree : new int[] {DEGREES[i], DEGREES[i] + 6, DEGREES[i] + 12}) {
        Optional<double[]> coefficients = fit(dd, delta, degree, reference, output, derivative, parameter, multiplicity);
        if (coefficients.isEmpty()) {
          if (TRACE) System.err.printf("trace: root %s: no fit to %s, degree %d%n", root, delta, degree);
          continue;
        }
        Expr candidate = spliced(form, dd, delta, coefficients.get(), multiplicity);
        double after = worst(candidate, probes, exact, vars);
        if (TRACE) System.err.printf("trace: root %s: splice to %s, degree %d: worst %.2g%n", root, delta, degree, after);
        if (after <= tolerance / 8) return Optional.of(candidate);
      }
    }
    if (cap == Double.POSITIVE_INFINITY) return Optional.empty();
    List<Reach> reaching = reachingTheKink(form, dd, root, roots, kinks, probes, exact, reference, output, derivative,
        parameter, vars, tolerance / 8);
    if (!reaching.isEmpty() && reaching.get(reaching.size() - 1).worst() <= tolerance / 8) {
      return Optional.of(reaching.get(reaching.size() - 1).expr());
    }
    Optional<Expr> rooted = rootedAtTheKink(form, dd, root, roots, kinks, probes, exact, reference, output, derivative, parameter, vars,
            tolerance);
    if (rooted.isPresent()) return rooted;
    // Where neither meets an eighth of the tolerance, a splice reaching the kink within half of it
    // and better than the form (only then, so that a splice found before stays as it was): the
    // measure covers the probes beyond the splice too, where the form stands. The free energy of
    // Abs[z-mu]^4 + 3/2 Log[1+(2(z-mu))^2] at -1:0,1:z is about 6 t^2 - e^-20.25 next to the kink
    // at z = -1 (t = z + 1): it vanishes 1.6e-5 either side, and is small against its terms for 0.01
    // around, where the form is 1.9e-13 off; no splice was kept and the value was 8 % off 7.7e-12
    // from the root. (The same splices as above, each fitted and measured once.)
    return reaching.stream().filter(r -> r.worst() <= tolerance / 2).findFirst().filter(r -> r.worst() < before).map(Reach::expr);
  }

  /** A splice tried, with its worst error at the probes. */
  private record Reach(Expr expr, double worst) {}

  /**
   * The root order of a kink {@code {hi, lo, q}}: the energies hold {@code |z - c|^(m/q)} (q the
   * least common denominator of their non-integer rational powers), so next to the kink every
   * piece is analytic in {@code |z - c|^(1/q)}, not in z. 1 when the kink carries none.
   */
  private static int order(double[] kink) {
    return kink.length > 2 ? (int) kink[2] : 1;
  }

  /**
   * Where the output is not analytic at the kink (a generalized Gaussian {@code |z - c|^p} with a
   * non-integer p: its slope goes like {@code |z - c|^(p-1)}) no polynomial in the offset
   * converges on an interval that reaches the kink, so {@link #reachingTheKink} holds nowhere. The
   * piece on the root's side is analytic in {@code s = |z - c|^(1/q)} ({@link #order}) and the
   * root's factor is taken exactly as {@code t = (z - hi) - lo}: the output is {@code t G(s)},
   * with G = f / t interpolated at Chebyshev nodes in s over the interval from the kink (excluded)
   * to past the root (as far as {@link #HALF_WIDTHS} and half the distance to the next root or
   * kink allow). The free energy of {@code Abs[z-mu]^p} at p = 5/4 vanishes 1.48e-4 left of the
   * kink at 1, that of p = 3/2's derivative 7.2e-3 left of it: the form cancels there (relative
   * error 3.1e-8 and 1.3e-3).
   */
  private static Optional<Expr> rootedAtTheKink(Expr form, double[] dd, double root, double[] roots, double[][] kinks,
      double[] probes, Accuracy.Exact[] exact, ReferenceEvaluator reference, int output, boolean derivative, String parameter,
      Map<String, Double> vars, double tolerance) {
    double[] kink = null;
    double distance = Double.POSITIVE_INFINITY;
    for (double[] k : kinks) {
      double d = Math.abs(offset(root, k));
      if (d > 0 && d < distance) {
        kink = k;
        distance = d;
      }
    }
    if (kink == null || order(kink) < 2) return Optional.empty();
    int q = order(kink);
    int toward = offset(root, kink) > 0 ? 1 : -1; // from the kink to the root, and on past it
    double cap = halfWayToNext(new double[] {root, 0}, toward, kinks, roots);
    double previous = Double.NaN;
    for (int i = 0; i < HALF_WIDTHS.length; i++) {
      double reach = distance + Math.min(cap, HALF_WIDTHS[i] * Math.max(1, Math.abs(root)));
      if (reach == previous) break;
      previous = reach;
      for (int degree : new int[] {DEGREES[i], DEGREES[i] + 4}) {
        Optional<double[]> coefficients = fitInRoot(dd, kink, toward, q, reach, degree, reference, output, derivative,
            parameter);
        if (coefficients.isEmpty()) continue;
        Expr candidate = splicedInRoot(form, dd, kink, toward, q, reach, coefficients.get());
        double after = worst(candidate, probes, exact, vars);
        if (TRACE) System.err.printf("trace: root %s: expansion in |z - %s|^(1/%d) to %s, degree %d: worst %.2g%n",
            root, kink[0], q, reach, degree, after);
        if (after <= tolerance / 8) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code |x|^(1/q)} as the generated code computes it: nested square roots for q = 2, 4, 8, else a power. */
  static double rootOf(double x, int q) {
    double a = Math.abs(x);
    if (Integer.bitCount(q) == 1) {
      for (int k = q; k > 1; k /= 2) a = Math.sqrt(a);
      return a;
    }
    return Math.pow(a, 1.0 / q);
  }

  private static Expr rootOf(Expr x, int q) {
    Expr a = Expr.Call.of(Fn.ABS, x);
    if (Integer.bitCount(q) == 1) {
      for (int k = q; k > 1; k /= 2) a = Expr.Call.of(Fn.SQRT, a);
      return a;
    }
    return Expr.Call.of(Fn.POW, a, Expr.Const.of(1.0 / q));
  }

  /**
   * The z of n Chebyshev nodes in {@code s = |t|^(1/q)} over {@code (0, sFar)} on the side {@code
   * toward} of the kink (the expansions in the root of the offset interpolate there).
   */
  private static double[] nodesInRoot(double[] kink, int toward, int q, double sFar, int n) {
    double[] zs = new double[n];
    for (int k = 0; k < n; k++) {
      double node = sFar * (1 + Math.cos(Math.PI * (k + 0.5) / n)) / 2;
      zs[k] = kink[0] + (kink[1] + toward * Math.pow(node, q));
    }
    return zs;
  }

  /** G's coefficients in {@code u = 2 s / sFar - 1} for {@link #rootedAtTheKink}: f / t at Chebyshev nodes in s. */
  static Optional<double[]> fitInRoot(double[] root, double[] kink, int toward, int q, double reach, int degree,
      ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    double s0 = rootOf(rootOffset(root, kink), q);
    return fitInS(kink, toward, q, reach, degree, z -> {
      double t = (z - root[0]) - root[1];
      double[] fz = t == 0 ? null : f(z, reference, output, derivative, parameter);
      return fz == null ? Double.NaN : (fz[0] + fz[1]) / t * otherRoots(rootOf(offset(z, kink), q), s0, q);
    });
  }

  /** The root's offset from the kink, {@code (hi - khi) + (lo - klo)}. */
  private static double rootOffset(double[] root, double[] kink) {
    return (root[0] - kink[0]) + (root[1] - kink[1]);
  }

  /**
   * {@code s^(q-1) + s0 s^(q-2) + ... + s0^(q-1)}: {@code t = +-(s^q - s0^q)} is {@code (s - s0)}
   * times this, whose zeros {@code s0 e^(2 pi i j/q)} (j > 0) lie as close to the interval as the
   * root itself. Dividing f by t alone left those poles in G (coefficients that did not decay,
   * 1e-3 at degree 7 for p = 5/4); {@code H = G * otherRoots} is analytic, and this sum of
   * positive terms is accurate.
   */
  static double otherRoots(double s, double s0, int q) {
    double sum = 1;
    for (int j = 1; j < q; j++) sum = sum * s + Math.pow(s0, j);
    return sum;
  }

  private static Expr otherRoots(Expr s, double s0, int q) {
    Expr sum = Expr.Const.of(1.0);
    for (int j = 1; j < q; j++) sum = new Expr.Add(List.of(new Expr.Mul(List.of(sum, s)), Expr.Const.of(Math.pow(s0, j))));
    return sum;
  }

  /**
   * {@code 0 < toward k < reach ? t H(u) / otherRoots(s) : form}, {@code s = |k|^(1/q)}, {@code u = 2 s /
   * reach^(1/q) - 1}, {@code k = (z - khi) - klo} the offset from the kink, {@code t = (z - hi) - lo}
   * the offset from the root.
   */
  static Expr splicedInRoot(Expr form, double[] root, double[] kink, int toward, int q, double reach, double[] c) {
    Expr k = offsetFrom(kink);
    Expr s = rootOf(k, q);
    Expr u = new Expr.Add(List.of(new Expr.Mul(List.of(s, Expr.Const.of(2 / rootOf(reach, q)))),
        Expr.Const.of(-1.0)));
    Expr local = new Expr.Div(new Expr.Mul(List.of(offsetFrom(root), horner(u, c))),
        otherRoots(s, rootOf(rootOffset(root, kink), q), q));
    return new Expr.Cond(strictlyOnSide(k, toward, reach), local, form);
  }

  /**
   * Where the symmetric splice, capped by a kink, cannot reach far enough for the form outside it
   * to be accurate: an interval that reaches the kink on that side (the kink itself excluded) and
   * grows as before on the other, each side also kept within half the distance to the next root.
   * On that interval the output is one piece's formula, analytic across the kink, so the
   * interpolant converges as on any other interval; it is {@code t P(u)} with {@code u} the offset
   * mapped onto {@code [-1, 1]}, as for the one-sided kink expansions. The free energy of {@code
   * Sign[z-mu] (z-mu) + 2 (Sqrt[1+(2(z-mu))^2] - 1)} at centres -1 and 1 vanishes 2.6e-4 on
   * either side of the kinks: the capped splices (1.3e-4) left the form cancelling between them
   * and the kink (relative error 6.4e-13 and 1.5e-12 at the probes, 5.7e-5 at the verification's
   * worst point before any splice). Returns the splices tried, in order, up to the first whose worst
   * error at the probes is within {@code bound} (the last one, where there is one).
   */
  private static List<Reach> reachingTheKink(Expr form, double[] dd, double root, double[] roots, double[][] kinks,
      double[] probes, Accuracy.Exact[] exact, ReferenceEvaluator reference, int output, boolean derivative, String parameter,
      Map<String, Double> vars, double bound) {
    List<Reach> tried = new ArrayList<>();
    double leftCap = Double.POSITIVE_INFINITY;
    double rightCap = Double.POSITIVE_INFINITY;
    for (double[] kink : kinks) {
      double t = offset(root, kink); // root - kink
      if (t > 0) leftCap = Math.min(leftCap, t);
      if (t < 0) rightCap = Math.min(rightCap, -t);
    }
    // another root caps a side only where no kink lies between them (the kink caps it already)
    double leftKink = leftCap;
    double rightKink = rightCap;
    for (double other : roots) {
      if (other < root && root - other < leftKink) leftCap = Math.min(leftCap, (root - other) / 2);
      if (other > root && other - root < rightKink) rightCap = Math.min(rightCap, (other - root) / 2);
    }
    for (int i = 0; i < HALF_WIDTHS.length; i++) {
      double width = HALF_WIDTHS[i] * Math.max(1, Math.abs(root));
      double left = Math.min(leftCap, width);
      double right = Math.min(rightCap, width);
      Optional<double[]> coefficients = fitBetween(dd, left, right, DEGREES[i], reference, output, derivative, parameter);
      if (coefficients.isEmpty()) continue;
      Expr candidate = splicedBetween(form, dd, left, right, coefficients.get());
      double after = worst(candidate, probes, exact, vars);
      if (TRACE) System.err.printf("trace: root %s: reaching the kink over (-%s, %s): worst %.2g%n", root, left, right, after);
      tried.add(new Reach(candidate, after));
      if (after <= bound) break;
    }
    return tried;
  }

  /** {@code u = t (2 / (left + right)) - (right - left) / (right + left)}: the interval's offsets onto [-1, 1]. */
  private static double[] unitMap(double left, double right) {
    return new double[] {2 / (left + right), -(right - left) / (right + left)};
  }

  /** P's coefficients in u for {@link #reachingTheKink}: f / t at Chebyshev nodes of {@code (-left, right)}. */
  static Optional<double[]> fitBetween(double[] root, double left, double right, int degree, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter) {
    int n = degree + 1;
    double[] map = unitMap(left, right);
    double[] us = new double[n];
    double[] rhs = new double[n];
    for (int k = 0; k < n; k++) {
      double z = root[0] + (right - left) / 2 + (right + left) / 2 * Math.cos(Math.PI * (k + 0.5) / n);
      double t = (z - root[0]) - root[1];
      if (t == 0 || t <= -left || t >= right) return Optional.empty();
      double[] fz = f(z, reference, output, derivative, parameter);
      if (fz == null) return Optional.empty();
      double u = t * map[0] + map[1];
      us[k] = u;
      rhs[k] = (fz[0] + fz[1]) / t;
      if (!Double.isFinite(rhs[k])) return Optional.empty();
    }
    return LinearSystems.polynomialThrough(us, rhs);
  }

  /** {@code -left < t < right ? t P(u) : form}, {@code t = (z - hi) - lo}, u as in {@link #unitMap}. */
  static Expr splicedBetween(Expr form, double[] root, double left, double right, double[] c) {
    double[] map = unitMap(left, right);
    Expr t = offsetFrom(root);
    Expr u = new Expr.Add(List.of(new Expr.Mul(List.of(t, Expr.Const.of(map[0]))), Expr.Const.of(map[1])));
    Expr local = new Expr.Mul(List.of(t, horner(u, c)));
    Expr.Test near = new Expr.Test.And(List.of(
        new Expr.Test.Compare(Expr.Test.Op.GT, t, Expr.Const.of(-left)),
        new Expr.Test.Compare(Expr.Test.Op.LT, t, Expr.Const.of(right))));
    return new Expr.Cond(near, local, form);
  }

  /**
   * The probes nearer to {@code root} than to any other of {@code roots}. Two roots closer than the
   * probes' span, each with a form that cancels next to it, otherwise kept each other's splice out:
   * each splice was measured where the other root's error still stood, so neither measured inside
   * the contract and neither was kept (the free energy of {@code Sign[z-mu] (z-mu) + 2
   * (Sqrt[1+(2(z-mu))^2] - 1)} at centres -1 and 1 vanishes at about {@code 1 +- 2.6e-4}, on both
   * sides of the kink at 1: relative error 5.7e-5 next to them).
   */
  static double[] nearest(double[] probes, double root, double[] roots) {
    return java.util.Arrays.stream(probes).filter(z -> {
      double own = Math.abs(z - root);
      for (double other : roots) if (other != root && Math.abs(z - other) < own) return false;
      return true;
    }).toArray();
  }

  /**
   * The probes that no kink separates from the root: beyond a kink the output is another piece,
   * whose accuracy is the kink's splices' business. The derivative of the free energy of
   * {@code Abs[z-mu]^(7/2)} vanishes 0.026 before the kink at 1; the probes reach 0.16 from the
   * root, and every splice of that root, good or not, measured the same 1.2e-10 there, beyond the
   * kink, so none was kept.
   */
  static double[] onTheRootsSide(double[] probes, double root, double[][] kinks) {
    return java.util.Arrays.stream(probes).filter(z -> {
      for (double[] kink : kinks) {
        double r = offset(root, kink);
        double p = offset(z, kink);
        if (r < 0 && p > 0 || r > 0 && p < 0) return false;
      }
      return true;
    }).toArray();
  }

  /** Points next to the root at relative distances 1e-16 .. 1e-1 and across the splice widths. */
  static double[] probes(double root, double span) {
    List<Double> out = new ArrayList<>();
    for (double k = -16; k <= -1; k += 0.25) {
      double d = Math.pow(10, k) * Math.max(1, Math.abs(root));
      if (d > span) break;
      out.add(root + d);
      out.add(root - d);
      out.add(root + 0.37 * d);
      out.add(root - 0.61 * d);
    }
    for (int i = -40; i <= 40; i++) out.add(root + span * i / 40.0);
    double a = root;
    double b = root;
    for (int i = 0; i < 8; i++) {
      a = Math.nextUp(a);
      b = Math.nextDown(b);
      out.add(a);
      out.add(b);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The worst relative error of {@code form} at the probes, against the reference's values there
   * ({@link #exactAt}, computed once per probe set and shared by every candidate measured on it;
   * null: the fast path could not decide, skipped).
   */
  private static double worst(Expr form, double[] probes, Accuracy.Exact[] exact, Map<String, Double> vars) {
    // compiled once, each shared node once per point: the same bits as the interpreter's, which
    // walked the DAG path by path at every probe (8 % of the random-energy test's deriving threads)
    java.util.function.DoubleUnaryOperator f = DoubleEvaluator.inZ(form, vars);
    double w = 0;
    for (int i = 0; i < probes.length; i++) {
      if (exact[i] == null) continue;
      double computed;
      try {
        computed = f.applyAsDouble(probes[i]);
      } catch (ArithmeticException | IllegalArgumentException undefined) {
        computed = Double.NaN;
      }
      double e = Accuracy.relativeError(computed, exact[i]);
      if (!(e <= w)) {
        w = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        if (TRACE_WORST) System.err.printf("trace:   worst so far %.2g at z = %s (computed %s, exact %s)%n", w, probes[i], computed, exact[i].hi());
      }
    }
    return w;
  }

  /** The reference's values at the probes (null where its fast path cannot decide). */
  private static Accuracy.Exact[] exactAt(double[] probes, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter) {
    Accuracy.Exact[] exact = new Accuracy.Exact[probes.length];
    for (int i = 0; i < probes.length; i++) {
      exact[i] = RootFinder.exact(reference, output, derivative, parameter, probes[i], 1e-17).orElse(null);
    }
    return exact;
  }

  /**
   * {@link #exactAt}, and every eighth probe its fast path leaves open (in the probes' order) from
   * the high-precision evaluator. Next to a root of a difference of terms of order one the fast
   * path decides nothing within about 1e-8 of it, and a form measured at the decided probes only
   * passed there: the gated free energy of the Tukey biweight ({@code --hypotheses -1:0,1:z})
   * vanishes at {@code -1 +- 4.8e-7}, the form measured 3.3e-16 at the decided probes and missed
   * by 1.9e-9 at a stream point 1.9e-15 from the root. Every eighth, not every one: a
   * high-precision point costs milliseconds to seconds (all of them next to kinks at 0 cost the
   * Huber and Laplace prototypes 25 s of the catalog's 46).
   */
  private static Accuracy.Exact[] exactOrEscalatedAt(double[] probes, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter) {
    Accuracy.Exact[] exact = exactAt(probes, reference, output, derivative, parameter);
    int open = 0;
    for (int i = 0; i < probes.length; i++) {
      if (exact[i] == null && open++ % 8 == 0) {
        exact[i] = highPrecision(probes[i], reference, output, derivative, parameter).orElse(null);
      }
    }
    return exact;
  }

  /** The function's value at z as hi + lo from the reference's fast path; null where it cannot decide. */
  private static double[] f(double z, ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    return f(z, reference, output, derivative, parameter, 1e-17);
  }

  private static double[] f(double z, ReferenceEvaluator reference, int output, boolean derivative, String parameter,
      double relative) {
    return RootFinder.exact(reference, output, derivative, parameter, z, relative).map(RootSplice::pair).orElse(null);
  }

  /** A reference value as {@code {hi, lo}}: lo where the value is split into two doubles, else 0. */
  private static double[] pair(Accuracy.Exact e) {
    return e.split() && e.exponent() == 0 ? new double[] {e.hi(), e.lo()} : new double[] {e.hi(), 0};
  }

  /**
   * The root as {@code {hi, lo}}: bisection to adjacent doubles {@code a < b} with the reference's
   * sign ({@link #signOf}), the secant through {@code (a, f(a))} and {@code (b, f(b))}, then {@link
   * #secantSteps} in high precision, for values, derivatives and parameter derivatives alike.
   */
  static double[] refine(double root, ReferenceEvaluator reference, int output, boolean derivative) {
    return refine(root, reference, output, derivative, null);
  }

  static double[] refine(double root, ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    double a = Math.nextDown(Math.nextDown(root));
    double b = Math.nextUp(Math.nextUp(root));
    double[] fa = signOf(a, reference, output, derivative, parameter);
    double[] fb = signOf(b, reference, output, derivative, parameter);
    // widen until the reference brackets the root
    for (int i = 0; i < 60 && fa != null && fb != null && Math.signum(fa[0]) == Math.signum(fb[0]); i++) {
      double w = (b - a) * 2;
      a -= w;
      b += w;
      fa = signOf(a, reference, output, derivative, parameter);
      fb = signOf(b, reference, output, derivative, parameter);
    }
    if (fa == null || fb == null || Math.signum(fa[0]) == Math.signum(fb[0])) return null;
    if (fa[0] == 0) return new double[] {a, 0};
    if (fb[0] == 0) return new double[] {b, 0};
    while (true) {
      double m = a + (b - a) / 2;
      if (m <= a || m >= b) break;
      double[] fm = signOf(m, reference, output, derivative, parameter);
      // between two points of opposite signs a few ulps apart, a point where not even the high-
      // precision evaluator decides the sign is the root itself (an exact zero such as z = 2)
      if (fm == null) return new double[] {m, 0};
      if (fm[0] == 0) return new double[] {m, 0};
      if (Math.signum(fm[0]) == Math.signum(fa[0])) {
        a = m;
        fa = fm;
      } else {
        b = m;
        fb = fm;
      }
    }
    // secant: root = a + (b - a) * fa / (fa - fb); fa, fb of opposite signs, so no cancellation
    double fav = fa[0] + fa[1];
    double fbv = fb[0] + fb[1];
    double offset = (b - a) * (fav / (fav - fbv)); // in [0, b - a]
    double hi = a + offset;
    double lo = offset - (hi - a);
    return secantSteps(hi, lo, a, b, reference, output, derivative, parameter);
  }

  /**
   * The multiplicity of a root where the output touches 0 without changing sign (0 when it is
   * not one): a double point at which the reference finds the output exactly 0 or cannot decide
   * it, not even with high precision, while at {@code r +- h} and {@code r +- 2h} (h = 1e-4 |r|)
   * it decides one sign, and {@code f(r + 2h)
   * / f(r + h)} is about {@code 2^m} on both sides with the same even m. The Tukey energy with its
   * threshold at 2 has the slope {@code 6 u (1 - u^2)^2}: the signed free energy's derivative
   * touches 0 at z = 2, where no sign change shows the root search a root (RootFinder's touching
   * grid points) and the form, made of terms near 1, cancelled (9.8e-15 where the exact value is
   * 2.1e-26).
   */
  static int touching(double root, ReferenceEvaluator reference, int output, boolean derivative, String parameter) {
    double[] at = signOf(root, reference, output, derivative, parameter);
    if (at != null && at[0] != 0) return 0; // undecided, or exactly 0
    double h = 1e-4 * Math.max(1, Math.abs(root));
    int m = 0;
    int sign = 0;
    for (int side : new int[] {-1, 1}) {
      double[] near = signOf(root + side * h, reference, output, derivative, parameter);
      double[] far = signOf(root + side * 2 * h, reference, output, derivative, parameter);
      if (near == null || far == null || near[0] == 0 || Math.signum(near[0]) != Math.signum(far[0])) return 0;
      if (sign != 0 && Math.signum(near[0]) != sign) return 0;
      sign = (int) Math.signum(near[0]);
      double log2 = Math.log(far[0] / near[0]) / Math.log(2);
      long power = Math.round(log2);
      if (power < 2 || power % 2 != 0 || Math.abs(log2 - power) > 0.25) return 0;
      if (m != 0 && m != power) return 0;
      m = (int) power;
    }
    return m;
  }

  /**
   * The output at z to a relative 1e-4 (its sign, for the bisection): the reference's fast path,
   * and where that cannot decide, the high-precision evaluator. Next to a root of a difference of
   * large terms the fast path may decide nothing (within about 1e-8 of the gated Tukey free
   * energy's roots), and a midpoint it left open used to be taken for the root itself, with no
   * secant step after it.
   */
  private static double[] signOf(double z, ReferenceEvaluator reference, int output, boolean derivative,
      String parameter) {
    return precise(z, reference, output, derivative, parameter, 1e-4);
  }

  /**
   * Secant steps in high precision from {@code a} and the exact double-double {@code hi + lo}
   * until the step is below the double-double's last digit. The secant across one ulp is off by
   * about {@code f'' ulp^2 / (8 f')}, which is not small where two roots are close: the Gaussian
   * free energy at s = 1/4 vanishes at 1 +- 4e-8, where f'' / f' = 2.5e7 put the root's low part
   * 4e-26 off (relative error 2.4e-10 one ulp from the root); at s = 1/5 (roots 7.9e-12 apart,
   * f'' / f' = 2.5e11) one step still left 1.7e-26.
   */
  private static double[] secantSteps(double hi, double lo, double a, double b, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter) {
    MathContext mc = new MathContext(60);
    BigDecimal lower = new BigDecimal(a);
    BigDecimal upper = new BigDecimal(b);
    BigDecimal x0 = lower;
    BigDecimal f0 = highPrecision(x0, reference, output, derivative, parameter);
    BigDecimal x1 = new BigDecimal(hi).add(new BigDecimal(lo));
    BigDecimal f1 = highPrecision(x1, reference, output, derivative, parameter);
    BigDecimal enough = new BigDecimal(Math.ulp(hi)).multiply(new BigDecimal("1e-20"));
    for (int i = 0; i < 12 && f0 != null && f1 != null && f1.signum() != 0 && f1.compareTo(f0) != 0; i++) {
      BigDecimal step = f1.multiply(x1.subtract(x0), mc).divide(f1.subtract(f0), mc);
      BigDecimal x2 = x1.subtract(step, mc);
      if (x2.compareTo(lower) < 0 || x2.compareTo(upper) > 0) break;
      x0 = x1;
      f0 = f1;
      x1 = x2;
      if (step.abs().compareTo(enough) <= 0) break;
      f1 = highPrecision(x1, reference, output, derivative, parameter);
    }
    double hi1 = x1.doubleValue();
    if (TRACE) System.err.printf("trace: root %s + %s refined to %s%n", hi, lo, x1);
    return new double[] {hi1, x1.subtract(new BigDecimal(hi1)).doubleValue()};
  }

  private static BigDecimal highPrecision(BigDecimal z, ReferenceEvaluator reference, int output, boolean derivative,
      String parameter) {
    try {
      if (parameter != null) {
        return reference.parameterDerivative(z, parameter).map(ds -> ds[output].value()).orElse(null);
      }
      return outputOf(reference.evaluate(z), output, derivative);
    } catch (ArithmeticException | IllegalArgumentException | InsufficientPrecisionException e) {
      return null;
    }
  }

  /** One output's value or derivative at a reference point; null where it has no derivative. */
  private static BigDecimal outputOf(ReferencePoint p, int output, boolean derivative) {
    return derivative ? p.derivatives().get(output).orElse(null) : p.values().get(output);
  }

  /**
   * Coefficients {@code c_0 .. c_degree} of {@code g(t) = f(r + t) / t}, interpolated at Chebyshev
   * nodes of {@code [-delta, delta]} in the scaled variable {@code u = t / delta}, then rescaled to
   * powers of {@code t}.
   */
  static Optional<double[]> fit(double[] root, double delta, int degree, ReferenceEvaluator reference,
      int output, boolean derivative) {
    return fit(root, delta, degree, reference, output, derivative, null);
  }

  static Optional<double[]> fit(double[] root, double delta, int degree, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter) {
    return fit(root, delta, degree, reference, output, derivative, parameter, 1);
  }

  /** {@link #fit} of {@code g(t) = f(r + t) / t^m} for a root of multiplicity m. */
  static Optional<double[]> fit(double[] root, double delta, int degree, ReferenceEvaluator reference,
      int output, boolean derivative, String parameter, int multiplicity) {
    int n = degree + 1;
    double[] us = new double[n];
    double[] rhs = new double[n];
    for (int k = 0; k < n; k++) {
      double u0 = Math.cos(Math.PI * (k + 0.5) / n);
      double z = root[0] + u0 * delta;
      double t = (z - root[0]) - root[1];
      if (t == 0) return Optional.empty();
      // where the fast path cannot decide (next to a root of a difference of large terms, the
      // nodes of the narrow splices), the high-precision evaluator
      double[] fz = precise(z, reference, output, derivative, parameter);
      if (fz == null) return Optional.empty();
      double u = t / delta;
      // g(t) delta, of the size of f / delta^(m-1) across the interval (pow(t, 1) is t exactly)
      double g = (fz[0] + fz[1]) / Math.pow(t, multiplicity) * delta;
      us[k] = u;
      rhs[k] = g;
    }
    Optional<double[]> fitted = LinearSystems.polynomialThrough(us, rhs);
    if (fitted.isEmpty()) return Optional.empty();
    double[] b = fitted.get();
    double[] c = new double[n];
    double scale = 1 / delta; // c_j = b_j / delta^(j+1)
    for (int j = 0; j < n; j++) {
      c[j] = b[j] * scale;
      scale /= delta;
      if (!Double.isFinite(c[j])) return Optional.empty();
    }
    return Optional.of(c);
  }

  /** {@code |t| < delta ? t * (c_0 + t (c_1 + ...)) : form}, {@code t = (z - hi) - lo}. */
  static Expr spliced(Expr form, double[] root, double delta, double[] c) {
    return spliced(form, root, delta, c, 1);
  }

  /** {@link #spliced(Expr, double[], double, double[])} with the factor {@code t^m} of a root of multiplicity m. */
  static Expr spliced(Expr form, double[] root, double delta, double[] c, int multiplicity) {
    Expr t = offsetFrom(root);
    Expr local = new Expr.Mul(List.of(multiplicity == 1 ? t : new Expr.PowInt(t, multiplicity), horner(t, c)));
    Expr.Test near = new Expr.Test.Compare(Expr.Test.Op.LT, Expr.Call.of(Fn.ABS, t), Expr.Const.of(delta));
    return new Expr.Cond(near, local, form);
  }

  /** {@code (z - hi) - lo} for a double-double point {@code {hi, lo}} ({@code z - hi} when lo is 0). */
  private static Expr offsetFrom(double[] point) {
    Expr t = new Expr.Add(List.of(new Expr.Var("z"), Expr.Const.of(-point[0])));
    return point[1] == 0 ? t : new Expr.Add(List.of(t, Expr.Const.of(-point[1])));
  }

  /** {@code c_0 + x (c_1 + x (...))}. */
  private static Expr horner(Expr x, double[] c) {
    Expr h = Expr.Const.of(c[c.length - 1]);
    for (int j = c.length - 2; j >= 0; j--) h = new Expr.Add(List.of(Expr.Const.of(c[j]), new Expr.Mul(List.of(x, h))));
    return h;
  }
}
