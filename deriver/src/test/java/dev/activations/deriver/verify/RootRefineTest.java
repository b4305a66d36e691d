package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RootSplice#refine}: a root as a double-double whose low part is right to the last digit,
 * where two roots are so close that the secant across one ulp is not (the signed Gaussian free
 * energy at small scales vanishes at {@code +-(1 +- w)}, w = 4e-8 at s = 1/4 and 3.9e-12 at s =
 * 1/5; f'' / f' is 1/w there). Measured with the high-precision evaluator at the exact
 * double-double: the value there must be below the value one ulp away by 15 orders of magnitude
 * (a root good to 1e-15 of an ulp; the one-step secant left 2e-10 of an ulp at s = 1/5).
 */
class RootRefineTest {
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "(z-mu)^2*8, -1.0000000397871673",
      "(z-mu)^2*8, 0.999999960212782",
      "(z-mu)^2*25/2, -1.000000000003928",
      "(z-mu)^2*25/2, 0.9999999999960718",
  })
  void theLowPartIsRightWhereTwoRootsAreClose(String energy, double guess) {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of(energy, "1:1,-1:-1", "free-energy"));
    double[] root = RootSplice.refine(guess, reference, 0, false);
    BigDecimal exact = new BigDecimal(root[0]).add(new BigDecimal(root[1]));
    BigDecimal atRoot = reference.evaluate(exact).values().get(0).abs();
    BigDecimal ulpAway = reference.evaluate(Math.nextUp(root[0])).values().get(0).abs();
    assertTrue(atRoot.compareTo(ulpAway.multiply(new BigDecimal("1e-15"))) <= 0,
        "at " + exact + ": " + atRoot + ", one ulp away " + ulpAway);
  }
}
