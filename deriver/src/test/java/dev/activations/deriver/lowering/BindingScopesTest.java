package dev.activations.deriver.lowering;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.activations.deriver.lowering.BindingScopes.Block;
import dev.activations.deriver.lowering.BindingScopes.Branch;
import dev.activations.deriver.lowering.BindingScopes.Leaf;
import dev.activations.deriver.lowering.Cse.Binding;
import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BindingScopesTest {
  private static final Var Z = new Var("z");
  private static final Set<String> RESERVED = Set.of("z", "s");

  private static Expr add(Expr... t) {
    return new Add(List.of(t));
  }

  private static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  private static Expr call(Fn fn, Expr x) {
    return Call.of(fn, x);
  }

  /**
   * The shape of a repair: {@code |z| < 0.1 ? patch : main}. The test's operand stays in front of
   * the branch; what only the patch repeats is computed in the patch, what only the main form
   * repeats in the main form.
   */
  @Test
  void movesEachBindingIntoTheBranchThatUsesIt() {
    Expr abs = call(Fn.ABS, Z);
    Expr e = call(Fn.EXP, Z);
    Expr l = call(Fn.LOG, abs);
    Expr root = new Cond(new Compare(Op.LT, abs, constant(0.1)),
        add(e, mul(e, e)),
        add(l, mul(l, Z)));
    Block block = BindingScopes.sink(Cse.eliminate(List.of(root), RESERVED));

    Branch branch = assertInstanceOf(Branch.class, block);
    assertEquals(List.of(new Binding("t0", abs)), branch.bindings());
    Leaf patch = assertInstanceOf(Leaf.class, branch.then());
    Leaf main = assertInstanceOf(Leaf.class, branch.otherwise());
    assertEquals(List.of(new Binding("t1", e)), patch.bindings());
    assertEquals(List.of(new Binding("t2", call(Fn.LOG, new Var("t0")))), main.bindings());
  }

  /** A binding both branches use is computed once, before the test. */
  @Test
  void keepsSharedBindingsInFront() {
    Expr e = call(Fn.EXP, Z);
    Expr root = new Cond(new Compare(Op.GT, Z, constant(0)), mul(e, Z), add(e, constant(1)));
    Branch branch = assertInstanceOf(Branch.class,
        BindingScopes.sink(Cse.eliminate(List.of(root), RESERVED)));
    assertEquals(List.of(new Binding("t0", e)), branch.bindings());
    assertEquals(List.of(), branch.then().bindings());
    assertEquals(List.of(), branch.otherwise().bindings());
  }

  @Test
  void refusesSeveralRoots() {
    assertThrows(IllegalArgumentException.class,
        () -> BindingScopes.sink(Cse.eliminate(List.of(Z, Z), RESERVED)));
  }

  /**
   * On random conditional roots (a chain of two tests over random expressions), running only the
   * taken path, with only the bindings of its scopes in the environment, gives the very bits of the
   * original tree: no binding is missing where it is read, and none is computed on a path that
   * does not read it (the environment of the path has nothing else).
   */
  @Property(tries = 300)
  void theTakenPathKeepsEveryBit(@ForAll long seed) {
    RandomExprs g = new RandomExprs(seed);
    Expr shared = g.next(3);
    Expr root = new Cond(new Compare(Op.LT, call(Fn.ABS, shared), constant(1)),
        add(g.next(4), shared),
        new Cond(new Compare(Op.GE, g.next(3), shared), g.next(5), mul(g.next(4), shared)));
    Block block = BindingScopes.sink(Cse.eliminate(List.of(root), RESERVED));
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      Map<String, Double> env = new HashMap<>(
          Map.of("z", RandomExprs.point(random), "s", RandomExprs.point(random)));
      double expected = DoubleEvaluator.evaluate(root, env);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(run(block, env)),
          () -> "at " + env + ": " + block);
    }
  }

  private static double run(Block block, Map<String, Double> env) {
    for (Binding b : block.bindings()) {
      env.put(b.name(), DoubleEvaluator.evaluate(b.expr(), env));
    }
    if (block instanceof Leaf leaf) {
      return DoubleEvaluator.evaluate(leaf.result(), env);
    }
    Branch branch = (Branch) block;
    return run(DoubleEvaluator.test(branch.test(), env) ? branch.then() : branch.otherwise(), env);
  }
}
