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
 * --kernel yat --hypotheses gated --stat mean --param eps=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>-z^2/(1+(1-z)^2)</code>
 *   <li><code>-z^2/(1+(1+z)^2)</code>
 * </ul>
 *
 * <p>Statistic: <code>z/(1+E^((-4*z^3)/(4+z^4)))</code>
 *
 * <p>Derivative: <code>1/(1+E^((-4*z^3)/(4+z^4)))+(z^3*(48-4*z^4))/(E^((4*z^3)/(4+z^4))*(1+E^((-4*z^3)/(
 * 4+z^4)))^2*(4+z^4)^2)</code>
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity gives derivative 0.5.
 *   <li>-Infinity gives derivative 0.5.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 311 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 4.2e-16 for value (at z = -1.4727148456395454), 4.8e-14 for derivative (at z = -1.4787435475666229). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 *
 * <p>Float arithmetic: with SIMD ({@link #VECTORIZED}), float[] {@code value} computes in float
 * (twice the lanes of double). That was measured, when this class was derived, to meet the float
 * contract: relative error at most 2^-20 against the exact value rounded to float (absolute
 * 8 * Float.MIN_VALUE below Float.MIN_NORMAL), finite wherever that is finite. Every other method, and the float[] methods without SIMD,
 * compute in double and round once.
 */
public final class YatGatedMean {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel yat --hypotheses gated --stat mean --param eps=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code YatGatedMeanSimd}
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

  private YatGatedMean() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z * z;
    double t1 = 1.0 / z;
    double t2 = t1 * t1;
    double t3 = -(Math.abs(z) <= 1.0 ? -4.0 * t0 * z / (t0 * t0 + 4.0) : -4.0 / (4.0 * t2 * t2 + 1.0) * t1);
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
      return 0.5;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.5;
    }
    double t0 = z + 0.9023787323670756 + 5.2558115735784363E-17;
    if (Math.abs(t0) < 0.002) {
      return t0 * (0.8320113861017616 + t0 * (1.3594660671639243 + t0 * (-2.3256152572399187 + t0 * (-3.4227207504919828 + t0 * (5.533407240291237 + t0 * (6.808366844337036 + t0 * (-4.874985791790857 + t0 * 52177.24069857265)))))));
    }
    double t1 = z + 1.4727148559963001 - 1.0878321059227671E-16;
    if (Math.abs(t1) < 0.0029454297119925997) {
      return t1 * (-0.4669365620402617 + t1 * (0.06662621625651914 + t1 * (0.7791557785249357 + t1 * (1.2343169938086804 + t1 * (0.8134364765320182 + t1 * (-0.7096037069645323 + t1 * (-1.4395182391818522 + t1 * -276.8299518105349)))))));
    }
    if (z <= -1000000.0) {
      return 0.5;
    }
    if (z >= 1000000.0) {
      return 0.5;
    }
    double t2 = Math.abs(z);
    double t3 = z * z;
    double t4 = -4.0 * t3;
    double t5 = t3 * t3 + 4.0;
    double t6 = 1.0 / z;
    double t7 = t6 * t6;
    double t8 = 4.0 * t7 * t7 + 1.0;
    double t9 = t2 <= 1.0 ? t4 * z * (1.0 / t5) : -4.0 * (1.0 / t8) * t6;
    double t10 = Math.exp(-Math.abs(t9));
    double t11 = 1.0 / (1.0 + t10);
    double t12 = t2 <= 1.0 ? t5 : t8 * z * z * z * z;
    return (-t9 >= 0.0 ? t11 : t10 * t11) + 0.25 * ((t2 <= 1.0 ? t4 * t3 + 48.0 : (48.0 * t7 * t7 - 4.0) * z * z * z * z) * z * z * z / (t12 * t12)) * (4.0 * t10 * t11 * t11);
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
   * The kernels of the SIMD companion {@code YatGatedMeanSimd}, in the order of the handle fields, or null
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
      YatGatedMean.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.YatGatedMeanSimd", true, YatGatedMean.class.getClassLoader());
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
