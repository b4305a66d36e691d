package dev.activations.deriver.spec;

import java.util.Objects;

/**
 * One competing hypothesis: a center {@code mu_h} the energy measures against, the value
 * {@code g_h} the activation passes on when this hypothesis wins (a constant, or the input
 * {@code z} itself), and a log-prior {@code pi_h} added to its negated energy.
 */
public record Hypothesis(ExactNumber center, Value value, ExactNumber logPrior) {
  public Hypothesis {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(logPrior, "logPrior");
  }

  /** What a hypothesis passes on. */
  public sealed interface Value permits Constant, Input {}

  public record Constant(ExactNumber number) implements Value {
    @Override
    public String toString() {
      return number.toString();
    }
  }

  /** The value is the input {@code z} itself (the gated family). */
  public record Input() implements Value {
    @Override
    public String toString() {
      return "z";
    }
  }

  /** {@code center:value} or {@code center:value:logPrior} when the prior is not 0. */
  @Override
  public String toString() {
    return center + ":" + value + (logPrior.signum() == 0 ? "" : ":" + logPrior);
  }
}
