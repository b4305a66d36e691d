package dev.activations.catalog;

import java.util.List;

/**
 * Every attention class in this jar, in catalog order (generated from templates/catalog.txt).
 */
public final class AttentionCatalog {
  public static final List<Entry> ENTRIES = List.of(
    new Entry("ScaledDotAttention", "--attention --kernel scaled-dot --stat mean", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("ScaledDotAttentionWeights", "--attention --kernel scaled-dot --stat responsibilities", "out_j = exp(m - e_j) / s"),
    new Entry("ScaledDotAttentionEnergy", "--attention --kernel scaled-dot --stat free-energy", "out = m - log s"),
    new Entry("EuclideanAttention", "--attention --kernel euclidean --stat mean --param s=1", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("CosineAttention", "--attention --kernel cosine --stat mean --param tau=1/10", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("StudentTAttention", "--attention --kernel student-t --stat mean --param nu=3 --param s=1", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("YatAttention", "--attention --kernel yat --stat mean --param eps=1", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("MahalanobisAttention", "--attention --kernel mahalanobis --stat mean", "out = sum_j exp(m - e_j) v_j / s"),
    new Entry("EuclideanAttentionScaleFree", "--attention --kernel euclidean --stat mean --free s", "out = sum_j exp(m - e_j) v_j / s")
  );

  private AttentionCatalog() {
  }

  /**
   * One generated activation: its class (in this package), the derive options that regenerate it, and its closed form.
   */
  public record Entry(String className, String spec, String closedForm) {
  }
}
