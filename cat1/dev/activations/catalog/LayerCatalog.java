package dev.activations.catalog;

import java.util.List;

/**
 * Every layer activation in this jar, in catalog order (generated from templates/catalog.txt).
 */
public final class LayerCatalog {
  public static final List<Entry> ENTRIES = List.of(
    new Entry("Softmax", "--layer --kernel linear --stat responsibilities", "out_j = exp(m - e_j) / s"),
    new Entry("LogSoftmax", "--layer --kernel linear --stat log-responsibilities", "out_j = (m - e_j) - log s"),
    new Entry("SoftmaxWeighted", "--layer --kernel linear --stat weighted", "out_j = z_j exp(m - e_j) / s"),
    new Entry("SoftmaxGrouped4", "--layer --group 4 --kernel linear --stat responsibilities", "out_j = exp(m - e_j) / s"),
    new Entry("SoftmaxEntropy", "--layer --kernel linear --stat entropy", "out = log s + sum_j (e_j - m) exp(m - e_j) / s"),
    new Entry("LogSumExp", "--layer --kernel linear --stat free-energy", "out = m - log s"),
    new Entry("HardMax", "--layer --kernel linear --stat mode", "out_j = [e_j = m] / #{k : e_k = m}"),
    new Entry("StudentTCompetition", "--layer --kernel student-t --stat responsibilities --param mu=0 --param nu=3 --param s=1", "out_j = exp(m - e_j) / s"),
    new Entry("YatCompetition", "--layer --kernel yat --stat responsibilities --param mu=1 --param eps=1", "out_j = exp(m - e_j) / s")
  );

  private LayerCatalog() {
  }

  /**
   * One generated activation: its class (in this package), the derive options that regenerate it, and its closed form.
   */
  public record Entry(String className, String spec, String closedForm) {
  }
}
