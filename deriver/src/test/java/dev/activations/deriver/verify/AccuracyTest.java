package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;

/** The error measure and the sample points, against values worked out by hand. */
class AccuracyTest {

  @Test
  void relativeErrorOfNormalValues() {
    // 1 + 2^-52 against 1: 2^-52 = 2.220446049250313e-16
    assertEquals(Math.ulp(1.0), Accuracy.relativeError(Math.nextUp(1.0), BigDecimal.ONE), 1e-30);
    // 0.1 (the double is 0.1000000000000000055511151231257827) against the decimal 0.1: 5.55e-17
    assertEquals(5.551115123125783e-17, Accuracy.relativeError(0.1, new BigDecimal("0.1")), 1e-30);
    assertEquals(0.0, Accuracy.relativeError(-2.5, new BigDecimal("-2.5")));
    assertEquals(0.5, Accuracy.relativeError(3.0, new Apfloat(2)), 0.0);
  }

  @Test
  void belowTheNormalRangeErrorsCountInUnitsOfMinNormal() {
    // computed 0 for an exact 1e-320: 1e-320 / 2.2250738585072013830902e-308 = 4.4942328371557898e-13
    assertEquals(4.4942328371557898e-13, Accuracy.relativeError(0.0, new BigDecimal("1e-320")), 1e-27);
    // a tail far below the doubles scored against 0: exactly 1e-400 / MIN_NORMAL ~ 4.5e-93
    assertTrue(Accuracy.relativeError(0.0, new BigDecimal("1e-400")) < 1e-92);
  }

  @Test
  void nonFiniteResults() {
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(Double.NaN, BigDecimal.ONE));
    // 1e400 is beyond the doubles: +Infinity is its correctly rounded value, -Infinity is wrong
    assertEquals(0.0, Accuracy.relativeError(Double.POSITIVE_INFINITY, new BigDecimal("1e400")));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(Double.NEGATIVE_INFINITY, new BigDecimal("1e400")));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(Double.POSITIVE_INFINITY, new BigDecimal("1e300")));
    assertEquals(0.0, Accuracy.relativeError(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(Double.MAX_VALUE, Double.POSITIVE_INFINITY));
    assertEquals(0.0, Accuracy.relativeError(Double.NaN, Double.NaN));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.relativeError(1.0, Double.NaN));
  }

  @Test
  void toDoubleRoundsCorrectlyAtTheEdges() {
    // MIN_VALUE / 2 = 2^-1075 exactly: a tie, rounded to even, i.e. 0
    BigDecimal halfMin = new BigDecimal(Double.MIN_VALUE).divide(BigDecimal.valueOf(2));
    assertEquals(0.0, Accuracy.toDouble(halfMin));
    assertEquals(Double.MIN_VALUE, Accuracy.toDouble(halfMin.add(new BigDecimal("1e-400"))));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Accuracy.toDouble(new BigDecimal("-1e-400"))));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.toDouble(new BigDecimal("1e400")));
    assertEquals(Double.NEGATIVE_INFINITY, Accuracy.toDouble(new BigDecimal("-1e400")));
    // MAX_VALUE + half an ulp (2^970) is the overflow threshold; just below it rounds to MAX_VALUE
    BigDecimal max = new BigDecimal(Double.MAX_VALUE);
    BigDecimal halfUlp = new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2));
    assertEquals(Double.MAX_VALUE, Accuracy.toDouble(max.add(halfUlp).subtract(BigDecimal.ONE)));
    assertEquals(Double.POSITIVE_INFINITY, Accuracy.toDouble(max.add(halfUlp)));
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: even is 1; a hair above goes up
    BigDecimal tie = BigDecimal.ONE.add(new BigDecimal(Math.ulp(1.0) / 2));
    assertEquals(1.0, Accuracy.toDouble(tie));
    assertEquals(Math.nextUp(1.0), Accuracy.toDouble(tie.add(new BigDecimal("1e-60"))));
  }

  @Test
  void aSpecsOwnPointsJoinTheStandardOnes() {
    double[] standard = Accuracy.samplePoints();
    double[] own = {-2.003946966571921e123, 1.51870780782066e123, 1e100};
    double[] both = Accuracy.samplePoints(own);
    assertEquals(standard.length + 2, both.length, "1e100 is a standard point already");
    double[] sorted = both.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, both, "ascending");
    for (double z : own) assertTrue(Arrays.stream(both).anyMatch(p -> p == z), "contains " + z);
    for (double z : standard) assertTrue(Arrays.stream(both).anyMatch(p -> Double.compare(p, z) == 0), "keeps " + z);
  }

  @Test
  void samplePointsCoverTheWholeRangeSymmetrically() {
    double[] pts = Accuracy.samplePoints();
    assertArrayEquals(pts, Accuracy.samplePoints(), "deterministic");
    assertTrue(pts.length >= 84, "count " + pts.length);
    double[] sorted = pts.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, pts, "ascending");
    for (double required : new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 1e-300,
        1e-100, 0.5, 1, -1, Math.nextUp(1.0), Math.nextDown(1.0), 12.5, 710, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE}) {
      assertTrue(Arrays.stream(pts).anyMatch(p -> Double.compare(p, required) == 0), "contains " + required);
    }
    for (double p : pts) {
      assertTrue(Double.isFinite(p));
      assertTrue(Arrays.stream(pts).anyMatch(q -> Double.compare(q, -p) == 0), "mirror of " + p);
    }
  }
}
