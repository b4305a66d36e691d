package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import java.util.HashSet;
import java.util.Set;

/**
 * A rough cost of evaluating a lowered form, in units of one addition: what the generated code
 * spends per element. Distinct subtrees count once (common subexpressions become locals), both
 * branches of a conditional count (the SIMD code computes both and blends), and a call into
 * {@code Math} or a stable helper costs about as much as twenty arithmetic operations. Only used
 * to prefer the cheaper of two forms that are both measured to be far inside the contract.
 */
public final class Cost {
  private Cost() {}

  /** A transcendental call ({@code exp}, {@code log}, a helper built on one of them). */
  static final int CALL = 20;

  public static int of(Expr e) {
    return visit(e, new HashSet<>());
  }

  private static int visit(Expr e, Set<Expr> seen) {
    if (!seen.add(e)) {
      return 0;
    }
    int own;
    if (e instanceof Add a) {
      own = a.terms().size() - 1;
    } else if (e instanceof Mul m) {
      own = m.factors().size() - 1;
    } else if (e instanceof Div) {
      own = 4;
    } else if (e instanceof Expr.Neg || e instanceof Cond) {
      own = 1;
    } else if (e instanceof PowInt p) {
      int n = Math.abs(p.exponent());
      own = (32 - Integer.numberOfLeadingZeros(n)) + Integer.bitCount(n) + (p.exponent() < 0 ? 4 : 0);
    } else if (e instanceof Call c) {
      own = switch (c.fn()) {
        case ABS, MAX, MIN, SIGNUM -> 1;
        case SQRT -> 6;
        case HYPOT, SOFTPLUS, POW, LOG1PMX -> 2 * CALL;
        default -> CALL;
      };
    } else {
      own = 0; // constants and variables
    }
    int total = own;
    for (Expr child : Exprs.children(e)) {
      total += visit(child, seen);
    }
    return total;
  }
}
