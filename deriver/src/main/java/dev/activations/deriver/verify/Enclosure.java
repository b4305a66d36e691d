package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * A real number known either exactly (a {@link Rational}) or as a midpoint with a rigorous-in-spirit
 * error bound ("ball arithmetic"): the true value lies within {@code 10^logRadius} of {@code mid}.
 *
 * <p>Why: a reference value is only useful with a statement of its own accuracy. Carrying the
 * bound through every operation tells the {@link ReferenceEvaluator} how many digits the result
 * really has, so it can raise the working precision exactly where the definition cancels (energy
 * differences at {@code |z| = 1e300}, {@code tanh} at {@code z = 1e-300}) instead of using 800 digits
 * everywhere. Exact operands stay exact through {@code +, -, *, /}, integer powers, {@code Abs},
 * {@code Max}, {@code Min}, {@code Sign} and decided comparisons; the rest rounds to the working
 * precision {@code p} given to each operation, and adds {@code 10^(1-p)} relative rounding.
 *
 * <p>Radii are first-order bounds computed in double-precision logarithms (enough for a bound);
 * they are deliberately generous (ten units in the last place per rounding). Immutable.
 */
final class Enclosure {

  static final double LOG10_2 = BigMath.LOG10_2;
  private static final double LOG10_E = 1 / BigMath.LN10;
  /** Slack added to magnitude estimates taken from doubles. */
  private static final double SLACK = 1e-9;

  static final Enclosure ZERO = new Enclosure(Rational.ZERO, null, Double.NEGATIVE_INFINITY);
  static final Enclosure ONE = new Enclosure(Rational.ONE, null, Double.NEGATIVE_INFINITY);

  private final Rational exact;
  private final Apfloat mid;
  private final double logRadius;

  private Enclosure(Rational exact, Apfloat mid, double logRadius) {
    this.exact = exact;
    this.mid = mid;
    this.logRadius = logRadius;
  }

  static Enclosure exact(Rational r) {
    return r.isZero() ? ZERO : r.isOne() ? ONE : new Enclosure(r, null, Double.NEGATIVE_INFINITY);
  }

  static Enclosure exact(long v) {
    return exact(Rational.of(v));
  }

  /** An approximate value: the truth lies within {@code 10^logRadius} of {@code mid}. */
  static Enclosure approx(Apfloat mid, double logRadius) {
    if (Double.isNaN(logRadius)) throw new IllegalArgumentException("NaN radius");
    return new Enclosure(null, mid, logRadius);
  }

  boolean isExact() {
    return exact != null;
  }

  /** The exact value; only for {@link #isExact()} enclosures. */
  Rational exactValue() {
    if (exact == null) throw new IllegalStateException("not exact");
    return exact;
  }

  /** log10 of the error bound; negative infinity when exact. */
  double logRadius() {
    return exact != null ? Double.NEGATIVE_INFINITY : logRadius;
  }

  /** The midpoint at (at least) {@code p} digits. */
  Apfloat mid(long p) {
    return exact != null ? exact.toApfloat(p) : mid;
  }

  /** Sign of the midpoint. */
  int midSignum() {
    return exact != null ? exact.signum() : mid.signum();
  }

  /** True when the value is known to be exactly zero. */
  boolean isExactZero() {
    return exact != null && exact.isZero();
  }

  /** An estimate of log10|value| (negative infinity for a zero midpoint). */
  double log10Magnitude() {
    if (exact != null) {
      if (exact.isZero()) return Double.NEGATIVE_INFINITY;
      return (exact.log10Upper() + exact.log10Lower()) / 2;
    }
    return log10Abs(mid);
  }

  /** Upper bound of log10|mid|. */
  private double upper() {
    if (exact != null) return exact.log10Upper();
    return log10Abs(mid) + SLACK;
  }

  /** Lower bound of log10|mid|. */
  private double lower() {
    if (exact != null) return exact.log10Lower();
    return log10Abs(mid) - SLACK;
  }

  /** log10|x| from a double of the mantissa (accurate to about 1e-15); -inf for 0. */
  static double log10Abs(Apfloat x) {
    if (x.signum() == 0) return Double.NEGATIVE_INFINITY;
    long s = x.scale();
    if (Math.abs(s) < 300) return Math.log10(Math.abs(x.doubleValue()));
    Apfloat m = ApfloatMath.scale(x.precision(Math.min(x.precision(), 20)), -s);
    return s + Math.log10(Math.abs(m.doubleValue()));
  }

  /** log10(10^a + 10^b), for combining error bounds. */
  static double lsum(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) return b;
    if (b == Double.NEGATIVE_INFINITY) return a;
    double hi = Math.max(a, b);
    double lo = Math.min(a, b);
    if (hi - lo > 20) return hi + Math.pow(10, lo - hi) * LOG10_E; // log10(1 + x) ~ x log10(e)
    return hi + Math.log10(1 + Math.pow(10, lo - hi));
  }

  static double lsum(double a, double b, double c) {
    return lsum(lsum(a, b), c);
  }

  static double lsum(double a, double b, double c, double d) {
    return lsum(lsum(a, b), lsum(c, d));
  }

  /** Bound for the rounding of a freshly computed midpoint at {@code p} digits. */
  private static double rounding(Apfloat m, long p) {
    return m.signum() == 0 ? Double.NEGATIVE_INFINITY : log10Abs(m) + 1 - p;
  }

  /** This value as a midpoint at precision p with a radius (exact values get a rounding radius). */
  Enclosure approx(long p) {
    if (exact == null) return this;
    if (exact.isZero()) return new Enclosure(null, new Apfloat(0), Double.NEGATIVE_INFINITY);
    Apfloat m = exact.toApfloat(p);
    boolean representable = exact.isInteger() && exact.numerator().bitLength() * LOG10_2 < p - 1;
    return new Enclosure(null, m, representable ? Double.NEGATIVE_INFINITY : exact.log10Upper() + 1 - p);
  }

  /** Would an exact result of this size still be cheap? */
  private static boolean small(Rational r) {
    return r.bits() <= Rational.MAX_EXACT_BITS;
  }

  // ---------------------------------------------------------------- arithmetic

  Enclosure negate() {
    return exact != null ? exact(exact.negate()) : new Enclosure(null, mid.negate(), logRadius);
  }

  Enclosure add(Enclosure o, long p) {
    if (isExactZero()) return o;
    if (o.isExactZero()) return this;
    if (exact != null && o.exact != null) {
      Rational r = exact.add(o.exact);
      if (small(r)) return exact(r);
    }
    Enclosure a = approx(p);
    Enclosure b = o.approx(p);
    Apfloat m = a.mid.add(b.mid).precision(p);
    return new Enclosure(null, m, lsum(a.logRadius, b.logRadius, rounding(m, p)));
  }

  Enclosure subtract(Enclosure o, long p) {
    return add(o.negate(), p);
  }

  Enclosure multiply(Enclosure o, long p) {
    if (isExactZero() || o.isExactZero()) return ZERO;
    if (exact != null && exact.isOne()) return o;
    if (o.exact != null && o.exact.isOne()) return this;
    if (exact != null && o.exact != null) {
      Rational r = exact.multiply(o.exact);
      if (small(r)) return exact(r);
    }
    Enclosure a = approx(p);
    Enclosure b = o.approx(p);
    Apfloat m = a.mid.multiply(b.mid).precision(p);
    double r =
        lsum(a.upper() + b.logRadius, b.upper() + a.logRadius, a.logRadius + b.logRadius, rounding(m, p));
    return new Enclosure(null, m, r);
  }

  Enclosure divide(Enclosure o, long p) {
    if (o.isExactZero()) throw new ArithmeticException("division by zero");
    if (isExactZero()) return ZERO;
    if (o.exact != null && o.exact.isOne()) return this;
    if (exact != null && o.exact != null) {
      Rational r = exact.divide(o.exact);
      if (small(r)) return exact(r);
    }
    Enclosure a = approx(p);
    Enclosure b = o.approx(p);
    double bLow = b.mid.signum() == 0 ? Double.NEGATIVE_INFINITY : b.lower();
    if (b.logRadius >= bLow - 0.01) throw new InsufficientPrecisionException("divisor may be zero");
    // |a/b - a'/b'| <= (|a| rb + |b| ra) / (|b| (|b| - rb))
    double margin = bLow + Math.log10(1 - Math.pow(10, b.logRadius - bLow));
    Apfloat m = a.mid.divide(b.mid).precision(p);
    double r =
        lsum(a.upper() + b.logRadius, b.upper() + a.logRadius) - bLow - margin;
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  /** {@code this^n} for an integer n (0^0 and 0^negative are ArithmeticExceptions). */
  Enclosure pow(long n, long p) {
    if (n == 0) {
      if (isExactZero()) throw new ArithmeticException("0^0 is indeterminate");
      return ONE;
    }
    if (exact != null && Math.abs(n) <= 100_000 && (long) exact.bits() * Math.abs(n) <= Rational.MAX_EXACT_BITS) {
      return exact(exact.pow((int) n));
    }
    if (n < 0) {
      if (isExactZero()) throw new ArithmeticException("division by zero (0 to a negative power)");
      return ONE.divide(pow(-n, p + 2), p);
    }
    Enclosure result = ONE;
    Enclosure base = this;
    long k = n;
    while (true) {
      if ((k & 1) != 0) result = result.multiply(base, p);
      k >>= 1;
      if (k == 0) break;
      base = base.multiply(base, p);
    }
    return result;
  }

  Enclosure abs() {
    if (exact != null) return exact(exact.abs());
    return mid.signum() < 0 ? new Enclosure(null, mid.negate(), logRadius) : this;
  }

  // ---------------------------------------------------------------- elementary functions

  /** log10(e^r - 1) for r = 10^logR, an error factor of exp. */
  private static double log10Expm1(double logR) {
    if (logR == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
    if (logR < -8) return logR + 1e-8;
    double r = Math.pow(10, logR);
    if (r > 700) return r * LOG10_E;
    return Math.log10(Math.expm1(r));
  }

  /** The double value of a midpoint whose magnitude is below EXP_LIMIT (else +-Infinity). */
  private static double asDouble(Apfloat m) {
    if (m.scale() > 20) return m.signum() * Double.POSITIVE_INFINITY;
    return m.doubleValue();
  }

  Enclosure exp(long p) {
    if (isExactZero()) return ONE;
    Enclosure a;
    if (exact != null) {
      // absolute accuracy 10^-p of the argument is relative accuracy 10^-p of the result
      a = approx(p + Math.max(0, (long) Math.ceil(exact.log10Upper())) + 2);
    } else {
      a = this;
    }
    double x = asDouble(a.mid);
    if (x >= BigMath.EXP_LIMIT) throw new ArithmeticException("exp overflows: argument " + a.mid.toString(false));
    if (x <= -BigMath.EXP_LIMIT) {
      double rad = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
      return new Enclosure(null, new Apfloat(0), (x + rad) * LOG10_E);
    }
    Apfloat m = BigMath.exp(a.mid, p).precision(p);
    double r = lsum(log10Abs(m) + log10Expm1(a.logRadius), rounding(m, p));
    return new Enclosure(null, m, r);
  }

  Enclosure log(long p) {
    if (exact != null) {
      if (exact.signum() <= 0) throw new ArithmeticException("Log of a non-positive number: " + exact);
      if (exact.isOne()) return ZERO;
      Rational d = exact.subtract(Rational.ONE);
      if (d.abs().compareTo(Rational.of(1).divide(Rational.of(2))) < 0) {
        // ln(1 + d) from the exact d: relative accuracy even next to 1
        Apfloat m = BigMath.log1p(d.toApfloat(p + 2), p).precision(p);
        return new Enclosure(null, m, rounding(m, p) + 0.5);
      }
    }
    Enclosure a = approx(p);
    if (a.mid.signum() <= 0 || a.logRadius >= a.lower() - 0.01) {
      if (a.mid.signum() > 0 || a.logRadius >= a.lower() - 0.01) {
        throw new InsufficientPrecisionException("Log argument may be non-positive");
      }
      throw new ArithmeticException("Log of a negative number");
    }
    Apfloat m = BigMath.log(a.mid, p).precision(p);
    double low = a.lower();
    double r = a.logRadius == Double.NEGATIVE_INFINITY
        ? Double.NEGATIVE_INFINITY
        : a.logRadius - low - Math.log10(1 - Math.pow(10, a.logRadius - low));
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  /** ln(1 + this) for a value known to be {@code >= 0} (used for the log-partition). */
  Enclosure log1pNonNegative(long p) {
    if (isExactZero()) return ZERO;
    Enclosure a = approx(p);
    if (a.mid.signum() == 0) return new Enclosure(null, new Apfloat(0), a.logRadius);
    Apfloat m = BigMath.log1p(a.mid, p).precision(p);
    // |d/ds ln(1+s)| <= 1 for s >= 0; the enclosure may reach slightly below 0, hence the factor 2
    return new Enclosure(null, m, lsum(a.logRadius + LOG10_2, rounding(m, p)));
  }

  Enclosure sqrt(long p) {
    if (exact != null) {
      if (exact.signum() < 0) throw new ArithmeticException("Sqrt of a negative number: " + exact);
      Rational r = exact.exactSqrt();
      if (r != null) return exact(r);
    }
    Enclosure a = approx(p);
    int s = a.mid.signum();
    double low = s == 0 ? Double.NEGATIVE_INFINITY : a.lower();
    if (s < 0 && a.logRadius < low) throw new ArithmeticException("Sqrt of a negative number");
    if (a.logRadius >= low - 0.3) {
      // the enclosure touches 0: |sqrt(x) - sqrt(m)| <= sqrt(|x - m|), with m clamped at 0
      Apfloat m = s <= 0 ? new Apfloat(0) : BigMath.sqrt(a.mid, p).precision(p);
      double r = (lsum(a.logRadius, s > 0 ? a.upper() : Double.NEGATIVE_INFINITY) + LOG10_2) / 2;
      return new Enclosure(null, m, lsum(r, rounding(m, p)));
    }
    Apfloat m = BigMath.sqrt(a.mid, p).precision(p);
    // |sqrt(x) - sqrt(m)| <= r / sqrt(m - r)
    double r = a.logRadius - (low + Math.log10(1 - Math.pow(10, a.logRadius - low))) / 2;
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  /** {@code this^y} for a general exponent. */
  Enclosure pow(Enclosure y, long p) {
    if (y.exact != null) {
      Rational e = y.exact;
      if (e.isInteger() && e.numerator().bitLength() < 40) return pow(e.numerator().longValueExact(), p);
      if (e.denominator().equals(java.math.BigInteger.TWO) && e.numerator().bitLength() < 40) {
        return sqrt(p + 2).pow(e.numerator().longValueExact(), p);
      }
    }
    if (exact != null && exact.isOne()) return ONE;
    if (isExactZero()) {
      int ys = y.decidedSign(p);
      if (ys > 0) return ZERO;
      throw new ArithmeticException("0 to a non-positive power");
    }
    if (exact != null && exact.signum() < 0) {
      throw new ArithmeticException("negative base to a non-integer power: " + exact);
    }
    return log(p + 4).multiply(y, p + 4).exp(p);
  }

  /** The sign if the enclosure decides it; else InsufficientPrecisionException. */
  int decidedSign(long p) {
    Integer s = signIfDecided();
    if (s == null) throw new InsufficientPrecisionException("sign undecided");
    return s;
  }

  /** -1, 0, 1 when the enclosure decides the sign, null when it straddles zero. */
  Integer signIfDecided() {
    if (exact != null) return exact.signum();
    if (mid.signum() == 0) return logRadius == Double.NEGATIVE_INFINITY ? 0 : null;
    if (logRadius < lower() - 1e-6) return mid.signum();
    return null;
  }

  private static double log10Cosh(double t) {
    t = Math.abs(t);
    if (t > 700) return t * LOG10_E - LOG10_2;
    return Math.log10(Math.cosh(t));
  }

  /** An approximation of an argument for a function whose value is about the argument near 0. */
  private Enclosure argumentForSmallValue(long p) {
    if (exact == null) return this;
    return approx(p + Math.max(0, (long) Math.ceil(-exact.log10Lower())) + 2);
  }

  Enclosure sinh(long p) {
    if (isExactZero()) return ZERO;
    Enclosure a = argumentForSmallValue(Math.max(p, 0));
    double x = asDouble(a.mid);
    if (Math.abs(x) >= BigMath.EXP_LIMIT) throw new ArithmeticException("Sinh overflows");
    double lx = a.lower();
    Apfloat m;
    if (-lx > p / 2.0 + 1) {
      m = a.mid.precision(p); // sinh x = x (1 + x^2/6 + ...)
    } else {
      long q = p + Math.max(0, (long) Math.ceil(-lx)) + 3;
      Apfloat e = BigMath.exp(a.mid.precision(Math.min(a.mid.precision(), q + 4)), q);
      m = e.subtract(BigMath.one(q).divide(e)).divide(new Apfloat(2, q)).precision(p);
    }
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    double r = a.logRadius + log10Cosh(Math.abs(x) + rx);
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  Enclosure cosh(long p) {
    if (isExactZero()) return ONE;
    Enclosure a = exact != null ? approx(p + Math.max(0, (long) Math.ceil(exact.log10Upper())) + 2) : this;
    double x = asDouble(a.mid);
    if (Math.abs(x) >= BigMath.EXP_LIMIT) throw new ArithmeticException("Cosh overflows");
    long q = p + 3;
    Apfloat e = BigMath.exp(a.mid, q);
    Apfloat m = e.add(BigMath.one(q).divide(e)).divide(new Apfloat(2, q)).precision(p);
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    double r = a.logRadius + log10Cosh(Math.abs(x) + rx);
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  Enclosure tanh(long p) {
    if (isExactZero()) return ZERO;
    Enclosure a = argumentForSmallValue(p);
    double x = asDouble(a.mid);
    double ax = Math.abs(x);
    double lx = a.lower();
    int sign = a.mid.signum();
    Apfloat m;
    double extra = Double.NEGATIVE_INFINITY;
    if (ax >= BigMath.EXP_LIMIT / 4) {
      m = new Apfloat(sign, p); // |tanh x - sign| <= 2 e^{-2|x|}
      extra = LOG10_2 - 2 * ax * LOG10_E;
    } else if (-lx > p / 2.0 + 1) {
      m = a.mid.precision(p); // tanh x = x (1 - x^2/3 + ...)
    } else {
      long q = p + Math.max(0, (long) Math.ceil(-lx)) + 3;
      Apfloat t = BigMath.exp(ApfloatMath.abs(a.mid).multiply(new Apfloat(-2, q)), q);
      Apfloat one = BigMath.one(q);
      m = one.subtract(t).divide(one.add(t)).precision(p);
      if (sign < 0) m = m.negate();
    }
    // |tanh'| <= 1
    return new Enclosure(null, m, lsum(a.logRadius, extra, rounding(m, p)));
  }

  Enclosure sech(long p) {
    if (isExactZero()) return ONE;
    Enclosure a = exact != null ? approx(p + Math.max(0, (long) Math.ceil(exact.log10Upper())) + 2) : this;
    double ax = Math.abs(asDouble(a.mid));
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    // |sech'| = sech |tanh| <= sech(max(0, |x| - r)) <= 2 e^{-max(0, |x| - r)}
    double r = a.logRadius + LOG10_2 - Math.max(0, ax - rx) * LOG10_E;
    if (ax >= BigMath.EXP_LIMIT / 2) {
      return new Enclosure(null, new Apfloat(0), lsum(r, LOG10_2 - ax * LOG10_E));
    }
    long q = p + 3;
    Apfloat t = BigMath.exp(ApfloatMath.abs(a.mid).negate(), q);
    Apfloat one = BigMath.one(q);
    Apfloat m = t.multiply(new Apfloat(2, q)).divide(one.add(t.multiply(t))).precision(p);
    return new Enclosure(null, m, lsum(r, rounding(m, p)));
  }

  /** Max (or Min) of several values: exact when all are, else 1-Lipschitz in the largest radius. */
  static Enclosure extremum(List<Enclosure> xs, boolean max, long p) {
    boolean allExact = xs.stream().allMatch(Enclosure::isExact);
    if (allExact) {
      Rational best = null;
      for (Enclosure x : xs) {
        if (best == null || (max ? x.exact.compareTo(best) > 0 : x.exact.compareTo(best) < 0)) best = x.exact;
      }
      return exact(best);
    }
    Apfloat best = null;
    double r = Double.NEGATIVE_INFINITY;
    for (Enclosure x : xs) {
      Enclosure a = x.approx(p);
      if (best == null || (max ? a.mid.compareTo(best) > 0 : a.mid.compareTo(best) < 0)) best = a.mid;
      r = Math.max(r, a.logRadius);
    }
    return new Enclosure(null, best, r);
  }

  /** Sign[x]: exact when decided; else the hull of the possible signs. */
  Enclosure sign(long p) {
    Integer s = signIfDecided();
    if (s != null) return exact(s);
    int ms = mid.signum();
    if (ms == 0) return new Enclosure(null, new Apfloat(0), 0.0); // [-1, 1]
    return new Enclosure(null, new Apfloat(ms, p).divide(new Apfloat(2, p)), -LOG10_2); // [0,1] or [-1,0]
  }

  /** The smallest enclosure containing all of {@code xs}. */
  static Enclosure hull(List<Enclosure> xs, long p) {
    Enclosure first = xs.get(0);
    if (xs.stream().allMatch(x -> x.isExact() && x.exact.equals(first.exact))) return first;
    Apfloat lo = null;
    Apfloat hi = null;
    for (Enclosure x : xs) {
      Enclosure a = x.approx(p);
      Apfloat rad = pow10(a.logRadius, p);
      Apfloat l = a.mid.subtract(rad);
      Apfloat h = a.mid.add(rad);
      if (lo == null || l.compareTo(lo) < 0) lo = l;
      if (hi == null || h.compareTo(hi) > 0) hi = h;
    }
    Apfloat m = lo.add(hi).divide(new Apfloat(2, p)).precision(p);
    Apfloat half = hi.subtract(lo).divide(new Apfloat(2, p));
    return new Enclosure(null, m, lsum(log10Abs(half), rounding(m, p)));
  }

  /** 10^e as an Apfloat (zero for negative infinity). */
  static Apfloat pow10(double e, long p) {
    if (e == Double.NEGATIVE_INFINITY) return new Apfloat(0);
    double fl = Math.floor(e);
    return ApfloatMath.scale(new Apfloat(Math.pow(10, e - fl), Math.min(p, 17)), (long) fl);
  }

  /** The midpoint (or exact value) as a decimal with {@code digits} significant digits. */
  BigDecimal toBigDecimal(long digits) {
    if (exact != null) {
      BigDecimal d = exact.toBigDecimalOrNull();
      if (d != null && d.precision() <= digits) return d;
    }
    Apfloat m = mid(digits + 2);
    if (m.signum() == 0) return BigDecimal.ZERO;
    return new BigDecimal(m.precision(Math.min(m.precision(), digits + 2)).toString(false))
        .round(new java.math.MathContext((int) digits));
  }

  @Override
  public String toString() {
    if (exact != null) return exact.toString();
    return mid.toString(false) + " +- 1e" + String.format("%.2f", logRadius);
  }
}
