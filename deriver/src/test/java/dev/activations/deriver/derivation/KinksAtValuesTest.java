package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KinksAtValues}: breakpoints that depend on a free parameter, taken at its value. */
class KinksAtValuesTest {
  private static ExactNumber of(long n, long d) {
    return new ExactNumber(BigInteger.valueOf(n), BigInteger.valueOf(d));
  }

  @Test
  void theTukeySupportsEndsAreKinksAtTheParametersValue() {
    Symja symja = new Symja();
    List<org.matheclipse.core.interfaces.IExpr> energies = List.of(
        symja.evalTrusted("Piecewise[{{1-(1-((z+1)/c)^2)^3, Abs[z+1]<=c}}, 1]"),
        symja.evalTrusted("Piecewise[{{1-(1-((z-1)/c)^2)^3, Abs[z-1]<=c}}, 1]"));
    assertEquals(List.of("-1", "-3", "1", "3"), KinksAtValues.of(symja, energies, Map.of("c", of(2, 1))),
        "sorted as InputForm strings");
    // the pieces' breakpoints, as the derivation's kinks are: also where Abs[z -+ 1] changes sign
    assertEquals(List.of("-1", "-1/2", "-3/2", "1", "1/2", "3/2"),
        KinksAtValues.of(symja, energies, Map.of("c", of(1, 2))));
  }

  /**
   * The energies bound to the defaults show the exponent a free p hides: {@code Abs[z-mu]^p} at
   * p = 3/2 is analytic in {@code |z - mu|^(1/2)} next to its kink (root order 2), which the
   * certification's kink splices expand in; symbolic, the order is 1.
   */
  @Test
  void boundEnergiesCarryTheDefaultExponent() {
    Symja symja = new Symja();
    List<org.matheclipse.core.interfaces.IExpr> energies = List.of(
        symja.evalTrusted("Abs[z+1]^p"), symja.evalTrusted("Abs[z]^p"), symja.evalTrusted("Abs[z-1]^p"));
    assertEquals(1, dev.activations.deriver.cli.Generation.rootOrder(energies));
    List<org.matheclipse.core.interfaces.IExpr> bound = KinksAtValues.bound(symja, energies, Map.of("p", of(3, 2)));
    assertEquals(2, dev.activations.deriver.cli.Generation.rootOrder(bound));
    assertEquals(4, dev.activations.deriver.cli.Generation.rootOrder(
        KinksAtValues.bound(symja, energies, Map.of("p", of(5, 4)))));
    assertEquals(energies, KinksAtValues.bound(symja, energies, Map.of()), "nothing to bind");
  }

  @Test
  void aSmoothEnergyHasNone() {
    Symja symja = new Symja();
    assertEquals(List.of(), KinksAtValues.of(symja, List.of(symja.evalTrusted("Log[1+((z-1)/s)^2]")), Map.of("s", of(1, 1))));
  }
}
