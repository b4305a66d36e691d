package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Passes that keep intermediates inside the double range: {@link ParameterQuotients}, {@link Repairs#guardVanishing}. */
class RangeRepairsTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");

  private static double eval(Expr e, double z, double s) {
    return DoubleEvaluator.evaluate(e, Map.of("z", z, "s", s));
  }

  @Test
  void productsOfParametersAreDividedOneAtATime() {
    // tanh(z / s^2) and tanh'(z * (1/s^2)) * (1/s^2): at s = 1e-170, s^2 underflows to 0
    Expr value = Call.of(Fn.TANH, new Div(Z, new PowInt(S, 2)));
    Expr reciprocal = new Div(Const.of(1.0), new PowInt(S, 2));
    Expr derivative = new Mul(List.of(Call.of(Fn.TANH_PRIME, new Mul(List.of(Z, reciprocal))), reciprocal));
    assertTrue(Double.isNaN(eval(value, 0.0, 1e-170)), "the product form is 0/0 there");
    Expr v = ParameterQuotients.apply(value, Set.of("s"));
    Expr d = ParameterQuotients.apply(derivative, Set.of("s"));
    assertEquals(0.0, eval(v, 0.0, 1e-170));
    assertEquals(1.0, eval(v, 1e-300, 1e-170)); // z / s^2 = 1e40
    assertEquals(Double.POSITIVE_INFINITY, eval(d, 0.0, 1e-170)); // exact 1e340
    assertEquals(0.0, eval(d, 1.0, 1e-170)); // exact sech(1e340)^2 * 1e340 = 0
    assertEquals(0.0, eval(v, 1.0, 1e170)); // 1 / 1e340 underflows: tanh of it is 0 (exact 1e-340)
    // at ordinary scales the same value to a rounding or two (of the argument, for tanh': its
    // condition number is 2|x| tanh(x), 55 at z = -2.5, s = 0.3)
    for (double s : new double[] {0.3, 1.0, 7.5}) {
      for (double z : new double[] {-2.5, 0.01, 1.0}) {
        assertEquals(eval(value, z, s), eval(v, z, s), 4e-16 * Math.abs(eval(value, z, s)));
        assertEquals(eval(derivative, z, s), eval(d, z, s), 6e-14 * Math.abs(eval(derivative, z, s)));
      }
    }
    // z is no parameter: its powers are left alone
    Expr inZ = new Div(S, new PowInt(Z, 2));
    assertEquals(inZ, ParameterQuotients.apply(inZ, Set.of("s")));
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
