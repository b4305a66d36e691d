package dev.activations.deriver.lowering;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code log(1 + u)} as {@code log1p(u)}, and {@code log((d + u) / d)} as {@code log1p(u / d)}:
 * where {@code |u|} is below half an ulp of 1 the sum rounds to 1 and the logarithm to 0, while
 * {@code log1p} keeps {@code u}. The scalar lowering keeps such logarithms as written (its forms
 * are chosen by measurement, and a catalog built from them must not change); the layer classes
 * apply this rewrite to their unit energies and parameter slopes, where a Student-t energy
 * {@code (nu + 1)/2 log(1 + z^2/nu)} at {@code |z| < 1e-8} would otherwise be 0 and its
 * parameter derivative {@code de/dnu} off by a factor {@code nu + 1}.
 */
public final class LogOnePlus {
  private LogOnePlus() {}

  /** The expression with every {@code log(1 + u)} and {@code log((d + u) / d)} as {@code log1p}. */
  public static Expr rewrite(Expr e) {
    Expr mapped = Exprs.mapChildren(e, LogOnePlus::rewrite);
    if (mapped instanceof Expr.Call c && c.fn() == Fn.LOG) {
      Expr x = c.args().get(0);
      Expr direct = logOnePlus(x);
      if (direct != null) return direct;
      // the lowering's rational tails: log(|z| <= 1 ? (nu + z^2)/nu : tail) as a choice of logarithms
      if (x instanceof Expr.Cond choice) {
        Expr then = logOnePlus(choice.then());
        Expr otherwise = logOnePlus(choice.otherwise());
        if (then != null || otherwise != null) {
          return new Expr.Cond(choice.test(),
              then != null ? then : Expr.Call.of(Fn.LOG, choice.then()),
              otherwise != null ? otherwise : Expr.Call.of(Fn.LOG, choice.otherwise()));
        }
      }
    }
    return mapped;
  }

  /** {@code log1p(u)} for {@code x = 1 + u} or {@code x = (d + u) / d}; otherwise null. */
  private static Expr logOnePlus(Expr x) {
    if (x instanceof Expr.Add sum) {
      List<Expr> rest = without(sum.terms(), Expr.Const.of(1.0));
      if (rest != null) return Expr.Call.of(Fn.LOG1P, sumOf(rest));
    }
    if (x instanceof Expr.Div q && q.numerator() instanceof Expr.Add sum) {
      List<Expr> rest = without(sum.terms(), q.denominator());
      if (rest != null) return Expr.Call.of(Fn.LOG1P, new Expr.Div(sumOf(rest), q.denominator()));
    }
    return null;
  }

  /** The terms without one occurrence of {@code term}, or null when it is not among them. */
  private static List<Expr> without(List<Expr> terms, Expr term) {
    int at = terms.indexOf(term);
    if (at < 0) return null;
    List<Expr> rest = new ArrayList<>(terms);
    rest.remove(at);
    return rest;
  }

  private static Expr sumOf(List<Expr> terms) {
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }
}
