package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IReal;

/**
 * A kink of the derivation (InputForm, as {@link Derivation#kinks()} lists it) as a double-double
 * {@code {hi, lo}}: {@code hi} the nearest double, {@code lo} the rest to about 1e-32 relative.
 * Rational kinks are exact; a surd or transcendental one ({@code 1 + Sqrt[2]}, the breakpoints of
 * {@code Min[(z-mu)^2, 2]}; {@code mu + Log[10]}, those of {@code Max[Exp[-Abs[z-mu]], 1/10]}) is
 * evaluated by Symja to 40 digits. Why: the splices next to kinks and the verification stream's
 * dense points need every kink as a number, and until the thirty-first session only rational kinks
 * were read (a truncated quadratic's kinks at {@code +-Sqrt[2]} were not sampled densely at all).
 * Empty for a kink that depends on a free parameter (no number) or is not finite.
 */
public final class KinkValues {
  /** Digits of the evaluation: twice what a double-double holds, so {@code lo} is correctly rounded. */
  private static final int DIGITS = 40;

  private KinkValues() {}

  public static Optional<double[]> of(Symja symja, String kink) {
    try {
      ExactNumber x = ExactNumber.parse(kink, "kink");
      return split(new BigDecimal(x.numerator()).divide(new BigDecimal(x.denominator()), new MathContext(60)));
    } catch (RuntimeException notRational) {
      // a surd or a transcendental number, or a kink with a parameter
    }
    IExpr e;
    try {
      e = new SafeExpressionParser(symja).parse(kink, "kink").expr();
    } catch (RuntimeException notParsed) {
      return Optional.empty();
    }
    IExpr value = symja.numeric(e, DIGITS); // a kink with a parameter stays symbolic
    if (!(value instanceof IReal real)) return Optional.empty();
    try {
      return split(new BigDecimal(real.apfloatValue().toString(true)));
    } catch (RuntimeException notFinite) {
      return Optional.empty();
    }
  }

  private static Optional<double[]> split(BigDecimal exact) {
    double hi = exact.doubleValue();
    if (!Double.isFinite(hi)) return Optional.empty();
    double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
    return Optional.of(new double[] {hi, lo});
  }
}
