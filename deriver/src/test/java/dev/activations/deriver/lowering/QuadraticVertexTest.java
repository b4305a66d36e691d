package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;

/**
 * The vertex form of a quadratic cofactor in {@link NumericalRewrites#rationalTail}: the gated mean
 * of the Cauchy kernel at s = 1/100, {@code z (10000 z^2 + 20000 z + 10001) / (2 (10000 z^2 +
 * 10001))}, whose numerator's cofactor is {@code 10000 (z + 1)^2 + 1}: about 1 next to z = -1,
 * from terms of 1e4. Lowered, it is measured against the apfloat evaluator at 60 digits next to the
 * vertex and across the range; Horner's rule on the expanded cofactor misses next to the vertex.
 */
class QuadraticVertexTest {
  private static final Symja SYMJA = new Symja();
  private static final String MEAN = "z*(10001+20000*z+10000*z^2)/(2*(10001+10000*z^2))";
  private static final double[] POINTS = {
    -0.9999999974889616, -1.0, -1.0000003457118318, -0.99999, -1.001, -1.9999, -2.5, -0.5, -1e-300, 0.0,
    3e-10, 0.75, 1.0, 2.0, 1e5, -1e5, 1e200, -1e300,
  };

  @Test
  void nextToTheVertexTheCofactorIsEvaluatedAsASquarePlusItsMinimum() {
    Expr lowered = new Lowerer(SYMJA, Set.of("z")).lower(SYMJA.evalTrusted(MEAN));
    double worst = 0;
    String where = "";
    for (double z : POINTS) {
      double exact = exact(z);
      double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z));
      double error = exact == 0 ? Math.abs(computed) : Math.abs(computed / exact - 1);
      if (!(error <= worst)) {
        worst = error;
        where = " at z = " + z + ": " + computed + ", exact " + exact;
      }
    }
    assertTrue(worst < 4e-15, "worst relative error " + worst + where + " (" + lowered + ")");
  }

  @Test
  void hornersRuleOnTheExpandedCofactorCancels() {
    double z = -0.9999999974889616;
    double horner = z * (10001 + z * (20000 + 10000 * z)) / (2 * (10001 + 10000 * z * z));
    double error = Math.abs(horner / exact(z) - 1);
    assertTrue(error > 1e-13, "Horner's rule should lose digits next to the vertex: " + error);
  }

  private static double exact(double z) {
    return HighPrecisionExpression.parse(MEAN).evaluate(Map.of("z", new Apfloat(new BigDecimal(z))), 60).doubleValue();
  }
}
