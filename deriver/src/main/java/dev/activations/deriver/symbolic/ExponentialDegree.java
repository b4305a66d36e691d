package dev.activations.deriver.symbolic;

import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The polynomial degree Symja's factorisation meets in the exponentials of an expression, read off
 * before the call instead of found out by the watchdog.
 *
 * <p>{@code Together}, {@code Factor} and {@code Simplify} (which calls both) expand an exponent and
 * write {@code E^(c_0 + c_1 m_1 + c_2 m_2 + ...)} over new variables {@code x_k = E^(m_k)} as the
 * monomial {@code E^(c_0) x_1^(c_1) x_2^(c_2) ...}: the polynomial handed to the factorisation has
 * degree {@code |c_1| + |c_2| + ...} in them. That arithmetic runs outside Symja's evaluator, so it
 * spends no {@link WorkBudget} steps, and its cost grows steeply with that degree (measured with
 * {@code Simplify[1/(2+E^(-p))-1/(1+2 E^p)]}, one JVM each, JDK 17: {@code p = (1+2z+3z^2)^3}, degree
 * 215, 2.5 s including the JVM's start; {@code (2+4z+3z^2)^3}, 721, 3.1 s; {@code (4+9z+6z^2)^3},
 * 6,795, 6.6 s; {@code (8+18z+9z^2)^3}, 42,363, abandoned by the 20 s CPU watchdog, and {@code
 * Factor[1 + 2 E^((8+18z+9z^2)^3)]} runs for hours). None of those calls changed the expression: a
 * sum of such exponentials has no common factor to find. The Tukey biweight with a scaled argument
 * ({@code 1-(1-(3(z-mu))^2)^3}) gives exactly these exponents, and each of its derivations spent
 * 20 s of CPU per watchdog call, several per spec.
 *
 * <p>Hyperbolic functions count with their argument as exponent, since {@code Simplify} rewrites
 * them as exponentials. A coefficient that is not a rational number (a parameter, {@code Sqrt[3]})
 * counts as 1: the estimate errs towards calling Symja.
 */
final class ExponentialDegree {
  private ExponentialDegree() {}

  /**
   * Above this degree the algebraic functions are not called (their answer is taken as "no
   * result", like a spent budget): between the measured 6,795 (finished, 5 s of work) and 42,363
   * (the watchdog), a power of two so that the rule reads as a round bound.
   */
  static final long LIMIT = 1L << 14;

  /** The functions whose work is the polynomial arithmetic described above. */
  static final Set<String> ALGEBRAIC = Set.of("Simplify", "FullSimplify", "Together", "Factor", "FactorSquareFree",
      "Apart", "Cancel");

  private static final Set<ISymbol> HYPERBOLIC = Set.of(S.Cosh, S.Sinh, S.Tanh, S.Sech, S.Csch, S.Coth);

  /**
   * Above this multiple {@code Simplify} is not called: its {@code TrigExpand} writes {@code Cosh[n
   * z]} as a sum of products of {@code Cosh[z]} and {@code Sinh[z]} by splitting the argument one
   * term at a time, about 2^n terms, allocated inside one evaluation step (so no {@link WorkBudget}
   * stops it). Measured with {@code Simplify[4/((1+E^(-n z))(1+E^(n z)))]} alone, one JVM each,
   * JDK 17: n = 8 0.3 s, 12 1.9 s, 16 26.9 s, 18 and 20 and 24 not finished in 120 s (2.2 GB
   * resident at 24); n = 36, the signed variance of {@code ((3)*(z-mu))^2}, ran a 2 GB heap out of
   * memory (an internal error). 16 is the largest multiple the catalog meets (five Gaussian
   * prototypes at s = 1/2), whose calls are unchanged.
   */
  static final long MULTIPLE_LIMIT = 16;

  /** The functions that expand multiple arguments of exponentials and hyperbolic functions. */
  static final Set<String> TRIG_EXPANDING = Set.of("Simplify", "FullSimplify");

  /**
   * What Symja's expansions meet in the exponentials and hyperbolic functions of an expression:
   * the largest {@code degree} (the sum of an expanded exponent's absolute coefficients, for the
   * factorisation) and the largest {@code multiple} (its largest absolute coefficient, for {@code
   * TrigExpand}), each 0 without any. Both from one walk, each exponent expanded once: {@code
   * Simplify} is measured for both before every call.
   */
  record Measure(long degree, long multiple) {
    static final Measure NONE = new Measure(0, 0);

    Measure max(Measure o) {
      return new Measure(Math.max(degree, o.degree), Math.max(multiple, o.multiple));
    }
  }

  static Measure measure(Symja session, IExpr e) {
    if (!e.isAST()) return Measure.NONE;
    IAST ast = (IAST) e;
    IExpr exponent = ast.isPower() && ast.base().equals(S.E) ? ast.exponent()
        : ast.head().isSymbol() && HYPERBOLIC.contains((ISymbol) ast.head()) && ast.argSize() == 1 ? ast.arg1() : null;
    Measure worst = exponent == null ? Measure.NONE : ofExponent(session, exponent);
    for (int i = 1; i <= ast.argSize(); i++) worst = worst.max(measure(session, ast.get(i)));
    return worst;
  }

  /** The largest multiple over the exponentials of {@code e} ({@link Measure#multiple}). */
  static long largestMultiple(Symja session, IExpr e) {
    return measure(session, e).multiple();
  }

  /** The largest degree over the exponentials of {@code e} ({@link Measure#degree}). */
  static long of(Symja session, IExpr e) {
    return measure(session, e).degree();
  }

  /** The sum and the largest of the absolute coefficients of the non-constant terms of the expanded exponent. */
  private static Measure ofExponent(Symja session, IExpr exponent) {
    if (exponent.isNumber()) return Measure.NONE;
    IExpr expanded = session.eval(F.Expand(exponent));
    if (!expanded.isPlus()) {
      long c = expanded.isNumber() ? 0 : coefficient(expanded);
      return new Measure(c, c);
    }
    long sum = 0;
    long largest = 0;
    for (IExpr term : (IAST) expanded) {
      if (term.isNumber()) continue;
      long c = coefficient(term);
      sum = saturatingAdd(sum, c);
      largest = Math.max(largest, c);
    }
    return new Measure(sum, largest);
  }

  private static long coefficient(IExpr term) {
    IExpr c = term.isTimes() ? ((IAST) term).arg1() : F.C1;
    if (!(c instanceof IRational q)) return 1;
    // c = n/d: over a common denominator the variable's power is |n|, the others' powers are scaled by d
    double magnitude = Math.abs(q.numerator().doubleValue());
    return magnitude >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, (long) magnitude);
  }

  private static long saturatingAdd(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }
}
