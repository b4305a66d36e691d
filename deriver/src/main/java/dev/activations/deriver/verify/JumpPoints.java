package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * An output at the breakpoints of its energies where they jump. The derivation splits the line
 * into pieces {@code (a, b]}, each taking its expression from inside the interval, so at {@code b}
 * itself a form has the left piece's value. Where an energy is continuous that is the value at
 * {@code b}; where energies jump there it need not be: Tukey's {@code 1 - (1 - u^2)^3} cut off at
 * {@code |u| <= 3/2} (where the piece is 2.95, not 1) at centres -1, 1/2 and 2 has two energies at
 * the closed end of their inner pieces at z = 1/2, and the mean there is 0 while the left piece
 * gives 0.2223 (and the right one -0.2223). Such a breakpoint is a single double; where the form
 * misses the contract there, the reference's value at that double becomes the output there ({@code
 * z == b ? v : form}), guarded by the free parameters' values like the root splices (at other
 * values the form is evaluated). Breakpoints that are not doubles (surds, logarithms) have no such
 * input. A patch on the chosen forms rather than in the derivation: the pieces there would need a
 * breakpoint piece of their own ({@code z == b}), which every pass over pieces (closed forms,
 * differences, kinks, the lowering's conditions) would then have to carry, while the misses the
 * roots' own doubles found (five specs, docs/ENERGIES.md) were all at jumps, and the reference has
 * the value.
 */
public final class JumpPoints {
  private JumpPoints() {}

  /**
   * {@code form} with the reference's value at each breakpoint in {@code kinks} (rows {@code {hi,
   * lo, ...}}; only those with {@code lo == 0} are doubles) where it misses {@code tolerance}.
   *
   * @param exact the definition's value of this function at a double, when the reference has one
   * @param free the free parameters' values the reference was built for (empty when none)
   */
  public static Expr patched(Expr form, double[][] kinks, DoubleFunction<Optional<BigDecimal>> exact,
      Map<String, Double> free, double tolerance) {
    Expr current = form;
    for (double[] kink : kinks) {
      double b = kink[0];
      if (!Double.isFinite(b) || kink[1] != 0.0) continue;
      Map<String, Double> at = new HashMap<>(free);
      at.put("z", b);
      double computed = DoubleEvaluator.evaluateOrNaN(form, at);
      Optional<BigDecimal> value = exact.apply(b);
      if (value.isEmpty() || Accuracy.relativeError(computed, value.get()) <= tolerance) continue;
      List<Expr.Test> tests = new ArrayList<>(Exprs.parametersAt(free));
      tests.add(new Expr.Test.Compare(Expr.Test.Op.EQ, new Expr.Var("z"), Expr.Const.of(b)));
      Expr.Test test = tests.size() == 1 ? tests.get(0) : new Expr.Test.And(tests);
      current = new Expr.Cond(test, Expr.Const.of(Accuracy.toDouble(value.get())), current);
    }
    return current;
  }
}
