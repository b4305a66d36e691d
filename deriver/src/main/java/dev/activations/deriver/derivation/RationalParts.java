package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A rational function with its numerator and denominator written independently, each in its
 * smallest form among expanded, factored over Q, and square-free factored ({@link OperationCount}).
 *
 * <p>{@code Factor} of the whole quotient factors both parts alike, which is not always the
 * shortest: the Cauchy signed variance {@code (z^4+4)/(z^2+2)^2} has a numerator that factors
 * over Q ({@code (z^2-2z+2)(z^2+2z+2)}, longer) and a denominator that is shortest as a square;
 * the Student-t one is {@code (z^4+4z^2+16)^2/(z^4+12z^2+16)^2}, which only the square-free
 * factorization finds.
 */
final class RationalParts {
  private static final List<String> FORMS = List.of("Expand", "Factor", "FactorSquareFree");

  private final Symja symja;
  private final WorkBudget budget;

  RationalParts(Symja symja, WorkBudget budget) {
    this.symja = symja;
    this.budget = budget;
  }

  /**
   * Forms of {@code together} (a quotient over a common denominator): each part in its smallest
   * form, and the partial fractions ({@code Apart}: the Cauchy responsibility {@code 1/2 +
   * z/(z^2+2)}).
   */
  List<IExpr> candidates(IExpr together) {
    List<IExpr> out = new ArrayList<>();
    out.add(smallest(together));
    Bounded.apply(symja, "Apart", together, budget).ifPresent(out::add);
    return out;
  }

  /** {@code together} with each part in its smallest form. */
  IExpr smallest(IExpr together) {
    IExpr numerator = symja.eval(F.Numerator(together));
    IExpr denominator = symja.eval(F.Denominator(together));
    return symja.eval(F.Divide(part(numerator), part(denominator)));
  }

  private IExpr part(IExpr p) {
    IExpr best = p;
    for (String f : FORMS) {
      Optional<IExpr> r = Bounded.apply(symja, f, p, budget);
      if (r.isPresent() && OperationCount.of(r.get()) < OperationCount.of(best)) best = r.get();
    }
    return best;
  }
}
