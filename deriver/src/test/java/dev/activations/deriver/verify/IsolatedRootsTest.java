package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@link ReferenceScorer#withoutIsolatedRoots}: which exact zeros the selection passes over. */
class IsolatedRootsTest {
  private static Accuracy.Exact of(String v) {
    return Accuracy.Exact.of(new BigDecimal(v));
  }

  @Test
  void anIsolatedZeroAwayFromZeroIsPassedOverInWhateverOrderThePointsCome() {
    // sample points out of order: the neighbours are found by z, not by index
    double[] zs = {2.0, 0.5, -1.0, 0.1, 0.9};
    Accuracy.Exact[] exact = {of("0.25"), of("0"), of("-0.1"), of("-0.3"), of("1e-300")};
    Accuracy.Exact[] out = ReferenceScorer.withoutIsolatedRoots(exact, zs);
    assertNull(out[1], "0 at z = 0.5 between -0.3 at z = 0.1 and 1e-300 at z = 0.9");
    for (int i : new int[] {0, 2, 3, 4}) assertNotNull(out[i], "only the root is passed over");
  }

  @Test
  void zeroItselfStaysForTheNearZeroRepairs() {
    double[] zs = {-1.0, 0.0, 1.0};
    Accuracy.Exact[] exact = {of("-1"), of("0"), of("1")};
    assertNotNull(ReferenceScorer.withoutIsolatedRoots(exact, zs)[1]);
  }

  @Test
  void aZeroNextToAnotherZeroIsAPieceWhereTheOutputVanishesAndStays() {
    double[] zs = {-2.0, 0.4, 0.6, 3.0};
    Accuracy.Exact[] exact = {of("1"), of("0"), of("0"), of("2")};
    Accuracy.Exact[] out = ReferenceScorer.withoutIsolatedRoots(exact, zs);
    assertNotNull(out[1]);
    assertNotNull(out[2]);
  }

  @Test
  void aZeroAtTheEndOfTheSamplesHasNoNeighbourOnOneSideAndStays() {
    double[] zs = {1.0, 2.0, 3.0};
    Accuracy.Exact[] exact = {of("1"), of("2"), of("0")};
    assertNotNull(ReferenceScorer.withoutIsolatedRoots(exact, zs)[2]);
  }

  @Test
  void undecidedNeighboursAreSkippedToTheNextDecidedOne() {
    double[] zs = {-1.0, 0.25, 0.5, 0.75, 1.0};
    Accuracy.Exact[] exact = {of("0"), null, of("0"), null, of("1")};
    // the nearest decided neighbour below is 0: a piece of zeros, kept
    assertNotNull(ReferenceScorer.withoutIsolatedRoots(exact, zs)[2]);
    exact[0] = of("-1");
    assertNull(ReferenceScorer.withoutIsolatedRoots(exact, zs)[2]);
  }
}
