package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The points that certify a generated class: a seeded stream that no form selection saw.
 *
 * <p>Why a separate stream: forms are chosen (and repaired) by their error at {@link
 * Accuracy#samplePoints()}, so those points cannot also certify them; a form that happens to be
 * right at 128 chosen inputs can still cancel between them (next to a root, a kink, a splice
 * boundary or a saturation threshold). Each output gets its own stream, seeded from the spec's text
 * and the output's index, so a build is reproducible and two outputs are not checked at the same
 * inputs.
 *
 * <p>What it holds, for {@code count} points: about two fifths with log-uniform magnitudes over
 * the whole double range (uniform binary exponent from the subnormals to {@code Double.MAX_VALUE},
 * uniform mantissa, random sign), about one fifth uniform in [-64, 64], and the rest dense next to
 * every special point the derivation produced: {@code s (1 + t)} with {@code |t|} log-uniform in
 * [1e-15, 1e-3] (absolute offsets in the same range around 0), both sides.
 */
public final class VerificationStream {
  /** The number of points per output the contract is certified on. */
  public static final int DEFAULT_COUNT = 10_000;

  private VerificationStream() {}

  /** The stream's seed for a spec and one output: fixed, so a build is reproducible. */
  public static long seed(String spec, int output) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < spec.length(); i++) h = (h ^ spec.charAt(i)) * 0x100000001B3L;
    return h ^ (0xC2B2AE3D27D4EB4FL * (output + 1));
  }

  /**
   * The points in the order they were drawn, without duplicates (so fewer than {@code count} may
   * come back when they collide).
   *
   * @param specials roots, kinks, splice boundaries and saturation thresholds (finite ones count)
   */
  public static double[] points(long seed, int count, double[] specials) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] finite = Arrays.stream(specials).filter(Double::isFinite).distinct().sorted().toArray();
    int dense = finite.length == 0 ? 0 : (int) (count * 0.4);
    int uniform = (count - dense) / 3;
    int logUniform = count - dense - uniform;
    java.util.LinkedHashSet<Double> out = new java.util.LinkedHashSet<>();
    int total = logUniform + uniform + dense;
    int[] kinds = new int[total]; // interleaved, so that any prefix of the stream has every kind
    for (int i = 0; i < total; i++) kinds[i] = i < logUniform ? 0 : i < logUniform + uniform ? 1 : 2;
    for (int i = total - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = kinds[i];
      kinds[i] = kinds[j];
      kinds[j] = t;
    }
    int denseIndex = 0;
    for (int kind : kinds) {
      if (kind == 0) {
        out.add(logUniform(random));
        continue;
      }
      if (kind == 1) {
        out.add(-64 + 128 * random.nextDouble());
        continue;
      }
      double s = finite[denseIndex++ % finite.length];
      double t = Math.pow(10, -15 + 12 * random.nextDouble());
      if (random.nextBoolean()) t = -t;
      double z = s == 0 ? t : s + s * t;
      if (Double.isFinite(z)) out.add(z);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * {@code first}, then the points of {@code stream} not among them, in order: points that every
   * certification measures whatever the stream drew (a verdict measures a prefix of the stream).
   */
  public static double[] startingWith(double[] first, double[] stream) {
    java.util.LinkedHashSet<Double> out = new java.util.LinkedHashSet<>();
    for (double z : first) if (Double.isFinite(z)) out.add(z);
    for (double z : stream) out.add(z);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A double with a uniform binary exponent over the whole range (subnormals included) and a random sign. */
  static double logUniform(SplittableRandom random) {
    // exponents -1074 .. 1023: a subnormal magnitude takes the scaled mantissa as it comes
    int e = -1074 + random.nextInt(1024 + 1074);
    double m = 1 + random.nextDouble(); // [1, 2)
    double z = Math.scalb(m, e);
    if (Double.isInfinite(z)) z = Double.MAX_VALUE;
    return random.nextBoolean() ? z : -z;
  }

  /**
   * The special points for one output: {@code known} (kinks, roots) plus every constant the chosen
   * forms compare with (splice boundaries, saturation thresholds, pieces) and its negation (tests
   * on {@code |z|}).
   */
  public static double[] specials(List<Expr> forms, double[] known) {
    List<Double> out = new ArrayList<>();
    for (double k : known) out.add(k);
    for (Expr e : forms) thresholds(e, out);
    return out.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).distinct().sorted().toArray();
  }

  private static void thresholds(Expr e, List<Double> out) {
    if (e instanceof Expr.Cond c) {
      test(c.test(), out);
      thresholds(c.then(), out);
      thresholds(c.otherwise(), out);
    } else if (e instanceof Expr.Add a) {
      a.terms().forEach(t -> thresholds(t, out));
    } else if (e instanceof Expr.Mul m) {
      m.factors().forEach(t -> thresholds(t, out));
    } else if (e instanceof Expr.Div d) {
      thresholds(d.numerator(), out);
      thresholds(d.denominator(), out);
    } else if (e instanceof Expr.Neg n) {
      thresholds(n.operand(), out);
    } else if (e instanceof Expr.PowInt p) {
      thresholds(p.base(), out);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(t -> thresholds(t, out));
    }
  }

  private static void test(Expr.Test t, List<Double> out) {
    if (t instanceof Expr.Test.Compare c) {
      for (Expr side : List.of(c.left(), c.right())) {
        if (side instanceof Expr.Const k && k.value() != 0) {
          out.add(k.value());
          out.add(-k.value());
        }
        thresholds(side, out);
      }
    } else if (t instanceof Expr.Test.And a) {
      a.operands().forEach(o -> test(o, out));
    } else if (t instanceof Expr.Test.Or o) {
      o.operands().forEach(x -> test(x, out));
    } else if (t instanceof Expr.Test.Not n) {
      test(n.operand(), out);
    }
  }
}
