package dev.activations.deriver.derivation.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.cli.AttentionGeneration;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which energies the derivation finds linear and homogeneous in the Gram entries (their classes
 * evaluate overflowing entries scaled): the catalog's dot kernels and distances, custom energies of
 * that form; not a constant term, not a logarithm or quotient of entries, not the cosine.
 */
class EntryScalingTest {
  private static final Symja SYMJA = new Symja();

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "--kernel;scaled-dot;true",
      "--kernel;euclidean;true",
      "--kernel;mahalanobis;true",
      "--energy;Dot[q-k,q-k]/3-Dot[q,k];true",
      "--energy;1-Dot[q,k];false",
      "--kernel;student-t;false",
      "--kernel;yat;false",
      "--kernel;cosine;false"})
  void linearGramEnergiesScale(String option, String value, boolean expected) {
    AttentionGeneration g = new AttentionGeneration(SYMJA);
    AttentionDerivation d = g.derive(g.resolve(List.of("--attention", option, value, "--stat", "mean")));
    assertEquals(expected, EntryScaling.linearHomogeneous(SYMJA, d), value);
  }
}
