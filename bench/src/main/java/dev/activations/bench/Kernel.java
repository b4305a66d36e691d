package dev.activations.bench;

import dev.activations.catalog.GaussianGatedMean;
import dev.activations.catalog.GaussianPrototypes3Mean;
import dev.activations.catalog.GaussianSignedFreeEnergy;
import dev.activations.catalog.GaussianSignedMean;
import dev.activations.catalog.StudentTSignedMean;

/** The array methods of one generated activation, or of a hand-written baseline. */
interface Kernel {
  void value(double[] in, double[] out);

  void derivative(double[] in, double[] out);

  void backward(double[] in, double[] upstream, double[] gradIn);

  void value(float[] in, float[] out);

  void derivative(float[] in, float[] out);

  void backward(float[] in, float[] upstream, float[] gradIn);

  /** Whether the generated class took its SIMD kernels ({@code VECTORIZED}). */
  boolean vectorized();

  static Kernel of(String name) {
    switch (name) {
      case "GaussianSignedMean":
        return new Kernel() {
          public void value(double[] in, double[] out) { GaussianSignedMean.value(in, out); }
          public void derivative(double[] in, double[] out) { GaussianSignedMean.derivative(in, out); }
          public void backward(double[] in, double[] up, double[] g) { GaussianSignedMean.backward(in, up, g); }
          public void value(float[] in, float[] out) { GaussianSignedMean.value(in, out); }
          public void derivative(float[] in, float[] out) { GaussianSignedMean.derivative(in, out); }
          public void backward(float[] in, float[] up, float[] g) { GaussianSignedMean.backward(in, up, g); }
          public boolean vectorized() { return GaussianSignedMean.VECTORIZED; }
        };
      case "GaussianGatedMean":
        return new Kernel() {
          public void value(double[] in, double[] out) { GaussianGatedMean.value(in, out); }
          public void derivative(double[] in, double[] out) { GaussianGatedMean.derivative(in, out); }
          public void backward(double[] in, double[] up, double[] g) { GaussianGatedMean.backward(in, up, g); }
          public void value(float[] in, float[] out) { GaussianGatedMean.value(in, out); }
          public void derivative(float[] in, float[] out) { GaussianGatedMean.derivative(in, out); }
          public void backward(float[] in, float[] up, float[] g) { GaussianGatedMean.backward(in, up, g); }
          public boolean vectorized() { return GaussianGatedMean.VECTORIZED; }
        };
      case "StudentTSignedMean":
        return new Kernel() {
          public void value(double[] in, double[] out) { StudentTSignedMean.value(in, out); }
          public void derivative(double[] in, double[] out) { StudentTSignedMean.derivative(in, out); }
          public void backward(double[] in, double[] up, double[] g) { StudentTSignedMean.backward(in, up, g); }
          public void value(float[] in, float[] out) { StudentTSignedMean.value(in, out); }
          public void derivative(float[] in, float[] out) { StudentTSignedMean.derivative(in, out); }
          public void backward(float[] in, float[] up, float[] g) { StudentTSignedMean.backward(in, up, g); }
          public boolean vectorized() { return StudentTSignedMean.VECTORIZED; }
        };
      case "GaussianPrototypes3Mean":
        return new Kernel() {
          public void value(double[] in, double[] out) { GaussianPrototypes3Mean.value(in, out); }
          public void derivative(double[] in, double[] out) { GaussianPrototypes3Mean.derivative(in, out); }
          public void backward(double[] in, double[] up, double[] g) { GaussianPrototypes3Mean.backward(in, up, g); }
          public void value(float[] in, float[] out) { GaussianPrototypes3Mean.value(in, out); }
          public void derivative(float[] in, float[] out) { GaussianPrototypes3Mean.derivative(in, out); }
          public void backward(float[] in, float[] up, float[] g) { GaussianPrototypes3Mean.backward(in, up, g); }
          public boolean vectorized() { return GaussianPrototypes3Mean.VECTORIZED; }
        };
      case "GaussianSignedFreeEnergy":
        return new Kernel() {
          public void value(double[] in, double[] out) { GaussianSignedFreeEnergy.value(in, out); }
          public void derivative(double[] in, double[] out) { GaussianSignedFreeEnergy.derivative(in, out); }
          public void backward(double[] in, double[] up, double[] g) { GaussianSignedFreeEnergy.backward(in, up, g); }
          public void value(float[] in, float[] out) { GaussianSignedFreeEnergy.value(in, out); }
          public void derivative(float[] in, float[] out) { GaussianSignedFreeEnergy.derivative(in, out); }
          public void backward(float[] in, float[] up, float[] g) { GaussianSignedFreeEnergy.backward(in, up, g); }
          public boolean vectorized() { return GaussianSignedFreeEnergy.VECTORIZED; }
        };
      default:
        throw new IllegalArgumentException("no kernel " + name);
    }
  }
}
