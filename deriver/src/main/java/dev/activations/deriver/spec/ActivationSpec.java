package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved request: kernel, hypotheses, statistic, parameter bindings, free parameters and
 * temperature. Every parameter of the energy is either bound to an exact number or free.
 *
 * @param bound parameter values in declaration order (catalog kernels) or name order (custom)
 * @param free parameters kept symbolic, in declaration order; they become arguments of the
 *     generated code
 * @param freeDefaults the values given with {@code --param} for free parameters: where the class
 *     is measured and its forms chosen (the kernel's parameters carry them as their defaults);
 *     other free parameters keep the kernel's default (1 for a custom energy)
 */
public record ActivationSpec(
    Kernel kernel,
    HypothesisSet hypotheses,
    Statistic statistic,
    Map<String, ExactNumber> bound,
    List<String> free,
    ExactNumber temperature,
    Map<String, ExactNumber> freeDefaults) {

  public ActivationSpec {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(statistic, "statistic");
    bound = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bound));
    free = List.copyOf(free);
    Objects.requireNonNull(temperature, "temperature");
    if (temperature.signum() <= 0) throw new SpecException("temperature must be > 0, not " + temperature);
    freeDefaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(freeDefaults));
  }

  /** A spec whose free parameters keep the kernel's defaults. */
  public ActivationSpec(Kernel kernel, HypothesisSet hypotheses, Statistic statistic,
      Map<String, ExactNumber> bound, List<String> free, ExactNumber temperature) {
    this(kernel, hypotheses, statistic, bound, free, temperature, Map.of());
  }

  /**
   * The canonical command line that regenerates this spec; every binding is spelled out so the
   * text stays valid if a kernel file's defaults change.
   */
  public String toCommandLine() {
    List<String> parts = new ArrayList<>();
    if (kernel.isCustom()) {
      parts.add("--energy '" + kernel.energy() + "'");
    } else {
      parts.add("--kernel " + kernel.name());
    }
    parts.add("--hypotheses " + hypotheses.text());
    hypotheses.rejectEnergy().ifPresent(e -> parts.add("--reject " + e));
    parts.add("--stat " + statistic.cliName());
    bound.forEach((k, v) -> parts.add("--param " + k + "=" + v));
    freeDefaults.forEach((k, v) -> parts.add("--param " + k + "=" + v));
    free.forEach(f -> parts.add("--free " + f));
    if (!temperature.equals(ExactNumber.ONE)) parts.add("--temperature " + temperature);
    return String.join(" ", parts);
  }
}
