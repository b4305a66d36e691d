package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.StableFunctions;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;

/**
 * {@link StableFunctions#log1pmx} ({@code log1p(x) - x}) against the high-precision {@code
 * log1p} of the reference ({@link BigMath#log1p}, 60 digits) over its whole domain: log-uniform
 * magnitudes of both signs from 1e-150 (below that the result, about -x^2/2, is subnormal) to the
 * largest double, uniform points in [-1, 2] and points next to the branch ends -1/2 and 1.
 */
class Log1pmxAccuracyTest {
  /** The worst relative error allowed, in units of 2^-53: "a few ulp". */
  private static final double ULPS = 4;

  @Test
  void aFewUlpOverTheWholeDomain() {
    SplittableRandom random = new SplittableRandom(7);
    double worst = 0;
    double worstAt = Double.NaN;
    int checked = 0;
    for (int i = 0; i < 60_000; i++) {
      double x;
      int kind = i % 4;
      if (kind == 0) {
        x = Math.pow(10, -150 + 458 * random.nextDouble()); // 1e-150 .. 1.8e308
        if (Double.isInfinite(x)) continue;
      } else if (kind == 1) {
        x = -Math.pow(10, -150 + 150 * random.nextDouble()); // -1e-150 .. -1
        if (x <= -1) continue;
      } else if (kind == 2) {
        x = -1 + 3 * random.nextDouble();
        if (x <= -1) continue;
      } else {
        double end = random.nextBoolean() ? -0.5 : 1.0;
        x = end + (random.nextDouble() - 0.5) * 1e-6;
      }
      double e = ulps(x);
      checked++;
      if (!(e <= worst)) {
        worst = e;
        worstAt = x;
      }
    }
    assertTrue(checked > 50_000);
    assertTrue(worst <= ULPS, "worst " + worst + " units of 2^-53 at x = " + worstAt);
  }

  @Test
  void specialInputs() {
    assertEquals(Double.NEGATIVE_INFINITY, StableFunctions.log1pmx(-1.0));
    assertEquals(Double.NEGATIVE_INFINITY, StableFunctions.log1pmx(Double.POSITIVE_INFINITY));
    assertEquals(Double.NaN, StableFunctions.log1pmx(-1.5));
    assertEquals(Double.NaN, StableFunctions.log1pmx(Double.NaN));
    assertEquals(0.0, StableFunctions.log1pmx(0.0));
    assertEquals(-Double.MAX_VALUE, StableFunctions.log1pmx(Double.MAX_VALUE));
  }

  /** {@code |log1pmx(x) - exact| / |exact|} in units of 2^-53. */
  private static double ulps(double x) {
    // log1p(x) - x is about -x^2/2: it takes about -log10|x| more digits than the result keeps
    long digits = 60 + Math.max(0, (long) -Math.floor(Math.log10(Math.abs(x))));
    Apfloat ax = new Apfloat(new java.math.BigDecimal(x), digits);
    Apfloat exact = BigMath.log1p(ax, digits).subtract(ax);
    double computed = StableFunctions.log1pmx(x);
    Apfloat diff = new Apfloat(new java.math.BigDecimal(computed), digits).subtract(exact);
    return Math.abs(diff.divide(exact).doubleValue()) / 0x1p-53;
  }
}
