package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.ExactNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OverflowPoints}: each point is the first double, walking outwards, at which its piece has
 * reached {@code L = MAX_VALUE + ulp/2} (or {@code L/2}), checked here in exact integer arithmetic
 * ({@code |z - c|^(m/n) >= V} as {@code |z - c|^m >= V^n}), not with the code's apfloat bisection.
 */
class OverflowPointsTest {
  /** The least value that rounds to infinity. */
  private static final BigDecimal L = new BigDecimal(Double.MAX_VALUE)
      .add(new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2)));

  /** Whether {@code |z - c|^(m/n) >= level}, exactly. */
  private static boolean atLeast(double z, BigDecimal c, int m, int n, BigDecimal level) {
    BigDecimal base = new BigDecimal(z).subtract(c).abs();
    return base.pow(m).compareTo(level.pow(n)) >= 0;
  }

  private static OverflowPoints.Piece power(String argument, String exponent) {
    return new OverflowPoints.Piece(OverflowPoints.Growth.POWER, argument, exponent);
  }

  @Test
  void aHalfIntegerPowerHasTwoPointsOnEachSideJustBeyondItsThresholds() {
    for (int[] p : new int[][] {{5, 2}, {3, 2}, {7, 4}, {3, 1}, {7, 2}}) {
      double[] points = OverflowPoints.of(List.of(power("Abs[-1+z]", p[0] + "/" + p[1])), Map.of());
      assertEquals(4, points.length, java.util.Arrays.toString(points));
      BigDecimal one = BigDecimal.ONE;
      // ascending: -L side (farther out first), -L/2, L/2, L
      BigDecimal[] levels = {L, L.divide(BigDecimal.valueOf(2)), L.divide(BigDecimal.valueOf(2)), L};
      for (int i = 0; i < 4; i++) {
        double t = points[i];
        double inside = t > 0 ? Math.nextDown(t) : Math.nextUp(t);
        assertTrue(atLeast(t, one, p[0], p[1], levels[i]), p[0] + "/" + p[1] + ": at " + t);
        assertTrue(!atLeast(inside, one, p[0], p[1], levels[i]), p[0] + "/" + p[1] + ": before " + t);
      }
      // the 5/2 power overflows between the standard points 1e100 and 1e155, where no point was
      if (p[0] == 5 && p[1] == 2) {
        assertTrue(points[3] > 2.0e123 && points[3] < 2.01e123, "MAX^(2/5): " + points[3]);
        assertTrue(points[2] > 1.51e123 && points[2] < 1.52e123, "(MAX/2)^(2/5): " + points[2]);
      }
    }
  }

  @Test
  void aScaleAndAFreeExponentAreTakenAtTheParametersValues() {
    // |(z - 1)/a|^p at a = 1/4, p = 3: |z - 1| reaches L^(1/3) / 4
    double[] points = OverflowPoints.of(List.of(power("Abs[(-1+z)/a]", "p")),
        Map.of("a", new ExactNumber(BigInteger.ONE, BigInteger.valueOf(4)), "p", ExactNumber.of(3)));
    assertEquals(4, points.length);
    double t = points[3];
    BigDecimal scaled = new BigDecimal(t).subtract(BigDecimal.ONE).multiply(BigDecimal.valueOf(4));
    assertTrue(scaled.pow(3).compareTo(L) >= 0);
    BigDecimal before = new BigDecimal(Math.nextDown(t)).subtract(BigDecimal.ONE).multiply(BigDecimal.valueOf(4));
    assertTrue(before.pow(3).compareTo(L) < 0);
  }

  @Test
  void anExponentialOverflowsOnTheSideWhereItsArgumentGrows() {
    // e^(2z): ln L / 2 and ln(L/2) / 2, on the positive side only
    double[] points = OverflowPoints.of(List.of(new OverflowPoints.Piece(OverflowPoints.Growth.EXP, "2*z", "1")),
        Map.of());
    assertEquals(2, points.length, java.util.Arrays.toString(points));
    double lnMax = Math.log(Double.MAX_VALUE); // ln L differs from it by 2^-54, far below an ulp
    assertEquals(lnMax / 2, points[1], 2 * Math.ulp(lnMax / 2));
    assertEquals((lnMax - Math.log(2)) / 2, points[0], 2 * Math.ulp(lnMax / 2));
    // cosh grows on both sides, e^|a| / 2: ln 2L and ln L
    double[] cosh = OverflowPoints.of(List.of(new OverflowPoints.Piece(OverflowPoints.Growth.COSH, "-3+z", "1")),
        Map.of());
    assertEquals(4, cosh.length, java.util.Arrays.toString(cosh));
    assertEquals(3 + lnMax + Math.log(2), cosh[3], 4 * Math.ulp(lnMax));
    assertEquals(3 - lnMax - Math.log(2), cosh[0], 4 * Math.ulp(lnMax));
  }

  @Test
  void anEnergyDifferenceHasPointsBeyondWhereItsExponentialLeavesTheRangeOnBothSides() {
    // |D| = ln L + 8 and 3/2 ln L for D = (2z + 1)/8: z = (8 |D| -+ 1)/2 on the two sides
    double[] points = OverflowPoints.of(List.of(new OverflowPoints.Piece(OverflowPoints.Growth.GAP, "(2*z+1)/8", "1")), Map.of());
    assertEquals(4, points.length, java.util.Arrays.toString(points));
    double lnMax = Math.log(Double.MAX_VALUE);
    double near = 8 * (lnMax + 8);
    double far = 8 * 1.5 * lnMax;
    assertEquals(-(far + 1) / 2, points[0], 4 * Math.ulp(far));
    assertEquals(-(near + 1) / 2, points[1], 4 * Math.ulp(near));
    assertEquals((near - 1) / 2, points[2], 4 * Math.ulp(near));
    assertEquals((far - 1) / 2, points[3], 4 * Math.ulp(far));
  }

  @Test
  void piecesThatNeverLeaveTheRangeAddNothing() {
    assertArrayEquals(new double[0], OverflowPoints.of(List.of(
        power("Abs[-1+z]", "1"), // grows no faster than z
        power("Abs[-1+z]", "1/2"),
        power("-1+z", "-2"), // decays
        power("Tanh[z]", "4"), // bounded
        new OverflowPoints.Piece(OverflowPoints.Growth.EXP, "-z^2", "1"), // underflows instead
        power("NoSuchFunction[z]", "3")), // not evaluated: nothing guessed
        Map.of()));
  }

  @Test
  void aWholeEnergyMarksWhereItLeavesTheRangeWhereNoPieceDoes() {
    // |z - 1| log(1 + |z - 1|): no power, exponential or cosh in it overflows; the whole does, at
    // the u with u log(1 + u) = L (and L/2), each side. Checked with Math.log1p, whose error
    // (1 ulp of a number near 704) moves the product by about 2e-16 of itself: the point and the
    // double before it straddle the level within that slack
    String energy = "Abs[-1+z]*Log[1+Abs[-1+z]]";
    double[] points = OverflowPoints.of(List.of(new OverflowPoints.Piece(OverflowPoints.Growth.WHOLE, energy, "1")),
        Map.of());
    assertEquals(4, points.length, java.util.Arrays.toString(points));
    double[] levels = {Double.MAX_VALUE, Double.MAX_VALUE / 2, Double.MAX_VALUE / 2, Double.MAX_VALUE};
    for (int i = 0; i < 4; i++) {
      double u = Math.abs(points[i] - 1);
      double level = levels[i];
      // u log(1 + u) >= level, as u >= level / log(1 + u); compared in ratio so nothing overflows
      assertEquals(1.0, u / (level / Math.log1p(u)), 1e-14, "at " + points[i]);
    }
    assertTrue(points[3] > 2.55e305 && points[3] < 2.56e305, "u log(1 + u) = MAX_VALUE: " + points[3]);
    // where a piece marks the same threshold (|z - 1|^2 / 2 through its power), the whole adds nothing
    double[] both = OverflowPoints.of(List.of(power("-1+z", "2"),
        new OverflowPoints.Piece(OverflowPoints.Growth.WHOLE, "(-1+z)^2", "1")), Map.of());
    assertArrayEquals(OverflowPoints.of(List.of(power("-1+z", "2")), Map.of()), both);
  }

  @Test
  void deterministic() {
    List<OverflowPoints.Piece> pieces = List.of(power("Abs[1+z]", "9/4"), power("Abs[-1+z]", "9/4"));
    assertArrayEquals(OverflowPoints.of(pieces, Map.of()), OverflowPoints.of(pieces, Map.of()));
  }
}
