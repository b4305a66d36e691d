package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter derivatives of the generalized Gaussian with a free exponent far out and next to its
 * kinks, at parameter values the check's few random draws need not reach: the derived form of
 * {@code d<Param>} evaluated (bit for bit what the class computes, {@link DoubleEvaluator}) at
 * given (z, p), against the high-precision reference differentiating the unsimplified definition
 * in p at the same binary value of p. Contract: relative error at most 1e-10.
 */
class ParameterDerivativeTailsTest {
  /** Far out (both signs) and next to the kinks at z = -1 and 1 (relative offsets 2^-k). */
  private static List<Double> points() {
    List<Double> zs = new ArrayList<>();
    for (double z : new double[] {Double.MAX_VALUE, 1e300, 1e200, 1e154, 1e100, 1e40, 1e20, 1e8, 1e3, 37.5}) {
      zs.add(z);
      zs.add(-z);
    }
    for (double kink : new double[] {-1, 1}) {
      for (int k : new int[] {2, 10, 20, 30, 40, 50, 52}) {
        zs.add(kink * (1 + Math.scalb(1.0, -k)));
        zs.add(kink * (1 - Math.scalb(1.0, -k)));
      }
    }
    return zs;
  }

  /**
   * {@code Abs[z-mu]^p --free p} (default p = 1) at p = 4.83: the ninth session's miss (dP NaN at z
   * = MAX_VALUE, exact 0), never measured again at that value; and at the values either side of
   * the exponents where the powers' difference changes behaviour (p < 1, p = 2, large p).
   */
  @Test
  void generalizedGaussianFreeExponent() {
    List<String> failures = measure("--energy 'Abs[z-mu]^p' --free p", new double[] {4.83, 0.393, 2.0, 9.05, 17.5});
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The gated variance of {@code Abs[z-mu]^p/p} with a free p (default 3/2): dP at p = 0.393, z =
   * MAX_VALUE was 0.0, exact -7.8e244; {@code 0.25 D_p tanh(D/2)} (each about z^(p-1) = 1e-187)
   * underflowed before the factors z (ProductRange).
   */
  @Test
  void gatedVarianceOfTheGeneralizedGaussianOverP() {
    List<String> failures = measure("--energy 'Abs[z-mu]^p/p' --param p=3/2 --free p --hypotheses gated --stat variance",
        new double[] {0.39308945012313656, 0.75, 4.83});
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The Welsch loss with a free scale, signed, next to z = 0 at scales within 1e-6 of +-1, where
   * dC's exponential pair cancelled in its bracket (2.5e-10 at c = 1 + 1e-6 in the fifteenth
   * session): the class's dC over |z| from 1e-12 to 1 (4 points a decade), leaving out the points
   * within 2 % of the output's roots at |z| = sqrt(3(1 - c^2)) for |c| < 1.
   */
  @Test
  void welschFreeScaleNextToPlusMinusOne() {
    List<String> failures = measure("--energy '1-Exp[-((z-mu)/c)^2]' --free c", "c",
        new double[] {1 + 1e-6, 1 + 1e-8, 1 - 1e-7, -1 - 1e-6, 1 + 1e-3, 0.5, 30}, ParameterDerivativeTailsTest::nearZero);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * A Student-t energy with its nu free at three centres, variance: far out dNu is a second
   * difference of the energies' slopes, about -1.4e-308 at z = -1.34e154 at the default nu = 3,
   * and every form gave about 1e-170 there (relative error 1e138). Since the parameter's scorer
   * evaluates the reference at any point, the expansions at the infinities
   * ({@code Repairs.asymptoticTails}) are fitted for parameter derivatives too. Only at the
   * defaults: at other values of nu the class still misses far out (docs/ENERGIES.md).
   */
  @Test
  void threeCentreStudentTVarianceAtTheDefaultNu() {
    List<String> failures = measure("--energy 'Log[1+(z-mu)^2/nu]*(nu+1)/2' --param nu=3 --free nu --hypotheses -1:-1,0:0,1:1"
        + " --stat variance", "nu", new double[] {3}, nu -> farOut());
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The gated variance of {@code Abs[z-mu]^p} with a free p (default 5/2): below p = 1 the
   * energies' gap vanishes far out, both responsibilities tend to 1/2 and the derivative in z to
   * -z/2 (at z < 0). The form best at the default multiplied {@code 2 z} first and overflowed from
   * |z| = 9e307; its far tails, fitted where the derivative underflows to 0, gave 0.0 at z =
   * -MAX_VALUE for p = 0.95 (exact -9.0e307). Now every form is offered with z multiplied last
   * where the one best at the defaults misses at another parameter value.
   */
  @Test
  void gatedVarianceSlopeBelowPOne() {
    List<String> failures = measure("--energy 'Abs[z-mu]^p' --param p=5/2 --free p --hypotheses gated --stat variance", "p",
        new double[] {0.9507408600765885, 0.6}, p -> farOut(), Output.DERIVATIVE);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The gated free energy of {@code Abs[z-mu]^p} with a free p, at the default p = 3/2: dP, about
   * {@code z^p log z}, leaves the double range from z = 3.3e203, the energies only from 2.0e205,
   * where the sample points put the saturation guard's threshold; in between the form was NaN
   * ({@code Inf - Inf}) where the exact value rounds to +Infinity. The threshold is now bisected
   * to the output's own overflow point.
   */
  @Test
  void gatedFreeEnergyDpOverflowsAtItsOwnPoint() {
    List<String> failures = measure("--energy 'Abs[z-mu]^p' --param p=3/2 --free p --hypotheses gated --stat free-energy", "p",
        new double[] {1.5}, p -> List.of(1e203, 4e203, 1e204, 1e205, 2.0065826040452472E205, -4e203, -1e205, -2.0065826040452472E205),
        Output.PARAMETER);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The signed free energy of {@code Abs[z-mu]^p} with a free p (default 3/2): its slope grows like
   * {@code p |z|^(p-1)} far out, 2.0e154 at {@code MAX_VALUE} for the default, and leaves the double
   * range for p above 2. At p = 4.94 the form was NaN at z = -1.8e308 ({@code Inf - Inf}), where the
   * exact value rounds to -Infinity; no saturation guard holds there, since the point where the
   * output overflows moves with p. Now a NaN far out, where the output grows towards an infinity, is
   * that infinity ({@code Repairs.nanBeyondRange}).
   */
  @Test
  void signedFreeEnergySlopeBeyondTheRange() {
    List<String> failures = measure("--energy 'Abs[z-mu]^p' --param p=3/2 --free p --stat free-energy", "p",
        new double[] {4.941789353356009, 2.5, 8}, p -> farOut(), Output.DERIVATIVE);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static List<Double> farOut() {
    List<Double> zs = new ArrayList<>();
    for (double z : new double[] {Double.MAX_VALUE, 1e300, 1e200, 1.3407807929942596e154, 1e154, 1e100, 1e40, 1e20, 1e8, 1e3, 37.5}) {
      zs.add(z);
      zs.add(-z);
    }
    return zs;
  }

  private static List<Double> nearZero(double c) {
    double root = c * c < 1 ? Math.sqrt(3 * (1 - c * c)) : Double.NaN;
    List<Double> zs = new ArrayList<>();
    for (int k = 0; k <= 48; k++) {
      for (double sign : new double[] {1, -1}) {
        double z = sign * Math.pow(10, -12 + k / 4.0);
        if (!(Math.abs(Math.abs(z) / root - 1) < 0.02)) zs.add(z);
      }
    }
    return zs;
  }

  private static List<String> measure(String spec, double[] values) {
    return measure(spec, "p", values, p -> points());
  }

  private static List<String> measure(String spec, String name, double[] values,
      java.util.function.DoubleFunction<List<Double>> points) {
    return measure(spec, name, values, points, Output.PARAMETER);
  }

  /** Which output of the class is measured: the derivative in the parameter, or in z. */
  private enum Output { PARAMETER, DERIVATIVE }

  private static List<String> measure(String spec, String name, double[] values,
      java.util.function.DoubleFunction<List<Double>> points, Output output) {
    Generation g = new Generation(new Symja());
    ActivationSpec s = g.resolve(spec);
    Generation.Emitted e = g.emitVerified(g.derive(s), "p", "C");
    Expr dP = output == Output.PARAMETER ? e.lowered().parameterDerivatives().get(name).get(0).expr()
        : e.lowered().derivatives().get(0).expr();
    String label = output == Output.PARAMETER ? "d" + name : "derivative";
    List<String> failures = new ArrayList<>();
    int checked = 0;
    double worst = 0;
    for (double p : values) {
      Map<String, ExactNumber> at = new LinkedHashMap<>(SpecDefinitions.defaults(s));
      at.put(name, ExactNumber.of(new BigDecimal(p)));
      ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(s, at));
      for (double z : points.apply(p)) {
        BigDecimal exact;
        if (output == Output.PARAMETER) {
          var d = reference.parameterDerivative(z, name);
          if (d.isEmpty()) continue;
          exact = d.get()[0].value();
        } else {
          var d = reference.evaluate(z).derivatives().get(0);
          if (d.isEmpty()) continue;
          exact = d.get();
        }
        double computed = DoubleEvaluator.evaluate(dP, Map.of("z", z, name, p));
        double error = Accuracy.relativeError(computed, exact);
        checked++;
        worst = Math.max(worst, error);
        if (!(error <= 1e-10)) {
          failures.add(label + "(" + z + ", " + p + ") = " + computed + ", exact "
              + exact.round(new java.math.MathContext(17)) + " (relative error " + error + ")");
        }
      }
    }
    System.out.printf("%s: %d points, worst %s relative error %.2e%n", spec, checked, label, worst);
    if (checked < values.length * points.apply(values[0]).size() / 2) failures.add("only " + checked + " points have a reference");
    return failures;
  }
}
