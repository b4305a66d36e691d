package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RootFinder}: roots of the definition, found where the form changes sign. */
class RootFinderTest {
  private static final Expr Z = new Expr.Var("z");

  /** tanh's derivative 1 - tanh(z)^2, minus {@code noise}: a form that cancels to a wrong sign in the tails. */
  private static Expr tanhSlopeMinus(double noise) {
    Expr t = Expr.Call.of(Fn.TANH, Z);
    return new Expr.Add(List.of(Expr.Const.of(1.0), new Expr.Neg(new Expr.PowInt(t, 2)), Expr.Const.of(-noise)));
  }

  @Test
  void aSignChangeOfTheFormAloneIsNoRoot() {
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of("(z-mu)^2/2", "1:1,-1:-1", "mean"));
    // the definition's derivative, sech(z)^2, has no real root; the form crosses 0 near |z| = 19.8
    Expr form = tanhSlopeMinus(1e-17);
    assertEquals(2, RootFinder.roots(form, Map.of(), null, 0, true).length,
        "without the reference the form's sign changes are taken for roots");
    assertArrayEquals(new double[0], RootFinder.roots(form, Map.of(), reference, 0, true));
  }

  @Test
  void aRootOfTheDefinitionIsStillFound() {
    // the signed Gaussian free energy (z^2 + 1)/2 - log(2 cosh z) vanishes at z = +-1.3579...
    ReferenceEvaluator reference = new ReferenceEvaluator(Definition.of("(z-mu)^2/2", "1:1,-1:-1", "free-energy"));
    Expr form = new Expr.Add(List.of(
        new Expr.Mul(List.of(Expr.Const.of(0.5), new Expr.Add(List.of(new Expr.PowInt(Z, 2), Expr.Const.of(1.0))))),
        new Expr.Neg(Expr.Call.of(Fn.LOG, new Expr.Mul(List.of(Expr.Const.of(2.0), Expr.Call.of(Fn.COSH, Z)))))));
    double[] roots = RootFinder.roots(form, Map.of(), reference, 0, false);
    assertEquals(2, roots.length);
    for (double r : roots) {
      double x = Math.abs(r);
      assertEquals(0, (x * x + 1) / 2 - Math.log(2 * Math.cosh(x)), 1e-15, "root " + r);
    }
  }
}
