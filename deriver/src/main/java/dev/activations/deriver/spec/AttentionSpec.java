package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resolved attention request: a query {@code q} in R^d, keys {@code k_1..k_n} in R^d and values
 * {@code v_1..v_n} in R^m; key {@code j} is a hypothesis with the energy {@code e_j = kappa(q,
 * k_j; theta) / T}, where {@code kappa} is a vector kernel written with {@code Dot[..]}, {@code
 * Norm[..]} and the dimension {@code Dim}.
 *
 * @param kernel the vector kernel (a {@code *.vector} file, or {@code --energy})
 * @param statistic what the attention passes on
 * @param bound every parameter of the kernel, bound to an exact number, in declaration order
 * @param temperature divides every energy
 * @param free the parameters kept symbolic ({@code --free}): trailing {@code double} arguments of the
 *     generated class, each with a {@code d<Param>} companion; {@code bound} still holds their
 *     values, at which the class is measured
 */
public record AttentionSpec(Kernel kernel, AttentionStatistic statistic, Map<String, ExactNumber> bound,
    ExactNumber temperature, List<String> free) {

  public AttentionSpec(Kernel kernel, AttentionStatistic statistic, Map<String, ExactNumber> bound, ExactNumber temperature) {
    this(kernel, statistic, bound, temperature, List.of());
  }

  public AttentionSpec {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(statistic, "statistic");
    bound = Collections.unmodifiableMap(new LinkedHashMap<>(bound));
    free = List.copyOf(free);
    Objects.requireNonNull(temperature, "temperature");
    if (temperature.signum() <= 0) throw new SpecException("temperature must be > 0, not " + temperature);
  }

  /** The canonical options that regenerate this spec, every binding spelled out. */
  public String toCommandLine() {
    List<String> parts = new ArrayList<>();
    parts.add("--attention");
    parts.add(kernel.isCustom() ? "--energy '" + kernel.energy() + "'" : "--kernel " + kernel.name());
    parts.add("--stat " + statistic.cliName());
    bound.forEach((k, v) -> {
      if (!free.contains(k)) parts.add("--param " + k + "=" + v);
    });
    free.forEach(f -> parts.add("--free " + f));
    if (!temperature.equals(ExactNumber.ONE)) parts.add("--temperature " + temperature);
    return String.join(" ", parts);
  }
}
