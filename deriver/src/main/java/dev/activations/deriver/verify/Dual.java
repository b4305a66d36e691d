package dev.activations.deriver.verify;

/**
 * A value and its derivative with respect to the input {@code z}, both {@link Enclosure}s: forward
 * differentiation of the unsimplified definition in ball arithmetic.
 *
 * <p>Why: the reference derivative used to be a Richardson-extrapolated central difference, five
 * evaluations at some 30 extra digits per point, and it was most of the catalog's build time.
 * Carrying the derivative through the same operations costs about two evaluations and its error
 * bound is as rigorous as the value's, because every rule below is exact mathematics evaluated in
 * enclosures. Where a rule does not hold (the argument of {@code Abs} or {@code Sqrt} is zero, a
 * {@code Piecewise} condition sits on its boundary, {@code Max} ties) the operation throws {@link
 * NotDifferentiable} and the caller falls back to the difference quotient, which also tells a
 * kink from a smooth join.
 */
record Dual(Enclosure value, Enclosure derivative) implements Elementary<Dual> {

  /** Thrown where the forward rules do not apply; the difference quotient decides instead. */
  static final class NotDifferentiable extends RuntimeException {
    NotDifferentiable(String why) {
      super(why, null, false, false);
    }
  }

  static Dual constant(Enclosure c) {
    return new Dual(c, Enclosure.ZERO);
  }

  /** The input itself: derivative exactly 1. */
  static Dual variable(Enclosure z) {
    return new Dual(z, Enclosure.ONE);
  }

  static final Dual ZERO = constant(Enclosure.ZERO);
  static final Dual ONE = constant(Enclosure.ONE);

  Dual negate() {
    return new Dual(value.negate(), derivative.negate());
  }

  Dual add(Dual o, long p) {
    return new Dual(value.add(o.value, p), derivative.add(o.derivative, p));
  }

  Dual subtract(Dual o, long p) {
    return new Dual(value.subtract(o.value, p), derivative.subtract(o.derivative, p));
  }

  Dual multiply(Dual o, long p) {
    Enclosure d = derivative.multiply(o.value, p).add(value.multiply(o.derivative, p), p);
    return new Dual(value.multiply(o.value, p), d);
  }

  /** {@code (a/b)' = (a' - (a/b) b') / b}. */
  Dual divide(Dual o, long p) {
    Enclosure q = value.divide(o.value, p);
    Enclosure d = derivative.subtract(q.multiply(o.derivative, p), p).divide(o.value, p);
    return new Dual(q, d);
  }

  /** The chain rule with the outer derivative {@code f'(value)} already evaluated. */
  private Dual chain(Enclosure f, Enclosure fPrime, long p) {
    return new Dual(f, derivative.isExactZero() ? Enclosure.ZERO : fPrime.multiply(derivative, p));
  }

  private boolean constant() {
    return derivative.isExactZero();
  }

  @Override
  public Dual exp(long p) {
    Enclosure e = value.exp(p);
    return chain(e, e, p);
  }

  @Override
  public Dual log(long p) {
    Enclosure l = value.log(p);
    return constant() ? constant(l) : new Dual(l, derivative.divide(value, p));
  }

  /** {@code ln(1 + x)} for {@code x >= 0}: derivative {@code x' / (1 + x)}. */
  Dual log1pNonNegative(long p) {
    Enclosure l = value.log1pNonNegative(p);
    return constant() ? constant(l) : new Dual(l, derivative.divide(Enclosure.ONE.add(value, p), p));
  }

  @Override
  public Dual sqrt(long p) {
    Enclosure s = value.sqrt(p);
    if (constant()) return constant(s);
    if (s.signIfDecided() == null || s.isExactZero()) throw new NotDifferentiable("Sqrt at 0");
    return new Dual(s, derivative.divide(s.multiply(Enclosure.exact(2), p), p));
  }

  /** {@code x^n} for a constant exponent: {@code n x^(n-1) x'}. */
  Dual pow(Enclosure n, long p) {
    Enclosure y = value.pow(n, p);
    if (constant() || n.isExactZero()) return constant(y);
    if (n.isExact() && n.exactValue().isOne()) return this;
    if (!value.reliablyNonZero()) {
      // 0^(n-1): defined (and 0) only for n >= 2; a fractional power has no derivative at 0
      if (!(n.isExact() && n.exactValue().isInteger() && n.exactValue().signum() > 0)) {
        throw new NotDifferentiable("power at 0");
      }
    }
    Enclosure lower = value.pow(n.subtract(Enclosure.ONE, p), p);
    return new Dual(y, n.multiply(lower, p).multiply(derivative, p));
  }

  /** {@code x^y} for an exponent that depends on the input: {@code x^y (y' ln x + y x'/x)}. */
  Dual pow(Dual y, long p) {
    if (y.constant()) return pow(y.value, p);
    return log(p + 4).multiply(y, p + 4).exp(p);
  }

  @Override
  public Dual abs() {
    Integer s = value.signIfDecided();
    if (s == null || s == 0) {
      if (constant()) return constant(value.abs());
      throw new NotDifferentiable("Abs at 0");
    }
    return s < 0 ? negate() : this;
  }

  @Override
  public Dual sign(long p) {
    Integer s = value.signIfDecided();
    if ((s == null || s == 0) && !constant()) throw new NotDifferentiable("Sign at 0");
    return constant(value.sign(p));
  }

  @Override
  public Dual sinh(long p) {
    return chain(value.sinh(p), constant() ? null : value.cosh(p), p);
  }

  @Override
  public Dual cosh(long p) {
    return chain(value.cosh(p), constant() ? null : value.sinh(p), p);
  }

  /** {@code tanh' = sech^2}: no cancellation where tanh is near 1. */
  @Override
  public Dual tanh(long p) {
    if (constant()) return constant(value.tanh(p));
    Enclosure s = value.sech(p);
    return chain(value.tanh(p), s.multiply(s, p), p);
  }

  /** {@code atan' = 1/(1 + x^2)}. */
  @Override
  public Dual atan(long p) {
    if (constant()) return constant(value.atan(p));
    return chain(value.atan(p), Enclosure.ONE.divide(Enclosure.ONE.add(value.multiply(value, p), p), p), p);
  }

  /** {@code asinh' = 1/sqrt(1 + x^2)}. */
  @Override
  public Dual asinh(long p) {
    if (constant()) return constant(value.asinh(p));
    return chain(value.asinh(p),
        Enclosure.ONE.divide(Enclosure.ONE.add(value.multiply(value, p), p).sqrt(p), p), p);
  }

  /** {@code sech' = -sech tanh}. */
  @Override
  public Dual sech(long p) {
    Enclosure s = value.sech(p);
    if (constant()) return constant(s);
    return chain(s, s.multiply(value.tanh(p), p).negate(), p);
  }
}
