package dev.activations.deriver.symbolic;

import java.io.PrintStream;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.exception.TimeoutException;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTMutable;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A Symja engine that counts its evaluation steps and stops for good once a budget is spent.
 *
 * <p>A step is a call of {@link EvalEngine#evalArgs} (evaluating the arguments of a compound
 * expression) or of {@link EvalEngine#evalRules} (applying a function's rules, which is how the
 * polynomial arithmetic of {@code Together} and {@code Factor} multiplies its expression
 * coefficients): the two overridable methods on the evaluation loop, which is itself private and
 * final. Over the catalog's calls the count tracked CPU time to within a factor of two.
 *
 * <p>Once the budget is spent, every later step throws Symja's own timeout and the engine's stop
 * flag is set, so the computation unwinds wherever it is; whether it then returns something (a
 * {@code catch} inside Symja may swallow the exception) does not matter: {@link #exhausted()}
 * decides, and that is a function of the input alone.
 */
final class CountingEngine extends EvalEngine {
  private static final long serialVersionUID = 1L;

  private final long budget;
  private long steps;

  CountingEngine(long budget, PrintStream quiet) {
    super("", 256, 1000, quiet, quiet, false);
    this.budget = budget;
  }

  @Override
  public IASTMutable evalArgs(IAST ast, int attributes, boolean numericMode) {
    step();
    return super.evalArgs(ast, attributes, numericMode);
  }

  @Override
  public IExpr evalRules(ISymbol symbol, IAST ast) {
    step();
    return super.evalRules(symbol, ast);
  }

  private void step() {
    if (++steps > budget) {
      stopRequest();
      throw TimeoutException.TIMED_OUT;
    }
  }

  long steps() {
    return steps;
  }

  boolean exhausted() {
    return steps > budget;
  }
}
