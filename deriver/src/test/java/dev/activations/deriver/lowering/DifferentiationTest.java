package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IR derivatives agree with central differences, and keep the stability of the form they came from. */
class DifferentiationTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");
  /** A nonlinear inner argument, so that the chain rule is exercised. */
  private static final Expr INNER = new Add(List.of(new Mul(List.of(Const.of(0.7), Z, Z)), Const.of(0.3)));

  private static double at(Expr e, double z) {
    return DoubleEvaluator.evaluate(e, Map.of("z", z, "s", 1.3));
  }

  /** d e/dz at z against a central difference with step 1e-6 (error ~1e-12 relative to the scale). */
  private static void assertDerivative(Expr e, double z) {
    double h = 1e-6;
    double numeric = (at(e, z + h) - at(e, z - h)) / (2 * h);
    double symbolic = at(Differentiation.of(e, "z"), z);
    assertEquals(numeric, symbolic, 1e-7 * Math.max(1, Math.abs(numeric)), e + " at z = " + z);
  }

  @Test
  void everyFunctionAgreesWithCentralDifferences() {
    for (Fn fn : Fn.values()) {
      Expr e = switch (fn.arity()) {
        case 1 -> Call.of(fn, INNER);
        default -> Call.of(fn, INNER, new Add(List.of(Z, Const.of(2.5))));
      };
      if (fn == Fn.SIGNUM) continue; // piecewise constant: derivative 0 away from 0
      for (double z : new double[] {-1.1, -0.35, 0.6, 1.45}) {
        if ((fn == Fn.MAX || fn == Fn.MIN) && Math.abs(at(INNER, z) - z - 2.5) < 1e-3) continue;
        assertDerivative(e, z);
      }
    }
  }

  @Test
  void arithmeticAndBranchesAgreeWithCentralDifferences() {
    Expr quotient = new Div(new Mul(List.of(S, Z, Call.of(Fn.EXP, Z))), new Add(List.of(Const.of(2), new PowInt(Z, 2))));
    Expr reciprocalPower = new PowInt(new Add(List.of(Const.of(3), Z)), -3);
    Expr branch = new Cond(new Expr.Test.Compare(Expr.Test.Op.LT, Z, Const.of(0.0)), new Neg(quotient), reciprocalPower);
    for (double z : new double[] {-1.1, -0.35, 0.6, 1.45}) {
      assertDerivative(quotient, z);
      assertDerivative(reciprocalPower, z);
      assertDerivative(branch, z);
    }
  }

  @Test
  void derivativeOfAStableSoftplusDifferenceStaysAccurateInTheTail() {
    // d/dz [softplus(-(z+1)) - softplus(-(z-1))] = logistic(-(z-1)) - logistic(-(z+1)); at z = 710
    // that is 1.0521073831009439e-308 (mpmath), while Symja's e^u/(1+e^u) terms give NaN
    Expr e = new Add(List.of(Call.of(Fn.SOFTPLUS, new Neg(new Add(List.of(Z, Const.of(1))))),
        new Neg(Call.of(Fn.SOFTPLUS, new Neg(new Add(List.of(Z, Const.of(-1))))))));
    double d = at(Differentiation.of(e, "z"), 710);
    assertEquals(1.0521073831009439e-308, d, 1e-13 * 1.0521073831009439e-308);
  }

  @Test
  void otherVariablesAreConstants() {
    assertEquals(Const.of(0.0), Differentiation.of(new Mul(List.of(S, S)), "z"));
    assertEquals(S, Differentiation.of(new Mul(List.of(S, Z)), "z"));
  }
}
