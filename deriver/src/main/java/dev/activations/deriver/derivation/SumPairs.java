package dev.activations.deriver.derivation;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The walk that {@link TanhSums} and {@link LogisticDifferences} share: find the first pair of
 * terms of a sum that a rule combines, and put the combination in their place.
 */
final class SumPairs {
  private SumPairs() {}

  /** Combines terms {@code i} and {@code j} (1-based, {@code i < j}) of a sum; null if it cannot. */
  interface Rule {
    IExpr combine(int i, int j);
  }

  /** {@code e} with its first combinable pair of terms combined; {@code e} if there is none. */
  static IExpr combineFirst(IExpr e, Rule rule) {
    if (!e.isPlus()) return e;
    IAST sum = (IAST) e;
    for (int i = 1; i < sum.size(); i++) {
      for (int j = i + 1; j < sum.size(); j++) {
        IExpr combined = rule.combine(i, j);
        if (combined == null) continue;
        List<IExpr> terms = new ArrayList<>();
        for (int k = 1; k < sum.size(); k++) {
          if (k != i && k != j) terms.add(sum.get(k));
        }
        if (terms.isEmpty()) return combined;
        terms.add(combined);
        return F.ast(S.Plus, terms);
      }
    }
    return e;
  }
}
