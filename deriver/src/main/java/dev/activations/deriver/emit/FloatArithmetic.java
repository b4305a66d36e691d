package dev.activations.deriver.emit;

import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.ReferenceTable;
import java.util.Optional;

/**
 * Which {@code float[]} SIMD kernels compute in float arithmetic ({@code FloatVector}, twice the
 * lanes of {@code DoubleVector}) instead of in double rounded once. A kernel computes in float
 * only when the measurement here shows that its float formula meets {@link FloatContract} at
 * {@link FloatContract#samplePoints()} (against the independent reference) with every lane-wise
 * function's result exact-rounded and one ulp off either way ({@link FloatKernelEvaluator}).
 * {@code backward} follows {@code derivative}. Activations with free parameters keep double: the
 * measurement can only be made at one set of parameter values.
 *
 * @param value {@code value(float[] ...)} computes in float
 * @param derivative {@code derivative(float[] ...)} and {@code backward(float[] ...)} compute in
 *     float
 */
public record FloatArithmetic(boolean value, boolean derivative) {
  /** Every float kernel computes in double and rounds once. */
  public static final FloatArithmetic NONE = new FloatArithmetic(false, false);

  /** True when any kernel computes in float. */
  public boolean any() {
    return value || derivative;
  }

  /**
   * Measures each output's float kernel against {@code table}, the reference at {@link
   * FloatContract#samplePoints()}.
   */
  public static FloatArithmetic measure(LoweredActivation a, ReferenceTable table) {
    if (!SimdEmitter.supports(a) || !a.freeParameters().isEmpty()) {
      return NONE;
    }
    return new FloatArithmetic(meets(a.values().get(0), table, false),
        meets(a.derivatives().get(0), table, true));
  }

  /**
   * The worst relative error of the float kernel for {@code out} at the table's points. (NaN and
   * the infinities need no measurement: the kernel blends in NaN and the stated limits.)
   */
  static double worstError(Output out, ReferenceTable table, boolean derivative) {
    double worst = 0;
    for (int shift = -1; shift <= 1; shift++) {
      for (ReferencePoint p : table.points()) {
        float z = p.z().floatValue();
        Optional<java.math.BigDecimal> exact =
            derivative ? p.derivatives().get(0) : Optional.of(p.values().get(0));
        if (exact.isEmpty()) {
          continue; // not differentiable here
        }
        float computed = FloatKernelEvaluator.evaluate(out, z, shift);
        worst = Math.max(worst, FloatContract.relativeError(computed, exact.get()));
      }
    }
    return worst;
  }

  private static boolean meets(Output out, ReferenceTable table, boolean derivative) {
    return worstError(out, table, derivative) <= FloatContract.TOLERANCE;
  }
}
