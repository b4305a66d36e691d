package dev.activations.deriver.lowering;

/**
 * Small dense linear systems (the local expansions' coefficients: a root splice's, a tail's fit),
 * solved in double by Gaussian elimination with partial pivoting. Kept here, not taken from a
 * library, because the splices' coefficients are part of the emitted bytes: this exact sequence of
 * operations is what the catalog was generated with.
 */
public final class LinearSystems {
  private LinearSystems() {}

  /**
   * The coefficients {@code c_0 .. c_(n-1)} of the polynomial {@code sum_j c_j u^j} through the n
   * points {@code (u_k, values_k)} (the interpolation every local expansion makes: Chebyshev nodes
   * mapped onto [-1, 1]); empty where the system is singular or a coefficient is not finite.
   */
  public static java.util.Optional<double[]> polynomialThrough(double[] u, double[] values) {
    int n = u.length;
    double[][] a = new double[n][n];
    for (int k = 0; k < n; k++) {
      double p = 1;
      for (int j = 0; j < n; j++) {
        a[k][j] = p;
        p *= u[k];
      }
    }
    double[] c = solve(a, values.clone());
    if (c == null) return java.util.Optional.empty();
    for (double x : c) if (!Double.isFinite(x)) return java.util.Optional.empty();
    return java.util.Optional.of(c);
  }

  /** The solution x of {@code a x = b}, or null when a pivot is 0; {@code a} and {@code b} are overwritten. */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
      if (a[piv][col] == 0) return null;
      double[] tr = a[col];
      a[col] = a[piv];
      a[piv] = tr;
      double tb = b[col];
      b[col] = b[piv];
      b[piv] = tb;
      for (int r = col + 1; r < n; r++) {
        double m = a[r][col] / a[col][col];
        for (int c = col; c < n; c++) a[r][c] -= m * a[col][c];
        b[r] -= m * b[col];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int c = r + 1; c < n; c++) s -= a[r][c] * x[c];
      x[r] = s / a[r][r];
    }
    return x;
  }
}
