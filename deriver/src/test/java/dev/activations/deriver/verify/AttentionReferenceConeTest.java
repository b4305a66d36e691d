package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.spec.AttentionStatistic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference at a key equal to the query for a cone, {@code Norm[q-k] = Sqrt[dd]}: the partial
 * {@code f_dd = 1/(2 Sqrt[dd])} has no value at {@code dd = 0}, but it only multiplies {@code q -
 * k_j = 0}; that key's term is taken as 0 (the average of the one-sided slopes, as for {@code |x|}
 * at 0 in the scalar classes). Before, the reference threw ("Sqrt at 0") and every class with such
 * an energy was refused at the equal-to-query samples. Expected values by hand: {@code q = 0},
 * keys {@code 0} and {@code 1} (d = 1), values 2 and 5, upstream 1; energies 0 and 1, {@code r_2 =
 * 1/(1 + e)}, {@code out = 2 + 3 r_2}, {@code dL/de_2 = -r_2 (5 - out) = -3 r_1 r_2}, and {@code
 * d e_2/d q = -1}, {@code d e_2/d k_2 = 1}.
 */
class AttentionReferenceConeTest {
  @Test
  void aKeyAtTheQueryAddsNothingToTheGradients() {
    AttentionReference reference = new AttentionReference("Sqrt[dd]", Map.of(), "1", AttentionStatistic.MEAN);
    AttentionReference.Result r = reference.evaluate(new double[] {0.0}, new double[] {0.0, 1.0}, new double[] {2.0, 5.0}, 2, 1, 1,
        new double[] {1.0});
    double r2 = 1 / (1 + Math.E);
    double r1 = 1 - r2;
    assertEquals(2 + 3 * r2, r.values()[0], 1e-15);
    assertArrayEquals(new double[] {3 * r1 * r2}, r.gradQ(), 1e-15, "grad q: only the key at distance 1");
    assertArrayEquals(new double[] {0.0, -3 * r1 * r2}, r.gradKeys(), 1e-15, "grad keys: 0 for the key at the query");
    assertArrayEquals(new double[] {r1, r2}, r.gradValues(), 1e-15, "grad values");
  }
}
