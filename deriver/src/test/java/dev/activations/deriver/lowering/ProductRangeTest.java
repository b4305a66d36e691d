package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Var;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ProductRange} on the shape of the gated variance's dP, {@code 0.25 a b z z} with a and b
 * about z^(p-1): the product as written loses its partial product below the normal range, the
 * guarded one does not. Expected values are the exact products of the doubles (BigDecimal).
 */
class ProductRangeTest {
  private static final Expr PRODUCT = new Mul(List.of(Const.of(0.25), new Var("a"), new Var("b"), new Var("z"), new Var("z")));

  private static double at(Expr e, double a, double b, double z) {
    return DoubleEvaluator.evaluate(e, Map.of("a", a, "b", b, "z", z));
  }

  private static double exact(double a, double b, double z) {
    return new BigDecimal(0.25).multiply(new BigDecimal(a)).multiply(new BigDecimal(b)).multiply(new BigDecimal(z))
        .multiply(new BigDecimal(z)).round(MathContext.DECIMAL64).doubleValue();
  }

  @Test
  void aPartialProductBelowTheRangeIsTakenInLogarithms() {
    Expr ranged = ProductRange.apply(PRODUCT);
    // underflow to 0 (p = 0.393, z = MAX_VALUE: both small factors about 1e-187)
    double a = -1.1e-187;
    double b = 5.6e-188;
    double z = Double.MAX_VALUE;
    assertEquals(0.0, at(PRODUCT, a, b, z), 0.0, "the product as written");
    double expected = exact(a, b, z);
    assertEquals(expected, at(ranged, a, b, z), 1e-12 * Math.abs(expected));
    System.out.printf("underflow: relative error %.2e%n", Math.abs(at(ranged, a, b, z) - expected) / Math.abs(expected));
    // a subnormal partial product (z = 1.45e263: about 1e-320 before the z's)
    a = -3.3e-160;
    b = 1.7e-160;
    z = 1.449581505647686e263;
    expected = exact(a, b, z);
    assertTrue(Math.abs(at(PRODUCT, a, b, z) - expected) > 1e-10 * Math.abs(expected), "the product as written");
    assertEquals(expected, at(ranged, a, b, z), 1e-12 * Math.abs(expected));
    System.out.printf("subnormal: relative error %.2e%n", Math.abs(at(ranged, a, b, z) - expected) / Math.abs(expected));
  }

  @Test
  void inRangeTheProductIsComputedAsWrittenAndSpecialValuesAgree() {
    Expr ranged = ProductRange.apply(PRODUCT);
    for (double[] v : new double[][] {{0.3, -7.5, 1e20}, {1e-30, 3e40, -2.5}, {-1.0, -1.0, 1e-50}}) {
      assertEquals(at(PRODUCT, v[0], v[1], v[2]), at(ranged, v[0], v[1], v[2]), 0.0);
    }
    // a factor exactly 0, an infinity, 0 times an infinity: as the product as written
    assertEquals(0.0, at(ranged, 0.0, 1e-200, 1e300), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, at(ranged, Double.NEGATIVE_INFINITY, 1e-200, 1e300), 0.0);
    assertTrue(Double.isNaN(at(ranged, 0.0, Double.POSITIVE_INFINITY, 2.0)));
    assertTrue(Double.isNaN(at(ranged, Double.NaN, 1.0, 2.0)));
  }

  @Test
  void aPowerThatOverflowsIsTakenByItsExponent() {
    // |z - 1|^p / p at p = 3, z = -8.1e102: the power is Infinity, the quotient 1.79769e308
    Expr power = Expr.Call.of(Fn.POW, Expr.Call.of(Fn.ABS, new Expr.Add(List.of(new Var("z"), Const.of(-1.0)))), new Var("p"));
    Expr quotient = new Mul(List.of(power, new Expr.Div(Const.of(1.0), new Var("p"))));
    Expr ranged = ProductRange.apply(quotient);
    double z = -8.139772587397598E102;
    Map<String, Double> at = Map.of("z", z, "p", 3.0);
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(quotient, at), 0.0, "as written");
    double expected = new BigDecimal(1 - z).pow(3).divide(new BigDecimal(3), MathContext.DECIMAL64).doubleValue();
    assertTrue(expected < Double.MAX_VALUE);
    double computed = DoubleEvaluator.evaluate(ranged, at);
    assertEquals(expected, computed, 1e-12 * expected);
    System.out.printf("power: relative error %.2e%n", Math.abs(computed - expected) / expected);
    Map<String, Double> inRange = Map.of("z", 12.5, "p", 2.5);
    assertEquals(DoubleEvaluator.evaluate(quotient, inRange), DoubleEvaluator.evaluate(ranged, inRange), 0.0);
  }

  /**
   * {@code -e^(1+z) expm1(-2)} (the exponential kernel's log-responsibility far right) and {@code
   * 0.5 e^z}: finite beyond the z where the exponential alone overflows; taken by the exponential's
   * argument there, and exactly as written in range. Expected values from BigDecimal with the
   * exponential of mpmath (60 digits).
   */
  @Test
  void anExponentialThatOverflowsIsTakenByItsArgument() {
    Var z = new Var("z");
    Expr exp = Expr.Call.of(Fn.EXP, new Expr.Add(List.of(Const.of(1.0), z)));
    Expr product = new Expr.Neg(new Mul(List.of(exp, Expr.Call.of(Fn.EXPM1, Const.of(-2.0)))));
    Expr ranged = ProductRange.apply(product);
    Map<String, Double> at = Map.of("z", 708.7827128933841);
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(product, at), 0.0, "as written");
    // mpmath: -exp(1 + 708.7827128933841) * expm1(-2), 30 digits
    double expected = 1.554401825283350009068940026268684936678e308;
    double computed = DoubleEvaluator.evaluate(ranged, at);
    assertEquals(expected, computed, 1e-12 * expected);
    System.out.printf("exponential: relative error %.2e%n", Math.abs(computed - expected) / expected);
    Map<String, Double> inRange = Map.of("z", 3.25);
    assertEquals(DoubleEvaluator.evaluate(product, inRange), DoubleEvaluator.evaluate(ranged, inRange), 0.0);

    Expr half = new Mul(List.of(Const.of(0.5), Expr.Call.of(Fn.EXP, z)));
    Expr halfRanged = ProductRange.apply(half);
    at = Map.of("z", 709.9);
    // mpmath: 0.5 * exp(709.9)
    double halfExpected = 1.010701028059781958431250814832571448908e308;
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(half, at), 0.0, "as written");
    assertEquals(halfExpected, DoubleEvaluator.evaluate(halfRanged, at), 1e-12 * halfExpected);
  }

  /**
   * The same product instance both outermost (guarded by the outer pass) and inside another
   * product's factor: it is guarded there too. Before, the outer pass's guard marked the product
   * itself as done, and inside the factor it stayed as written: the exponential kernel's
   * log-responsibility slope with a free rate, -Infinity at z = 708.78 for -1.55e308.
   */
  @Test
  void aSharedProductIsGuardedWhereverItStands() {
    Var z = new Var("z");
    Var a = new Var("a");
    Expr exp = Expr.Call.of(Fn.EXP, new Mul(List.of(a, new Expr.Add(List.of(Const.of(1.0), z)))));
    Expr p = new Mul(List.of(exp, Expr.Call.of(Fn.EXPM1, new Mul(List.of(Const.of(-2.0), a)))));
    Expr inner = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.EQ, a, Const.of(5.0)), Const.of(0.0), p);
    Expr tree = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GT, z, Const.of(1e300)), p,
        new Mul(List.of(inner, Expr.Call.of(Fn.LOGISTIC, z))));
    Map<String, Double> at = Map.of("z", 708.7827128933841, "a", 1.0);
    assertEquals(Double.NEGATIVE_INFINITY, DoubleEvaluator.evaluate(tree, at), 0.0, "as written");
    // mpmath: exp(1 + 708.7827128933841) * expm1(-2), logistic(708.78) = 1
    double expected = -1.554401825283350009068940026268684936678e308;
    assertEquals(expected, DoubleEvaluator.evaluate(ProductRange.apply(tree), at), 1e-12 * -expected);
  }
}
