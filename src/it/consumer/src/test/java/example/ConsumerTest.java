package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.catalog.Catalog;
import dev.activations.catalog.GaussianGatedMean;
import dev.activations.catalog.GaussianSignedMean;
import dev.activations.catalog.GaussianSignedResponsibilities;
import dev.activations.catalog.LaplaceSignedMean;
import dev.activations.catalog.StudentTSignedMean;
import org.junit.jupiter.api.Test;

/** Uses the installed jar the way an outside project would: scalar, array, backward, vector. */
class ConsumerTest {
  @Test
  void scalarValuesMatchTheirClosedForms() {
    assertEquals(Math.tanh(0.7), GaussianSignedMean.value(0.7), 1e-15);
    double z = 1.3;
    assertEquals(4 * z * (z * z + 4) / (z * z * z * z + 12 * z * z + 16), StudentTSignedMean.value(z), 1e-15);
    assertEquals(z / (1 + Math.exp(-2 * z)), GaussianGatedMean.value(z), 1e-15);
    assertEquals(Math.tanh(1.0), LaplaceSignedMean.value(5.0), 1e-15);
    assertEquals(1 - Math.tanh(0.7) * Math.tanh(0.7), GaussianSignedMean.derivative(0.7), 1e-15);
    assertEquals((float) Math.tanh(0.5), GaussianSignedMean.value(0.5f), 1e-7f);
  }

  @Test
  void arraysAndBackward() {
    double[] x = {-3, -0.5, 0, 0.25, 2};
    double[] y = new TinyLayer(1.0, 0.0).forward(x);
    for (int i = 0; i < x.length; i++) assertEquals(StudentTSignedMean.value(x[i]), y[i]);
    double[] up = {1, 2, 3, 4, 5};
    double[] g = TinyLayer.gatedBackward(x, up);
    for (int i = 0; i < x.length; i++) assertEquals(up[i] * GaussianGatedMean.derivative(x[i]), g[i], 1e-15);
    double[] out = new double[x.length];
    GaussianSignedMean.value(x, out);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) expected[i] = Math.tanh(x[i]);
    assertArrayEquals(expected, out, 1e-15);
  }

  @Test
  void vectorStatisticAndCatalog() {
    double[] r = new double[GaussianSignedResponsibilities.OUTPUTS];
    GaussianSignedResponsibilities.value(0.3, r);
    assertEquals(1.0, r[0] + r[1], 1e-15);
    assertTrue(Catalog.ENTRIES.size() >= 30);
  }
}
