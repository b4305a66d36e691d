package dev.activations.deriver.verify;

/**
 * A decision (a sign, a comparison, a division or logarithm of an enclosure that still contains
 * zero) could not be made at the current working precision. Callers catch it and retry with more
 * digits; it never escapes the package.
 */
final class InsufficientPrecisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long extraDigits;

  InsufficientPrecisionException(String what) {
    this(what, 0);
  }

  /** With an estimate of the digits missing (0: unknown, callers double the precision). */
  InsufficientPrecisionException(String what, long extraDigits) {
    super(what, null, false, false);
    this.extraDigits = extraDigits;
  }

  long extraDigits() {
    return extraDigits;
  }
}
