package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Every row of the table of closed forms in docs/DESIGN.md ("Closed forms"), worked by hand, must come out of
 * the engine by itself. Expected forms are written here from the table, not taken from the code.
 */
class ClosedFormTableTest {
  private static final Symja SYMJA = new Symja();

  private static Derivation derive(Optional<String> kernel, Optional<String> energy, String hyps, String stat, String... params) {
    Request r = new Request(kernel, energy, hyps, stat, List.of(params), List.of(), "1", Optional.empty());
    var spec = new SpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.bundled()).resolve(r);
    return new Deriver(SYMJA).derive(spec);
  }

  private static Derivation energy(String e, String hyps, String stat) {
    return derive(Optional.empty(), Optional.of(e), hyps, stat);
  }

  private static String closed(Derivation d) {
    return Symja.inputForm(d.closed().get(0));
  }

  /** closed - expected is identically zero (checked exactly at rational points and by Simplify). */
  private static void assertSameFunction(String expected, IExpr actual) {
    IExpr exp = SYMJA.evalTrusted(expected);
    IExpr z = SYMJA.symbol("z");
    for (IExpr p : new IExpr[] {F.QQ(-7, 3), F.CN1, F.QQ(-1, 5), F.QQ(1, 2), F.C2, F.ZZ(5)}) {
      IExpr gap = SYMJA.eval(F.N(F.Subtract(actual, exp).subs(z, p), F.ZZ(30)));
      assertTrue(Math.abs(gap.evalf()) < 1e-25, () -> "differs at z = " + p + ": " + actual + " vs " + expected);
    }
  }

  @Test
  void signedGaussianMeanIsTanh() {
    Derivation d = energy("(z-mu)^2/2", "1:1,-1:-1", "mean");
    assertEquals("Tanh[z]", closed(d));
    assertTrue(d.emIdentity());
    Derivation k = derive(Optional.of("gaussian"), Optional.empty(), "signed", "mean");
    assertEquals("Tanh[z]", closed(k));
  }

  @Test
  void scaledGaussianMeanIsTanhOfMzOverS2() {
    // centers +-m with m = 3/2, s = 1/2: tanh(m z / s^2) = tanh(6 z)
    Derivation d = derive(Optional.of("gaussian"), Optional.empty(), "3/2:1,-3/2:-1", "mean", "s=1/2");
    assertEquals("Tanh[6*z]", closed(d));
  }

  @Test
  void signedGaussianResponsibilityIsLogisticOf2z() {
    Derivation d = derive(Optional.of("gaussian"), Optional.empty(), "signed", "responsibilities");
    assertSameFunction("1/(1+Exp[-2*z])", d.closed().get(0));
    assertSameFunction("1/(1+Exp[2*z])", d.closed().get(1));
  }

  @Test
  void gatedGaussianMeanIsSiluFamily() {
    Derivation d = derive(Optional.of("gaussian"), Optional.empty(), "gated", "mean");
    assertSameFunction("z/(1+Exp[-2*z])", d.closed().get(0));
  }

  @Test
  void gatedModeIsRelu() {
    assertEquals("Max[z,0]", closed(derive(Optional.of("gaussian"), Optional.empty(), "gated", "mode")));
  }

  @Test
  void signedModeIsSign() {
    assertEquals("Sign[z]", closed(derive(Optional.of("gaussian"), Optional.empty(), "signed", "mode")));
  }

  @Test
  void signedFreeEnergyIsSoftplusFamily() {
    Derivation d = derive(Optional.of("gaussian"), Optional.empty(), "signed", "free-energy");
    assertSameFunction("(z^2+1)/2 - Log[2*Cosh[z]]", d.closed().get(0));
  }

  @Test
  void studentTAndCauchyMeansAreRational() {
    Derivation t = energy("2*Log[1+(z-mu)^2/3]", "1:1,-1:-1", "mean");
    assertSameFunction("4*z*(z^2+4)/(z^4+12*z^2+16)", t.closed().get(0));
    Derivation c = energy("Log[1+(z-mu)^2]", "1:1,-1:-1", "mean");
    assertSameFunction("2*z/(z^2+2)", c.closed().get(0));
    for (Derivation d : List.of(t, c)) {
      String s = closed(d) + " " + Symja.inputForm(d.closedDerivative().get(0));
      for (String banned : List.of("Log", "Exp", "E^", "Tanh")) {
        assertTrue(!s.contains(banned), () -> "not rational: " + s);
      }
    }
    // the catalog kernel, full NLL with nu = 3, is the same function
    assertSameFunction("4*z*(z^2+4)/(z^4+12*z^2+16)", derive(Optional.of("student-t"), Optional.empty(), "signed", "mean").closed().get(0));
  }

  @Test
  void laplaceMeanIsClampedTanh() {
    Derivation d = derive(Optional.of("laplace"), Optional.empty(), "signed", "mean");
    assertEquals("Tanh[Clip[z,{-1,1}]]", closed(d));
    assertTrue(d.kinks().containsAll(List.of("-1", "1")));
  }

  @Test
  void modesHaveNoTranscendentals() {
    for (String h : List.of("signed", "gated")) {
      String s = closed(derive(Optional.of("gaussian"), Optional.empty(), h, "mode"));
      for (String banned : List.of("Exp", "E^", "Tanh", "Log")) assertTrue(!s.contains(banned), s);
    }
  }

  @Test
  void derivativeOfClosedFormIsTheDerivative() {
    Derivation t = energy("2*Log[1+(z-mu)^2/3]", "1:1,-1:-1", "mean");
    assertSameFunction("D[4*z*(z^2+4)/(z^4+12*z^2+16), z]", t.closedDerivative().get(0));
    Derivation g = derive(Optional.of("gaussian"), Optional.empty(), "signed", "mean");
    assertSameFunction("Sech[z]^2", g.closedDerivative().get(0));
  }

  @Test
  void huberDifferencesSplitAtAllBreakpoints() {
    Derivation d = derive(Optional.of("huber"), Optional.empty(), "signed", "mean");
    assertTrue(d.emIdentity(), () -> String.join("; ", d.notes()));
    // outside [-2, 2] both energies are linear: the difference is constant and mean = +-tanh(1)
    IExpr z = SYMJA.symbol("z");
    assertSameFunction("Tanh[1]", d.closed().get(0).subs(z, F.ZZ(7)));
    assertSameFunction("-Tanh[1]", d.closed().get(0).subs(z, F.ZZ(-7)));
  }

  @Test
  void freeParameterHasItsOwnDerivative() {
    Request r = new Request(Optional.of("gaussian"), Optional.empty(), "signed", "mean", List.of(), List.of("s"), "1", Optional.empty());
    var spec = new SpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.bundled()).resolve(r);
    Derivation d = new Deriver(SYMJA).derive(spec);
    assertEquals(List.of("s"), List.copyOf(d.parameterDerivatives().keySet()));
    // mean = tanh(z/s^2): d/ds = -2 z sech(z/s^2)^2 / s^3
    IExpr s = SYMJA.symbol("s");
    IExpr at = SYMJA.eval(d.parameterDerivatives().get("s").get(0).subs(s, F.C2));
    assertSameFunction("-2*z*Sech[z/4]^2/8", at);
  }
}
