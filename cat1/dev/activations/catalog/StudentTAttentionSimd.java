package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTAttention}: 0 when the call is done, 1 when it is left to the plain-Java code.
 * Fast lane-wise Gram entries with a-posteriori error bounds; keys whose bound is too large are
 * recomputed compensated, and a call whose output bound exceeds 0x1p-41 of the largest output
 * component is left to the plain code. Generated; do not edit.
 */
final class StudentTAttentionSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The widest float lanes and their integer twins, for the largest magnitudes of float arrays. */
  private static final VectorSpecies<Float> FP = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** The unit roundoff with room for second-order terms. */
  private static final double U = 0x1p-53 * 1.01;

  private StudentTAttentionSimd() {}

  private static double energy(double dd, double dim) {
    return 0.5 * (3.0 + dim) * Math.log(0.3333333333333333 * (3.0 + dd));
  }

  private static double ddd(double dd, double dim) {
    return 0.5 * (3.0 + dim) / (3.0 + dd);
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
      DoubleVector da0 = z, dz0 = z;
      DoubleVector da1 = z, dz1 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko1 + i + L);
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da1 = h0.fma(h0, da1);
          dz1 = h1.fma(h1, dz1);
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko1 + i);
          DoubleVector h0 = q0.sub(k0);
          da1 = h0.fma(h0, da1);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      double dd1 = da1.add(dz1).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
        double k1i = keys[ko1 + i];
        double h1 = qi - k1i;
        dd1 = Math.fma(h1, h1, dd1);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd0 = squaredDistance(q, qOff, keys, ko0, d);
        e0 = energy(dd0, dim);
        tau0 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau0 += 4.0 * U * Math.abs(e0);
      double ddB1 = U * (chain + L + 1) * dd1 + d * Double.MIN_VALUE;
      double e1 = energy(dd1, dim);
      double tau1 = Math.abs(ddd(dd1, dim)) * ddB1;
      if (!(tau1 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd1 = squaredDistance(q, qOff, keys, ko1, d);
        e1 = energy(dd1, dim);
        tau1 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau1 += 4.0 * U * Math.abs(e1);
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
      DoubleVector da0 = z, dz0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        DoubleVector q1 = DoubleVector.fromArray(S, q, qOff + i + L);
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector k1 = DoubleVector.fromArray(S, keys, ko0 + i + L);
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
      }
      if (i < db) {
        DoubleVector q0 = DoubleVector.fromArray(S, q, qOff + i);
        {
          DoubleVector k0 = DoubleVector.fromArray(S, keys, ko0 + i);
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd0 = squaredDistance(q, qOff, keys, ko0, d);
        e0 = energy(dd0, dim);
        tau0 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau0 += 4.0 * U * Math.abs(e0);
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
      DoubleVector da0 = z, dz0 = z;
      DoubleVector da1 = z, dz1 = z;
      DoubleVector da2 = z, dz2 = z;
      DoubleVector da3 = z, dz3 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da1 = h0.fma(h0, da1);
          dz1 = h1.fma(h1, dz1);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da2 = h0.fma(h0, da2);
          dz2 = h1.fma(h1, dz2);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da3 = h0.fma(h0, da3);
          dz3 = h1.fma(h1, dz3);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da1 = h0.fma(h0, da1);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko2 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da2 = h0.fma(h0, da2);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko3 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da3 = h0.fma(h0, da3);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      double dd1 = da1.add(dz1).reduceLanes(VectorOperators.ADD);
      double dd2 = da2.add(dz2).reduceLanes(VectorOperators.ADD);
      double dd3 = da3.add(dz3).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
        double k1i = keys[ko1 + i];
        double h1 = qi - k1i;
        dd1 = Math.fma(h1, h1, dd1);
        double k2i = keys[ko2 + i];
        double h2 = qi - k2i;
        dd2 = Math.fma(h2, h2, dd2);
        double k3i = keys[ko3 + i];
        double h3 = qi - k3i;
        dd3 = Math.fma(h3, h3, dd3);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      tau0 += 4.0 * U * Math.abs(e0);
      tauMax = Math.max(tauMax, tau0);
      double ddB1 = U * (chain + L + 1) * dd1 + d * Double.MIN_VALUE;
      double e1 = energy(dd1, dim);
      double tau1 = Math.abs(ddd(dd1, dim)) * ddB1;
      tau1 += 4.0 * U * Math.abs(e1);
      tauMax = Math.max(tauMax, tau1);
      double ddB2 = U * (chain + L + 1) * dd2 + d * Double.MIN_VALUE;
      double e2 = energy(dd2, dim);
      double tau2 = Math.abs(ddd(dd2, dim)) * ddB2;
      tau2 += 4.0 * U * Math.abs(e2);
      tauMax = Math.max(tauMax, tau2);
      double ddB3 = U * (chain + L + 1) * dd3 + d * Double.MIN_VALUE;
      double e3 = energy(dd3, dim);
      double tau3 = Math.abs(ddd(dd3, dim)) * ddB3;
      tau3 += 4.0 * U * Math.abs(e3);
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
      DoubleVector da0 = z, dz0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      tau0 += 4.0 * U * Math.abs(e0);
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
      DoubleVector da0 = z, dz0 = z;
      DoubleVector da1 = z, dz1 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da1 = h0.fma(h0, da1);
          dz1 = h1.fma(h1, dz1);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko1 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da1 = h0.fma(h0, da1);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      double dd1 = da1.add(dz1).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
        double k1i = keys[ko1 + i];
        double h1 = qi - k1i;
        dd1 = Math.fma(h1, h1, dd1);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd0 = squaredDistance(q, qOff, keys, ko0, d);
        e0 = energy(dd0, dim);
        tau0 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau0 += 4.0 * U * Math.abs(e0);
      double ddB1 = U * (chain + L + 1) * dd1 + d * Double.MIN_VALUE;
      double e1 = energy(dd1, dim);
      double tau1 = Math.abs(ddd(dd1, dim)) * ddB1;
      if (!(tau1 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd1 = squaredDistance(q, qOff, keys, ko1, d);
        e1 = energy(dd1, dim);
        tau1 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau1 += 4.0 * U * Math.abs(e1);
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
      DoubleVector da0 = z, dz0 = z;
      int i = 0;
      for (; i < d2; i += 2 * L) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        DoubleVector q1 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i + L).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector k1 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i + L).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          DoubleVector h1 = q1.sub(k1);
          da0 = h0.fma(h0, da0);
          dz0 = h1.fma(h1, dz0);
        }
      }
      if (i < db) {
        DoubleVector q0 = ((DoubleVector) FloatVector.fromArray(F, q, qOff + i).convertShape(VectorOperators.F2D, S, 0));
        {
          DoubleVector k0 = ((DoubleVector) FloatVector.fromArray(F, keys, ko0 + i).convertShape(VectorOperators.F2D, S, 0));
          DoubleVector h0 = q0.sub(k0);
          da0 = h0.fma(h0, da0);
        }
        i += L;
      }
      double dd0 = da0.add(dz0).reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        double qi = q[qOff + i];
        double k0i = keys[ko0 + i];
        double h0 = qi - k0i;
        dd0 = Math.fma(h0, h0, dd0);
      }
      double ddB0 = U * (chain + L + 1) * dd0 + d * Double.MIN_VALUE;
      double e0 = energy(dd0, dim);
      double tau0 = Math.abs(ddd(dd0, dim)) * ddB0;
      if (!(tau0 <= 0x1p-46)) {
        // the fast sums may cost the contract here: the compensated sums of the plain code
        dd0 = squaredDistance(q, qOff, keys, ko0, d);
        e0 = energy(dd0, dim);
        tau0 = 0.0;
      }
      // the energy's own rounding (a log R is rounded to a unit of |a log R|)
      tau0 += 4.0 * U * Math.abs(e0);
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
    return 1; // partials that vary with the Gram entries: the plain code's divided differences
  }
}
