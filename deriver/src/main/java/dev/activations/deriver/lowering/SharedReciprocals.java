package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Division is the slowest arithmetic operation (several times a multiplication's throughput, and
 * not pipelined as well in the vector units). A tail form evaluated in 1/z divides by z again and
 * again ({@code 256 / z / z / z / z} in the Student-t derivative); where one output divides by
 * the same expression d two or more times, this pass multiplies by {@code 1 / d} instead, which
 * CSE computes once. Each quotient gains one rounding (at most an ulp); {@code x / d / d} becomes
 * {@code x * r * r}, whose partial products have the magnitudes of the quotients they replace,
 * so nothing new overflows. Where 1/d itself overflows (|d| below 5.6e-309) the result can differ
 * from the quotient: the pass is applied to a chosen form and kept only when the form still
 * measures inside its margin at the sample points, which include such d.
 */
final class SharedReciprocals {
  /** The name of the pass, for reports. */
  static final String PASS = "shared-reciprocals";

  private SharedReciprocals() {}

  static Expr apply(Expr e) {
    Map<Expr, Integer> divisors = new HashMap<>();
    count(e, divisors);
    if (divisors.values().stream().noneMatch(n -> n >= 2)) return e;
    return rewrite(e, divisors, new OncePerNode());
  }

  private static void count(Expr e, Map<Expr, Integer> out) {
    for (Expr child : Exprs.children(e)) count(child, out);
    if (e instanceof Div d && !(d.denominator() instanceof Const) && !Exprs.isConst(d.numerator(), 1.0)) {
      out.merge(d.denominator(), 1, Integer::sum);
    }
  }

  private static Expr rewrite(Expr e, Map<Expr, Integer> divisors, OncePerNode done) {
    return done.apply(e, x -> rewritten(x, Exprs.mapChildren(x, child -> rewrite(child, divisors, done)), divisors));
  }

  /** {@code e} with its children rewritten ({@code node}): a quotient by a divisor used twice or more as a product with its reciprocal. */
  private static Expr rewritten(Expr e, Expr node, Map<Expr, Integer> divisors) {
    if (!(node instanceof Div d) || Exprs.isConst(d.numerator(), 1.0)) return node;
    if (divisors.getOrDefault(e instanceof Div original ? original.denominator() : null, 0) < 2) return node;
    Expr reciprocal = new Div(Const.of(1.0), d.denominator());
    List<Expr> factors = new ArrayList<>(d.numerator() instanceof Mul m ? m.factors() : List.of(d.numerator()));
    factors.add(reciprocal);
    return new Mul(factors);
  }
}
