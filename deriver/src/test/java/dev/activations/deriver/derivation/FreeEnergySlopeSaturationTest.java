package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Lowerer;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The structured slope of a two-hypothesis free energy where one responsibility saturates
 * ({@link StatisticForms#freeEnergyDerivative}). The generalized Gaussian {@code Abs[z-mu]^p} with
 * a free p, signed: next to z = -1 at p = 6.88 the winner's own slope {@code p |z+1|^(p-1)} is
 * about 1e-57 and the slope is the loser's {@code r_1 e_1'}, about -3e-49. Written as {@code m -
 * tanh(D/2) dD/2} the two terms (about 200 each) cancelled to 0.0 there (and to a relative error of
 * 1.3e-3 at p = 4.94, z = -0.99998, where {@code --check} found it); pivoted on the winner for
 * {@code |D| > 1} it keeps its digits. The lowered form (as the lowering gets it from the
 * derivation, before any selection) is measured against the reference, which differentiates the
 * definition, at the parameter values and points where the emitted classes missed.
 */
class FreeEnergySlopeSaturationTest {
  private static final String SPEC = "--energy 'Abs[z-mu]^p' --param p=3/2 --free p --hypotheses signed --stat free-energy";

  @Test
  void theSlopeKeepsItsDigitsWhereAResponsibilitySaturates() {
    Symja symja = new Symja();
    Generation generation = new Generation(symja);
    ActivationSpec spec = generation.resolve(SPEC);
    Derivation derivation = generation.derive(spec);
    Expr slope = new Lowerer(symja, Set.of("z", "p")).lower(derivation.derivative().get(0));
    Map<Double, double[]> points = new LinkedHashMap<>();
    points.put(6.879173539728804, new double[] {-1.0000000001487084, -0.9999999999943778, -1.00001, -0.99998,
        0.9999999999993219, 1.0000003464686111, -3.0, 2.5, -0.5});
    points.put(4.941789353356009, new double[] {-0.9999836237274703, -1.0000000001, 0.99998, 1.0001, -4.0, 0.25});
    points.put(1.5, new double[] {-1.0000000001, -0.99998, 1.00002, 0.75, -7.0});
    List<String> failures = new ArrayList<>();
    double worst = 0;
    for (Map.Entry<Double, double[]> e : points.entrySet()) {
      double p = e.getKey();
      Map<String, ExactNumber> at = new LinkedHashMap<>(SpecDefinitions.defaults(spec));
      at.put("p", ExactNumber.of(new BigDecimal(p)));
      ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec, at));
      for (double z : e.getValue()) {
        BigDecimal exact = reference.evaluate(z).derivatives().get(0).orElseThrow();
        double computed = DoubleEvaluator.evaluate(slope, Map.of("z", z, "p", p));
        double error = Accuracy.relativeError(computed, exact);
        worst = Math.max(worst, error);
        if (!(error <= 1e-12)) {
          failures.add("slope(" + z + ", p = " + p + ") = " + computed + ", exact "
              + exact.round(new java.math.MathContext(17)) + " (relative error " + error + ")");
        }
      }
    }
    System.out.printf("FreeEnergySlopeSaturationTest: worst relative error %.2e%n", worst);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
