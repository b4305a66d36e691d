package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RootSplice#fitInRoot} and {@link RootSplice#splicedInRoot}: the generalized Gaussian's free
 * energy has a derivative that vanishes just left of the kink at 1 (1.48e-4 for p = 5/4, 7.2e-3
 * for p = 3/2), where it goes like {@code |z - 1|^(p-1)}. The expansion in {@code |z - 1|^(1/q)}
 * with the root's factor exact is measured against the reference between the kink and the end of
 * the interval, at points the fit did not use (including the root's neighbours).
 */
class RootSpliceAtKinkTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Abs[z-mu]^(5/4), 4, 0.99985, 1.48e-4",
      "Abs[z-mu]^(3/2), 2, 0.9928, 7.2e-3",
  })
  void theExpansionInTheRootOfTheOffsetHoldsUpToTheKink(String energy, int q, double guess, double distance) {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of(energy, "1:1,-1:-1", "free-energy"));
    double[] root = RootSplice.refine(guess, reference, 0, true);
    assertTrue(Math.abs((1 - root[0]) / distance - 1) < 0.02, "the root lies " + (1 - root[0]) + " left of the kink");
    double[] kink = {1, 0, q};
    double reach = (1 - root[0]) + 2e-3;
    double[] c = RootSplice.fitInRoot(root, kink, -1, q, reach, 11, reference, 0, true, null).orElseThrow();
    Expr spliced = RootSplice.splicedInRoot(Expr.Const.of(Double.NaN), root, kink, -1, q, reach, c);
    double worst = 0;
    int measured = 0;
    java.util.List<Double> zs = new java.util.ArrayList<>();
    for (int i = 1; i < 300; i++) zs.add(1 - reach * Math.pow(i / 300.0, 3));
    for (double d = 1e-15; d < 1e-4; d *= 3.7) {
      zs.add(root[0] + d);
      zs.add(root[0] - d);
    }
    for (double z : zs) {
      Accuracy.Exact exact = RootFinder.exact(reference, 0, true, null, z, 1e-17).orElse(null);
      if (exact == null) continue;
      double computed = DoubleEvaluator.evaluate(spliced, Map.of("z", z));
      worst = Math.max(worst, Accuracy.relativeError(computed, exact));
      measured++;
    }
    assertTrue(measured > 250, measured + " points decided");
    assertTrue(worst <= 1e-13, "worst relative error " + worst);
  }
}
