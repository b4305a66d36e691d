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
 * --kernel gaussian --hypotheses signed --stat mean --free s
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>(1-z)^2/(2*s^2)</code>
 *   <li><code>(1+z)^2/(2*s^2)</code>
 * </ul>
 *
 * <p>Statistic: <code>Tanh[z/s^2]</code>
 *
 * <p>Derivative: <code>Sech[z/s^2]^2/s^2</code>
 *
 * <p>Free parameters, the trailing arguments of every method in this order: <code>s</code>. {@code d<Name>} methods give the derivatives with respect to them.
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity: no limit is stated; the formula is evaluated.
 *   <li>-Infinity: no limit is stated; the formula is evaluated.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 15977 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 0 of them decided by the high-precision evaluator, the rest by its double-double fast path; 0 stream inputs that only the high-precision evaluator could decide were passed over) with s = 1.0 (and at other values in the parameters' domains, where named), against an independent high-precision evaluation of the definition: worst relative error 5.3e-15 for value (at z = 0.014563543175285076), 4.2e-16 for derivative (at z = -3.2959753519884742), 5.4e-16 for dS (at z = -6.1636180522798725), 1.3e-15 for value with s = 3.3363847171219008 (at z = -0.39129562820438935), 2.1e-14 for derivative with s = 3.3363847171219008 (at z = -2438.8215348451886), 2.1e-14 for dS with s = 3.3363847171219008 (at z = -2438.8215348451886), 6.9e-16 for value with s = 0.5255469488417102 (at z = -0.030636047631375618), 5.6e-14 for derivative with s = 0.5255469488417102 (at z = -62.636830887793636), 5.6e-14 for dS with s = 0.5255469488417102 (at z = -62.636830887793636), 2.1e-15 for value with s = 2.43772512818361 (at z = -0.07244694100231923), 2.5e-15 for derivative with s = 2.43772512818361 (at z = -279.42347799128606), 2.4e-15 for dS with s = 2.43772512818361 (at z = -279.42347799128606). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class GaussianSignedMeanScaleFree {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel gaussian --hypotheses signed --stat mean --free s";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code GaussianSignedMeanScaleFreeSimd}
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

  private GaussianSignedMeanScaleFree() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z, double s) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = Math.abs(s);
    if (t0 >= 1.4916681462400413E-154 && t0 <= 6.7039039649712985E153) {
      return tanh(z / (s * s));
    }
    return tanh(z / s / s);
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z, double s) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = Math.abs(s);
    if (t0 >= 1.4916681462400413E-154 && t0 <= 6.7039039649712985E153) {
      double t1 = 1.0 / (s * s);
      double t2 = z * t1;
      double t3 = Math.abs(t2);
      if (t3 > 177.79225181362597) {
        double t4 = Math.exp(-t3);
        return 4.0 * t1 * t4 * t4;
      }
      return tanhPrime(t2) * t1;
    }
    double t5 = z / s / s;
    double t6 = Math.abs(t5);
    if (t6 > 177.79225181362597) {
      double t7 = Math.exp(-t6);
      if (t7 == 0.0) {
        return 0.0;
      }
      return 4.0 * (t7 / s / s) * t7;
    }
    return tanhPrime(t5) / s / s;
  }

  /**
   * The derivative of the activation with respect to the parameter {@code s}.
   */
  public static double dS(double z, double s) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = Math.abs(s);
    if (t0 >= 4.4647944971963866E-103 && t0 <= 4.4794894843556084E102) {
      double t1 = 1.0 / (s * s);
      double t2 = 2.0 * t1 * z;
      double t4 = -2.0 * t1 * z;
      double t5 = logistic(t4);
      double t6 = s * s * s;
      if (t2 < -354.19820926613204) {
        double t3 = Math.exp(0.5 * t2);
        return -((t3 * t5 == 0.0 ? 0.0 : 8.0 * t5) / t6 * z) * t3 * t3;
      }
      double t7 = logistic(t2);
      if (t4 < -354.19820926613204) {
        double t8 = Math.exp(0.5 * t4);
        return -((t7 * t8 == 0.0 ? 0.0 : 8.0 * t7) / t6 * z) * t8 * t8;
      }
      return -((t7 * t5 == 0.0 ? 0.0 : 8.0 * t7 * t5) / t6 * z);
    }
    double t9 = z / s / s;
    double t10 = 2.0 * t9;
    double t12 = -2.0 * t9;
    double t13 = logistic(t12);
    double t14 = t9 / s;
    if (t10 < -354.19820926613204) {
      double t11 = Math.exp(0.5 * t10);
      return (t11 == 0.0 ? 0.0 : -(t11 * t13 == 0.0 ? 0.0 : (t13 == 0.0 ? 0.0 : 8.0 * t13) * t14) * t11) * t11;
    }
    double t16 = logistic(t10);
    if (t12 < -354.19820926613204) {
      double t15 = Math.exp(0.5 * t12);
      return (t15 == 0.0 ? 0.0 : -(t16 * t15 == 0.0 ? 0.0 : (t16 == 0.0 ? 0.0 : 8.0 * t16) * t14) * t15) * t15;
    }
    return -(t16 * t13 == 0.0 ? 0.0 : 8.0 * t16 * t13 * t14);
  }

  /**
   * {@link #value(double, double)} in float, computed in double and rounded once.
   */
  public static float value(float z, double s) {
    return (float) value((double) z, s);
  }

  /**
   * {@link #derivative(double, double)} in float, computed in double and rounded once.
   */
  public static float derivative(float z, double s) {
    return (float) derivative((double) z, s);
  }

  /**
   * The kernels of the SIMD companion {@code GaussianSignedMeanScaleFreeSimd}, in the order of the handle fields, or null
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
      GaussianSignedMeanScaleFree.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.GaussianSignedMeanScaleFreeSimd", true, GaussianSignedMeanScaleFree.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle[] h = new MethodHandle[6];
      h[0] = lookup.findStatic(c, "value", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class, double.class));
      h[1] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class, double.class));
      h[2] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, double[].class, double[].class, double[].class, int.class, int.class, double.class));
      h[3] = lookup.findStatic(c, "value", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class, double.class));
      h[4] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class, double.class));
      h[5] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, float[].class, float[].class, float[].class, int.class, int.class, double.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(double[] in, int inOff, double[] out, int outOff, int len, double s) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE != null) {
      try {
        i = (int) SIMD_VALUE.invokeExact(in, inOff, out, outOff, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i], s);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(double[] in, int inOff, double[] out, int outOff, int len,
      double s) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE != null) {
      try {
        i = (int) SIMD_DERIVATIVE.invokeExact(in, inOff, out, outOff, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i], s);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, int off, int len,
      double s) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD != null) {
      try {
        i = (int) SIMD_BACKWARD.invokeExact(in, upstream, gradIn, off, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = upstream[off + i] * derivative(in[off + i], s);
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length, s)}.
   */
  public static void value(double[] in, double[] out, double s) {
    value(in, 0, out, 0, in.length, s);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length, s)}.
   */
  public static void derivative(double[] in, double[] out, double s) {
    derivative(in, 0, out, 0, in.length, s);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length, s)}.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, double s) {
    backward(in, upstream, gradIn, 0, in.length, s);
  }

  /**
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(float[] in, int inOff, float[] out, int outOff, int len, double s) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE_FLOAT != null) {
      try {
        i = (int) SIMD_VALUE_FLOAT.invokeExact(in, inOff, out, outOff, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i], s);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(float[] in, int inOff, float[] out, int outOff, int len, double s) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE_FLOAT != null) {
      try {
        i = (int) SIMD_DERIVATIVE_FLOAT.invokeExact(in, inOff, out, outOff, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i], s);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, int off, int len,
      double s) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD_FLOAT != null) {
      try {
        i = (int) SIMD_BACKWARD_FLOAT.invokeExact(in, upstream, gradIn, off, len, s);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = (float) (upstream[off + i] * derivative((double) in[off + i], s));
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length, s)}.
   */
  public static void value(float[] in, float[] out, double s) {
    value(in, 0, out, 0, in.length, s);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length, s)}.
   */
  public static void derivative(float[] in, float[] out, double s) {
    derivative(in, 0, out, 0, in.length, s);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length, s)}.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, double s) {
    backward(in, upstream, gradIn, 0, in.length, s);
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
   * The logistic function {@code 1 / (1 + e^-x)}, branching on the sign of x so that {@code exp} never overflows.
   */
  private static double logistic(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /**
   * {@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never {@code 1 - tanh(x)^2}, which is 0 beyond |x| ~ 19.
   */
  private static double tanhPrime(double x) {
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }
}
