package dev.activations.deriver.symbolic;

import java.io.PrintStream;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.exception.TimeoutException;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTMutable;

/**
 * A Symja engine that counts its evaluation steps and stops for good once a budget is spent.
 *
 * <p>The step is {@link EvalEngine#evalArgs}: the one overridable method every evaluation of a
 * compound expression goes through (the loop itself is private and final). Over the catalog's
 * calls its count tracked CPU time to within a factor of two, including {@code Together} and
 * {@code Factor}, whose polynomial work (JAS) does not count but is interleaved with evaluation.
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
    if (++steps > budget) {
      stopRequest();
      throw TimeoutException.TIMED_OUT;
    }
    return super.evalArgs(ast, attributes, numericMode);
  }

  long steps() {
    return steps;
  }

  boolean exhausted() {
    return steps > budget;
  }
}
