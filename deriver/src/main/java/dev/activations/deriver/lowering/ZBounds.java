package dev.activations.deriver.lowering;

import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Rational bounds {@code lower <= z <= upper} (null: none on that side) that the conditions of
 * enclosing {@code Piecewise} rows put on z. Whether a bound is strict does not matter to its
 * use (how large a polynomial's terms get over the interval), so it is not kept.
 */
record ZBounds(IRational lower, IRational upper) {
  static final ZBounds ALL = new ZBounds(null, null);

  boolean isFinite() {
    return lower != null && upper != null && lower.isLT(upper);
  }

  /**
   * These bounds narrowed by what {@code condition} says of z when it {@code holds} (or fails):
   * a comparison of z with a rational number; any other condition narrows nothing.
   */
  ZBounds given(ISymbol z, IExpr condition, boolean holds) {
    if (!(condition instanceof IAST c) || c.argSize() != 2) return this;
    IExpr head = c.head();
    boolean below; // the condition, when it holds, bounds z from above
    IRational bound;
    if (c.arg1().equals(z) && c.arg2() instanceof IRational r) {
      bound = r;
      if (head.equals(S.LessEqual) || head.equals(S.Less)) below = true;
      else if (head.equals(S.GreaterEqual) || head.equals(S.Greater)) below = false;
      else return this;
    } else if (c.arg2().equals(z) && c.arg1() instanceof IRational r) {
      bound = r;
      if (head.equals(S.GreaterEqual) || head.equals(S.Greater)) below = true;
      else if (head.equals(S.LessEqual) || head.equals(S.Less)) below = false;
      else return this;
    } else {
      return this;
    }
    boolean upperBound = below == holds;
    if (upperBound) {
      return new ZBounds(lower, upper == null || bound.isLT(upper) ? bound : upper);
    }
    return new ZBounds(lower == null || lower.isLT(bound) ? bound : lower, upper);
  }
}
