package dev.activations.deriver.lowering;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Cse.Binding;
import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CseTest {
  private static final Var Z = new Var("z");
  private static final Set<String> RESERVED = Set.of("z", "s");

  private static Expr add(Expr... t) {
    return new Add(List.of(t));
  }

  private static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  private static Expr exp(Expr x) {
    return Call.of(Fn.EXP, x);
  }

  private static Var v(String name) {
    return new Var(name);
  }

  @Test
  void bindsARepeatedSubtree() {
    Cse.Result r = Cse.eliminate(List.of(add(exp(Z), mul(exp(Z), Z))), RESERVED);
    assertEquals(List.of(new Binding("t0", exp(Z))), r.bindings());
    assertEquals(List.of(add(v("t0"), mul(v("t0"), Z))), r.roots());
  }

  @Test
  void sharesAcrossRootsInFirstOccurrenceOrder() {
    Expr l = Call.of(Fn.LOGISTIC, mul(constant(2), Z));
    Expr lm = Call.of(Fn.LOGISTIC, mul(constant(-2), Z));
    Expr d = mul(constant(2), l, lm);
    Cse.Result r = Cse.eliminate(List.of(l, lm, d, new Expr.Neg(d)), RESERVED);
    assertEquals(List.of(
        new Binding("t0", l),
        new Binding("t1", lm),
        new Binding("t2", mul(constant(2), v("t0"), v("t1")))), r.bindings());
    assertEquals(List.of(v("t0"), v("t1"), v("t2"), new Expr.Neg(v("t2"))), r.roots());
  }

  @Test
  void bindsOnlyTheOutermostRepeatedSubtree() {
    Expr e = add(exp(Z), constant(1));
    Cse.Result r = Cse.eliminate(List.of(e, mul(e, e)), RESERVED);
    assertEquals(List.of(new Binding("t0", e)), r.bindings());
    assertEquals(List.of(v("t0"), mul(v("t0"), v("t0"))), r.roots());
  }

  @Test
  void innerSubtreesAreBoundBeforeTheirParents() {
    Expr inner = exp(Z);
    Expr outer = add(inner, constant(1));
    Cse.Result r = Cse.eliminate(List.of(mul(outer, outer), inner), RESERVED);
    assertEquals(List.of(new Binding("t0", exp(Z)), new Binding("t1", add(v("t0"), constant(1)))),
        r.bindings());
    assertEquals(List.of(mul(v("t1"), v("t1")), v("t0")), r.roots());
  }

  @Test
  void neverBindsVariablesOrConstants() {
    Cse.Result r = Cse.eliminate(
        List.of(mul(Z, Z), add(Z, constant(1.5), constant(1.5)), v("s")), RESERVED);
    assertEquals(List.of(), r.bindings());
  }

  @Test
  void bindsTheBaseOfAPowerBecauseThePrinterRepeatsIt() {
    Expr base = add(Z, constant(1));
    Cse.Result r = Cse.eliminate(List.of(new PowInt(base, 2)), RESERVED);
    assertEquals(List.of(new Binding("t0", base)), r.bindings());
    assertEquals(List.of(new PowInt(v("t0"), 2)), r.roots());
    assertEquals(List.of(), Cse.eliminate(List.of(new PowInt(Z, 3)), RESERVED).bindings());
  }

  @Test
  void looksInsideConditions() {
    Expr cond = new Cond(new Compare(Op.GT, exp(Z), constant(1)), exp(Z), constant(0));
    Cse.Result r = Cse.eliminate(List.of(cond), RESERVED);
    assertEquals(List.of(new Binding("t0", exp(Z))), r.bindings());
    assertEquals(List.of(new Cond(new Compare(Op.GT, v("t0"), constant(1)), v("t0"), constant(0))),
        r.roots());
  }

  @Test
  void skipsReservedNames() {
    Cse.Result r = Cse.eliminate(List.of(mul(exp(Z), exp(Z), exp(v("s")), exp(v("s")))),
        Set.of("z", "s", "t0", "t2"));
    assertEquals(List.of("t1", "t3"), r.bindings().stream().map(Binding::name).toList());
  }

  @Test
  void isDeterministicAndIndependentOfObjectIdentity() {
    for (long seed = 0; seed < 50; seed++) {
      List<Expr> a = roots(seed);
      List<Expr> b = roots(seed); // equal trees, distinct objects
      assertEquals(Cse.eliminate(a, RESERVED), Cse.eliminate(b, RESERVED));
      assertEquals(Cse.eliminate(a, RESERVED).toString(), Cse.eliminate(b, RESERVED).toString());
    }
  }

  /** The bindings use only earlier bindings and the inputs; every binding is used. */
  @Property(tries = 300)
  void bindingsAreWellFormed(@ForAll long seed) {
    Cse.Result r = Cse.eliminate(roots(seed), RESERVED);
    Set<String> known = new HashSet<>(RESERVED);
    List<Expr> all = new ArrayList<>();
    for (Binding b : r.bindings()) {
      assertTrue(known.containsAll(variables(b.expr())), b.toString());
      assertFalse(Exprs.isAtom(b.expr()));
      known.add(b.name());
      all.add(b.expr());
    }
    all.addAll(r.roots());
    Set<String> used = new HashSet<>();
    all.forEach(e -> used.addAll(variables(e)));
    for (Binding b : r.bindings()) {
      assertTrue(used.contains(b.name()), "unused " + b.name());
    }
  }

  /** Evaluating bindings then roots gives the very bits of the original roots. */
  @Property(tries = 300)
  void keepsEveryBit(@ForAll long seed) {
    List<Expr> roots = roots(seed);
    Cse.Result r = Cse.eliminate(roots, RESERVED);
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      Map<String, Double> env =
          Map.of("z", RandomExprs.point(random), "s", RandomExprs.point(random));
      double[] after = r.evaluate(env);
      for (int k = 0; k < roots.size(); k++) {
        assertEquals(Double.doubleToLongBits(DoubleEvaluator.evaluate(roots.get(k), env)),
            Double.doubleToLongBits(after[k]), "root " + k + " at " + env);
      }
    }
  }

  private static List<Expr> roots(long seed) {
    RandomExprs g = new RandomExprs(seed);
    return List.of(g.next(5), g.next(5), g.next(4));
  }

  private static Set<String> variables(Expr e) {
    Set<String> out = new HashSet<>();
    if (e instanceof Var v) {
      out.add(v.name());
    }
    for (Expr c : Exprs.children(e)) {
      out.addAll(variables(c));
    }
    return out;
  }
}
