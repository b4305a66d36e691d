package dev.activations.deriver.lowering;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import java.util.Random;

class DoubleEvaluatorTest {
  private static final Var Z = new Var("z");

  @org.junit.jupiter.api.Test
  void sumsAndProductsRunLeftToRight() {
    // (1e16 + 1) + 1 = 1e16 in double, while 1e16 + (1 + 1) = 1.0000000000000002e16.
    Expr sum = new Add(List.of(constant(1e16), constant(1), constant(1)));
    assertEquals(1e16, DoubleEvaluator.evaluate(sum, 0));
    Expr product = new Mul(List.of(constant(1e300), constant(1e10), constant(1e-300)));
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(product, 0));
  }

  @org.junit.jupiter.api.Test
  void nodes() {
    assertEquals(2.5, DoubleEvaluator.evaluate(new Div(Z, constant(2)), 5));
    assertEquals(-5.0, DoubleEvaluator.evaluate(new Neg(Z), 5));
    assertEquals(125.0, DoubleEvaluator.evaluate(new PowInt(Z, 3), 5));
    assertEquals(0.04, DoubleEvaluator.evaluate(new PowInt(Z, -2), 5));
    assertEquals(Math.exp(5), DoubleEvaluator.evaluate(Call.of(Fn.EXP, Z), 5));
    Expr relu = new Cond(new Compare(Op.GT, Z, constant(0)), Z, constant(0));
    assertEquals(3.0, DoubleEvaluator.evaluate(relu, 3));
    assertEquals(0.0, DoubleEvaluator.evaluate(relu, -3));
    assertEquals(0.0, DoubleEvaluator.evaluate(relu, Double.NaN), "NaN > 0 is false");
    assertEquals(4.0, DoubleEvaluator.evaluate(new Var("s"), Map.of("s", 4.0)));
    assertThrows(IllegalArgumentException.class, () -> DoubleEvaluator.evaluate(new Var("q"), 1));
  }

  @org.junit.jupiter.api.Test
  void tests() {
    Test inside = new Test.And(List.of(new Compare(Op.GE, Z, constant(-1)),
        new Compare(Op.LE, Z, constant(1))));
    Map<String, Double> zero = Map.of("z", 0.0);
    Map<String, Double> two = Map.of("z", 2.0);
    assertEquals(true, DoubleEvaluator.test(inside, zero));
    assertEquals(false, DoubleEvaluator.test(inside, two));
    assertEquals(true, DoubleEvaluator.test(new Test.Not(inside), two));
    assertEquals(true, DoubleEvaluator.test(new Test.Or(List.of(inside, new Compare(Op.EQ, Z,
        constant(2)))), two));
    assertEquals(true, DoubleEvaluator.test(new Test.And(List.of()), two));
    assertEquals(false, DoubleEvaluator.test(new Test.Or(List.of()), two));
    assertEquals(true, DoubleEvaluator.test(new Compare(Op.NE, Z, Z), Map.of("z", Double.NaN)));
    assertEquals(false, DoubleEvaluator.test(new Compare(Op.LT, Z, constant(1)),
        Map.of("z", Double.NaN)));
  }

  @org.junit.jupiter.api.Test
  void everyFunctionIsTheMathCall() {
    double x = 0.75;
    assertEquals(Math.exp(x), DoubleEvaluator.apply(Fn.EXP, x));
    assertEquals(Math.expm1(x), DoubleEvaluator.apply(Fn.EXPM1, x));
    assertEquals(Math.log(x), DoubleEvaluator.apply(Fn.LOG, x));
    assertEquals(Math.log1p(x), DoubleEvaluator.apply(Fn.LOG1P, x));
    assertEquals(Math.sqrt(x), DoubleEvaluator.apply(Fn.SQRT, x));
    assertEquals(Math.abs(-x), DoubleEvaluator.apply(Fn.ABS, -x));
    assertEquals(Math.sinh(x), DoubleEvaluator.apply(Fn.SINH, x));
    assertEquals(Math.cosh(x), DoubleEvaluator.apply(Fn.COSH, x));
    assertEquals(StableFunctions.tanh(x), DoubleEvaluator.apply(Fn.TANH, x));
    assertEquals(-1.0, DoubleEvaluator.apply(Fn.SIGNUM, -x));
    assertEquals(x, DoubleEvaluator.apply(Fn.MAX, x, -x));
    assertEquals(-x, DoubleEvaluator.apply(Fn.MIN, x, -x));
    assertEquals(Math.pow(x, 0.5), DoubleEvaluator.apply(Fn.POW, x, 0.5));
    assertEquals(StableFunctions.logistic(x), DoubleEvaluator.apply(Fn.LOGISTIC, x));
    assertEquals(StableFunctions.softplus(x), DoubleEvaluator.apply(Fn.SOFTPLUS, x));
    assertEquals(StableFunctions.tanhPrime(x), DoubleEvaluator.apply(Fn.TANH_PRIME, x));
    assertThrows(IllegalArgumentException.class, () -> DoubleEvaluator.apply(Fn.MAX, x));
  }

  @org.junit.jupiter.api.Test
  void stableFunctionsInTheTails() {
    assertEquals(1.0, StableFunctions.logistic(800));
    assertEquals(Math.exp(-700), StableFunctions.logistic(-700), 1e-15 * Math.exp(-700));
    assertEquals(0.5, StableFunctions.logistic(0));
    assertEquals(1000.0, StableFunctions.softplus(1000));
    assertEquals(Math.exp(-700), StableFunctions.softplus(-700), 1e-15 * Math.exp(-700));
    assertEquals(Math.log(2), StableFunctions.softplus(0), 1e-16);
    assertEquals(1.0, StableFunctions.tanhPrime(0));
    double truth = 4 * Math.exp(-60); // sech(30)^2 to ~1e-26 relative
    assertEquals(truth, StableFunctions.tanhPrime(30), 1e-15 * truth);
    assertEquals(truth, StableFunctions.tanhPrime(-30), 1e-15 * truth);
    for (double x : new double[] {Double.NaN}) {
      assertEquals(Double.NaN, StableFunctions.logistic(x));
      assertEquals(Double.NaN, StableFunctions.softplus(x));
      assertEquals(Double.NaN, StableFunctions.tanhPrime(x));
    }
  }

  @org.junit.jupiter.api.Test
  void integerPowersFollowOneScheduleInBothForms() {
    Random random = new Random(3);
    for (int n = -IntegerPowers.MAX_EXPONENT; n <= IntegerPowers.MAX_EXPONENT; n++) {
      if (n == 0 || n == 1) {
        continue;
      }
      Expr expanded = IntegerPowers.expand(new PowInt(Z, n));
      for (int i = 0; i < 20; i++) {
        double x = 1 + random.nextGaussian() * 0.1;
        assertEquals(Double.doubleToLongBits(IntegerPowers.pow(x, n)),
            Double.doubleToLongBits(DoubleEvaluator.evaluate(expanded, x)), "n = " + n);
      }
    }
    assertEquals(new Mul(List.of(new Mul(List.of(Z, Z)), new Mul(List.of(Z, Z)))),
        IntegerPowers.expand(new PowInt(Z, 4)));
    assertEquals(new Div(constant(1), Z), IntegerPowers.expand(new PowInt(Z, -1)));
    assertThrows(IllegalArgumentException.class, () -> IntegerPowers.pow(2, 65));
  }
}
