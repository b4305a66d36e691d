package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mode's reference declares a tie only when it is one exactly. The expected values are
 * mathematical facts about the definitions, not outputs of the code:
 *
 * <ul>
 *   <li>logistic energies {@code Log[1+E^(mu-z)]} at mu = 1 and -1: their difference is {@code
 *       Log[(1+E^(1-z))/(1+E^(-1-z))] > 0} for every z, so hypothesis 2 (value -1) always wins, also
 *       at z = -1e305 where the energies (about 1e305) differ by 2 in their 306th digit, and at z =
 *       800 where both are below 1e-347;
 *   <li>Student-t energies at mu = 1 and -1: {@code e_1 < e_2} exactly when z > 0, so the mode is
 *       sign(z), also at z = 3e-300 (energies equal to 300 digits) and +-MAX_VALUE (600 digits);
 *       at z = 0 the energies are equal ({@code 2 Log[4/3]} both), an exact tie: the average 0.
 * </ul>
 */
class ModeTieRuleTest {
  @ParameterizedTest
  @CsvSource({
    "Log[1+Exp[-(z-mu)]], -1e305, -1",
    "Log[1+Exp[-(z-mu)]], -4.8308905934878496E17, -1",
    "Log[1+Exp[-(z-mu)]], 800, -1",
    "Log[1+Exp[-(z-mu)]], 0, -1",
    "2*Log[1+(z-mu)^2/3], 3e-300, 1",
    "2*Log[1+(z-mu)^2/3], -3e-300, -1",
    "2*Log[1+(z-mu)^2/3], -1.7976931348623157E308, -1",
    "2*Log[1+(z-mu)^2/3], 1.7976931348623157E308, 1",
    "2*Log[1+(z-mu)^2/3], 0, 0",
  })
  void tiesAreDecidedExactly(String energy, double z, double expected) {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of(energy, "1:1,-1:-1", "mode"));
    assertEquals(expected, reference.evaluate(z).value(0), 0.0, energy + " at z = " + z);
  }
}
