package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the emitted code computes, counted: the speed passes and the by-winner forms must leave
 * the work a person would write by hand (one exponential per hypothesis), not merely be accurate.
 */
class ExponentialCountTest {
  /**
   * The most exponentials one evaluation takes: along each path through the conditionals, the
   * distinct calls it computes (a call computed twice on one path is one, as the emitted code's
   * common subexpressions make it). A branch taken only where a factor is subnormal (the
   * {@code TinyFactors} split computes {@code e^(x/2)} there instead of {@code logistic(x)}) is
   * another path, not extra work on every call.
   */
  private static long exponentials(String spec, boolean derivative) {
    Generation g = new Generation(new Symja());
    Generation.Emitted e = g.emitVerified(g.derive(g.resolve(spec)), "p", "C");
    Expr expr = (derivative ? e.lowered().derivatives() : e.lowered().values()).get(0).expr();
    return paths(expr).stream().mapToLong(Set::size).max().orElse(0);
  }

  private static final Set<Fn> EXPONENTIAL = Set.of(Fn.EXP, Fn.EXPM1, Fn.LOGISTIC, Fn.SOFTPLUS, Fn.TANH, Fn.TANH_PRIME);

  /** The sets of distinct exponential calls, one per path through the conditionals of {@code e}. */
  private static List<Set<Expr>> paths(Expr e) {
    List<Set<Expr>> out = new java.util.ArrayList<>();
    if (e instanceof Expr.Cond c) {
      List<Set<Expr>> test = List.of(Set.of());
      for (Expr operand : Exprs.operands(c.test())) test = product(test, paths(operand));
      out.addAll(product(test, paths(c.then())));
      out.addAll(product(test, paths(c.otherwise())));
      return out;
    }
    List<Set<Expr>> all = List.of(e instanceof Expr.Call call && EXPONENTIAL.contains(call.fn()) ? Set.of(e) : Set.of());
    for (Expr child : Exprs.children(e)) all = product(all, paths(child));
    return all;
  }

  private static List<Set<Expr>> product(List<Set<Expr>> a, List<Set<Expr>> b) {
    List<Set<Expr>> out = new java.util.ArrayList<>();
    for (Set<Expr> x : a) {
      for (Set<Expr> y : b) {
        Set<Expr> u = new java.util.HashSet<>(x);
        u.addAll(y);
        out.add(u);
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(out));
  }

  @Test
  void threePrototypeDerivativeTakesOneExponentialPerHypothesis() {
    // was 15: two per possible winner, and three more per winner for exponents past 700
    assertEquals(3, exponentials("--kernel gaussian --hypotheses prototypes:3 --stat mean", true));
  }

  @Test
  void siluDerivativeTakesOneExponentialLikeItsValue() {
    assertEquals(1, exponentials("--kernel gaussian --hypotheses gated --stat mean", false));
    assertEquals(1, exponentials("--kernel gaussian --hypotheses gated --stat mean", true));
  }
}
