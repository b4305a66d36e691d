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
 * The SIMD companion of a layer class (responsibilities and log-responsibilities, {@code double[]}):
 * one kernel per group for {@code value} and for {@code backward}, compiled and embedded exactly
 * like a scalar activation's companion ({@link SimdEmitter#compileSource}, {@link SimdLoader}).
 *
 * <p>A kernel returns 0 when it has done the group and 1 when the group is left to the plain-Java
 * code: groups shorter than a vector, and groups with a NaN or an energy of {@code -Infinity}
 * (whose limits the plain code handles). The vector code takes the minimum energy in a pass of its
 * own (energies stored in the output array), then {@code exp(m - e_j)} once per unit: on a CPU the
 * exponential is the cost, and the online normaliser's rescaled sum (the plain-Java path) needs a
 * second one per unit. Both are stable for the same reason: every exponent is {@code <= 0}.
 */
final class LayerSimdEmitter {
  private static final Set<String> LOCALS = Set.of("in", "zo", "out", "oo", "g", "i", "bound", "z", "e", "m", "s",
      "mv", "sv", "tv", "mb", "ib", "w", "t", "c", "eq", "up", "uo", "grad", "go", "win", "uw", "acc", "av", "su", "r", "S", "sb", "nan", "bad", "f", "uwv", "ab", "d", "energy", "slope", "energyV", "slopeV");

  private LayerSimdEmitter() {}

  /** Whether a companion is emitted: the statistic has kernels and the energy prints as vector code. */
  static boolean supports(LayerStatistic stat, Expr energy, Expr slope) {
    if (stat != LayerStatistic.RESPONSIBILITIES && stat != LayerStatistic.LOG_RESPONSIBILITIES) return false;
    for (Fn fn : Exprs.functionsUsed(List.of(energy, slope))) {
      if (KnownFunctions.of(fn).helper().isPresent()) return false;
    }
    return true;
  }

  /** The companion source. */
  static String source(LayerStatistic stat, Expr energy, Expr slope, String packageName, String className) {
    StringBuilder sb = new StringBuilder();
    if (!packageName.isEmpty()) sb.append("package ").append(packageName).append(";\n\n");
    sb.append("import jdk.incubator.vector.DoubleVector;\n")
        .append("import jdk.incubator.vector.VectorMask;\n")
        .append("import jdk.incubator.vector.VectorOperators;\n")
        .append("import jdk.incubator.vector.VectorSpecies;\n\n")
        .append("/** SIMD kernels of {@code ").append(className)
        .append("}: 0 when the group is done, 1 when it is left to the plain-Java code. */\n")
        .append("final class ").append(SimdEmitter.companionName(className)).append(" {\n")
        .append("  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n\n")
        .append("  private ").append(SimdEmitter.companionName(className)).append("() {}\n\n");
    scalar(sb, "energy", energy);
    scalar(sb, "slope", slope);
    vector(sb, "energyV", energy);
    vector(sb, "slopeV", slope);
    boolean log = stat == LayerStatistic.LOG_RESPONSIBILITIES;
    // value
    sb.append("  static int value(double[] in, int zo, double[] out, int oo, int g) {\n");
    minimum(sb, "out", "oo");
    if (log) {
      sb.append("    DoubleVector tv = DoubleVector.zero(S);\n    int c = 0;\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector e = DoubleVector.fromArray(S, out, oo + i);\n")
          .append("      VectorMask<Double> eq = e.compare(VectorOperators.EQ, mb);\n")
          .append("      c += eq.trueCount();\n")
          .append("      tv = tv.add(mb.sub(e).lanewise(VectorOperators.EXP).blend(0.0, eq));\n")
          .append("    }\n")
          .append("    double t = tv.reduceLanes(VectorOperators.ADD);\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double e = out[oo + i];\n")
          .append("      if (e == m) c++; else t += Math.exp(m - e);\n")
          .append("    }\n")
          .append("    double s = Math.log1p(t + (c - 1));\n")
          .append("    DoubleVector sb = DoubleVector.broadcast(S, s);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector e = DoubleVector.fromArray(S, out, oo + i);\n")
          .append("      mb.sub(e).blend(0.0, e.compare(VectorOperators.EQ, mb)).sub(sb).intoArray(out, oo + i);\n")
          .append("    }\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double e = out[oo + i];\n")
          .append("      out[oo + i] = (e == m ? 0.0 : m - e) - s;\n")
          .append("    }\n");
    } else {
      sb.append("    DoubleVector sv = DoubleVector.zero(S);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector w = mb.sub(DoubleVector.fromArray(S, out, oo + i)).lanewise(VectorOperators.EXP);\n")
          .append("      w.intoArray(out, oo + i);\n")
          .append("      sv = sv.add(w);\n")
          .append("    }\n")
          .append("    double s = sv.reduceLanes(VectorOperators.ADD);\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double w = Math.exp(m - out[oo + i]);\n")
          .append("      out[oo + i] = w;\n")
          .append("      s += w;\n")
          .append("    }\n")
          .append("    double inv = 1.0 / s;\n")
          .append("    DoubleVector ib = DoubleVector.broadcast(S, inv);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector.fromArray(S, out, oo + i).mul(ib).intoArray(out, oo + i);\n")
          .append("    }\n")
          .append("    for (int i = bound; i < g; i++) out[oo + i] *= inv;\n");
    }
    sb.append("    return 0;\n  }\n\n");
    // backward
    sb.append("  static int backward(double[] in, int zo, double[] up, int uo, double[] grad, int go, int g) {\n");
    minimum(sb, "grad", "go");
    if (log) {
      sb.append("    DoubleVector sv = DoubleVector.zero(S);\n    DoubleVector su = DoubleVector.zero(S);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector w = mb.sub(DoubleVector.fromArray(S, grad, go + i)).lanewise(VectorOperators.EXP);\n")
          .append("      w.intoArray(grad, go + i);\n")
          .append("      sv = sv.add(w);\n")
          .append("      su = su.add(DoubleVector.fromArray(S, up, uo + i));\n")
          .append("    }\n")
          .append("    double s = sv.reduceLanes(VectorOperators.ADD);\n")
          .append("    double acc = su.reduceLanes(VectorOperators.ADD);\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double w = Math.exp(m - grad[go + i]);\n")
          .append("      grad[go + i] = w;\n      s += w;\n      acc += up[uo + i];\n")
          .append("    }\n")
          .append("    DoubleVector av = DoubleVector.broadcast(S, acc / s);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector z = DoubleVector.fromArray(S, in, zo + i);\n")
          .append("      DoubleVector w = DoubleVector.fromArray(S, grad, go + i);\n")
          .append("      slopeV(z).neg().mul(DoubleVector.fromArray(S, up, uo + i).sub(w.mul(av))).intoArray(grad, go + i);\n")
          .append("    }\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      grad[go + i] = -slope(in[zo + i]) * (up[uo + i] - grad[go + i] * (acc / s));\n")
          .append("    }\n");
    } else {
      sb.append("    int win = -1;\n")
          .append("    for (int i = 0; i < bound && win < 0; i += S.length()) {\n")
          .append("      int f = DoubleVector.fromArray(S, grad, go + i).compare(VectorOperators.EQ, mb).firstTrue();\n")
          .append("      if (f < S.length()) win = i + f;\n")
          .append("    }\n")
          .append("    for (int i = bound; i < g && win < 0; i++) if (grad[go + i] == m) win = i;\n")
          .append("    double uw = up[uo + win];\n")
          .append("    DoubleVector uwv = DoubleVector.broadcast(S, uw);\n")
          .append("    DoubleVector sv = DoubleVector.zero(S);\n    DoubleVector av = DoubleVector.zero(S);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector w = mb.sub(DoubleVector.fromArray(S, grad, go + i)).lanewise(VectorOperators.EXP);\n")
          .append("      w.intoArray(grad, go + i);\n")
          .append("      sv = sv.add(w);\n")
          .append("      av = av.add(w.mul(uwv.sub(DoubleVector.fromArray(S, up, uo + i))));\n")
          .append("    }\n")
          .append("    double s = sv.reduceLanes(VectorOperators.ADD);\n")
          .append("    double acc = av.reduceLanes(VectorOperators.ADD);\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double w = Math.exp(m - grad[go + i]);\n")
          .append("      grad[go + i] = w;\n      s += w;\n      acc += w * (uw - up[uo + i]);\n")
          .append("    }\n")
          .append("    double inv = 1.0 / s;\n")
          .append("    acc *= inv;\n")
          .append("    // the winner's u_win - sum_i u_i r_i is acc itself; every other unit's (u_j - u_win) + acc\n")
          .append("    DoubleVector ib = DoubleVector.broadcast(S, inv);\n")
          .append("    DoubleVector ab = DoubleVector.broadcast(S, acc);\n")
          .append("    for (int i = 0; i < bound; i += S.length()) {\n")
          .append("      DoubleVector z = DoubleVector.fromArray(S, in, zo + i);\n")
          .append("      DoubleVector r = DoubleVector.fromArray(S, grad, go + i).mul(ib);\n")
          .append("      DoubleVector d = DoubleVector.fromArray(S, up, uo + i).sub(uwv).add(ab);\n")
          .append("      slopeV(z).neg().mul(r).mul(d).blend(0.0, r.compare(VectorOperators.EQ, 0.0)).intoArray(grad, go + i);\n")
          .append("    }\n")
          .append("    for (int i = bound; i < g; i++) {\n")
          .append("      double r = grad[go + i] * inv;\n")
          .append("      grad[go + i] = r == 0.0 ? 0 : -slope(in[zo + i]) * r * ((up[uo + i] - uw) + acc);\n")
          .append("    }\n");
    }
    sb.append("    return 0;\n  }\n}\n");
    return sb.toString();
  }

  /**
   * Energies into {@code dst}, their minimum {@code m} (and {@code mb}, broadcast); returns 1 for a
   * group the plain code handles.
   */
  private static void minimum(StringBuilder sb, String dst, String off) {
    sb.append("    int bound = S.loopBound(g);\n")
        .append("    if (bound == 0) return 1;\n")
        .append("    DoubleVector mv = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);\n")
        .append("    for (int i = 0; i < bound; i += S.length()) {\n")
        .append("      DoubleVector e = energyV(DoubleVector.fromArray(S, in, zo + i));\n")
        .append("      e.intoArray(").append(dst).append(", ").append(off).append(" + i);\n")
        .append("      mv = mv.min(e);\n")
        .append("    }\n")
        .append("    // lane-wise MIN is Math.min: a NaN energy makes m NaN\n")
        .append("    double m = mv.reduceLanes(VectorOperators.MIN);\n")
        .append("    boolean bad = m != m;\n")
        .append("    for (int i = bound; i < g; i++) {\n")
        .append("      double e = energy(in[zo + i]);\n")
        .append("      ").append(dst).append("[").append(off).append(" + i] = e;\n")
        .append("      if (e < m) m = e;\n")
        .append("      bad |= e != e;\n")
        .append("    }\n")
        .append("    if (bad || m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) return 1;\n")
        .append("    DoubleVector mb = DoubleVector.broadcast(S, m);\n");
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
