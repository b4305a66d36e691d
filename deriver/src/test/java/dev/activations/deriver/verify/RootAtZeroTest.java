package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RootSplice#withRootAtZero}: where the definition vanishes at z = 0 and the form cancels
 * next to it, 0 is spliced like any root. The gated free energy of {@code Log[1+Abs[z-mu]^(3/2)]}
 * (centres 1 and -1) is {@code log((1 + a)(1 + b)/(2 + a + b))} with {@code a = |z - 1|^(3/2)},
 * {@code b = |z + 1|^(3/2)}: 0 at z = 0, about {@code -3/8 z^2} next to it. Written as {@code
 * -log(1/(1 + a) + 1/(1 + b))} it is an ulp of log 2 off there, so it has no correct digit below
 * |z| = 1e-8 and loses the value's contract (1e-12) inside |z| < 0.016.
 */
class RootAtZeroTest {
  private static final ReferenceEvaluator REFERENCE =
      new ReferenceEvaluator(Definition.of("Log[1+Abs[z-mu]^(3/2)]", "1:z,-1:0", "free-energy"));

  /** The kinks of the two energies at -1 and 1, where |z -+ 1|^(3/2) is analytic in the offset's root. */
  private static final double[][] KINKS = {{-1, 0, 2}, {1, 0, 2}};

  private static Expr cancelling() {
    Expr z = new Expr.Var("z");
    Expr a = Expr.Call.of(Fn.POW, Expr.Call.of(Fn.ABS, new Expr.Add(List.of(z, Expr.Const.of(-1.0)))), Expr.Const.of(1.5));
    Expr b = Expr.Call.of(Fn.POW, Expr.Call.of(Fn.ABS, new Expr.Add(List.of(z, Expr.Const.of(1.0)))), Expr.Const.of(1.5));
    Expr one = Expr.Const.of(1.0);
    return new Expr.Neg(Expr.Call.of(Fn.LOG, new Expr.Add(List.of(
        new Expr.Div(one, new Expr.Add(List.of(one, a))), new Expr.Div(one, new Expr.Add(List.of(one, b)))))));
  }

  private static double worstNextToZero(Expr form) {
    double worst = 0;
    // offsets the splice's probes (RootSplice.probes, ZERO_PROBES) do not use
    for (double d = 2.3e-307; d < 0.3; d *= 17.3) {
      for (double z : new double[] {d, -0.77 * d}) {
        // the high-precision evaluator: next to 0 the fast path decides nothing (terms of order one cancel)
        java.math.BigDecimal exact = REFERENCE.evaluate(z).values().get(0);
        worst = Math.max(worst, Accuracy.relativeError(DoubleEvaluator.evaluate(form, Map.of("z", z)), exact));
      }
    }
    return worst;
  }

  @Test
  void aCancellingFormGetsASpliceAtZero() {
    Expr form = cancelling();
    assertTrue(worstNextToZero(form) >= 0.5, "the form has no digit next to 0: " + worstNextToZero(form));
    assertArrayEquals(new double[] {0.0}, RootSplice.withRootAtZero(form, new double[0], KINKS, REFERENCE, 0, false,
        null, Map.of(), 1e-12));
    Expr spliced = RootSplice.spliceAtValues(form, new double[0], KINKS, REFERENCE, 0, false, null, Map.of(), 1e-12);
    double worst = worstNextToZero(spliced);
    assertTrue(worst <= 1e-13, "worst relative error next to 0 after the splice: " + worst);
  }

  @Test
  void anAccurateFormOrAnOutputThatDoesNotVanishKeepsItsRoots() {
    // an output that is not 0 at 0: the first responsibility, 1/2 there
    ReferenceEvaluator responsibilities =
        new ReferenceEvaluator(Definition.of("Log[1+Abs[z-mu]^(3/2)]", "1:z,-1:0", "responsibilities"));
    double[] roots = {2.5};
    assertArrayEquals(roots, RootSplice.withRootAtZero(Expr.Const.of(0.0), roots, KINKS, responsibilities, 0, false,
        null, Map.of(), 1e-12));
    // the signed Gaussian mean, tanh z, vanishes at 0, and Math's tanh is accurate there
    ReferenceEvaluator tanh = new ReferenceEvaluator(Definition.of("(z-mu)^2/2", "1:1,-1:-1", "mean"));
    Expr form = Expr.Call.of(Fn.TANH, new Expr.Var("z"));
    assertArrayEquals(new double[0], RootSplice.withRootAtZero(form, new double[0], new double[0][], tanh, 0, false,
        null, Map.of(), 1e-12));
  }
}
