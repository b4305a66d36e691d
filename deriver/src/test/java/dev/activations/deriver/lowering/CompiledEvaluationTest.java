package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled evaluators are a speed-up of the interpreted ones and must not change a single
 * result: the verification's verdicts, and so the emitted bytes, depend on them.
 */
class CompiledEvaluationTest {
  @Test
  void compiledFormsAgreeWithTheInterpreterBitForBit() {
    Random random = new Random(20261203L);
    int compared = 0;
    for (int k = 0; k < 400; k++) {
      Expr e = new RandomExprs(k).next(6);
      DoubleEvaluator.Compiled compiled = DoubleEvaluator.compile(e, List.of("s", "z"));
      for (int i = 0; i < 40; i++) {
        double z = RandomExprs.point(random);
        double s = RandomExprs.point(random);
        String expected = outcome(() -> DoubleEvaluator.evaluate(e, Map.of("z", z, "s", s)));
        String actual = outcome(() -> compiled.at(new double[] {s, z}));
        assertEquals(expected, actual, () -> e + " at z = " + z + ", s = " + s);
        compared++;
      }
    }
    assertEquals(16_000, compared);
  }

  @Test
  void aVariableWithoutASlotFailsOnlyWhereItIsReached() {
    Expr e = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LT, new Expr.Var("z"), Expr.Const.of(0)),
        new Expr.Var("p"), Expr.Const.of(2));
    DoubleEvaluator.Compiled compiled = DoubleEvaluator.compile(e, List.of("z"));
    assertEquals(2.0, compiled.at(new double[] {1}));
    assertEquals(outcome(() -> DoubleEvaluator.evaluate(e, Map.of("z", -1.0))),
        outcome(() -> compiled.at(new double[] {-1})));
  }

  @Test
  void compiledCseEvaluationAgreesWithTheMapEvaluation() {
    Random random = new Random(7L);
    for (int k = 0; k < 200; k++) {
      Expr a = new RandomExprs(5000 + k).next(6);
      Cse.Result r = Cse.eliminate(List.of(a), java.util.Set.of("z", "s"));
      DoubleEvaluator.Compiled compiled = r.compile(List.of("z", "s"), 0);
      for (int i = 0; i < 20; i++) {
        double z = RandomExprs.point(random);
        double s = RandomExprs.point(random);
        Map<String, Double> vars = new HashMap<>(Map.of("z", z, "s", s));
        String expected = outcome(() -> r.evaluate(vars)[0]);
        String actual = outcome(() -> compiled.at(new double[] {z, s}));
        assertEquals(expected, actual, () -> a + " at z = " + z + ", s = " + s);
      }
    }
  }

  /**
   * A form whose every node is shared by two parents, 200 levels deep: as a tree it has 2^200
   * nodes. Compiling it, evaluating it, and hashing it (a memo table's key) take time in the
   * number of node objects; any of them walking the tree would not end.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aDeeplySharedFormCompilesEvaluatesAndHashesInItsNodeCount() {
    Expr e = new Expr.Var("z");
    for (int i = 0; i < 200; i++) e = new Expr.Div(new Expr.Add(List.of(e, e)), Expr.Const.of(2));
    DoubleEvaluator.Compiled compiled = DoubleEvaluator.compile(e, List.of("z"));
    for (double z : new double[] {0.75, -3.0, 1e300}) assertEquals(z, compiled.at(new double[] {z}));
    Expr again = new Expr.Div(new Expr.Add(List.of(((Expr.Div) e).numerator(), Expr.Const.of(0))), Expr.Const.of(2));
    java.util.Set<Expr> keys = new java.util.HashSet<>(List.of(e));
    org.junit.jupiter.api.Assertions.assertFalse(keys.contains(again));
    org.junit.jupiter.api.Assertions.assertTrue(keys.contains(e));
  }

  /** The bits of the result (every NaN alike: Java leaves a NaN's sign bit to the hardware), or the exception's class. */
  private static String outcome(java.util.function.DoubleSupplier f) {
    try {
      return Long.toHexString(Double.doubleToLongBits(f.getAsDouble()));
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }
}
