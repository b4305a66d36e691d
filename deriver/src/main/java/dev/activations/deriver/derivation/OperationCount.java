package dev.activations.deriver.derivation;

import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;

/**
 * The size of a closed form: how many operations a person performs to evaluate it as written, the
 * measure by which {@link ClosedFormRoutes} picks the smallest of several equivalent forms.
 *
 * <p>Counted like SymPy's {@code count_ops}, so that forms compare the way a reader (or SymPy)
 * would count them:
 * <ul>
 *   <li>a sum of n terms is n - 1 additions or subtractions ({@code a - b} is one operation; a sum
 *       whose terms are all negated costs one more, the negation);
 *   <li>a product of n factors is n - 1 multiplications; factors with negative integer exponents
 *       form a denominator: one division ({@code a/(b c)} is a division and a multiplication); a
 *       rational coefficient {@code p/q} puts p in the numerator and q in the denominator; a
 *       negative coefficient is one negation;
 *   <li>a power is one operation, a square root too ({@code x^-1} alone is one division, {@code
 *       x^-2} a division and a power), {@code E^x} one exponential;
 *   <li>every other function application is one operation ({@code Tanh}, {@code Log}, {@code
 *       Max}, {@code Piecewise}, a comparison), plus its arguments; lists are free;
 *   <li>symbols, integers and the constant {@code E} are free; a fraction is one division, a
 *       negative number one negation.
 * </ul>
 * Examples: {@code Tanh[1]*Tanh[z]} is 3, {@code z/(1+E^(-2*z))} is 5 (division, addition,
 * exponential, negation, multiplication), {@code -Sinh[1]/(E^z+Cosh[1])} is 6.
 */
public final class OperationCount {
  private OperationCount() {}

  /** The number of operations of {@code e} as written (see the class comment). */
  public static int of(IExpr e) {
    if (e.isInteger()) return ((IInteger) e).isNegative() ? 1 : 0;
    if (e.isFraction()) return (isWhole(e) ? 0 : 1) + (e.isNegative() ? 1 : 0);
    if (e.isNumber()) return e.isNegative() ? 1 : 0; // decimals do not occur in closed forms
    if (!e.isAST()) return 0;
    IAST ast = (IAST) e;
    if (ast.isPlus()) return plus(ast);
    if (ast.isTimes()) return times(ast, false);
    if (ast.isPower()) return power(ast);
    if (ast.isList()) {
      int n = 0;
      for (int i = 1; i < ast.size(); i++) n += of(ast.get(i));
      return n;
    }
    int n = 1;
    for (int i = 1; i < ast.size(); i++) n += of(ast.get(i));
    return n;
  }

  private static int plus(IAST sum) {
    int n = sum.argSize() - 1;
    boolean allNegative = true;
    for (int i = 1; i < sum.size(); i++) {
      IExpr t = sum.get(i);
      if (isNegated(t)) {
        n += negatedCost(t);
      } else {
        allNegative = false;
        n += of(t);
      }
    }
    return allNegative ? n + 1 : n;
  }

  /** A term written with a leading minus sign: a negative number or a product with one. */
  private static boolean isNegated(IExpr t) {
    if (t.isNumber()) return t.isNegative();
    return t.isTimes() && ((IAST) t).arg1().isNumber() && ((IAST) t).arg1().isNegative();
  }

  /** The cost of {@code -t} for a negated term t: the term without its sign. */
  private static int negatedCost(IExpr t) {
    if (t.isNumber()) return of(t.negate());
    return times((IAST) t, true);
  }

  /**
   * A product as {@code [-] numerator / denominator}; with {@code unsigned}, a negative coefficient
   * is not counted (its sign is the subtraction of the enclosing sum).
   */
  private static int times(IAST product, boolean unsigned) {
    int n = 0;
    int numerator = 0;
    int denominator = 0;
    for (int i = 1; i < product.size(); i++) {
      IExpr f = product.get(i);
      if (f.isNumber()) {
        IExpr magnitude = f;
        if (f.isNegative()) {
          if (!unsigned) n++;
          magnitude = f.negate();
        }
        if (magnitude.isFraction() && !isWhole(magnitude)) {
          IFraction q = (IFraction) magnitude;
          if (!q.numerator().isOne()) numerator++;
          denominator++;
        } else if (!magnitude.isOne()) {
          numerator++;
          n += of(magnitude);
        }
      } else if (f.isPower() && f.exponent().isNumber() && f.exponent().isNegative() && !f.base().isE()) {
        denominator++;
        IExpr k = f.exponent().negate();
        n += of(f.base()) + (k.isOne() ? 0 : 1 + of(k));
      } else {
        numerator++;
        n += of(f);
      }
    }
    if (numerator > 1) n += numerator - 1;
    if (denominator > 0) n += 1 + (denominator - 1);
    return n;
  }

  /** A power is one operation (a square root too: a numeric exponent adds nothing), a reciprocal power two. */
  private static int power(IAST p) {
    IExpr base = p.base();
    IExpr exponent = p.exponent();
    if (base.isE()) return 1 + of(exponent);
    if (exponent.isMinusOne()) return 1 + of(base);
    if (exponent.isNumber()) return (exponent.isNegative() ? 2 : 1) + of(base);
    return 1 + of(base) + of(exponent);
  }

  /** A fraction with denominator 1 (a whole number built as a fraction, {@code 0/1}). */
  private static boolean isWhole(IExpr fraction) {
    return ((IFraction) fraction).denominator().isOne();
  }
}
