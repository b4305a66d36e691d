package dev.activations.deriver.derivation.layer;

import dev.activations.deriver.symbolic.Symja;

/** Test access to the deriver's written-out check. */
final class LayerDeriverChecks {
  private LayerDeriverChecks() {}

  static LayerDerivation.Check writtenOut(Symja symja, LayerDerivation d, int n) {
    return new LayerDeriver(symja).writtenOutCheck(d, n, null, -1);
  }

  static LayerDerivation.Check writtenOut(Symja symja, LayerDerivation d, int n, String parameter) {
    return new LayerDeriver(symja).writtenOutCheck(d, n, parameter, d.spec().free().indexOf(parameter));
  }
}
