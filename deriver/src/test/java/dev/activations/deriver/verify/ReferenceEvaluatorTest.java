package dev.activations.deriver.verify;

import static dev.activations.deriver.verify.Oracle.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference evaluator against closed forms worked out by hand for the definitions of docs/DESIGN.md
 * ("Statistics") (evaluated with apfloat's own functions, or exactly as rationals), plus its invariants,
 * kinks, and input checks.
 */
class ReferenceEvaluatorTest {

  private static final String GAUSS = "(z-mu)^2/2";
  private static final String SIGNED = "1:1,-1:-1";
  private static final String GATED = "1:z,-1:0";
  private static final int DIGITS = 38;

  private static ReferenceEvaluator ev(String energy, String hyps, String stat) {
    return new ReferenceEvaluator(Definition.of(energy, hyps, stat));
  }

  // ------------------------------------------------------------------ closed forms (Gaussian, signed)

  @ParameterizedTest
  @ValueSource(strings = {"-30", "-2.5", "-0.001", "0.7", "3", "17.25"})
  void signedGaussianResponsibilitiesAreLogistic2z(String zs) {
    // r_+ = e^{-(z-1)^2/2} / (e^{-(z-1)^2/2} + e^{-(z+1)^2/2}) = 1 / (1 + e^{-2z}) = logistic(2z)
    Apfloat z = Oracle.of(zs);
    Apfloat two = new Apfloat(2, Oracle.DIGITS);
    ReferencePoint r = ev(GAUSS, SIGNED, "responsibilities").evaluate(new BigDecimal(zs));
    assertClose("r+", Oracle.logistic(two.multiply(z)), r.values().get(0), DIGITS);
    assertClose("r-", Oracle.logistic(two.multiply(z).negate()), r.values().get(1), DIGITS);
    // d r_+/dz = 2 logistic(2z) logistic(-2z)
    Apfloat d = two.multiply(Oracle.logistic(two.multiply(z))).multiply(Oracle.logistic(two.multiply(z).negate()));
    assertClose("r+'", d, r.derivatives().get(0).orElseThrow(), DIGITS);
    assertClose("r-'", d.negate(), r.derivatives().get(1).orElseThrow(), DIGITS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-40", "-1", "0.5", "30"})
  void signedGaussianLogResponsibilities(String zs) {
    // log r_+ = -log(1 + e^{-2z}), log r_- = -2z - log(1 + e^{-2z}); at z = 30, log r_+ = -8.8e-27
    Apfloat z = Oracle.of(zs);
    Apfloat l = org.apfloat.ApfloatMath.log(Oracle.one().add(Oracle.exp(z.multiply(new Apfloat(-2, Oracle.DIGITS)))));
    ReferencePoint r = ev(GAUSS, SIGNED, "log-responsibilities").evaluate(new BigDecimal(zs));
    assertClose("log r+", l.negate(), r.values().get(0), DIGITS);
    assertClose("log r-", l.add(z.multiply(new Apfloat(2, Oracle.DIGITS))).negate(), r.values().get(1), DIGITS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-12", "-0.3", "0", "1e-20", "2", "40"})
  void signedGaussianVarianceIsSechSquared(String zs) {
    // mean = tanh z, values +-1: variance = 1 - tanh^2 z
    Apfloat t = Oracle.tanh(Oracle.of(zs));
    ReferencePoint r = ev(GAUSS, SIGNED, "variance").evaluate(new BigDecimal(zs));
    assertClose("variance", Oracle.one().subtract(t.multiply(t)), r.values().get(0), DIGITS);
    // d/dz (1 - tanh^2) = -2 tanh (1 - tanh^2)
    Apfloat d = new Apfloat(-2, Oracle.DIGITS).multiply(t).multiply(Oracle.one().subtract(t.multiply(t)));
    assertClose("variance'", d, r.derivatives().get(0).orElseThrow(), DIGITS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-7", "-1e-3", "0.9", "15"})
  void signedGaussianFreeEnergy(String zs) {
    // F = -log(e^{-(z-1)^2/2} + e^{-(z+1)^2/2}) = (z^2 + 1)/2 - log(2 cosh z); F' = z - tanh z
    Apfloat z = Oracle.of(zs);
    Apfloat half = new Apfloat("0.5", Oracle.DIGITS);
    Apfloat f = z.multiply(z).add(Oracle.one()).multiply(half)
        .subtract(org.apfloat.ApfloatMath.log(new Apfloat(2, Oracle.DIGITS).multiply(org.apfloat.ApfloatMath.cosh(z))));
    ReferencePoint r = ev(GAUSS, SIGNED, "free-energy").evaluate(new BigDecimal(zs));
    assertClose("F", f, r.values().get(0), DIGITS);
    assertClose("F'", z.subtract(Oracle.tanh(z)), r.derivatives().get(0).orElseThrow(), DIGITS);
  }

  @Test
  void signedGaussianMeanIsTanhAtTheExtremesOfTheDoubleRange() {
    ReferenceEvaluator ev = ev(GAUSS, SIGNED, "mean");
    // tanh z = z - z^3/3 + ...: at 1e-300 the value is z to far more than 40 digits (the energies
    // differ by 2e-300 only, which the evaluator must resolve)
    ReferencePoint tiny = ev.evaluate(1e-300);
    assertClose("tanh(1e-300)", new BigDecimal(1e-300), tiny.values().get(0), DIGITS);
    assertClose("tanh'(1e-300)", BigDecimal.ONE, tiny.derivatives().get(0).orElseThrow(), DIGITS);
    // tanh 300 = 1 - 2e^-600 (the double is 1); tanh' 300 = 4e^-600 / (1 + e^-600)^2, a normal double
    ReferencePoint big = ev.evaluate(300);
    assertEquals(1.0, big.value(0));
    Apfloat d = new Apfloat(4, Oracle.DIGITS).multiply(Oracle.exp(Oracle.of("-600")));
    assertClose("tanh'(300)", d, big.derivatives().get(0).orElseThrow(), DIGITS);
    assertEquals(-1.0, ev.evaluate(-Double.MAX_VALUE).value(0));
  }

  // ------------------------------------------------------------------ other kernels and options

  @ParameterizedTest
  @ValueSource(strings = {"-3.5", "-0.25", "0", "1.5", "2", "1e6", "1e300"})
  void studentTMeanIsTheRationalOfDesignTable(String zs) {
    // 2 log(1 + (z-mu)^2/3), signed: mean = 4z(z^2+4)/(z^4+12z^2+16), exactly, with derivative
    // ((12z^2+16)(z^4+12z^2+16) - (4z^3+16z)(4z^3+24z)) / (z^4+12z^2+16)^2
    BigDecimal z = new BigDecimal(zs);
    MathContext mc = new MathContext(120);
    BigDecimal z2 = z.multiply(z);
    BigDecimal num = z.multiply(z2.add(BigDecimal.valueOf(4))).multiply(BigDecimal.valueOf(4));
    BigDecimal den = z2.multiply(z2).add(z2.multiply(BigDecimal.valueOf(12))).add(BigDecimal.valueOf(16));
    BigDecimal dNum = z2.multiply(BigDecimal.valueOf(12)).add(BigDecimal.valueOf(16)).multiply(den)
        .subtract(z.multiply(z2).multiply(BigDecimal.valueOf(4)).add(z.multiply(BigDecimal.valueOf(16)))
            .multiply(z.multiply(z2).multiply(BigDecimal.valueOf(4)).add(z.multiply(BigDecimal.valueOf(24)))));
    ReferencePoint r = ev("2*Log[1+(z-mu)^2/3]", SIGNED, "mean").evaluate(z);
    assertClose("mean", num.divide(den, mc), r.values().get(0), DIGITS);
    assertClose("mean'", dNum.divide(den.multiply(den), mc), r.derivatives().get(0).orElseThrow(), DIGITS);
  }

  @Test
  void gatedGaussianMeanIsZLogistic2z() {
    // mean = z r_+ = z logistic(2z); derivative logistic(2z) + 2z logistic(2z) logistic(-2z)
    for (String zs : new String[] {"-20", "-1", "0.3", "4"}) {
      Apfloat z = Oracle.of(zs);
      Apfloat two = new Apfloat(2, Oracle.DIGITS);
      Apfloat s = Oracle.logistic(two.multiply(z));
      Apfloat sm = Oracle.logistic(two.multiply(z).negate());
      ReferencePoint r = ev(GAUSS, GATED, "mean").evaluate(new BigDecimal(zs));
      assertClose("mean at " + zs, z.multiply(s), r.values().get(0), DIGITS);
      assertClose("mean' at " + zs, s.add(two.multiply(z).multiply(s).multiply(sm)),
          r.derivatives().get(0).orElseThrow(), DIGITS);
    }
  }

  @Test
  void temperatureParametersAndPriors() {
    Apfloat z = Oracle.of("0.4");
    BigDecimal zd = new BigDecimal("0.4");
    // T = 1/2: mean = tanh(z / T) = tanh(2z)
    Definition base = Definition.of(GAUSS, SIGNED, "mean");
    assertClose("T", Oracle.tanh(z.multiply(new Apfloat(2, Oracle.DIGITS))),
        new ReferenceEvaluator(base.withTemperature("1/2")).values(zd).get(0), DIGITS);
    // (z-mu)^2/(2 s^2) with s = 1/2: mean = tanh(z / s^2) = tanh(4z)
    Definition scaled = new Definition("(z-mu)^2/(2*s^2)", base.hypotheses(), Map.of("s", "1/2"), "1",
        java.util.Optional.empty(), "mean");
    assertClose("s", Oracle.tanh(z.multiply(new Apfloat(4, Oracle.DIGITS))),
        new ReferenceEvaluator(scaled).values(zd).get(0), DIGITS);
    // log-prior log 3 on +1: r_+ / r_- = 3 e^{2z}, mean = tanh(z + log(3)/2)
    Definition prior = new Definition(GAUSS, Definition.parseHypotheses("1:1:Log[3],-1:-1"), Map.of(), "1",
        java.util.Optional.empty(), "mean");
    Apfloat arg = z.add(org.apfloat.ApfloatMath.log(new Apfloat(3, Oracle.DIGITS)).divide(new Apfloat(2, Oracle.DIGITS)));
    assertClose("prior", Oracle.tanh(arg), new ReferenceEvaluator(prior).values(zd).get(0), DIGITS);
  }

  @Test
  void rejectHypothesisIsABackgroundWithValueZero() {
    // energies e1 = (z-1)^2/2, e2 = (z+1)^2/2, e0 = 2: mean = (e^-e1 - e^-e2) / (e^-e1 + e^-e2 + e^-2)
    ReferenceEvaluator ev = new ReferenceEvaluator(Definition.of(GAUSS, SIGNED, "mean").withReject("2"));
    assertEquals(1, ev.outputCount());
    for (String zs : new String[] {"-3", "0.5", "2.25"}) {
      Apfloat z = Oracle.of(zs);
      Apfloat half = new Apfloat("0.5", Oracle.DIGITS);
      Apfloat w1 = Oracle.exp(z.subtract(Oracle.one()).multiply(z.subtract(Oracle.one())).multiply(half).negate());
      Apfloat w2 = Oracle.exp(z.add(Oracle.one()).multiply(z.add(Oracle.one())).multiply(half).negate());
      Apfloat w0 = Oracle.exp(new Apfloat(-2, Oracle.DIGITS));
      assertClose("reject mean at " + zs, w1.subtract(w2).divide(w1.add(w2).add(w0)), ev.values(new BigDecimal(zs)).get(0), DIGITS);
    }
    ReferenceEvaluator resp = new ReferenceEvaluator(Definition.of(GAUSS, SIGNED, "responsibilities").withReject("2"));
    assertEquals(3, resp.outputCount());
  }

  @Test
  void logisticAndExponentialKernelsAtTheFarTails() {
    // logistic energy log(1 + e^{-(z-mu)}) ~ -(z - mu) as z -> -inf: energies -z-1 (mu = -1) and
    // -z+1 (mu = 1) differ by 2, so the signed mean is -tanh(1) even at z = -1e300
    Definition logistic = Definition.of("Log[1+Exp[-(z-mu)]]", SIGNED, "mean");
    BigDecimal tanh1 = new BigDecimal("0.76159415595576488811945828260479359041276859725793");
    ReferencePoint far = new ReferenceEvaluator(logistic).evaluate(-1e300);
    assertClose("logistic at -1e300", tanh1.negate(), far.values().get(0), DIGITS);
    assertClose("logistic' at -1e300", BigDecimal.ZERO, far.derivatives().get(0).orElseThrow(), DIGITS);
    // exponential energy e^{|z-mu|}: at 1e300 the +1 hypothesis wins by a factor e^{e^1e300}
    ReferencePoint exp = new ReferenceEvaluator(Definition.of("Exp[Abs[z-mu]]", SIGNED, "mean")).evaluate(1e300);
    assertEquals(1.0, exp.value(0));
    assertClose("exponential at 1e300", BigDecimal.ONE, exp.values().get(0), DIGITS);
  }

  // ------------------------------------------------------------------ mode and kinks

  @Test
  void gatedModeIsReluWithoutDerivativeAtZero() {
    ReferenceEvaluator ev = ev(GAUSS, GATED, "mode");
    for (double z : new double[] {-5, -1e-300, 1e-300, 0.5, 1e300}) {
      ReferencePoint r = ev.evaluate(z);
      assertEquals(Math.max(z, 0), r.value(0), "relu(" + z + ")");
      assertEquals(z > 0 ? 1.0 : 0.0, r.derivative(0), "relu'(" + z + ")");
    }
    ReferencePoint zero = ev.evaluate(0.0);
    assertEquals(0.0, zero.value(0));
    assertFalse(zero.hasDerivative(0), "ReLU has a kink at 0");
    assertTrue(Double.isNaN(zero.derivative(0)));
  }

  @Test
  void signedModeIsSignAndAveragesTheTieAtZero() {
    ReferenceEvaluator ev = ev(GAUSS, SIGNED, "mode");
    assertEquals(-1.0, ev.evaluate(-Double.MIN_VALUE).value(0));
    assertEquals(1.0, ev.evaluate(Double.MIN_VALUE).value(0));
    ReferencePoint zero = ev.evaluate(0.0);
    assertEquals(0.0, zero.value(0), "tie: the average of +1 and -1");
    assertFalse(zero.hasDerivative(0), "sign jumps at 0");
    assertEquals(0.0, ev.evaluate(3).derivative(0));
  }

  @Test
  void laplaceMeanHasKinksAtPlusMinusOneOnly() {
    // Abs[z-mu], signed: mean = tanh(clamp(z, -1, 1)); slopes at 1: 1 - tanh^2(1) from the left, 0
    ReferenceEvaluator ev = ev("Abs[z-mu]", SIGNED, "mean");
    for (double z : new double[] {1, -1}) {
      ReferencePoint r = ev.evaluate(z);
      assertFalse(r.hasDerivative(0), "kink at " + z);
      assertClose("value at " + z, new BigDecimal("0.76159415595576488811945828260479359041276859725793")
          .multiply(BigDecimal.valueOf(Math.signum(z))), r.values().get(0), DIGITS);
    }
    ReferencePoint inside = ev.evaluate(Math.nextDown(1.0));
    Apfloat t = Oracle.tanh(Oracle.of(new BigDecimal(Math.nextDown(1.0))));
    assertClose("slope inside", Oracle.one().subtract(t.multiply(t)), inside.derivatives().get(0).orElseThrow(), DIGITS);
    assertEquals(0.0, ev.evaluate(Math.nextUp(1.0)).derivative(0), "flat outside");
  }

  @Test
  void huberIsDifferentiableAtItsSwitchPoints() {
    // Huber, mu = +-1, delta 1: at z = 2 both energies have slope 1, so D' = 0 and mean' = 0;
    // at z = 0 both sit on the boundary |z - mu| = 1: energies equal, mean 0, slope
    // (1 - tanh^2 0) * D'/2 with D' = e2' - e1' = 1 - (-1) = 2: mean' = 1
    ReferenceEvaluator ev = ev("Piecewise[{{(z-mu)^2/2, Abs[z-mu] <= 1}}, Abs[z-mu] - 1/2]", SIGNED, "mean");
    ReferencePoint two = ev.evaluate(2.0);
    assertTrue(two.hasDerivative(0));
    assertEquals(0.0, two.derivative(0), 1e-300);
    ReferencePoint zero = ev.evaluate(0.0);
    assertClose("huber mean'(0)", BigDecimal.ONE, zero.derivatives().get(0).orElseThrow(), DIGITS);
  }

  @Test
  void signedYatMeanIsFlatAtZero() {
    // energies -z^2/((z -+ 1)^2 + 1): their difference is z^3 + O(z^5), so the mean is
    // tanh(z^3/2 + ...) and mean'(0) = 0. The difference quotients alone take this for a jump (the
    // function is as small as h^3 there); forward differentiation gets it exactly.
    ReferenceEvaluator ev = ev("-(mu*z)^2/((z-mu)^2+1)", SIGNED, "mean");
    ReferencePoint zero = ev.evaluate(0.0);
    assertTrue(zero.hasDerivative(0));
    assertEquals(0, zero.derivatives().get(0).orElseThrow().signum());
    // mean'(1e-5) = 3 z^2 / 2 (1 + O(z^2)) = 1.5e-10
    ReferencePoint small = ev.evaluate(new BigDecimal("1e-5"));
    assertClose("yat mean'(1e-5)", new BigDecimal("1.5e-10"), small.derivatives().get(0).orElseThrow(), 9);
  }

  // ------------------------------------------------------------------ invariants

  @Test
  void responsibilitiesSumToOneAt40Digits() {
    ReferenceEvaluator ev = new ReferenceEvaluator(
        Definition.of("Log[1+(z-mu)^2]", "-2:-2,-1/2:0,1:1,3:z", "responsibilities").withReject("3/2"));
    assertEquals(5, ev.outputCount());
    for (double z : Accuracy.samplePoints()) {
      BigDecimal sum = ev.values(z).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      assertTrue(sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-40")) <= 0,
          "sum at " + z + " = " + sum);
    }
  }

  @Test
  void meanStaysInsideTheHullOfConstantValues() {
    ReferenceEvaluator five = ev(GAUSS, "-2:-2,-1:-1,0:0,1:1,2:2", "mean");
    ReferenceEvaluator priors = new ReferenceEvaluator(new Definition("Abs[z-mu]^(3/2)",
        Definition.parseHypotheses("-1:-1/3:1/2,0:0.5,2:3:-2"), Map.of(), "3/4", java.util.Optional.empty(), "mean"));
    for (double z : Accuracy.samplePoints()) {
      BigDecimal m = five.values(z).get(0);
      assertTrue(m.compareTo(BigDecimal.valueOf(-2)) >= 0 && m.compareTo(BigDecimal.valueOf(2)) <= 0, "5 protos at " + z);
      BigDecimal q = priors.values(z).get(0);
      assertTrue(q.compareTo(new BigDecimal("-0.33333333333333333333333333333333333333333334")) >= 0
          && q.compareTo(BigDecimal.valueOf(3)) <= 0, "priors at " + z + ": " + q);
    }
  }

  @Test
  void valuesAsDoublesAreCorrectlyRoundedIncludingOverflow() {
    // free energy ~ (z-1)^2/2 at z = MAX_VALUE: 1.6e616, beyond the double range
    ReferencePoint r = ev(GAUSS, SIGNED, "free-energy").evaluate(Double.MAX_VALUE);
    assertEquals(Double.POSITIVE_INFINITY, r.value(0));
    // its derivative z - 1 (the loser's weight is e^{-3.6e308}) rounds back to MAX_VALUE
    assertEquals(Double.MAX_VALUE, r.derivative(0));
    // gated mean at -800: z r_+ = -800 e^{-1600}..., far below MIN_VALUE: a negative zero
    double tiny = ev(GAUSS, GATED, "mean").evaluate(-800).value(0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tiny), "-0.0, was " + tiny);
  }

  // ------------------------------------------------------------------ input checks

  @Test
  void badDefinitionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ev("(z-m)^2", SIGNED, "mean"), "unknown symbol m");
    assertThrows(IllegalArgumentException.class, () -> ev("Sin[z-mu]", SIGNED, "mean"));
    assertThrows(IllegalArgumentException.class, () -> ev(GAUSS, "1:y,-1:-1", "mean"));
    assertThrows(IllegalArgumentException.class, () -> ev(GAUSS, SIGNED, "median"));
    assertThrows(IllegalArgumentException.class,
        () -> new ReferenceEvaluator(Definition.of(GAUSS, SIGNED, "mean").withTemperature("0")));
    assertThrows(IllegalArgumentException.class,
        () -> new ReferenceEvaluator(Definition.of(GAUSS, SIGNED, "mean").withTemperature("-1")));
    assertThrows(IllegalArgumentException.class,
        () -> new ReferenceEvaluator(Definition.of(GAUSS, SIGNED, "mean").withParameters(Map.of("z", "1"))));
    assertThrows(IllegalArgumentException.class, () -> Definition.parseHypotheses("1"));
  }

  @Test
  void nonFiniteInputsAreRejectedAndDomainErrorsReported() {
    ReferenceEvaluator ev = ev(GAUSS, SIGNED, "mean");
    assertThrows(IllegalArgumentException.class, () -> ev.evaluate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ev.evaluate(Double.POSITIVE_INFINITY));
    assertThrows(ArithmeticException.class, () -> ev("Log[z-mu]", SIGNED, "mean").evaluate(0.5));
  }

  @Test
  void outputCounts() {
    assertEquals(1, ev(GAUSS, SIGNED, "entropy").outputCount());
    assertEquals(2, ev(GAUSS, SIGNED, "log-responsibilities").outputCount());
    List<BigDecimal> v = ev(GAUSS, "-1:-1,0:0,1:1", "responsibilities").values(0.0);
    assertEquals(3, v.size());
    // at z = 0 the weights are e^{-1/2}, 1, e^{-1/2}: r_0 = 1 / (1 + 2 e^{-1/2})
    Apfloat w = Oracle.exp(Oracle.of("-0.5"));
    assertClose("r0", Oracle.one().divide(Oracle.one().add(w.multiply(new Apfloat(2, Oracle.DIGITS)))), v.get(1), DIGITS);
  }
}
