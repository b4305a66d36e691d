package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.verify.ContractVerification;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The second attempt of {@link Generation#emitVerified}: which verification points join the
 * selection when the first choice misses. (That a reselected class is certified on a fresh stream
 * is the salted seed of {@code Generation.certification}; the end-to-end effect was measured on
 * {@code --energy 'Abs[z-mu]^3' --stat variance} with the half-angle rewrite switched off: its
 * closed form overflowed for 10.86 < |z| < 11.12, a window between the sample points, and the
 * reselected structured form passed.)
 */
class ReselectionTest {
  private static ContractVerification.Worst worst(String function, double z, double error) {
    return new ContractVerification.Worst(function, z, 0.0, BigDecimal.ONE, error, 1e-12);
  }

  @Test
  void onlyTheDefaultsMissesWithMirrorsAndNeighbours() {
    ContractVerification.Verdict verdict = new ContractVerification.Verdict(10000, 0, 0, List.of(
        worst("value", -10.88, 0.07),
        worst("derivative", 3.0, 1e-15),
        worst("dS with s = 0.5", 41.9, 3e-10)));
    double[] expected = {-10.88 * (1 + 1e-3), -10.88 * (1 + 1e-6), -10.88, -10.88 * (1 - 1e-6),
        -10.88 * (1 - 1e-3), 10.88 * (1 - 1e-3), 10.88 * (1 - 1e-6), 10.88, 10.88 * (1 + 1e-6),
        10.88 * (1 + 1e-3)};
    assertArrayEquals(expected, Generation.missedPoints(verdict));
  }

  @Test
  void nothingToAddWhenEverythingPasses() {
    ContractVerification.Verdict verdict = new ContractVerification.Verdict(10000, 0, 0,
        List.of(worst("value", 1.0, 1e-16)));
    assertEquals(0, Generation.missedPoints(verdict).length);
  }
}
