package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogOnePlusTest {
  private static final Expr Z = new Expr.Var("z");
  private static final Expr NU = new Expr.Var("nu");

  /** z^2 / 3 at z = 1e-96 is 3.3e-193: log(1 + it) rounds to 0, log1p keeps it. */
  @Test
  void logOfOnePlusKeepsTheSmallTerm() {
    Expr u = new Expr.Div(new Expr.PowInt(Z, 2), Expr.Const.of(3));
    Expr log = Expr.Call.of(Fn.LOG, new Expr.Add(List.of(Expr.Const.of(1), u)));
    assertEquals(0.0, DoubleEvaluator.evaluate(log, 1e-96));
    Expr rewritten = LogOnePlus.rewrite(log);
    assertEquals(Expr.Call.of(Fn.LOG1P, u), rewritten);
    assertEquals(1e-192 / 3, DoubleEvaluator.evaluate(rewritten, 1e-96), 1e-207);
  }

  @Test
  void logOfAQuotientOverItsOwnDenominator() {
    Expr log = Expr.Call.of(Fn.LOG, new Expr.Div(new Expr.Add(List.of(NU, new Expr.PowInt(Z, 2))), NU));
    assertEquals(Expr.Call.of(Fn.LOG1P, new Expr.Div(new Expr.PowInt(Z, 2), NU)), LogOnePlus.rewrite(log));
  }

  @Test
  void aLogarithmOfAChoiceTakesEachBranchOnItsOwn() {
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, Z), Expr.Const.of(1));
    Expr near = new Expr.Div(new Expr.Add(List.of(new Expr.PowInt(Z, 2), NU)), NU);
    Expr far = new Expr.Mul(List.of(NU, Z));
    Expr log = Expr.Call.of(Fn.LOG, new Expr.Cond(small, near, far));
    assertEquals(new Expr.Cond(small, Expr.Call.of(Fn.LOG1P, new Expr.Div(new Expr.PowInt(Z, 2), NU)), Expr.Call.of(Fn.LOG, far)),
        LogOnePlus.rewrite(log));
  }

  @Test
  void otherLogarithmsStay() {
    Expr log = Expr.Call.of(Fn.LOG, new Expr.Add(List.of(Expr.Const.of(2), Z)));
    assertEquals(log, LogOnePlus.rewrite(log));
    Expr nested = new Expr.Mul(List.of(Expr.Const.of(2), Expr.Call.of(Fn.LOG, new Expr.Add(List.of(Z, Expr.Const.of(1))))));
    assertEquals(new Expr.Mul(List.of(Expr.Const.of(2), Expr.Call.of(Fn.LOG1P, Z))), LogOnePlus.rewrite(nested));
  }
}
