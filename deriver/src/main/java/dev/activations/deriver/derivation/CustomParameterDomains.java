package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The domain of a custom energy's free parameter, which the user does not declare: a catalog
 * kernel's file says {@code s > 0}, but {@code --energy 'Abs[z-mu]^q/q' --free q} says nothing, and
 * the whole real line would have the certification measure the class at {@code q = -2.4}, where
 * the energy is infinite at every centre (a miss no energy a researcher means has).
 *
 * <p>The rule: a free parameter with default d whose value 0 and whose mirror value -d both make
 * the energy undefined at one of the sample inputs (not a real, finite number: {@code 1/q} at 0,
 * {@code Abs[0]^q} for q <= 0) keeps the sign of its default, {@code q > 0} or {@code q < 0}: the
 * parameter cannot cross 0 and the other side describes no energy. A parameter that 0 leaves
 * defined (a threshold, a weight) keeps the whole line, and so does one whose other side is as
 * good as its own (a scale {@code (z-mu)/a}, where -a gives the same energy: inferring {@code a >
 * 0} there moved the drawn scales to a tenth of the default, where the Welsch loss's gated
 * free-scale class misses next to 0, a limit of the extrapolation near 0 that the draws on the
 * whole line had not reached; docs/ENERGIES.md). Only 0 and -d are tried, with the other
 * parameters at their values, at the hypotheses' centres and the inputs the energy checks use: no
 * guess from the expression's shape. Catalog kernels keep their declared domains.
 */
public final class CustomParameterDomains {
  private CustomParameterDomains() {}

  /** The spec with each free parameter of a custom energy given its inferred domain. */
  public static ActivationSpec infer(Symja symja, ActivationSpec spec) {
    Kernel kernel = spec.kernel();
    if (!kernel.isCustom() || spec.free().isEmpty()) return spec;
    IExpr energy = new SafeExpressionParser(symja).parse(kernel.energy(), "energy").expr();
    for (Map.Entry<String, ExactNumber> b : spec.bound().entrySet()) {
      energy = energy.subs(symja.symbol(b.getKey()), Deriver.exact(b.getValue()));
    }
    List<Parameter> parameters = new ArrayList<>();
    boolean changed = false;
    for (Parameter p : kernel.parameters()) {
      ExactNumber d = p.defaultValue();
      if (!spec.free().contains(p.name()) || !p.domain().bounds().isEmpty() || d.signum() == 0
          || definedAt(symja, energy, spec, p.name(), F.C0) || definedAt(symja, energy, spec, p.name(), F.Negate(Deriver.exact(d)))) {
        parameters.add(p);
        continue;
      }
      String side = p.name() + (d.signum() > 0 ? " > 0" : " < 0");
      parameters.add(new Parameter(p.name(), d, Domain.parse(p.name(), side),
          p.description() + " (" + side + ": at " + p.name() + " = 0 and at -" + d + " the energy is undefined)"));
      changed = true;
    }
    if (!changed) return spec;
    Kernel inferred = new Kernel(kernel.name(), kernel.energy(), parameters, kernel.description(), kernel.source());
    return new ActivationSpec(inferred, spec.hypotheses(), spec.statistic(), spec.bound(), spec.free(),
        spec.temperature(), spec.freeDefaults());
  }

  /** True when the energy with {@code name = value} (the other free parameters at their defaults) is real and finite at every sample. */
  private static boolean definedAt(Symja symja, IExpr energy, ActivationSpec spec, String name, IExpr value) {
    IExpr e = energy.subs(symja.symbol(name), symja.eval(value));
    for (String other : spec.free()) {
      if (other.equals(name)) continue;
      e = e.subs(symja.symbol(other), Deriver.exact(spec.kernel().parameter(other).orElseThrow().defaultValue()));
    }
    for (Hypothesis h : spec.hypotheses().hypotheses()) {
      IExpr atCenter = e.subs(symja.symbol("mu"), Deriver.exact(h.center()));
      for (IExpr s : EnergyChecks.SAMPLES) {
        IExpr at = symja.numericAt(atCenter, symja.symbol("z"), s, 20);
        if (!at.isReal()) return false;
      }
    }
    return true;
  }
}
