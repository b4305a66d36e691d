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
 * (one power overflows), {@code (MAX_VALUE/2)^(1/p)} (a sum of two does), {@code (MAX_VALUE/p)^(1/(p-1))}
 * (the slope overflows) and {@code MAX_VALUE^(1/(p-1))} (its power does), each at relative offsets
 * {@code +-0.73 10^-k}, k = 1..15, and both signs of z, and at four points a decade from the first
 * of them out to {@code MAX_VALUE}. The thresholds are computed here with
 * {@code Math.pow}, not by the code under test. With the standard sample points alone (and the
 * former 2.5e205), the 5/2 free energy was NaN from about 1.5e123, where its powers overflow, to the
 * standard point 1e155 (value error Infinity here), and the derivative of the quartic's free energy
 * was wrong beyond where {@code 4 (z-1)^3} overflows (3.6e102) up to 1e155 (error Infinity here;
 * {@code derive --check} found NaN at z = 9.99999999988e154).
 */
class OverflowThresholdsTest {
  @ParameterizedTest(name = "{0} {1}")
  // four of the eight combinations the points were measured on (docs/ENERGIES.md), for CI's time:
  // the two that failed before, a power below 2 and a mean
  @CsvSource({"5/2, free-energy", "4, free-energy", "3/2, free-energy", "7/4, mean"})
  void accurateAroundTheOverflowThresholds(String exponent, String statistic) {
    Generation g = new Generation(new Symja());
    var spec = g.resolve(java.util.List.of("--energy", "Abs[z-mu]^(" + exponent + ")", "--stat", statistic));
    Generation.Emitted e = g.emitVerified(g.derive(spec), "p", "C", false);
    var value = e.lowered().values().get(0).expr();
    var slope = e.lowered().derivatives().get(0).expr();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    String[] pq = exponent.split("/");
    double p = Double.parseDouble(pq[0]) / (pq.length > 1 ? Double.parseDouble(pq[1]) : 1);
    // the powers, a sum of two, the slope p |z|^(p-1) and its power (beyond the range for p < 2)
    double[] thresholds = {Math.pow(Double.MAX_VALUE, 1 / p), Math.pow(Double.MAX_VALUE / 2, 1 / p),
        Math.pow(Double.MAX_VALUE / p, 1 / (p - 1)), Math.pow(Double.MAX_VALUE, 1 / (p - 1))};
    double[] inRange = java.util.Arrays.stream(thresholds).filter(t -> t < Double.MAX_VALUE).toArray();
    java.util.List<Double> magnitudes = new java.util.ArrayList<>();
    for (double threshold : inRange) {
      for (int k = 0; k <= 15; k++) {
        for (double offset : k == 0 ? new double[] {0} : new double[] {0.73 * Math.pow(10, -k), -0.73 * Math.pow(10, -k)}) {
          magnitudes.add(threshold * (1 + offset));
        }
      }
    }
    // and beyond the first threshold out to MAX_VALUE, four points a decade (a form that goes wrong
    // between two sample points further out, as the quartic's derivative did below 1e155)
    double from = Math.log10(java.util.Arrays.stream(inRange).min().orElseThrow());
    for (double d = from; d < Math.log10(Double.MAX_VALUE); d += 0.25) magnitudes.add(Math.pow(10, d));
    double worstValue = 0;
    double worstSlope = 0;
    double worstValueAt = Double.NaN;
    double worstSlopeAt = Double.NaN;
    for (double m : magnitudes) {
      for (double sign : new double[] {-1, 1}) {
        double z = sign * m;
        ReferencePoint r = reference.evaluate(z);
        double ev = Accuracy.relativeError(DoubleEvaluator.evaluate(value, z), r.values().get(0));
        double ed = Accuracy.relativeError(DoubleEvaluator.evaluate(slope, z), r.derivatives().get(0).orElseThrow());
        if (ev > worstValue) {
          worstValue = ev;
          worstValueAt = z;
        }
        if (ed > worstSlope) {
          worstSlope = ed;
          worstSlopeAt = z;
        }
      }
    }
    assertTrue(worstValue <= Contract.VALUE_TOLERANCE && worstSlope <= Contract.DERIVATIVE_TOLERANCE,
        exponent + " " + statistic + ": worst value " + worstValue + " at z = " + worstValueAt + ", derivative "
            + worstSlope + " at z = " + worstSlopeAt);
  }

  /**
   * A free scale moves the thresholds: {@code |(z-mu)/a|^(3/2)} reaches {@code MAX_VALUE} at
   * {@code |z - 1| = |a| MAX_VALUE^(2/3)} (and a sum of two such at {@code |a| (MAX_VALUE/2)^(2/3)}),
   * so each parameter assignment the certification measures must sample its own. The thresholds
   * are computed here with {@code Math.cbrt} at each assignment's value of a; the streams must hold
   * a point within 1e-14 (relative) of each, on both sides of z = 1. Before, only the defaults'
   * thresholds were sample points (of the selection, not of the certification), and no stream
   * point came within 1e-14 of any threshold at another value of a.
   */
  @org.junit.jupiter.api.Test
  void everyMeasuredParameterValueSamplesItsOwnOverflowThresholds() {
    Generation g = new Generation(new Symja());
    var spec = g.resolve(java.util.List.of("--energy", "Abs[(z-mu)/a]^(3/2)", "--free", "a"));
    Generation.Emitted e = g.emitVerified(g.derive(spec), "p", "C", false);
    Generation.Certification c = e.certification().orElseThrow();
    assertTrue(!c.elsewhere().isEmpty(), "a free parameter is measured at other values");
    for (Generation.ElsewhereInDomain there : c.elsewhere()) {
      double a = Math.abs(there.values().get("a"));
      for (double level : new double[] {Double.MAX_VALUE, Double.MAX_VALUE / 2}) {
        // level^(2/3) as cbrt(level)^2 (each within an ulp); Math.pow(level, 2.0 / 3) is 2.6e-14
        // off, the error of 2/3 in double times ln(MAX_VALUE)
        double half = a * Math.cbrt(level) * Math.cbrt(level);
        for (double t : new double[] {1 + half, 1 - half}) {
          boolean sampled = java.util.Arrays.stream(there.points()[0])
              .anyMatch(z -> Math.abs(z - t) <= 1e-14 * Math.abs(t));
          assertTrue(sampled, "a = " + a + ": no point next to the threshold " + t);
        }
      }
    }
    assertTrue(e.meetsContract(), () -> e.verdict().orElseThrow().worstOfAll().orElseThrow().describe());
  }
}
