package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import org.apfloat.Apfloat;

/**
 * An exact rational number in lowest terms with a positive denominator.
 *
 * <p>Why it exists: the polynomial and piecewise parts of most energies (Gaussian, Laplace, Huber)
 * can be evaluated <em>exactly</em> at a double input, because every double and every decimal
 * literal is a rational. Exact energies make the differences between hypotheses free of
 * cancellation at any {@code |z|}, make ties (the mode's switch points) decidable, and cost far
 * less than carrying 600 digits. Only transcendental functions leave this exact world (see {@link
 * Enclosure}). Immutable.
 */
final class Rational implements Comparable<Rational> {

  /** Exact results larger than this many bits fall back to rounded arithmetic. */
  static final int MAX_EXACT_BITS = 1 << 17;

  static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  private final BigInteger num;
  private final BigInteger den;

  private Rational(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  /** {@code num / den} reduced; throws ArithmeticException when {@code den == 0}. */
  static Rational of(BigInteger num, BigInteger den) {
    Objects.requireNonNull(num, "num");
    Objects.requireNonNull(den, "den");
    if (den.signum() == 0) throw new ArithmeticException("division by zero");
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    if (num.signum() == 0) return ZERO;
    if (den.bitCount() == 1) {
      // a power of two (every double is num / 2^k): the common factor is the lower of the two
      // powers of two, a shift instead of a binary GCD of numbers thousands of bits long (the
      // GCDs were a tenth of the random-energy test's time)
      int shift = Math.min(num.getLowestSetBit(), den.getLowestSetBit());
      return shift == 0 ? new Rational(num, den) : new Rational(num.shiftRight(shift), den.shiftRight(shift));
    }
    if (!den.equals(BigInteger.ONE)) {
      BigInteger g = num.gcd(den);
      if (!g.equals(BigInteger.ONE)) {
        num = num.divide(g);
        den = den.divide(g);
      }
    }
    return new Rational(num, den);
  }

  static Rational of(long value) {
    return value == 0 ? ZERO : value == 1 ? ONE : new Rational(BigInteger.valueOf(value), BigInteger.ONE);
  }

  static Rational of(BigInteger value) {
    return new Rational(value, BigInteger.ONE);
  }

  /**
   * The exact value of a decimal. A decimal that is a double's exact value, {@code m 5^s / 10^s},
   * is reduced by one division by {@code 5^s} and a shift instead of a GCD with {@code 10^s}.
   */
  static Rational of(BigDecimal value) {
    int scale = value.scale();
    BigInteger unscaled = value.unscaledValue();
    if (scale <= 0) return of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
    BigInteger[] byFives = unscaled.divideAndRemainder(BigInteger.valueOf(5).pow(scale));
    return byFives[1].signum() == 0
        ? of(byFives[0], BigInteger.ONE.shiftLeft(scale))
        : of(unscaled, BigInteger.TEN.pow(scale));
  }

  /** The exact value of a finite double, {@code m 2^e} from its bits. */
  static Rational of(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("not finite: " + value);
    if (value == 0) return ZERO;
    long bits = Double.doubleToRawLongBits(value);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & ((1L << 52) - 1);
    if (biased == 0) {
      biased = 1; // subnormal
    } else {
      mantissa |= 1L << 52;
    }
    int e = biased - 1075;
    BigInteger m = BigInteger.valueOf(bits < 0 ? -mantissa : mantissa);
    return e >= 0 ? new Rational(m.shiftLeft(e), BigInteger.ONE) : of(m, BigInteger.ONE.shiftLeft(-e));
  }

  BigInteger numerator() {
    return num;
  }

  BigInteger denominator() {
    return den;
  }

  int signum() {
    return num.signum();
  }

  boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  boolean isZero() {
    return num.signum() == 0;
  }

  boolean isOne() {
    return isInteger() && num.equals(BigInteger.ONE);
  }

  /** Total size in bits, to keep exact arithmetic from growing without bound. */
  int bits() {
    return num.bitLength() + den.bitLength();
  }

  /**
   * Knuth's sum (TAOCP 4.5.1): the GCD of the denominators first, so that the final reduction is a
   * GCD with that small factor, not with the product; two power-of-two denominators go through
   * {@link #of}'s shift.
   */
  Rational add(Rational o) {
    if (isInteger() && o.isInteger()) return new Rational(num.add(o.num), BigInteger.ONE);
    if (den.bitCount() == 1 && o.den.bitCount() == 1) {
      int j = den.getLowestSetBit();
      int k = o.den.getLowestSetBit();
      return j <= k ? of(num.shiftLeft(k - j).add(o.num), o.den) : of(num.add(o.num.shiftLeft(j - k)), den);
    }
    BigInteger g = den.gcd(o.den);
    if (g.equals(BigInteger.ONE)) {
      BigInteger sum = num.multiply(o.den).add(o.num.multiply(den));
      return sum.signum() == 0 ? ZERO : new Rational(sum, den.multiply(o.den)); // already in lowest terms
    }
    BigInteger s = den.divide(g);
    BigInteger t = num.multiply(o.den.divide(g)).add(o.num.multiply(s));
    if (t.signum() == 0) return ZERO;
    BigInteger g2 = t.gcd(g);
    return g2.equals(BigInteger.ONE) ? new Rational(t, s.multiply(o.den))
        : new Rational(t.divide(g2), s.multiply(o.den.divide(g2)));
  }

  Rational subtract(Rational o) {
    return add(o.negate());
  }

  /** Knuth's product: each numerator reduced against the other's denominator, no GCD of the products. */
  Rational multiply(Rational o) {
    if (isInteger() && o.isInteger()) return new Rational(num.multiply(o.num), BigInteger.ONE);
    if (num.signum() == 0 || o.num.signum() == 0) return ZERO;
    if (den.bitCount() == 1 && o.den.bitCount() == 1) return of(num.multiply(o.num), den.multiply(o.den));
    BigInteger g1 = gcd(num, o.den);
    BigInteger g2 = gcd(o.num, den);
    return new Rational(num.divide(g1).multiply(o.num.divide(g2)), den.divide(g2).multiply(o.den.divide(g1)));
  }

  /**
   * The quotient as the product with the reciprocal (in lowest terms as {@code o} is), so that the
   * GCDs are Knuth's cross GCDs of the operands, not one GCD of the two cross products: the
   * attention references divide exact Gram entries thousands of bits long.
   */
  Rational divide(Rational o) {
    if (o.isZero()) throw new ArithmeticException("division by zero");
    Rational reciprocal = o.num.signum() > 0 ? new Rational(o.den, o.num) : new Rational(o.den.negate(), o.num.negate());
    return multiply(reciprocal);
  }

  /** gcd(a, b) for nonzero b, by a shift where either is a power of two in size (a double's denominator). */
  private static BigInteger gcd(BigInteger a, BigInteger b) {
    if (a.signum() != 0 && (a.abs().bitCount() == 1 || b.abs().bitCount() == 1)) {
      return BigInteger.ONE.shiftLeft(Math.min(a.getLowestSetBit(), b.getLowestSetBit()));
    }
    return a.gcd(b);
  }

  Rational negate() {
    return new Rational(num.negate(), den);
  }

  Rational abs() {
    return num.signum() < 0 ? negate() : this;
  }

  /** {@code this^n}; {@code 0^n} for {@code n <= 0} is an ArithmeticException. */
  Rational pow(int n) {
    if (n == 0) {
      if (isZero()) throw new ArithmeticException("0^0 is indeterminate");
      return ONE;
    }
    if (n < 0) {
      if (isZero()) throw new ArithmeticException("division by zero (0 to a negative power)");
      return of(den.pow(-n), num.pow(-n));
    }
    return new Rational(num.pow(n), den.pow(n));
  }

  /** The exact square root when numerator and denominator are perfect squares, else null. */
  Rational exactSqrt() {
    if (num.signum() < 0) return null;
    BigInteger rn = num.sqrt();
    if (!rn.multiply(rn).equals(num)) return null;
    BigInteger rd = den.sqrt();
    if (!rd.multiply(rd).equals(den)) return null;
    return new Rational(rn, rd);
  }

  /**
   * An upper bound of {@code log10|this|}, within about 0.61 of the truth; negative infinity for 0.
   */
  double log10Upper() {
    if (isZero()) return Double.NEGATIVE_INFINITY;
    return (num.bitLength() - den.bitLength() + 1) * BigMath.LOG10_2;
  }

  /** A lower bound of {@code log10|this|}; negative infinity for 0. */
  double log10Lower() {
    if (isZero()) return Double.NEGATIVE_INFINITY;
    return (num.bitLength() - 1 - den.bitLength()) * BigMath.LOG10_2;
  }

  /**
   * This value rounded to {@code digits} significant decimal digits (relative error below {@code
   * 10^(1-digits)}), with that precision; an integer exactly where its decimal digits beyond the
   * precision are zeros.
   *
   * <p>How: the numerator and the denominator are cut to their leading {@link #keptBits} bits
   * (a shift), the quotient of the two short integers is taken in decimal, and the power of two
   * the cuts (and a power-of-two denominator) stand for is multiplied in from {@link BigMath#powerOfTwo}.
   * The operands are doubles and products of doubles, integers times {@code 2^-1074} to {@code
   * 2^-3222} with up to a thousand digits: writing them out in decimal and dividing at full
   * length, as this did before, took 70 to 150 microseconds a conversion and a tenth of the
   * catalog build's time (docs/PERFORMANCE.md, "Twenty-eighth session").
   */
  Apfloat toApfloat(long digits) {
    // Through decimal strings: apfloat's BigInteger constructors are slow (about 0.4 ms measured).
    // An integer is written out whole, so that one with trailing decimal zeros (1.5e300) stays exact.
    if (isInteger()) return new Apfloat(num.toString(), digits);
    long w = digits + 4;
    int keep = keptBits(w);
    int cutNum = Math.max(0, num.bitLength() - keep);
    boolean dyadic = den.bitCount() == 1;
    int cutDen = dyadic ? den.getLowestSetBit() : Math.max(0, den.bitLength() - keep);
    Apfloat m = new Apfloat(num.shiftRight(cutNum).toString(), w);
    if (!dyadic) m = m.divide(new Apfloat(den.shiftRight(cutDen).toString(), w));
    long e = (long) cutNum - cutDen;
    return (e == 0 ? m : m.multiply(BigMath.powerOfTwo(e, w))).precision(digits);
  }

  /** Bits that hold {@code digits} decimal digits and a byte more (a cut's error is below 2^-(bits - 1)). */
  private static int keptBits(long digits) {
    return (int) Math.ceil(digits * 3.3219280948873626) + 8;
  }

  /** The value as an exact decimal when it is one (the denominator divides a power of ten), else null. */
  BigDecimal toBigDecimalOrNull() {
    if (isInteger()) return new BigDecimal(num);
    BigInteger d = den;
    int twos = d.getLowestSetBit();
    d = d.shiftRight(twos);
    int fives = 0;
    BigInteger five = BigInteger.valueOf(5);
    while (true) {
      BigInteger[] qr = d.divideAndRemainder(five);
      if (qr[1].signum() != 0) break;
      d = qr[0];
      fives++;
    }
    if (!d.equals(BigInteger.ONE)) return null;
    int scale = Math.max(twos, fives);
    BigInteger scaled = num.multiply(BigInteger.TEN.pow(scale)).divide(den);
    return new BigDecimal(scaled, scale);
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r && r.num.equals(num) && r.den.equals(den);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + den.hashCode();
  }

  @Override
  public String toString() {
    return isInteger() ? num.toString() : num + "/" + den;
  }
}
