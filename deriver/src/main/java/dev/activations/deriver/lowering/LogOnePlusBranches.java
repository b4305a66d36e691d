package dev.activations.deriver.lowering;

/**
 * The two run-time branches {@link NumericalRewrites} puts around {@code c log1p(x)} of a rational
 * x with free parameters, and the tests that select them: both rare for inputs of ordinary size,
 * so the vector kernels compute them only for a vector with a lane that takes them ({@code
 * emit/SimdEmitter}, as the splits of {@link TinyFactors}).
 */
public final class LogOnePlusBranches {
  private LogOnePlusBranches() {}

  /**
   * Below this x, {@code log1p(x)} is taken as {@code log} of {@code 1 + x} over one denominator.
   * The relative error of {@code log1p(x)} from a rounding of x is {@code |x| / ((1 + x) |log(1 +
   * x)|)} times it: at most {@code 1/(t |log t|)} with {@code t = 1 + x}, which is the same at
   * {@code t = 1/4} and {@code t = 1/2} (2.9) and smaller between; so log1p is kept down to
   * {@code t = 1/4}. (The Student-t mean at its default nu = 3 has {@code t >= 1/3} and never takes
   * the branch.)
   */
  public static final double NEAR_MINUS_ONE = -0.75;

  /**
   * At or below this |x|, {@code log1p(x)} is {@code x (1 - x/2)} to within {@code x^2/3 <=
   * ulp(1)/3}: the square root of the double format's unit roundoff.
   */
  public static final double SMALL = Math.sqrt(Math.ulp(1.0));

  /** Whether {@code t} selects one of the two branches ({@code x < NEAR_MINUS_ONE} or {@code |x| <= SMALL}). */
  public static boolean isRareTest(Expr.Test t) {
    if (!(t instanceof Expr.Test.Compare c)) return false;
    if (c.op() == Expr.Test.Op.LT) return Exprs.isConst(c.right(), NEAR_MINUS_ONE) && !(c.left() instanceof Expr.Var);
    return c.op() == Expr.Test.Op.LE && c.left() instanceof Expr.Call a && a.fn() == Fn.ABS
        && Exprs.isConst(c.right(), SMALL);
  }
}
