import dev.activations.deriver.cli.AttentionGeneration;
import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.emit.AttentionClassEmitter;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionCheck;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.AttentionSamples;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.util.List;
import java.util.Locale;

/**
 * Measures attention classes at extreme common scales, the value and each gradient separately:
 * derives and emits the class as {@code derive --attention} does, and compares it with the
 * reference on {@code AttentionSamples.extreme(seed, count, ...)} at sizes up to n = 1024, d = 128,
 * m = 64 (every other sample with log-priors, as at derive time). This is how the extreme-scale
 * table of docs/ATTENTION.md (Limits) was measured.
 *
 * <p>Usage (with the deriver built): {@code java -Xss8m -cp
 * deriver/target/activation-deriver-0.1.0-SNAPSHOT.jar tools/AttentionExtremeSweep.java 4242 48
 * "--kernel yat --stat mean" "--energy 'Log[1 + Dot[q-k,q-k]]' --stat mean"} (a spec is split on
 * spaces outside quotes; free parameters are bound to the reference's values). With {@code
 * mixed:SEED} instead of the seed, the samples are {@link #mixed} ones.
 */
public class AttentionExtremeSweep {
  private static final int[] NS = {1, 4, 130, 9, 2, 31, 1024, 17};
  private static final int[] DS = {2, 1, 5, 24, 3, 64, 128};
  private static final int[] MS = {3, 1, 17, 2, 64};

  public static void main(String[] args) throws Throwable {
    Symja symja = new Symja();
    AttentionGeneration g = new AttentionGeneration(symja);
    // "mixed:SEED": entries of independent magnitudes instead of a common scale (see mixed(..))
    boolean mixed = args[0].startsWith("mixed:");
    long seed = Long.parseLong(mixed ? args[0].substring(6) : args[0]);
    int count = Integer.parseInt(args[1]);
    for (int x = 2; x < args.length; x++) {
      List<String> spec = new java.util.ArrayList<>(List.of("--attention"));
      spec.addAll(tokens(args[x]));
      AttentionDerivation d;
      AttentionGeneration.Lowered l;
      try {
        d = g.derive(g.resolve(spec));
        l = g.lower(d);
      } catch (RuntimeException e) {
        System.out.printf(Locale.ROOT, "%s: not derived: %s%n", args[x], e.getMessage());
        continue;
      }
      GeneratedSources src = AttentionClassEmitter.emit(d, l.energy(), l.partials(), l.differences(), l.parameterPartials(),
          l.scalable(), l.asymptotic(), "sweep", "Sweep" + x);
      AttentionStatistic stat = d.spec().statistic();
      List<AttentionSamples.Sample> samples = mixed ? mixed(seed, count, stat)
          : AttentionGeneration.extremeSamples(seed, count, NS, DS, MS, stat);
      AttentionReference reference = AttentionGeneration.reference(d.spec());
      // free parameters are bound to the values the reference uses (a custom energy's default 1)
      AttentionCheck.Handles h = AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(src.activation()),
          reference.freeValues(), reference.free());
      String[] names = {"value", "grad q", "grad keys", "grad values", "grad log-prior"};
      double[] worst = new double[5];
      String[] where = new String[5];
      // samples that miss the contract with a NaN somewhere (honest) and with finite numbers only (silently wrong)
      int withNaN = 0;
      int wrongFinite = 0;
      int undefined = 0;
      String undefinedWhere = null;
      long start = System.nanoTime();
      int index = 0;
      for (AttentionSamples.Sample s : samples) {
        int n = s.n();
        int dim = s.d();
        int m = s.m();
        boolean priors = index++ % 2 == 1;
        double[] lp = priors ? s.logPrior() : null;
        double[] out = new double[s.upstream().length];
        double[] gq = new double[dim];
        double[] gk = new double[n * dim];
        double[] gv = new double[n * m];
        double[] gp = new double[priors ? n : 0];
        double[] w = h.weighted() ? s.w() : null;
        double[] gw = new double[h.weighted() ? dim : 0];
        if (priors) {
          h.valuePrior().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, dim, m, out, 0, w, 0, lp, 0);
          h.backwardPrior().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, dim, m, s.upstream(), 0, gq, 0, gk, 0, gv, 0,
              w, 0, gw, 0, lp, 0, gp, 0);
        } else {
          h.value().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, dim, m, out, 0, w, 0);
          h.backward().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, dim, m, s.upstream(), 0, gq, 0, gk, 0, gv, 0, w, 0, gw, 0);
        }
        AttentionReference.Result exact;
        try {
          exact = reference.evaluate(s.q(), s.keys(), s.values(), n, dim, m, s.upstream(), w, lp);
        } catch (RuntimeException e) {
          // no exact value to compare with (e.g. an energy not differentiable where a key equals the query)
          undefined++;
          if (undefinedWhere == null) undefinedWhere = s.family() + " n=" + n + " d=" + dim + ": " + e.getMessage();
          continue;
        }
        double largest = Double.MIN_NORMAL;
        for (double v : exact.values()) largest = Math.max(largest, Math.abs(v));
        double valueError = 0;
        for (int i = 0; i < out.length; i++) {
          valueError = Math.max(valueError, AttentionCheck.error(out[i], exact.values()[i],
              stat == AttentionStatistic.MEAN ? largest : exact.scales()[i]));
        }
        double[] errors = {valueError, AttentionCheck.normwise(gq, exact.gradQ()), AttentionCheck.normwise(gk, exact.gradKeys()),
            stat.usesValues() ? AttentionCheck.normwise(gv, exact.gradValues()) : 0, priors ? AttentionCheck.normwise(gp, exact.gradPrior()) : 0};
        boolean missed = errors[0] > 1e-12;
        for (int k = 1; k < 5; k++) missed |= errors[k] > 1e-10;
        if (missed) {
          boolean nan = false;
          for (double[] a : new double[][] {out, gq, gk, gv, gp}) {
            for (double v : a) nan |= Double.isNaN(v);
          }
          if (nan) withNaN++;
          else wrongFinite++;
          if (Boolean.getBoolean("sweep.misses")) {
            // -Dsweep.misses=true: name each missed sample and the outputs that miss (value, gradients)
            StringBuilder which = new StringBuilder();
            for (int k = 0; k < 5; k++) {
              if (errors[k] > (k == 0 ? 1e-12 : 1e-10) || Double.isNaN(errors[k])) which.append(String.format(Locale.ROOT, " %s %.1e", names[k], errors[k]));
            }
            System.out.printf(Locale.ROOT, "  miss #%d %s n=%d d=%d m=%d%s (%s):%s%n", index - 1, s.family(), n, dim, m,
                priors ? " (log-priors)" : "", nan ? "NaN" : "finite", which);
          }
        }
        for (int k = 0; k < 5; k++) {
          if (errors[k] > worst[k]) {
            worst[k] = errors[k];
            where[k] = s.family() + " n=" + n + " d=" + dim + " m=" + m + (priors ? " (log-priors)" : "");
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s (%d samples, %.1f s; missed: %d with NaN, %d finite):%n", args[x], samples.size(),
          (System.nanoTime() - start) / 1e9, withNaN, wrongFinite);
      if (undefined > 0) System.out.printf(Locale.ROOT, "  reference undefined at %d samples, first %s%n", undefined, undefinedWhere);
      for (int k = 0; k < 5; k++) System.out.printf(Locale.ROOT, "  %-15s %.1e  %s%n", names[k], worst[k], where[k] == null ? "" : where[k]);
    }
  }

  /** Splits a spec on spaces outside single or double quotes, so energies with spaces can be given quoted. */
  static List<String> tokens(String spec) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder t = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : spec.toCharArray()) {
      if (quote != 0) {
        if (c == quote) quote = 0;
        else t.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (c == ' ') {
        if (any || t.length() > 0) out.add(t.toString());
        t.setLength(0);
        any = false;
      } else {
        t.append(c);
      }
    }
    if (quote != 0) throw new IllegalArgumentException("unbalanced quote in " + spec);
    if (any || t.length() > 0) out.add(t.toString());
    return out;
  }

  /**
   * Samples whose query and key entries have independent magnitudes {@code 10^U(-200, 200)} (every
   * other sample; the others at a common scale of 1e150), every fourth with near-duplicate keys
   * (relative 1e-12), every fifth with a key equal to the query; values {@code 10^U(-200, 200)} in
   * magnitude, upstreams normal. Not a family of {@link AttentionSamples}: a probe of inputs whose
   * components differ by hundreds of orders of magnitude within one vector.
   */
  static List<AttentionSamples.Sample> mixed(long seed, int count, AttentionStatistic stat) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    List<AttentionSamples.Sample> out = new java.util.ArrayList<>();
    int[] ns = {1, 2, 5, 17, 64};
    int[] ds = {1, 2, 3, 8, 16};
    for (int c = 0; c < count; c++) {
      int n = ns[c % 5];
      int d = ds[(c / 5 + c) % 5];
      int m = 1 + c % 3;
      boolean independent = c % 2 == 0;
      double[] q = new double[d];
      double[] k = new double[n * d];
      double[] v = new double[n * m];
      for (int i = 0; i < d; i++) q[i] = r.nextGaussian() * (independent ? Math.pow(10, r.nextDouble(-200, 200)) : 1e150);
      for (int i = 0; i < n * d; i++) {
        k[i] = c % 4 == 1 && i >= d ? k[i - d] * (1 + 1e-12 * r.nextGaussian())
            : r.nextGaussian() * (independent ? Math.pow(10, r.nextDouble(-200, 200)) : 1e150);
      }
      if (c % 5 == 3) System.arraycopy(q, 0, k, 0, d);
      for (int i = 0; i < n * m; i++) v[i] = r.nextGaussian() * Math.pow(10, r.nextDouble(-200, 200));
      int outs = stat.outputs().equals("m") ? m : stat.outputs().equals("n") ? n : 1;
      double[] u = new double[outs];
      for (int i = 0; i < outs; i++) u[i] = r.nextGaussian();
      double[] w = new double[d];
      java.util.Arrays.fill(w, 1.0);
      out.add(new AttentionSamples.Sample("mixed" + (independent ? "-independent" : "-common"), n, d, m, q, k, v, u, w, new double[n]));
    }
    return out;
  }
}
