package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rational's shortcuts (a shift for power-of-two denominators, Knuth's sum through the
 * denominators' GCD and his product through the cross GCDs) against the textbook: the
 * cross-multiplied fraction reduced by the GCD of numerator and denominator. Lowest terms are
 * unique, so the two must be equal as pairs.
 */
class RationalProperties {

  @Property(tries = 2000)
  void ofIsInLowestTerms(@ForAll("fractions") BigInteger[] f) {
    Rational r = Rational.of(f[0], f[1]);
    assertArrayEquals(reduced(f[0], f[1]), pair(r));
  }

  @Property(tries = 2000)
  void sumIsTheReducedCrossProduct(@ForAll("fractions") BigInteger[] x, @ForAll("fractions") BigInteger[] y) {
    Rational a = Rational.of(x[0], x[1]);
    Rational b = Rational.of(y[0], y[1]);
    BigInteger[] expected = reduced(a.numerator().multiply(b.denominator()).add(b.numerator().multiply(a.denominator())),
        a.denominator().multiply(b.denominator()));
    assertArrayEquals(expected, pair(a.add(b)));
    assertArrayEquals(expected, pair(b.add(a)));
  }

  @Property(tries = 2000)
  void productIsTheReducedProduct(@ForAll("fractions") BigInteger[] x, @ForAll("fractions") BigInteger[] y) {
    Rational a = Rational.of(x[0], x[1]);
    Rational b = Rational.of(y[0], y[1]);
    BigInteger[] expected = reduced(a.numerator().multiply(b.numerator()), a.denominator().multiply(b.denominator()));
    assertArrayEquals(expected, pair(a.multiply(b)));
    assertArrayEquals(expected, pair(b.multiply(a)));
  }

  @Property(tries = 2000)
  void quotientIsTheReducedCrossProduct(@ForAll("fractions") BigInteger[] x, @ForAll("fractions") BigInteger[] y) {
    Rational a = Rational.of(x[0], x[1]);
    Rational b = Rational.of(y[0], y[1]);
    if (b.isZero()) return;
    assertArrayEquals(reduced(a.numerator().multiply(b.denominator()), a.denominator().multiply(b.numerator())), pair(a.divide(b)));
  }

  @Property(tries = 1000)
  void aNumberMinusItselfIsZero(@ForAll("fractions") BigInteger[] x) {
    Rational a = Rational.of(x[0], x[1]);
    assertEquals(Rational.ZERO, a.subtract(a));
  }

  /** A double's value from its bits is the reduced fraction of its exact decimal (subnormals and signs included). */
  @Property(tries = 3000)
  void aDoubleIsItsExactDecimalInLowestTerms(@ForAll("doubles") double z) {
    java.math.BigDecimal exact = new java.math.BigDecimal(z);
    BigInteger[] expected = exact.scale() <= 0
        ? new BigInteger[] {exact.toBigIntegerExact(), BigInteger.ONE}
        : reduced(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    assertArrayEquals(expected, pair(Rational.of(z)));
    assertArrayEquals(expected, pair(Rational.of(exact)));
  }

  /** Decimals in general (a fifth-power shortcut applies to some), against the textbook reduction. */
  @Property(tries = 2000)
  void aDecimalIsInLowestTerms(@ForAll("fractions") BigInteger[] f, @ForAll @net.jqwik.api.constraints.IntRange(min = -30, max = 400) int scale) {
    java.math.BigDecimal d = new java.math.BigDecimal(f[0], scale);
    BigInteger[] expected = scale <= 0
        ? new BigInteger[] {f[0].multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE}
        : reduced(f[0], BigInteger.TEN.pow(scale));
    assertArrayEquals(expected, pair(Rational.of(d)));
  }

  /**
   * The conversion to apfloat holds the value to a relative {@code 10^(1 - digits)} (checked
   * exactly, in integers), with at least that precision, and an integer of fewer digits exactly.
   */
  @Property(tries = 2000)
  void toApfloatIsWithinItsLastDigit(@ForAll("fractions") BigInteger[] f, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 6000) int shift,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 17, max = 400) int digits) {
    Rational r = Rational.of(f[0], f[1]).multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(shift)));
    if (r.isZero()) return;
    org.apfloat.Apfloat x = r.toApfloat(digits);
    assertTrue(x.precision() >= digits, "precision " + x.precision());
    java.math.BigDecimal xd = new java.math.BigDecimal(x.toString(true));
    // |x den - num| 10^(digits - 1) <= |num|
    BigInteger[] xr = reduced(xd.unscaledValue(), BigInteger.TEN.pow(Math.max(0, xd.scale())));
    if (xd.scale() < 0) xr = new BigInteger[] {xd.toBigIntegerExact(), BigInteger.ONE};
    BigInteger error = xr[0].multiply(r.denominator()).subtract(r.numerator().multiply(xr[1])).abs();
    assertTrue(error.multiply(BigInteger.TEN.pow(digits - 1)).compareTo(r.numerator().abs().multiply(xr[1])) <= 0,
        () -> r + " at " + digits + " digits: " + x);
    if (r.isInteger() && r.numerator().bitLength() * Math.log10(2) < digits - 1) assertEquals(BigInteger.ZERO, error);
  }

  /** An integer whose decimal digits beyond the precision are zeros is converted exactly (1.5e300, a literal). */
  @net.jqwik.api.Example
  void aDecimalIntegerIsExact() {
    BigInteger n = BigInteger.valueOf(15).multiply(BigInteger.TEN.pow(299));
    assertEquals(0, new java.math.BigDecimal(n).compareTo(new java.math.BigDecimal(Rational.of(n).toApfloat(45).toString(true))));
  }

  @Provide
  Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 0.1, -3.0));
  }

  /** Numerators and denominators with shared factors: powers of two, of ten, of three, and odd primes. */
  @Provide
  Arbitrary<BigInteger[]> fractions() {
    Arbitrary<BigInteger> factor = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1100).map(BigInteger.ONE::shiftLeft),
        Arbitraries.integers().between(0, 40).map(BigInteger.TEN::pow),
        Arbitraries.integers().between(0, 60).map(BigInteger.valueOf(3)::pow),
        Arbitraries.longs().between(1, Long.MAX_VALUE).map(BigInteger::valueOf));
    Arbitrary<BigInteger> number = Combinators.combine(factor, factor, Arbitraries.longs().between(1, 1L << 40))
        .as((a, b, c) -> a.multiply(b).multiply(BigInteger.valueOf(c)));
    Arbitrary<BigInteger> signed = Combinators.combine(number, Arbitraries.of(-1, 1, 1, 1))
        .as((n, s) -> s < 0 ? n.negate() : n);
    Arbitrary<BigInteger> denominator = Arbitraries.oneOf(number, factor);
    return Combinators.combine(signed, denominator, Arbitraries.of(-1, 1)).as((n, d, s) -> new BigInteger[] {n, s < 0 ? d.negate() : d});
  }

  private static BigInteger[] reduced(BigInteger num, BigInteger den) {
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    if (num.signum() == 0) return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
    BigInteger g = num.gcd(den);
    return new BigInteger[] {num.divide(g), den.divide(g)};
  }

  private static BigInteger[] pair(Rational r) {
    return new BigInteger[] {r.numerator(), r.denominator()};
  }
}
