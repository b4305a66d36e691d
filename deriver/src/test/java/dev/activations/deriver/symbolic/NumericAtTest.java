package dev.activations.deriver.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link Symja#numericAt}: the pseudo-Huber energy at delta = 1/100, {@code (Sqrt[1 + 10000 (z -
 * mu)^2] - 1)/10000}, at z = 10, mu = -1. Symja 3.0.0 leaves {@code N[Sqrt[1210001], 20]}
 * unevaluated (the probe below), so the energy checks read "not real" and refused {@code --kernel
 * pseudo-huber --param delta=1/100}; in machine precision it is the number it is.
 */
class NumericAtTest {
  private static final Symja SYMJA = new Symja();

  @Test
  void anExactSquareRootThatSymjaLeavesUnevaluatedIsEvaluated() {
    IExpr energy = SYMJA.evalTrusted("(Sqrt[1+10000*(z+1)^2]-1)/10000");
    IExpr z = F.ZZ(10);
    // the probe: what the checks did before
    assertFalse(SYMJA.eval(F.N(energy.subs(SYMJA.symbol("z"), z), F.ZZ(20))).isNumber(), "Symja evaluates it now: simplify numericAt");
    IExpr value = SYMJA.numericAt(energy, SYMJA.symbol("z"), z, 20);
    assertTrue(value.isReal(), value.toString());
    // (sqrt(1210001) - 1)/10000 by the doubles, within their rounding
    assertEquals((Math.sqrt(1210001) - 1) / 10000, value.evalf(), 1e-16);
  }

  @Test
  void aValueThatIsNotRealStaysNotReal() {
    IExpr energy = SYMJA.evalTrusted("Log[z-1]");
    assertFalse(SYMJA.numericAt(energy, SYMJA.symbol("z"), F.C0, 20).isReal());
    assertFalse(SYMJA.numericAt(SYMJA.evalTrusted("1/(z-1)"), SYMJA.symbol("z"), F.C1, 20).isReal());
  }
}
