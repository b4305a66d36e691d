package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.acts.Cauchyish;
import example.acts.LogAbsGated;
import example.acts.Tanh;
import org.junit.jupiter.api.Test;

class GeneratedTest {
  private static final boolean EXPECT_SIMD = Boolean.getBoolean("expectSimd");

  @Test
  void catalogKernel() {
    for (double z : new double[] {-30, -2.5, -0.1, 0, 1e-9, 0.7, 3, 40}) {
      assertEquals(Math.tanh(z), Tanh.value(z), 2e-14 * Math.abs(Math.tanh(z)), "tanh " + z);
    }
    assertEquals(EXPECT_SIMD, Tanh.VECTORIZED);
  }

  @Test
  void customEnergy() {
    for (double z : new double[] {-1e6, -3, -0.5, 0, 0.25, 2, 1e6}) {
      double expected = 2 * z / (2 + z * z);
      assertEquals(expected, Cauchyish.value(z), 1e-12 * Math.abs(expected), "" + z);
    }
    assertEquals(EXPECT_SIMD, Cauchyish.VECTORIZED);
  }

  @Test
  void ownKernelFileArraysAgreeWithScalars() {
    double[] in = new double[1000];
    for (int i = 0; i < in.length; i++) in[i] = (i - 500) / 13.0;
    double[] out = new double[in.length];
    double[] grad = new double[in.length];
    LogAbsGated.value(in, out);
    LogAbsGated.derivative(in, grad);
    for (int i = 0; i < in.length; i++) {
      assertEquals(LogAbsGated.value(in[i]), out[i], 1e-12 * Math.max(1, Math.abs(out[i])));
      assertEquals(LogAbsGated.derivative(in[i]), grad[i], 1e-10 * Math.max(1, Math.abs(grad[i])));
    }
    // gated: z times the responsibility of the hypothesis that passes z on
    assertEquals(0.0, LogAbsGated.value(0.0));
    assertEquals(true, LogAbsGated.value(3.0) > 1.5 && LogAbsGated.value(3.0) < 3.0);
    assertEquals(EXPECT_SIMD, LogAbsGated.VECTORIZED);
  }
}
