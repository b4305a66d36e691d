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
 * --kernel student-t --hypotheses signed --stat free-energy --param nu=3 --param s=1
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>2*Log[1+(1-z)^2/3]</code>
 *   <li><code>2*Log[1+(1+z)^2/3]</code>
 * </ul>
 *
 * <p>Statistic: <code>Log[(16+4*z^2+z^4)^2/(288+216*z^2+18*z^4)]</code>
 *
 * <p>Derivative: <code>(-4*z*(32-40*z^2-18*z^4-z^6))/((4-2*z+z^2)*(4+2*z+z^2)*(16+12*z^2+z^4))</code>
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
 * <p>Accuracy: Measured when this class was derived, at 10000 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 32 of them decided by the high-precision evaluator, the rest by its double-double fast path; 4052 stream inputs that only the high-precision evaluator could decide were passed over), against an independent high-precision evaluation of the definition: worst relative error 1.7e-14 for value (at z = -1.4054356426943428), 8.0e-16 for derivative (at z = 1.0000000196001908). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class StudentTSignedFreeEnergy {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel student-t --hypotheses signed --stat free-energy --param nu=3 --param s=1";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code StudentTSignedFreeEnergySimd}
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

  private StudentTSignedFreeEnergy() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z - 1.4312545703723347 + 5.651589059331718E-17;
    if (Math.abs(t0) < 0.014312545703723348) {
      return t0 * (0.6037680112608863 + t0 * (0.4681122099391987 + t0 * (-0.10371156703488173 + t0 * (-0.08302753856471148 + t0 * (0.05256654504170917 + t0 * (4.33751328099125E-5 + t0 * (-0.01185266695512113 + t0 * (-0.07027568055153349 + t0 * (2.4994251237628538 + t0 * 147.18081502474948)))))))));
    }
    double t1 = z + 1.4312545703723347 - 5.651589059331718E-17;
    if (Math.abs(t1) < 0.014312545703723348) {
      return t1 * (-0.6037680112608863 + t1 * (0.4681122099391984 + t1 * (0.10371156703490388 + t1 * (-0.08302753854045829 + t1 * (-0.05256654491746554 + t1 * (4.300484931302082E-5 + t1 * (0.011847328322557032 + t1 * (-0.06822414657532738 + t1 * (-2.477632836530406 + t1 * 143.35105763807348)))))))));
    }
    double t2 = Math.abs(z);
    double t4 = 1.0 / z;
    double t5 = t4 * t4;
    double t6 = ((((256.0 * t5 + 128.0) * t5 + 48.0) * t5 + 8.0) * t5 + 1.0) * (1.0 / ((288.0 * t5 + 216.0) * t5 + 18.0));
    if (t2 <= 1.0) {
      double t3 = z * z;
      return Math.log(t2 <= 1.0 ? ((((t3 + 8.0) * t3 + 48.0) * t3 + 128.0) * t3 + 256.0) / ((18.0 * t3 + 216.0) * t3 + 288.0) : t6 * z * z * z * z);
    }
    return 4.0 * Math.log(t2) + Math.log(t6);
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z - 0.7878254836962436 - 1.6187818387440473E-17;
    if (Math.abs(t0) < 0.002) {
      return t0 * (0.7011567161853732 + t0 * (0.7598539202148986 + t0 * (-0.5465432859669148 + t0 * (-0.266484595574328 + t0 * (0.30156727486268736 + t0 * (0.00621034093704901 + t0 * (2.0634736442062778 + t0 * -7104.21541861073)))))));
    }
    double t1 = z + 0.7878254836962436 + 1.6187818387440473E-17;
    if (Math.abs(t1) < 0.002) {
      return t1 * (0.7011567161853733 + t1 * (-0.7598539202148981 + t1 * (-0.5465432859665134 + t1 * (0.2664845949889513 + t1 * (0.3015671036580986 + t1 * (-0.0059853008257485605 + t1 * (2.0818641913731732 + t1 * 7074.266283596805)))))));
    }
    if (Math.abs(z) <= 1.0) {
      double t2 = z * z;
      return (((4.0 * t2 + 72.0) * t2 + 160.0) * t2 - 128.0) * z / ((((t2 + 16.0) * t2 + 80.0) * t2 + 256.0) * t2 + 256.0);
    }
    double t3 = 1.0 / z;
    double t4 = t3 * t3;
    return (((-128.0 * t4 + 160.0) * t4 + 72.0) * t4 + 4.0) / ((((256.0 * t4 + 256.0) * t4 + 80.0) * t4 + 16.0) * t4 + 1.0) * t3;
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
   * The kernels of the SIMD companion {@code StudentTSignedFreeEnergySimd}, in the order of the handle fields, or null
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
      StudentTSignedFreeEnergy.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.StudentTSignedFreeEnergySimd", true, StudentTSignedFreeEnergy.class.getClassLoader());
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
