package dev.activations.deriver.verify;

import java.util.Objects;

/**
 * One hypothesis of a {@link Definition}: its center {@code mu_h}, the value {@code g_h} it passes
 * on, and its log-prior {@code pi_h}.
 *
 * <p>Each field is Mathematica text: {@code center} and {@code logPrior} are numbers (integers,
 * rationals such as {@code -1/2}, decimals) or constant expressions over the definition's
 * parameters; {@code value} is such a number or the literal {@code z} (the input passes through).
 * Kept as text so that the reference evaluator reads the same strings the user wrote.
 *
 * @param center the center {@code mu_h}
 * @param value the value {@code g_h}: a number or {@code z}
 * @param logPrior the log-prior {@code pi_h} ({@code "0"} for a uniform prior)
 */
public record HypothesisDef(String center, String value, String logPrior) {

  public HypothesisDef {
    Objects.requireNonNull(center, "center");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(logPrior, "logPrior");
    if (center.isBlank() || value.isBlank() || logPrior.isBlank()) {
      throw new IllegalArgumentException("blank field in hypothesis " + center + ":" + value + ":" + logPrior);
    }
  }

  /** A hypothesis with log-prior 0. */
  public HypothesisDef(String center, String value) {
    this(center, value, "0");
  }

  /** True when the value is the input itself. */
  public boolean passesInput() {
    return value.strip().equals("z");
  }
}
