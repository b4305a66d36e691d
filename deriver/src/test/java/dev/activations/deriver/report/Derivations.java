package dev.activations.deriver.report;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
import dev.activations.deriver.derivation.SpecResolver;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;

/** Derivations of catalog kernels for the report tests. */
final class Derivations {
  private Derivations() {}

  static Derivation derive(Symja symja, String kernel, String hypotheses, String statistic, String... free) {
    Request r = new Request(Optional.of(kernel), Optional.empty(), hypotheses, statistic, List.of(), List.of(free), "1",
        Optional.empty());
    var spec = new SpecResolver(new SafeExpressionParser(symja), KernelCatalog.bundled()).resolve(r);
    return new Deriver(symja).derive(spec);
  }
}
