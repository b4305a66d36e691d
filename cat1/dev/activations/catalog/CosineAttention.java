package dev.activations.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Generated attention; do not edit. Regenerate with:
 *
 * <pre>
 * derive --attention --kernel cosine --stat mean --param tau=1/10
 * </pre>
 *
 * <p>Query {@code q} in R^d, keys {@code k_1..k_n} in R^d (row-major), values {@code v_1..v_n} in R^m (row-major).
 * Key {@code j} is a hypothesis with the energy {@code e_j = kappa(q, k_j) / T}, {@code kappa(q, k) = -Dot[q,k]/(Norm[q]*Norm[k]*tau)}; in the Gram entries
 * ({@code qq = &lt;q,q&gt;, qk = &lt;q,k&gt;, kk = &lt;k,k&gt;, dd = |q-k|^2 = sum (q_i - k_i)^2, dim = d}):
 *
 * <pre>
 * e = (-10*qk)/(Sqrt[kk]*Sqrt[qq])
 * grad_q e = (-10) / |q| (k/|k| - rho q/|q|)
 * grad_k e = (-10) / |k| (q/|q| - rho k/|k|)
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
 *   <li>backward rule (dL/de_j by the implicit-EM identities) = d/dq, d/dk_j, d/dv_j of the written-out mean (2 keys, d = 2): holds (largest |difference| 1.5e-40 at exact binary fractions)
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
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * outputs within 1e-12 (relative; the mean normwise against its largest component), gradients within
 * 1e-10 of their largest component.
 */
public final class CosineAttention {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--attention --kernel cosine --stat mean --param tau=1/10";

  /**
   * Whether the statistic reads the values (otherwise {@code values} may be null and {@code m} 0).
   */
  public static final boolean USES_VALUES = true;

  /**
   * Per-thread double accumulators of the {@code float[]} methods (grown on demand, then reused).
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

  private CosineAttention() {
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
      int n, int d, int m, double[] out, int outOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, null, 0);
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
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0);
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
      int n, int d, int m, double[] out, int outOff, double[] logPrior, int pOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff, logPrior, pOff);
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
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff);
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
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    Arrays.fill(gradValues, gvOff, gvOff + n * m, 0);
    for (int i = 0; i < queries; i++) {
      backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, gradQ, gqOff + i * d, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0);
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
      int n, int d, int m, float[] out, int outOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    double[] acc = scratch(m);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, null, 0);
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
      int gkOff, float[] gradValues, int gvOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    double[] acc = scratch(d);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, null, 0, null, 0);
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
      int n, int d, int m, float[] out, int outOff, float[] logPrior, int pOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    double[] acc = scratch(m);
    valueCore(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0, logPrior, pOff);
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
      int gpOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    if (logPrior != null) Objects.checkFromIndexSize(pOff, n, logPrior.length);
    if (gradPrior != null) Objects.checkFromIndexSize(gpOff, n, gradPrior.length);
    Objects.checkFromIndexSize(upOff, m, upstream.length);
    Objects.checkFromIndexSize(gqOff, d, gradQ.length);
    Objects.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length);
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    double[] acc = scratch(d);
    backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false, logPrior, pOff, gradPrior, gpOff);
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
    Objects.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length);
    Arrays.fill(gradValues, gvOff, gvOff + n * m, 0);
    for (int i = 0; i < queries; i++) {
      double[] acc = scratch(d);
      backwardCore(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, acc, 0, gradKeys, gkOff, gradValues, gvOff, true, null, 0, null, 0);
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
      int vOff, int n, int d, int m, double[] acc, int ao, double[] logPrior, int po) {
    double dim = 0.0;
    int qe = scaleExponent(q, qOff, d);
    double qn = scaledNorm(q, qOff, d, qe);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
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
      int po, double[] gradPrior, int gpo) {
    double dim = 0.0;
    int qe = scaleExponent(q, qOff, d);
    double qn = scaledNorm(q, qOff, d, qe);
    double qnLo = normLow(q, qOff, d, qe, qn);
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
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
      Arrays.fill(gradValues, gvo, gvo + n * m, Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double rhoW;
    double gW;
    double knW;
    int kw;
    {
      int ko = kwo;
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + win];
      rhoW = rho;
      gW = drho(rho, dim);
      knW = kn;
      kw = ke;
    }
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if ((e - mm) <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), (e - mm), inv);
      }
    }
    double total = 0.0;
    double sumG = 0.0;
    double rootW;
    {
      double sw = rhoW < 0.0 ? -1.0 : 1.0;
      double lw = normLow(keys, kwo, d, kw, knW);
      double aw = 0.0;
      for (int i = 0; i < d; i++) {
        double h = unitDifference(keys[kwo + i], kw, knW, lw, q[qOff + i], qe, qn, qnLo, sw);
        aw = Math.fma(h, h, aw);
      }
      rootW = Math.sqrt(aw);
    }
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : (e - mm) <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, (e - mm), inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (add ? gradPrior[gpo + j] + gp : gp);
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
      double g = drho(rho, dim);
      double slope = delta * g;
      // 1/|k| is 2^-ke / kn: applied with the upstream's scale in one scalb after the unit-vector factor, since
      // 2^-ke alone overflows for keys near 1e-177 next to values near 1e184 (Infinity times an exact 0 gave NaN)
      double ck = slope / kn;
      // nearly parallel (or antiparallel) to q: unit components in double-double (unitDifference), with the
      // norm's rounding error; elsewhere their rounding is far below qh - sg kh
      boolean parallel = Math.abs(rho) > 1.0 - 0x1p-20;
      double knLo = parallel ? normLow(keys, ko, d, ke, kn) : 0.0;
      int common = Math.max(ke, kw);
      double na = Math.scalb(kn, ke - common);
      double nb = Math.scalb(knW, kw - common);
      double norms = 0.0;
      boolean close = na <= 2.0 * nb && nb <= 2.0 * na;
      // qh - rho kh = (qh - sg kh) + sg |qh - sg kh|^2 / 2 kh (sg the sign of rho): exact 0 for parallel vectors
      double sg = rho < 0.0 ? -1.0 : 1.0;
      double apart = 0.0;
      double chord = 0.0;
      for (int i = 0; i < d; i++) {
        double a = Math.scalb(keys[ko + i], -common);
        double b = Math.scalb(keys[kwo + i], -common);
        norms = Math.fma(b - a, b + a, norms);
        double h = parallel ? unitDifference(q[qOff + i], qe, qn, qnLo, keys[ko + i], ke, kn, knLo, sg) : Math.scalb(q[qOff + i], -qe) / qn - sg * (Math.scalb(keys[ko + i], -ke) / kn);
        apart = Math.fma(h, h, apart);
        if (!close) {
          double c = Math.scalb(keys[ko + i], -ke) / kn - Math.scalb(keys[kwo + i], -kw) / knW;
          chord = Math.fma(c, c, chord);
        }
      }
      double half = 0.5 * sg * apart;
      double ia = 1.0 / na;
      double shrink = norms / (na * nb * (na + nb));
      // the difference form cancels (a - b)/|a| against b shrink when the norms differ (by 1e42 at keys of 1e143
      // and 1e101: grad q off by 1e26): there, and where a norm underflows in the common scale, kh_j - kh_w directly
      // keys of other norms nearer the line of q than to the winner's direction: each its own kh - rho qh (orthogonal
      // to q) is more accurate than kh_j - kh_w, whose rounding in 1e-16 the projection onto q's complement keeps
      boolean direct = !close && j != win && Math.sqrt(apart) + rootW < Math.sqrt(chord);
      for (int i = 0; i < d; i++) {
        double qh = Math.scalb(q[qOff + i], -qe) / qn;
        double kh = Math.scalb(keys[ko + i], -ke) / kn;
        double a = Math.scalb(keys[ko + i], -common);
        double b = Math.scalb(keys[kwo + i], -common);
        double h = parallel ? unitDifference(q[qOff + i], qe, qn, qnLo, keys[ko + i], ke, kn, knLo, sg) : qh - sg * kh;
        // (direct: kh - rho qh = -sg h + half qh; kh_j - kh_w nearly along q, nearly -2 qh, left 7e-9 of it after the projection)
        double dk = j == win ? 0.0 : close ? (a - b) * ia + b * shrink : direct ? -sg * h + half * qh : kh - Math.scalb(keys[kwo + i], -kw) / knW;
        gradQ[go + i] += slope * dk;
        double gki = Math.scalb(ck * (h + half * kh), ue -ke);
        gradKeys[gk + i] = (add ? gradKeys[gk + i] + gki : gki);
      }
      if (!direct) {
        sumG += delta * (g - gW);
      } else {
        // (its share of G kh_w is in its own term)
        total -= delta;
      }
    }
    // the energy depends on the direction of q only, so grad q is orthogonal to q: project the
    // accumulated part, and write the winner's kh_w - rho_w qh in the form that is exact for parallel vectors
    double bigG = sumG + gW * total;
    double cq = Math.scalb(1.0 / qn, -qe);
    double sgW = rhoW < 0.0 ? -1.0 : 1.0;
    double knWLo = normLow(keys, kwo, d, kw, knW);
    double proj = 0.0;
    double apartW = 0.0;
    for (int i = 0; i < d; i++) {
      double qh = Math.scalb(q[qOff + i], -qe) / qn;
      double h = unitDifference(keys[kwo + i], kw, knW, knWLo, q[qOff + i], qe, qn, qnLo, sgW);
      proj = Math.fma(gradQ[go + i], qh, proj);
      apartW = Math.fma(h, h, apartW);
    }
    for (int i = 0; i < d; i++) {
      double qh = Math.scalb(q[qOff + i], -qe) / qn;
      double h = unitDifference(keys[kwo + i], kw, knW, knWLo, q[qOff + i], qe, qn, qnLo, sgW);
      double rw = h + 0.5 * sgW * apartW * qh;
      gradQ[go + i] = cq * ((gradQ[go + i] - proj * qh) + (bigG == 0.0 ? 0.0 : bigG * rw));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue);
    }
  }

  /**
   * The outputs into the double accumulator {@code acc[ao ..]}.
   */
  private static void valueCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, float[] logPrior, int po) {
    double dim = 0.0;
    int qe = scaleExponent(q, qOff, d);
    double qn = scaledNorm(q, qOff, d, qe);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
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
      float[] gradPrior, int gpo) {
    double dim = 0.0;
    int qe = scaleExponent(q, qOff, d);
    double qn = scaledNorm(q, qOff, d, qe);
    double qnLo = normLow(q, qOff, d, qe, qn);
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
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
      Arrays.fill(gradValues, gvo, gvo + n * m, (float) Double.NaN);
      return;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double rhoW;
    double gW;
    double knW;
    int kw;
    {
      int ko = kwo;
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + win];
      rhoW = rho;
      gW = drho(rho, dim);
      knW = kn;
      kw = ke;
    }
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if ((e - mm) <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), (e - mm), inv);
      }
    }
    double total = 0.0;
    double sumG = 0.0;
    double rootW;
    {
      double sw = rhoW < 0.0 ? -1.0 : 1.0;
      double lw = normLow(keys, kwo, d, kw, knW);
      double aw = 0.0;
      for (int i = 0; i < d; i++) {
        double h = unitDifference((double) keys[kwo + i], kw, knW, lw, (double) q[qOff + i], qe, qn, qnLo, sw);
        aw = Math.fma(h, h, aw);
      }
      rootW = Math.sqrt(aw);
    }
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      int ke = scaleExponent(keys, ko, d);
      double kn = scaledNorm(keys, ko, d, ke);
      double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn);
      double e = energy(rho, dim);
      if (logPrior != null) e -= logPrior[po + j];
      double r = weight(e, mm) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : (e - mm) <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, (e - mm), inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (float) (add ? gradPrior[gpo + j] + gp : gp);
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
      double g = drho(rho, dim);
      double slope = delta * g;
      // 1/|k| is 2^-ke / kn: applied with the upstream's scale in one scalb after the unit-vector factor, since
      // 2^-ke alone overflows for keys near 1e-177 next to values near 1e184 (Infinity times an exact 0 gave NaN)
      double ck = slope / kn;
      // nearly parallel (or antiparallel) to q: unit components in double-double (unitDifference), with the
      // norm's rounding error; elsewhere their rounding is far below qh - sg kh
      boolean parallel = Math.abs(rho) > 1.0 - 0x1p-20;
      double knLo = parallel ? normLow(keys, ko, d, ke, kn) : 0.0;
      int common = Math.max(ke, kw);
      double na = Math.scalb(kn, ke - common);
      double nb = Math.scalb(knW, kw - common);
      double norms = 0.0;
      boolean close = na <= 2.0 * nb && nb <= 2.0 * na;
      // qh - rho kh = (qh - sg kh) + sg |qh - sg kh|^2 / 2 kh (sg the sign of rho): exact 0 for parallel vectors
      double sg = rho < 0.0 ? -1.0 : 1.0;
      double apart = 0.0;
      double chord = 0.0;
      for (int i = 0; i < d; i++) {
        double a = Math.scalb((double) keys[ko + i], -common);
        double b = Math.scalb((double) keys[kwo + i], -common);
        norms = Math.fma(b - a, b + a, norms);
        double h = parallel ? unitDifference((double) q[qOff + i], qe, qn, qnLo, (double) keys[ko + i], ke, kn, knLo, sg) : Math.scalb((double) q[qOff + i], -qe) / qn - sg * (Math.scalb((double) keys[ko + i], -ke) / kn);
        apart = Math.fma(h, h, apart);
        if (!close) {
          double c = Math.scalb((double) keys[ko + i], -ke) / kn - Math.scalb((double) keys[kwo + i], -kw) / knW;
          chord = Math.fma(c, c, chord);
        }
      }
      double half = 0.5 * sg * apart;
      double ia = 1.0 / na;
      double shrink = norms / (na * nb * (na + nb));
      // the difference form cancels (a - b)/|a| against b shrink when the norms differ (by 1e42 at keys of 1e143
      // and 1e101: grad q off by 1e26): there, and where a norm underflows in the common scale, kh_j - kh_w directly
      // keys of other norms nearer the line of q than to the winner's direction: each its own kh - rho qh (orthogonal
      // to q) is more accurate than kh_j - kh_w, whose rounding in 1e-16 the projection onto q's complement keeps
      boolean direct = !close && j != win && Math.sqrt(apart) + rootW < Math.sqrt(chord);
      for (int i = 0; i < d; i++) {
        double qh = Math.scalb((double) q[qOff + i], -qe) / qn;
        double kh = Math.scalb((double) keys[ko + i], -ke) / kn;
        double a = Math.scalb((double) keys[ko + i], -common);
        double b = Math.scalb((double) keys[kwo + i], -common);
        double h = parallel ? unitDifference((double) q[qOff + i], qe, qn, qnLo, (double) keys[ko + i], ke, kn, knLo, sg) : qh - sg * kh;
        // (direct: kh - rho qh = -sg h + half qh; kh_j - kh_w nearly along q, nearly -2 qh, left 7e-9 of it after the projection)
        double dk = j == win ? 0.0 : close ? (a - b) * ia + b * shrink : direct ? -sg * h + half * qh : kh - Math.scalb((double) keys[kwo + i], -kw) / knW;
        gradQ[go + i] += slope * dk;
        double gki = Math.scalb(ck * (h + half * kh), ue -ke);
        gradKeys[gk + i] = (float) (add ? gradKeys[gk + i] + gki : gki);
      }
      if (!direct) {
        sumG += delta * (g - gW);
      } else {
        // (its share of G kh_w is in its own term)
        total -= delta;
      }
    }
    // the energy depends on the direction of q only, so grad q is orthogonal to q: project the
    // accumulated part, and write the winner's kh_w - rho_w qh in the form that is exact for parallel vectors
    double bigG = sumG + gW * total;
    double cq = Math.scalb(1.0 / qn, -qe);
    double sgW = rhoW < 0.0 ? -1.0 : 1.0;
    double knWLo = normLow(keys, kwo, d, kw, knW);
    double proj = 0.0;
    double apartW = 0.0;
    for (int i = 0; i < d; i++) {
      double qh = Math.scalb((double) q[qOff + i], -qe) / qn;
      double h = unitDifference((double) keys[kwo + i], kw, knW, knWLo, (double) q[qOff + i], qe, qn, qnLo, sgW);
      proj = Math.fma(gradQ[go + i], qh, proj);
      apartW = Math.fma(h, h, apartW);
    }
    for (int i = 0; i < d; i++) {
      double qh = Math.scalb((double) q[qOff + i], -qe) / qn;
      double h = unitDifference((double) keys[kwo + i], kw, knW, knWLo, (double) q[qOff + i], qe, qn, qnLo, sgW);
      double rw = h + 0.5 * sgW * apartW * qh;
      gradQ[go + i] = cq * ((gradQ[go + i] - proj * qh) + (bigG == 0.0 ? 0.0 : bigG * rw));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue);
    }
  }

  /**
   * The energy of one key (the kernel over the temperature).
   */
  private static double energy(double rho, double dim) {
    return -10.0 * rho;
  }

  /**
   * {@code g'(rho)}, the energy's derivative by the cosine.
   */
  private static double drho(double rho, double dim) {
    return -10.0;
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
   * The binary exponent of {@code max_i |x_i|} (0 for a zero vector): dividing by its power of two is exact.
   */
  private static int scaleExponent(double[] x, int xo, int d) {
    double max = 0.0;
    for (int i = 0; i < d; i++) {
      max = Math.max(max, Math.abs(x[xo + i]));
    }
    return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max);
  }

  /**
   * {@code |x| 2^-e}, compensated (no overflow: every scaled entry is below 2).
   */
  private static double scaledNorm(double[] x, int xo, int d, int e) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb(x[xo + i], -e);
      double p = a * a;
      c += Math.fma(a, a, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return Math.sqrt(s + c);
  }

  /**
   * {@code |x| 2^-e - n} for {@code n = scaledNorm(x, xo, d, e)}: the norm's own rounding error (0 for a zero vector).
   */
  private static double normLow(double[] x, int xo, int d, int e, double n) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb(x[xo + i], -e);
      double p = a * a;
      c += Math.fma(a, a, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return n > 0.0 ? (Math.fma(-n, n, s) + c) / (2.0 * n) : 0.0;
  }

  /**
   * {@code <x 2^-ex, y 2^-ey>}, compensated.
   */
  private static double scaledDot(double[] x, int xo, int ex, double[] y, int yo, int ey, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb(x[xo + i], -ex);
      double b = Math.scalb(y[yo + i], -ey);
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
   * {@code x 2^-xe / (xn + xl) - sg y 2^-ye / (yn + yl)}: the components of two unit vectors
   * ({@code xn + xl}, {@code yn + yl} their scaled norms in double-double) and their difference, to about 1e-32.
   */
  private static double unitDifference(double x, int xe, double xn, double xl, double y, int ye,
      double yn, double yl, double sg) {
    double a = Math.scalb(x, -xe);
    double ah = a / xn;
    double al = (Math.fma(-ah, xn, a) - ah * xl) / xn;
    double b = Math.scalb(y, -ye);
    double bh = b / yn;
    double bl = (Math.fma(-bh, yn, b) - bh * yl) / yn;
    return (ah - sg * bh) + (al - sg * bl);
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
   * The binary exponent of {@code max_i |x_i|} (0 for a zero vector): dividing by its power of two is exact.
   */
  private static int scaleExponent(float[] x, int xo, int d) {
    double max = 0.0;
    for (int i = 0; i < d; i++) {
      max = Math.max(max, Math.abs((double) x[xo + i]));
    }
    return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max);
  }

  /**
   * {@code |x| 2^-e}, compensated (no overflow: every scaled entry is below 2).
   */
  private static double scaledNorm(float[] x, int xo, int d, int e) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb((double) x[xo + i], -e);
      double p = a * a;
      c += Math.fma(a, a, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return Math.sqrt(s + c);
  }

  /**
   * {@code |x| 2^-e - n} for {@code n = scaledNorm(x, xo, d, e)}: the norm's own rounding error (0 for a zero vector).
   */
  private static double normLow(float[] x, int xo, int d, int e, double n) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb((double) x[xo + i], -e);
      double p = a * a;
      c += Math.fma(a, a, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return n > 0.0 ? (Math.fma(-n, n, s) + c) / (2.0 * n) : 0.0;
  }

  /**
   * {@code <x 2^-ex, y 2^-ey>}, compensated.
   */
  private static double scaledDot(float[] x, int xo, int ex, float[] y, int yo, int ey, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.scalb((double) x[xo + i], -ex);
      double b = Math.scalb((double) y[yo + i], -ey);
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
}
