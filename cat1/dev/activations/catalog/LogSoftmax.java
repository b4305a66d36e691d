package dev.activations.catalog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated layer activation; do not edit. Regenerate with:
 *
 * <pre>
 * derive --layer --kernel linear --stat log-responsibilities
 * </pre>
 *
 * <p>The input {@code z[0..n-1]} is split into groups of {@link #GROUP} consecutive units ({@code GROUP = 0}: one group).
 * Unit {@code j} of a group has the energy {@code e_j = e(z_j)} with
 *
 * <pre>
 * e(z)  = -z
 * e'(z) = -1
 * </pre>
 *
 * and per group {@code A = log sum_k exp(-e_k)}, {@code r_j = exp(-e_j - A)}. The statistic: {@code log r_j = -e_j - A (log-softmax)}, one output per unit.
 *
 * <p>Backward (upstream {@code u}), derived from the local form {@code f = -A-e}, {@code g = 0} and the implicit-EM identities {@code dA/de_j = -r_j},
 * {@code dr_i/de_j = -r_i (delta_ij - r_j)}:
 *
 * <pre>
 * grad_j = u_j p_j + e'_j (u_j a_j + r_j (sum_i u_i b_i - U g'(A)))
 * p = 0,  a = -1,  b = 1,  g' = 0
 * </pre>
 *
 * <p>Checks made when this class was derived:
 *
 * <ul>
 *   <li>implicit-EM identity dA/de_j = -r_j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i = j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i != j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>backward rule = d/dz of the written-out statistic (2 units): holds (largest |difference| 0.0e+00 at z = 0.375, -1.25, u = 0.5, -2)
 *   <li>backward rule = d/dz of the written-out statistic (3 units): holds (largest |difference| 0.0e+00 at z = 0.75, -0.5, 1.625, u = 1.5, -0.25, 0.875)
 * </ul>
 *
 * <p>Evaluation: one pass per group keeps the winning unit (lowest energy {@code m}) and the sum {@code s = sum_k exp(-x_k)},
 * rescaled when the winner changes, where {@code x_k = e_k - m} is the unit's gap to the winner, taken by {@code gap}
 * (not as a difference of rounded energies where that loses digits); outputs use the shifted quantities
 * ({@code r_j = exp(-x_j) / s}, {@code log r_j = -x_j - log s}, {@code H = log s + sum_k r_k x_k}, {@code F = m - log s}),
 * so no gap is exponentiated upwards and no {@code 0 * log 0} is formed. No method allocates.
 *
 * <p>With SIMD ({@link #VECTORIZED}), a {@code double[]} group of at least one vector takes the minimum energy in a
 * pass of its own and exponentiates once per unit; the backward pass takes its reduction relative to
 * the winning unit the same way. Groups with a NaN or an infinite minimum go to the plain code.
 *
 * <p>With SIMD, {@code value(float[] ...)} computes in float (groups of at least one float vector):
 * the gaps as exact sums of two floats, a float exponential, within 2^-20 relative of the exact value
 * (scale floor {@code Float.MIN_NORMAL}). Without SIMD it computes in double and rounds once.
 *
 * <p>Special inputs: a NaN in a group makes that group's outputs (and gradients) NaN; units at energy
 * {@code -Infinity} share the responsibility equally (the limit), units at {@code +Infinity} get none; a group
 * whose winner sits at an infinite input with energy {@code +Infinity} has no limit and gives NaN.
 * Energies that overflow at finite inputs are still ordered by their gaps.
 *
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * each output within 1e-12 relative (scale floor {@code Double.MIN_NORMAL}); per group, the gradient within
 * 1e-10 of its largest component. The {@code float[]} methods other than that kernel compute in double and round once.
 */
public final class LogSoftmax {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--layer --kernel linear --stat log-responsibilities";

  /**
   * Units per group, or 0: the whole input is one group.
   */
  public static final int GROUP = 0;

  /**
   * True: one output per unit ({@code n}); false: one output per group ({@code n / G}).
   */
  public static final boolean PER_UNIT = true;

  /**
   * Whether {@code value(double[] ...)} and {@code backward(double[] ...)} (and {@code value(float[] ...)}, which then
   * computes in float) use SIMD ({@code jdk.incubator.vector});
   * decided once, when this class initialises: true when the JVM runs with {@code --add-modules
   * jdk.incubator.vector}, the system property {@code dev.activations.simd} is not {@code false}, and the companion class {@code LogSoftmaxSimd}
   * (compiled from its own source file with that module) is present. Results agree with the plain-Java code to within
   * the numerical contract either way.
   */
  public static final boolean VECTORIZED;

  private static final MethodHandle SIMD_VALUE;

  private static final MethodHandle SIMD_BACKWARD;

  private static final MethodHandle SIMD_VALUE_FLOAT;

  static {
    MethodHandle[] h = simdHandles();
    VECTORIZED = h != null;
    SIMD_VALUE = h == null ? null : h[0];
    SIMD_BACKWARD = h == null ? null : h[1];
    SIMD_VALUE_FLOAT = h == null ? null : h[2];
  }

  private LogSoftmax() {
  }

  /**
   * The kernels of the SIMD companion {@code LogSoftmaxSimd}, in the order of the handle fields, or null
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
      LogSoftmax.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.LogSoftmaxSimd", true, LogSoftmax.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle[] h = new MethodHandle[3];
      h[0] = lookup.findStatic(c, "value", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class));
      h[1] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class, int.class));
      h[2] = lookup.findStatic(c, "valueFloat", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Writes the outputs of the {@code n} units {@code z[zOff .. zOff + n - 1]} to {@code out[outOff ..]} ({@code n} outputs).
   *
   * @throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(double[] z, int zOff, double[] out, int outOff, int n) {
    int g = groupSize(n);
    Objects.checkFromIndexSize(zOff, n, z.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
    for (int b = 0; b < n; b += g) {
      valueGroup(z, zOff + b, out, outOff + b, g);
    }
  }

  /**
   * The vector-Jacobian product: writes {@code gradZ[gOff + j] = sum_i upstream_i d out_i / d z_j} for the
   * {@code n} units; {@code upstream} has as many entries as {@code value} writes (n).
   * {@code gradZ} must not overlap {@code z} or {@code upstream}.
   *
   * @throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(double[] z, int zOff, double[] upstream, int upOff, double[] gradZ,
      int gOff, int n) {
    int g = groupSize(n);
    Objects.checkFromIndexSize(zOff, n, z.length);
    Objects.checkFromIndexSize(upOff, n, upstream.length);
    Objects.checkFromIndexSize(gOff, n, gradZ.length);
    for (int b = 0; b < n; b += g) {
      backwardGroup(z, zOff + b, upstream, upOff + b, gradZ, gOff + b, g);
    }
  }

  /**
   * {@code value(z, 0, out, 0, z.length)}.
   */
  public static void value(double[] z, double[] out) {
    value(z, 0, out, 0, z.length);
  }

  /**
   * {@code backward(z, 0, upstream, 0, gradZ, 0, z.length)}.
   */
  public static void backward(double[] z, double[] upstream, double[] gradZ) {
    backward(z, 0, upstream, 0, gradZ, 0, z.length);
  }

  /**
   * Writes the outputs of the {@code n} units {@code z[zOff .. zOff + n - 1]} to {@code out[outOff ..]} ({@code n} outputs).
   *
   * @throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(float[] z, int zOff, float[] out, int outOff, int n) {
    int g = groupSize(n);
    Objects.checkFromIndexSize(zOff, n, z.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
    for (int b = 0; b < n; b += g) {
      valueGroup(z, zOff + b, out, outOff + b, g);
    }
  }

  /**
   * The vector-Jacobian product: writes {@code gradZ[gOff + j] = sum_i upstream_i d out_i / d z_j} for the
   * {@code n} units; {@code upstream} has as many entries as {@code value} writes (n).
   * {@code gradZ} must not overlap {@code z} or {@code upstream}.
   *
   * @throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(float[] z, int zOff, float[] upstream, int upOff, float[] gradZ,
      int gOff, int n) {
    int g = groupSize(n);
    Objects.checkFromIndexSize(zOff, n, z.length);
    Objects.checkFromIndexSize(upOff, n, upstream.length);
    Objects.checkFromIndexSize(gOff, n, gradZ.length);
    for (int b = 0; b < n; b += g) {
      backwardGroup(z, zOff + b, upstream, upOff + b, gradZ, gOff + b, g);
    }
  }

  /**
   * {@code value(z, 0, out, 0, z.length)}.
   */
  public static void value(float[] z, float[] out) {
    value(z, 0, out, 0, z.length);
  }

  /**
   * {@code backward(z, 0, upstream, 0, gradZ, 0, z.length)}.
   */
  public static void backward(float[] z, float[] upstream, float[] gradZ) {
    backward(z, 0, upstream, 0, gradZ, 0, z.length);
  }

  /**
   * The group size for {@code n} units.
   */
  private static int groupSize(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n < 0: " + n);
    }
    return Math.max(n, 1);
  }

  /**
   * One group of {@code g} units.
   */
  private static void valueGroup(double[] z, int zo, double[] out, int oo, int g) {
    int done = 1;
    if (SIMD_VALUE != null) {
      try {
        done = (int) SIMD_VALUE.invokeExact(z, zo, out, oo, g);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (done == 0) {
      return;
    }
    double m = energy(z[zo]);
    double zw = z[zo];
    double s = 1.0;
    double t = 0.0;
    int win = 0;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        // a new winner: the old weights scale by exp(e_old - e_new) = exp(x)
        t = s * Math.exp(x);
        s = t + 1.0;
        win = k;
        m = e;
        zw = z[zo + k];
      } else {
        double w = weight(x);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0) || (m == Double.POSITIVE_INFINITY && Double.isInfinite(zw))) {
      // a NaN input, or no limit
      for (int j = 0; j < g; j++) {
        out[oo + j] = Double.NaN;
      }
      return;
    }
    double inv = 1.0 / s;
    double logS = Math.log1p(t);
    for (int j = 0; j < g; j++) {
      out[oo + j] = (0.0 - gap(z[zo + j], zw, energy(z[zo + j]), m) - logS);
    }
  }

  /**
   * One group of {@code g} units: the backward rule in the class comment.
   */
  private static void backwardGroup(double[] z, int zo, double[] upstream, int uo, double[] gradZ,
      int go, int g) {
    int done = 1;
    if (SIMD_BACKWARD != null) {
      try {
        done = (int) SIMD_BACKWARD.invokeExact(z, zo, upstream, uo, gradZ, go, g);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (done == 0) {
      return;
    }
    double m = energy(z[zo]);
    double zw = z[zo];
    double s = 1.0;
    double t = 0.0;
    int win = 0;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        // a new winner: the old weights scale by exp(e_old - e_new) = exp(x)
        t = s * Math.exp(x);
        s = t + 1.0;
        win = k;
        m = e;
        zw = z[zo + k];
      } else {
        double w = weight(x);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0) || (m == Double.POSITIVE_INFINITY && Double.isInfinite(zw))) {
      // a NaN input, or no limit
      for (int j = 0; j < g; j++) {
        gradZ[go + j] = Double.NaN;
      }
      return;
    }
    double inv = 1.0 / s;
    double acc = 0.0;
    for (int k = 0; k < g; k++) {
      acc += upstream[uo + k];
    }
    for (int j = 0; j < g; j++) {
      double x = gap(z[zo + j], zw, energy(z[zo + j]), m);
      double r = weight(x) * inv;
      gradZ[go + j] = (-slope(z[zo + j]) * (upstream[uo + j] - r * acc));
    }
  }

  /**
   * One group of {@code g} units.
   */
  private static void valueGroup(float[] z, int zo, float[] out, int oo, int g) {
    int done = 1;
    if (SIMD_VALUE_FLOAT != null) {
      try {
        done = (int) SIMD_VALUE_FLOAT.invokeExact(z, zo, out, oo, g);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (done == 0) {
      return;
    }
    double m = energy(z[zo]);
    double zw = z[zo];
    double s = 1.0;
    double t = 0.0;
    int win = 0;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        // a new winner: the old weights scale by exp(e_old - e_new) = exp(x)
        t = s * Math.exp(x);
        s = t + 1.0;
        win = k;
        m = e;
        zw = z[zo + k];
      } else {
        double w = weight(x);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0) || (m == Double.POSITIVE_INFINITY && Double.isInfinite(zw))) {
      // a NaN input, or no limit
      for (int j = 0; j < g; j++) {
        out[oo + j] = Float.NaN;
      }
      return;
    }
    double inv = 1.0 / s;
    double logS = Math.log1p(t);
    for (int j = 0; j < g; j++) {
      out[oo + j] = (float) (0.0 - gap(z[zo + j], zw, energy(z[zo + j]), m) - logS);
    }
  }

  /**
   * One group of {@code g} units: the backward rule in the class comment.
   */
  private static void backwardGroup(float[] z, int zo, float[] upstream, int uo, float[] gradZ,
      int go, int g) {
    double m = energy(z[zo]);
    double zw = z[zo];
    double s = 1.0;
    double t = 0.0;
    int win = 0;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        // a new winner: the old weights scale by exp(e_old - e_new) = exp(x)
        t = s * Math.exp(x);
        s = t + 1.0;
        win = k;
        m = e;
        zw = z[zo + k];
      } else {
        double w = weight(x);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0) || (m == Double.POSITIVE_INFINITY && Double.isInfinite(zw))) {
      // a NaN input, or no limit
      for (int j = 0; j < g; j++) {
        gradZ[go + j] = Float.NaN;
      }
      return;
    }
    double inv = 1.0 / s;
    double acc = 0.0;
    for (int k = 0; k < g; k++) {
      acc += upstream[uo + k];
    }
    for (int j = 0; j < g; j++) {
      double x = gap(z[zo + j], zw, energy(z[zo + j]), m);
      double r = weight(x) * inv;
      gradZ[go + j] = (float) (-slope(z[zo + j]) * (upstream[uo + j] - r * acc));
    }
  }

  /**
   * The unit energy {@code e(z)}.
   */
  private static double energy(double z) {
    return -z;
  }

  /**
   * The derivative {@code e'(z)} of the unit energy.
   */
  private static double slope(double z) {
    return -1.0;
  }

  /**
   * {@code e(a) - e(b)} by the midpoint rule {@code (a - b) e'((a + b) / 2)} (exact: the energy has degree 2 at most), so that energies that
   * round to the same double, or overflow, keep their difference; halved first, so that no sum overflows.
   */
  private static double gap(double a, double b, double ea, double eb) {
    if (a == b) {
      return 0.0;
    }
    double h = 0.5 * a - 0.5 * b;
    double c = 0.5 * a + 0.5 * b;
    double sc = slope(c);
    double mid = 2.0 * (h * sc);
    // a product that underflows keeps its sign: units whose energies differ are never tied
    if (mid == 0.0 && sc != 0.0) {
      mid = Math.copySign(Double.MIN_VALUE, h * Math.signum(sc));
    }
    return mid;
  }

  /**
   * {@code exp(-x)} for a gap {@code x >= 0}: exactly 1 at 0.
   */
  private static double weight(double x) {
    return x == 0.0 ? 1.0 : Math.exp(-x);
  }

  /**
   * {@code q exp(-x)} for a gap {@code x >= 0}, without the underflow of {@code exp(-x)} alone where {@code q} is large.
   */
  private static double times(double q, double x) {
    if (x < 700.0) {
      return x == 0.0 ? q : q * Math.exp(-x);
    }
    double h = Math.exp(-0.5 * x);
    return q * h * h;
  }
}
