package dev.activations.catalog;

import java.util.Objects;

/**
 * Generated layer activation; do not edit. Regenerate with:
 *
 * <pre>
 * derive --layer --kernel linear --stat mode
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
 * and per group {@code A = log sum_k exp(-e_k)}, {@code r_j = exp(-e_j - A)}. The statistic: {@code one-hot of the lowest energy, ties shared equally (the T -&gt; 0 limit)}, one output per unit.
 *
 * <p>Backward: the mode is piecewise constant, so its gradient is 0 (NaN for a group with a NaN).
 * <p>Checks made when this class was derived:
 *
 * <ul>
 *   <li>implicit-EM identity dA/de_j = -r_j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i = j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i != j (3 units): holds (Together[lhs - rhs] = 0)
 * </ul>
 *
 * <p>Evaluation: one pass per group keeps the winning unit (lowest energy {@code m}) and the sum {@code s = sum_k exp(-x_k)},
 * rescaled when the winner changes, where {@code x_k = e_k - m} is the unit's gap to the winner, taken by {@code gap}
 * (not as a difference of rounded energies where that loses digits); outputs use the shifted quantities
 * ({@code r_j = exp(-x_j) / s}, {@code log r_j = -x_j - log s}, {@code H = log s + sum_k r_k x_k}, {@code F = m - log s}),
 * so no gap is exponentiated upwards and no {@code 0 * log 0} is formed. No method allocates.
 *
 * <p>Special inputs: a NaN in a group makes that group's outputs (and gradients) NaN; units at energy
 * {@code -Infinity} share the responsibility equally (the limit), units at {@code +Infinity} get none; a group
 * whose winner sits at an infinite input with energy {@code +Infinity} has no limit and gives NaN.
 * Energies that overflow at finite inputs are still ordered by their gaps.
 *
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * each output within 1e-12 relative (scale floor {@code Double.MIN_NORMAL}); per group, the gradient within
 * 1e-10 of its largest component. The {@code float[]} methods compute in double and round once.
 */
public final class HardMax {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--layer --kernel linear --stat mode";

  /**
   * Units per group, or 0: the whole input is one group.
   */
  public static final int GROUP = 0;

  /**
   * True: one output per unit ({@code n}); false: one output per group ({@code n / G}).
   */
  public static final boolean PER_UNIT = true;

  private HardMax() {
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
    double m = energy(z[zo]);
    double zw = z[zo];
    boolean nan = m != m;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        m = e;
        zw = z[zo + k];
      } else if (x != x) {
        nan = true;
      }
    }
    int c = 0;
    for (int k = 0; k < g; k++) {
      if (gap(z[zo + k], zw, energy(z[zo + k]), m) == 0.0) {
        c++;
      }
    }
    for (int j = 0; j < g; j++) {
      out[oo + j] = nan ? Double.NaN : gap(z[zo + j], zw, energy(z[zo + j]), m) == 0.0 ? (1.0 / c) : 0;
    }
  }

  /**
   * One group of {@code g} units: the backward rule in the class comment.
   */
  private static void backwardGroup(double[] z, int zo, double[] upstream, int uo, double[] gradZ,
      int go, int g) {
    double m = energy(z[zo]);
    double zw = z[zo];
    boolean nan = m != m;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        m = e;
        zw = z[zo + k];
      } else if (x != x) {
        nan = true;
      }
    }
    int c = 0;
    for (int k = 0; k < g; k++) {
      if (gap(z[zo + k], zw, energy(z[zo + k]), m) == 0.0) {
        c++;
      }
    }
    for (int j = 0; j < g; j++) {
      gradZ[go + j] = nan ? Double.NaN : 0;
    }
  }

  /**
   * One group of {@code g} units.
   */
  private static void valueGroup(float[] z, int zo, float[] out, int oo, int g) {
    double m = energy(z[zo]);
    double zw = z[zo];
    boolean nan = m != m;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        m = e;
        zw = z[zo + k];
      } else if (x != x) {
        nan = true;
      }
    }
    int c = 0;
    for (int k = 0; k < g; k++) {
      if (gap(z[zo + k], zw, energy(z[zo + k]), m) == 0.0) {
        c++;
      }
    }
    for (int j = 0; j < g; j++) {
      out[oo + j] = nan ? Float.NaN : gap(z[zo + j], zw, energy(z[zo + j]), m) == 0.0 ? (float) (1.0 / c) : 0;
    }
  }

  /**
   * One group of {@code g} units: the backward rule in the class comment.
   */
  private static void backwardGroup(float[] z, int zo, float[] upstream, int uo, float[] gradZ,
      int go, int g) {
    double m = energy(z[zo]);
    double zw = z[zo];
    boolean nan = m != m;
    for (int k = 1; k < g; k++) {
      double e = energy(z[zo + k]);
      double x = gap(z[zo + k], zw, e, m);
      if (x < 0.0) {
        m = e;
        zw = z[zo + k];
      } else if (x != x) {
        nan = true;
      }
    }
    int c = 0;
    for (int k = 0; k < g; k++) {
      if (gap(z[zo + k], zw, energy(z[zo + k]), m) == 0.0) {
        c++;
      }
    }
    for (int j = 0; j < g; j++) {
      gradZ[go + j] = nan ? Float.NaN : 0;
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
}
