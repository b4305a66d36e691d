package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference value and derivative of every output of a {@link Definition} at one input.
 *
 * <p>Values and derivatives are decimals correct to the evaluator's target digits (relative, or
 * absolute {@code 10^-digits * Double.MIN_NORMAL} for results below the normal double range). An
 * empty derivative marks a point where the statistic is not differentiable (a kink or a jump).
 *
 * @param z the exact input
 * @param values one value per output
 * @param derivatives one derivative per output, empty where it does not exist
 * @param workingDigits the largest working precision (decimal digits) the evaluation needed
 */
public record ReferencePoint(
    BigDecimal z, List<BigDecimal> values, List<Optional<BigDecimal>> derivatives, long workingDigits) {

  public ReferencePoint {
    Objects.requireNonNull(z, "z");
    values = List.copyOf(values);
    derivatives = List.copyOf(derivatives);
    if (values.size() != derivatives.size()) {
      throw new IllegalArgumentException("values and derivatives differ in length");
    }
  }

  /** The number of outputs. */
  public int outputs() {
    return values.size();
  }

  /** Output {@code i} as the correctly rounded double (+-Infinity beyond the range, signed 0 below). */
  public double value(int i) {
    return Accuracy.toDouble(values.get(i));
  }

  /** The derivative of output {@code i} as the correctly rounded double; NaN where it does not exist. */
  public double derivative(int i) {
    return derivatives.get(i).map(Accuracy::toDouble).orElse(Double.NaN);
  }

  /** True when output {@code i} is differentiable at {@link #z()}. */
  public boolean hasDerivative(int i) {
    return derivatives.get(i).isPresent();
  }
}
