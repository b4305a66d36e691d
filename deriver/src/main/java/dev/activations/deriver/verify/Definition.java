package dev.activations.deriver.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The unsimplified definition of an activation, as text: what the reference evaluator computes
 * from, independently of any derivation.
 *
 * <p>Energy {@code d_h(z) = energy(z, mu_h; parameters) / temperature}; an optional background
 * ("reject") hypothesis has the constant energy {@code rejectEnergy / temperature} and value 0 and
 * comes after the others. See docs/DESIGN.md, "Statistics".
 *
 * @param energy Mathematica text over {@code z}, {@code mu} and the parameter names
 * @param hypotheses the hypotheses, at least one
 * @param parameters parameter name to exact value text ({@code "3"}, {@code "1/4"}, {@code "0.5"}),
 *     in declaration order
 * @param temperature the temperature text, e.g. {@code "1"} (must evaluate to a positive number)
 * @param rejectEnergy the background hypothesis's energy, if any
 * @param statistic a {@link Statistic#cliName()}
 */
public record Definition(
    String energy,
    List<HypothesisDef> hypotheses,
    Map<String, String> parameters,
    String temperature,
    Optional<String> rejectEnergy,
    String statistic) {

  public Definition {
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(rejectEnergy, "rejectEnergy");
    Objects.requireNonNull(statistic, "statistic");
    hypotheses = List.copyOf(hypotheses);
    if (hypotheses.isEmpty()) throw new IllegalArgumentException("no hypotheses");
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      Objects.requireNonNull(p.getKey(), "parameter name");
      Objects.requireNonNull(p.getValue(), "value of parameter " + p.getKey());
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    Statistic.fromName(statistic);
  }

  /**
   * A definition without parameters, at temperature 1, without background hypothesis.
   *
   * @param hypotheses {@code center:value} pairs separated by commas, as on the command line, e.g.
   *     {@code "1:1,-1:-1"} or {@code "1:z,-1:0"}; an optional third field is the log-prior
   */
  public static Definition of(String energy, String hypotheses, String statistic) {
    return new Definition(energy, parseHypotheses(hypotheses), Map.of(), "1", Optional.empty(), statistic);
  }

  /**
   * Parses {@code center:value[:logPrior]} items separated by commas.
   *
   * @throws IllegalArgumentException for an item without exactly two or three fields
   */
  public static List<HypothesisDef> parseHypotheses(String spec) {
    List<HypothesisDef> out = new ArrayList<>();
    for (String item : spec.split(",")) {
      String[] f = item.strip().split(":");
      if (f.length == 2) {
        out.add(new HypothesisDef(f[0].strip(), f[1].strip()));
      } else if (f.length == 3) {
        out.add(new HypothesisDef(f[0].strip(), f[1].strip(), f[2].strip()));
      } else {
        throw new IllegalArgumentException("hypothesis '" + item + "' is not center:value[:logPrior]");
      }
    }
    return out;
  }

  /** This definition with other parameter values. */
  public Definition withParameters(Map<String, String> newParameters) {
    return new Definition(energy, hypotheses, newParameters, temperature, rejectEnergy, statistic);
  }

  /** This definition at another temperature. */
  public Definition withTemperature(String newTemperature) {
    return new Definition(energy, hypotheses, parameters, newTemperature, rejectEnergy, statistic);
  }

  /** This definition with a background hypothesis of energy {@code e0}. */
  public Definition withReject(String e0) {
    return new Definition(energy, hypotheses, parameters, temperature, Optional.of(e0), statistic);
  }

  /** This definition with another statistic. */
  public Definition withStatistic(String newStatistic) {
    return new Definition(energy, hypotheses, parameters, temperature, rejectEnergy, newStatistic);
  }

  /** The statistic as an enum. */
  public Statistic stat() {
    return Statistic.fromName(statistic);
  }

  /** The number of hypotheses including the background one. */
  public int hypothesisCount() {
    return hypotheses.size() + (rejectEnergy.isPresent() ? 1 : 0);
  }

  /** H (+1 with a background hypothesis) for the vector statistics, else 1. */
  public int outputCount() {
    return stat().isVector() ? hypothesisCount() : 1;
  }
}
