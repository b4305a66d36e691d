package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repairs that keep intermediates inside the double range: {@link Repairs#guardVanishing}. */
class RangeRepairsTest {
  private static final Var Z = new Var("z");

  private static double eval(Expr e, double z, double s) {
    return DoubleEvaluator.evaluate(e, Map.of("z", z, "s", s));
  }

  @Test
  void aFactorGuardedAlreadyGuardsTheWholeProduct() {
    // 0.25 tanh'(x) * (a slope that overflows): the inner product is guarded first, then the outer
    Expr x = new Mul(List.of(Const.of(1e3), Z));
    Expr inner = new Mul(List.of(Const.of(0.25), Call.of(Fn.TANH_PRIME, x)));
    Expr slope = Call.of(Fn.EXP, Z);
    Expr product = new Mul(List.of(inner, new Mul(List.of(slope, slope))));
    assertTrue(Double.isNaN(eval(product, 700, 1)), "0 * Inf");
    Expr guarded = Repairs.guardVanishing(product);
    assertEquals(0.0, eval(guarded, 700, 1));
    assertEquals(eval(product, 0.001, 1), eval(guarded, 0.001, 1));
  }
}
