package dev.activations.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Generated attention; do not edit. Regenerate with:
 *
 * <pre>
 * derive --attention --kernel scaled-dot --stat free-energy
 * </pre>
 *
 * <p>Query {@code q} in R^d, keys {@code k_1..k_n} in R^d (row-major), values {@code v_1..v_n} in R^m (row-major).
 * Key {@code j} is a hypothesis with the energy {@code e_j = kappa(q, k_j) / T}, {@code kappa(q, k) = -Dot[q,k]/Sqrt[Dim]}; in the Gram entries
 * ({@code qq = &lt;q,q&gt;, qk = &lt;q,k&gt;, kk = &lt;k,k&gt;, dd = |q-k|^2 = sum (q_i - k_i)^2, dim = d}):
 *
 * <pre>
 * e = -qk/Sqrt[dim]
 * grad_q e = 2 (0) q + (-1/Sqrt[dim]) k + 2 (0) (q - k)
 * grad_k e = (-1/Sqrt[dim]) q + 2 (0) k - 2 (0) (q - k)
 * </pre>
 *
 * With {@code A = log sum_j exp(-e_j)} and {@code r_j = exp(-e_j - A)} (the attention weights), the statistic is
 * {@code F = -log sum_j exp(-e_j) (the modern-Hopfield energy)}. Backward (upstream {@code u}):
 *
 * <pre>
 * dL/de_j = u r_j
 * grad q = sum_j dL/de_j grad_q e_j,  grad k_j = dL/de_j grad_k e_j
 * </pre>
 *
 * <p>Checks made when this class was derived:
 *
 * <ul>
 *   <li>implicit-EM identity dA/de_j = -r_j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i = j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>dr_i/de_j = -r_i (delta_ij - r_j), i != j (3 units): holds (Together[lhs - rhs] = 0)
 *   <li>grad_q e and grad_k e assembled = d/dq, d/dk of the written-out kernel (d = 2): holds (largest |difference| 0.0e+00 at q = (3/8, -5/4), k = (1/2, 3/4))
 *   <li>grad_q e and grad_k e assembled = d/dq, d/dk of the written-out kernel (d = 3): holds (largest |difference| 0.0e+00 at q = (3/8, -5/4, 7/8), k = (1/2, 3/4, -1/8))
 *   <li>backward rule (dL/de_j by the implicit-EM identities) = d/dq, d/dk_j, d/dv_j of the written-out free-energy (2 keys, d = 2): holds (largest |difference| 0.0e+00 at exact binary fractions)
 *   <li>energy and partial differences to the winner = telescoped divided differences (energy, qk): holds (largest |difference| 0.0e+00 at exact Gram entries)
 * </ul>
 *
 * <p>Evaluation: the Gram entries are compensated sums; the squared distance is {@code sum (q_i - k_i)^2},
 * never {@code qq - 2 qk + kk}; a kernel of the cosine only runs on vectors scaled by powers of two (no norm
 * overflows). One pass over the keys keeps the running minimum energy {@code m}, {@code s = sum_j exp(m - e_j)} and
 * the running value sum, rescaled when the minimum drops; the backward pass takes its reductions relative to
 * the winning key. Exactly tied keys share equally; a NaN makes every output and gradient NaN; with no keys
 * or every energy {@code +Infinity} there is no posterior and the outputs are NaN. An energy that overflows
 * for finite inputs does not: the energy is linear in the Gram entries, so where one overflows the keys are
 * evaluated again on query and keys scaled by a power of two, energy gaps scaled back exactly and log-priors kept
 * apart (entries up to 1e200 meet the contract). The {@code double[]} methods do not allocate; the {@code float[]}
 * methods compute in double with a per-thread accumulator and round once.
 *
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * outputs within 1e-12 (relative; the mean normwise against its largest component), gradients within
 * 1e-10 of their largest component.
 */
public final class ScaledDotAttentionEnergy {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--attention --kernel scaled-dot --stat free-energy";

  /**
   * Whether the statistic reads the values (otherwise {@code values} may be null and {@code m} 0).
   */
  public static final boolean USES_VALUES = false;

  /**
   * Per-thread double accumulators of the {@code float[]} methods (grown on demand, then reused).
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

  private ScaledDotAttentionEnergy() {
  }

  /**
   * How many entries {@code value} writes per query (1).
   */
  public static int outputs(int n, int m) {
    return 1;
  }

  /**
   * Writes the F = -log sum_j exp(-e_j) (the modern-Hopfield energy) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). {@code values} is not read (it may be null).
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] out, int outOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, 1, out.length);
    if (!valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, null, 0, 0)) {
      valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, null, 0, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
  }

  /**
   * The vector-Jacobian product of {@code value}: for the upstream {@code upstream[upOff ..]} ({@link #outputs}
   * entries), writes {@code d L / d q} to {@code gradQ[gqOff ..]} ({@code d} entries), {@code d L / d keys} to
   * {@code gradKeys[gkOff ..]} ({@code n x d}) and {@code d L / d values} to {@code gradValues[gvOff ..]} ({@code n x m};
   * {@code gradValues} may be null when the statistic does not read values). The gradient arrays must not
   * overlap the inputs or each other.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] upstream, int upOff, double[] gradQ, int gqOff,
      double[] gradKeys, int gkOff, double[] gradValues, int gvOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, 1, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    if (!backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, 0)) {
      backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
  }

  /**
   * Writes the F = -log sum_j exp(-e_j) (the modern-Hopfield energy) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). {@code values} is not read (it may be null).
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] out, int outOff, double[] logPrior, int pOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, 1, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (!valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, logPrior, pOff, 0)) {
      valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, logPrior, pOff, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
  }

  /**
   * The vector-Jacobian product of {@code value}: for the upstream {@code upstream[upOff ..]} ({@link #outputs}
   * entries), writes {@code d L / d q} to {@code gradQ[gqOff ..]} ({@code d} entries), {@code d L / d keys} to
   * {@code gradKeys[gkOff ..]} ({@code n x d}) and {@code d L / d values} to {@code gradValues[gvOff ..]} ({@code n x m};
   * {@code gradValues} may be null when the statistic does not read values). The gradient arrays must not
   * overlap the inputs or each other.
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   * {@code d L / d logPrior} ({@code n} entries, {@code -dL/de_j}) goes to {@code gradPrior[gpOff ..]} (may be null).
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] upstream, int upOff, double[] gradQ, int gqOff,
      double[] gradKeys, int gkOff, double[] gradValues, int gvOff, double[] logPrior, int pOff,
      double[] gradPrior, int gpOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (gradPrior != null) Objects.checkFromIndexSize(gpOff, n, gradPrior.length);
    Objects.checkFromIndexSize(upOff, 1, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    if (!backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, 0)) {
      backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
  }

  /**
   * {@code value} for {@code queries} queries, row-major in {@code q[qOff ..]} ({@code queries x d}),
   * against the same keys and values; the outputs are row-major in {@code out[outOff ..]}
   * ({@code queries x outputs(n, m)}).
   */
  public static void valueBatch(int queries, double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] out, int outOff) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    int per = outputs(n, m);
    for (int i = 0; i < queries; i++) {
      value(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, out, outOff + i * per);
    }
  }

  /**
   * {@code backward} for {@code queries} queries (row-major, as in {@code valueBatch}), with the upstream
   * row-major ({@code queries x outputs(n, m)}): {@code gradQ} gets one row per query, {@code gradKeys} and
   * {@code gradValues} the sums over the queries (they are overwritten, not added to).
   */
  public static void backwardBatch(int queries, double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] upstream, int upOff, double[] gradQ,
      int gqOff, double[] gradKeys, int gkOff, double[] gradValues, int gvOff) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    int per = outputs(n, m);
    Objects.checkFromIndexSize(qOff, Math.multiplyExact(queries, d), q.length);
    Objects.checkFromIndexSize(upOff, Math.multiplyExact(queries, per), upstream.length);
    Objects.checkFromIndexSize(gqOff, Math.multiplyExact(queries, d), gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Arrays.fill(gradKeys, gkOff, gkOff + n * d, 0);
    for (int i = 0; i < queries; i++) {
      if (!backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, gradQ, gqOff + i * d, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, 0)) {
        backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, gradQ, gqOff + i * d, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, rescaleExponent(q, qOff + i * d, keys, kOff, n, d));
      }
    }
  }

  /**
   * Writes the F = -log sum_j exp(-e_j) (the modern-Hopfield energy) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). {@code values} is not read (it may be null).
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] out, int outOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, 1, out.length);
    double[] acc = scratch(1);
    if (!valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, null, 0, 0)) {
      valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, null, 0, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
    for (int i = 0; i < 1; i++) {
      out[outOff + i] = (float) acc[i];
    }
  }

  /**
   * The vector-Jacobian product of {@code value}: for the upstream {@code upstream[upOff ..]} ({@link #outputs}
   * entries), writes {@code d L / d q} to {@code gradQ[gqOff ..]} ({@code d} entries), {@code d L / d keys} to
   * {@code gradKeys[gkOff ..]} ({@code n x d}) and {@code d L / d values} to {@code gradValues[gvOff ..]} ({@code n x m};
   * {@code gradValues} may be null when the statistic does not read values). The gradient arrays must not
   * overlap the inputs or each other.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] upstream, int upOff, float[] gradQ, int gqOff, float[] gradKeys,
      int gkOff, float[] gradValues, int gvOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, 1, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    double[] acc = scratch(d);
    if (!backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, 0)) {
      backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
    for (int i = 0; i < d; i++) {
      gradQ[gqOff + i] = (float) acc[i];
    }
  }

  /**
   * Writes the F = -log sum_j exp(-e_j) (the modern-Hopfield energy) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). {@code values} is not read (it may be null).
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] out, int outOff, float[] logPrior, int pOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, 1, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    double[] acc = scratch(1);
    if (!valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, logPrior, pOff, 0)) {
      valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, logPrior, pOff, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
    for (int i = 0; i < 1; i++) {
      out[outOff + i] = (float) acc[i];
    }
  }

  /**
   * The vector-Jacobian product of {@code value}: for the upstream {@code upstream[upOff ..]} ({@link #outputs}
   * entries), writes {@code d L / d q} to {@code gradQ[gqOff ..]} ({@code d} entries), {@code d L / d keys} to
   * {@code gradKeys[gkOff ..]} ({@code n x d}) and {@code d L / d values} to {@code gradValues[gvOff ..]} ({@code n x m};
   * {@code gradValues} may be null when the statistic does not read values). The gradient arrays must not
   * overlap the inputs or each other.
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   * {@code d L / d logPrior} ({@code n} entries, {@code -dL/de_j}) goes to {@code gradPrior[gpOff ..]} (may be null).
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void backward(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] upstream, int upOff, float[] gradQ, int gqOff, float[] gradKeys,
      int gkOff, float[] gradValues, int gvOff, float[] logPrior, int pOff, float[] gradPrior,
      int gpOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (gradPrior != null) Objects.checkFromIndexSize(gpOff, n, gradPrior.length);
    Objects.checkFromIndexSize(upOff, 1, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    double[] acc = scratch(d);
    if (!backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, 0)) {
      backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, rescaleExponent(q, qOff, keys, kOff, n, d));
    }
    for (int i = 0; i < d; i++) {
      gradQ[gqOff + i] = (float) acc[i];
    }
  }

  /**
   * {@code value} for {@code queries} queries, row-major in {@code q[qOff ..]} ({@code queries x d}),
   * against the same keys and values; the outputs are row-major in {@code out[outOff ..]}
   * ({@code queries x outputs(n, m)}).
   */
  public static void valueBatch(int queries, float[] q, int qOff, float[] keys, int kOff,
      float[] values, int vOff, int n, int d, int m, float[] out, int outOff) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    int per = outputs(n, m);
    for (int i = 0; i < queries; i++) {
      value(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, out, outOff + i * per);
    }
  }

  /**
   * {@code backward} for {@code queries} queries (row-major, as in {@code valueBatch}), with the upstream
   * row-major ({@code queries x outputs(n, m)}): {@code gradQ} gets one row per query, {@code gradKeys} and
   * {@code gradValues} the sums over the queries (they are overwritten, not added to).
   */
  public static void backwardBatch(int queries, float[] q, int qOff, float[] keys, int kOff,
      float[] values, int vOff, int n, int d, int m, float[] upstream, int upOff, float[] gradQ,
      int gqOff, float[] gradKeys, int gkOff, float[] gradValues, int gvOff) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    int per = outputs(n, m);
    Objects.checkFromIndexSize(qOff, Math.multiplyExact(queries, d), q.length);
    Objects.checkFromIndexSize(upOff, Math.multiplyExact(queries, per), upstream.length);
    Objects.checkFromIndexSize(gqOff, Math.multiplyExact(queries, d), gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Arrays.fill(gradKeys, gkOff, gkOff + n * d, 0);
    for (int i = 0; i < queries; i++) {
      double[] acc = scratch(d);
      if (!backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, acc, 0, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, 0)) {
        backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, acc, 0, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, rescaleExponent(q, qOff + i * d, keys, kOff, n, d));
      }
      for (int j = 0; j < d; j++) {
        gradQ[gqOff + i * d + j] = (float) acc[j];
      }
    }
  }

  /**
   * Sizes and input ranges (an array length of -1 stands for a null array).
   */
  private static void checks(int qLength, int qOff, int kLength, int kOff, int vLength, int vOff,
      int n, int d, int m) {
    if (n < 0 || m < 0 || d <= 0) {
      throw new IllegalArgumentException("need n >= 0, m >= 0, d > 0: n = " + n + ", d = " + d + ", m = " + m);
    }
    Objects.checkFromIndexSize(qOff, d, qLength < 0 ? 0 : qLength);
    Objects.checkFromIndexSize(kOff, Math.multiplyExact(n, d), kLength < 0 ? 0 : kLength);
  }

  /**
   * This thread's accumulator of at least {@code size} entries.
   */
  private static double[] scratch(int size) {
    double[] s = SCRATCH.get();
    if (s.length < size) {
      s = new double[Math.max(size, 2 * s.length)];
      SCRATCH.set(s);
    }
    return s;
  }

  /**
   * The outputs into the double accumulator {@code acc[ao ..]}.
   */
  private static boolean valueCore(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, double[] logPrior, int po, int se) {
    // entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 on the first attempt)
    double entryScale = Math.scalb(1.0, -se);
    double gapScale = Math.scalb(1.0, se);
    double dim = d;
    double mm = Double.MAX_VALUE;
    double mp = 0.0;
    int mko = -1;
    double s = 0.0;
    double t = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      if (eg < 0.0) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
      } else {
        double w = weight(eg);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + 1, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    acc[ao] = (Math.scalb(mm, 2 * se) - mp) - Math.log1p(t);
    return true;
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static boolean backwardCore(double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] upstream, int uo, double[] gradQ,
      int go, double[] gradKeys, int gko, double[] gradValues, int gvo, boolean add,
      double[] logPrior, int po, double[] gradPrior, int gpo, int se) {
    // entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 on the first attempt)
    double entryScale = Math.scalb(1.0, -se);
    double gapScale = Math.scalb(1.0, se);
    double dim = d;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double mp = 0.0;
    int mko = -1;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      if (eg < 0.0) {
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        win = j;
      } else {
        double w = weight(eg);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // no posterior: every gradient is NaN
      Arrays.fill(gradQ, go, go + d, Double.NaN);
      Arrays.fill(gradKeys, gko, gko + n * d, Double.NaN);
      if (gradPrior != null) Arrays.fill(gradPrior, gpo, gpo + n, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fqkW;
    double qkW;
    double kkW;
    double ddW;
    {
      int ko = kwo;
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + win];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      fqkW = dqk(qk, dim);
      qkW = qk;
      kkW = 0.0;
      ddW = 0.0;
    }
    double u = upstream[uo];
    double total = u;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      double r = weight(eg) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? u * r : eg <= 1400.0 ? tinyWeighted(u, eg, inv) : 0.0;
      if (gradPrior != null) {
        double gp = -delta;
        gradPrior[gpo + j] = (add ? gradPrior[gpo + j] + gp : gp);
      }
      int gk = gko + j * d;
      if (delta == 0.0) {
        if (!add) {
          for (int i = 0; i < d; i++) {
            gradKeys[gk + i] = 0;
          }
        }
        continue;
      }
      // grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k);  grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)
      // grad q = A q + B k_w + S (q - k_w) + sum_j (b_j - s_j) (k_j - k_w), with A, B, S sums of differences to the winner's
      double dQk = j == win ? 0.0 : keyDifference(0, q, qOff, keys, ko, kwo, d, entryScale);
      double fb = dqk(qk, dim);
      sumB += delta * 0.0;
      double b = delta * fb;
      double c = 0.0;
      double sd = 0.0;
      double bs = b - sd;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i];
        double ki = keys[ko + i];
        double diff = qi - ki;
        if (bs != 0.0 && j != win) {
          gradQ[go + i] += bs * (ki - keys[kwo + i]);
        }
        double g = ((b == 0.0 ? 0.0 : b * qi) + (c == 0.0 ? 0.0 : c * ki) - (sd == 0.0 ? 0.0 : sd * diff));
        gradKeys[gk + i] = (add ? gradKeys[gk + i] + g : g);
      }
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + fqkW * total;
    double bigS = sumS + 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i];
      double kwi = keys[kwo + i];
      gradQ[go + i] += (bigA == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    return true;
  }

  /**
   * The outputs into the double accumulator {@code acc[ao ..]}.
   */
  private static boolean valueCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, float[] logPrior, int po, int se) {
    // entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 on the first attempt)
    double entryScale = Math.scalb(1.0, -se);
    double gapScale = Math.scalb(1.0, se);
    double dim = d;
    double mm = Double.MAX_VALUE;
    double mp = 0.0;
    int mko = -1;
    double s = 0.0;
    double t = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      if (eg < 0.0) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
      } else {
        double w = weight(eg);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + 1, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    acc[ao] = (Math.scalb(mm, 2 * se) - mp) - Math.log1p(t);
    return true;
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static boolean backwardCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, float[] upstream, int uo, double[] gradQ, int go,
      float[] gradKeys, int gko, float[] gradValues, int gvo, boolean add, float[] logPrior, int po,
      float[] gradPrior, int gpo, int se) {
    // entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 on the first attempt)
    double entryScale = Math.scalb(1.0, -se);
    double gapScale = Math.scalb(1.0, se);
    double dim = d;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double mp = 0.0;
    int mko = -1;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      if (eg < 0.0) {
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        win = j;
      } else {
        double w = weight(eg);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // no posterior: every gradient is NaN
      Arrays.fill(gradQ, go, go + d, Double.NaN);
      Arrays.fill(gradKeys, gko, gko + n * d, (float) Double.NaN);
      if (gradPrior != null) Arrays.fill(gradPrior, gpo, gpo + n, (float) Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fqkW;
    double qkW;
    double kkW;
    double ddW;
    {
      int ko = kwo;
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + win];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      fqkW = dqk(qk, dim);
      qkW = qk;
      kkW = 0.0;
      ddW = 0.0;
    }
    double u = upstream[uo];
    double total = u;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double qk = dot(q, qOff, keys, ko, d, entryScale);
      double e = energy(qk, dim);
      // a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates
      // again on scaled entries, where NaN inputs give NaN again
      if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false;
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, ep, mm, mp, gapScale);
      if (mko >= 0 && ko != mko && Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm)) {
        eg = (dqk(0.0, dim) * keyDifference(0, q, qOff, keys, ko, mko, d, entryScale)) * gapScale * gapScale - (ep - mp);
      }
      double r = weight(eg) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? u * r : eg <= 1400.0 ? tinyWeighted(u, eg, inv) : 0.0;
      if (gradPrior != null) {
        double gp = -delta;
        gradPrior[gpo + j] = (float) (add ? gradPrior[gpo + j] + gp : gp);
      }
      int gk = gko + j * d;
      if (delta == 0.0) {
        if (!add) {
          for (int i = 0; i < d; i++) {
            gradKeys[gk + i] = 0;
          }
        }
        continue;
      }
      // grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k);  grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)
      // grad q = A q + B k_w + S (q - k_w) + sum_j (b_j - s_j) (k_j - k_w), with A, B, S sums of differences to the winner's
      double dQk = j == win ? 0.0 : keyDifference(0, q, qOff, keys, ko, kwo, d, entryScale);
      double fb = dqk(qk, dim);
      sumB += delta * 0.0;
      double b = delta * fb;
      double c = 0.0;
      double sd = 0.0;
      double bs = b - sd;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i];
        double ki = keys[ko + i];
        double diff = qi - ki;
        if (bs != 0.0 && j != win) {
          gradQ[go + i] += bs * (ki - keys[kwo + i]);
        }
        double g = ((b == 0.0 ? 0.0 : b * qi) + (c == 0.0 ? 0.0 : c * ki) - (sd == 0.0 ? 0.0 : sd * diff));
        gradKeys[gk + i] = (float) (add ? gradKeys[gk + i] + g : g);
      }
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + fqkW * total;
    double bigS = sumS + 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i];
      double kwi = keys[kwo + i];
      gradQ[go + i] += (bigA == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    return true;
  }

  /**
   * The energy of one key (the kernel over the temperature).
   */
  private static double energy(double qk, double dim) {
    return -(qk / Math.sqrt(dim));
  }

  /**
   * The energy's partial by {@code qk}.
   */
  private static double dqk(double qk, double dim) {
    return -(1.0 / Math.sqrt(dim));
  }

  /**
   * Divided difference of the energy by {@code qk} between a key and the winning key ({@code ...W}).
   */
  private static double diffEnergyByQk(double qq, double qk, double kk, double dd, double qkW,
      double kkW, double ddW, double dim) {
    return -(1.0 / Math.sqrt(dim));
  }

  /**
   * {@code exp(m - e)}, exactly 1 at the minimum (also when it is {@code -Infinity}).
   */
  private static double weight(double e, double m) {
    return e == m ? 1.0 : Math.exp(m - e);
  }

  /**
   * {@code x exp(-g) inv} for a weight {@code exp(-g)} below {@code 2^-1000}, {@code g <= TINY_GAP}: two
   * half-weights {@code exp(-g/2)} (normal there), multiplied in after {@code x}, so that a representable
   * product is not lost with the weight (rounded to 0 or subnormal on its own).
   */
  private static double tinyWeighted(double x, double g, double inv) {
    double h = Math.exp(-0.5 * g);
    return ((x * inv) * h) * h;
  }

  /**
   * The energy gap {@code (2^2se e - p) - (2^2se m - pm)} of a key to the minimum, from the kernel energies
   * {@code e, m} in units of {@code 2^-2se} and the log-priors {@code p, pm} kept apart: 0 exactly for tied keys.
   * {@code f = 2^se}: multiplying by it twice is exact (a gap that overflows has weight 0 anyway).
   */
  private static double gap(double e, double p, double m, double pm, double f) {
    double k = e == m && e < Double.POSITIVE_INFINITY ? 0.0 : (e - m) * f * f;
    return p == pm ? k : k - (p - pm);
  }

  /**
   * {@code exp(-g)} of an energy gap to the minimum, exactly 1 at the minimum.
   */
  private static double weight(double g) {
    return g == 0.0 ? 1.0 : Math.exp(-g);
  }

  /**
   * The scale exponent {@code se} for a second attempt: {@code max(1, E - 384)} with {@code E} the largest
   * binary exponent of a finite query or key entry, so that the scaled entries stay below {@code 2^385}.
   */
  private static int rescaleExponent(double[] q, int qOff, double[] keys, int kOff, int n, int d) {
    int e = Integer.MIN_VALUE;
    for (int i = 0; i < d; i++) {
      double x = Math.abs(q[qOff + i]);
      if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x));
    }
    for (int i = 0, len = n * d; i < len; i++) {
      double x = Math.abs(keys[kOff + i]);
      if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x));
    }
    return Math.max(1, e - 384);
  }

  /**
   * The scale exponent {@code se} for a second attempt: {@code max(1, E - 384)} with {@code E} the largest
   * binary exponent of a finite query or key entry, so that the scaled entries stay below {@code 2^385}.
   */
  private static int rescaleExponent(float[] q, int qOff, float[] keys, int kOff, int n, int d) {
    int e = Integer.MIN_VALUE;
    for (int i = 0; i < d; i++) {
      double x = Math.abs((double) q[qOff + i]);
      if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x));
    }
    for (int i = 0, len = n * d; i < len; i++) {
      double x = Math.abs((double) keys[kOff + i]);
      if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x));
    }
    return Math.max(1, e - 384);
  }

  /**
   * {@code sum_i x_i y_i}, compensated.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double dot(double[] x, int xo, double[] y, int yo, int d, double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i] * f;
      double b = y[yo + i] * f;
      double p = a * b;
      c += Math.fma(a, b, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  /**
   * A Gram entry of key {@code j} (at {@code kj}) minus the winner's (at {@code kw}), from the vectors:
   * kind 0: {@code <q, k_j - k_w>}; 1: {@code <k_j - k_w, k_j + k_w>}; 2: {@code |q - k_j|^2 - |q - k_w|^2 = <k_w - k_j, (q - k_j) + (q - k_w)>}. Compensated; small when the keys are close.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double keyDifference(int kind, double[] q, int qo, double[] k, int kj, int kw,
      int d, double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qo + i] * f;
      double a = k[kj + i] * f;
      double b = k[kw + i] * f;
      double x = kind == 2 ? b - a : a - b;
      double y = kind == 0 ? qi : kind == 1 ? a + b : (qi - a) + (qi - b);
      double p = x * y;
      c += Math.fma(x, y, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  /**
   * {@code sum_i x_i y_i}, compensated.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double dot(float[] x, int xo, float[] y, int yo, int d, double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i] * f;
      double b = y[yo + i] * f;
      double p = a * b;
      c += Math.fma(a, b, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  /**
   * A Gram entry of key {@code j} (at {@code kj}) minus the winner's (at {@code kw}), from the vectors:
   * kind 0: {@code <q, k_j - k_w>}; 1: {@code <k_j - k_w, k_j + k_w>}; 2: {@code |q - k_j|^2 - |q - k_w|^2 = <k_w - k_j, (q - k_j) + (q - k_w)>}. Compensated; small when the keys are close.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double keyDifference(int kind, float[] q, int qo, float[] k, int kj, int kw, int d,
      double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qo + i] * f;
      double a = k[kj + i] * f;
      double b = k[kw + i] * f;
      double x = kind == 2 ? b - a : a - b;
      double y = kind == 0 ? qi : kind == 1 ? a + b : (qi - a) + (qi - b);
      double p = x * y;
      c += Math.fma(x, y, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }
}
