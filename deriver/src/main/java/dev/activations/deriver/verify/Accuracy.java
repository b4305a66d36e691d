package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.util.TreeSet;
import org.apfloat.Apfloat;

/**
 * How computed doubles are scored against reference values, and where they are sampled.
 *
 * <p>Why one place: the contract ("relative error at most 1e-12 for values and 1e-10 for
 * derivatives over the whole double range") is only meaningful with one definition of the error
 * and one set of points that reaches the tails, the subnormals and the extremes.
 */
public final class Accuracy {

  private static final BigDecimal MIN_NORMAL = new BigDecimal(Double.MIN_NORMAL);
  private static final java.math.MathContext DIFFERENCE = new java.math.MathContext(40);

  private Accuracy() {}

  /**
   * {@code |computed - exact| / max(|exact|, Double.MIN_NORMAL)}: relative error, absolute (in units
   * of MIN_NORMAL) for results below the normal range. An infinite {@code computed} scores 0 when the
   * exact value is beyond the double range on the same side (it rounds to that infinity), else
   * +Infinity; NaN scores +Infinity.
   */
  public static double relativeError(double computed, BigDecimal exact) {
    if (Double.isNaN(computed)) return Double.POSITIVE_INFINITY;
    if (Double.isInfinite(computed)) return toDouble(exact) == computed ? 0 : Double.POSITIVE_INFINITY;
    // rounded to 40 digits: an exact difference of 1e250 and 1e-100000 would have 100,000 digits
    BigDecimal diff = new BigDecimal(computed).subtract(exact, DIFFERENCE).abs();
    BigDecimal scale = exact.abs().max(MIN_NORMAL);
    return diff.divide(scale, new java.math.MathContext(20)).doubleValue();
  }

  /**
   * A reference value prepared for scoring many candidates against it: the exact decimal and, where
   * it lies well inside the normal range, the unevaluated sum {@code hi + lo} of two doubles that
   * holds it to about 2^-106.
   *
   * <p>Why: form selection scores thousands of candidates at every sample point, and the exact
   * decimal of a double such as 1e-300 has some 700 digits; subtracting in {@code BigDecimal} was
   * a quarter of the catalog's build time. {@code (computed - hi) - lo} gives the same error to
   * about 1e-16 of itself, far below anything a tolerance decides on.
   */
  public record Exact(java.util.function.Supplier<BigDecimal> decimal, double hi, double lo, boolean split, int exponent) {
    Exact(java.util.function.Supplier<BigDecimal> decimal, double hi, double lo, boolean split) {
      this(decimal, hi, lo, split, 0);
    }

    /**
     * A tiny reference {@code (hi + lo) 2^exponent} (exponent below -900, hi + lo of unit size):
     * scored by scaling the computed value instead of subtracting decimals of 700 digits.
     */
    static Exact scaled(double hi, double lo, int exponent, java.util.function.Supplier<BigDecimal> decimal) {
      return new Exact(decimal, hi, lo, true, exponent);
    }

    /** The exact decimal (computed on demand for a reference given as two doubles). */
    public BigDecimal value() {
      return decimal.get();
    }

    /** A reference known as {@code hi + lo} (normal range), its decimal computed only if asked for. */
    static Exact split(double hi, double lo, java.util.function.Supplier<BigDecimal> decimal) {
      return new Exact(decimal, hi, lo, true);
    }

    /** Below and above this, the two-double form would lose bits or overflow: BigDecimal is used. */
    private static final double SPLIT_MIN = 0x1p-960;
    private static final double SPLIT_MAX = 0x1p1000;

    public static Exact of(BigDecimal value) {
      double hi = toDouble(value);
      double magnitude = Math.abs(hi);
      if (!(magnitude >= SPLIT_MIN && magnitude <= SPLIT_MAX)) return new Exact(() -> value, hi, 0, false);
      double lo = value.subtract(new BigDecimal(hi)).doubleValue();
      return new Exact(() -> value, hi, lo, true);
    }
  }

  /** {@link #relativeError(double, BigDecimal)} against a prepared reference value. */
  public static double relativeError(double computed, Exact exact) {
    if (exact.exponent() != 0) {
      if (Double.isNaN(computed)) return Double.POSITIVE_INFINITY;
      double c = Math.scalb(computed, -exact.exponent()); // exact: scaling up a tiny double
      double diff = Math.abs((c - exact.hi()) - exact.lo());
      // the scale max(|exact|, MIN_NORMAL), in the same units
      double scale = Math.max(Math.abs(exact.hi()), Math.scalb(1.0, -1022 - exact.exponent()));
      return diff / scale;
    }
    if (exact.split() && Math.abs(computed) <= Exact.SPLIT_MAX) {
      return Math.abs((computed - exact.hi()) - exact.lo()) / Math.abs(exact.hi());
    }
    return relativeError(computed, exact.value());
  }

  /** {@link #relativeError(double, BigDecimal)} for an apfloat reference. */
  public static double relativeError(double computed, Apfloat exact) {
    return relativeError(computed, new BigDecimal(exact.toString(false)));
  }

  /**
   * Relative error of a double against a reference double that may itself be non-finite (a limit):
   * matching infinities score 0, both NaN score 0, otherwise like {@link #relativeError(double,
   * BigDecimal)}; a finite computation of an infinite limit scores +Infinity.
   */
  public static double relativeError(double computed, double exact) {
    if (Double.isNaN(exact)) return Double.isNaN(computed) ? 0 : Double.POSITIVE_INFINITY;
    if (Double.isInfinite(exact)) return computed == exact ? 0 : Double.POSITIVE_INFINITY;
    return relativeError(computed, new BigDecimal(exact));
  }

  /**
   * The decimal correctly rounded to a double: +-Infinity beyond the double range, a signed zero
   * below half of Double.MIN_VALUE. (JDK 17's {@code Double.parseDouble} rounds correctly.)
   */
  public static double toDouble(BigDecimal exact) {
    return Double.parseDouble(exact.toString());
  }

  /**
   * The standard sample points: zero (both signs), the subnormals and the extremes, powers of ten
   * across the whole range, the moderate values where activations bend, and the neighbours of 1
   * and -1 (a kink of the Laplace kernel) and of 0. Dense where doubles run out: where exp(k z)
   * overflows or underflows into the subnormals for k = 1, 2, 4 (180..740), where z^2 and z^4
   * overflow (1e77, 1e155), and between the round tail points, because a form or a saturation
   * guard is chosen by its error at these points and must not go wrong between them. The same for
   * every spec; where a spec's own energies leave the double range is {@link OverflowPoints}' (see
   * {@link #samplePoints(double[])}). Sorted ascending ({@code -0.0} before {@code 0.0}); a fresh
   * array on each call.
   */
  public static double[] samplePoints() {
    return samplePoints(new double[0]);
  }

  /**
   * The standard sample points and a spec's own ({@link OverflowPoints}: where its energies'
   * powers and exponentials leave the double range), sorted ascending, without duplicates.
   */
  public static double[] samplePoints(double[] own) {
    double[] magnitudes = {
      Double.MIN_VALUE, 1e-310, Double.MIN_NORMAL, 1e-300, 1e-200, 1e-100, 1e-30, 1e-16, 1e-8, 1e-4,
      0.01, 0.1, 0.3, 0.5, 0.9, Math.nextDown(1.0), 1, Math.nextUp(1.0), 1.5, 2, 3.3, 5, 7, 9, 12.5,
      19, 25, 27.5, 30, 40, 50, 80, 120, 180, 200, 300, 360, 400, 500, 600, 700, 710, 740, 1e3, 5e3,
      1e5, 1e6, 1e8, 1e10, 1e12, 1e15, 1e20, 1e30, 1e40, 1e50, 1e77, 1e100, 1e155, 1e200, 1e250, 1e300,
      1e305, Double.MAX_VALUE
    };
    TreeSet<Double> points = new TreeSet<>(Double::compare);
    points.add(0.0);
    points.add(-0.0);
    for (double m : magnitudes) {
      points.add(m);
      points.add(-m);
    }
    for (double z : own) points.add(z);
    return points.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
