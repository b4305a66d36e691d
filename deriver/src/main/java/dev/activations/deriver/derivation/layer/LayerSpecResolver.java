package dev.activations.deriver.derivation.layer;

import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.ParameterAssignments;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a layer request into a {@link LayerSpec}: a unit kernel ({@code *.unit} file) or a
 * custom energy that passes the whitelist and depends on {@code z}; every parameter bound exactly
 * once and inside its domain, or free ({@code --free}: a per-layer scalar that becomes an argument
 * of the generated code); a positive temperature. Layers take no hypotheses (the units are the
 * hypotheses).
 */
public final class LayerSpecResolver {
  private final SafeExpressionParser parser;
  private final KernelCatalog units;

  public LayerSpecResolver(SafeExpressionParser parser, KernelCatalog units) {
    this.parser = parser;
    this.units = units;
  }

  /**
   * @param group units per group from {@code --group}, or 0 for the whole layer
   * @throws SpecException for anything the user can fix, with one line naming it
   */
  public LayerSpec resolve(Request r, int group) {
    if (r.kernel().isPresent() == r.energy().isPresent()) {
      throw new SpecException(r.kernel().isPresent()
          ? "give either --kernel or --energy, not both"
          : "give --kernel NAME or --energy EXPR for the unit energy (unit kernels: " + String.join(", ", units.names()) + ")");
    }
    Kernel kernel;
    Set<String> symbols;
    if (r.kernel().isPresent()) {
      kernel = units.get(r.kernel().get());
      symbols = parser.parse(kernel.energy(), "energy of unit kernel " + kernel.name()).symbols();
      for (String s : symbols) {
        if (!s.equals("z") && kernel.parameter(s).isEmpty()) {
          throw new IllegalStateException("unit kernel " + kernel.name() + " uses undeclared symbol " + s);
        }
      }
    } else {
      String energy = r.energy().get().strip();
      symbols = new TreeSet<>(parser.parse(energy, "energy").symbols());
      List<Parameter> params = new ArrayList<>();
      for (String s : symbols) {
        if (!s.equals("z")) params.add(new Parameter(s, ExactNumber.ONE, Domain.REALS, "custom parameter"));
      }
      kernel = new Kernel(Kernel.CUSTOM, energy, params, "custom unit energy", "--energy");
    }
    if (!symbols.contains("z")) throw new SpecException("energy must depend on z (the unit's input)");

    Map<String, ExactNumber> given = ParameterAssignments.parse(r.params(), name -> kernel.parameter(name).orElseThrow(
        () -> new SpecException("the unit energy has no parameter '" + ExactNumber.abbreviate(name) + "'" + ParameterAssignments.listing(kernel))));
    Set<String> free = new LinkedHashSet<>();
    for (String f : r.free()) {
      String name = f.strip();
      if (kernel.parameter(name).isEmpty()) {
        throw new SpecException("--free " + ExactNumber.abbreviate(name) + ": the unit energy has no such parameter"
            + ParameterAssignments.listing(kernel));
      }
      if (given.containsKey(name)) throw new SpecException("parameter " + name + " cannot be both bound (--param) and free (--free)");
      if (!free.add(name)) throw new SpecException("parameter " + name + " is declared free twice");
    }
    Map<String, ExactNumber> bound = new LinkedHashMap<>();
    List<String> freeOrdered = new ArrayList<>();
    for (Parameter p : kernel.parameters()) {
      ExactNumber v = given.get(p.name());
      if (free.contains(p.name())) {
        freeOrdered.add(p.name());
        continue;
      }
      if (v == null && kernel.isCustom()) {
        throw new SpecException("parameter " + p.name() + " of the energy has no value: give --param " + p.name()
            + "=VALUE or --free " + p.name());
      }
      bound.put(p.name(), v == null ? p.defaultValue() : v);
    }
    ExactNumber temperature = ExactNumber.parse(r.temperature(), "temperature");
    LayerStatistic statistic = LayerStatistic.parse(r.statistic().strip());
    return new LayerSpec(kernel, group, statistic, bound, freeOrdered, temperature);
  }
}
