package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.DoubleFunction;

/**
 * The checks every elementary function of the reference gets against an independent
 * high-precision value (apfloat): the double-double arithmetic's result within its own radius and
 * within a relative bound, and the enclosure's midpoint to 40 digits, over the same arguments.
 */
final class ElementaryReferenceChecks {
  private static final MathContext MC = new MathContext(60);

  private ElementaryReferenceChecks() {}

  /** {@code 1.2345e-300, 1.2345e-293, ..., 1.2345e300} and {@code extra}, each with both signs. */
  static double[] signedArguments(double... extra) {
    java.util.List<Double> xs = new java.util.ArrayList<>();
    for (int k = -300; k <= 300; k += 7) xs.add(Math.pow(10, k) * 1.2345);
    for (double x : extra) xs.add(x);
    double[] out = new double[2 * xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      out[2 * i] = xs.get(i);
      out[2 * i + 1] = -xs.get(i);
    }
    return out;
  }

  /**
   * {@code fast} at each argument lies within its own radius of {@code exact}, within {@code
   * relative} of it, and its radius is below {@code radius} relative.
   */
  static void assertFastWithinRadius(double[] xs, DoubleFunction<Fast> fast, DoubleFunction<BigDecimal> exact,
      String relative, String radius) {
    for (double x : xs) {
      BigDecimal truth = exact.apply(x);
      Fast f = fast.apply(x);
      BigDecimal mid = f.toBigDecimal();
      BigDecimal r = new BigDecimal(f.r).multiply(new BigDecimal(Math.pow(2, f.e)), MC);
      BigDecimal off = mid.subtract(truth).abs();
      assertTrue(off.compareTo(r) <= 0, x + ": off " + off + ", radius " + r);
      assertTrue(off.compareTo(truth.abs().multiply(new BigDecimal(relative))) <= 0, x + ": relative " + off.divide(truth.abs(), MC));
      assertTrue(r.compareTo(truth.abs().multiply(new BigDecimal(radius))) <= 0, x + ": radius " + r);
    }
  }

  /** The enclosure of {@code f} at each exact argument has its midpoint within 1e-38 of {@code exact}. */
  static void assertEnclosureMidpoint(double[] xs, DoubleFunction<Enclosure> f, DoubleFunction<BigDecimal> exact) {
    for (double x : xs) {
      BigDecimal truth = exact.apply(x);
      BigDecimal mid = new BigDecimal(f.apply(x).mid(40).toString(true));
      assertTrue(mid.subtract(truth).abs().compareTo(truth.abs().multiply(new BigDecimal("1e-38"))) <= 0, x + ": " + mid);
    }
  }
}
