package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Whether a form switches branch exactly at {@code z = 0}: a {@code Sign}, {@code Abs} or {@code
 * UnitStep} whose argument is 0 there, a {@code Max} or {@code Min} whose first argument equals
 * another there, a {@code Clip} of a value at one of its bounds, or a {@code Piecewise} condition that
 * holds with equality. Such a form has no Taylor polynomial at 0 that describes both sides, so
 * {@code Series} there is not asked: Symja does not say so, it spends its whole work budget (the
 * Student-t mode's {@code -Sign[Log[(4 - 2z + z^2)/3] - Log[1 + (1 + z)^2/3]]}, 3.1 s in the
 * catalog build; 16 s in the first 40 specs of the random-energy test).
 *
 * <p>Decided exactly: a difference counts as 0 only when Symja evaluates it to the number 0; an
 * undecided one (a symbolic parameter, an unsimplified constant) leaves the form to {@code Series}
 * as before.
 */
final class KinkAtZero {
  private KinkAtZero() {}

  static boolean in(Symja symja, IExpr form) {
    ISymbol z = symja.symbol("z");
    return !form.isFree(x -> x.isAST() && switchesAtZero(symja, z, (IAST) x), true);
  }

  /**
   * {@code form} with every branch fixed to the one that holds next to 0 (call only where {@link
   * #in} is false): a {@code Piecewise} becomes the piece whose condition holds at 0, {@code
   * Sign[f]} the sign of {@code f(0)}, {@code Abs[f]} that sign times f, {@code Max} and {@code Min}
   * the argument that wins at 0. The same function on a neighbourhood of 0, and analytic there, so
   * {@code Series} expands it instead of running out of work on the branches (a three-hypothesis
   * free energy's {@code Piecewise} with breakpoints at -1 and 1: 3.5 s, then nothing). Where a
   * branch is not decided at 0 (a symbolic parameter) the form is returned as it is.
   */
  static IExpr localised(Symja symja, IExpr form) {
    ISymbol z = symja.symbol("z");
    boolean[] undecided = {false};
    IExpr local = form.replaceAll(x -> {
      if (!x.isAST() || x.isFree(z)) return F.NIL;
      IAST a = (IAST) x;
      if (a.isAST(S.Piecewise) && a.argSize() >= 1 && a.arg1().isList()) {
        for (IExpr row : (IAST) a.arg1()) {
          if (!row.isList() || row.argSize() != 2) {
            undecided[0] = true;
            return F.NIL;
          }
          IExpr truth = symja.eval(((IAST) row).arg2().subs(z, F.C0));
          if (truth.isTrue()) return localised(symja, ((IAST) row).arg1());
          if (!truth.isFalse()) {
            undecided[0] = true;
            return F.NIL;
          }
        }
        return a.argSize() == 2 ? localised(symja, a.arg2()) : F.C0;
      }
      if (a.isAST(S.Sign, 2) || a.isAST(S.Abs, 2)) {
        IExpr sign = symja.eval(F.Sign(a.arg1().subs(z, F.C0)));
        if (!sign.isOne() && !sign.isMinusOne()) {
          undecided[0] = true;
          return F.NIL;
        }
        return a.isAST(S.Sign) ? sign : F.Times(sign, localised(symja, a.arg1()));
      }
      if ((a.isAST(S.Max) || a.isAST(S.Min)) && a.argSize() >= 2) {
        int best = 1;
        for (int i = 2; i <= a.argSize(); i++) {
          IExpr sign = symja.eval(F.Sign(F.Subtract(a.get(i), a.get(best)).subs(z, F.C0)));
          if (!sign.isOne() && !sign.isMinusOne()) {
            undecided[0] = true;
            return F.NIL;
          }
          if (sign.isOne() == a.isAST(S.Max)) best = i;
        }
        return localised(symja, a.get(best));
      }
      return F.NIL;
    }).orElse(form);
    return undecided[0] ? form : symja.eval(local);
  }

  private static boolean switchesAtZero(Symja symja, ISymbol z, IAST x) {
    if (x.isFree(z)) return false;
    if ((x.isAST(S.Sign, 2) || x.isAST(S.Abs, 2) || x.isAST(S.UnitStep, 2))) return zeroAtZero(symja, z, x.arg1());
    if ((x.isAST(S.Max) || x.isAST(S.Min)) && x.argSize() >= 2) {
      for (int i = 2; i <= x.argSize(); i++) {
        if (zeroAtZero(symja, z, F.Subtract(x.arg1(), x.get(i)))) return true;
      }
      return false;
    }
    if (x.isAST(S.Clip, 3) && x.arg2().isList() && x.arg2().argSize() == 2) {
      IAST bounds = (IAST) x.arg2();
      return zeroAtZero(symja, z, F.Subtract(x.arg1(), bounds.arg1())) || zeroAtZero(symja, z, F.Subtract(x.arg1(), bounds.arg2()));
    }
    if (x.isAST(S.Less, 3) || x.isAST(S.LessEqual, 3) || x.isAST(S.Greater, 3) || x.isAST(S.GreaterEqual, 3)) {
      return zeroAtZero(symja, z, F.Subtract(x.arg1(), x.arg2()));
    }
    return false;
  }

  private static boolean zeroAtZero(Symja symja, ISymbol z, IExpr e) {
    if (e.isFree(z)) return false;
    IExpr atZero = symja.eval(e.subs(z, F.C0));
    return atZero.isNumber() && atZero.isZero();
  }
}
