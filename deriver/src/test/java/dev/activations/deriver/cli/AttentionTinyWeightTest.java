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
    return measure(false, samples, spec);
  }

  /** As above; with {@code nanTolerated} a sample where the class returns NaN is counted, not measured. */
  private static AttentionCheck.Result measure(boolean nanTolerated, List<AttentionSamples.Sample> samples, String... spec) {
    AttentionGeneration g = new AttentionGeneration(SYMJA);
    List<String> args = new ArrayList<>(List.of("--attention"));
    args.addAll(List.of(spec));
    AttentionDerivation d = g.derive(g.resolve(args));
    AttentionGeneration.Lowered l = g.lower(d);
    GeneratedSources src = AttentionClassEmitter.emit(d, l.energy(), l.partials(), l.differences(), l.parameterPartials(),
        l.scalable(), l.asymptotic(), "tiny", "Tiny");
    AttentionReference reference = AttentionGeneration.reference(d.spec());
    return AttentionCheck.run(AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(src.activation()), reference.freeValues(),
        reference.free()), reference, d.spec().statistic(), samples, nanTolerated);
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
   * 6.7e-151, from the large key's {@code -2 <q,k> k / |q-k|^2}) cannot be had at the pair's scale,
   * where the query is 0 (docs/ATTENTION.md, Limits: entries of independent magnitudes); it is NaN
   * ({@link #yatGivesNaNWhereNoScaleHoldsTheGradient}).
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
  /** A one-query sample with upstream {@code u} and no log-priors. */
  private static AttentionSamples.Sample sample(String family, int d, int m, double[] q, double[] keys, double[] values, double[] u) {
    int n = keys.length / d;
    double[] w = new double[d];
    java.util.Arrays.fill(w, 1.0);
    return new AttentionSamples.Sample(family, n, d, m, q, keys, values, u, w, new double[n]);
  }

  /**
   * Yat with entries of independent magnitudes: a key equal to a query of 4e23 next to a key of 6e171
   * (one dimension). Its exact energy, {@code -q^4/eps} (about -3.5e95), is far below the others'
   * (about {@code -q^2}, 1.9e47): the output is its value. All keys were scaled by the largest key's
   * power of two, where {@code <q,k>^2} of the small pair underflowed to 0: its energy came out 0 and
   * the large key won (output 2 instead of 1, a relative error of 1). Each key is now scaled with the
   * query on its own.
   */
  @Test
  void yatWithASmallKeyEqualToTheQueryNextToAHugeKey() {
    AttentionSamples.Sample s = sample("small-equal-to-query", 1, 1, new double[] {4.33329692026645E23},
        new double[] {4.33329692026645E23, 5.971164193282073E171, -12408.404081970606, -1.2766755758255443E130},
        new double[] {1, 2, 3, 4}, new double[] {1});
    AttentionCheck.Result r = measure(List.of(s, s), "--kernel", "yat", "--stat", "mean");
    assertTrue(r.passed(), r.describe());
  }

  /**
   * Yat with a key of 2e-170 next to the winner of 3e14 (query near 1e-57, d = 2, no scaling at
   * all): the divided difference of {@code f_dd} is written over {@code dd - ddW}, and its
   * denominator {@code (1 + dd)^2}, expanded as {@code 1 + t3^2 + 2 t3 + 2 ddW + 2 t3 ddW + ddW^2},
   * cancelled to 0: grad q was Infinity. Divided differences are now used only for keys whose Gram
   * entries are within a factor 2 of the winner's.
   */
  @Test
  void yatWithAKeyFarBelowTheWinner() {
    AttentionSamples.Sample s = sample("far-below-winner", 2, 2, new double[] {1e-57, 2e-57},
        new double[] {2e-170, 1e-170, 3e14, -1e14}, new double[] {1, 2, 3, 4}, new double[] {1, -0.5});
    AttentionCheck.Result r = measure(List.of(s, s), "--kernel", "yat", "--stat", "mean");
    assertTrue(r.passed(), r.describe());
  }

  /**
   * Student-t and {@code Log[1+Dot[q-k,q-k]]} with a query of 3e-177 and keys from 1e-67 to 7e196 (one
   * dimension): scaled by the largest key, the small keys' {@code dd} and the divided differences over
   * {@code 1/t^2} overflowed: grad q and the key gradients were NaN.
   */
  @Test
  void logarithmicEnergiesWithKeysSpanning260Decades() {
    AttentionSamples.Sample s = sample("spanning", 1, 1, new double[] {-3.1788098243390638E-177},
        new double[] {1.827021234743447E-67, 8.257801687430595E121, 6.919868107871772E196, 17550.658868727995, -0.021568796277725108},
        new double[] {-2.208605027557573E184, 1.1666407939197122E-104, -9.38969965418792E181, 3.345042088225533E-13, -596.0227640903017},
        new double[] {-1.6229502742846018});
    for (String[] spec : List.of(new String[] {"--kernel", "student-t", "--stat", "mean"},
        new String[] {"--energy", "Log[1+Dot[q-k,q-k]]", "--stat", "mean"})) {
      AttentionCheck.Result r = measure(List.of(s, s), spec);
      assertTrue(r.passed(), String.join(" ", spec) + ": " + r.describe());
    }
  }

  /**
   * Where no one scale of a pair holds its gradient, Yat returns NaN there, not a wrong number: a
   * query of 3e-177 against keys of 7e196 and 8e121 (one dimension; the scaled query is 0, and the
   * exact grad q, 3.5e20, comes from {@code -2 <q,k> k / |q-k|^2}: it was off by 14 %).
   */
  @Test
  void yatGivesNaNWhereNoScaleHoldsTheGradient() {
    AttentionSamples.Sample lost = sample("lost-query", 1, 2, new double[] {-3.1788098243390638E-177},
        new double[] {6.919868107871772E196, 8.257801687430595E121, 1.827021234743447E-67},
        new double[] {-2.208605027557573E184, 1.0, -9.38969965418792E181, 2.0, 3.0, -4.0}, new double[] {-1.6229502742846018, 0.8162705609442188});
    AttentionCheck.Result r = measure(true, List.of(lost, lost), "--kernel", "yat", "--stat", "mean");
    assertTrue(r.passed() && r.withNaN() == 2, r.describe());
  }

  /**
   * Yat's key gradient where the query is nearly parallel to a much larger key: {@code b q - sd (q -
   * k)} is the difference of two terms near 1e-128 times the upstream, the exact one 1e13 times
   * smaller (a query of 2e-57 against a winner of 3e14, one dimension); in two dimensions at an angle
   * of 1e-7 (the second sample) 1e5 times smaller. The class gave NaN key gradients there (its
   * cancellation bound); the bracket {@code q_i (<q, q - k> + eps) + sum_l k_l (q_i k_l - q_l k_i)}
   * (an energy of {@code qk^2/(dd + eps)}, found by the derivation) has no such cancellation. Also
   * the custom energy of the same family with another {@code eps}.
   */
  @Test
  void yatKeyGradientWithAQueryNearlyParallelToAMuchLargerKey() {
    AttentionSamples.Sample cancels = sample("cancelling-key-gradient", 1, 2, new double[] {2.183948198874572E-57},
        new double[] {2.325229931099218E-170, 2.896527928603168E14},
        new double[] {-3.4870226936636397E95, 1.4200553234915421E-112, -8.91070941784133E112, 1.5534126511962129E24},
        new double[] {0.6038294093849013, 0.2357061395460027});
    AttentionSamples.Sample angle = sample("nearly-parallel-2d", 2, 1, new double[] {3e-3, 3e-10},
        new double[] {4e9, 4e9 * (1e-7 + 1e-7), -2.5, 1.5}, new double[] {1.0, -2.0}, new double[] {1.0});
    for (String[] spec : List.of(new String[] {"--kernel", "yat", "--stat", "mean"},
        new String[] {"--energy", "-Dot[q,k]^2/(Dot[q-k,q-k]+e)", "--param", "e=1/2", "--stat", "mean"})) {
      AttentionCheck.Result r = measure(List.of(cancels, cancels, angle, angle), spec);
      assertTrue(r.passed() && r.withNaN() == 0, String.join(" ", spec) + ": " + r.describe());
    }
  }

  /**
   * Yat's near-ties of keys of different scales: keys of 1e130 to 1e178 next to a query of -1.1e105
   * (one dimension) have energies {@code -q^2 (1 + 2 q/k + ...)}, near -1.2e210, apart by 1e115 to
   * 1e185 but below their rounding (1e194). The key of -1.3e130 has weight 1; four keys tied at 0.25
   * (value off by a relative 1.1e307 against the exact 0). Such gaps now come from the split of
   * {@code -qk^2/(dd + eps)} into {@code -(q . kh)^2}, the same for every key of one direction, and
   * the rest. Responsibilities (the weights themselves) and the mean.
   */
  @Test
  void yatNearTiesOfKeysOfDifferentScales() {
    double[] keys = {1.2367280908615589e+138, 1.6366925259669850e+178, 5.9711641932820730e+171, 1.9737153788021997e+136,
        -1.2766755758255443e+130, -2.5354852962773282e+138, -1.3211926024149190e+148, 9.3956283823450270e+193};
    double[] q = {-1.0754802672207846e+105};
    AttentionSamples.Sample weights = sample("near-tie-weights", 1, 0, q, keys, new double[0],
        new double[] {1.94, -0.91, 0.21, 0.89, -1.54, 0.73, -1.24, -1.65});
    AttentionCheck.Result r = measure(List.of(weights, weights), "--kernel", "yat", "--stat", "responsibilities");
    assertTrue(r.passed() && r.withNaN() == 0, "responsibilities: " + r.describe());
    AttentionSamples.Sample mean = sample("near-tie-mean", 1, 1, q, keys, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new double[] {1});
    r = measure(List.of(mean, mean), "--kernel", "yat", "--stat", "mean");
    assertTrue(r.passed() && r.withNaN() == 0, "mean: " + r.describe());
  }

  /**
   * A polynomial of the dot product, {@code -(Dot[q,k]+1)^2}, with a query of 3e-177 and keys up to
   * 7e196 (one dimension): the largest key wins ({@code <q,k>} about -2.2e20, energy -4.8e40). Scaled
   * by the key's magnitude alone (2^-462), the query fell to a subnormal and the scaled energy {@code
   * -(qk' + t)^2} to 0: every key tied and the output was off by a relative 3e173. A key's scale now
   * comes from the product of the two magnitudes for an energy that reads only {@code <q,k>}.
   */
  @Test
  void aPolynomialOfTheDotProductWithAQueryFarBelowItsKeys() {
    AttentionSamples.Sample s = sample("product-scale", 1, 2, new double[] {-3.1788098243390638E-177},
        new double[] {1.827021234743447E-67, 8.257801687430595E121, 6.919868107871772E196, 17550.658868727995},
        new double[] {-2.208605027557573E184, 1.0, 1.1666407939197122E-104, 2.0, -9.38969965418792E181, 3.0, 4.0, -5.0},
        new double[] {-1.6229502742846018, 0.8162705609442188});
    AttentionCheck.Result r = measure(List.of(s, s), "--energy", "-(Dot[q,k]+1)^2", "--stat", "mean");
    assertTrue(r.passed() && r.withNaN() == 0, r.describe());
  }

  /**
   * The cosine kernel with a query and a key nearly antiparallel along a dominant coordinate (1.7e123
   * and -1.2e73 in the third entry, the angle 1.7e-8 from the query's 3e115 in another): their unit
   * vectors' third components are within 1e-16 of 1 and -1, and {@code qh - rho kh} there is about
   * the angle squared times the other components; the norms' rounding (a unit in 1e-16) made the key
   * gradient's third component -2.5e56 where it is 0 to 60 digits (normwise 4e-9). A key equal to
   * the query besides, which wins.
   */
  @Test
  void cosineWithNearlyParallelVectorsAlongADominantCoordinate() {
    double[] q = {-8119.993056562417, 1.7459624599004615E123, -3.0426049316902497E115, 3.5763967292402486E109};
    AttentionSamples.Sample s = sample("dominant-coordinate", 4, 2, q,
        new double[] {q[0], q[1], q[2], q[3], 2.9677105972748998e-64, -1.1625266993503917e+73, 5.391199052217329e-09, -3.945260935558535e+32},
        new double[] {7.8801919101982885E-22, -9.77127255958123E153, 5.2187892815392656E153, 1.1269892074767958E-143},
        new double[] {1.4136007371041317, -0.6910409465640983});
    AttentionCheck.Result r = measure(List.of(s, s), "--kernel", "cosine", "--stat", "mean");
    assertTrue(r.passed(), r.describe());
  }
}
