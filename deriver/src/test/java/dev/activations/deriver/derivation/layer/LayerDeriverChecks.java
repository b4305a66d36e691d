package dev.activations.deriver.derivation.layer;

import dev.activations.deriver.symbolic.Symja;

/** Test access to the deriver's written-out check. */
final class LayerDeriverChecks {
  private LayerDeriverChecks() {}

  static LayerDerivation.Check writtenOut(Symja symja, LayerDerivation d, int n) {
    return new LayerDeriver(symja).writtenOutCheck(d, n);
  }
}
