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
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SIMD companion of an attention class whose energy is a function of the Gram entries ({@code
 * qq, qk, kk, dd}; dot, scaled dot, Euclidean, Student-t, Yat, custom energies in those terms) and
 * whose statistic is the mean (the attention output). Compiled and loaded like the scalar and
 * layer companions ({@link SimdEmitter#compileSource}, {@link SimdLoader}); every kernel returns 0
 * when it has done the call and 1 when it leaves the call to the plain-Java code.
 *
 * <p>What it saves: the plain-Java class computes every Gram entry as a compensated sum (about ten
 * flops per element) and visits the keys three times in {@code backward}, recomputing every energy
 * each time (docs/PERFORMANCE.md has the measured ratios; {@code value} is well short of the 3x over a
 * straightforward loop without error control that the issue asks for). Here the entries of a
 * key are lane-wise FMA sums over {@code d} (two accumulators, {@code DoubleVector.SPECIES_PREFERRED}),
 * the running value sum is lane-wise over {@code m}, and {@code backward} keeps each key's energy
 * and entries in the caller's {@code gradKeys} row (overwritten at the end anyway) instead of
 * recomputing them. The key loops run in blocks ({@link #BLOCK} keys in {@code value} and backward's
 * first pass, {@link #BACKWARD_BLOCK} in its other two), then key by key for the rest: a block's
 * FMA chains are interleaved in one loop over d, its energies get one rescale of the online
 * normaliser, and each chunk of the output (or of q, {@code gradQ}, the winner's rows) is loaded
 * and stored once per block instead of once per key. Each key keeps its own sums, depths and
 * error bounds, so the bounds are exactly those of a key-by-key loop.
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
 * 1e-7 in the energies, hence in the weights) cannot meet. They try a cheap kernel first whose error control is
 * a-priori per call ({@link #cheapValue}: the float contract needs about 2^-30, not 2^-41), and fall back to the
 * careful one (the double kernel's per-key bounds) where that bound does not hold.
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

  /**
   * The share the cheap {@code float[]} kernel's a-priori bound may take, normwise against the largest output
   * component: 2^-34 (5.8e-11). The float twin's contract is the double result rounded once (half a float unit is
   * 2^-25 relative): a component of at least 2^-9 of the largest moves by at most 2^-25 of itself, and outside the
   * cheap kernel the careful one keeps the double kernel's 2^-41.
   */
  static final String FLOAT_SHARE = "0x1p-34";

  /**
   * The largest {@code |a_i|} of a float range as an integer maximum of the bit patterns with the sign cleared (the
   * same order for non-negative floats, NaN above infinity), in the widest float lanes; the accumulator is typed
   * {@code IntVector} across the loop (see {@link #maxAbs(String, String)}).
   */
  private static final String MAX_ABS_FLOAT = """
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

      """;

  /**
   * The relative error of {@link #EXP} as a bound: 3 ulp (measured against {@code StrictMath.exp} where the result
   * is normal), at most 6 unit roundoffs; {@code value} adds it to each key's energy bound in the output bound, and
   * again for the keys summed before each rescale of the online normaliser.
   */
  static final String EXP_ERROR = "6.0 * U";

  /** The Taylor coefficients of {@link #EXP}'s polynomial, highest degree first (1/k!, as exact quotients). */
  private static final List<String> EXP_COEFFICIENTS = List.of("1.0 / 479001600", "1.0 / 39916800", "1.0 / 3628800",
      "1.0 / 362880", "1.0 / 40320", "1.0 / 5040", "1.0 / 720", "1.0 / 120", "1.0 / 24", "1.0 / 6", "0.5", "1.0", "1.0");

  /**
   * The companion's exponential for the weights and the normaliser's rescale (arguments {@code x <= 0}):
   * the layer companion's polynomial ({@link LayerSimdEmitter}: {@code k = round(x / ln 2)} by the {@code 1.5 2^52}
   * shift, {@code r = x - k ln 2} with ln 2 in two parts by FMA, the Taylor polynomial of degree 12, {@code 2^k}
   * as {@code 2^(k + 512) 2^-512}; within 3 ulp of {@code StrictMath.exp} where the result is normal) in scalar
   * form. Why: {@code Math.exp} is a call of the JDK's stub that C2 does not schedule with the block's other
   * work; written out, the four weights of a block overlap. Measured (ad hoc, {@code ScaledDotAttention} at n =
   * 1024, d = m = 64): the exponentials cost about 10 of 44 us per {@code value} call with {@code Math.exp}.
   * A weight's error (3 ulp) acts as an error of its energy and is counted in the output bound ({@link #EXP_ERROR}),
   * and so does each rescale's, for every key summed before it (a key can collect one per new minimum).
   */
  private static final String EXP = """
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
      """ + "    double p = " + EXP_COEFFICIENTS.get(0) + ";\n"
      + EXP_COEFFICIENTS.subList(1, EXP_COEFFICIENTS.size()).stream().map(c -> "    p = Math.fma(p, r, " + c + ");\n").collect(Collectors.joining())
      + """
          // t = 1.5 * 2^52 + k: its low bits are k; (k + 1023 + 512) << 52 is 2^(k + 512)
          return p * Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023 + 512) << 52) * 0x1p-512;
        }

      """;

  /**
   * The end of {@code value}: the output divided by the normaliser, its largest component returned. A method
   * of its own because C2 (JDK 17) stops inlining in a method as large as {@code value} (its node-count
   * cutoff), and the vectors of this loop, parsed last, were then boxed: 1.6 kB per call, measured with the
   * weights' exponentials written out (ad hoc, {@code ScaledDotAttention} at n = 1024, d = m = 64).
   */
  private static final String NORMALIZE = """
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

      """;

  /**
   * The block's weights {@code w_b = exp(mm - e_b)} by {@link #EXP}'s steps written out and interleaved key by
   * key: the helper ({@code exp}, 223 bytes of bytecode) is not inlined into a method as large as {@code value}
   * (C2's size and node-count limits), and as a call it cost as much as {@code Math.exp}; written out, the
   * block's four polynomials overlap. Measured (ad hoc, {@code ScaledDotAttention} at n = 1024, d = m = 64,
   * with the integer maxima): 38 to 40 us per call with the call, 34 us written out.
   */
  private static void blockExp(StringBuilder sb, String in, int keys) {
    for (int b = 0; b < keys; b++) sb.append(in).append("double y").append(b).append(" = Math.max(mm - e").append(b).append(", -746.0);\n");
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("double et").append(b).append(" = Math.fma(y").append(b).append(", 0x1.71547652b82fep0, 0x1.8p52);\n");
    }
    for (int b = 0; b < keys; b++) sb.append(in).append("double ek").append(b).append(" = et").append(b).append(" - 0x1.8p52;\n");
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("double er").append(b).append(" = Math.fma(ek").append(b).append(", -0x1.abc9e3b39803fp-56, Math.fma(ek")
          .append(b).append(", -0x1.62e42fefa39efp-1, y").append(b).append("));\n");
    }
    for (int b = 0; b < keys; b++) sb.append(in).append("double ep").append(b).append(" = ").append(EXP_COEFFICIENTS.get(0)).append(";\n");
    for (String c : EXP_COEFFICIENTS.subList(1, EXP_COEFFICIENTS.size())) {
      for (int b = 0; b < keys; b++) sb.append(in).append("ep").append(b).append(" = Math.fma(ep").append(b).append(", er").append(b).append(", ").append(c).append(");\n");
    }
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("double w").append(b).append(" = ep").append(b)
          .append(" * Double.longBitsToDouble((Double.doubleToRawLongBits(et").append(b).append(") + 1023 + 512) << 52) * 0x1p-512;\n");
    }
  }

  private static final List<String> GRAM = List.of("qq", "qk", "kk", "dd");

  /**
   * Backward's weights from the final minimum, all at once: the energies lie in {@code gradValues[gvo .. gvo + n)}
   * (pass 1), so the exponentials are one lane-wise {@code EXP} pass (Intel's short vector math library in JDK 17,
   * within 1 ulp like {@code Math.exp}, which the kernel took per key before; measured for the layer companion: 2.2
   * us for 4096 doubles alone in a pass). A gap in (600, 1400] may give a weight {@code r_j = w_j / s} below the
   * normal range (for gaps up to 600, {@code r_j >= e^-600 / n > 2^-1000}) where a large value or upstream can still
   * contribute: the plain code (its half-weights) takes such calls, as the per-key test did before.
   */
  private static final String NORMALIZER = """
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

      """;

  private final Expr energy;
  private final Map<String, Expr> partials;
  private final Set<String> entries;
  private final boolean usesDim;
  /**
   * Whether a key's bound also counts the rounding of its energy itself, {@code 4 U |e_j|}: for
   * classes whose plain code takes gaps as {@code a log(R_j / R_min)} (a single logarithm, Student-t),
   * where the companion's {@code a log R_j} carries a unit of {@code |a log R|}, 1e4 and more at large
   * d and scales (measured: 2.4e-12 at an extreme sample with d = 128 without it). The call goes to
   * the plain code where that could cost the contract.
   */
  private final boolean energyRounding;

  private AttentionSimdEmitter(Expr energy, Map<String, Expr> partials, Set<String> entries, boolean usesDim,
      boolean energyRounding) {
    this.energy = energy;
    this.partials = partials;
    this.entries = entries;
    this.usesDim = usesDim;
    this.energyRounding = energyRounding;
  }

  /** Whether a class of this shape gets a companion: Gram kernels (not angular) and the mean. */
  static boolean supports(boolean angular, boolean mean) {
    return !angular && mean;
  }

  /**
   * The companion's source.
   *
   * @param energyRounding whether each key's bound counts its energy's own rounding (see {@link #energyRounding})
   */
  static String source(Expr energy, Map<String, Expr> partials, Set<String> entries, boolean usesDim, boolean energyRounding,
      String packageName, String className) {
    return new AttentionSimdEmitter(energy, partials, entries, usesDim, energyRounding).source(packageName, className);
  }

  private List<String> scalarArgs() {
    List<String> args = new ArrayList<>(entries);
    args.add("dim");
    return args;
  }

  private String source(String packageName, String className) {
    String name = SimdEmitter.companionName(className);
    StringBuilder sb = new StringBuilder();
    if (!packageName.isEmpty()) sb.append("package ").append(packageName).append(";\n\n");
    sb.append("import jdk.incubator.vector.DoubleVector;\n")
        .append("import jdk.incubator.vector.FloatVector;\n")
        .append("import jdk.incubator.vector.IntVector;\n")
        .append("import jdk.incubator.vector.LongVector;\n")
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
        .append("  /** The widest float lanes and their integer twins, for the largest magnitudes of float arrays. */\n")
        .append("  private static final VectorSpecies<Float> FP = FloatVector.SPECIES_PREFERRED;\n")
        .append("  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;\n")
        .append("  private static final int L = S.length();\n")
        .append("  /** The unit roundoff with room for second-order terms. */\n")
        .append("  private static final double U = 0x1p-53 * 1.01;\n\n")
        .append("  private ").append(name).append("() {}\n\n");
    scalar(sb, "energy", energy);
    for (Map.Entry<String, Expr> p : partials.entrySet()) scalar(sb, "d" + p.getKey(), p.getValue());
    List<Expr> all = new ArrayList<>(partials.values());
    all.add(energy);
    for (Fn fn : Exprs.functionsUsed(all)) KnownFunctions.of(fn).helper().ifPresent(h -> method(sb, h));
    sb.append(EXP).append(NORMALIZE).append(MAX_ABS_FLOAT);
    for (boolean isFloat : new boolean[] {false, true}) {
      for (MethodSpec h : AttentionKernels.helpers(isFloat, false, entries, false, false)) method(sb, h);
      if (isFloat) floatValue(sb);
      else value(sb, false);
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

  /** The key loop: blocks of {@code block} keys ({@code body} emits one block's code), then the rest one by one. */
  private static void blocks(StringBuilder sb, int block, IntConsumer body) {
    sb.append("    int j = 0;\n")
        .append("    for (; j <= n - ").append(block).append("; j += ").append(block).append(") {\n");
    body.accept(block);
    sb.append("    }\n")
        .append("    for (; j < n; j++) {\n");
    body.accept(1);
    sb.append("    }\n");
  }

  /**
   * The key loop from the last key down: blocks of {@code block} keys ({@code j} the block's first key), then the
   * lowest {@code n mod block} keys one by one. Backward's pass 2 reads key {@code j}'s weight from {@code
   * gradValues[gvo + j]} and writes the rows {@code gradValues[gvo + j m ..]}: going down, a row overwrites only the
   * weights of keys already done ({@code j m >= j}), and a block reads its weights before it writes its rows.
   */
  private static void descendingBlocks(StringBuilder sb, int block, IntConsumer body) {
    sb.append("    int j = n;\n")
        .append("    while (j >= ").append(block).append(") {\n")
        .append("      j -= ").append(block).append(";\n");
    body.accept(block);
    sb.append("    }\n")
        .append("    while (j > 0) {\n")
        .append("      j--;\n");
    body.accept(1);
    sb.append("    }\n");
  }

  /**
   * Keys per block of the key loops: their entries interleaved, their value rows summed in one pass over {@code out}.
   * 2, not 4: {@code value} ran 1.6% to 9.9% faster in each of ten JVMs with both kernels side by side, about 2% by
   * the medians of six JVMs each through the public API (n = 1024, d = m = 64, docs/ATTENTION.md "Speed"); 3 fell
   * between; {@code backward} about the same. Per-key bounds do not depend on it. (With 2 as with 4, C2 in JDK 17
   * still reaches its node-count inlining cutoff somewhere in {@code value}: PrintInlining shows calls of the
   * energy helpers.)
   */
  static final int BLOCK = 2;

  /**
   * Keys per block of the cheap {@code float[]} kernel (no {@code |q_i k_i|} chains: registers for more keys); 2 was
   * slower here (31.7 against 27.6 us, n = 1024, d = m = 64).
   */
  static final int CHEAP_BLOCK = 4;

  /** {@code name + b} for each key {@code b} of a block, joined. */
  private static String each(int keys, String separator, IntFunction<String> term) {
    return IntStream.range(0, keys).mapToObj(term).collect(Collectors.joining(separator));
  }

  /** The energy function's arguments for key {@code b} of a block ({@code qq} and {@code dim} are shared). */
  private String keyArgs(int b) {
    return scalarArgs().stream().map(a -> a.equals("qq") || a.equals("dim") ? a : a + b).collect(Collectors.joining(", "));
  }

  /**
   * The fast entries of the {@code keys} keys at {@code ko0, ko1, ..} (locals {@code qk0, kk0, dd0, ..} as
   * the energy needs them), interleaved in one loop over d so that their FMA chains overlap; then each
   * key's energy {@code e0, ..} and error bound {@code tau0, ..}. A key over {@link #KEY_LIMIT} is
   * recomputed compensated ({@code tau = 0}). Per key the sums and their depths are those of a single
   * key: {@code qk}, {@code kk}, {@code dd} in two accumulators (even and odd chunks), {@code sum |q_i k_i|} in one.
   */
  private void blockEnergy(StringBuilder sb, boolean isFloat, boolean cheap, String in, int keys) {
    boolean qk = entries.contains("qk");
    // the cheap float kernel bounds sum_i |q_i k_i| a priori (qkAll): no |q_i k_i| chains
    boolean chains = qk && !cheap;
    boolean kk = entries.contains("kk");
    boolean dd = entries.contains("dd");
    String i2 = in + "  ";
    String i3 = i2 + "  ";
    sb.append(in).append("DoubleVector z = DoubleVector.zero(S);\n");
    for (int b = 0; b < keys; b++) {
      List<String> acc = new ArrayList<>();
      if (qk) acc.addAll(chains ? List.of("s" + b, "t" + b, "a" + b) : List.of("s" + b, "t" + b));
      if (kk) acc.addAll(List.of("ka" + b, "kb" + b));
      if (dd) acc.addAll(List.of("da" + b, "dz" + b));
      sb.append(in).append("DoubleVector ").append(String.join(" = z, ", acc)).append(" = z;\n");
    }
    sb.append(in).append("int i = 0;\n");
    sb.append(in).append("for (; i < d2; i += 2 * L) {\n");
    if (qk || dd) {
      sb.append(i2).append("DoubleVector q0 = ").append(vload(isFloat, "q", "qOff + i")).append(";\n")
          .append(i2).append("DoubleVector q1 = ").append(vload(isFloat, "q", "qOff + i + L")).append(";\n");
    }
    if (chains) sb.append(i2).append("DoubleVector qa = q0.abs();\n").append(i2).append("DoubleVector qb = q1.abs();\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("{\n")
          .append(i3).append("DoubleVector k0 = ").append(vload(isFloat, "keys", "ko" + b + " + i")).append(";\n")
          .append(i3).append("DoubleVector k1 = ").append(vload(isFloat, "keys", "ko" + b + " + i + L")).append(";\n");
      if (qk) {
        sb.append(i3).append("s").append(b).append(" = q0.fma(k0, s").append(b).append(");\n")
            .append(i3).append("t").append(b).append(" = q1.fma(k1, t").append(b).append(");\n");
        if (chains) sb.append(i3).append("a").append(b).append(" = qb.fma(k1.abs(), qa.fma(k0.abs(), a").append(b).append("));\n");
      }
      if (kk) {
        sb.append(i3).append("ka").append(b).append(" = k0.fma(k0, ka").append(b).append(");\n")
            .append(i3).append("kb").append(b).append(" = k1.fma(k1, kb").append(b).append(");\n");
      }
      if (dd) {
        sb.append(i3).append("DoubleVector h0 = q0.sub(k0);\n").append(i3).append("DoubleVector h1 = q1.sub(k1);\n")
            .append(i3).append("da").append(b).append(" = h0.fma(h0, da").append(b).append(");\n")
            .append(i3).append("dz").append(b).append(" = h1.fma(h1, dz").append(b).append(");\n");
      }
      sb.append(i2).append("}\n");
    }
    sb.append(in).append("}\n");
    sb.append(in).append("if (i < db) {\n");
    if (qk || dd) sb.append(i2).append("DoubleVector q0 = ").append(vload(isFloat, "q", "qOff + i")).append(";\n");
    if (chains) sb.append(i2).append("DoubleVector qa = q0.abs();\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("{\n")
          .append(i3).append("DoubleVector k0 = ").append(vload(isFloat, "keys", "ko" + b + " + i")).append(";\n");
      if (qk) {
        sb.append(i3).append("s").append(b).append(" = q0.fma(k0, s").append(b).append(");\n");
        if (chains) sb.append(i3).append("a").append(b).append(" = qa.fma(k0.abs(), a").append(b).append(");\n");
      }
      if (kk) sb.append(i3).append("ka").append(b).append(" = k0.fma(k0, ka").append(b).append(");\n");
      if (dd) {
        sb.append(i3).append("DoubleVector h0 = q0.sub(k0);\n")
            .append(i3).append("da").append(b).append(" = h0.fma(h0, da").append(b).append(");\n");
      }
      sb.append(i2).append("}\n");
    }
    sb.append(i2).append("i += L;\n");
    sb.append(in).append("}\n");
    for (int b = 0; b < keys; b++) {
      if (qk) {
        sb.append(in).append("double qk").append(b).append(" = s").append(b).append(".add(t").append(b)
            .append(").reduceLanes(VectorOperators.ADD);\n")
            .append(in).append("double qkA").append(b).append(" = ").append(chains ? "a" + b + ".reduceLanes(VectorOperators.ADD)" : "qkAll").append(";\n");
      }
      if (kk) {
        sb.append(in).append("double kk").append(b).append(" = ka").append(b).append(".add(kb").append(b)
            .append(").reduceLanes(VectorOperators.ADD);\n");
      }
      if (dd) {
        sb.append(in).append("double dd").append(b).append(" = da").append(b).append(".add(dz").append(b)
            .append(").reduceLanes(VectorOperators.ADD);\n");
      }
    }
    sb.append(in).append("for (; i < d; i++) {\n");
    sb.append(i2).append("double qi = q[qOff + i];\n");
    for (int b = 0; b < keys; b++) {
      String ki = "k" + b + "i";
      sb.append(i2).append("double ").append(ki).append(" = keys[ko").append(b).append(" + i];\n");
      if (qk) {
        sb.append(i2).append("qk").append(b).append(" = Math.fma(qi, ").append(ki).append(", qk").append(b).append(");\n");
        if (chains) {
          sb.append(i2).append("qkA").append(b).append(" = Math.fma(Math.abs(qi), Math.abs(").append(ki).append("), qkA")
              .append(b).append(");\n");
        }
      }
      if (kk) sb.append(i2).append("kk").append(b).append(" = Math.fma(").append(ki).append(", ").append(ki).append(", kk").append(b).append(");\n");
      if (dd) {
        sb.append(i2).append("double h").append(b).append(" = qi - ").append(ki).append(";\n")
            .append(i2).append("dd").append(b).append(" = Math.fma(h").append(b).append(", h").append(b).append(", dd").append(b).append(");\n");
      }
    }
    sb.append(in).append("}\n");
    for (int b = 0; b < keys; b++) keyBound(sb, cheap, in, b);
  }

  /** Key {@code b}'s energy {@code e<b>} and its error bound {@code tau<b>}; recomputed compensated over {@link #KEY_LIMIT}. */
  private void keyBound(StringBuilder sb, boolean cheap, String in, int b) {
    String i2 = in + "  ";
    String args = keyArgs(b);
    List<String> terms = new ArrayList<>();
    if (entries.contains("qk")) {
      sb.append(in).append("double qkB").append(b).append(" = U * (chain + L - 1) * qkA").append(b).append(" + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("qk")) terms.add("Math.abs(dqk(" + args + ")) * qkB" + b);
    }
    if (entries.contains("kk")) {
      sb.append(in).append("double kkB").append(b).append(" = U * (chain + L - 1) * kk").append(b).append(" + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("kk")) terms.add("Math.abs(dkk(" + args + ")) * kkB" + b);
    }
    if (entries.contains("dd")) {
      // each difference q_i - k_i is rounded once: its square carries two more roundings
      sb.append(in).append("double ddB").append(b).append(" = U * (chain + L + 1) * dd").append(b).append(" + d * Double.MIN_VALUE;\n");
      if (partials.containsKey("dd")) terms.add("Math.abs(ddd(" + args + ")) * ddB" + b);
    }
    if (entries.contains("qq") && partials.containsKey("qq")) terms.add("Math.abs(dqq(" + args + ")) * qqB");
    sb.append(in).append("double e").append(b).append(" = energy(").append(args).append(");\n");
    sb.append(in).append("double tau").append(b).append(" = ").append(terms.isEmpty() ? "0.0" : String.join(" + ", terms)).append(";\n");
    if (cheap) {
      // no recomputation: the call's bound takes the largest tau (NaN makes it fail) and the careful kernel redoes
      // the call where it does not hold
      if (energyRounding) sb.append(in).append("tau").append(b).append(" += 4.0 * U * Math.abs(e").append(b).append(");\n");
      sb.append(in).append("tauMax = Math.max(tauMax, tau").append(b).append(");\n");
      return;
    }
    sb.append(in).append("if (!(tau").append(b).append(" <= ").append(KEY_LIMIT).append(")) {\n");
    sb.append(i2).append("// the fast sums may cost the contract here: the compensated sums of the plain code\n");
    String ko = "ko" + b;
    if (entries.contains("qk")) sb.append(i2).append("qk").append(b).append(" = dot(q, qOff, keys, ").append(ko).append(", d);\n");
    if (entries.contains("kk")) sb.append(i2).append("kk").append(b).append(" = dot(keys, ").append(ko).append(", keys, ").append(ko).append(", d);\n");
    if (entries.contains("dd")) sb.append(i2).append("dd").append(b).append(" = squaredDistance(q, qOff, keys, ").append(ko).append(", d);\n");
    if (entries.contains("qq")) sb.append(i2).append("qq = dot(q, qOff, q, qOff, d);\n");
    sb.append(i2).append("e").append(b).append(" = energy(").append(args).append(");\n");
    sb.append(i2).append("tau").append(b).append(" = 0.0;\n");
    sb.append(in).append("}\n");
    if (energyRounding) {
      sb.append(in).append("// the energy's own rounding (a log R is rounded to a unit of |a log R|)\n")
          .append(in).append("tau").append(b).append(" += 4.0 * U * Math.abs(e").append(b).append(");\n");
    }
  }

  /**
   * {@code max(acc, |v|)} lane-wise for a {@code LongVector} accumulator of bit patterns (started at
   * {@code z.reinterpretAsLongs()}, read with {@code reinterpretAsDoubles()}): for doubles with a clear sign
   * bit the signed-integer order of the bit patterns is the numeric order, and a NaN (sign cleared by {@code
   * abs}) lies above infinity, so the result is that of {@code acc.max(v.abs())} bit for bit. Why: C2 (JDK 17)
   * compiles the double {@code MAX} to a blend sequence that keeps Java's NaN and signed-zero rules, the long
   * one to one instruction. The accumulator is typed {@code LongVector} across the loop: reinterpreting it
   * back and forth in each step made C2 box vectors (1.6 kB per call).
   */
  static String maxAbs(String acc, String v) {
    return acc + ".lanewise(VectorOperators.MAX, " + v + ".abs().reinterpretAsLongs())";
  }

  /** The key offsets {@code ko0, ko1, ..} of the block at key {@code j}. */
  private static void keyOffsets(StringBuilder sb, String in, int keys) {
    sb.append(in).append("int ko0 = kOff + j * d;\n");
    for (int b = 1; b < keys; b++) sb.append(in).append("int ko").append(b).append(" = ko").append(b - 1).append(" + d;\n");
  }

  /**
   * One block of {@code keys} keys in {@code value}: their energies, one rescale of the online
   * normaliser for the block's smallest energy, their weights, then one pass over the value chunks:
   * each chunk of {@code out} loaded once, {@code out * scale + w0 v0 + w1 v1 + ..} in key order, stored
   * once; with it each key's lane-wise maximum {@code |v_j|} for the output bound.
   */
  private void valueBlock(StringBuilder sb, boolean isFloat, String in, int keys) {
    String i2 = in + "  ";
    keyOffsets(sb, in, keys);
    blockEnergy(sb, isFloat, false, in, keys);
    sb.append(in).append("// NaN, infinite energies: the plain code's rules\n")
        .append(in).append("if (!(").append(each(keys, " && ", b -> "Math.abs(e" + b + ") <= Double.MAX_VALUE")).append(")) return 1;\n")
        .append(in).append("double emin = e0;\n");
    for (int b = 1; b < keys; b++) sb.append(in).append("emin = Math.min(emin, e").append(b).append(");\n");
    sb.append(in).append("double scale = 1.0;\n")
        .append(in).append("double rs = 0.0;\n")
        .append(in).append("if (emin < mm) {\n")
        .append(i2).append("// a new minimum: rescale what was summed relative to the old one (the online normaliser); the rescale's\n")
        .append(i2).append("// own error (the polynomial exponential) acts as an error of the energies summed so far: rs, in their bounds\n")
        .append(i2).append("scale = exp(emin - mm);\n")
        .append(i2).append("rs = ").append(EXP_ERROR).append(";\n")
        .append(i2).append("// the old weights below the normal range, where a large value can still contribute: the plain code\n")
        .append(i2).append("if (scale < " + AttentionClassEmitter.TINY_WEIGHT + " && mm - emin <= " + AttentionClassEmitter.TINY_GAP + ") return 1;\n")
        .append(i2).append("mm = emin;\n")
        .append(in).append("}\n");
    blockExp(sb, in, keys);
    sb.append(in).append("// a weight below the normal range (a large value can still contribute): the plain code\n")
        .append(in).append("if (").append(each(keys, " || ", b -> "(w" + b + " < " + AttentionClassEmitter.TINY_WEIGHT + " && e" + b + " - mm <= " + AttentionClassEmitter.TINY_GAP + ")")).append(") return 1;\n");
    sb.append(in).append("int vo0 = vOff + j * m;\n");
    for (int b = 1; b < keys; b++) sb.append(in).append("int vo").append(b).append(" = vo").append(b - 1).append(" + m;\n");
    sb.append(in).append("LongVector zl = z.reinterpretAsLongs();\n")
        .append(in).append("LongVector ").append(each(keys, ", ", b -> "m" + b + " = zl")).append(";\n")
        .append(in).append("int k = 0;\n")
        .append(in).append("for (; k < mb; k += L) {\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("DoubleVector v").append(b).append(" = ").append(vload(isFloat, "values", "vo" + b + " + k")).append(";\n")
          .append(i2).append("m").append(b).append(" = ").append(maxAbs("m" + b, "v" + b)).append(";\n");
    }
    sb.append(i2).append("DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("o = v").append(b).append(".fma(DoubleVector.broadcast(S, w").append(b).append("), o);\n");
    }
    sb.append(i2).append("o.intoArray(out, oo + k);\n")
        .append(in).append("}\n")
        .append(in).append("double ").append(each(keys, ", ", b -> "x" + b + " = 0.0")).append(";\n")
        .append(in).append("for (; k < m; k++) {\n")
        .append(i2).append("double o = out[oo + k] * scale;\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("double v").append(b).append(" = values[vo").append(b).append(" + k];\n")
          .append(i2).append("x").append(b).append(" = Math.max(x").append(b).append(", Math.abs(v").append(b).append("));\n")
          .append(i2).append("o = Math.fma(w").append(b).append(", v").append(b).append(", o);\n");
    }
    sb.append(i2).append("out[oo + k] = o;\n")
        .append(in).append("}\n");
    // the weight's own error (the polynomial exponential: within 3 ulp, at most 6 U relative) acts as an error of its
    // energy: counted with the energy's bound in the output bound (after the recomputation test, which is about the sums)
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("double wt").append(b).append(" = w").append(b).append(" * (tau").append(b).append(" + ").append(EXP_ERROR).append(");\n");
    }
    sb.append(in).append("tauW = Math.fma(rs, s, tauW) * scale + ").append(each(keys, " + ", b -> "wt" + b)).append(";\n")
        .append(in).append("s = s * scale + ").append(each(keys, " + ", b -> "w" + b)).append(";\n");
    String tv = "mw.mul(rs).add(tv).mul(scale)";
    String mw = "mw.mul(scale)";
    for (int b = 0; b < keys; b++) {
      tv = "m" + b + ".reinterpretAsDoubles().fma(DoubleVector.broadcast(S, wt" + b + "), " + tv + ")";
      mw = "m" + b + ".reinterpretAsDoubles().fma(DoubleVector.broadcast(S, w" + b + "), " + mw + ")";
    }
    sb.append(in).append("tv = ").append(tv).append(";\n")
        .append(in).append("mw = ").append(mw).append(";\n")
        .append(in).append("tvT = Math.fma(rs, mwT, tvT) * scale + ").append(each(keys, " + ", b -> "wt" + b + " * x" + b)).append(";\n")
        .append(in).append("mwT = mwT * scale + ").append(each(keys, " + ", b -> "w" + b + " * x" + b)).append(";\n");
  }

  /**
   * One block of {@code keys} keys in the cheap {@code float[]} kernel ({@link #cheapValue}): the energies without
   * the {@code |q_i k_i|} chains (their bound is the call's a-priori {@code qkAll}), the largest bound kept in
   * {@code tauMax}, the rescales of the online normaliser counted, and the value sum without the per-key maxima of
   * {@code |v_j|} (the call's largest {@code |v|} replaces them).
   */
  private void cheapValueBlock(StringBuilder sb, String in, int keys) {
    String i2 = in + "  ";
    keyOffsets(sb, in, keys);
    blockEnergy(sb, true, true, in, keys);
    sb.append(in).append("// NaN, infinite energies: the plain code's rules\n")
        .append(in).append("if (!(").append(each(keys, " && ", b -> "Math.abs(e" + b + ") <= Double.MAX_VALUE")).append(")) return 1;\n")
        .append(in).append("double emin = e0;\n");
    for (int b = 1; b < keys; b++) sb.append(in).append("emin = Math.min(emin, e").append(b).append(");\n");
    sb.append(in).append("double scale = 1.0;\n")
        .append(in).append("if (emin < mm) {\n")
        .append(i2).append("scale = exp(emin - mm);\n")
        .append(i2).append("rescales++;\n")
        .append(i2).append("if (scale < " + AttentionClassEmitter.TINY_WEIGHT + " && mm - emin <= " + AttentionClassEmitter.TINY_GAP + ") return 1;\n")
        .append(i2).append("mm = emin;\n")
        .append(in).append("}\n");
    blockExp(sb, in, keys);
    sb.append(in).append("if (").append(each(keys, " || ", b -> "(w" + b + " < " + AttentionClassEmitter.TINY_WEIGHT + " && e" + b + " - mm <= " + AttentionClassEmitter.TINY_GAP + ")")).append(") return 1;\n");
    sb.append(in).append("int vo0 = vOff + j * m;\n");
    for (int b = 1; b < keys; b++) sb.append(in).append("int vo").append(b).append(" = vo").append(b - 1).append(" + m;\n");
    sb.append(in).append("int k = 0;\n")
        .append(in).append("for (; k < mb; k += L) {\n")
        .append(i2).append("DoubleVector o = DoubleVector.fromArray(S, out, oo + k).mul(DoubleVector.broadcast(S, scale));\n");
    for (int b = 0; b < keys; b++) {
      sb.append(i2).append("o = ").append(vload(true, "values", "vo" + b + " + k")).append(".fma(DoubleVector.broadcast(S, w").append(b).append("), o);\n");
    }
    sb.append(i2).append("o.intoArray(out, oo + k);\n")
        .append(in).append("}\n")
        .append(in).append("for (; k < m; k++) {\n")
        .append(i2).append("double o = out[oo + k] * scale;\n");
    for (int b = 0; b < keys; b++) sb.append(i2).append("o = Math.fma(w").append(b).append(", values[vo").append(b).append(" + k], o);\n");
    sb.append(i2).append("out[oo + k] = o;\n")
        .append(in).append("}\n")
        .append(in).append("s = s * scale + ").append(each(keys, " + ", b -> "w" + b)).append(";\n");
  }

  /**
   * The {@code float[]} {@code value}: the cheap kernel ({@link #cheapValue}), and where its a-priori bound does not
   * prove its share, the careful one (the {@code double[]} kernel's per-key bounds, loading floats).
   */
  private void floatValue(StringBuilder sb) {
    sb.append("  static int value(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff, int n, int d, int m,\n")
        .append("      double[] out, int oo) {\n")
        .append("    if (n < 1 || d < L || m < L) return 1;\n")
        .append("    return cheapValue(q, qOff, keys, kOff, values, vOff, n, d, m, out, oo) == 0 ? 0\n")
        .append("        : carefulValue(q, qOff, keys, kOff, values, vOff, n, d, m, out, oo);\n")
        .append("  }\n\n");
    cheapValue(sb);
    value(sb, true);
  }

  /**
   * The cheap {@code float[]} kernel. Its contract is the double result rounded once to float (half a unit is 2^-25
   * relative), so it needs the internal result only to about 2^-30, where the {@code double[]} kernel proves 2^-41;
   * it takes the error control from a-priori bounds per call instead of per key (on paper, in the generated comments):
   * <ul>
   *   <li>a product of two floats is exact in double (24 + 24 significant bits), so a fast {@code qk} entry errs only by
   *       its additions: at most {@code u (c + L - 1) sum_i |q_i k_i|} as in the double kernel, and {@code sum_i |q_i k_i|
   *       <= (sum_i |q_i|) max |k|} with the largest key entry of the call ({@code qkAll}): one pass over the keys in
   *       float lanes instead of a chain per key;</li>
   *   <li>with every key's energy bound at most {@code T} ({@code tauMax} plus the exponentials' {@link #EXP_ERROR},
   *       once for the weight and once per rescale of the normaliser), {@code tauBar <= T} and the double kernel's
   *       first-order bound {@code sum_j r_j (tau_j + tauBar)(|v_ji| + |out_i|)} is at most {@code 2 T (V + |out_i|)},
   *       {@code V} the largest {@code |v|} of the call (since {@code sum_j r_j = 1}): one pass over the values in float
   *       lanes instead of a maximum per key and chunk;</li>
   *   <li>the call is done when {@code 2 T (V + max |out|) <= }{@link #FLOAT_SHARE}{@code  max |out|}; otherwise (and for
   *       NaN, infinite energies, weights below the normal range) the careful kernel redoes it.</li>
   * </ul>
   * On normal inputs at n = 1024, d = m = 64 the bound is about 4e-13 against a permitted 6e-12 (max |out| about 0.1).
   */
  private void cheapValue(StringBuilder sb) {
    sb.append("  /** The cheap float kernel: a-priori bounds per call (the generator's comment has the derivation). */\n")
        .append("  private static int cheapValue(float[] q, int qOff, float[] keys, int kOff, float[] values, int vOff, int n, int d, int m,\n")
        .append("      double[] out, int oo) {\n");
    setUp(sb, true);
    sb.append("    if (").append(entries.contains("qq") ? "!(qqB < Double.POSITIVE_INFINITY)" : "false").append(") return 1;\n");
    if (entries.contains("qk")) {
      sb.append("    // sum_i |q_i k_i| <= (sum_i |q_i|) max |k| for every key (products of floats are exact in double)\n")
          .append("    double qAbs = 0.0;\n")
          .append("    for (int i = 0; i < d; i++) qAbs += Math.abs((double) q[qOff + i]);\n")
          .append("    double qkAll = qAbs * maxAbs(keys, kOff, n * d);\n");
    }
    sb.append("    for (int k = 0; k < m; k++) out[oo + k] = 0.0;\n")
        .append("    double mm = Double.MAX_VALUE;\n")
        .append("    double s = 0.0;\n")
        .append("    double tauMax = 0.0;\n")
        .append("    int rescales = 0;\n");
    blocks(sb, CHEAP_BLOCK, keys -> cheapValueBlock(sb, "      ", keys));
    sb.append("    double outMax = normalize(out, oo, m, 1.0 / s);\n")
        .append("    // every key's bound with its weight's and the rescales' exponential errors; NaN fails the test\n")
        .append("    double tt = tauMax + ").append(EXP_ERROR).append(" * (1 + rescales);\n")
        .append("    double bound = 2.0 * tt * (maxAbs(values, vOff, n * m) + outMax);\n")
        .append("    return bound <= ").append(FLOAT_SHARE).append(" * outMax ? 0 : 1;\n")
        .append("  }\n\n");
  }

  /** {@code value}: the attention output (the mean) into {@code out} (double accumulators for float inputs). */
  private void value(StringBuilder sb, boolean isFloat) {
    String t = isFloat ? "float" : "double";
    sb.append("  ").append(isFloat ? "private static int carefulValue(" : "static int value(").append(t).append("[] q, int qOff, ").append(t).append("[] keys, int kOff, ")
        .append(t).append("[] values, int vOff, int n, int d, int m, double[] out, int oo) {\n")
        .append("    if (n < 1 || d < L || m < L) return 1;\n");
    setUp(sb, isFloat);
    sb.append("    if (").append(entries.contains("qq") ? "!(qqB < Double.POSITIVE_INFINITY)" : "false").append(") return 1;\n")
        .append("    for (int k = 0; k < m; k++) out[oo + k] = 0.0;\n")
        .append("    double mm = Double.MAX_VALUE;\n")
        .append("    double s = 0.0;\n")
        .append("    // lane-wise over the value chunks: tv = sum_j w_j tau_j |v_j|, mw = sum_j w_j |v_j| (|v_j| the lane-wise\n")
        .append("    // maximum over the key's chunks; tvT, mwT the same over the tail components); rescaled with s\n")
        .append("    double tauW = 0.0;\n")
        .append("    DoubleVector tv = DoubleVector.zero(S);\n")
        .append("    DoubleVector mw = tv;\n")
        .append("    double tvT = 0.0;\n")
        .append("    double mwT = 0.0;\n")
        .append("    // blocks of ").append(BLOCK).append(" keys, then the remaining keys one by one\n");
    blocks(sb, BLOCK, keys -> valueBlock(sb, isFloat, "      ", keys));
    sb
        .append("    double inv = 1.0 / s;\n")
        .append("    // first order: d out_i = -sum_j r_j (de_j - sum_k r_k de_k) (v_ji - out_i) with |de_j| <= tau_j, so\n")
        .append("    // |d out_i| <= sum_j r_j (tau_j + tauBar) (|v_ji| + |out_i|)\n")
        .append("    double tauBar = tauW * inv;\n")
        .append("    double spread = Math.max(tv.add(mw.mul(tauBar)).reduceLanes(VectorOperators.MAX), tvT + tauBar * mwT);\n")
        .append("    double outMax = normalize(out, oo, m, inv);\n")
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
   * One block of {@code keys} keys in backward's pass 1: each key's energy into {@code gradValues[gvo + j]} (read by
   * the weights' pass, which overwrites it), its bound into its {@code gradKeys} row, the smallest energy, its first key
   * and the largest bound. No exponential here: the weights' pass takes them all at once from the final minimum.
   */
  private void energiesBlock(StringBuilder sb, String in, int keys) {
    String i2 = in + "  ";
    String i3 = i2 + "  ";
    keyOffsets(sb, in, keys);
    blockEnergy(sb, false, false, in, keys);
    for (int b = 0; b < keys; b++) {
      String e = "e" + b;
      String tau = "tau" + b;
      sb.append(in).append("{\n")
          .append(i2).append("if (!(Math.abs(").append(e).append(") <= Double.MAX_VALUE)) return -1;\n")
          .append(i2).append("gradKeys[gko + (j + ").append(b).append(") * d + 1] = ").append(tau).append(";\n")
          .append(i2).append("gradValues[gvo + j + ").append(b).append("] = ").append(e).append(";\n")
          .append(i2).append("if (").append(e).append(" < mm) {\n")
          .append(i3).append("mm = ").append(e).append(";\n")
          .append(i3).append("win = j + ").append(b).append(";\n")
          .append(i2).append("}\n")
          .append(i2).append("tauMax = Math.max(tauMax, ").append(tau).append(");\n")
          .append(in).append("}\n");
    }
  }

  /**
   * A key's gradient row before the upstream's scale, {@code b q + c k - sd (q - k)} with only the
   * terms whose partial the energy has (the others are 0 for every key): vector ({@code qv, kv}) or
   * scalar ({@code qi, ki}) form.
   */
  private String keyGradient(boolean vector) {
    List<String> terms = new ArrayList<>();
    if (vector) {
      if (partials.containsKey("qk")) terms.add("DoubleVector.broadcast(S, b).mul(qv)");
      if (partials.containsKey("kk")) terms.add("DoubleVector.broadcast(S, c).mul(kv)");
      // sd (k - q) = -(sd (q - k)) exactly
      if (partials.containsKey("dd")) terms.add("DoubleVector.broadcast(S, sd).mul(kv.sub(qv))");
      if (terms.isEmpty()) return "DoubleVector.zero(S)";
      String g = terms.get(0);
      for (String t : terms.subList(1, terms.size())) g += ".add(" + t + ")";
      return g;
    }
    if (partials.containsKey("qk")) terms.add("b * qi");
    if (partials.containsKey("kk")) terms.add("c * ki");
    if (partials.containsKey("dd")) terms.add("sd * (ki - qi)");
    return terms.isEmpty() ? "0.0" : String.join(" + ", terms);
  }

  /** Keys per block of backward's passes 2 and 3: the upstream, the winner's value and key rows, q and {@code gradQ} loaded once per block. */
  static final int BACKWARD_BLOCK = 2;

  /** Key {@code b}'s row offsets: for each (name, base, stride) {@code int <name><b> = <base> + (j + <b>) * <stride>;}. */
  private static void offsets(StringBuilder sb, String in, int b, String... nameBaseStride) {
    for (int k = 0; k < nameBaseStride.length; k += 3) {
      sb.append(in).append("int ").append(nameBaseStride[k]).append(b).append(" = ").append(nameBaseStride[k + 1])
          .append(" + (j + ").append(b).append(") * ").append(nameBaseStride[k + 2]).append(";\n");
    }
  }

  /**
   * One block of backward's pass 2: the weights {@code r}, {@code gradValues = r u}, {@code t = <u, v_j - v_w>}
   * and its bound {@code beta} (the winner's {@code t} is exactly 0: its difference is 0); no branch per key
   * (C2 boxed vectors merged from two branches): a key of weight 0 gets its {@code t} too.
   */
  private static void weightsBlock(StringBuilder sb, String in, int keys) {
    String i2 = in + "  ";
    for (int b = 0; b < keys; b++) {
      offsets(sb, in, b, "row", "gko", "d", "vo", "vOff", "m", "gv", "gvo", "m");
      sb.append(in).append("double r").append(b).append(" = gradValues[gvo + j + ").append(b).append("] * inv;\n")
          .append(in).append("gradKeys[row").append(b).append("] = r").append(b).append(";\n");
    }
    laneLoop(sb, in, keys, b -> "ts" + b + " = z, ta" + b + " = z",
        new LaneLoop("k", "mb", "m",
            List.of("DoubleVector u = DoubleVector.fromArray(S, upstream, uo + k);", "DoubleVector a = u.mul(DoubleVector.broadcast(S, down));",
                "DoubleVector aa = a.abs();", "DoubleVector vw = DoubleVector.fromArray(S, values, vw0 + k);"),
            List.of(), List.of("double u = upstream[uo + k];", "double a = u * down;")),
        b -> "double t" + b + " = ts" + b + ".reduceLanes(VectorOperators.ADD);\n" + in
            + "double ab" + b + " = ta" + b + ".reduceLanes(VectorOperators.ADD);",
        (b, vector) -> weightsStep(sb, i2, b, vector));
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("// the difference v_j - v_w is rounded once: one more rounding in the depth\n")
          .append(in).append("double beta").append(b).append(" = U * depthM * ab").append(b).append(" + m * Double.MIN_VALUE;\n")
          .append(in).append("gradKeys[row").append(b).append(" + 2] = t").append(b).append(";\n")
          .append(in).append("gradKeys[row").append(b).append(" + 3] = beta").append(b).append(";\n")
          .append(in).append("acc -= r").append(b).append(" * t").append(b).append(";\n")
          .append(in).append("spill = Math.fma(r").append(b).append(", (gradKeys[row").append(b).append(" + 1] + tauBar) * Math.abs(t")
          .append(b).append(") + beta").append(b).append(", spill);\n");
    }
  }

  /**
   * A loop over one dimension of a block's keys: {@code index} in lane steps up to {@code vectorBound}, then one
   * by one up to {@code limit}; the lines before each form's per-key steps (and after the vector ones).
   */
  private record LaneLoop(String index, String vectorBound, String limit, List<String> vectorSetUp, List<String> vectorEnd,
      List<String> scalarSetUp) {}

  /**
   * Emits {@code loop} for a block of {@code keys} keys: the per-key vector accumulators (zero), the vector steps,
   * the per-key reductions, the scalar steps ({@code step} gets the key and whether the step is the vector one).
   */
  private static void laneLoop(StringBuilder sb, String in, int keys, IntFunction<String> accumulators,
      LaneLoop loop, IntFunction<String> reductions, BiConsumer<Integer, Boolean> step) {
    String i2 = in + "  ";
    String x = loop.index();
    sb.append(in).append("DoubleVector z = DoubleVector.zero(S);\n")
        .append(in).append("DoubleVector ").append(each(keys, ", ", accumulators)).append(";\n")
        .append(in).append("int ").append(x).append(" = 0;\n")
        .append(in).append("for (; ").append(x).append(" < ").append(loop.vectorBound()).append("; ").append(x).append(" += L) {\n");
    for (String line : loop.vectorSetUp()) sb.append(i2).append(line).append('\n');
    for (int b = 0; b < keys; b++) step.accept(b, true);
    for (String line : loop.vectorEnd()) sb.append(i2).append(line).append('\n');
    sb.append(in).append("}\n");
    for (int b = 0; b < keys; b++) sb.append(in).append(reductions.apply(b)).append('\n');
    sb.append(in).append("for (; ").append(x).append(" < ").append(loop.limit()).append("; ").append(x).append("++) {\n");
    for (String line : loop.scalarSetUp()) sb.append(i2).append(line).append('\n');
    for (int b = 0; b < keys; b++) step.accept(b, false);
    sb.append(in).append("}\n");
  }

  /**
   * Key {@code b}'s share of one step over m in pass 2, vector ({@code u, a = u 2^-ue, aa = |a|, vw} of the chunk)
   * or scalar ({@code u, a}): {@code gradValues = r u}, and {@code a (v_j - v_w)} with its absolute value added to
   * {@code t} and its bound's sum.
   */
  private static void weightsStep(StringBuilder sb, String in, int b, boolean vector) {
    String x = String.valueOf(b);
    // each line's vector and scalar form
    List<List<String>> lines = List.of(
        List.of("u.mul(DoubleVector.broadcast(S, r" + x + ")).intoArray(gradValues, gv" + x + " + k);", "gradValues[gv" + x + " + k] = r" + x + " * u;"),
        List.of("DoubleVector b" + x + " = DoubleVector.fromArray(S, values, vo" + x + " + k).sub(vw);",
            "double b" + x + " = values[vo" + x + " + k] - values[vw0 + k];"),
        List.of("ts" + x + " = a.fma(b" + x + ", ts" + x + ");", "t" + x + " = Math.fma(a, b" + x + ", t" + x + ");"),
        List.of("ta" + x + " = aa.fma(b" + x + ".abs(), ta" + x + ");", "ab" + x + " = Math.fma(Math.abs(a), Math.abs(b" + x + "), ab" + x + ");"));
    for (List<String> line : lines) sb.append(in).append(line.get(vector ? 0 : 1)).append('\n');
  }

  /**
   * One block of backward's pass 3: per key {@code dL/de_j} and the factors of its gradient row, then one
   * pass over d: q, the winner's key and {@code gradQ} loaded once, each key's row written and its
   * {@code (b_j - s_j) (k_j - k_w)} added to {@code gradQ}. A key with {@code dL/de_j = 0} gets a zero row
   * (its factors are 0) and no error share.
   */
  private void gradientsBlock(StringBuilder sb, String in, int keys) {
    String i2 = in + "  ";
    for (int b = 0; b < keys; b++) {
      String x = String.valueOf(b);
      offsets(sb, in, b, "ko", "kOff", "d", "row", "gko", "d");
      sb.append(in).append("double r").append(x).append(" = gradKeys[row").append(x).append("];\n")
          .append(in).append("double t").append(x).append(" = gradKeys[row").append(x).append(" + 2];\n")
          .append(in).append("double delta").append(x).append(" = r").append(x).append(" == 0.0 ? 0.0 : -r").append(x)
          .append(" * (j + ").append(x).append(" == win ? acc : t").append(x).append(" + acc);\n")
          .append(in).append("// Delta_j over |delta_j|: the relative error of this key's gradient row\n")
          .append(in).append("double rel").append(x).append(" = delta").append(x).append(" == 0.0 ? 0.0 : r").append(x)
          .append(" * ((gradKeys[row").append(x).append(" + 1] + tauBar) * (Math.abs(t").append(x).append(") + absAcc) + gradKeys[row")
          .append(x).append(" + 3] + spill) / Math.abs(delta").append(x).append(");\n")
          .append(in).append("double b").append(x).append(" = delta").append(x).append(" * fqk;\n")
          .append(in).append("double c").append(x).append(" = 2.0 * delta").append(x).append(" * fkk;\n")
          .append(in).append("double sd").append(x).append(" = 2.0 * delta").append(x).append(" * fdd;\n")
          .append(in).append("double bs").append(x).append(" = b").append(x).append(" - sd").append(x).append(";\n");
    }
    laneLoop(sb, in, keys, b -> (rowMaxFromQ() ? "" : "gm" + b + " = z, ") + "km" + b + " = z",
        new LaneLoop("i", "db", "d",
            List.of("// the broadcasts inside the loop body: C2 boxed broadcast vectors that lived across the inner loop",
                "DoubleVector qv = DoubleVector.fromArray(S, q, qOff + i);", "DoubleVector kw = DoubleVector.fromArray(S, keys, kwo + i);",
                "DoubleVector gq = DoubleVector.fromArray(S, gradQ, go + i);"),
            List.of("gq.intoArray(gradQ, go + i);"), List.of("double qi = q[qOff + i];", "double kwi = keys[kwo + i];")),
        b -> "double gj" + b + " = " + (rowMaxFromQ() ? "Math.abs(b" + b + " * qs * up)" : "gm" + b + ".reduceLanes(VectorOperators.MAX)")
            + ";\n" + in + "double kj" + b + " = km" + b + ".reduceLanes(VectorOperators.MAX);",
        (b, vector) -> gradientRow(sb, i2, b, vector));
    for (int b = 0; b < keys; b++) {
      sb.append(in).append("errK = Math.max(errK, gj").append(b).append(" * rel").append(b).append(");\n")
          .append(in).append("maxK = Math.max(maxK, gj").append(b).append(");\n")
          .append(in).append("// grad q moves by (Delta_j / |delta_j|) |b_j - s_j| |k_j - k_w| (the exact dL/de sum to 0)\n")
          .append(in).append("errQ = Math.fma(kj").append(b).append(", rel").append(b).append(" * Math.abs(bs").append(b).append(") * up, errQ);\n");
    }
  }

  /** Whether a key's gradient row is {@code (b_j q) up} alone (the energy's only partial is that of {@code qk}). */
  private boolean rowMaxFromQ() {
    return partials.keySet().equals(Set.of("qk"));
  }

  /**
   * Key {@code b}'s share of one step over d in pass 3, vector ({@code qv, kw, gq} of the chunk) or scalar
   * ({@code qi, kwi}, {@code gradQ} in place): its gradient entries, their maximum, and {@code (b_j - s_j) (k_j - k_w)}
   * added to {@code grad q}.
   */
  private void gradientRow(StringBuilder sb, String in, int b, boolean vector) {
    String i2 = in + "  ";
    sb.append(in).append("{\n")
        .append(i2).append("double b = b").append(b).append(";\n")
        .append(i2).append("double c = c").append(b).append(";\n")
        .append(i2).append("double sd = sd").append(b).append(";\n");
    String x = String.valueOf(b);
    // each line's vector and scalar form
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("DoubleVector kv = DoubleVector.fromArray(S, keys, ko" + x + " + i);", "double ki = keys[ko" + x + " + i];"));
    lines.add(List.of("DoubleVector g = " + keyGradient(true) + ".mul(DoubleVector.broadcast(S, up));",
        "double g = (" + keyGradient(false) + ") * up;"));
    lines.add(List.of("g.intoArray(gradKeys, row" + x + " + i);", "gradKeys[row" + x + " + i] = g;"));
    if (!rowMaxFromQ()) lines.add(List.of("gm" + x + " = gm" + x + ".max(g.abs());", "gj" + x + " = Math.max(gj" + x + ", Math.abs(g));"));
    lines.add(List.of("DoubleVector dk = kv.sub(kw);", "double dk = ki - kwi;"));
    lines.add(List.of("gq = dk.fma(DoubleVector.broadcast(S, bs" + x + "), gq);", "gradQ[go + i] = Math.fma(bs" + x + ", dk, gradQ[go + i]);"));
    lines.add(List.of("km" + x + " = km" + x + ".max(dk.abs());", "kj" + x + " = Math.max(kj" + x + ", Math.abs(dk));"));
    for (List<String> line : lines) sb.append(i2).append(line.get(vector ? 0 : 1)).append('\n');
    sb.append(in).append("}\n");
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
        .append("    int win = energies(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko, gradValues, gvo);\n")
        .append("    if (win < 0) return 1;\n")
        .append("    double mm = gradQ[go];\n")
        .append("    // the largest key bound stands for their weighted mean (a bound of it)\n")
        .append("    double tauBar = gradQ[go + 2];\n")
        .append("    double s = normalizer(gradValues, gvo, n, mm);\n")
        .append("    // s >= 1 (the winner's weight is 1); -1: a weight that may lie below the normal range, for the plain code\n")
        .append("    if (!(s >= 1.0)) return 1;\n")
        .append("    double inv = 1.0 / s;\n")
        .append("    // the upstream scaled by a power of two (as the plain code): <u, v> may overflow where the gradients do not\n")
        .append("    double umax = 0.0;\n")
        .append("    for (int i = 0; i < m; i++) umax = Math.max(umax, Math.abs(upstream[uo + i]));\n")
        .append("    if (!(umax < Double.POSITIVE_INFINITY)) return 1;\n")
        .append("    int ue = umax == 0.0 ? 0 : Math.getExponent(umax);\n")
        .append("    if (ue < Double.MIN_EXPONENT || ue > Double.MAX_EXPONENT - 1) return 1;\n")
        .append("    weights(values, vOff, n, m, upstream, uo, gradQ, go, gradKeys, gko, d, gradValues, gvo, win, inv, tauBar, ue);\n")
        .append("    return gradients(q, qOff, keys, kOff, n, d, gradQ, go, gradKeys, gko, win, tauBar, ue);\n")
        .append("  }\n\n");
    sb.append("  /** Pass 1: each key's energy into gradValues[gvo + j], its bound into its gradKeys row; mm and the largest bound into gradQ; the winner (-1: plain code). */\n")
        .append("  private static int energies(double[] q, int qOff, double[] keys, int kOff, int n, int d, double[] gradQ, int go,\n")
        .append("      double[] gradKeys, int gko, double[] gradValues, int gvo) {\n")
        .append("    int m = L;\n");
    setUp(sb, isFloat);
    sb.append("    if (").append(entries.contains("qq") ? "!(qqB < Double.POSITIVE_INFINITY)" : "false").append(") return -1;\n")
        .append("    // pass 1: energies (in gradValues' first n entries), bounds (in the rows of gradKeys), the winner\n")
        .append("    double mm = Double.MAX_VALUE;\n")
        .append("    double tauMax = 0.0;\n")
        .append("    int win = 0;\n");
    blocks(sb, BLOCK, keys -> energiesBlock(sb, "      ", keys));
    sb
        .append("    gradQ[go] = mm;\n")
        .append("    gradQ[go + 2] = tauMax;\n")
        .append("    return win;\n")
        .append("  }\n\n")
        .append(NORMALIZER)
        .append("  /** Pass 2 (keys in descending order): weights, gradValues, t_j and its bound into the rows; acc and the spill into gradQ. */\n")
        .append("  private static void weights(double[] values, int vOff, int n, int m, double[] upstream, int uo, double[] gradQ, int go,\n")
        .append("      double[] gradKeys, int gko, int d, double[] gradValues, int gvo, int win, double inv, double tauBar, int ue) {\n")
        .append("    int mb = S.loopBound(m);\n")
        .append("    double down = Math.scalb(1.0, -ue);\n")
        .append("    int vw0 = vOff + win * m;\n")
        .append("    double depthM = mb / L + (m - mb) + L;\n")
        .append("    // pass 2: weights, gradValues = r_j u, t_j = <u, v_j - v_w> and acc = -sum_{j != win} r_j t_j\n")
        .append("    double acc = 0.0;\n")
        .append("    double spill = 0.0;\n");
    descendingBlocks(sb, BACKWARD_BLOCK, keys -> weightsBlock(sb, "      ", keys));
    sb
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
        .append("    double absAcc = Math.abs(acc);\n");
    if (rowMaxFromQ()) {
      sb.append("    // a key row is (b_j q) up: its largest entry is (b_j qs) up, qs the entry of q largest in magnitude\n")
          .append("    // (rounding is monotone), so the rows need no maximum of their own\n")
          .append("    double qs = 0.0;\n")
          .append("    for (int i = 0; i < d; i++) if (Math.abs(q[qOff + i]) > Math.abs(qs)) qs = q[qOff + i];\n");
    }
    blocks(sb, BACKWARD_BLOCK, keys -> gradientsBlock(sb, "      ", keys));
    sb.append("    DoubleVector gqm = DoubleVector.zero(S);\n")
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
