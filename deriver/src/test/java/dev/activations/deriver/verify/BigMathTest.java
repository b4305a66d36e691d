package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast elementary functions against apfloat's own (slow, independent) ones computed 40 digits
 * further: relative error at most {@code 10^(1-p)} at precision p.
 */
class BigMathTest {

  private static void assertRelative(String what, Apfloat expected, Apfloat actual, long p) {
    Apfloat e = expected.precision(p + 40);
    Apfloat diff = ApfloatMath.abs(actual.precision(p + 40).subtract(e));
    boolean ok = diff.signum() == 0
        || diff.compareTo(ApfloatMath.abs(e).multiply(ApfloatMath.scale(new Apfloat(1, 5), 1 - p))) <= 0;
    assertTrue(ok, () -> what + " at " + p + " digits: " + actual + " vs " + e);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 50", "-1, 50", "0.5, 200", "1e-30, 60", "-1e-30, 60", "2.302585, 100", "-700.25, 300",
    "12345.678, 80", "-999999.5, 120", "3e-200, 700", "-4e14, 60", "0.1234567890123456789, 700",
  })
  void exp(String x, long p) {
    Apfloat arg = new Apfloat(x, p + 60);
    assertRelative("exp(" + x + ")", ApfloatMath.exp(arg.precision(p + 60)), BigMath.exp(arg, p), p);
  }

  /**
   * The fixed-point exponential at seeded random arguments (magnitudes from 1e-30 to 1e6, both
   * signs, the range the reference's weights and logarithms use) and precisions from 17 to 400
   * digits, and at the ends of its reduction, where |r| is ln(10)/2.
   */
  @Test
  void expAtRandomArgumentsAndPrecisions() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261206);
    for (int i = 0; i < 200; i++) {
      long p = random.nextLong(17, 401);
      double magnitude = Math.pow(10, random.nextDouble(-30, 6));
      Apfloat arg = new Apfloat((random.nextBoolean() ? -1 : 1) * magnitude * random.nextDouble(1, 10), p + 60);
      assertRelative("exp(" + arg + ")", ApfloatMath.exp(arg.precision(p + 60)), BigMath.exp(arg, p), p);
    }
    for (int k : new int[] {1, -1, 7, -300}) {
      for (int side : new int[] {-1, 1}) {
        // (k + side/2) ln 10, where the reduction's remainder is largest
        Apfloat arg = BigMath.ln10(200).multiply(new Apfloat(k + side * 0.5, 200)).precision(120);
        assertRelative("exp(" + arg + ")", ApfloatMath.exp(arg.precision(180)), BigMath.exp(arg, 60), 60);
      }
    }
  }

  /**
   * The fixed-point logarithm at seeded random arguments: magnitudes from 1e-300 to 1e300, and
   * next to 1 (relative distances from 1e-3 to 1e-12, where Newton's step must keep the relative
   * accuracy), at precisions from 17 to 400 digits.
   */
  @Test
  void logAtRandomArgumentsAndPrecisions() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261207);
    for (int i = 0; i < 200; i++) {
      long p = random.nextLong(17, 401);
      Apfloat arg = i % 3 == 0
          ? new Apfloat(1, p + 80).add(new Apfloat((random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-12, -3)), p + 80))
          : new Apfloat(Math.pow(10, random.nextDouble(-300, 300)) * random.nextDouble(1, 10), p + 80);
      assertRelative("log(" + arg + ")", ApfloatMath.log(arg), BigMath.log(arg, p), p);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2, 50", "10, 60", "0.5, 200", "1e-30, 60", "7.7e300, 100", "3e-200, 700", "1.0000001, 300",
    "0.9999999999, 80", "123456.789, 700", "1e400000, 60",
  })
  void log(String x, long p) {
    Apfloat arg = new Apfloat(x, p + 60);
    assertRelative("log(" + x + ")", ApfloatMath.log(arg), BigMath.log(arg, p), p);
  }

  @ParameterizedTest
  @CsvSource({"1e-300, 60", "1.234567e-45, 40", "1e-20, 100", "0.25, 80", "3, 50", "1e30, 60"})
  void log1p(String s, long p) {
    // ln(1 + s) at enough digits to hold 1 + s exactly
    Apfloat arg = new Apfloat(s, p + 60);
    Apfloat exact = ApfloatMath.log(new Apfloat(1, p + 400).add(new Apfloat(s, p + 400)));
    assertRelative("log1p(" + s + ")", exact, BigMath.log1p(arg, p), p);
  }

  @Test
  void log1pOfAFarTinyArgumentIsTheArgument() {
    // ln(1 + s) = s (1 - s/2 + ...): for s = 3e-400000 the relative difference is 1.5e-400000;
    // holding 1 + s exactly would need 400000 digits (the entropy's weights at z = 2e5)
    Apfloat s = new Apfloat("3e-400000", 60);
    assertRelative("log1p(3e-400000)", s, BigMath.log1p(s, 50), 50);
  }

  @ParameterizedTest
  @CsvSource({"2, 50", "0.02, 200", "1e-301, 60", "7.5e300, 700", "123456789, 100"})
  void sqrt(String x, long p) {
    Apfloat arg = new Apfloat(x, p + 60);
    assertRelative("sqrt(" + x + ")", ApfloatMath.sqrt(arg), BigMath.sqrt(arg, p), p);
  }
}
