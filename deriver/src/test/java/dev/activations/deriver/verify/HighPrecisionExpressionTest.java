package dev.activations.deriver.verify;

import static dev.activations.deriver.verify.Oracle.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per supported construct, each against a value worked out by hand (exact rationals) or a
 * constant quoted to 50 digits, and one per kind of rejected input.
 */
class HighPrecisionExpressionTest {

  private static final String E = "2.7182818284590452353602874713526624977572470936999";
  private static final String PI = "3.1415926535897932384626433832795028841971693993751";
  private static final String LN10 = "2.3025850929940456840179914546843642076011014886287";
  private static final String SQRT2 = "1.4142135623730950488016887242096980785696718753769";
  private static final String CBRT2 = "1.2599210498948731647672106072782283505702514647015";
  private static final String SINH1 = "1.175201193643801456882381850595600815155717981334";
  private static final String COSH1 = "1.5430806348152437784779056207570616826015291123658";
  private static final String TANH1 = "0.76159415595576488811945828260479359041276859725793";
  private static final String SECH1 = "0.64805427366388539957497735322615032310848931207194";

  /** Evaluates at 60 digits with the given bindings (name, decimal, name, decimal, ...). */
  private static BigDecimal eval(String text, String... bindings) {
    Map<String, Apfloat> b = new HashMap<>();
    for (int i = 0; i < bindings.length; i += 2) b.put(bindings[i], new Apfloat(bindings[i + 1]));
    return Oracle.decimal(HighPrecisionExpression.parse(text).evaluate(b, 60));
  }

  private static void assertValue(String expected, String text, String... bindings) {
    assertClose(text, new BigDecimal(expected), eval(text, bindings), 45);
  }

  // ------------------------------------------------------------------ numbers

  @ParameterizedTest
  @CsvSource({
    "3, 3",
    "-3, -3",
    "-1/2, -0.5",
    "'-(1/2)', -0.5",
    "'-(-1/2)', 0.5",
    "6/4, 1.5",
    "0.25, 0.25",
    "2.5*^-3, 0.0025",
    "1E-2, 0.01",
    "1.5e300, 1.5e300",
    "123456789012345678901234567890, 123456789012345678901234567890",
  })
  void numbersAreTheExactValuesTheyDenote(String text, String expected) {
    // 1E-2 is the trap of the default parser configuration (it would read -2 + E)
    assertEquals(0, new BigDecimal(expected).compareTo(eval(text)), text);
  }

  @Test
  void decimalLiteralsAreExactRationalsNotDoubles() {
    // 0.1 + 0.2 - 0.3 is 0 exactly for decimals; as doubles it would be 5.55e-17
    assertEquals(0, eval("0.1 + 0.2 - 0.3").signum());
  }

  // ------------------------------------------------------------------ symbols and constants

  @Test
  void symbolsAreBoundAndConstantsKnown() {
    assertValue("7", "z - mu", "z", "10", "mu", "3");
    assertValue(E, "E");
    assertValue(PI, "Pi");
    assertEquals(Set.of("mu", "s", "z"), HighPrecisionExpression.parse("(z-mu)^2/(2*s^2) + E + Pi").symbols());
  }

  @Test
  void missingBindingIsAnError() {
    var e = assertThrows(IllegalArgumentException.class, () -> eval("z + mu", "z", "1"));
    assertTrue(e.getMessage().contains("mu"), e.getMessage());
  }

  // ------------------------------------------------------------------ arithmetic

  @Test
  void plusTimesAndDivisionAreExact() {
    // (3 - 1)^2 / 2 = 2; 1/3 + 1/6 = 1/2; -x is Times[-1, x]
    assertValue("2", "(z-mu)^2/2", "z", "3", "mu", "1");
    assertValue("0.5", "1/3 + 1/6");
    assertValue("-4", "-z", "z", "4");
    assertValue("0.25", "a/b/c", "a", "1", "b", "2", "c", "2");
  }

  @Test
  void integerPowersAreExact() {
    // 4^-2 = 1/16; (-2)^3 = -8; 10^-3 = 1/1000; x^2^3 = x^8
    assertValue("0.0625", "z^-2", "z", "4");
    assertValue("-8", "(-2)^3");
    assertValue("0.001", "10^-3");
    assertValue("256", "x^2^3", "x", "2");
  }

  @Test
  void rationalAndRealPowers() {
    assertValue(SQRT2, "2^(1/2)");
    assertValue(SQRT2, "2^0.5");
    assertValue(CBRT2, "2^(1/3)");
    assertValue("2", "8^(1/3)");
    assertValue(E, "E^1");
    assertValue("0", "0^(1/3)");
  }

  @Test
  void sqrtIsExactOnSquaresAndCorrectElsewhere() {
    assertValue("1.5", "Sqrt[9/4]");
    assertValue(SQRT2, "Sqrt[2]");
    assertValue("0", "Sqrt[0]");
  }

  // ------------------------------------------------------------------ functions

  @Test
  void expAndLog() {
    assertValue(E, "Exp[1]");
    assertValue(LN10, "Log[10]");
    assertValue("1", "Log[E]");
    assertValue("0", "Log[1]");
    // ln(1 + 1e-30) = 1e-30 - 5e-61 + ...: relative accuracy next to 1
    assertValue("9.999999999999999999999999999995000000000000000000000000000003333e-31",
        "Log[1 + 10^-30]");
    // e^-1000 = 10^(-1000 / ln 10) = 5.0759588975494567652918094795743369193055992828928e-435
    assertValue("5.0759588975494567652918094795743369193055992828928e-435", "Exp[-1000]");
  }

  @Test
  void absMaxMinSign() {
    assertValue("0.75", "Abs[-3/4]");
    assertValue("3", "Max[1, 3, 2]");
    assertValue("-1", "Min[1, -1, 2]");
    assertValue("-1", "Sign[-2/3]");
    assertValue("0", "Sign[0]");
    assertValue("1", "Sign[Log[2]]");
  }

  @Test
  void hyperbolicFunctions() {
    assertValue(SINH1, "Sinh[1]");
    assertValue(COSH1, "Cosh[1]");
    assertValue(TANH1, "Tanh[1]");
    assertValue(SECH1, "Sech[1]");
    assertValue("-" + TANH1, "Tanh[-1]");
    // sinh x = x + x^3/6 + ...: relative accuracy for tiny x
    assertValue("1e-100", "Sinh[10^-100]");
    assertValue("1e-100", "Tanh[10^-100]");
    assertValue("1", "Tanh[10^20]");
  }

  @Test
  void logOfAnOverflowingExpIsItsArgument() {
    // ln(1 + e^x) = x + ln(1 + e^-x) = x for x = 1e300, far beyond apfloat's exponent range
    assertValue("1e300", "Log[1 + Exp[x]]", "x", "1e300");
    assertValue("1e300", "Log[Exp[x] * 2] - Log[2]", "x", "1e300");
  }

  // ------------------------------------------------------------------ Piecewise and conditions

  private static final String HUBER = "Piecewise[{{(z-mu)^2/2, Abs[z-mu] <= 1}}, Abs[z-mu] - 1/2]";

  @ParameterizedTest
  @CsvSource({
    // z, expected: mu = 1; |z - 1| <= 1 -> (z-1)^2/2, else |z - 1| - 1/2
    "1.5, 0.125",
    "2, 0.5", // the boundary: both branches give 1/2
    "3, 1.5",
    "-1, 1.5",
    "0, 0.5",
  })
  void huber(String z, String expected) {
    assertValue(expected, HUBER, "z", z, "mu", "1");
  }

  @Test
  void piecewiseWithoutDefaultIsZeroOutsideItsCases() {
    assertValue("0", "Piecewise[{{1, z > 0}}]", "z", "-1");
    assertValue("1", "Piecewise[{{1, z > 0}}]", "z", "1");
  }

  @ParameterizedTest
  @CsvSource({
    "z > 0, -1, 2",
    "z >= 0, 0, 1",
    "z < 0, 0, 2",
    "z <= 0, 0, 1",
    "z == 1/2, 0.5, 1",
    "z != 1/2, 0.5, 2",
    "0 < z < 1, 0.5, 1",
    "0 < z < 1, 1, 2",
    "0 <= z < 1, 0, 1",
    "z > 0 && z < 1, 0.5, 1",
    "z < 0 || z > 1, 0.5, 2",
    "!(z > 0), 1, 2",
    "True, 7, 1",
    "False, 7, 2",
    "1 != z != 2, 2, 2",
  })
  void conditions(String condition, String z, String branch) {
    // branch 1 when the condition holds, else the default 2
    assertValue(branch, "Piecewise[{{1, " + condition + "}}, 2]", "z", z);
  }

  // ------------------------------------------------------------------ errors

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Sin[z]|Sin",
    "f[z]|f",
    "Log[2, z]|Log",
    "\"text\"|String",
    "x = 5|Set",
    "#^2&|Function",
    "Exp|Exp",
    "Exp(z)|Exp",
    "I*z|I",
    "Infinity|Infinity",
    "z > 0|Greater",
    "{1, 2}|List",
    "z'|head",
    "--z|PreDecrement",
    "2 z|syntax",
    "z +|syntax",
    "Piecewise[{1, z > 0}]|Piecewise",
    "Piecewise[{{1, z}}]|condition",
  })
  void unsupportedConstructsAreRejectedByName(String text, String named) {
    var e = assertThrows(IllegalArgumentException.class, () -> HighPrecisionExpression.parse(text));
    assertTrue(e.getMessage().contains(named), () -> text + " -> " + e.getMessage());
  }

  @Test
  void deepNestingAndHugeInputAreRejectedBeforeParsing() {
    String deep = "(".repeat(5000) + "z" + ")".repeat(5000);
    assertThrows(IllegalArgumentException.class, () -> HighPrecisionExpression.parse(deep));
    String longText = "z+".repeat(60_000) + "z";
    assertThrows(IllegalArgumentException.class, () -> HighPrecisionExpression.parse(longText));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Log[-1]", "Log[0]", "1/(z - z)", "0^0", "Sqrt[-2]", "(-8)^(1/3)", "Exp[Exp[100]]"})
  void undefinedValuesAreArithmeticExceptions(String text) {
    assertThrows(ArithmeticException.class, () -> eval(text, "z", "1"));
  }

  @Test
  void workingPrecisionIsHonoured() {
    Apfloat v = HighPrecisionExpression.parse("Sqrt[2]").evaluate(Map.of(), 120);
    assertEquals(120, v.precision());
    // the 120-digit value agrees with sqrt(2) (to the 50 digits quoted)
    assertClose("sqrt2", new BigDecimal(SQRT2), Oracle.decimal(v), 48);
  }
}
