package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A root of a parameter derivative gets its low part in high precision, as the roots of values
 * and derivatives do ({@link RootSplice#refine}). The Student-t free energy at the signed
 * hypotheses, {@code --kernel student-t --free nu --stat free-energy}: its {@code dNu} vanishes
 * next to -1.62. Without secant steps for a parameter derivative the low part came from the
 * secant across one ulp, 1.6e-28 off; the splice measured 2.7e-11 at its probes next to the root
 * however wide or deep, over what a splice must meet, so none was emitted, and the {@code dNu}
 * written was 6.5 off (relative) at z = -1.6205593299556944.
 */
class ParameterDerivativeRootTest {
  /** mpmath 1.3.0, {@code findroot} on {@code diff(F, nu)} at 60 digits, independent of this code. */
  private static final BigDecimal ROOT = new BigDecimal("-1.62055932995569241271705814861096021277064480090642455899171");

  @Test
  void theRootOfDNuIsCarriedToMoreThanDoubleDoublePrecision() {
    Definition d = Definition.of("(nu+1)/2*Log[1+(z-mu)^2/(nu*s^2)]", "-1:-1,1:1", "free-energy")
        .withParameters(Map.of("nu", "3", "s", "1"));
    ReferenceEvaluator reference = new ReferenceEvaluator(d, 40);
    double[] root = RootSplice.refine(-1.62055933, reference, 0, false, "nu");
    assertNotNull(root, "not refined");
    BigDecimal got = new BigDecimal(root[0]).add(new BigDecimal(root[1]));
    // a double-double holds about 32 digits
    double off = got.subtract(ROOT).abs().doubleValue();
    assertTrue(off <= 1e-31, "root " + root[0] + " + " + root[1] + " is " + off + " from " + ROOT);
  }
}
