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
import dev.activations.deriver.verify.HighPrecisionExpression;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
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

  /** {@code e} at (z, parameter) with 120 digits, by the apfloat evaluator (not Symja's). */
  private static double exact(String e, String parameter, double z, double value) {
    return HighPrecisionExpression.parse(e)
        .evaluate(Map.of("z", new Apfloat(new java.math.BigDecimal(z)), parameter, new Apfloat(new java.math.BigDecimal(value))), 120)
        .doubleValue();
  }

  /** The energy difference of {@link #D} between the kinks, where z = 0 lies. */
  private static final String GAP = "((1-z)^p-(1+z)^p)/p";
  /** {@link #DP}'s vanishing Piecewise, between the kinks. */
  private static final String PIECE = "(-(1-z)^p+(1+z)^p+p*(1-z)^p*Log[1-z]-p*(1+z)^p*Log[1+z])/p^2";

  /**
   * The variance's dP of the same energy as the derivation holds it: a sum {@code 2 R (1+1)(0+0)
   * - R (1+1)^2 P Tanh[D/2]}, unevaluated (nested products, a term that is 0 by its factor 0+0),
   * with two vanishing factors in its second term, P and {@code Tanh[D/2]}. Before, no factor of
   * a sum was expanded (dP was -2.9e-32 at z = 1e-8 where the exact value is -1.7e-50): the
   * terms are taken one by one now, and the tanh by its argument's series. Measured against the
   * apfloat evaluation of the variance's dP, {@code -4 P Tanh[D/2] R}.
   */
  @Test
  void aSumIsExpandedTermByTermAndATanhByItsArgument() {
    IExpr r = SYMJA.evalTrusted("1/((1+E^(-" + D + "))*(1+E^" + D + "))");
    IExpr piecewiseP = SYMJA.evalTrusted(DP.substring(DP.indexOf("Piecewise"), DP.indexOf("])/((1+E") + 1));
    IExpr tanh = SYMJA.evalTrusted("Tanh[" + D + "/2]");
    IExpr two = F.Plus(F.C1, F.C1);
    IExpr held = F.Plus(F.Times(F.C2, r, two, F.Plus(F.C0, F.C0)),
        F.Times(F.CN1, F.Times(r, F.Power(two, F.C2), piecewiseP, tanh)));
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "p"));
    Repairs repairs = new Repairs(SYMJA, lowerer, NONE, 0, Role.DERIVATIVE, new double[] {Double.NaN, Double.NaN},
        List.of(), Map.of("p", 1.5));
    Candidate patch = repairs.factorSeries(held).orElseThrow();
    String dP = "-4*" + PIECE + "*Tanh[(" + GAP + ")/2]/((1+E^(-(" + GAP + ")))*(1+E^(" + GAP + ")))";
    for (double p : new double[] {1.5, 1.5 + 0x1p-20, 2.5, 0.75}) {
      for (double z : new double[] {1e-8, -1e-8, 1e-3, -0.0625, 1e-150}) {
        double expected = exact(dP, "p", z, p);
        assertEquals(expected, at(patch.expr(), z, p), 1e-12 * Math.abs(expected), "p = " + p + ", z = " + z);
      }
    }
    // the held form as written cancels there: at p = 3/2, z = 1e-8 it is nowhere near -z^6/60
    double exact = exact(dP, "p", 1e-8, 1.5);
    double form = at(lowerer.lower(held), 1e-8, 1.5);
    assertTrue(Math.abs(form - exact) > 1e3 * Math.abs(exact), "the form itself: " + form + ", exact " + exact);
  }

  /** The Welsch energy's dC with a free scale c, signed hypotheses, as Symja writes it. */
  private static final String WELSCH_DC = "(-2*((-2*(1-z)^2)/E^((1-z)^2/c^2)+(2*(1+z)^2)/E^((1+z)^2/c^2))/c^3)"
      + "/((1+E^(-(E^(-(1-z)^2/c^2)-1/E^((1+z)^2/c^2))))*(1+E^(-(-1/E^((1-z)^2/c^2)+E^(-(1+z)^2/c^2)))))";

  /** {@link Repairs#exponentialPairs} of the Welsch dC, at the default c = 1. */
  private static Candidate welschPairs(Lowerer lowerer, IExpr closed) {
    Repairs repairs = new Repairs(SYMJA, lowerer, NONE, 0, Role.DERIVATIVE, new double[] {Double.NaN, Double.NaN},
        List.of(), Map.of("c", 1.0));
    return repairs.exponentialPairs(closed).orElseThrow();
  }

  /**
   * The Welsch energy {@code 1-Exp[-((z-mu)/c)^2]} with a free scale, signed: dC (as Symja writes
   * it) has the vanishing factor {@code -2(1-z)^2 e^-(1-z)^2/c^2 + 2(1+z)^2 e^-(1+z)^2/c^2}, whose
   * two terms agree next to 0 on the scale c^2 (at c = -0.042 the derivation's dC was -1.5e-183
   * at z = -2.4e-23 where the exact value is 1.4e-261). {@link Repairs#exponentialPairs} takes it
   * as {@code e^v (8z - 2(1-z)^2 expm1(4z/c^2))}: accurate next to 0 wherever c^2 is not near 1.
   */
  @Test
  void anExponentialPairIsCombinedOnTheLargerExponential() {
    String dC = WELSCH_DC;
    IExpr closed = SYMJA.evalTrusted(dC);
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "c"));
    Candidate pairs = welschPairs(lowerer, closed);
    for (double c : new double[] {-0.04204156680052762, 0.3, 2.5, -7.0}) {
      for (double z : new double[] {-2.392232154143609e-23, 1e-8, -1e-3, 0.0625, 0.5}) {
        double expected = exact(dC, "c", z, c);
        assertEquals(expected, DoubleEvaluator.evaluate(pairs.expr(), Map.of("z", z, "c", c)), 1e-12 * Math.abs(expected),
            "c = " + c + ", z = " + z);
      }
    }
    // the form as Symja writes it: both terms round to the same value next to 0
    double z = -2.392232154143609e-23;
    double c = -0.04204156680052762;
    double expected = exact(dC, "c", z, c);
    double form = DoubleEvaluator.evaluate(lowerer.lower(closed), Map.of("z", z, "c", c));
    assertTrue(!(Math.abs(form - expected) <= 1e-6 * Math.abs(expected)), "the form itself: " + form + ", exact " + expected);
  }

  /**
   * The same pair where c^2 is near 1: the bracket {@code 8z - 2(1-z)^2 expm1(4z/c^2)} is {@code
   * 8(c^2-1)/c^2 z + 16(c^2-1)/c^4 z^2 + 8/3 z^3 + ...} next to c = 1, and its two O(z) terms cancel
   * (2.5e-10 at c = 1 + 1e-6, 1.9e-8 at 1 + 1e-8, measured in the fifteenth session). Where |u - v|
   * <= 1 the bracket is its Taylor polynomial with coefficients factored in c (c - 1 exact).
   * Measured over z from 1e-12 to 1 (both signs, 4 points a decade) against the apfloat evaluation
   * of dC. For c below 1 the bracket has roots at z = +-sqrt(3(1 - c^2)) + ..., where no form meets
   * a relative bound (the condition number is unbounded): points within 2 % of |z| = sqrt(3(1 -
   * c^2)) are left out there.
   */
  @Test
  void anExponentialPairIsAccurateWhereTheParameterMakesItsTermsAgree() {
    String dC = WELSCH_DC;
    IExpr closed = SYMJA.evalTrusted(dC);
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "c"));
    Candidate pairs = welschPairs(lowerer, closed);
    StringBuilder report = new StringBuilder();
    double worstInside = 0;
    for (double c : new double[] {1 + 1e-6, 1 + 1e-8, 1 - 1e-7, -1 - 1e-6, 1 + 1e-3, 0.9, 0.5, 0.01, 30, -0.04204156680052762}) {
      double worst = 0;
      double at = Double.NaN;
      double inside = 0;
      double root = c * c < 1 ? Math.sqrt(3 * (1 - c * c)) : Double.NaN;
      for (int k = 0; k <= 48; k++) {
        for (double sign : new double[] {1, -1}) {
          double z = sign * Math.pow(10, -12 + k / 4.0);
          if (Math.abs(Math.abs(z) / root - 1) < 0.02) continue;
          double expected = exact(dC, "c", z, c);
          if (expected == 0) continue; // below the double range (c = 0.01 at |z| = 1: e^-40000)
          double computed = DoubleEvaluator.evaluate(pairs.expr(), Map.of("z", z, "c", c));
          double error = Math.abs(computed - expected) / Math.abs(expected);
          if (!(error <= worst)) {
            worst = error;
            at = z;
          }
          if (Math.abs(z) <= 0.5 && !(error <= inside)) inside = error;
        }
      }
      report.append(String.format("c = %s: worst %.2e at z = %s, for |z| <= 1/2 %.2e%n", c, worst, at, inside));
      worstInside = Math.max(worstInside, inside);
    }
    System.out.print(report);
    // beyond |z| = 1/2 at small c the pair itself cancels (c = 0.5, z = 1: 8z + 2(1+z)^2 expm1(-4z/c^2)
    // is 8 e^-16 from terms of 8; 1.35e-10), where Symja's form does not: the splice measures both
        assertTrue(worstInside <= 1e-12, report.toString());
  }
}
