package dev.activations.deriver.verify;

import java.math.BigDecimal;

/**
 * The reference's fast arithmetic: a double-double midpoint {@code (hi + lo) 2^e} with an
 * unbounded exponent and an error radius {@code r 2^e}. It stands in for {@link Enclosure} where
 * about 30 digits suffice, some hundred times faster, so that the contract can be certified at
 * tens of thousands of points per class.
 *
 * <p>Error model: every operation adds its rounding (at most 2^-96 of the result's magnitude,
 * generous for double-double algorithms whose error is about 2^-104) and propagates the radii of
 * its operands with first-order bounds that hold while a radius is a small part of its midpoint
 * (at most 2^-20 of it, else {@link Undecided}); division, logarithms and roots additionally
 * require an operand known to be away from 0. The exponent never overflows in practice (a long),
 * so {@code e^-1e6} or {@code (1e300)^2} are ordinary numbers. Where a result cannot be decided to
 * the wanted accuracy (cancellation next to 0 beyond double-double's reach, a comparison within
 * the radius), {@link Undecided} is thrown and the caller asks the high-precision evaluator.
 *
 * <p>Immutable.
 */
final class Fast {
  /** Thrown when this arithmetic cannot decide; cheap (no stack trace). */
  static final class Undecided extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Undecided INSTANCE = new Undecided();
    private static final boolean DEBUG = Boolean.getBoolean("fast.debug");

    static Undecided get() {
      return DEBUG ? new Undecided() : INSTANCE;
    }

    private Undecided() {
      super("undecided in double-double", null, false, DEBUG);
    }
  }

  static final double U = 0x1p-96;
  private static final double SMALL = 0x1p-20;

  final double hi;
  final double lo;
  final long e;
  final double r;

  private Fast(double hi, double lo, long e, double r) {
    this.hi = hi;
    this.lo = lo;
    this.e = e;
    this.r = r;
  }

  static final Fast ZERO = new Fast(0, 0, 0, 0);
  static final Fast ONE = of(1);
  static final Fast PI = norm(0x1.921fb54442d18p1, 0x1.1a62633145c07p-53, 0, 0x1p-104);

  /**
   * The smallest exponent kept: a result below {@code 2^FLOOR} becomes a zero whose radius covers
   * it (as {@code e^-huge} from {@link #exp}). Without it, products of such numbers (four weights
   * {@code e^-2e18} in an entropy's series) took the exponent past the range of a long, and it
   * came back as a huge positive one.
   */
  static final long FLOOR = -(1L << 61);
  /** Beyond {@code 2^CEILING} nothing is decided (products of huge numbers, as above). */
  private static final long CEILING = 1L << 61;

  /**
   * {@code x 2^k}, bit for bit {@link Math#scalb(double, int)}: while {@code 2^k} is a normal double
   * one multiplication by it is exact or, for a subnormal result, rounded once, as scalb's result
   * is. Every operation here renormalises through it (about 150 calls per {@link #exp}), and JDK
   * 17's scalb, a general loop over steps of {@code 2^512}, was the largest single item of the
   * catalog build's CPU profile (8 % of its samples).
   */
  static double scale(double x, int k) {
    return k >= Double.MIN_EXPONENT && k <= Double.MAX_EXPONENT
        ? x * Double.longBitsToDouble((long) (k + Double.MAX_EXPONENT) << 52)
        : Math.scalb(x, k);
  }

  /** Normalises so that {@code |hi|} is in [1, 2) (or hi = 0 with r scaled to [1, 2)). */
  private static Fast norm(double hi, double lo, long e, double r) {
    Fast f = normalised(hi, lo, e, r);
    if (f.e < FLOOR) {
      // |value| <= (|hi| + |lo| + r) 2^e <= (|hi| + |lo| + r) 2^FLOOR
      double bound = Math.abs(f.hi) + Math.abs(f.lo) + f.r;
      return bound == 0 ? new Fast(0, 0, 0, 0) : new Fast(0, 0, FLOOR, bound * 1.0000001);
    }
    if (f.e > CEILING) throw Undecided.get();
    return f;
  }

  private static Fast normalised(double hi, double lo, long e, double r) {
    if (Double.isNaN(hi) || Double.isInfinite(hi) || Double.isNaN(r) || Double.isInfinite(r)) throw Undecided.get();
    if (hi == 0) {
      if (lo != 0) {
        hi = lo;
        lo = 0;
      } else {
        if (r == 0) return new Fast(0, 0, 0, 0);
        int k = Math.getExponent(r);
        if (k == Double.MIN_EXPONENT - 1) k = Math.getExponent(r * 0x1p100) - 100;
        return new Fast(0, 0, e + k, scale(r, -k));
      }
    }
    int k = Math.getExponent(hi);
    if (k == Double.MIN_EXPONENT - 1) k = Math.getExponent(hi * 0x1p100) - 100;
    double s = hi + lo;
    double l = lo - (s - hi);
    hi = scale(s, -k);
    lo = scale(l, -k);
    r = scale(r, -k);
    if (r != 0 && r < 0x1p-200) r = 0x1p-200; // below anything that matters; never rounds to 0
    // hi may have moved out of [1, 2) by the renormalising sum
    if (Math.abs(hi) >= 2) {
      hi *= 0.5;
      lo *= 0.5;
      r *= 0.5;
      k++;
    } else if (Math.abs(hi) < 1 && hi != 0) {
      hi *= 2;
      lo *= 2;
      r *= 2;
      k--;
    }
    return new Fast(hi, lo, e + k, r);
  }

  static Fast of(double x) {
    if (!Double.isFinite(x)) throw Undecided.get();
    return norm(x, 0, 0, 0);
  }

  static Fast of(Rational q) {
    BigDecimal n = new BigDecimal(q.numerator());
    BigDecimal d = new BigDecimal(q.denominator());
    Fast a = ofDecimal(n);
    return q.denominator().equals(java.math.BigInteger.ONE) ? a : a.divide(ofDecimal(d));
  }

  private static Fast ofDecimal(BigDecimal x) {
    if (x.signum() == 0) return ZERO;
    if (x.abs().compareTo(new BigDecimal("1e300")) > 0) throw Undecided.get();
    double hi = x.doubleValue();
    double lo = x.subtract(new BigDecimal(hi)).doubleValue();
    double err = Math.abs(lo) * 0x1p-52; // what lo itself may be off by
    return norm(hi, lo, 0, err);
  }

  boolean isZero() {
    return hi == 0 && r == 0;
  }

  /** This number when it is exactly an integer below 2^30 in magnitude (no radius), else null. */
  Long exactInteger() {
    if (r != 0 || lo != 0) return null;
    if (hi == 0) return 0L;
    if (e < 0 || e > 29) return null;
    double v = scale(hi, (int) e);
    return v == Math.rint(v) ? (long) v : null;
  }

  double magnitude() {
    return Math.abs(hi);
  }

  /** The sign, when the radius decides it; else {@link Undecided}. */
  int sign() {
    if (hi == 0 && r == 0) return 0;
    if (Math.abs(hi) - Math.abs(lo) <= r * 1.0000001) throw Undecided.get();
    return hi > 0 ? 1 : -1;
  }

  /** True when the radius is at most {@code rel} of the magnitude (with floor {@code floor}). */
  boolean accurate(double rel, double floor) {
    if (r == 0) return true;
    double scale = Math.max(Math.abs(hi), 0);
    // compare r 2^e with rel max(|mid|, floor)
    double lhs = Math.log(r) + e * Math.log(2);
    double mid = hi == 0 ? Double.NEGATIVE_INFINITY : Math.log(scale) + e * Math.log(2);
    return lhs <= Math.log(rel) + Math.max(mid, Math.log(floor));
  }

  Fast negate() {
    return new Fast(-hi, -lo, e, r);
  }

  Fast abs() {
    return hi < 0 || (hi == 0 && lo < 0) ? negate() : this;
  }

  private static double twoSumErr(double a, double b, double s) {
    double bb = s - a;
    return (a - (s - bb)) + (b - bb);
  }

  Fast add(Fast o) {
    if (o.hi == 0 && o.r == 0) return this;
    if (hi == 0 && r == 0) return o;
    long big = Math.max(e, o.e);
    int da = (int) Math.max(-3000, e - big);
    int db = (int) Math.max(-3000, o.e - big);
    double ah = scale(hi, da);
    double al = scale(lo, da);
    double bh = scale(o.hi, db);
    double bl = scale(o.lo, db);
    double s = ah + bh;
    double err = twoSumErr(ah, bh, s);
    double t = al + bl;
    double terr = twoSumErr(al, bl, t);
    // exact when neither two-sum rounded: then err + t is t, and the renormalising two-sum below
    // is exact too (1 + 1, or an exact cancellation such as 1 - 1)
    boolean exact = err == 0 && terr == 0 && da > -1000 && db > -1000 && (s == 0 || Math.abs(s) >= Math.abs(t));
    err += t;
    double s2 = s + err;
    err = err - (s2 - s);
    err += terr;
    double rad = scale(r, da) + scale(o.r, db) + (exact ? 0 : U * (Math.abs(ah) + Math.abs(bh)));
    if (da <= -1000) rad += scale(2.0, da < -1070 ? -1070 : da); // the smaller one underflowed
    if (db <= -1000) rad += scale(2.0, db < -1070 ? -1070 : db);
    return norm(s2, err, big, rad);
  }

  Fast subtract(Fast o) {
    return add(o.negate());
  }

  Fast multiply(Fast o) {
    double p = hi * o.hi;
    double err = Math.fma(hi, o.hi, -p);
    err += hi * o.lo + lo * o.hi;
    boolean exact = lo == 0 && o.lo == 0 && err == 0; // a product of two doubles that fits one
    double rad = Math.abs(hi) * o.r + Math.abs(o.hi) * r + r * o.r + (exact ? 0 : U * Math.abs(p) * 4);
    return norm(p, err, e + o.e, rad * 1.0000001);
  }

  Fast multiply(long k) {
    return multiply(of((double) k));
  }

  Fast divide(Fast o) {
    double b = Math.abs(o.hi) - Math.abs(o.lo);
    if (o.r > b * SMALL || o.hi == 0) throw Undecided.get();
    double q1 = hi / o.hi;
    // remainder this - q1 * o in double-double
    double p = q1 * o.hi;
    double pe = Math.fma(q1, o.hi, -p);
    pe += q1 * o.lo;
    double rem = (hi - p) - pe + lo;
    double q2 = rem / o.hi;
    double q = Math.abs(q1) + 1e-300;
    boolean exact = lo == 0 && o.lo == 0 && Math.fma(q1, o.hi, -hi) == 0; // a quotient that fits one double
    double rad = (r + q * o.r) / (b - o.r) + (exact ? 0 : U * 4 * q);
    return norm(q1, q2, e - o.e, rad * 1.0000001);
  }

  /** Rounded to double (NaN-free; +-Infinity beyond the range, 0 below). */
  double toDouble() {
    if (e > 1100) return hi > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    if (e < -1200) return hi >= 0 ? 0.0 : -0.0;
    return scale(hi, (int) e) + scale(lo, (int) e);
  }

  /**
   * The midpoint prepared for scoring ({@link Accuracy.Exact}): as {@code hi + lo} doubles where it
   * lies well inside the normal range, the exact decimal only where it does not.
   */
  Accuracy.Exact toExact() {
    if (hi != 0 && e > -950 && e < 990) {
      double h = scale(hi, (int) e);
      double l = scale(lo, (int) e);
      return Accuracy.Exact.split(h, l, this::toBigDecimal);
    }
    if (hi != 0 && e <= -950 && e > -1300) return Accuracy.Exact.scaled(hi, lo, (int) e, this::toBigDecimal);
    return Accuracy.Exact.of(toBigDecimal());
  }

  /** The midpoint as a decimal (far beyond the double range: +-1e400 or 0, which round alike). */
  BigDecimal toBigDecimal() {
    if (hi == 0) return BigDecimal.ZERO;
    if (e > 1100) return new BigDecimal(hi > 0 ? "1e400" : "-1e400");
    if (e < -1200) return BigDecimal.ZERO;
    BigDecimal m = new BigDecimal(hi).add(new BigDecimal(lo));
    BigDecimal scale = new BigDecimal(java.math.BigInteger.TWO.pow((int) Math.abs(e)));
    return e >= 0 ? m.multiply(scale) : m.divide(scale);
  }

  /** The value as a plain double-double when its exponent is moderate. */
  private double[] plain() {
    if (e > 900 || e < -900) throw Undecided.get();
    return new double[] {scale(hi, (int) e), scale(lo, (int) e), scale(r, (int) e)};
  }

  private static final double LN2_HI = 0x1.62e42fefa39efp-1;
  private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
  /** ln 2, with the radius of its double-double rounding. */
  static final Fast LN2 = norm(LN2_HI, LN2_LO, 0, 0x1p-106);

  /** e^x. */
  Fast exp() {
    if (hi == 0 && r == 0) return ONE;
    if (e > 60) {
      if (hi < 0) {
        // e^-huge: far below anything a double shows; a zero with a tiny radius
        return new Fast(0, 0, FLOOR, 1);
      }
      throw Undecided.get();
    }
    double[] x = e < -900 ? new double[] {0, 0, 0} : plain();
    double xr = e < -900 ? scale(Math.abs(hi) + r, (int) Math.max(e, -2000)) : x[2];
    if (xr > SMALL) throw Undecided.get();
    double xh = e < -900 ? 0 : x[0];
    double xl = e < -900 ? 0 : x[1];
    double kd = Math.rint((xh + xl) / LN2_HI);
    // r = x - k ln2 in double-double (k ln2_hi exact for |k| < 2^53 in two parts via fma)
    double p = kd * LN2_HI;
    double pe = Math.fma(kd, LN2_HI, -p);
    double s = xh - p;
    double se = twoSumErr(xh, -p, s);
    se += xl - pe - kd * LN2_LO;
    double rh = s + se;
    double rl = se - (rh - s);
    // e^r, |r| <= 0.35: Taylor at r / 2^10, then 10 squarings
    Fast t = norm(scale(rh, -10), scale(rl, -10), 0, 0);
    Fast sum = ONE;
    Fast term = ONE;
    for (int n = 1; n <= 12; n++) {
      term = term.multiply(t).divideExact(n);
      sum = sum.add(term);
    }
    for (int i = 0; i < 10; i++) sum = sum.multiply(sum);
    double kerr = Math.abs(kd) * 0x1p-105; // ln2 to 2^-107: the reduced argument's error
    double rad = Math.abs(sum.hi) * (xr * 1.01 + kerr + U * 2048);
    return norm(sum.hi, sum.lo, sum.e + (long) kd, rad);
  }

  private Fast divideExact(int n) {
    double q1 = hi / n;
    double rem = Math.fma(-q1, n, hi) + lo;
    return norm(q1, rem / n, e, r / n + U * Math.abs(q1));
  }

  /** e^x - 1, accurate next to 0. */
  Fast expm1() {
    if (e < -12 || (hi == 0)) {
      if (hi == 0 && r == 0) return ZERO;
      // |x| < 2^-11: the series x + x^2/2 + ... directly
      Fast sum = this;
      Fast term = this;
      for (int n = 2; n <= 14; n++) {
        term = term.multiply(this).divideExact(n);
        sum = sum.add(term);
        if (term.e < sum.e - 110) break;
      }
      return sum;
    }
    return exp().subtract(ONE);
  }

  /** The natural logarithm of a positive number. */
  Fast log() {
    if (sign() <= 0) throw new ArithmeticException("log of a non-positive number");
    if (r > SMALL) throw Undecided.get();
    // near 1: 2 atanh(u), u = (x - 1)/(x + 1), exact subtraction
    Fast t = subtract(ONE);
    if (t.isZero()) return ZERO;
    if (t.e < -10) {
      Fast u = t.divide(add(ONE));
      Fast u2 = u.multiply(u);
      Fast sum = u;
      Fast pow = u;
      for (int n = 3; n <= 41; n += 2) {
        pow = pow.multiply(u2);
        Fast term = pow.divideExact(n);
        sum = sum.add(term);
        if (term.e < sum.e - 110) break;
      }
      return sum.multiply(of(2));
    }
    // x = m 2^e with m in [1, 2): log m by one Newton step from Math.log, plus e ln 2
    Fast m = new Fast(hi, lo, 0, r);
    double y0 = Math.log(hi);
    Fast y = of(y0);
    Fast corr = m.multiply(y.negate().exp()).subtract(ONE); // m e^-y0 - 1 = e^(log m - y0) - 1
    Fast logm = y.add(corr.subtract(corr.multiply(corr).divideExact(2)).add(corr.multiply(corr).multiply(corr).divideExact(3)));
    // e beyond 2^53 (log of e^(1e17)) is not a double: two exact parts
    long eHigh = (e >> 26) << 26;
    Fast k = of((double) eHigh).add(of((double) (e - eHigh)));
    Fast eLn2 = k.multiply(norm(LN2_HI, LN2_LO, 0, 0x1p-106));
    return logm.add(eLn2);
  }

  /**
   * {@code log(1 + x)} for {@code x > -1/2}, accurate in relative terms next to 0: below 2^-29 by the
   * series {@code x - x^2/2 + x^3/3 - x^4/4}, whose remainder is below {@code |x|^5 / (5 (1 - |x|))
   * < 2^-116 |x|} (added to the radius), else {@code log} of the sum, where rounding {@code 1 + x}
   * costs at most 2^-96 against a result of at least 2^-30. Forming {@code 1 + x} first loses a tiny
   * {@code x} below the sum's rounding: {@code log(1 + e^-600)} could not be decided at all.
   */
  Fast log1p() {
    if (hi == 0 && r == 0) return ZERO;
    if (e < -2000) {
      // far below the double range (such as the zero with a radius of e^-huge): x itself, within
      // |log1p(x) - x| <= x^2 (the series' powers would take the exponent out of a long)
      // |x| <= m 2^e, so x^2 <= m^2 2^e in units of 2^e: below Double.MIN_VALUE unless m is huge
      double m = Math.abs(hi) + r;
      return norm(hi, lo, e, r * 1.0000001 + Math.max(scale(m * m, (int) Math.max(e, -3000)), Double.MIN_VALUE));
    }
    if (e < -30) {
      Fast x2 = multiply(this);
      Fast sum = subtract(x2.multiply(of(0.5))).add(x2.multiply(this).divide(of(3)))
          .subtract(x2.multiply(x2).multiply(of(0.25)));
      return norm(sum.hi, sum.lo, sum.e, sum.r + scale(Math.abs(hi) + r, (int) Math.max(-3000, e - sum.e - 116)));
    }
    return ONE.add(this).log();
  }

  /** The square root of a non-negative number. */
  Fast sqrt() {
    if (hi == 0 && r == 0) return ZERO;
    if (sign() < 0) throw new ArithmeticException("sqrt of a negative number");
    if (r > SMALL * Math.abs(hi)) throw Undecided.get();
    long half = Math.floorDiv(e, 2);
    double scale = (e - 2 * half) == 1 ? 2 : 1;
    double mh = hi * scale;
    double ml = lo * scale;
    double s = Math.sqrt(mh);
    // one Newton step in double-double: s + (m - s^2) / (2 s)
    double p = s * s;
    double pe = Math.fma(s, s, -p);
    double d = ((mh - p) - pe + ml) / (2 * s);
    double rad = (r * scale) / (2 * Math.sqrt(Math.max(mh - r * scale, 0) + 1e-300)) + U * 2 * s;
    return norm(s, d, half, rad * 1.001);
  }

  /**
   * {@code arctan x}: for |x| > 1 (by the midpoint: the identity holds on both sides) as {@code
   * sign(x) pi/2 - atan(1/|x|)}, no cancellation since the second term is at most pi/4; the
   * argument halved by {@code atan a = 2 atan(a / (1 + sqrt(1 + a^2)))} until it is below 1/32 (at
   * most five times), then {@code a (1 - a^2/3 + a^4/5 - ... + a^28/29)}, whose remainder is below
   * {@code a^31/31 < 2^-154 a} (added to the radius). Every step's rounding is tracked by the
   * arithmetic itself.
   */
  Fast atan() {
    int s = sign();
    if (s == 0) return ZERO;
    Fast a = abs();
    boolean inverted = a.toDouble() > 1;
    if (inverted) a = ONE.divide(a);
    int halvings = 0;
    while (a.toDouble() > 1.0 / 32) {
      a = a.divide(ONE.add(ONE.add(a.multiply(a)).sqrt()));
      halvings++;
    }
    Fast a2 = a.multiply(a);
    Fast p = ZERO;
    for (int k = 14; k >= 0; k--) {
      Fast c = ONE.divideExact(2 * k + 1);
      p = (k % 2 == 1 ? c.negate() : c).add(a2.multiply(p));
    }
    Fast t = a.multiply(p);
    t = norm(t.hi, t.lo, t.e, t.r + scale(Math.abs(t.hi), -154)).multiply(1L << halvings);
    if (inverted) t = PI.multiply(of(0.5)).subtract(t);
    return s < 0 ? t.negate() : t;
  }

  /**
   * {@code arsinh x = sign(x) log1p(a + a^2 / (1 + sqrt(1 + a^2)))}, {@code a = |x|}: the argument
   * of {@code log1p} is {@code a + sqrt(1 + a^2) - 1} without the subtraction, so a tiny x keeps its
   * relative accuracy, and the exponent range of this arithmetic holds {@code a^2} for every double.
   */
  Fast asinh() {
    int s = sign();
    if (s == 0) return ZERO;
    Fast a = abs();
    Fast a2 = a.multiply(a);
    Fast t = a.add(a2.divide(ONE.add(ONE.add(a2).sqrt()))).log1p();
    return s < 0 ? t.negate() : t;
  }

  /** The smallest and largest; for Max/Min with a decided order. */
  static int compare(Fast a, Fast b) {
    return a.subtract(b).sign();
  }
}
