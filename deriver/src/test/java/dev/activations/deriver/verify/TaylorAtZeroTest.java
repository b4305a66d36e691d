package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Taylor coefficients from the reference against series known in closed form: the signed Gaussian
 * mean is tanh(z) = z - z^3/3 + 2 z^5/15 - 17 z^7/315 + 62 z^9/2835 - ..., its derivative sech^2(z)
 * = 1 - z^2 + 2 z^4/3 - 17 z^6/45 + ...; the gated Gaussian mean z logistic(2z) = z/2 + z^2/2 -
 * z^4/6 + ... has both parities.
 */
class TaylorAtZeroTest {
  private static final String GAUSS = "(z-mu)^2/2";

  @Test
  void tanhIsOddWithItsKnownCoefficients() {
    double[] c = new TaylorAtZero(Definition.of(GAUSS, "1:1,-1:-1", "mean")).coefficients(0, false, 16).orElseThrow();
    assertEquals(17, c.length);
    double[] odd = {1, -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835};
    for (int i = 0; i < odd.length; i++) assertEquals(odd[i], c[2 * i + 1], 1e-16 * Math.abs(odd[i]), "c" + (2 * i + 1));
    for (int k = 0; k < c.length; k += 2) assertEquals(0.0, c[k], "even coefficient c" + k + " of an odd function");
  }

  @Test
  void derivativeOfTanhIsEven() {
    double[] c = new TaylorAtZero(Definition.of(GAUSS, "1:1,-1:-1", "mean")).coefficients(0, true, 16).orElseThrow();
    double[] even = {1, -1, 2.0 / 3, -17.0 / 45};
    for (int i = 0; i < even.length; i++) assertEquals(even[i], c[2 * i], 1e-16 * Math.abs(even[i]), "c" + (2 * i));
    for (int k = 1; k < c.length; k += 2) assertEquals(0.0, c[k], "odd coefficient c" + k + " of an even function");
  }

  @Test
  void gatedMeanKeepsBothParities() {
    // z logistic(2z) = z (1/2 + z/2 - z^3/6 + z^5/15 - ...)  (logistic(x) = 1/2 + x/4 - x^3/48 + x^5/480)
    double[] c = new TaylorAtZero(Definition.of(GAUSS, "1:z,-1:0", "mean")).coefficients(0, false, 16).orElseThrow();
    assertEquals(0.0, c[0]);
    assertEquals(0.5, c[1], 1e-16);
    assertEquals(0.5, c[2], 1e-16);
    assertEquals(0.0, c[3], 1e-30);
    assertEquals(-1.0 / 6, c[4], 1e-16);
    assertEquals(1.0 / 15, c[6], 1e-16);
    for (int k = 3; k < c.length; k += 2) assertTrue(Math.abs(c[k]) < 1e-30, "odd term c" + k + " vanishes");
  }

  @Test
  void aVanishingCoefficientIsZeroNotTheFitsTruncationError() {
    // the free energy of |u| - log(1 + |u|) at centres 1 and -1 is 1 - log 4 + z^4/24 + ... next to
    // 0 (2 cosh z - z sinh z = 2 - z^4/12 + ...), so its derivative is z^3/6 + ...: c_1 is exactly 0,
    // where one fit with h = 1e-4 gave -6.7e-61 (the patch then had a relative error of 4e140 at
    // z = 1e-100)
    double[] c = new TaylorAtZero(Definition.of("Abs[z-mu]-Log[1+Abs[z-mu]]", "1:1,-1:-1", "free-energy"))
        .coefficients(0, true, 16).orElseThrow();
    assertEquals(0.0, c[1]);
    assertEquals(1.0 / 6, c[3], 1e-15);
    for (int k = 0; k < c.length; k += 2) assertEquals(0.0, c[k], "even coefficient c" + k + " of an odd function");
  }
}
