package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.util.TreeSet;

/**
 * The contract of float arithmetic, for the {@code float[]} SIMD kernels that compute in float
 * (the double kernels and every scalar method keep {@link Accuracy}'s double contract):
 *
 * <ul>
 *   <li>relative error at most {@link #TOLERANCE} = 2^-20 (about 9.5e-7, 8 float ulps at the
 *       bottom of a binade, 16 half-ulps) against the exact value rounded to float;
 *   <li>below the normal float range the scale is {@code Float.MIN_NORMAL}: a subnormal or zero
 *       result may be off by at most 2^-20 * 2^-126 = 8 * {@code Float.MIN_VALUE} absolute;
 *   <li>finite wherever the exact value rounded to float is finite, and the same infinity where
 *       the exact value is beyond the float range;
 * </ul>
 *
 * <p>measured at {@link #samplePoints()}: the standard points rounded to float, and the float
 * range's own edges.
 */
public final class FloatContract {
  /** Relative error allowed (scale floor {@code Float.MIN_NORMAL}). */
  public static final double TOLERANCE = 0x1p-20;

  private FloatContract() {}

  /**
   * {@code |computed - x| / max(|x|, Float.MIN_NORMAL)} with {@code x} the exact value correctly
   * rounded to float; 0 for the matching infinity when {@code x} is infinite; +Infinity for NaN
   * and for any other non-finite pairing.
   */
  public static double relativeError(float computed, BigDecimal exact) {
    return relativeError(computed, toFloat(exact));
  }

  /**
   * {@link #relativeError(float, BigDecimal)} against a float that is already the rounded value
   * (or a limit).
   */
  public static double relativeError(float computed, float rounded) {
    if (Float.isNaN(rounded)) return Float.isNaN(computed) ? 0 : Double.POSITIVE_INFINITY;
    if (Float.isNaN(computed)) return Double.POSITIVE_INFINITY;
    if (Float.isInfinite(rounded) || Float.isInfinite(computed)) {
      return computed == rounded ? 0 : Double.POSITIVE_INFINITY;
    }
    // the difference of two floats is exact in double
    return Math.abs((double) computed - rounded) / Math.max(Math.abs(rounded), Float.MIN_NORMAL);
  }

  /**
   * The decimal correctly rounded to float: +-Infinity beyond the float range, a signed zero below
   * half of {@code Float.MIN_VALUE}. (JDK 17's {@code Float.parseFloat} rounds correctly.)
   */
  public static float toFloat(BigDecimal exact) {
    return Float.parseFloat(exact.toString());
  }

  /**
   * The float sample points, as doubles (each exactly a float), sorted ascending: {@link
   * Accuracy#samplePoints()} rounded to float (those beyond the float range dropped), and where
   * float arithmetic breaks first: its subnormals and extremes, 1e-38 and 1e-30 (squares
   * underflow), 43.7, 51.9, 88, 89 and 103 (exp(-2x), exp(+-x) leave the normal range or
   * overflow), 1e10, 1.8e19 and 1.9e19 (squares and cubes overflow), and sqrt of
   * Float.MAX_VALUE.
   */
  public static double[] samplePoints() {
    float[] magnitudes = {
      Float.MIN_VALUE, 1e-45f, 1e-40f, Float.MIN_NORMAL, 1e-38f, 1e-30f, 1e-20f, 43.7f, 51.9f, 88f,
      89f, 103f, 1e10f, 1.8e19f, 1.9e19f, (float) Math.sqrt(Float.MAX_VALUE), 1e30f,
      Float.MAX_VALUE
    };
    TreeSet<Double> points = new TreeSet<>(Double::compare);
    for (double z : Accuracy.samplePoints()) {
      float f = (float) z;
      if (Float.isFinite(f)) {
        points.add((double) f);
      }
    }
    for (float m : magnitudes) {
      points.add((double) m);
      points.add((double) -m);
    }
    return points.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
