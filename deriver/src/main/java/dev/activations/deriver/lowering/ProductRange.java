package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Products whose partial products can leave the normal range although the result does not: at
 * run time, where some varying factor lies outside the range in which no partial product can
 * (below), the product is taken as {@code sign * exp(sum k_i log|f_i|)}.
 *
 * <p>Why: a product is evaluated left to right, and no order of the factors fixed in advance keeps
 * every partial product in range for every parameter value. The gated variance of {@code
 * Abs[z-mu]^p/p} with a free p has {@code dP = -(1/4) D_p tanh(D/2) tanh'(D/2) z z}, D the energy
 * difference; at p = 0.393, z = Double.MAX_VALUE both {@code D_p} and {@code tanh(D/2)} are about
 * z^(p-1) = 1e-187, so {@code 0.25 D_p tanh(D/2)} underflows to 0 before the two factors z (1.8e308
 * each) come, and dP was 0.0 where the exact value is -7.8e244; at z = 1.45e263 the partial product
 * is subnormal (about 1e-320) and dP was 2.1e-7 off. Taking z first instead overflows for other
 * parameter values ({@link ProductOrder}). A test on the result alone cannot see the second case
 * (the result is an ordinary number), so the test is on the factors: where every varying factor's
 * magnitude lies in {@code [2^(MIN_EXPONENT/n), 2^(MAX_EXPONENT/n)]} (n factors counted with their
 * powers, the bounds from the double format as in {@link ParameterQuotients}) every partial
 * product is a normal double and the product is computed as before, bit for bit. Outside, the
 * logarithms: their error is a few units of {@code sum |k_i log|f_i||} times the unit roundoff
 * (at most about 3e-13 relative with a handful of factors at the ends of the range), and they
 * agree with the product as written on zeros, infinities and NaN (a zero divisor aside).
 *
 * <p>Applied by {@link ActivationLowering} to a chosen form that misses the repair margin at the
 * defaults or at the other parameter values measured, and kept only where its worst error over
 * both is smaller: a class that met the contract keeps its bytes.
 */
final class ProductRange {
  /** The name of the pass, for reports. */
  static final String PASS = "product-range";

  private ProductRange() {}

  /**
   * {@code e} with every outermost product of two or more varying factors guarded; {@code e} itself
   * if none. The factors' own subtrees are left as they are: guarding nested products as well
   * repeats each inner product in the outer guard's tests and fallback, and a near-zero patch's
   * Horner scheme (a product inside a sum inside a product, 13 deep) grew the tree six-fold per
   * level.
   */
  static Expr apply(Expr e) {
    // the outermost products first; scaledExponentials then leaves those guards as they are
    java.util.Set<Expr> guards = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Expr outer = apply(e, new OncePerNode(), guards);
    return scaledExponentials(outer, new OncePerNode(), guards);
  }

  /**
   * {@code e} with every product of an exponential (or power) and constants or other factors
   * guarded, at any depth: such a product is small (one test, one fallback), and the outermost
   * products cannot reach it by the logarithm of a factor that has overflowed already (the
   * exponential kernel's log-responsibility slope {@code t logistic(-t)}, t = {@code -e^(1+z)
   * expm1(-2)}, Infinity at z = 708.78 where the slope is -1.55e308; with a free rate the product
   * {@code e^(a(1+z)) expm1(-2a)} sits behind a vanishing guard).
   */
  private static Expr scaledExponentials(Expr e, OncePerNode done, java.util.Set<Expr> guards) {
    UnaryOperator<Expr> inside = child -> scaledExponentials(child, done, guards);
    return done.apply(e, x -> {
      if (guards.contains(x) && x instanceof Cond c) {
        // a guard of the outer pass: its product and its fallback (signs and an exponential) are
        // not guarded again, but their factors may hold such products. By the guard, not by the
        // product: the same product instance can stand unguarded elsewhere, inside a factor
        Expr fallback = c.otherwise() instanceof Neg n ? new Neg(Exprs.mapChildren(n.operand(), inside))
            : Exprs.mapChildren(c.otherwise(), inside);
        return new Cond(Exprs.mapTest(c.test(), inside), Exprs.mapChildren(c.then(), inside), fallback);
      }
      Expr mapped = Exprs.mapChildren(x, inside);
      if (!(mapped instanceof Mul || mapped instanceof Div)) return mapped;
      List<Factor> factors = new ArrayList<>();
      collect(mapped, 1, factors);
      Shape shape = Shape.of(factors);
      boolean scaled = shape.varying() >= 2 || shape.varying() == 1 && shape.constants();
      return !shape.asWritten() && shape.exponential() && scaled ? guard(mapped, factors, null) : mapped;
    });
  }

  /**
   * What a product's factors are: {@code asWritten} where a constant factor is exactly 0 or not a
   * number (the product stays as written), how many vary (with their powers), whether constants
   * other than +-1 scale it ({@code expm1(-2.0)} counts as one), whether a varying one is an
   * exponential or a power.
   */
  private record Shape(boolean asWritten, int varying, boolean constants, boolean exponential) {
    static Shape of(List<Factor> factors) {
      int varying = 0;
      double constant = 1;
      boolean exponential = false;
      for (Factor f : factors) {
        if (f.base() instanceof Const c) {
          if (c.value() == 0.0 || !Double.isFinite(c.value())) return new Shape(true, 0, false, false);
          constant *= Math.pow(Math.abs(c.value()), f.power());
        } else if (constantCall(f.base())) {
          constant = Double.NaN; // a constant not folded: not 1
        } else {
          varying += Math.abs(f.power());
          exponential |= f.base() instanceof Call c && (c.fn() == Fn.EXP || c.fn() == Fn.POW);
        }
      }
      return new Shape(false, varying, constant != 1, exponential);
    }
  }

  /** A call whose arguments are all constants ({@code expm1(-2.0)}, {@code exp(-1.0)}). */
  private static boolean constantCall(Expr e) {
    return e instanceof Call c && c.args().stream().allMatch(a -> a instanceof Const || constantCall(a));
  }

  private static Expr apply(Expr e, OncePerNode done, java.util.Set<Expr> guards) {
    return done.apply(e, x -> x instanceof Mul || x instanceof Div ? guarded(x, guards)
        : Exprs.mapChildren(x, child -> apply(child, done, guards)));
  }

  /**
   * The product {@code e}, guarded if two or more of its factors vary: one varying factor times
   * constants ({@code expm1(-2.0)} among them) is in range with the result (an exponential aside:
   * {@link #scaledExponentials}).
   */
  private static Expr guarded(Expr e, java.util.Set<Expr> guards) {
    List<Factor> factors = new ArrayList<>();
    collect(e, 1, factors);
    Shape shape = Shape.of(factors);
    return shape.asWritten() || shape.varying() < 2 ? e : guard(e, factors, guards);
  }

  /** The product's multiplicative factors through products, quotients, negations and integer powers. */
  private static void collect(Expr e, int power, List<Factor> out) {
    if (e instanceof Mul m) {
      for (Expr f : m.factors()) collect(f, power, out);
    } else if (e instanceof Div d) {
      collect(d.numerator(), power, out);
      collect(d.denominator(), -power, out);
    } else if (e instanceof Neg g) {
      collect(g.operand(), power, out);
    } else if (e instanceof PowInt p) {
      collect(p.base(), power * p.exponent(), out);
    } else {
      out.add(new Factor(e, power));
    }
  }

  /**
   * {@code inRange ? product : fallback}: {@code inRange} holds where every varying factor's
   * magnitude lies in {@code [2^(MIN_EXPONENT/n), 2^(MAX_EXPONENT/n)]}, n the number of factors
   * counted with their powers, so that every partial product is a normal double there and the
   * product is what it was, bit for bit. The fallback {@code sign exp(sum k_i log|f_i|)} computes
   * the same product for any factors: an exact 0 gives {@code exp(-Infinity) = 0}, an infinity
   * gives Infinity, 0 times Infinity NaN, as the product as written does (a divisor that is exactly
   * 0 aside: NaN where the quotient as written is infinite).
   */
  private static Expr guard(Expr product, List<Factor> factors, java.util.Set<Expr> guards) {
    int n = 0;
    for (Factor f : factors) n += Math.abs(f.power());
    Const low = Const.of(Math.scalb(1.0, Double.MIN_EXPONENT / n));
    Const high = Const.of(Math.scalb(1.0, Double.MAX_EXPONENT / n));
    List<Test> inRange = new ArrayList<>();
    List<Expr> logs = new ArrayList<>();
    List<Expr> signs = new ArrayList<>();
    int negations = negations(product);
    List<Expr> tested = new ArrayList<>();
    for (Factor f : factors) {
      Expr magnitude = Call.of(Fn.ABS, f.base());
      // a power x^y by its exponent, y log|x|: log|x^y| is Infinity where x^y overflowed while the
      // product does not (|z - 1|^p / p at p = 3, z = -8.1e102: 1.79769e308, and Infinity as written)
      // an exponential by its argument, for the same reason (log-responsibilities of the
      // exponential kernel: -e^(1+z) expm1(-2) is 1.55e308 at z = 708.78, and e^(1+z) Infinity)
      Expr log = f.base() instanceof Call c && c.fn() == Fn.POW
          ? new Mul(List.of(c.args().get(1), Call.of(Fn.LOG, Call.of(Fn.ABS, c.args().get(0)))))
          : f.base() instanceof Call c && c.fn() == Fn.EXP ? c.args().get(0)
          : Call.of(Fn.LOG, magnitude);
      logs.add(f.power() == 1 ? log : new Mul(List.of(Const.of(f.power()), log)));
      if (f.base() instanceof Const c) {
        if (Math.abs(c.value()) < low.value() || Math.abs(c.value()) > high.value()) return product; // not bounded so
        if (c.value() < 0 && f.power() % 2 != 0) negations++;
        continue;
      }
      if (f.power() % 2 != 0) signs.add(Call.of(Fn.SIGNUM, f.base()));
      if (tested.contains(f.base())) continue;
      tested.add(f.base());
      inRange.addAll(ParameterQuotients.withinNthRootOfRange(magnitude, n));
    }
    Expr sum = logs.size() == 1 ? logs.get(0) : new Expr.Add(logs);
    List<Expr> result = new ArrayList<>(signs);
    result.add(Call.of(Fn.EXP, sum));
    Expr fallback = result.size() == 1 ? result.get(0) : new Mul(result);
    if (negations % 2 != 0) fallback = new Neg(fallback);
    Cond guard = new Cond(new Test.And(inRange), product, fallback);
    if (guards != null) guards.add(guard);
    return guard;
  }

  /** The negations on the multiplicative path of {@code e} (the signs of the factors are taken apart). */
  private static int negations(Expr e) {
    if (e instanceof Mul m) {
      int n = 0;
      for (Expr f : m.factors()) n += negations(f);
      return n;
    }
    if (e instanceof Div d) return negations(d.numerator()) + negations(d.denominator());
    if (e instanceof Neg g) return 1 + negations(g.operand());
    if (e instanceof PowInt p) return p.exponent() % 2 != 0 ? negations(p.base()) : 0;
    return 0;
  }

  /** A factor {@code base^power} of a product (power negative in a denominator). */
  private record Factor(Expr base, int power) {}
}
