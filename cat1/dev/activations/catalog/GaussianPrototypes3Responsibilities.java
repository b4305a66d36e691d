package dev.activations.catalog;

import java.util.Objects;

/**
 * Generated activation function; do not edit. Regenerate with:
 *
 * <pre>
 * --kernel gaussian --hypotheses prototypes:3 --stat responsibilities --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>(1+z)^2/2</code>
 *   <li><code>z^2/2</code>
 *   <li><code>(1-z)^2/2</code>
 * </ul>
 *
 * <p>Statistic: <code>{1/(1+E^(1/2+z)+E^(2*z)), Sqrt[E]/(Sqrt[E]+2*Cosh[z]), E^z/(Sqrt[E]+2*Cosh[z])}</code>
 *
 * <p>Derivative: <code>{-(E^(1/2+z)+2*E^(2*z))/(1+E^(1/2+z)+E^(2*z))^2, (-2*Sqrt[E]*Sinh[z])/(Sqrt[E]+2*Cosh[z])^2, (E^z*(1+(-2*Sinh[z])/(Sqrt[E]+2*Cosh[z])))/(Sqrt[E]+2*Cosh[z])}</code>
 *
 * <p>Outputs: 3 per input, one per hypothesis; array methods write output h of input i to {@code out[outOff + i * OUTPUTS + h]}.
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity gives value (0.0, 0.0, 1.0), derivative (0.0, 0.0, 0.0).
 *   <li>-Infinity gives value (1.0, 0.0, 0.0), derivative (0.0, 0.0, 0.0).
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 30000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 96 of them decided by the high-precision evaluator, the rest by its double-double fast path; 10076 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 2.7e-16 for value[0] (at z = 18.982277759549575), 6.3e-16 for derivative[0] (at z = -11.283368563974307), 3.4e-16 for value[1] (at z = -17.82553062863731), 6.2e-16 for derivative[1] (at z = -1.0000000000370568), 3.9e-16 for value[2] (at z = 15.459711377043831), 5.7e-16 for derivative[2] (at z = -12.312169948819829). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class GaussianPrototypes3Responsibilities {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel gaussian --hypotheses prototypes:3 --stat responsibilities --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 3;

  private GaussianPrototypes3Responsibilities() {
  }

  /**
   * The activation at {@code z}. Writes the 3 outputs to {@code out[0..2]}.
   */
  public static void value(double z, double[] out) {
    Objects.checkFromIndexSize(0, 3, out.length);
    valueInto(z, out, 0);
  }

  private static void valueInto(double z, double[] out, int outOff) {
    if (Double.isNaN(z)) {
      out[outOff] = z;
      out[outOff + 1] = z;
      out[outOff + 2] = z;
      return;
    }
    if (z == Double.POSITIVE_INFINITY) {
      out[outOff] = 0.0;
      out[outOff + 1] = 0.0;
      out[outOff + 2] = 1.0;
      return;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      out[outOff] = 1.0;
      out[outOff + 1] = 0.0;
      out[outOff + 2] = 0.0;
      return;
    }
    double t0 = -z;
    double t1 = -0.5 + t0;
    double t2 = -2.0 * z;
    double t3 = 0.5 + z;
    double t4 = 0.5 + t0;
    double t5 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? 0.0 : t3 >= 0.0 && t4 >= 0.0 ? t3 : 2.0 * z));
    double t6 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t1 : t3 >= 0.0 && t4 >= 0.0 ? 0.0 : -0.5 + z));
    double t7 = t5 + t6 + Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t2 : t3 >= 0.0 && t4 >= 0.0 ? t4 : 0.0));
    out[outOff] = t5 / t7;
    out[outOff + 1] = t6 / t7;
    out[outOff + 2] = z >= 40.0 ? 1.0 : Math.exp(z) / (Math.exp(0.5) + 2.0 * Math.cosh(z));
  }

  /**
   * The derivative of the activation with respect to {@code z}. Writes the 3 outputs to {@code out[0..2]}.
   */
  public static void derivative(double z, double[] out) {
    Objects.checkFromIndexSize(0, 3, out.length);
    derivativeInto(z, out, 0);
  }

  private static void derivativeInto(double z, double[] out, int outOff) {
    if (Double.isNaN(z)) {
      out[outOff] = z;
      out[outOff + 1] = z;
      out[outOff + 2] = z;
      return;
    }
    if (z == Double.POSITIVE_INFINITY) {
      out[outOff] = 0.0;
      out[outOff + 1] = 0.0;
      out[outOff + 2] = 0.0;
      return;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      out[outOff] = 0.0;
      out[outOff + 1] = 0.0;
      out[outOff + 2] = 0.0;
      return;
    }
    double t0 = -z;
    double t1 = -0.5 + t0;
    double t2 = -2.0 * z;
    double t3 = 0.5 + z;
    double t4 = 0.5 + t0;
    double t5 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? 0.0 : t3 >= 0.0 && t4 >= 0.0 ? t3 : 2.0 * z));
    double t6 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t1 : t3 >= 0.0 && t4 >= 0.0 ? 0.0 : -0.5 + z));
    double t7 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t2 : t3 >= 0.0 && t4 >= 0.0 ? t4 : 0.0));
    double t8 = 1.0 / (t5 + t6 + t7);
    double t9 = t6 * t8;
    double t10 = Math.exp(0.5);
    double t11 = t10 + 2.0 * Math.cosh(z);
    out[outOff] = -(t5 * (t9 + 2.0 * t7 * t8) * t8);
    out[outOff + 1] = Math.abs(z) < 1.0 ? -2.0 * t10 * Math.sinh(z) / (t11 * t11) : -(t6 * (-(t5 * t8) + t7 * t8) * t8);
    out[outOff + 2] = -(t7 * (-2.0 * t5 * t8 - t9) * t8);
  }

  /**
   * {@link #value(double, double[])} in float, computed in double and rounded once.
   */
  public static void value(float z, float[] out) {
    Objects.checkFromIndexSize(0, 3, out.length);
    double[] tmp = new double[3];
    valueInto(z, tmp, 0);
    for (int h = 0; h < 3; h++) {
      out[h] = (float) tmp[h];
    }
  }

  /**
   * {@link #derivative(double, double[])} in float, computed in double and rounded once.
   */
  public static void derivative(float z, float[] out) {
    Objects.checkFromIndexSize(0, 3, out.length);
    double[] tmp = new double[3];
    derivativeInto(z, tmp, 0);
    for (int h = 0; h < 3; h++) {
      out[h] = (float) tmp[h];
    }
  }

  /**
   * Writes the outputs of {@code value(in[inOff + i])} to {@code out[outOff + i * 3 + h]} for {@code 0 <= i < len}.
   */
  public static void value(double[] in, int inOff, double[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, Math.multiplyExact(len, 3), out.length);
    for (int i = 0; i < len; i++) {
      valueInto(in[inOff + i], out, outOff + i * 3);
    }
  }

  /**
   * Writes the outputs of {@code derivative(in[inOff + i])} to {@code out[outOff + i * 3 + h]} for {@code 0 <= i < len}.
   */
  public static void derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, Math.multiplyExact(len, 3), out.length);
    for (int i = 0; i < len; i++) {
      derivativeInto(in[inOff + i], out, outOff + i * 3);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i]} is the sum over h of {@code upstream[(off + i) * 3 + h]} times the derivative of output h at {@code in[off + i]}, for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(Math.multiplyExact(off, 3), Math.multiplyExact(len, 3), upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    for (; i < len; i++) {
      gradIn[off + i] = upstreamDotDerivative(in[off + i], upstream, (off + i) * 3);
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length)}.
   */
  public static void value(double[] in, double[] out) {
    value(in, 0, out, 0, in.length);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length)}.
   */
  public static void derivative(double[] in, double[] out) {
    derivative(in, 0, out, 0, in.length);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length)}.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn) {
    backward(in, upstream, gradIn, 0, in.length);
  }

  /**
   * Writes the outputs of {@code value(in[inOff + i])} to {@code out[outOff + i * 3 + h]} for {@code 0 <= i < len}.
   */
  public static void value(float[] in, int inOff, float[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, Math.multiplyExact(len, 3), out.length);
    double[] tmp = new double[3];
    for (int i = 0; i < len; i++) {
      valueInto(in[inOff + i], tmp, 0);
      for (int h = 0; h < 3; h++) {
        out[outOff + i * 3 + h] = (float) tmp[h];
      }
    }
  }

  /**
   * Writes the outputs of {@code derivative(in[inOff + i])} to {@code out[outOff + i * 3 + h]} for {@code 0 <= i < len}.
   */
  public static void derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, Math.multiplyExact(len, 3), out.length);
    double[] tmp = new double[3];
    for (int i = 0; i < len; i++) {
      derivativeInto(in[inOff + i], tmp, 0);
      for (int h = 0; h < 3; h++) {
        out[outOff + i * 3 + h] = (float) tmp[h];
      }
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i]} is the sum over h of {@code upstream[(off + i) * 3 + h]} times the derivative of output h at {@code in[off + i]}, for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(Math.multiplyExact(off, 3), Math.multiplyExact(len, 3), upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    for (; i < len; i++) {
      gradIn[off + i] = (float) upstreamDotDerivative(in[off + i], upstream, (off + i) * 3);
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length)}.
   */
  public static void value(float[] in, float[] out) {
    value(in, 0, out, 0, in.length);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length)}.
   */
  public static void derivative(float[] in, float[] out) {
    derivative(in, 0, out, 0, in.length);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length)}.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn) {
    backward(in, upstream, gradIn, 0, in.length);
  }

  /**
   * The sum over h of {@code upstream[u + h]} times the derivative of output h at {@code z}.
   */
  private static double upstreamDotDerivative(double z, double[] upstream, int u) {
    double dv0, dv1, dv2;
    if (Double.isNaN(z)) {
      dv0 = z;
      dv1 = z;
      dv2 = z;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    if (z == Double.POSITIVE_INFINITY) {
      dv0 = 0.0;
      dv1 = 0.0;
      dv2 = 0.0;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      dv0 = 0.0;
      dv1 = 0.0;
      dv2 = 0.0;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    double t0 = -z;
    double t1 = -0.5 + t0;
    double t2 = -2.0 * z;
    double t3 = 0.5 + z;
    double t4 = 0.5 + t0;
    double t5 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? 0.0 : t3 >= 0.0 && t4 >= 0.0 ? t3 : 2.0 * z));
    double t6 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t1 : t3 >= 0.0 && t4 >= 0.0 ? 0.0 : -0.5 + z));
    double t7 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t2 : t3 >= 0.0 && t4 >= 0.0 ? t4 : 0.0));
    double t8 = 1.0 / (t5 + t6 + t7);
    double t9 = t6 * t8;
    double t10 = Math.exp(0.5);
    double t11 = t10 + 2.0 * Math.cosh(z);
    dv0 = -(t5 * (t9 + 2.0 * t7 * t8) * t8);
    dv1 = Math.abs(z) < 1.0 ? -2.0 * t10 * Math.sinh(z) / (t11 * t11) : -(t6 * (-(t5 * t8) + t7 * t8) * t8);
    dv2 = -(t7 * (-2.0 * t5 * t8 - t9) * t8);
    return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
  }

  /**
   * The sum over h of {@code upstream[u + h]} times the derivative of output h at {@code z}.
   */
  private static double upstreamDotDerivative(double z, float[] upstream, int u) {
    double dv0, dv1, dv2;
    if (Double.isNaN(z)) {
      dv0 = z;
      dv1 = z;
      dv2 = z;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    if (z == Double.POSITIVE_INFINITY) {
      dv0 = 0.0;
      dv1 = 0.0;
      dv2 = 0.0;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      dv0 = 0.0;
      dv1 = 0.0;
      dv2 = 0.0;
      return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
    }
    double t0 = -z;
    double t1 = -0.5 + t0;
    double t2 = -2.0 * z;
    double t3 = 0.5 + z;
    double t4 = 0.5 + t0;
    double t5 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? 0.0 : t3 >= 0.0 && t4 >= 0.0 ? t3 : 2.0 * z));
    double t6 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t1 : t3 >= 0.0 && t4 >= 0.0 ? 0.0 : -0.5 + z));
    double t7 = Math.exp(-Math.max(0.0, t1 >= 0.0 && t2 >= 0.0 ? t2 : t3 >= 0.0 && t4 >= 0.0 ? t4 : 0.0));
    double t8 = 1.0 / (t5 + t6 + t7);
    double t9 = t6 * t8;
    double t10 = Math.exp(0.5);
    double t11 = t10 + 2.0 * Math.cosh(z);
    dv0 = -(t5 * (t9 + 2.0 * t7 * t8) * t8);
    dv1 = Math.abs(z) < 1.0 ? -2.0 * t10 * Math.sinh(z) / (t11 * t11) : -(t6 * (-(t5 * t8) + t7 * t8) * t8);
    dv2 = -(t7 * (-2.0 * t5 * t8 - t9) * t8);
    return upstream[u] * dv0 + upstream[u + 1] * dv1 + upstream[u + 2] * dv2;
  }
}
