package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An energy kernel {@code k(z, mu; params)}: lower is a better match of the input {@code z} to a
 * hypothesis centred at {@code mu}. Catalog kernels are data files in {@code templates/kernels/};
 * a custom kernel ({@code --energy}) has no file and its parameters are whatever other symbols its
 * energy uses.
 *
 * @param name the catalog name, or {@code "custom"}
 * @param energy Mathematica syntax over {@code z}, {@code mu} and the parameter names
 */
public record Kernel(String name, String energy, List<Parameter> parameters, String description, String source) {
  public Kernel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(energy, "energy");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
  }

  public static final String CUSTOM = "custom";

  public boolean isCustom() {
    return name.equals(CUSTOM);
  }

  /** This kernel with the given parameters' defaults replaced (a free parameter's value from {@code --param}). */
  public Kernel withDefaults(Map<String, ExactNumber> defaults) {
    List<Parameter> ps = new java.util.ArrayList<>();
    for (Parameter p : parameters) {
      ExactNumber d = defaults.get(p.name());
      ps.add(d == null ? p : new Parameter(p.name(), d, p.domain(), p.description()));
    }
    return new Kernel(name, energy, ps, description, source);
  }

  public Optional<Parameter> parameter(String n) {
    return parameters.stream().filter(p -> p.name().equals(n)).findFirst();
  }

  /**
   * Reads a kernel file: {@code key: value} lines, {@code #} comments, and
   * {@code param: NAME = DEFAULT ; DOMAIN ; DESCRIPTION} lines.
   *
   * @throws IllegalArgumentException for a malformed file (a packaging bug, not a user error)
   */
  public static Kernel parse(String fileName, String text) {
    String name = null;
    String energy = null;
    String description = "";
    String source = "";
    List<Parameter> params = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon < 0) throw new IllegalArgumentException(fileName + ":" + lineNo + ": expected 'key: value'");
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "name" -> name = value;
        case "energy" -> energy = value;
        case "description" -> description = value;
        case "source" -> source = value;
        case "param" -> params.add(parseParameter(fileName + ":" + lineNo, value));
        default -> throw new IllegalArgumentException(fileName + ":" + lineNo + ": unknown key '" + key + "'");
      }
    }
    if (name == null || energy == null) throw new IllegalArgumentException(fileName + ": needs 'name' and 'energy'");
    return new Kernel(name, energy, params, description, source);
  }

  private static Parameter parseParameter(String where, String value) {
    String[] parts = value.split(";", 3);
    String[] nameDefault = parts[0].split("=", 2);
    if (nameDefault.length != 2) throw new IllegalArgumentException(where + ": expected 'NAME = DEFAULT ; DOMAIN ; DESCRIPTION'");
    String pname = nameDefault[0].strip();
    ExactNumber def = ExactNumber.parse(nameDefault[1], where + " default of " + pname);
    Domain domain = parts.length > 1 ? Domain.parse(pname, parts[1]) : Domain.REALS;
    String desc = parts.length > 2 ? parts[2].strip() : "";
    return new Parameter(pname, def, domain, desc);
  }
}
