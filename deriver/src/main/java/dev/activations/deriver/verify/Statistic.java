package dev.activations.deriver.verify;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The posterior statistics an activation can pass on (docs/DESIGN.md, "Statistics"), by their CLI names.
 *
 * <p>Why an enum next to {@link Definition#statistic()}'s string: the definition keeps the user's
 * text, the evaluator dispatches on a closed set.
 */
public enum Statistic {
  /** {@code sum_h r_h g_h}. */
  MEAN("mean", false),
  /** The vector {@code (r_1 .. r_H)}. */
  RESPONSIBILITIES("responsibilities", true),
  /** The vector {@code (log r_1 .. log r_H)}. */
  LOG_RESPONSIBILITIES("log-responsibilities", true),
  /** {@code g} of the most responsible hypothesis; the average over exact ties. */
  MODE("mode", false),
  /** {@code sum_h r_h (g_h - mean)^2}. */
  VARIANCE("variance", false),
  /** {@code -sum_h r_h log r_h}. */
  ENTROPY("entropy", false),
  /** {@code -A = -log sum_h exp(-e_h)}. */
  FREE_ENERGY("free-energy", false);

  private final String cliName;
  private final boolean vector;

  Statistic(String cliName, boolean vector) {
    this.cliName = cliName;
    this.vector = vector;
  }

  /** The name used on the command line and in {@link Definition#statistic()}. */
  public String cliName() {
    return cliName;
  }

  /** True for the statistics with one output per hypothesis. */
  public boolean isVector() {
    return vector;
  }

  /**
   * The statistic with this CLI name.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static Statistic fromName(String name) {
    for (Statistic s : values()) {
      if (s.cliName.equals(name)) return s;
    }
    throw new IllegalArgumentException("unknown statistic '" + name + "' (known: "
        + Arrays.stream(values()).map(Statistic::cliName).collect(Collectors.joining(", ")) + ")");
  }
}
