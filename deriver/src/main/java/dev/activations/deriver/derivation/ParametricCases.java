package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A case split on the conditions that depend on a free parameter, for expressions that {@link
 * PiecewiseSplitter} cannot split because a breakpoint is not a number.
 *
 * <p>Why: an energy difference is exact only once it is combined symbolically piece by piece. The
 * Huber kernel with a free {@code delta} has breakpoints {@code mu +- delta}, whose order depends on
 * delta, so the line cannot be cut at numbers; evaluated as written, {@code delta (|z-1| - delta/2)
 * - delta (|z+1| - delta/2)} lost every digit for large |z| (the mean was 0 at z = 4.3e300 where
 * the exact value is tanh(1)). Instead every {@code Piecewise} whose conditions mention a parameter
 * is replaced, row by row, by a conditional on those same conditions (so the generated code tests
 * them at run time, in the order the definition gives them), and each leaf, now free of parametric
 * conditions, is passed to {@code leaf} (which splits it at numeric breakpoints and simplifies the
 * pieces). An {@code Abs} or {@code Sign} whose argument mentions a parameter is such a condition
 * too ({@code Abs[(z-mu)/a]} changes sign with a). Leaves whose conditions cannot hold together are never reached at run time; they cost
 * code size only, which {@link #MAX_LEAVES} bounds.
 */
final class ParametricCases {
  /** Beyond this many leaves the split declines (the code would grow exponentially in the conditions). */
  static final int MAX_LEAVES = 16;

  private final Symja symja;
  private final ISymbol z;

  ParametricCases(Symja symja) {
    this.symja = symja;
    this.z = symja.symbol("z");
  }

  /**
   * {@code e} as a nested {@code Piecewise} on its parametric conditions with every leaf mapped by
   * {@code leaf}, or empty when it has no parametric condition or would need more than {@link
   * #MAX_LEAVES} leaves.
   */
  Optional<IExpr> split(IExpr e, UnaryOperator<IExpr> leaf) {
    if (find(e).isEmpty()) return Optional.empty();
    int[] leaves = {0};
    IExpr out = cases(e, leaf, leaves);
    return out == null ? Optional.empty() : Optional.of(out);
  }

  private IExpr cases(IExpr e, UnaryOperator<IExpr> leaf, int[] leaves) {
    Optional<IAST> found = find(e);
    if (found.isEmpty()) {
      if (++leaves[0] > MAX_LEAVES) return null;
      return leaf.apply(symja.eval(e));
    }
    IAST target = found.get();
    IAST p = asPiecewise(target);
    IAST rows = (IAST) p.arg1();
    List<IExpr> outRows = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      IAST row = (IAST) rows.get(i);
      IExpr branch = cases(replace(e, target, row.arg1()), leaf, leaves);
      if (branch == null) return null;
      outRows.add(F.List(branch, solvedForZ(row.arg2())));
    }
    IExpr otherwise = cases(replace(e, target, p.argSize() > 1 ? p.arg2() : F.C0), leaf, leaves);
    if (otherwise == null) return null;
    return F.Piecewise(F.ast(S.List, outRows), otherwise);
  }

  /**
   * {@code Abs[u]} and {@code Sign[u]} as the Piecewise they abbreviate (their kink moves with the
   * parameter just like a Piecewise condition does); a Piecewise as it is.
   */
  private static IAST asPiecewise(IAST target) {
    if (target.head().equals(S.Abs)) {
      IExpr u = target.arg1();
      return (IAST) F.Piecewise(F.List(F.List(F.Negate(u), F.Less(u, F.C0))), u);
    }
    if (target.head().equals(S.Sign)) {
      IExpr u = target.arg1();
      return (IAST) F.Piecewise(F.List(F.List(F.CN1, F.Less(u, F.C0)), F.List(F.C0, F.Equal(u, F.C0))), F.C1);
    }
    return target;
  }

  /**
   * The first (outermost, leftmost) Piecewise with a condition that mentions a parameter, or Abs
   * or Sign of an argument that does.
   */
  private Optional<IAST> find(IExpr e) {
    if (!(e instanceof IAST ast)) return Optional.empty();
    if (ast.head().equals(S.Piecewise) && ast.arg1() instanceof IAST rows) {
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i) instanceof IAST row && row.argSize() == 2 && mentionsParameter(row.arg2())) {
          return Optional.of(ast);
        }
      }
    }
    if ((ast.head().equals(S.Abs) || ast.head().equals(S.Sign)) && ast.argSize() == 1 && mentionsParameter(ast.arg1())
        && !ast.arg1().isFree(z)) {
      return Optional.of(ast);
    }
    for (int i = 1; i < ast.size(); i++) {
      Optional<IAST> inner = find(ast.get(i));
      if (inner.isPresent()) return inner;
    }
    return Optional.empty();
  }

  /**
   * A condition {@code c |p z + q| + r op 0} or {@code c z + r op 0} (p, c rational, r free of z)
   * as comparisons of z itself with bounds in the parameters: {@code |z - 1| <= eps} becomes
   * {@code 1 - eps <= z <= 1 + eps}. Why: evaluated as written, {@code |z - 1|} rounds to 1 for
   * tiny z, so at the default eps = 1 every z within 1e-16 of the breakpoint 0 took the wrong
   * piece, and since the output is tiny there the result was off by 100% (the epsilon-insensitive
   * mean with a free eps was -0.0 at z = -2.4e-109, exact -1.2e-109). Solved, z is compared
   * exactly with {@code 1 - eps}, which is itself exact wherever eps is near 1 (Sterbenz). Any other
   * condition is kept as it is.
   */
  IExpr solvedForZ(IExpr cond) {
    if (cond.isAST(S.And) || cond.isAST(S.Or)) {
      List<IExpr> parts = new ArrayList<>();
      for (int i = 1; i < cond.size(); i++) parts.add(solvedForZ(((IAST) cond).get(i)));
      return F.ast(cond.head(), parts);
    }
    if (!(cond instanceof IAST c) || c.argSize() != 2) return cond;
    IExpr head = c.head();
    boolean less = head.equals(S.Less) || head.equals(S.LessEqual);
    boolean strict = head.equals(S.Less) || head.equals(S.Greater);
    if (!less && !head.equals(S.Greater) && !head.equals(S.GreaterEqual)) return cond;
    IExpr d = symja.eval(F.Expand(F.Subtract(c.arg1(), c.arg2())));
    List<IExpr> terms = new ArrayList<>();
    if (d.isPlus()) {
      for (int i = 1; i < d.size(); i++) terms.add(((IAST) d).get(i));
    } else {
      terms.add(d);
    }
    IExpr withZ = null;
    IExpr rest = F.C0;
    for (IExpr t : terms) {
      if (t.isFree(z)) {
        rest = F.Plus(rest, t);
      } else if (withZ == null) {
        withZ = t;
      } else {
        return cond; // z in two terms: not of the solvable shape
      }
    }
    if (withZ == null) return cond;
    // withZ = coefficient * core, core = z or Abs[p z + q]
    IExpr coefficient = F.C1;
    IExpr core = withZ;
    if (withZ.isTimes()) {
      coefficient = F.C1;
      core = null;
      for (int i = 1; i < withZ.size(); i++) {
        IExpr f = ((IAST) withZ).get(i);
        if (f.isFree(z)) coefficient = F.Times(coefficient, f);
        else if (core == null) core = f;
        else return cond;
      }
    }
    coefficient = symja.eval(coefficient);
    if (!coefficient.isRational() || coefficient.isZero()) return cond;
    boolean flip = coefficient.isNegative();
    IExpr bound = symja.eval(F.Together(F.Divide(F.Negate(rest), coefficient)));
    boolean below = less != flip; // core (<=|<) bound when true, core (>=|>) bound otherwise
    if (core.equals(z)) return comparison(z, below, strict, bound);
    if (!core.isAST(S.Abs, 2)) return cond;
    IExpr list = symja.eval(F.CoefficientList(symja.eval(F.Expand(core.first())), z));
    if (!list.isList() || list.argSize() != 2 || !((IAST) list).arg1().isRational() || !((IAST) list).arg2().isRational()) return cond;
    IExpr q = ((IAST) list).arg1();
    IExpr p = ((IAST) list).arg2();
    // |p z + q| vs k: the bounds (-k - q)/p and (k - q)/p, in increasing order
    IExpr b1 = symja.eval(F.Together(F.Divide(F.Subtract(F.Negate(bound), q), p)));
    IExpr b2 = symja.eval(F.Together(F.Divide(F.Subtract(bound, q), p)));
    IExpr lo = p.isNegative() ? b2 : b1;
    IExpr hi = p.isNegative() ? b1 : b2;
    if (below) return F.And(comparison(z, false, strict, lo), comparison(z, true, strict, hi));
    return F.Or(comparison(z, true, strict, lo), comparison(z, false, strict, hi));
  }

  /** {@code z <= b} (or {@code <}) when {@code below}, else {@code z >= b} (or {@code >}). */
  private static IExpr comparison(IExpr z, boolean below, boolean strict, IExpr b) {
    if (below) return strict ? F.Less(z, b) : F.LessEqual(z, b);
    return strict ? F.Greater(z, b) : F.GreaterEqual(z, b);
  }

  /** A symbol other than z that is not a built-in: a free parameter. */
  private boolean mentionsParameter(IExpr e) {
    if (e.isSymbol()) return !e.equals(z) && !e.isBuiltInSymbol();
    if (!(e instanceof IAST ast)) return false;
    for (int i = 0; i < ast.size(); i++) {
      if (mentionsParameter(ast.get(i))) return true;
    }
    return false;
  }

  /** {@code e} with every occurrence of {@code target} replaced (structurally, nothing evaluated). */
  private static IExpr replace(IExpr e, IExpr target, IExpr by) {
    if (e.equals(target)) return by;
    if (!(e instanceof IAST ast)) return e;
    List<IExpr> args = new ArrayList<>();
    for (int i = 1; i < ast.size(); i++) args.add(replace(ast.get(i), target, by));
    return F.ast(ast.head(), args);
  }
}
