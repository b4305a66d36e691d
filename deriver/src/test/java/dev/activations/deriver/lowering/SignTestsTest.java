package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SignTests} on the shape of a mode's test: the sign of a power difference, {@code
 * signum(p log1p(x))}, decides which hypothesis wins. The product underflows where x is tiny and
 * p below 1 (the gated mode of {@code Abs[z-mu]^p} at p = 0.188, z = -4.9e-324), and read as a tie.
 */
class SignTestsTest {
  private static final Var P = new Var("p");
  private static final Var Z = new Var("z");

  /** {@code signum(p log1p(z)) < 0 ? 1 : 0}: 1 where p and z have opposite signs. */
  private static final Expr MODE_TEST = new Cond(
      new Compare(Op.LT, Call.of(Fn.SIGNUM, new Mul(List.of(P, Call.of(Fn.LOG1P, Z)))), Const.of(0.0)),
      Const.of(1.0), Const.of(0.0));

  private static double at(Expr e, double p, double z) {
    return DoubleEvaluator.evaluate(e, Map.of("p", p, "z", z));
  }

  @Test
  void theSignOfAnUnderflowedProductIsItsFactorsSigns() {
    double p = 0.18833927801373965;
    double z = -Double.MIN_VALUE;
    assertEquals(0.0, at(MODE_TEST, p, z), 0.0, "as written, p log1p(z) rounds to -0.0");
    Optional<Expr> exact = SignTests.exact(MODE_TEST);
    assertTrue(exact.isPresent(), "the test is written on the factors' signs");
    assertEquals(1.0, at(exact.get(), p, z), 0.0);
  }

  @Test
  void unchangedWhereTheProductIsNormal() {
    Expr exact = SignTests.exact(MODE_TEST).orElseThrow();
    for (double p : new double[] {0.188, 1.5, -2}) {
      for (double z : new double[] {-0.5, -1e-300, 0.0, 1e-300, 3}) {
        assertEquals(at(MODE_TEST, p, z), at(exact, p, z), 0.0, "p = " + p + ", z = " + z);
      }
    }
  }
}
