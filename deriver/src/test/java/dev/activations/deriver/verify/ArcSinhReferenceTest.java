package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.StableFunctions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The inverse hyperbolic sine everywhere it is computed, against apfloat's {@code
 * ApfloatMath.asinh} at 120 digits (and {@code x - x^3/6} below 1e-20, where that has lost its
 * relative digits to {@code log(x + sqrt(1 + x^2))}): the double-double reference ({@link
 * Fast#asinh}) within its own radius and 1e-19 relative (its {@code log1p} rounds {@code 1 + x}); the enclosure's midpoint ({@link
 * Enclosure#asinh}) to 1e-38; and the emitted double helper ({@link StableFunctions#asinh}, which
 * the interpreter and the generated classes share) within a few ulps over the whole double range,
 * next to the switch to {@code log|x| + ln 2} at 2^28, with the special inputs.
 */
class ArcSinhReferenceTest {
  private static final MathContext MC = new MathContext(60);

  private static BigDecimal exact(double x) {
    BigDecimal bx = new BigDecimal(x);
    if (Math.abs(x) < 1e-20) {
      return bx.subtract(bx.pow(3).divide(BigDecimal.valueOf(6), new MathContext(80)), new MathContext(80));
    }
    return new BigDecimal(ApfloatMath.asinh(new Apfloat(bx, 120)).toString(true));
  }

  private static final double[] ARGUMENTS = ElementaryReferenceChecks.signedArguments(1, 0.5, 2, 3, 7.25, 1e-8, 0x1p28,
      Math.nextUp(0x1p28), Math.nextDown(0x1p28), Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE);

  @Test
  void theDoubleDoubleInverseSineIsWithinItsRadius() {
    // Fast.log1p rounds 1 + x above 2^-30 (2^-96 against a result of at least 2^-30): 2^-66 =
    // 1.4e-20 relative at worst, far below what certifying a double needs
    ElementaryReferenceChecks.assertFastWithinRadius(ARGUMENTS, x -> Fast.of(x).asinh(), ArcSinhReferenceTest::exact, "1e-19", "1e-19");
  }

  @Test
  void theEnclosureHoldsTheInverseSine() {
    ElementaryReferenceChecks.assertEnclosureMidpoint(ARGUMENTS, x -> Enclosure.exact(Rational.of(new BigDecimal(x))).asinh(40),
        ArcSinhReferenceTest::exact);
  }

  /** The double helper: at most 3 ulps (2^-53 relative units) off, over 10,000 random arguments and the list above. */
  @Test
  void theEmittedHelperIsWithinAFewUlps() {
    SplittableRandom random = new SplittableRandom(11);
    double worst = 0;
    double worstAt = Double.NaN;
    java.util.List<Double> xs = new java.util.ArrayList<>();
    for (double x : ARGUMENTS) xs.add(x);
    for (int i = 0; i < 10_000; i++) {
      double x = i % 2 == 0
          ? Math.pow(10, -320 + 628 * random.nextDouble()) // subnormals to MAX_VALUE
          : 0x1p28 * (0.5 + random.nextDouble()); // both sides of the switch
      if (Double.isInfinite(x)) continue;
      xs.add(random.nextBoolean() ? x : -x);
    }
    for (double x : xs) {
      BigDecimal exact = exact(x);
      double computed = StableFunctions.asinh(x);
      double error = new BigDecimal(computed).subtract(exact).abs()
          .divide(exact.abs().max(new BigDecimal(Double.MIN_NORMAL)), MC).doubleValue() / 0x1p-53;
      if (error > worst) {
        worst = error;
        worstAt = x;
      }
    }
    assertTrue(worst <= 3, "worst " + worst + " ulps at " + worstAt);
    assertEquals(-0.0, StableFunctions.asinh(-0.0));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(StableFunctions.asinh(-0.0)));
    assertEquals(Double.POSITIVE_INFINITY, StableFunctions.asinh(Double.POSITIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY, StableFunctions.asinh(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(StableFunctions.asinh(Double.NaN)));
  }
}
