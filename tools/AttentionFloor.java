import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How fast can scaled-dot attention be on this machine with JDK 17's Vector API, with and without
 * the error control the generated kernel needs? Hand-written kernels, timed like {@code
 * tools/AttentionSpeed.java} (CPU time of the thread, each path warmed by 20000 calls, then
 * {@code rounds} rounds of 300 calls, paths alternating; n = 1024, d = m = 64, standard normal
 * entries, seed 42), none of them part of the product:
 *
 * <ul>
 *   <li>{@code straightforward}: the baseline of the issue and of {@code AttentionSpeed}.
 *   <li>{@code bare2}: blocks of 2 keys, lane-wise dot products, {@code Math.exp} online softmax,
 *       the running value sum rescaled: no error bound at all, so no contract.
 *   <li>{@code bare8}: blocks of 8 keys, their 8 energies in one vector, one lane-wise polynomial
 *       exponential for the 8 weights, the running sum loaded and stored once per 8 keys.
 *   <li>{@code bounded8}: {@code bare8} plus the generated kernel's a-posteriori bound (each key's
 *       {@code sum |q_i k_i|} chain, the lane-wise maxima of {@code |v_j|}, the weighted bound
 *       sums), the least the 1e-12 proof needs in this design.
 *   <li>{@code normBounded8}: {@code bare8} with a cheaper, looser bound (Cauchy-Schwarz: one FMA
 *       per key entry and one per value entry); the calls whose bound fails are counted, and a
 *       call whose key bound fails returns early, so its time stands only where that count is 0.
 * </ul>
 *
 * <p>The figures are the floor under the 3x: if {@code bare8} is not 3x the
 * straightforward loop, no kernel that also proves its error is. Usage: {@code java --add-modules
 * jdk.incubator.vector tools/AttentionFloor.java 10}. The static scratch arrays make the
 * hand-written kernels unusable from two threads; the generated kernel has none.
 */
public class AttentionFloor {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int N = 1024;
  private static final int D = 64;
  private static final int M = 64;
  private static final double U = 0x1p-53 * 1.01;
  private static final double[] SCRATCH = new double[32];

  private static double[] q;
  private static double[] keys;
  private static double[] values;
  private static final double[] out = new double[M];
  private static final double[] scores = new double[N];
  private static int leftToPlainCode;
  private static int leftByNorms;

  private static void straightforward() {
    int n = N, d = D, m = M;
    double scale = 1 / Math.sqrt(d);
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) s += q[i] * keys[j * d + i];
      scores[j] = s * scale;
      max = Math.max(max, scores[j]);
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      scores[j] = Math.exp(scores[j] - max);
      sum += scores[j];
    }
    Arrays.fill(out, 0);
    for (int j = 0; j < n; j++) {
      double w = scores[j] / sum;
      for (int i = 0; i < m; i++) out[i] += w * values[j * m + i];
    }
  }

  private static void bare2() {
    int n = N, d = D, m = M;
    double inv = 1 / Math.sqrt(d);
    Arrays.fill(out, 0);
    double mm = Double.MAX_VALUE, s = 0;
    for (int j = 0; j < n; j += 2) {
      int ko0 = j * d, ko1 = ko0 + d;
      DoubleVector s0 = DoubleVector.zero(S), t0 = s0, s1 = s0, t1 = s0;
      for (int i = 0; i < d; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, i), q1 = DoubleVector.fromArray(S, q, i + L);
        s0 = q0.fma(DoubleVector.fromArray(S, keys, ko0 + i), s0);
        t0 = q1.fma(DoubleVector.fromArray(S, keys, ko0 + i + L), t0);
        s1 = q0.fma(DoubleVector.fromArray(S, keys, ko1 + i), s1);
        t1 = q1.fma(DoubleVector.fromArray(S, keys, ko1 + i + L), t1);
      }
      double e0 = -s0.add(t0).reduceLanes(VectorOperators.ADD) * inv;
      double e1 = -s1.add(t1).reduceLanes(VectorOperators.ADD) * inv;
      double emin = Math.min(e0, e1), scale = 1;
      if (emin < mm) {
        scale = Math.exp(emin - mm);
        mm = emin;
      }
      double w0 = Math.exp(mm - e0), w1 = Math.exp(mm - e1);
      int vo0 = j * m, vo1 = vo0 + m;
      for (int k = 0; k < m; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, k).mul(DoubleVector.broadcast(S, scale));
        o = DoubleVector.fromArray(S, values, vo0 + k).fma(DoubleVector.broadcast(S, w0), o);
        o = DoubleVector.fromArray(S, values, vo1 + k).fma(DoubleVector.broadcast(S, w1), o);
        o.intoArray(out, k);
      }
      s = s * scale + w0 + w1;
    }
    for (int k = 0; k < m; k++) out[k] /= s;
  }

  /** e^x lane-wise for x <= 0: the generated kernel's polynomial (round to k ln 2, Taylor degree 12, 2^k from bits). */
  private static DoubleVector exp(DoubleVector x) {
    DoubleVector y = x.max(-746.0);
    DoubleVector t = y.fma(DoubleVector.broadcast(S, 0x1.71547652b82fep0), DoubleVector.broadcast(S, 0x1.8p52));
    DoubleVector k = t.sub(0x1.8p52);
    DoubleVector r = k.fma(DoubleVector.broadcast(S, -0x1.62e42fefa39efp-1), y);
    r = k.fma(DoubleVector.broadcast(S, -0x1.abc9e3b39803fp-56), r);
    DoubleVector p = DoubleVector.broadcast(S, 1.0 / 479001600);
    double[] c = {1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120,
        1.0 / 24, 1.0 / 6, 0.5, 1.0, 1.0};
    for (double ci : c) p = p.fma(r, DoubleVector.broadcast(S, ci));
    LongVector b = t.reinterpretAsLongs().add(1023 + 512).lanewise(VectorOperators.LSHL, 52);
    return p.mul(b.reinterpretAsDoubles()).mul(0x1p-512);
  }

  /** Blocks of 8 keys (8 lanes assumed: n a multiple of 8, d and m of 16), no error bound. */
  private static void bare8() {
    int n = N, d = D, m = M;
    double inv = 1 / Math.sqrt(d);
    double[] sc = SCRATCH;
    Arrays.fill(out, 0);
    double mm = Double.MAX_VALUE, s = 0;
    for (int j = 0; j < n; j += 8) {
      for (int b = 0; b < 8; b += 2) {
        int ko0 = (j + b) * d, ko1 = ko0 + d;
        DoubleVector s0 = DoubleVector.zero(S), t0 = s0, s1 = s0, t1 = s0;
        for (int i = 0; i < d; i += 2 * L) {
          DoubleVector q0 = DoubleVector.fromArray(S, q, i), q1 = DoubleVector.fromArray(S, q, i + L);
          s0 = q0.fma(DoubleVector.fromArray(S, keys, ko0 + i), s0);
          t0 = q1.fma(DoubleVector.fromArray(S, keys, ko0 + i + L), t0);
          s1 = q0.fma(DoubleVector.fromArray(S, keys, ko1 + i), s1);
          t1 = q1.fma(DoubleVector.fromArray(S, keys, ko1 + i + L), t1);
        }
        sc[b] = -s0.add(t0).reduceLanes(VectorOperators.ADD) * inv;
        sc[b + 1] = -s1.add(t1).reduceLanes(VectorOperators.ADD) * inv;
      }
      DoubleVector e = DoubleVector.fromArray(S, sc, 0);
      double emin = e.reduceLanes(VectorOperators.MIN), scale = 1;
      if (emin < mm) {
        scale = Math.exp(emin - mm);
        mm = emin;
      }
      DoubleVector w = exp(e.neg().add(mm));
      w.intoArray(sc, 8);
      int vo = j * m;
      for (int k = 0; k < m; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, k).mul(DoubleVector.broadcast(S, scale));
        for (int b = 0; b < 8; b++) {
          o = DoubleVector.fromArray(S, values, vo + b * m + k).fma(DoubleVector.broadcast(S, sc[8 + b]), o);
        }
        o.intoArray(out, k);
      }
      s = s * scale + w.reduceLanes(VectorOperators.ADD);
    }
    for (int k = 0; k < m; k++) out[k] /= s;
  }

  /**
   * {@link #bare8} with the generated kernel's bound: each key's {@code sum |q_i k_i|}, the
   * lane-wise maxima of {@code |v_j|} (as integers, like the kernel), the weighted bound sums, and
   * the final test against {@code 2^-41} of the largest output. A separate method, not a flag: C2
   * boxes vectors merged from two branches (docs/ATTENTION.md, "JIT notes").
   */
  private static void bounded8() {
    int n = N, d = D, m = M;
    double inv = 1 / Math.sqrt(d);
    double chain = (d / L + 1) / 2 + 1;
    double perA = inv * U * (chain + L - 1);
    double[] sc = SCRATCH;
    Arrays.fill(out, 0);
    double mm = Double.MAX_VALUE, s = 0, tauW = 0;
    DoubleVector tv = DoubleVector.zero(S), mw = tv;
    for (int j = 0; j < n; j += 8) {
      for (int b = 0; b < 8; b += 2) {
        int ko0 = (j + b) * d, ko1 = ko0 + d;
        DoubleVector s0 = DoubleVector.zero(S), t0 = s0, s1 = s0, t1 = s0, a0 = s0, a1 = s0;
        for (int i = 0; i < d; i += 2 * L) {
          DoubleVector q0 = DoubleVector.fromArray(S, q, i), q1 = DoubleVector.fromArray(S, q, i + L);
          DoubleVector qa = q0.abs(), qb = q1.abs();
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i), k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
          k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          k1 = DoubleVector.fromArray(S, keys, ko1 + i + L);
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
          a1 = qb.fma(k1.abs(), qa.fma(k0.abs(), a1));
        }
        sc[b] = -s0.add(t0).reduceLanes(VectorOperators.ADD) * inv;
        sc[b + 1] = -s1.add(t1).reduceLanes(VectorOperators.ADD) * inv;
        sc[16 + b] = a0.reduceLanes(VectorOperators.ADD);
        sc[17 + b] = a1.reduceLanes(VectorOperators.ADD);
      }
      DoubleVector e = DoubleVector.fromArray(S, sc, 0);
      DoubleVector tau = DoubleVector.fromArray(S, sc, 16).mul(perA).add(6.0 * U);
      if (tau.compare(VectorOperators.GT, 0x1p-46).anyTrue()) {
        leftToPlainCode++;
        return;
      }
      double emin = e.reduceLanes(VectorOperators.MIN), scale = 1, rs = 0;
      if (emin < mm) {
        scale = Math.exp(emin - mm);
        rs = 6.0 * U;
        mm = emin;
      }
      DoubleVector w = exp(e.neg().add(mm));
      DoubleVector wt = w.mul(tau);
      w.intoArray(sc, 8);
      wt.intoArray(sc, 24);
      int vo = j * m;
      LongVector zl = LongVector.zero(LongVector.SPECIES_PREFERRED);
      LongVector m0 = zl, m1 = zl, m2 = zl, m3 = zl, m4 = zl, m5 = zl, m6 = zl, m7 = zl;
      for (int k = 0; k < m; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, k).mul(DoubleVector.broadcast(S, scale));
        DoubleVector v = DoubleVector.fromArray(S, values, vo + k);
        o = v.fma(DoubleVector.broadcast(S, sc[8]), o);
        m0 = m0.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[9]), o);
        m1 = m1.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 2 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[10]), o);
        m2 = m2.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 3 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[11]), o);
        m3 = m3.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 4 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[12]), o);
        m4 = m4.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 5 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[13]), o);
        m5 = m5.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 6 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[14]), o);
        m6 = m6.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        v = DoubleVector.fromArray(S, values, vo + 7 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[15]), o);
        m7 = m7.lanewise(VectorOperators.MAX, v.abs().reinterpretAsLongs());
        o.intoArray(out, k);
      }
      s = s * scale + w.reduceLanes(VectorOperators.ADD);
      tauW = Math.fma(rs, s, tauW) * scale + wt.reduceLanes(VectorOperators.ADD);
      // written out: vectors kept in an array would be boxed
      DoubleVector tvn = mw.mul(rs).add(tv).mul(scale);
      DoubleVector mwn = mw.mul(scale);
      tvn = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[24]), tvn);
      mwn = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[8]), mwn);
      tvn = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[25]), tvn);
      mwn = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[9]), mwn);
      tvn = m2.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[26]), tvn);
      mwn = m2.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[10]), mwn);
      tvn = m3.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[27]), tvn);
      mwn = m3.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[11]), mwn);
      tvn = m4.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[28]), tvn);
      mwn = m4.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[12]), mwn);
      tvn = m5.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[29]), tvn);
      mwn = m5.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[13]), mwn);
      tvn = m6.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[30]), tvn);
      mwn = m6.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[14]), mwn);
      tvn = m7.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[31]), tvn);
      mwn = m7.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, sc[15]), mwn);
      tv = tvn;
      mw = mwn;
    }
    double r = 1 / s;
    double outMax = 0;
    for (int k = 0; k < m; k++) {
      out[k] *= r;
      outMax = Math.max(outMax, Math.abs(out[k]));
    }
    double tauBar = tauW * r;
    double bound = tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX) * r + 2.0 * tauBar * outMax;
    if (!(bound <= 0x1p-41 * outMax)) leftToPlainCode++;
  }

  /**
   * {@link #bounded8} with the cheaper Cauchy-Schwarz bound: one FMA per key entry ({@code |k_j|^2}
   * beside the dot product; {@code sum |q_i k_i| <= |q| |k_j|}) and one per value entry (per lane
   * {@code S_j}, the sum of squares over the row's chunks; {@code sum_j a_j |v_ji| <= sqrt(sum_j
   * a_j) sqrt(sum_j a_j S_j)} for {@code a_j = w_j (tau_j + tauBar)}). Looser than {@link
   * #bounded8}'s; its failures are counted apart ({@code leftByNorms}).
   */
  private static void normBounded8() {
    int n = N, d = D, m = M;
    double inv = 1 / Math.sqrt(d);
    double chain = (d / L + 1) / 2 + 1;
    double qq = 0;
    for (int i = 0; i < d; i++) qq = Math.fma(q[i], q[i], qq);
    // |q| and each |k_j| carry a relative rounding far below 2^-40
    double perA = inv * U * (chain + L - 1) * Math.sqrt(qq) * (1 + 0x1p-40);
    double[] sc = SCRATCH;
    Arrays.fill(out, 0);
    double mm = Double.MAX_VALUE, s = 0, tauW = 0;
    DoubleVector tv = DoubleVector.zero(S), mw = tv;
    for (int j = 0; j < n; j += 8) {
      for (int b = 0; b < 8; b += 2) {
        int ko0 = (j + b) * d, ko1 = ko0 + d;
        DoubleVector s0 = DoubleVector.zero(S), t0 = s0, s1 = s0, t1 = s0, a0 = s0, a1 = s0;
        for (int i = 0; i < d; i += 2 * L) {
          DoubleVector q0 = DoubleVector.fromArray(S, q, i), q1 = DoubleVector.fromArray(S, q, i + L);
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i), k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = k1.fma(k1, k0.fma(k0, a0));
          k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          k1 = DoubleVector.fromArray(S, keys, ko1 + i + L);
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
          a1 = k1.fma(k1, k0.fma(k0, a1));
        }
        sc[b] = -s0.add(t0).reduceLanes(VectorOperators.ADD) * inv;
        sc[b + 1] = -s1.add(t1).reduceLanes(VectorOperators.ADD) * inv;
        sc[16 + b] = a0.reduceLanes(VectorOperators.ADD);
        sc[17 + b] = a1.reduceLanes(VectorOperators.ADD);
      }
      DoubleVector e = DoubleVector.fromArray(S, sc, 0);
      DoubleVector tau = DoubleVector.fromArray(S, sc, 16).sqrt().mul(perA).add(6.0 * U);
      if (tau.compare(VectorOperators.GT, 0x1p-46).anyTrue()) {
        leftByNorms++;
        return;
      }
      double emin = e.reduceLanes(VectorOperators.MIN), scale = 1, rs = 0;
      if (emin < mm) {
        scale = Math.exp(emin - mm);
        rs = 6.0 * U;
        mm = emin;
      }
      DoubleVector w = exp(e.neg().add(mm));
      DoubleVector wt = w.mul(tau);
      w.intoArray(sc, 8);
      wt.intoArray(sc, 24);
      int vo = j * m;
      DoubleVector zero = DoubleVector.zero(S);
      DoubleVector m0 = zero, m1 = zero, m2 = zero, m3 = zero, m4 = zero, m5 = zero, m6 = zero, m7 = zero;
      for (int k = 0; k < m; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, k).mul(DoubleVector.broadcast(S, scale));
        DoubleVector v = DoubleVector.fromArray(S, values, vo + k);
        o = v.fma(DoubleVector.broadcast(S, sc[8]), o);
        m0 = v.fma(v, m0);
        v = DoubleVector.fromArray(S, values, vo + m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[9]), o);
        m1 = v.fma(v, m1);
        v = DoubleVector.fromArray(S, values, vo + 2 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[10]), o);
        m2 = v.fma(v, m2);
        v = DoubleVector.fromArray(S, values, vo + 3 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[11]), o);
        m3 = v.fma(v, m3);
        v = DoubleVector.fromArray(S, values, vo + 4 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[12]), o);
        m4 = v.fma(v, m4);
        v = DoubleVector.fromArray(S, values, vo + 5 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[13]), o);
        m5 = v.fma(v, m5);
        v = DoubleVector.fromArray(S, values, vo + 6 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[14]), o);
        m6 = v.fma(v, m6);
        v = DoubleVector.fromArray(S, values, vo + 7 * m + k);
        o = v.fma(DoubleVector.broadcast(S, sc[15]), o);
        m7 = v.fma(v, m7);
        o.intoArray(out, k);
      }
      s = s * scale + w.reduceLanes(VectorOperators.ADD);
      tauW = Math.fma(rs, s, tauW) * scale + wt.reduceLanes(VectorOperators.ADD);
      // written out: vectors kept in an array would be boxed
      DoubleVector tvn = mw.mul(rs).add(tv).mul(scale);
      DoubleVector mwn = mw.mul(scale);
      tvn = m0.fma(DoubleVector.broadcast(S, sc[24]), tvn);
      mwn = m0.fma(DoubleVector.broadcast(S, sc[8]), mwn);
      tvn = m1.fma(DoubleVector.broadcast(S, sc[25]), tvn);
      mwn = m1.fma(DoubleVector.broadcast(S, sc[9]), mwn);
      tvn = m2.fma(DoubleVector.broadcast(S, sc[26]), tvn);
      mwn = m2.fma(DoubleVector.broadcast(S, sc[10]), mwn);
      tvn = m3.fma(DoubleVector.broadcast(S, sc[27]), tvn);
      mwn = m3.fma(DoubleVector.broadcast(S, sc[11]), mwn);
      tvn = m4.fma(DoubleVector.broadcast(S, sc[28]), tvn);
      mwn = m4.fma(DoubleVector.broadcast(S, sc[12]), mwn);
      tvn = m5.fma(DoubleVector.broadcast(S, sc[29]), tvn);
      mwn = m5.fma(DoubleVector.broadcast(S, sc[13]), mwn);
      tvn = m6.fma(DoubleVector.broadcast(S, sc[30]), tvn);
      mwn = m6.fma(DoubleVector.broadcast(S, sc[14]), mwn);
      tvn = m7.fma(DoubleVector.broadcast(S, sc[31]), tvn);
      mwn = m7.fma(DoubleVector.broadcast(S, sc[15]), mwn);
      tv = tvn;
      mw = mwn;
    }
    double r = 1 / s;
    double outMax = 0;
    for (int k = 0; k < m; k++) {
      out[k] *= r;
      outMax = Math.max(outMax, Math.abs(out[k]));
    }
    double tauBar = tauW * r;
    // sum_j w_j (tau_j + tauBar) |v_ji| <= sqrt(tauW + tauBar s) sqrt(tv_i + tauBar mw_i)
    double spread = Math.sqrt((tauW + tauBar * s) * tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX));
    double bound = spread * r + 2.0 * tauBar * outMax;
    if (!(bound <= 0x1p-41 * outMax)) leftByNorms++;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    SplittableRandom random = new SplittableRandom(42);
    q = normal(random, D);
    keys = normal(random, N * D);
    values = normal(random, N * M);
    String[] names = {"straightforward", "bare2", "bare8", "bounded8", "normBounded8"};
    Runnable[] runs = {AttentionFloor::straightforward, AttentionFloor::bare2, AttentionFloor::bare8,
        AttentionFloor::bounded8, AttentionFloor::normBounded8};
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (Runnable run : runs) {
      for (int i = 0; i < 20000; i++) run.run();
    }
    double[][] us = new double[runs.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < runs.length; k++) {
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 300; i++) runs[k].run();
        us[k][round] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / 300;
      }
    }
    System.out.printf(Locale.ROOT,
        "n = %d, d = %d, m = %d, %d lanes, %d rounds; calls whose bound failed: bounded8 %d, normBounded8 %d%n",
        N, D, M, L, rounds, leftToPlainCode, leftByNorms);
    double base = 0;
    for (int k = 0; k < runs.length; k++) {
      double[] s = us[k].clone();
      Arrays.sort(s);
      if (k == 0) base = s[rounds / 2];
      System.out.printf(Locale.ROOT, "%-16s median %7.2f us  fastest %7.2f us  straightforward / this %.2fx%n",
          names[k], s[rounds / 2], s[0], base / s[rounds / 2]);
    }
  }

  /** Box-Muller with the draws of the bench's sampler: the same data as AttentionSpeed. */
  private static double[] normal(SplittableRandom r, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      double u = r.nextDouble();
      double v = r.nextDouble();
      x[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
    return x;
  }
}
