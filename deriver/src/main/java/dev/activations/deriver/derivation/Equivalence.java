package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apfloat.Apfloat;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Whether a rewritten closed form is the same function as the form it was derived from. Symja's
 * rewrites are not trusted (its {@code Together} has returned a different rational function), so
 * every candidate {@link ClosedFormRoutes} produces is checked before it can be shown:
 *
 * <ul>
 *   <li>both rational in z (no transcendental function): exactly, in rational arithmetic, at
 *       {@link #POINTS}; two different rational functions agree at finitely many points, and
 *       these are not among them but by accident;
 *   <li>otherwise at the same points with the project's high-precision reference
 *       ({@link HighPrecisionExpression}, 40 digits), to a relative difference of 1e-25.
 * </ul>
 *
 * A point where either form is undefined proves nothing and is skipped; at least three points must
 * be decided, and a form the reference cannot evaluate is not accepted. Other symbols (free
 * parameters) are bound to fixed positive rationals.
 */
final class Equivalence {
  /** Rational sample points, none special (no zero, no small integers a kernel is centred on). */
  static final List<IExpr> POINTS = List.of(F.QQ(-7, 3), F.QQ(-2, 9), F.QQ(37, 101), F.QQ(5, 4), F.QQ(13, 4));
  private static final String[] POINT_TEXT = {"-7/3", "-2/9", "37/101", "5/4", "13/4"};
  private static final int MIN_DECIDED = 3;
  private static final long DIGITS = 40;
  private static final Apfloat TOLERANCE = new Apfloat("1e-25", DIGITS);

  private final Symja symja;
  private final ISymbol z;

  Equivalence(Symja symja) {
    this.symja = symja;
    this.z = symja.symbol("z");
  }

  /** True when {@code candidate} and {@code reference} agree at every decided point. */
  boolean same(IExpr candidate, IExpr reference) {
    if (candidate.equals(reference)) return true;
    if (Deriver.isAlgebraic(candidate) && Deriver.isAlgebraic(reference) && candidate.isFree(x -> x.isAST() && !isArithmetic(x), true)
        && reference.isFree(x -> x.isAST() && !isArithmetic(x), true)) {
      return exactly(candidate, reference);
    }
    return numerically(candidate, reference);
  }

  private static boolean isArithmetic(IExpr x) {
    return x.isPlus() || x.isTimes() || x.isPower();
  }

  private boolean exactly(IExpr a, IExpr b) {
    int decided = 0;
    IExpr difference = F.Subtract(a, b);
    for (IExpr p : POINTS) {
      IExpr d = symja.eval(bindParameters(difference).subs(z, p));
      if (!d.isNumber()) continue; // undefined here (a pole): proves nothing
      if (!d.isZero()) return false;
      decided++;
    }
    return decided >= MIN_DECIDED;
  }

  /** Free parameters bound to fixed positive rationals, for both checks. */
  private IExpr bindParameters(IExpr e) {
    IExpr out = e;
    int i = 0;
    for (String name : parameters(e)) out = out.subs(symja.symbol(name), F.QQ(5 + 2 * i++, 3));
    return out;
  }

  private java.util.SortedSet<String> parameters(IExpr e) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    e.isFree(x -> {
      if (x.isSymbol() && !x.isBuiltInSymbol() && !x.equals(z)) names.add(x.toString());
      return false;
    }, true);
    return names;
  }

  private boolean numerically(IExpr a, IExpr b) {
    HighPrecisionExpression ha;
    HighPrecisionExpression hb;
    try {
      ha = HighPrecisionExpression.parse(text(a));
      hb = HighPrecisionExpression.parse(text(b));
    } catch (IllegalArgumentException unsupported) {
      return false;
    }
    java.util.SortedSet<String> names = new java.util.TreeSet<>(ha.symbols());
    names.addAll(hb.symbols());
    int decided = 0;
    for (String point : POINT_TEXT) {
      Map<String, Apfloat> bindings = new HashMap<>();
      int i = 0;
      for (String name : names) {
        bindings.put(name, name.equals("z") ? rational(point) : rational((5 + 2 * i++) + "/3"));
      }
      Apfloat va;
      Apfloat vb;
      try {
        va = ha.evaluate(bindings, DIGITS);
        vb = hb.evaluate(bindings, DIGITS);
      } catch (ArithmeticException undefined) {
        continue;
      }
      Apfloat scale = org.apfloat.ApfloatMath.abs(vb);
      if (scale.compareTo(Apfloat.ONE) < 0) scale = Apfloat.ONE;
      if (org.apfloat.ApfloatMath.abs(va.subtract(vb)).compareTo(TOLERANCE.multiply(scale)) > 0) return false;
      decided++;
    }
    return decided >= MIN_DECIDED;
  }

  /** Exact value of {@code p/q} (or an integer) at the working precision. */
  private static Apfloat rational(String text) {
    String[] parts = text.split("/");
    Apfloat n = new Apfloat(parts[0], DIGITS + 10);
    return parts.length == 1 ? n : n.divide(new Apfloat(parts[1], DIGITS + 10));
  }

  private String text(IExpr e) {
    return Symja.inputForm(symja.eval(e)).replace("\n", "");
  }
}
