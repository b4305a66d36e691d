package dev.activations.deriver.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code --param NAME=VALUE} assignments of a request, checked against the kernel's parameters:
 * one parser for scalar, layer and attention specs (each names a missing parameter in its own
 * words, through {@code lookup}).
 */
public final class ParameterAssignments {
  private ParameterAssignments() {}

  /**
   * The values by name, in the order given.
   *
   * @param lookup the parameter of a name, or a {@link SpecException} saying there is none
   * @throws SpecException for a malformed assignment, a value outside the parameter's domain, or a
   *     parameter given twice
   */
  public static Map<String, ExactNumber> parse(List<String> params, Function<String, Parameter> lookup) {
    Map<String, ExactNumber> given = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) throw new SpecException("--param needs NAME=VALUE, not '" + ExactNumber.abbreviate(p) + "'");
      String name = p.substring(0, eq).strip();
      Parameter param = lookup.apply(name);
      ExactNumber v = ExactNumber.parse(p.substring(eq + 1), "value of parameter " + name);
      if (!param.domain().admits(v)) {
        throw new SpecException("parameter " + name + " = " + v + " is outside its domain " + param.domain());
      }
      if (given.put(name, v) != null) throw new SpecException("parameter " + name + " is given twice");
    }
    return given;
  }

  /** {@code " (it has none)"} or {@code " (it has a, b)"}: the end of a message naming a missing parameter. */
  public static String listing(Kernel kernel) {
    return kernel.parameters().isEmpty() ? " (it has none)"
        : " (it has " + String.join(", ", kernel.parameters().stream().map(Parameter::name).toList()) + ")";
  }
}
