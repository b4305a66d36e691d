package dev.activations.deriver.lowering;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja leaves the derivatives of the non-smooth functions unevaluated ({@code
 * Derivative[1][Abs][x]}, {@code Derivative[0,1][Max][a,b]}, {@code Derivative[1][Sign][x]}); they
 * are lowered here as conditionals, with the kink convention of the mode (docs/DESIGN.md, README
 * "Decisions"): where the one-sided derivatives differ, the result is their average.
 *
 * <ul>
 *   <li>{@code Abs'(x) = Sign(x)} (0 at the kink: the average of -1 and 1); higher orders 0;
 *   <li>{@code Sign'(x) = 0} (away from the jump; at it there is no derivative, and 0 is what the
 *       average of the one-sided derivatives gives);
 *   <li>{@code d Max(a, b) / da = a > b ? 1 : a == b ? 1/2 : 0}, and so on for the second
 *       argument and for {@code Min}; higher orders 0.
 * </ul>
 *
 * Anything else (a Max of three or more arguments differentiated, derivatives of other functions)
 * stays unsupported and is reported as such.
 */
final class NonSmoothDerivatives {
  private NonSmoothDerivatives() {}

  static Optional<Expr> lower(IAST ast, Function<IExpr, Expr> translate, java.util.function.UnaryOperator<IExpr> sameSign) {
    if (!(ast.head() instanceof IAST h1) || !(h1.head() instanceof IAST h2) || !h2.head().equals(S.Derivative)) {
      return Optional.empty();
    }
    IExpr fn = h1.arg1();
    int[] orders = new int[h2.argSize()];
    for (int i = 0; i < orders.length; i++) {
      IExpr o = h2.get(i + 1);
      if (!o.isInteger()) return Optional.empty();
      orders[i] = o.toIntDefault();
    }
    if (orders.length != ast.argSize()) return Optional.empty();
    int total = 0;
    int which = -1;
    for (int i = 0; i < orders.length; i++) {
      total += orders[i];
      if (orders[i] > 0) which = i;
    }
    if (total == 0) return Optional.empty();
    if (fn.equals(S.Abs) && orders.length == 1) {
      return Optional.of(total == 1 ? Expr.Call.of(Fn.SIGNUM, translate.apply(sameSign.apply(ast.arg1()))) : Expr.Const.of(0.0));
    }
    if (fn.equals(S.Sign) && orders.length == 1) return Optional.of(Expr.Const.of(0.0));
    if ((fn.equals(S.Max) || fn.equals(S.Min)) && orders.length == 2) {
      if (total > 1) return Optional.of(Expr.Const.of(0.0));
      Expr self = translate.apply(ast.get(which + 1));
      Expr other = translate.apply(ast.get(2 - which));
      Expr.Test.Op wins = fn.equals(S.Max) ? Expr.Test.Op.GT : Expr.Test.Op.LT;
      return Optional.of(new Expr.Cond(new Expr.Test.Compare(wins, self, other), Expr.Const.of(1.0),
          new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.EQ, self, other), Expr.Const.of(0.5), Expr.Const.of(0.0))));
    }
    return Optional.empty();
  }

  /** True for a head such as {@code Derivative[1][Abs]}. */
  static boolean isDerivativeHead(IExpr head) {
    return head instanceof IAST h1 && h1.head() instanceof IAST h2 && h2.head().equals(S.Derivative);
  }

  static final List<String> SUPPORTED = List.of("Abs", "Sign", "Max", "Min");
}
