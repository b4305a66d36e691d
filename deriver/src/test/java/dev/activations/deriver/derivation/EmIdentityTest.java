package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The implicit-EM check with a free parameter: the energy differences are checked with the
 * parameter bound to numbers, so a difference that is right only at one value of it is caught.
 */
class EmIdentityTest {
  private static final Symja SYMJA = new Symja();

  private static List<List<IExpr>> differences(String d01) {
    IExpr d = SYMJA.evalTrusted(d01);
    return List.of(List.of(SYMJA.evalTrusted("0"), d), List.of(SYMJA.evalTrusted("-(" + d01 + ")"), SYMJA.evalTrusted("0")));
  }

  /** The check for energies {@code e0}, {@code e1} with one free parameter (default 1, positive). */
  private static boolean check(String e0, String e1, String parameter, String spec, String d01) {
    List<IExpr> energies = List.of(SYMJA.evalTrusted(e0), SYMJA.evalTrusted(e1));
    List<IExpr> values = EmIdentity.values(SYMJA, spec, parameter, ExactNumber.ONE, Domain.parse(parameter, parameter + " > 0"));
    return EmIdentity.check(SYMJA, energies, differences(d01), new ArrayList<>(), Map.of(parameter, values));
  }

  private static boolean check(String d01) {
    return check("(z-1)^2/(2*s^2)", "(z+1)^2/(2*s^2)", "s", "test", d01);
  }

  @Test
  void theRightDifferencePasses() {
    assertTrue(check("-2*z/s^2"));
  }

  /** Right at s = 1 (the default) only: the old check skipped every point with a free parameter. */
  @Test
  void aDifferenceRightOnlyAtTheDefaultFails() {
    assertFalse(check("-2*z/s"));
  }

  private static boolean checkPowers(String d01) {
    return check("Abs[z-1]^p", "Abs[z+1]^p", "p", "Abs[z-mu]^p --free p", d01);
  }

  /**
   * Fractional powers of rationals at the random values of p: equal numbers written two ways
   * compare equal (Symja's N had evaluated them in machine precision, 1e-16 apart), and a
   * difference wrong by 1e-20 of a term is still caught.
   */
  @Test
  void powersWithAFreeExponentAreComparedInHighPrecision() {
    String pieces = "Piecewise[{{-(-1-z)^p+(1-z)^p, z<=-1},{(1-z)^p-(1+z)^p, z<=1}}, (-1+z)^p-(1+z)^p]";
    assertTrue(checkPowers(pieces));
    assertFalse(checkPowers(pieces + "*(1+10^-20)"));
  }

  @Test
  void valuesAreTheDefaultThenInsideTheDomain() {
    List<IExpr> values = EmIdentity.values(SYMJA, "spec", "nu", ExactNumber.of(3), Domain.parse("nu", "0 < nu && nu < 5"));
    assertEquals(1 + EmIdentity.RANDOM_VALUES, values.size());
    assertEquals("3", Symja.inputForm(values.get(0)));
    for (IExpr v : values) {
      double x = v.evalf();
      assertTrue(x > 0 && x < 5, "outside the domain: " + v);
    }
  }
}
