package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fast reference where one energy minus another cancels: the effective energies' differences
 * by identities ({@link HighPrecisionExpression#evalFastDifference}), {@link Fast#log1p}, and the
 * exponent floor. A log-cosh energy's mean was decided by the fast path at about 8% of its
 * verification stream (3,131 of the 10,000 points its class needs, from 40,000 drawn): far out its
 * slopes {@code tanh(z - 1)} and {@code tanh(z + 1)} differ by less than the double-double rounding
 * of either, and beyond |z| = 1e12 so do the energies.
 */
class FastDifferenceTest {
  private static final MathContext MC = new MathContext(40);

  private static Definition signed(String energy, Map<String, String> params) {
    return new Definition(energy, List.of(new HypothesisDef("1", "1", "0"), new HypothesisDef("-1", "-1", "0")),
        params, "1", Optional.empty(), "mean");
  }

  private static double rel(BigDecimal a, BigDecimal exact) {
    return a.subtract(exact).abs().divide(exact.abs().max(new BigDecimal(Double.MIN_NORMAL)), new MathContext(10)).doubleValue();
  }

  private static final double[] FAR = {
    15.5, -20, 37.25, -40, 100, -300, 380, -1e5, 1e12, -1e17, 1e20, -1e100, 1e300, -Double.MAX_VALUE, Double.MAX_VALUE};

  @Test
  void theLogCoshMeanIsDecidedFarOutAndAgreesWithTheHighPrecisionPath() {
    for (Map<String, String> a : List.of(Map.<String, String>of(), Map.of("a", "1"), Map.of("a", "3/7"), Map.of("a", "4"))) {
      Definition d = signed(a.isEmpty() ? "Log[Cosh[z-mu]]" : "Log[Cosh[(z-mu)/a]]", a);
      ReferenceEvaluator r = new ReferenceEvaluator(d);
      for (double z : FAR) {
        ContractVerification.Point fast = r.evaluateFastWithDifferences(z).orElseThrow(() -> new AssertionError(d.energy() + " " + a + ": undecided at " + z));
        ReferencePoint exact = r.evaluate(z);
        double ev = rel(fast.values()[0].value(), exact.values().get(0));
        double ed = rel(fast.derivatives()[0].value(), exact.derivatives().get(0).orElseThrow());
        assertTrue(ev <= 1e-17 && ed <= 1e-17, d.energy() + " " + a + " at " + z + ": value " + ev + ", slope " + ed);
        if (a.isEmpty()) continue;
        Accuracy.Exact[] dA = r.parameterDerivativeFastWithDifferences(z, "a").orElseThrow(() -> new AssertionError("dA undecided at " + z + " " + a));
        BigDecimal exactA = r.parameterDerivative(z, "a").orElseThrow()[0].value();
        assertTrue(rel(dA[0].value(), exactA) <= 1e-17, "dA at " + z + " " + a + ": " + dA[0].value() + " vs " + exactA);
      }
    }
  }

  /**
   * {@code Log[k + Cosh[z - mu]]}: its {@code cosh} leaves the double-double range beyond |z| = 710,
   * where the fast path decided nothing (the four-prototype mean of k = 2 was certified on 3,764
   * of its stream's points); as {@code log cosh u + log1p(k sech u)} it is decided there.
   */
  @Test
  void aShiftedLogCoshMeanIsDecidedFarOutAndAgreesWithTheHighPrecisionPath() {
    for (String energy : new String[] {"Log[2+Cosh[z-mu]]", "Log[Cosh[z-mu]-1/2]", "Log[3/4+Cosh[(z-mu)/2]]"}) {
      ReferenceEvaluator r = new ReferenceEvaluator(signed(energy, Map.of()));
      for (double z : FAR) {
        ContractVerification.Point fast = r.evaluateFastWithDifferences(z).orElseThrow(() -> new AssertionError(energy + ": undecided at " + z));
        ReferencePoint exact = r.evaluate(z);
        double ev = rel(fast.values()[0].value(), exact.values().get(0));
        double ed = rel(fast.derivatives()[0].value(), exact.derivatives().get(0).orElseThrow());
        assertTrue(ev <= 1e-17 && ed <= 1e-17, energy + " at " + z + ": value " + ev + ", slope " + ed);
      }
    }
  }

  @Test
  void theStudentTMeanIsDecidedFarOutWhereItIsANearTie() {
    // far out the two energies differ by about 4/z: the difference by identities has its digits,
    // and the mean, about 4/z too, comes from expm1 of it instead of 1 - 2w/(1 + w)
    for (String nu : new String[] {"3", "7/2"}) {
      ReferenceEvaluator r = new ReferenceEvaluator(signed("(nu+1)/2*Log[1+(z-mu)^2/(nu*s^2)]", Map.of("nu", nu, "s", "1")));
      for (double z : new double[] {1e12, -3e15, 1e20, -1e100, 1e300, Double.MAX_VALUE}) {
        ContractVerification.Point fast = r.evaluateFastWithDifferences(z).orElseThrow(() -> new AssertionError("undecided at " + z));
        ReferencePoint exact = r.evaluate(z);
        assertTrue(rel(fast.values()[0].value(), exact.values().get(0)) <= 1e-17, nu + " value at " + z);
        assertTrue(rel(fast.derivatives()[0].value(), exact.derivatives().get(0).orElseThrow()) <= 1e-17, nu + " slope at " + z);
        Accuracy.Exact[] dNu = r.parameterDerivativeFastWithDifferences(z, "nu").orElseThrow(() -> new AssertionError("dNu undecided at " + z));
        assertTrue(rel(dNu[0].value(), r.parameterDerivative(z, "nu").orElseThrow()[0].value()) <= 1e-17, nu + " dNu at " + z);
      }
    }
  }

  @Test
  void theWinnerComesFromTheDifferences() {
    // at z = -1e100 the Gaussian energies are 5e199 +- 6e170 each and differ by 2e100: their
    // midpoints chose the wrong winner, whose weight e^(2e100) was undecided
    ReferenceEvaluator r = new ReferenceEvaluator(signed("(z-mu)^2/(2*s^2)", Map.of("s", "1")));
    for (double z : new double[] {-1e100, -3e60, 1e100, -Double.MAX_VALUE}) {
      ContractVerification.Point fast = r.evaluateFastWithDifferences(z).orElseThrow(() -> new AssertionError("undecided at " + z));
      ReferencePoint exact = r.evaluate(z);
      assertTrue(rel(fast.values()[0].value(), exact.values().get(0)) <= 1e-17, "value at " + z);
      assertTrue(rel(fast.derivatives()[0].value(), exact.derivatives().get(0).orElseThrow()) <= 1e-17, "slope at " + z);
    }
  }

  @Test
  void theLogCoshMeanIsDecidedAtMostOfItsStream() {
    ReferenceEvaluator r = new ReferenceEvaluator(signed("Log[Cosh[z-mu]]", Map.of()));
    double[] pts = VerificationStream.points(VerificationStream.seed("log-cosh", 0), 4000, new double[] {1, -1, 2});
    int decided = 0;
    for (double z : pts) if (r.evaluateFastWithDifferences(z).isPresent()) decided++;
    // measured: every point (3963 of 3963); 1764 before the differences, 3139 with differences but
    // without their sums (|z| below about 1e-5 was left)
    assertTrue(decided > 0.95 * pts.length, decided + " of " + pts.length);
  }

  @Test
  void nextToTheTieAtZeroTheMeanIsDecidedToo() {
    // tanh(1) tanh(z) from two energies of about 0.43 each: their difference -2 tanh(1) z from the
    // sums (z - 1) + (z + 1) = 2z, and the mean from expm1 of it
    for (String energy : new String[] {"Log[Cosh[z-mu]]", "(z-mu)^2/2", "Abs[z-mu]", "Log[1+(z-mu)^2/3]"}) {
      ReferenceEvaluator r = new ReferenceEvaluator(signed(energy, Map.of()));
      for (double z : new double[] {1e-5, -3e-9, 1e-20, -1e-100, 1e-300, Double.MIN_VALUE}) {
        ContractVerification.Point fast = r.evaluateFastWithDifferences(z).orElseThrow(() -> new AssertionError(energy + ": undecided at " + z));
        ReferencePoint exact = r.evaluate(z);
        assertTrue(rel(fast.values()[0].value(), exact.values().get(0)) <= 1e-17, energy + " value at " + z);
        exact.derivatives().get(0).ifPresent(e -> assertTrue(rel(fast.derivatives()[0].value(), e) <= 1e-17,
            energy + " slope at " + z));
      }
    }
  }

  /** Expressions over every construct, at pairs of centres, for the enclosure check below. */
  private static final List<String> ENERGIES = List.of(
      "Log[Cosh[z-mu]]", "Log[Cosh[(z-mu)/a]]", "(z-mu)^2/2", "Abs[z-mu]", "Abs[z-mu]^a", "Abs[z-mu]^(5/2)",
      "Log[1+(z-mu)^2/3]", "Log[1+Exp[-(z-mu)]]", "Exp[Abs[z-mu]]", "Sqrt[1+(z-mu)^2]-1", "Tanh[z-mu]*z",
      "Piecewise[{{(z-mu)^2/2, Abs[z-mu]<=1}}, Abs[z-mu]-1/2]", "Max[0,Abs[z-mu]-1/2]^2", "(z-mu)^(-3)+z",
      "Sech[z-mu]+Cosh[mu]*Sinh[z/8]", "Exp[-(z-mu)^2]*a");

  @Test
  void differencesEncloseTheHighPrecisionDifferenceWithTheirSlopes() {
    double[] zs = {0.3, -1.7, 2.5, 12, -37.5, 400, -1e5, 1e17, -1e20, 1e100, -1e300};
    double[][] centres = {{1, -1}, {-1, 1}, {2, -0.5}, {0.25, 0}};
    int decided = 0;
    for (String text : ENERGIES) {
      HighPrecisionExpression e = HighPrecisionExpression.parse(text);
      for (double[] mu : centres) {
        for (double z : zs) {
          Map<String, FastDual> f1 = new HashMap<>();
          FastDual zf = FastDual.variable(Fast.of(z));
          FastDual af = FastDual.constant(Fast.of(1.5));
          f1.put("z", zf);
          f1.put("a", af);
          Map<String, FastDual> f2 = new HashMap<>(f1);
          f1.put("mu", FastDual.constant(Fast.of(mu[0])));
          f2.put("mu", FastDual.constant(Fast.of(mu[1])));
          FastDual d;
          try {
            d = e.evalFastDifference(f1, f2);
          } catch (Fast.Undecided | ArithmeticException undecided) {
            continue;
          }
          Enclosure value;
          Enclosure slope;
          long p = 800;
          try {
            Dual x1 = e.encloseDual(bindings(z, mu[0]), p);
            Dual x2 = e.encloseDual(bindings(z, mu[1]), p);
            value = x1.value().subtract(x2.value(), p);
            slope = x1.derivative().subtract(x2.derivative(), p);
            value.toBigDecimal(60);
            slope.toBigDecimal(60);
          } catch (RuntimeException noReference) {
            continue; // beyond the decimal range, or a kink
          }
          decided++;
          String where = text + " mu " + mu[0] + ", " + mu[1] + " at z = " + z;
          assertEnclosed(d.v, value, where + " (value)");
          assertEnclosed(d.d, slope, where + " (slope)");
        }
      }
    }
    assertTrue(decided > 400, "decided " + decided);
  }

  private static Map<String, Dual> bindings(double z, double mu) {
    Map<String, Dual> b = new HashMap<>();
    b.put("z", Dual.variable(Enclosure.exact(Rational.of(new BigDecimal(z)))));
    b.put("a", Dual.constant(Enclosure.exact(Rational.of(new BigDecimal("1.5")))));
    b.put("mu", Dual.constant(Enclosure.exact(Rational.of(new BigDecimal(mu)))));
    return b;
  }

  /** The high-precision difference lies within the fast value's radius (plus its own bound). */
  private static void assertEnclosed(Fast fast, Enclosure exact, String where) {
    BigDecimal truth = exact.toBigDecimal(60);
    if (fast.e > 1100) {
      // beyond the decimal range of the fast value ({@link Fast#toBigDecimal}): so is the truth
      assertTrue(truth.abs().compareTo(new BigDecimal("1e300")) > 0 && truth.signum() == Double.compare(fast.hi, 0),
          where + ": " + truth);
      return;
    }
    if (fast.e < -1100) {
      // far below the decimal range of the fast value: then the truth is too
      assertTrue(truth.abs().compareTo(new BigDecimal("1e-300")) < 0, where + ": " + truth);
      return;
    }
    BigDecimal scale = new BigDecimal(java.math.BigInteger.TWO.pow((int) Math.abs(fast.e)));
    BigDecimal radius = new BigDecimal(fast.r);
    radius = fast.e >= 0 ? radius.multiply(scale) : radius.divide(scale, MC);
    BigDecimal slack = truth.abs().multiply(new BigDecimal("1e-35")).add(exactRadius(exact));
    BigDecimal off = fast.toBigDecimal().subtract(truth).abs();
    assertTrue(off.compareTo(radius.add(slack)) <= 0, where + ": fast " + fast.toBigDecimal() + " +- " + radius + ", exact " + truth);
  }

  private static BigDecimal exactRadius(Enclosure e) {
    double lr = e.logRadius();
    return lr == Double.NEGATIVE_INFINITY ? BigDecimal.ZERO : new BigDecimal("1e" + (long) Math.ceil(lr));
  }

  @Test
  void log1pKeepsATinyArgument() {
    // log(1 + e^-600) through 1 + x lost x below the sum's rounding: undecided
    Fast x = Fast.of(-600).exp();
    Fast y = x.log1p();
    BigDecimal ratio = y.toBigDecimal().divide(x.toBigDecimal(), MC);
    assertTrue(ratio.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-25")) < 0, ratio.toString());
    assertTrue(y.accurate(1e-25, Double.MIN_NORMAL));
    Fast mid = Fast.of(0.25).log1p();
    assertEquals(Math.log1p(0.25), mid.toDouble(), 1e-16);
  }

  @Test
  void productsOfTinyNumbersStayTiny() {
    // e^-2e18 to the fourth power took the long exponent past its range: it came back as a huge
    // positive number (the Gaussian entropy's reference was -1e400 at z = -9.6e17)
    Fast w = Fast.of(-2e18).exp();
    Fast p = w.multiply(w).multiply(w).multiply(w);
    assertEquals(0.0, p.toDouble());
    assertTrue(p.e <= Fast.FLOOR + 64, "exponent " + p.e);
    ReferenceEvaluator entropy = new ReferenceEvaluator(new Definition("(z-mu)^2/(2*s^2)",
        List.of(new HypothesisDef("1", "1", "0"), new HypothesisDef("-1", "-1", "0")), Map.of("s", "1"), "1",
        Optional.empty(), "entropy"));
    ContractVerification.Point at = entropy.evaluateFastWithDifferences(-9.6383934378373478E17).orElseThrow();
    assertEquals(0, at.values()[0].value().signum());
  }
}
