package dev.activations.deriver.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;

/**
 * Elementary functions on {@link Apfloat}, accurate to a few units in the last place of the
 * requested precision.
 *
 * <p>Why not {@code ApfloatMath.exp/log}: measured on the development machine (apfloat 1.12.0),
 * {@code ApfloatMath.exp} takes 2.3 ms at 50 digits and 12.7 ms at 700 digits, {@code log} 0.4 to 4.8
 * ms, while a multiplication takes about 1 microsecond. A reference sweep needs thousands of
 * exponentials, so these functions are built here from apfloat's basic arithmetic: exp by
 * reduction modulo ln 10, halving and a Taylor series; log by Newton's method on exp with doubling
 * precision (and the atanh series next to 1, where Newton would lose relative accuracy); sqrt by
 * Newton's method for the inverse square root. Only ln 10 and pi come from apfloat (computed once
 * per precision and cached).
 */
final class BigMath {

  private BigMath() {}

  static final double LN10 = Math.log(10);
  static final double LOG10_2 = Math.log10(2);

  /** Arguments of exp beyond this magnitude over- or underflow apfloat's exponent. */
  static final double EXP_LIMIT = 1e17;

  private static final ConcurrentHashMap<Long, Apfloat> LN10_CACHE = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Long, Apfloat> PI_CACHE = new ConcurrentHashMap<>();

  /** ln 10 to at least {@code digits} digits (cached in blocks of 128 digits). */
  static Apfloat ln10(long digits) {
    long block = (digits / 128 + 1) * 128;
    Apfloat v = LN10_CACHE.computeIfAbsent(block, b -> ApfloatMath.log(new Apfloat(10, b + 10)));
    return v.precision(digits);
  }

  /** pi to {@code digits} digits (cached in blocks of 128 digits). */
  static Apfloat pi(long digits) {
    long block = (digits / 128 + 1) * 128;
    Apfloat v = PI_CACHE.computeIfAbsent(block, b -> ApfloatMath.pi(b + 10));
    return v.precision(digits);
  }

  /** Powers {@code 2^(64 a)}, {@code |a| <= 64}, by precision block and a; each written out exactly once, then rounded. */
  private static final ConcurrentHashMap<Long, Apfloat> POWERS_OF_TWO = new ConcurrentHashMap<>();
  private static final int POWER_STEP = 64;
  private static final int POWER_STEPS = 64;
  /** {@code 2^b} for {@code b < 64}, exact (infinite precision). */
  private static final Apfloat[] LOW_POWERS_OF_TWO = new Apfloat[POWER_STEP];

  static {
    for (int b = 0; b < POWER_STEP; b++) LOW_POWERS_OF_TWO[b] = new Apfloat(BigInteger.ONE.shiftLeft(b).toString(), Apfloat.INFINITE);
  }

  /** {@code 2^e} to at least {@code digits} digits (relative error below {@code 10^(1-digits)} per table entry used). */
  static Apfloat powerOfTwo(long e, long digits) {
    long a = Math.floorDiv(e, POWER_STEP);
    int b = (int) Math.floorMod(e, POWER_STEP);
    Apfloat low = LOW_POWERS_OF_TWO[b];
    if (a == 0) return low;
    long clamped = Math.max(-POWER_STEPS, Math.min(POWER_STEPS, a));
    long block = (digits + 15) / 16 * 16;
    Apfloat high = POWERS_OF_TWO.computeIfAbsent(block * (2 * POWER_STEPS + 1) + clamped + POWER_STEPS, k -> {
      int bits = (int) Math.abs(clamped) * POWER_STEP;
      // 2^k exactly as an integer, and 2^-k as 5^k 10^-k
      return clamped > 0
          ? new Apfloat(BigInteger.ONE.shiftLeft(bits).toString(), block)
          : ApfloatMath.scale(new Apfloat(BigInteger.valueOf(5).pow(bits).toString(), block), -bits);
    });
    Apfloat out = high.precision(digits).multiply(low);
    long rest = (a - clamped) * POWER_STEP;
    return rest == 0 ? out : out.multiply(powerOfTwo(rest, digits));
  }

  private static final Apfloat LOWER_MANTISSA = new Apfloat("0.316");

  static Apfloat one(long digits) {
    return new Apfloat(1, digits);
  }

  /**
   * e^x, relative error below {@code 10^(1-digits)} for the value {@code x} holds (x is taken as
   * exact). Requires {@code |x| < EXP_LIMIT}.
   *
   * <p>How: {@code x = k ln 10 + r} with {@code |r| <= ln(10)/2} (in apfloat, with enough digits
   * for {@code k ln 10} to cancel), then {@code e^r} in binary fixed point on {@link BigInteger}s
   * ({@link #expFixed}), and {@code 10^k} as a shift of the decimal exponent. The same series in
   * apfloat took 46 microseconds at 40 digits, most of it apfloat's cost per operation on short
   * numbers, and was a fifth of the catalog build's time (docs/PERFORMANCE.md, "Twenty-eighth
   * session").
   */
  static Apfloat exp(Apfloat x, long digits) {
    if (x.signum() == 0) return one(digits);
    if (x.scale() > 17) throw new ArithmeticException("exp argument too large: " + x.toString(false));
    double xd = x.doubleValue();
    if (Math.abs(xd) >= EXP_LIMIT) throw new ArithmeticException("exp argument too large: " + xd);
    long k = Math.round(xd / LN10);
    int kDigits = k == 0 ? 0 : (int) Math.floor(Math.log10(Math.abs((double) k))) + 1;
    // the fixed point's bits: digits + 3 decimal digits, and room for the squarings' and the series' roundings
    int halvings = halvings((int) Math.ceil((digits + 3) * LOG2_10));
    int bits = (int) Math.ceil((digits + 3) * LOG2_10) + halvings + 12;
    // r to a few digits more than the fixed point holds, after k ln 10 (kDigits digits before the point) cancelled
    long w = (long) Math.ceil(bits * LOG10_2) + 4 + kDigits;
    Apfloat r = x.precision(w);
    if (k != 0) r = r.subtract(ln10(w + kDigits).multiply(new Apint(k))).precision(w);
    // through the decimal string: Apint.toBigInteger took 17 microseconds at 40 digits, the parse one
    BigInteger scaled = new BigInteger(r.multiply(powerOfTwo(bits - halvings, w)).truncate().toString(true));
    BigInteger fixed = expFixed(scaled, bits, halvings);
    Apfloat e = new Apfloat(fixed.toString(), digits + 3).multiply(powerOfTwo(-bits, digits + 3));
    return ApfloatMath.scale(e, k).precision(digits);
  }

  private static final double LOG2_10 = Math.log(10) / Math.log(2);

  /**
   * {@code e^r 2^bits} for {@code scaled = r 2^(bits - halvings)}, {@code |r| < 1.2}: the Taylor
   * series of {@code e^(r/2^halvings)}, then {@code halvings} squarings, all in integers scaled by
   * {@code 2^bits}. Each operation truncates (at most one unit of {@code 2^-bits}); the series
   * adds at most two units per term (the error of a term is damped by the next) and its tail is
   * below its last term; each squaring doubles the relative error and adds a unit. So the relative
   * error is below {@code 2^(halvings + 7 - bits)}: with the 12 guard bits and one per halving that
   * {@link #exp} allows, below {@code 10^-(digits + 3) / 32}.
   */
  static BigInteger expFixed(BigInteger scaled, int bits, int halvings) {
    BigInteger one = BigInteger.ONE.shiftLeft(bits);
    BigInteger sum = one.add(scaled);
    BigInteger term = scaled;
    for (int n = 2; term.signum() != 0; n++) {
      term = term.multiply(scaled).shiftRight(bits).divide(BigInteger.valueOf(n));
      sum = sum.add(term);
    }
    for (int i = 0; i < halvings; i++) sum = sum.multiply(sum).shiftRight(bits);
    return sum;
  }

  /**
   * ln x for {@code x > 0}, relative error below {@code 10^(1-digits)} for the value {@code x} holds,
   * also next to 1.
   */
  static Apfloat log(Apfloat x, long digits) {
    if (x.signum() <= 0) throw new ArithmeticException("log of a non-positive number");
    long e = x.scale();
    Apfloat m = ApfloatMath.scale(x, -e); // in [0.1, 1)
    if (m.compareTo(LOWER_MANTISSA) < 0) {
      m = ApfloatMath.scale(m, 1);
      e -= 1;
    } // m in [0.316, 3.16): |ln m| < 1.16 < ln(10)/2, so e*ln10 + ln m never cancels
    Apfloat logM = logNearOne(m, digits + 4);
    if (e == 0) return logM.precision(digits);
    int eDigits = (int) Math.floor(Math.log10(Math.abs((double) e))) + 1;
    long w = digits + 4 + eDigits;
    return ln10(w).multiply(new Apint(e)).add(logM.precision(w)).precision(digits);
  }

  /** ln(1 + s) for {@code s > -1}, relative error below {@code 10^(1-digits)}, also for tiny s. */
  static Apfloat log1p(Apfloat s, long digits) {
    if (s.signum() == 0) return new Apfloat(0);
    if (-s.scale() > digits + 2) {
      // |s| < 10^-(digits+2): s - s^2/2 is ln(1+s) to a relative 10^-(2 digits); holding 1 + s
      // exactly would take -scale digits (350000 for the entropy's weight at z = 2e5)
      Apfloat sp = s.precision(Math.min(s.precision(), digits + 4));
      return sp.subtract(sp.multiply(sp).divide(new Apfloat(2, digits + 4))).precision(digits);
    }
    // 1 + s held exactly: enough digits for both the 1 and all of s's digits
    long exactDigits = Math.max(s.precision(), 1) + Math.max(0, -s.scale()) + 2;
    if (s.precision() == Apfloat.INFINITE) exactDigits = digits + Math.max(0, -s.scale()) + 4;
    Apfloat m = one(exactDigits).add(s.precision(Math.min(s.precision(), exactDigits)));
    return log(m, digits);
  }

  /**
   * ln m for m in [0.316, 3.16): Newton's method on {@code e^y = m}, {@code y <- y + m e^-y - 1},
   * in binary fixed point ({@link #expFixed}), from the double logarithm, each step at about twice
   * the bits of the one before; next to 1, where Newton would lose relative accuracy, the atanh
   * series. The same steps in apfloat took 65 to 90 microseconds at 40 digits.
   */
  private static Apfloat logNearOne(Apfloat m, long digits) {
    Apfloat d = m.subtract(one(m.precision() == Apfloat.INFINITE ? digits : m.precision()));
    if (d.signum() == 0) return new Apfloat(0);
    long lost = Math.max(0, -d.scale()); // |ln m| is about |d| = 10^-lost
    if (lost * 8 >= digits) return atanhSeriesLog(m, d, digits);
    long w = digits + 4 + lost;
    // correct bits wanted: |ln m| >= 10^-(lost + 1), so an absolute 2^-(correct) is a relative 10^-(w + 1)
    int correct = (int) Math.ceil((w + 2) * LOG2_10);
    int top = correct + guard(correct);
    // m in fixed point at the last level's bits (at m's own precision, as the Newton steps in apfloat had it)
    BigInteger mFixed = new BigInteger(m.multiply(powerOfTwo(top, w + 6)).truncate().toString(true));
    List<Integer> levels = new ArrayList<>();
    for (int c = correct; c > 96; c = c / 2 + 8) levels.add(0, c);
    levels.add(0, Math.min(96, correct));
    // y from the double logarithm (53 correct bits), scaled by 2^(the first level's bits)
    int bits = levels.get(0) + guard(levels.get(0));
    BigInteger y = fixed(Math.log(m.doubleValue()), bits);
    for (int c : levels) {
      int q = c + guard(c);
      y = q >= bits ? y.shiftLeft(q - bits) : y.shiftRight(bits - q);
      bits = q;
      int halvings = halvings(q);
      BigInteger mq = mFixed.shiftRight(top - q);
      BigInteger expMinusY = expFixed(y.negate().shiftRight(halvings), q, halvings);
      y = y.add(mq.multiply(expMinusY).shiftRight(q)).subtract(BigInteger.ONE.shiftLeft(q));
    }
    return new Apfloat(y.toString(), w + 2).multiply(powerOfTwo(-bits, w + 2)).precision(digits);
  }

  /** The bits {@link #expFixed} loses at a precision of about {@code bits}: its halvings, seven, and margin. */
  private static int guard(int bits) {
    return halvings(bits) + 16;
  }

  /** Halvings for {@link #expFixed} at {@code bits}: near the square root, where the series and the squarings cost alike. */
  private static int halvings(int bits) {
    return (int) Math.min(60, Math.max(2, Math.sqrt(bits)));
  }

  /** {@code v 2^bits} rounded toward zero to an integer (v finite). */
  private static BigInteger fixed(double v, int bits) {
    return new java.math.BigDecimal(v).multiply(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(bits))).toBigInteger();
  }

  /**
   * Working precisions for a quadratically convergent iteration started from a double (about 16
   * correct digits): ascending, starting at 30, each at most twice the previous minus 8, ending at
   * {@code w}.
   */
  private static List<Long> newtonLevels(long w) {
    List<Long> levels = new ArrayList<>();
    for (long q = w; q > 30; q = q / 2 + 4) levels.add(0, q);
    levels.add(0, 30L);
    return levels;
  }

  /** ln m = 2 atanh(u), u = d / (2 + d), for m = 1 + d close to 1 (few terms). */
  private static Apfloat atanhSeriesLog(Apfloat m, Apfloat d, long digits) {
    long w = digits + 4;
    Apfloat u = d.precision(Math.min(d.precision(), w)).divide(new Apfloat(2, w).add(d.precision(Math.min(d.precision(), w)))).precision(w);
    Apfloat u2 = u.multiply(u);
    Apfloat sum = u;
    Apfloat pow = u;
    for (long n = 3; ; n += 2) {
      pow = pow.multiply(u2);
      Apfloat term = pow.divide(new Apint(n));
      if (term.signum() == 0 || term.scale() < sum.scale() - w - 1) break;
      sum = sum.add(term);
    }
    return sum.multiply(new Apint(2)).precision(digits);
  }

  /** sqrt(x) for {@code x >= 0}, relative error below {@code 10^(1-digits)}. */
  static Apfloat sqrt(Apfloat x, long digits) {
    if (x.signum() < 0) throw new ArithmeticException("sqrt of a negative number");
    if (x.signum() == 0) return new Apfloat(0);
    long e = x.scale();
    if ((e & 1) != 0) e += 1;
    Apfloat m = ApfloatMath.scale(x, -e); // in [0.01, 1)
    long w = digits + 4;
    Apfloat y = new Apfloat(1 / Math.sqrt(m.doubleValue()), 17);
    for (long q : newtonLevels(w)) {
      // Newton for 1/sqrt(m): y <- y + y (1 - m y^2) / 2
      Apfloat yq = y.precision(q);
      Apfloat mq = m.precision(Math.min(m.precision(), q));
      Apfloat resid = one(q).subtract(mq.multiply(yq).multiply(yq));
      y = yq.add(yq.multiply(resid).divide(new Apint(2))).precision(q);
    }
    Apfloat s = m.precision(Math.min(m.precision(), w)).multiply(y);
    return ApfloatMath.scale(s, e / 2).precision(digits);
  }
}
