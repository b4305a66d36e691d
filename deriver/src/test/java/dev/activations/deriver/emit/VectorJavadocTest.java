package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.LayerGeneration;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy paragraph of a layer class: the contract for a class that met it, the measured misses
 * (and no contract) for one written with {@code --accept-inaccurate}. (The attention class's is
 * checked through the command, {@code AttentionCommandTest}.)
 */
class VectorJavadocTest {
  @Test
  void aLayerClassWrittenWithAcceptInaccurateStatesWhatWasMeasured() {
    LayerGeneration generation = new LayerGeneration(new Symja());
    LayerDerivation d = generation.derive(generation.resolve(List.of("--layer", "--kernel", "gaussian", "--stat", "responsibilities")));
    String met = LayerJavadoc.of(d, false, false);
    String missed = LayerJavadoc.of(d, false, false, "worst output error 3.0e-9 (sample 7 output 2)");
    assertTrue(met.contains("each output within 1e-12 relative"), met);
    assertFalse(met.contains("NOT"), met);
    assertTrue(missed.contains("this class does NOT meet the contract (each output within 1e-12 relative"), missed);
    assertTrue(missed.contains("derived: worst output error 3.0e-9 (sample 7 output 2)."), missed);
    assertFalse(missed.contains("<p>Accuracy (measured"), missed);
  }
}
