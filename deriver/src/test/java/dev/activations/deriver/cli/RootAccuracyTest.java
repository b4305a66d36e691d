package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.SpecDefinitions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Next to roots away from 0, the emitted forms meet the contract: the examples of issue 12 (the
 * Student-t mean's derivative at z = 2, the Cauchy mean's derivative at sqrt(2), the Gaussian
 * signed free energy at z = 1.3579...), checked at points the verification stream does not use
 * (relative offsets 10^-k, k = 4..15, both sides) against the high-precision evaluator.
 */
class RootAccuracyTest {
  @ParameterizedTest
  @CsvSource({
    "--kernel student-t --stat mean, 2.0, true",
    "--kernel student-t --stat mean, -2.0, true",
    "--kernel cauchy --stat mean, 1.4142135623730951, true",
    "--kernel gaussian --stat free-energy, 1.3579201436398, false",
  })
  void accurateNextToTheRoot(String spec, double root, boolean derivative) {
    Generation g = new Generation(new Symja());
    var s = g.resolve(spec);
    Generation.Emitted e = g.emitVerified(g.derive(s), "p", "C");
    var form = derivative ? e.lowered().derivatives().get(0).expr() : e.lowered().values().get(0).expr();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(s));
    double tolerance = derivative ? 1e-10 : 1e-12;
    double worst = 0;
    for (int k = 4; k <= 15; k++) {
      for (double sign : new double[] {-1, 1}) {
        double z = root * (1 + sign * 0.73 * Math.pow(10, -k));
        ReferencePoint p = reference.evaluate(z);
        double err = Accuracy.relativeError(DoubleEvaluator.evaluate(form, z),
            derivative ? p.derivatives().get(0).orElseThrow() : p.values().get(0));
        worst = Math.max(worst, err);
      }
    }
    assertTrue(worst <= tolerance, spec + " next to " + root + ": worst " + worst);
  }
}
