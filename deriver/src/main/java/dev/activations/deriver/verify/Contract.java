package dev.activations.deriver.verify;

import java.util.Locale;

/**
 * The numbers of the numerical contract, in one place (docs/CONTRACT.md): the bounds every
 * generated class is held to at the sample points, and the tighter margins the deriver keeps so
 * that a form chosen at the points does not go wrong between them. Errors are relative, with {@code
 * Double.MIN_NORMAL} as the scale's floor ({@link Accuracy#relativeError}). The float contract of
 * the SIMD kernels that compute in float is {@link FloatContract#TOLERANCE}.
 */
public final class Contract {
  private Contract() {}

  /** Values: relative error at most 1e-12. */
  public static final double VALUE_TOLERANCE = 1e-12;
  /** Derivatives (with respect to z and to free parameters): relative error at most 1e-10. */
  public static final double DERIVATIVE_TOLERANCE = 1e-10;

  /** A repaired value (saturation guard, splice near zero) must stay within this at the points. */
  public static final double REPAIR_VALUE_MARGIN = 1e-13;
  /** A repaired derivative must stay within this at the points. */
  public static final double REPAIR_DERIVATIVE_MARGIN = 1e-11;

  /**
   * A value form this accurate at the points (100x inside the contract) is kept without looking
   * further: no alternative needs to be measured.
   */
  public static final double SAFE_VALUE_ERROR = 1e-14;
  /** A derivative form this accurate at the points is safe. */
  public static final double SAFE_DERIVATIVE_ERROR = 1e-12;

  /** {@code 1e-12}: a bound as the messages print it. */
  public static String text(double bound) {
    return String.format(Locale.ROOT, "%.0e", bound);
  }
}
