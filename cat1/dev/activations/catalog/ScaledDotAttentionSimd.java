package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link ScaledDotAttention}: 0 when the call is done, 1 when it is left to the plain-Java code.
 * Fast lane-wise Gram entries with a-posteriori error bounds; keys whose bound is too large are
 * recomputed compensated, and a call whose output bound exceeds 0x1p-41 of the largest output
 * component is left to the plain code. Generated; do not edit.
 */
final class ScaledDotAttentionSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The widest float lanes and their integer twins, for the largest magnitudes of float arrays. */
  private static final VectorSpecies<Float> FP = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** The unit roundoff with room for second-order terms. */
  private static final double U = 0x1p-53 * 1.01;

  private ScaledDotAttentionSimd() {}

  private static double energy(double qk, double dim) {
    return -(qk / Math.sqrt(dim));
  }

  private static double dqk(double qk, double dim) {
    return -(1.0 / Math.sqrt(dim));
  }

  /**
   * e^x for x <= 0 (0 below -746): k = round(x / ln 2), r = x - k ln 2 (two parts, FMA), the Taylor
   * polynomial of degree 12 in r, times 2^k (as 2^(k + 512) 2^-512, so a subnormal result is rounded once).
   */
  private static double exp(double x) {
    double y = Math.max(x, -746.0);
    double t = Math.fma(y, 0x1.71547652b82fep0, 0x1.8p52);
    double k = t - 0x1.8p52;
    double r = Math.fma(k, -0x1.62e42fefa39efp-1, y);
    r = Math.fma(k, -0x1.abc9e3b39803fp-56, r);
    double p = 1.0 / 479001600;
    p = Math.fma(p, r, 1.0 / 39916800);
    p = Math.fma(p, r, 1.0 / 3628800);
    p = Math.fma(p, r, 1.0 / 362880);
    p = Math.fma(p, r, 1.0 / 40320);
    p = Math.fma(p, r, 1.0 / 5040);
    p = Math.fma(p, r, 1.0 / 720);
    p = Math.fma(p, r, 1.0 / 120);
    p = Math.fma(p, r, 1.0 / 24);
    p = Math.fma(p, r, 1.0 / 6);
    p = Math.fma(p, r, 0.5);
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    // t = 1.5 * 2^52 + k: its low bits are k; (k + 1023 + 512) << 52 is 2^(k + 512)
    return p * Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023 + 512) << 52) * 0x1p-512;
  }

  /** out *= inv; the largest |out_i| returned. */
  private static double normalize(double[] out, int oo, int m, double inv) {
    int mb = S.loopBound(m);
    DoubleVector omax = DoubleVector.zero(S);
    int k = 0;
    for (; k < mb; k += L) {
      DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, inv));
      o.intoArray(out, oo + k);
      omax = omax.max(o.abs());
    }
    double outMax = omax.reduceLanes(VectorOperators.MAX);
    for (; k < m; k++) {
      out[oo + k] *= inv;
      outMax = Math.max(outMax, Math.abs(out[oo + k]));
    }
    return outMax;
  }

  /** max |a_i| over a[off .. off + len) (NaN if one is NaN); two accumulators (1.85 against 2.87 us for 65536 floats). */
  private static double maxAbs(float[] a, int off, int len) {
    IntVector acc = IntVector.zero(I);
    IntVector acc2 = acc;
    int step = FP.length();
    int b = len - len % (2 * step);
    int i = 0;
    for (; i < b; i += 2 * step) {
      acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(FP, a, off + i).reinterpretAsInts().and(0x7fffffff));
      acc2 = acc2.lanewise(VectorOperators.MAX, FloatVector.fromArray(FP, a, off + i + step).reinterpretAsInts().and(0x7fffffff));
    }
    float mx = Float.intBitsToFloat(acc.lanewise(VectorOperators.MAX, acc2).reduceLanes(VectorOperators.MAX));
    for (; i < len; i++) mx = Math.max(mx, Math.abs(a[off + i]));
    return mx;
  }

  /**
   * {@code sum_i x_i y_i}, compensated.
   */
  private static double dot(double[] x, int xo, double[] y, int yo, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i];
      double b = y[yo + i];
      double p = a * b;
      c += Math.fma(a, b, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  static int value(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff, int n, int d, int m, double[] out, int oo) {
    if (n < 1 || d < L || m < L) return 1;
    int db = S.loopBound(d);
    int d2 = d - d % (2 * L);
    int mb = S.loopBound(m);
    // rounding depth of an entry: the longer accumulator's FMA chain, the two accumulators' sum, the scalar tail
    double chain = (db / L + 1) / 2 + 1 + (d - db);
    double dim = d;
    if (false) return 1;
    for (int k = 0; k < m; k++) out[oo + k] = 0.0;
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    // lane-wise over the value chunks: tv = sum_j w_j tau_j |v_j|, mw = sum_j w_j |v_j| (|v_j| the lane-wise
    // maximum over the key's chunks; tvT, mwT the same over the tail components); rescaled with s
    double tauW = 0.0;
    DoubleVector tv = DoubleVector.zero(S);
    DoubleVector mw = tv;
    double tvT = 0.0;
    double mwT = 0.0;
    // blocks of 2 keys, then the remaining keys one by one
    int j = 0;
    for (; j <= n - 2; j += 2) {
      int ko0 = kOff + j * d;
      int ko1 = ko0 + d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      DoubleVector s1 = z, t1 = z, a1 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko1 + i + L);
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
          a1 = qb.fma(k1.abs(), qa.fma(k0.abs(), a1));
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          s1 = q0.fma(k0, s1);
          a1 = qa.fma(k0.abs(), a1);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      double qk1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
      double qkA1 = a1.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
        double k1i = keys[ko1 + i];
        qk1 = Math.fma(qi, k1i, qk1);
        qkA1 = Math.fma(Math.abs(qi), Math.abs(k1i), qkA1);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      double qkB1 = U * (chain + L - 1) * qkA1 + d * Double.MIN_VALUE;
      double e1 = energy(qk1, dim);
      double tau1 = Math.abs(dqk(qk1, dim)) * qkB1;
      if (!(tau1 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk1 = dot(q, qOff, keys, ko1, d);
        e1 = energy(qk1, dim);
        tau1 = 0.0;
      }
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE && Math.abs(e1) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      emin = Math.min(emin, e1);
      double scale = 1.0;
      double rs = 0.0;
      if (emin < mm) {
        // a new minimum: rescale what was summed relative to the old one (the online normaliser); the rescale's
        // own error (the polynomial exponential) acts as an error of the energies summed so far: rs, in their bounds
        scale = exp(emin - mm);
        rs = 6.0 * U;
        // the old weights below the normal range, where a large value can still contribute: the plain code
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double y1 = Math.max(mm - e1, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double et1 = Math.fma(y1, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double ek1 = et1 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double er1 = Math.fma(ek1, -0x1.abc9e3b39803fp-56, Math.fma(ek1, -0x1.62e42fefa39efp-1, y1));
      double ep0 = 1.0 / 479001600;
      double ep1 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep1 = Math.fma(ep1, er1, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep1 = Math.fma(ep1, er1, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep1 = Math.fma(ep1, er1, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep1 = Math.fma(ep1, er1, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep1 = Math.fma(ep1, er1, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep1 = Math.fma(ep1, er1, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep1 = Math.fma(ep1, er1, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep1 = Math.fma(ep1, er1, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep1 = Math.fma(ep1, er1, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep1 = Math.fma(ep1, er1, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      double w1 = ep1 * Double.longBitsToDouble((Double.doubleToRawLongBits(et1) + 1023 + 512) << 52) * 0x1p-512;
      // a weight below the normal range (a large value can still contribute): the plain code
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0) || (w1 < 0x1p-1000 && e1 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      int vo1 = vo0 + m;
      LongVector zl = z.reinterpretAsLongs();
      LongVector m0 = zl, m1 = zl;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector v0 = DoubleVector.fromArray(S, values, vo0 + k);
        m0 = m0.lanewise(VectorOperators.MAX, v0.abs().reinterpretAsLongs());
        DoubleVector v1 = DoubleVector.fromArray(S, values, vo1 + k);
        m1 = m1.lanewise(VectorOperators.MAX, v1.abs().reinterpretAsLongs());
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = v0.fma(DoubleVector.broadcast(S, w0), o);
        o = v1.fma(DoubleVector.broadcast(S, w1), o);
        o.intoArray(out, oo + k);
      }
      double x0 = 0.0, x1 = 0.0;
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        double v0 = values[vo0 + k];
        x0 = Math.max(x0, Math.abs(v0));
        o = Math.fma(w0, v0, o);
        double v1 = values[vo1 + k];
        x1 = Math.max(x1, Math.abs(v1));
        o = Math.fma(w1, v1, o);
        out[oo + k] = o;
      }
      double wt0 = w0 * (tau0 + 6.0 * U);
      double wt1 = w1 * (tau1 + 6.0 * U);
      tauW = Math.fma(rs, s, tauW) * scale + wt0 + wt1;
      s = s * scale + w0 + w1;
      tv = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt1), m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt0), mw.mul(rs).add(tv).mul(scale)));
      mw = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w1), m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w0), mw.mul(scale)));
      tvT = Math.fma(rs, mwT, tvT) * scale + wt0 * x0 + wt1 * x1;
      mwT = mwT * scale + w0 * x0 + w1 * x1;
    }
    for (; j < n; j++) {
      int ko0 = kOff + j * d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      double scale = 1.0;
      double rs = 0.0;
      if (emin < mm) {
        // a new minimum: rescale what was summed relative to the old one (the online normaliser); the rescale's
        // own error (the polynomial exponential) acts as an error of the energies summed so far: rs, in their bounds
        scale = exp(emin - mm);
        rs = 6.0 * U;
        // the old weights below the normal range, where a large value can still contribute: the plain code
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double ep0 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      // a weight below the normal range (a large value can still contribute): the plain code
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      LongVector zl = z.reinterpretAsLongs();
      LongVector m0 = zl;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector v0 = DoubleVector.fromArray(S, values, vo0 + k);
        m0 = m0.lanewise(VectorOperators.MAX, v0.abs().reinterpretAsLongs());
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = v0.fma(DoubleVector.broadcast(S, w0), o);
        o.intoArray(out, oo + k);
      }
      double x0 = 0.0;
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        double v0 = values[vo0 + k];
        x0 = Math.max(x0, Math.abs(v0));
        o = Math.fma(w0, v0, o);
        out[oo + k] = o;
      }
      double wt0 = w0 * (tau0 + 6.0 * U);
      tauW = Math.fma(rs, s, tauW) * scale + wt0;
      s = s * scale + w0;
      tv = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt0), mw.mul(rs).add(tv).mul(scale));
      mw = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w0), mw.mul(scale));
      tvT = Math.fma(rs, mwT, tvT) * scale + wt0 * x0;
      mwT = mwT * scale + w0 * x0;
    }
    double inv = 1.0 / s;
    // first order: d out_i = -sum_j r_j (de_j - sum_k r_k de_k) (v_ji - out_i) with |de_j| <= tau_j, so
    // |d out_i| <= sum_j r_j (tau_j + tauBar) (|v_ji| + |out_i|)
    double tauBar = tauW * inv;
    double spread = Math.max(tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX), tvT + tauBar * mwT);
    double outMax = normalize(out, oo, m, inv);
    double bound = spread * inv + 2.0 * tauBar * outMax;
    return bound <= 0x1p-41 * outMax ? 0 : 1;
  }

  /**
   * {@code sum_i x_i y_i}, compensated.
   */
  private static double dot(float[] x, int xo, float[] y, int yo, int d) {
    double s = 0.0;
    double c = 0.0;
    for (int i = 0; i < d; i++) {
      double a = x[xo + i];
      double b = y[yo + i];
      double p = a * b;
      c += Math.fma(a, b, -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z);
      s = t;
    }
    return s + c;
  }

  static int value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff, int n, int d, int m,
      double[] out, int oo) {
    if (n < 1 || d < L || m < L) return 1;
    return cheapValue(q, qOff, keys, kOff, values, vOff, n, d, m, out, oo) == 0 ? 0
        : carefulValue(q, qOff, keys, kOff, values, vOff, n, d, m, out, oo);
  }

  /** The cheap float kernel: a-priori bounds per call (the generator's comment has the derivation). */
  private static int cheapValue(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff, int n, int d, int m,
      double[] out, int oo) {
    int db = S.loopBound(d);
    int d2 = d - d % (2 * L);
    int mb = S.loopBound(m);
    // rounding depth of an entry: the longer accumulator's FMA chain, the two accumulators' sum, the scalar tail
    double chain = (db / L + 1) / 2 + 1 + (d - db);
    double dim = d;
    if (false) return 1;
    // sum_i |q_i k_i| <= (sum_i |q_i|) max |k| for every key (products of floats are exact in double)
    double qAbs = 0.0;
    for (int i = 0; i < d; i++) qAbs += Math.abs((double) q[qOff + i]);
    double qkAll = qAbs * maxAbs(keys, kOff, n * d);
    for (int k = 0; k < m; k++) out[oo + k] = 0.0;
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    double tauMax = 0.0;
    int rescales = 0;
    int j = 0;
    for (; j <= n - 4; j += 4) {
      int ko0 = kOff + j * d;
      int ko1 = ko0 + d;
      int ko2 = ko1 + d;
      int ko3 = ko2 + d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z;
      DoubleVector s1 = z, t1 = z;
      DoubleVector s2 = z, t2 = z;
      DoubleVector s3 = z, t3 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s2 = q0.fma(k0, s2);
          t2 = q1.fma(k1, t2);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s3 = q0.fma(k0, s3);
          t3 = q1.fma(k1, t3);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          s1 = q0.fma(k0, s1);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i).convertShape(VectorOperators.F2D, S, 0));
          s2 = q0.fma(k0, s2);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i).convertShape(VectorOperators.F2D, S, 0));
          s3 = q0.fma(k0, s3);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = qkAll;
      double qk1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
      double qkA1 = qkAll;
      double qk2 = s2.add(t2).reduceLanes(VectorOperators.ADD);
      double qkA2 = qkAll;
      double qk3 = s3.add(t3).reduceLanes(VectorOperators.ADD);
      double qkA3 = qkAll;
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        double k1i = keys[ko1 + i];
        qk1 = Math.fma(qi, k1i, qk1);
        double k2i = keys[ko2 + i];
        qk2 = Math.fma(qi, k2i, qk2);
        double k3i = keys[ko3 + i];
        qk3 = Math.fma(qi, k3i, qk3);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      tauMax = Math.max(tauMax, tau0);
      double qkB1 = U * (chain + L - 1) * qkA1 + d * Double.MIN_VALUE;
      double e1 = energy(qk1, dim);
      double tau1 = Math.abs(dqk(qk1, dim)) * qkB1;
      tauMax = Math.max(tauMax, tau1);
      double qkB2 = U * (chain + L - 1) * qkA2 + d * Double.MIN_VALUE;
      double e2 = energy(qk2, dim);
      double tau2 = Math.abs(dqk(qk2, dim)) * qkB2;
      tauMax = Math.max(tauMax, tau2);
      double qkB3 = U * (chain + L - 1) * qkA3 + d * Double.MIN_VALUE;
      double e3 = energy(qk3, dim);
      double tau3 = Math.abs(dqk(qk3, dim)) * qkB3;
      tauMax = Math.max(tauMax, tau3);
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE && Math.abs(e1) <= Double.MAX_VALUE && Math.abs(e2) <= Double.MAX_VALUE && Math.abs(e3) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      emin = Math.min(emin, e1);
      emin = Math.min(emin, e2);
      emin = Math.min(emin, e3);
      double scale = 1.0;
      if (emin < mm) {
        scale = exp(emin - mm);
        rescales++;
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double y1 = Math.max(mm - e1, -746.0);
      double y2 = Math.max(mm - e2, -746.0);
      double y3 = Math.max(mm - e3, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double et1 = Math.fma(y1, 0x1.71547652b82fep0, 0x1.8p52);
      double et2 = Math.fma(y2, 0x1.71547652b82fep0, 0x1.8p52);
      double et3 = Math.fma(y3, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double ek1 = et1 - 0x1.8p52;
      double ek2 = et2 - 0x1.8p52;
      double ek3 = et3 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double er1 = Math.fma(ek1, -0x1.abc9e3b39803fp-56, Math.fma(ek1, -0x1.62e42fefa39efp-1, y1));
      double er2 = Math.fma(ek2, -0x1.abc9e3b39803fp-56, Math.fma(ek2, -0x1.62e42fefa39efp-1, y2));
      double er3 = Math.fma(ek3, -0x1.abc9e3b39803fp-56, Math.fma(ek3, -0x1.62e42fefa39efp-1, y3));
      double ep0 = 1.0 / 479001600;
      double ep1 = 1.0 / 479001600;
      double ep2 = 1.0 / 479001600;
      double ep3 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep1 = Math.fma(ep1, er1, 1.0 / 39916800);
      ep2 = Math.fma(ep2, er2, 1.0 / 39916800);
      ep3 = Math.fma(ep3, er3, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep1 = Math.fma(ep1, er1, 1.0 / 3628800);
      ep2 = Math.fma(ep2, er2, 1.0 / 3628800);
      ep3 = Math.fma(ep3, er3, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep1 = Math.fma(ep1, er1, 1.0 / 362880);
      ep2 = Math.fma(ep2, er2, 1.0 / 362880);
      ep3 = Math.fma(ep3, er3, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep1 = Math.fma(ep1, er1, 1.0 / 40320);
      ep2 = Math.fma(ep2, er2, 1.0 / 40320);
      ep3 = Math.fma(ep3, er3, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep1 = Math.fma(ep1, er1, 1.0 / 5040);
      ep2 = Math.fma(ep2, er2, 1.0 / 5040);
      ep3 = Math.fma(ep3, er3, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep1 = Math.fma(ep1, er1, 1.0 / 720);
      ep2 = Math.fma(ep2, er2, 1.0 / 720);
      ep3 = Math.fma(ep3, er3, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep1 = Math.fma(ep1, er1, 1.0 / 120);
      ep2 = Math.fma(ep2, er2, 1.0 / 120);
      ep3 = Math.fma(ep3, er3, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep1 = Math.fma(ep1, er1, 1.0 / 24);
      ep2 = Math.fma(ep2, er2, 1.0 / 24);
      ep3 = Math.fma(ep3, er3, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep1 = Math.fma(ep1, er1, 1.0 / 6);
      ep2 = Math.fma(ep2, er2, 1.0 / 6);
      ep3 = Math.fma(ep3, er3, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep1 = Math.fma(ep1, er1, 0.5);
      ep2 = Math.fma(ep2, er2, 0.5);
      ep3 = Math.fma(ep3, er3, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      ep2 = Math.fma(ep2, er2, 1.0);
      ep3 = Math.fma(ep3, er3, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      ep2 = Math.fma(ep2, er2, 1.0);
      ep3 = Math.fma(ep3, er3, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      double w1 = ep1 * Double.longBitsToDouble((Double.doubleToRawLongBits(et1) + 1023 + 512) << 52) * 0x1p-512;
      double w2 = ep2 * Double.longBitsToDouble((Double.doubleToRawLongBits(et2) + 1023 + 512) << 52) * 0x1p-512;
      double w3 = ep3 * Double.longBitsToDouble((Double.doubleToRawLongBits(et3) + 1023 + 512) << 52) * 0x1p-512;
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0) || (w1 < 0x1p-1000 && e1 - mm <= 1400.0) || (w2 < 0x1p-1000 && e2 - mm <= 1400.0) || (w3 < 0x1p-1000 && e3 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      int vo1 = vo0 + m;
      int vo2 = vo1 + m;
      int vo3 = vo2 + m;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = ((DoubleVector) FloatVector.fromArray(F, values, vo0 + k).convertShape(VectorOperators.F2D, S, 0)).fma(DoubleVector.broadcast(S, w0), o);
        o = ((DoubleVector) FloatVector.fromArray(F, values, vo1 + k).convertShape(VectorOperators.F2D, S, 0)).fma(DoubleVector.broadcast(S, w1), o);
        o = ((DoubleVector) FloatVector.fromArray(F, values, vo2 + k).convertShape(VectorOperators.F2D, S, 0)).fma(DoubleVector.broadcast(S, w2), o);
        o = ((DoubleVector) FloatVector.fromArray(F, values, vo3 + k).convertShape(VectorOperators.F2D, S, 0)).fma(DoubleVector.broadcast(S, w3), o);
        o.intoArray(out, oo + k);
      }
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        o = Math.fma(w0, values[vo0 + k], o);
        o = Math.fma(w1, values[vo1 + k], o);
        o = Math.fma(w2, values[vo2 + k], o);
        o = Math.fma(w3, values[vo3 + k], o);
        out[oo + k] = o;
      }
      s = s * scale + w0 + w1 + w2 + w3;
    }
    for (; j < n; j++) {
      int ko0 = kOff + j * d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = qkAll;
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      tauMax = Math.max(tauMax, tau0);
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      double scale = 1.0;
      if (emin < mm) {
        scale = exp(emin - mm);
        rescales++;
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double ep0 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = ((DoubleVector) FloatVector.fromArray(F, values, vo0 + k).convertShape(VectorOperators.F2D, S, 0)).fma(DoubleVector.broadcast(S, w0), o);
        o.intoArray(out, oo + k);
      }
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        o = Math.fma(w0, values[vo0 + k], o);
        out[oo + k] = o;
      }
      s = s * scale + w0;
    }
    double outMax = normalize(out, oo, m, 1.0 / s);
    // every key's bound with its weight's and the rescales' exponential errors; NaN fails the test
    double tt = tauMax + 6.0 * U * (1 + rescales);
    double bound = 2.0 * tt * (maxAbs(values, vOff, n * m) + outMax);
    return bound <= 0x1p-34 * outMax ? 0 : 1;
  }

  private static int carefulValue(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff, int n, int d, int m, double[] out, int oo) {
    if (n < 1 || d < L || m < L) return 1;
    int db = S.loopBound(d);
    int d2 = d - d % (2 * L);
    int mb = S.loopBound(m);
    // rounding depth of an entry: the longer accumulator's FMA chain, the two accumulators' sum, the scalar tail
    double chain = (db / L + 1) / 2 + 1 + (d - db);
    double dim = d;
    if (false) return 1;
    for (int k = 0; k < m; k++) out[oo + k] = 0.0;
    double mm = Double.MAX_VALUE;
    double s = 0.0;
    // lane-wise over the value chunks: tv = sum_j w_j tau_j |v_j|, mw = sum_j w_j |v_j| (|v_j| the lane-wise
    // maximum over the key's chunks; tvT, mwT the same over the tail components); rescaled with s
    double tauW = 0.0;
    DoubleVector tv = DoubleVector.zero(S);
    DoubleVector mw = tv;
    double tvT = 0.0;
    double mwT = 0.0;
    // blocks of 2 keys, then the remaining keys one by one
    int j = 0;
    for (; j <= n - 2; j += 2) {
      int ko0 = kOff + j * d;
      int ko1 = ko0 + d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      DoubleVector s1 = z, t1 = z, a1 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
          a1 = qb.fma(k1.abs(), qa.fma(k0.abs(), a1));
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          s1 = q0.fma(k0, s1);
          a1 = qa.fma(k0.abs(), a1);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      double qk1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
      double qkA1 = a1.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
        double k1i = keys[ko1 + i];
        qk1 = Math.fma(qi, k1i, qk1);
        qkA1 = Math.fma(Math.abs(qi), Math.abs(k1i), qkA1);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      double qkB1 = U * (chain + L - 1) * qkA1 + d * Double.MIN_VALUE;
      double e1 = energy(qk1, dim);
      double tau1 = Math.abs(dqk(qk1, dim)) * qkB1;
      if (!(tau1 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk1 = dot(q, qOff, keys, ko1, d);
        e1 = energy(qk1, dim);
        tau1 = 0.0;
      }
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE && Math.abs(e1) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      emin = Math.min(emin, e1);
      double scale = 1.0;
      double rs = 0.0;
      if (emin < mm) {
        // a new minimum: rescale what was summed relative to the old one (the online normaliser); the rescale's
        // own error (the polynomial exponential) acts as an error of the energies summed so far: rs, in their bounds
        scale = exp(emin - mm);
        rs = 6.0 * U;
        // the old weights below the normal range, where a large value can still contribute: the plain code
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double y1 = Math.max(mm - e1, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double et1 = Math.fma(y1, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double ek1 = et1 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double er1 = Math.fma(ek1, -0x1.abc9e3b39803fp-56, Math.fma(ek1, -0x1.62e42fefa39efp-1, y1));
      double ep0 = 1.0 / 479001600;
      double ep1 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep1 = Math.fma(ep1, er1, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep1 = Math.fma(ep1, er1, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep1 = Math.fma(ep1, er1, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep1 = Math.fma(ep1, er1, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep1 = Math.fma(ep1, er1, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep1 = Math.fma(ep1, er1, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep1 = Math.fma(ep1, er1, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep1 = Math.fma(ep1, er1, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep1 = Math.fma(ep1, er1, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep1 = Math.fma(ep1, er1, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep1 = Math.fma(ep1, er1, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      double w1 = ep1 * Double.longBitsToDouble((Double.doubleToRawLongBits(et1) + 1023 + 512) << 52) * 0x1p-512;
      // a weight below the normal range (a large value can still contribute): the plain code
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0) || (w1 < 0x1p-1000 && e1 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      int vo1 = vo0 + m;
      LongVector zl = z.reinterpretAsLongs();
      LongVector m0 = zl, m1 = zl;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector v0 = ((DoubleVector) FloatVector.fromArray(F, values, vo0 + k).convertShape(VectorOperators.F2D, S, 0));
        m0 = m0.lanewise(VectorOperators.MAX, v0.abs().reinterpretAsLongs());
        DoubleVector v1 = ((DoubleVector) FloatVector.fromArray(F, values, vo1 + k).convertShape(VectorOperators.F2D, S, 0));
        m1 = m1.lanewise(VectorOperators.MAX, v1.abs().reinterpretAsLongs());
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = v0.fma(DoubleVector.broadcast(S, w0), o);
        o = v1.fma(DoubleVector.broadcast(S, w1), o);
        o.intoArray(out, oo + k);
      }
      double x0 = 0.0, x1 = 0.0;
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        double v0 = values[vo0 + k];
        x0 = Math.max(x0, Math.abs(v0));
        o = Math.fma(w0, v0, o);
        double v1 = values[vo1 + k];
        x1 = Math.max(x1, Math.abs(v1));
        o = Math.fma(w1, v1, o);
        out[oo + k] = o;
      }
      double wt0 = w0 * (tau0 + 6.0 * U);
      double wt1 = w1 * (tau1 + 6.0 * U);
      tauW = Math.fma(rs, s, tauW) * scale + wt0 + wt1;
      s = s * scale + w0 + w1;
      tv = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt1), m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt0), mw.mul(rs).add(tv).mul(scale)));
      mw = m1.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w1), m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w0), mw.mul(scale)));
      tvT = Math.fma(rs, mwT, tvT) * scale + wt0 * x0 + wt1 * x1;
      mwT = mwT * scale + w0 * x0 + w1 * x1;
    }
    for (; j < n; j++) {
      int ko0 = kOff + j * d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      // NaN, infinite energies: the plain code's rules
      if (!(Math.abs(e0) <= Double.MAX_VALUE)) return 1;
      double emin = e0;
      double scale = 1.0;
      double rs = 0.0;
      if (emin < mm) {
        // a new minimum: rescale what was summed relative to the old one (the online normaliser); the rescale's
        // own error (the polynomial exponential) acts as an error of the energies summed so far: rs, in their bounds
        scale = exp(emin - mm);
        rs = 6.0 * U;
        // the old weights below the normal range, where a large value can still contribute: the plain code
        if (scale < 0x1p-1000 && mm - emin <= 1400.0) return 1;
        mm = emin;
      }
      double y0 = Math.max(mm - e0, -746.0);
      double et0 = Math.fma(y0, 0x1.71547652b82fep0, 0x1.8p52);
      double ek0 = et0 - 0x1.8p52;
      double er0 = Math.fma(ek0, -0x1.abc9e3b39803fp-56, Math.fma(ek0, -0x1.62e42fefa39efp-1, y0));
      double ep0 = 1.0 / 479001600;
      ep0 = Math.fma(ep0, er0, 1.0 / 39916800);
      ep0 = Math.fma(ep0, er0, 1.0 / 3628800);
      ep0 = Math.fma(ep0, er0, 1.0 / 362880);
      ep0 = Math.fma(ep0, er0, 1.0 / 40320);
      ep0 = Math.fma(ep0, er0, 1.0 / 5040);
      ep0 = Math.fma(ep0, er0, 1.0 / 720);
      ep0 = Math.fma(ep0, er0, 1.0 / 120);
      ep0 = Math.fma(ep0, er0, 1.0 / 24);
      ep0 = Math.fma(ep0, er0, 1.0 / 6);
      ep0 = Math.fma(ep0, er0, 0.5);
      ep0 = Math.fma(ep0, er0, 1.0);
      ep0 = Math.fma(ep0, er0, 1.0);
      double w0 = ep0 * Double.longBitsToDouble((Double.doubleToRawLongBits(et0) + 1023 + 512) << 52) * 0x1p-512;
      // a weight below the normal range (a large value can still contribute): the plain code
      if ((w0 < 0x1p-1000 && e0 - mm <= 1400.0)) return 1;
      int vo0 = vOff + j * m;
      LongVector zl = z.reinterpretAsLongs();
      LongVector m0 = zl;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector v0 = ((DoubleVector) FloatVector.fromArray(F, values, vo0 + k).convertShape(VectorOperators.F2D, S, 0));
        m0 = m0.lanewise(VectorOperators.MAX, v0.abs().reinterpretAsLongs());
        DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));
        o = v0.fma(DoubleVector.broadcast(S, w0), o);
        o.intoArray(out, oo + k);
      }
      double x0 = 0.0;
      for (; k < m; k++) {
        double o = out[oo + k] * scale;
        double v0 = values[vo0 + k];
        x0 = Math.max(x0, Math.abs(v0));
        o = Math.fma(w0, v0, o);
        out[oo + k] = o;
      }
      double wt0 = w0 * (tau0 + 6.0 * U);
      tauW = Math.fma(rs, s, tauW) * scale + wt0;
      s = s * scale + w0;
      tv = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt0), mw.mul(rs).add(tv).mul(scale));
      mw = m0.reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w0), mw.mul(scale));
      tvT = Math.fma(rs, mwT, tvT) * scale + wt0 * x0;
      mwT = mwT * scale + w0 * x0;
    }
    double inv = 1.0 / s;
    // first order: d out_i = -sum_j r_j (de_j - sum_k r_k de_k) (v_ji - out_i) with |de_j| <= tau_j, so
    // |d out_i| <= sum_j r_j (tau_j + tauBar) (|v_ji| + |out_i|)
    double tauBar = tauW * inv;
    double spread = Math.max(tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX), tvT + tauBar * mwT);
    double outMax = normalize(out, oo, m, inv);
    double bound = spread * inv + 2.0 * tauBar * outMax;
    return bound <= 0x1p-41 * outMax ? 0 : 1;
  }

  static int backward(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff, int n, int d, int m,
      double[] upstream, int uo, double[] gradQ, int go, double[] gradKeys, int gko, double[] gradValues, int gvo) {
    if (n < 1 || d < L || d < 4 || m < L) return 1;
    int win = energies(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko, gradValues, gvo);
    if (win < 0) return 1;
    double mm = gradQ[go];
    // the largest key bound stands for their weighted mean (a bound of it)
    double tauBar = gradQ[go + 2];
    double s = normalizer(gradValues, gvo, n, mm);
    // s >= 1 (the winner's weight is 1); -1: a weight that may lie below the normal range, for the plain code
    if (!(s >= 1.0)) return 1;
    double inv = 1.0 / s;
    // the upstream scaled by a power of two (as the plain code): <u, v> may overflow where the gradients do not
    double umax = 0.0;
    for (int i = 0; i < m; i++) umax = Math.max(umax, Math.abs(upstream[uo + i]));
    if (!(umax < Double.POSITIVE_INFINITY)) return 1;
    int ue = umax == 0.0 ? 0 : Math.getExponent(umax);
    if (ue < Double.MIN_EXPONENT || ue > Double.MAX_EXPONENT - 1) return 1;
    weights(values, vOff, n, m, upstream, uo, gradQ, go, gradKeys, gko, d, gradValues, gvo, win, inv, tauBar, ue);
    return gradients(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko, win, tauBar, ue);
  }

  /** Pass 1: each key's energy into gradValues[gvo + j], its bound into its gradKeys row; mm and the largest bound into gradQ; the winner (-1: plain code). */
  private static int energies(double[] q, int qOff, double[] keys, int kOff, int n, int d, double[] gradQ, int go,
      double[] gradKeys, int gko, double[] gradValues, int gvo) {
    int m = L;
    int db = S.loopBound(d);
    int d2 = d - d % (2 * L);
    int mb = S.loopBound(m);
    // rounding depth of an entry: the longer accumulator's FMA chain, the two accumulators' sum, the scalar tail
    double chain = (db / L + 1) / 2 + 1 + (d - db);
    double dim = d;
    if (false) return -1;
    // pass 1: energies (in gradValues' first n entries), bounds (in the rows of gradKeys), the winner
    double mm = Double.MAX_VALUE;
    double tauMax = 0.0;
    int win = 0;
    int j = 0;
    for (; j <= n - 2; j += 2) {
      int ko0 = kOff + j * d;
      int ko1 = ko0 + d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      DoubleVector s1 = z, t1 = z, a1 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko1 + i + L);
          s1 = q0.fma(k0, s1);
          t1 = q1.fma(k1, t1);
          a1 = qb.fma(k1.abs(), qa.fma(k0.abs(), a1));
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          s1 = q0.fma(k0, s1);
          a1 = qa.fma(k0.abs(), a1);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      double qk1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
      double qkA1 = a1.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
        double k1i = keys[ko1 + i];
        qk1 = Math.fma(qi, k1i, qk1);
        qkA1 = Math.fma(Math.abs(qi), Math.abs(k1i), qkA1);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      double qkB1 = U * (chain + L - 1) * qkA1 + d * Double.MIN_VALUE;
      double e1 = energy(qk1, dim);
      double tau1 = Math.abs(dqk(qk1, dim)) * qkB1;
      if (!(tau1 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk1 = dot(q, qOff, keys, ko1, d);
        e1 = energy(qk1, dim);
        tau1 = 0.0;
      }
      {
        if (!(Math.abs(e0) <= Double.MAX_VALUE)) return -1;
        gradKeys[gko + (j + 0) * d + 1] = tau0;
        gradValues[gvo + j + 0] = e0;
        if (e0 < mm) {
          mm = e0;
          win = j + 0;
        }
        tauMax = Math.max(tauMax, tau0);
      }
      {
        if (!(Math.abs(e1) <= Double.MAX_VALUE)) return -1;
        gradKeys[gko + (j + 1) * d + 1] = tau1;
        gradValues[gvo + j + 1] = e1;
        if (e1 < mm) {
          mm = e1;
          win = j + 1;
        }
        tauMax = Math.max(tauMax, tau1);
      }
    }
    for (; j < n; j++) {
      int ko0 = kOff + j * d;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector s0 = z, t0 = z, a0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        DoubleVector qa = q0.abs();
        DoubleVector qb = q1.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          s0 = q0.fma(k0, s0);
          t0 = q1.fma(k1, t0);
          a0 = qb.fma(k1.abs(), qa.fma(k0.abs(), a0));
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector qa = q0.abs();
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          s0 = q0.fma(k0, s0);
          a0 = qa.fma(k0.abs(), a0);
        }
        i += L;
      }
      double qk0 = s0.add(t0).reduceLanes(VectorOperators.ADD);
      double qkA0 = a0.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        qk0 = Math.fma(qi, k0i, qk0);
        qkA0 = Math.fma(Math.abs(qi), Math.abs(k0i), qkA0);
      }
      double qkB0 = U * (chain + L - 1) * qkA0 + d * Double.MIN_VALUE;
      double e0 = energy(qk0, dim);
      double tau0 = Math.abs(dqk(qk0, dim)) * qkB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        qk0 = dot(q, qOff, keys, ko0, d);
        e0 = energy(qk0, dim);
        tau0 = 0.0;
      }
      {
        if (!(Math.abs(e0) <= Double.MAX_VALUE)) return -1;
        gradKeys[gko + (j + 0) * d + 1] = tau0;
        gradValues[gvo + j + 0] = e0;
        if (e0 < mm) {
          mm = e0;
          win = j + 0;
        }
        tauMax = Math.max(tauMax, tau0);
      }
    }
    gradQ[go] = mm;
    gradQ[go + 2] = tauMax;
    return win;
  }

  /** Pass 1b: w_j = exp(mm - e_j) in place of the energies; their sum, or -1 for a gap in (600, 1400]. */
  private static double normalizer(double[] w, int wo, int n, double mm) {
    DoubleVector mv = DoubleVector.broadcast(S, mm);
    DoubleVector sv = DoubleVector.zero(S);
    int nb = S.loopBound(n);
    int j = 0;
    for (; j < nb; j += L) {
      DoubleVector gap = DoubleVector.fromArray(S, w, wo + j).sub(mv);
      if (gap.compare(VectorOperators.GT, 600.0).and(gap.compare(VectorOperators.LE, 1400.0)).anyTrue()) return -1.0;
      DoubleVector e = gap.neg().lanewise(VectorOperators.EXP);
      e.intoArray(w, wo + j);
      sv = sv.add(e);
    }
    double s = sv.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      double gap = w[wo + j] - mm;
      if (gap > 600.0 && gap <= 1400.0) return -1.0;
      double e = Math.exp(-gap);
      w[wo + j] = e;
      s += e;
    }
    return s;
  }

  /** Pass 2 (keys in descending order): weights, gradValues, t_j and its bound into the rows; acc and the spill into gradQ. */
  private static void weights(double[] values, int vOff, int n, int m, double[] upstream, int uo, double[] gradQ, int go,
      double[] gradKeys, int gko, int d, double[] gradValues, int gvo, int win, double inv, double tauBar, int ue) {
    int mb = S.loopBound(m);
    double down = Math.scalb(1.0, -ue);
    int vw0 = vOff + win * m;
    double depthM = mb / L + (m - mb) + L;
    // pass 2: weights, gradValues = r_j u, t_j = <u, v_j - v_w> and acc = -sum_{j != win} r_j t_j
    double acc = 0.0;
    double spill = 0.0;
    int j = n;
    while (j >= 2) {
      j -= 2;
      int row0 = gko + (j + 0) * d;
      int vo0 = vOff + (j + 0) * m;
      int gv0 = gvo + (j + 0) * m;
      double r0 = gradValues[gvo + j + 0] * inv;
      gradKeys[row0] = r0;
      int row1 = gko + (j + 1) * d;
      int vo1 = vOff + (j + 1) * m;
      int gv1 = gvo + (j + 1) * m;
      double r1 = gradValues[gvo + j + 1] * inv;
      gradKeys[row1] = r1;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector ts0 = z, ta0 = z, ts1 = z, ta1 = z;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector u = DoubleVector.fromArray(S, upstream, uo + k);
        DoubleVector a = u.mul(DoubleVector.broadcast(S, down));
        DoubleVector aa = a.abs();
        DoubleVector vw = DoubleVector.fromArray(S, values, vw0 + k);
        u.mul(DoubleVector.broadcast(S, r0)).intoArray(gradValues, gv0 + k);
        DoubleVector b0 = DoubleVector.fromArray(S, values, vo0 + k).sub(vw);
        ts0 = a.fma(b0, ts0);
        ta0 = aa.fma(b0.abs(), ta0);
        u.mul(DoubleVector.broadcast(S, r1)).intoArray(gradValues, gv1 + k);
        DoubleVector b1 = DoubleVector.fromArray(S, values, vo1 + k).sub(vw);
        ts1 = a.fma(b1, ts1);
        ta1 = aa.fma(b1.abs(), ta1);
      }
      double t0 = ts0.reduceLanes(VectorOperators.ADD);
      double ab0 = ta0.reduceLanes(VectorOperators.ADD);
      double t1 = ts1.reduceLanes(VectorOperators.ADD);
      double ab1 = ta1.reduceLanes(VectorOperators.ADD);
      for (; k < m; k++) {
        double u = upstream[uo + k];
        double a = u * down;
        gradValues[gv0 + k] = r0 * u;
        double b0 = values[vo0 + k] - values[vw0 + k];
        t0 = Math.fma(a, b0, t0);
        ab0 = Math.fma(Math.abs(a), Math.abs(b0), ab0);
        gradValues[gv1 + k] = r1 * u;
        double b1 = values[vo1 + k] - values[vw0 + k];
        t1 = Math.fma(a, b1, t1);
        ab1 = Math.fma(Math.abs(a), Math.abs(b1), ab1);
      }
      // the difference v_j - v_w is rounded once: one more rounding in the depth
      double beta0 = U * depthM * ab0 + m * Double.MIN_VALUE;
      gradKeys[row0 + 2] = t0;
      gradKeys[row0 + 3] = beta0;
      acc -= r0 * t0;
      spill = Math.fma(r0, (gradKeys[row0 + 1] + tauBar) * Math.abs(t0) + beta0, spill);
      // the difference v_j - v_w is rounded once: one more rounding in the depth
      double beta1 = U * depthM * ab1 + m * Double.MIN_VALUE;
      gradKeys[row1 + 2] = t1;
      gradKeys[row1 + 3] = beta1;
      acc -= r1 * t1;
      spill = Math.fma(r1, (gradKeys[row1 + 1] + tauBar) * Math.abs(t1) + beta1, spill);
    }
    while (j > 0) {
      j--;
      int row0 = gko + (j + 0) * d;
      int vo0 = vOff + (j + 0) * m;
      int gv0 = gvo + (j + 0) * m;
      double r0 = gradValues[gvo + j + 0] * inv;
      gradKeys[row0] = r0;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector ts0 = z, ta0 = z;
      int k = 0;
      for (; k < mb; k += L) {
        DoubleVector u = DoubleVector.fromArray(S, upstream, uo + k);
        DoubleVector a = u.mul(DoubleVector.broadcast(S, down));
        DoubleVector aa = a.abs();
        DoubleVector vw = DoubleVector.fromArray(S, values, vw0 + k);
        u.mul(DoubleVector.broadcast(S, r0)).intoArray(gradValues, gv0 + k);
        DoubleVector b0 = DoubleVector.fromArray(S, values, vo0 + k).sub(vw);
        ts0 = a.fma(b0, ts0);
        ta0 = aa.fma(b0.abs(), ta0);
      }
      double t0 = ts0.reduceLanes(VectorOperators.ADD);
      double ab0 = ta0.reduceLanes(VectorOperators.ADD);
      for (; k < m; k++) {
        double u = upstream[uo + k];
        double a = u * down;
        gradValues[gv0 + k] = r0 * u;
        double b0 = values[vo0 + k] - values[vw0 + k];
        t0 = Math.fma(a, b0, t0);
        ab0 = Math.fma(Math.abs(a), Math.abs(b0), ab0);
      }
      // the difference v_j - v_w is rounded once: one more rounding in the depth
      double beta0 = U * depthM * ab0 + m * Double.MIN_VALUE;
      gradKeys[row0 + 2] = t0;
      gradKeys[row0 + 3] = beta0;
      acc -= r0 * t0;
      spill = Math.fma(r0, (gradKeys[row0 + 1] + tauBar) * Math.abs(t0) + beta0, spill);
    }
    gradQ[go] = acc;
    gradQ[go + 1] = spill;
  }

  /** Pass 3: the gradients of q and the keys; 0 when their error bound holds. */
  private static int gradients(double[] q, int qOff, double[] keys, int kOff, int n, int d, double[] gradQ, int go,
      double[] gradKeys, int gko, int win, double tauBar, int ue) {
    int db = S.loopBound(d);
    double dim = d;
    double up = Math.scalb(1.0, ue);
    double acc = gradQ[go];
    double spill = gradQ[go + 1];
    // pass 3: dL/de_j = -r_j (t_j + acc) (the winner: -r_w acc), then the chain rule through the kernel
    double fqk = dqk(0.0, dim);
    double fkk = 0.0;
    double fdd = 0.0;
    for (int i = 0; i < d; i++) gradQ[go + i] = 0.0;
    int kwo = kOff + win * d;
    // scalars across keys: vectors carried around this loop were boxed by C2
    double errK = 0.0;
    double maxK = 0.0;
    double errQ = 0.0;
    double absAcc = Math.abs(acc);
    // a key row is (b_j q) up: its largest entry is (b_j qs) up, qs the entry of q largest in magnitude
    // (rounding is monotone), so the rows need no maximum of their own
    double qs = 0.0;
    for (int i = 0; i < d; i++) if (Math.abs(q[qOff + i]) > Math.abs(qs)) qs = q[qOff + i];
    int j = 0;
    for (; j <= n - 2; j += 2) {
      int ko0 = kOff + (j + 0) * d;
      int row0 = gko + (j + 0) * d;
      double r0 = gradKeys[row0];
      double t0 = gradKeys[row0 + 2];
      double delta0 = r0 == 0.0 ? 0.0 : -r0 * (j + 0 == win ? acc : t0 + acc);
      // Delta_j over |delta_j|: the relative error of this key's gradient row
      double rel0 = delta0 == 0.0 ? 0.0 : r0 * ((gradKeys[row0 + 1] + tauBar) * (Math.abs(t0) + absAcc) + gradKeys[row0 + 3] + spill) / Math.abs(delta0);
      double b0 = delta0 * fqk;
      double c0 = 2.0 * delta0 * fkk;
      double sd0 = 2.0 * delta0 * fdd;
      double bs0 = b0 - sd0;
      int ko1 = kOff + (j + 1) * d;
      int row1 = gko + (j + 1) * d;
      double r1 = gradKeys[row1];
      double t1 = gradKeys[row1 + 2];
      double delta1 = r1 == 0.0 ? 0.0 : -r1 * (j + 1 == win ? acc : t1 + acc);
      // Delta_j over |delta_j|: the relative error of this key's gradient row
      double rel1 = delta1 == 0.0 ? 0.0 : r1 * ((gradKeys[row1 + 1] + tauBar) * (Math.abs(t1) + absAcc) + gradKeys[row1 + 3] + spill) / Math.abs(delta1);
      double b1 = delta1 * fqk;
      double c1 = 2.0 * delta1 * fkk;
      double sd1 = 2.0 * delta1 * fdd;
      double bs1 = b1 - sd1;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector km0 = z, km1 = z;
      int i = 0;
      for (; i < db; i += L) {
        // the broadcasts inside the loop body: C2 boxed broadcast vectors that lived across the inner loop
        DoubleVector qv = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector kw = DoubleVector.fromArray(S, keys, kwo + i);
        DoubleVector gq = DoubleVector.fromArray(S, gradQ, go + i);
        {
          double b = b0;
          double c = c0;
          double sd = sd0;
          DoubleVector kv = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector g = DoubleVector.broadcast(S, b).mul(qv).mul(DoubleVector.broadcast(S, up));
          g.intoArray(gradKeys, row0 + i);
          DoubleVector dk = kv.sub(kw);
          gq = dk.fma(DoubleVector.broadcast(S, bs0), gq);
          km0 = km0.max(dk.abs());
        }
        {
          double b = b1;
          double c = c1;
          double sd = sd1;
          DoubleVector kv = DoubleVector.fromArray(S, keys, ko1 + i);
          DoubleVector g = DoubleVector.broadcast(S, b).mul(qv).mul(DoubleVector.broadcast(S, up));
          g.intoArray(gradKeys, row1 + i);
          DoubleVector dk = kv.sub(kw);
          gq = dk.fma(DoubleVector.broadcast(S, bs1), gq);
          km1 = km1.max(dk.abs());
        }
        gq.intoArray(gradQ, go + i);
      }
      double gj0 = Math.abs(b0 * qs * up);
      double kj0 = km0.reduceLanes(VectorOperators.MAX);
      double gj1 = Math.abs(b1 * qs * up);
      double kj1 = km1.reduceLanes(VectorOperators.MAX);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double kwi = keys[kwo + i];
        {
          double b = b0;
          double c = c0;
          double sd = sd0;
          double ki = keys[ko0 + i];
          double g = (b * qi) * up;
          gradKeys[row0 + i] = g;
          double dk = ki - kwi;
          gradQ[go + i] = Math.fma(bs0, dk, gradQ[go + i]);
          kj0 = Math.max(kj0, Math.abs(dk));
        }
        {
          double b = b1;
          double c = c1;
          double sd = sd1;
          double ki = keys[ko1 + i];
          double g = (b * qi) * up;
          gradKeys[row1 + i] = g;
          double dk = ki - kwi;
          gradQ[go + i] = Math.fma(bs1, dk, gradQ[go + i]);
          kj1 = Math.max(kj1, Math.abs(dk));
        }
      }
      errK = Math.max(errK, gj0 * rel0);
      maxK = Math.max(maxK, gj0);
      // grad q moves by (Delta_j / |delta_j|) |b_j - s_j| |k_j - k_w| (the exact dL/de sum to 0)
      errQ = Math.fma(kj0, rel0 * Math.abs(bs0) * up, errQ);
      errK = Math.max(errK, gj1 * rel1);
      maxK = Math.max(maxK, gj1);
      // grad q moves by (Delta_j / |delta_j|) |b_j - s_j| |k_j - k_w| (the exact dL/de sum to 0)
      errQ = Math.fma(kj1, rel1 * Math.abs(bs1) * up, errQ);
    }
    for (; j < n; j++) {
      int ko0 = kOff + (j + 0) * d;
      int row0 = gko + (j + 0) * d;
      double r0 = gradKeys[row0];
      double t0 = gradKeys[row0 + 2];
      double delta0 = r0 == 0.0 ? 0.0 : -r0 * (j + 0 == win ? acc : t0 + acc);
      // Delta_j over |delta_j|: the relative error of this key's gradient row
      double rel0 = delta0 == 0.0 ? 0.0 : r0 * ((gradKeys[row0 + 1] + tauBar) * (Math.abs(t0) + absAcc) + gradKeys[row0 + 3] + spill) / Math.abs(delta0);
      double b0 = delta0 * fqk;
      double c0 = 2.0 * delta0 * fkk;
      double sd0 = 2.0 * delta0 * fdd;
      double bs0 = b0 - sd0;
      DoubleVector z = DoubleVector.zero(S);
      DoubleVector km0 = z;
      int i = 0;
      for (; i < db; i += L) {
        // the broadcasts inside the loop body: C2 boxed broadcast vectors that lived across the inner loop
        DoubleVector qv = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector kw = DoubleVector.fromArray(S, keys, kwo + i);
        DoubleVector gq = DoubleVector.fromArray(S, gradQ, go + i);
        {
          double b = b0;
          double c = c0;
          double sd = sd0;
          DoubleVector kv = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector g = DoubleVector.broadcast(S, b).mul(qv).mul(DoubleVector.broadcast(S, up));
          g.intoArray(gradKeys, row0 + i);
          DoubleVector dk = kv.sub(kw);
          gq = dk.fma(DoubleVector.broadcast(S, bs0), gq);
          km0 = km0.max(dk.abs());
        }
        gq.intoArray(gradQ, go + i);
      }
      double gj0 = Math.abs(b0 * qs * up);
      double kj0 = km0.reduceLanes(VectorOperators.MAX);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double kwi = keys[kwo + i];
        {
          double b = b0;
          double c = c0;
          double sd = sd0;
          double ki = keys[ko0 + i];
          double g = (b * qi) * up;
          gradKeys[row0 + i] = g;
          double dk = ki - kwi;
          gradQ[go + i] = Math.fma(bs0, dk, gradQ[go + i]);
          kj0 = Math.max(kj0, Math.abs(dk));
        }
      }
      errK = Math.max(errK, gj0 * rel0);
      maxK = Math.max(maxK, gj0);
      // grad q moves by (Delta_j / |delta_j|) |b_j - s_j| |k_j - k_w| (the exact dL/de sum to 0)
      errQ = Math.fma(kj0, rel0 * Math.abs(bs0) * up, errQ);
    }
    DoubleVector gqm = DoubleVector.zero(S);
    int i = 0;
    for (; i < db; i += L) {
      DoubleVector g = DoubleVector.fromArray(S, gradQ, go + i).mul(DoubleVector.broadcast(S, up));
      g.intoArray(gradQ, go + i);
      gqm = gqm.max(g.abs());
    }
    double maxQ = gqm.reduceLanes(VectorOperators.MAX);
    for (; i < d; i++) {
      gradQ[go + i] *= up;
      maxQ = Math.max(maxQ, Math.abs(gradQ[go + i]));
    }
    // NaN anywhere fails these comparisons: the plain code then writes its NaN rules
    return errK <= 0x1p-36 * maxK && errQ <= 0x1p-36 * maxQ ? 0 : 1;
  }
}
