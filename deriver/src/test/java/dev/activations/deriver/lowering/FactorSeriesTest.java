package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.ActivationLowering.Candidate;
import dev.activations.deriver.lowering.ActivationLowering.Role;
import dev.activations.deriver.lowering.ActivationLowering.Scorer;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The near-zero patch from the vanishing factor's series ({@link Repairs#factorSeries}) on the
 * parameter derivative of the signed generalized Gaussian {@code Abs[z-mu]^p/p}, as Symja writes it:
 * {@code -2 N / ((1 + e^D)(1 + e^-D))}, N a {@code Piecewise} whose piece between the kinks is
 * {@code (3 - 2p)/3 z^3 + (5 - 2p)(5 - 5p + p^2)/30 z^5 + ...}. The expected values are that
 * binomial expansion of {@code ((1+z)^p - (1-z)^p)/p} differentiated in p, worked by hand: at
 * z = 1e-8 dP is {@code (2p - 3)/6 z^3 + O(z^5)}, and at p = 3/2, where the first coefficient is
 * 0, {@code z^5/120}.
 */
class FactorSeriesTest {
  private static final Symja SYMJA = new Symja();

  /** Nothing is measured: factorSeries only builds the patch. */
  private static final Scorer NONE = new Scorer() {
    @Override public double[] points() { return new double[0]; }
    @Override public double[] reference(int output, Role role) { return new double[0]; }
    @Override public double[] errors(Expr candidate, int output, Role role) { return new double[0]; }
    @Override public double[] limits(int output, Role role) { return new double[] {Double.NaN, Double.NaN}; }
  };

  private static final String D = "Piecewise[{{(-(-1-z)^p+(1-z)^p)/p,z<=-1},{((1-z)^p-(1+z)^p)/p,z<=1}},((-1+z)^p-(1+z)^p)/p]";
  private static final String DP = "(-2*Piecewise[{{(((-1-z)^p-(1-z)^p)/p-(-1-z)^p*Log[-1-z]+(1-z)^p*Log[1-z])/p,z<=-1},"
      + "{(-(1-z)^p+(1+z)^p+p*(1-z)^p*Log[1-z]-p*(1+z)^p*Log[1+z])/p^2,z<=1}},"
      + "(-(-1+z)^p+(1+z)^p+p*(-1+z)^p*Log[-1+z]-p*(1+z)^p*Log[1+z])/p^2])"
      + "/((1+E^(-" + D + "))*(1+E^" + D + "))";

  private static double at(Expr e, double z, double p) {
    return DoubleEvaluator.evaluate(e, Map.of("z", z, "p", p));
  }

  @Test
  void aTaylorCoefficientThatVanishesAtOneParameterValueIsExactlyZeroThere() {
    IExpr closed = SYMJA.evalTrusted(DP);
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "p"));
    Repairs repairs = new Repairs(SYMJA, lowerer, NONE, 0, Role.DERIVATIVE, new double[] {Double.NaN, Double.NaN},
        List.of(), Map.of("p", 1.5));
    Candidate patch = repairs.factorSeries(closed).orElseThrow();
    double z = 1e-8;
    // p = 3/2: the z^3 coefficient is 0, dP = z^5/120 (the next term is z^2 smaller)
    double exact = Math.pow(z, 5) / 120;
    assertEquals(exact, at(patch.expr(), z, 1.5), 1e-12 * exact);
    // and the symmetric point
    assertEquals(-exact, at(patch.expr(), -z, 1.5), 1e-12 * exact);
    // next to it (p = 3/2 + 2^-20) and away from it, (2p - 3)/6 z^3 dominates
    for (double p : new double[] {1.5 + 0x1p-20, 2.5, 0.75, 7.25}) {
      double leading = (2 * p - 3) / 6 * z * z * z;
      assertEquals(leading, at(patch.expr(), z, p), 1e-9 * Math.abs(leading), "p = " + p);
    }
    // the form as Symja writes it cancels there (the reason for the patch): at p = 3/2 it is
    // nowhere near z^5/120
    double form = at(lowerer.lower(closed), z, 1.5);
    assertTrue(Math.abs(form - exact) > 1e3 * exact, "the form itself: " + form);
  }

  @Test
  void aProductWithoutAVanishingFactorHasNoPatch() {
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "p"));
    Repairs repairs = new Repairs(SYMJA, lowerer, NONE, 0, Role.DERIVATIVE, new double[] {Double.NaN, Double.NaN},
        List.of(), Map.of("p", 1.5));
    assertTrue(repairs.factorSeries(SYMJA.evalTrusted("p*(1+z)^p/(1+E^z)")).isEmpty());
  }
}
