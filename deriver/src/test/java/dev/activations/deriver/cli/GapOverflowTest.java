package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.SpecDefinitions;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian kernel at s = 2 with three prototypes, variance: its closed form {@code (4 + 2
 * e^(1/8) cosh(z/4)) / (e^(1/8) + 2 cosh(z/4))^2} is NaN from where {@code cosh(z/4)} overflows,
 * |z| = 4 acosh(MAX_VALUE) = 2842, while the exact value is a number (subnormal from about 2840,
 * 0 from about 2980); no standard sample point lies between 1000 and 5000, and the saturation guard
 * started at 5000, so {@code derive --check} found NaN at z = -4999.99 and refused the spec. The
 * energy differences' own points ({@code OverflowPoints.Growth.GAP}) show the selection that form
 * failing. Measured here from 2000 to 6000 every 7.3 (both signs) and at 2842 +- 0.73 10^-k, k =
 * 1..12, against the reference; the thresholds computed with {@code Math}, not by the code under
 * test.
 */
class GapOverflowTest {
  @Test
  void theThreePrototypeVarianceIsANumberWhereItsCoshOverflows() {
    Generation g = new Generation(new Symja());
    var spec = g.resolve(java.util.List.of("--kernel", "gaussian", "--param", "s=2", "--hypotheses", "prototypes:3", "--stat", "variance"));
    Generation.Emitted e = g.emitVerified(g.derive(spec), "p", "C", false);
    var value = e.lowered().values().get(0).expr();
    var slope = e.lowered().derivatives().get(0).expr();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    double overflow = 4 * (Math.log(2) + Math.log(Double.MAX_VALUE)); // cosh(z/4) = MAX_VALUE, to the doubles' accuracy
    java.util.List<Double> magnitudes = new java.util.ArrayList<>();
    for (double m = 2000; m <= 6000; m += 7.3) magnitudes.add(m);
    for (int k = 1; k <= 12; k++) {
      magnitudes.add(overflow * (1 + 0.73 * Math.pow(10, -k)));
      magnitudes.add(overflow * (1 - 0.73 * Math.pow(10, -k)));
    }
    double worstValue = 0;
    double worstSlope = 0;
    String where = "";
    for (double m : magnitudes) {
      for (double z : new double[] {-m, m}) {
        ReferencePoint r = reference.evaluate(z);
        double ev = Accuracy.relativeError(DoubleEvaluator.evaluate(value, z), r.values().get(0));
        double ed = Accuracy.relativeError(DoubleEvaluator.evaluate(slope, z), r.derivatives().get(0).orElseThrow());
        if (ev > worstValue || ed > worstSlope) where = " (last worst at z = " + z + ")";
        worstValue = Math.max(worstValue, ev);
        worstSlope = Math.max(worstSlope, ed);
      }
    }
    assertTrue(worstValue <= Contract.VALUE_TOLERANCE && worstSlope <= Contract.DERIVATIVE_TOLERANCE,
        "worst value " + worstValue + ", derivative " + worstSlope + where);
  }
}
