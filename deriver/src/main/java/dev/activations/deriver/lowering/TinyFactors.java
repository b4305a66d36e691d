package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Products with an exponentially small factor ({@code logistic(u)}, {@code tanh'(x)}) whose bits
 * are lost below the normal range: {@code dS} of the Gaussian entropy with a free scale is {@code
 * -8 z^2 / s^5 logistic(2z/s^2) logistic(-2z/s^2)}, at s = 0.331, z = 40 the logistic is {@code
 * e^-729} = 2.5e-317 (about 22 bits), times 5e6, and the result 1.3e-310 came out 2.75e-10 off
 * against the MIN_NORMAL floor whichever factor went last (the bits are lost inside the logistic).
 * Also a normal factor loses them when a partial product goes below the normal range before the
 * large factors come: the Gaussian mean's {@code (8 r- / s^3) z} at s = 1000, z = 3.5e8 (r- =
 * e^-708, 8 r- / s^3 = 2.6e-316), 8.8e-9 off.
 *
 * <p>Here, where the factor is below {@code sqrt(MIN_NORMAL)} (a run-time test: {@code u <
 * log(MIN_NORMAL)/2}, {@code |x| > (log 4 - log(MIN_NORMAL)/2)/2}), it is written as two halves
 * {@code h h} with {@code h = exp(u/2)} ({@code logistic(u) = e^u / (1 + e^u)} and {@code 1 + e^u}
 * rounds to 1 there; {@code tanh'(x) = 4 e^-2|x|} likewise), each normal, and the product is {@code
 * (cofactor h) h}. Why that bound: where {@code cofactor h} is normal it carries one rounding and
 * the last product's rounding is at most half a unit of the result or of the subnormal spacing,
 * 2^-53 against the floor; where {@code cofactor h} is itself subnormal, the result is smaller than
 * that times {@code h <= sqrt(MIN_NORMAL)}, so its error is far below the floor. Above the bound
 * the factor is at least {@code sqrt(MIN_NORMAL)} and the form is left as it is. Elsewhere the
 * form computes what it computed, bit for bit. The thresholds come from the double format ({@link
 * Double#MIN_NORMAL}), not typed in. Applied to the chosen form of every output, values and
 * derivatives in z too ({@link ActivationLowering}; it replaced a rewrite for {@code tanh'} times
 * {@code z^k} with a typed-in threshold), kept where it measures no worse; the SIMD kernels
 * compute the split only for a vector with a lane that takes it ({@link #isSplitTest}). As a
 * candidate beside the others, a split
 * form of another base won GaussianSignedMeanScaleFree's {@code dS}, whose base ({@code 8 z r+ r- /
 * s^3}, z inside) the parameter quotients then left at {@code -0.0} for s = 2^-540, z = MIN_VALUE
 * (exact -4.7e109).
 */
public final class TinyFactors {
  /** Below this argument {@code e^u} (and {@code logistic(u)}) is below {@code sqrt(MIN_NORMAL)}. */
  static final double LOG_SQRT_MIN_NORMAL = Math.log(Double.MIN_NORMAL) / 2;

  /** Beyond this |x| {@code tanh'(x) = 4 e^-2|x|} is below {@code sqrt(MIN_NORMAL)}. */
  static final double TANH_PRIME_SMALL = (Math.log(4.0) - LOG_SQRT_MIN_NORMAL) / 2;

  /** The name of the forms this pass offers. */
  static final String PASS = "tiny-factors";

  private TinyFactors() {}

  /** {@code e} with every product that holds such a factor split there; {@code e} itself if none does. */
  public static Expr apply(Expr e) {
    return apply(e, false);
  }

  /**
   * {@link #apply(Expr)}, with {@code exponentials} also every exponential factor {@code e^u}
   * (test {@code u < log(MIN_NORMAL)/2}, halves {@code e^(u/2)}): a responsibility among three
   * or more hypotheses is such a factor, not a logistic. The Gaussian entropy with a free scale at
   * three prototypes: dS with s = 0.191 at z = 27.3 multiplies {@code e^-u} of about 1e-320 by
   * {@code -2 z^2}, and was 1.0860e-314 where the exact value is 1.0821e-314 (1.7e-9 against the
   * floor). Offered only to a form that still misses (ActivationLowering), so that the many
   * classes with exponential factors that meet the contract keep their bytes.
   */
  static Expr apply(Expr e, boolean exponentials) {
    // a part free of z (a near-zero patch's node values c(z_j), computed on every call of that
    // branch) is left as it is: the split's halves are bound outside the choice that uses them,
    // which made StudentTSignedMeanNuFree.dNu 33% slower next to 0 (275 -> 365 ns per call at nu =
    // 3, |z| < 0.1), and there the logistics' arguments stay near 0 for every nu
    if (!Exprs.involvesZ(e)) return e;
    if (isProduct(e)) {
      Expr inner = mapLeaves(e, exponentials);
      return split(inner, exponentials);
    }
    if (e instanceof Cond c && isSplitTest(c.test())) return e; // split already
    return Exprs.mapChildren(e, x -> apply(x, exponentials));
  }

  /**
   * Whether {@code t} is the test this pass puts in front of a split ({@code u < log(MIN_NORMAL)/2}
   * or {@code |x| > TANH_PRIME_SMALL}): true where the factor is below {@code sqrt(MIN_NORMAL)},
   * rarely for inputs of ordinary size, so the vector kernels compute the split only when a lane
   * takes it ({@code emit/VectorExprPrinter}).
   */
  public static boolean isSplitTest(Test t) {
    if (!(t instanceof Test.Compare c)) return false;
    if (c.op() == Test.Op.LT) return Exprs.isConst(c.right(), LOG_SQRT_MIN_NORMAL);
    return c.op() == Test.Op.GT && c.left() instanceof Call a && a.fn() == Fn.ABS
        && Exprs.isConst(c.right(), TANH_PRIME_SMALL);
  }

  private static boolean isProduct(Expr e) {
    return e instanceof Mul || e instanceof Div || e instanceof Neg || isGuard(e);
  }

  /**
   * {@code x == 0 ? 0 : p}, the guard {@link Repairs#guardVanishing} puts around a product {@code
   * p} whose small factors {@code x} have underflowed: multiplicatively transparent (in the split
   * branch it tests the half in the split factor's place, {@link #without}).
   */
  private static boolean isGuard(Expr e) {
    return e instanceof Cond c && c.test() instanceof Test.Compare t && t.op() == Test.Op.EQ
        && Exprs.isConst(t.right(), 0.0) && Exprs.isConst(c.then(), 0.0);
  }

  /** The product tree with the pass applied inside its leaves (sums, calls, conditions). */
  private static Expr mapLeaves(Expr e, boolean exponentials) {
    if (e instanceof Mul m) {
      List<Expr> fs = new ArrayList<>();
      for (Expr f : m.factors()) fs.add(isProduct(f) ? mapLeaves(f, exponentials) : apply(f, exponentials));
      return fs.equals(m.factors()) ? e : new Mul(fs);
    }
    if (e instanceof Div d) {
      Expr n = isProduct(d.numerator()) ? mapLeaves(d.numerator(), exponentials) : apply(d.numerator(), exponentials);
      Expr den = apply(d.denominator(), exponentials);
      return n.equals(d.numerator()) && den.equals(d.denominator()) ? e : new Div(n, den);
    }
    if (e instanceof Neg g) {
      Expr o = isProduct(g.operand()) ? mapLeaves(g.operand(), exponentials) : apply(g.operand(), exponentials);
      return o.equals(g.operand()) ? e : new Neg(o);
    }
    if (isGuard(e)) {
      Cond c = (Cond) e;
      Expr o = isProduct(c.otherwise()) ? mapLeaves(c.otherwise(), exponentials) : apply(c.otherwise(), exponentials);
      return o.equals(c.otherwise()) ? e : new Cond(c.test(), c.then(), o);
    }
    return apply(e, exponentials);
  }

  /**
   * The product {@code e} split at each of its tiny factors (the multiplicative ones: factors of
   * products, numerators, negations), outermost test first; {@code e} where it has none or where
   * the factor is the whole product (nothing to multiply first).
   */
  private static Expr split(Expr e, boolean exponentials) {
    List<Call> tiny = new ArrayList<>();
    collect(e, tiny, exponentials);
    Expr out = e;
    for (int i = tiny.size() - 1; i >= 0; i--) {
      Call f = tiny.get(i);
      Expr arg = f.args().get(0);
      Test test;
      Expr half;
      // e^u like logistic(u) where it is this small (1 + e^u rounds to 1)
      boolean logistic = f.fn() == Fn.LOGISTIC || f.fn() == Fn.EXP;
      if (logistic) {
        test = new Test.Compare(Test.Op.LT, arg, Const.of(LOG_SQRT_MIN_NORMAL));
        half = Call.of(Fn.EXP, new Mul(List.of(Const.of(0.5), arg)));
      } else {
        Expr abs = Call.of(Fn.ABS, arg);
        test = new Test.Compare(Test.Op.GT, abs, Const.of(TANH_PRIME_SMALL));
        half = Call.of(Fn.EXP, new Neg(abs));
      }
      Optional<Expr> cofactor = without(e, f, half);
      if (cofactor.isEmpty() || Exprs.isConst(cofactor.get(), 1.0)
          || cofactor.get() instanceof Neg g && Exprs.isConst(g.operand(), 1.0)) continue;
      out = new Cond(test, new Mul(List.of(halfway(cofactor.get(), logistic ? 1.0 : 4.0, half), half)), out);
    }
    return out;
  }

  /**
   * {@code scale cofactor half}, with the cofactor's powers of z after the half: {@code z^2
   * tanh'(z)/4} at z = 1e200 is {@code (z z / 4) h} = {@code Inf * 0} the other way round, where
   * {@code (h z) z} is 0 (the exact value is far below the floor); with the half first the running
   * product stays monotone in z where |z| > 1, as {@link ProductOrder} keeps it. A leading constant
   * takes the scale (a power of two: exact).
   */
  private static Expr halfway(Expr cofactor, double scale, Expr half) {
    List<Expr> factors = cofactor instanceof Mul m ? m.factors() : List.of(cofactor);
    List<Expr> first = new ArrayList<>();
    List<Expr> powers = new ArrayList<>();
    for (Expr f : factors) (ProductOrder.isPowerOfZ(f) ? powers : first).add(f);
    if (scale != 1.0) {
      if (!first.isEmpty() && first.get(0) instanceof Const c && Double.isFinite(scale * c.value())) {
        first.set(0, Const.of(scale * c.value()));
      } else {
        first.add(0, Const.of(scale));
      }
    }
    if (first.size() == 1 && Exprs.isConst(first.get(0), 1.0)) first.clear();
    first.add(half);
    first.addAll(powers);
    return first.size() == 1 ? first.get(0) : new Mul(first);
  }

  private static boolean isTiny(Expr f, boolean exponentials) {
    return f instanceof Call c && (c.fn() == Fn.LOGISTIC || c.fn() == Fn.TANH_PRIME || exponentials && c.fn() == Fn.EXP);
  }

  private static void collect(Expr e, List<Call> out, boolean exponentials) {
    if (isTiny(e, exponentials)) {
      if (!out.contains(e)) out.add((Call) e);
    } else if (e instanceof Mul m) {
      for (Expr f : m.factors()) collect(f, out, exponentials);
    } else if (e instanceof Div d) {
      collect(d.numerator(), out, exponentials);
    } else if (e instanceof Neg g) {
      collect(g.operand(), out, exponentials);
    } else if (isGuard(e)) {
      collect(((Cond) e).otherwise(), out, exponentials);
    }
  }

  /**
   * {@code e / f} where {@code f} is one multiplicative factor of {@code e} (its first occurrence);
   * a vanishing guard on the way tests {@code half} in the place of {@code f}: where {@code f} has
   * underflowed to 0 the halves have not (logistic(-745.5) is 0, e^-372.75 is not), and the guard
   * returned 0 where the exact value is above the floor's rounding (GaussianSignedMeanScaleFree.dS
   * at s = 0.001, z = 3.73e-4: 0 where the exact value is 7.7e-318, 3.5e-10 against the floor).
   */
  private static Optional<Expr> without(Expr e, Call f, Expr half) {
    if (e.equals(f)) return Optional.of(Const.of(1.0));
    if (e instanceof Mul m) {
      for (int i = 0; i < m.factors().size(); i++) {
        Optional<Expr> inner = without(m.factors().get(i), f, half);
        if (inner.isEmpty()) continue;
        List<Expr> fs = new ArrayList<>(m.factors());
        if (Exprs.isConst(inner.get(), 1.0)) fs.remove(i);
        else fs.set(i, inner.get());
        return Optional.of(fs.isEmpty() ? Const.of(1.0) : fs.size() == 1 ? fs.get(0) : new Mul(fs));
      }
      return Optional.empty();
    }
    if (e instanceof Div d) {
      return without(d.numerator(), f, half).map(n -> new Div(n, d.denominator()));
    }
    if (e instanceof Neg g) {
      return without(g.operand(), f, half).map(Neg::new);
    }
    if (isGuard(e)) {
      Cond c = (Cond) e;
      Test.Compare t = (Test.Compare) c.test();
      Test halved = new Test.Compare(t.op(), replaced(t.left(), f, half), t.right());
      return without(c.otherwise(), f, half).map(o -> new Cond(halved, c.then(), o));
    }
    return Optional.empty();
  }

  private static Expr replaced(Expr e, Expr from, Expr to) {
    if (e.equals(from)) return to;
    return Exprs.mapChildren(e, x -> replaced(x, from, to));
  }
}
