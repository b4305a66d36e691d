package dev.activations.deriver.lowering;

import java.util.function.DoubleUnaryOperator;

/**
 * The last doubles before an output leaves the double range, at every parameter value: where a
 * form's result rounds past {@code MAX_VALUE} to Infinity and the same form a relative {@link
 * #STEP} closer to 0 is still finite, the result is {@code +-MAX_VALUE}.
 *
 * <p>Why: a form with an ulp or two of error overflows an ulp or two before the exact value does,
 * so next to where an output that grows like a power of z leaves the range it returns Infinity for
 * a finite exact value (the slope of the gated free energy of {@code Abs[z-mu]^p} at p = 3.93, z =
 * -8.9e104: -Infinity, exact -1.797693134862315e308). The existing repair ({@code
 * Repairs.overflowEdge}) finds that edge with the reference and so holds at the defaults only;
 * this one follows the parameters because it asks the form itself.
 *
 * <p>Why it is right: let the output grow like {@code |z|^k} out there and the form be accurate to
 * {@code e} (a few ulps) wherever it does not overflow. A step of {@code STEP = 2^-46} inward
 * lowers the exact value by {@code k STEP}. If the form overflows at z but not one step inward,
 * the exact value at z is below {@code MAX_VALUE (1 + k STEP + 2e)}, so {@code MAX_VALUE} is
 * within that of it: inside the contract's 1e-12 for k up to about 70. If the exact value at z is
 * at most {@code MAX_VALUE}, the form one step inward is below {@code MAX_VALUE (1 - k STEP + e)}
 * and finite for k above about 0.3, which every output that reaches the edge of the range at a
 * finite z exceeds. Only for outputs whose energies grow like powers (an exponential output grows
 * with k = z, some 700 at the edge, for which the step is too long): the generator decides which.
 */
public final class EdgeSaturation {
  private EdgeSaturation() {}

  /** The relative step inward, {@code 2^-46}. */
  public static final double STEP = 0x1p-46;

  /**
   * {@code result}, the form at z, or {@code +-MAX_VALUE} where it is infinite at a finite z (and
   * finite parameters, {@code parametersFinite}) while the form a step inward is finite.
   */
  public static double apply(DoubleUnaryOperator form, double z, double result, boolean parametersFinite) {
    if (!Double.isInfinite(result) || !Double.isFinite(z) || !parametersFinite) return result;
    double inward = form.applyAsDouble(z - z * STEP);
    return Math.abs(inward) <= Double.MAX_VALUE ? Math.copySign(Double.MAX_VALUE, result) : result;
  }
}
