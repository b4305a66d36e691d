package dev.activations.deriver.verify;

/**
 * A {@link Fast} value with its derivative with respect to the input, by the same forward rules as
 * {@link Dual}: the fast path of the reference's values and derivatives. Where a rule does not
 * apply (Abs or Sign at an undecided sign, a Max tie, a Piecewise boundary) {@link
 * Fast.Undecided} is thrown and the high-precision evaluator (with its difference quotients)
 * decides.
 */
final class FastDual {
  final Fast v;
  final Fast d;

  FastDual(Fast v, Fast d) {
    this.v = v;
    this.d = d;
  }

  static FastDual constant(Fast c) {
    return new FastDual(c, Fast.ZERO);
  }

  static FastDual variable(Fast z) {
    return new FastDual(z, Fast.ONE);
  }

  static final FastDual ZERO = constant(Fast.ZERO);
  static final FastDual ONE = constant(Fast.ONE);

  boolean constantDerivative() {
    return d.isZero();
  }

  FastDual add(FastDual o) {
    return new FastDual(v.add(o.v), d.add(o.d));
  }

  FastDual subtract(FastDual o) {
    return new FastDual(v.subtract(o.v), d.subtract(o.d));
  }

  FastDual negate() {
    return new FastDual(v.negate(), d.negate());
  }

  FastDual multiply(FastDual o) {
    Fast dv = d.isZero() ? o.d.isZero() ? Fast.ZERO : v.multiply(o.d)
        : o.d.isZero() ? d.multiply(o.v) : d.multiply(o.v).add(v.multiply(o.d));
    return new FastDual(v.multiply(o.v), dv);
  }

  FastDual divide(FastDual o) {
    Fast q = v.divide(o.v);
    if (o.d.isZero()) return new FastDual(q, d.isZero() ? Fast.ZERO : d.divide(o.v));
    return new FastDual(q, d.subtract(q.multiply(o.d)).divide(o.v));
  }

  private FastDual chain(Fast f, java.util.function.Supplier<Fast> fPrime) {
    return new FastDual(f, d.isZero() ? Fast.ZERO : fPrime.get().multiply(d));
  }

  FastDual exp() {
    Fast f = v.exp();
    return chain(f, () -> f);
  }

  FastDual log() {
    return chain(v.log(), () -> Fast.ONE.divide(v));
  }

  FastDual sqrt() {
    Fast s = v.sqrt();
    return chain(s, () -> Fast.ONE.divide(s.multiply(Fast.of(2))));
  }

  FastDual abs() {
    int s = v.sign();
    if (s == 0) throw Fast.Undecided.get();
    return s > 0 ? this : negate();
  }

  FastDual sign() {
    int s = v.sign();
    if (s == 0 && !d.isZero()) throw Fast.Undecided.get();
    return constant(Fast.of(s));
  }

  FastDual sinh() {
    Fast em = v.expm1();
    Fast sinh = em.add(em.divide(em.add(Fast.ONE))).multiply(Fast.of(0.5));
    return chain(sinh, () -> cosh(v));
  }

  private static Fast cosh(Fast x) {
    Fast ex = x.abs().exp();
    return ex.add(Fast.ONE.divide(ex)).multiply(Fast.of(0.5));
  }

  FastDual cosh() {
    Fast c = cosh(v);
    return chain(c, () -> {
      Fast em = v.expm1();
      return em.add(em.divide(em.add(Fast.ONE))).multiply(Fast.of(0.5));
    });
  }

  /**
   * {@code log cosh x}: beyond |x| = 1 as {@code |x| - ln 2 + log1p(e^-2|x|)}, which needs no
   * {@code e^|x|} (the exponential is undecided beyond |x| = 2^60, so a log-cosh energy left half of
   * the log-uniform verification stream to the high-precision evaluator, which decides only a few
   * points per output: 2428 points verified instead of 10,000). Both forms enclose log cosh x for
   * every x, so the midpoint may choose between them (a comparison with 1 could not be decided at
   * {@code x = 1 - 1e-300}); {@link Fast#log1p} keeps {@code e^-2|x|} where {@code 1 + e^-2|x|} would
   * round it away (|x| = 300 was undecided).
   */
  FastDual logCosh() {
    Fast f;
    if (Math.abs(v.toDouble()) <= 1) {
      f = cosh(v).log();
    } else {
      v.sign(); // the far form takes |x| from the sign of the midpoint: it must be decided
      Fast a = v.abs();
      f = a.subtract(Fast.LN2).add(a.multiply(Fast.of(-2)).exp().log1p());
    }
    return chain(f, () -> tanh(v));
  }

  /** {@code e^x - 1}, accurate next to 0, with its derivative {@code e^x x'}. */
  FastDual expm1() {
    Fast f = v.expm1();
    return chain(f, () -> f.add(Fast.ONE));
  }

  /** {@code log(1 + x)}, accurate next to 0 ({@link Fast#log1p}), with its derivative {@code x' / (1 + x)}. */
  FastDual log1p() {
    return chain(v.log1p(), () -> Fast.ONE.divide(Fast.ONE.add(v)));
  }

  /**
   * {@code sech x} as {@code 2 t / (1 + t^2)}, {@code t = e^-|x|}: no {@code e^|x|}, so it is decided
   * (a tiny number) where {@link #sech()} overflows, beyond |x| = 2^60.
   */
  FastDual sechFar() {
    v.sign();
    Fast t = v.abs().negate().exp();
    Fast s = t.multiply(Fast.of(2)).divide(Fast.ONE.add(t.multiply(t)));
    return chain(s, () -> s.multiply(tanh(v)).negate());
  }

  FastDual tanh() {
    Fast t = tanh(v);
    return chain(t, () -> Fast.ONE.divide(cosh(v)).multiply(Fast.ONE.divide(cosh(v))));
  }

  private static Fast tanh(Fast x) {
    int s = x.hi < 0 ? -1 : 1;
    Fast em = x.abs().multiply(Fast.of(-2)).expm1(); // e^-2|x| - 1 in (-1, 0]
    Fast t = em.negate().divide(em.add(Fast.of(2)));
    return s < 0 ? t.negate() : t;
  }

  /** {@code atan x} with its derivative {@code x' / (1 + x^2)}. */
  FastDual atan() {
    return chain(v.atan(), () -> Fast.ONE.divide(Fast.ONE.add(v.multiply(v))));
  }

  /** {@code asinh x} with its derivative {@code x' / sqrt(1 + x^2)}. */
  FastDual asinh() {
    return chain(v.asinh(), () -> Fast.ONE.divide(Fast.ONE.add(v.multiply(v)).sqrt()));
  }

  FastDual sech() {
    Fast c = cosh(v);
    Fast s = Fast.ONE.divide(c);
    return chain(s, () -> s.multiply(tanh(v)).negate());
  }

  /** An integer power by repeated squaring (negative: the reciprocal). */
  FastDual pow(long n) {
    if (n == 0) return ONE;
    if (n < 0) return ONE.divide(pow(-n));
    FastDual result = null;
    FastDual base = this;
    long k = n;
    while (k > 0) {
      if ((k & 1) == 1) result = result == null ? base : result.multiply(base);
      k >>= 1;
      if (k > 0) base = base.multiply(base);
    }
    return result;
  }
}
