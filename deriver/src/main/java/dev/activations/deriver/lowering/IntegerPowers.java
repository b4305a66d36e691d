package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import java.util.List;

/**
 * The one multiplication schedule for integer powers, shared by the Java printer (which prints
 * {@link #expand} as a product) and the double interpreter (which runs {@link #pow}), so both round
 * identically. {@code Math.pow} is never used for integer exponents.
 *
 * <p>Schedule for {@code b^n}, {@code n >= 1}: {@code b}; {@code b*b}; {@code b*b*b}; for even
 * {@code n >= 4} the square of {@code b^(n/2)}; for odd {@code n >= 5} {@code b^(n-1) * b}. Up to
 * the cube this is the plain left-to-right product; beyond it, repeated squaring keeps the number of
 * roundings in any chain logarithmic. A negative exponent is {@code 1.0 / b^|n|}.
 */
public final class IntegerPowers {
  /** The largest |exponent| printed as a product; beyond it the text would grow too long. */
  public static final int MAX_EXPONENT = 64;

  private IntegerPowers() {}

  /** {@code b^n} following the schedule, in double. */
  public static double pow(double b, int n) {
    check(n);
    return n < 0 ? 1.0 / positive(b, -n) : positive(b, n);
  }

  private static double positive(double b, int n) {
    if (n == 1) {
      return b;
    } else if (n == 2) {
      return b * b;
    } else if (n == 3) {
      return b * b * b;
    } else if (n % 2 == 0) {
      double h = positive(b, n / 2);
      return h * h;
    }
    return positive(b, n - 1) * b;
  }

  /** The power as the product tree that {@link #pow} computes (a {@link Div} for negative n). */
  public static Expr expand(PowInt p) {
    int n = p.exponent();
    check(n);
    return n < 0 ? new Div(Const.of(1.0), positive(p.base(), -n)) : positive(p.base(), n);
  }

  private static Expr positive(Expr b, int n) {
    if (n == 1) {
      return b;
    } else if (n == 2) {
      return new Mul(List.of(b, b));
    } else if (n == 3) {
      return new Mul(List.of(b, b, b));
    } else if (n % 2 == 0) {
      Expr h = positive(b, n / 2);
      return new Mul(List.of(h, h));
    }
    return new Mul(List.of(positive(b, n - 1), b));
  }

  private static void check(int n) {
    if (n == 0 || n > MAX_EXPONENT || n < -MAX_EXPONENT) {
      throw new IllegalArgumentException(
          "integer power exponent must be non-zero with |n| <= " + MAX_EXPONENT + ": " + n);
    }
  }
}
