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

  @Test
  void aSmoothEnergyHasNone() {
    Symja symja = new Symja();
    assertEquals(List.of(), KinksAtValues.of(symja, List.of(symja.evalTrusted("Log[1+((z-1)/s)^2]")), Map.of("s", of(1, 1))));
  }
}
