package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** {@link KinkValues}: kinks as double-doubles, whatever kind of number they are. */
class KinkValuesTest {
  private static final Symja SYMJA = new Symja();

  private static void assertDoubleDouble(String kink, String digits) {
    double[] x = KinkValues.of(SYMJA, kink).orElseThrow();
    BigDecimal exact = new BigDecimal(digits);
    assertEquals(exact.doubleValue(), x[0], kink);
    BigDecimal rest = exact.subtract(new BigDecimal(x[0]));
    // lo within a few units of 1e-32 relative: the double-double carries the kink to 1e-31
    assertTrue(rest.subtract(new BigDecimal(x[1])).abs().compareTo(exact.abs().multiply(new BigDecimal("1e-31"))) < 0,
        kink + ": lo " + x[1] + " against " + rest.round(MathContext.DECIMAL64));
  }

  /**
   * A truncated quadratic's kinks are surds, an exponential's truncation has logarithms: before
   * this class only rational kinks were read, and these were neither spliced nor sampled densely.
   * (The digits are mpmath's, at 45 digits.)
   */
  @Test
  void surdsAndLogarithmsAreNumbers() {
    assertDoubleDouble("1/2*(2+2*Sqrt[2])", "2.41421356237309504880168872420969807856967188");
    assertDoubleDouble("-1+Log[10]", "1.30258509299404568401799145468436420760110149");
    assertDoubleDouble("1-Sqrt[-1+E]", "-0.310832494432086175906770361134687434000588293");
  }

  @Test
  void rationalKinksAreExact() {
    double[] x = KinkValues.of(SYMJA, "-1/3").orElseThrow();
    assertEquals(-1.0 / 3, x[0]);
    assertEquals(new BigDecimal(-1).divide(new BigDecimal(3), new MathContext(60)).subtract(new BigDecimal(x[0])).doubleValue(), x[1]);
  }

  @Test
  void aKinkWithAParameterHasNoValue() {
    assertTrue(KinkValues.of(SYMJA, "1-delta").isEmpty());
    assertTrue(KinkValues.of(SYMJA, "Sqrt[c]").isEmpty());
  }
}
