package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@code LogSoftmax}: 0 when the group is done, 1 when it is left to the plain-Java code.
 * Each pass is a method of its own (C2's inlining budget); energies are recomputed from the input (affine).
 */
final class LogSoftmaxSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private LogSoftmaxSimd() {}

  private static double energy(double z) {
    return -z;
  }

  private static double slope(double z) {
    return -1.0;
  }

  private static DoubleVector energyV(DoubleVector z) {
    return z.neg();
  }

  private static DoubleVector slopeV(DoubleVector z) {
    return DoubleVector.broadcast(S, -1.0);
  }

  static int value(double[] in, int zo, double[] out, int oo, int g) {
    int bound = S.loopBound(g);
    if (bound == 0) return 1;
    double m = minimum(in, zo, out, oo, g, bound);
    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;
    double t = othersWeight(m, in, zo, out, oo, g, bound);
    if (t != t) return 1;
    logOutputs(m, Math.log1p(t), in, zo, out, oo, g, bound);
    return 0;
  }

  static int backward(double[] in, int zo, double[] up, int uo, double[] grad, int go, int g) {
    int bound = S.loopBound(g);
    if (bound == 0) return 1;
    double m = minimum(in, zo, grad, go, g, bound);
    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;
    double s = weights(m, in, zo, grad, go, g, bound);
    if (s != s) return 1;
    logGradients(total(up, uo, g, bound) / s, in, zo, up, uo, grad, go, g, bound);
    return 0;
  }

  /** The minimum energy (NaN when an energy is NaN: lane-wise MIN is Math.min's). */
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
      m0 = m0.min(energyV(DoubleVector.fromArray(S, in, zo + i)));
      m1 = m1.min(energyV(DoubleVector.fromArray(S, in, zo + i + step)));
      m2 = m2.min(energyV(DoubleVector.fromArray(S, in, zo + i + 2 * step)));
      m3 = m3.min(energyV(DoubleVector.fromArray(S, in, zo + i + 3 * step)));
    }
    for (; i < bound; i += step) m0 = m0.min(energyV(DoubleVector.fromArray(S, in, zo + i)));
    double m = m0.min(m1).min(m2.min(m3)).reduceLanes(VectorOperators.MIN);
    for (i = bound; i < g; i++) {
      double e = energy(in[zo + i]);
      m = Math.min(m, e);
    }
    return m;
  }

  /** w_j = exp(m - e_j) into dst; their sum (NaN when an energy is NaN). */
  private static double weights(double m, double[] in, int zo, double[] dst, int d0, int g, int bound) {
    DoubleVector mb = DoubleVector.broadcast(S, m);
    DoubleVector sv = DoubleVector.zero(S);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector w = mb.sub(energyV(DoubleVector.fromArray(S, in, zo + i))).lanewise(VectorOperators.EXP);
      w.intoArray(dst, d0 + i);
      sv = sv.add(w);
    }
    double s = sv.reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < g; i++) {
      double w = Math.exp(m - energy(in[zo + i]));
      dst[d0 + i] = w;
      s += w;
    }
    return s;
  }

  /**
   * s - 1, summed without cancellation: the weights of the units above the minimum, plus
   * the number of units at it, less one (so that log s = log1p of it when one unit takes
   * nearly everything).
   */
  private static double othersWeight(double m, double[] in, int zo, double[] dst, int d0, int g, int bound) {
    DoubleVector mb = DoubleVector.broadcast(S, m);
    DoubleVector tv = DoubleVector.zero(S);
    int c = 0;
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector e = energyV(DoubleVector.fromArray(S, in, zo + i));
      VectorMask<Double> eq = e.compare(VectorOperators.EQ, mb);
      c += eq.trueCount();
      tv = tv.add(mb.sub(e).lanewise(VectorOperators.EXP).blend(0.0, eq));
    }
    double t = tv.reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < g; i++) {
      double e = energy(in[zo + i]);
      if (e == m) c++; else t += Math.exp(m - e);
    }
    return t + (c - 1);
  }

  /** log r_j = (m - e_j) - log s. */
  private static void logOutputs(double m, double logS, double[] in, int zo, double[] out, int oo, int g, int bound) {
    double[] dst = out;
    int d0 = oo;
    DoubleVector mb = DoubleVector.broadcast(S, m);
    DoubleVector lb = DoubleVector.broadcast(S, logS);
    for (int i = 0; i < bound; i += S.length()) {
      mb.sub(energyV(DoubleVector.fromArray(S, in, zo + i))).sub(lb).intoArray(out, oo + i);
    }
    for (int i = bound; i < g; i++) {
      out[oo + i] = (m - energy(in[zo + i])) - logS;
    }
  }

  /** The sum of the upstream values. */
  private static double total(double[] up, int uo, int g, int bound) {
    DoubleVector u = DoubleVector.zero(S);
    for (int i = 0; i < bound; i += S.length()) u = u.add(DoubleVector.fromArray(S, up, uo + i));
    double acc = u.reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < g; i++) acc += up[uo + i];
    return acc;
  }

  /** grad_j = -e'(z_j) (u_j - r_j U), with r_j = w_j / s from grad and a = U / s. */
  private static void logGradients(double a, double[] in, int zo, double[] up, int uo, double[] grad, int go, int g, int bound) {
    DoubleVector av = DoubleVector.broadcast(S, a);
    for (int i = 0; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, zo + i);
      DoubleVector w = DoubleVector.fromArray(S, grad, go + i);
      slopeV(z).neg().mul(DoubleVector.fromArray(S, up, uo + i).sub(w.mul(av))).intoArray(grad, go + i);
    }
    for (int i = bound; i < g; i++) {
      grad[go + i] = -slope(in[zo + i]) * (up[uo + i] - grad[go + i] * a);
    }
  }

  static int valueFloat(float[] in, int zo, float[] out, int oo, int g) {
    int bound = F.loopBound(g);
    if (bound == 0) return 1;
    float qw = largest(in, zo, g, bound);
    if (!(qw > Float.NEGATIVE_INFINITY && qw < Float.POSITIVE_INFINITY)) return 1;
    double t = othersWeight(qw, in, zo, out, oo, g, bound);
    if (t != t) return 1;
    logOutputs(qw, Math.log1p(t), in, zo, out, oo, g, bound);
    return 0;
  }

  /** The largest q_j (NaN when an input is NaN: lane-wise MAX is Math.max's). */
  private static float largest(float[] in, int zo, int g, int bound) {
    int step = F.length();
    int bound4 = bound - bound % (4 * step);
    FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    FloatVector m1 = m0;
    FloatVector m2 = m0;
    FloatVector m3 = m0;
    int i = 0;
    for (; i < bound4; i += 4 * step) {
      m0 = m0.max(FloatVector.fromArray(F, in, zo + i));
      m1 = m1.max(FloatVector.fromArray(F, in, zo + i + step));
      m2 = m2.max(FloatVector.fromArray(F, in, zo + i + 2 * step));
      m3 = m3.max(FloatVector.fromArray(F, in, zo + i + 3 * step));
    }
    for (; i < bound; i += step) m0 = m0.max(FloatVector.fromArray(F, in, zo + i));
    float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    for (i = bound; i < g; i++) m = Math.max(m, in[zo + i]);
    return m;
  }

  /**
   * exp(x) for x in [-110, 0], within 0.92 ulp: k = round(x / ln 2), r = x - k ln 2 (ln 2 in
   * two parts, the first with 16 bits so that k times it is exact), the Taylor polynomial of
   * degree 7 (its remainder below 2^-27 on |r| <= ln(2)/2), and 2^k as 2^(k + 64) 2^-64 so
   * that subnormal results are rounded once.
   */
  private static FloatVector floatExp(FloatVector x) {
    FloatVector t = x.lanewise(VectorOperators.FMA, 1.44269504f, 0x1.8p23f);
    FloatVector k = t.sub(0x1.8p23f);
    FloatVector r = k.lanewise(VectorOperators.FMA, -0x1.62e4p-1f, x);
    r = k.lanewise(VectorOperators.FMA, -0x1.7f7d1cp-20f, r);
    FloatVector p = FloatVector.broadcast(F, 1f / 5040);
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f / 720));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f / 120));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f / 24));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f / 6));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 0.5f));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f));
    p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(F, 1f));
    // t = 1.5 * 2^23 + k: its low bits are k; (k + 127 + 64) << 23 is 2^(k + 64)
    IntVector bits = t.reinterpretAsInts().add(127 + 64).lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats()).mul(0x1p-64f);
  }

  /** s - 1 (see the double kernel), in double; the weights are float, Kahan-summed. */
  private static double othersWeight(float qw, float[] in, int zo, float[] out, int oo, int g, int bound) {
    FloatVector nq = FloatVector.broadcast(F, -qw);
    FloatVector sv = FloatVector.zero(F);
    FloatVector cv = FloatVector.zero(F);
    int c = 0;
    for (int i = 0; i < bound; i += F.length()) {
      FloatVector a = FloatVector.fromArray(F, in, zo + i);
      FloatVector hi = a.add(nq);
      FloatVector bb = hi.sub(a);
      FloatVector lo = a.sub(hi.sub(bb)).add(nq.sub(bb));
      VectorMask<Float> eq = hi.compare(VectorOperators.EQ, 0f);
      c += eq.trueCount();
      VectorMask<Float> far = hi.compare(VectorOperators.LT, -103.5f);
      FloatVector w = floatExp(hi.blend(-110f, far));
      w = w.lanewise(VectorOperators.FMA, lo.blend(0f, far), w).blend(0f, eq);
      FloatVector y = w.sub(cv);
      FloatVector t = sv.add(y);
      cv = t.sub(sv).sub(y);
      sv = t;
    }
    FloatVector kept = FloatVector.fromArray(F, out, oo);
    sv.intoArray(out, oo);
    double t = 0;
    for (int l = 0; l < F.length(); l++) t += out[oo + l];
    cv.intoArray(out, oo);
    for (int l = 0; l < F.length(); l++) t -= out[oo + l];
    kept.intoArray(out, oo);
    for (int i = bound; i < g; i++) {
      double x = ((double) in[zo + i] - qw);
      if (x == 0.0) c++; else t += Math.exp(x);
    }
    return t + (c - 1);
  }

  /** log r_j = (hi - log s) + lo. */
  private static void logOutputs(float qw, double logS, float[] in, int zo, float[] out, int oo, int g, int bound) {
    FloatVector nq = FloatVector.broadcast(F, -qw);
    FloatVector lb = FloatVector.broadcast(F, (float) logS);
    for (int i = 0; i < bound; i += F.length()) {
      FloatVector a = FloatVector.fromArray(F, in, zo + i);
      FloatVector hi = a.add(nq);
      FloatVector bb = hi.sub(a);
      FloatVector lo = a.sub(hi.sub(bb)).add(nq.sub(bb));
      // lo is NaN where hi is -Infinity (a difference that overflows): the output is -Infinity
      hi.sub(lb).add(lo.blend(0f, lo.compare(VectorOperators.NE, lo))).intoArray(out, oo + i);
    }
    for (int i = bound; i < g; i++) {
      out[oo + i] = (float) (((double) in[zo + i] - qw) - logS);
    }
  }

}
