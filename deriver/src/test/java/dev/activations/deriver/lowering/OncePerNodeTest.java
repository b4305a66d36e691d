package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The node-by-node passes keep a shared subtree shared ({@link OncePerNode}). The form below is a
 * chain of 9 levels, each using the level under it twice: 2^9 paths through a few hundred
 * distinct nodes, as the chain rule builds them. A pass written as a plain recursion returns a
 * tree with a distinct node per path (thousands here; 596,156 for the Welsch entropy's
 * derivative that ran for 15 minutes), so the bound on the distinct nodes of each pass's result
 * fails for it.
 */
class OncePerNodeTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");
  private static final Var T = new Var("t");
  private static final int LEVELS = 9;

  /** A level over {@code e}: every pass below finds something to rewrite in it, and uses {@code e} twice. */
  private static Expr level(Expr e) {
    Expr shared = new Mul(List.of(Call.of(Fn.LOGISTIC, e), Call.of(Fn.SOFTPLUS, e), Call.of(Fn.TANH_PRIME, e), new Div(Z, new Mul(List.of(S, S, T)))));
    Expr near = new Mul(List.of(new PowInt(Z, 2), Call.of(Fn.EXP, e), Z, Z));
    Expr squares = new Cond(new Compare(Expr.Test.Op.LE, Call.of(Fn.ABS, Z), Const.of(0.5)), near, Const.of(1.0));
    return new Add(List.of(shared, new Div(squares, new Add(List.of(Const.of(1.0), Call.of(Fn.EXP, Z))))));
  }

  private static final Expr FORM = form();

  private static Expr form() {
    Expr e = Z;
    for (int i = 0; i < LEVELS; i++) e = level(e);
    return e;
  }

  private static int distinct(Expr e) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    walk(e, seen);
    return seen.size();
  }

  private static void walk(Expr e, Set<Object> seen) {
    if (!seen.add(e)) return;
    for (Expr c : Exprs.children(e)) walk(c, seen);
  }

  /** {@code e} as a tree: every operation a new instance on every path to it. */
  private static Expr unshared(Expr e) {
    if (e instanceof Const || e instanceof Var) return e;
    if (e instanceof Add a) return new Add(a.terms().stream().map(OncePerNodeTest::unshared).toList());
    if (e instanceof Mul m) return new Mul(m.factors().stream().map(OncePerNodeTest::unshared).toList());
    if (e instanceof Div d) return new Div(unshared(d.numerator()), unshared(d.denominator()));
    if (e instanceof Expr.Neg n) return new Expr.Neg(unshared(n.operand()));
    if (e instanceof PowInt p) return new PowInt(unshared(p.base()), p.exponent());
    if (e instanceof Call c) return new Call(c.fn(), c.args().stream().map(OncePerNodeTest::unshared).toList());
    if (e instanceof Cond c && c.test() instanceof Compare t) {
      return new Cond(new Compare(t.op(), unshared(t.left()), unshared(t.right())), unshared(c.then()), unshared(c.otherwise()));
    }
    throw new IllegalArgumentException("not in this test's forms: " + e);
  }

  private static void assertShared(String pass, UnaryOperator<Expr> apply) {
    Expr result = apply.apply(FORM);
    int before = distinct(FORM);
    int after = distinct(result);
    assertTrue(!result.equals(FORM), pass + " found nothing to rewrite: the test would prove nothing");
    // a few new nodes per level at most; a copy per path would be about 2^9 times the level
    assertTrue(after <= 4 * before, pass + ": " + before + " distinct nodes became " + after);
  }

  @Test
  void theSpeedPassesKeepSharing() {
    assertShared(SharedExponentials.PASS, SharedExponentials::apply);
    assertShared(SharedReciprocals.PASS, SharedReciprocals::apply);
    assertShared(SharedSquares.PASS, SharedSquares::apply);
  }

  @Test
  void theRangeRepairsKeepSharing() {
    assertShared("vanishing", Repairs::guardVanishing);
    assertShared(ProductRange.PASS, ProductRange::apply);
    assertShared(ParameterQuotients.PASS, e -> ParameterQuotients.guarded(e, Set.of("s", "t")));
  }

  @Test
  void aSharedRewriteIsTheSameExpression() {
    // the sharing is the only difference: the result equals the rewrite of an unshared copy (a
    // tree: no node reached twice, so no result is taken from the memo)
    Expr small = level(level(Z));
    Expr copy = unshared(small);
    assertEquals(small, copy);
    assertTrue(distinct(copy) > distinct(small), "the copy shares nothing");
    assertEquals(SharedExponentials.apply(small), SharedExponentials.apply(copy));
    Map<String, Double> at = Map.of("z", 0.3, "s", 1.5, "t", 0.7);
    assertEquals(DoubleEvaluator.evaluate(ParameterQuotients.guarded(small, Set.of("s", "t")), at),
        DoubleEvaluator.evaluate(ParameterQuotients.guarded(copy, Set.of("s", "t")), at), 0.0);
  }
}
