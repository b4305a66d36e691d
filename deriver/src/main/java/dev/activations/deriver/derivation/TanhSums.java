package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Sums of two tanh terms whose arguments differ by a constant, rewritten without cancellation:
 * {@code c (Tanh[a] + s Tanh[b]) = c Sinh[a + s b] Sech[a] Sech[b]} (s = +-1), where {@code a + s b}
 * simplifies to an expression free of the variable.
 *
 * <p>Why: the derivative of a {@code Log[Cosh[z - mu]]} energy difference is {@code Tanh[z - mu_k]
 * - Tanh[z - mu_h]}, two numbers near +-1 whose difference is ~{@code e^-2|z|} in the tails, so
 * every digit cancels beyond |z| ~ 19 (0 at z = -300 where the truth is 8e-261). The product form
 * has no subtraction left, and each {@code Sech} underflows gracefully instead of overflowing.
 */
final class TanhSums {
  private TanhSums() {}

  /** {@code e} with the first such pair of tanh terms of a sum combined; {@code e} if there is none. */
  static IExpr combine(Symja symja, IExpr e, ISymbol v) {
    return SumPairs.combineFirst(e, (i, j) -> pair(symja, ((IAST) e).get(i), ((IAST) e).get(j), v));
  }

  /** {@code c Sinh[a + s b] Sech[a] Sech[b]} for the terms {@code c Tanh[a]} and {@code s c Tanh[b]}; null if they are not such a pair. */
  private static IExpr pair(Symja symja, IExpr first, IExpr second, ISymbol v) {
    IExpr c1 = coefficient(first);
    IExpr c2 = coefficient(second);
    if (c1 == null || c2 == null) return null;
    IExpr ratio = symja.eval(F.Divide(c2, c1));
    if (!ratio.isOne() && !ratio.isMinusOne()) return null;
    IExpr a = tanhArgument(first);
    IExpr b = tanhArgument(second);
    IExpr sum = symja.eval(F.Expand(F.Plus(a, F.Times(ratio, b))));
    if (!sum.isFree(v) || sum.isZero()) return null;
    return F.Times(c1, F.Sinh(sum), F.Sech(a), F.Sech(b));
  }

  /** The numeric factor of {@code c Tanh[x]} (1 for a bare tanh); null for any other term. */
  private static IExpr coefficient(IExpr term) {
    if (term.isAST(S.Tanh, 2)) return F.C1;
    if (term.isTimes() && term.size() == 3 && term.first().isNumber() && term.second().isAST(S.Tanh, 2)) {
      return term.first();
    }
    return null;
  }

  private static IExpr tanhArgument(IExpr term) {
    return term.isAST(S.Tanh, 2) ? term.first() : term.second().first();
  }
}
