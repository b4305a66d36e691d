package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTAppendable;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Identities applied to an energy before the derivation, each an exact rewrite into the form the
 * lowering handles in both tails and next to roots (the reference still evaluates the energy as
 * written, so each is checked with the class):
 *
 * <ul>
 *   <li><b>symmetric softplus</b>: {@code c Log[1 + E^u] + c Log[1 + E^-u]} is {@code c (Log[4] + 2
 *       Log[Cosh[u/2]])}. Written as two softplus terms, the energy differences of three
 *       prototypes and their derivatives are sums of logistic products whose exponentials overflow
 *       from |z| = 709 on (every candidate form of the entropy's and the variance's derivative was
 *       Infinity there) and cancel next to z = 0 (3.8e4 relative at z = 6.6e-21);
 *   <li><b>log of an exponential pair</b>: {@code Log[E^u + E^-u]} is {@code Log[2] + Log[Cosh[u]]}
 *       (the three-prototype mean's derivative was 0.45 off at z = 51 as written);
 *   <li><b>shifted log-cosh</b>: {@code Log[c + a Cosh[u]]} (a > 0 and c > -a numbers) is {@code
 *       Log[a] + Log[Cosh[u]] + Log[1 + (c/a) Sech[u]]}. As written, {@code cosh} overflows from
 *       |u| = 710 on: {@code Log[2 + Cosh[z - mu]]} at four prototypes had a mean whose derivative
 *       was NaN there in every form; the log-cosh part takes the lowering's log-cosh forms and
 *       differences, the rest tends to 0.
 * </ul>
 */
final class EnergyIdentities {
  private EnergyIdentities() {}

  /** {@code e} with every identity applied (recursively); {@code e} itself when none applies. */
  static IExpr apply(Symja symja, IExpr e) {
    if (!(e instanceof IAST ast) || e.isFree(S.Log)) return e;
    IASTAppendable rebuilt = F.ast(ast.head(), ast.argSize());
    boolean changed = false;
    for (int i = 1; i < ast.size(); i++) {
      IExpr arg = apply(symja, ast.get(i));
      changed |= arg != ast.get(i);
      rebuilt.append(arg);
    }
    IExpr current = changed ? symja.eval(rebuilt) : e;
    IExpr shifted = shiftedLogCosh(symja, current);
    if (shifted != null) return shifted;
    IExpr exponentials = logOfExponentialPair(symja, current);
    if (exponentials != null) return exponentials;
    if (!current.isPlus()) return current;
    List<IExpr> terms = new ArrayList<>();
    for (int i = 1; i < current.size(); i++) terms.add(((IAST) current).get(i));
    for (int i = 0; i < terms.size(); i++) {
      Softplus a = Softplus.of(terms.get(i));
      if (a == null) continue;
      for (int j = i + 1; j < terms.size(); j++) {
        Softplus b = Softplus.of(terms.get(j));
        if (b == null || !symja.eval(F.Subtract(a.coefficient(), b.coefficient())).isZero()
            || !symja.eval(F.Expand(F.Plus(a.exponent(), b.exponent()))).isZero()) {
          continue;
        }
        List<IExpr> rest = new ArrayList<>(terms);
        rest.remove(j);
        rest.set(i, F.Times(a.coefficient(), F.Plus(F.Log(F.C4), F.Times(F.C2, F.Log(F.Cosh(F.Times(F.C1D2, a.exponent())))))));
        return apply(symja, symja.eval(F.ast(S.Plus, rest)));
      }
    }
    return current;
  }

  /** {@code Log[E^u + E^-u]} as {@code Log[2] + Log[Cosh[u]]}, or null. */
  private static IExpr logOfExponentialPair(Symja symja, IExpr e) {
    if (!e.isAST(S.Log, 2) || !e.first().isPlus() || e.first().argSize() != 2) return null;
    IExpr a = e.first().first();
    IExpr b = e.first().second();
    if (!isExponential(a) || !isExponential(b) || !symja.eval(F.Expand(F.Plus(a.exponent(), b.exponent()))).isZero()) return null;
    return symja.eval(F.Plus(F.Log(F.C2), F.Log(F.Cosh(a.exponent()))));
  }

  private static boolean isExponential(IExpr x) {
    return x.isPower() && x.base().equals(S.E);
  }

  /** {@code Log[c + a Cosh[u]]} as {@code Log[a] + Log[Cosh[u]] + Log[1 + (c/a) Sech[u]]}, or null. */
  private static IExpr shiftedLogCosh(Symja symja, IExpr e) {
    if (!e.isAST(S.Log, 2) || !e.first().isPlus() || e.first().argSize() != 2) return null;
    IAST sum = (IAST) e.first();
    for (int k = 1; k <= 2; k++) {
      IExpr c = sum.get(k);
      IExpr other = sum.get(3 - k);
      IExpr a = F.C1;
      IExpr cosh = other;
      if (other.isTimes() && other.argSize() == 2 && other.first().isNumber()) {
        a = other.first();
        cosh = other.second();
      }
      if (!c.isRational() || !a.isRational() || !a.isPositive() || !cosh.isAST(S.Cosh, 2)) continue;
      IExpr ratio = symja.eval(F.Divide(c, a));
      if (!symja.eval(F.Greater(ratio, F.CN1)).isTrue()) continue;
      IExpr u = cosh.first();
      return symja.eval(F.Plus(F.Log(a), F.Log(F.Cosh(u)), F.Log(F.Plus(F.C1, F.Times(ratio, F.Sech(u))))));
    }
    return null;
  }

  /** A term {@code coefficient * Log[1 + E^exponent]}. */
  private record Softplus(IExpr coefficient, IExpr exponent) {
    static Softplus of(IExpr term) {
      IExpr coefficient = F.C1;
      IExpr log = term;
      if (term.isTimes()) {
        log = null;
        List<IExpr> others = new ArrayList<>();
        for (int i = 1; i < term.size(); i++) {
          IExpr f = ((IAST) term).get(i);
          if (log == null && exponent(f) != null) {
            log = f;
          } else {
            others.add(f);
          }
        }
        if (log == null) return null;
        coefficient = others.size() == 1 ? others.get(0) : F.ast(S.Times, others);
      }
      IExpr u = exponent(log);
      return u == null ? null : new Softplus(coefficient, u);
    }

    /** u when {@code e} is {@code Log[1 + E^u]}, else null. */
    private static IExpr exponent(IExpr e) {
      if (!e.isAST(S.Log, 2) || !e.first().isPlus() || e.first().argSize() != 2) return null;
      IAST sum = (IAST) e.first();
      for (int k = 1; k <= 2; k++) {
        IExpr other = sum.get(3 - k);
        if (sum.get(k).isOne() && other.isPower() && other.base().equals(S.E)) return other.exponent();
      }
      return null;
    }
  }
}
