package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * A real number known exactly (a {@link Rational}), or as a midpoint with an error bound ("ball
 * arithmetic": the truth lies within {@code 10^logRadius} of {@code mid}), or, beyond apfloat's
 * exponent range, as {@code sign * e^L} with {@code L} itself an enclosure.
 *
 * <p>Why: a reference value is only useful with a statement of its own accuracy. Carrying the
 * bound through every operation tells the {@link ReferenceEvaluator} how many digits the result
 * really has, so it raises the working precision exactly where the definition cancels (energy
 * differences at {@code |z| = 1e300}, {@code tanh} at {@code z = 1e-300}) instead of using 800
 * digits everywhere. Exact operands stay exact through {@code +, -, *, /}, integer powers, {@code
 * Abs}, {@code Max}, {@code Min}, {@code Sign} and decided comparisons; everything else rounds to
 * the working precision {@code p} passed to each operation and adds a rounding term of {@code
 * 10^(1-p)} relative. The log form keeps energies such as {@code Exp[Abs[z-mu]]} or {@code
 * Log[1+Exp[-(z-mu)]]} meaningful at {@code |z| = 1e300}, where {@code e^|z|} has no apfloat.
 *
 * <p>Radii are first-order bounds kept as double logarithms, deliberately generous (ten units in
 * the last place per rounding, magnitudes rounded up). Immutable.
 */
final class Enclosure implements Elementary<Enclosure> {

  static final double LOG10_2 = BigMath.LOG10_2;
  private static final double LOG10_E = 1 / BigMath.LN10;
  /** Slack added to magnitude estimates taken from doubles. */
  private static final double SLACK = 1e-9;
  /** Natural exponents beyond which values switch to the log form (apfloat is fine to 9e16). */
  static final double HUGE_LOG = 1e15;
  /** log10 of a radius that no value can be distinguished from zero by. */
  private static final double NEGLIGIBLE = -Double.MAX_VALUE;

  static final Enclosure ZERO = new Enclosure(Rational.ZERO, null, Double.NEGATIVE_INFINITY, null, 0);
  static final Enclosure ONE = new Enclosure(Rational.ONE, null, Double.NEGATIVE_INFINITY, null, 0);

  private final Rational exact;
  private final Apfloat mid;
  private final double logRadius;
  /** For values beyond apfloat: the value is {@code hugeSign * e^hugeLog}. */
  private final Enclosure hugeLog;
  private final int hugeSign;

  private Enclosure(Rational exact, Apfloat mid, double logRadius, Enclosure hugeLog, int hugeSign) {
    this.exact = exact;
    this.mid = mid;
    this.logRadius = logRadius;
    this.hugeLog = hugeLog;
    this.hugeSign = hugeSign;
  }

  static Enclosure exact(Rational r) {
    return r.isZero() ? ZERO : r.isOne() ? ONE : new Enclosure(r, null, Double.NEGATIVE_INFINITY, null, 0);
  }

  static Enclosure exact(long v) {
    return exact(Rational.of(v));
  }

  /** An approximate value: the truth lies within {@code 10^logRadius} of {@code mid}. */
  static Enclosure approx(Apfloat mid, double logRadius) {
    if (Double.isNaN(logRadius)) throw new IllegalArgumentException("NaN radius");
    return new Enclosure(null, mid, logRadius, null, 0);
  }

  /** {@code sign * e^log}, in the log form only when apfloat cannot hold it. */
  static Enclosure fromLog(int sign, Enclosure log, long p) {
    if (log.isHuge()) {
      if (log.hugeSign > 0) throw new ArithmeticException("overflow: a double exponential");
      return approx(new Apfloat(0), NEGLIGIBLE);
    }
    double l = log.approxDouble();
    if (l >= HUGE_LOG) return new Enclosure(null, null, Double.NEGATIVE_INFINITY, log, sign);
    Enclosure e = log.exp(p);
    return sign < 0 ? e.negate() : e;
  }

  boolean isExact() {
    return exact != null;
  }

  /** True for values kept as {@code sign * e^L} beyond apfloat's range. */
  boolean isHuge() {
    return hugeLog != null;
  }

  /** The exact value; only for {@link #isExact()} enclosures. */
  Rational exactValue() {
    if (exact == null) throw new IllegalStateException("not exact");
    return exact;
  }

  /** log10 of the error bound; negative infinity when exact (for huge values: of the log's bound). */
  double logRadius() {
    if (hugeLog != null) return hugeLog.logRadius(); // relative error of the value, roughly
    return exact != null ? Double.NEGATIVE_INFINITY : logRadius;
  }

  /** The midpoint at (at least) {@code p} digits. */
  Apfloat mid(long p) {
    if (hugeLog != null) throw new ArithmeticException("value e^" + hugeLog + " is beyond apfloat's range");
    return exact != null ? exact.toApfloat(p) : mid;
  }

  /** Sign of the midpoint. */
  int midSignum() {
    if (hugeLog != null) return hugeSign;
    return exact != null ? exact.signum() : mid.signum();
  }

  /** True when the value is known to be exactly zero. */
  boolean isExactZero() {
    return exact != null && exact.isZero();
  }

  /** An estimate of log10|value| (negative infinity for a zero midpoint). */
  double log10Magnitude() {
    if (hugeLog != null) return hugeLog.approxDouble() * LOG10_E;
    if (exact != null) {
      if (exact.isZero()) return Double.NEGATIVE_INFINITY;
      return (exact.log10Upper() + exact.log10Lower()) / 2;
    }
    return log10Abs(mid);
  }

  /** The value as a double, +-Infinity beyond the range (for decisions, not results). */
  double approxDouble() {
    if (hugeLog != null) return hugeSign * Double.POSITIVE_INFINITY;
    if (exact != null) {
      if (exact.isInteger() && exact.numerator().bitLength() < 1000) return exact.numerator().doubleValue();
      return new BigDecimal(exact.numerator()).divide(new BigDecimal(exact.denominator()), MathContext.DECIMAL64).doubleValue();
    }
    if (mid.scale() > 310) return mid.signum() * Double.POSITIVE_INFINITY;
    if (mid.scale() < -330) return 0.0 * mid.signum();
    return mid.doubleValue();
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
    if (a == Double.POSITIVE_INFINITY || b == Double.POSITIVE_INFINITY) return Double.POSITIVE_INFINITY;
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

  /** This (non-huge) value as a midpoint at precision p with a radius. */
  Enclosure approx(long p) {
    if (hugeLog != null) throw new IllegalStateException("huge value has no midpoint");
    if (exact == null) return this;
    if (exact.isZero()) return approx(new Apfloat(0), Double.NEGATIVE_INFINITY);
    Apfloat m = exact.toApfloat(p);
    boolean representable = exact.isInteger() && exact.numerator().bitLength() * LOG10_2 < p - 1;
    return approx(m, representable ? Double.NEGATIVE_INFINITY : exact.log10Upper() + 1 - p);
  }

  /** Would an exact result of this size still be cheap? */
  private static boolean small(Rational r) {
    return r.bits() <= Rational.MAX_EXACT_BITS;
  }

  /** The enclosure excludes 0 with a margin of a factor 100. */
  boolean reliablyNonZero() {
    if (hugeLog != null) return true;
    if (exact != null) return !exact.isZero();
    if (mid.signum() == 0) return false;
    return logRadius < log10Abs(mid) - 2;
  }

  /** log10 of an upper bound of |value| for a non-huge value. */
  private double magnitudeBound() {
    if (exact != null) return exact.isZero() ? Double.NEGATIVE_INFINITY : exact.log10Upper();
    return lsum(mid.signum() == 0 ? Double.NEGATIVE_INFINITY : upper(), logRadius);
  }

  /** ln|value| as an enclosure, for a value that is reliably non-zero. */
  private Enclosure lnAbs(long p) {
    if (hugeLog != null) return hugeLog;
    if (!reliablyNonZero()) throw new InsufficientPrecisionException("magnitude of a value near zero");
    return abs().log(p);
  }

  /** This enclosure with its bound widened by {@code 10^extra}. */
  private Enclosure widen(double extra, long p) {
    if (extra == Double.NEGATIVE_INFINITY) return this;
    if (hugeLog != null) return new Enclosure(null, null, 0, hugeLog.widen(extra, p), hugeSign);
    Enclosure a = approx(p);
    return approx(a.mid, lsum(a.logRadius, extra));
  }

  // ---------------------------------------------------------------- arithmetic

  Enclosure negate() {
    if (hugeLog != null) return new Enclosure(null, null, 0, hugeLog, -hugeSign);
    return exact != null ? exact(exact.negate()) : approx(mid.negate(), logRadius);
  }

  Enclosure add(Enclosure o, long p) {
    if (isExactZero()) return o;
    if (o.isExactZero()) return this;
    if (hugeLog != null || o.hugeLog != null) return addHuge(o, p);
    if (exact != null && o.exact != null) {
      Rational r = exact.add(o.exact);
      if (small(r)) return exact(r);
    }
    Enclosure a = approx(p);
    Enclosure b = o.approx(p);
    Apfloat m = a.mid.add(b.mid).precision(p);
    return approx(m, lsum(a.logRadius, b.logRadius, rounding(m, p)));
  }

  /** Sum where at least one side is in the log form: {@code A (1 + B/A)} for the larger A. */
  private Enclosure addHuge(Enclosure o, long p) {
    Enclosure big = this;
    Enclosure other = o;
    if (!big.isHuge() || (other.isHuge() && compareMid(other.hugeLog, big.hugeLog, p) > 0)) {
      big = o;
      other = this;
    }
    Enclosure lBig = big.hugeLog;
    if (!other.isHuge() && !other.reliablyNonZero()) {
      // |other| is below its bound; relative to e^lBig it only widens the log
      double extra = other.magnitudeBound() - lBig.approxDouble() * LOG10_E + LOG10_2;
      // both beyond the doubles (an unbounded term against a double exponential): undecided here,
      // not a wrong radius (the exponential kernel's free-energy dA with a free rate met it)
      if (Double.isNaN(extra)) throw new InsufficientPrecisionException("a term without a bound against a huge value");
      return big.widen(extra, p);
    }
    Enclosure u = other.lnAbs(p).subtract(lBig, p); // <= 0 up to rounding
    int s = big.hugeSign * other.midSignum();
    if (u.approxDouble() < -1e5) {
      return big.widen(u.approxDouble() * LOG10_E + LOG10_2, p);
    }
    Enclosure t = u.exp(p);
    Enclosure factor = s > 0 ? Enclosure.ONE.add(t, p) : Enclosure.ONE.subtract(t, p);
    if (!factor.reliablyNonZero()) throw new InsufficientPrecisionException("cancellation of huge values");
    if (factor.midSignum() < 0) throw new IllegalStateException("log-form sum ordering");
    return fromLog(big.hugeSign, lBig.add(factor.log(p), p), p);
  }

  Enclosure subtract(Enclosure o, long p) {
    return add(o.negate(), p);
  }

  Enclosure multiply(Enclosure o, long p) {
    if (isExactZero() || o.isExactZero()) return ZERO;
    if (exact != null && exact.isOne()) return o;
    if (o.exact != null && o.exact.isOne()) return this;
    if (hugeLog != null || o.hugeLog != null) {
      Enclosure h = hugeLog != null ? this : o;
      Enclosure c = hugeLog != null ? o : this;
      if (c.isHuge()) return fromLog(h.hugeSign * c.hugeSign, h.hugeLog.add(c.hugeLog, p), p);
      if (!c.reliablyNonZero()) {
        // c is (almost) zero: the product lies within |c|max e^L of 0
        return approx(new Apfloat(0), c.magnitudeBound() + h.hugeLog.approxDouble() * LOG10_E + LOG10_2);
      }
      return fromLog(h.hugeSign * c.midSignum(), h.hugeLog.add(c.lnAbs(p), p), p);
    }
    if (exact != null && o.exact != null) {
      Rational r = exact.multiply(o.exact);
      if (small(r)) return exact(r);
    }
    Enclosure a = approx(p);
    Enclosure b = o.approx(p);
    Apfloat m = a.mid.multiply(b.mid).precision(p);
    double r =
        lsum(a.upper() + b.logRadius, b.upper() + a.logRadius, a.logRadius + b.logRadius, rounding(m, p));
    return approx(m, r);
  }

  Enclosure divide(Enclosure o, long p) {
    if (o.isExactZero()) throw new ArithmeticException("division by zero");
    if (isExactZero()) return ZERO;
    if (o.exact != null && o.exact.isOne()) return this;
    if (hugeLog != null || o.hugeLog != null) {
      if (!o.reliablyNonZero()) throw new InsufficientPrecisionException("divisor may be zero");
      if (hugeLog == null && !reliablyNonZero()) {
        return approx(new Apfloat(0), magnitudeBound() - o.hugeLog.approxDouble() * LOG10_E + LOG10_2);
      }
      return fromLog(midSignum() * o.midSignum(), lnAbs(p).subtract(o.lnAbs(p), p), p);
    }
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
    double r = lsum(a.upper() + b.logRadius, b.upper() + a.logRadius) - bLow - margin;
    return approx(m, lsum(r, rounding(m, p)));
  }

  /** {@code this^n} for an integer n (0^0 and 0^negative are ArithmeticExceptions). */
  Enclosure pow(long n, long p) {
    if (n == 0) {
      if (isExactZero()) throw new ArithmeticException("0^0 is indeterminate");
      return ONE;
    }
    if (hugeLog != null) {
      int sign = hugeSign < 0 && (n & 1) != 0 ? -1 : 1;
      return fromLog(sign, hugeLog.multiply(exact(n), p), p);
    }
    if (exact != null && Math.abs(n) <= 100_000 && (long) exact.bits() * Math.abs(n) <= Rational.MAX_EXACT_BITS) {
      return exact(exact.pow((int) n));
    }
    if (n < 0) {
      if (isExactZero()) throw new ArithmeticException("division by zero (0 to a negative power)");
      return ONE.divide(pow(-n, p + 2), p);
    }
    if (reliablyNonZero() && Math.abs(log10Magnitude()) * n > 1e14) {
      // the power leaves apfloat's range: through the log form
      int sign = midSignum() < 0 && (n & 1) != 0 ? -1 : 1;
      return fromLog(sign, lnAbs(p + 4).multiply(exact(n), p + 4), p);
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

  @Override
  public Enclosure abs() {
    if (hugeLog != null) return new Enclosure(null, null, 0, hugeLog, 1);
    if (exact != null) return exact(exact.abs());
    return mid.signum() < 0 ? approx(mid.negate(), logRadius) : this;
  }

  // ---------------------------------------------------------------- elementary functions

  /** log10(e^r - 1) for r = 10^logR, an error factor of exp. */
  private static double log10Expm1(double logR) {
    if (logR == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
    if (logR < -8) return logR + 1e-8;
    if (logR > 300) return Double.POSITIVE_INFINITY;
    double r = Math.pow(10, logR);
    if (r > 700) return r * LOG10_E;
    return Math.log10(Math.expm1(r));
  }

  @Override
  public Enclosure exp(long p) {
    if (isExactZero()) return ONE;
    if (hugeLog != null) {
      if (hugeSign > 0) throw new ArithmeticException("exp overflows: argument e^" + hugeLog);
      return approx(new Apfloat(0), NEGLIGIBLE);
    }
    double x = approxDouble();
    if (x >= HUGE_LOG) return new Enclosure(null, null, 0, this, 1);
    if (x <= -HUGE_LOG) {
      double rad = logRadius() == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, logRadius());
      double top = x + rad; // the largest exponent within the enclosure
      if (Double.isNaN(top)) {
        // both beyond the doubles (-|z-1|^(3/2) at z = 1e300 is -1e450, its radius 1e410 at 40
        // digits): compared by their logarithms, the exponent stays below x/2 if the radius is
        // under a tenth of |x|
        if (!(logRadius() < log10Abs(mid) - 1)) throw new InsufficientPrecisionException("exp of a huge argument as wide as itself");
        top = Double.NEGATIVE_INFINITY;
      }
      return approx(new Apfloat(0), Math.max(NEGLIGIBLE, top * LOG10_E));
    }
    Enclosure a;
    if (exact != null) {
      // absolute accuracy 10^-p of the argument is relative accuracy 10^-p of the result
      a = approx(p + Math.max(0, (long) Math.ceil(exact.log10Upper())) + 2);
    } else {
      a = this;
    }
    Apfloat m = BigMath.exp(a.mid, p).precision(p);
    double r = lsum(log10Abs(m) + log10Expm1(a.logRadius), rounding(m, p));
    return approx(m, r);
  }

  @Override
  public Enclosure log(long p) {
    if (hugeLog != null) {
      if (hugeSign < 0) throw new ArithmeticException("Log of a negative number");
      return hugeLog;
    }
    if (exact != null) {
      if (exact.signum() <= 0) throw new ArithmeticException("Log of a non-positive number: " + exact);
      if (exact.isOne()) return ZERO;
      if (EXACT_LOGS.size() >= 4096) EXACT_LOGS.clear(); // bounds the memory of a long-running process
      return EXACT_LOGS.computeIfAbsent(new ExactLog(exact, p), k -> exactLog(k.x(), k.digits()));
    }
    return approximateLog(p);
  }

  /**
   * Logarithms of exact numbers already computed, by number and precision: the huge branches of
   * sinh and cosh take {@code ln 2} at every evaluation (a third of a random energy's reference
   * time went to recomputing it). The value is a function of the key alone, so a hit returns the
   * same enclosure the computation would.
   */
  private static final java.util.Map<ExactLog, Enclosure> EXACT_LOGS = new java.util.concurrent.ConcurrentHashMap<>();

  private record ExactLog(Rational x, long digits) {}

  private static Enclosure exactLog(Rational exact, long p) {
    Rational d = exact.subtract(Rational.ONE);
    if (d.abs().compareTo(Rational.of(1).divide(Rational.of(2))) < 0) {
      // ln(1 + d) from the exact d: relative accuracy even next to 1
      Apfloat m = BigMath.log1p(d.toApfloat(p + 2), p).precision(p);
      return approx(m, rounding(m, p) + 0.5);
    }
    return exact(exact).approximateLog(p);
  }

  /** ln of this value from its approximation to {@code p} digits. */
  private Enclosure approximateLog(long p) {
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
    return approx(m, lsum(r, rounding(m, p)));
  }

  /**
   * ln(1 + this) for a value next to 0 ({@code |this| < 1/4}), to a relative accuracy where 1 +
   * this would be held only to an absolute one ({@code Log[1+Exp[-z]]} at z = 1e5 is e^-100000,
   * and its enclosure as {@code Log} of a rounded {@code 1 + e^-100000} could not tell it from 0);
   * null where the value is not known to be that small.
   */
  Enclosure log1pNearZero(long p) {
    if (exact != null || hugeLog != null) return null;
    Enclosure a = approx(p);
    double v = a.approxDouble();
    if (!(Math.abs(v) < 0.25) || a.logRadius > -2) return null;
    if (a.mid.signum() == 0) return approx(new Apfloat(0), a.logRadius + LOG10_2);
    Apfloat m = BigMath.log1p(a.mid, p).precision(p);
    // |d/ds ln(1+s)| <= 2 for s >= -1/2
    return approx(m, lsum(a.logRadius + LOG10_2, rounding(m, p)));
  }

  /** ln(1 + this) for a value known to be {@code >= 0} (used for the log-partition). */
  Enclosure log1pNonNegative(long p) {
    if (isExactZero()) return ZERO;
    if (hugeLog != null) return ONE.add(this, p).log(p);
    Enclosure a = approx(p);
    if (a.mid.signum() == 0) return approx(new Apfloat(0), a.logRadius);
    Apfloat m = BigMath.log1p(a.mid, p).precision(p);
    // |d/ds ln(1+s)| <= 1 for s >= 0; the enclosure may reach slightly below 0, hence the factor 2
    return approx(m, lsum(a.logRadius + LOG10_2, rounding(m, p)));
  }

  @Override
  public Enclosure sqrt(long p) {
    if (hugeLog != null) {
      if (hugeSign < 0) throw new ArithmeticException("Sqrt of a negative number");
      return fromLog(1, hugeLog.divide(exact(2), p), p);
    }
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
      return approx(m, lsum(r, rounding(m, p)));
    }
    Apfloat m = BigMath.sqrt(a.mid, p).precision(p);
    // |sqrt(x) - sqrt(m)| <= r / sqrt(m - r)
    double r = a.logRadius - (low + Math.log10(1 - Math.pow(10, a.logRadius - low))) / 2;
    return approx(m, lsum(r, rounding(m, p)));
  }

  /** {@code this^y} for a general exponent. */
  Enclosure pow(Enclosure y, long p) {
    if (y.exact != null) {
      Rational e = y.exact;
      if (e.isInteger() && e.numerator().bitLength() < 40) return pow(e.numerator().longValueExact(), p);
      if (e.denominator().equals(BigInteger.TWO) && e.numerator().bitLength() < 40) {
        return sqrt(p + 2).pow(e.numerator().longValueExact(), p);
      }
    }
    if (exact != null && exact.isOne()) return ONE;
    if (isExactZero()) {
      Integer ys = y.signIfDecided();
      if (ys == null) throw new InsufficientPrecisionException("sign of an exponent of 0");
      if (ys > 0) return ZERO;
      throw new ArithmeticException("0 to a non-positive power");
    }
    if (exact != null && exact.signum() < 0) {
      throw new ArithmeticException("negative base to a non-integer power: " + exact);
    }
    if (hugeLog != null && hugeSign < 0) throw new ArithmeticException("negative base to a non-integer power");
    return log(p + 4).multiply(y, p + 4).exp(p);
  }

  /** -1, 0, 1 when the enclosure decides the sign, null when it straddles zero. */
  Integer signIfDecided() {
    if (hugeLog != null) return hugeSign;
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

  /** The argument for exp-based functions: exact ones with enough digits for absolute accuracy. */
  private Enclosure argumentForExp(long p) {
    if (exact == null) return this;
    return approx(p + Math.max(0, (long) Math.ceil(exact.log10Upper())) + 2);
  }

  @Override
  public Enclosure sinh(long p) {
    if (isExactZero()) return ZERO;
    if (hugeLog != null || Math.abs(approxDouble()) >= HUGE_LOG) {
      // sinh x = sign(x) e^{|x| - ln 2} (1 - e^{-2|x|}); the correction is far below any bound
      return fromLog(midSignum(), abs().subtract(exact(2).log(p + 2), p + 2), p);
    }
    Enclosure a = argumentForSmallValue(p);
    double x = a.approxDouble();
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
    return approx(m, lsum(r, rounding(m, p)));
  }

  @Override
  public Enclosure cosh(long p) {
    if (isExactZero()) return ONE;
    if (hugeLog != null || Math.abs(approxDouble()) >= HUGE_LOG) {
      return fromLog(1, abs().subtract(exact(2).log(p + 2), p + 2), p); // e^{|x|} / 2
    }
    Enclosure a = argumentForExp(p);
    double x = a.approxDouble();
    long q = p + 3;
    Apfloat e = BigMath.exp(a.mid, q);
    Apfloat m = e.add(BigMath.one(q).divide(e)).divide(new Apfloat(2, q)).precision(p);
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    double r = a.logRadius + log10Cosh(Math.abs(x) + rx);
    return approx(m, lsum(r, rounding(m, p)));
  }

  @Override
  public Enclosure tanh(long p) {
    if (isExactZero()) return ZERO;
    int sign = midSignum();
    double ax = Math.abs(approxDouble());
    if (hugeLog != null || ax >= HUGE_LOG) {
      return approx(new Apfloat(sign, p), NEGLIGIBLE); // |tanh x - sign| <= 2 e^{-2|x|}
    }
    Enclosure a = argumentForSmallValue(p);
    double lx = a.lower();
    Apfloat m;
    if (-lx > p / 2.0 + 1) {
      m = a.mid.precision(p); // tanh x = x (1 - x^2/3 + ...)
    } else {
      long q = p + Math.max(0, (long) Math.ceil(-lx)) + 3;
      Apfloat t = BigMath.exp(ApfloatMath.abs(a.mid).multiply(new Apfloat(-2, q)), q);
      Apfloat one = BigMath.one(q);
      m = one.subtract(t).divide(one.add(t)).precision(p);
      if (sign < 0) m = m.negate();
    }
    // |tanh'| <= 1
    return approx(m, lsum(a.logRadius, rounding(m, p)));
  }

  /**
   * {@code arctan x}. The midpoint from apfloat at a few guard digits (relative, so a tiny x keeps
   * its digits: atan x = x (1 - x^2/3 + ...)); the radius through {@code |atan'| = 1/(1 + x^2)},
   * at most 1 and at most {@code 1/(|x| - r)^2} away from 0. A value held as a logarithm (beyond
   * apfloat's reach) is {@code +-pi/2} to far below any bound ({@code 1/|x|}).
   */
  @Override
  public Enclosure atan(long p) {
    if (isExactZero()) return ZERO;
    if (hugeLog != null) {
      Apfloat half = BigMath.pi(p + 3).divide(new Apfloat(2, p + 3)).precision(p);
      return approx(hugeSign < 0 ? half.negate() : half, NEGLIGIBLE);
    }
    Enclosure a = argumentForSmallValue(p);
    long q = p + 3;
    Apfloat m = ApfloatMath.atan(a.mid.precision(Math.min(a.mid.precision(), q + 4))).precision(p);
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    double away = Math.abs(a.approxDouble()) - rx;
    double slope = away > 1 ? -2 * Math.log10(away) : 0; // log10 of the bound on |atan'|
    return approx(m, lsum(a.logRadius + slope, rounding(m, p)));
  }

  /**
   * {@code arsinh x = sign(x) log1p(a + a^2 / (1 + sqrt(1 + a^2)))}, {@code a = |x|}, in this
   * arithmetic (each step's radius carried, the logarithm relative next to 0, so a tiny x keeps its
   * digits: arsinh x = x (1 - x^2/6 + ...)). A value held as a logarithm, {@code |x| = e^L} beyond
   * apfloat's reach, is {@code L + ln 2} to within {@code e^-2L}, far below any bound.
   */
  @Override
  public Enclosure asinh(long p) {
    if (isExactZero()) return ZERO;
    long q = p + 4;
    if (hugeLog != null) {
      Enclosure t = hugeLog.add(exact(2).log(q), q);
      return hugeSign < 0 ? t.negate() : t;
    }
    int sign = midSignum();
    Enclosure a = abs();
    Enclosure a2 = a.multiply(a, q);
    Enclosure t = a.add(a2.divide(ONE.add(ONE.add(a2, q).sqrt(q), q), q), q).log1pNonNegative(p);
    return sign < 0 ? t.negate() : t;
  }

  @Override
  public Enclosure sech(long p) {
    if (isExactZero()) return ONE;
    double ax = Math.abs(approxDouble());
    if (hugeLog != null || ax >= HUGE_LOG) return approx(new Apfloat(0), NEGLIGIBLE);
    Enclosure a = argumentForExp(p);
    double rx = a.logRadius == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, a.logRadius);
    // |sech'| = sech |tanh| <= sech(max(0, |x| - r)) <= 2 e^{-max(0, |x| - r)}
    double r = a.logRadius + LOG10_2 - Math.max(0, ax - rx) * LOG10_E;
    long q = p + 3;
    Apfloat t = BigMath.exp(ApfloatMath.abs(a.mid).negate(), q);
    Apfloat one = BigMath.one(q);
    Apfloat m = t.multiply(new Apfloat(2, q)).divide(one.add(t.multiply(t))).precision(p);
    return approx(m, lsum(r, rounding(m, p)));
  }

  /** Orders midpoints (exactly when both are exact; log-form values beyond all others). */
  static int compareMid(Enclosure a, Enclosure b, long p) {
    if (a.isHuge() || b.isHuge()) {
      int sa = a.isHuge() ? 2 * a.hugeSign : a.midSignum();
      int sb = b.isHuge() ? 2 * b.hugeSign : b.midSignum();
      if (sa != sb) return Integer.compare(sa, sb);
      int byLog = compareMid(a.hugeLog, b.hugeLog, p);
      return a.hugeSign > 0 ? byLog : -byLog;
    }
    if (a.exact != null && b.exact != null) return a.exact.compareTo(b.exact);
    return a.mid(p).compareTo(b.mid(p));
  }

  /** Max (or Min) of several values: exact when all are, else 1-Lipschitz in the largest radius. */
  static Enclosure extremum(List<Enclosure> xs, boolean max, long p) {
    Enclosure best = xs.get(0);
    for (Enclosure x : xs) {
      int c = compareMid(x, best, p);
      if (max ? c > 0 : c < 0) best = x;
    }
    if (xs.stream().allMatch(Enclosure::isExact)) return best;
    if (xs.stream().anyMatch(Enclosure::isHuge)) {
      for (Enclosure x : xs) {
        if (x == best) continue;
        Integer s = best.subtract(x, p).signIfDecided();
        if (s == null) throw new InsufficientPrecisionException("Max/Min undecided");
      }
      return best;
    }
    double r = Double.NEGATIVE_INFINITY;
    for (Enclosure x : xs) r = Math.max(r, x.approx(p).logRadius);
    return approx(best.approx(p).mid, r);
  }

  /** Sign[x]: exact when decided; else the hull of the possible signs. */
  @Override
  public Enclosure sign(long p) {
    Integer s = signIfDecided();
    if (s != null) return exact(s);
    int ms = mid.signum();
    if (ms == 0) return approx(new Apfloat(0), 0.0); // [-1, 1]
    return approx(new Apfloat(ms, p).divide(new Apfloat(2, p)), -LOG10_2); // [0,1] or [-1,0]
  }

  /** The smallest enclosure containing all of {@code xs}. */
  static Enclosure hull(List<Enclosure> xs, long p) {
    Enclosure first = xs.get(0);
    if (xs.stream().allMatch(x -> x.isExact() && x.exact.equals(first.exact))) return first;
    if (xs.stream().anyMatch(Enclosure::isHuge)) {
      throw new InsufficientPrecisionException("Piecewise undecided between overflowing values");
    }
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
    return approx(m, lsum(log10Abs(half), rounding(m, p)));
  }

  /** 10^e as an Apfloat (zero for negative infinity). */
  static Apfloat pow10(double e, long p) {
    if (e == Double.NEGATIVE_INFINITY || e < -1e15) return new Apfloat(0);
    double fl = Math.floor(e);
    return ApfloatMath.scale(new Apfloat(Math.pow(10, e - fl), Math.min(p, 17)), (long) fl);
  }

  /** The midpoint (or exact value) as a decimal with {@code digits} significant digits. */
  BigDecimal toBigDecimal(long digits) {
    if (hugeLog != null) {
      throw new ArithmeticException("value " + (hugeSign < 0 ? "-" : "") + "e^" + hugeLog
          + " is beyond the decimal range (as a double: " + hugeSign + " * Infinity)");
    }
    if (exact != null) {
      BigDecimal d = exact.toBigDecimalOrNull();
      if (d != null && d.precision() <= digits) return d;
    }
    Apfloat m = mid(digits + 2);
    if (m.signum() == 0) return BigDecimal.ZERO;
    if (Math.abs(m.scale()) > 1_000_000_000L) {
      if (m.scale() < 0) return BigDecimal.ZERO; // far below any double, and below the error floor
      throw new ArithmeticException("value " + m.toString(false) + " is beyond the decimal range");
    }
    return new BigDecimal(m.precision(Math.min(m.precision(), digits + 2)).toString(false))
        .round(new MathContext((int) digits));
  }

  @Override
  public String toString() {
    if (hugeLog != null) return (hugeSign < 0 ? "-" : "") + "e^(" + hugeLog + ")";
    if (exact != null) return exact.toString();
    return mid.toString(false) + " +- 1e" + String.format("%.2f", logRadius);
  }
}
