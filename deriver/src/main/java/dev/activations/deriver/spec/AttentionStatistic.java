package dev.activations.deriver.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an attention class passes on from the competition of the keys for one query. Key {@code j}
 * has the energy {@code e_j}; {@code A = log sum_k exp(-e_k)} and {@code r_j = exp(-e_j - A)}
 * (the attention weights).
 */
public enum AttentionStatistic {
  MEAN("mean", true, "m", "sum_j r_j v_j (the attention output)"),
  RESPONSIBILITIES("responsibilities", false, "n", "r_j (the attention weights)"),
  ENTROPY("entropy", false, "1", "H = -sum_j r_j log r_j"),
  FREE_ENERGY("free-energy", false, "1", "F = -log sum_j exp(-e_j) (the modern-Hopfield energy)"),
  MODE("mode", true, "m", "the value of the lowest-energy key, tied keys averaged (hard attention, T -> 0)");

  private final String cliName;
  private final boolean usesValues;
  private final String outputs;
  private final String definition;

  AttentionStatistic(String cliName, boolean usesValues, String outputs, String definition) {
    this.cliName = cliName;
    this.usesValues = usesValues;
    this.outputs = outputs;
    this.definition = definition;
  }

  public String cliName() {
    return cliName;
  }

  /** True when the statistic reads the values (then {@code out} has {@code m} entries). */
  public boolean usesValues() {
    return usesValues;
  }

  /** How many outputs per query, as a formula in n and m: {@code "m"}, {@code "n"} or {@code "1"}. */
  public String outputs() {
    return outputs;
  }

  public String definition() {
    return definition;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(AttentionStatistic::cliName).toList();
  }

  /** @throws SpecException naming the statistics attention has */
  public static AttentionStatistic parse(String name) {
    for (AttentionStatistic s : values()) {
      if (s.cliName.equals(name)) return s;
    }
    String shown = ExactNumber.abbreviate(name);
    String hint = Statistic.names().contains(name.toLowerCase(Locale.ROOT)) || LayerStatistic.names().contains(name)
        ? "statistic '" + shown + "' is not defined for attention"
        : "unknown statistic '" + shown + "'" + Suggestions.didYouMean(name, names());
    throw new SpecException(hint + " (attention has " + String.join(", ", names()) + ")");
  }
}
