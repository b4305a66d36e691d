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
 * "--kernel yat --stat mean" "--kernel student-t --stat mean"}
 */
public class AttentionExtremeSweep {
  private static final int[] NS = {1, 4, 130, 9, 2, 31, 1024, 17};
  private static final int[] DS = {2, 1, 5, 24, 3, 64, 128};
  private static final int[] MS = {3, 1, 17, 2, 64};

  public static void main(String[] args) throws Throwable {
    Symja symja = new Symja();
    AttentionGeneration g = new AttentionGeneration(symja);
    long seed = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    for (int x = 2; x < args.length; x++) {
      List<String> spec = new java.util.ArrayList<>(List.of("--attention"));
      spec.addAll(List.of(args[x].split(" ")));
      AttentionDerivation d = g.derive(g.resolve(spec));
      AttentionGeneration.Lowered l = g.lower(d);
      GeneratedSources src = AttentionClassEmitter.emit(d, l.energy(), l.partials(), l.differences(), l.parameterPartials(),
          l.scalable(), l.asymptotic(), "sweep", "Sweep" + x);
      AttentionStatistic stat = d.spec().statistic();
      List<AttentionSamples.Sample> samples = AttentionGeneration.extremeSamples(seed, count, NS, DS, MS, stat);
      AttentionCheck.Handles h = AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(src.activation()));
      AttentionReference reference = AttentionGeneration.reference(d.spec());
      String[] names = {"value", "grad q", "grad keys", "grad values", "grad log-prior"};
      double[] worst = new double[5];
      String[] where = new String[5];
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
        AttentionReference.Result exact = reference.evaluate(s.q(), s.keys(), s.values(), n, dim, m, s.upstream(), w, lp);
        double largest = Double.MIN_NORMAL;
        for (double v : exact.values()) largest = Math.max(largest, Math.abs(v));
        double valueError = 0;
        for (int i = 0; i < out.length; i++) {
          valueError = Math.max(valueError, AttentionCheck.error(out[i], exact.values()[i],
              stat == AttentionStatistic.MEAN ? largest : exact.scales()[i]));
        }
        double[] errors = {valueError, AttentionCheck.normwise(gq, exact.gradQ()), AttentionCheck.normwise(gk, exact.gradKeys()),
            stat.usesValues() ? AttentionCheck.normwise(gv, exact.gradValues()) : 0, priors ? AttentionCheck.normwise(gp, exact.gradPrior()) : 0};
        for (int k = 0; k < 5; k++) {
          if (errors[k] > worst[k]) {
            worst[k] = errors[k];
            where[k] = s.family() + " n=" + n + " d=" + dim + " m=" + m + (priors ? " (log-priors)" : "");
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s (%d samples, %.1f s):%n", args[x], samples.size(), (System.nanoTime() - start) / 1e9);
      for (int k = 0; k < 5; k++) System.out.printf(Locale.ROOT, "  %-15s %.1e  %s%n", names[k], worst[k], where[k] == null ? "" : where[k]);
    }
  }
}
