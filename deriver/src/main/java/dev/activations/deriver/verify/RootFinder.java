package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The real roots away from 0 of one function of an activation (a value or a derivative): where a
 * form that is accurate elsewhere may cancel, so where the verification stream is dense and where
 * repairs look.
 *
 * <p>How: sign changes of the chosen form on a grid (step 1/64 over [-64, 64], then geometric out
 * to 1e8 both ways), each bracket refined by bisection down to adjacent doubles, with the sign
 * taken from the reference's fast path where it decides (so the root is the definition's, not the
 * form's) and from the form otherwise. Roots closer to 0 than 1e-6 are left out: 0 itself is the
 * near-zero repairs' business.
 */
public final class RootFinder {
  private RootFinder() {}

  /** The grid the search walks: fine where activations bend, geometric beyond. */
  static double[] grid() {
    List<Double> g = new ArrayList<>();
    for (int i = -64 * 64; i <= 64 * 64; i++) g.add(i / 64.0);
    for (double x = 64 * 1.02; x < 1e8; x *= 1.02) {
      g.add(x);
      g.add(-x);
    }
    return g.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static final double[] GRID = grid();

  /**
   * @param form the function as the generated code computes it
   * @param free the free parameters' values
   * @param reference the definition, for the sign next to the root (null: the form's sign)
   * @param output which output
   * @param derivative whether the function is the output's derivative
   */
  public static double[] roots(Expr form, Map<String, Double> free, ReferenceEvaluator reference, int output,
      boolean derivative) {
    return roots(form, free, reference, output, derivative, null);
  }

  /**
   * @param parameter the free parameter whose derivative {@code form} computes (null: the value
   *     or the derivative in z)
   */
  public static double[] roots(Expr form, Map<String, Double> free, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter) {
    // the grid has thousands of points: the form compiled once
    DoubleUnaryOperator f = DoubleEvaluator.inZ(form, free);
    double[] values = new double[GRID.length];
    for (int i = 0; i < GRID.length; i++) values[i] = eval(f, GRID[i]);
    List<Double> roots = new ArrayList<>();
    boolean[] touching = touchingAtGridPoints(values);
    for (int i = 0; i + 1 < GRID.length; i++) {
      double a = GRID[i];
      double b = GRID[i + 1];
      double fa = values[i];
      double fb = values[i + 1];
      if (touching[i]) roots.add(a);
      if (touching[i] || touching[i + 1]) continue;
      if (!(Double.isFinite(fa) && Double.isFinite(fb))) continue;
      if (fa == 0) {
        // an isolated zero on the grid; a run of zeros is a piece where the output is identically 0
        boolean isolated = i > 0 && values[i - 1] != 0 && fb != 0;
        if (isolated && Math.abs(a) > 1e-6) roots.add(a);
        continue;
      }
      if (Math.signum(fa) * Math.signum(fb) >= 0) continue;
      if (a <= 0 && b >= 0) continue; // a sign change across 0: the root at 0
      if (sameSignInTheDefinition(reference, output, derivative, parameter, a, b)) continue;
      double r = bisect(f, reference, output, derivative, parameter, a, b, fa);
      if (Math.abs(r) > 1e-6) roots.add(r);
    }
    return roots.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Grid points where the form is far below its two neighbours, which have one sign: where the
   * output touches 0 without changing sign (a double root at a dyadic point, such as z = 2 for the
   * derivative of the Tukey free energy with threshold 2, whose energy slope is {@code 6 u (1 -
   * u^2)^2}). The form's own value there is its rounding, of either sign; whether the definition
   * touches 0 there is {@link RootSplice#touching}'s to decide.
   */
  private static boolean[] touchingAtGridPoints(double[] values) {
    boolean[] out = new boolean[values.length];
    for (int i = 1; i + 1 < values.length; i++) {
      double a = values[i - 1];
      double m = values[i];
      double b = values[i + 1];
      if (!(Double.isFinite(a) && Double.isFinite(m) && Double.isFinite(b)) || a == 0 || Math.abs(GRID[i]) <= 1e-6) continue;
      if (Math.signum(a) != Math.signum(b)) continue;
      out[i] = Math.abs(m) < TOUCHING * Math.min(Math.abs(a), Math.abs(b));
    }
    return out;
  }

  /** How far below both neighbours a grid point's value must be to be looked at as a touching root. */
  private static final double TOUCHING = 1e-9;

  /**
   * Whether the reference's fast path decides the sign at both ends of a bracket and finds it the
   * same: then the form's sign change is its own rounding, not a root of the definition (an even
   * number of roots between two grid points 1/64 apart is not looked for). The three-prototype
   * responsibilities of {@code Log[Cosh[3(z-mu)]]} had a form that cancelled to noise from |z| = 9
   * to 47: 2,826 such brackets, each bisected, refined and probed for a splice, while the
   * definition has one root there (z = 1/2).
   */
  private static boolean sameSignInTheDefinition(ReferenceEvaluator reference, int output, boolean derivative,
      String parameter, double a, double b) {
    if (reference == null) return false;
    Optional<Accuracy.Exact> ea = exact(reference, output, derivative, parameter, a, 0.25);
    if (ea.isEmpty() || ea.get().hi() == 0) return false;
    Optional<Accuracy.Exact> eb = exact(reference, output, derivative, parameter, b, 0.25);
    return eb.isPresent() && eb.get().hi() != 0 && Math.signum(ea.get().hi()) == Math.signum(eb.get().hi());
  }

  private static double bisect(DoubleUnaryOperator f, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, double a, double b, double fa) {
    int sa = (int) Math.signum(fa);
    for (int k = 0; k < 200; k++) {
      double m = a + (b - a) / 2;
      if (m <= a || m >= b) break;
      int s = sign(f, reference, output, derivative, parameter, m);
      if (s == 0) return m;
      if (s == sa) a = m;
      else b = m;
    }
    return a + (b - a) / 2;
  }

  private static int sign(DoubleUnaryOperator f, ReferenceEvaluator reference, int output,
      boolean derivative, String parameter, double z) {
    if (reference != null) {
      Optional<Accuracy.Exact> e = exact(reference, output, derivative, parameter, z, 0.25);
      if (e.isPresent()) return (int) Math.signum(e.get().hi());
    }
    return (int) Math.signum(eval(f, z));
  }

  /** The reference's value, derivative or parameter derivative of one output at z, by the fast path. */
  static Optional<Accuracy.Exact> exact(ReferenceEvaluator reference, int output, boolean derivative, String parameter,
      double z, double relative) {
    if (parameter != null) {
      return reference.parameterDerivativeFast(z, parameter, relative).map(ds -> ds[output]);
    }
    Optional<ContractVerification.Point> p = reference.evaluateFast(z, relative);
    if (p.isEmpty()) return Optional.empty();
    return Optional.ofNullable(derivative ? p.get().derivatives()[output] : p.get().values()[output]);
  }

  private static double eval(DoubleUnaryOperator f, double z) {
    try {
      return f.applyAsDouble(z);
    } catch (ArithmeticException | IllegalArgumentException e) {
      return Double.NaN;
    }
  }
}
