package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Each logarithm of a rational function of z, {@code Log[a]}, as {@code log1p(y)} with {@code y =
 * Factor[Together[a - 1]]} where {@code |y| <= 1/2}, and as it was elsewhere.
 *
 * <p>Why: where {@code a} passes through 1 the output passes through 0, and {@code log(a)} has
 * already lost every digit that {@code a - 1} had, rounding 1 + y to a double. The free energy of
 * the Cauchy kernel at the gated hypotheses with a free scale is {@code -log(s^2/(s^2 + (1 - z)^2)
 * + s^2/(s^2 + (1 + z)^2))}, 0 at z = 0 for s = 1 only: no near-zero repair applies (the output
 * does not vanish there at other s), and every form was 0 at z = 3.8e-77, exact -7.4e-154. Over
 * one denominator the residual's numerator factors as {@code (s^2 + z^2 - 1)(s^2 - z^2 + 1)},
 * whose first factor keeps {@code z^2} next to s = 1: the lowered sum takes {@code s^2 - 1} first,
 * as {@code (s - 1)(s + 1)} (the rewrite {@code parameter-square-residuals}), then adds {@code z^2}.
 *
 * <p>An offer, measured like every other candidate form: a class whose forms met the contract
 * keeps them.
 */
final class LogResiduals {
  /** The Symja head that stands for {@link Fn#LOG1P} until the {@link Lowerer} translates it. */
  static final String HEAD = "Log1p";

  private static final WorkBudget LIMIT = WorkBudget.PIECE;

  private final Symja symja;
  private final ISymbol head;
  private final ISymbol z;
  private final List<ISymbol> variables = new ArrayList<>();

  LogResiduals(Symja symja, Set<String> variables) {
    this.symja = symja;
    this.head = symja.symbol(HEAD);
    this.z = symja.symbol("z");
    for (String v : variables) this.variables.add(symja.symbol(v));
  }

  /** {@code e} with every such logarithm rewritten; empty when there is none. */
  Optional<IExpr> rewrite(IExpr e) {
    IExpr r = visit(e);
    return r == e ? Optional.empty() : Optional.of(r);
  }

  private IExpr visit(IExpr e) {
    if (!(e instanceof IAST ast) || e.isFree(S.Log)) return e;
    if (ast.isAST(S.Log, 2) && !ast.arg1().isFree(z) && LogRemainders.isRational(ast.arg1())) {
      Optional<IExpr> y = LogRemainders.checked(symja, variables, "Together", F.Subtract(ast.arg1(), F.C1), LIMIT)
          .flatMap(t -> LogRemainders.checked(symja, variables, "Factor", t, LIMIT));
      if (y.isEmpty() || y.get().isZero()) return e;
      return F.Piecewise(F.list(F.list(F.unaryAST1(head, y.get()), F.LessEqual(F.Abs(y.get()), F.C1D2))), e);
    }
    return LogRemainders.mapArguments(ast, this::visit);
  }
}
