package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.math.BigDecimal;
import java.util.Map;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/** {@link EnergyIdentities}: which sums become log-cosh energies, and that they are the same function. */
class EnergyIdentitiesTest {
  private static final Symja SYMJA = new Symja();

  @Test
  void aSymmetricSoftplusBecomesALogCoshOfTheHalfArgument() {
    String written = "3*Log[1+E^(-(z-mu)/5)]+z^2+3*Log[1+E^((z-mu)/5)]-Log[4]";
    IExpr canonical = EnergyIdentities.apply(SYMJA, SYMJA.evalTrusted(written));
    assertTrue(canonical.has(S.Cosh), canonical.toString());
    assertFalse(canonical.has(S.E), canonical.toString());
    String text = Symja.inputForm(canonical);
    for (double z : new double[] {-1e6, -40.5, -1, -1e-9, 0, 2.5e-7, 0.75, 3, 700, 1e8}) {
      Map<String, Apfloat> at = Map.of("z", new Apfloat(new BigDecimal(z)), "mu", new Apfloat(new BigDecimal(-1.25)));
      double a = HighPrecisionExpression.parse(written).evaluate(at, 60).doubleValue();
      double b = HighPrecisionExpression.parse(text).evaluate(at, 60).doubleValue();
      assertEquals(a, b, 1e-15 * Math.abs(a), "z = " + z + ": " + text);
    }
  }

  @Test
  void aShiftedLogCoshBecomesALogCoshAndASechTerm() {
    for (String written : new String[] {"Log[2+Cosh[z-mu]]", "Log[3*Cosh[(z-mu)/2]-1]", "Log[1/2+Cosh[z-mu]]^2",
        "Log[Exp[z-mu]+Exp[mu-z]]"}) {
      IExpr canonical = EnergyIdentities.apply(SYMJA, SYMJA.evalTrusted(written));
      assertTrue(canonical.has(S.Cosh) && canonical.isFree(S.E), written + " -> " + canonical);
      String text = Symja.inputForm(canonical);
      for (double z : new double[] {-1e6, -40.5, -1, -1e-9, 0, 2.5e-7, 0.75, 3, 700, 1e8}) {
        Map<String, Apfloat> at = Map.of("z", new Apfloat(new BigDecimal(z)), "mu", new Apfloat(new BigDecimal(0.5)));
        double a = HighPrecisionExpression.parse(written).evaluate(at, 60).doubleValue();
        double b = HighPrecisionExpression.parse(text).evaluate(at, 60).doubleValue();
        assertEquals(a, b, 1e-15 * Math.abs(a), "z = " + z + ": " + text);
      }
    }
    // c <= -a: the logarithm's argument can vanish; left as written
    IExpr vanishing = SYMJA.evalTrusted("Log[Cosh[z-mu]-1]");
    assertSame(vanishing, EnergyIdentities.apply(SYMJA, vanishing));
  }

  @Test
  void otherSumsStayAsWritten() {
    for (String e : new String[] {
      "Log[1+E^(z-mu)]+Log[1+E^(2*(mu-z))]", // exponents not opposite
      "Log[1+E^(z-mu)]+2*Log[1+E^(mu-z)]", // coefficients differ
      "Log[1+E^(z-mu)]", // one term
      "(z-mu)^2/2",
    }) {
      IExpr written = SYMJA.evalTrusted(e);
      assertSame(written, EnergyIdentities.apply(SYMJA, written), e);
    }
  }
}
