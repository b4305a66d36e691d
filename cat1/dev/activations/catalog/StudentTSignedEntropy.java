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
 * --kernel student-t --hypotheses signed --stat entropy --param nu=3 --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>2*Log[1+(1-z)^2/3]</code>
 *   <li><code>2*Log[1+(1+z)^2/3]</code>
 * </ul>
 *
 * <p>Statistic: <code>((4-2*z+z^2)^2*Log[(2*(16+12*z^2+z^4))/(4-2*z+z^2)^2])/(32+24*z^2+2*z^4)+(1/2+(2*z*(
 * 4+z^2))/(16+12*z^2+z^4))*Log[1+(4-2*z+z^2)^2/(9*(1+(1+z)^2/3)^2)]</code>
 *
 * <p>Derivative: <code>(((-4*(-2+2*z)*(16+12*z^2+z^4))/(4-2*z+z^2)^3+(2*(24*z+4*z^3))/(4-2*z+z^2)^2)*(4-
 * 2*z+z^2)^4)/(2*(16+12*z^2+z^4)*(32+24*z^2+2*z^4))+((1/2+(2*z*(4+z^2))/(16+12*z^2+z^
 * 4))*(4/27*((-1-z)*(4-2*z+z^2)^2)/(1+(1+z)^2/3)^3+2/9*((-2+2*z)*(4-2*z+z^2))/(1+(
 * 1+z)^2/3)^2))/(1+(4-2*z+z^2)^2/(9*(1+(1+z)^2/3)^2))+(-(48*z+8*z^3)*(4-2*z+z^2)^2*Log[(
 * 2*(16+12*z^2+z^4))/(4-2*z+z^2)^2])/(32+24*z^2+2*z^4)^2+(2*(-2+2*z)*(4-2*z+z^2)*Log[(
 * 2*(16+12*z^2+z^4))/(4-2*z+z^2)^2])/(32+24*z^2+2*z^4)+((-2*z*(4+z^2)*(24*z+4*z^3))/(
 * 16+12*z^2+z^4)^2+(4*z^2)/(16+12*z^2+z^4)+(2*(4+z^2))/(16+12*z^2+z^4))*Log[1+(4-2*z+z^
 * 2)^2/(9*(1+(1+z)^2/3)^2)]</code>
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity gives value 0.6931471805599453, derivative 0.0.
 *   <li>-Infinity gives value 0.6931471805599453, derivative 0.0.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 7260 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 1.1e-15 for value (at z = 1.999999498172625), 1.1e-15 for derivative (at z = -31.51529125633553). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 *
 * <p>Float arithmetic: with SIMD ({@link #VECTORIZED}), float[] {@code value}, {@code derivative} and {@code backward} compute in float
 * (twice the lanes of double). That was measured, when this class was derived, to meet the float
 * contract: relative error at most 2^-20 against the exact value rounded to float (absolute
 * 8 * Float.MIN_VALUE below Float.MIN_NORMAL), finite wherever that is finite; {@code backward} adds the
 * rounding of its product. Every other method, and the float[] methods without SIMD,
 * compute in double and round once.
 */
public final class StudentTSignedEntropy {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel student-t --hypotheses signed --stat entropy --param nu=3 --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code StudentTSignedEntropySimd}
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

  private StudentTSignedEntropy() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 0.6931471805599453;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return 0.6931471805599453;
    }
    double t0 = Math.abs(z);
    double t1 = z * z;
    double t2 = (2.0 * t1 + 24.0) * t1 + 32.0;
    double t3 = (((z - 4.0) * z + 12.0) * z - 16.0) * z + 16.0;
    double t4 = 1.0 / z;
    double t5 = t4 * t4;
    double t6 = (32.0 * t5 + 24.0) * t5 + 2.0;
    double t7 = 16.0 * t4;
    double t8 = (((t7 - 16.0) * t4 + 12.0) * t4 - 4.0) * t4 + 1.0;
    double t9 = 1.0 / t2;
    double t10 = 1.0 / t6;
    double t11 = (((z + 4.0) * z + 12.0) * z + 16.0) * z + 16.0;
    double t12 = (((t7 + 16.0) * t4 + 12.0) * t4 + 4.0) * t4 + 1.0;
    return Math.log(t0 <= 1.0 ? t2 / t3 : t6 / t8) * (t0 <= 1.0 ? t3 * t9 : t8 * t10) + (t0 <= 1.0 ? t11 * t9 : t12 * t10) * Math.log(t0 <= 1.0 ? t2 / t11 : t6 / t12);
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
    double t1 = z + 2.0;
    double t2 = 1.0 / z;
    double t3 = Math.log1p(t0 <= 1.0 ? -4.0 * z * (1.0 / (t1 * z + 4.0)) : -4.0 * (1.0 / ((4.0 * t2 + 2.0) * t2 + 1.0)) * t2);
    double t4 = Math.abs(t3);
    double t5 = z - 2.0;
    double t6 = z * z;
    double t7 = t2 * t2;
    double t8 = t0 <= 1.0 ? t5 * t1 / ((t6 + 4.0) * t6 + 16.0) : t5 * t2 * (t1 * t2) / ((16.0 * t7 + 4.0) * t7 + 1.0) * t7;
    if (t4 > 177.79225181362597) {
      double t9 = Math.exp(-t4);
      return 4.0 * -(0.5 * t3 * 8.0 * t8) * t9 * t9;
    }
    return -(0.5 * t3 * 8.0 * t8 * tanhPrime(t3));
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
   * The kernels of the SIMD companion {@code StudentTSignedEntropySimd}, in the order of the handle fields, or null
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
      StudentTSignedEntropy.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.StudentTSignedEntropySimd", true, StudentTSignedEntropy.class.getClassLoader());
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
   * {@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never {@code 1 - tanh(x)^2}, which is 0 beyond |x| ~ 19.
   */
  private static double tanhPrime(double x) {
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }
}
