package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Taylor coefficients at {@code z = 0} of a statistic (or its derivative), computed from the
 * independent high-precision reference rather than by symbolic series: Symja's {@code Series}
 * takes minutes on a three-hypothesis posterior (its coefficients are nested rational functions of
 * {@code Sqrt[E]}) or on {@code Log[Cosh[z - mu]]} energies, while the reference evaluates any
 * definition it accepts.
 *
 * <p>How: the even and odd parts {@code (f(t) +- f(-t)) / 2} at the nodes {@code t = j h, j = 1..M}
 * with {@code h = 10^-4}, each fitted exactly by its {@code M} coefficients (a Vandermonde system in
 * {@code j}, solved in {@value #DIGITS}-digit decimals). The nodes are so close to 0 that the
 * omitted terms of degree above {@code 2M} shift {@code c_k} by about {@code c_{2M+1} (M h)^(2M+1-k)}
 * (below 1e-30 for the low coefficients that matter near 0, about 1e-6 relative for the highest,
 * which matter least), and {@value #DIGITS} digits leave the {@code h^-k} amplification of
 * rounding (10^64 at degree 16) far below double resolution. A part that is zero to
 * within the reference's digits at every node (the statistic is odd or even) is dropped, so that
 * its rounding noise does not become a spurious low-order term. The fit is made twice, with
 * {@code h} and {@code h/2}: a coefficient that moves by more than a quarter of itself is that
 * truncation error rather than a coefficient (a true 0 comes out as about 1e-60 for {@code c_1})
 * and is taken as 0; the others are the first fit's.
 *
 * <p>The result is a proposal, not a guarantee: its accuracy is measured like every other form.
 */
public final class TaylorAtZero {
  /** Correct digits asked of the reference at each node. */
  static final int DIGITS = 120;
  /** Node spacing; nodes are {@code +-j h}. */
  private static final BigDecimal H = new BigDecimal("0.0001");
  private static final MathContext MC = new MathContext(DIGITS + 40, RoundingMode.HALF_EVEN);
  /** A part smaller than this fraction of the function at every node is taken as identically 0. */
  private static final BigDecimal NOISE = BigDecimal.ONE.movePointLeft(DIGITS - 20);

  private final ReferenceEvaluator reference;
  /** The reference at the nodes, by node, output and role. */
  private final Map<List<Object>, BigDecimal> evaluated = new HashMap<>();

  /** Uses {@code definition} at {@value #DIGITS} digits (a separate evaluator from the sampling one). */
  public TaylorAtZero(Definition definition) {
    this.reference = new ReferenceEvaluator(definition, DIGITS);
  }

  /**
   * Coefficients {@code c_0 .. c_degree} (degree even) of output {@code output}'s value, or of its
   * derivative, each correctly rounded to double; empty where the reference cannot be evaluated at
   * the nodes or the derivative does not exist there.
   */
  public Optional<double[]> coefficients(int output, boolean derivative, int degree) {
    if (degree < 2 || degree % 2 != 0) throw new IllegalArgumentException("degree must be even and >= 2: " + degree);
    try {
      BigDecimal atZero = at(BigDecimal.ZERO, output, derivative);
      BigDecimal[] fit = fit(atZero, H, output, derivative, degree);
      BigDecimal[] half = fit(atZero, H.divide(BigDecimal.valueOf(2)), output, derivative, degree);
      double[] c = new double[degree + 1];
      c[0] = Accuracy.toDouble(atZero);
      for (int k = 1; k <= degree; k++) {
        if (fit[k] == null || half[k] == null || unresolved(fit[k], half[k])) continue;
        c[k] = Accuracy.toDouble(fit[k]);
      }
      return Optional.of(c);
    } catch (ArithmeticException | InsufficientPrecisionException | org.apfloat.ApfloatRuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a coefficient moves by more than a quarter of itself when the node spacing is halved:
   * then it is the truncation error of the fit (which scales like {@code h^(2M+1-k)}), not the
   * coefficient. A coefficient that is exactly 0 comes out as that error: the derivative of the
   * free energy of {@code Abs[z-mu]-Log[1+Abs[z-mu]]} goes like {@code z^3/6} at 0, and a
   * fitted {@code c_1} of -6.7e-61 gave the patch relative errors of 4 at z = 1e-30 and 4e140 at
   * z = 1e-100.
   */
  private static boolean unresolved(BigDecimal a, BigDecimal b) {
    return a.subtract(b).abs().multiply(BigDecimal.valueOf(4)).compareTo(b.abs()) > 0;
  }

  /** {@code c_1 .. c_degree} (index 0 unused) from nodes {@code +-j h}; null where a part is identically 0. */
  private BigDecimal[] fit(BigDecimal atZero, BigDecimal h, int output, boolean derivative, int degree) {
    int m = degree / 2;
    BigDecimal[] even = new BigDecimal[m];
    BigDecimal[] odd = new BigDecimal[m];
    BigDecimal scale = atZero.abs();
    for (int j = 1; j <= m; j++) {
      BigDecimal t = h.multiply(BigDecimal.valueOf(j));
      BigDecimal plus = at(t, output, derivative);
      BigDecimal minus = at(t.negate(), output, derivative);
      even[j - 1] = plus.add(minus).divide(BigDecimal.valueOf(2), MC).subtract(atZero, MC);
      odd[j - 1] = plus.subtract(minus).divide(BigDecimal.valueOf(2), MC);
      scale = scale.max(plus.abs()).max(minus.abs());
    }
    BigDecimal[] evenCoefficients = negligible(even, scale) ? new BigDecimal[m] : fit(even, 2, h);
    BigDecimal[] oddCoefficients = negligible(odd, scale) ? new BigDecimal[m] : fit(odd, 1, h);
    BigDecimal[] c = new BigDecimal[degree + 1];
    for (int i = 0; i < m; i++) {
      c[2 * i + 1] = oddCoefficients[i];
      c[2 * i + 2] = evenCoefficients[i];
    }
    return c;
  }

  private BigDecimal at(BigDecimal t, int output, boolean derivative) {
    // the fit with h/2 meets half of the first fit's nodes again (2j h/2 = j h): evaluated once
    return evaluated.computeIfAbsent(List.of(t.stripTrailingZeros(), output, derivative), key -> {
      if (!derivative) return reference.values(t).get(output);
      Optional<BigDecimal> d = reference.evaluate(t).derivatives().get(output);
      return d.orElseThrow(() -> new ArithmeticException("no derivative at " + t));
    });
  }

  private static boolean negligible(BigDecimal[] part, BigDecimal scale) {
    BigDecimal bound = scale.multiply(NOISE, MC);
    for (BigDecimal p : part) {
      if (p.abs().compareTo(bound) > 0) return false;
    }
    return true;
  }

  /**
   * The coefficients {@code a_i} of {@code sum_i a_i t^(first + 2i)} through the values {@code
   * part[j-1]} at {@code t = j h}: with {@code b_i = a_i h^(first+2i)} the system is {@code
   * sum_i b_i j^(first+2i) = part[j-1]}, whose matrix has small integer entries.
   */
  private static BigDecimal[] fit(BigDecimal[] part, int first, BigDecimal h) {
    int m = part.length;
    BigDecimal[][] a = new BigDecimal[m][m + 1];
    for (int j = 1; j <= m; j++) {
      for (int i = 0; i < m; i++) a[j - 1][i] = BigDecimal.valueOf(j).pow(first + 2 * i);
      a[j - 1][m] = part[j - 1];
    }
    BigDecimal[] b = solve(a);
    BigDecimal[] out = new BigDecimal[m];
    for (int i = 0; i < m; i++) out[i] = b[i].divide(h.pow(first + 2 * i), MC);
    return out;
  }

  /** Gaussian elimination with partial pivoting on the augmented matrix {@code a} (m x m+1). */
  private static BigDecimal[] solve(BigDecimal[][] a) {
    int m = a.length;
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (a[r][col].abs().compareTo(a[pivot][col].abs()) > 0) pivot = r;
      }
      BigDecimal[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = col + 1; r < m; r++) {
        BigDecimal factor = a[r][col].divide(a[col][col], MC);
        for (int k = col; k <= m; k++) a[r][k] = a[r][k].subtract(factor.multiply(a[col][k], MC), MC);
      }
    }
    BigDecimal[] x = new BigDecimal[m];
    for (int r = m - 1; r >= 0; r--) {
      BigDecimal s = a[r][m];
      for (int k = r + 1; k < m; k++) s = s.subtract(a[r][k].multiply(x[k], MC), MC);
      x[r] = s.divide(a[r][r], MC);
    }
    return x;
  }
}
