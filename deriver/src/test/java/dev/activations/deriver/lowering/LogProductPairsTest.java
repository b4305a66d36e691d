package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link NumericalRewrites#logProductPairs} on the energy difference of {@code |u| log(1 + |u|)} at
 * the centres +-1 for {@code z <= -1}, {@code (1 - z) log(2 - z) + (1 + z) log(-z)}: each product
 * is about {@code |z| log|z|} and leaves the double range from {@code |z| = 2.5e305}, while the
 * sum is about {@code 2 log|z| + 2}. Measured against Symja's evaluation of the same expression at
 * 400 digits (a fixed precision: the products cancel to 300 digits), out to {@code -MAX_VALUE}.
 */
class LogProductPairsTest {
  private static final Symja SYMJA = new Symja();

  @Test
  void aSumOfTwoGrowingLogProductsKeepsItsDigitsOutToTheEndOfTheRange() {
    String definition = "(1-z)*Log[2-z]+(1+z)*Log[-z]";
    IExpr difference = SYMJA.evalTrusted(definition);
    Expr lowered = new Lowerer(SYMJA, Set.of("z")).lower(difference);
    assertTrue(lowered.toString().contains("LOG1P"), lowered.toString());
    double worst = 0;
    String where = "";
    for (double z : new double[] {-1.5, -3, -40.25, -1e10, -3e200, -2.6e305, -1e307, -Double.MAX_VALUE}) {
      double exact = Double.parseDouble(SYMJA.evalTrusted("N[(" + definition + ") /. z -> " + exactly(z) + ", 400]")
          .toString().replace("*^", "E"));
      double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z));
      double error = Math.abs(computed / exact - 1);
      if (!(error <= worst)) {
        worst = error;
        where = " at z = " + z + ": " + computed + ", exact " + exact + " (" + lowered + ")";
      }
    }
    assertTrue(worst < 1e-14, "worst relative error " + worst + where);
  }

  /** The double as an exact rational, so that Symja evaluates at 60 digits (a decimal is a machine number to it). */
  private static String exactly(double x) {
    BigDecimal d = new BigDecimal(x);
    if (d.scale() <= 0) return "(" + d.toBigIntegerExact() + ")";
    return "(" + d.unscaledValue() + ")/10^" + d.scale();
  }
}
