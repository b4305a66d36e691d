package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apfloat.Apfloat;
import org.matheclipse.core.expression.F;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link MonotonePairs}: a test of a monotone pair's difference against 0, lowered, reads the sign
 * of the exact difference (the apfloat evaluator of the difference as written, at 3,000 digits: the
 * tanh-squared gap at z = -354 is about {@code e^-2118}), also where the difference itself is far
 * below the doubles.
 */
class MonotonePairsTest {
  private static final Symja SYMJA = new Symja();
  private static final double[] POINTS = {
      0.0, -0.0, 4.9e-324, -4.9e-324, 1e-300, -1e-17, 0.5, -1, 1, 3.25, -20, 100, -354.198, 354.2, -400, 1e3, -1e300,
      Double.MAX_VALUE, -Double.MAX_VALUE};

  @ParameterizedTest
  @ValueSource(strings = {
      "Tanh[3*(-1+z)]^2-Tanh[3*(1+z)]^2", // the signed mode of Tanh[3(z-mu)]^2: e^-2118 at z = -354
      "2*Log[1+(1-z)^2/3]-2*Log[1+(1+z)^2/3]", // Student-t
      "E^(-(z-1)^2)-E^(-(z+1)^2)", // Welsch, after the constants cancel
      "Log[Cosh[z-1]]-Log[Cosh[z+2]]", // log-cosh: Log of an even Cosh
      "Abs[z-1]^(3/2)-Abs[z+1/2]^(3/2)", // a power of an Abs
      "-3*(Tanh[z-1]+Tanh[2*z+1])"}) // odd: the sign of the arguments' sum, times -1
  void aPairsTestReadsTheExactSign(String difference) {
    IExpr x = SYMJA.evalTrusted(difference);
    // Sign[x] unevaluated: Symja writes some as x/Abs[x]
    Expr lowered = new Lowerer(SYMJA, Set.of("z")).lower(F.Sign(x));
    int checked = 0;
    for (double z : POINTS) {
      OptionalInt exact = exactSign(difference, z);
      if (exact.isEmpty()) continue;
      double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z));
      assertEquals(exact.getAsInt(), computed, 0.0, "Sign[" + x + "] at z = " + z + " (" + lowered + ")");
      checked++;
    }
    assertTrue(checked >= POINTS.length - 4, "the reference decided " + checked + " points of " + POINTS.length);
  }

  /**
   * {@code Sign} of an odd increasing function of a scaled z reads the sign of z itself: at the
   * smallest subnormal {@code z/2} is 0, and {@code tanh(z/2)} with it.
   */
  @Test
  void signsOfOddIncreasingFunctionsReadTheirCore() {
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z"));
    Expr halfTanh = lowerer.lower(SYMJA.evalTrusted("Sign[Tanh[z/2]]"));
    assertEquals(-1.0, DoubleEvaluator.evaluate(halfTanh, Map.of("z", -Double.MIN_VALUE)));
    assertEquals(1.0, DoubleEvaluator.evaluate(halfTanh, Map.of("z", Double.MIN_VALUE)));
    assertEquals(0.0, DoubleEvaluator.evaluate(halfTanh, Map.of("z", 0.0)));
    Expr scaledSinh = lowerer.lower(SYMJA.evalTrusted("Sign[-3*Sinh[z/4]]"));
    assertEquals(1.0, DoubleEvaluator.evaluate(scaledSinh, Map.of("z", -Double.MIN_VALUE)));
    assertEquals(-1.0, DoubleEvaluator.evaluate(scaledSinh, Map.of("z", 1e300)));
    // as written, the sign at the smallest subnormal is the kink's 0
    assertEquals(0.0, Math.abs(Math.signum(Math.tanh(-Double.MIN_VALUE / 2))));
  }

  @Test
  void aTestAgainstZeroIsWrittenOnTheArgumentsAndKeepsItsTies() {
    // three-way: the winner's test and the tie's equality, as the mode writes them
    String d = "Tanh[z-1]^2-Tanh[z+1]^2";
    Expr lowered = new Lowerer(SYMJA, Set.of("z")).lower(SYMJA.evalTrusted(
        "Piecewise[{{1, " + d + " > 0}, {-1, " + d + " < 0}, {1/2, " + d + " == 0}}, 7]"));
    assertFalse(lowered.toString().contains("TANH"), lowered.toString());
    assertEquals(0.5, DoubleEvaluator.evaluate(lowered, Map.of("z", 0.0)));
    assertEquals(1.0, DoubleEvaluator.evaluate(lowered, Map.of("z", -500.0)));
    assertEquals(-1.0, DoubleEvaluator.evaluate(lowered, Map.of("z", 1e-310)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Tanh[z]-z", // not one function at two arguments
      "Log[1+z^2]-Tanh[z]", // two functions
      "1/(1+z^2)-1/(2+z^2)", // a decreasing power: not a pair the rule knows
      "Cosh[z-1]+Cosh[z+1]", // the sum of an even function: no sign rule
      "Tanh[z-1]-2*Tanh[z+1]"}) // unequal coefficients
  void otherDifferencesAreLeftAsTheyAre(String difference) {
    MonotonePairs pairs = new MonotonePairs(SYMJA, SYMJA.symbol("z"), new NumericalRewrites(SYMJA, SYMJA.symbol("z"), new Lowerer(SYMJA, Set.of("z"))));
    assertTrue(pairs.sign(SYMJA.evalTrusted(difference)).isEmpty(), difference);
  }

  /**
   * The sign of the difference at z by the apfloat evaluator (not Symja's) at 3,000 digits; empty
   * where it cannot say (an exponent beyond apfloat's range: {@code Cosh} at {@code MAX_VALUE};
   * a difference below the 3,000th digit).
   */
  private static OptionalInt exactSign(String difference, double z) {
    try {
      int sign = HighPrecisionExpression.parse(difference).evaluate(Map.of("z", new Apfloat(new BigDecimal(z))), 3000).signum();
      // no difference here vanishes but at z = 0 (where it is exactly 0): elsewhere a 0 is the
      // cancellation of 3,000 digits (tanh(3e300)^2 differs from 1 in its 2.6e300-th digit)
      return sign == 0 && z != 0 ? OptionalInt.empty() : OptionalInt.of(sign);
    } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException e) {
      return OptionalInt.empty();
    }
  }
}
