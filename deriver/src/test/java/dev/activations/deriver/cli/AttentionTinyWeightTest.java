package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.emit.AttentionClassEmitter;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionCheck;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.AttentionSamples;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attention weights below the normal range times large values or upstreams: {@code exp(-800)} is
 * about 1e-348 (0 in doubles), but times a value of 1e200 it is 1e-148, which can be the whole
 * output and decide the gradients. The classes returned the other key's value and zero gradients
 * there (a wrong finite answer); they now apply such weights as two half-weights.
 */
class AttentionTinyWeightTest {
  private static final Symja SYMJA = new Symja();

  private static AttentionCheck.Result measure(List<AttentionSamples.Sample> samples, String... spec) {
    AttentionGeneration g = new AttentionGeneration(SYMJA);
    List<String> args = new ArrayList<>(List.of("--attention"));
    args.addAll(List.of(spec));
    AttentionDerivation d = g.derive(g.resolve(args));
    AttentionGeneration.Lowered l = g.lower(d);
    GeneratedSources src = AttentionClassEmitter.emit(d, l.energy(), l.partials(), l.differences(), l.parameterPartials(),
        l.scalable(), l.asymptotic(), "tiny", "Tiny");
    AttentionReference reference = AttentionGeneration.reference(d.spec());
    return AttentionCheck.run(AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(src.activation()), reference.freeValues(),
        reference.free()), reference, d.spec().statistic(), samples);
  }

  /**
   * Two keys in one dimension, energies 0 and 800 apart (scaled dot product: -400 and 400; Euclidean:
   * 0 and 800): the far key's weight is e^-800, its value 1e200, the winner's 1e-200. Exact output
   * 3.7e-148; the scaled-dot class returned 1e-200, and 0 for grad q (exact -1.5e-146). Both key
   * orders (the far key first: its sum is rescaled by e^-800 when the winner arrives), each sample
   * once more through the log-prior overloads (priors 0); with {@code --free s} a class that does
   * not scale its entries (another code path).
   */
  @Test
  void aWeightBelowTheNormalRangeTimesALargeValue() {
    List<AttentionSamples.Sample> samples = List.of(
        new AttentionSamples.Sample("tiny", 2, 1, 1, new double[] {20}, new double[] {20, -20}, new double[] {1e-200, 1e200},
            new double[] {1}, new double[] {1}, new double[] {0, 0}),
        new AttentionSamples.Sample("tiny-far-key-first", 2, 1, 1, new double[] {20}, new double[] {-20, 20},
            new double[] {1e200, 1e-200}, new double[] {1}, new double[] {1}, new double[] {0, 0}));
    List<AttentionSamples.Sample> twice = List.of(samples.get(0), samples.get(0), samples.get(1), samples.get(1));
    for (String spec : List.of("--kernel scaled-dot", "--kernel euclidean", "--kernel euclidean --free s")) {
      AttentionCheck.Result r = measure(twice, (spec + " --stat mean").split(" "));
      assertTrue(r.passed(), spec + ": " + r.describe());
    }
    // responsibilities: the upstream of the far key is 1e200, its weight's gradient representable
    AttentionSamples.Sample u = new AttentionSamples.Sample("tiny", 2, 1, 0, new double[] {20}, new double[] {20, -20},
        new double[0], new double[] {1e-200, 1e200}, new double[] {1}, new double[] {0, 0});
    AttentionCheck.Result r = measure(List.of(u, u), "--kernel", "scaled-dot", "--stat", "responsibilities");
    assertTrue(r.passed(), "responsibilities: " + r.describe());
  }

  /**
   * Yat with one key of 1e200 and a query and two keys near 1e-150 (one dimension): scaled by the
   * large key, the query and the small keys are zero vectors and t = 2^-2se has underflowed, so
   * their scaled energy was 0/0 = NaN; every exact energy is within 1e-300 of 0, so the weights are
   * uniform and the mean is 2. (t is held at MIN_VALUE.) The value only: grad q (exact about
   * 6.7e-151, from the large key's {@code -2 <q,k> k / |q-k|^2}) is still missed, since the scaled
   * query is 0 and carries nothing of it (docs/ATTENTION.md, Limits: entries of independent
   * magnitudes).
   */
  @Test
  void yatWithAQueryAndKeysThatScaleToZero() {
    AttentionSamples.Sample s = new AttentionSamples.Sample("scaled-to-zero", 3, 1, 1, new double[] {1e-150},
        new double[] {1e200, 2e-150, -3e-160}, new double[] {1, 2, 3}, new double[] {1}, new double[] {1},
        new double[] {0, 0, 0});
    AttentionCheck.Result r = measure(List.of(s, s), "--kernel", "yat", "--stat", "mean");
    assertTrue(r.worstValue() <= dev.activations.deriver.verify.Contract.VALUE_TOLERANCE, r.describe());
  }

  /**
   * A single logarithm with factor 1 at the largest scales: {@code Log[1+Dot[q-k,q-k]]} with keys
   * equal to the query (n = 1024, d = 24, values up to 1e200). The gaps of the other keys are about
   * 700 to 900: their weights are below the normal range and, times the values, decide grad q and
   * the key gradients. The quotient R_j / R_min overflowed (an infinite gap) and the weights were 0
   * besides: grad q and keys came out 0 (error 1.0).
   */
  @Test
  void aSingleLogarithmAtTheLargestScalesWithKeysEqualToTheQuery() {
    AttentionSamples.Sample s = AttentionSamples.extreme(4242, 48, new int[] {1, 4, 130, 9, 2, 31, 1024, 17},
            new int[] {2, 1, 5, 24, 3, 64, 128}, new int[] {3, 1, 17, 2, 64}, 0).stream()
        .filter(x -> x.family().equals("extreme-equal-to-query") && x.n() == 1024 && x.d() == 24).findFirst().orElseThrow();
    AttentionCheck.Result r = measure(List.of(s), "--energy", "Log[1+Dot[q-k,q-k]]", "--stat", "mean");
    assertTrue(r.passed(), r.describe());
  }

  /**
   * The cosine kernel with keys of very different norms: {@code kh_j - kh_w} was formed as {@code
   * (a - b)/|a| + b (|b|^2 - |a|^2)/(|a| |b| (|a| + |b|))} (for near-duplicate keys), whose two terms
   * cancel with a rounding error of {@code |b|/|a|} units (1e40 here) when the winner's norm is far
   * larger: {@code grad q} came out off by a relative 1e24 and more. And a key near 1e-177 (d = 1)
   * next to values near 1e184: {@code 2^-ke} times the key's slope overflowed and gave NaN times an
   * exact 0 (the key gradient of a one-dimensional cosine is 0). Found with entries of independent
   * magnitudes (docs/ATTENTION.md, Limits).
   */
  @Test
  void cosineWithKeysOfVeryDifferentNorms() {
    AttentionSamples.Sample norms = new AttentionSamples.Sample("norms", 2, 2, 1, new double[] {1, 0.5},
        new double[] {1e40, -3e39, 0.2, 1.0}, new double[] {1e30, -2e30}, new double[] {1}, new double[] {1, 1}, new double[] {0, 0});
    AttentionSamples.Sample tiny = new AttentionSamples.Sample("tiny-key", 3, 1, 1, new double[] {-3.1788098243390638E-177},
        new double[] {1.827021234743447E-67, 8.257801687430595E121, 4.353051314904083E-105},
        new double[] {-2.208605027557573E184, 1.1666407939197122E-104, -9.38969965418792E181}, new double[] {-1.6229502742846018},
        new double[] {1}, new double[] {0, 0, 0});
    AttentionCheck.Result r = measure(List.of(norms, norms, tiny, tiny), "--kernel", "cosine", "--stat", "mean");
    assertTrue(r.passed(), r.describe());
  }
}
