package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.ActivationLowering.Candidate;
import dev.activations.deriver.lowering.ActivationLowering.Role;
import dev.activations.deriver.lowering.ActivationLowering.Scorer;
import dev.activations.deriver.verify.Accuracy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The expansion at the infinities ({@link Repairs#asymptoticTails}) on a second difference that
 * cancels far out, as a variance's derivative over three bounded energies does: {@code 1/(z-1) -
 * 2/z + 1/(z+1)} is {@code 2/(z^3 - z)}, of order {@code z^-3} while each term is {@code 1/z}.
 */
class AsymptoticTailsTest {
  /** The exact function, written without the cancellation (a few roundings). */
  private static final DoubleUnaryOperator EXACT = z -> 2 / z / z / z / (1 - 1 / (z * z));

  /** A scorer whose reference is {@link #EXACT} at the standard sample points (away from the poles). */
  private static Scorer scorer() {
    return scorer(EXACT);
  }

  private static Scorer scorer(DoubleUnaryOperator exact) {
    double[] points = java.util.Arrays.stream(Accuracy.samplePoints()).filter(z -> Math.abs(z) >= 2).toArray();
    double[] reference = java.util.Arrays.stream(points).map(exact).toArray();
    return new Scorer() {
      @Override public double[] points() { return points; }
      @Override public double[] reference(int output, Role role) { return reference; }
      @Override public double[] limits(int output, Role role) { return new double[] {0, 0}; }
      @Override public double[] errors(Expr candidate, int output, Role role) {
        double[] e = new double[points.length];
        for (int i = 0; i < points.length; i++) {
          double computed = DoubleEvaluator.evaluate(candidate, Map.of("z", points[i]));
          double scale = Math.max(Math.abs(reference[i]), Double.MIN_NORMAL);
          e[i] = computed == reference[i] ? 0
              : Double.isFinite(computed) ? Math.abs(computed - reference[i]) / scale : Double.POSITIVE_INFINITY;
        }
        return e;
      }
      @Override public Optional<double[]> referenceAt(double[] zs, int output, Role role) {
        return Optional.of(java.util.Arrays.stream(zs).map(exact).toArray());
      }
    };
  }

  private static double worst(Scorer s, Expr e) {
    return worst(s, e, Role.DERIVATIVE);
  }

  private static double worst(Scorer s, Expr e, Role role) {
    return ActivationLowering.worst(s.errors(e, 0, role));
  }

  @Test
  void aSecondDifferenceThatCancelsFarOutIsTakenFromItsExpansionThere() {
    Expr.Var z = new Expr.Var("z");
    Expr one = Expr.Const.of(1.0);
    Expr form = new Expr.Add(List.of(
        new Expr.Div(one, new Expr.Add(List.of(z, Expr.Const.of(-1.0)))),
        new Expr.Mul(List.of(Expr.Const.of(-2.0), new Expr.Div(one, z))),
        new Expr.Div(one, new Expr.Add(List.of(z, one)))));
    Scorer s = scorer();
    double before = worst(s, form);
    assertTrue(before > 0.5, "the form cancels far out: " + before);
    Repairs repairs = new Repairs(null, null, s, 0, Role.DERIVATIVE, new double[] {0, 0}, List.of(), Map.of());
    Candidate tails = repairs.asymptoticTails(new Candidate("form", form)).orElseThrow();
    double after = worst(s, tails.expr());
    assertTrue(after <= 1e-11, "with the expansions at both infinities: " + after);
    // between the sample points too, from |z| = 2 to the end of the range, within the repair margin
    java.util.Random random = new java.util.Random(12);
    for (int i = 0; i < 2000; i++) {
      double x = (random.nextBoolean() ? 1 : -1) * Math.pow(10, 0.31 + random.nextDouble() * 307.9);
      double exact = EXACT.applyAsDouble(x);
      double computed = DoubleEvaluator.evaluate(tails.expr(), Map.of("z", x));
      assertTrue(Math.abs(computed - exact) <= 1e-11 * Math.max(Math.abs(exact), Double.MIN_NORMAL),
          "z = " + x + ": " + computed + " vs " + exact);
    }
  }

  /**
   * A half-integer power: {@code (z^2 + 1)^(3/4)} written as a power of the sum overflows with
   * {@code z^2} beyond |z| = 1.3e154, where the result (1e231 at z = 1e154) is far inside the range.
   */
  @Test
  void aHalfIntegerPowerIsFollowedUntilTheOutputItselfOverflows() {
    DoubleUnaryOperator exact = z -> Math.pow(Math.abs(z), 1.5) * Math.pow(1 + 1 / (z * z), 0.75);
    Expr.Var z = new Expr.Var("z");
    Expr form = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(0.75),
        Expr.Call.of(Fn.LOG, new Expr.Add(List.of(new Expr.Mul(List.of(z, z)), Expr.Const.of(1.0)))))));
    Scorer s = scorer(exact);
    assertTrue(worst(s, form, Role.VALUE) == Double.POSITIVE_INFINITY, "the form overflows far out");
    Repairs repairs = new Repairs(null, null, s, 0, Role.VALUE, new double[] {Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY}, List.of(), Map.of());
    Candidate tails = repairs.asymptoticTails(new Candidate("form", form)).orElseThrow();
    assertTrue(worst(s, tails.expr(), Role.VALUE) <= 1e-13, "within the repair margin for values");
    for (double x : new double[] {1e154, -3.7e180, 2.5e205, -1e300, Double.MAX_VALUE}) {
      double e = exact.applyAsDouble(x);
      double computed = DoubleEvaluator.evaluate(tails.expr(), Map.of("z", x));
      assertTrue(Double.isInfinite(e) ? computed == e : Math.abs(computed - e) <= 1e-13 * Math.abs(e),
          "z = " + x + ": " + computed + " vs " + e);
    }
  }

  @Test
  void aFormAccurateFarOutIsLeftAlone() {
    Expr.Var z = new Expr.Var("z");
    Expr stable = new Expr.Div(Expr.Const.of(2.0), new Expr.Mul(List.of(
        new Expr.Add(List.of(new Expr.Mul(List.of(z, z)), Expr.Const.of(-1.0))), z)));
    Repairs repairs = new Repairs(null, null, scorer(), 0, Role.DERIVATIVE, new double[] {0, 0}, List.of(), Map.of());
    assertTrue(repairs.asymptoticTails(new Candidate("stable", stable)).isEmpty());
  }
}
