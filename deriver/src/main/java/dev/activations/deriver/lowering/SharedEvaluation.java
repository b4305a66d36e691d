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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One expression evaluated at many points, each structurally distinct sub-expression at most once
 * per point. Why: the forms the selection measures are DAGs, far larger as trees: a candidate
 * parameter derivative of the three-prototype pseudo-Huber entropy with a free scale had 2.6
 * million node objects (74 million nodes as a tree) of which 4,824 differ, and walking such forms
 * point by point ({@link DoubleEvaluator}) took more than half of that derivation's time. With the
 * passes that built them keeping shared subtrees shared ({@link Rewrites#apply}, {@link
 * Differentiation}, {@link Exprs#substituteZ}, each node once), the spec's {@code derive --check
 * --out} took 68 s instead of 221 s (151 s with those passes and the tree walk, 186 s with this
 * evaluation and the passes that copy; the same class each time).
 *
 * <p>The values are those of {@link DoubleEvaluator#evaluateOrNaN}, bit for bit: the same
 * operations in the same order, only the taken branch of a condition evaluated, and a variable
 * without a value (or a function's domain) an error, hence NaN, only where it is reached. Not for
 * use by two threads at once (the per-point memory is reused).
 */
public final class SharedEvaluation {
  private static final byte CONST = 0;
  private static final byte VAR = 1;
  private static final byte ADD = 2;
  private static final byte MUL = 3;
  private static final byte DIV = 4;
  private static final byte NEG = 5;
  private static final byte POW_INT = 6;
  private static final byte CALL = 7;
  private static final byte COND = 8;

  /** A condition's test over node numbers. */
  private sealed interface TestNode {}

  private record Compare(Test.Op op, int left, int right) implements TestNode {}

  private record All(TestNode[] operands) implements TestNode {}

  private record AnyOf(TestNode[] operands) implements TestNode {}

  private record Not(TestNode operand) implements TestNode {}

  private final Pool pool;
  private final int root;

  private SharedEvaluation(Pool pool, int root) {
    this.pool = pool;
    this.root = root;
  }

  /** {@code e} prepared for evaluation at many points, on its own. */
  public static SharedEvaluation of(Expr e) {
    return new Pool().of(e);
  }

  /**
   * Expressions numbered together: the forms one scorer measures share most of their node objects
   * (a near-zero splice is a condition over a patch and a form measured before), so each node
   * object is numbered once for all of them, and the second form costs only its new nodes. Not
   * for two threads at once.
   */
  public static final class Pool {
    private final Builder nodes = new Builder();
    private double[] value = new double[0];
    private int[] stamp = new int[0];
    private int generation;
    private Map<String, Double> variables;

    /** {@code e} prepared for evaluation at many points, its nodes numbered with this pool's. */
    public SharedEvaluation of(Expr e) {
      return new SharedEvaluation(this, nodes.node(e));
    }

    /** The number of structurally distinct nodes numbered so far. */
    public int size() {
      return nodes.nodes.size();
    }
  }

  /** {@link DoubleEvaluator#evaluateOrNaN} of the expression at {@code variables}. */
  public double atOrNaN(Map<String, Double> variables) {
    Pool p = pool;
    int size = p.nodes.nodes.size();
    if (p.value.length < size) {
      int n = Math.max(size, 2 * p.value.length);
      p.value = java.util.Arrays.copyOf(p.value, n);
      p.stamp = java.util.Arrays.copyOf(p.stamp, n);
    }
    p.variables = variables;
    p.generation++;
    if (p.generation == 0) {
      java.util.Arrays.fill(p.stamp, 0);
      p.generation = 1;
    }
    try {
      return eval(root);
    } catch (ArithmeticException | IllegalArgumentException undefined) {
      return Double.NaN;
    }
  }

  private double eval(int i) {
    Pool p = pool;
    if (p.stamp[i] == p.generation) return p.value[i];
    Node n = p.nodes.nodes.get(i);
    int[] c = n.children();
    double v;
    switch (n.kind()) {
      case CONST -> v = n.constant();
      case VAR -> {
        Double x = p.variables.get(n.name());
        if (x == null) throw new IllegalArgumentException("no value for variable " + n.name());
        v = x;
      }
      case ADD -> {
        v = eval(c[0]);
        for (int k = 1; k < c.length; k++) v += eval(c[k]);
      }
      case MUL -> {
        v = eval(c[0]);
        for (int k = 1; k < c.length; k++) v *= eval(c[k]);
      }
      case DIV -> v = eval(c[0]) / eval(c[1]);
      case NEG -> v = -eval(c[0]);
      case POW_INT -> v = IntegerPowers.pow(eval(c[0]), n.exponent());
      case CALL -> v = c.length == 1 ? DoubleEvaluator.apply(n.fn(), eval(c[0]))
          : DoubleEvaluator.apply(n.fn(), eval(c[0]), eval(c[1]));
      case COND -> v = check(n.test()) ? eval(c[0]) : eval(c[1]);
      default -> throw new IllegalStateException("node kind " + n.kind());
    }
    p.value[i] = v;
    p.stamp[i] = p.generation;
    return v;
  }

  private boolean check(TestNode t) {
    if (t instanceof Compare c) {
      double l = eval(c.left());
      return DoubleEvaluator.compare(c.op(), l, eval(c.right()));
    } else if (t instanceof All a) {
      for (TestNode o : a.operands()) {
        if (!check(o)) return false;
      }
      return true;
    } else if (t instanceof AnyOf o) {
      for (TestNode x : o.operands()) {
        if (check(x)) return true;
      }
      return false;
    }
    return !check(((Not) t).operand());
  }

  /** One structurally distinct node: its kind, its own datum (by kind) and its children's numbers. */
  private record Node(byte kind, double constant, String name, int exponent, Fn fn, int[] children, TestNode test) {}

  /**
   * Numbers the structurally distinct nodes (hash-consing: a node's key is its kind, its own datum
   * and its children's numbers), children before parents; each node object is visited once.
   */
  private static final class Builder {
    final List<Node> nodes = new ArrayList<>();
    final IdentityHashMap<Expr, Integer> seen = new IdentityHashMap<>();
    final Map<List<Object>, Integer> distinct = new HashMap<>();

    int node(Expr e) {
      Integer known = seen.get(e);
      if (known != null) return known;
      List<Object> key = new ArrayList<>();
      int[] kids;
      TestNode t = null;
      byte k;
      double c = 0;
      String v = null;
      int p = 0;
      Fn f = null;
      if (e instanceof Const x) {
        k = CONST;
        c = x.value();
        key.add(Double.doubleToRawLongBits(c));
        kids = new int[0];
      } else if (e instanceof Var x) {
        k = VAR;
        v = x.name();
        key.add(v);
        kids = new int[0];
      } else if (e instanceof Add x) {
        k = ADD;
        kids = nodes(x.terms());
      } else if (e instanceof Mul x) {
        k = MUL;
        kids = nodes(x.factors());
      } else if (e instanceof Div x) {
        k = DIV;
        kids = new int[] {node(x.numerator()), node(x.denominator())};
      } else if (e instanceof Neg x) {
        k = NEG;
        kids = new int[] {node(x.operand())};
      } else if (e instanceof PowInt x) {
        k = POW_INT;
        p = x.exponent();
        key.add(p);
        kids = new int[] {node(x.base())};
      } else if (e instanceof Call x) {
        k = CALL;
        f = x.fn();
        key.add(f);
        kids = nodes(x.args());
      } else {
        Cond x = (Cond) e;
        k = COND;
        List<Object> testKey = new ArrayList<>();
        t = test(x.test(), testKey);
        key.add(testKey);
        kids = new int[] {node(x.then()), node(x.otherwise())};
      }
      key.add(0, k);
      for (int kid : kids) key.add(kid);
      Integer id = distinct.get(key);
      if (id == null) {
        id = nodes.size();
        distinct.put(key, id);
        nodes.add(new Node(k, c, v, p, f, kids, t));
      }
      seen.put(e, id);
      return id;
    }

    int[] nodes(List<Expr> es) {
      int[] out = new int[es.size()];
      for (int i = 0; i < out.length; i++) out[i] = node(es.get(i));
      return out;
    }

    TestNode test(Test t, List<Object> key) {
      if (t instanceof Test.Compare c) {
        int l = node(c.left());
        int r = node(c.right());
        key.add(List.of("compare", c.op(), l, r));
        return new Compare(c.op(), l, r);
      } else if (t instanceof Test.Not n) {
        List<Object> inner = new ArrayList<>();
        TestNode o = test(n.operand(), inner);
        key.add(List.of("not", inner));
        return new Not(o);
      }
      boolean all = t instanceof Test.And;
      List<Test> operands = all ? ((Test.And) t).operands() : ((Test.Or) t).operands();
      TestNode[] out = new TestNode[operands.size()];
      List<Object> inner = new ArrayList<>();
      for (int i = 0; i < out.length; i++) out[i] = test(operands.get(i), inner);
      key.add(List.of(all ? "and" : "or", inner));
      return all ? new All(out) : new AnyOf(out);
    }
  }
}
