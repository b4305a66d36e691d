package dev.activations.deriver.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic random input vectors for layers, from a seed: what the accuracy contract is
 * measured on. The families: unit-scale normal inputs; narrow spreads around a centre of any
 * magnitude (1e-300 .. 1e300); wide spreads whose units have independent magnitudes across the
 * whole range; near-ties (a few ulps apart) and exact ties; one dominant unit among ordinary ones.
 * Different seeds are different streams (the derive-time measurement and the property suite use
 * different ones).
 */
public final class LayerSamples {
  private LayerSamples() {}

  /** One input vector and an upstream for each output. */
  public record Sample(String family, double[] z, double[] upstream) {}

  /**
   * {@code count} vectors whose lengths cycle through {@code sizes}.
   *
   * @param outputsPerGroup whether each unit or each group has an output
   * @param group units per group (0: one group)
   */
  public static List<Sample> of(long seed, int count, int[] sizes, boolean perUnit, int group) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    String[] families = {"normal", "narrow", "wide", "near-ties", "ties", "dominant"};
    for (int i = 0; i < count; i++) {
      int n = sizes[i % sizes.length];
      if (group > 0) n = Math.max(group, n - n % group);
      String family = families[i % families.length];
      double[] z = vector(family, n, random);
      int outputs = perUnit ? n : (group > 0 ? n / group : 1);
      double[] u = new double[outputs];
      for (int k = 0; k < outputs; k++) u[k] = gaussian(random);
      out.add(new Sample(family, z, u));
    }
    return out;
  }

  static double[] vector(String family, int n, SplittableRandom random) {
    double[] z = new double[n];
    double centre = Math.copySign(Math.pow(10, random.nextDouble(-300, 300)), random.nextDouble() - 0.5);
    switch (family) {
      case "normal" -> {
        for (int j = 0; j < n; j++) z[j] = 3 * gaussian(random);
      }
      case "narrow" -> {
        double spread = Math.abs(centre) * Math.pow(10, random.nextDouble(-15, 0));
        if (random.nextBoolean()) spread = Math.min(spread, Math.pow(10, random.nextDouble(-3, 2)));
        for (int j = 0; j < n; j++) z[j] = centre + spread * gaussian(random);
      }
      case "wide" -> {
        for (int j = 0; j < n; j++) {
          z[j] = Math.copySign(Math.pow(10, random.nextDouble(-300, 300)), random.nextDouble() - 0.5);
        }
      }
      case "near-ties" -> {
        for (int j = 0; j < n; j++) {
          double v = centre;
          for (int k = random.nextInt(4); k > 0; k--) v = random.nextBoolean() ? Math.nextUp(v) : Math.nextDown(v);
          z[j] = v;
        }
      }
      case "ties" -> {
        double a = 3 * gaussian(random);
        double b = random.nextBoolean() ? a : centre;
        for (int j = 0; j < n; j++) z[j] = random.nextInt(3) == 0 ? b : random.nextBoolean() ? a : 3 * gaussian(random) - 10;
      }
      case "dominant" -> {
        for (int j = 0; j < n; j++) z[j] = gaussian(random);
        z[random.nextInt(n)] = random.nextBoolean() ? random.nextDouble(5, 50) : Math.abs(centre);
      }
      default -> throw new IllegalArgumentException(family);
    }
    for (int j = 0; j < n; j++) {
      if (!Double.isFinite(z[j])) z[j] = Math.copySign(Double.MAX_VALUE, z[j]);
    }
    return z;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
