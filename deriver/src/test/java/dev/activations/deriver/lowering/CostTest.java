package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostTest {
  private static final Var Z = new Var("z");

  @Test
  void repeatedSubexpressionsCountOnce() {
    Expr e = Call.of(Fn.EXP, Z);
    assertEquals(Cost.of(e) + 1, Cost.of(new Add(List.of(e, e))));
  }

  @Test
  void aRationalFunctionIsCheaperThanTanhOfALog() {
    Expr zz = new Mul(List.of(Z, Z));
    Expr rational = new Div(new Mul(List.of(Const.of(4.0), Z)), new Add(List.of(zz, Const.of(3.0))));
    Expr tanhLog = Call.of(Fn.TANH, Call.of(Fn.LOG1P, new Div(zz, Const.of(3.0))));
    assertTrue(Cost.of(rational) + ActivationLowering.CHEAPER_BY <= Cost.of(tanhLog));
    // the same number of calls: no preference
    assertTrue(Cost.of(Call.of(Fn.TANH, Z)) < Cost.of(tanhLog));
    assertTrue(Cost.of(Call.of(Fn.TANH_PRIME, Z)) + ActivationLowering.CHEAPER_BY
        > Cost.of(Call.of(Fn.TANH, Z)));
  }
}
