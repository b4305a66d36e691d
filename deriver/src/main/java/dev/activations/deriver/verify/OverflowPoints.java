package dev.activations.deriver.verify;

import dev.activations.deriver.spec.ExactNumber;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Sample points of one spec's own: where each growing piece of its energies ({@code |b|^p}, {@code
 * e^a}, {@code cosh a}) leaves the double range, and where a sum of two such does.
 *
 * <p>Why: forms are chosen, and the saturation guard placed, by their errors at the sample points
 * ({@link Accuracy#samplePoints()}), which are the same for every spec. A power {@code |z|^p}
 * overflows at {@code MAX_VALUE^(1/p)}, which for most p lies between two of them (5/2: 2.0e123,
 * between 1e100 and 1e155): a form that meets {@code Inf - Inf} from there, or a conjugate form
 * whose denominator (a sum of two such powers) overflows from {@code (MAX_VALUE/2)^(1/p)}, is seen
 * at no point, and a guard that returns the limit starts only at the next point. One point just
 * beyond each of the two thresholds lets the selection see both.
 *
 * <p>Each threshold is solved for z exactly (the piece's argument evaluated by the independent
 * {@link HighPrecisionExpression}, at the free parameters' values, and bisected over the doubles),
 * not typed in: the point is the first double, walking outwards on one side, at which the piece is
 * at least {@code L} (resp. {@code L/2}), with {@code L = MAX_VALUE + ulp(MAX_VALUE)/2} the
 * smallest value that rounds to infinity. Only thresholds inside the double range on a side where
 * the piece grows out to it count; a piece that never gets there (an exponent of at most 1, a
 * bounded argument) adds nothing, so a spec without such pieces keeps the standard points.
 */
public final class OverflowPoints {
  private OverflowPoints() {}

  /** How a piece grows with its argument a. */
  public enum Growth {
    /** {@code |a|^p}, for an exponent p (a number at the parameters' values) greater than 1. */
    POWER,
    /** {@code e^a}, growing where a does. */
    EXP,
    /** {@code cosh a} or {@code sinh a}: {@code e^|a| / 2} in size far out. */
    COSH,
    /**
     * The argument itself: a whole energy or slope, for growth none of the kinds above describes
     * ({@code |u| log(1 + |u|)} passes the largest double at 2.5e305, and no power, exponential or
     * cosh in it ever does). Its points count only where no other piece put one within a relative
     * 1e-9 (the same threshold reached through a piece and through the whole differs in its last
     * bits), so a spec whose pieces already mark where its energies overflow keeps its points.
     */
    WHOLE,
    /**
     * An energy difference {@code D}: the forms take {@code e^+-D}, {@code cosh} and {@code tanh} of
     * it, its multiples and shifts, so the points are a little beyond where {@code e^|D|} leaves
     * the range ({@code |D| = ln L + 8}, where a form's {@code cosh(D + c)} has overflowed for any
     * shift {@code |c| < 7}, while the exact output, a ratio of such, is still a number) and where
     * it is far gone ({@code |D| = 3/2 ln L}). The three-prototype variance of the Gaussian kernel at
     * s = 2 computed {@code (4 + 2 e^(1/8) cosh(z/4)) / (e^(1/8) + 2 cosh(z/4))^2}, NaN from |z| =
     * 2842 (its {@code cosh} overflows) to the saturation guard at the sample point 5000, and no
     * sample point lay between 1000 and 5000.
     */
    GAP
  }

  /**
   * One growing piece, {@code scale * g(argument)}: its kind g, its argument, (for {@link
   * Growth#POWER}) its exponent and a factor free of z ({@code "1"} for none), all in Mathematica
   * syntax over z and the free parameters.
   */
  public record Piece(Growth growth, String argument, String exponent, String scale) {
    public Piece(Growth growth, String argument, String exponent) {
      this(growth, argument, exponent, "1");
    }
  }

  /** Working precision: the argument is compared with a level; 30 digits resolve it far below an ulp of z. */
  private static final long DIGITS = 30;

  /** {@code MAX_VALUE + ulp(MAX_VALUE)/2}: the least value that rounds to infinity. */
  private static final Apfloat OVERFLOW = new Apfloat(new BigDecimal(Double.MAX_VALUE)
      .add(new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2))));

  /**
   * The points, ascending, for the pieces at the free parameters' {@code values}. A piece whose
   * argument or exponent the independent evaluator cannot parse or evaluate adds nothing.
   */
  public static double[] of(List<Piece> pieces, Map<String, ExactNumber> values) {
    Key key = new Key(List.copyOf(pieces), Map.copyOf(values));
    double[] known = SOLVED.get(key);
    if (known == null) {
      known = solve(key.pieces(), key.values());
      if (SOLVED.size() >= MAX_SOLVED) SOLVED.clear();
      SOLVED.put(key, known);
    }
    return known.clone();
  }

  /** One spec's pieces at one assignment of its free parameters. */
  private record Key(List<Piece> pieces, Map<String, ExactNumber> values) {}

  /**
   * Points already solved: a derivation asks for the same pieces at its defaults for the sample
   * points and again for its verification streams (each bisection is some hundred high-precision
   * evaluations; the two calls were a tenth of the catalog build's time). A pure function of the
   * key, so what is returned does not change; only when it is computed.
   */
  private static final Map<Key, double[]> SOLVED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_SOLVED = 1024;

  private static double[] solve(List<Piece> pieces, Map<String, ExactNumber> values) {
    Map<String, Apfloat> bindings = new java.util.HashMap<>();
    values.forEach((k, v) -> bindings.put(k, new Apfloat(new BigDecimal(v.numerator()), DIGITS + 10)
        .divide(new Apfloat(new BigDecimal(v.denominator()), DIGITS + 10))));
    Map<String, FastDual> fast = fastBindings(values);
    TreeSet<Double> out = new TreeSet<>(Double::compare);
    List<Double> whole = new java.util.ArrayList<>();
    for (Piece piece : pieces) {
      Apfloat[] levels;
      try {
        levels = levels(piece, bindings);
      } catch (RuntimeException notParsedOrUndefined) {
        continue;
      }
      if (levels == null) continue;
      HighPrecisionExpression argument;
      try {
        argument = HighPrecisionExpression.parse(piece.argument());
      } catch (RuntimeException notParsed) {
        continue;
      }
      for (int side : new int[] {+1, -1}) {
        for (Apfloat level : levels) {
          double z = firstBeyond(argument, bindings, fast, piece.growth() == Growth.EXP, level, side);
          if (!Double.isNaN(z)) (piece.growth() == Growth.WHOLE ? whole : out).add(z);
        }
      }
    }
    List<Double> fromPieces = List.copyOf(out);
    for (double z : whole) {
      if (fromPieces.stream().noneMatch(x -> Math.abs(x - z) <= 1e-9 * Math.abs(z))) out.add(z);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The two levels of the argument at which the piece reaches {@code L} and {@code L/2}: with
   * {@code V = L/|scale|} (and {@code V/2}), {@code V^(1/p)} for a power, {@code ln V} for an
   * exponential, {@code ln 2V} for cosh, {@code V} for the whole ({@code ln V + 8} and {@code 3/2 ln V} for an energy
   * difference, {@link Growth#GAP}); null for a power whose exponent is at most 1 (its argument
   * leaves the range first) and for a zero scale.
   */
  private static Apfloat[] levels(Piece piece, Map<String, Apfloat> bindings) {
    long w = DIGITS + 10;
    Apfloat scale = ApfloatMath.abs(HighPrecisionExpression.parse(piece.scale()).evaluate(bindings, w));
    if (scale.signum() == 0) return null;
    Apfloat ln2 = BigMath.log(new Apfloat(2, w), w);
    Apfloat lnV = BigMath.log(OVERFLOW.precision(w), w).subtract(BigMath.log(scale.precision(w), w));
    Apfloat[] lnLevels = {lnV, lnV.subtract(ln2)};
    Apfloat[] out = new Apfloat[2];
    Apfloat p = piece.growth() == Growth.POWER
        ? HighPrecisionExpression.parse(piece.exponent()).evaluate(bindings, w) : null;
    if (p != null && p.compareTo(new Apfloat(1)) <= 0) return null;
    for (int i = 0; i < 2; i++) {
      out[i] = switch (piece.growth()) {
        case EXP -> lnLevels[i];
        case COSH -> lnLevels[i].add(ln2);
        case WHOLE -> BigMath.exp(lnLevels[i], w);
        case POWER -> BigMath.exp(lnLevels[i].divide(p), w);
        case GAP -> i == 0 ? lnV.add(new Apfloat(8, w)) : lnV.multiply(new Apfloat(3, w)).divide(new Apfloat(2, w));
      };
    }
    return out;
  }

  /**
   * The first double {@code side * m} (m from 0 outwards) at which the argument is at least {@code
   * level} (in size, unless {@code signed}), by bisection over the doubles; NaN where it is already
   * there at 0, does not get there by {@code MAX_VALUE}, or cannot be evaluated on the way.
   */
  private static double firstBeyond(HighPrecisionExpression argument, Map<String, Apfloat> bindings,
      Map<String, FastDual> fastBindings, boolean signed, Apfloat level, int side) {
    Fast fastLevel = fastOf(level);
    java.util.function.DoublePredicate beyond = z -> beyond(argument, bindings, fastBindings, signed, level, fastLevel, z);
    try {
      if (beyond.test(side * 0.0) || !beyond.test(side * Double.MAX_VALUE)) {
        return Double.NaN;
      }
      long lo = 0; // bits of a magnitude not beyond
      long hi = Double.doubleToRawLongBits(Double.MAX_VALUE); // bits of one beyond
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2; // positive doubles order like their bits
        if (beyond.test(side * Double.longBitsToDouble(mid))) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return side * Double.longBitsToDouble(hi);
    } catch (ArithmeticException | IllegalArgumentException undefined) {
      return Double.NaN;
    }
  }

  /**
   * Decided in the reference's fast arithmetic where its enclosure lies wholly on one side of the
   * level (each step of the bisection but the last few, where the argument is within the
   * enclosure's radius of the level, and for levels beyond 1e300, which the fast arithmetic does
   * not take), else in apfloat at {@link #DIGITS}: the same answer, since both resolve the argument
   * far below the relative step of one double (the sixty-odd apfloat evaluations per threshold
   * were a tenth of the random-energy test's time on its deriving threads).
   */
  private static boolean beyond(HighPrecisionExpression argument, Map<String, Apfloat> bindings, Map<String, FastDual> fastBindings,
      boolean signed, Apfloat level, Fast fastLevel, double z) {
    if (fastBindings != null && fastLevel != null) {
      try {
        Map<String, FastDual> env = new java.util.HashMap<>(fastBindings);
        env.put("z", FastDual.constant(Fast.of(z)));
        Fast a = argument.evalFast(env).v;
        int sign = (signed ? a : a.abs()).subtract(fastLevel).sign();
        if (sign != 0) return sign > 0;
      } catch (Fast.Undecided | ArithmeticException undecided) {
        // the apfloat evaluation below decides
      }
    }
    Map<String, Apfloat> at = new java.util.HashMap<>(bindings);
    // z to the evaluation's precision and ten digits more, not exactly: a double's exact decimal
    // has up to 767 significant digits, and every operation on it ran at that precision (and
    // writing that decimal out for apfloat cost more than the evaluation)
    at.put("z", Rational.of(z).toApfloat(DIGITS + 10));
    Apfloat a = argument.evaluate(at, DIGITS);
    return (signed ? a : ApfloatMath.abs(a)).compareTo(level) >= 0;
  }

  /** The level in the fast arithmetic, or null where it does not take it (beyond 1e300). */
  private static Fast fastOf(Apfloat level) {
    try {
      return Fast.of(Rational.of(new BigDecimal(level.toString(true))));
    } catch (Fast.Undecided | ArithmeticException | NumberFormatException notTaken) {
      return null;
    }
  }

  /** The free parameters' values in the fast arithmetic, or null where one is not representable. */
  private static Map<String, FastDual> fastBindings(Map<String, ExactNumber> values) {
    Map<String, FastDual> out = new java.util.HashMap<>();
    try {
      values.forEach((k, v) -> out.put(k, FastDual.constant(Fast.of(Rational.of(v.numerator(), v.denominator())))));
    } catch (Fast.Undecided | ArithmeticException notTaken) {
      return null;
    }
    return out;
  }
}
