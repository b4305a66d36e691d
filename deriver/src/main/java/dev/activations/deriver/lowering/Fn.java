package dev.activations.deriver.lowering;

/**
 * The functions the IR knows. Each has a fixed arity and a mathematical meaning that every printer
 * and evaluator must implement exactly (the double interpreter, the Java printer, the SIMD printer
 * and the high-precision reference all agree on these definitions).
 */
public enum Fn {
  EXP(1), EXPM1(1), LOG(1), LOG1P(1), SQRT(1), ABS(1),
  SINH(1), COSH(1), TANH(1),
  /** sign of x: -1, 0 or 1 (NaN stays NaN). */
  SIGNUM(1),
  MAX(2), MIN(2),
  /** sqrt(x^2 + y^2) without overflow or underflow: square roots of quadratics. */
  HYPOT(2),
  /** x^y for a non-integer real y (integer powers are {@link Expr.PowInt}). */
  POW(2),
  /** 1 / (1 + e^-x), evaluated without overflow on either side. */
  LOGISTIC(1),
  /** log(1 + e^x) = max(x,0) + log1p(e^-|x|). */
  SOFTPLUS(1),
  /** tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2, never 1 - tanh^2. */
  TANH_PRIME(1),
  /**
   * log1p(x) - x, accurate where the difference cancels (small x): the derivative in a parameter
   * of {@code c log1p(y)} is often {@code log1p(y)} plus a rational term of about {@code -y}.
   */
  LOG1PMX(1),
  /** arctan x ({@code Math.atan}, within an ulp; bounded by pi/2, so it never overflows). */
  ATAN(1),
  /**
   * arsinh x, which {@code java.lang.Math} lacks: {@code log1p(|x| + x^2 / (1 + sqrt(1 + x^2)))}
   * with the sign of x, and {@code log|x| + log 2} beyond |x| = 2^28 where x^2 would leave the range
   * ({@link StableFunctions#asinh}).
   */
  ASINH(1);

  private final int arity;

  Fn(int arity) {
    this.arity = arity;
  }

  public int arity() {
    return arity;
  }
}
