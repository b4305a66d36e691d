package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Structural helpers over {@link Expr} shared by the rewrites, CSE and the emitter: the direct
 * sub-expressions of a node (in printing order) and rebuilding a node from rewritten children.
 *
 * <p>Java 17 has no pattern matching over sealed types in {@code switch} (it is a preview
 * feature), so each helper is an {@code instanceof} chain that ends in an error naming the node
 * type: adding a node to {@link Expr} fails loudly here instead of being skipped.
 */
public final class Exprs {
  private Exprs() {}

  /** True for leaves: {@link Var} and {@link Const}. */
  public static boolean isAtom(Expr e) {
    return e instanceof Var || e instanceof Const;
  }

  /** True if {@code e} is a constant with exactly this value (bitwise; {@code 0.0 != -0.0}). */
  public static boolean isConst(Expr e, double value) {
    return e instanceof Const c
        && Double.doubleToRawLongBits(c.value()) == Double.doubleToRawLongBits(value);
  }

  /**
   * The direct sub-expressions of {@code e} in the order they are printed and evaluated; for a
   * {@link Cond}: the expressions of its test (left to right), then the two branches.
   */
  public static List<Expr> children(Expr e) {
    if (e instanceof Const || e instanceof Var) {
      return List.of();
    } else if (e instanceof Add a) {
      return a.terms();
    } else if (e instanceof Mul m) {
      return m.factors();
    } else if (e instanceof Div d) {
      return List.of(d.numerator(), d.denominator());
    } else if (e instanceof Neg n) {
      return List.of(n.operand());
    } else if (e instanceof PowInt p) {
      return List.of(p.base());
    } else if (e instanceof Call c) {
      return c.args();
    } else if (e instanceof Cond c) {
      List<Expr> out = new ArrayList<>(operands(c.test()));
      out.add(c.then());
      out.add(c.otherwise());
      return out;
    }
    throw unsupported("Exprs.children", e);
  }

  /** The expressions compared in a test, left to right. */
  public static List<Expr> operands(Test t) {
    List<Expr> out = new ArrayList<>();
    testOperands(t, out);
    return out;
  }

  private static void testOperands(Test t, List<Expr> out) {
    if (t instanceof Test.Compare c) {
      out.add(c.left());
      out.add(c.right());
    } else if (t instanceof Test.And a) {
      a.operands().forEach(o -> testOperands(o, out));
    } else if (t instanceof Test.Or o) {
      o.operands().forEach(x -> testOperands(x, out));
    } else if (t instanceof Test.Not n) {
      testOperands(n.operand(), out);
    } else {
      throw unsupported("Exprs.children", t);
    }
  }

  /**
   * Rebuilds {@code e} with {@code f} applied to each direct sub-expression (same order as {@link
   * #children}); returns {@code e} itself when no child changed.
   */
  /**
   * One test {@code name == value} for each parameter, in the order of the names: the guard of a
   * form that holds only at those values (root splices, patches exact at the defaults).
   */
  public static List<Expr.Test> parametersAt(java.util.Map<String, Double> values) {
    List<Expr.Test> tests = new java.util.ArrayList<>();
    for (var p : new java.util.TreeMap<>(values).entrySet()) {
      tests.add(new Expr.Test.Compare(Expr.Test.Op.EQ, new Expr.Var(p.getKey()), Expr.Const.of(p.getValue())));
    }
    return tests;
  }

  /** Whether {@code e} (tests of its conditionals included) reads z. */
  public static boolean involvesZ(Expr e) {
    return reads(e, name -> name.equals("z"));
  }

  /** Whether {@code e} (tests of its conditionals included) reads a free parameter (a variable other than z). */
  public static boolean involvesParameter(Expr e) {
    return reads(e, name -> !name.equals("z"));
  }

  private static boolean reads(Expr e, java.util.function.Predicate<String> variable) {
    if (e instanceof Var v) return variable.test(v.name());
    if (e instanceof Const) return false; // a leaf: no set of seen nodes to make
    return reads(e, variable, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  // Each node object once: the forms are DAGs, and a subtree seen before read no such variable.
  private static boolean reads(Expr e, java.util.function.Predicate<String> variable, Set<Expr> seen) {
    if (e instanceof Var v) return variable.test(v.name());
    if (e instanceof Const || !seen.add(e)) return false;
    for (Expr child : children(e)) {
      if (reads(child, variable, seen)) return true;
    }
    return false;
  }

  /**
   * The factors of a product as the printed code multiplies them: a product as its first factor is
   * spread into the list ({@code (a * b) * c} is evaluated as {@code a * b * c} all the same).
   */
  public static List<Expr> productFactors(List<Expr> factors) {
    List<Expr> out = new java.util.ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Mul inner && factors.get(0) == f) out.addAll(inner.factors());
      else out.add(f);
    }
    return out;
  }

  /**
   * {@code e} with z replaced by the number {@code value}, each node object once ({@link
   * OncePerNode}: a subtree shared by several parents stays shared instead of being copied per path).
   */
  public static Expr substituteZ(Expr e, double value) {
    return substituteZ(e, value, new OncePerNode());
  }

  private static Expr substituteZ(Expr e, double value, OncePerNode done) {
    return done.apply(e, x -> x instanceof Var v && v.name().equals("z") ? Const.of(value)
        : mapChildren(x, c -> substituteZ(c, value, done)));
  }

  public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof Const || e instanceof Var) {
      return e;
    } else if (e instanceof Add a) {
      List<Expr> t = mapAll(a.terms(), f);
      return t == null ? e : new Add(t);
    } else if (e instanceof Mul m) {
      List<Expr> t = mapAll(m.factors(), f);
      return t == null ? e : new Mul(t);
    } else if (e instanceof Div d) {
      Expr n = f.apply(d.numerator());
      Expr q = f.apply(d.denominator());
      return n.equals(d.numerator()) && q.equals(d.denominator()) ? e : new Div(n, q);
    } else if (e instanceof Neg n) {
      Expr o = f.apply(n.operand());
      return o.equals(n.operand()) ? e : new Neg(o);
    } else if (e instanceof PowInt p) {
      Expr b = f.apply(p.base());
      return b.equals(p.base()) ? e : new PowInt(b, p.exponent());
    } else if (e instanceof Call c) {
      List<Expr> t = mapAll(c.args(), f);
      return t == null ? e : new Call(c.fn(), t);
    } else if (e instanceof Cond c) {
      Test t = mapTest(c.test(), f);
      Expr then = f.apply(c.then());
      Expr otherwise = f.apply(c.otherwise());
      return t.equals(c.test()) && then.equals(c.then()) && otherwise.equals(c.otherwise())
          ? e
          : new Cond(t, then, otherwise);
    }
    throw unsupported("Exprs.mapChildren", e);
  }

  /** Rebuilds a test with {@code f} applied to each expression in it, left to right. */
  public static Test mapTest(Test t, UnaryOperator<Expr> f) {
    if (t instanceof Test.Compare c) {
      Expr l = f.apply(c.left());
      Expr r = f.apply(c.right());
      return l.equals(c.left()) && r.equals(c.right()) ? t : new Test.Compare(c.op(), l, r);
    } else if (t instanceof Test.And a) {
      return new Test.And(a.operands().stream().map(o -> mapTest(o, f)).toList());
    } else if (t instanceof Test.Or o) {
      return new Test.Or(o.operands().stream().map(x -> mapTest(x, f)).toList());
    } else if (t instanceof Test.Not n) {
      return new Test.Not(mapTest(n.operand(), f));
    }
    throw unsupported("Exprs.mapTest", t);
  }

  /** Null when nothing changed, else the new list. */
  private static List<Expr> mapAll(List<Expr> xs, UnaryOperator<Expr> f) {
    List<Expr> out = new ArrayList<>(xs.size());
    boolean changed = false;
    for (Expr x : xs) {
      Expr y = f.apply(x);
      changed |= !y.equals(x);
      out.add(y);
    }
    return changed ? out : null;
  }

  /** The functions called anywhere in {@code roots} (an {@link EnumSet}: deterministic order). */
  public static Set<Fn> functionsUsed(Collection<Expr> roots) {
    EnumSet<Fn> out = EnumSet.noneOf(Fn.class);
    Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Expr r : roots) {
      collectFunctions(r, out, seen);
    }
    return out;
  }

  private static void collectFunctions(Expr e, Set<Fn> out, Set<Expr> seen) {
    if (Exprs.isAtom(e) || !seen.add(e)) return; // each node object once (the forms are DAGs)
    if (e instanceof Call c) {
      out.add(c.fn());
    }
    for (Expr child : children(e)) {
      collectFunctions(child, out, seen);
    }
  }

  /** The error every strict walker throws for a node type it does not know. */
  public static IllegalStateException unsupported(String who, Object node) {
    return new IllegalStateException(
        who + ": unsupported node type " + (node == null ? "null" : node.getClass().getName()));
  }
}
