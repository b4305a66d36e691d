package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * {@link NumericalRewrites#scaledPower}: {@code c b^q} where {@code b^q} has left the double range
 * and the product has not. Measured against the power computed in 40 digits (apfloat).
 */
class ScaledPowerTest {
  private static final Symja SYMJA = new Symja();

  private static double exact(double b, double q, double c) {
    Apfloat power = ApfloatMath.pow(new Apfloat(new BigDecimal(b), 40), new Apfloat(new BigDecimal(q), 40));
    return Accuracy.toDouble(new BigDecimal(power.multiply(new Apfloat(new BigDecimal(c), 40)).toString(true)));
  }

  @Test
  void aPowerWithAScaleBelowOneOverflowsWhereTheProductDoes() {
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "p", "s"));
    // the generalized Gaussian's energy with its normalization, and a scaled 3/2 power as Symja writes it
    Expr normalized = lowerer.lower(SYMJA.evalTrusted("Abs[z-1]^p/p"));
    Expr scaled = lowerer.lower(SYMJA.evalTrusted("Abs[(z-1)/s]^(3/2)"));
    double worst = 0;
    int beyond = 0;
    for (double p : new double[] {1.5, 2.54, 7.25}) {
      double from = Math.pow(Double.MAX_VALUE, 1 / p); // where |z - 1|^p overflows
      for (double f : new double[] {1.01, 1.2, 1.4}) {
        double z = -from * f;
        double e = exact(Math.abs(z - 1), p, 1 / p);
        if (Double.isInfinite(e)) continue;
        assertTrue(Double.isInfinite(Math.pow(Math.abs(z - 1), p)), "the power alone overflows");
        worst = Math.max(worst, Accuracy.relativeError(DoubleEvaluator.evaluate(normalized, Map.of("z", z, "p", p)),
            new BigDecimal(e)));
        beyond++;
      }
    }
    for (double s : new double[] {2, 3.35, 100}) {
      double from = Math.pow(Double.MAX_VALUE, 2 / 3.0);
      for (double f : new double[] {1.01, 1.5, 2}) {
        double z = from * f;
        double e = exact(Math.abs((z - 1) / s), 1.5, 1);
        if (Double.isInfinite(e)) continue;
        worst = Math.max(worst, Accuracy.relativeError(DoubleEvaluator.evaluate(scaled, Map.of("z", z, "s", s)),
            new BigDecimal(e)));
        beyond++;
      }
    }
    assertTrue(beyond >= 12, beyond + " points beyond the power's overflow");
    assertTrue(worst <= 1e-12, "worst relative error " + worst);
    // inside the range, the product as written
    for (double z : new double[] {-3.5, 0.25, 2, 1e10}) {
      double p = 2.54;
      assertEquals(Math.pow(Math.abs(z - 1), p) / p, DoubleEvaluator.evaluate(normalized, Map.of("z", z, "p", p)),
          1e-15 * Math.pow(Math.abs(z - 1), p) / p);
    }
  }
}
