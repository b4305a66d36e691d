package dev.activations.deriver.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Exponentials whose expanded exponents would hand Symja's factorisation a polynomial of degree in
 * the tens of thousands are recognised before the call, and the call is not made (it used to run
 * into the 20 s CPU watchdog); ordinary exponentials are still simplified.
 */
class ExponentialDegreeTest {
  private final Symja symja = new Symja();

  @Test
  void theDegreeIsTheSumOfTheExpandedExponentsCoefficients() {
    // (8 + 18z + 9z^2)^3 = 512 + 3456 z + 9504 z^2 + 13608 z^3 + 10692 z^4 + 4374 z^5 + 729 z^6
    // (multiplied out by hand); the constant term is no variable's power
    assertEquals(42_363, ExponentialDegree.of(symja, symja.evalTrusted("1/(1 + 2*E^(8 + 18*z + 9*z^2)^3)")));
    // the largest over the expression's exponentials; a hyperbolic function's argument counts
    assertEquals(117, ExponentialDegree.of(symja, symja.evalTrusted("E^z + Cosh[(2 + 3*z)^3]")));
    // a parameter's coefficient counts 1; rationals by their numerators
    assertEquals(1 + 3, ExponentialDegree.of(symja, symja.evalTrusted("E^(a*z + 3/2*z^2)")));
    assertEquals(0, ExponentialDegree.of(symja, symja.evalTrusted("Log[1 + z^2]/(1 + z)")));
  }

  @Test
  void aCallAboveTheLimitIsNotMadeAndTheNoteSaysWhy() {
    Bounded.drainLedger();
    IExpr heavy = symja.evalTrusted("1/(2 + E^(-(8 + 18*z + 9*z^2)^3)) - 1/(1 + 2*E^(8 + 18*z + 9*z^2)^3)");
    long t0 = System.nanoTime();
    assertTrue(Bounded.apply(symja, "Simplify", heavy, WorkBudget.PIECE).isEmpty());
    double seconds = (System.nanoTime() - t0) / 1e9;
    // without the rule this call ran until the watchdog's 20 s of CPU time
    assertTrue(seconds < 10, "took " + seconds + " s");
    List<String> notes = Bounded.drainLedger();
    assertEquals(1, notes.size(), notes::toString);
    assertTrue(notes.get(0).contains("degree 42363"), notes.get(0));
  }

  @Test
  void aLargeMultipleIsNotExpandedBySimplify() {
    // the largest coefficient over the expanded exponents (by hand: 36; 2 + 3z cubed has 54 z^2)
    assertEquals(36, ExponentialDegree.largestMultiple(symja, symja.evalTrusted("4/((1+E^(-36*z))*(1+E^(36*z)))")));
    assertEquals(54, ExponentialDegree.largestMultiple(symja, symja.evalTrusted("E^z + Cosh[(2 + 3*z)^3]")));
    assertEquals(0, ExponentialDegree.largestMultiple(symja, symja.evalTrusted("Log[1 + z^2]/(1 + z)")));
    Bounded.drainLedger();
    long t0 = System.nanoTime();
    // without the rule TrigExpand wrote Cosh[36 z] as about 2^36 terms (out of a 2 GB heap)
    assertTrue(Bounded.apply(symja, "Simplify", symja.evalTrusted("4/((1+E^(-36*z))*(1+E^(36*z)))"), WorkBudget.PIECE).isEmpty());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds < 5, "took " + seconds + " s");
    List<String> notes = Bounded.drainLedger();
    assertEquals(1, notes.size(), notes::toString);
    assertTrue(notes.get(0).contains("36 times a term"), notes.get(0));
    // below the limit the call is made (by hand, 4/((1+e^-8z)(1+e^8z)) = 2/(1 + cosh 8z))
    assertEquals(symja.evalTrusted("2/(1+Cosh[8*z])"),
        Bounded.apply(symja, "Simplify", symja.evalTrusted("4/((1+E^(-8*z))*(1+E^(8*z)))"), WorkBudget.PIECE).orElseThrow());
  }

  @Test
  void aCallBelowTheLimitIsMade() {
    // the same shape as above with the exponent z^3 (degree 1): Symja combines the two fractions
    IExpr light = symja.evalTrusted("1/(2 + E^(-z^3)) - 1/(1 + 2*E^(z^3))");
    Optional<IExpr> r = Bounded.apply(symja, "Simplify", light, WorkBudget.PIECE);
    assertEquals(symja.evalTrusted("(1 - E^(z^3))/(-1 - 2*E^(z^3))"), r.orElseThrow());
  }
}
