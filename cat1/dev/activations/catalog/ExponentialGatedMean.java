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
 * --kernel exponential --hypotheses gated --stat mean --param a=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>E^Abs[-1+z]</code>
 *   <li><code>E^Abs[1+z]</code>
 * </ul>
 *
 * <p>Statistic: <code>Piecewise[{{z/(1+E^((-1+E^2)/E^(1+z))),z&lt;=-1},{z/(1+E^(E^(1-z)-E^(1+z))),z&lt;=1}},z/(
 * 1+E^(E^(-1+z)-E^(1+z)))]</code>
 *
 * <p>Derivative: <code>Piecewise[{{1/(1+E^((-1+E^2)/E^(1+z)))+((-1+E^2)*z)/(E^(1-(-1+E^2)/E^(1+z)+z)*(1+E^((-
 * 1+E^2)/E^(1+z)))^2),z&lt;=-1},{1/(1+E^(E^(1-z)-E^(1+z)))+(E^(E^(1-z)-E^(1+z))*(E^(1-z)+E^(
 * 1+z))*z)/(1+E^(E^(1-z)-E^(1+z)))^2,z&lt;=1}},1/(1+E^(E^(-1+z)-E^(1+z)))+(E^(E^(-1+z)-E^(
 * 1+z))*(-1/E^(1-z)+E^(1+z))*z)/(1+E^(E^(-1+z)-E^(1+z)))^2]</code>
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity gives derivative 1.0.
 *   <li>-Infinity gives value 0.0, derivative 0.0.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 *   <li>Pieces join at z = -1, 1.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 2613 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 7.0e-14 for value (at z = -5.525374181989818), 6.9e-14 for derivative (at z = -5.525374181989818). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class ExponentialGatedMean {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel exponential --hypotheses gated --stat mean --param a=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code ExponentialGatedMeanSimd}
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

  private ExponentialGatedMean() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.0;
    }
    double t0 = -z;
    double t1 = -2.0 * z;
    double t2 = Math.exp(1.0 + z);
    double t3 = -(z <= -1.0 ? Math.expm1(2.0) * Math.exp(-1.0 + t0) : z <= 1.0 ? (t1 > 0.0 ? -(Math.exp(1.0 + t0) * Math.expm1(-t1)) : t2 * Math.expm1(t1)) : t2 * Math.expm1(-2.0));
    if (t3 < -354.19820926613204) {
      double t4 = Math.exp(0.5 * t3);
      return t4 * z * t4;
    }
    return z * logistic(t3);
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 1.0;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.0;
    }
    double t0 = z + 0.22994769631408601 - 1.1841962428150877E-17;
    if (Math.abs(t0) < 0.002) {
      return t0 * (1.2820046236639355 + t0 * (4.396594689195649 + t0 * (1.9297806376781577 + t0 * (-14.372162210559537 + t0 * (-25.143443944619765 + t0 * (15.253609837134565 + t0 * (86.20816300105865 + t0 * 38849.038051834905)))))));
    }
    if (z <= -7.0) {
      return 0.0;
    }
    if (z >= 3.3) {
      return 1.0;
    }
    double t1 = Math.expm1(2.0);
    double t2 = -z;
    double t3 = Math.exp(-1.0 + t2);
    double t4 = t1 * t3;
    double t5 = -2.0 * z;
    double t6 = Math.exp(1.0 + t2);
    double t7 = Math.expm1(-t5);
    double t8 = Math.exp(1.0 + z);
    double t9 = t8 * Math.expm1(t5);
    double t10 = t8 * Math.expm1(-2.0);
    double t11 = -(z <= -1.0 ? t4 : z <= 1.0 ? (t5 > 0.0 ? -(t6 * t7) : t9) : t10);
    double t12 = logistic(t11);
    double t13 = z <= -1.0 ? -t1 * t3 : z <= 1.0 ? -t6 - t8 : t10;
    double t14 = z <= -1.0 ? t4 : z <= 1.0 ? (t5 > 0.0 ? -(Math.exp(-(-1.0 + z)) * t7) : t9) : t10;
    double t15 = logistic(t14);
    double t16 = Math.exp(0.5 * t11);
    double t17 = Math.exp(0.5 * t14);
    return t12 + (t11 < -354.19820926613204 ? -(z * t13 * t15) * t16 * t16 : t14 < -354.19820926613204 ? -(z * t13 * t12) * t17 * t17 : -(z * t13 * t12 * t15));
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
   * The kernels of the SIMD companion {@code ExponentialGatedMeanSimd}, in the order of the handle fields, or null
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
      ExponentialGatedMean.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.ExponentialGatedMeanSimd", true, ExponentialGatedMean.class.getClassLoader());
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
   * The logistic function {@code 1 / (1 + e^-x)}, branching on the sign of x so that {@code exp} never overflows.
   */
  private static double logistic(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
