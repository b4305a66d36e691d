package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/** {@link Differences#simplifyPiece}: which of the candidate forms a piece keeps. */
class DifferencesTest {
  private static final Symja SYMJA = new Symja();

  /**
   * {@code 1 + E^-z - E^(1-z)}: Symja's Simplify writes it as {@code (1 - E + E^z)/E^z}, a product of
   * {@code E^-z} and a sum holding {@code E^z} (Inf * 0 from z = 710 on); the piece keeps a form
   * without such a product, equal to the input.
   */
  @Test
  void aSumOfExponentialsIsNotKeptOverACommonExponentialDenominator() {
    IExpr piece = SYMJA.evalTrusted("1+E^(-z)-E^(1-z)");
    IExpr kept = new Differences(SYMJA, WorkBudget.PIECE).simplifyPiece(piece);
    String text = Symja.inputForm(kept);
    assertFalse(text.contains("/E^z") || text.contains("(1-E+E^z)"), text);
    assertEquals(F.C0, SYMJA.eval(F.Expand(F.Subtract(kept, piece))), text);
  }
}
