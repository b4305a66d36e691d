package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/** Branches at 0 are found exactly, and the branch next to 0 is the one that holds there. */
class KinkAtZeroTest {
  private static final Symja SYMJA = new Symja();

  private static IExpr form(String text) {
    return SYMJA.evalTrusted(text);
  }

  private static void same(String expected, IExpr actual) {
    assertTrue(SYMJA.eval(form("(" + expected + ") - (" + actual + ")")).isZero(), () -> expected + " against " + actual);
  }

  @Test
  void branchesThatSwitchAtZero() {
    // the Student-t mode: the energies' difference vanishes at 0 only after Log[4/3] - Log[4/3]
    assertTrue(KinkAtZero.in(SYMJA, form("-Sign[Log[1/3*(4-2*z+z^2)]-Log[1+(1+z)^2/3]]")));
    assertTrue(KinkAtZero.in(SYMJA, form("z*Abs[z]")));
    assertTrue(KinkAtZero.in(SYMJA, form("Max[z, 0]^2")));
    assertTrue(KinkAtZero.in(SYMJA, form("Piecewise[{{z, z <= 0}}, z^2]")));
    assertTrue(KinkAtZero.in(SYMJA, form("Clip[2*z, {0, 1}]")));
  }

  @Test
  void branchesAwayFromZero() {
    assertFalse(KinkAtZero.in(SYMJA, form("Piecewise[{{0, z <= -1}, {z^3, z <= 1}}, 1]")));
    assertFalse(KinkAtZero.in(SYMJA, form("Abs[z + 2]*z")));
    assertFalse(KinkAtZero.in(SYMJA, form("Sign[z - a]*z"))); // undecided: a parameter
    assertFalse(KinkAtZero.in(SYMJA, form("Tanh[z]")));
  }

  @Test
  void theBranchNextToZero() {
    same("z^3", KinkAtZero.localised(SYMJA, form("Piecewise[{{0, z <= -1}, {z^3, z <= 1}}, 1]")));
    same("z^3 + 1", KinkAtZero.localised(SYMJA, form("Piecewise[{{0, z >= 1}}, z^3] + 1")));
    same("(z + 2)*z", KinkAtZero.localised(SYMJA, form("Abs[z + 2]*z")));
    same("-z", KinkAtZero.localised(SYMJA, form("Sign[z - 3]*z")));
    same("Tanh[z + 1]", KinkAtZero.localised(SYMJA, form("Max[Tanh[z + 1], Tanh[z - 1]]")));
    same("z - 1", KinkAtZero.localised(SYMJA, form("Min[z + 2, z - 1, z^2]")));
    IExpr parametric = form("Sign[z - a]*z");
    assertEquals(parametric, KinkAtZero.localised(SYMJA, parametric));
  }
}
