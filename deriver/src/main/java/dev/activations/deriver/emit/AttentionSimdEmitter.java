package dev.activations.deriver.emit;

import com.palantir.javapoet.MethodSpec;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SIMD companion of an attention class whose energy is a function of the Gram entries ({@code
 * qq, qk, kk, dd}; dot, scaled dot, Euclidean, Student-t, Yat, custom energies in those terms) and
 * whose statistic is the mean (the attention output). Compiled and loaded like the scalar and
 * layer companions ({@link SimdEmitter#compileSource}, {@link SimdLoader}); every kernel returns 0
 * when it has done the call and 1 when it leaves the call to the plain-Java code.
 *
 * <p>What it saves: the plain-Java class computes every Gram entry as a compensated sum (about ten
 * flops per element) and visits the keys three times in {@code backward}, recomputing every energy
 * each time (measured, docs/PERFORMANCE.md: {@code value} 3.2x and {@code backward} 7.6x faster
 * than the plain code at n = 1024, d = m = 64; {@code value} only 1.1x a straightforward loop
 * without error control). Here the entries of a
 * key are lane-wise FMA sums over {@code d} (two accumulators, {@code DoubleVector.SPECIES_PREFERRED}),
 * the running value sum is lane-wise over {@code m}, and {@code backward} keeps each key's energy
 * and entries in the caller's {@code gradKeys} row (overwritten at the end anyway) instead of
 * recomputing them.
 *
 * <p>Why it stays inside the contract: each fast entry comes with an a-posteriori bound on its
 * rounding error (for {@code qk}: {@code u (c + L - 1) sum_i |q_i k_i|}, {@code c} the FMA
 * chain's depth and {@code L - 1} the final reduction's, whose order the Vector API leaves open;
 * {@code kk} and {@code dd} have positive terms, so their bound is relative), and
 * the energy's error bound {@code tau_j = sum_g |de/dg| bound_g}. A key whose {@code tau_j}
 * exceeds {@link #KEY_LIMIT} is recomputed with the compensated sums of the plain code. After the
 * pass, a first-order bound of what the energies' rounding can do to the output,
 * {@code |d out_i| <= sum_j r_j (tau_j + tau_mean) (|v_ji| + |out_i|)} (bounded lane by lane), must
 * be at most {@link #OUTPUT_SHARE} of the largest output component; otherwise the call is left to
 * the plain code. So the fast path is taken only where, to first order, it costs at most that
 * share of the 1e-12 contract; everything else (NaN, infinite energies, overflowing entries, outputs that cancel to
 * nearly nothing) runs the plain code, which keeps every special-input rule.
 *
 * <p>The {@code float[]} kernels load floats and compute in double lanes: the float twin's
 * contract is the double result rounded once, which float accumulation (relative error about
 * 1e-7 in the energies, hence in the weights) cannot meet.
 */
final class AttentionSimdEmitter {
  /** A key's energy error bound above which the key's entries are recomputed compensated. */
  static final String KEY_LIMIT = "0x1p-46";
  /**
   * The share of the output contract (1e-12, normwise against the largest component) that the
   * fast entries' rounding may take: 2^-41 = 4.5e-13, under half; the plain code's own rounding
   * (exponentials, the running value sum) is about 1e-15 in practice.
   */
  static final String OUTPUT_SHARE = "0x1p-41";

  private static final List<String> GRAM = List.of("qq", "qk", "kk", "dd");

  private final Expr energy;
  private final Map<String, Expr> partials;
  private final Set<String> entries;
  private final boolean usesDim;

  private AttentionSimdEmitter(Expr energy, Map<String, Expr> partials, Set<String> entries, boolean usesDim) {
    this.energy = energy;
    this.partials = partials;
    this.entries = entries;
    this.usesDim = usesDim;
  }

  /** Whether a class of this shape gets a companion: Gram kernels (not angular) and the mean. */
  static boolean supports(boolean angular, boolean mean) {
    return !angular && mean;
  }

  /** The companion's source. */
  static String source(Expr energy, Map<String, Expr> partials, Set<String> entries, boolean usesDim,
      String packageName, String className) {
    return new AttentionSimdEmitter(energy, partials, entries, usesDim).source(packageName, className);
  }

  private List<String> scalarArgs() {
    List<String> args = new ArrayList<>(entries);
    args.add("dim");
    return args;
  }

  private String callArgs() {
    return String.join(", ", scalarArgs());
  }

  private String source(String packageName, String className) {
    String name = SimdEmitter.companionName(className);
    StringBuilder sb = new StringBuilder();
    if (!packageName.isEmpty()) sb.append("package ").append(packageName).append(";\n\n");
    sb.append("import jdk.incubator.vector.DoubleVector;\n")
        .append("import jdk.incubator.vector.FloatVector;\n")
        .append("import jdk.incubator.vector.VectorOperators;\n")
        .append("import jdk.incubator.vector.VectorShape;\n")
        .append("import jdk.incubator.vector.VectorSpecies;\n\n")
        .append("/**\n * SIMD kernels of {@link ").append(className)
        .append("}: 0 when the call is done, 1 when it is left to the plain-Java code.\n")
        .append(" * Fast lane-wise Gram entries with a-posteriori error bounds; keys whose bound is too large are\n")
        .append(" * recomputed compensated, and a call whose output bound exceeds ").append(OUTPUT_SHARE)
        .append(" of the largest output\n * component is left to the plain code. Generated; do not edit.\n */\n")
        .append("final class ").append(name).append(" {\n")
        .append("  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n")
        .append("  private static final VectorSpecies<Float> F =\n")
        .append("      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));\n")
        .append("  private static final int L = S.length();\n")
        .append("  /** The unit roundoff with room for second-order terms. */\n")
        .append("  private static final double U = 0x1p-53 * 1.01;\n\n")
        .append("  private ").append(name).append("() {}\n\n");
    scalar(sb, "energy", energy);
    for (Map.Entry<String, Expr> p : partials.entrySet()) scalar(sb, "d" + p.getKey(), p.getValue());
    List<Expr> all = new ArrayList<>(partials.values());
    all.add(energy);
    for (Fn fn : Exprs.functionsUsed(all)) KnownFunctions.of(fn).helper().ifPresent(h -> method(sb, h));
    for (boolean isFloat : new boolean[] {false, true}) {
      for (MethodSpec h : AttentionKernels.helpers(isFloat, false, entries, false, false)) method(sb, h);
      value(sb, isFloat);
    }
    backward(sb);
    return sb.append("}\n").toString();
  }

  private static void method(StringBuilder sb, MethodSpec m) {
    for (String line : m.toString().split("\n", -1)) {
      if (!line.isEmpty()) sb.append("  ").append(line);
      sb.append('\n');
    }
  }

  private void scalar(StringBuilder sb, String name, Expr e) {
    JavaExprPrinter printer = new JavaExprPrinter();
    Cse.Result r = Cse.eliminate(List.of(e), Set.copyOf(scalarArgs()));
    sb.append("  private static double ").append(name).append('(');
    List<String> params = new ArrayList<>();
    for (String a : scalarArgs()) params.add("double " + a);
    sb.append(String.join(", ", params)).append(") {\n");
    for (Cse.Binding b : r.bindings()) sb.append("    double ").append(b.name()).append(" = ").append(printer.print(b.expr())).append(";\n");
    sb.append("    return ").append(printer.print(r.roots().get(0))).append(";\n  }\n\n");
  }

  private static String vload(boolean isFloat, String array, String index) {
    return isFloat
        ? "((DoubleVector) FloatVector.fromArray(F, " + array + ", " + index + ").convertShape(VectorOperators.F2D, S, 0))"
        : "DoubleVector.fromArray(S, " + array + ", " + index + ")";
  }

  /**
   * Per-call set-up of the fast entries: the chain depth {@code chain} of the FMA sums over d, and
   * {@code qq} with its bound when the energy reads it.
   */
  private void setUp(StringBuilder sb, boolean isFloat) {
    sb.append("    int db = S.loopBound(d);\n")
        .append("    int d2 = d - d % (2 * L);\n")
        .append("    int mb = S.loopBound(m);\n")
        .append("    // rounding depth of an entry: the longer accumulator's FMA chain, the two accumulators' sum, the scalar tail\n")
        .append("    double chain = (db / L + 1) / 2 + 1 + (d - db);\n")
        .append("    double dim = ").append(usesDim ? "d" : "0.0").append(";\n");
    if (entries.contains("qq")) {
      sb.append("    double qq;\n    double qqB;\n    {\n")
          .append("      DoubleVector ka = DoubleVector.zero(S);\n")
          .append("      for (int i = 0; i < db; i += L) {\n")
          .append("        DoubleVector a = ").append(vload(isFloat, "q", "qOff + i")).append(";\n")
          .append("        ka = a.fma(a, ka);\n")
          .append("      }\n")
          .append("      qq = ka.reduceLanes(VectorOperators.ADD);\n")
          .append("      for (int i = db; i < d; i++) qq = Math.fma((double) q[qOff + i], q[qOff + i], qq);\n")
          .append("      qqB = U * (db / L + d - db + L - 1) * qq + d * Double.MIN_VALUE;\n")
          .append("    }\n");
    }
  }

  /**
   * The fast entries of the key at {@code ko} (locals {@code qk, kk, dd} as the energy needs them),
   * the energy {@code e} and its error bound {@code tau}; a key over {@link #KEY_LIMIT} is
   * recomputed compensated ({@code tau = 0}).
   */
  private void keyEnergy(StringBuilder sb, boolean isFloat, String indent) {
    boolean qk = entries.contains("qk");
    boolean kk = entries.contains("kk");
    boolean dd = entries.contains("dd");
    String in = indent;
    StringBuilder acc = new StringBuilder();
    if (qk) acc.append(in).append("DoubleVector sa = DoubleVector.zero(S), sb = sa, aa = sa, ab = sa;\n");
    if (kk) acc.append(in).append("DoubleVector ka = DoubleVector.zero(S), kb = ka;\n");
    if (dd) acc.append(in).append("DoubleVector da = DoubleVector.zero(S), dz = da;\n");
    sb.append(acc);
    sb.append(in).append("int i = 0;\n");
    sb.append(in).append("for (; i < d2; i += 2 * L) {\n");
    String i2 = in + "  ";
    sb.append(i2).append("DoubleVector k0 = ").append(vload(isFloat, "keys", "ko + i")).append(";\n")
        .append(i2).append("DoubleVector k1 = ").append(vload(isFloat, "keys", "ko + i + L")).append(";\n");
    if (qk || dd) {
      sb.append(i2).append("DoubleVector q0 = ").append(vload(isFloat, "q", "qOff + i")).append(";\n")
          .append(i2).append("DoubleVector q1 = ").append(vload(isFloat, "q", "qOff + i + L")).append(";\n");
    }
    if (qk) {
      sb.append(i2).append("sa = q0.fma(k0, sa);\n").append(i2).append("sb = q1.fma(k1, sb);\n")
          .append(i2).append("aa = q0.abs().fma(k0.abs(), aa);\n").append(i2).append("ab = q1.abs().fma(k1.abs(), ab);\n");
    }
    if (kk) sb.append(i2).append("ka = k0.fma(k0, ka);\n").append(i2).append("kb = k1.fma(k1, kb);\n");
    if (dd) {
      sb.append(i2).append("DoubleVector h0 = q0.sub(k0);\n").append(i2).append("DoubleVector h1 = q1.sub(k1);\n")
          .append(i2).append("da = h0.fma(h0, da);\n").append(i2).append("dz = h1.fma(h1, dz);\n");
    }
    sb.append(in).append("}\n");
    sb.append(in).append("if (i < db) {\n");
    sb.append(i2).append("DoubleVector k0 = ").append(vload(isFloat, "keys", "ko + i")).append(";\n");
    if (qk || dd) sb.append(i2).append("DoubleVector q0 = ").append(vload(isFloat, "q", "qOff + i")).append(";\n");
    if (qk) sb.append(i2).append("sa = q0.fma(k0, sa);\n").append(i2).append("aa = q0.abs().fma(k0.abs(), aa);\n");
    if (kk) sb.append(i2).append("ka = k0.fma(k0, ka);\n");
    if (dd) sb.append(i2).append("DoubleVector h0 = q0.sub(k0);\n").append(i2).append("da = h0.fma(h0, da);\n");
    sb.append(i2).append("i += L;\n");
    sb.append(in).append("}\n");
    if (qk) {
      sb.append(in).append("DoubleVector sv = sa.add(sb);\n")
          .append(in).append("double qk = sv.reduceLanes(VectorOperators.ADD);\n")
          .append(in).append("double qkA = aa.add(ab).reduceLanes(VectorOperators.ADD);\n");
    }
    if (kk) sb.append(in).append("double kk = ka.add(kb).reduceLanes(VectorOperators.ADD);\n");
    if (dd) sb.append(in).append("double dd = da.add(dz).reduceLanes(VectorOperators.ADD);\n");
    sb.append(in).append("for (; i < d; i++) {\n");
    sb.append(i2).append("double a = q[qOff + i];\n").append(i2).append("double b = keys[ko + i];\n");
    if (qk) sb.append(i2).append("qk = Math.fma(a, b, qk);\n").append(i2).append("qkA = Math.fma(Math.abs(a), Math.abs(b), qkA);\n");
    if (kk) sb.append(i2).append("kk = Math.fma(b, b, kk);\n");
    if (dd) sb.append(i2).append("double h = a - b;\n").append(i2).append("dd = Math.fma(h, h, dd);\n");
    sb.append(in).append("}\n");
    List<String> terms = new ArrayList<>();
    if (qk) {
      sb.append(in).append("double qkB = U * (chain + L - 1) * qkA + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("qk")) terms.add("Math.abs(dqk(" + callArgs() + ")) * qkB");
    }
    if (kk) {
      sb.append(in).append("double kkB = U * (chain + L - 1) * kk + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("kk")) terms.add("Math.abs(dkk(" + callArgs() + ")) * kkB");
    }
    if (dd) {
      // each difference q_i - k_i is rounded once: its square carries two more roundings
      sb.append(in).append("double ddB = U * (chain + L + 1) * dd + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("dd")) terms.add("Math.abs(ddd(" + callArgs() + ")) * ddB");
    }
    if (entries.contains("qq") && partials.containsKey("qq")) terms.add("Math.abs(dqq(" + callArgs() + ")) * qqB");
    sb.append(in).append("double e = energy(").append(callArgs()).append(");\n");
    sb.append(in).append("double tau = ").append(terms.isEmpty() ? "0.0" : String.join(" + ", terms)).append(";\n");
    sb.append(in).append("if (!(tau <= ").append(KEY_LIMIT).append(")) {\n");
    sb.append(i2).append("// the fast sums may cost the contract here: the compensated sums of the plain code\n");
    if (qk) sb.append(i2).append("qk = dot(q, qOff, keys, ko, d);\n");
    if (kk) sb.append(i2).append("kk = dot(keys, ko, keys, ko, d);\n");
    if (dd) sb.append(i2).append("dd = squaredDistance(q, qOff, keys, ko, d);\n");
    if (entries.contains("qq")) sb.append(i2).append("qq = dot(q, qOff, q, qOff, d);\n");
    sb.append(i2).append("e = energy(").append(callArgs()).append(");\n");
    sb.append(i2).append("tau = 0.0;\n");
    sb.append(in).append("}\n");
  }

  /** {@code value}: the attention output (the mean) into {@code out} (double accumulators for float inputs). */
  private void value(StringBuilder sb, boolean isFloat) {
    String t = isFloat ? "float" : "double";
    sb.append("  static int value(").append(t).append("[] q, int qOff, ").append(t).append("[] keys, int kOff, ")
        .append(t).append("[] values, int vOff, int n, int d, int m, double[] out, int oo) {\n")
        .append("    if (n < 1 || d < L || m < L) return 1;\n");
    setUp(sb, isFloat);
    sb.append("    if (").append(entries.contains("qq") ? "!(qqB < Double.POSITIVE_INFINITY)" : "false").append(") return 1;\n")
        .append("    double mm = Double.MAX_VALUE;\n")
        .append("    double s = 0.0;\n")
        .append("    // lane-wise over the value chunks: tv = sum_j w_j tau_j |v_j|, mw = sum_j w_j |v_j| (|v_j| the lane-wise\n")
        .append("    // maximum over the key's chunks; tvT, mwT the same over the tail components); rescaled with s\n")
        .append("    double tauW = 0.0;\n")
        .append("    DoubleVector tv = DoubleVector.zero(S);\n")
        .append("    DoubleVector mw = tv;\n")
        .append("    double tvT = 0.0;\n")
        .append("    double mwT = 0.0;\n")
        .append("    for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m) {\n");
    keyEnergy(sb, isFloat, "      ");
    sb.append("      // NaN, infinite energies: the plain code's rules\n")
        .append("      if (!(Math.abs(e) <= Double.MAX_VALUE)) return 1;\n")
        .append("      double w;\n")
        .append("      double scale;\n")
        .append("      if (e < mm) {\n")
        .append("        // a new minimum: rescale what was summed relative to the old one (the online normaliser)\n")
        .append("        scale = Math.exp(e - mm);\n")
        .append("        mm = e;\n")
        .append("        w = 1.0;\n")
        .append("      } else {\n")
        .append("        scale = 1.0;\n")
        .append("        w = e == mm ? 1.0 : Math.exp(mm - e);\n")
        .append("        if (w == 0.0) continue;\n")
        .append("      }\n")
        .append("      DoubleVector vm = DoubleVector.zero(S);\n")
        .append("      int k = 0;\n")
        .append("      if (scale == 1.0) {\n")
        .append("        for (; k < mb; k += L) {\n")
        .append("          DoubleVector v = ").append(vload(isFloat, "values", "vo + k")).append(";\n")
        .append("          vm = vm.max(v.abs());\n")
        .append("          v.fma(DoubleVector.broadcast(S, w), DoubleVector.fromArray(S, out, oo + k)).intoArray(out, oo + k);\n")
        .append("        }\n")
        .append("      } else {\n")
        .append("        for (; k < mb; k += L) {\n")
        .append("          DoubleVector v = ").append(vload(isFloat, "values", "vo + k")).append(";\n")
        .append("          vm = vm.max(v.abs());\n")
        .append("          (scale == 0.0 ? v : DoubleVector.fromArray(S, out, oo + k).fma(DoubleVector.broadcast(S, scale), v)).intoArray(out, oo + k);\n")
        .append("        }\n")
        .append("        s *= scale;\n")
        .append("        tauW *= scale;\n")
        .append("        tv = tv.mul(scale);\n")
        .append("        mw = mw.mul(scale);\n")
        .append("        tvT *= scale;\n")
        .append("        mwT *= scale;\n")
        .append("      }\n")
        .append("      double vj = 0.0;\n")
        .append("      for (; k < m; k++) {\n")
        .append("        double v = values[vo + k];\n")
        .append("        vj = Math.max(vj, Math.abs(v));\n")
        .append("        out[oo + k] = scale == 0.0 ? v : Math.fma(w, v, out[oo + k] * scale);\n")
        .append("      }\n")
        .append("      s += w;\n")
        .append("      double wt = w * tau;\n")
        .append("      tauW += wt;\n")
        .append("      tv = vm.fma(DoubleVector.broadcast(S, wt), tv);\n")
        .append("      mw = vm.fma(DoubleVector.broadcast(S, w), mw);\n")
        .append("      tvT = Math.fma(wt, vj, tvT);\n")
        .append("      mwT = Math.fma(w, vj, mwT);\n")
        .append("    }\n")
        .append("    double inv = 1.0 / s;\n")
        .append("    DoubleVector omax = DoubleVector.zero(S);\n")
        .append("    int k = 0;\n")
        .append("    for (; k < mb; k += L) {\n")
        .append("      DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, inv));\n")
        .append("      o.intoArray(out, oo + k);\n")
        .append("      omax = omax.max(o.abs());\n")
        .append("    }\n")
        .append("    double outMax = omax.reduceLanes(VectorOperators.MAX);\n")
        .append("    for (; k < m; k++) {\n")
        .append("      out[oo + k] *= inv;\n")
        .append("      outMax = Math.max(outMax, Math.abs(out[oo + k]));\n")
        .append("    }\n")
        .append("    // first order: d out_i = -sum_j r_j (de_j - sum_k r_k de_k) (v_ji - out_i) with |de_j| <= tau_j, so\n")
        .append("    // |d out_i| <= sum_j r_j (tau_j + tauBar) (|v_ji| + |out_i|)\n")
        .append("    double tauBar = tauW * inv;\n")
        .append("    double spread = Math.max(tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX), tvT + tauBar * mwT);\n")
        .append("    double bound = spread * inv + 2.0 * tauBar * outMax;\n")
        .append("    return bound <= ").append(OUTPUT_SHARE).append(" * outMax ? 0 : 1;\n")
        .append("  }\n\n");
  }

  /**
   * Whether the backward kernel applies: every partial is constant in the Gram entries (dot, scaled
   * dot, Euclidean), so the sums of {@code dL/de_j} times the partials' differences to the winner's
   * vanish and {@code grad q = sum_j (b_j - s_j) (k_j - k_w)} (see {@link AttentionClassEmitter}).
   */
  private boolean constantPartials() {
    for (Expr p : partials.values()) {
      java.util.Set<String> used = new java.util.TreeSet<>();
      collect(p, used);
      for (String g : GRAM) if (used.contains(g)) return false;
    }
    return true;
  }

  private static void collect(Expr e, java.util.Set<String> into) {
    if (e instanceof Expr.Var v) into.add(v.name());
    for (Expr c : Exprs.children(e)) collect(c, into);
  }

  /** A constant partial, called with zeros for the entries it does not read. */
  private String partial(String entry) {
    if (!partials.containsKey(entry)) return "0.0";
    List<String> args = new ArrayList<>();
    for (String a : scalarArgs()) args.add(a.equals("dim") ? "dim" : "0.0");
    return "d" + entry + "(" + String.join(", ", args) + ")";
  }

  /**
   * {@code backward(double[] ...)} for constant partials: pass 1 computes each key's energy once
   * (fast entries with their bound, as in {@code value}) and keeps it, its bound, later its
   * weight, {@code t_j = <u, v_j - v_w>} and that one's bound in the first four entries of the key's {@code gradKeys} row, which
   * pass 3 overwrites with the gradient; the plain code recomputes every energy in three passes.
   * Error check: {@code dL/de_j = -r_j (t_j + acc)} is off by at most {@code Delta_j = r_j ((tau_j +
   * tauBar)(|t_j| + |acc|) + beta_j + sum_k r_k ((tau_k + tauBar) |t_k| + beta_k))} ({@code beta}
   * the fast {@code t}'s rounding bound); the gradients it moves, {@code Delta_j |g_j| / |dL/de_j|}
   * for the key rows and {@code sum_j Delta_j |f| |k_j - k_w|} for q, must stay below 2^-36 of
   * each array's largest component, otherwise the call is left to the plain code.
   */
  private void backward(StringBuilder sb) {
    sb.append("  static int backward(double[] q, int qOff, double[] keys, int kOff, double[] values, int vOff, int n, int d, int m,\n")
        .append("      double[] upstream, int uo, double[] gradQ, int go, double[] gradKeys, int gko, double[] gradValues, int gvo) {\n");
    if (!constantPartials()) {
      sb.append("    return 1; // partials that vary with the Gram entries: the plain code's divided differences\n  }\n");
      return;
    }
    boolean isFloat = false;
    // three methods, one per pass: C2 inlines (and so intrinsifies) every vector operation of a method of this size;
    // in one method of all three passes it stopped inlining and boxed vectors (2.8 MB per call at n = 1024)
    sb.append("    if (n < 1 || d < L || d < 4 || m < L) return 1;\n")
        .append("    int win = energies(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko);\n")
        .append("    if (win < 0) return 1;\n")
        .append("    double mm = gradQ[go];\n")
        .append("    double inv = 1.0 / gradQ[go + 1];\n")
        .append("    double tauBar = gradQ[go + 2] * inv;\n")
        .append("    // the upstream scaled by a power of two (as the plain code): <u, v> may overflow where the gradients do not\n")
        .append("    double umax = 0.0;\n")
        .append("    for (int i = 0; i < m; i++) umax = Math.max(umax, Math.abs(upstream[uo + i]));\n")
        .append("    if (!(umax < Double.POSITIVE_INFINITY)) return 1;\n")
        .append("    int ue = umax == 0.0 ? 0 : Math.getExponent(umax);\n")
        .append("    if (ue < Double.MIN_EXPONENT || ue > Double.MAX_EXPONENT - 1) return 1;\n")
        .append("    weights(values, vOff, n, m, upstream, uo, gradQ, go, gradKeys, gko, d, gradValues, gvo, win, mm, inv, tauBar, ue);\n")
        .append("    return gradients(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko, win, tauBar, ue);\n")
        .append("  }\n\n");
    sb.append("  /** Pass 1: each key's energy and bound into its gradKeys row; mm, s, sum w tau into gradQ; the winner (-1: plain code). */\n")
        .append("  private static int energies(double[] q, int qOff, double[] keys, int kOff, int n, int d, double[] gradQ, int go,\n")
        .append("      double[] gradKeys, int gko) {\n")
        .append("    int m = L;\n");
    setUp(sb, isFloat);
    sb.append("    if (").append(entries.contains("qq") ? "!(qqB < Double.POSITIVE_INFINITY)" : "false").append(") return -1;\n")
        .append("    // pass 1: energies (kept in the rows of gradKeys), the normaliser, the winner\n")
        .append("    double mm = Double.MAX_VALUE;\n")
        .append("    double s = 0.0;\n")
        .append("    double tauW = 0.0;\n")
        .append("    int win = 0;\n")
        .append("    for (int j = 0, ko = kOff; j < n; j++, ko += d) {\n");
    keyEnergy(sb, isFloat, "      ");
    sb.append("      if (!(Math.abs(e) <= Double.MAX_VALUE)) return -1;\n")
        .append("      int row = gko + j * d;\n")
        .append("      gradKeys[row] = e;\n")
        .append("      gradKeys[row + 1] = tau;\n")
        .append("      if (e < mm) {\n")
        .append("        double scale = Math.exp(e - mm);\n")
        .append("        s = s * scale + 1.0;\n")
        .append("        tauW = tauW * scale + tau;\n")
        .append("        mm = e;\n")
        .append("        win = j;\n")
        .append("      } else {\n")
        .append("        double w = e == mm ? 1.0 : Math.exp(mm - e);\n")
        .append("        s += w;\n")
        .append("        tauW = Math.fma(w, tau, tauW);\n")
        .append("      }\n")
        .append("    }\n")
        .append("    gradQ[go] = mm;\n")
        .append("    gradQ[go + 1] = s;\n")
        .append("    gradQ[go + 2] = tauW;\n")
        .append("    return win;\n")
        .append("  }\n\n")
        .append("  /** Pass 2: weights, gradValues, t_j and its bound into the rows; acc and the spill into gradQ. */\n")
        .append("  private static void weights(double[] values, int vOff, int n, int m, double[] upstream, int uo, double[] gradQ, int go,\n")
        .append("      double[] gradKeys, int gko, int d, double[] gradValues, int gvo, int win, double mm, double inv, double tauBar, int ue) {\n")
        .append("    int mb = S.loopBound(m);\n")
        .append("    double down = Math.scalb(1.0, -ue);\n")
        .append("    int vw = vOff + win * m;\n")
        .append("    double depthM = mb / L + (m - mb) + L;\n")
        .append("    // pass 2: weights, gradValues = r_j u, t_j = <u, v_j - v_w> and acc = -sum_{j != win} r_j t_j\n")
        .append("    double acc = 0.0;\n")
        .append("    double spill = 0.0;\n")
        .append("    for (int j = 0, vo = vOff; j < n; j++, vo += m) {\n")
        .append("      int row = gko + j * d;\n")
        .append("      double e = gradKeys[row];\n")
        .append("      double r = (e == mm ? 1.0 : Math.exp(mm - e)) * inv;\n")
        .append("      gradKeys[row] = r;\n")
        .append("      DoubleVector ts = DoubleVector.zero(S);\n")
        .append("      DoubleVector ta = ts;\n")
        .append("      int k = 0;\n")
        .append("      // separate loops, not a condition inside one: C2 boxes vectors merged from two branches\n")
        .append("      if (j != win && r != 0.0) {\n")
        .append("        for (; k < mb; k += L) {\n")
        .append("          DoubleVector u = DoubleVector.fromArray(S, upstream, uo + k);\n")
        .append("          u.mul(DoubleVector.broadcast(S, r)).intoArray(gradValues, gvo + j * m + k);\n")
        .append("          DoubleVector a = u.mul(DoubleVector.broadcast(S, down));\n")
        .append("          DoubleVector b = DoubleVector.fromArray(S, values, vo + k).sub(DoubleVector.fromArray(S, values, vw + k));\n")
        .append("          ts = a.fma(b, ts);\n")
        .append("          ta = a.abs().fma(b.abs(), ta);\n")
        .append("        }\n")
        .append("      } else {\n")
        .append("        for (; k < mb; k += L) {\n")
        .append("          DoubleVector.fromArray(S, upstream, uo + k).mul(DoubleVector.broadcast(S, r)).intoArray(gradValues, gvo + j * m + k);\n")
        .append("        }\n")
        .append("      }\n")
        .append("      double t = 0.0;\n")
        .append("      double ab = 0.0;\n")
        .append("      if (j != win && r != 0.0) {\n")
        .append("        t = ts.reduceLanes(VectorOperators.ADD);\n")
        .append("        ab = ta.reduceLanes(VectorOperators.ADD);\n")
        .append("      }\n")
        .append("      for (; k < m; k++) {\n")
        .append("        gradValues[gvo + j * m + k] = r * upstream[uo + k];\n")
        .append("        if (j != win && r != 0.0) {\n")
        .append("          double a = upstream[uo + k] * down;\n")
        .append("          double b = values[vo + k] - values[vw + k];\n")
        .append("          t = Math.fma(a, b, t);\n")
        .append("          ab = Math.fma(Math.abs(a), Math.abs(b), ab);\n")
        .append("        }\n")
        .append("      }\n")
        .append("      // the difference v_j - v_w is rounded once: one more rounding in the depth\n")
        .append("      double beta = U * depthM * ab + m * Double.MIN_VALUE;\n")
        .append("      gradKeys[row + 2] = t;\n")
        .append("      gradKeys[row + 3] = beta;\n")
        .append("      acc -= r * t;\n")
        .append("      spill = Math.fma(r, (gradKeys[row + 1] + tauBar) * Math.abs(t) + beta, spill);\n")
        .append("    }\n")
        .append("    gradQ[go] = acc;\n")
        .append("    gradQ[go + 1] = spill;\n")
        .append("  }\n\n")
        .append("  /** Pass 3: the gradients of q and the keys; 0 when their error bound holds. */\n")
        .append("  private static int gradients(double[] q, int qOff, double[] keys, int kOff, int n, int d, double[] gradQ, int go,\n")
        .append("      double[] gradKeys, int gko, int win, double tauBar, int ue) {\n")
        .append("    int db = S.loopBound(d);\n")
        .append("    double dim = ").append(usesDim ? "d" : "0.0").append(";\n")
        .append("    double up = Math.scalb(1.0, ue);\n")
        .append("    double acc = gradQ[go];\n")
        .append("    double spill = gradQ[go + 1];\n")
        .append("    // pass 3: dL/de_j = -r_j (t_j + acc) (the winner: -r_w acc), then the chain rule through the kernel\n")
        .append("    double fqk = ").append(partial("qk")).append(";\n")
        .append("    double fkk = ").append(partial("kk")).append(";\n")
        .append("    double fdd = ").append(partial("dd")).append(";\n")
        .append("    for (int i = 0; i < d; i++) gradQ[go + i] = 0.0;\n")
        .append("    int kwo = kOff + win * d;\n")
        .append("    // scalars across keys: vectors carried around this loop were boxed by C2\n")
        .append("    double errK = 0.0;\n")
        .append("    double maxK = 0.0;\n")
        .append("    double errQ = 0.0;\n")
        .append("    double absAcc = Math.abs(acc);\n")
        .append("    for (int j = 0, ko = kOff; j < n; j++, ko += d) {\n")
        .append("      int row = gko + j * d;\n")
        .append("      double r = gradKeys[row];\n")
        .append("      double tau = gradKeys[row + 1];\n")
        .append("      double t = gradKeys[row + 2];\n")
        .append("      double beta = gradKeys[row + 3];\n")
        .append("      double delta = r == 0.0 ? 0.0 : -r * (j == win ? acc : t + acc);\n")
        .append("      if (delta == 0.0) {\n")
        .append("        for (int i = 0; i < d; i++) gradKeys[row + i] = 0.0;\n")
        .append("        continue;\n")
        .append("      }\n")
        .append("      // Delta_j over |delta_j|: the relative error of this key's gradient row\n")
        .append("      double rel = r * ((tau + tauBar) * (Math.abs(t) + absAcc) + beta + spill) / Math.abs(delta);\n")
        .append("      double b = delta * fqk;\n")
        .append("      double c = 2.0 * delta * fkk;\n")
        .append("      double sd = 2.0 * delta * fdd;\n")
        .append("      double bs = b - sd;\n")
        .append("      int i = 0;\n")
        .append("      // one loop for every key (the winner's k_j - k_w is 0); the broadcasts inside the loop body: C2 boxed\n")
        .append("      // broadcast vectors that lived across the inner loop (240 bytes per key at d = 64)\n")
        .append("      DoubleVector gm = DoubleVector.zero(S);\n")
        .append("      DoubleVector km = gm;\n")
        .append("      for (; i < db; i += L) {\n")
        .append("        DoubleVector qv = DoubleVector.fromArray(S, q, qOff + i);\n")
        .append("        DoubleVector kv = DoubleVector.fromArray(S, keys, ko + i);\n")
        .append("        DoubleVector g = DoubleVector.broadcast(S, b).mul(qv).add(DoubleVector.broadcast(S, c).mul(kv))\n")
        .append("            .sub(DoubleVector.broadcast(S, sd).mul(qv.sub(kv))).mul(DoubleVector.broadcast(S, up));\n")
        .append("        g.intoArray(gradKeys, row + i);\n")
        .append("        gm = gm.max(g.abs());\n")
        .append("        DoubleVector dk = kv.sub(DoubleVector.fromArray(S, keys, kwo + i));\n")
        .append("        dk.fma(DoubleVector.broadcast(S, bs), DoubleVector.fromArray(S, gradQ, go + i)).intoArray(gradQ, go + i);\n")
        .append("        km = km.max(dk.abs());\n")
        .append("      }\n")
        .append("      double gj = gm.reduceLanes(VectorOperators.MAX);\n")
        .append("      double kj = km.reduceLanes(VectorOperators.MAX);\n")
        .append("      double gT = 0.0;\n")
        .append("      double kT = 0.0;\n")
        .append("      for (; i < d; i++) {\n")
        .append("        double qi = q[qOff + i];\n")
        .append("        double ki = keys[ko + i];\n")
        .append("        double g = (b * qi + c * ki - sd * (qi - ki)) * up;\n")
        .append("        gradKeys[row + i] = g;\n")
        .append("        gT = Math.max(gT, Math.abs(g));\n")
        .append("        double dk = ki - keys[kwo + i];\n")
        .append("        gradQ[go + i] = Math.fma(bs, dk, gradQ[go + i]);\n")
        .append("        kT = Math.max(kT, Math.abs(dk));\n")
        .append("      }\n")
        .append("      gj = Math.max(gj, gT);\n")
        .append("      errK = Math.max(errK, gj * rel);\n")
        .append("      maxK = Math.max(maxK, gj);\n")
        .append("      // grad q moves by (Delta_j / |delta_j|) |b_j - s_j| |k_j - k_w| (the exact dL/de sum to 0)\n")
        .append("      errQ = Math.fma(Math.max(kj, kT), rel * Math.abs(bs) * up, errQ);\n")
        .append("    }\n")
        .append("    DoubleVector gqm = DoubleVector.zero(S);\n")
        .append("    int i = 0;\n")
        .append("    for (; i < db; i += L) {\n")
        .append("      DoubleVector g = DoubleVector.fromArray(S, gradQ, go + i).mul(DoubleVector.broadcast(S, up));\n")
        .append("      g.intoArray(gradQ, go + i);\n")
        .append("      gqm = gqm.max(g.abs());\n")
        .append("    }\n")
        .append("    double maxQ = gqm.reduceLanes(VectorOperators.MAX);\n")
        .append("    for (; i < d; i++) {\n")
        .append("      gradQ[go + i] *= up;\n")
        .append("      maxQ = Math.max(maxQ, Math.abs(gradQ[go + i]));\n")
        .append("    }\n")
        .append("    // NaN anywhere fails these comparisons: the plain code then writes its NaN rules\n")
        .append("    return errK <= 0x1p-36 * maxK && errQ <= 0x1p-36 * maxQ ? 0 : 1;\n")
        .append("  }\n");
  }
}
