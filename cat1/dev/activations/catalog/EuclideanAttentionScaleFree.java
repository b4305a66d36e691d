package dev.activations.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Generated attention; do not edit. Regenerate with:
 *
 * <pre>
 * derive --attention --kernel euclidean --stat mean --free s
 * </pre>
 *
 * <p>Query {@code q} in R^d, keys {@code k_1..k_n} in R^d (row-major), values {@code v_1..v_n} in R^m (row-major).
 * Key {@code j} is a hypothesis with the energy {@code e_j = kappa(q, k_j) / T}, {@code kappa(q, k) = Dot[q-k,q-k]/(2*s^2)}; in the Gram entries
 * ({@code qq = &lt;q,q&gt;, qk = &lt;q,k&gt;, kk = &lt;k,k&gt;, dd = |q-k|^2 = sum (q_i - k_i)^2, dim = d}):
 *
 * <pre>
 * e = dd/(2*s^2)
 * grad_q e = 2 (0) q + (0) k + 2 (1/(2*s^2)) (q - k)
 * grad_k e = (0) q + 2 (0) k - 2 (1/(2*s^2)) (q - k)
 * </pre>
 *
 * With {@code A = log sum_j exp(-e_j)} and {@code r_j = exp(-e_j - A)} (the attention weights), the statistic is
 * {@code sum_j r_j v_j (the attention output)}. Backward (upstream {@code u}):
 *
 * <pre>
 * dL/de_j = -r_j (&lt;u, v_j&gt; - &lt;u, out&gt;)
 * grad q = sum_j dL/de_j grad_q e_j,  grad k_j = dL/de_j grad_k e_j,  grad v_j = r_j u
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
 *   <li>backward rule (dL/de_j by the implicit-EM identities) = d/dq, d/dk_j, d/dv_j, d/ds of the written-out mean (2 keys, d = 2): holds (largest |difference| 0.0e+00 at exact binary fractions)
 *   <li>energy and partial differences to the winner = telescoped divided differences (energy, dd, param0): holds (largest |difference| 0.0e+00 at exact Gram entries)
 * </ul>
 *
 * <p>Evaluation: the Gram entries are compensated sums; the squared distance is {@code sum (q_i - k_i)^2},
 * never {@code qq - 2 qk + kk}; a kernel of the cosine only runs on vectors scaled by powers of two (no norm
 * overflows). One pass over the keys keeps the running minimum energy {@code m}, {@code s = sum_j exp(m - e_j)} and
 * the running value sum, rescaled when the minimum drops; the backward pass takes its reductions relative to
 * the winning key. Exactly tied keys share equally; a NaN makes every output and gradient NaN; with no keys
 * or every energy {@code +Infinity} there is no posterior and the outputs are NaN. An energy that overflows
 * for finite inputs counts as infinite. The {@code double[]} methods do not allocate; the {@code float[]}
 * methods compute in double with a per-thread accumulator and round once.
 *
 * <p>Free parameters (s): trailing {@code double} arguments of every method, in that order; {@code d<Param>(..., upstream, upOff, ...)}
 * returns the derivative of {@code <upstream, value(...)>} by the parameter (measured at s = 1).
 *
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * outputs within 1e-12 (relative; the mean normwise against its largest component), gradients within
 * 1e-10 of their largest component.
 */
public final class EuclideanAttentionScaleFree {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--attention --kernel euclidean --stat mean --free s";

  /**
   * Whether the statistic reads the values (otherwise {@code values} may be null and {@code m} 0).
   */
  public static final boolean USES_VALUES = true;

  /**
   * Per-thread double accumulators of the {@code float[]} methods (grown on demand, then reused).
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

  private EuclideanAttentionScaleFree() {
  }

  /**
   * How many entries {@code value} writes per query (m).
   */
  public static int outputs(int n, int m) {
    return m;
  }

  /**
   * Writes the sum_j r_j v_j (the attention output) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). 
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] out, int outOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, null, 0, s);
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
      double[] gradKeys, int gkOff, double[] gradValues, int gvOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, null, 0, s);
  }

  /**
   * Writes the sum_j r_j v_j (the attention output) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). 
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] out, int outOff, double[] logPrior, int pOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, logPrior, pOff, s);
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
      double[] gradPrior, int gpOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (gradPrior != null) Objects.checkFromIndexSize(gpOff, n, gradPrior.length);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, null, 0, s);
  }

  /**
   * {@code value} for {@code queries} queries, row-major in {@code q[qOff ..]} ({@code queries x d}),
   * against the same keys and values; the outputs are row-major in {@code out[outOff ..]}
   * ({@code queries x outputs(n, m)}).
   */
  public static void valueBatch(int queries, double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] out, int outOff, double s) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    int per = outputs(n, m);
    for (int i = 0; i < queries; i++) {
      value(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, out, outOff + i * per, s);
    }
  }

  /**
   * {@code backward} for {@code queries} queries (row-major, as in {@code valueBatch}), with the upstream
   * row-major ({@code queries x outputs(n, m)}): {@code gradQ} gets one row per query, {@code gradKeys} and
   * {@code gradValues} the sums over the queries (they are overwritten, not added to).
   */
  public static void backwardBatch(int queries, double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] upstream, int upOff, double[] gradQ,
      int gqOff, double[] gradKeys, int gkOff, double[] gradValues, int gvOff, double s) {
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
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    Arrays.fill(gradValues, gvOff, gvOff + n * m, 0);
    for (int i = 0; i < queries; i++) {
      backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, gradQ, gqOff + i * d, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, null, 0, s);
    }
  }

  /**
   * Writes the sum_j r_j v_j (the attention output) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). 
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] out, int outOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    double[] acc = scratch(m);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, null, 0, s);
    for (int i = 0; i < m; i++) {
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
      int gkOff, float[] gradValues, int gvOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    double[] acc = scratch(d);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0, null, 0, s);
    for (int i = 0; i < d; i++) {
      gradQ[gqOff + i] = (float) acc[i];
    }
  }

  /**
   * Writes the sum_j r_j v_j (the attention output) for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys
   * {@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})
   * to {@code out[outOff ..]} ({@link #outputs} entries). 
   * With per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are
   * {@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all
   * masked has no posterior: its outputs are NaN.
   *
   * @throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive
   * @throws IndexOutOfBoundsException if a range lies outside its array
   */
  public static void value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff,
      int n, int d, int m, float[] out, int outOff, float[] logPrior, int pOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    double[] acc = scratch(m);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, logPrior, pOff, s);
    for (int i = 0; i < m; i++) {
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
      int gpOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (gradPrior != null) Objects.checkFromIndexSize(gpOff, n, gradPrior.length);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    double[] acc = scratch(d);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff, null, 0, s);
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
      float[] values, int vOff, int n, int d, int m, float[] out, int outOff, double s) {
    if (queries < 0) {
      throw new IllegalArgumentException("queries < 0: " + queries);
    }
    int per = outputs(n, m);
    for (int i = 0; i < queries; i++) {
      value(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, out, outOff + i * per, s);
    }
  }

  /**
   * {@code backward} for {@code queries} queries (row-major, as in {@code valueBatch}), with the upstream
   * row-major ({@code queries x outputs(n, m)}): {@code gradQ} gets one row per query, {@code gradKeys} and
   * {@code gradValues} the sums over the queries (they are overwritten, not added to).
   */
  public static void backwardBatch(int queries, float[] q, int qOff, float[] keys, int kOff,
      float[] values, int vOff, int n, int d, int m, float[] upstream, int upOff, float[] gradQ,
      int gqOff, float[] gradKeys, int gkOff, float[] gradValues, int gvOff, double s) {
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
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    Arrays.fill(gradValues, gvOff, gvOff + n * m, 0);
    for (int i = 0; i < queries; i++) {
      double[] acc = scratch(d);
      backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, acc, 0, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0, null, 0, s);
      for (int j = 0; j < d; j++) {
        gradQ[gqOff + i * d + j] = (float) acc[j];
      }
    }
  }

  /**
   * The derivative of {@code <upstream, value(...)>} by the free parameter {@code s} (the upstream as in
   * {@code backward}). Runs the backward pass into a per-thread scratch of {@code n (d + m) + d} doubles (plus one
   * per free parameter), allocated on a thread's first call and reused.
   */
  public static double dS(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] upstream, int upOff, double s) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    int nd = Math.multiplyExact(n, d);
    int nm = Math.multiplyExact(n, m);
    double[] buf = scratch(d + nd + nm + 1);
    Arrays.fill(buf, d + nd + nm, d + nd + nm + 1, 0.0);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, buf, 0, buf, d, buf, d + nd, false, null, 0, null, 0, buf, d + nd + nm, s);
    return buf[d + nd + nm + 0];
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
    Objects.checkFromIndexSize(vOff, Math.multiplyExact(n, m), vLength < 0 ? 0 : vLength);
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
  private static void valueCore(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, double[] logPrior, int po,
      double param0) {
    double dim = 0.0;
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      if (e < mm) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(e - mm);
        double drop = mm - e;
        t = s * scale;
        s = t + 1.0;
        mm = e;
        if (!(scale < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] = (scale == 0.0 ? 0.0 : acc[ao + i] * scale) + values[vo + i];
          }
        } else {
          // the old keys' weights fell below the normal range: their sum times two half-weights
          for (int i = 0; i < m; i++) {
            acc[ao + i] = (drop <= 1400.0 ? tinyWeighted(acc[ao + i], drop, 1.0) : 0.0) + values[vo + i];
          }
        }
      } else {
        double w = weight(e, mm);
        s += w;
        t += w;
        if (!(w < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] += w * values[vo + i];
          }
        } else if ((e - mm) <= 1400.0) {
          // a weight below the normal range: a large value can still contribute
          double g = (e - mm);
          for (int i = 0; i < m; i++) {
            acc[ao + i] += tinyWeighted(values[vo + i], g, 1.0);
          }
        }
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + m, Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < m; i++) {
      acc[ao + i] *= inv;
    }
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static void backwardCore(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] upstream, int uo, double[] gradQ, int go,
      double[] gradKeys, int gko, double[] gradValues, int gvo, boolean add, double[] logPrior,
      int po, double[] gradPrior, int gpo, double[] gradParams, int gpp, double param0) {
    double dim = 0.0;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      if (e < mm) {
        double scale = Math.exp(e - mm);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        win = j;
      } else {
        double w = weight(e, mm);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // no posterior: every gradient is NaN
      Arrays.fill(gradQ, go, go + d, Double.NaN);
      Arrays.fill(gradKeys, gko, gko + n * d, Double.NaN);
      if (gradPrior != null) Arrays.fill(gradPrior, gpo, gpo + n, Double.NaN);
      if (gradParams != null) Arrays.fill(gradParams, gpp, gpp + 1, Double.NaN);
      Arrays.fill(gradValues, gvo, gvo + n * m, Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fddW;
    double qkW;
    double kkW;
    double ddW;
    double fparW0;
    {
      int ko = kwo;
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + win];
      fparW0 = dParam0(dd, dim, param0);
      fddW = ddd(dd, dim, param0);
      qkW = 0.0;
      kkW = 0.0;
      ddW = dd;
    }
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if ((e - mm) <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), (e - mm), inv);
      }
    }
    double total = 0.0;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : (e - mm) <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, (e - mm), inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (add ? gradPrior[gpo + j] + gp : gp);
      }
      if (gradParams != null && delta != 0.0 && j != win) {
        double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d);
        gradParams[gpp + 0] += Math.scalb(delta * (dDd * diffParam0ByDd(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim, param0)), ue);
      }
      for (int i = 0, o = gvo + j * m; i < m; i++, o++) {
        double g = !(r < 0x1p-1000) ? r * upstream[uo + i] : (e - mm) <= 1400.0 ? tinyWeighted(upstream[uo + i], (e - mm), inv) : 0.0;
        gradValues[o] = (add ? gradValues[o] + g : g);
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
      double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d);
      double fs = ddd(dd, dim, param0);
      sumS += 2.0 * delta * 0.0;
      double b = 0.0;
      double c = 0.0;
      double sd = 2.0 * delta * fs;
      double bs = b - sd;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i];
        double ki = keys[ko + i];
        double diff = qi - ki;
        if (bs != 0.0 && j != win) {
          gradQ[go + i] += bs * (ki - keys[kwo + i]);
        }
        double g = Math.scalb(((b == 0.0 ? 0.0 : b * qi) + (c == 0.0 ? 0.0 : c * ki) - (sd == 0.0 ? 0.0 : sd * diff)), ue);
        gradKeys[gk + i] = (add ? gradKeys[gk + i] + g : g);
      }
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + 0.0;
    double bigS = sumS + 2.0 * fddW * total;
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i];
      double kwi = keys[kwo + i];
      gradQ[go + i] += (bigA == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue);
    }
    if (gradParams != null) {
      gradParams[gpp + 0] += Math.scalb(total * fparW0, ue);
    }
  }

  /**
   * The outputs into the double accumulator {@code acc[ao ..]}.
   */
  private static void valueCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, float[] logPrior, int po,
      double param0) {
    double dim = 0.0;
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      if (e < mm) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(e - mm);
        double drop = mm - e;
        t = s * scale;
        s = t + 1.0;
        mm = e;
        if (!(scale < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] = (scale == 0.0 ? 0.0 : acc[ao + i] * scale) + (double) values[vo + i];
          }
        } else {
          // the old keys' weights fell below the normal range: their sum times two half-weights
          for (int i = 0; i < m; i++) {
            acc[ao + i] = (drop <= 1400.0 ? tinyWeighted(acc[ao + i], drop, 1.0) : 0.0) + (double) values[vo + i];
          }
        }
      } else {
        double w = weight(e, mm);
        s += w;
        t += w;
        if (!(w < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] += w * (double) values[vo + i];
          }
        } else if ((e - mm) <= 1400.0) {
          // a weight below the normal range: a large value can still contribute
          double g = (e - mm);
          for (int i = 0; i < m; i++) {
            acc[ao + i] += tinyWeighted((double) values[vo + i], g, 1.0);
          }
        }
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + m, Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < m; i++) {
      acc[ao + i] *= inv;
    }
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static void backwardCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, float[] upstream, int uo, double[] gradQ, int go,
      float[] gradKeys, int gko, float[] gradValues, int gvo, boolean add, float[] logPrior, int po,
      float[] gradPrior, int gpo, double[] gradParams, int gpp, double param0) {
    double dim = 0.0;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      if (e < mm) {
        double scale = Math.exp(e - mm);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        win = j;
      } else {
        double w = weight(e, mm);
        s += w;
        t += w;
      }
    }
    if (!(s >= 1.0)) {
      // no posterior: every gradient is NaN
      Arrays.fill(gradQ, go, go + d, Double.NaN);
      Arrays.fill(gradKeys, gko, gko + n * d, (float) Double.NaN);
      if (gradPrior != null) Arrays.fill(gradPrior, gpo, gpo + n, (float) Double.NaN);
      if (gradParams != null) Arrays.fill(gradParams, gpp, gpp + 1, Double.NaN);
      Arrays.fill(gradValues, gvo, gvo + n * m, (float) Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fddW;
    double qkW;
    double kkW;
    double ddW;
    double fparW0;
    {
      int ko = kwo;
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + win];
      fparW0 = dParam0(dd, dim, param0);
      fddW = ddd(dd, dim, param0);
      qkW = 0.0;
      kkW = 0.0;
      ddW = dd;
    }
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if ((e - mm) <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), (e - mm), inv);
      }
    }
    double total = 0.0;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      double dd = squaredDistance(q, qOff, keys, ko, d);
      double e = energy(dd, dim, param0);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : (e - mm) <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, (e - mm), inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (float) (add ? gradPrior[gpo + j] + gp : gp);
      }
      if (gradParams != null && delta != 0.0 && j != win) {
        double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d);
        gradParams[gpp + 0] += Math.scalb(delta * (dDd * diffParam0ByDd(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim, param0)), ue);
      }
      for (int i = 0, o = gvo + j * m; i < m; i++, o++) {
        double g = !(r < 0x1p-1000) ? r * upstream[uo + i] : (e - mm) <= 1400.0 ? tinyWeighted(upstream[uo + i], (e - mm), inv) : 0.0;
        gradValues[o] = (float) (add ? gradValues[o] + g : g);
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
      double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d);
      double fs = ddd(dd, dim, param0);
      sumS += 2.0 * delta * 0.0;
      double b = 0.0;
      double c = 0.0;
      double sd = 2.0 * delta * fs;
      double bs = b - sd;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i];
        double ki = keys[ko + i];
        double diff = qi - ki;
        if (bs != 0.0 && j != win) {
          gradQ[go + i] += bs * (ki - keys[kwo + i]);
        }
        double g = Math.scalb(((b == 0.0 ? 0.0 : b * qi) + (c == 0.0 ? 0.0 : c * ki) - (sd == 0.0 ? 0.0 : sd * diff)), ue);
        gradKeys[gk + i] = (float) (add ? gradKeys[gk + i] + g : g);
      }
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + 0.0;
    double bigS = sumS + 2.0 * fddW * total;
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i];
      double kwi = keys[kwo + i];
      gradQ[go + i] += (bigA == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue);
    }
    if (gradParams != null) {
      gradParams[gpp + 0] += Math.scalb(total * fparW0, ue);
    }
  }

  /**
   * The energy of one key (the kernel over the temperature).
   */
  private static double energy(double dd, double dim, double s) {
    return 0.5 * dd / (s * s);
  }

  /**
   * The energy's partial by {@code dd}.
   */
  private static double ddd(double dd, double dim, double s) {
    return 0.5 / (s * s);
  }

  /**
   * The energy's partial by the free parameter {@code s}.
   */
  private static double dParam0(double dd, double dim, double s) {
    return -(dd / (s * s * s));
  }

  /**
   * Divided difference of the energy by {@code dd} between a key and the winning key ({@code ...W}).
   */
  private static double diffEnergyByDd(double qq, double qk, double kk, double dd, double qkW,
      double kkW, double ddW, double dim, double s) {
    return 0.5 / (s * s);
  }

  /**
   * Divided difference of the partial by {@code s} by {@code dd} between a key and the winning key ({@code ...W}).
   */
  private static double diffParam0ByDd(double qq, double qk, double kk, double dd, double qkW,
      double kkW, double ddW, double dim, double s) {
    return -(1.0 / (s * s * s));
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
   * {@code sum_i (x_i - y_i)^2}, from the differences themselves (with their rounding errors), compensated.
   */
  private static double squaredDistance(double[] x, int xo, double[] y, int yo, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i];
      double b = y[yo + i];
      double h = a - b;
      double v = h - a;
      double l = (a - (h - v)) - (b + v);
      double p = h * h;
      c += Math.fma(h, h, -p) + 2.0 * h * l;
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  /**
   * {@code <u, v_j - v_w>} with the differences formed first (it is small when the two values are close), compensated.
   */
  private static double differenceDot(double[] u, int uo, int ue, double[] v, int vj, int vw,
      int m) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < m; i++) {
      double a = Math.scalb(u[uo + i], -ue);
      double b = v[vj + i] - v[vw + i];
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
   * The binary exponent of {@code max_i |x_i|} (0 for zero or non-finite entries).
   */
  private static int exponentOf(double[] x, int xo, int len) {
    double max = 0.0;
    for (int i = 0; i < len; i++) {
      max = Math.max(max, Math.abs(x[xo + i]));
    }
    return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max);
  }

  /**
   * A Gram entry of key {@code j} (at {@code kj}) minus the winner's (at {@code kw}), from the vectors:
   * kind 0: {@code <q, k_j - k_w>}; 1: {@code <k_j - k_w, k_j + k_w>}; 2: {@code |q - k_j|^2 - |q - k_w|^2 = <k_w - k_j, (q - k_j) + (q - k_w)>}. Compensated; small when the keys are close.
   */
  private static double keyDifference(int kind, double[] q, int qo, double[] k, int kj, int kw,
      int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qo + i];
      double a = k[kj + i];
      double b = k[kw + i];
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
   * {@code sum_i (x_i - y_i)^2}, from the differences themselves (with their rounding errors), compensated.
   */
  private static double squaredDistance(float[] x, int xo, float[] y, int yo, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i];
      double b = y[yo + i];
      double h = a - b;
      double v = h - a;
      double l = (a - (h - v)) - (b + v);
      double p = h * h;
      c += Math.fma(h, h, -p) + 2.0 * h * l;
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  /**
   * {@code <u, v_j - v_w>} with the differences formed first (it is small when the two values are close), compensated.
   */
  private static double differenceDot(float[] u, int uo, int ue, float[] v, int vj, int vw, int m) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < m; i++) {
      double a = Math.scalb((double) u[uo + i], -ue);
      double b = (double) v[vj + i] - v[vw + i];
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
   * The binary exponent of {@code max_i |x_i|} (0 for zero or non-finite entries).
   */
  private static int exponentOf(float[] x, int xo, int len) {
    double max = 0.0;
    for (int i = 0; i < len; i++) {
      max = Math.max(max, Math.abs((double) x[xo + i]));
    }
    return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max);
  }

  /**
   * A Gram entry of key {@code j} (at {@code kj}) minus the winner's (at {@code kw}), from the vectors:
   * kind 0: {@code <q, k_j - k_w>}; 1: {@code <k_j - k_w, k_j + k_w>}; 2: {@code |q - k_j|^2 - |q - k_w|^2 = <k_w - k_j, (q - k_j) + (q - k_w)>}. Compensated; small when the keys are close.
   */
  private static double keyDifference(int kind, float[] q, int qo, float[] k, int kj, int kw,
      int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double qi = q[qo + i];
      double a = k[kj + i];
      double b = k[kw + i];
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
