package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link NumericalRewrites#scaleSlopePairs} on the scale derivative of an energy difference of the
 * scaled log-cosh, {@code D[a Log[Cosh[(z-1)/a]] - a Log[Cosh[(z+1)/a]], a]}, and of the scaled
 * softplus: for each centre
 * {@code log cosh u - u tanh u}, both terms about |u| and their difference about -log 2, and the two
 * centres' differences cancel again to about {@code e^-2|u|}. Measured against Symja's evaluation
 * of the same derivative at 120 digits.
 */
class ScaleSlopePairsTest {
  private static final Symja SYMJA = new Symja();

  @Test
  void theScaleDerivativeOfALogCoshDifferenceKeepsItsDigitsFarOut() {
    measure("D[a*Log[Cosh[(z-1)/a]] - a*Log[Cosh[(z+1)/a]], a]");
  }

  /** The scaled softplus: {@code softplus(u) - u logistic(u)} tends to 0 for u < 0 and to 0 from u for u > 0. */
  @Test
  void theScaleDerivativeOfASoftplusDifferenceKeepsItsDigitsFarOut() {
    measure("D[a*Log[1+Exp[(z-1)/a]] - a*Log[1+Exp[(z+1)/a]], a]");
  }

  private static void measure(String definition) {
    IExpr derivative = SYMJA.evalTrusted(definition);
    Expr lowered = new Lowerer(SYMJA, Set.of("z", "a")).lower(derivative);
    assertTrue(lowered.toString().contains("SOFTPLUS"), lowered.toString());
    double worst = 0;
    for (double a : new double[] {1, 0.5, 3}) {
      for (double z : new double[] {14.57, -20.25, 40, 3, 0.75, -1.5}) {
        String at = "{z -> " + exactly(z) + ", a -> " + exactly(a) + "}";
        double exact = Double.parseDouble(SYMJA.evalTrusted("N[(" + definition + ") /. " + at + ", 120]").toString()
            .replace("*^", "E"));
        double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z, "a", a));
        worst = Math.max(worst, Math.abs(computed / exact - 1));
      }
    }
    assertTrue(worst < 1e-13, "worst relative error " + worst);
  }

  /** The double as an exact rational, so that Symja evaluates at 120 digits (a decimal is a machine number to it). */
  private static String exactly(double x) {
    BigDecimal d = new BigDecimal(x);
    return "(" + d.unscaledValue() + ")/10^" + Math.max(0, d.scale());
  }
}
