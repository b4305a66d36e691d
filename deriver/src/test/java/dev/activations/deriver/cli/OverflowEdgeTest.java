package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import org.junit.jupiter.api.Test;

/**
 * The last doubles before an output leaves the double range ({@code Repairs.overflowEdge}): the gated
 * free energy of {@code |z-mu|^(3/2) + log cosh(z-mu)/3} at {@code z = +-3.1852513365225147e205}
 * (the verification stream's point next to where the 3/2 power reaches the least value that rounds
 * to Infinity; found by the random survey of seed 20261207) is 1.797693134862315715e308 exactly,
 * which rounds to {@code MAX_VALUE}; every form overflowed there (Infinity, relative error
 * Infinity) and {@code derive --check} refused the class. The expected values come from the
 * independent reference.
 */
class OverflowEdgeTest {
  @Test
  void aFreeEnergyJustBelowTheOverflowPointIsFinite() {
    Generation g = new Generation(new Symja());
    var spec = g.resolve(java.util.List.of("--energy", "Abs[(z-mu)]^(3/2)+(1/3)*(Log[Cosh[(z-mu)]])", "--hypotheses", "gated",
        "--stat", "free-energy"));
    Generation.Emitted e = g.emitVerified(g.derive(spec), "p", "C", false);
    assertTrue(e.verdict().orElseThrow().passed(), () -> e.verdict().orElseThrow().worstOfAll().orElseThrow().describe());
    var value = e.lowered().values().get(0).expr();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    for (double z : new double[] {-3.1852513365225147E205, 3.1852513365225147E205}) {
      double computed = DoubleEvaluator.evaluate(value, z);
      double error = Accuracy.relativeError(computed, reference.evaluate(z).values().get(0));
      assertTrue(Double.isFinite(computed) && error <= Contract.VALUE_TOLERANCE, "z = " + z + ": " + computed + ", error " + error);
    }
  }
}
