package dev.activations.deriver.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic random attention inputs from a seed: what the accuracy contract is measured on.
 * The families: unit-scale normal vectors; one common scale for query and keys anywhere from
 * 1e-200 to 1e75 (larger ones are {@link #extreme}); near-duplicate keys
 * (relative perturbations 1e-15 .. 1e-6); one dominant key (a scaled copy of the query: near-hard
 * attention); keys equal to the query; values and upstreams of independent magnitudes from 1e-200
 * to 1e200. Each sample also carries positive diagonal weights {@code w} (log-uniform in 0.1 .. 10,
 * from a stream of their own, so that adding them changed no other input) for the weighted
 * (Mahalanobis) kernels, and per-key log-priors (normal, standard deviation 2, from a third stream).
 * Different seeds are different streams (the derive-time measurement and the property
 * suite use different ones).
 */
public final class AttentionSamples {
  private AttentionSamples() {}

  /** One query, its keys (n x d) and values (n x m), an upstream for each output, and diagonal weights (d). */
  public record Sample(String family, int n, int d, int m, double[] q, double[] keys, double[] values, double[] upstream,
      double[] w, double[] logPrior) {}

  /** The families, in the order the samples cycle through them. */
  public static final List<String> FAMILIES = List.of("normal", "scaled", "near-duplicates", "dominant", "equal-to-query", "wide-values");

  /**
   * {@code count} samples; sizes cycle through the given n, d and m.
   *
   * @param outputs per-sample output count as a function: 0 = m, 1 = n, 2 = one
   */
  public static List<Sample> of(long seed, int count, int[] ns, int[] ds, int[] ms, int outputs) {
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom weightStream = new SplittableRandom(seed ^ 0x5eedL);
    SplittableRandom priorStream = new SplittableRandom(seed ^ 0x9e1bL);
    List<Sample> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      int n = ns[c % ns.length];
      int d = ds[(c / ns.length + c) % ds.length];
      int m = ms[(c / 2 + c) % ms.length];
      String family = FAMILIES.get(c % FAMILIES.size());
      double[] q = new double[d];
      double[] keys = new double[n * d];
      double[] values = new double[n * m];
      double scale = Math.pow(10, random.nextDouble(-1, 0.3));
      for (int i = 0; i < d; i++) q[i] = scale * gaussian(random);
      for (int i = 0; i < n * d; i++) keys[i] = scale * gaussian(random);
      switch (family) {
        case "normal" -> { }
        case "scaled" -> {
          double common = Math.pow(10, random.nextDouble(-200, 75));
          for (int i = 0; i < d; i++) q[i] *= common;
          for (int i = 0; i < n * d; i++) keys[i] *= common;
        }
        case "near-duplicates" -> {
          int base = random.nextInt(n);
          for (int j = 0; j < n; j++) {
            if (j == base || random.nextInt(3) == 0) continue;
            double rel = Math.pow(10, random.nextDouble(-15, -6));
            for (int i = 0; i < d; i++) keys[j * d + i] = keys[base * d + i] * (1 + rel * gaussian(random));
          }
        }
        case "dominant" -> {
          int j = random.nextInt(n);
          double f = random.nextDouble(2, 6);
          for (int i = 0; i < d; i++) keys[j * d + i] = q[i] * f;
        }
        case "equal-to-query" -> {
          for (int j = 0; j < n; j++) {
            if (random.nextInt(3) == 0) System.arraycopy(q, 0, keys, j * d, d);
          }
          System.arraycopy(q, 0, keys, random.nextInt(n) * d, d);
        }
        case "wide-values" -> { }
        default -> throw new IllegalArgumentException(family);
      }
      boolean wide = family.equals("wide-values") || random.nextInt(4) == 0;
      for (int i = 0; i < n * m; i++) values[i] = wide ? wideNumber(random) : gaussian(random);
      int outs = outputs == 0 ? m : outputs == 1 ? n : 1;
      double[] up = new double[outs];
      for (int i = 0; i < outs; i++) up[i] = wide && random.nextBoolean() ? wideNumber(random) : gaussian(random);
      double[] w = new double[d];
      for (int i = 0; i < d; i++) w[i] = Math.pow(10, weightStream.nextDouble(-1, 1));
      double[] logPrior = new double[n];
      for (int j = 0; j < n; j++) logPrior[j] = 2 * gaussian(priorStream);
      out.add(new Sample(family, n, d, m, q, keys, values, up, w, logPrior));
    }
    return out;
  }

  /**
   * Samples at extreme common scales: the samples of {@link #of} from a stream of their own
   * ({@code seed ^ 0xe57e}), with query and keys multiplied together by a common scale from 1e150
   * to 1e200 (from a further stream), where the Gram entries overflow a double; every fourth sample
   * takes an intermediate scale from 1e77 to 1e125 instead, where some energies overflow and others
   * do not (the Yat energy of a key equal to the query, {@code -|q|^4/eps}, from about 1e77 on; its
   * other keys' and the Student-t energies later). Their families are named {@code
   * extreme-<family>}. Only kernels whose energies are evaluated on scaled entries meet the contract
   * there (see docs/ATTENTION.md, Limits).
   */
  public static List<Sample> extreme(long seed, int count, int[] ns, int[] ds, int[] ms, int outputs) {
    SplittableRandom scales = new SplittableRandom(seed ^ 0x5ca1eL);
    List<Sample> out = new ArrayList<>();
    int c = 0;
    for (Sample s : of(seed ^ 0xe57eL, count, ns, ds, ms, outputs)) {
      double common = Math.pow(10, c++ % 4 == 3 ? scales.nextDouble(77, 125) : scales.nextDouble(150, 200));
      double[] q = s.q().clone();
      double[] keys = s.keys().clone();
      for (int i = 0; i < q.length; i++) q[i] *= common;
      for (int i = 0; i < keys.length; i++) keys[i] *= common;
      out.add(new Sample("extreme-" + s.family(), s.n(), s.d(), s.m(), q, keys, s.values(), s.upstream(), s.w(), s.logPrior()));
    }
    return out;
  }

  private static double wideNumber(SplittableRandom random) {
    return Math.copySign(Math.pow(10, random.nextDouble(-200, 200)), random.nextDouble() - 0.5);
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
