package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * The error bounds are honest: an expression enclosed at a low working precision (30 digits)
 * contains the value apfloat's own functions give at 150 digits, also where the expression cancels
 * (differences of logs at large z). And the bounds are useful: where nothing cancels they are
 * within a few digits of the working precision.
 */
class EnclosureProperties {

  private static final long P = 30;
  private static final long ORACLE = 150;

  private static void check(String text, double z, UnaryOperator<Apfloat> oracle, boolean tight) {
    Enclosure e = HighPrecisionExpression.parse(text)
        .enclose(Map.of("z", Enclosure.exact(Rational.of(z))), P);
    Apfloat truth = oracle.apply(new Apfloat(new BigDecimal(z), ORACLE));
    Apfloat err = ApfloatMath.abs(e.mid(P).precision(ORACLE).subtract(truth));
    double logErr = err.signum() == 0 ? Double.NEGATIVE_INFINITY : Enclosure.log10Abs(err);
    assertTrue(logErr <= e.logRadius(),
        () -> text + " at z = " + z + ": error 1e" + logErr + " outside the bound 1e" + e.logRadius());
    if (tight && truth.signum() != 0) {
      double relBound = e.logRadius() - Enclosure.log10Abs(truth);
      assertTrue(relBound <= -(P - 6), () -> text + " at " + z + ": bound 1e" + relBound + " relative is loose");
    }
  }

  private static Apfloat one() {
    return new Apfloat(1, ORACLE);
  }

  @Property(tries = 60)
  void exponentialsAndLogs(@ForAll @DoubleRange(min = -300, max = 300) double z) {
    check("Exp[z]", z, ApfloatMath::exp, true);
    check("Log[1 + z^2]", z, x -> ApfloatMath.log(one().add(x.multiply(x))), z != 0 && Math.abs(z) > 1e-6);
    check("Sqrt[1 + z^2]", z, x -> ApfloatMath.sqrt(one().add(x.multiply(x))), true);
    check("(1 + z^2)^(1/3)", z, x -> ApfloatMath.cbrt(one().add(x.multiply(x))), true);
  }

  @Property(tries = 60)
  void hyperbolics(@ForAll @DoubleRange(min = -100, max = 100) double z) {
    boolean tight = Math.abs(z) > 1e-3;
    check("Sinh[z]", z, ApfloatMath::sinh, tight);
    check("Cosh[z]", z, ApfloatMath::cosh, true);
    check("Tanh[z]", z, ApfloatMath::tanh, tight);
    check("Sech[z]", z, x -> one().divide(ApfloatMath.cosh(x)), true);
    check("Exp[Sinh[z/10]] * Tanh[z]", z,
        x -> ApfloatMath.exp(ApfloatMath.sinh(x.divide(new Apfloat(10, ORACLE)))).multiply(ApfloatMath.tanh(x)), false);
  }

  @Property(tries = 60)
  void cancellingDifferencesStayEnclosed(@ForAll @DoubleRange(min = 1e3, max = 1e12) double z) {
    // log((1 + (z-1)^2) / (1 + (z+1)^2)) ~ -4/z: about 2 log10 z digits cancel, the bound must say so
    check("Log[1+(z-1)^2] - Log[1+(z+1)^2]", z,
        x -> ApfloatMath.log(one().add(x.subtract(one()).multiply(x.subtract(one()))))
            .subtract(ApfloatMath.log(one().add(x.add(one()).multiply(x.add(one()))))), false);
    check("Sqrt[z^2 + 1] - z", z, x -> ApfloatMath.sqrt(x.multiply(x).add(one())).subtract(x), false);
  }
}
