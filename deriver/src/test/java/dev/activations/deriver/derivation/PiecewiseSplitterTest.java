package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/** {@link PiecewiseSplitter}: where it splits an expression with Max, Min and Abs. */
class PiecewiseSplitterTest {
  private static final Symja SYMJA = new Symja();

  private static List<Double> breakpoints(String text) {
    return breakpoints(SYMJA.evalTrusted(text), text);
  }

  private static List<Double> breakpoints(IExpr e, String text) {
    Optional<List<PiecewiseSplitter.Piece>> pieces = new PiecewiseSplitter(SYMJA).split(e);
    assertTrue(pieces.isPresent(), text + " was not split");
    List<Double> out = new ArrayList<>();
    for (PiecewiseSplitter.Piece p : pieces.get()) p.upper().ifPresent(u -> out.add(u.evalf()));
    return out;
  }

  private static void assertBreakpoints(List<Double> expected, List<Double> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), 1e-15 * Math.abs(expected.get(i)), actual.toString());
  }

  /**
   * The breakpoints of {@code Max[Exp[-Abs[z-1]], 1/10] - Max[Exp[-Abs[z]], 1/10]} are those of
   * each term, {@code +-Log[10]} and {@code 1 +- Log[10]}, and the Abs kinks 0 and 1: transcendental
   * roots, found by inverting the exponential (the split declined before, and the three-prototype
   * mean was 0 for 1.8e-115 next to z = 0).
   */
  @Test
  void breakpointsOfAnExponentialAreItsLogarithms() {
    double l = Math.log(10);
    assertBreakpoints(List.of(-l, 1 - l, 0.0, 1.0, l, 1 + l),
        breakpoints("Max[Exp[-Abs[z-1]], 1/10] - Max[Exp[-Abs[z]], 1/10]"));
    assertBreakpoints(List.of(-1 - l, 1 - l, -1.0, 1.0, -1 + l, 1 + l),
        breakpoints("Max[Exp[-Abs[z+1]], 1/10] - Max[Exp[-Abs[z-1]], 1/10]"));
  }

  /**
   * The same difference as the derivation meets it: the spec's energies are not evaluated, so the
   * exponential is an {@code Exp} call, not a power of E.
   */
  @Test
  void anUnevaluatedExpIsInvertedToo() {
    IExpr z = SYMJA.symbol("z");
    IExpr one = F.Max(F.unaryAST1(S.Exp, F.Negate(F.Abs(F.Plus(z, F.CN1)))), F.QQ(1, 10));
    IExpr other = F.Max(F.unaryAST1(S.Exp, F.Negate(F.Abs(z))), F.QQ(1, 10));
    double l = Math.log(10);
    assertBreakpoints(List.of(-l, 1 - l, 0.0, 1.0, l, 1 + l), breakpoints(F.Subtract(one, other), "Exp[..] - Exp[..]"));
  }

  /** {@code Min[Abs[z-1]^(3/2), 1]}: the power inverted, breakpoints 0, 1, 2. */
  @Test
  void breakpointsOfAFractionalPowerAreItsRoots() {
    assertBreakpoints(List.of(0.0, 1.0, 2.0), breakpoints("Min[Abs[z-1]^(3/2), 1]"));
  }

  /** {@code Min[Log[1+(z-1)^2], 1]}: the logarithm inverted, then a quadratic: {@code 1 +- Sqrt[E-1]}. */
  @Test
  void breakpointsOfALogarithmAreExponentials() {
    double r = Math.sqrt(Math.E - 1);
    assertBreakpoints(List.of(1 - r, 1 + r), breakpoints("Min[Log[1+(z-1)^2], 1]"));
  }
}
