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
 * --kernel gaussian --hypotheses signed --reject 2 --stat mean --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>(1-z)^2/2</code>
 *   <li><code>(1+z)^2/2</code>
 *   <li><code>2</code>
 * </ul>
 *
 * <p>Statistic: <code>1/(1+E^(-2*z)+E^(1/2*(-3-2*z+z^2)))-1/(1+E^(2*z)+E^(-2+(1+z)^2/2))</code>
 *
 * <p>Derivative: <code>(2/E^(2*z)+E^(1/2*(-3-2*z+z^2))*(1-z))/(1+E^(-2*z)+E^(1/2*(-3-2*z+z^2)))^2+(2*E^(
 * 2*z)+(1+z)/E^(2-(1+z)^2/2))/(1+E^(2*z)+E^(-2+(1+z)^2/2))^2</code>
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
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 3554 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 2.4e-13 for value (at z = 38.36412763232504), 2.4e-13 for derivative (at z = 38.36412763232504). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class GaussianSignedMeanWithReject {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel gaussian --hypotheses signed --reject 2 --stat mean --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code GaussianSignedMeanWithRejectSimd}
   * (compiled from its own source file with that module) is present. Results agree with the scalar
   * methods to within the numerical contract either way.
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

  private GaussianSignedMeanWithReject() {
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
    double t0 = 2.0 * z;
    double t1 = Math.abs(z);
    double t2 = z - 3.0;
    double t3 = z + 1.0;
    double t4 = t2 * t3;
    double t5 = 1.0 / z;
    double t6 = t2 * t5 * (t3 * t5);
    double t7 = t1 <= 1.0 ? -t4 / 2.0 : -t6 / 2.0 * z * z;
    double t8 = -2.0 * z;
    double t9 = z - 1.0;
    double t10 = z + 3.0;
    double t11 = t9 * t10;
    double t12 = t9 * t5 * (t10 * t5);
    double t13 = t1 <= 1.0 ? -t11 / 2.0 : -t12 / 2.0 * z * z;
    double t14 = Math.exp(-Math.max(0.0, t0 >= 0.0 && t7 >= 0.0 ? 0.0 : t8 >= 0.0 && t13 >= 0.0 ? t8 : t1 <= 1.0 ? t4 / 2.0 : t6 / 2.0 * z * z));
    double t15 = Math.exp(-Math.max(0.0, t0 >= 0.0 && t7 >= 0.0 ? t0 : t8 >= 0.0 && t13 >= 0.0 ? 0.0 : t1 <= 1.0 ? t11 / 2.0 : t12 / 2.0 * z * z));
    double t16 = 1.0 / (t14 + t15 + Math.exp(-Math.max(0.0, t0 >= 0.0 && t7 >= 0.0 ? t7 : t8 >= 0.0 && t13 >= 0.0 ? t13 : 0.0)));
    if (t0 >= 0.0) {
      return -Math.expm1(-t0) * t14 * t16;
    }
    return -(-Math.expm1(-t8) * t15 * t16);
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
    double t0 = z - 1.7522634682306895 + 3.2474435171592584E-17;
    if (Math.abs(t0) < 0.003504526936461379) {
      return t0 * (-0.3655224566333006 + t0 * (0.05342323214763217 + t0 * (-0.1357528703394067 + t0 * (0.0075408321576776165 + t0 * (0.02442879605971638 + t0 * (0.002638329984573532 + t0 * (0.13136310734418372 + t0 * -94.7192200437574)))))));
    }
    double t1 = z + 1.7522634682306895 - 3.2474435171592584E-17;
    if (Math.abs(t1) < 0.003504526936461379) {
      return t1 * (0.36552245663330063 + t1 * (0.05342323214763215 + t1 * (0.13575287033940397 + t1 * (0.007540832176984924 + t1 * (-0.024428794599896345 + t1 * (0.0026350132476837965 + t1 * (-0.13144030614926744 + t1 * -94.55836514569351)))))));
    }
    double t2 = 2.0 * z;
    double t3 = Math.abs(z);
    double t4 = z - 3.0;
    double t5 = z + 1.0;
    double t6 = t4 * t5;
    double t7 = 1.0 / z;
    double t8 = t4 * t7 * (t5 * t7);
    double t9 = t3 <= 1.0 ? -t6 / 2.0 : -t8 / 2.0 * z * z;
    double t10 = -2.0 * z;
    double t11 = z - 1.0;
    double t12 = z + 3.0;
    double t13 = t11 * t12;
    double t14 = t11 * t7 * (t12 * t7);
    double t15 = t3 <= 1.0 ? -t13 / 2.0 : -t14 / 2.0 * z * z;
    double t16 = Math.exp(-Math.max(0.0, t2 >= 0.0 && t9 >= 0.0 ? 0.0 : t10 >= 0.0 && t15 >= 0.0 ? t10 : t3 <= 1.0 ? t6 / 2.0 : t8 / 2.0 * z * z));
    double t17 = Math.exp(-Math.max(0.0, t2 >= 0.0 && t9 >= 0.0 ? t2 : t10 >= 0.0 && t15 >= 0.0 ? 0.0 : t3 <= 1.0 ? t13 / 2.0 : t14 / 2.0 * z * z));
    double t18 = Math.exp(-Math.max(0.0, t2 >= 0.0 && t9 >= 0.0 ? t9 : t10 >= 0.0 && t15 >= 0.0 ? t15 : 0.0));
    double t19 = t16 + t17 + t18;
    double t20 = 1.0 / (t19 * t19);
    return -(t16 * t17 * 2.0 * -2.0 * t20) - t16 * t18 * (-1.0 + z) * t20 - -(t17 * t18 * (1.0 + z)) * t20;
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
   * The kernels of the SIMD companion {@code GaussianSignedMeanWithRejectSimd}, in the order of the handle fields, or null
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
      GaussianSignedMeanWithReject.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.GaussianSignedMeanWithRejectSimd", true, GaussianSignedMeanWithReject.class.getClassLoader());
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
}
