package dev.activations.deriver.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact rational number as the user wrote it ({@code 3}, {@code -1/4}, {@code 0.25},
 * {@code 2.5e-3}), kept exact so that {@code 1/4} stays the rational 1/4 all the way into the
 * algebra. Decimals are exact too: {@code 0.1} is 1/10, not the nearest double.
 *
 * <p>This class only reads and prints numbers; all arithmetic on them happens in Symja.
 */
public record ExactNumber(BigInteger numerator, BigInteger denominator) implements Comparable<ExactNumber> {
  private static final Pattern INTEGER_OR_FRACTION = Pattern.compile("[-+]?\\d{1,40}(/\\d{1,40})?");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d{1,40}(\\.\\d{0,40})?|\\.\\d{1,40})([eE][-+]?\\d{1,3})?");

  public ExactNumber {
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    if (denominator.signum() <= 0) throw new IllegalArgumentException("denominator must be positive");
    BigInteger g = numerator.gcd(denominator);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      numerator = numerator.divide(g);
      denominator = denominator.divide(g);
    }
    if (numerator.signum() == 0) denominator = BigInteger.ONE;
  }

  public static final ExactNumber ZERO = new ExactNumber(BigInteger.ZERO, BigInteger.ONE);
  public static final ExactNumber ONE = new ExactNumber(BigInteger.ONE, BigInteger.ONE);

  public static ExactNumber of(long n) {
    return new ExactNumber(BigInteger.valueOf(n), BigInteger.ONE);
  }

  /** The exact value of a decimal ({@code new BigDecimal(v)} gives a double's exact value). */
  public static ExactNumber of(BigDecimal d) {
    BigInteger unscaled = d.unscaledValue();
    int scale = d.scale();
    return scale >= 0
        ? new ExactNumber(unscaled, BigInteger.TEN.pow(scale))
        : new ExactNumber(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
  }

  /**
   * Reads an integer, a fraction {@code p/q} or a decimal with optional exponent.
   *
   * @param what names the value in the error message, e.g. "value of parameter nu"
   * @throws SpecException if the text is not such a number, or a fraction has a zero denominator
   */
  public static ExactNumber parse(String text, String what) {
    String t = text.strip();
    if (INTEGER_OR_FRACTION.matcher(t).matches()) {
      int slash = t.indexOf('/');
      BigInteger num = new BigInteger(slash < 0 ? t : t.substring(0, slash));
      BigInteger den = slash < 0 ? BigInteger.ONE : new BigInteger(t.substring(slash + 1));
      if (den.signum() == 0) throw new SpecException(what + ": division by zero in '" + text + "'");
      return new ExactNumber(num, den);
    }
    if (DECIMAL.matcher(t).matches()) return of(new BigDecimal(t));
    throw new SpecException(what + ": '" + abbreviate(text) + "' is not a number (use e.g. 3, -1/4 or 0.25)");
  }

  public int signum() {
    return numerator.signum();
  }

  public boolean isInteger() {
    return denominator.equals(BigInteger.ONE);
  }

  public ExactNumber negate() {
    return new ExactNumber(numerator.negate(), denominator);
  }

  /** Correctly rounded (via a 60-digit decimal and {@link Double#parseDouble}). */
  public double toDouble() {
    return new BigDecimal(numerator)
        .divide(new BigDecimal(denominator), new java.math.MathContext(60))
        .doubleValue();
  }

  @Override
  public int compareTo(ExactNumber o) {
    return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
  }

  /** Mathematica input form: {@code 3}, {@code -1/4}. */
  @Override
  public String toString() {
    return isInteger() ? numerator.toString() : numerator + "/" + denominator;
  }

  public static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
