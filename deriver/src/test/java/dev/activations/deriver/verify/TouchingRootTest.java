package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A root where the output touches 0 without changing sign. The Tukey energy with its threshold at
 * 2, {@code Piecewise[{{1-(1-(z-mu)^2)^3, Abs[z-mu]<=2}}, 1]}, at the signed hypotheses: the free
 * energy's derivative is {@code r_1 6 u (1 - u^2)^2} next to z = 2 (u = z - 1; the other energy is
 * flat there), a double root that no sign change shows. The derived form cancelled next to it
 * (9.8e-15 at z = 2 - 4.2e-14, where the exact value is 2.1e-26); a splice {@code t^2 P(t)} holds.
 * The form below cancels the same way (its slope expanded); spliced, it must hold at the root's
 * neighbours, measured with the high-precision evaluator.
 */
class TouchingRootTest {
  private static final ReferenceEvaluator REFERENCE = new ReferenceEvaluator(
      Definition.of("Piecewise[{{1-(1-(z-mu)^2)^3, Abs[z-mu]<=2}}, 1]", "-1:-1,1:1", "free-energy"));

  @Test
  void theMultiplicityIsReadFromTheReference() {
    assertEquals(2, RootSplice.touching(2.0, REFERENCE, 0, true, null));
    assertEquals(2, RootSplice.touching(-2.0, REFERENCE, 0, true, null));
    // not a root, and a value that changes sign (the free energy's own roots are simple)
    assertEquals(0, RootSplice.touching(1.5, REFERENCE, 0, true, null));
    assertEquals(0, RootSplice.touching(2.0, REFERENCE, 0, false, null));
  }

  @Test
  void aSpliceWithTheDoubleZeroBuiltInHoldsNextToIt() {
    // between the kinks at 1 and 3: r 6 u (1 - 2 u^2 + u^4) with r = 1 / (1 + e^(d - 1)), d = 1 - (1 -
    // u^2)^3, the slope expanded as a derivation may leave it: accurate but next to z = 2
    Expr z = new Expr.Var("z");
    Expr u = new Expr.Add(List.of(z, Expr.Const.of(-1)));
    Expr uu = new Expr.PowInt(u, 2);
    Expr slope = new Expr.Mul(List.of(Expr.Const.of(6), u, new Expr.Add(List.of(Expr.Const.of(1),
        new Expr.Mul(List.of(Expr.Const.of(-2), uu)), new Expr.PowInt(u, 4)))));
    Expr d = new Expr.Add(List.of(Expr.Const.of(1), new Expr.Neg(new Expr.PowInt(new Expr.Add(List.of(Expr.Const.of(1),
        new Expr.Neg(uu))), 3))));
    Expr r = new Expr.Div(Expr.Const.of(1), new Expr.Add(List.of(Expr.Const.of(1),
        Expr.Call.of(dev.activations.deriver.lowering.Fn.EXP, new Expr.Add(List.of(d, Expr.Const.of(-1)))))));
    Expr form = new Expr.Mul(List.of(r, slope));
    double[][] kinks = {{-3, 0}, {-1, 0}, {1, 0}, {3, 0}};
    Expr spliced = RootSplice.spliceAtValues(form, new double[] {2.0}, kinks, REFERENCE, 0, true, null, Map.of(),
        Contract.DERIVATIVE_TOLERANCE);
    assertNotSame(form, spliced, "no splice");
    List<Double> zs = new ArrayList<>();
    double up = 2.0;
    double down = 2.0;
    for (int i = 0; i < 6; i++) {
      zs.add(up = Math.nextUp(up));
      zs.add(down = Math.nextDown(down));
    }
    for (double offset = 1e-15; offset < 1e-3; offset *= 7.1) {
      zs.add(2 + offset);
      zs.add(2 - offset);
    }
    double worst = 0;
    double worstAt = Double.NaN;
    for (double at : zs) {
      java.math.BigDecimal exact = REFERENCE.evaluate(at).derivatives().get(0).orElseThrow();
      double error = Accuracy.relativeError(DoubleEvaluator.evaluate(spliced, Map.of("z", at)), Accuracy.Exact.of(exact));
      if (!(error <= worst)) {
        worst = error;
        worstAt = at;
      }
    }
    assertTrue(worst <= Contract.DERIVATIVE_TOLERANCE / 8, "worst relative error " + worst + " at z = " + worstAt);
  }
}
