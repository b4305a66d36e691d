package dev.activations.deriver.verify;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ActivationSpec} as a reference {@link Definition}: the kernel's energy text as the user
 * or the kernel file wrote it (never Symja's rewriting of it), exact parameter values, hypotheses,
 * temperature, background energy and statistic.
 */
public final class SpecDefinitions {
  private SpecDefinitions() {}

  /** Free parameters at their kernel defaults (1 for a custom energy). */
  public static Definition of(ActivationSpec spec) {
    return of(spec, defaults(spec));
  }

  public static Definition of(ActivationSpec spec, Map<String, ExactNumber> freeValues) {
    Map<String, String> params = new LinkedHashMap<>();
    spec.bound().forEach((k, v) -> params.put(k, v.toString()));
    for (String f : spec.free()) params.put(f, freeValues.get(f).toString());
    List<HypothesisDef> hs = new ArrayList<>();
    for (Hypothesis h : spec.hypotheses().hypotheses()) {
      hs.add(new HypothesisDef(h.center().toString(), h.value().toString(), h.logPrior().toString()));
    }
    return new Definition(spec.kernel().energy(), hs, params, spec.temperature().toString(),
        spec.hypotheses().rejectEnergy().map(ExactNumber::toString), spec.statistic().cliName());
  }

  /** The values free parameters take when a check needs numbers: their defaults. */
  public static Map<String, ExactNumber> defaults(ActivationSpec spec) {
    Map<String, ExactNumber> values = new LinkedHashMap<>();
    for (String f : spec.free()) {
      values.put(f, spec.kernel().parameter(f).map(p -> p.defaultValue()).orElse(ExactNumber.ONE));
    }
    return values;
  }
}
