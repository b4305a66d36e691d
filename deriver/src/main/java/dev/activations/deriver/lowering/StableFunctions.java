package dev.activations.deriver.lowering;

/**
 * The double reference implementations of the stable primitives that {@code java.lang.Math} lacks
 * ({@link Fn#LOGISTIC}, {@link Fn#SOFTPLUS}, {@link Fn#TANH_PRIME}, {@link Fn#LOG1PMX},
 * {@link Fn#ASINH}). The emitter writes the same
 * formulas, operation for operation, as private helpers of each generated class; a test compiles
 * those helpers and checks they agree with these bit for bit.
 */
public final class StableFunctions {
  private StableFunctions() {}

  /**
   * {@code 1 / (1 + e^-x)}, branching on the sign of x so that {@code exp} is only taken of a
   * non-positive number: no overflow, full relative accuracy in both tails.
   */
  public static double logistic(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** {@code log(1 + e^x) = max(x, 0) + log1p(e^-|x|)}: no overflow, accurate for large negative x. */
  public static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * {@code tanh(x)} from {@code exp} (a HotSpot intrinsic, unlike {@code Math.tanh} and {@code
   * Math.expm1} on JDK 17, which are ~3x slower): {@code 1 - 2t / (1 + t)} with {@code t =
   * e^-2|x|} and the sign restored, and an odd Taylor polynomial below |x| = 0.01, where the
   * subtraction would cancel (there the neglected x^9 term is below 1e-17 relative; above it the
   * cancellation costs at most ~1e-14 relative). In the tail the result is 1 minus an accurately
   * computed small number, rounded once: monotone, so difference quotients stay meaningful. NaN
   * gives NaN, -0.0 gives -0.0, +-Infinity gives +-1.
   */
  public static double tanh(double x) {
    double a = Math.abs(x);
    double r;
    if (a < 0.01) {
      double s = a * a;
      r = a + a * s * (-0.3333333333333333 + s * (0.13333333333333333 + s * -0.05396825396825397));
    } else {
      double t = Math.exp(-2.0 * a);
      r = 1.0 - 2.0 * t / (1.0 + t);
    }
    return Math.copySign(r, x);
  }

  /** ln 2 rounded to the nearest double (the far branch of {@link #asinh}). */
  public static final double LN2 = 0.6931471805599453;

  /** Where {@link #asinh} switches to {@code log|x| + ln 2}: 2^28. */
  public static final double ASINH_FAR = 268435456.0;

  /**
   * {@code arsinh(x) = sign(x) log1p(|x| + x^2 / (1 + sqrt(1 + x^2)))}: the argument of {@code
   * log1p} is {@code |x| + sqrt(1 + x^2) - 1} with the difference taken without cancellation, so a
   * tiny x keeps its relative accuracy (the result is x to within x^3/6), and {@code log(|x| + sqrt(1
   * + x^2))} is never formed for negative x. Beyond |x| = 2^28, {@code sqrt(1 + x^2)} is |x| to
   * within 2^-57 relative and x^2 would overflow from 1.3e154 on: there {@code log|x| + ln 2}, off
   * by {@code 1/(4x^2)} (below 2^-58 of the result). NaN gives NaN, -0.0 gives -0.0, +-Infinity
   * gives +-Infinity.
   */
  public static double asinh(double x) {
    double a = Math.abs(x);
    double r;
    if (a > ASINH_FAR) {
      r = Math.log(a) + LN2;
    } else {
      double s = a * a;
      r = Math.log1p(a + s / (1.0 + Math.sqrt(1.0 + s)));
    }
    return Math.copySign(r, x);
  }

  /**
   * {@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never {@code 1 - tanh(x)^2},
   * which is exactly 0 beyond |x| ~ 19 while the truth is ~4 e^-2|x|.
   */
  public static double tanhPrime(double x) {
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }

  /**
   * The coefficients {@code 1/3, 1/5, 1/7, ...} of {@code (atanh(s) - s) / s^3} in powers of
   * {@code s^2}, as many as {@link #log1pmx} needs where {@code |s| <= 1/3}: the first one left
   * out, times the factor that relates it to the result (below), is under 2^-54.
   */
  public static final double[] LOG1PMX_SERIES = log1pmxSeries();

  private static double[] log1pmxSeries() {
    // truncating after 1/(2K+3) leaves 2 s^(2K+5)/(2K+5) + ...; against the result's leading
    // term -x s, with s/x = 1/(2+x) <= 2 and |s| <= 1/3, that is below (4/3) 3^-(2K+3)/(2K+5)
    int k = 0;
    while ((4.0 / 3.0) * Math.pow(3.0, -(2 * k + 3)) / (2 * k + 5) >= 0x1p-54) k++;
    double[] c = new double[k + 1];
    for (int i = 0; i <= k; i++) c[i] = 1.0 / (2 * i + 3);
    return c;
  }

  /**
   * {@code log1p(x) - x} to a few ulp wherever it is a normal double: the difference of two nearly
   * equal numbers for small x, so not computed as one there. With {@code s = x / (2 + x)},
   * {@code log1p(x) = 2 atanh(s)} and {@code 2 s - x = -x s}, so {@code log1p(x) - x = -x s + 2
   * s^3 (1/3 + s^2/5 + s^4/7 + ...)}: two terms of the result's sign for x < 0 and at most a
   * tenth of each other for x > 0, used for {@code -1/2 <= x <= 1} (there {@code |s| <= 1/3}).
   * Outside it {@code log1p(x) - x} loses at most a factor of about 3.6 (at x = -1/2, and 3 at x
   * = 1) to cancellation. {@code -1} gives {@code -Infinity}, {@code +Infinity} gives
   * {@code -Infinity}, below -1 and NaN give NaN.
   */
  public static double log1pmx(double x) {
    if (x >= -0.5 && x <= 1.0) {
      double s = x / (2.0 + x);
      double s2 = s * s;
      double[] c = LOG1PMX_SERIES;
      double p = c[c.length - 1];
      for (int k = c.length - 2; k >= 0; k--) p = p * s2 + c[k];
      return 2.0 * (s * s2) * p - x * s;
    }
    return x < Double.POSITIVE_INFINITY ? Math.log1p(x) - x : -x;
  }
}
