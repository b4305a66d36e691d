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

  @Test
  void aMissAtAnotherAssignmentBringsThatAssignmentAndItsWindow() {
    Generation generation = new Generation(new dev.activations.deriver.symbolic.Symja());
    dev.activations.deriver.spec.ActivationSpec spec =
        generation.resolve(List.of("--kernel", "gaussian", "--stat", "mean", "--free", "s"));
    List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> drawn =
        dev.activations.deriver.verify.ParameterSamples.draw(spec, Generation.PARAMETER_SAMPLES);
    List<Generation.ElsewhereInDomain> elsewhere = new java.util.ArrayList<>();
    for (java.util.Map<String, dev.activations.deriver.spec.ExactNumber> values : drawn) {
      java.util.Map<String, Double> doubles = new java.util.LinkedHashMap<>();
      values.forEach((k, v) -> doubles.put(k, v.toDouble()));
      elsewhere.add(new Generation.ElsewhereInDomain(doubles, new double[0][], null, values));
    }
    Generation.Certification certification =
        new Generation.Certification(List.of(), new double[0][], null, java.util.Map.of(), elsewhere);
    String second = elsewhere.get(1).label();
    ContractVerification.Verdict verdict = new ContractVerification.Verdict(10000, 0, 0, List.of(
        worst("value", 2.0, 1e-16),
        worst("derivative with " + second, -3.5e-9, 2.85e-5),
        worst("value with " + elsewhere.get(0).label(), 7.0, 1e-16)));
    List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> into = new java.util.ArrayList<>();
    double[] points = Generation.missedElsewhere(certification, verdict, into);
    assertEquals(List.of(drawn.get(1)), into);
    assertEquals(10, points.length);
    assertEquals(-3.5e-9, points[2]);
    assertEquals(0, Generation.missedPoints(verdict).length);
  }
}
