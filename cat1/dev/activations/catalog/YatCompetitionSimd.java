package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@code YatCompetition}: 0 when the group is done, 1 when it is left to the plain-Java code.
 * Each pass is a method of its own (C2's inlining budget); energies are stored in the output array by the first pass.
 */
final class YatCompetitionSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  /** The lane indices 0, 1, 2, ... */
  private static final DoubleVector LANES = DoubleVector.zero(S).addIndex(1);

  private YatCompetitionSimd() {}

  private static double energy(double z) {
    return Math.abs(z) <= 1.0 ? -z * z / ((z - 2.0) * z + 2.0) : -1.0 / ((2.0 / z - 2.0) / z + 1.0);
  }

  private static double slope(double z) {
    double t0 = z - 2.0;
    double t1 = 1.0 / z;
    return Math.abs(z) <= 1.0 ? t0 * (2.0 * z) / ((((z - 4.0) * z + 8.0) * z - 8.0) * z + 4.0) : t0 / z * 2.0 / ((((4.0 / z - 8.0) / z + 8.0) / z - 4.0) / z + 1.0) * (t1 * t1);
  }

  private static DoubleVector energyV(DoubleVector z) {
    return DoubleVector.broadcast(S, -1.0).div(DoubleVector.broadcast(S, 2.0).div(z).add(-2.0).div(z).add(1.0)).blend(z.neg().mul(z).div(z.add(-2.0).mul(z).add(2.0)), z.abs().compare(VectorOperators.LE, 1.0));
  }

  private static DoubleVector slopeV(DoubleVector z) {
    DoubleVector t0 = z.add(-2.0);
    DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
    return t0.div(z).mul(2.0).div(DoubleVector.broadcast(S, 4.0).div(z).add(-8.0).div(z).add(8.0).div(z).add(-4.0).div(z).add(1.0)).mul(t1.mul(t1)).blend(t0.mul(DoubleVector.broadcast(S, 2.0).mul(z)).div(z.add(-4.0).mul(z).add(8.0).mul(z).add(-8.0).mul(z).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
  }

  static int value(double[] in, int zo, double[] out, int oo, int g) {
    int bound = S.loopBound(g);
    if (bound == 0) return 1;
    double m = minimum(in, zo, out, oo, g, bound);
    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;
    double s = weights(m, in, zo, out, oo, g, bound);
    if (s != s) return 1;
    scale(1.0 / s, out, oo, g, bound);
    return 0;
  }

  static int backward(double[] in, int zo, double[] up, int uo, double[] grad, int go, int g) {
    int bound = S.loopBound(g);
    if (bound == 0) return 1;
    int win = winner(in, zo, grad, go, g, bound);
    if (win < 0) return 1;
    double m = grad[go + win];
    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;
    double s = weightsRelative(win, m, in, zo, up, uo, grad, go, g, bound);
    if (s != s) return 1;
    double inv = 1.0 / s;
    // the winner's slot carries a back (its weight is 1)
    gradients(win, grad[go + win] * inv, inv, in, zo, up, uo, grad, go, g, bound);
    return 0;
  }

  /** The minimum energy (NaN when an energy is NaN: lane-wise MIN is Math.min's); the energies are stored in dst. */
  private static double minimum(double[] in, int zo, double[] dst, int d0, int g, int bound) {
    int step = S.length();
    int bound4 = bound - bound % (4 * step);
    DoubleVector m0 = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector m1 = m0;
    DoubleVector m2 = m0;
    DoubleVector m3 = m0;
    int i = 0;
    // four independent minima: lane-wise MIN is a chain of several instructions
    for (; i < bound4; i += 4 * step) {
      m0 = m0.min(stored(energyV(DoubleVector.fromArray(S, in, zo + i)), dst, d0 + i));
      m1 = m1.min(stored(energyV(DoubleVector.fromArray(S, in, zo + i + step)), dst, d0 + i + step));
      m2 = m2.min(stored(energyV(DoubleVector.fromArray(S, in, zo + i + 2 * step)), dst, d0 + i + 2 * step));
      m3 = m3.min(stored(energyV(DoubleVector.fromArray(S, in, zo + i + 3 * step)), dst, d0 + i + 3 * step));
    }
    for (; i < bound; i += step) m0 = m0.min(stored(energyV(DoubleVector.fromArray(S, in, zo + i)), dst, d0 + i));
    double m = m0.min(m1).min(m2.min(m3)).reduceLanes(VectorOperators.MIN);
    for (i = bound; i < g; i++) {
      double e = energy(in[zo + i]);
      dst[d0 + i] = e;
      m = Math.min(m, e);
    }
    return m;
  }

  private static DoubleVector stored(DoubleVector e, double[] dst, int at) {
    e.intoArray(dst, at);
    return e;
  }

  /** w_j = exp(m - e_j) into dst; their sum (NaN when an energy is NaN). */
  private static double weights(double m, double[] in, int zo, double[] dst, int d0, int g, int bound) {
    DoubleVector mb = DoubleVector.broadcast(S, m);
    DoubleVector sv = DoubleVector.zero(S);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector w = mb.sub(DoubleVector.fromArray(S, dst, d0 + i)).lanewise(VectorOperators.EXP);
      w.intoArray(dst, d0 + i);
      sv = sv.add(w);
    }
    double s = sv.reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < g; i++) {
      double w = Math.exp(m - dst[d0 + i]);
      dst[d0 + i] = w;
      s += w;
    }
    return s;
  }

  /** r_j = w_j / s, as w_j times 1 / s. */
  private static void scale(double inv, double[] out, int oo, int g, int bound) {
    DoubleVector ib = DoubleVector.broadcast(S, inv);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector.fromArray(S, out, oo + i).mul(ib).intoArray(out, oo + i);
    }
    for (int i = bound; i < g; i++) out[oo + i] *= inv;
  }

  /**
   * The first unit at the lowest energy (-1 when every energy is NaN or +Infinity); the energies are stored in dst:
   * the minimum pass of the backward kernel, which also keeps, lane by lane, the index
   * where each lane's minimum was taken (compare and blend; a NaN is never taken, and the
   * exponential pass's sum catches it).
   */
  private static int winner(double[] in, int zo, double[] dst, int d0, int g, int bound) {
    int step = S.length();
    int bound4 = bound - bound % (4 * step);
    DoubleVector m0 = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector m1 = m0;
    DoubleVector m2 = m0;
    DoubleVector m3 = m0;
    DoubleVector i0 = DoubleVector.broadcast(S, -1.0);
    DoubleVector i1 = i0;
    DoubleVector i2 = i0;
    DoubleVector i3 = i0;
    int i = 0;
    // four independent chains: each compare waits for the blend before it
    for (; i < bound4; i += 4 * step) {
      DoubleVector e0 = stored(energyV(DoubleVector.fromArray(S, in, zo + i)), dst, d0 + i);
      VectorMask<Double> l0 = e0.compare(VectorOperators.LT, m0);
      m0 = m0.blend(e0, l0);
      i0 = i0.blend(LANES.add(i), l0);
      DoubleVector e1 = stored(energyV(DoubleVector.fromArray(S, in, zo + i + step)), dst, d0 + i + step);
      VectorMask<Double> l1 = e1.compare(VectorOperators.LT, m1);
      m1 = m1.blend(e1, l1);
      i1 = i1.blend(LANES.add(i + step), l1);
      DoubleVector e2 = stored(energyV(DoubleVector.fromArray(S, in, zo + i + 2 * step)), dst, d0 + i + 2 * step);
      VectorMask<Double> l2 = e2.compare(VectorOperators.LT, m2);
      m2 = m2.blend(e2, l2);
      i2 = i2.blend(LANES.add(i + 2 * step), l2);
      DoubleVector e3 = stored(energyV(DoubleVector.fromArray(S, in, zo + i + 3 * step)), dst, d0 + i + 3 * step);
      VectorMask<Double> l3 = e3.compare(VectorOperators.LT, m3);
      m3 = m3.blend(e3, l3);
      i3 = i3.blend(LANES.add(i + 3 * step), l3);
    }
    for (; i < bound; i += step) {
      DoubleVector e0 = stored(energyV(DoubleVector.fromArray(S, in, zo + i)), dst, d0 + i);
      VectorMask<Double> l0 = e0.compare(VectorOperators.LT, m0);
      m0 = m0.blend(e0, l0);
      i0 = i0.blend(LANES.add(i), l0);
    }
    // merge lane by lane: the lower energy, or the same energy at the lower index
    VectorMask<Double> take = m1.compare(VectorOperators.LT, m0)
        .or(m1.compare(VectorOperators.EQ, m0).and(i1.compare(VectorOperators.LT, i0)));
    m0 = m0.blend(m1, take);
    i0 = i0.blend(i1, take);
    take = m3.compare(VectorOperators.LT, m2)
        .or(m3.compare(VectorOperators.EQ, m2).and(i3.compare(VectorOperators.LT, i2)));
    m2 = m2.blend(m3, take);
    i2 = i2.blend(i3, take);
    take = m2.compare(VectorOperators.LT, m0)
        .or(m2.compare(VectorOperators.EQ, m0).and(i2.compare(VectorOperators.LT, i0)));
    m0 = m0.blend(m2, take);
    i0 = i0.blend(i2, take);
    double m = m0.reduceLanes(VectorOperators.MIN);
    int win = (int) i0.blend(Double.POSITIVE_INFINITY, m0.compare(VectorOperators.NE, m)).reduceLanes(VectorOperators.MIN);
    for (i = bound; i < g; i++) {
      double e = energy(in[zo + i]);
      dst[d0 + i] = e;
      if (e < m) {
        m = e;
        win = i;
      }
    }
    return win;
  }

  /**
   * exp(x) for x <= 0 (NaN for NaN): k = round(x / ln 2) by the 1.5 * 2^52 shift, r = x - k ln 2
   * (ln 2 in two parts, by FMA), the Taylor polynomial of degree 12 (its remainder below
   * 1.7e-16 on |r| <= ln(2)/2), and 2^k as 2^(k + 512) 2^-512 so that a subnormal result is
   * rounded once; x = 0 gives exactly 1. Measured against StrictMath.exp on 8 million
   * arguments in [-746, 0]: within 3 ulp where the result is normal, 2 Double.MIN_VALUE where
   * it is subnormal (the contract's scale floor is Double.MIN_NORMAL).
   * The lane-wise EXP is a call around which every live vector is saved: alone in a pass it is
   * faster than this polynomial, in a pass that also sums the upstream it is slower.
   */
  private static DoubleVector exp(DoubleVector x) {
    // below -746 every result rounds to 0; the bound keeps k + 512 + 1023 > 0
    DoubleVector y = x.blend(-746.0, x.compare(VectorOperators.LT, -746.0));
    DoubleVector t = y.lanewise(VectorOperators.FMA, 0x1.71547652b82fep0, 0x1.8p52);
    DoubleVector k = t.sub(0x1.8p52);
    DoubleVector r = k.lanewise(VectorOperators.FMA, -0x1.62e42fefa39efp-1, y);
    r = k.lanewise(VectorOperators.FMA, -0x1.abc9e3b39803fp-56, r);
    DoubleVector p = DoubleVector.broadcast(S, 1.0 / 479001600);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 39916800);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 3628800);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 362880);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 40320);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 5040);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 720);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 120);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 24);
    p = p.lanewise(VectorOperators.FMA, r, 1.0 / 6);
    p = p.lanewise(VectorOperators.FMA, r, 0.5);
    p = p.lanewise(VectorOperators.FMA, r, 1.0);
    p = p.lanewise(VectorOperators.FMA, r, 1.0);
    // t = 1.5 * 2^52 + k: its low bits are k; (k + 1023 + 512) << 52 is 2^(k + 512)
    LongVector bits = t.reinterpretAsLongs().add(1023 + 512).lanewise(VectorOperators.LSHL, 52);
    return p.mul(bits.reinterpretAsDoubles()).mul(0x1p-512);
  }

  /**
   * w_j = exp(m - e_j) into grad, their sum returned, and a = sum_k w_k (u_win - u_k) into
   * the winner's slot grad[go + win] (whose weight is 1, known without it): the
   * exponentials' pass also takes the upstream's sum, since the exponential is written out
   * (measured, with the lane-wise EXP a pass of its own was faster: the EXP call saves
   * every live vector around it).
   */
  private static double weightsRelative(int win, double m, double[] in, int zo, double[] up, int uo,
      double[] grad, int go, int g, int bound) {
    // the energies of a non-affine layer are in grad (the winner pass stored them)
    double[] dst = grad;
    int d0 = go;
    double uw = up[uo + win];
    DoubleVector mb = DoubleVector.broadcast(S, m);
    DoubleVector ub = DoubleVector.broadcast(S, uw);
    DoubleVector sv = DoubleVector.zero(S);
    DoubleVector av = DoubleVector.zero(S);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector w = exp(mb.sub(DoubleVector.fromArray(S, dst, d0 + i)));
      w.intoArray(grad, go + i);
      sv = sv.add(w);
      av = w.lanewise(VectorOperators.FMA, ub.sub(DoubleVector.fromArray(S, up, uo + i)), av);
    }
    double s = sv.reduceLanes(VectorOperators.ADD);
    double a = av.reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < g; i++) {
      double w = Math.exp(m - dst[d0 + i]);
      grad[go + i] = w;
      s += w;
      a += w * (uw - up[uo + i]);
    }
    grad[go + win] = a;
    return s;
  }

  /**
   * grad_j = -e'(z_j) r_j ((u_j - u_win) + acc), r_j = w_j / s from grad, acc = a / s; the
   * winner's is -e'(z_win) acc / s (its weight is 1): acc is u_win - sum_i r_i u_i without
   * its cancellation. A unit without responsibility gets 0 (never 0 * Infinity).
   */
  private static void gradients(int win, double acc, double inv, double[] in, int zo, double[] up, int uo,
      double[] grad, int go, int g, int bound) {
    double uw = up[uo + win];
    DoubleVector ib = DoubleVector.broadcast(S, inv);
    DoubleVector ab = DoubleVector.broadcast(S, acc);
    DoubleVector ub = DoubleVector.broadcast(S, uw);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, zo + i);
      DoubleVector r = DoubleVector.fromArray(S, grad, go + i).mul(ib);
      DoubleVector d = DoubleVector.fromArray(S, up, uo + i).sub(ub).add(ab);
      slopeV(z).neg().mul(r).mul(d).blend(0.0, r.compare(VectorOperators.EQ, 0.0)).intoArray(grad, go + i);
    }
    for (int i = bound; i < g; i++) {
      double r = grad[go + i] * inv;
      grad[go + i] = r == 0.0 ? 0 : -slope(in[zo + i]) * r * ((up[uo + i] - uw) + acc);
    }
    grad[go + win] = -slope(in[zo + win]) * inv * acc;
  }

}
