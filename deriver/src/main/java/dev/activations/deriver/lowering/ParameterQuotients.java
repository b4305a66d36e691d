package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Division by a product of free parameters one parameter at a time, taken only where the product
 * would leave the double range: {@code x / (s s)} stays as it is while every such parameter lies in
 * a range where the product is a normal double, and becomes {@code (x / s) / s} outside it, chosen
 * at run time ({@link #guarded}).
 *
 * <p>Why: the forms are chosen at parameter values of order 1, but {@code s * s} underflows for
 * |s| below 1.5e-154 (and overflows above 1.3e154), where the quotient itself may be an ordinary
 * number, 0 or an infinity: {@code tanh(z / (s s))} at s = 1e-160 is {@code tanh(0 / 0)} = NaN at
 * z = 0 (exact 0), and {@code tanh'(z / s^2) / s^2} is {@code 0 * Inf} = NaN for every z (exact 0,
 * or Infinity at z = 0). One quotient at a time, each partial result lies between x and the final
 * quotient in magnitude where every |s| is on the same side of 1, so nothing leaves the range that
 * the result does not.
 *
 * <p>Why at run time only: applied everywhere (the eleventh session) the stepwise quotients changed
 * the rounding where terms cancel exactly (a Tukey mixture's derivative, exactly 0 next to z = 0 at
 * a = -1.21, came out 9.9e-32). Inside the range the generated code computes exactly what it
 * computed before, so every measurement that chose the form still holds bit for bit.
 *
 * <p>In a product the divisions go into the factor that carries z ({@code z} itself first): in
 * {@code 8 r+ r- / s^3 * z} the responsibilities are about 1/4 next to z = 0, and {@code 8 r+ r- / s
 * / s / s} overflows for s below 1e-103 (times z = 0: NaN), while {@code z / s / s / s} is the
 * size of the result.
 */
public final class ParameterQuotients {
  /** The name of the pass, for reports. */
  static final String PASS = "parameter-quotients";

  private ParameterQuotients() {}

  /**
   * {@code e}, or {@code inRange ? e : stepwise(e)} where {@code e} divides by a product of two or
   * more free-parameter factors; {@code inRange} holds where every such parameter's magnitude lies
   * in {@code [2^(MIN_EXPONENT/n), 2^(MAX_EXPONENT/n)]}, n the largest number of parameter factors
   * in one such product, so that each product of them is a normal double there.
   */
  static Expr guarded(Expr e, Set<String> parameters) {
    if (parameters.isEmpty()) return e;
    Map<String, Integer> counts = new TreeMap<>(); // sorted: the same test for the same form
    Expr stepwise = apply(e, parameters, counts, new OncePerNode());
    if (stepwise.equals(e) || counts.isEmpty()) return e;
    List<Test> inRange = new ArrayList<>();
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      int n = c.getValue();
      inRange.addAll(withinNthRootOfRange(Call.of(Fn.ABS, new Var(c.getKey())), n));
    }
    // Out there a quotient that overflows meets a responsibility that underflows (z / s / s / s
    // at z = 1e-100, s = 3e-163, times logistic(z / s / s) logistic(-z / s / s) = 0: NaN, exact 0):
    // the products are guarded as the measured forms are where that was measured to help
    // (Repairs.guardVanishing)
    return new Cond(new Test.And(inRange), e, new Settling().settled(Repairs.guardVanishing(stepwise), new BitSet()));
  }

  /**
   * {@code magnitude} within {@code [2^(MIN_EXPONENT/n), 2^(MAX_EXPONENT/n)]}: where n factors each
   * lie there, every partial product of them is a normal double (also {@link ProductRange}).
   */
  static List<Test> withinNthRootOfRange(Expr magnitude, int n) {
    return List.of(new Test.Compare(Test.Op.GE, magnitude, Const.of(Math.scalb(1.0, Double.MIN_EXPONENT / n))),
        new Test.Compare(Test.Op.LE, magnitude, Const.of(Math.scalb(1.0, Double.MAX_EXPONENT / n))));
  }

  /**
   * A form without the guards whose test is known to be false where they sit: inside the
   * otherwise-branch of {@code t ? 0 : x} a second {@code t ? 0 : y} is {@code y} (guarding the
   * stepwise form guards again the products whose factor was guarded already).
   *
   * <p>A node's result depends only on those tests known to be false that are guards somewhere
   * below it, so each node is settled once per such set ({@link OncePerNode}): keyed by the whole
   * set, a subtree shared by parents under different guards was settled once per path to it. The
   * tests are numbered (each distinct test hashed once) and the sets are bit sets.
   */
  private static final class Settling {
    private final Map<Test, Integer> numbers = new HashMap<>();
    private final Map<Expr, BitSet> guardsBelow = new IdentityHashMap<>();
    private final Map<BitSet, OncePerNode> contexts = new HashMap<>();

    Expr settled(Expr e, BitSet isFalse) {
      BitSet relevant = (BitSet) guardsBelow(e).clone(); // a key of contexts: never changed after
      relevant.and(isFalse);
      return contexts.computeIfAbsent(relevant, k -> new OncePerNode()).apply(e, x -> settledHere(x, relevant));
    }

    private Expr settledHere(Expr e, BitSet isFalse) {
      if (e instanceof Cond c && Exprs.isConst(c.then(), 0.0)) {
        int test = number(c.test());
        if (isFalse.get(test)) return settled(c.otherwise(), isFalse);
        BitSet inner = (BitSet) isFalse.clone();
        inner.set(test);
        return new Cond(Exprs.mapTest(c.test(), x -> settled(x, isFalse)), c.then(), settled(c.otherwise(), inner));
      }
      return Exprs.mapChildren(e, x -> settled(x, isFalse));
    }

    private int number(Test t) {
      return numbers.computeIfAbsent(t, x -> numbers.size());
    }

    /** The numbers of the tests of the guards {@code t ? 0 : x} in {@code e}, {@code e} included. */
    private BitSet guardsBelow(Expr e) {
      BitSet known = guardsBelow.get(e);
      if (known != null) return known;
      BitSet below = new BitSet();
      for (Expr child : Exprs.children(e)) below.or(guardsBelow(child));
      if (e instanceof Cond c && Exprs.isConst(c.then(), 0.0)) below.set(number(c.test()));
      guardsBelow.put(e, below);
      return below;
    }
  }

  /**
   * The in-range form of a form built by {@link #guarded} (its test does not involve z), or
   * empty: for code that evaluates many z at one parameter value (the SIMD kernels), which can
   * take the test once and hand the other case to the scalar code.
   */
  public static Optional<Cond> split(Expr e) {
    if (!(e instanceof Cond c) || !(c.test() instanceof Test.And a) || a.operands().isEmpty()) return Optional.empty();
    for (Test t : a.operands()) {
      if (!(t instanceof Test.Compare cmp) || !(cmp.right() instanceof Const)
          || !(cmp.left() instanceof Call abs) || abs.fn() != Fn.ABS
          || !(abs.args().get(0) instanceof Var v) || v.name().equals("z")) {
        return Optional.empty();
      }
    }
    return Optional.of(c);
  }

  /** {@code e} with its divisions by products of the {@code parameters} taken one at a time (counted by parameter). */
  private static Expr apply(Expr e, Set<String> parameters, Map<String, Integer> counts, OncePerNode done) {
    return done.apply(e, x -> Exprs.mapChildren(divided(x, parameters, counts), child -> apply(child, parameters, counts, done)));
  }

  /** {@code e} with its own division by parameter products taken one at a time, if it has one. */
  private static Expr divided(Expr e, Set<String> parameters, Map<String, Integer> counts) {
    // outermost first: a quotient inside a product goes into the product's factor that carries z
    // ((8 r+ r- / s^3) * z as 8 r+ r- * (z / s / s / s)), which the quotient alone cannot see
    Expr node = e;
    if (node instanceof Div d && !Exprs.isConst(d.numerator(), 1.0)) {
      Optional<Expr> q = Optional.empty();
      if (d.numerator() instanceof Mul m) {
        List<Expr> factors = new ArrayList<>(m.factors());
        factors.add(new Div(Const.of(1.0), d.denominator()));
        q = product(factors, parameters, counts);
      }
      node = q.or(() -> stepwise(d.numerator(), d.denominator(), parameters, counts)).orElse(node);
    } else if (node instanceof Mul m) {
      node = product(m.factors(), parameters, counts).orElse(node);
    }
    return node;
  }

  /**
   * A product whose factors include a quotient by parameter products ({@code 1/d}, {@code x/d},
   * {@code s^-k}): the divisions moved into the factor that carries z, or empty.
   */
  private static Optional<Expr> product(List<Expr> given, Set<String> parameters, Map<String, Integer> counts) {
    List<Expr> factors = Exprs.productFactors(given);
    boolean changed = false;
    for (int i = 0; i < factors.size(); i++) {
      Expr f = factors.get(i);
      Expr numerator = Const.of(1.0);
      Expr denominator;
      if (f instanceof Div d && parameterCount(d.denominator(), parameters) >= 2) {
        numerator = d.numerator();
        denominator = d.denominator();
      } else if (f instanceof PowInt p && p.exponent() < -1) {
        denominator = new PowInt(p.base(), -p.exponent());
        if (parameterCount(denominator, parameters) < 2) continue;
      } else {
        continue;
      }
      // the numerator stays a factor in place of the quotient (1 drops out)
      List<Expr> rest = new ArrayList<>(factors);
      if (Exprs.isConst(numerator, 1.0)) rest.remove(i);
      else rest.set(i, numerator);
      int into = carrier(rest);
      if (into < 0) continue;
      Optional<Expr> q = stepwise(rest.get(into), denominator, parameters, counts);
      if (q.isEmpty()) continue;
      rest.set(into, q.get());
      factors = rest;
      changed = true;
      i = -1; // the list changed: look again from the start
    }
    if (!changed) return Optional.empty();
    return Optional.of(factors.size() == 1 ? factors.get(0) : new Mul(factors));
  }

  /** The factor the divisions go into: z itself, else the first that involves z, else the first that is not a constant. */
  private static int carrier(List<Expr> factors) {
    for (int j = 0; j < factors.size(); j++) {
      if (factors.get(j) instanceof Var v && v.name().equals("z")) return j;
    }
    for (int j = 0; j < factors.size(); j++) {
      if (Exprs.involvesZ(factors.get(j))) return j;
    }
    for (int j = 0; j < factors.size(); j++) {
      if (!(factors.get(j) instanceof Const)) return j;
    }
    return -1;
  }


  /**
   * {@code x / d} as {@code x} divided by d's other factors, then by each parameter in turn, when
   * d holds two or more parameter factors; empty otherwise.
   */
  private static Optional<Expr> stepwise(Expr x, Expr d, Set<String> parameters, Map<String, Integer> counts) {
    int n = parameterCount(d, parameters);
    if (n < 2) return Optional.empty();
    List<Expr> rest = new ArrayList<>();
    List<Var> each = new ArrayList<>();
    for (Expr f : d instanceof Mul m ? m.factors() : List.of(d)) {
      if (f instanceof Var v && parameters.contains(v.name())) {
        each.add(v);
      } else if (f instanceof PowInt p && p.exponent() > 1 && p.base() instanceof Var v
          && parameters.contains(v.name())) {
        for (int k = 0; k < p.exponent(); k++) each.add(v);
      } else {
        rest.add(f);
      }
    }
    for (Var v : each) counts.merge(v.name(), n, Math::max);
    Expr q = x;
    if (!rest.isEmpty()) q = new Div(q, rest.size() == 1 ? rest.get(0) : new Mul(rest));
    for (Var v : each) q = new Div(q, v);
    return Optional.of(q);
  }

  /** How many parameter factors {@code d} holds (a power counted by its exponent). */
  private static int parameterCount(Expr d, Set<String> parameters) {
    int n = 0;
    for (Expr f : d instanceof Mul m ? m.factors() : List.of(d)) {
      if (f instanceof Var v && parameters.contains(v.name())) n++;
      if (f instanceof PowInt p && p.exponent() > 1 && p.base() instanceof Var v
          && parameters.contains(v.name())) {
        n += p.exponent();
      }
    }
    return n;
  }
}
