package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kernel of the catalog and every statistic over all of {@link Accuracy#samplePoints()}:
 * the reference must exist everywhere (including {@code +-Double.MAX_VALUE}, where the exponential
 * kernel's energies are {@code e^1.8e308}), with a derivative except at the known kinks, and obey
 * the bounds the mathematics gives (worked out in each comment).
 */
class ReferenceSweepTest {

  private static final String GAUSS = "(z-mu)^2/2";
  private static final String SIGNED = "1:1,-1:-1";
  private static final BigDecimal TOL = new BigDecimal("1e-39");

  record Case(String name, Definition definition, double[] kinks) {}

  private static Definition def(String energy, String hyps, String stat) {
    return Definition.of(energy, hyps, stat);
  }

  static List<Case> cases() {
    double[] none = {};
    return List.of(
        new Case("gaussian 3 mean", def(GAUSS, "-1:-1,0:0,1:1", "mean"), none),
        new Case("gaussian gated mode (ReLU)", def(GAUSS, "1:z,-1:0", "mode"), new double[] {0}),
        new Case("gaussian signed mode (sign)", def(GAUSS, SIGNED, "mode"), new double[] {0}),
        new Case("gaussian variance", def(GAUSS, SIGNED, "variance"), none),
        new Case("gaussian entropy", def(GAUSS, SIGNED, "entropy"), none),
        new Case("gaussian free-energy", def(GAUSS, SIGNED, "free-energy"), none),
        new Case("gaussian 3 responsibilities with reject",
            def(GAUSS, "-1:-1,0:0,1:1", "responsibilities").withReject("1"), none),
        new Case("cauchy log-responsibilities", def("Log[1+(z-mu)^2]", SIGNED, "log-responsibilities"), none),
        new Case("laplace mean", def("Abs[z-mu]/b", SIGNED, "mean").withParameters(Map.of("b", "1")),
            new double[] {-1, 1}),
        new Case("huber mean", def("Piecewise[{{(z-mu)^2/2, Abs[z-mu] <= delta}}, delta*(Abs[z-mu] - delta/2)]",
            SIGNED, "mean").withParameters(Map.of("delta", "1")), none),
        new Case("pseudo-huber mean", def("delta^2*(Sqrt[1+((z-mu)/delta)^2]-1)", SIGNED, "mean")
            .withParameters(Map.of("delta", "1")), none),
        new Case("logistic mean", def("Log[1+Exp[-a*(z-mu)]]", SIGNED, "mean").withParameters(Map.of("a", "1")), none),
        // e^{|z-mu|} = 1 + |z-mu| + ...: kinks where z meets a center
        new Case("exponential mean", def("Exp[a*Abs[z-mu]]", SIGNED, "mean").withParameters(Map.of("a", "1")),
            new double[] {-1, 1}),
        new Case("student-t nu=3 mean", def("(nu+1)/2*Log[1+(z-mu)^2/(nu*s^2)]", SIGNED, "mean")
            .withParameters(Map.of("nu", "3", "s", "1")), none));
  }

  @TestFactory
  Stream<DynamicTest> everyKernelAndStatisticOverTheWholeRange() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ReferenceEvaluator ev = new ReferenceEvaluator(c.definition());
      Statistic stat = c.definition().stat();
      int hyps = c.definition().hypothesisCount();
      for (double z : Accuracy.samplePoints()) {
        ReferencePoint r = ev.evaluate(z);
        String at = c.name() + " at z = " + z;
        assertEquals(ev.outputCount(), r.outputs(), at);
        boolean kink = false;
        for (double k : c.kinks()) kink |= k == z;
        for (int i = 0; i < r.outputs(); i++) {
          assertEquals(!kink, r.hasDerivative(i), at + ": derivative presence");
          assertTrue(!Double.isNaN(r.value(i)), at);
        }
        checkBounds(stat, hyps, r, at);
      }
    }));
  }

  /**
   * The two ways to the reference derivative, forward differentiation ({@link Dual}) and
   * Richardson-extrapolated difference quotients, share nothing but the definition: they agree to
   * 35 digits (absolute in units of MIN_NORMAL below it) at every sample point, and on where the
   * derivative exists, for every case here plus energies that exercise the remaining rules.
   */
  @TestFactory
  Stream<DynamicTest> forwardDerivativesAgreeWithDifferenceQuotients() {
    List<Case> more = List.of(
        new Case("log-cosh mean", def("Log[Cosh[z-mu]]", SIGNED, "mean"), new double[0]),
        new Case("sinh/sech energy entropy", def("Sinh[(z-mu)/4]^2 + 1 - Sech[z-mu]", SIGNED, "entropy"), new double[0]),
        new Case("tanh energy variance", def("(z-mu)*Tanh[z-mu]", "-1:-1,0:0,1:1", "variance"), new double[0]),
        new Case("fractional power free energy", def("(1+(z-mu)^2)^(3/4)", SIGNED, "free-energy"), new double[0]),
        new Case("max energy mean (kinks)", def("Max[z-mu, (mu-z)/2]", SIGNED, "mean"), new double[] {-1, 1}),
        new Case("yat gated mean", def("-(mu*z)^2/((z-mu)^2+1)", "1:z,-1:0", "mean"), new double[0]));
    return Stream.concat(cases().stream(), more.stream())
        .filter(c -> c.definition().stat() != Statistic.MODE)
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
          ReferenceEvaluator ev = new ReferenceEvaluator(c.definition());
          BigDecimal floor = new BigDecimal(Double.MIN_NORMAL);
          for (double z : Accuracy.samplePoints()) {
            List<java.util.Optional<BigDecimal>> forward;
            try {
              forward = ev.evaluate(z).derivatives();
            } catch (ArithmeticException e) {
              continue; // no value here (beyond the definition's range): nothing to compare
            }
            List<java.util.Optional<BigDecimal>> quotients = ev.differenceQuotientDerivatives(new BigDecimal(z));
            for (int i = 0; i < forward.size(); i++) {
              String at = c.name() + " at z = " + z + ", output " + i;
              assertEquals(quotients.get(i).isPresent(), forward.get(i).isPresent(), at + ": presence");
              if (forward.get(i).isEmpty()) continue;
              BigDecimal a = forward.get(i).get();
              BigDecimal b = quotients.get(i).get();
              BigDecimal scale = b.abs().max(floor);
              assertTrue(a.subtract(b).abs().compareTo(scale.multiply(new BigDecimal("1e-35"))) <= 0,
                  at + ": " + a + " vs " + b);
            }
          }
        }));
  }

  /** Equal to 39 significant digits (the values carry 43). */
  private static boolean close(BigDecimal a, BigDecimal b) {
    return a.subtract(b).abs().compareTo(b.abs().multiply(TOL)) <= 0;
  }

  private static void checkBounds(Statistic stat, int hyps, ReferencePoint r, String at) {
    List<BigDecimal> v = r.values();
    switch (stat) {
      case RESPONSIBILITIES -> {
        // each in [0, 1], together exactly 1
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal x : v) {
          assertTrue(x.signum() >= 0 && x.compareTo(BigDecimal.ONE.add(TOL)) <= 0, at + ": " + x);
          sum = sum.add(x);
        }
        assertTrue(sum.subtract(BigDecimal.ONE).abs().compareTo(TOL) <= 0, at + ": sum " + sum);
      }
      case LOG_RESPONSIBILITIES -> {
        // log r <= 0 and sum of r = 1
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal x : v) {
          assertTrue(x.signum() <= 0, at + ": " + x);
          sum = sum.add(x.compareTo(BigDecimal.valueOf(-1e6)) < 0 ? BigDecimal.ZERO
              : new BigDecimal(Oracle.exp(Oracle.of(x)).toString(false)));
        }
        assertTrue(sum.subtract(BigDecimal.ONE).abs().compareTo(TOL) <= 0, at + ": sum " + sum);
      }
      case ENTROPY -> {
        // 0 <= H <= log H_count = log 2 = 0.6931471805599453094172321214581765680755
        assertTrue(v.get(0).signum() >= 0, at);
        assertTrue(v.get(0).compareTo(new BigDecimal("0.6931471805599453094172321214581765680756")) <= 0, at);
      }
      case VARIANCE -> {
        // values +-1: 0 <= variance <= 1
        assertTrue(v.get(0).signum() >= 0 && v.get(0).compareTo(BigDecimal.ONE.add(TOL)) <= 0, at);
      }
      case FREE_ENERGY -> {
        // F = -log(e^-e1 + e^-e2) >= min energy - log 2 >= -log 2
        assertTrue(v.get(0).compareTo(new BigDecimal("-0.6931471805599453094172321214581765680756")) >= 0, at);
      }
      case MEAN -> {
        // constant values in [-1, 1]
        assertTrue(v.get(0).abs().compareTo(BigDecimal.ONE.add(TOL)) <= 0, at + ": " + v.get(0));
      }
      case MODE -> {
        // ReLU: max(z, 0); sign: -1, 0, 1 (the tie at 0 averages +1 and -1)
        BigDecimal m = v.get(0);
        BigDecimal z = r.z();
        boolean relu = close(m, z.max(BigDecimal.ZERO));
        boolean sign = close(m, BigDecimal.valueOf(z.signum()));
        assertTrue(relu || sign, at + ": mode " + m.round(MathContext.DECIMAL64));
      }
      default -> throw new IllegalStateException(stat.toString());
    }
  }
}
