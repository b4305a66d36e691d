package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.SpecDefinitions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The far tails in {@code w = 1/z} of a rational output with a free parameter ({@link
 * RationalFarTails}): the three-prototype variance of the Cauchy kernel with its scale s free, as
 * the derivation's closed form writes it, against the high-precision reference of the spec's
 * definition (the energies, not this form) at values of s other than the default 1, where the
 * expansion fitted at the defaults does not hold. Before, the class's derivative was 1e187 off at
 * s = 2.97, z = 1.3e105, and every form in z lost about z^2 ulps (8e-9 at z = 1e4).
 */
class RationalFarTailsTest {
  private static final Symja SYMJA = new Symja();
  private static final List<String> SPEC =
      List.of("--kernel", "cauchy", "--hypotheses", "prototypes:3", "--stat", "variance", "--free", "s");
  private static final String VARIANCE =
      "(2*(s^2+z^2)*(1+s^2-2*z+z^2)*(1+s^2+2*z+z^2)*(1+3*s^2+3*z^2))/(1+4*s^2+3*s^4+6*s^2*z^2+3*z^4)^2";

  @Test
  void theTailsHoldFarOutAtEveryScale() {
    RationalFarTails tails = new RationalFarTails(SYMJA, new Lowerer(SYMJA, Set.of("z", "s")), SYMJA.evalTrusted(VARIANCE));
    assertTrue(tails.applies());
    Expr value = tails.of(null).orElseThrow();
    Expr derivative = tails.of("z").orElseThrow();
    Expr dS = tails.of("s").orElseThrow();
    Generation generation = new Generation(SYMJA);
    double worst = 0;
    for (double s : new double[] {0.3, 2.9678546464163342, 10}) {
      ReferenceEvaluator reference = new ReferenceEvaluator(
          SpecDefinitions.of(generation.resolve(SPEC), Map.of("s", ExactNumber.of(new BigDecimal(s)))));
      for (double magnitude : new double[] {1e3 * s, 1e4, 1e16, 1e50, 1.3454633522125123e105, 1e200, 1e300, Double.MAX_VALUE}) {
        for (double z : new double[] {magnitude, -magnitude}) {
          ReferencePoint exact = reference.evaluate(z);
          Map<String, Double> at = Map.of("z", z, "s", s);
          double[] errors = {
              Accuracy.relativeError(DoubleEvaluator.evaluate(value, at), exact.value(0)),
              Accuracy.relativeError(DoubleEvaluator.evaluate(derivative, at), exact.derivative(0)),
              Accuracy.relativeError(DoubleEvaluator.evaluate(dS, at), reference.parameterDerivative(z, "s").orElseThrow()[0])};
          for (double e : errors) {
            assertTrue(e <= 1e-13, "s = " + s + ", z = " + z + ": errors " + java.util.Arrays.toString(errors));
            worst = Math.max(worst, e);
          }
        }
      }
    }
    assertTrue(worst <= 1e-13, "worst " + worst);
  }
}
