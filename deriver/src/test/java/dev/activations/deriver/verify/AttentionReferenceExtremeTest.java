package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.spec.AttentionStatistic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attention reference where gradient terms lie beyond the double range: the Yat kernel at a
 * common scale of 1e200 with keys equal to the query, whose energies {@code -|q|^4/eps} (about
 * -1e800) win outright. The two tied keys' contributions to {@code grad q} (about 1e600 each) cancel
 * exactly; the other key's weight is {@code exp(-1e400)}: {@code grad q} is 0 in doubles. The
 * reference returned {@code +-Infinity} for it (the ball's midpoint, beyond the double range, was
 * taken as settled against its own rounding to Infinity). The key gradients of the tied keys
 * overflow in the exact result as well: {@code +-Infinity}, with the signs of {@code dL/de_j}.
 */
class AttentionReferenceExtremeTest {
  @Test
  void cancellingGradientBeyondTheDoubleRangeIsZero() {
    AttentionReference reference = new AttentionReference("-qk^2/(dd+eps)", Map.of("eps", "1"), "1", AttentionStatistic.MEAN);
    double big = 1e200;
    int n = 4;
    int d = 3;
    double[] q = {big, -0.5 * big, 0.75 * big};
    double[] keys = {big, -0.5 * big, 0.75 * big, 0.5 * big, 0.25 * big, -big, big, -0.5 * big, 0.75 * big, -big, 0.5 * big, 0.5 * big};
    double[] values = {1.0, -7.0, 3.0, 11.0};
    AttentionReference.Result r = reference.evaluate(q, keys, values, n, d, 1, new double[] {1.0});
    assertEquals(2.0, r.values()[0], 0.0, "the two keys equal to the query split the weight");
    assertArrayEquals(new double[] {0.0, 0.0, 0.0}, r.gradQ(), 0.0, "grad q");
    assertArrayEquals(new double[] {0.5, 0.0, 0.5, 0.0}, r.gradValues(), 0.0, "grad values");
    // dL/de_j = -r_j (v_j - out): +1/2 for the first tied key, -1/2 for the second; grad_k e = -2 qk/eps q there
    assertEquals(Double.NEGATIVE_INFINITY, r.gradKeys()[0], "first tied key, component 0");
    assertEquals(Double.POSITIVE_INFINITY, r.gradKeys()[6], "second tied key, component 0");
  }

  /**
   * The same at an extreme sample with 35 keys equal to the query among 130 (d = 24, common scale
   * 1.9e173): the reference returned {@code -Infinity} for two components of {@code grad q}.
   */
  @Test
  void manyTiedKeysAtAnExtremeSample() {
    AttentionReference reference = new AttentionReference("-qk^2/(dd+eps)", Map.of("eps", "1"), "1", AttentionStatistic.MEAN);
    AttentionSamples.Sample s = AttentionSamples.extreme(4242, 48, new int[] {1, 4, 130, 9, 2, 31, 1024, 17},
            new int[] {2, 1, 5, 24, 3, 64, 128}, new int[] {3, 1, 17, 2, 64}, 0).stream()
        .filter(x -> x.family().equals("extreme-equal-to-query") && x.n() == 130).findFirst().orElseThrow();
    AttentionReference.Result r = reference.evaluate(s.q(), s.keys(), s.values(), s.n(), s.d(), s.m(), s.upstream());
    assertArrayEquals(new double[s.d()], r.gradQ(), 0.0, "grad q");
  }

  /**
   * A degree-4 energy, {@code Dot[q-k,q-k]^2}, at the derive-time stream's extreme sample with two
   * keys (d = 2) at a common scale near 1e263 (the scaled family times an extreme scale): the energies
   * are about 1e1000 and their gap is needed to 17 digits, more than the 1280 digits the reference
   * stopped at (it threw, and derive refused the class, which is right). Hard attention: the output
   * is the value of the key nearer the query.
   */
  @Test
  void aDegreeFourEnergyAtTheLargestScalesIsEvaluated() {
    AttentionReference reference = new AttentionReference("dd^2", Map.of(), "1", AttentionStatistic.MEAN);
    AttentionSamples.Sample s = AttentionSamples.extreme(0xa77e5L, 12, new int[] {1, 2, 3, 5, 8, 17, 40, 129},
            new int[] {1, 2, 3, 4, 7, 16, 33}, new int[] {1, 2, 3, 5, 9}, 0).stream()
        .filter(x -> x.family().equals("extreme-scaled") && x.n() == 2).findFirst().orElseThrow();
    AttentionReference.Result r = reference.evaluate(s.q(), s.keys(), s.values(), s.n(), s.d(), s.m(), s.upstream(), null, null);
    double[] dist = new double[2];
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < s.d(); i++) dist[j] += Math.pow((s.q()[i] - s.keys()[j * s.d() + i]) / 1e250, 2);
    }
    int near = dist[0] < dist[1] ? 0 : 1;
    for (int i = 0; i < s.m(); i++) assertEquals(s.values()[near * s.m() + i], r.values()[i], 0.0, "output " + i);
  }
}
