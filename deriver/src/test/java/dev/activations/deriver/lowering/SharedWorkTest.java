package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speed passes {@link SharedExponentials} and {@link SharedReciprocals}. */
class SharedWorkTest {
  private static final Var Z = new Var("z");

  private static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  private static Expr c(double v) {
    return Const.of(v);
  }

  /** Calls of {@code fn} anywhere in e. */
  private static long calls(Expr e, Fn fn) {
    long n = e instanceof Call c && c.fn() == fn ? 1 : 0;
    for (Expr child : Exprs.children(e)) n += calls(child, fn);
    return n;
  }

  /** Divisions anywhere in e, counted once per distinct subtree (what CSE leaves). */
  private static long distinctDivisions(Expr e) {
    java.util.Set<Expr> seen = new java.util.HashSet<>();
    collectDivisions(e, seen);
    return seen.size();
  }

  private static void collectDivisions(Expr e, java.util.Set<Expr> out) {
    if (e instanceof Div) out.add(e);
    for (Expr child : Exprs.children(e)) collectDivisions(child, out);
  }

  /** Relative agreement over the whole range, tails and zero included. */
  private static void assertSameFunction(Expr before, Expr after, double tolerance) {
    double[] zs = {-1e308, -800, -745, -710, -360, -40, -19.5, -3, -1, -1e-3, -1e-300, -0.0, 0.0,
        1e-300, 1e-3, 0.5, 1, 3, 19.5, 40, 360, 710, 745, 800, 1e308};
    for (double z : zs) {
      double a = DoubleEvaluator.evaluate(before, Map.of("z", z));
      double b = DoubleEvaluator.evaluate(after, Map.of("z", z));
      if (a == b || Double.isNaN(a) && Double.isNaN(b)) continue;
      assertTrue(Math.abs(a - b) <= tolerance * Math.abs(a), "at z = " + z + ": " + a + " vs " + b);
    }
  }

  @Test
  void siluDerivativeTakesOneExpAndOneDivision() {
    // logistic(2z) + 0.5 z tanh'(z): two exponentials of -2|z|
    Expr d = new Add(List.of(Call.of(Fn.LOGISTIC, mul(c(2), Z)), mul(c(0.5), Z, Call.of(Fn.TANH_PRIME, Z))));
    Expr shared = SharedExponentials.apply(d);
    assertEquals(0, calls(shared, Fn.LOGISTIC) + calls(shared, Fn.TANH_PRIME));
    Cse.Result cse = Cse.eliminate(List.of(shared), java.util.Set.of("z"));
    long exps = cse.bindings().stream().filter(b -> b.expr() instanceof Call c && c.fn() == Fn.EXP).count();
    assertEquals(1, exps, "one exp, bound once: " + cse.bindings());
    assertEquals(1, distinctDivisions(shared));
    assertSameFunction(d, shared, 4e-16);
  }

  @Test
  void logisticOfBothSignsAndSoftplusShareTheirExponential() {
    Expr u = mul(c(3), Z);
    Expr e = new Add(List.of(Call.of(Fn.LOGISTIC, u), Call.of(Fn.LOGISTIC, new Neg(u)),
        Call.of(Fn.SOFTPLUS, mul(c(-3), Z))));
    Expr shared = SharedExponentials.apply(e);
    assertEquals(1, java.util.stream.Stream.of(shared).flatMap(x -> exps(x).stream()).distinct().count());
    assertSameFunction(e, shared, 4e-16);
  }

  private static java.util.Set<Expr> exps(Expr e) {
    java.util.Set<Expr> out = new java.util.HashSet<>();
    if (e instanceof Call c && c.fn() == Fn.EXP) out.add(e);
    for (Expr child : Exprs.children(e)) out.addAll(exps(child));
    return out;
  }

  @Test
  void aLoneCallOrDifferentArgumentsStayAsTheyAre() {
    Expr lone = mul(Z, Call.of(Fn.LOGISTIC, mul(c(2), Z)));
    assertSame(lone, SharedExponentials.apply(lone));
    Expr different = new Add(List.of(Call.of(Fn.LOGISTIC, Z), Call.of(Fn.TANH_PRIME, Z)));
    assertSame(different, SharedExponentials.apply(different));
  }

  @Test
  void repeatedDivisionsByZBecomeOneReciprocal() {
    // the Student-t tail: (256 / z / z / z / z - 4) / (... / z / z + 1) / z / z
    Expr zz = new Div(new Div(c(256), Z), Z);
    Expr e = new Div(new Div(new Add(List.of(new Div(new Div(zz, Z), Z), c(-4))),
        new Add(List.of(new Div(new Div(new Add(List.of(zz, c(24))), Z), Z), c(1)))), Z);
    Expr shared = SharedReciprocals.apply(e);
    // left: 1 / z and the one quotient by the denominator polynomial
    assertEquals(2, distinctDivisions(shared), shared.toString());
    assertSameFunction(e, shared, 1e-15);
  }

  @Test
  void hornerStepsInZSquaredShareOneSquareWhereTheBranchBoundsZ() {
    // |z| <= 1 ? ((z*z + 24) * z * z + 176) * z * z : 256 * (1/z) * (1/z) * (1/z) * (1/z)
    Expr zz = mul(mul(new Add(List.of(mul(Z, Z), c(24))), Z), Z);
    Expr near = mul(mul(new Add(List.of(zz, c(176))), Z), Z);
    Expr r = new Div(c(1), Z);
    Expr tail = mul(c(256), r, r, r, r);
    Expr e = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LE, Call.of(Fn.ABS, Z), c(1)), near, tail);
    Expr shared = SharedSquares.apply(e);
    Cse.Result cse = Cse.eliminate(List.of(shared), java.util.Set.of("z"));
    String printed = cse.bindings() + " " + cse.roots();
    // the square of z and the square of 1/z each bound once, and no z * z left in the roots
    assertTrue(cse.bindings().stream().anyMatch(b -> b.expr().equals(mul(Z, Z))), printed);
    assertTrue(cse.bindings().stream().anyMatch(b -> b.expr() instanceof Mul m && m.factors().size() == 2
        && m.factors().get(0) instanceof Var v && !v.name().equals("z") && m.factors().get(1).equals(v)), printed);
    assertEquals(3, cse.bindings().size(), printed);
    assertSameFunction(e, shared, 1e-15);
    // without the bound (no branch on |z|) the order that keeps c z z in range stays
    Expr unbounded = mul(c(0.5), Z, Z);
    assertSame(unbounded, SharedSquares.apply(unbounded));
  }

  @Test
  void aSingleDivisionStays() {
    Expr e = new Div(c(1.5), new Add(List.of(Z, c(2))));
    assertSame(e, SharedReciprocals.apply(e));
  }
}
