package dev.activations.deriver.spec;

import java.util.Objects;

/** A kernel parameter: its name, exact default, domain and a short description. */
public record Parameter(String name, ExactNumber defaultValue, Domain domain, String description) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(description, "description");
    if (!domain.admits(defaultValue)) {
      throw new IllegalArgumentException("default " + defaultValue + " of " + name + " is outside " + domain);
    }
  }
}
