package dev.activations.deriver.verify;

import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Values of the free parameters other than their defaults, inside each parameter's domain, at
 * which a class with free parameters is measured too: the generated methods take the parameters as
 * arguments, so the contract holds for every admissible value, not only for the defaults that
 * chose the forms.
 *
 * <p>Drawn from a stream seeded by the spec's text (the same spec gives the same values): between
 * two bounds uniformly in their inner 90%; with one bound {@code L} at {@code L + (d - L) 10^u},
 * {@code u} uniform in [-1, 1] (a tenth to ten times the default's distance from the bound); on the
 * whole line at {@code d + (1 + |d|) u}, {@code u} uniform in [-2, 2]. Each value is a double, and
 * the reference is given its exact binary value, so that the generated code and the reference see
 * the same parameter.
 */
public final class ParameterSamples {
  private ParameterSamples() {}

  /** {@code count} assignments of every free parameter (empty without free parameters). */
  public static List<Map<String, ExactNumber>> draw(ActivationSpec spec, int count) {
    List<Map<String, ExactNumber>> out = new ArrayList<>();
    if (spec.free().isEmpty()) return out;
    SplittableRandom random = new SplittableRandom(VerificationStream.seed(spec.toCommandLine() + " (parameters)", 0));
    Map<String, ExactNumber> defaults = SpecDefinitions.defaults(spec);
    for (int i = 0; i < count; i++) {
      Map<String, ExactNumber> values = new LinkedHashMap<>();
      for (String name : spec.free()) {
        Domain domain = spec.kernel().parameter(name).map(p -> p.domain()).orElse(Domain.REALS);
        double v = sample(domain, defaults.get(name).toDouble(), random);
        ExactNumber exact = ExactNumber.of(new BigDecimal(v)); // the double's exact value
        if (!domain.admits(exact)) exact = defaults.get(name);
        values.put(name, exact);
      }
      out.add(values);
    }
    return out;
  }

  static double sample(Domain domain, double d, SplittableRandom random) {
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    for (Domain.Bound b : domain.bounds()) {
      double limit = b.limit().toDouble();
      if (b.op().startsWith(">")) lower = Math.max(lower, limit);
      else upper = Math.min(upper, limit);
    }
    double u = random.nextDouble();
    if (Double.isFinite(lower) && Double.isFinite(upper)) return lower + (upper - lower) * (0.05 + 0.9 * u);
    double ten = Math.pow(10, 2 * u - 1);
    if (Double.isFinite(lower)) return lower + (d - lower) * ten;
    if (Double.isFinite(upper)) return upper - (upper - d) * ten;
    return d + (1 + Math.abs(d)) * (4 * u - 2);
  }
}
