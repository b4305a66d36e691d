package dev.activations.catalog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated attention; do not edit. Regenerate with:
 *
 * <pre>
 * derive --attention --kernel student-t --stat mean --param nu=3 --param s=1
 * </pre>
 *
 * <p>Query {@code q} in R^d, keys {@code k_1..k_n} in R^d (row-major), values {@code v_1..v_n} in R^m (row-major).
 * Key {@code j} is a hypothesis with the energy {@code e_j = kappa(q, k_j) / T}, {@code kappa(q, k) = (nu+Dim)/2*Log[1+Dot[q-k,q-k]/(nu*s^2)]}; in the Gram entries
 * ({@code qq = &lt;q,q&gt;, qk = &lt;q,k&gt;, kk = &lt;k,k&gt;, dd = |q-k|^2 = sum (q_i - k_i)^2, dim = d}):
 *
 * <pre>
 * e = 1/2*(3+dim)*Log[1/3*(3+dd)]
 * grad_q e = 2 (0) q + (0) k + 2 ((3+dim)/(2*(3+dd))) (q - k)
 * grad_k e = (0) q + 2 (0) k - 2 ((3+dim)/(2*(3+dd))) (q - k)
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
 *   <li>backward rule (dL/de_j by the implicit-EM identities) = d/dq, d/dk_j, d/dv_j of the written-out mean (2 keys, d = 2): holds (largest |difference| 0.0e+00 at exact binary fractions)
 *   <li>energy and partial differences to the winner = telescoped divided differences (dd): holds (largest |difference| 0.0e+00 at exact Gram entries)
 *   <li>asymptotic form at large entries, f = 1/2*(3+dim)*Log[1/3*(dd+3*tscale)]: holds (e(g) = L^0 f(g/L, 1/L) + (1/2*(3+dim)) log L: largest |difference| 0.0e+00 at L = 4, 1/8; f finite at t = 0)
 * </ul>
 *
 * <p>Evaluation: the Gram entries are compensated sums; the squared distance is {@code sum (q_i - k_i)^2},
 * never {@code qq - 2 qk + kk}; a kernel of the cosine only runs on vectors scaled by powers of two (no norm
 * overflows). One pass over the keys keeps the running minimum energy {@code m}, {@code s = sum_j exp(m - e_j)} and
 * the running value sum, rescaled when the minimum drops; the backward pass takes its reductions relative to
 * the winning key. Exactly tied keys share equally; a NaN makes every output and gradient NaN; with no keys
 * or every energy {@code +Infinity} there is no posterior and the outputs are NaN. An energy that overflows
 * for finite inputs does not: where an entry of the query or of a key exceeds 2^193, that key and the query
 * are multiplied by a power of two 2^-se of their own (each key its own se) and the energy is evaluated in its
 * asymptotic form e(L g') = L^0 f(g', t) + c log L (L = 2^2se, t = 1/L), energy gaps taken between the keys'
 * scales exactly (a scaled energy of -Infinity, a key equal to the query once t underflows, wins outright) and
 * log-priors kept apart (entries up to 1e200 meet the contract; where a double holds no scale of a query and a key
 * some 1e300 apart, or a key's gradient cancels beyond the contract, the gradients are NaN). The {@code double[]}
 * methods do not allocate; the {@code float[]}
 * methods compute in double with a per-thread accumulator and round once.
 *
 * <p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):
 * outputs within 1e-12 (relative; the mean normwise against its largest component), gradients within
 * 1e-10 of their largest component.
 */
public final class StudentTAttention {
  /**
   * The derive options that regenerate this class.
   */
  public static final String SPEC = "--attention --kernel student-t --stat mean --param nu=3 --param s=1";

  /**
   * Whether the statistic reads the values (otherwise {@code values} may be null and {@code m} 0).
   */
  public static final boolean USES_VALUES = true;

  /**
   * Per-thread double accumulators of the {@code float[]} methods (grown on demand, then reused).
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[64]);

  /**
   * Whether {@code value} (both array types) and {@code backward(double[] ...)} use SIMD ({@code jdk.incubator.vector});
   * decided once, when this class initialises: true when the JVM runs with {@code --add-modules
   * jdk.incubator.vector}, the system property {@code dev.activations.simd} is not {@code false}, and the companion class {@code StudentTAttentionSimd}
   * (compiled from its own source file with that module) is present. The kernels leave a call to the plain-Java
   * code whenever their error bound could cost the contract (and for NaN, infinite energies, d or m below
   * the vector length), so results meet the contract either way.
   */
  public static final boolean VECTORIZED;

  private static final MethodHandle SIMD_VALUE;

  private static final MethodHandle SIMD_VALUE_FLOAT;

  private static final MethodHandle SIMD_BACKWARD;

  static {
    MethodHandle[] h = simdHandles();
    VECTORIZED = h != null;
    SIMD_VALUE = h == null ? null : h[0];
    SIMD_VALUE_FLOAT = h == null ? null : h[1];
    SIMD_BACKWARD = h == null ? null : h[2];
  }

  private StudentTAttention() {
  }

  /**
   * How many entries {@code value} writes per query (m).
   */
  public static int outputs(int n, int m) {
    return m;
  }

  /**
   * The kernels of the SIMD companion {@code StudentTAttentionSimd}, in the order of the handle fields, or null
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
      StudentTAttention.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.StudentTAttentionSimd", true, StudentTAttention.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle[] h = new MethodHandle[3];
      h[0] = lookup.findStatic(c, "value", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class, int.class, int.class, int.class, double[].class, int.class));
      h[1] = lookup.findStatic(c, "value", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, float[].class, int.class, int.class, int.class, int.class, double[].class, int.class));
      h[2] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class, int.class, int.class, int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
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
  public static void value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff,
      int n, int d, int m, double[] out, int outOff) {
    checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, values == null ? -1 : values.length, vOff, n, d, m);
    Objects.checkFromIndexSize(outOff, m, out.length);
    int left = 1;
    if (SIMD_VALUE != null) {
      try {
        left = (int) SIMD_VALUE.invokeExact(q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (left == 0) return;
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
    int left = 1;
    if (SIMD_BACKWARD != null) {
      try {
        left = (int) SIMD_BACKWARD.invokeExact(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (left == 0) return;
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
    int left = 1;
    if (SIMD_VALUE_FLOAT != null) {
      try {
        left = (int) SIMD_VALUE_FLOAT.invokeExact(q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    if (left == 0) {
      for (int i = 0; i < m; i++) {
        out[outOff + i] = (float) acc[i];
      }
      return;
    }
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
  private static boolean valueCore(double[] q, int qOff, double[] keys, int kOff, double[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, double[] logPrior, int po) {
    double qmax = largest(q, qOff, d);
    // (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))
    double gapScale = logFactor(d);
    double dim = d;
    double mm = gapScale > 0.0 ? Double.MAX_VALUE : Double.MIN_VALUE;
    double mp = 0.0;
    int mko = -1;
    int ms = 0;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      if (eg < 0.0) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(eg);
        double drop = -eg;
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        ms = se;
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
        double w = weight(eg);
        s += w;
        t += w;
        if (!(w < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] += w * values[vo + i];
          }
        } else if (eg <= 1400.0) {
          // a weight below the normal range: a large value can still contribute
          double g = eg;
          for (int i = 0; i < m; i++) {
            acc[ao + i] += tinyWeighted(values[vo + i], g, 1.0);
          }
        }
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + m, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < m; i++) {
      acc[ao + i] *= inv;
    }
    return true;
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static boolean backwardCore(double[] q, int qOff, double[] keys, int kOff,
      double[] values, int vOff, int n, int d, int m, double[] upstream, int uo, double[] gradQ,
      int go, double[] gradKeys, int gko, double[] gradValues, int gvo, boolean add,
      double[] logPrior, int po, double[] gradPrior, int gpo) {
    double qmax = largest(q, qOff, d);
    // (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))
    double gapScale = logFactor(d);
    double dim = d;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = gapScale > 0.0 ? Double.MAX_VALUE : Double.MIN_VALUE;
    double mp = 0.0;
    int mko = -1;
    int ms = 0;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      if (eg < 0.0) {
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        ms = se;
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
      Arrays.fill(gradValues, gvo, gvo + n * m, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fddW;
    double qkW;
    double kkW;
    double ddW;
    int seW;
    {
      int ko = kwo;
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + win];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      seW = se;
      fddW = (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
      qkW = 0.0;
      kkW = 0.0;
      ddW = dd;
    }
    // the winner's scale: the keys near it are evaluated at it, so that their differences to it are in one scale
    double entryScaleW = Math.scalb(1.0, -seW);
    int geW = -seW;
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      double r = weight(eg) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if (eg <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), eg, inv);
      }
    }
    double total = 0.0;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    boolean far = false;
    double keyTerms = 0.0;
    double keyLargest = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      boolean near = j == win || Math.abs(se - seW) <= 128;
      if (near && se != seW) {
        se = seW;
        entryScale = Math.scalb(1.0, -se);
        tscale = Math.scalb(1.0, -2 * se);
        ge = -se;
        dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      }
      double r = weight(eg) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : eg <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, eg, inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (add ? gradPrior[gpo + j] + gp : gp);
      }
      for (int i = 0, o = gvo + j * m; i < m; i++, o++) {
        double g = !(r < 0x1p-1000) ? r * upstream[uo + i] : eg <= 1400.0 ? tinyWeighted(upstream[uo + i], eg, inv) : 0.0;
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
      // asymptotic form: partials of f and vectors times 2^-se; gradients scaled back by 2^ge
      // grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k);  grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)
      // grad q = A q + B k_w + S (q - k_w) + sum_j (b_j - s_j) (k_j - k_w), with A, B, S sums of differences to the winner's
      boolean close = j == win || (close(dd, ddW));
      double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d, entryScale);
      double fs = (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
      if (near && close) {
        sumS += 2.0 * delta * (close ? ((dDd == 0.0 ? 0.0 : dDd * (se == 0 ? diffDdByDd(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim) : diffDdByDdScaled(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim, tscale)))) : (fs - fddW));
      } else if (near) {
        total -= delta;
      } else {
        total -= delta;
        far = true;
      }
      double b = 0.0;
      double c = 0.0;
      double sd = 2.0 * delta * fs;
      double bs = b - sd;
      int ce = Math.getExponent(Math.max(Math.abs(b), Math.max(Math.abs(c), Math.abs(sd))));
      double bn = Math.scalb(b, -ce);
      double cn = Math.scalb(c, -ce);
      double sn = Math.scalb(sd, -ce);
      double rowTerms = 0.0;
      double rowLargest = 0.0;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i] * entryScale;
        double ki = keys[ko + i] * entryScale;
        double diff = qi - ki;
        if (near && close && bs != 0.0 && j != win) {
          double dk = ki - keys[kwo + i] * entryScale;
          if (dk != 0.0) gradQ[go + i] += bs * dk;
        }
        if (near && !close) {
          gradQ[go + i] += (b == 0.0 || ki == 0.0 ? 0.0 : b * ki) + (sd == 0.0 || diff == 0.0 ? 0.0 : sd * diff);
        }
        double tb = bn == 0.0 || qi == 0.0 ? 0.0 : bn * qi;
        double tc = cn == 0.0 || ki == 0.0 ? 0.0 : cn * ki;
        double ts = sn == 0.0 || diff == 0.0 ? 0.0 : sn * diff;
        double g = Math.scalb(tb + tc - ts, ue + ge + ce);
        rowTerms = Math.max(rowTerms, Math.abs(tb) + Math.abs(tc) + Math.abs(ts));
        rowLargest = Math.max(rowLargest, Math.abs(tb + tc - ts));
        gradKeys[gk + i] = (add ? gradKeys[gk + i] + g : g);
      }
      keyTerms = Math.max(keyTerms, Math.scalb(rowTerms, ue + ge + ce));
      keyLargest = Math.max(keyLargest, Math.scalb(rowLargest, ue + ge + ce));
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + 0.0;
    double bigS = sumS + (total == 0.0 ? 0.0 : 2.0 * fddW * total);
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i] * entryScaleW;
      double kwi = keys[kwo + i] * entryScaleW;
      gradQ[go + i] += (bigA == 0.0 || qi == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 || kwi == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 || qi - kwi == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue + geW);
    }
    if (far) {
      for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
        // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
        int se = keyScale(qmax, keys, ko, d);
        double entryScale = Math.scalb(1.0, -se);
        double tscale = Math.scalb(1.0, -2 * se);
        int ge = -se;
        double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
        // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
        double e = logArgument(dd, dim, tscale);
        double ep = logPrior == null ? 0.0 : logPrior[po + j];
        double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
        boolean near = j == win || Math.abs(se - seW) <= 128;
        if (near) continue;
        double r = weight(eg) * inv;
        double delta;
        delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : eg <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, eg, inv) : 0.0;
        if (delta == 0.0) continue;
        double a = 0.0;
        double b = 0.0;
        double sd = 2.0 * delta * (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
        int ce = Math.getExponent(Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(sd))));
        double an = Math.scalb(a, -ce);
        double bn = Math.scalb(b, -ce);
        double sn = Math.scalb(sd, -ce);
        for (int i = 0; i < d; i++) {
          double qi = q[qOff + i] * entryScale;
          double ki = keys[ko + i] * entryScale;
          gradQ[go + i] += Math.scalb((an == 0.0 || qi == 0.0 ? 0.0 : an * qi) + (bn == 0.0 || ki == 0.0 ? 0.0 : bn * ki) + (sn == 0.0 || qi - ki == 0.0 ? 0.0 : sn * (qi - ki)), ue + ge + ce);
        }
      }
    }
    if (keyTerms * 0x1p-49 > 1e-11 * keyLargest) {
      Arrays.fill(gradKeys, gko, gko + n * d, Double.NaN);
    }
    return true;
  }

  /**
   * The outputs into the double accumulator {@code acc[ao ..]}.
   */
  private static boolean valueCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, double[] acc, int ao, float[] logPrior, int po) {
    double qmax = largest(q, qOff, d);
    // (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))
    double gapScale = logFactor(d);
    double dim = d;
    double mm = gapScale > 0.0 ? Double.MAX_VALUE : Double.MIN_VALUE;
    double mp = 0.0;
    int mko = -1;
    int ms = 0;
    double s = 0.0;
    double t = 0.0;
    Arrays.fill(acc, ao, ao + m, 0.0);
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      if (eg < 0.0) {
        // a new minimum: rescale what was summed relative to the old one
        double scale = Math.exp(eg);
        double drop = -eg;
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        ms = se;
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
        double w = weight(eg);
        s += w;
        t += w;
        if (!(w < 0x1p-1000)) {
          for (int i = 0; i < m; i++) {
            acc[ao + i] += w * (double) values[vo + i];
          }
        } else if (eg <= 1400.0) {
          // a weight below the normal range: a large value can still contribute
          double g = eg;
          for (int i = 0; i < m; i++) {
            acc[ao + i] += tinyWeighted((double) values[vo + i], g, 1.0);
          }
        }
      }
    }
    if (!(s >= 1.0)) {
      // a NaN energy, no keys, or no energy below +Infinity: no posterior
      Arrays.fill(acc, ao, ao + m, Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < m; i++) {
      acc[ao + i] *= inv;
    }
    return true;
  }

  /**
   * The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and
   * {@code gradValues} are added to instead of overwritten (the batched form).
   */
  private static boolean backwardCore(float[] q, int qOff, float[] keys, int kOff, float[] values,
      int vOff, int n, int d, int m, float[] upstream, int uo, double[] gradQ, int go,
      float[] gradKeys, int gko, float[] gradValues, int gvo, boolean add, float[] logPrior, int po,
      float[] gradPrior, int gpo) {
    double qmax = largest(q, qOff, d);
    // (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))
    double gapScale = logFactor(d);
    double dim = d;
    Arrays.fill(gradQ, go, go + d, 0.0);
    double mm = gapScale > 0.0 ? Double.MAX_VALUE : Double.MIN_VALUE;
    double mp = 0.0;
    int mko = -1;
    int ms = 0;
    double s = 0.0;
    double t = 0.0;
    int win = 0;
    for (int j = 0, ko = kOff; j < n; j++, ko += d) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      if (eg < 0.0) {
        double scale = Math.exp(eg);
        t = s * scale;
        s = t + 1.0;
        mm = e;
        mp = ep;
        mko = ko;
        ms = se;
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
      Arrays.fill(gradValues, gvo, gvo + n * m, (float) Double.NaN);
      return true;
    }
    double inv = 1.0 / s;
    int kwo = kOff + win * d;
    double fddW;
    double qkW;
    double kkW;
    double ddW;
    int seW;
    {
      int ko = kwo;
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + win];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      seW = se;
      fddW = (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
      qkW = 0.0;
      kkW = 0.0;
      ddW = dd;
    }
    // the winner's scale: the keys near it are evaluated at it, so that their differences to it are in one scale
    double entryScaleW = Math.scalb(1.0, -seW);
    int geW = -seW;
    // acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>
    // the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not
    int ue = exponentOf(upstream, uo, m);
    double acc = 0.0;
    int vw = vOff + win * m;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      if (j == win) continue;
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      double r = weight(eg) * inv;
      if (!(r < 0x1p-1000)) {
        acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m);
      } else if (eg <= 1400.0) {
        acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), eg, inv);
      }
    }
    double total = 0.0;
    double sumA = 0.0;
    double sumB = 0.0;
    double sumS = 0.0;
    boolean far = false;
    double keyTerms = 0.0;
    double keyLargest = 0.0;
    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
      // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
      int se = keyScale(qmax, keys, ko, d);
      double entryScale = Math.scalb(1.0, -se);
      double tscale = Math.scalb(1.0, -2 * se);
      int ge = -se;
      double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
      double e = logArgument(dd, dim, tscale);
      double ep = logPrior == null ? 0.0 : logPrior[po + j];
      double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
      boolean near = j == win || Math.abs(se - seW) <= 128;
      if (near && se != seW) {
        se = seW;
        entryScale = Math.scalb(1.0, -se);
        tscale = Math.scalb(1.0, -2 * se);
        ge = -se;
        dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
      }
      double r = weight(eg) * inv;
      double delta;
      delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : eg <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, eg, inv) : 0.0;
      if (gradPrior != null) {
        double gp = Math.scalb(-delta, ue);
        gradPrior[gpo + j] = (float) (add ? gradPrior[gpo + j] + gp : gp);
      }
      for (int i = 0, o = gvo + j * m; i < m; i++, o++) {
        double g = !(r < 0x1p-1000) ? r * upstream[uo + i] : eg <= 1400.0 ? tinyWeighted(upstream[uo + i], eg, inv) : 0.0;
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
      // asymptotic form: partials of f and vectors times 2^-se; gradients scaled back by 2^ge
      // grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k);  grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)
      // grad q = A q + B k_w + S (q - k_w) + sum_j (b_j - s_j) (k_j - k_w), with A, B, S sums of differences to the winner's
      boolean close = j == win || (close(dd, ddW));
      double dDd = j == win ? 0.0 : keyDifference(2, q, qOff, keys, ko, kwo, d, entryScale);
      double fs = (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
      if (near && close) {
        sumS += 2.0 * delta * (close ? ((dDd == 0.0 ? 0.0 : dDd * (se == 0 ? diffDdByDd(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim) : diffDdByDdScaled(0.0, 0.0, 0.0, dd, qkW, kkW, ddW, dim, tscale)))) : (fs - fddW));
      } else if (near) {
        total -= delta;
      } else {
        total -= delta;
        far = true;
      }
      double b = 0.0;
      double c = 0.0;
      double sd = 2.0 * delta * fs;
      double bs = b - sd;
      int ce = Math.getExponent(Math.max(Math.abs(b), Math.max(Math.abs(c), Math.abs(sd))));
      double bn = Math.scalb(b, -ce);
      double cn = Math.scalb(c, -ce);
      double sn = Math.scalb(sd, -ce);
      double rowTerms = 0.0;
      double rowLargest = 0.0;
      for (int i = 0; i < d; i++) {
        double qi = q[qOff + i] * entryScale;
        double ki = keys[ko + i] * entryScale;
        double diff = qi - ki;
        if (near && close && bs != 0.0 && j != win) {
          double dk = ki - keys[kwo + i] * entryScale;
          if (dk != 0.0) gradQ[go + i] += bs * dk;
        }
        if (near && !close) {
          gradQ[go + i] += (b == 0.0 || ki == 0.0 ? 0.0 : b * ki) + (sd == 0.0 || diff == 0.0 ? 0.0 : sd * diff);
        }
        double tb = bn == 0.0 || qi == 0.0 ? 0.0 : bn * qi;
        double tc = cn == 0.0 || ki == 0.0 ? 0.0 : cn * ki;
        double ts = sn == 0.0 || diff == 0.0 ? 0.0 : sn * diff;
        double g = Math.scalb(tb + tc - ts, ue + ge + ce);
        rowTerms = Math.max(rowTerms, Math.abs(tb) + Math.abs(tc) + Math.abs(ts));
        rowLargest = Math.max(rowLargest, Math.abs(tb + tc - ts));
        gradKeys[gk + i] = (float) (add ? gradKeys[gk + i] + g : g);
      }
      keyTerms = Math.max(keyTerms, Math.scalb(rowTerms, ue + ge + ce));
      keyLargest = Math.max(keyLargest, Math.scalb(rowLargest, ue + ge + ce));
    }
    double bigA = sumA + 0.0;
    double bigB = sumB + 0.0;
    double bigS = sumS + (total == 0.0 ? 0.0 : 2.0 * fddW * total);
    for (int i = 0; i < d; i++) {
      double qi = q[qOff + i] * entryScaleW;
      double kwi = keys[kwo + i] * entryScaleW;
      gradQ[go + i] += (bigA == 0.0 || qi == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 || kwi == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 || qi - kwi == 0.0 ? 0.0 : bigS * (qi - kwi));
    }
    for (int i = 0; i < d; i++) {
      gradQ[go + i] = Math.scalb(gradQ[go + i], ue + geW);
    }
    if (far) {
      for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {
        // this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^193
        int se = keyScale(qmax, keys, ko, d);
        double entryScale = Math.scalb(1.0, -se);
        double tscale = Math.scalb(1.0, -2 * se);
        int ge = -se;
        double dd = squaredDistance(q, qOff, keys, ko, d, entryScale);
        // the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)
        double e = logArgument(dd, dim, tscale);
        double ep = logPrior == null ? 0.0 : logPrior[po + j];
        double eg = gap(e, se, ep, mm, mko < 0 ? se : ms, mp, gapScale);
        boolean near = j == win || Math.abs(se - seW) <= 128;
        if (near) continue;
        double r = weight(eg) * inv;
        double delta;
        delta = !(r < 0x1p-1000) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc) : eg <= 1400.0 ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, eg, inv) : 0.0;
        if (delta == 0.0) continue;
        double a = 0.0;
        double b = 0.0;
        double sd = 2.0 * delta * (se == 0 ? ddd(dd, dim) : dddScaled(dd, dim, tscale));
        int ce = Math.getExponent(Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(sd))));
        double an = Math.scalb(a, -ce);
        double bn = Math.scalb(b, -ce);
        double sn = Math.scalb(sd, -ce);
        for (int i = 0; i < d; i++) {
          double qi = q[qOff + i] * entryScale;
          double ki = keys[ko + i] * entryScale;
          gradQ[go + i] += Math.scalb((an == 0.0 || qi == 0.0 ? 0.0 : an * qi) + (bn == 0.0 || ki == 0.0 ? 0.0 : bn * ki) + (sn == 0.0 || qi - ki == 0.0 ? 0.0 : sn * (qi - ki)), ue + ge + ce);
        }
      }
    }
    if (keyTerms * 0x1p-49 > 1e-11 * keyLargest) {
      Arrays.fill(gradKeys, gko, gko + n * d, (float) Double.NaN);
    }
    return true;
  }

  /**
   * The energy of one key (the kernel over the temperature).
   */
  private static double energy(double dd, double dim) {
    return 0.5 * (3.0 + dim) * Math.log(0.3333333333333333 * (3.0 + dd));
  }

  /**
   * The energy's partial by {@code dd}.
   */
  private static double ddd(double dd, double dim) {
    return 0.5 * (3.0 + dim) / (3.0 + dd);
  }

  /**
   * Divided difference of the partial by {@code dd} by {@code dd} between a key and the winning key ({@code ...W}).
   */
  private static double diffDdByDd(double qq, double qk, double kk, double dd, double qkW,
      double kkW, double ddW, double dim) {
    double t0 = dd - ddW;
    return (-3.0 - dim) / (18.0 + 6.0 * t0 + 12.0 * ddW + 2.0 * t0 * ddW + 2.0 * (ddW * ddW));
  }

  /**
   * The energy is {@code logFactor(dim) log R}: this is {@code R(g', t)} at entries scaled by {@code L = 1/t} ({@code t = 1} unscaled).
   */
  private static double logArgument(double dd, double dim, double tscale) {
    return 0.3333333333333333 * (dd + 3.0 * tscale);
  }

  /**
   * The factor {@code a} of the energy {@code a log R} (free of the entries).
   */
  private static double logFactor(double dim) {
    return 0.5 * (3.0 + dim);
  }

  /**
   * The scaled energy {@code f(g', t)}: {@code e(g) = L^0 f(g/L, 1/L) + c log L} ({@code L = 2^2se}, {@code t = tscale}).
   */
  private static double energyScaled(double dd, double dim, double tscale) {
    return 0.5 * (3.0 + dim) * Math.log(0.3333333333333333 * (dd + 3.0 * tscale));
  }

  /**
   * {@code f}'s partial by {@code dd}: {@code e_dd(g) = L^-1} times it.
   */
  private static double dddScaled(double dd, double dim, double tscale) {
    return 0.5 * (3.0 + dim) / (dd + 3.0 * tscale);
  }

  /**
   * Divided difference of {@code f}'s partial by {@code dd} by {@code dd} between a key and the winning key, at scaled entries.
   */
  private static double diffDdByDdScaled(double qq, double qk, double kk, double dd, double qkW,
      double kkW, double ddW, double dim, double tscale) {
    double t0 = dd - ddW;
    return (-3.0 - dim) / (2.0 * t0 * ddW + 2.0 * (ddW * ddW) + 6.0 * t0 * tscale + 12.0 * ddW * tscale + 18.0 * (tscale * tscale));
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
   * The energy gap {@code a log(R_j / R_min) - (p - pm)} of a key to the minimum: {@code e, m} are the
   * arguments {@code R'} of the two keys at their scales {@code x, mx} ({@code R = 2^(2 k x) R'}, k = 1), {@code f = a};
   * the log-priors {@code p, pm} are kept apart: 0 exactly for tied keys.
   */
  private static double gap(double e, int x, double p, double m, int mx, double pm, double f) {
    double k = e == m && (x == mx || e == 0.0 || e == Double.POSITIVE_INFINITY) ? 0.0 : f * logRatio(e, m, 2 * (x - mx));
    return p == pm ? k : k - (p - pm);
  }

  /**
   * Whether two Gram entries are equal or of one sign and within a factor 2 (their difference is then exact).
   */
  private static boolean close(double a, double b) {
    return a == b || (a > 0.0 ? b > 0.0 && a <= 2.0 * b && b <= 2.0 * a : a < 0.0 && b < 0.0 && a >= 2.0 * b && b >= 2.0 * a);
  }

  /**
   * {@code log(e / m)} of two positive arguments also where the quotient overflows or underflows: their
   * binary exponents apart ({@code (ke - km) log 2} rounds to a few units in 1e-13 of the gap there); zeros,
   * infinities and NaN as the quotient gives them.
   * {@code e} is in units of {@code 2^dx} relative to {@code m} (keys of different scales).
   */
  private static double logRatio(double e, double m, int dx) {
    double r = e / m;
    if ((dx == 0 && r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY) || !(e > 0.0 && m > 0.0 && e < Double.POSITIVE_INFINITY && m < Double.POSITIVE_INFINITY)) {
      return dx == 0 ? Math.log(r) : Math.log(Math.scalb(r, dx));
    }
    int ke = Math.getExponent(e);
    int km = Math.getExponent(m);
    return Math.log(Math.scalb(e, -ke) / Math.scalb(m, -km)) + (ke - km + dx) * Math.log(2.0);
  }

  /**
   * {@code exp(-g)} of an energy gap to the minimum, exactly 1 at the minimum.
   */
  private static double weight(double g) {
    return g == 0.0 ? 1.0 : Math.exp(-g);
  }

  /**
   * The largest finite {@code |x_i|} of {@code x[xo .. xo + d - 1]} (0 for none).
   */
  private static double largest(double[] x, int xo, int d) {
    double max = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.abs(x[xo + i]);
      if (a > max && a < Double.POSITIVE_INFINITY) max = a;
    }
    return max;
  }

  /**
   * The key's scale exponent {@code se}: {@code max(0, E - 192)} with {@code E} the largest binary exponent of a
   * finite entry of the query ({@code qmax}, its largest magnitude) or of this key: the scaled entries stay below {@code 2^193},
   * so that no intermediate of the scaled energy, its partials and their divided differences (degree up to 2 in the entries)
   * overflows; 0 (no scaling) below that. Other keys do not matter: a key far below the largest keeps its entries.
   */
  private static int keyScale(double qmax, double[] keys, int ko, int d) {
    double max = qmax;
    for (int i = 0; i < d; i++) {
      double x = Math.abs(keys[ko + i]);
      if (x > max && x < Double.POSITIVE_INFINITY) max = x;
    }
    int e = Math.getExponent(max);
    return e <= 192 ? 0 : e - 192;
  }

  /**
   * The largest finite {@code |x_i|} of {@code x[xo .. xo + d - 1]} (0 for none).
   */
  private static double largest(float[] x, int xo, int d) {
    double max = 0.0;
    for (int i = 0; i < d; i++) {
      double a = Math.abs((double) x[xo + i]);
      if (a > max && a < Double.POSITIVE_INFINITY) max = a;
    }
    return max;
  }

  /**
   * The key's scale exponent {@code se}: {@code max(0, E - 192)} with {@code E} the largest binary exponent of a
   * finite entry of the query ({@code qmax}, its largest magnitude) or of this key: the scaled entries stay below {@code 2^193},
   * so that no intermediate of the scaled energy, its partials and their divided differences (degree up to 2 in the entries)
   * overflows; 0 (no scaling) below that. Other keys do not matter: a key far below the largest keeps its entries.
   */
  private static int keyScale(double qmax, float[] keys, int ko, int d) {
    double max = qmax;
    for (int i = 0; i < d; i++) {
      double x = Math.abs((double) keys[ko + i]);
      if (x > max && x < Double.POSITIVE_INFINITY) max = x;
    }
    int e = Math.getExponent(max);
    return e <= 192 ? 0 : e - 192;
  }

  /**
   * {@code sum_i (x_i - y_i)^2}, from the differences themselves (with their rounding errors), compensated.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double squaredDistance(double[] x, int xo, double[] y, int yo, int d, double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i] * f;
      double b = y[yo + i] * f;
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
   * {@code sum_i (x_i - y_i)^2}, from the differences themselves (with their rounding errors), compensated.
   * Every entry is multiplied by the power of two {@code f} first.
   */
  private static double squaredDistance(float[] x, int xo, float[] y, int yo, int d, double f) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i] * f;
      double b = y[yo + i] * f;
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
