package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Repairs that keep intermediates inside the double range: {@link ParameterQuotients}, {@link
 * Repairs#guardVanishing}, {@link TinyFactors}.
 */
class RangeRepairsTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");

  @Test
  void productsOfParametersLeavingTheRangeAreDividedOneAtATimeThereOnly() {
    // the Gaussian scale class's forms: tanh(z / s^2), tanh'(z (1/s^2)) (1/s^2) and
    // -(guarded 8 r+ r- / s^3) z with r+- = logistic(+-2 z / s^2)
    Expr value = Call.of(Fn.TANH, new Div(Z, new PowInt(S, 2)));
    Expr reciprocal = new Div(Const.of(1.0), new PowInt(S, 2));
    Expr derivative = new Mul(List.of(Call.of(Fn.TANH_PRIME, new Mul(List.of(Z, reciprocal))), reciprocal));
    Expr x = new Mul(List.of(Const.of(2.0), reciprocal, Z));
    Expr r = new Mul(List.of(Call.of(Fn.LOGISTIC, x), Call.of(Fn.LOGISTIC, new Neg(x))));
    Expr guardedR = new Cond(new Expr.Test.Compare(Expr.Test.Op.EQ, r, Const.of(0.0)), Const.of(0.0),
        new Mul(List.of(Const.of(8.0), r)));
    Expr dS = new Neg(new Mul(List.of(new Div(guardedR, new PowInt(S, 3)), Z)));
    Expr v = ParameterQuotients.guarded(value, Set.of("s"));
    Expr d = ParameterQuotients.guarded(derivative, Set.of("s"));
    Expr p = ParameterQuotients.guarded(dS, Set.of("s"));
    // at s = 1e-170, s^2 underflows to 0: the forms as chosen are NaN there
    assertTrue(Double.isNaN(eval(value, 0.0, 1e-170)), "the product form is 0/0 there");
    assertTrue(Double.isNaN(eval(derivative, 1.0, 1e-170)), "0 * Inf there");
    assertTrue(Double.isNaN(eval(dS, 1e-100, 1e-170)), "Inf * 0 there");
    assertEquals(0.0, eval(v, 0.0, 1e-170));
    assertEquals(1.0, eval(v, 1e-300, 1e-170)); // z / s^2 = 1e40
    assertEquals(Double.POSITIVE_INFINITY, eval(d, 0.0, 1e-170)); // exact 1e340
    assertEquals(0.0, eval(d, 1.0, 1e-170)); // exact sech(1e340)^2 * 1e340 = 0
    assertEquals(0.0, eval(v, 1.0, 1e170)); // 1 / 1e340 underflows: tanh of it is 0 (exact 1e-340)
    assertEquals(0.0, Math.abs(eval(p, 1e-100, 1e-170))); // exact -8 e^(-2e240)... = 0
    assertEquals(0.0, Math.abs(eval(p, 0.0, 1e-170)));
    // s = 1e-120: 2 / s^3 overflows, the product with z = 1e-300 does not (exact -2e60)
    assertEquals(-2e60, eval(p, 1e-300, 1e-120), 1e-15 * 2e60);
    // inside the range the forms compute exactly what they computed (bit for bit), including the
    // exact zeros; NaN compares equal to itself here
    for (double s : new double[] {1e-150, 0.3, 1.0, 7.5, 1e100}) {
      for (double z : new double[] {-2.5, -0.0, 0.0, 1e-300, 0.01, 1.0, Double.MAX_VALUE}) {
        assertEquals(eval(value, z, s), eval(v, z, s));
        assertEquals(eval(derivative, z, s), eval(d, z, s));
        if (s > 1e-100) assertEquals(eval(dS, z, s), eval(p, z, s));
      }
    }
    // z is no parameter: its powers are left alone
    Expr inZ = new Div(S, new PowInt(Z, 2));
    assertEquals(inZ, ParameterQuotients.guarded(inZ, Set.of("s")));
  }

  private static double eval(Expr e, double z, double s) {
    return DoubleEvaluator.evaluate(e, Map.of("z", z, "s", s));
  }

  @Test
  void aPowerOverASumHoldingItIsItsLimitWherePowersOverflow() {
    // u^p (p / u) (1 / (1 + u^p)) and (u^p - v^p) (1 / (1 + u^p)), u = 1 + z, v = z - 1: the
    // derivative of Log[1+Abs[z-mu]^p]'s signed mean holds both; with p = 2.39 at z = 1.5e137 the
    // powers overflow: Inf * 0 = NaN
    Var p = new Var("p");
    Expr u = new Expr.Add(List.of(Const.of(1.0), Z));
    Expr pu = Call.of(Fn.POW, u, p);
    Expr r = new Div(Const.of(1.0), new Expr.Add(List.of(Const.of(1.0), pu)));
    Expr ratio = new Mul(List.of(pu, new Div(p, u), r));
    // the energies' difference u^p - v^p, about 2p z^(p-1), is computed in log form and finite
    // where both powers overflow: here a variable d stands for it
    Expr difference = new Mul(List.of(new Var("d"), r));
    Expr a = PowerRatios.apply(ratio);
    Expr b = PowerRatios.apply(difference);
    Map<String, Double> far = Map.of("z", 1.5e137, "p", 2.39, "d", 4.8e180);
    assertTrue(Double.isNaN(DoubleEvaluator.evaluate(ratio, far)));
    assertEquals(0.0, DoubleEvaluator.evaluate(difference, far)); // exact about 1.2e-147
    assertEquals(2.39 / 1.5e137, DoubleEvaluator.evaluate(a, far), 1e-15 * 2.39 / 1.5e137);
    double exact = Math.exp(Math.log(4.8e180) - 2.39 * Math.log(1.5e137));
    assertEquals(exact, DoubleEvaluator.evaluate(b, far), 1e-13 * exact);
    // where the powers are finite, the same bits
    for (double z : new double[] {-3.0, 0.5, 2.0, 1e10, 1e100}) {
      for (double q : new double[] {0.5, 1.5, 2.39}) {
        Map<String, Double> at = Map.of("z", z, "p", q, "d", -z);
        assertEquals(DoubleEvaluator.evaluate(ratio, at), DoubleEvaluator.evaluate(a, at));
        assertEquals(DoubleEvaluator.evaluate(difference, at), DoubleEvaluator.evaluate(b, at));
      }
    }
  }

  @Test
  void aPowerDifferenceThatOverflowsItselfIsDividedInLogForm() {
    // (u^p - v^p) / (1 + v^p) with the difference in log form, signum(d) exp(L): Log[1+Abs[z-mu]^p]'s
    // signed mean at p = 7.46, z = -1e50, where the difference (about 1e343) overflows too; its
    // logarithm L is finite, log|exp(L)| is not (the value was NaN)
    Var p = new Var("p");
    Var b = new Var("b");
    Expr power = Call.of(Fn.POW, b, p);
    Expr difference = new Mul(List.of(Call.of(Fn.SIGNUM, new Var("d")), Call.of(Fn.EXP, new Var("L"))));
    Expr quotient = new Mul(List.of(difference, new Div(Const.of(1.0), new Expr.Add(List.of(Const.of(1.0), power)))));
    Expr guarded = PowerRatios.apply(quotient);
    Map<String, Double> far = Map.of("b", 1e50, "p", 7.46, "d", -1.0, "L", 790.0);
    double exact = -Math.exp(790.0 - 7.46 * Math.log(1e50));
    assertEquals(exact, DoubleEvaluator.evaluate(guarded, far), 1e-12 * Math.abs(exact));
    // log|F| of an F that holds no exponential is what it was
    assertEquals(Call.of(Fn.LOG, Call.of(Fn.ABS, Z)), PowerRatios.logAbs(Z));
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

  @Test
  void aSubnormalFactorIsSplitIntoNormalHalvesThereOnly() {
    // dS of the Gaussian entropy with a free scale: -(-8 r(u) r(-u) / s^5) z z with u = 2 z / s^2
    // (here a variable); at s = 0.331, z = 40, u = -729 the logistic is a subnormal of ~22 bits
    Var u = new Var("u");
    Expr pair = new Mul(List.of(Const.of(-8.0), Call.of(Fn.LOGISTIC, u), Call.of(Fn.LOGISTIC, new Neg(u))));
    Expr dS = new Neg(new Mul(List.of(new Div(pair, new PowInt(S, 5)), Z, Z)));
    Expr split = TinyFactors.apply(dS);
    double s = 0.33130861934729194;
    double z = 39.98306544195067;
    double x = -2 * z / (s * s);
    // the exact value of 8 z^2 / s^5 e^x / (1 + e^x)^2 for these doubles, at 40 digits (apfloat)
    org.apfloat.Apfloat ex = org.apfloat.ApfloatMath.exp(new org.apfloat.Apfloat(x, 40));
    org.apfloat.Apfloat one = new org.apfloat.Apfloat(1, 40);
    org.apfloat.Apfloat zz = new org.apfloat.Apfloat(z, 40);
    double exact = new org.apfloat.Apfloat(8, 40).multiply(zz).multiply(zz).multiply(ex)
        .divide(one.add(ex).multiply(one.add(ex))).divide(org.apfloat.ApfloatMath.pow(new org.apfloat.Apfloat(s, 40), 5))
        .doubleValue();
    Map<String, Double> at = Map.of("z", z, "s", s, "u", x);
    double floor = 1e-10 * Double.MIN_NORMAL; // the contract below MIN_NORMAL
    assertTrue(Math.abs(DoubleEvaluator.evaluate(dS, at) - exact) > floor, "the plain product misses there");
    assertEquals(exact, DoubleEvaluator.evaluate(split, at), floor);
    assertEquals(exact, DoubleEvaluator.evaluate(split, Map.of("z", z, "s", s, "u", -x)), floor);
    // a normal factor (e^-708) whose partial product with 1/s^5 (s = 1000) is subnormal before z z
    // lifts it: split too, below sqrt(MIN_NORMAL)
    Map<String, Double> partial = Map.of("z", 3.54e8, "s", 1000.0, "u", -708.0);
    org.apfloat.Apfloat e708 = org.apfloat.ApfloatMath.exp(new org.apfloat.Apfloat(-708, 40));
    double exactPartial = new org.apfloat.Apfloat(8, 40).multiply(new org.apfloat.Apfloat(3.54e8, 40)).multiply(new org.apfloat.Apfloat(3.54e8, 40))
        .multiply(e708).divide(one.add(e708).multiply(one.add(e708))).divide(org.apfloat.ApfloatMath.pow(new org.apfloat.Apfloat(1000, 40), 5))
        .doubleValue();
    assertTrue(Math.abs(DoubleEvaluator.evaluate(dS, partial) - exactPartial) > 1e-10 * Math.abs(exactPartial), "the plain product misses there");
    assertEquals(exactPartial, DoubleEvaluator.evaluate(split, partial), 1e-14 * Math.abs(exactPartial));
    // where the factor is at least sqrt(MIN_NORMAL), the same bits
    for (double v : new double[] {-350.0, -30.0, -0.5, 0.0, 3.0, 700.0}) {
      Map<String, Double> there = Map.of("z", 1.5, "s", 0.7, "u", v);
      assertEquals(DoubleEvaluator.evaluate(dS, there), DoubleEvaluator.evaluate(split, there));
    }
    // tanh'(x) times a cofactor: 4 e^-2|x| split as (4 c e^-|x|) e^-|x| beyond |x| = 177.8
    Expr tp = new Mul(List.of(new Div(Call.of(Fn.TANH_PRIME, u), new PowInt(S, 5)), Z));
    Expr tpSplit = TinyFactors.apply(tp);
    double exactTp = new org.apfloat.Apfloat(4 * 1.5, 40).multiply(org.apfloat.ApfloatMath.exp(new org.apfloat.Apfloat(-2 * 365.25, 40)))
        .divide(org.apfloat.ApfloatMath.pow(new org.apfloat.Apfloat(1e-3, 40), 5)).doubleValue();
    Map<String, Double> far = Map.of("z", 1.5, "s", 1e-3, "u", 365.25);
    assertTrue(Math.abs(DoubleEvaluator.evaluate(tp, far) - exactTp) > 1e-10 * Math.abs(exactTp), "the plain product misses there");
    assertEquals(exactTp, DoubleEvaluator.evaluate(tpSplit, far), 1e-14 * Math.abs(exactTp));
    // a factor alone is left as it is: nothing to multiply first
    Expr alone = Call.of(Fn.LOGISTIC, u);
    assertEquals(alone, TinyFactors.apply(alone));
  }

  @Test
  void aSubnormalTanhPrimeTimesPowersOfZIsSplitWithThePowersBetweenTheHalves() {
    // the Gaussian gated variance z^2 tanh'(z)/4 (one pass for values, derivatives and parameter
    // derivatives; it was a separate rewrite with a fixed threshold 350)
    Expr product = new Mul(List.of(Const.of(0.25), Call.of(Fn.TANH_PRIME, Z), Z, Z));
    Expr split = TinyFactors.apply(product);
    assertEquals(split, TinyFactors.apply(split), "a fixed point");
    // z^2 tanh'(z)/4 at z = -360 is 2.6337711199418839261e-308 (mpmath, 60 digits); tanh'(-360) is subnormal
    double exact = 2.6337711199418839261e-308;
    assertTrue(Math.abs(eval(product, -360.0, 1) - exact) > 1e-12 * exact, "the plain product misses there");
    assertEquals(exact, eval(split, -360.0, 1), 1e-14 * exact);
    // at z = 1e200 the half e^-|z| is 0 and z z overflows: the half first gives 0 (exact e^-2e200 1e400)
    assertEquals(0.0, eval(split, 1e200, 1));
    assertEquals(0.0, eval(split, -Double.MAX_VALUE, 1));
    // where tanh'(z) >= sqrt(MIN_NORMAL), bit for bit the product
    for (double z : new double[] {-177.0, -3.0, -0.0, 1e-300, 0.5, 20.0, 177.5}) {
      assertEquals(eval(product, z, 1), eval(split, z, 1), "z = " + z);
    }
  }

  @Test
  void theThresholdsComeFromTheDoubleFormat() {
    // e^u below sqrt(MIN_NORMAL) exactly beyond the bound; tanh'(x) = 4 e^-2|x| likewise
    double u = TinyFactors.LOG_SQRT_MIN_NORMAL;
    double root = Math.sqrt(Double.MIN_NORMAL);
    assertTrue(Math.exp(u - 1e-9) < root && Math.exp(u + 1e-9) > root);
    double x = TinyFactors.TANH_PRIME_SMALL;
    assertTrue(4 * Math.exp(-2 * (x + 1e-9)) < root && 4 * Math.exp(-2 * (x - 1e-9)) > root);
  }

  @Test
  void aQuotientOverASquaredSumOfExponentialsIsScaledWhereTheSquareOverflows() {
    // -(c1 e^a + c2 e^b) / (1 + e^a + e^b)^2 with a = z, b = z - 1: the shape of a responsibility's
    // derivative among three hypotheses (|z - mu|^(3/2) at three prototypes, where the gaps grow)
    Expr a = Z;
    Expr b = new Expr.Add(List.of(Z, Const.of(-1.0)));
    Expr ea = Call.of(Fn.EXP, a);
    Expr eb = Call.of(Fn.EXP, b);
    Expr sum = new Expr.Add(List.of(Const.of(1.0), ea, eb));
    Expr numerator = new Expr.Add(List.of(new Mul(List.of(Const.of(1.5), ea, Const.of(0.25))),
        new Neg(new Mul(List.of(Const.of(3.0), eb)))));
    Expr quotient = new Neg(new Div(numerator, new PowInt(sum, 2)));
    Expr scaled = ExpSumQuotients.scale(quotient);
    // exact: -(0.375 - 3/e) e^-z / (e^-z + 1 + 1/e)^2
    java.util.function.DoubleUnaryOperator exact = z -> {
      double k = -(0.375 - 3 / Math.E) / Math.pow(1 + 1 / Math.E, 2);
      return k * Math.exp(-z);
    };
    assertEquals(0.0, eval(quotient, 600, 1), "as written the square overflows: 0, exact ~1e-261");
    assertTrue(Double.isNaN(eval(quotient, 720, 1)), "and the numerator too: Inf / Inf");
    for (double z : new double[] {360, 600, 700}) {
      double e = exact.applyAsDouble(z);
      assertEquals(e, eval(scaled, z, 1), 1e-13 * Math.abs(e), "z = " + z);
    }
    assertEquals(0.0, eval(scaled, 800, 1), 1e-320, "underflowed for good, not NaN");
    for (double z : new double[] {-3, 0.5, 10, 300}) {
      assertEquals(eval(quotient, z, 1), eval(scaled, z, 1), "below the threshold: the same bits, z = " + z);
    }
    assertEquals(scaled, ExpSumQuotients.scale(scaled), "scaled once");
  }

  @Test
  void whereTheGapsThemselvesOverflowTheQuotientOverASquaredSumIsZeroNotNaN() {
    // (z^64 e^a + z^64 e^b) / (1 + e^a + e^b)^2 with a = s z^3, b = 2 s z^3: at z = 1e103 the
    // exponents overflow to s * Infinity and z^64 to Infinity, while the truth is about
    // z^64 e^-|a|, far below the subnormals (the three-prototype |z - mu|^p at p = 5.64)
    for (double s : new double[] {1, -1}) {
      Expr cube = new Mul(List.of(Const.of(s), new PowInt(Z, 3)));
      Expr a = cube;
      Expr b = new Mul(List.of(Const.of(2.0), cube));
      Expr ea = Call.of(Fn.EXP, a);
      Expr eb = Call.of(Fn.EXP, b);
      Expr big = new PowInt(Z, 64);
      Expr sum = new Expr.Add(List.of(Const.of(1.0), ea, eb));
      Expr numerator = new Expr.Add(List.of(new Mul(List.of(ea, big)), new Mul(List.of(eb, big))));
      Expr quotient = new Div(numerator, new PowInt(sum, 2));
      Expr scaled = ExpSumQuotients.scale(quotient);
      assertTrue(Double.isNaN(eval(quotient, 1e103, 1)), "as written: 0 * Inf or Inf / Inf, s = " + s);
      assertEquals(0.0, eval(scaled, 1e103, 1), "s = " + s);
      assertTrue(Double.isNaN(eval(scaled, Double.NaN, 1)), "NaN still propagates, s = " + s);
      for (double z : new double[] {-3, 0.5, 2, 5}) {
        assertEquals(eval(quotient, z, 1), eval(scaled, z, 1), "where nothing overflows: the same bits, z = " + z);
      }
    }
  }
}
