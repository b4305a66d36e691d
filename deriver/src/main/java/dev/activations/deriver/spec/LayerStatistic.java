package dev.activations.deriver.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a layer activation passes on from the competition of its units. Unit {@code j} of a group
 * has the energy {@code e_j}; {@code A = log sum_k exp(-e_k)} and {@code r_j = exp(-e_j - A)}.
 *
 * <p>Each statistic except the mode is written as a <em>local form</em>: a per-unit term {@code
 * f(z, e, r, A)} of the unit's input, energy, responsibility and the group's log-partition, plus,
 * for the per-group statistics, a term {@code g(A)}. The per-unit statistics are {@code S_j =
 * f(z_j, e_j, r_j, A)}; the per-group ones {@code S = sum_k f(z_k, e_k, r_k, A) + g(A)}. The
 * deriver differentiates these forms (Symja) and assembles the backward rule from the implicit-EM
 * identities {@code dA/de_j = -r_j}, {@code dr_i/de_j = -r_i (delta_ij - r_j)}.
 */
public enum LayerStatistic {
  RESPONSIBILITIES("responsibilities", true, "r", "0", "r_j (softmax for the energy -z)"),
  LOG_RESPONSIBILITIES("log-responsibilities", true, "-e-A", "0", "log r_j = -e_j - A (log-softmax)"),
  WEIGHTED("weighted", true, "z*r", "0", "z_j r_j (z * softmax(z))"),
  MEAN("mean", false, "z*r", "0", "sum_j r_j z_j"),
  ENTROPY("entropy", false, "r*e", "A", "H = -sum_j r_j log r_j = A + sum_j r_j e_j"),
  FREE_ENERGY("free-energy", false, "0", "-A", "F = -A (-logsumexp for the energy -z)"),
  MODE("mode", true, null, null, "one-hot of the lowest energy, ties shared equally (the T -> 0 limit)");

  private final String cliName;
  private final boolean perUnit;
  private final String unitTerm;
  private final String groupTerm;
  private final String definition;

  LayerStatistic(String cliName, boolean perUnit, String unitTerm, String groupTerm, String definition) {
    this.cliName = cliName;
    this.perUnit = perUnit;
    this.unitTerm = unitTerm;
    this.groupTerm = groupTerm;
    this.definition = definition;
  }

  /** The name on the command line. */
  public String cliName() {
    return cliName;
  }

  /** True for n outputs (one per unit), false for one output per group. */
  public boolean perUnit() {
    return perUnit;
  }

  /** The local form's per-unit term {@code f} over {@code z, e, r, A} (Mathematica syntax); null for the mode. */
  public String unitTerm() {
    return unitTerm;
  }

  /** The local form's group term {@code g(A)}; null for the mode. */
  public String groupTerm() {
    return groupTerm;
  }

  /** The definition, for people. */
  public String definition() {
    return definition;
  }

  /** True when the statistic is the zero-temperature limit (piecewise constant, no local form). */
  public boolean isLimit() {
    return unitTerm == null;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(LayerStatistic::cliName).toList();
  }

  /** @throws SpecException naming the statistics a layer has */
  public static LayerStatistic parse(String name) {
    for (LayerStatistic s : values()) {
      if (s.cliName.equals(name)) return s;
    }
    String shown = ExactNumber.abbreviate(name);
    String hint = Statistic.names().contains(name.toLowerCase(Locale.ROOT))
        ? "statistic '" + shown + "' is not defined for layers"
        : "unknown statistic '" + shown + "'" + Suggestions.didYouMean(name, names());
    throw new SpecException(hint + " (a layer has " + String.join(", ", names()) + ")");
  }
}
