package dev.activations.deriver.emit;

import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.ReferenceTable;
import dev.activations.deriver.lowering.DoubleEvaluator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code float[]} SIMD kernels compute in float arithmetic ({@code FloatVector}, twice the
 * lanes of {@code DoubleVector}) instead of in double rounded once. A kernel computes in float
 * only when the measurement here shows that its float formula meets {@link FloatContract}, with
 * every lane-wise function's result exact-rounded and one ulp off either way ({@link
 * FloatKernelEvaluator}):
 *
 * <ul>
 *   <li>at {@link FloatContract#samplePoints()}, against the independent reference;
 *   <li>and on a dense scan of floats ({@link #scanPoints()}: 1024 per binade for 2^-8 <= |z| <
 *       2^8, 32 per binade elsewhere), against the same formula evaluated in double (the scalar
 *       code, itself measured against the reference at the sample points), because the sample
 *       points alone miss what float's 24 bits do to a formula near a zero of the output: a
 *       rational derivative such as Student-t's {@code (256 - 4z^6)/...} cancels over a whole
 *       interval around its zero (relative error 1.2e-6 at z = 1.947), where double loses
 *       nothing visible.
 * </ul>
 *
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
    FloatKernelEvaluator.Kernel kernel = FloatKernelEvaluator.compile(out);
    double worst = 0;
    for (int shift = -1; shift <= 1; shift++) {
      for (ReferencePoint p : table.points()) {
        float z = p.z().floatValue();
        Optional<java.math.BigDecimal> exact =
            derivative ? p.derivatives().get(0) : Optional.of(p.values().get(0));
        if (exact.isEmpty()) {
          continue; // not differentiable here
        }
        float computed = kernel.at(z, shift);
        worst = Math.max(worst, FloatContract.relativeError(computed, exact.get()));
      }
    }
    return worst;
  }

  /**
   * The worst relative error of the float kernel for {@code out} against the double formula over
   * {@link #scanPoints()} (points where the double formula is NaN are skipped: the reference
   * points judge those).
   */
  static double scanError(Output out) {
    FloatKernelEvaluator.Kernel kernel = FloatKernelEvaluator.compile(out);
    // the scalar code's double formula, as Cse.Result#evaluate computes it
    DoubleEvaluator.Compiled formula = Cse.eliminate(List.of(out.expr()), Set.of("z")).compile(List.of("z"), 0);
    double[] input = new double[1];
    double worst = 0;
    for (float z : SCAN) {
      input[0] = z;
      double accurate = formula.at(input);
      if (Double.isNaN(accurate)) {
        continue;
      }
      float rounded = (float) accurate;
      for (int shift = -1; shift <= 1; shift++) {
        float computed = kernel.at(z, shift);
        worst = Math.max(worst, FloatContract.relativeError(computed, rounded));
      }
      if (worst > FloatContract.TOLERANCE) {
        return worst; // decided: the rest of the scan cannot make it pass
      }
    }
    return worst;
  }

  private static final float[] SCAN = scanPoints();

  /**
   * Both signs of: 1024 floats in each binade with 2^-8 <= |z| < 2^8 (where activations bend and
   * outputs cross zero), 32 in every other binade, subnormals included; one in each of the
   * binade's equal slices, at a scrambled (but fixed) place in it: evenly spaced floats have
   * short mantissas, on which float products and differences are exact and hide their rounding.
   */
  static float[] scanPoints() {
    java.util.List<Float> points = new java.util.ArrayList<>();
    for (int exponent = 0; exponent < 255; exponent++) { // biased; 0 is the subnormals
      boolean moderate = exponent >= 127 - 8 && exponent < 127 + 8;
      int step = (1 << 23) / (moderate ? 1024 : 32);
      for (int slice = 0; slice < (1 << 23); slice += step) {
        int mantissa = slice + (int) (((slice + exponent) * 2654435761L >>> 7) & (step - 1));
        float z = Float.intBitsToFloat((exponent << 23) | mantissa);
        points.add(z);
        points.add(-z);
      }
    }
    float[] out = new float[points.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = points.get(i);
    }
    return out;
  }

  /**
   * Forms costlier than this stay in double: float pays off for short kernels (tanh, SiLU, a
   * rational), and the scan of a long one (five prototypes) took most of a catalog entry's time.
   */
  static final int MAX_COST = 400;

  private static boolean meets(Output out, ReferenceTable table, boolean derivative) {
    return dev.activations.deriver.lowering.Cost.of(out.expr()) <= MAX_COST
        && worstError(out, table, derivative) <= FloatContract.TOLERANCE
        && scanError(out) <= FloatContract.TOLERANCE;
  }
}
