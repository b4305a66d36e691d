package dev.activations.deriver.lowering;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RewritesTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");
  private static final double[] POINTS = {-3.7, -1.3, -0.4, 0.25, 0.9, 2.2, 4.1};

  private static Expr add(Expr... t) {
    return new Add(List.of(t));
  }

  private static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  private static Expr call(Fn fn, Expr... a) {
    return Call.of(fn, a);
  }

  private static Expr exp(Expr x) {
    return call(Fn.EXP, x);
  }

  /**
   * The whole pass turns {@code input} into exactly {@code expected}, and (where both are finite
   * at moderate points) the two agree numerically: no rule changes the function.
   */
  private static void assertRewrites(Expr input, Expr expected) {
    Expr actual = Rewrites.apply(input);
    assertEquals(expected, actual);
    assertEquals(actual, Rewrites.apply(actual), "a fixed point");
    for (double z : POINTS) {
      Map<String, Double> env = Map.of("z", z, "s", 1.7);
      double before = DoubleEvaluator.evaluate(input, env);
      double after = DoubleEvaluator.evaluate(actual, env);
      if (Double.isFinite(before)) {
        assertEquals(before, after, 1e-9 * Math.abs(before) + 1e-300, "at z = " + z);
      }
    }
  }

  /** The named rule alone, on the node itself, gives {@code expected}. */
  private static void assertRule(String rule, Expr input, Expr expected) {
    assertEquals(expected, Rewrites.rule(rule).rewrite().apply(input).orElseThrow());
  }

  private static void assertUnchanged(Expr input) {
    assertEquals(input, Rewrites.apply(input));
  }

  @Test
  void rulesHaveUniqueNamesAndReasons() {
    Set<String> names = new HashSet<>();
    for (Rewrites.Rule r : Rewrites.rules()) {
      assertFalse(r.why().isBlank(), r.name());
      assertFalse(!names.add(r.name()), "duplicate " + r.name());
    }
    assertThrows(IllegalArgumentException.class, () -> Rewrites.rule("no-such-rule"));
  }

  @Test
  void foldConstants() {
    assertRule("fold-constants", add(constant(1), constant(2)), constant(3));
    assertRewrites(mul(constant(2), add(constant(1), constant(2))), constant(6));
    assertRewrites(new Div(constant(1), constant(3)), constant(1.0 / 3.0));
    assertRewrites(new Neg(constant(2)), constant(-2));
    assertRewrites(new PowInt(constant(3), 2), constant(9));
    assertRewrites(new PowInt(constant(2), -1), constant(0.5));
    assertRewrites(call(Fn.SQRT, constant(2)), constant(Math.sqrt(2)));
    assertRewrites(call(Fn.MAX, constant(-1), constant(4)), constant(4));
    assertRewrites(new Cond(new Compare(Op.LT, constant(1), constant(2)), Z, S), Z);
    assertRewrites(new Cond(new Compare(Op.GT, constant(1), constant(2)), Z, S), S);
    assertRewrites(add(Z, add(constant(1), constant(2))), add(Z, constant(3)));
    // Only whole constant subtrees: re-associating 1 + z + 2 would change the rounding.
    assertUnchanged(add(constant(1), Z, constant(2)));
    // exp, log etc. are not correctly rounded on every JVM: left to run time.
    assertUnchanged(exp(constant(1)));
  }

  @Test
  void leadingConstants() {
    assertRule("leading-constants", mul(constant(0.5), constant(3), Z), mul(constant(1.5), Z));
    assertRewrites(mul(constant(0.5), constant(2), Z, S), mul(Z, S));
    // not leading: z * 2 * 0.5 overflows where z does not
    assertUnchanged(mul(Z, constant(2), constant(0.5)));
    // the same bits as Java's left-to-right evaluation, which rounds c1 * c2 first
    double z = 0.1;
    assertEquals(0.1 * 3.0 * z, DoubleEvaluator.evaluate(Rewrites.apply(mul(constant(0.1), constant(3), Z)), z));
  }

  @Test
  void dropMultiplicativeOne() {
    assertRule("drop-multiplicative-one", mul(Z, constant(1)), Z);
    assertRewrites(mul(Z, constant(1)), Z);
    assertRewrites(mul(constant(1), Z, S), mul(Z, S));
  }

  @Test
  void dropAdditiveZero() {
    assertRule("drop-additive-zero", add(Z, constant(0)), Z);
    assertRewrites(add(Z, constant(0)), Z);
    assertRewrites(add(constant(0), Z, S), add(Z, S));
    assertRewrites(add(Z, constant(-0.0)), Z);
  }

  @Test
  void doubleNegation() {
    assertRule("double-negation", new Neg(new Neg(Z)), Z);
    assertRewrites(new Neg(new Neg(new Neg(Z))), new Neg(Z));
  }

  @Test
  void timesMinusOne() {
    assertRule("times-minus-one", mul(constant(-1), Z), new Neg(Z));
    assertRewrites(mul(Z, constant(-1), S), new Neg(mul(Z, S)));
  }

  @Test
  void negativePower() {
    assertRule("negative-power", new PowInt(Z, -1), new Div(constant(1), Z));
    assertRewrites(new PowInt(Z, -3), new Div(constant(1), new PowInt(Z, 3)));
  }

  @Test
  void timesReciprocal() {
    assertRule("times-reciprocal", mul(S, new Div(constant(1), Z)), new Div(S, Z));
    assertRewrites(mul(S, new PowInt(Z, -2)), new Div(S, new PowInt(Z, 2)));
    assertRewrites(mul(Z, S, new PowInt(add(Z, constant(1)), -1)),
        new Div(mul(Z, S), add(Z, constant(1))));
  }

  @Test
  void expm1() {
    assertRule("expm1", add(exp(Z), constant(-1)), call(Fn.EXPM1, Z));
    assertRewrites(add(exp(Z), constant(-1)), call(Fn.EXPM1, Z));
    assertRewrites(add(constant(-1), exp(Z)), call(Fn.EXPM1, Z));
    assertRewrites(add(exp(Z), new Neg(constant(1))), call(Fn.EXPM1, Z));
    assertRewrites(add(constant(1), new Neg(exp(Z))), new Neg(call(Fn.EXPM1, Z)));
    assertRewrites(add(constant(1), mul(constant(-1), exp(Z))), new Neg(call(Fn.EXPM1, Z)));
    assertRewrites(add(S, exp(Z), constant(-1)), add(S, call(Fn.EXPM1, Z)));
    assertUnchanged(add(exp(Z), constant(-2)));
  }

  @Test
  void log1p() {
    assertRule("log1p", call(Fn.LOG, add(constant(1), Z)), call(Fn.LOG1P, Z));
    assertRewrites(call(Fn.LOG, add(constant(1), Z)), call(Fn.LOG1P, Z));
    Expr zz3 = new Div(new PowInt(Z, 2), constant(3));
    assertRewrites(call(Fn.LOG, add(zz3, constant(1))), call(Fn.LOG1P, mul(new Div(Z, constant(3)), Z)));
    assertRewrites(call(Fn.LOG, add(constant(1), Z, S)), call(Fn.LOG1P, add(Z, S)));
    assertUnchanged(call(Fn.LOG, add(constant(2), Z)));
  }

  @Test
  void logistic() {
    assertRule("logistic", new Div(constant(1), add(constant(1), exp(new Neg(Z)))),
        call(Fn.LOGISTIC, Z));
    assertRewrites(new Div(constant(1), add(constant(1), exp(new Neg(Z)))),
        call(Fn.LOGISTIC, Z));
    assertRewrites(new Div(constant(1), add(constant(1), exp(Z))),
        call(Fn.LOGISTIC, new Neg(Z)));
    assertRewrites(new Div(exp(Z), add(constant(1), exp(Z))), call(Fn.LOGISTIC, Z));
    assertRewrites(new Div(mul(S, exp(Z)), add(constant(1), exp(Z))),
        mul(S, call(Fn.LOGISTIC, Z)));
    // any numerator: s / (1 + exp(z)) is 0 beyond z ~ 709 where s logistic(-z) is still normal
    assertRewrites(new Div(S, add(constant(1), exp(Z))), mul(S, call(Fn.LOGISTIC, new Neg(Z))));
    assertRewrites(new Div(constant(1), add(exp(mul(constant(-2), Z)), constant(1))),
        call(Fn.LOGISTIC, mul(constant(2), Z)));
    assertRewrites(new PowInt(add(constant(1), exp(mul(constant(-1), Z))), -1),
        call(Fn.LOGISTIC, Z));
  }

  @Test
  void logisticDerivative() {
    Expr e = exp(new Neg(Z));
    Expr expected = mul(call(Fn.LOGISTIC, Z), call(Fn.LOGISTIC, new Neg(Z)));
    assertRule("logistic-derivative", new Div(e, new PowInt(add(constant(1), e), 2)), expected);
    // the whole pass goes on to logistic-product: one exp
    Expr quarter = mul(constant(0.25), call(Fn.TANH_PRIME, mul(constant(0.5), Z)));
    assertRewrites(new Div(e, new PowInt(add(constant(1), e), 2)), quarter);
    assertRewrites(mul(e, new PowInt(add(constant(1), e), -2)), quarter);
    assertRewrites(new Div(mul(S, e, Z), new PowInt(add(constant(1), e), 2)),
        mul(constant(0.25), S, Z, call(Fn.TANH_PRIME, mul(constant(0.5), Z))));
  }

  @Test
  void logisticFactor() {
    Expr onePlusExp = add(constant(1), exp(Z));
    // s / ((1 + exp(z)) * (1 + exp(-z))) = s * logistic(-z) * logistic(z): no product to overflow
    assertRule("logistic-factor", new Div(S, mul(onePlusExp, add(constant(1), exp(new Neg(Z))))),
        new Div(mul(S, call(Fn.LOGISTIC, new Neg(Z))), add(constant(1), exp(new Neg(Z)))));
    // ... and the whole pass goes on to logistic-product: one exp
    assertRewrites(new Div(S, mul(onePlusExp, add(constant(1), exp(new Neg(Z))))),
        mul(constant(0.25), S, call(Fn.TANH_PRIME, mul(constant(0.5), Z))));
    assertRewrites(new Div(mul(S, Z), onePlusExp), mul(S, Z, call(Fn.LOGISTIC, new Neg(Z))));
    // the point: (1 + e^700) * 1e300 overflows, so s / that is 0, while the quotient is e^-700
    double z = 700;
    double rewritten = DoubleEvaluator.evaluate(Rewrites.apply(new Div(S, mul(onePlusExp, S))), Map.of("z", z, "s", 1e300));
    assertEquals(Math.exp(-z), rewritten, 1e-15 * Math.exp(-z));
  }

  @Test
  void expTimesLogistic() {
    assertRule("exp-times-logistic", mul(exp(Z), call(Fn.LOGISTIC, new Neg(Z))),
        call(Fn.LOGISTIC, Z));
    // exp(z) * (1 + exp(z))^-1: the reciprocal becomes logistic(-z) before the product is seen.
    assertRewrites(mul(exp(Z), new PowInt(add(constant(1), exp(Z)), -1)), call(Fn.LOGISTIC, Z));
    assertRewrites(mul(S, exp(Z), call(Fn.LOGISTIC, new Neg(Z))),
        mul(S, call(Fn.LOGISTIC, Z)));
  }

  @Test
  void logisticFactorOtherNumerators() {
    Expr onePlusExp = add(constant(1), exp(Z));
    assertRule("logistic-factor", new Div(S, onePlusExp), mul(S, call(Fn.LOGISTIC, new Neg(Z))));
    assertRule("logistic-factor", new Div(S, mul(Z, onePlusExp)),
        new Div(mul(S, call(Fn.LOGISTIC, new Neg(Z))), Z));
    // z / ((1 + e^2z) (1 + e^-2z)) at z = 360: e^720 overflows, the truth is 7.316e-311 (mpmath)
    Expr u = mul(constant(2), Z);
    Expr twoSided = new Div(Z, mul(add(constant(1), exp(u)), add(constant(1), exp(new Neg(u)))));
    double t = DoubleEvaluator.evaluate(Rewrites.apply(twoSided), Map.of("z", 360.0));
    assertEquals(7.316030888727455e-311, t, 1e-14 * Double.MIN_NORMAL);
    // z / (1 + e^(1/2 - z)) at z = -710: -1.9276534346401304e-306 (mpmath), not -0.0
    Expr gated = new Div(Z, add(constant(1), exp(add(constant(0.5), new Neg(Z)))));
    double v = DoubleEvaluator.evaluate(Rewrites.apply(gated), Map.of("z", -710.0));
    assertEquals(-1.9276534346401304e-306, v, 1e-14 * 1.9276534346401304e-306);
  }

  @Test
  void softplus() {
    assertRule("softplus", call(Fn.LOG, add(constant(1), exp(Z))), call(Fn.SOFTPLUS, Z));
    assertRewrites(call(Fn.LOG, add(constant(1), exp(Z))), call(Fn.SOFTPLUS, Z));
    assertRewrites(call(Fn.LOG1P, exp(Z)), call(Fn.SOFTPLUS, Z));
    assertRewrites(call(Fn.LOG, add(exp(mul(constant(2), Z)), constant(1))),
        call(Fn.SOFTPLUS, mul(constant(2), Z)));
  }

  @Test
  void tanhPrime() {
    Expr cosh = call(Fn.COSH, Z);
    Expr tanh = call(Fn.TANH, Z);
    Expr expected = call(Fn.TANH_PRIME, Z);
    assertRule("tanh-prime", new PowInt(cosh, -2), expected);
    assertRewrites(new PowInt(cosh, -2), expected);
    assertRewrites(new Div(constant(1), new PowInt(cosh, 2)), expected);
    assertRewrites(new PowInt(new Div(constant(1), cosh), 2), expected);
    assertRewrites(add(constant(1), new Neg(new PowInt(tanh, 2))), expected);
    assertRewrites(add(mul(constant(-1), new PowInt(tanh, 2)), constant(1)), expected);
    assertRewrites(mul(S, new PowInt(cosh, -2)), mul(S, expected));
  }

  /**
   * 1 +- tanh(x) and -1 +- tanh(x) become 2 logistic(+-2x) with the sign of the constant, and keep
   * their digits where tanh saturates: at x = 30 the plain 1 - tanh(x) is 0, where the value is
   * 2 / (1 + e^60), about 1.8e-26.
   */
  @Test
  void tanhComplement() {
    Expr tanh = call(Fn.TANH, Z);
    assertRule("tanh-complement", add(constant(1), tanh), mul(constant(2), call(Fn.LOGISTIC, mul(constant(2), Z))));
    assertRule("tanh-complement", add(constant(1), new Neg(tanh)), mul(constant(2), call(Fn.LOGISTIC, mul(constant(-2), Z))));
    assertRule("tanh-complement", add(constant(-1), tanh), mul(constant(-2), call(Fn.LOGISTIC, mul(constant(-2), Z))));
    assertRule("tanh-complement", add(new Neg(tanh), constant(-1)), mul(constant(-2), call(Fn.LOGISTIC, mul(constant(2), Z))));
    assertTrue(Rewrites.rule("tanh-complement").rewrite().apply(add(constant(2), tanh)).isEmpty());
    for (double[] sc : new double[][] {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}}) {
      Expr plain = add(constant(sc[0]), sc[1] > 0 ? tanh : new Neg(tanh));
      Expr rewritten = Rewrites.apply(plain);
      for (double z : new double[] {-400, -30, -19.5, -1, -1e-8, 0, 1e-8, 0.75, 19.5, 30, 400}) {
        // c + s tanh(z) with s/c = +1: 2c / (1 + e^(-2z)); with s/c = -1: 2c / (1 + e^(2z))
        double u = sc[0] * sc[1] > 0 ? -2 * z : 2 * z;
        double exact = 2 * sc[0] / (1 + Math.exp(u));
        double got = DoubleEvaluator.evaluate(rewritten, java.util.Map.of("z", z));
        assertEquals(exact, got, 1e-15 * Math.abs(exact), "c = " + sc[0] + ", s = " + sc[1] + ", z = " + z);
      }
      // the plain form cancels to 0 where the exact value is about 2 e^-60
      assertEquals(0.0, DoubleEvaluator.evaluate(plain, java.util.Map.of("z", sc[0] * sc[1] > 0 ? -30.0 : 30.0)));
    }
  }

  private static double relativeError(String exactText, Expr form, double z) {
    double exact = dev.activations.deriver.verify.HighPrecisionExpression.parse(exactText)
        .evaluate(Map.of("z", new org.apfloat.Apfloat(new java.math.BigDecimal(z))), 60).doubleValue();
    double got = DoubleEvaluator.evaluate(form, Map.of("z", z));
    return exact == 0 ? Math.abs(got) : Math.abs(got / exact - 1);
  }

  /** cosh(x) -+ sinh(x) in a sum become exp(-+x); the other terms stay. */
  @Test
  void hyperbolicPairs() {
    Expr cosh = call(Fn.COSH, Z);
    Expr sinh = call(Fn.SINH, Z);
    assertRule("hyperbolic-pairs", add(cosh, new Neg(sinh)), exp(new Neg(Z)));
    assertRule("hyperbolic-pairs", add(sinh, cosh), exp(Z));
    assertRule("hyperbolic-pairs", add(S, new Neg(cosh), sinh), add(S, new Neg(exp(new Neg(Z)))));
    assertRule("hyperbolic-pairs", add(new Neg(sinh), new Neg(cosh)), new Neg(exp(Z)));
    assertTrue(Rewrites.rule("hyperbolic-pairs").rewrite().apply(add(cosh, new Neg(call(Fn.SINH, S)))).isEmpty());
    // exp(-1 - z) - cosh(z) + sinh(z) at z = 20.5: the pair cancels to 1e-9 from terms of 4e8
    Expr written = add(exp(add(constant(-1), new Neg(Z))), new Neg(cosh), sinh);
    double z = 20.5;
    double exact = Math.exp(-1 - z) - Math.exp(-z);
    assertEquals(exact, DoubleEvaluator.evaluate(Rewrites.apply(written), Map.of("z", z)), 1e-15 * Math.abs(exact));
    assertTrue(Math.abs(DoubleEvaluator.evaluate(written, Map.of("z", z)) / exact - 1) > 1e-9);
  }

  /**
   * tanh(z + 1) - tanh(z - 1) and |tanh(z - 1)| - |tanh(z + 1)| (both saturating far out, where
   * the plain difference is 1 - 1) against the apfloat evaluator at 60 digits.
   */
  @Test
  void tanhDifferences() {
    Expr p = add(Z, constant(1));
    Expr q = add(Z, constant(-1));
    Map<String, Expr> cases = Map.of(
        "Tanh[z+1]-Tanh[z-1]", add(call(Fn.TANH, p), new Neg(call(Fn.TANH, q))),
        "Abs[Tanh[z-1]]-Abs[Tanh[z+1]]", add(call(Fn.ABS, call(Fn.TANH, q)), new Neg(call(Fn.ABS, call(Fn.TANH, p)))),
        "Tanh[z+1]+Tanh[z-1]", add(call(Fn.TANH, p), call(Fn.TANH, q)),
        "-Tanh[z+1]-Tanh[1/2*z]", add(new Neg(call(Fn.TANH, p)), new Neg(call(Fn.TANH, mul(constant(0.5), Z)))));
    for (Map.Entry<String, Expr> c : cases.entrySet()) {
      Expr rewritten = Rewrites.apply(c.getValue());
      assertFalse(rewritten.equals(c.getValue()), c.getKey());
      for (double z : new double[] {-400, -30, -20.06, -2, -1.0000001, -1e-9, 0, 0.5, 1, 3, 19.5, 30, 400}) {
        double error = relativeError(c.getKey(), rewritten, z);
        if (!c.getKey().startsWith("Tanh[z+1]-") && !c.getKey().startsWith("-") && Math.abs(z) < 1e-6) {
          // next to the root z = 0 of the sum and of the |tanh| difference the rounded arguments
          // z + 1 and z - 1 decide, as in the plain form: the rewrite is no worse there
          assertTrue(error <= 2 * relativeError(c.getKey(), c.getValue(), z) + 1e-15, c.getKey() + " at z = " + z);
          continue;
        }
        assertTrue(error < 1e-14, c.getKey() + " at z = " + z + ": relative error " + error);
      }
    }
    // the plain difference at z = -20.06 is 0 or a rounding of 1 (exact about 1.6e-17)
    double plain = DoubleEvaluator.evaluate(cases.get("Abs[Tanh[z-1]]-Abs[Tanh[z+1]]"), Map.of("z", -20.06));
    assertTrue(plain == 0 || Math.abs(plain) > 5e-17, "plain: " + plain);
    // a tanh and its own negation, or arguments free of z: not this rule's
    assertTrue(Rewrites.rule("tanh-differences").rewrite().apply(add(call(Fn.TANH, Z), new Neg(call(Fn.TANH, Z)))).isEmpty());
    assertTrue(Rewrites.rule("tanh-differences").rewrite().apply(add(call(Fn.TANH, S), call(Fn.TANH, Z))).isEmpty());
  }

  @Test
  void logisticPairBecomesOneTanhPrime() {
    // 4 / ((1 + exp(-(2z))) (1 + exp(-(-2z)))): the tanh derivative as the structured form has it
    Expr a = add(constant(1), exp(new Neg(mul(constant(2), Z))));
    Expr b = add(constant(1), exp(new Neg(mul(constant(-2), Z))));
    Expr pair = new Div(constant(4), mul(a, b));
    Expr rewritten = Rewrites.apply(pair);
    assertEquals(call(Fn.TANH_PRIME, Z), rewritten);
    // other factors of the denominator stay; the pair's order does not matter
    assertEquals(new Div(mul(constant(0.75), S, call(Fn.TANH_PRIME, Z)), add(Z, constant(3))),
        Rewrites.apply(new Div(mul(constant(3), S), mul(b, add(Z, constant(3)), a))));
    // not a pair: exp(2z) and exp(3z)
    Expr c = add(constant(1), exp(mul(constant(3), Z)));
    assertFalse(Rewrites.apply(new Div(constant(1), mul(a, c))).toString().contains("TANH_PRIME"));
    // the identity itself, where the two-exp form is still accurate
    for (double z : new double[] {-30, -2.5, -1e-3, 0, 1e-9, 0.7, 4, 19, 300}) {
      double exact = 4 / ((1 + Math.exp(-2 * z)) * (1 + Math.exp(2 * z)));
      double got = DoubleEvaluator.evaluate(rewritten, java.util.Map.of("z", z));
      assertEquals(exact, got, 4e-16 * exact, "z = " + z);
    }
  }

  /**
   * 1 + cosh(x) and 2 + exp(a) + exp(-a) as divisors become tanh_prime of the half argument, also
   * for a piecewise argument mirrored in the second exponential; and the result stays finite and
   * accurate where the divisor overflows (x = 712: the truth 4 e^-712 is subnormal, not 0).
   */
  @Test
  void halfAngle() {
    Expr cosh = call(Fn.COSH, mul(constant(2), Z));
    Expr tp = call(Fn.TANH_PRIME, Z);
    assertRule("half-angle", new Div(constant(2), add(constant(1), cosh)), mul(constant(0.5), constant(2), tp));
    assertRewrites(new Div(constant(2), add(constant(1), cosh)), tp);
    assertRewrites(new Div(S, new PowInt(add(cosh, constant(1)), 2)), mul(constant(0.25), S, tp, tp));
    Expr a = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LE, call(Fn.ABS, Z), constant(1)),
        add(mul(constant(-6), Z, Z), constant(-2)), mul(constant(-2), add(mul(constant(3), Z, Z), constant(1))));
    Expr minusA = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LE, call(Fn.ABS, Z), constant(1)),
        add(mul(constant(6), Z, Z), constant(2)), mul(constant(2), add(mul(constant(3), Z, Z), constant(1))));
    Expr variance = new Div(constant(4), add(constant(2), exp(a), exp(minusA)));
    Expr rewritten = Rewrites.apply(variance);
    assertEquals(call(Fn.TANH_PRIME, mul(constant(0.5), a)), rewritten);
    double z = -10.88;
    double exact = 4 * Math.exp(-(6 * z * z + 2)) / Math.pow(1 + Math.exp(-(6 * z * z + 2)), 2);
    assertEquals(0.0, DoubleEvaluator.evaluate(variance, Map.of("z", z, "s", 1.7)));
    assertEquals(exact, DoubleEvaluator.evaluate(rewritten, Map.of("z", z, "s", 1.7)), 1e-12 * Double.MIN_NORMAL);
    assertUnchanged(new Div(constant(4), add(constant(2), exp(Z), exp(mul(constant(-2), Z)))));
    // as the lowering translates Symja's 4 / (2 + E^(-2-6 z^2) + E^(2+6 z^2))
    Expr u = add(constant(-2), mul(constant(-6), new PowInt(Z, 2)));
    Expr v = add(constant(2), mul(constant(6), new PowInt(Z, 2)));
    assertEquals(mul(constant(4), mul(constant(0.25), Call.of(Fn.TANH_PRIME, mul(constant(0.5), Rewrites.apply(u))))),
        Rewrites.apply(mul(constant(4), new PowInt(add(constant(2), exp(u), exp(v)), -1))));
    // and as its rational tails write them: (-2 / z / z - 6) z z against (2 / z / z + 6) z z
    Expr tail = mul(add(new Div(new Div(constant(-2), Z), Z), constant(-6)), Z, Z);
    Expr mirror = mul(add(new Div(new Div(constant(2), Z), Z), constant(6)), Z, Z);
    assertTrue(Rewrites.negatives(tail, mirror));
    assertFalse(Rewrites.negatives(tail, mul(add(new Div(new Div(constant(2), Z), Z), constant(-6)), Z, Z)));
  }

  /**
   * tanh(a)^2 - tanh(b)^2 far out is tanh'(b) - tanh'(a) (the squares are both 1 to the last
   * bit at a = z + 1, b = z - 1, z = 25, where the difference is about 2.4e-21), near 0 the
   * factored form; either way the value of the definition.
   */
  @Test
  void tanhSquares() {
    Expr a = add(Z, constant(1));
    Expr b = add(Z, constant(-1));
    Expr input = add(new PowInt(call(Fn.TANH, a), 2), new Expr.Neg(new PowInt(call(Fn.TANH, b), 2)));
    Expr rewritten = Rewrites.apply(input);
    assertInstanceOf(Expr.Cond.class, rewritten);
    double z = 25;
    double exact = 4 * Math.exp(-2 * (z - 1)) - 4 * Math.exp(-2 * (z + 1)); // to ~1e-21 relative
    assertEquals(0.0, DoubleEvaluator.evaluate(input, z));
    assertEquals(exact, DoubleEvaluator.evaluate(rewritten, z), 1e-14 * exact);
    double small = 1e-9; // near 0: (tanh a - tanh b)(tanh a + tanh b) with a, b = small +- 1e-3
    Map<String, Double> env = Map.of("z", small, "s", 1e-3);
    Expr near = add(new PowInt(call(Fn.TANH, add(Z, S)), 2), new Expr.Neg(new PowInt(call(Fn.TANH, add(Z, new Expr.Neg(S))), 2)));
    double exactNear = 4 * small * 1e-3 * (1 - Math.tanh(1e-3) * Math.tanh(1e-3)); // d/dx tanh^2 at 1e-3, times 2e-9, to 1e-6
    assertEquals(exactNear, DoubleEvaluator.evaluate(Rewrites.apply(near), env), 1e-5 * exactNear);
  }

  @Test
  void logisticProduct() {
    Expr l = call(Fn.LOGISTIC, mul(constant(2), Z));
    Expr lm = call(Fn.LOGISTIC, mul(constant(-2), Z));
    assertRule("logistic-product", mul(S, l, lm), mul(constant(0.25), S, call(Fn.TANH_PRIME, Z)));
    assertRewrites(mul(l, Z, lm), mul(constant(0.25), Z, call(Fn.TANH_PRIME, Z)));
    assertUnchanged(mul(S, l, call(Fn.LOGISTIC, mul(constant(-3), Z))));
  }

  @Test
  void gatedDerivativeAsSymjaWouldWriteIt() {
    // d/dz z/(1+exp(-2z)) = (1+exp(-2z))^-1 + 2 z exp(-2z) (1+exp(-2z))^-2
    Expr e = exp(mul(constant(-2), Z));
    Expr input = add(
        new PowInt(add(constant(1), e), -1),
        mul(constant(2), Z, e, new PowInt(add(constant(1), e), -2)));
    Expr l = call(Fn.LOGISTIC, mul(constant(2), Z));
    Expr lm = call(Fn.LOGISTIC, mul(constant(-2), Z));
    assertRewrites(input, add(l, mul(constant(0.5), Z, call(Fn.TANH_PRIME, Z))));
  }

  @Test
  void powersOfZLast() {
    // 0.25 * z^2 * t overflows in z * z for |z| > 1.3e154 where the product is ordinary
    Expr t = call(Fn.TANH_PRIME, S);
    assertRule("powers-of-z-last", mul(constant(0.25), new PowInt(Z, 2), t), mul(constant(0.25), t, Z, Z));
    assertRule("powers-of-z-last", mul(mul(Z, Z), S), mul(S, Z, Z));
    assertRule("powers-of-z-last", new Div(new PowInt(Z, 3), add(S, constant(1))),
        mul(new Div(Z, add(S, constant(1))), Z, Z));
    assertRule("powers-of-z-last", new Div(mul(S, new PowInt(Z, 2)), constant(3)), mul(new Div(mul(S, Z), constant(3)), Z));
    assertUnchanged(mul(Z, S)); // one z: it cannot overflow alone
    assertUnchanged(mul(S, Z, Z));
    assertUnchanged(new Div(new PowInt(Z, 2), add(Z, constant(1)))); // a z-dependent divisor: rational tails' business
    // z^2/3 at 1.5e154 is 7.5e307; (z * z)/3 is Inf
    Expr tail = Rewrites.apply(new Div(new PowInt(Z, 2), constant(3)));
    assertEquals(7.5e307, DoubleEvaluator.evaluate(tail, Map.of("z", 1.5e154)), 1e-15 * 7.5e307);
  }

  @Test
  void parameterSquareResiduals() {
    Expr residual = add(constant(-1), new PowInt(S, 2));
    Expr factored = mul(add(S, constant(-1)), add(S, constant(1)));
    assertRule("parameter-square-residuals", residual, factored);
    assertRule("parameter-square-residuals", add(new PowInt(S, 2), constant(-0.25)),
        mul(add(S, constant(-0.5)), add(S, constant(0.5))));
    assertUnchanged(add(constant(-2), new PowInt(S, 2))); // sqrt(2) is not a double
    assertUnchanged(add(constant(1), new PowInt(S, 2))); // a sum of squares does not cancel
    assertUnchanged(add(constant(-1), new PowInt(Z, 2))); // z's roots are RootSplice's and RationalRoots'
    // s = 1 + 2^-30: s^2 - 1 = 2^-29 + 2^-60 exactly; s * s rounds the 2^-60 away, the factors keep it
    double s = 1 + 0x1p-30;
    double exact = 0x1p-29 + 0x1p-60;
    assertEquals(0x1p-29, DoubleEvaluator.evaluate(residual, Map.of("s", s)));
    assertEquals(exact, DoubleEvaluator.evaluate(Rewrites.apply(residual), Map.of("s", s)));
  }

  @Test
  void scaleBeforePower() {
    Expr u = add(Z, constant(-1));
    Expr third = constant(1.0 / 3);
    assertRule("scale-before-power", mul(third, new PowInt(u, 3)), mul(new PowInt(u, 2), mul(third, u)));
    assertUnchanged(mul(third, new PowInt(u, 2))); // squares keep their forms
    assertUnchanged(mul(constant(3), new PowInt(u, 3))); // |c| > 1 overflows no later either way
    // (z - 1)^3 / 3 at z = 7e102: (z - 1)^3 = 3.4e308 overflows, the value 1.1e308 does not
    Expr e = Rewrites.apply(mul(third, new PowInt(u, 3)));
    double z = 7e102;
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(mul(third, new PowInt(u, 3)), Map.of("z", z)));
    assertEquals(z * z / 3 * z, DoubleEvaluator.evaluate(e, Map.of("z", z)), 1e-15 * (z * z / 3 * z));
  }

  @Test
  void constantsComeOutOfRoots() {
    Expr u = add(Z, constant(1));
    Expr abs = call(Fn.ABS, u);
    assertRule("constants-out-of-roots", call(Fn.SQRT, mul(constant(2), abs)),
        mul(constant(Math.sqrt(2)), call(Fn.SQRT, abs)));
    assertRule("constants-out-of-roots", call(Fn.SQRT, mul(constant(-4), Z)),
        mul(constant(2), call(Fn.SQRT, new Expr.Neg(Z))));
    // 2 z - 1 = 2 (z - 1/2), the shift exact
    assertRule("constants-out-of-roots", call(Fn.SQRT, add(constant(-1), mul(constant(2), Z))),
        mul(constant(Math.sqrt(2)), call(Fn.SQRT, add(Z, constant(-0.5)))));
    assertUnchanged(call(Fn.SQRT, add(constant(1), mul(constant(3), Z)))); // 1/3 is not exact
    assertUnchanged(call(Fn.SQRT, add(constant(1), mul(constant(0.5), Z)))); // c < 1 overflows no sooner
    assertUnchanged(call(Fn.SQRT, mul(Z, S)));
    // the whole pass: sqrt(2 |z + 1|) at z = -1.7e308 is 1.84e154, not Infinity
    double z = -1.7e308;
    Expr plain = call(Fn.SQRT, mul(constant(2), abs));
    assertEquals(Double.POSITIVE_INFINITY, DoubleEvaluator.evaluate(plain, Map.of("z", z)));
    double exact = Math.sqrt(2) * Math.sqrt(-z - 1);
    assertEquals(exact, DoubleEvaluator.evaluate(Rewrites.apply(plain), Map.of("z", z)), 1e-15 * exact);
  }

  @Test
  void squaresOfZComeOutOfRoots() {
    // sqrt(a z z) overflows inside the root for |z| > 1.3e154 where the root is of size |z|
    Expr a = add(constant(1), new Div(S, Z));
    Expr abs = call(Fn.ABS, Z);
    assertRule("squares-out-of-roots", call(Fn.SQRT, mul(a, Z, Z)), mul(call(Fn.SQRT, a), abs));
    assertRule("squares-out-of-roots", call(Fn.SQRT, mul(a, Z, Z, Z)), mul(call(Fn.SQRT, mul(a, Z)), abs));
    assertUnchanged(call(Fn.SQRT, mul(a, Z))); // one z: the root is of size sqrt|z|
    // under a branch (a rational tail: |z| <= 1 ? near : far), a root on each branch
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, abs, constant(1));
    assertRule("squares-out-of-roots", call(Fn.SQRT, new Expr.Cond(small, a, mul(a, Z, Z))),
        new Expr.Cond(small, call(Fn.SQRT, a), mul(call(Fn.SQRT, a), abs)));
    // the whole pass: at z = -1.5e154 with a = 4 the root is 3e154 (exact), not Infinity
    Expr root = Rewrites.apply(call(Fn.SQRT, mul(constant(4), new PowInt(Z, 2))));
    assertEquals(3e154, DoubleEvaluator.evaluate(root, Map.of("z", -1.5e154)), 1e-15 * 3e154);
  }

  @Test
  void testsOfASignAreWrittenOnTheFactorsThatDecideIt() {
    // the gated Welsch mode's energy gap e^u expm1(4z/9): 0 at z = -8.4e7 (e^u underflows) and
    // at z = -4.9e-324 (expm1 of a subnormal rounds to -0), where its sign is that of z
    Expr u = new Neg(mul(Z, Z));
    Expr gap = mul(constant(4.0 / 9.0), Z);
    Expr product = mul(exp(u), call(Fn.EXPM1, gap));
    Expr mode = new Expr.Cond(new Compare(Op.GT, product, constant(0)), constant(1), constant(0));
    assertRule("exact-sign-tests", mode, new Expr.Cond(new Compare(Op.GT, gap, constant(0)), constant(1), constant(0)));
    assertEquals(0.0, DoubleEvaluator.evaluate(mode, Map.of("z", 4.9e-324)), "as written: expm1 rounds to 0, the test fails");
    for (double z : new double[] {-8.4e7, -4.9e-324, 4.9e-324, 8.4e7}) {
      assertEquals(z > 0 ? 1.0 : 0.0, DoubleEvaluator.evaluate(Rewrites.apply(mode), Map.of("z", z)), "z = " + z);
    }
    assertEquals(0.0, DoubleEvaluator.evaluate(mode, Map.of("z", 8.4e7)), "as written: e^u underflows, the test fails");
    // a negative constant flips the sign, a quotient by an exponential keeps it
    assertRule("exact-sign-tests",
        new Expr.Cond(new Compare(Op.GE, new Div(mul(constant(-2), S), exp(Z)), constant(0)), Z, S),
        new Expr.Cond(new Compare(Op.GE, new Neg(S), constant(0)), Z, S));
    // the Yat gated mode's gap 4 z z z / (z z z z + 4): the product underflows from |z| = 1e-103
    // on (a tie, z/2, where the mode is z); the test is on z alone, the sum positive by its terms
    Expr cubic = new Div(mul(mul(mul(constant(4), Z), Z), Z), add(mul(mul(mul(Z, Z), Z), Z), constant(4)));
    Expr yat = new Expr.Cond(new Compare(Op.GT, cubic, constant(0)), constant(1), constant(0));
    assertRule("exact-sign-tests", yat, new Expr.Cond(new Compare(Op.GT, Z, constant(0)), constant(1), constant(0)));
    assertEquals(0.0, DoubleEvaluator.evaluate(yat, Map.of("z", 1e-120)), "as written: the product underflows");
    // two factors of unknown sign left: their signs multiplied (the product of s and z underflows)
    Expr two = new Expr.Cond(new Compare(Op.GT, mul(constant(3), S, Z), constant(0)), constant(1), constant(0));
    Expr signs = Rewrites.apply(two, List.of(Rewrites.rule("exact-sign-tests")));
    assertEquals(1.0, DoubleEvaluator.evaluate(signs, Map.of("z", 1e-200, "s", 1e-200)));
    assertEquals(0.0, DoubleEvaluator.evaluate(signs, Map.of("z", -1e-200, "s", 1e-200)));
    assertEquals(0.0, DoubleEvaluator.evaluate(two, Map.of("z", 1e-200, "s", 1e-200)), "as written: the product underflows");
    // not a comparison with 0, or nothing positive by construction: as written
    assertUnchanged(new Expr.Cond(new Compare(Op.GT, product, constant(1)), Z, S));
    assertUnchanged(new Expr.Cond(new Compare(Op.GT, mul(S, Z), constant(0)), Z, S));
    assertRule("equal-branches", new Expr.Cond(new Compare(Op.GT, S, constant(0)), Z, Z), Z);
  }

  @Test
  void kinkTestsAreBoundsOnZ() {
    // Max[0, Abs[(z-mu)/a] - a] at the centre -1: the kink's test -a + |1 + z| / |a| <= 0, at a = 1
    // true at z = 5.2e-182 (|1 + z| rounds to 1) where the point lies beyond the kink at 0
    Var a = new Var("a");
    Expr kink = add(new Neg(a), new Div(call(Fn.ABS, add(constant(1), Z)), call(Fn.ABS, a)));
    Expr inside = new Expr.Cond(new Compare(Op.GE, constant(0), kink), constant(0), constant(1));
    Expr solved = Rewrites.apply(inside, List.of(Rewrites.rule("kinks-on-z")));
    assertFalse(solved.equals(inside), "the rule applies");
    assertEquals(0.0, DoubleEvaluator.evaluate(inside, Map.of("z", 5.2e-182, "a", 1.0)), "as written");
    for (double z : new double[] {5.2e-182, -5.2e-182, 1e-17, -1e-17, -2 - 1e-15, -2 + 1e-15, -1, 3}) {
      double expected = z > 0 || z < -2 ? 1.0 : 0.0; // |1 + z| <= 1 exactly for -2 <= z <= 0
      assertEquals(expected, DoubleEvaluator.evaluate(solved, Map.of("z", z, "a", 1.0)), "z = " + z);
    }
    // the strict complement, and a = 2: |1 + z| > 4 for z < -5 or z > 3
    Expr outside = new Expr.Cond(new Compare(Op.GT, kink, constant(0)), constant(1), constant(0));
    Expr solvedOutside = Rewrites.apply(outside, List.of(Rewrites.rule("kinks-on-z")));
    for (double z : new double[] {-5.000001, -4.999999, 2.999999, 3.000001}) {
      assertEquals(z < -5 || z > 3 ? 1.0 : 0.0, DoubleEvaluator.evaluate(solvedOutside, Map.of("z", z, "a", 2.0)), "z = " + z);
    }
    // no offset (|z| <= c is exact already) or z inside a product: as written
    assertUnchanged(new Expr.Cond(new Compare(Op.LE, add(new Neg(a), call(Fn.ABS, Z)), constant(0)), Z, S));
    assertUnchanged(new Expr.Cond(new Compare(Op.LE, add(new Neg(a), mul(Z, call(Fn.ABS, add(constant(1), Z)))), constant(0)), Z, S));
  }

  @Test
  void exponentialSumQuotientsAreScaledBeyondTheOverflow() {
    Expr quotient = new Div(S, add(constant(1), exp(Z), exp(mul(constant(2), Z))));
    Expr once = Rewrites.apply(quotient);
    assertEquals(once, Rewrites.apply(once), "a fixed point");
    // s/(1 + e^z + e^2z) at z = 400 is about s e^-800: 0 as written (Inf in the denominator);
    // so take s = 1e300: 3.6678745841776872135e-48 (mpmath)
    assertEquals(3.6678745841776872135e-48, DoubleEvaluator.evaluate(once, Map.of("z", 400.0, "s", 1e300)), 1e-13 * 3.67e-48);
    assertEquals(0.0, DoubleEvaluator.evaluate(quotient, Map.of("z", 400.0, "s", 1e300)));
    // below the overflow: bit for bit the quotient as written
    assertEquals(DoubleEvaluator.evaluate(quotient, Map.of("z", 3.0, "s", 1.7)), DoubleEvaluator.evaluate(once, Map.of("z", 3.0, "s", 1.7)));
    assertUnchanged(new Div(S, add(constant(2), exp(Z), exp(mul(constant(2), Z))))); // not 1 + exps
  }

  @Test
  void passIsIdempotentOnRandomTrees() {
    for (long seed = 0; seed < 300; seed++) {
      Expr e = new RandomExprs(seed).next(5);
      Expr once = Rewrites.apply(e);
      assertEquals(once, Rewrites.apply(once), "seed " + seed);
    }
  }

  @Test
  void exactRulesKeepBitsOnRandomTrees() {
    List<Rewrites.Rule> exact = List.of(Rewrites.rule("fold-constants"),
        Rewrites.rule("drop-multiplicative-one"), Rewrites.rule("double-negation"),
        Rewrites.rule("times-minus-one"), Rewrites.rule("negative-power"));
    Random random = new Random(7);
    for (long seed = 0; seed < 300; seed++) {
      Expr e = new RandomExprs(seed).next(5);
      Expr r = Rewrites.apply(e, exact);
      for (int i = 0; i < 20; i++) {
        Map<String, Double> env =
            Map.of("z", RandomExprs.point(random), "s", RandomExprs.point(random));
        assertEquals(Double.doubleToLongBits(DoubleEvaluator.evaluate(e, env)),
            Double.doubleToLongBits(DoubleEvaluator.evaluate(r, env)), "seed " + seed + " " + env);
      }
    }
  }
}
