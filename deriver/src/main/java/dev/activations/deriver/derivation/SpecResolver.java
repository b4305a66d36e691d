package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.HypothesisSet;
import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.ParameterAssignments;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.spec.Suggestions;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a {@link Request} into an {@link ActivationSpec}: the kernel exists (or the custom
 * energy passes the whitelist), every parameter is bound or free exactly once and lies in its
 * domain, the temperature is positive. Numeric checks of the energy itself (real, finite,
 * depending on z and mu) are the {@link Deriver}'s, since they need the algebra.
 */
public final class SpecResolver {
  private final SafeExpressionParser parser;
  private final KernelCatalog catalog;

  public SpecResolver(SafeExpressionParser parser, KernelCatalog catalog) {
    this.parser = parser;
    this.catalog = catalog;
  }

  public ActivationSpec resolve(Request r) {
    if (r.kernel().isPresent() == r.energy().isPresent()) {
      throw new SpecException(r.kernel().isPresent()
          ? "give either --kernel or --energy, not both"
          : "give --kernel NAME or --energy EXPR (see --list for kernels)");
    }
    Kernel kernel;
    if (r.kernel().isPresent()) {
      kernel = catalog.get(r.kernel().get());
      Set<String> symbols = parser.parse(kernel.energy(), "energy of kernel " + kernel.name()).symbols();
      for (String s : symbols) {
        if (!s.equals("z") && !s.equals("mu") && kernel.parameter(s).isEmpty()) {
          throw new IllegalStateException("kernel " + kernel.name() + " uses undeclared symbol " + s);
        }
      }
    } else {
      String energy = r.energy().get();
      Set<String> symbols = parser.parse(energy, "energy").symbols();
      if (!symbols.contains("z")) throw new SpecException("energy must depend on z (the input)");
      if (!symbols.contains("mu")) throw new SpecException("energy must depend on mu (the hypothesis center); otherwise nothing competes");
      List<Parameter> params = new ArrayList<>();
      for (String s : symbols) {
        if (!s.equals("z") && !s.equals("mu")) {
          params.add(new Parameter(s, ExactNumber.ONE, dev.activations.deriver.spec.Domain.REALS, "custom parameter"));
        }
      }
      kernel = new Kernel(Kernel.CUSTOM, energy.strip(), params, "custom energy", "--energy");
    }

    Kernel declared = kernel;
    Map<String, ExactNumber> given = ParameterAssignments.parse(r.params(), name -> parameter(declared, name));
    Set<String> free = new LinkedHashSet<>();
    for (String f : r.free()) {
      String name = f.strip();
      parameter(kernel, name);
      if (!free.add(name)) throw new SpecException("parameter " + name + " is declared free twice");
    }
    // --param with --free: the parameter stays an argument of the generated code, and the value
    // given is its default, where the forms are chosen and the class is measured (a custom
    // energy's parameters default to 1: Abs[z-mu]^p at p = 1 is the Laplace kernel, with flat
    // stretches and kinks that a generalized Gaussian at p = 2 does not have)
    Map<String, ExactNumber> freeDefaults = new LinkedHashMap<>();
    for (String name : free) {
      if (given.containsKey(name)) freeDefaults.put(name, given.get(name));
    }
    if (!freeDefaults.isEmpty()) kernel = kernel.withDefaults(freeDefaults);
    Map<String, ExactNumber> bound = new LinkedHashMap<>();
    List<String> freeOrdered = new ArrayList<>();
    for (Parameter p : kernel.parameters()) {
      if (free.contains(p.name())) {
        freeOrdered.add(p.name());
      } else if (given.containsKey(p.name())) {
        bound.put(p.name(), given.get(p.name()));
      } else if (kernel.isCustom()) {
        throw new SpecException("parameter " + p.name() + " of the energy has no value: give --param " + p.name()
            + "=VALUE or --free " + p.name());
      } else {
        bound.put(p.name(), p.defaultValue());
      }
    }
    ExactNumber temperature = ExactNumber.parse(r.temperature(), "temperature");
    if (temperature.signum() <= 0) throw new SpecException("temperature must be > 0, not " + temperature);
    Optional<ExactNumber> reject = r.reject().map(e -> ExactNumber.parse(e, "reject energy"));
    HypothesisSet hypotheses = HypothesisSet.parse(r.hypotheses(), reject);
    Statistic statistic = Statistic.parse(r.statistic().strip());
    return new ActivationSpec(kernel, hypotheses, statistic, bound, freeOrdered, temperature, freeDefaults);
  }

  private static Parameter parameter(Kernel kernel, String name) {
    return kernel.parameter(name).orElseThrow(() -> new SpecException(
        "kernel " + kernel.name() + " has no parameter '" + ExactNumber.abbreviate(name) + "'"
            + Suggestions.didYouMean(name, kernel.parameters().stream().map(Parameter::name).toList())
            + ParameterAssignments.listing(kernel)));
  }
}
