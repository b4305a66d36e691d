package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedEvaluation} against the tree walk of {@link DoubleEvaluator}: the same bits, the same
 * NaN where a variable is missing on the path taken (and none where it is missing off it), and each
 * structurally distinct node numbered once however often it is copied or shared.
 */
class SharedEvaluationTest {
  private static final Expr.Var Z = new Expr.Var("z");
  private static final Expr.Var A = new Expr.Var("a");

  private static Expr form() {
    // shared by identity, and equal copies of it built twice
    Expr u = new Expr.Div(new Expr.Add(List.of(Z, Expr.Const.of(1.0))), A);
    Expr copy = new Expr.Div(new Expr.Add(List.of(Z, Expr.Const.of(1.0))), A);
    Expr soft = Expr.Call.of(Fn.SOFTPLUS, u);
    Expr far = new Expr.Mul(List.of(soft, Expr.Call.of(Fn.LOGISTIC, copy), new Expr.PowInt(u, 3)));
    Expr near = new Expr.Add(List.of(Expr.Call.of(Fn.EXPM1, u), new Expr.Neg(soft), new Expr.Var("missing")));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LT, Expr.Call.of(Fn.ABS, Z), Expr.Const.of(1e-3));
    return new Expr.Cond(small, near, new Expr.Add(List.of(far, Expr.Call.of(Fn.LOG1P, copy))));
  }

  @Test
  void theSameBitsAsTheTreeWalkAndNaNOnlyWhereTheMissingVariableIsReached() {
    Expr e = form();
    SharedEvaluation shared = SharedEvaluation.of(e);
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int finite = 0;
    for (int i = 0; i < 2000; i++) {
      double z = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 6));
      Map<String, Double> at = Map.of("z", z, "a", 0.5 + random.nextDouble());
      double expected = DoubleEvaluator.evaluateOrNaN(e, at);
      double actual = shared.atOrNaN(at);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "z = " + z);
      if (Math.abs(z) < 1e-3) assertTrue(Double.isNaN(actual), "z = " + z);
      if (Double.isFinite(actual)) finite++;
    }
    assertTrue(finite > 500, "finite results: " + finite);
  }

  @Test
  void aSubtreeSharedSixtyLevelsDeepIsEvaluatedOnce() {
    // e_{k+1} = e_k + e_k: 2^61 nodes as a tree, 61 distinct nodes (and z)
    Expr e = Z;
    for (int k = 0; k < 60; k++) e = new Expr.Add(List.of(e, e));
    SharedEvaluation.Pool pool = new SharedEvaluation.Pool();
    SharedEvaluation shared = pool.of(e);
    assertEquals(Math.scalb(3.0, 60), shared.atOrNaN(Map.of("z", 3.0)));
    assertTrue(pool.size() <= 61, "nodes: " + pool.size());
    // a structurally equal copy adds no node
    Expr copy = Z;
    for (int k = 0; k < 60; k++) copy = new Expr.Add(List.of(copy, copy));
    pool.of(copy);
    assertTrue(pool.size() <= 61, "nodes after the copy: " + pool.size());
  }
}
