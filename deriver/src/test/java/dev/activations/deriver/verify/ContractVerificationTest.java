package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How many points each function of a class is measured at. */
class ContractVerificationTest {

  @Test
  void aParameterDerivativeUndecidedAtSomePointsIsMeasuredAtTargetPointsOfItsOwn() {
    int n = 4 * ContractVerification.TARGET;
    double[] stream = new double[n];
    for (int i = 0; i < n; i++) stream[i] = 1 + i * 1e-3;
    // the fast path decides every value but no parameter derivative at the first 100 points, and the
    // high-precision evaluator none at all: the 16 escalations are spent there without a point
    Set<Double> undecided = new HashSet<>();
    for (int i = 0; i < 100; i++) undecided.add(stream[i]);
    Accuracy.Exact one = Accuracy.Exact.of(BigDecimal.ONE);
    ContractVerification.Reference reference = new ContractVerification.Reference() {
      @Override
      public Optional<ContractVerification.Point> fast(double z) {
        return Optional.of(new ContractVerification.Point(new Accuracy.Exact[] {one}, new Accuracy.Exact[] {one}));
      }

      @Override
      public Optional<ContractVerification.Point> exact(double z) {
        return fast(z);
      }

      @Override
      public Optional<Accuracy.Exact[]> parameter(double z, String name) {
        return undecided.contains(z) ? Optional.empty() : Optional.of(new Accuracy.Exact[] {one});
      }
    };
    Map<String, Integer> measured = new HashMap<>();
    ContractVerification.Evaluation evaluation = (f, z) -> {
      measured.merge(f.name(), 1, Integer::sum);
      return 1;
    };
    List<ContractVerification.Function> functions = List.of(
        new ContractVerification.Function("value", null, 0, false),
        new ContractVerification.Function("derivative", null, 0, true),
        new ContractVerification.Function("dA", null, 0, true, "a"));
    ContractVerification.Verdict v = ContractVerification.measure(functions, new double[][] {stream}, reference, evaluation);
    assertEquals(ContractVerification.TARGET, v.points());
    assertEquals(ContractVerification.TARGET, measured.get("value"));
    assertEquals(ContractVerification.TARGET, measured.get("derivative"));
    // and the 22 finite extremes, which the fast path decides here
    assertEquals(ContractVerification.TARGET + ContractVerification.EXTREMES.length, measured.get("dA"));
    assertEquals(100 - ContractVerification.PARAMETER_ESCALATIONS, v.passedOver());
  }

  /**
   * Beyond the escalations, a point the fast path cannot decide to 1e-17 but whose screen shows a
   * miss is decided by the high-precision evaluator and fails the class; points whose screen shows
   * none stay passed over.
   */
  @Test
  void aMissTheScreenSeesIsNeverPassedOver() {
    double[] stream = stream();
    // the fast path decides nothing in the first 200 points; the form is 1e-9 off at the 150th only
    double bad = stream[150];
    ContractVerification.Reference reference = new ExactlyOne() {
      @Override
      public Optional<ContractVerification.Point> fast(double z) {
        return z < stream[200] ? Optional.empty() : Optional.of(EXACTLY_ONE);
      }
    };
    ContractVerification.Evaluation evaluation = (f, z) -> z == bad ? 1 + 1e-9 : 1;
    List<ContractVerification.Function> functions = List.of(
        new ContractVerification.Function("value", null, 0, false),
        new ContractVerification.Function("derivative", null, 0, true));
    ContractVerification.Verdict v = ContractVerification.measure(functions, new double[][] {stream}, reference, evaluation);
    assertEquals(ContractVerification.ESCALATIONS + 1, v.escalated());
    assertEquals(200 - ContractVerification.ESCALATIONS - 1, v.passedOver());
    assertEquals(false, v.passed());
    assertEquals(bad, v.worstOfAll().orElseThrow().z());
  }

  /** The same for a parameter derivative beyond its own escalations. */
  @Test
  void aParameterDerivativeMissTheScreenSeesIsNeverPassedOver() {
    double[] stream = stream();
    // the fast path decides no dA in the first 100 points; dA is 1e-7 off at the 90th only
    double bad = stream[90];
    Accuracy.Exact one = Accuracy.Exact.of(BigDecimal.ONE);
    ContractVerification.Reference reference = new ExactlyOne() {
      @Override
      public Optional<Accuracy.Exact[]> parameter(double z, String name) {
        return z < stream[100] ? Optional.empty() : Optional.of(new Accuracy.Exact[] {one});
      }

      @Override
      public Optional<Accuracy.Exact[]> parameterExact(double z, String name) {
        return Optional.of(new Accuracy.Exact[] {one});
      }

      @Override
      public Optional<Accuracy.Exact[]> parameterScreen(double z, String name) {
        return Optional.of(new Accuracy.Exact[] {one});
      }
    };
    ContractVerification.Evaluation evaluation = (f, z) -> f.parameter() != null && z == bad ? 1 + 1e-7 : 1;
    List<ContractVerification.Function> functions = List.of(
        new ContractVerification.Function("value", null, 0, false),
        new ContractVerification.Function("dA", null, 0, true, "a"));
    ContractVerification.Verdict v = ContractVerification.measure(functions, new double[][] {stream}, reference, evaluation);
    assertEquals(100 - ContractVerification.PARAMETER_ESCALATIONS - 1, v.passedOver());
    assertEquals(false, v.passed());
    assertEquals(bad, v.worstOfAll().orElseThrow().z());
  }

  /** Every value and derivative exactly 1. */
  private static final ContractVerification.Point EXACTLY_ONE = new ContractVerification.Point(
      new Accuracy.Exact[] {Accuracy.Exact.of(BigDecimal.ONE)}, new Accuracy.Exact[] {Accuracy.Exact.of(BigDecimal.ONE)});

  /** Twice the target's points, 1e-3 apart from 1 on. */
  private static double[] stream() {
    double[] stream = new double[2 * ContractVerification.TARGET];
    for (int i = 0; i < stream.length; i++) stream[i] = 1 + i * 1e-3;
    return stream;
  }

  /** A reference whose every path decides every value and derivative as exactly 1. */
  private static class ExactlyOne implements ContractVerification.Reference {
    @Override
    public Optional<ContractVerification.Point> fast(double z) {
      return Optional.of(EXACTLY_ONE);
    }

    @Override
    public Optional<ContractVerification.Point> exact(double z) {
      return Optional.of(EXACTLY_ONE);
    }

    @Override
    public Optional<ContractVerification.Point> screen(double z) {
      return Optional.of(EXACTLY_ONE);
    }
  }
}
