package dev.activations.deriver.emit;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.activations.deriver.lowering.Expr;
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
import dev.activations.deriver.lowering.Fn;
import java.util.List;

class JavaExprPrinterTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");
  private final JavaExprPrinter printer = new JavaExprPrinter();

  private static Expr add(Expr... t) {
    return new Add(List.of(t));
  }

  private static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  private void assertPrints(String expected, Expr e) {
    assertEquals(expected, printer.print(e));
  }

  private void assertPrints(String expected, Test t) {
    assertEquals(expected, printer.print(t));
  }

  private static Test gt(Expr l, Expr r) {
    return new Compare(Op.GT, l, r);
  }

  private static Test lt(Expr l, Expr r) {
    return new Compare(Op.LT, l, r);
  }

  @org.junit.jupiter.api.Test
  void constants() {
    assertPrints("1.0", constant(1));
    assertPrints("100.0", constant(100));
    assertPrints("0.1", constant(0.1));
    assertPrints("0.3333333333333333", constant(1.0 / 3.0));
    assertPrints("1.0E7", constant(1e7));
    assertPrints("1.0E21", constant(1e21));
    assertPrints("1.0E-300", constant(1e-300));
    assertPrints("4.9E-324", constant(Double.MIN_VALUE));
    assertPrints("1.7976931348623157E308", constant(Double.MAX_VALUE));
    assertPrints("-2.5", constant(-2.5));
    assertPrints("0.0", constant(0.0));
    assertPrints("-0.0", constant(-0.0));
    assertPrints("Double.POSITIVE_INFINITY", constant(Double.POSITIVE_INFINITY));
    assertPrints("Double.NEGATIVE_INFINITY", constant(Double.NEGATIVE_INFINITY));
    assertPrints("Double.NaN", constant(Double.NaN));
  }

  @org.junit.jupiter.api.Test
  void variables() {
    assertPrints("z", Z);
    assertPrints("t12", new Var("t12"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> printer.print(new Var("1x")));
    assertEquals("JavaExprPrinter: variable name is not a Java identifier: 1x", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> printer.print(new Var("int")));
  }

  @org.junit.jupiter.api.Test
  void sums() {
    assertPrints("z + s", add(Z, S));
    assertPrints("z + s + 1.0", add(add(Z, S), constant(1)));
    assertPrints("z + (s + 1.0)", add(Z, add(S, constant(1))));
    assertPrints("z - s", add(Z, new Neg(S)));
    assertPrints("z - 1.0", add(Z, constant(-1)));
    assertPrints("z - 0.0", add(Z, constant(-0.0)));
    assertPrints("z - Double.POSITIVE_INFINITY", add(Z, constant(Double.NEGATIVE_INFINITY)));
    assertPrints("z + Double.NaN", add(Z, constant(Double.NaN)));
    assertPrints("-z + 1.0", add(new Neg(Z), constant(1)));
    assertPrints("-1.0 + z", add(constant(-1), Z));
    assertPrints("z - (s + 1.0)", add(Z, new Neg(add(S, constant(1)))));
    assertPrints("z - -s", add(Z, new Neg(new Neg(S))));
    assertPrints("z + s * z", add(Z, mul(S, Z)));
    assertPrints("z - s * z", add(Z, new Neg(mul(S, Z))));
  }

  @org.junit.jupiter.api.Test
  void products() {
    assertPrints("z * s", mul(Z, S));
    assertPrints("z * s * z", mul(mul(Z, S), Z));
    assertPrints("z * (s * z)", mul(Z, mul(S, Z)));
    assertPrints("(z + 1.0) * s", mul(add(Z, constant(1)), S));
    assertPrints("z * (s + 1.0)", mul(Z, add(S, constant(1))));
    assertPrints("z * -s", mul(Z, new Neg(S)));
    assertPrints("-2.0 * z", mul(constant(-2), Z));
    assertPrints("z * -2.0", mul(Z, constant(-2)));
    assertPrints("z / s * z", mul(new Div(Z, S), Z));
    assertPrints("z * (s / z)", mul(Z, new Div(S, Z)));
  }

  @org.junit.jupiter.api.Test
  void quotients() {
    assertPrints("z / s", new Div(Z, S));
    assertPrints("(z + 1.0) / (s + 1.0)", new Div(add(Z, constant(1)), add(S, constant(1))));
    assertPrints("z * s / z", new Div(mul(Z, S), Z));
    assertPrints("z / (s * z)", new Div(Z, mul(S, Z)));
    assertPrints("z / s / z", new Div(new Div(Z, S), Z));
    assertPrints("z / (s / z)", new Div(Z, new Div(S, Z)));
    assertPrints("1.0 / -z", new Div(constant(1), new Neg(Z)));
  }

  @org.junit.jupiter.api.Test
  void negations() {
    assertPrints("-z", new Neg(Z));
    assertPrints("-(-z)", new Neg(new Neg(Z)));
    assertPrints("-(-1.0)", new Neg(constant(-1)));
    assertPrints("-2.0", new Neg(constant(2)));
    assertPrints("-Math.exp(z)", new Neg(Call.of(Fn.EXP, Z)));
    assertPrints("-(z + 1.0)", new Neg(add(Z, constant(1))));
    assertPrints("-(z * s)", new Neg(mul(Z, S)));
    assertPrints("-(z * z)", new Neg(new PowInt(Z, 2)));
  }

  @org.junit.jupiter.api.Test
  void integerPowersAreProducts() {
    assertPrints("z * z", new PowInt(Z, 2));
    assertPrints("z * z * z", new PowInt(Z, 3));
    assertPrints("z * z * (z * z)", new PowInt(Z, 4));
    assertPrints("z * z * (z * z) * z", new PowInt(Z, 5));
    assertPrints("z * z * z * (z * z * z)", new PowInt(Z, 6));
    assertPrints("z * z * (z * z) * (z * z * (z * z))", new PowInt(Z, 8));
    assertPrints("1.0 / z", new PowInt(Z, -1));
    assertPrints("1.0 / (z * z)", new PowInt(Z, -2));
    assertPrints("(z + 1.0) * (z + 1.0)", new PowInt(add(Z, constant(1)), 2));
    assertPrints("Math.exp(z) * Math.exp(z)", new PowInt(Call.of(Fn.EXP, Z), 2));
    assertPrints("-z * -z", new PowInt(new Neg(Z), 2));
    assertPrints("s * (z * z)", mul(S, new PowInt(Z, 2)));
    assertPrints("z * z * s", mul(new PowInt(Z, 2), S));
    assertPrints("s / (z * z)", new Div(S, new PowInt(Z, 2)));
    assertPrints("s * (1.0 / z)", mul(S, new PowInt(Z, -1)));
    assertPrints("z + z * z", add(Z, new PowInt(Z, 2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> printer.print(new PowInt(Z, 65)));
    assertEquals("integer power exponent must be non-zero with |n| <= 64: 65", e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void calls() {
    assertPrints("Math.exp(z)", Call.of(Fn.EXP, Z));
    assertPrints("Math.exp(z + 1.0)", Call.of(Fn.EXP, add(Z, constant(1))));
    assertPrints("Math.max(z, 0.0)", Call.of(Fn.MAX, Z, constant(0)));
    assertPrints("Math.pow(z, 0.5)", Call.of(Fn.POW, Z, constant(0.5)));
    assertPrints("logistic(2.0 * z)", Call.of(Fn.LOGISTIC, mul(constant(2), Z)));
    assertPrints("softplus(-z)", Call.of(Fn.SOFTPLUS, new Neg(Z)));
    assertPrints("tanhPrime(z / s)", Call.of(Fn.TANH_PRIME, new Div(Z, S)));
    assertPrints("Math.exp(z > 0.0 ? z : 0.0)",
        Call.of(Fn.EXP, new Cond(gt(Z, constant(0)), Z, constant(0))));
  }

  @org.junit.jupiter.api.Test
  void everyFunctionHasAJavaName() {
    String[] expected = {"Math.exp", "Math.expm1", "Math.log", "Math.log1p", "Math.sqrt",
      "Math.abs", "Math.sinh", "Math.cosh", "tanh", "Math.signum", "Math.max", "Math.min",
      "Math.hypot", "Math.pow", "logistic", "softplus", "tanhPrime", "log1pmx", "Math.atan", "asinh"};
    for (Fn fn : Fn.values()) {
      assertEquals(expected[fn.ordinal()], KnownFunctions.of(fn).javaName(), fn.name());
      assertEquals(fn.name().equals("TANH") || fn.name().equals("LOGISTIC") || fn.name().equals("SOFTPLUS")
          || fn.name().equals("TANH_PRIME") || fn.name().equals("LOG1PMX") || fn.name().equals("ASINH"),
          KnownFunctions.of(fn).helper().isPresent());
    }
  }

  @org.junit.jupiter.api.Test
  void conditionals() {
    Expr relu = new Cond(gt(Z, constant(0)), Z, constant(0));
    assertPrints("z > 0.0 ? z : 0.0", relu);
    assertPrints("z > 0.0 ? z : z < -1.0 ? -1.0 : 0.0",
        new Cond(gt(Z, constant(0)), Z, new Cond(lt(Z, constant(-1)), constant(-1), constant(0))));
    assertPrints("z > 0.0 ? (z > 1.0 ? 1.0 : z) : 0.0",
        new Cond(gt(Z, constant(0)), new Cond(gt(Z, constant(1)), constant(1), Z), constant(0)));
    assertPrints("z + (z > 0.0 ? z : 0.0)", add(Z, relu));
    assertPrints("(z > 0.0 ? z : 0.0) + z", add(relu, Z));
    assertPrints("-(z > 0.0 ? z : 0.0)", new Neg(relu));
    assertPrints("(z > 0.0 ? z : 0.0) * (z > 0.0 ? z : 0.0)", new PowInt(relu, 2));
  }

  @org.junit.jupiter.api.Test
  void tests() {
    assertPrints("z < s", new Compare(Op.LT, Z, S));
    assertPrints("z <= s", new Compare(Op.LE, Z, S));
    assertPrints("z > s", new Compare(Op.GT, Z, S));
    assertPrints("z >= s", new Compare(Op.GE, Z, S));
    assertPrints("z == s", new Compare(Op.EQ, Z, S));
    assertPrints("z != s", new Compare(Op.NE, Z, S));
    assertPrints("z + 1.0 < s * 2.0", lt(add(Z, constant(1)), mul(S, constant(2))));
    assertPrints("(z > 0.0 ? z : s) < 1.0", lt(new Cond(gt(Z, constant(0)), Z, S), constant(1)));
    Test inside = new Test.And(List.of(gt(Z, constant(0)), lt(Z, constant(1))));
    assertPrints("z > 0.0 && z < 1.0", inside);
    assertPrints("z > 0.0 && z < 1.0 || z == 2.0",
        new Test.Or(List.of(inside, new Compare(Op.EQ, Z, constant(2)))));
    assertPrints("(z < 0.0 || z > 1.0) && z != 2.0", new Test.And(List.of(
        new Test.Or(List.of(lt(Z, constant(0)), gt(Z, constant(1)))),
        new Compare(Op.NE, Z, constant(2)))));
    assertPrints("!(z < 0.0)", new Test.Not(lt(Z, constant(0))));
    assertPrints("!!(z < 0.0)", new Test.Not(new Test.Not(lt(Z, constant(0)))));
    assertPrints("!(z > 0.0 && z < 1.0)", new Test.Not(inside));
    assertPrints("true", new Test.And(List.of()));
    assertPrints("false", new Test.Or(List.of()));
    assertPrints("z < 0.0", new Test.And(List.of(lt(Z, constant(0)))));
    assertPrints("z > 0.0 || z < 1.0 ? z : s",
        new Cond(new Test.Or(List.of(gt(Z, constant(0)), lt(Z, constant(1)))), Z, S));
  }

  @org.junit.jupiter.api.Test
  void codeBlockHoldsTheText() {
    Expr e = add(Z, new Neg(mul(constant(2), S)));
    assertEquals("z - 2.0 * s", printer.codeBlock(e).toString());
    // A '$' in a variable name must not be read as a JavaPoet placeholder.
    assertEquals("a$b + 1.0", printer.codeBlock(add(new Var("a$b"), constant(1))).toString());
  }
}
