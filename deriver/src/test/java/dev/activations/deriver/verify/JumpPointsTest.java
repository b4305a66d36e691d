package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link JumpPoints}: a form that takes the left piece at a breakpoint gets the definition's value
 * there, at that double only, and only where it misses. The end-to-end case is {@code
 * RobustLossEnergiesTest}'s Tukey cut off at 3/2 at centres -1, 1/2 and 2 (mean 0 at z = 1/2, where
 * the form gave 0.2223).
 */
class JumpPointsTest {
  /** {@code z <= 1/2 ? 1 + z : z - 2}: the left piece at the breakpoint, as the derivation writes it. */
  private static final Expr FORM = new Expr.Cond(
      new Expr.Test.Compare(Expr.Test.Op.LE, new Expr.Var("z"), Expr.Const.of(0.5)),
      new Expr.Add(java.util.List.of(Expr.Const.of(1.0), new Expr.Var("z"))),
      new Expr.Add(java.util.List.of(new Expr.Var("z"), Expr.Const.of(-2.0))));

  private static final double[][] KINKS = {{0.5, 0.0, 1}, {Math.sqrt(2), 1e-17, 1}};

  @Test
  void theDefinitionsValueAtTheBreakpointOnly() {
    // the definition: 0 at the breakpoint itself (both sides' closed ends hold there)
    Expr patched = JumpPoints.patched(FORM, KINKS,
        b -> Optional.of(b == 0.5 ? BigDecimal.ZERO : new BigDecimal(b)), Map.of(), 1e-12);
    assertEquals(0.0, DoubleEvaluator.evaluate(patched, 0.5));
    assertEquals(1 + Math.nextDown(0.5), DoubleEvaluator.evaluate(patched, Math.nextDown(0.5)));
    assertEquals(Math.nextUp(0.5) - 2, DoubleEvaluator.evaluate(patched, Math.nextUp(0.5)));
  }

  @Test
  void unchangedWhereTheFormHoldsOrTheBreakpointIsNoDouble() {
    // the left piece is the definition's value at 1/2; the surd breakpoint (lo != 0) is not measured
    Expr patched = JumpPoints.patched(FORM, KINKS, b -> Optional.of(new BigDecimal(1.5)), Map.of(), 1e-12);
    assertSame(FORM, patched);
  }

  @Test
  void guardedByTheFreeParametersValues() {
    Expr patched = JumpPoints.patched(FORM, KINKS,
        b -> Optional.of(BigDecimal.ZERO), Map.of("a", 2.0), 1e-12);
    assertEquals(0.0, DoubleEvaluator.evaluate(patched, Map.of("z", 0.5, "a", 2.0)));
    assertEquals(1.5, DoubleEvaluator.evaluate(patched, Map.of("z", 0.5, "a", 3.0)));
  }
}
