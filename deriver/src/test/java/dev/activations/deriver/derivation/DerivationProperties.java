package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Lowerer;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For catalog kernels with random parameter values and random hypothesis sets: the derived
 * responsibilities sum to 1, and the derived derivative agrees with a central difference of the
 * statistic evaluated from the unsimplified definition (by the independent reference, at high
 * precision, so the difference itself is exact to far more digits than the check needs).
 */
class DerivationProperties {
  private static final Symja SYMJA = new Symja();

  /** A random spec: kernel, parameter values, 2-3 hypotheses, statistic, and an input z. */
  record Case(String kernel, List<String> params, String hypotheses, String stat, double z) {}

  @Provide
  Arbitrary<Case> cases() {
    // kernels whose parameters all have "> 0" domains; values are drawn from a small positive set
    Arbitrary<String> kernel = Arbitraries.of("gaussian", "laplace", "student-t", "cauchy", "huber", "pseudo-huber", "yat", "logistic");
    Arbitrary<String> value = Arbitraries.of("1/2", "1", "3/2", "2", "3");
    Arbitrary<String> center = Arbitraries.of("-2", "-1", "-1/2", "0", "1/3", "1", "3/2", "2");
    Arbitrary<String> g = Arbitraries.of("-1", "0", "1", "2", "z");
    Arbitrary<String> hypothesis = Combinators.combine(center, g).as((c, v) -> c + ":" + v);
    Arbitrary<String> hypotheses = hypothesis.list().ofMinSize(2).ofMaxSize(3).uniqueElements(h -> h.split(":")[0])
        .map(l -> String.join(",", l));
    Arbitrary<String> stat = Arbitraries.of("mean", "responsibilities", "variance", "free-energy", "entropy");
    Arbitrary<Double> z = Arbitraries.doubles().between(-4, 4);
    return Combinators.combine(kernel, value, hypotheses, stat, z).as((k, v, h, s, x) -> {
      List<String> params = new ArrayList<>();
      KernelCatalog.bundled().get(k).parameters().forEach(p -> params.add(p.name() + "=" + v));
      return new Case(k, params, h, s, x);
    });
  }

  /**
   * Seeded, so CI derives the same 20 specs every run: an unseeded draw once picked a spec whose
   * Symja work exhausted the test JVM's heap, a failure no change had caused. New specs are tried by
   * changing the seed deliberately.
   */
  @Property(tries = 20, seed = "20261202")
  void responsibilitiesSumToOneAndDerivativesMatchTheDefinition(@ForAll("cases") Case c) {
    Request r = new Request(Optional.of(c.kernel()), Optional.empty(), c.hypotheses(), c.stat(), c.params(), List.of(), "1", Optional.empty());
    ActivationSpec spec = new SpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.bundled()).resolve(r);
    Derivation d = new Deriver(SYMJA).derive(spec);
    assertTrue(d.emIdentity(), () -> c + ": " + d.notes());
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z"));
    Map<String, Double> at = Map.of("z", c.z());

    double sum = 0;
    for (var resp : d.responsibilities()) {
      double ri = DoubleEvaluator.evaluate(lowerer.lower(resp), at);
      assertTrue(ri >= 0 && ri <= 1, c + ": responsibility " + ri);
      sum += ri;
    }
    assertEquals(1.0, sum, 1e-14, c + ": responsibilities sum to " + sum);

    // central difference of the unsimplified definition, in 40-digit arithmetic
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    BigDecimal z = new BigDecimal(c.z());
    BigDecimal h = new BigDecimal("1e-12");
    List<BigDecimal> plus = reference.values(z.add(h));
    List<BigDecimal> minus = reference.values(z.subtract(h));
    var lowered = new ActivationLowering(SYMJA).lower(d, ActivationLowering.Scorer.STRUCTURED_ONLY, new ArrayList<>());
    for (int o = 0; o < d.outputs(); o++) {
      double numeric = plus.get(o).subtract(minus.get(o)).divide(h.add(h), MathContext.DECIMAL64).doubleValue();
      double symbolic = DoubleEvaluator.evaluate(lowered.derivatives().get(o).expr(), at);
      if (d.kinks().stream().anyMatch(k -> Math.abs(SYMJA.evalTrusted(k).evalf() - c.z()) < 1e-9)) continue;
      assertEquals(numeric, symbolic, 1e-8 * Math.max(1, Math.abs(numeric)),
          c + ": derivative of output " + o + " is " + symbolic + ", the central difference " + numeric);
    }
  }
}
