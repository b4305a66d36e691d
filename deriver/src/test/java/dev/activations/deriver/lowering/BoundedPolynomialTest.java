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
 * {@link NumericalRewrites#boundedPolynomial}: the energy difference of a Tukey-like energy
 * {@code 1 - (1 - 9 (z - mu)^2)^3} on {@code |z - mu| <= 1/2} plus {@code 2/3 (z - mu)^2}, at the
 * centres 1 and -1, as Symja expands it piece by piece: on {@code [1/2, 3/2]} its terms reach
 * 1.4e5 for values of about -2 to -4. Lowered inside the {@code Piecewise} it is evaluated about the
 * pieces' midpoints and measured against the apfloat evaluator at 60 digits, next to the pieces'
 * ends and inside; the same polynomial lowered on its own (no bounds known) misses by far more.
 */
class BoundedPolynomialTest {
  private static final Symja SYMJA = new Symja();
  private static final String RIGHT = "512-10376/3*z+9504*z^2-13608*z^3+10692*z^4-4374*z^5+729*z^6";
  private static final String LEFT = "-512-10376/3*z-9504*z^2-13608*z^3-10692*z^4-4374*z^5-729*z^6";
  private static final String DIFFERENCE = "Piecewise[{{-8/3*z,z<=-3/2},{" + LEFT + ",z<=-1/2},{-8/3*z,z<=1/2},{"
      + RIGHT + ",z<=3/2}},-8/3*z]";
  private static final double[] POINTS = {
    0.5000000000000001, 0.51, 0.75, 0.999, 1.0, 1.2, 1.4, 1.49975453357, 1.4999999999999998, 1.5,
  };

  @Test
  void piecesOfAnExpandedTukeyDifferenceAreEvaluatedAboutTheirMidpoints() {
    Expr lowered = new Lowerer(SYMJA, Set.of("z")).lower(SYMJA.evalTrusted(DIFFERENCE));
    double right = worst(lowered, DIFFERENCE, 1);
    double left = worst(lowered, DIFFERENCE, -1);
    assertTrue(right < 2e-14 && left < 2e-14, "worst relative errors " + right + " (right), " + left + " (left): " + lowered);
  }

  @Test
  void withoutBoundsThePolynomialCancels() {
    // 3.3e-12 at the worst of the points (the expanded terms sum to 1.4e5 near 3/2); 5.4e-15 above
    Expr alone = new Lowerer(SYMJA, Set.of("z")).lower(SYMJA.evalTrusted(RIGHT));
    double worst = worst(alone, RIGHT, 1);
    assertTrue(worst > 1e-13, "the unbounded form should lose digits near 3/2: " + worst);
  }

  /** The worst relative error of {@code lowered} against {@code exact} at the points times {@code sign}. */
  private static double worst(Expr lowered, String exact, int sign) {
    double worst = 0;
    for (double p : POINTS) {
      double z = sign * p;
      double reference = HighPrecisionExpression.parse(exact)
          .evaluate(Map.of("z", new Apfloat(new BigDecimal(z))), 60).doubleValue();
      double computed = DoubleEvaluator.evaluate(lowered, Map.of("z", z));
      worst = Math.max(worst, Math.abs(computed / reference - 1));
    }
    return worst;
  }
}
