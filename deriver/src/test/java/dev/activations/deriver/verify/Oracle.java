package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Independent numbers for the tests: closed forms evaluated with apfloat's own {@code ApfloatMath}
 * (slow, but a different implementation from the evaluator's {@link BigMath}), and a comparison
 * with a relative tolerance floored at Double.MIN_NORMAL.
 */
final class Oracle {

  static final long DIGITS = 80;
  private static final BigDecimal MIN_NORMAL = new BigDecimal(Double.MIN_NORMAL);

  private Oracle() {}

  static Apfloat of(String decimal) {
    return new Apfloat(decimal, DIGITS);
  }

  static Apfloat of(BigDecimal decimal) {
    return new Apfloat(decimal, DIGITS);
  }

  static Apfloat one() {
    return new Apfloat(1, DIGITS);
  }

  static Apfloat exp(Apfloat x) {
    return ApfloatMath.exp(x);
  }

  static Apfloat tanh(Apfloat x) {
    return ApfloatMath.tanh(x);
  }

  /** 1 / (1 + e^-x). */
  static Apfloat logistic(Apfloat x) {
    return one().divide(one().add(exp(x.negate())));
  }

  static BigDecimal decimal(Apfloat x) {
    return new BigDecimal(x.toString(false));
  }

  /** |actual - expected| <= 10^-digits * max(|expected|, MIN_NORMAL). */
  static void assertClose(String what, BigDecimal expected, BigDecimal actual, int digits) {
    BigDecimal scale = expected.abs().max(MIN_NORMAL);
    BigDecimal err = actual.subtract(expected).abs().divide(scale, MathContext.DECIMAL64);
    assertTrue(err.compareTo(BigDecimal.ONE.scaleByPowerOfTen(-digits)) <= 0,
        () -> what + ": expected " + expected.round(new MathContext(digits + 3)) + " got "
            + actual.round(new MathContext(digits + 3)) + " (relative error " + err + ")");
  }

  static void assertClose(String what, Apfloat expected, BigDecimal actual, int digits) {
    assertClose(what, decimal(expected), actual, digits);
  }

  static void assertClose(String what, Apfloat expected, Apfloat actual, int digits) {
    assertClose(what, decimal(expected), decimal(actual), digits);
  }
}
