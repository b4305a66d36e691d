package dev.activations.deriver.report;

/**
 * The formats a derivation of a vector input is reported in ({@code derive --format}).
 *
 * @param <D> the derivation
 */
public interface DerivationReports<D> {
  String text(D derivation);

  /** One JSON object. */
  String json(D derivation);

  String latex(D derivation);

  String markdown(D derivation);
}
