package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Lowerer;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link LogisticDifferences}' complements: the logistic kernel's energy difference differentiated
 * in its rate a, {@code (1 - z) E^a/(E^a + E^(a z)) + (1 + z)/(1 + E^(a + a z))} as Symja
 * simplifies it, two terms of about {@code |z|} that cancel to about 2 for z << 0. Lowered after
 * the rule, it is measured against the apfloat evaluator of the expression as written (400
 * digits: at z = -1e300 the terms cancel to 300 digits), from the far negative tail through the middle to the far positive one.
 */
class LogisticComplementsTest {
  private static final Symja SYMJA = new Symja();
  private static final String SLOPE = "(E^a*(1-z))/(E^a+E^(a*z))+(1+z)/(1+E^(a+a*z))";

  @Test
  void theRateSlopeOfTheLogisticDifferenceKeepsItsDigitsWhereItsTermsCancel() {
    IExpr slope = SYMJA.evalTrusted(SLOPE);
    IExpr combined = LogisticDifferences.combine(SYMJA, slope, SYMJA.symbol("a"));
    assertNotEquals(slope, combined, "no complement rule applied");
    Expr lowered = new Lowerer(SYMJA, Set.of("z", "a")).lower(combined);
    double worst = 0;
    String where = "";
    for (double a : new double[] {0.4297, 1, 3.5}) {
      for (double z : new double[] {-1e300, -1e8, -12345.678, -40, -1.5, -1e-9, 0, 0.5, 1, 2.25, 40, 1e8}) {
        double exact = HighPrecisionExpression.parse(SLOPE)
            .evaluate(Map.of("z", new Apfloat(new BigDecimal(z)), "a", new Apfloat(new BigDecimal(a))), 400).doubleValue();
        double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z, "a", a));
        double error = exact == 0 ? Math.abs(computed) : Math.abs(computed / exact - 1);
        if (!(error <= worst)) {
          worst = error;
          where = " at z = " + z + ", a = " + a + ": " + computed + ", exact " + exact;
        }
      }
    }
    assertTrue(worst < 1e-14, "worst relative error " + worst + where + " (" + lowered + ")");
  }
}
