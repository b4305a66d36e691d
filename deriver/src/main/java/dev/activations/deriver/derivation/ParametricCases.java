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
 * pieces). Leaves whose conditions cannot hold together are never reached at run time; they cost
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
    Optional<IAST> piecewise = find(e);
    if (piecewise.isEmpty()) {
      if (++leaves[0] > MAX_LEAVES) return null;
      return leaf.apply(symja.eval(e));
    }
    IAST p = piecewise.get();
    IAST rows = (IAST) p.arg1();
    List<IExpr> outRows = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      IAST row = (IAST) rows.get(i);
      IExpr branch = cases(replace(e, p, row.arg1()), leaf, leaves);
      if (branch == null) return null;
      outRows.add(F.List(branch, row.arg2()));
    }
    IExpr otherwise = cases(replace(e, p, p.argSize() > 1 ? p.arg2() : F.C0), leaf, leaves);
    if (otherwise == null) return null;
    return F.Piecewise(F.ast(S.List, outRows), otherwise);
  }

  /** The first (outermost, leftmost) Piecewise with a condition that mentions a parameter. */
  private Optional<IAST> find(IExpr e) {
    if (!(e instanceof IAST ast)) return Optional.empty();
    if (ast.head().equals(S.Piecewise) && ast.arg1() instanceof IAST rows) {
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i) instanceof IAST row && row.argSize() == 2 && mentionsParameter(row.arg2())) {
          return Optional.of(ast);
        }
      }
    }
    for (int i = 1; i < ast.size(); i++) {
      Optional<IAST> inner = find(ast.get(i));
      if (inner.isPresent()) return inner;
    }
    return Optional.empty();
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
