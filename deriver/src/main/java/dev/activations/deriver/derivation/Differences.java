package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Pairwise energy differences {@code D[h][k] = e_h - e_k} and their derivatives, each simplified
 * on its own. Differences are where the digits are: for large |z| two energies are nearly equal
 * large numbers, so their difference must be combined symbolically before anything is evaluated
 * (docs/DESIGN.md, "The pipeline"). Each piece is small, so simplifying it is fast and bounded.
 */
final class Differences {
  private final Symja symja;
  private final WorkBudget limit;
  private final PiecewiseSplitter splitter;
  private final TreeSet<String> kinks = new TreeSet<>();
  private final Map<String, List<List<IExpr>>> derivativeCache = new HashMap<>();

  Differences(Symja symja, WorkBudget limit) {
    this.symja = symja;
    this.limit = limit;
    this.splitter = new PiecewiseSplitter(symja);
  }

  /** Breakpoints found while splitting (InputForm of the z values), sorted. */
  List<String> kinks() {
    return List.copyOf(kinks);
  }

  List<List<IExpr>> pairwise(List<IExpr> energies, List<String> notes) {
    int n = energies.size();
    IExpr[][] d = new IExpr[n][n];
    for (int h = 0; h < n; h++) {
      d[h][h] = F.C0;
      for (int k = h + 1; k < n; k++) {
        IExpr diff = symja.eval(F.Subtract(energies.get(h), energies.get(k)));
        IExpr simplified = simplifyDifference(diff, notes);
        d[h][k] = simplified;
        d[k][h] = negate(simplified);
      }
    }
    List<List<IExpr>> out = new ArrayList<>();
    for (IExpr[] row : d) out.add(List.of(row));
    return out;
  }

  /** {@code dD[h][k]/dv}, simplified, antisymmetric by construction. */
  List<List<IExpr>> derivatives(List<List<IExpr>> d, ISymbol v) {
    return derivativeCache.computeIfAbsent(v.toString(), key -> {
      int n = d.size();
      IExpr[][] dd = new IExpr[n][n];
      for (int h = 0; h < n; h++) {
        dd[h][h] = F.C0;
        for (int k = h + 1; k < n; k++) {
          IExpr raw = symja.eval(F.D(d.get(h).get(k), v));
          dd[h][k] = LogisticDifferences.combine(symja, TanhSums.combine(symja, simplifyPiece(raw), v), v);
          dd[k][h] = negate(dd[h][k]);
        }
      }
      List<List<IExpr>> out = new ArrayList<>();
      for (IExpr[] row : dd) out.add(List.of(row));
      return out;
    });
  }

  /**
   * {@code e} with Abs and Piecewise split into pieces at numeric breakpoints (so Symja can
   * differentiate it: {@code D[Abs[x], x]} stays an unevaluated {@code Derivative[1][Abs]});
   * {@code e} itself when there is nothing to split or the breakpoints are not numeric.
   */
  IExpr split(IExpr e) {
    if (!PiecewiseSplitter.needsSplit(e)) return e;
    return splitter.split(e).map(splitter::toPiecewise).orElse(e);
  }

  /**
   * {@link #split}, and where a breakpoint depends on a free parameter, the case split of {@link
   * ParametricCases} (conditions solved for z): the free energy's mean slope of the Huber kernel
   * with a free delta has its kink at 1 - delta = 0, and tested as {@code |z - 1| <= delta} the
   * tiny z next to it took the wrong piece (the derivative was twice the exact value at z =
   * -4.3e-179).
   */
  IExpr splitWithCases(IExpr e) {
    if (!PiecewiseSplitter.needsSplit(e)) return e;
    Optional<List<PiecewiseSplitter.Piece>> pieces = splitter.split(e);
    if (pieces.isPresent()) return splitter.toPiecewise(pieces.get());
    return new ParametricCases(symja).split(PiecewiseSplitter.maxMinAsPiecewise(e), this::splitLeaf).orElse(e);
  }

  private IExpr negate(IExpr e) {
    return symja.eval(F.Negate(e));
  }

  private IExpr simplifyDifference(IExpr diff, List<String> notes) {
    if (PiecewiseSplitter.needsSplit(diff)) {
      Optional<List<PiecewiseSplitter.Piece>> pieces = splitter.split(diff);
      if (pieces.isPresent()) {
        List<PiecewiseSplitter.Piece> simplified = new ArrayList<>();
        for (PiecewiseSplitter.Piece p : pieces.get()) {
          simplified.add(new PiecewiseSplitter.Piece(p.upper(), simplifyPiece(p.expr())));
          p.upper().ifPresent(u -> kinks.add(Symja.inputForm(u)));
        }
        return splitter.toPiecewise(simplified);
      }
      // a breakpoint that depends on a free parameter: test those conditions at run time and
      // combine each case symbolically (ParametricCases)
      Optional<IExpr> cases = new ParametricCases(symja).split(PiecewiseSplitter.maxMinAsPiecewise(diff), this::splitLeaf);
      if (cases.isPresent()) return cases.get();
      notes.add("an energy difference with Abs/Piecewise could not be split at numeric breakpoints;"
          + " it is evaluated as written");
      return diff;
    }
    return simplifyPiece(diff);
  }

  /** A case free of parametric conditions: split at its numeric breakpoints, each piece simplified. */
  private IExpr splitLeaf(IExpr leaf) {
    if (!PiecewiseSplitter.needsSplit(leaf)) return simplifyPiece(leaf);
    return splitter.split(leaf).map(pieces -> {
      List<PiecewiseSplitter.Piece> simplified = new ArrayList<>();
      for (PiecewiseSplitter.Piece p : pieces) simplified.add(new PiecewiseSplitter.Piece(p.upper(), simplifyPiece(p.expr())));
      return splitter.toPiecewise(simplified);
    }).orElseGet(() -> simplifyPiece(leaf));
  }

  /**
   * The smallest of the expression, its expansion and its simplification (within the work budget);
   * the expansion instead where the smallest multiplies an exponential of z by a sum that holds
   * one and the expansion does not: Symja simplified {@code 1 + E^-z - E^(1-z)} (the difference of
   * {@code Exp[-Abs[z-mu]] + Abs[z-mu]} at centres 0 and 1) to {@code (1 - E + E^z)/E^z}, which is
   * {@code Inf * 0} from z = 710 on (the three-prototype mean's derivative was NaN there).
   */
  IExpr simplifyPiece(IExpr e) {
    if (e.isNumber() || e.isSymbol() || e.leafCount() <= 3) return e;
    IExpr best = e;
    Optional<IExpr> expanded = Bounded.apply(symja, "Expand", e, limit);
    if (expanded.isPresent() && expanded.get().leafCount() < best.leafCount()) best = expanded.get();
    Optional<IExpr> s = Bounded.apply(symja, "Simplify", e, limit);
    if (s.isPresent() && s.get().leafCount() < best.leafCount()) best = s.get();
    if (expanded.isPresent() && exponentialTimesSum(best) && !exponentialTimesSum(expanded.get())) best = expanded.get();
    return best;
  }

  /** Whether some product in e has a factor {@code E^u} and a factor that is a sum holding {@code E^v} (u, v with z). */
  private boolean exponentialTimesSum(IExpr e) {
    if (!(e instanceof IAST ast)) return false;
    if (ast.isTimes()) {
      boolean exponential = false;
      boolean sum = false;
      for (int i = 1; i < ast.size(); i++) {
        IExpr f = ast.get(i);
        if (isExponentialOfZ(f)) exponential = true;
        else if (f.isPlus() && !f.isFree(this::isExponentialOfZ, false)) sum = true;
      }
      if (exponential && sum) return true;
    }
    for (int i = 0; i < ast.size(); i++) {
      if (exponentialTimesSum(ast.get(i))) return true;
    }
    return false;
  }

  private boolean isExponentialOfZ(IExpr f) {
    return f.isPower() && f.base().equals(org.matheclipse.core.expression.S.E) && !f.exponent().isFree(symja.symbol("z"));
  }
}
