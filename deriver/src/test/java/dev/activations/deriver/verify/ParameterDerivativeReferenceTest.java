package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference for {@code d<Param>} (forward differentiation in the parameter, {@link
 * ReferenceEvaluator#parameterDerivative}) against a central difference in the parameter of the
 * reference's values at 100 digits (step 1e-30, so the truncation error is below 1e-55 relative):
 * the two share nothing but the definition. The points are where the failures were: the
 * Student-t mean's dNu near 0 (about z^3/48 at nu = 3: the generated code had the wrong sign) and
 * the Gaussian's dS at the top of the range (the generated code gave NaN).
 */
class ParameterDerivativeReferenceTest {
  private static final String STUDENT_T = "(nu+1)/2*Log[1+(z-mu)^2/(nu*s^2)]";
  private static final String GAUSSIAN = "(z-mu)^2/(2*s^2)";

  @ParameterizedTest
  @CsvSource({
    "student-t, nu, 3, 1e-8",
    "student-t, nu, 3, -1e-3",
    "student-t, nu, 3, 2",
    "student-t, nu, 1/20, 1e-5",
    "student-t, nu, 40, 1e6",
    "gaussian, s, 1, 0.7",
    "gaussian, s, 1/10, -3e-2",
    "gaussian, s, 10, 25",
  })
  void forwardDerivativeAgreesWithTheDifferenceQuotient(String kernel, String parameter, String value, double z) {
    String energy = kernel.equals("student-t") ? STUDENT_T : GAUSSIAN;
    Map<String, String> others = kernel.equals("student-t") ? Map.of("s", "1") : Map.of();
    ReferenceEvaluator at = evaluator(energy, parameter, value, others, 40);
    BigDecimal forward = at.parameterDerivative(z, parameter).orElseThrow()[0].value();

    BigDecimal p = new BigDecimal(value.contains("/") ? fraction(value) : value); // exact for these values
    BigDecimal h = new BigDecimal("1e-30");
    BigDecimal up = evaluator(energy, parameter, p.add(h).toPlainString(), others, 100).values(z).get(0);
    BigDecimal down = evaluator(energy, parameter, p.subtract(h).toPlainString(), others, 100).values(z).get(0);
    BigDecimal quotient = up.subtract(down).divide(h.multiply(BigDecimal.valueOf(2)), new MathContext(60));

    assertTrue(forward.signum() == quotient.signum(), "sign: " + forward + " vs " + quotient);
    double relative = forward.subtract(quotient).abs().divide(quotient.abs(), new MathContext(5)).doubleValue();
    assertTrue(relative < 1e-20, kernel + " d" + parameter + " at z = " + z + ": " + forward + " vs " + quotient);
  }

  @org.junit.jupiter.api.Test
  void gaussianScaleDerivativeAtTheTopOfTheRangeIsZero() {
    ReferenceEvaluator at = evaluator(GAUSSIAN, "s", "1", Map.of(), 40);
    // exact: -8 z e^(-2z) / (1 + e^(-2z))^2 at z = MAX_VALUE, far below MIN_NORMAL
    for (double z : new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 1e300}) {
      BigDecimal d = at.parameterDerivative(z, "s").orElseThrow()[0].value();
      assertEquals(0.0, Accuracy.toDouble(d), 0.0, "dS at " + z);
    }
  }

  private static String fraction(String value) {
    return new BigDecimal(dev.activations.deriver.spec.ExactNumber.parse(value, "p").numerator())
        .divide(new BigDecimal(dev.activations.deriver.spec.ExactNumber.parse(value, "p").denominator()), new MathContext(80))
        .toPlainString();
  }

  @org.junit.jupiter.api.Test
  void aPointBeyondTheScoringPrecisionIsPassedOverNotComputed() {
    // the exponential kernel's energies e^(a|z-mu|) at z = MAX_VALUE, a = 1: undecided even at the
    // full 20,000 digits, after 176 s (measured once, on the loaded development machine); with
    // the scoring cap of 2,000 digits it is given up after about 2 s
    ReferenceEvaluator at = evaluator("Exp[a*Abs[z-mu]]", "a", "1", Map.of(), 40);
    assertTrue(at.parameterDerivative(Double.MAX_VALUE, "a", ReferenceScorer.SCORING_MAX_DIGITS).isEmpty());
    // where the precision suffices, the capped and the uncapped evaluations agree
    for (double z : new double[] {0.75, -1e300, 37.5}) {
      assertEquals(at.parameterDerivative(z, "a").orElseThrow()[0].value(),
          at.parameterDerivative(z, "a", ReferenceScorer.SCORING_MAX_DIGITS).orElseThrow()[0].value());
    }
  }

  private static ReferenceEvaluator evaluator(String energy, String parameter, String value, Map<String, String> others,
      int digits) {
    Map<String, String> params = new java.util.LinkedHashMap<>(others);
    params.put(parameter, value);
    Definition d = Definition.of(energy, "1:1,-1:-1", "mean").withParameters(params);
    return new ReferenceEvaluator(d, digits);
  }
}
