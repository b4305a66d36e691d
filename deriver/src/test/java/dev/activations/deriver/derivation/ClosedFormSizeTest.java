package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The closed forms the engine must find, with their sizes: a change that makes one of them longer
 * (more operations, {@link OperationCount}) fails here.
 *
 * <p>Each row holds a form worked out by hand from the definition and the number of operations of
 * that form, counted by hand (and cross-checked with SymPy 1.14's {@code count_ops} on the same
 * form, which agrees on every row). The engine's closed form must be the same function (checked at
 * six rational points to 30 digits) and have at most that many operations. Nothing expected here
 * comes from the code under test.
 */
class ClosedFormSizeTest {
  private static final Symja SYMJA = new Symja();

  /** A spec, the hand-derived closed form, and its operation count (hand-counted). */
  static Stream<Arguments> rows() {
    return Stream.of(
        // The table: what a mathematician writes.
        // tanh((log cosh(z+1) - log cosh(z-1))/2) = (cosh(z+1)-cosh(z-1))/(cosh(z+1)+cosh(z-1))
        //   = 2 sinh 1 sinh z / (2 cosh 1 cosh z): tanh, tanh, one product = 3
        row("--energy", "Log[Cosh[z-mu]]", "signed", "mean", "Tanh[1]*Tanh[z]", 3),
        // z logistic(D) = z (1 + tanh(D/2))/2: divide, multiply, add, multiply, tanh, tanh = 6
        row("--energy", "Log[Cosh[z-mu]]", "gated", "mean", "z*(1+Tanh[1]*Tanh[z])/2", 6),
        // (a-b)/(a+b) with a = 1+e^(-1-z), b = 1+e^(1-z), times e^z/2 above and below:
        // negate, divide, sinh, add, exp, cosh = 6
        row("--kernel", "logistic", "signed", "mean", "-Sinh[1]/(E^z+Cosh[1])", 6),
        // binary entropy softplus(2z) - 2z logistic(2z): subtract; log, add, exp, multiply;
        // divide, multiply, add, exp, negate, multiply = 11
        row("--kernel", "gaussian", "gated", "entropy", "Log[1+E^(2*z)]-2*z/(1+E^(-2*z))", 11),
        // The table of results the engine must find (centres +-1, unit scale, T = 1).
        row("--kernel", "gaussian", "signed", "mean", "Tanh[z]", 1),
        row("--kernel", "gaussian", "3/2:1,-3/2:-1", "mean", "Tanh[6*z]", 2, "s=1/2"),
        // logistic(2z) = (1 + tanh z)/2: divide, add, tanh = 3
        row("--kernel", "gaussian", "signed", "responsibilities", "(1+Tanh[z])/2", 3),
        // z logistic(2z) = z (1 + tanh z)/2: divide, multiply, add, tanh = 4
        row("--kernel", "gaussian", "gated", "mean", "z*(1+Tanh[z])/2", 4),
        row("--kernel", "gaussian", "gated", "mode", "Max[z,0]", 1),
        row("--kernel", "gaussian", "signed", "mode", "Sign[z]", 1),
        // (z^2+1)/2 - log(2 cosh z): divide, add, power, subtract, log, multiply, cosh = 7
        row("--kernel", "gaussian", "signed", "free-energy", "(z^2+1)/2-Log[2*Cosh[z]]", 7),
        // 4z(z^2+4)/(z^4+12z^2+16): 2 multiplications, add, power; divide; 2 additions,
        // multiply, 2 powers = 10
        row("--energy", "2*Log[1+(z-mu)^2/3]", "signed", "mean", "4*z*(z^2+4)/(z^4+12*z^2+16)", 10),
        row("--kernel", "student-t", "signed", "mean", "4*z*(z^2+4)/(z^4+12*z^2+16)", 10),
        // 2z/(z^2+2): divide, multiply, add, power = 4
        row("--energy", "Log[1+(z-mu)^2]", "signed", "mean", "2*z/(z^2+2)", 4),
        // tanh(clip(z, -1, 1)): tanh, clip, the negative bound = 3
        row("--kernel", "laplace", "signed", "mean", "Tanh[Clip[z,{-1,1}]]", 3),
        // Two hypotheses' variance r1 r2 (g1-g2)^2 = sech(D/2)^2 (g1-g2)^2/4: power, sech = 2
        row("--kernel", "gaussian", "signed", "variance", "Sech[z]^2", 2),
        // 1 - tanh(D/2)^2 with tanh(D/2) = tanh 1 tanh z: subtract, multiply, 2 powers, 2 tanh = 6
        row("--energy", "Log[Cosh[z-mu]]", "signed", "variance", "1-Tanh[1]^2*Tanh[z]^2", 6),
        // Several hypotheses, per pair: with weights e^(-z), e^(1/2), e^z (the energies less their
        // mean, shifted), the partition function is 2 cosh z + sqrt(e) and the numerator 2 sinh z:
        // divide, 2 multiplications, sinh, add, cosh, sqrt(e) (SymPy: exp and a division) = 8
        row("--kernel", "gaussian", "prototypes:3", "mean", "2*Sinh[z]/(2*Cosh[z]+Sqrt[E])", 8),
        // sum over pairs (g_i-g_j)^2 w_i w_j / Z^2 = (4 + 2 sqrt(e) cosh z)/(2 cosh z + sqrt(e))^2 = 13
        row("--kernel", "gaussian", "prototypes:3", "variance", "(4+2*Sqrt[E]*Cosh[z])/(2*Cosh[z]+Sqrt[E])^2", 13),
        // log Z - E[x] with Z = 2 cosh z, x = +-z: log(2 cosh z) - z tanh z = 6
        row("--kernel", "gaussian", "signed", "entropy", "Log[2*Cosh[z]]-z*Tanh[z]", 6),
        // r1 r2 (g1-g2)^2 = 4 (z^2-2z+2)(z^2+2z+2)/(z^2+2)^2/4, and (z^2+2)^2 - 4z^2 = z^4+4: 6
        row("--kernel", "cauchy", "signed", "variance", "(z^4+4)/(z^2+2)^2", 6),
        // the same with (z^2+4)^2 - 4z^2 = z^4+4z^2+16, squared: 13
        row("--kernel", "student-t", "signed", "variance", "(z^4+4*z^2+16)^2/(z^4+12*z^2+16)^2", 13),
        // (1 + mean)/2 = 1/2 + z/(z^2+2): 2 additions, 2 divisions, power = 5
        row("--kernel", "cauchy", "signed", "responsibilities", "1/2+z/(z^2+2)", 5),
        // -log(1/(1+(z-1)^2) + 1/(1+(z+1)^2)) = log((z^4+4)/(2(z^2+2))) = 7
        row("--kernel", "cauchy", "signed", "free-energy", "Log[(z^4+4)/(2*(z^2+2))]", 7),
        // -log(sech(z-1) + sech(z+1)): negate, log, add, 2 sech, subtract, add = 7
        row("--energy", "Log[Cosh[z-mu]]", "signed", "free-energy", "-Log[Sech[z-1]+Sech[z+1]]", 7),
        // scaled centres and values: tanh((log cosh(z+2) - log cosh(z-2))/2) = tanh 2 tanh z, times 2 = 4
        row("--energy", "Log[Cosh[z-mu]]", "2:2,-2:-2", "mean", "2*Tanh[2]*Tanh[z]", 4),
        // a scaled argument: (cosh(2z+2) - cosh(2z-2))/(cosh(2z+2) + cosh(2z-2)) = tanh 2 tanh 2z = 4
        row("--energy", "Log[Cosh[2*(z-mu)]]", "signed", "mean", "Tanh[2]*Tanh[2*z]", 4),
        // a scale parameter: ((z+1)^2 - (z-1)^2)/((z+1)^2 + (z-1)^2 + 8) = 2z/(z^2+5) = 4
        row("--kernel", "cauchy", "signed", "mean", "2*z/(z^2+5)", 4, "s=2"),
        // four Gaussian prototypes at +-1, +-2: weights e^(+-2z-2), e^(+-z-1/2), paired, times e^2/2:
        // (2 sinh 2z + e^(3/2) sinh z)/(cosh 2z + e^(3/2) cosh z) = 16 (SymPy: 16)
        row("--kernel", "gaussian", "2:2,1:1,-1:-1,-2:-2", "mean", "(2*Sinh[2*z]+E^(3/2)*Sinh[z])/(Cosh[2*z]+E^(3/2)*Cosh[z])", 16),
        // three prototypes at T = 2: 2 sinh(z/2)/(2 cosh(z/2) + e^(1/4)) = 10 (SymPy: 10)
        row("--kernel", "gaussian", "prototypes:3", "mean", "2*Sinh[z/2]/(2*Cosh[z/2]+E^(1/4))", 10, "T=2"));
  }

  private static Arguments row(String source, String name, String hypotheses, String stat, String expected, int operations,
      String... params) {
    return Arguments.of(source, name, hypotheses, stat, expected, operations, List.of(params));
  }

  @ParameterizedTest(name = "{0} {1} --hypotheses {2} --stat {3}: {4}")
  @MethodSource("rows")
  void closedFormIsAsSmallAsTheHandDerivedOne(String source, String name, String hypotheses, String stat, String expected,
      int operations, List<String> params) {
    Optional<String> kernel = source.equals("--kernel") ? Optional.of(name) : Optional.empty();
    Optional<String> energy = source.equals("--energy") ? Optional.of(name) : Optional.empty();
    // "T=2" among the parameters is the temperature
    String temperature = params.stream().filter(p -> p.startsWith("T=")).map(p -> p.substring(2)).findFirst().orElse("1");
    List<String> kernelParams = params.stream().filter(p -> !p.startsWith("T=")).toList();
    Request r = new Request(kernel, energy, hypotheses, stat, kernelParams, List.of(), temperature, Optional.empty());
    var spec = new SpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.bundled()).resolve(r);
    Derivation d = new Deriver(SYMJA).derive(spec);
    IExpr closed = d.closed().get(0);
    assertSameFunction(expected, closed);
    int size = OperationCount.of(closed);
    assertTrue(size <= operations, () -> "closed form " + closed + " has " + size + " operations; the hand-derived "
        + expected + " has " + operations);
  }

  /** The hand counts above, for the measure itself: each form counted operation by operation. */
  @ParameterizedTest(name = "{0} has {1} operations")
  @MethodSource("handCounts")
  void operationCountCountsAsWritten(String form, int operations) {
    assertEquals(operations, OperationCount.of(SYMJA.evalTrusted(form)), form);
  }

  static Stream<Arguments> handCounts() {
    return Stream.of(
        Arguments.of("z", 0),
        Arguments.of("-z", 1),
        Arguments.of("Tanh[z]", 1),
        Arguments.of("Tanh[1]*Tanh[z]", 3),
        Arguments.of("z/(1+E^(-2*z))", 5),                  // divide, add, exp, negate, multiply
        Arguments.of("-Sinh[1]/(E^z+Cosh[1])", 6),          // negate, divide, sinh, add, exp, cosh
        Arguments.of("z*(1+Tanh[1]*Tanh[z])/2", 6),
        Arguments.of("a-b", 1),                             // one subtraction, no negation
        Arguments.of("-a-b", 2),                            // a subtraction and a negation
        Arguments.of("z/2", 1),
        Arguments.of("3*z/2", 2),                           // multiply, divide
        Arguments.of("1/(a*b)", 2),                         // divide, multiply
        Arguments.of("a/b^2", 2),                           // divide, power
        Arguments.of("Sech[z]^2", 2),
        Arguments.of("(1+z)^2/2-Log[1+E^(2*z)]", 8),
        Arguments.of("(4*z*(4+z^2))/(16+12*z^2+z^4)", 10),
        Arguments.of("Log[1+E^(2*z)]-2*z/(1+E^(-2*z))", 11),
        Arguments.of("1-Sinh[1]^2/(E^z+Cosh[1])^2", 8),
        Arguments.of("Sqrt[z]", 1),
        Arguments.of("Tanh[Clip[z,{-1,1}]]", 3));
  }

  /** closed - expected vanishes at six rational points (30 digits). */
  private static void assertSameFunction(String expected, IExpr actual) {
    IExpr exp = SYMJA.evalTrusted(expected);
    IExpr z = SYMJA.symbol("z");
    for (IExpr p : new IExpr[] {F.QQ(-7, 3), F.CN1, F.QQ(-1, 5), F.QQ(1, 2), F.C2, F.ZZ(5)}) {
      IExpr gap = SYMJA.eval(F.N(F.Subtract(actual, exp).subs(z, p), F.ZZ(30)));
      assertTrue(Math.abs(gap.evalf()) < 1e-25, () -> "differs at z = " + p + ": " + actual + " vs " + expected);
    }
  }
}
