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
 * --kernel cauchy --hypotheses signed --stat free-energy --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>Log[1+(1-z)^2]</code>
 *   <li><code>Log[1+(1+z)^2]</code>
 * </ul>
 *
 * <p>Statistic: <code>Log[(4+z^4)/(4+2*z^2)]</code>
 *
 * <p>Derivative: <code>(-32*z-16*z^3+40*z^5+24*z^7+4*z^9-z^11)/((4+z^4)*(8+16*z^2+10*z^4+2*z^6))</code>
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
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 3720 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 3.5e-14 for value (at z = 0.10000011179230645), 7.3e-15 for derivative (at z = -0.01365977516549285). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class CauchySignedFreeEnergy {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel cauchy --hypotheses signed --stat free-energy --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code CauchySignedFreeEnergySimd}
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

  private CauchySignedFreeEnergy() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z - 1.4142135623730951 + 9.667293313452891E-17;
    if (Math.abs(t0) < 0.00282842712474619) {
      return t0 * (0.7071067811865476 + t0 * (0.49999999999980166 + t0 * (-0.412478955787875 + t0 * (-0.031249802510944474 + t0 * (0.2563627528371761 + t0 * (-0.19504253899066493 + t0 * (-3.36791694164832 + t0 * 3511.3755175430883)))))));
    }
    double t1 = z + 1.4142135623730951 - 9.66729331345289E-17;
    if (Math.abs(t1) < 0.00282842712474619) {
      return t1 * (-0.7071067811865476 + t1 * (0.49999999999980166 + t1 * (0.4124789557883205 + t1 * (-0.031249802510944454 + t1 * (-0.25636290846317394 + t1 * (-0.19504253899765364 + t1 * (3.3808857492023154 + t1 * 3511.3755180824082)))))));
    }
    double t2 = Math.abs(z);
    if (t2 < 0.1) {
      double t3 = z * z;
      return t3 * (-0.5 + t3 * (0.375 + t3 * (-0.041666666666666664 + t3 * (-0.015625 + t3 * (-0.00625 + t3 * (0.0078125 + t3 * (-0.0011160714285714285 + t3 * -4.8828125E-4)))))));
    }
    double t4 = (z + 2.0) * z + 2.0;
    double t5 = 1.0 / z;
    double t6 = 2.0 * t5;
    double t7 = (t6 + 2.0) * t5;
    double t8 = t7 + 1.0;
    double t9 = Math.log1p(t2 <= 1.0 ? -4.0 * z * (1.0 / t4) : -4.0 * (1.0 / t8) * t5);
    double t10 = -t9;
    double t11 = Math.log1p(Math.exp(-Math.abs(t9)));
    double t13 = 2.0 * Math.log(t2);
    if (t10 >= 0.0) {
      double t12 = (t6 - 2.0) * t5;
      return -(Math.max(t9, 0.0) + t11) + (t2 <= 1.0 ? Math.log(t2 <= 1.0 ? (z - 2.0) * z + 2.0 : (t12 + 1.0) * z * z) : t13 + Math.log1p(t12));
    }
    return -(Math.max(t10, 0.0) + t11) + (t2 <= 1.0 ? Math.log(t2 <= 1.0 ? t4 : t8 * z * z) : t13 + Math.log1p(t7));
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z - 0.9101797211244547 - 1.6682819691315145E-17;
    if (Math.abs(t0) < 0.002) {
      return t0 * (1.4142135623730951 + t0 * (0.9653913793581046 + t0 * (-1.9748737340478486 + t0 * (-0.9223076836914543 + t0 * (1.7810410977979563 + t0 * (0.976857755753807 + t0 * (8.618133296621098 + t0 * 8232.11874419172)))))));
    }
    double t1 = z + 0.9101797211244547 + 1.6682819691315145E-17;
    if (Math.abs(t1) < 0.002) {
      return t1 * (1.414213562373095 + t1 * (-0.9653913793581053 + t1 * (-1.9748737340469267 + t1 * (0.9223076850180785 + t1 * (1.7810405374078209 + t1 * (-0.9774090687109623 + t1 * (8.703732871436003 + t1 * -8165.590088227909)))))));
    }
    double t2 = Math.abs(z);
    double t3 = z * z;
    double t4 = 1.0 / z;
    double t5 = t4 * t4;
    double t6 = z + 1.4142135623730951 - 9.667293313452913E-17;
    double t7 = z - 1.4142135623730951 + 9.667293313452913E-17;
    return (t2 <= 1.0 ? 2.0 * t3 * z / (t3 * t3 + 4.0) : 2.0 / (4.0 * t5 * t5 + 1.0) * t4) + -0.5 * tanh(0.5 * Math.log1p(t2 <= 1.0 ? -4.0 * z / ((z + 2.0) * z + 2.0) : -4.0 / ((2.0 * t4 + 2.0) * t4 + 1.0) * t4)) * (t2 <= 1.0 ? t6 * t7 * -4.0 / (-z * t3 * z - 4.0) : t6 * t4 * (t7 * t4) * -4.0 / (-4.0 * t5 * t5 - 1.0) * t5);
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
   * The kernels of the SIMD companion {@code CauchySignedFreeEnergySimd}, in the order of the handle fields, or null
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
      CauchySignedFreeEnergy.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.CauchySignedFreeEnergySimd", true, CauchySignedFreeEnergy.class.getClassLoader());
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
}
