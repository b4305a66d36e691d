package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import java.util.Map;
import java.util.Optional;
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

  /**
   * {@link RootSplice#fitInRootAtKink} and {@link RootSplice#splicedInRootAtKink}: the three-prototype
   * responsibilities of {@code |z - mu|^(3/2)} (centres -1, 0, 1): the middle one's derivative
   * vanishes at its centre 0 like {@code c sqrt|z|}. The expansion's power comes from the reference,
   * and the splice on each side is measured against the high-precision evaluator down to offsets of
   * 1e-300, at points the fit did not use.
   */
  @org.junit.jupiter.api.Test
  void aKinkAtARootIsExpandedInTheRootOfTheOffset() {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of("Abs[z-mu]^(3/2)", "-1:-1,0:0,1:1", "responsibilities"));
    double[] kink = {0, 0, 2};
    int m = RootSplice.leadingPowerInRoot(kink, 1, 2, 1, reference, 1, true, null);
    org.junit.jupiter.api.Assertions.assertEquals(1, m, "like sqrt|z|");
    double reach = 2e-3;
    Expr spliced = Expr.Const.of(Double.NaN);
    for (int side : new int[] {-1, 1}) {
      double[] c = RootSplice.fitInRootAtKink(kink, side, 2, m, reach, 7, reference, 1, true, null).orElseThrow();
      spliced = RootSplice.splicedInRootAtKink(spliced, kink, side, 2, m, reach, c);
    }
    double worst = 0;
    int measured = 0;
    for (double d = 3.3e-301; d < 2e-3; d *= 91.7) {
      for (double z : new double[] {d, -d}) {
        ReferencePoint p = reference.evaluate(z);
        java.math.BigDecimal exact = p.derivatives().get(1).orElseThrow();
        assertTrue(exact.signum() != 0, "the output is not 0 next to the kink");
        double computed = DoubleEvaluator.evaluate(spliced, Map.of("z", z));
        worst = Math.max(worst, Accuracy.relativeError(computed, exact));
        measured++;
      }
    }
    assertTrue(measured > 300, measured + " points");
    assertTrue(worst <= 1e-13, "worst relative error " + worst);
    assertTrue(Double.isNaN(DoubleEvaluator.evaluate(spliced, Map.of("z", 0.0))), "the kink itself keeps the form");
    assertTrue(Double.isNaN(DoubleEvaluator.evaluate(spliced, Map.of("z", 2.1e-3))), "and so does the form beyond the reach");
  }

  /**
   * {@link RootSplice#atKinkInRoot} measures next to a kink at 0 also where the reference's fast
   * path cannot decide: the three-prototype mean of {@code |z - mu|^(1/2)} has a derivative of
   * 0.2119... at 0 that the structured form takes as a difference of terms of order {@code
   * |z|^(-1/2)} (1e137 off at z = 7.6e-309). Here a form that is accurate except below offsets of
   * 1e-250 (NaN there) stands for it: measured only where the fast path decides (69 of 1,246
   * probes before), it passed, and no splice was made.
   */
  @org.junit.jupiter.api.Test
  void aFormThatFailsOnlyWhereTheFastPathCannotDecideIsSplicedAtAKinkAtZero() {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of("Abs[z-mu]^(1/2)", "-1:-1,0:0,1:1", "mean"));
    double[] kink = {0, 0, 2};
    int m = RootSplice.leadingPowerInRoot(kink, 1, 2, 1, reference, 0, true, null);
    org.junit.jupiter.api.Assertions.assertEquals(0, m, "not 0 at the kink");
    // accurate up to the half-way point to the next kinks (-1 and 1), where the probes end
    Expr accurate = Expr.Const.of(Double.NaN);
    for (double[] piece : new double[][] {{0.5, 21}, {2e-3, 7}}) {
      for (int side : new int[] {-1, 1}) {
        double[] c = RootSplice.fitInRootAtKink(kink, side, 2, 0, piece[0], (int) piece[1], reference, 0, true, null)
            .orElseThrow();
        accurate = RootSplice.splicedInRootAtKink(accurate, kink, side, 2, 0, piece[0], c);
      }
    }
    Expr z = new Expr.Var("z");
    Expr form = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LT, Expr.Call.of(dev.activations.deriver.lowering.Fn.ABS, z),
        Expr.Const.of(1e-250)), Expr.Const.of(Double.NaN), accurate);
    int fastPathDecides = 0;
    for (double d = 1e-300; d < 1e-250; d *= 10) {
      if (RootFinder.exact(reference, 0, true, null, d, 1e-17).isPresent()) fastPathDecides++;
    }
    assertTrue(fastPathDecides < 10, "the fast path decides " + fastPathDecides + " of 50 tiny offsets");
    for (int side : new int[] {-1, 1}) {
      double[][] kinks = {{-1, 0, 2}, kink, {1, 0, 2}};
      org.junit.jupiter.api.Assertions.assertEquals(Optional.empty(), RootSplice.atKinkInRoot(accurate, kink, side,
          new double[0], kinks, reference, 0, true, null, Map.of(), 1e-10), "the accurate form needs no splice");
      Expr spliced = RootSplice.atKinkInRoot(form, kink, side, new double[0], kinks, reference, 0, true,
          null, Map.of(), 1e-10).orElseThrow(() -> new AssertionError("no splice on side " + side));
      double computed = DoubleEvaluator.evaluate(spliced, Map.of("z", side * 7.6e-309));
      Accuracy.Exact exact = Accuracy.Exact.of(reference.evaluate(side * 7.6e-309).derivatives().get(0).orElseThrow());
      assertTrue(Accuracy.relativeError(computed, exact) <= 1e-13, "at " + side * 7.6e-309 + ": " + computed);
    }
  }
}
