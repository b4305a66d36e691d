package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Lowerer's algebraic accuracy rewrites, each at a point where the naive evaluation of the
 * same expression fails; expected values are worked out by hand in the comments.
 */
class LowererTest {
  private static final Symja SYMJA = new Symja();
  private static final Lowerer LOWERER = new Lowerer(SYMJA, Set.of("z"));

  private static double at(String expr, double z) {
    return DoubleEvaluator.evaluate(LOWERER.lower(SYMJA.evalTrusted(expr)), z);
  }

  private static void assertRelative(double expected, double actual, double tolerance) {
    assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected), () -> "expected " + expected + " but was " + actual);
  }

  @Test
  void rootsOfExponentialArgumentsArePairedByTheirConjugate() {
    // sqrt(1 + e^(z-1)) - sqrt(1 + e^(z+1)): far left both roots are 1 + e^(z -+ 1)/2, so the
    // difference is (e^(z-1) - e^(z+1)) / (sqrt(..) + sqrt(..)), about e^z (e^-1 - e)/2; at z = -177.8
    // that is 3.6e-78 (by hand: e^-177.8 = 6.79e-78 times -1.1752), and as written 1 - 1 = 0
    double z = -177.8;
    double expected = Math.exp(z) * (Math.exp(-1) - Math.exp(1)) / 2;
    assertRelative(expected, at("Sqrt[1+E^(-1+z)]-Sqrt[1+E^(1+z)]", z), 1e-14);
    assertRelative(Math.sqrt(1 + Math.exp(-0.5)) - Math.sqrt(1 + Math.exp(1.5)), at("Sqrt[1+E^(-1+z)]-Sqrt[1+E^(1+z)]", 0.5), 1e-15);
  }

  @Test
  void arctangentsOfOneSignArePairedByTheirQuotient() {
    // atan((z-1)^2) - atan((z+1)^2) = atan(-4z / (1 + (z^2-1)^2)): far out about -4/z^3, which as
    // written is lost to the rounding of two values next to pi/2 (at z = 1e6: -4e-18 against pi/2's
    // ulp 2.2e-16; exact by hand -4e6/(1 + (1e12 - 1)^2) = -4.0000000000080e-18)
    String gap = "ArcTan[(-1+z)^2]-ArcTan[(1+z)^2]";
    double z = 1e6;
    assertRelative(-4 * z / (1 + Math.pow(z * z - 1, 2)), at(gap, z), 1e-14);
    // at z = 1e100 the quotient's terms overflow as written; in 1/z it is -4e-300
    assertRelative(-4e-300, at(gap, 1e100), 1e-14);
    // of opposite signs the terms add: atan(2) - atan(-1) = atan(2) + pi/4, as written
    assertRelative(Math.atan(2) + Math.PI / 4, at("ArcTan[z+1]-ArcTan[z-2]", 1), 1e-15);
  }

  @Test
  void inverseSinesOfOneSignArePairedByTheirQuotient() {
    // arsinh((z-1)^2) - arsinh((z+1)^2), about -4/z far out, where each term is about 2 log z + ln 2
    // (values from mpmath at 900 digits)
    String gap = "ArcSinh[(-1+z)^2]-ArcSinh[(1+z)^2]";
    assertRelative(-4.0000000000013333333e-6, at(gap, 1e6), 1e-14);
    // beyond 2^28 the quotient (u - v)/v is formed by Symja: (z-1)^2 and (z+1)^2 overflow at 1e200
    assertRelative(-4.0e-100, at(gap, 1e100), 1e-14);
    assertRelative(4.0e-200, at(gap, -1e200), 1e-14);
    // a difference of squares: both factors paired (the sum as a difference with -v), so the
    // root at 0 and the far tails keep their digits
    String squares = "ArcSinh[-1+z]^2-ArcSinh[1+z]^2";
    assertRelative(-2.4929009605609220536e-300, at(squares, 1e-300), 1e-14);
    assertRelative(1.8448406631174763285e-197, at(squares, -1e200), 1e-14);
    // of opposite signs the terms add, as written: arsinh(1) - arsinh(-2) = 0.88137... + 1.44364...
    assertRelative(0.881373587019543 + 1.4436354751788103, at("ArcSinh[z-1]-ArcSinh[z-4]", 2), 1e-15);
  }

  @Test
  void inverseSinesOfPowersTakeTheirLogarithmsFarOut() {
    // arsinh(z^2) at z = 3e160, where z^2 is Infinity: 2 log z + ln 2 = 739.71760151599078358
    assertRelative(739.71760151599078358, at("ArcSinh[z^2]", 3e160), 1e-15);
    // and the root of 1 + z^4 (the slope of arsinh(z^2)) as hypot(z^2, 1): 2e-100 at z = 1e100
    assertRelative(2.0e-100, at("2*(-1+z)/Sqrt[1+(-1+z)^4]", 1e100), 1e-15);
  }

  @Test
  void hyperbolicPairsArePairedAsExponentials() {
    // Symja's E^(-1-z) - Cosh[z] + Sinh[z] is e^(-1-z) - e^-z = e^-z expm1(-1): at z = -711 both
    // exponentials overflow and the difference as written is Inf - Inf; the exact value, -e^711 (1 -
    // 1/e), is beyond -MAX_VALUE, so -Infinity. At z = -3: e^3 (1/e - 1) = -12.696 (by hand)
    String gap = "E^(-1-z)-Cosh[z]+Sinh[z]";
    assertEquals(Double.NEGATIVE_INFINITY, at(gap, -711));
    assertRelative(Math.exp(3) * Math.expm1(-1), at(gap, -3), 1e-15);
    // Cosh + Sinh with a common factor is the exponential of +u
    assertRelative(2 * Math.exp(0.5), at("2*Cosh[z]+2*Sinh[z]", 0.5), 1e-15);
  }

  @Test
  void rationalFunctionsAreEvaluatedInOneOverZBeyondOne() {
    // 4z(z^2+4)/(z^4+12z^2+16) ~ 4/z for large z; z^4 overflows beyond 1.3e77
    assertRelative(4e-200, at("4*z*(z^2+4)/(z^4+12*z^2+16)", 1e200), 1e-15);
    assertRelative(4.0 * 0.5 * 4.25 / (0.0625 + 3 + 16), at("4*z*(z^2+4)/(z^4+12*z^2+16)", 0.5), 1e-15);
  }

  @Test
  void rationalFunctionsWithSquaredParametersAreTakenAsPairedFactors() {
    // the Student-t derivative's rational part, (2 (1+nu)^2 - 2 (1+nu) z^2) / ((1+nu)^2 + (2nu-2) z^2
    // + z^4) = 2 (1+nu) (1+nu-z^2) / ((nu+(z-1)^2) (nu+(z+1)^2)): (1+nu)^2 overflows from nu =
    // 1.3e154 on, and the expanded form is NaN at every z there
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "nu"));
    Expr e = lowerer.lower(SYMJA.evalTrusted("(2*(1+nu)^2 - 2*(1+nu)*z^2)/((1+nu)^2 + (2*nu-2)*z^2 + z^4)"));
    // nu = 1e200, z = 1.5: 2e200 * 1e200 / (1e200 * 1e200) = 2 (corrections of relative size 1e-200)
    assertRelative(2, DoubleEvaluator.evaluate(e, Map.of("z", 1.5, "nu", 1e200)), 1e-15);
    // nu = 1e200, z = 1e120: 2e200 (-1e240) / (1e240)^2 = -2e-40 (corrections 1e-40)
    assertRelative(-2e-40, DoubleEvaluator.evaluate(e, Map.of("z", 1e120, "nu", 1e200)), 1e-15);
    // nu = 1e300, z = 1e300: 2e300 (-1e600) / (1e600)^2 = -2e-300, a normal number
    assertRelative(-2e-300, DoubleEvaluator.evaluate(e, Map.of("z", 1e300, "nu", 1e300)), 1e-15);
    // and at ordinary values as the quotient: nu = 3, z = 0.5 and 7 (by hand: 2*4*3.75/(3.25*5.25),
    // 2*4*(-45)/(39*67))
    assertRelative(2 * 4 * 3.75 / (3.25 * 5.25), DoubleEvaluator.evaluate(e, Map.of("z", 0.5, "nu", 3.0)), 1e-15);
    assertRelative(2 * 4 * -45.0 / (39 * 67), DoubleEvaluator.evaluate(e, Map.of("z", 7.0, "nu", 3.0)), 1e-15);
  }

  @Test
  void polynomialsWithAParameterKeepItApartFromTheRootsOfTheirNumbers() {
    // the same rational part at nu = 1e-300: in Horner form nu + (z - 1)^2 is (z - 2) z + (1 + nu),
    // where 1 + nu rounds to 1; at z = 1 numerator and denominator were 0 (NaN), exact
    // 2 (1 + nu) nu / (nu (4 + nu)) = 1/2 to double precision
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "nu"));
    Expr e = lowerer.lower(SYMJA.evalTrusted("(2*(1+nu)^2 - 2*(1+nu)*z^2)/((1+nu)^2 + (2*nu-2)*z^2 + z^4)"));
    assertRelative(0.5, DoubleEvaluator.evaluate(e, Map.of("z", 1.0, "nu", 1e-300)), 1e-15);
    // z = 1 + h, h = 2^-40: 2 (1 - z^2) / ((z - 1)^2 (z + 1)^2) = -2 / (h (2 + h)), nu negligible
    // (relative 1e-276); the Horner form's (z - 2) z + 1 is -1 + h^2 + 1, rounded 0
    double h = 0x1p-40;
    assertRelative(-2 / (h * (2 + h)), DoubleEvaluator.evaluate(e, Map.of("z", 1 + h, "nu", 1e-300)), 1e-15);
    // beyond 1, in w = 1/z: z = 1 + 2^-20, where (1 - w)^2 + nu w^2 is about 2^-40, and 1 - z^2
    // about -2^-19: -2 / (k (2 + k)) with k = 2^-20 (nu = 1e-300 negligible)
    double k = 0x1p-20;
    assertRelative(-2 / (k * (2 + k)), DoubleEvaluator.evaluate(e, Map.of("z", 1 + k, "nu", 1e-300)), 1e-13);
  }

  @Test
  void logDifferencesNextToMinusOneAndBelowTheSubnormalRangeKeepTheParameter() {
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "nu"));
    // log(1 + (1-z)^2/nu) - log(1 + (1+z)^2/nu) at z = 1 is log(nu/(nu + 4)) = -log1p(4/nu):
    // at nu = 1e-300, -(log 4 + 300 log 10); log1p(-4z/(nu + (z+1)^2)) took log1p(-1) = -Inf
    Expr d = lowerer.lower(SYMJA.evalTrusted("Log[1+(1-z)^2/nu] - Log[1+(1+z)^2/nu]"));
    assertRelative(-(Math.log(4) + 300 * Math.log(10)), DoubleEvaluator.evaluate(d, Map.of("z", 1.0, "nu", 1e-300)), 1e-15);
    // (1 + nu) times it at z = MIN_NORMAL, nu = 1e300: -4 z (1 + nu)/(nu + (1 + z)^2) = -4 z to
    // double precision; the quotient -4z/(nu + ...) alone is 0 (below the subnormal range), and so
    // was the product
    // (two terms with opposite coefficients, as the mean's statistic has them)
    Expr s = lowerer.lower(SYMJA.evalTrusted("(1+nu)*Log[1+(1-z)^2/nu] + (-1-nu)*Log[1+(1+z)^2/nu]"));
    double z = Double.MIN_NORMAL;
    assertRelative(-4 * z, DoubleEvaluator.evaluate(s, Map.of("z", z, "nu", 1e300)), 1e-15);
    // and as before where neither applies (nu = 3, z = 1/2: (1+nu) log(3.25/5.25))
    assertRelative(4 * Math.log(3.25 / 5.25), DoubleEvaluator.evaluate(s, Map.of("z", 0.5, "nu", 3.0)), 1e-15);
  }

  @Test
  void logDifferencesBecomeLog1pOfACombinedRatio() {
    // Log[1+(z+1)^2] - Log[1+(z-1)^2] = log1p(4z/(2-2z+z^2)) ~ 4/z for large z
    assertRelative(4e-12, at("Log[1+(z+1)^2]-Log[1+(z-1)^2]", 1e12), 1e-11);
  }

  @Test
  void logsOfPolynomialsDoNotOverflow() {
    // Log[1+(z-1)^2] ~ 2 log z for z = 1e200: 2 * 200 * ln 10
    assertRelative(400 * Math.log(10), at("Log[1+(z-1)^2]", 1e200), 1e-15);
    assertRelative(400 * Math.log(10), at("Log[1+(z-1)^2]", -1e200), 1e-15);
  }

  @Test
  void squareRootsOfQuadraticsUseHypot() {
    // Sqrt[2 - 2z + z^2] = hypot(z - 1, 1) ~ |z| at 1e200
    assertRelative(1e200, at("Sqrt[2-2*z+z^2]", 1e200), 1e-15);
    // root differences by conjugates: Sqrt[1+(z+1)^2] - Sqrt[1+(z-1)^2] -> 2 for large z
    assertRelative(2, at("Sqrt[1+(z+1)^2]-Sqrt[1+(z-1)^2]", 1e200), 1e-15);
  }

  @Test
  void rootsOnDifferentFactorsArePairedByTheirConjugate() {
    // 2 Sqrt[4+(z-2)^2] - Sqrt[16+(1-2z)^2] = (15 - 12z)/(Sqrt[16+4(z-2)^2] + Sqrt[16+(1-2z)^2]),
    // 3 + O(1/z) for z -> -Infinity; as written, two numbers of 2e68 subtracted
    assertRelative(3, at("2*Sqrt[4+(z-2)^2]-Sqrt[16+(1-2*z)^2]", -1e68), 1e-15);
  }

  @Test
  void rationalTermsThatCancelFarOutAreSummedOverOneDenominator() {
    // the tanh terms agree to the last bit at 1e20; (z+1)/(4+(z+1)^2) - (z-1)/(4+(z-1)^2)
    // = 2(4 - z^2 + 1)/((4+(z+1)^2)(4+(z-1)^2)) = -2/z^2 (1 + O(1/z^2)), each term about 1e-20
    assertRelative(-2e-40, at("Tanh[z+1]-Tanh[z-1]+(z+1)/(4+(z+1)^2)-(z-1)/(4+(z-1)^2)", 1e20), 1e-14);
  }

  @Test
  void powerLogDifferencesDoNotOverflow() {
    // g(z+1) - g(z-1) with g(x) = x^(3/2) log x is 2 g'(z) (1 + O(1/z^2)), g'(z) = sqrt(z)(3/2 log z
    // + 1): 2.07e153 at z = 1e300, where each term is beyond the double range (Inf - Inf)
    double z = 1e300;
    double expected = 2 * Math.sqrt(z) * (1.5 * Math.log(z) + 1);
    assertRelative(expected, at("(1+z)^(3/2)*Log[1+z]-(-1+z)^(3/2)*Log[-1+z]", z), 1e-13);
  }

  @Test
  void aWrongTogetherFromSymjaIsNotUsed() {
    // a + b with a = (6-4z)/Sqrt[1+(3-2z)^2], b = 4(z-2)/Sqrt[1+4(2-z)^2] (a pseudo-Huber
    // derivative): the root-sum form needs a^2 - b^2 = (16z - 28)/((10-12z+4z^2)(17-16z+4z^2)),
    // which Symja's Together returns with a quartic numerator (0.7% off at z = -0.04)
    double a = (6 + 0.16) / Math.sqrt(1 + 3.08 * 3.08);
    double b = 4 * (-2.04) / Math.sqrt(1 + 4 * 2.04 * 2.04);
    assertRelative(a + b, at("(6-4*z)/Sqrt[1+(3-2*z)^2]+(4*(-2+z))/Sqrt[1+4*(2-z)^2]", -0.04), 1e-13);
  }

  @Test
  void rationalFactorsOfAProductFormOneRationalFunction() {
    // (z^2-9)/(z^4+2z^2+81) * E^(-1) at 1e100 is 1/(e 1e200) = 3.6787944117144232e-201; factor by
    // factor z^4 overflows and the quotient is 0
    assertRelative(3.6787944117144232e-201, at("(z^2-9)/((81+2*z^2+z^4)*E)", 1e100), 1e-15);
    assertRelative(3.6787944117144232e-201, at("(z^2-9)*E^(-z/z)/(81+2*z^2+z^4)", 1e100), 1e-15);
  }

  @Test
  void sumsOfRootTermsThatCancelUseTheConjugate() {
    // (z-1)/Sqrt[1+(z-1)^2] - (z+1)/Sqrt[1+(z+1)^2] ~ -2/z^3 for large |z| (mpmath, 700 digits)
    String f = "(z-1)/Sqrt[1+(z-1)^2]-(z+1)/Sqrt[1+(z+1)^2]";
    assertRelative(-2e-300, at(f, -1e100), 1e-14);
    assertRelative(-2.0000000000000001e-24, at(f, 1e8), 1e-14);
    // at 0 the terms have the same sign: the plain sum -2/Sqrt[2]
    assertRelative(-Math.sqrt(2), at(f, 0), 1e-15);
  }

  @Test
  void rootDifferencesDoNotOverflowAtTheLargestDouble() {
    // Sqrt[1+(z+1)^2] - Sqrt[1+(z-1)^2] = 4z/(..+..) -> -2 at -MAX_VALUE; 4z alone overflows
    assertRelative(-2, at("Sqrt[1+(z+1)^2]-Sqrt[1+(z-1)^2]", -Double.MAX_VALUE), 1e-15);
  }

  @Test
  void logCoshDifferencesDoNotOverflow() {
    // log cosh(1-z) - log cosh(1+z) = -2 (to 1e-800) at z = 1000, where cosh overflows
    assertRelative(-2, at("Log[Cosh[1-z]]-Log[Cosh[1+z]]", 1000), 1e-15);
    assertRelative(2, at("Log[Cosh[1-z]]-Log[Cosh[1+z]]", -Double.MAX_VALUE), 1e-15);
    // log cosh(-2) - log cosh(4) = -1.9821854784550860285 (mpmath)
    assertRelative(-1.9821854784550860285, at("Log[Cosh[1-z]]-Log[Cosh[1+z]]", 3), 1e-15);
  }

  @Test
  void logCoshDifferencesAreAccurateNextToTheirRoots() {
    // log cosh(z+1) - log cosh(z-2) vanishes at z = 1/2; its slope there is tanh(3/2) - tanh(-3/2)
    // and its second derivative sech(3/2)^2 - sech(-3/2)^2 = 0, so at t = 2^-48 from the root it
    // is 2 tanh(3/2) t to a relative 1e-29 (a cosh ratio, or the two tails' difference, lost 1e-2)
    double t = 0x1p-48;
    assertRelative(2 * Math.tanh(1.5) * t, at("Log[Cosh[z+1]]-Log[Cosh[z-2]]", 0.5 + t), 1e-14);
    // beyond |z| = 1 (the other form): the root z = 5 of log cosh(z-4) - log cosh(z-6)
    double u = 0x1p-40;
    assertRelative(2 * Math.tanh(1) * u, at("Log[Cosh[z-4]]-Log[Cosh[z-6]]", 5 + u), 1e-14);
  }

  @Test
  void aLinearPartOfALongerSumIsTakenByItsRoot() {
    // -3 + 6z + (log cosh(z+1) - log cosh(z-2)) at z = 1/2 + t: (6 + 2 tanh(3/2)) t; 6z rounded
    // before the 3 cancelled (about 2e-2 at t = 2^-48)
    double t = 0x1p-48;
    assertRelative((6 + 2 * Math.tanh(1.5)) * t, at("-3+6*z+Log[Cosh[z+1]]-Log[Cosh[z-2]]", 0.5 + t), 1e-14);
  }

  @Test
  void differencesOfBLogBArePairedLikePowerLogDifferences() {
    // z log z - (z+2) log(z+2) = -2 log(z+2) - z log1p(2/z) = -2 log z - 2 + O(1/z) at 1e300,
    // where each term is about 7e302 (as written: garbage of that size)
    assertRelative(-2 * Math.log(1e300) - 2, at("z*Log[z]-(2+z)*Log[2+z]", 1e300), 1e-15);
    // (2-z) log(2-z) - (2+z) log(2+z) = -2 (1 + log 2) z + O(z^3): as written, 0 at z = 1e-20
    assertRelative(-2 * (1 + Math.log(2)) * 1e-20, at("(2-z)*Log[2-z]-(2+z)*Log[2+z]", 1e-20), 1e-15);
    // Symja writes -((-z) Log[-z]) as z Log[-z]: (2-z) log(2-z) + z log(-z) = 2 log z + 2 + O(1/z)
    assertRelative(2 * Math.log(1e300) + 2, at("(2-z)*Log[2-z]+z*Log[-z]", -1e300), 1e-15);
  }

  @Test
  void softplusDifferencesStayExactWhenBothAreLarge() {
    // Log[1+E^(1-z)] - Log[1+E^(-1-z)] -> 2 as z -> -infinity; naively (1e17+1) - (1e17-1) = 0
    assertRelative(2, at("Log[1+E^(1-z)]-Log[1+E^(-1-z)]", -1e17), 1e-15);
  }

  @Test
  void exponentialDifferencesAreFactoredOnTheLargerExponential() {
    // e^-(1-z)^2 - e^-(1+z)^2 at z = +-26.325805817895482 is +-2.7865398237239021543e-279 (mpmath,
    // 60 digits); on the smaller exponential it was e^-745.8 expm1(105.3) = 0 * 4e45
    String f = "E^(-(1-z)^2)-E^(-(1+z)^2)";
    assertRelative(2.7865398237239021543e-279, at(f, 26.325805817895482), 1e-13);
    assertRelative(-2.7865398237239021543e-279, at(f, -26.325805817895482), 1e-13);
  }

  @Test
  void powersOfZAreMultipliedLast() {
    // z^2/(2 + 2 cosh 2) at z = -3.7693587204035907e154 is 1.4917557031186981211e308 (mpmath);
    // z * z alone overflows
    assertRelative(1.4917557031186981211e308, at("z^2/(2+2*Cosh[2])", -3.7693587204035907e154), 1e-15);
    assertRelative(1.4917557031186981211e308 / 4, at("z^2/(8+8*Cosh[2])", -3.7693587204035907e154), 1e-15);
  }

  @Test
  void tinyTanhPrimeTimesAPowerOfZStaysNormal() {
    // z^2 r_1 r_2 of the gated Gaussian (mpmath, 60 digits): tanh'(z) is subnormal beyond |z| ~ 354
    // while the product is normal to |z| ~ 360; the lowered form with its subnormal factor split
    // (TinyFactors, applied to every chosen form)
    Expr f = TinyFactors.apply(LOWERER.lower(SYMJA.evalTrusted("z^2/((1+E^(2*z))*(1+E^(-2*z)))")));
    assertRelative(2.6337711199418839261e-308, DoubleEvaluator.evaluate(f, -360), 1e-14);
    assertRelative(3.8547616659435415647e-306, DoubleEvaluator.evaluate(f, -357.5), 1e-14);
    assertRelative(3.3589329338688050966e-291, DoubleEvaluator.evaluate(f, 340.25), 1e-14);
    // below the normal range the scale of the contract is MIN_NORMAL
    assertTrue(Math.abs(DoubleEvaluator.evaluate(f, 371) - 7.8026521670762676615e-318) <= 1e-14 * Double.MIN_NORMAL);
  }

  @Test
  void quotientsOfExponentialSumsAreScaledWhereTheyOverflow() {
    // e^700/(1 + e^z + e^2z) at z = 360 is 2.061153622438557828e-9 (mpmath); e^720 overflows
    assertRelative(2.061153622438557828e-9, at("E^700/(1+E^z+E^(2*z))", 360), 1e-13);
    // the Gaussian signed mean with a reject hypothesis at z = -39.11589795734161 is
    // -2.4681422592302318422e-315 (mpmath, 80 digits); both denominators overflow, 1/Inf = 0
    String reject = "1/(1+E^(-2*z)+E^(1/2*(-3-2*z+z^2)))-1/(1+E^(2*z)+E^(-2+(1+z)^2/2))";
    double v = at(reject, -39.11589795734161);
    assertTrue(Math.abs(v - -2.4681422592302318422e-315) <= 1e-14 * Double.MIN_NORMAL, () -> "was " + v);
    // at z = -1, below the overflow: 1/(2 + e^2) - 1/(1 + 2 e^-2)
    assertRelative(1 / (2 + Math.exp(2)) - 1 / (1 + 2 * Math.exp(-2)), at(reject, -1), 1e-14);
  }

  @Test
  void integerPowersAreProductsNeverPow() {
    String printed = LOWERER.lower(SYMJA.evalTrusted("z^3+1/z^2")).toString();
    assertTrue(!printed.contains("POW"), printed);
  }

  @Test
  void rationalsAreCorrectlyRoundedConstants() {
    assertEquals(1.0 / 3.0, at("1/3 + 0*z", 0.5));
    assertEquals(0.1, at("z/10", 1.0));
  }

  @Test
  void unknownFunctionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> LOWERER.lower(SYMJA.evalTrusted("Sin[z]")));
    assertThrows(IllegalArgumentException.class, () -> LOWERER.lower(SYMJA.evalTrusted("z + nu")));
  }
}
