package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activations.deriver.lowering.Cse;
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
  private static long exponentials(String spec, boolean derivative) {
    Generation g = new Generation(new Symja());
    Generation.Emitted e = g.emitVerified(g.derive(g.resolve(spec)), "p", "C");
    Expr expr = (derivative ? e.lowered().derivatives() : e.lowered().values()).get(0).expr();
    Cse.Result cse = Cse.eliminate(List.of(expr), Set.of("z"));
    long n = 0;
    for (Cse.Binding b : cse.bindings()) n += calls(b.expr());
    return n + calls(cse.roots().get(0));
  }

  /** exp and expm1, and the helpers that each take one exp: logistic, softplus, tanh, tanh'. */
  private static long calls(Expr e) {
    long n = e instanceof Expr.Call c && Set.of(Fn.EXP, Fn.EXPM1, Fn.LOGISTIC, Fn.SOFTPLUS, Fn.TANH, Fn.TANH_PRIME).contains(c.fn()) ? 1 : 0;
    for (Expr child : Exprs.children(e)) n += calls(child);
    return n;
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
