package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The order of the factors of a product, for range: a product is evaluated left to right, and
 * {@code c * (z * z)} overflows for |z| > 1.3e154 where {@code c z^2} with {@code c < 1} is an
 * ordinary number (the Huber gated variance {@code z^2 / (2 + 2 cosh 2)} at z = -3.8e154 is
 * 1.5e308). With the powers of z taken last, one z at a time, the running product is monotone in
 * magnitude where |z| > 1 (where z^k overflows) and where |z| < 1 (where it underflows): no partial
 * product leaves the range unless the result itself does. Each z costs one rounding, as the
 * power's own products did.
 */
final class ProductOrder {
  /** Powers above this stay a power (few roundings); they are moved last all the same. */
  private static final int MAX_SPLIT = 8;

  private static final Var Z = new Var("z");

  private ProductOrder() {}

  /**
   * {@code a * z^k * b} as {@code a * b * z * ... * z}; {@code z^k / d} with d free of z as
   * {@code (z / d) * z * ... * z}; {@code (a z) / d} with d free of z but not of the free
   * parameters as {@code (a / d) z}: the Gaussian free energy's derivative with a free scale,
   * {@code (t z) / (c s^32)} next to z = 0 (t about 1.6e-14 at s = 0.156, 1 / (c s^32) about 1e17),
   * was 1.3e-10 off at z = 1e-300 and 0 at z = 2.2e-316, where {@code t z} is subnormal. Empty
   * when the node is already in that order.
   */
  static Optional<Expr> powersOfZLast(Expr e) {
    if (e instanceof Mul m) {
      List<Expr> rest = new ArrayList<>();
      List<Expr> powers = new ArrayList<>();
      for (Expr f : m.factors()) {
        int k = zDegree(f);
        if (k > 0) {
          powers.addAll(Collections.nCopies(k, Z));
        } else if (k < 0) {
          powers.add(f); // a high power: last, but kept whole
        } else {
          rest.add(f);
        }
      }
      if (rest.isEmpty() || degree(powers) < 2) return Optional.empty(); // a single z cannot overflow alone
      List<Expr> ordered = new ArrayList<>(rest);
      ordered.addAll(powers);
      return ordered.equals(m.factors()) ? Optional.empty() : Optional.of(new Mul(ordered));
    }
    if (e instanceof Div d && !Exprs.involvesZ(d.denominator())) {
      List<Expr> numerator = d.numerator() instanceof Mul m ? m.factors() : List.of(d.numerator());
      List<Expr> rest = new ArrayList<>();
      int count = 0;
      for (Expr f : numerator) {
        int k = zDegree(f);
        if (k > 0) {
          count += k;
        } else {
          rest.add(f);
        }
      }
      if (count == 1 && !rest.isEmpty() && Exprs.involvesParameter(d.denominator())) {
        // a single z as well where the divisor holds free parameters: (a z) / d underflows where
        // a is small and 1 / d large, as at parameters far from their defaults
        return Optional.of(new Mul(List.of(new Div(product(rest), d.denominator()), Z)));
      }
      if (count < 2) return Optional.empty();
      rest.add(Z);
      Expr first = new Div(product(rest), d.denominator());
      List<Expr> ordered = new ArrayList<>();
      ordered.add(first);
      ordered.addAll(Collections.nCopies(count - 1, Z));
      return Optional.of(new Mul(ordered));
    }
    return Optional.empty();
  }

  /** The factors' product, a single factor as itself. */
  private static Expr product(List<Expr> factors) {
    return factors.size() == 1 ? factors.get(0) : new Mul(factors);
  }

  /**
   * {@code sqrt(a * z * ... * z)} with 2k (or 2k + 1) factors of z as {@code sqrt(a [* z]) * |z| *
   * ... * |z|} (k factors {@code |z|}). Why: a quadratic under a root, far out in {@code w = 1/z}
   * ({@code sqrt(((c w - 2) w + 1) z z)}, the pseudo-Huber-like {@code Sqrt[(z-mu)^2+c^2]}),
   * overflows inside the root from |z| = 1.3e154 although the root is only of size |z|; its
   * parameter derivative {@code c / sqrt(..)} was then 0 where the exact value is still normal
   * (1.1e-308 at z = -1.34e154 with c = 4.74). Taken out, no partial result leaves the range
   * unless the root does. The same roundings: one for the root, one for each product.
   */
  static Optional<Expr> squaresOutOfRoots(Expr e) {
    if (!(e instanceof Expr.Call c) || c.fn() != Fn.SQRT) return Optional.empty();
    Expr argument = c.args().get(0);
    if (argument instanceof Expr.Cond cond) {
      // the rational tail's |z| <= 1 ? near : far, under one root: a root on each branch
      Optional<Expr> then = rootOfProduct(cond.then());
      Optional<Expr> otherwise = rootOfProduct(cond.otherwise());
      if (then.isEmpty() && otherwise.isEmpty()) return Optional.empty();
      return Optional.of(new Expr.Cond(cond.test(), then.orElse(Expr.Call.of(Fn.SQRT, cond.then())),
          otherwise.orElse(Expr.Call.of(Fn.SQRT, cond.otherwise()))));
    }
    return rootOfProduct(argument);
  }

  private static Optional<Expr> rootOfProduct(Expr argument) {
    if (!(argument instanceof Mul m)) return Optional.empty();
    List<Expr> rest = new ArrayList<>();
    int k = 0;
    for (Expr f : m.factors()) {
      int d = zDegree(f);
      if (d > 0) k += d;
      else rest.add(f);
    }
    if (k < 2 || rest.isEmpty()) return Optional.empty(); // sqrt(z z) alone is no product to split
    if (k % 2 == 1) rest.add(Z);
    List<Expr> out = new ArrayList<>();
    out.add(Expr.Call.of(Fn.SQRT, product(rest)));
    out.addAll(Collections.nCopies(k / 2, Expr.Call.of(Fn.ABS, Z)));
    return Optional.of(new Mul(out));
  }

  /**
   * Every product with z taken last, even a single z ({@code 8 z logistic(2z) logistic(-2z)} at z
   * = Double.MAX_VALUE: {@code 8 z} overflows where the logistics have already made the product
   * 0). A further candidate for the parameter derivatives, whose factors of z come from
   * differentiating in the parameter; measured like every other.
   */
  static Expr singleZLast(Expr e) {
    return singleZLast(e, new OncePerNode());
  }

  // Each node once (OncePerNode): the forms are DAGs, and as a plain recursion this pass walked a
  // shared subtree once per path to it (half of the 83 s that the three-centre Student-t variance
  // with nu free took to derive).
  private static Expr singleZLast(Expr e, OncePerNode done) {
    return done.apply(e, x -> reorderedHere(Exprs.mapChildren(x, c -> singleZLast(c, done))));
  }

  /** The node {@code mapped}, whose children are already reordered, with its own z factors last. */
  private static Expr reorderedHere(Expr mapped) {
    if (mapped instanceof Mul m) return zFactorsLast(m);
    if (mapped instanceof Div d && !Exprs.involvesZ(d.denominator()) && d.numerator() instanceof Mul m) {
      Expr reordered = zFactorsLast(new Mul(m.factors()));
      if (reordered instanceof Mul rm && zDegree(rm.factors().get(rm.factors().size() - 1)) != 0
          && rm.factors().size() > 1) {
        List<Expr> fs = rm.factors();
        int firstZ = fs.size();
        while (firstZ > 0 && zDegree(fs.get(firstZ - 1)) != 0) firstZ--;
        if (firstZ == 0) return mapped;
        List<Expr> head = fs.subList(0, firstZ);
        List<Expr> ordered = new ArrayList<>();
        ordered.add(new Div(head.size() == 1 ? head.get(0) : new Mul(head), d.denominator()));
        ordered.addAll(fs.subList(firstZ, fs.size()));
        return new Mul(ordered);
      }
    }
    return mapped;
  }

  /** The product with its powers of z (split into single z's up to {@value #MAX_SPLIT}) after the other factors. */
  private static Expr zFactorsLast(Mul m) {
    List<Expr> rest = new ArrayList<>();
    List<Expr> zs = new ArrayList<>();
    for (Expr f : m.factors()) {
      int k = zDegree(f);
      if (k > 0) zs.addAll(Collections.nCopies(k, Z));
      else if (k < 0) zs.add(f);
      else rest.add(f);
    }
    if (rest.isEmpty() || zs.isEmpty()) return m;
    List<Expr> ordered = new ArrayList<>(rest);
    ordered.addAll(zs);
    return new Mul(ordered);
  }

  /** Whether {@code f} is a power of z (z, z^k, z z ...). */
  static boolean isPowerOfZ(Expr f) {
    return zDegree(f) != 0;
  }

  /** The total degree of factors that are powers of z. */
  private static int degree(List<Expr> powers) {
    int k = 0;
    for (Expr f : powers) k += zDegree(f) < 0 ? MAX_SPLIT + 1 : zDegree(f);
    return k;
  }

  /**
   * k when {@code f} is z^k for 1 <= k <= {@value #MAX_SPLIT} (z, a power of z, or a product of
   * z's), -1 for a higher power of z, 0 for anything else.
   */
  private static int zDegree(Expr f) {
    if (f.equals(Z)) return 1;
    if (f instanceof PowInt p && p.base().equals(Z) && p.exponent() > 0) {
      return p.exponent() <= MAX_SPLIT ? p.exponent() : -1;
    }
    if (f instanceof Mul m && m.factors().stream().allMatch(Z::equals)) {
      return m.factors().size() <= MAX_SPLIT ? m.factors().size() : -1;
    }
    return 0;
  }

}
