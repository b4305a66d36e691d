package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reference's double-double fast path against its high-precision path (the apfloat enclosures,
 * which share only the definition's text with it): wherever the fast path gives a value, value and
 * derivative agree to 1e-17 relative (floor Double.MIN_NORMAL), over definitions covering every
 * construct and statistic, at stream points across the whole range.
 */
class FastReferenceTest {
  private static Definition def(String energy, String hyps, String stat) {
    List<HypothesisDef> hs = new java.util.ArrayList<>();
    for (String h : hyps.split(",")) {
      String[] p = h.split(":");
      hs.add(new HypothesisDef(p[0], p[1], "0"));
    }
    return new Definition(energy, hs, java.util.Map.of(), "1", Optional.empty(), stat);
  }

  private static double rel(BigDecimal a, BigDecimal exact) {
    if (exact.abs().compareTo(new BigDecimal(Double.MAX_VALUE)) > 0) {
      // beyond the double range the fast path's midpoint is +-1e400 ({@link Fast#toBigDecimal}),
      // which every double scores alike (the variance of z at |z| = 3e211 is 1e422)
      return Accuracy.toDouble(a) == Accuracy.toDouble(exact) ? 0 : 1;
    }
    return a.subtract(exact).abs().divide(exact.abs().max(new BigDecimal(Double.MIN_NORMAL)), new MathContext(10)).doubleValue();
  }

  @Test
  void fastPathAgreesWithTheHighPrecisionPath() {
    List<Definition> defs = List.of(
        def("(z-mu)^2/2", "1:1,-1:-1", "mean"),
        def("(z-mu)^2/2", "1:z,-1:0", "mean"),
        def("2*Log[1+(z-mu)^2/3]", "1:1,-1:-1", "entropy"),
        def("Abs[z-mu]", "1:1,0:0,-1:-1", "mean"),
        def("Log[Cosh[z-mu]]", "1:1,-1:-1", "free-energy"),
        def("Sqrt[1+(z-mu)^2]-1", "1:z,-1:0", "variance"),
        def("Piecewise[{{(z-mu)^2/2, Abs[z-mu]<=1}}, Abs[z-mu]-1/2]", "1:1,-1:-1", "responsibilities"),
        def("Exp[Abs[z-mu]]+Tanh[z]*Sech[mu]+Max[z,mu]", "1:1,-1:-1", "log-responsibilities"),
        def("(z-mu)^2/2", "1:z,-1:0", "mode"),
        def("ArcTan[(z-mu)^2]", "1:1,-1:-1", "mean"),
        def("(z-mu)*ArcTan[z-mu]-Log[1+(z-mu)^2]/2", "1:1,0:0,-1:-1", "variance"),
        def("ArcSinh[(z-mu)^2]", "1:1,-1:-1", "mean"),
        def("(z-mu)*ArcSinh[z-mu]-Sqrt[1+(z-mu)^2]", "1:1,0:0,-1:-1", "variance"));
    int compared = 0;
    for (Definition d : defs) {
      ReferenceEvaluator r = new ReferenceEvaluator(d);
      double[] pts = VerificationStream.points(VerificationStream.seed(d.toString(), 0), 400, new double[] {1, -1, 2});
      for (int i = 0; i < pts.length; i += 4) {
        double z = pts[i];
        Optional<ContractVerification.Point> fast = r.evaluateFastWithDifferences(z);
        if (fast.isEmpty()) continue;
        ReferencePoint exact;
        try {
          exact = r.evaluate(z);
        } catch (ArithmeticException e) {
          continue;
        }
        compared++;
        for (int o = 0; o < exact.outputs(); o++) {
          double ev = rel(fast.get().values()[o].value(), exact.values().get(o));
          assertTrue(ev <= 1e-17, d.energy() + " " + d.statistic() + " value[" + o + "] at " + z + ": " + ev);
          if (exact.hasDerivative(o)) {
            double ed = rel(fast.get().derivatives()[o].value(), exact.derivatives().get(o).orElseThrow());
            assertTrue(ed <= 1e-17, d.energy() + " " + d.statistic() + " derivative[" + o + "] at " + z + ": " + ed);
          }
        }
      }
    }
    assertTrue(compared > 300, "too few points decided by the fast path: " + compared);
  }

  @Test
  void aParameterExponentAtAnIntegerDecidesExactZeros() {
    // Abs[z-mu]^p at p = 1 (a free parameter's default): far out both energies' slopes are exactly
    // 1, so the mean's derivative is exactly 0; through exp(p log x) each slope carried a rounding
    // and the fast path could not decide (the class's stream lost three quarters of its points)
    Definition d = new Definition("Abs[z-mu]^p", List.of(new HypothesisDef("1", "1", "0"), new HypothesisDef("-1", "-1", "0")),
        java.util.Map.of("p", "1"), "1", Optional.empty(), "mean");
    ReferenceEvaluator r = new ReferenceEvaluator(d);
    for (double z : new double[] {17.113212257075773, -3e5, 1e5}) {
      ContractVerification.Point p = r.evaluateFast(z).orElseThrow(() -> new AssertionError("undecided at " + z));
      assertTrue(p.derivatives()[0].value().signum() == 0, z + ": " + p.derivatives()[0].value());
      assertTrue(p.values()[0].value().subtract(new BigDecimal(Math.signum(z) * Math.tanh(1))).abs().doubleValue() < 1e-15, z + ": value");
    }
    // and where the exponent is 3 or 5/2 the products agree with the high-precision path
    for (String exponent : new String[] {"3", "5/2"}) {
      Definition e = new Definition("Abs[z-mu]^p", List.of(new HypothesisDef("1", "1", "0"), new HypothesisDef("-1", "-1", "0")),
          java.util.Map.of("p", exponent), "1", Optional.empty(), "mean");
      ReferenceEvaluator re = new ReferenceEvaluator(e);
      for (double z : new double[] {0.3, -1.7, 4.25}) {
        ContractVerification.Point p = re.evaluateFast(z).orElseThrow();
        ReferencePoint exact = re.evaluate(z);
        assertTrue(rel(p.values()[0].value(), exact.values().get(0)) <= 1e-17, exponent + " value at " + z);
        assertTrue(rel(p.derivatives()[0].value(), exact.derivatives().get(0).orElseThrow()) <= 1e-17, exponent + " slope at " + z);
      }
    }
  }

  @Test
  void scoringAgainstTheFastPathMatchesScoringAgainstTheDecimal() {
    ReferenceEvaluator r = new ReferenceEvaluator(def("(z-mu)^2/2", "1:z,-1:0", "mean"));
    for (double z : new double[] {-700, -40, -1e-300, 3e-200, 0.7, 12}) {
      ContractVerification.Point p = r.evaluateFast(z).orElseThrow();
      BigDecimal exact = p.values()[0].value();
      double computed = Math.nextUp(Accuracy.toDouble(exact));
      double a = Accuracy.relativeError(computed, p.values()[0]);
      double b = Accuracy.relativeError(computed, exact);
      assertTrue(Math.abs(a - b) <= 1e-6 * b + 1e-30, z + ": " + a + " vs " + b);
    }
  }
}
