package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.LayerStatistic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer reference: known values, and its backward against difference quotients of its own forward. */
class LayerReferenceTest {
  private static final String STUDENT_T = "2*Log[1+(z-mu)^2/3]";

  @Test
  void knownValues() {
    LayerReference softmax = new LayerReference("-z", Map.of(), "1", LayerStatistic.RESPONSIBILITIES);
    double[] r = softmax.evaluate(new double[] {0, Math.log(2)}, null).values();
    assertEquals(1.0 / 3, r[0], 1e-16);
    assertEquals(2.0 / 3, r[1], 1e-16);
    LayerReference lse = new LayerReference("-z", Map.of(), "1", LayerStatistic.FREE_ENERGY);
    assertEquals(-1e300, lse.evaluate(new double[] {1e300, -1e300}, null).values()[0]);
    LayerReference entropy = new LayerReference("-z", Map.of(), "1", LayerStatistic.ENTROPY);
    assertEquals(Math.log(4), entropy.evaluate(new double[] {7, 7, 7, 7}, null).values()[0], 1e-15);
    LayerReference mode = new LayerReference("-z", Map.of(), "1", LayerStatistic.MODE);
    double[] m = mode.evaluate(new double[] {3, 1, 3}, new double[] {1, 1, 1}).values();
    assertEquals(0.5, m[0]);
    assertEquals(0.0, m[1]);
    assertEquals(0.5, m[2]);
  }

  @Test
  void backwardIsTheGradientOfTheForward() {
    double[] z = {0.75, -0.5, 1.625};
    for (LayerStatistic s : LayerStatistic.values()) {
      if (s.isLimit()) continue;
      LayerReference ref = new LayerReference(STUDENT_T, Map.of("mu", "1"), "3/2", s);
      double[] u = s.perUnit() ? new double[] {0.5, -2, 1.25} : new double[] {-0.75};
      double[] grad = ref.evaluate(z, u).gradient();
      for (int j = 0; j < z.length; j++) {
        double h = 1e-6;
        double[] plus = z.clone();
        double[] minus = z.clone();
        plus[j] += h;
        minus[j] -= h;
        double[] fp = ref.evaluate(plus, null).values();
        double[] fm = ref.evaluate(minus, null).values();
        double d = 0;
        for (int i = 0; i < u.length; i++) d += u[i] * (fp[i] - fm[i]) / (plus[j] - minus[j]);
        assertTrue(Math.abs(d - grad[j]) <= 1e-8 * Math.max(1, Math.abs(d)), s + " unit " + j + ": " + grad[j] + " vs " + d);
      }
    }
  }
}
