package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/** The pieces of the closed-form search: the equivalence check, the exponential contraction, the choice. */
class ClosedFormRoutesTest {
  private static final Symja SYMJA = new Symja();

  private static IExpr e(String text) {
    return SYMJA.evalTrusted(text);
  }

  @Test
  void equivalenceAcceptsIdentitiesAndRejectsNearMisses() {
    Equivalence eq = new Equivalence(SYMJA);
    assertTrue(eq.same(e("Tanh[1]*Tanh[z]"), e("Tanh[(Log[Cosh[1+z]]-Log[Cosh[1-z]])/2]")));
    assertFalse(eq.same(e("Tanh[z]"), e("Tanh[(Log[Cosh[1+z]]-Log[Cosh[1-z]])/2]")));
    // 1e-20 apart: the 40-digit reference sees it
    assertFalse(eq.same(e("Tanh[1]*Tanh[z]+10^-20"), e("Tanh[1]*Tanh[z]")));
    // rational: exact
    assertTrue(eq.same(e("(16*z+4*z^3)/(16+12*z^2+z^4)"), e("4*z*(4+z^2)/(16+12*z^2+z^4)")));
    assertFalse(eq.same(e("(16*z+4*z^3)/(16+12*z^2+z^4)"), e("(16*z+4*z^3)/(16+12*z^2+z^4+10^-40*z^4)")));
    // free parameters are bound to the same values on both sides
    assertTrue(eq.same(e("Tanh[z/s^2]"), e("(E^(2*z/s^2)-1)/(E^(2*z/s^2)+1)")));
    assertFalse(eq.same(e("Tanh[z/s^2]"), e("Tanh[z/s]")));
  }

  @Test
  void constantExponentialsContractToHyperbolics() {
    ExponentialConstants c = new ExponentialConstants(SYMJA, WorkBudget.PIECE);
    assertEquals("-Sinh[1]/(E^z+Cosh[1])", Symja.inputForm(c.contract(e("(1-E^2)/(1+E^2+2*E^(1+z))")).orElseThrow()));
    // slope 2: the pairs share E^(2z)
    assertEquals("-Sinh[2]/(E^(2*z)+Cosh[2])",
        Symja.inputForm(c.contract(e("(E^(2*(-1+z))-E^(2*(1+z)))/(E^(2*(-1+z))+E^(2*(1+z))+2*E^(4*z))")).orElseThrow()));
    // nothing pairs: coefficients of different size
    assertTrue(c.contract(e("(1-2*E^2)/(1+E^z)")).isEmpty());
  }

  @Test
  void aSmallerFormThatIsNotEqualNeverWins() {
    ClosedFormRoutes routes = new ClosedFormRoutes(SYMJA, WorkBudget.PIECE);
    IExpr reference = e("Tanh[(Log[Cosh[1+z]]-Log[Cosh[1-z]])/2]");
    List<String> notes = new ArrayList<>();
    ClosedFormRoutes.Candidate wrong = new ClosedFormRoutes.Candidate(e("Tanh[z]"), "a wrong rule");
    IExpr quotient = e("(Cosh[1+z]-Cosh[1-z])/(Cosh[1+z]+Cosh[1-z])");
    ClosedFormRoutes.Candidate chosen = routes.smallest(quotient, List.of(wrong), reference, notes);
    assertEquals("Tanh[1]*Tanh[z]", Symja.inputForm(chosen.expr()), chosen.route());
  }
}
