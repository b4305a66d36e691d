package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.ParameterAssignments;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates an attention request into an {@link AttentionSpec}: a vector kernel ({@code *.vector}
 * file) or a custom energy in {@code q}, {@code k} (inside {@code Dot}/{@code Norm}) and {@code
 * Dim} that passes the whitelist and depends on the key; every parameter bound exactly once and
 * inside its domain, or kept symbolic with {@code --free} (measured at its default, 1 for a custom
 * energy's); a positive temperature.
 */
public final class AttentionSpecResolver {
  private static final Set<String> KEY_ENTRIES = Set.of("qk", "kk", "dd");

  private final SafeExpressionParser parser;
  private final KernelCatalog vectors;

  public AttentionSpecResolver(SafeExpressionParser parser, KernelCatalog vectors) {
    this.parser = parser;
    this.vectors = vectors;
  }

  /** @throws SpecException for anything the user can fix, with one line naming it */
  public AttentionSpec resolve(Request r) {
    if (r.kernel().isPresent() == r.energy().isPresent()) {
      throw new SpecException(r.kernel().isPresent()
          ? "give either --kernel or --energy, not both"
          : "give --kernel NAME or --energy EXPR for the vector kernel (vector kernels: " + String.join(", ", vectors.names()) + ")");
    }
    Kernel kernel;
    Set<String> symbols;
    if (r.kernel().isPresent()) {
      kernel = vectors.get(r.kernel().get());
      symbols = parser.parse(GramForm.of(kernel.energy()), "energy of vector kernel " + kernel.name()).symbols();
      for (String s : symbols) {
        if (!GramForm.RESERVED.contains(s) && kernel.parameter(s).isEmpty()) {
          throw new IllegalStateException("vector kernel " + kernel.name() + " uses undeclared symbol " + s);
        }
      }
    } else {
      String energy = r.energy().get().strip();
      symbols = new TreeSet<>(parser.parse(GramForm.of(energy), "energy").symbols());
      List<Parameter> params = new ArrayList<>();
      for (String s : symbols) {
        if (!GramForm.RESERVED.contains(s)) params.add(new Parameter(s, ExactNumber.ONE, Domain.REALS, "custom parameter"));
      }
      kernel = new Kernel(Kernel.CUSTOM, energy, params, "custom vector energy", "--energy");
    }
    GramForm.checkNames(kernel.parameters().stream().map(Parameter::name).toList());
    GramForm.weighted(kernel.energy()); // weighted and unweighted entries are not mixed
    if (symbols.stream().noneMatch(KEY_ENTRIES::contains)) {
      throw new SpecException("energy must depend on the key k (through Dot[q,k], Dot[k,k], Dot[q-k,q-k] or Norm[..])");
    }

    Map<String, ExactNumber> given = ParameterAssignments.parse(r.params(), name -> kernel.parameter(name).orElseThrow(
        () -> new SpecException("the vector kernel has no parameter '" + ExactNumber.abbreviate(name) + "'" + ParameterAssignments.listing(kernel))));
    Map<String, ExactNumber> bound = new LinkedHashMap<>();
    List<String> free = new ArrayList<>();
    for (String f : r.free()) {
      String name = f.strip();
      if (kernel.parameter(name).isEmpty()) {
        throw new SpecException("--free " + ExactNumber.abbreviate(name) + ": the vector kernel has no parameter '"
            + ExactNumber.abbreviate(name) + "'" + ParameterAssignments.listing(kernel));
      }
      if (free.contains(name)) throw new SpecException("--free " + name + " is given twice");
      if (given.containsKey(name)) throw new SpecException("parameter " + name + " is both --free and --param");
      free.add(name);
    }
    for (Parameter p : kernel.parameters()) {
      ExactNumber v = given.get(p.name());
      if (v == null && free.contains(p.name())) v = p.defaultValue(); // where the class is measured
      if (v == null && kernel.isCustom()) {
        throw new SpecException("parameter " + p.name() + " of the energy has no value: give --param " + p.name() + "=VALUE");
      }
      bound.put(p.name(), v == null ? p.defaultValue() : v);
    }
    ExactNumber temperature = ExactNumber.parse(r.temperature(), "temperature");
    AttentionStatistic statistic = AttentionStatistic.parse(r.statistic().strip());
    return new AttentionSpec(kernel, statistic, bound, temperature, free);
  }
}
