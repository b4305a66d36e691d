package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.SpecDefinitions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generalized Gaussians {@code |z-mu|^p} next to where their powers leave the double range: the
 * emitted value and derivative against the high-precision reference at {@code MAX_VALUE^(1/p)}
 * (one power overflows) and {@code (MAX_VALUE/2)^(1/p)} (a sum of two does), each at relative
 * offsets {@code +-0.73 10^-k}, k = 1..15, and both signs of z. The thresholds are computed here
 * with {@code Math.pow}, not by the code under test. Before the sample points followed the
 * energies' own thresholds ({@code OverflowPoints}), the 5/2 free energy was NaN from about
 * 1.5e123 (where its powers overflow) to the standard point 1e155, where the exact value is beyond
 * the range (Infinity) or finite, and the 7/4 free energy likewise between its thresholds and 1e200.
 */
class OverflowThresholdsTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "5/2, free-energy", "5/2, mean",
    "3/2, free-energy", "3/2, mean",
    "7/4, free-energy", "7/4, mean",
  })
  void accurateAroundTheOverflowThresholds(String exponent, String statistic) {
    Generation g = new Generation(new Symja());
    var spec = g.resolve(java.util.List.of("--energy", "Abs[z-mu]^(" + exponent + ")", "--stat", statistic));
    Generation.Emitted e = g.emitVerified(g.derive(spec), "p", "C", false);
    var value = e.lowered().values().get(0).expr();
    var slope = e.lowered().derivatives().get(0).expr();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    String[] pq = exponent.split("/");
    double p = Double.parseDouble(pq[0]) / Double.parseDouble(pq[1]);
    double worstValue = 0;
    double worstSlope = 0;
    String where = "";
    for (double threshold : new double[] {Math.pow(Double.MAX_VALUE, 1 / p), Math.pow(Double.MAX_VALUE / 2, 1 / p)}) {
      for (int k = 0; k <= 15; k++) {
        for (double offset : k == 0 ? new double[] {0} : new double[] {0.73 * Math.pow(10, -k), -0.73 * Math.pow(10, -k)}) {
          for (double sign : new double[] {-1, 1}) {
            double z = sign * threshold * (1 + offset);
            ReferencePoint r = reference.evaluate(z);
            double ev = Accuracy.relativeError(DoubleEvaluator.evaluate(value, z), r.values().get(0));
            double ed = Accuracy.relativeError(DoubleEvaluator.evaluate(slope, z), r.derivatives().get(0).orElseThrow());
            if (ev > worstValue || ed > worstSlope) where = " (last worse at z = " + z + ")";
            worstValue = Math.max(worstValue, ev);
            worstSlope = Math.max(worstSlope, ed);
          }
        }
      }
    }
    assertTrue(worstValue <= Contract.VALUE_TOLERANCE && worstSlope <= Contract.DERIVATIVE_TOLERANCE,
        exponent + " " + statistic + ": worst value " + worstValue + ", derivative " + worstSlope + where);
  }
}
