package dev.activations.deriver.emit;

import dev.activations.deriver.emit.VectorExprPrinter.Lanes;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.spec.LayerStatistic;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SIMD companion of a layer class (responsibilities and log-responsibilities): one kernel per
 * group for {@code value} and for {@code backward} over {@code double[]}, and for affine unit
 * energies ({@link #hasFloatKernel}) a {@code value} kernel over {@code float[]} that computes in
 * float. Compiled and embedded exactly like a scalar activation's companion ({@link
 * SimdEmitter#compileSource}, {@link SimdLoader}).
 *
 * <p>A kernel returns 0 when it has done the group and 1 when the group is left to the plain-Java
 * code: groups shorter than a vector, and groups with a NaN or an infinite minimum energy (whose
 * limits the plain code handles; it rewrites every output of the group). The vector code takes
 * the minimum energy in a pass of its own, then {@code exp(m - e_j)} once per unit: on a CPU the
 * exponential is the cost, and the online normaliser's rescaled sum (the plain-Java path) needs a
 * second one per unit. Both are stable for the same reason: every exponent is {@code <= 0}.
 *
 * <p>Each pass is a small method of its own. C2 inlines the Vector API's methods into the method
 * that uses them; one method holding every pass, unrolled, exceeds its inlining budget (measured
 * 1.4 to 3 times slower), and a vector passed to a method C2 does not inline is boxed. The minimum runs four
 * independent accumulators (lane-wise {@code MIN} keeps {@code Math.min}'s NaN and signed-zero
 * rules, a chain of several instructions: with one accumulator the pass took as long as the
 * exponentials). Affine energies (a constant slope) are recomputed from the input in every pass
 * instead of stored: that is cheaper than a store and a load.
 *
 * <p>The exponential is the lane-wise {@code EXP} (Intel's short vector math library on x86 in
 * JDK 17): measured faster than a degree-13 polynomial with FMA range reduction (1.35 against 2.3
 * microseconds for 4096 doubles on AVX2; 2.2 against 2.5 to 3.2 on AVX-512) and within 1 ulp of
 * {@code StrictMath.exp} on 8 million arguments in [-700, 0]. The backward kernel of the
 * responsibilities writes the polynomial out instead ({@code exp}): its exponentials' pass also
 * sums the upstream against the weights, and around the {@code EXP} call every live vector is
 * saved, so that fused pass was slower than two passes with {@code EXP} and is faster with the
 * polynomial (the backward went from 1.33 to 1.03 times the forward's CPU time, same JVM, 4096
 * doubles). For {@code float} a degree-7 polynomial ({@link #floatExp}) is faster
 * than the lane-wise {@code EXP} (1.15 against 1.8 microseconds for the pass over 4096 floats) and
 * within 0.92 ulp.
 */
final class LayerSimdEmitter {
  private static final Set<String> LOCALS = Set.of("in", "zo", "out", "oo", "g", "i", "bound", "z", "e", "m", "s",
      "mb", "ib", "w", "t", "c", "eq", "up", "uo", "grad", "go", "win", "uw", "acc", "av", "ub", "ab", "r", "S", "F",
      "d", "energy", "slope", "energyV", "slopeV", "dst", "d0", "step", "m0", "m1", "m2", "m3", "tv", "sv", "cv", "u",
      "lb", "logS", "inv", "q", "qw", "nq", "hi", "lo", "bb", "far", "p", "k", "y", "x");

  private LayerSimdEmitter() {}

  /** Whether a companion is emitted: the statistic has kernels and the energy prints as vector code. */
  static boolean supports(LayerStatistic stat, Expr energy, Expr slope) {
    if (stat != LayerStatistic.RESPONSIBILITIES && stat != LayerStatistic.LOG_RESPONSIBILITIES) return false;
    for (Fn fn : Exprs.functionsUsed(List.of(energy, slope))) {
      if (KnownFunctions.of(fn).helper().isPresent()) return false;
    }
    return true;
  }

  /**
   * Whether the companion has a {@code float[]} value kernel: the energy is affine, {@code c z + b}
   * with {@code c} a power of two between 2^-20 and 2^20, so that the gap {@code m - e_j = c (z_w
   * - z_j)} of float inputs is the exact sum of two floats (Knuth's two-sum) scaled exactly. An
   * exponent rounded to float would be off by up to 88 * 2^-24, 5e-6 relative in {@code exp}, over
   * the float contract; the kernel carries the rounding error {@code lo} of the gap and takes
   * {@code exp(hi) (1 + lo)}.
   */
  static boolean hasFloatKernel(LayerStatistic stat, Expr slope) {
    if (!(slope instanceof Expr.Const k)) return false;
    double c = Math.abs(k.value());
    return c >= 0x1p-20 && c <= 0x1p20 && c == Math.scalb(1.0, Math.getExponent(c));
  }

  /** The companion source. */
  static String source(LayerStatistic stat, Expr energy, Expr slope, String packageName, String className) {
    boolean log = stat == LayerStatistic.LOG_RESPONSIBILITIES;
    boolean affine = slope instanceof Expr.Const;
    boolean floats = hasFloatKernel(stat, slope);
    String name = SimdEmitter.companionName(className);
    StringBuilder sb = new StringBuilder();
    if (!packageName.isEmpty()) sb.append("package ").append(packageName).append(";\n\n");
    sb.append("import jdk.incubator.vector.DoubleVector;\n");
    if (floats) sb.append("import jdk.incubator.vector.FloatVector;\nimport jdk.incubator.vector.IntVector;\n");
    if (!log) sb.append("import jdk.incubator.vector.LongVector;\n");
    sb.append("import jdk.incubator.vector.VectorMask;\n")
        .append("import jdk.incubator.vector.VectorOperators;\n")
        .append("import jdk.incubator.vector.VectorSpecies;\n\n")
        .append("/**\n * SIMD kernels of {@code ").append(className)
        .append("}: 0 when the group is done, 1 when it is left to the plain-Java code.\n")
        .append(" * Each pass is a method of its own (C2's inlining budget); energies are ")
        .append(affine ? "recomputed from the input (affine)" : "stored in the output array by the first pass")
        .append(".\n */\n")
        .append("final class ").append(name).append(" {\n")
        .append("  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n");
    if (floats) sb.append("  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;\n");
    if (!log) {
      // a vector built once: built in the method, it was allocated on every call
      sb.append("  /** The lane indices 0, 1, 2, ... */\n")
          .append("  private static final DoubleVector LANES = DoubleVector.zero(S).addIndex(1);\n");
    }
    sb.append("\n  private ").append(name).append("() {}\n\n");
    scalar(sb, "energy", energy);
    scalar(sb, "slope", slope);
    vector(sb, "energyV", energy);
    vector(sb, "slopeV", slope);
    String eV = affine ? "energyV(DoubleVector.fromArray(S, in, zo + $I))" : "DoubleVector.fromArray(S, dst, d0 + $I)";
    String eS = affine ? "energy(in[zo + $I])" : "dst[d0 + $I]";

    // value
    sb.append("  static int value(double[] in, int zo, double[] out, int oo, int g) {\n")
        .append("    int bound = S.loopBound(g);\n")
        .append("    if (bound == 0) return 1;\n")
        .append("    double m = minimum(in, zo, out, oo, g, bound);\n")
        .append("    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;\n");
    if (log) {
      sb.append("    double t = othersWeight(m, in, zo, out, oo, g, bound);\n")
          .append("    if (t != t) return 1;\n")
          .append("    logOutputs(m, Math.log1p(t), in, zo, out, oo, g, bound);\n");
    } else {
      sb.append("    double s = weights(m, in, zo, out, oo, g, bound);\n")
          .append("    if (s != s) return 1;\n")
          .append("    scale(1.0 / s, out, oo, g, bound);\n");
    }
    sb.append("    return 0;\n  }\n\n");

    // backward
    sb.append("  static int backward(double[] in, int zo, double[] up, int uo, double[] grad, int go, int g) {\n")
        .append("    int bound = S.loopBound(g);\n")
        .append("    if (bound == 0) return 1;\n");
    if (log) {
      sb.append("    double m = minimum(in, zo, grad, go, g, bound);\n");
    } else {
      sb.append("    int win = winner(in, zo, grad, go, g, bound);\n")
          .append("    if (win < 0) return 1;\n")
          .append("    double m = ").append(affine ? "energy(in[zo + win])" : "grad[go + win]").append(";\n");
    }
    sb.append("    if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) return 1;\n");
    if (log) {
      sb.append("    double s = weights(m, in, zo, grad, go, g, bound);\n")
          .append("    if (s != s) return 1;\n")
          .append("    logGradients(total(up, uo, g, bound) / s, in, zo, up, uo, grad, go, g, bound);\n");
    } else {
      sb.append("    double s = weightsRelative(win, m, in, zo, up, uo, grad, go, g, bound);\n")
          .append("    if (s != s) return 1;\n")
          .append("    double inv = 1.0 / s;\n")
          .append("    // the winner's slot carries a back (its weight is 1)\n")
          .append("    gradients(win, grad[go + win] * inv, inv, in, zo, up, uo, grad, go, g, bound);\n");
    }
    sb.append("    return 0;\n  }\n\n");

    // the passes
    sb.append("""
          /** The minimum energy (NaN when an energy is NaN: lane-wise MIN is Math.min's)$STORED. */
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
              m0 = m0.min($E0);
              m1 = m1.min($E1);
              m2 = m2.min($E2);
              m3 = m3.min($E3);
            }
            for (; i < bound; i += step) m0 = m0.min($E0);
            double m = m0.min(m1).min(m2.min(m3)).reduceLanes(VectorOperators.MIN);
            for (i = bound; i < g; i++) {
              double e = energy(in[zo + i]);
              $STORE_SCALARm = Math.min(m, e);
            }
            return m;
          }

        """
        .replace("$STORED", affine ? "" : "; the energies are stored in dst")
        .replace("$E0", minimumEnergy(affine, "i"))
        .replace("$E1", minimumEnergy(affine, "i + step"))
        .replace("$E2", minimumEnergy(affine, "i + 2 * step"))
        .replace("$E3", minimumEnergy(affine, "i + 3 * step"))
        .replace("$STORE_SCALAR", affine ? "" : "dst[d0 + i] = e;\n      "));
    if (!affine) {
      sb.append("""
            private static DoubleVector stored(DoubleVector e, double[] dst, int at) {
              e.intoArray(dst, at);
              return e;
            }

          """);
    }
    sb.append("""
          /** w_j = exp(m - e_j) into dst; their sum (NaN when an energy is NaN). */
          private static double weights(double m, double[] in, int zo, double[] dst, int d0, int g, int bound) {
            DoubleVector mb = DoubleVector.broadcast(S, m);
            DoubleVector sv = DoubleVector.zero(S);
            for (int i = 0; i < bound; i += S.length()) {
              DoubleVector w = mb.sub($EV).lanewise(VectorOperators.EXP);
              w.intoArray(dst, d0 + i);
              sv = sv.add(w);
            }
            double s = sv.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < g; i++) {
              double w = Math.exp(m - $ES);
              dst[d0 + i] = w;
              s += w;
            }
            return s;
          }

        """.replace("$EV", eV.replace("$I", "i")).replace("$ES", eS.replace("$I", "i")));
    if (log) {
      sb.append("""
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
                DoubleVector e = $EV;
                VectorMask<Double> eq = e.compare(VectorOperators.EQ, mb);
                c += eq.trueCount();
                tv = tv.add(mb.sub(e).lanewise(VectorOperators.EXP).blend(0.0, eq));
              }
              double t = tv.reduceLanes(VectorOperators.ADD);
              for (int i = bound; i < g; i++) {
                double e = $ES;
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
                mb.sub($EV).sub(lb).intoArray(out, oo + i);
              }
              for (int i = bound; i < g; i++) {
                out[oo + i] = (m - $ES) - logS;
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

          """.replace("$EV", eV.replace("$I", "i")).replace("$ES", eS.replace("$I", "i")));
    } else {
      sb.append("""
            /** r_j = w_j / s, as w_j times 1 / s. */
            private static void scale(double inv, double[] out, int oo, int g, int bound) {
              DoubleVector ib = DoubleVector.broadcast(S, inv);
              for (int i = 0; i < bound; i += S.length()) {
                DoubleVector.fromArray(S, out, oo + i).mul(ib).intoArray(out, oo + i);
              }
              for (int i = bound; i < g; i++) out[oo + i] *= inv;
            }

            /**
             * The first unit at the lowest energy (-1 when every energy is NaN or +Infinity)$STORED:
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
                DoubleVector e0 = $E0;
                VectorMask<Double> l0 = e0.compare(VectorOperators.LT, m0);
                m0 = m0.blend(e0, l0);
                i0 = i0.blend(LANES.add(i), l0);
                DoubleVector e1 = $E1;
                VectorMask<Double> l1 = e1.compare(VectorOperators.LT, m1);
                m1 = m1.blend(e1, l1);
                i1 = i1.blend(LANES.add(i + step), l1);
                DoubleVector e2 = $E2;
                VectorMask<Double> l2 = e2.compare(VectorOperators.LT, m2);
                m2 = m2.blend(e2, l2);
                i2 = i2.blend(LANES.add(i + 2 * step), l2);
                DoubleVector e3 = $E3;
                VectorMask<Double> l3 = e3.compare(VectorOperators.LT, m3);
                m3 = m3.blend(e3, l3);
                i3 = i3.blend(LANES.add(i + 3 * step), l3);
              }
              for (; i < bound; i += step) {
                DoubleVector e0 = $E0;
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
                $STORE_SCALARif (e < m) {
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
                DoubleVector w = exp(mb.sub($EV));
                w.intoArray(grad, go + i);
                sv = sv.add(w);
                av = w.lanewise(VectorOperators.FMA, ub.sub(DoubleVector.fromArray(S, up, uo + i)), av);
              }
              double s = sv.reduceLanes(VectorOperators.ADD);
              double a = av.reduceLanes(VectorOperators.ADD);
              for (int i = bound; i < g; i++) {
                double w = Math.exp(m - $ES);
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

          """.replace("$EV", eV.replace("$I", "i")).replace("$ES", eS.replace("$I", "i"))
          .replace("$STORED", affine ? "" : "; the energies are stored in dst")
          .replace("$E0", minimumEnergy(affine, "i"))
          .replace("$E1", minimumEnergy(affine, "i + step"))
          .replace("$E2", minimumEnergy(affine, "i + 2 * step"))
          .replace("$E3", minimumEnergy(affine, "i + 3 * step"))
          .replace("$STORE_SCALAR", affine ? "" : "dst[d0 + i] = e;\n      "));
    }
    if (floats) floatKernel(sb, log, ((Expr.Const) slope).value());
    sb.append("}\n");
    return sb.toString();
  }

  /** The energy of the vector at {@code at} in the minimum pass: computed, and stored unless affine. */
  private static String minimumEnergy(boolean affine, String at) {
    String e = "energyV(DoubleVector.fromArray(S, in, zo + " + at + "))";
    return affine ? e : "stored(" + e + ", dst, d0 + " + at + ")";
  }

  /**
   * The {@code float[]} value kernel of an affine energy {@code c z + b}. With {@code q = -sign(c) z}
   * the winner has the largest {@code q}, and {@code m - e_j = |c| (q_j - q_w) <= 0}; that
   * difference is taken exactly as {@code hi + lo} (two-sum), scaled by the power of two {@code |c|}.
   * Responsibilities: {@code w_j = exp(hi) (1 + lo)}, summed in float with Kahan's compensation and
   * the lanes added in double (the float contract: 2^-20 relative), then {@code w_j (1 / s)}.
   * Log-responsibilities: {@code (hi - log s) + lo}, no cancellation (both terms are {@code <= 0}).
   */
  private static void floatKernel(StringBuilder sb, boolean log, double c) {
    double scale = Math.abs(c);
    String q = c < 0 ? "FloatVector.fromArray(F, in, zo + i)" : "FloatVector.fromArray(F, in, zo + i).neg()";
    String qs = c < 0 ? "in[zo + i]" : "-in[zo + i]";
    String times = scale == 1.0 ? "" : ".mul(" + floatLiteral(scale) + ")";
    String timesScalar = scale == 1.0 ? "" : " * " + scale;
    sb.append("""
          static int valueFloat(float[] in, int zo, float[] out, int oo, int g) {
            int bound = F.loopBound(g);
            if (bound == 0) return 1;
            float qw = largest(in, zo, g, bound);
            if (!(qw > Float.NEGATIVE_INFINITY && qw < Float.POSITIVE_INFINITY)) return 1;
        $BODY    return 0;
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
              m0 = m0.max($Q0);
              m1 = m1.max($Q1);
              m2 = m2.max($Q2);
              m3 = m3.max($Q3);
            }
            for (; i < bound; i += step) m0 = m0.max($Q0);
            float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
            for (i = bound; i < g; i++) m = Math.max(m, $QS);
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

        """
        .replace("$BODY", log
            ? "    double t = othersWeight(qw, in, zo, out, oo, g, bound);\n"
                + "    if (t != t) return 1;\n"
                + "    logOutputs(qw, Math.log1p(t), in, zo, out, oo, g, bound);\n"
            : "    double s = weights(qw, in, zo, out, oo, g, bound);\n"
                + "    if (s != s) return 1;\n"
                + "    scale((float) (1.0 / s), out, oo, g, bound);\n")
        .replace("$Q0", q.replace("zo + i", "zo + i"))
        .replace("$Q1", q.replace("zo + i", "zo + i + step"))
        .replace("$Q2", q.replace("zo + i", "zo + i + 2 * step"))
        .replace("$Q3", q.replace("zo + i", "zo + i + 3 * step"))
        .replace("$QS", qs));
    // the exact gap hi + lo of one vector, scaled
    String gap = """
              FloatVector a = $Q;
              FloatVector hi = a.add(nq);
              FloatVector bb = hi.sub(a);
              FloatVector lo = a.sub(hi.sub(bb)).add(nq.sub(bb))$TIMES;
        $SCALE""".replace("$Q", q).replace("$TIMES", times)
        .replace("$SCALE", times.isEmpty() ? "" : "      hi = hi" + times + ";\n");
    if (log) {
      sb.append("""
            /** s - 1 (see the double kernel), in double; the weights are float, Kahan-summed. */
            private static double othersWeight(float qw, float[] in, int zo, float[] out, int oo, int g, int bound) {
              FloatVector nq = FloatVector.broadcast(F, -qw);
              FloatVector sv = FloatVector.zero(F);
              FloatVector cv = FloatVector.zero(F);
              int c = 0;
              for (int i = 0; i < bound; i += F.length()) {
          $GAP      VectorMask<Float> eq = hi.compare(VectorOperators.EQ, 0f);
                c += eq.trueCount();
                VectorMask<Float> far = hi.compare(VectorOperators.LT, -103.5f);
                FloatVector w = floatExp(hi.blend(-110f, far));
                w = w.lanewise(VectorOperators.FMA, lo.blend(0f, far), w).blend(0f, eq);
                FloatVector y = w.sub(cv);
                FloatVector t = sv.add(y);
                cv = t.sub(sv).sub(y);
                sv = t;
              }
              $LANES_T
              for (int i = bound; i < g; i++) {
                double x = ((double) $QS - qw)$TS;
                if (x == 0.0) c++; else t += Math.exp(x);
              }
              return t + (c - 1);
            }

            /** log r_j = (hi - log s) + lo. */
            private static void logOutputs(float qw, double logS, float[] in, int zo, float[] out, int oo, int g, int bound) {
              FloatVector nq = FloatVector.broadcast(F, -qw);
              FloatVector lb = FloatVector.broadcast(F, (float) logS);
              for (int i = 0; i < bound; i += F.length()) {
          $GAP      // lo is NaN where hi is -Infinity (a difference that overflows): the output is -Infinity
                hi.sub(lb).add(lo.blend(0f, lo.compare(VectorOperators.NE, lo))).intoArray(out, oo + i);
              }
              for (int i = bound; i < g; i++) {
                out[oo + i] = (float) (((double) $QS - qw)$TS - logS);
              }
            }

          """.replace("$GAP", gap).replace("$QS", qs).replace("$TS", timesScalar).replace("    $LANES_T\n", lanes("t")));
    } else {
      sb.append("""
            /** w_j = exp(hi) (1 + lo) into out; their sum (Kahan in float, the lanes in double). */
            private static double weights(float qw, float[] in, int zo, float[] out, int oo, int g, int bound) {
              FloatVector nq = FloatVector.broadcast(F, -qw);
              FloatVector sv = FloatVector.zero(F);
              FloatVector cv = FloatVector.zero(F);
              for (int i = 0; i < bound; i += F.length()) {
          $GAP      // exp(-103.5) rounds to 0 in float; lo is NaN where hi is -Infinity
                VectorMask<Float> far = hi.compare(VectorOperators.LT, -103.5f);
                FloatVector w = floatExp(hi.blend(-110f, far));
                w = w.lanewise(VectorOperators.FMA, lo.blend(0f, far), w);
                w.intoArray(out, oo + i);
                FloatVector y = w.sub(cv);
                FloatVector t = sv.add(y);
                cv = t.sub(sv).sub(y);
                sv = t;
              }
              $LANES_S
              for (int i = bound; i < g; i++) {
                float w = (float) Math.exp(((double) $QS - qw)$TS);
                out[oo + i] = w;
                s += w;
              }
              return s;
            }

            /** r_j = w_j (1 / s). */
            private static void scale(float inv, float[] out, int oo, int g, int bound) {
              FloatVector ib = FloatVector.broadcast(F, inv);
              for (int i = 0; i < bound; i += F.length()) {
                FloatVector.fromArray(F, out, oo + i).mul(ib).intoArray(out, oo + i);
              }
              for (int i = bound; i < g; i++) out[oo + i] *= inv;
            }

          """.replace("$GAP", gap).replace("$QS", qs).replace("$TS", timesScalar).replace("    $LANES_S\n", lanes("s")));
    }
  }

  /**
   * {@code double sum = } the lanes of {@code sv - cv} (Kahan's sum and compensation) added in
   * double, through {@code out[oo ..]} (whose contents are put back). Written out where it is used:
   * in JDK 17 a float vector's lane extraction and its conversion to double allocate, a float
   * reduction would round each of its additions to float, and a vector passed to a method C2 does
   * not inline is boxed.
   */
  private static String lanes(String sum) {
    return """
        FloatVector kept = FloatVector.fromArray(F, out, oo);
        sv.intoArray(out, oo);
        double $SUM = 0;
        for (int l = 0; l < F.length(); l++) $SUM += out[oo + l];
        cv.intoArray(out, oo);
        for (int l = 0; l < F.length(); l++) $SUM -= out[oo + l];
        kept.intoArray(out, oo);
        """.replace("$SUM", sum).indent(4);
  }

  private static String floatLiteral(double v) {
    return Double.toHexString(v) + "f";
  }

  private static void scalar(StringBuilder sb, String name, Expr e) {
    JavaExprPrinter printer = new JavaExprPrinter();
    Cse.Result r = Cse.eliminate(List.of(e), LOCALS);
    sb.append("  private static double ").append(name).append("(double z) {\n");
    for (Cse.Binding b : r.bindings()) sb.append("    double ").append(b.name()).append(" = ").append(printer.print(b.expr())).append(";\n");
    sb.append("    return ").append(printer.print(r.roots().get(0))).append(";\n  }\n\n");
  }

  private static void vector(StringBuilder sb, String name, Expr e) {
    VectorExprPrinter printer = new VectorExprPrinter("S", Map.of(), Lanes.DOUBLE);
    Cse.Result r = Cse.eliminate(List.of(e), LOCALS);
    for (Cse.Binding b : r.bindings()) printer.bind(b.name(), b.expr());
    String root = printer.print(r.roots().get(0));
    sb.append("  private static DoubleVector ").append(name).append("(DoubleVector z) {\n");
    for (String s : printer.statements()) sb.append("    ").append(s).append(";\n");
    sb.append("    return ").append(root).append(";\n  }\n\n");
  }
}
