package dev.activations.deriver.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact equality of two values of the definition, decided without numbers: each value is folded
 * into a canonical form (a {@link Rational} where the value is rational, otherwise a {@link Sym}
 * tree whose leaves are rationals, with sums and products flattened and their terms sorted), and
 * two values whose canonical forms are equal are equal exactly, since they are the same functions
 * of the same exact arguments.
 *
 * <p>What it is for: the mode's tie rule. Two energies that agree to every digit the evaluator has
 * carried may still differ (the logistic energies at {@code z = -1e72} differ by 2 at magnitude
 * 1e72; Student-t's at {@code z = -Double.MAX_VALUE} in the 600th digit), so equal midpoints prove
 * nothing. A tie is declared only when the canonical forms are equal ({@code Log[4/3]} for both
 * Student-t energies at {@code z = 0}); otherwise the evaluator raises its precision until the
 * sign of the difference is decided. The converse does not hold (two different forms may be equal
 * numbers, e.g. {@code Log[4]} and {@code 2 Log[2]}): such a tie is never decided, and the point
 * gets no reference value rather than a wrong one.
 */
final class ExactForm {
  private ExactForm() {}

  /** A non-rational value: a function (or {@code Plus}, {@code Times}, {@code Pow}) of canonical arguments. */
  record Sym(String head, List<Object> args) {
    Sym {
      args = List.copyOf(args);
    }

    @Override
    public String toString() {
      return head + args;
    }
  }

  /** The constants E and Pi. */
  static Object constant(String name) {
    return new Sym(name, List.of());
  }

  private static final Comparator<Object> ORDER = Comparator.comparing(Object::toString);

  /** The sum of canonical forms (null, unknown, if any is). */
  static Object sum(List<Object> terms) {
    Rational rational = Rational.ZERO;
    List<Object> symbolic = new ArrayList<>();
    for (Object t : terms) {
      if (t == null) return null;
      if (t instanceof Rational r) {
        rational = rational.add(r);
      } else if (t instanceof Sym s && s.head().equals("Plus")) {
        for (Object u : s.args()) {
          if (u instanceof Rational r) rational = rational.add(r);
          else symbolic.add(u);
        }
      } else {
        symbolic.add(t);
      }
    }
    if (symbolic.isEmpty()) return rational;
    symbolic.sort(ORDER);
    if (rational.isZero() && symbolic.size() == 1) return symbolic.get(0);
    List<Object> args = new ArrayList<>();
    if (!rational.isZero()) args.add(rational);
    args.addAll(symbolic);
    return new Sym("Plus", args);
  }

  /** The product of canonical forms (null, unknown, if any is). */
  static Object product(List<Object> factors) {
    Rational rational = Rational.ONE;
    List<Object> symbolic = new ArrayList<>();
    for (Object f : factors) {
      if (f == null) return null;
      if (f instanceof Rational r) {
        rational = rational.multiply(r);
      } else if (f instanceof Sym s && s.head().equals("Times")) {
        for (Object u : s.args()) {
          if (u instanceof Rational r) rational = rational.multiply(r);
          else symbolic.add(u);
        }
      } else {
        symbolic.add(f);
      }
    }
    if (symbolic.isEmpty() || rational.isZero()) return rational;
    symbolic.sort(ORDER);
    if (rational.isOne() && symbolic.size() == 1) return symbolic.get(0);
    List<Object> args = new ArrayList<>();
    if (!rational.isOne()) args.add(rational);
    args.addAll(symbolic);
    return new Sym("Times", args);
  }

  /** {@code base ^ exponent}: exact for a rational base and a small integer exponent. */
  static Object power(Object base, Object exponent) {
    if (base == null || exponent == null) return null;
    if (base instanceof Rational b && exponent instanceof Rational e && e.isInteger()
        && e.numerator().bitLength() < 8 && b.bits() < 4096) {
      int n = e.numerator().intValue();
      if (b.isZero()) return n > 0 ? Rational.ZERO : null;
      return n >= 0 ? b.pow(n) : Rational.ONE.divide(b.pow(-n));
    }
    if (exponent instanceof Rational e && e.isZero()) return Rational.ONE;
    if (exponent instanceof Rational e && e.isOne()) return base;
    if (base instanceof Rational b && exponent instanceof Rational e
        && e.denominator().equals(java.math.BigInteger.TWO) && b.signum() >= 0) {
      Rational root = b.bits() < 4096 ? b.exactSqrt() : null;
      if (root != null) return power(root, Rational.of(e.numerator()));
    }
    return new Sym("Pow", List.of(base, exponent));
  }

  /** An elementary function ({@code Exp}, {@code Log}, ...) of a canonical form. */
  static Object call(String fn, Object arg) {
    if (arg == null) return null;
    if (arg instanceof Rational r) {
      switch (fn) {
        case "ABS": return r.abs();
        case "SIGN": return Rational.of(r.signum());
        case "EXP", "COSH", "SECH": if (r.isZero()) return Rational.ONE; break;
        case "SINH", "TANH": if (r.isZero()) return Rational.ZERO; break;
        case "LOG": if (r.isOne()) return Rational.ZERO; if (r.signum() <= 0) return null; break;
        case "SQRT": {
          if (r.signum() < 0) return null;
          Rational root = r.bits() < 4096 ? r.exactSqrt() : null;
          if (root != null) return root;
          break;
        }
        default: break;
      }
    }
    return new Sym(fn, List.of(arg));
  }

  /** The sign of a canonical form where it is rational; null otherwise. */
  static Integer sign(Object a) {
    return a instanceof Rational r ? r.signum() : null;
  }

  /** Whether two values are equal exactly: true only when proven (equal canonical forms). */
  static boolean provablyEqual(Object a, Object b) {
    return a != null && a.equals(b);
  }
}
