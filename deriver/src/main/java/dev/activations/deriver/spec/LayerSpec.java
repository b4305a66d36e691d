package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resolved layer request: units of a vector input compete within groups of {@code group}
 * consecutive units (0: the whole layer is one group). Unit {@code j} has the energy {@code e_j =
 * k(z_j; theta) / T}, where {@code k} is the kernel's <em>unit energy</em>, a function of one
 * variable {@code z} and parameters ({@code mu}, if present, is an ordinary parameter, e.g. a
 * shared center).
 *
 * @param kernel the unit energy (a unit kernel file, or {@code --energy})
 * @param group units per group, or 0 for one group over the whole input
 * @param statistic what the layer passes on
 * @param bound the parameters of the energy bound to exact numbers, in declaration order
 * @param free the parameters kept symbolic, in declaration order: per-layer scalars that become
 *     trailing arguments of the generated methods, each with its own gradient method
 * @param temperature divides every energy
 */
public record LayerSpec(Kernel kernel, int group, LayerStatistic statistic, Map<String, ExactNumber> bound,
    List<String> free, ExactNumber temperature) {

  public LayerSpec {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(statistic, "statistic");
    if (group < 0) throw new SpecException("--group must be positive, not " + group);
    bound = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bound));
    free = List.copyOf(free);
    Objects.requireNonNull(temperature, "temperature");
    if (temperature.signum() <= 0) throw new SpecException("temperature must be > 0, not " + temperature);
  }

  /** The canonical options that regenerate this spec, every binding spelled out. */
  public String toCommandLine() {
    List<String> parts = new ArrayList<>();
    parts.add("--layer");
    if (group > 0) parts.add("--group " + group);
    parts.add(kernel.isCustom() ? "--energy '" + kernel.energy() + "'" : "--kernel " + kernel.name());
    parts.add("--stat " + statistic.cliName());
    bound.forEach((k, v) -> parts.add("--param " + k + "=" + v));
    free.forEach(f -> parts.add("--free " + f));
    if (!temperature.equals(ExactNumber.ONE)) parts.add("--temperature " + temperature);
    return String.join(" ", parts);
  }

  /** A free parameter's value where the class is measured: its kernel default (1 for a custom energy). */
  public ExactNumber defaultOf(String freeParameter) {
    return kernel.parameter(freeParameter)
        .orElseThrow(() -> new IllegalArgumentException("no parameter " + freeParameter)).defaultValue();
  }
}
