package dev.activations.catalog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated activation function; do not edit. Regenerate with:
 *
 * <pre>
 * --kernel gaussian --hypotheses signed --stat variance --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>(1-z)^2/2</code>
 *   <li><code>(1+z)^2/2</code>
 * </ul>
 *
 * <p>Statistic: <code>Sech[z]^2</code>
 *
 * <p>Derivative: <code>-2*Sech[z]^2*Tanh[z]</code>
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity gives value 0.0, derivative 0.0.
 *   <li>-Infinity gives value 0.0, derivative 0.0.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 2528 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 4.4e-16 for value (at z = -9.35734500211845), 4.6e-15 for derivative (at z = 0.011540571791760653). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 *
 * <p>Float arithmetic: with SIMD ({@link #VECTORIZED}), float[] {@code value} computes in float
 * (twice the lanes of double). That was measured, when this class was derived, to meet the float
 * contract: relative error at most 2^-20 against the exact value rounded to float (absolute
 * 8 * Float.MIN_VALUE below Float.MIN_NORMAL), finite wherever that is finite. Every other method, and the float[] methods without SIMD,
 * compute in double and round once.
 */
public final class GaussianSignedVariance {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel gaussian --hypotheses signed --stat variance --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code GaussianSignedVarianceSimd}
   * (compiled from its own source file with that module) is present. Results agree with the scalar
   * methods to within the numerical contract either way (the float contract for the float[]
   * kernels that compute in float; see the class comment).
   */
  public static final boolean VECTORIZED;

  private static final MethodHandle SIMD_VALUE;

  private static final MethodHandle SIMD_DERIVATIVE;

  private static final MethodHandle SIMD_BACKWARD;

  private static final MethodHandle SIMD_VALUE_FLOAT;

  private static final MethodHandle SIMD_DERIVATIVE_FLOAT;

  private static final MethodHandle SIMD_BACKWARD_FLOAT;

  static {
    MethodHandle[] h = simdHandles();
    VECTORIZED = h != null;
    SIMD_VALUE = h == null ? null : h[0];
    SIMD_DERIVATIVE = h == null ? null : h[1];
    SIMD_BACKWARD = h == null ? null : h[2];
    SIMD_VALUE_FLOAT = h == null ? null : h[3];
    SIMD_DERIVATIVE_FLOAT = h == null ? null : h[4];
    SIMD_BACKWARD_FLOAT = h == null ? null : h[5];
  }

  private GaussianSignedVariance() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.0;
    }
    return tanhPrime(z);
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.0;
    }
    double t0 = Math.abs(z);
    double t1 = Math.exp(-t0);
    double t2 = tanhPrime(z);
    double t3 = tanh(-z);
    return (t0 > 177.79225181362597 ? 0.0 * t1 * t1 : 0.0 * t2) + (t0 > 177.79225181362597 ? 4.0 * -(-2.0 * t3) * t1 * t1 : -(-2.0 * t3 * t2));
  }

  /**
   * {@link #value(double)} in float, computed in double and rounded once.
   */
  public static float value(float z) {
    return (float) value((double) z);
  }

  /**
   * {@link #derivative(double)} in float, computed in double and rounded once.
   */
  public static float derivative(float z) {
    return (float) derivative((double) z);
  }

  /**
   * The kernels of the SIMD companion {@code GaussianSignedVarianceSimd}, in the order of the handle fields, or null
   * when {@code jdk.incubator.vector} is not in the boot layer, SIMD is switched off ({@code -Ddev.activations.simd=false}),
   * the companion class is absent (it is looked up by name, so this class compiles and runs
   * without it), or anything else fails: then the plain-Java loops do all the work.
   */
  private static MethodHandle[] simdHandles() {
    try {
      if (!Boolean.parseBoolean(System.getProperty("dev.activations.simd", "true"))) {
        return null;
      }
      Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
      if (vector.isEmpty()) {
        return null;
      }
      GaussianSignedVariance.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.GaussianSignedVarianceSimd", true, GaussianSignedVariance.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle[] h = new MethodHandle[6];
      h[0] = lookup.findStatic(c, "value", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class));
      h[1] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class));
      h[2] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, double[].class, double[].class, double[].class, int.class, int.class));
      h[3] = lookup.findStatic(c, "value", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class));
      h[4] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class));
      h[5] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, float[].class, float[].class, float[].class, int.class, int.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(double[] in, int inOff, double[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE != null) {
      try {
        i = (int) SIMD_VALUE.invokeExact(in, inOff, out, outOff, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i]);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE != null) {
      try {
        i = (int) SIMD_DERIVATIVE.invokeExact(in, inOff, out, outOff, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i]);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD != null) {
      try {
        i = (int) SIMD_BACKWARD.invokeExact(in, upstream, gradIn, off, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = upstream[off + i] * derivative(in[off + i]);
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
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(float[] in, int inOff, float[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE_FLOAT != null) {
      try {
        i = (int) SIMD_VALUE_FLOAT.invokeExact(in, inOff, out, outOff, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i]);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE_FLOAT != null) {
      try {
        i = (int) SIMD_DERIVATIVE_FLOAT.invokeExact(in, inOff, out, outOff, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i]);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD_FLOAT != null) {
      try {
        i = (int) SIMD_BACKWARD_FLOAT.invokeExact(in, upstream, gradIn, off, len);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = (float) (upstream[off + i] * derivative((double) in[off + i]));
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
   * {@code tanh(x)} from {@code Math.exp} (an intrinsic; {@code Math.tanh} is ~3x slower on JDK 17): {@code 1 - 2t / (1 + t)}, {@code t = e^-2|x|}, with the sign of x, and an odd Taylor polynomial below |x| = 0.01 where the subtraction would cancel.
   */
  private static double tanh(double x) {
    double a = Math.abs(x);
    double r;
    if (a < 0.01) {
      double s = a * a;
      r = a + a * s * (-0.3333333333333333 + s * (0.13333333333333333 + s * -0.05396825396825397));
    } else {
      double t = Math.exp(-2.0 * a);
      r = 1.0 - 2.0 * t / (1.0 + t);
    }
    return Math.copySign(r, x);
  }

  /**
   * {@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never {@code 1 - tanh(x)^2}, which is 0 beyond |x| ~ 19.
   */
  private static double tanhPrime(double x) {
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }
}
