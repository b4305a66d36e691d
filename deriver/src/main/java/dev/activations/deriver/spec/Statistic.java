package dev.activations.deriver.spec;

import java.util.Arrays;
import java.util.List;

/** The posterior statistic an activation passes on (docs/DESIGN.md, "Statistics"). */
public enum Statistic {
  MEAN("mean", false, "sum_h r_h g_h: tanh, SiLU family, attention output"),
  RESPONSIBILITIES("responsibilities", true, "(r_1..r_H): the softmax of the negated energies"),
  LOG_RESPONSIBILITIES("log-responsibilities", true, "log r_h = -d_h + pi_h - A"),
  MODE("mode", false, "g of the most responsible hypothesis: the T -> 0 limit (ReLU, sign)"),
  VARIANCE("variance", false, "sum_h r_h (g_h - mean)^2: uncertainty"),
  ENTROPY("entropy", false, "-sum_h r_h log r_h: confidence"),
  FREE_ENERGY("free-energy", false, "-A = -log sum_h exp(-d_h + pi_h): softplus family");

  private final String cliName;
  private final boolean vector;
  private final String description;

  Statistic(String cliName, boolean vector, String description) {
    this.cliName = cliName;
    this.vector = vector;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  /** True when the statistic has one output per hypothesis. */
  public boolean isVector() {
    return vector;
  }

  public String description() {
    return description;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Statistic::cliName).toList();
  }

  public static Statistic parse(String name) {
    for (Statistic s : values()) {
      if (s.cliName.equals(name)) return s;
    }
    throw new SpecException("unknown statistic '" + ExactNumber.abbreviate(name) + "'"
        + Suggestions.didYouMean(name, names()) + " (one of " + String.join(", ", names()) + ")");
  }
}
