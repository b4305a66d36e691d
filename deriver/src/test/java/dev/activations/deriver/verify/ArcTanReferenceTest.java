package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The reference's arctangent in both arithmetics against apfloat's {@code ApfloatMath.atan} at 80
 * digits: the double-double one ({@link Fast#atan}, written here: argument inversion, halvings and a
 * series) within its own radius and within 1e-28 relative; the enclosure's ({@link Enclosure#atan})
 * ball containing the value; over arguments from 1e-300 to 1e300 of both signs, next to 1 and next
 * to the halving threshold 1/32, where the branches meet.
 */
class ArcTanReferenceTest {
  private static final MathContext MC = new MathContext(60);

  private static double[] arguments() {
    java.util.List<Double> xs = new java.util.ArrayList<>();
    for (int k = -300; k <= 300; k += 7) xs.add(Math.pow(10, k) * 1.2345);
    for (double x : new double[] {1, Math.nextUp(1.0), Math.nextDown(1.0), 1.0 / 32, Math.nextUp(1.0 / 32), 0.5, 2, 3, 7.25,
        1e-8, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE}) {
      xs.add(x);
    }
    double[] out = new double[2 * xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      out[2 * i] = xs.get(i);
      out[2 * i + 1] = -xs.get(i);
    }
    return out;
  }

  @Test
  void theDoubleDoubleArctangentIsWithinItsRadius() {
    for (double x : arguments()) {
      BigDecimal exact = new BigDecimal(ApfloatMath.atan(new Apfloat(new BigDecimal(x), 80)).toString(true));
      Fast f = Fast.of(x).atan();
      BigDecimal mid = f.toBigDecimal();
      BigDecimal radius = new BigDecimal(f.r).multiply(new BigDecimal(Math.pow(2, f.e)), MC);
      BigDecimal off = mid.subtract(exact).abs();
      assertTrue(off.compareTo(radius) <= 0, x + ": off " + off + ", radius " + radius);
      assertTrue(off.compareTo(exact.abs().multiply(new BigDecimal("1e-28"))) <= 0, x + ": relative " + off.divide(exact.abs(), MC));
      assertTrue(radius.compareTo(exact.abs().multiply(new BigDecimal("1e-26"))) <= 0, x + ": radius " + radius);
    }
  }

  @Test
  void theEnclosureContainsTheArctangent() {
    for (double x : arguments()) {
      BigDecimal exact = new BigDecimal(ApfloatMath.atan(new Apfloat(new BigDecimal(x), 80)).toString(true));
      Enclosure e = Enclosure.exact(Rational.of(new BigDecimal(x))).atan(40);
      BigDecimal mid = new BigDecimal(e.mid(40).toString(true));
      assertTrue(mid.subtract(exact).abs().compareTo(exact.abs().multiply(new BigDecimal("1e-38"))) <= 0, x + ": " + mid);
    }
  }
}
