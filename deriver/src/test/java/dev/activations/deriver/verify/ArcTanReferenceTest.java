package dev.activations.deriver.verify;

import java.math.BigDecimal;
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
  private static final double[] ARGUMENTS = ElementaryReferenceChecks.signedArguments(1, Math.nextUp(1.0), Math.nextDown(1.0),
      1.0 / 32, Math.nextUp(1.0 / 32), 0.5, 2, 3, 7.25, 1e-8, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE);

  private static BigDecimal exact(double x) {
    return new BigDecimal(ApfloatMath.atan(new Apfloat(new BigDecimal(x), 80)).toString(true));
  }

  @Test
  void theDoubleDoubleArctangentIsWithinItsRadius() {
    ElementaryReferenceChecks.assertFastWithinRadius(ARGUMENTS, x -> Fast.of(x).atan(), ArcTanReferenceTest::exact, "1e-28", "1e-26");
  }

  @Test
  void theEnclosureContainsTheArctangent() {
    ElementaryReferenceChecks.assertEnclosureMidpoint(ARGUMENTS, x -> Enclosure.exact(Rational.of(new BigDecimal(x))).atan(40),
        ArcTanReferenceTest::exact);
  }
}
