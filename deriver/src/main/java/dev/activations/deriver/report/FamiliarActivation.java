package dev.activations.deriver.report;

import dev.activations.deriver.lowering.StableFunctions;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.spec.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Well-known activations that a plot can overlay for comparison ({@code --compare}), each with its
 * value and derivative in double. They are drawn, never emitted, so plot accuracy is enough (GELU's
 * normal distribution function uses an erf approximation with absolute error below 2e-7).
 */
public enum FamiliarActivation {
  TANH("tanh") {
    @Override public double value(double x) { return Math.tanh(x); }
    @Override public double derivative(double x) { return StableFunctions.tanhPrime(x); }
  },
  RELU("relu") {
    @Override public double value(double x) { return Math.max(x, 0.0); }
    @Override public double derivative(double x) { return x > 0 ? 1.0 : x < 0 ? 0.0 : 0.5; }
  },
  SILU("silu") {
    @Override public double value(double x) { return x * StableFunctions.logistic(x); }
    @Override public double derivative(double x) {
      double s = StableFunctions.logistic(x);
      return s * (1.0 + x * (1.0 - s));
    }
  },
  GELU("gelu") {
    @Override public double value(double x) { return x * normalCdf(x); }
    @Override public double derivative(double x) {
      return normalCdf(x) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI);
    }
  },
  SIGMOID("sigmoid") {
    @Override public double value(double x) { return StableFunctions.logistic(x); }
    @Override public double derivative(double x) {
      double s = StableFunctions.logistic(x);
      return s * (1.0 - s);
    }
  },
  SOFTPLUS("softplus") {
    @Override public double value(double x) { return StableFunctions.softplus(x); }
    @Override public double derivative(double x) { return StableFunctions.logistic(x); }
  };

  private final String cliName;

  FamiliarActivation(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public abstract double value(double x);

  public abstract double derivative(double x);

  public static List<String> names() {
    return Arrays.stream(values()).map(FamiliarActivation::cliName).toList();
  }

  /**
   * The activation called {@code name} (case-insensitive).
   *
   * @throws SpecException for an unknown name, suggesting the nearest valid one
   */
  public static FamiliarActivation parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (FamiliarActivation a : values()) {
      if (a.cliName.equals(n)) return a;
    }
    throw new SpecException("unknown activation '" + ExactNumber.abbreviate(name) + "'"
        + Suggestions.didYouMean(n, names()) + " (one of " + String.join(", ", names()) + ")");
  }

  /** {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
  private static double normalCdf(double x) {
    return 0.5 * (1.0 + erf(x / Math.sqrt(2.0)));
  }

  /** Abramowitz and Stegun 7.1.26: |error| < 1.5e-7, odd by construction. */
  private static double erf(double x) {
    double t = 1.0 / (1.0 + 0.3275911 * Math.abs(x));
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double y = 1.0 - poly * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
