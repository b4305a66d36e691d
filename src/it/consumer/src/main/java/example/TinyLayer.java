package example;

import dev.activations.catalog.GaussianGatedMean;
import dev.activations.catalog.StudentTSignedMean;

/** A toy layer an outside user might write: y = act(w x + b), with a backward pass. */
public final class TinyLayer {
  private final double w;
  private final double b;

  public TinyLayer(double w, double b) {
    this.w = w;
    this.b = b;
  }

  /** Forward through the Student-t activation, array form. */
  public double[] forward(double[] x) {
    double[] pre = new double[x.length];
    for (int i = 0; i < x.length; i++) pre[i] = w * x[i] + b;
    double[] y = new double[x.length];
    StudentTSignedMean.value(pre, 0, y, 0, pre.length);
    return y;
  }

  /** dLoss/dpre for upstream gradients, through the gated (SiLU-family) activation. */
  public static double[] gatedBackward(double[] pre, double[] upstream) {
    double[] grad = new double[pre.length];
    GaussianGatedMean.backward(pre, upstream, grad, 0, pre.length);
    return grad;
  }
}
