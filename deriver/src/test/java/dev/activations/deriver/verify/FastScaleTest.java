package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Fast#scale} is {@link Math#scalb} bit for bit, so replacing it changed no reference value. */
class FastScaleTest {
  private static void same(double x, int k) {
    assertEquals(Double.doubleToRawLongBits(Math.scalb(x, k)), Double.doubleToRawLongBits(Fast.scale(x, k)),
        () -> Double.toHexString(x) + " * 2^" + k);
  }

  @Test
  void randomBitPatternsAndExponents() {
    SplittableRandom random = new SplittableRandom(20261206);
    for (int i = 0; i < 2_000_000; i++) {
      // every bit pattern: normals, subnormals, zeros, infinities and NaNs of both signs
      double x = Double.longBitsToDouble(random.nextLong());
      same(x, random.nextInt(-2200, 2201));
    }
  }

  @Test
  void resultsAtTheEdgesOfTheRange() {
    SplittableRandom random = new SplittableRandom(7);
    int[] edges = {-1075, -1074, -1073, -1023, -1022, -1021, -1, 0, 1, 1022, 1023, 1024};
    for (int i = 0; i < 200_000; i++) {
      // a mantissa in [1, 2) with a random sign, scaled so the result lands next to the subnormal
      // boundary, the smallest subnormal (rounding to even or to 0) or the overflow threshold
      double m = (random.nextBoolean() ? 1 : -1) * (1 + random.nextDouble());
      int exponent = random.nextInt(-1074, 1024);
      double x = Math.scalb(m, exponent);
      int target = edges[random.nextInt(edges.length)] + random.nextInt(-2, 3);
      same(x, target - exponent);
    }
  }
}
