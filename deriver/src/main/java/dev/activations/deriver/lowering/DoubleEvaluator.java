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
import java.util.List;
import java.util.Map;

/**
 * Interprets an IR expression in double with exactly the semantics of the printed Java, so that
 * accuracy measured here is the accuracy of the compiled code:
 *
 * <ul>
 *   <li>sums and products run left to right as printed ({@code ((a + b) + c)}); a negated term
 *       prints as a subtraction, and IEEE 754 defines {@code a - b} as {@code a + (-b)} exactly;
 *   <li>integer powers follow {@link IntegerPowers} (the printer prints the same product);
 *   <li>functions are the same {@code Math} calls, and the helpers are {@link StableFunctions},
 *       whose formulas the emitter copies into every generated class;
 *   <li>comparisons are Java's ({@code false} for NaN except {@code !=}).
 * </ul>
 *
 * <p>Java never contracts {@code a * b + c} into a fused multiply-add, so there is nothing else to
 * match.
 */
public final class DoubleEvaluator {
  private final Map<String, Double> variables;

  private DoubleEvaluator(Map<String, Double> variables) {
    this.variables = variables;
  }

  /** Evaluates {@code e} with the given variable values (z, parameters, CSE temporaries). */
  public static double evaluate(Expr e, Map<String, Double> variables) {
    return new DoubleEvaluator(variables).eval(e);
  }

  /** Evaluates {@code e} with {@code z} as its only variable. */
  /** {@link #evaluate(Expr, Map)}, NaN where the form cannot be evaluated (a variable it lacks, a function's domain). */
  public static double evaluateOrNaN(Expr e, Map<String, Double> variables) {
    try {
      return evaluate(e, variables);
    } catch (ArithmeticException | IllegalArgumentException undefined) {
      return Double.NaN;
    }
  }

  public static double evaluate(Expr e, double z) {
    return evaluate(e, Map.of("z", z));
  }

  /** Evaluates a test of a {@link Cond}. */
  public static boolean test(Test t, Map<String, Double> variables) {
    return new DoubleEvaluator(variables).check(t);
  }

  /**
   * A known function applied to double arguments: the same call the printed Java makes (see
   * {@code KnownFunctions} in the emitter).
   */
  public static double apply(Fn fn, double... a) {
    if (a.length != fn.arity()) {
      throw new IllegalArgumentException(fn + " takes " + fn.arity() + " arguments");
    }
    return a.length == 1 ? apply(fn, a[0]) : apply(fn, a[0], a[1]);
  }

  /** {@link #apply(Fn, double...)} for a function of one argument, without an array. */
  static double apply(Fn fn, double x) {
    return switch (fn) {
      case EXP -> Math.exp(x);
      case EXPM1 -> Math.expm1(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log1p(x);
      case SQRT -> Math.sqrt(x);
      case ABS -> Math.abs(x);
      case SINH -> Math.sinh(x);
      case COSH -> Math.cosh(x);
      case TANH -> StableFunctions.tanh(x);
      case SIGNUM -> Math.signum(x);
      case LOGISTIC -> StableFunctions.logistic(x);
      case SOFTPLUS -> StableFunctions.softplus(x);
      case TANH_PRIME -> StableFunctions.tanhPrime(x);
      case LOG1PMX -> StableFunctions.log1pmx(x);
      case ATAN -> Math.atan(x);
      case ASINH -> StableFunctions.asinh(x);
      case MAX, MIN, POW, HYPOT -> throw new IllegalArgumentException(fn + " takes 2 arguments");
    };
  }

  /** {@link #apply(Fn, double...)} for a function of two arguments, without an array. */
  static double apply(Fn fn, double x, double y) {
    return switch (fn) {
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
      case POW -> Math.pow(x, y);
      case HYPOT -> Math.hypot(x, y);
      default -> throw new IllegalArgumentException(fn + " takes 1 argument");
    };
  }

  /**
   * An expression prepared for evaluation at many points: the same arithmetic, in the same order,
   * as {@link #evaluate(Expr, Map)} (so the same results, bit for bit), with each variable read
   * from a slot of an array instead of looked up by name and the tree's dispatch done once. The
   * verification evaluates each form at tens of thousands of points.
   */
  @FunctionalInterface
  public interface Compiled {
    /** The value with {@code values[i]} for the i-th variable given to {@link #compile}. */
    double at(double[] values);
  }

  /**
   * {@code e} compiled over {@code variables} (slot i holds variables.get(i)); a variable not
   * among them throws, as {@link #evaluate(Expr, Map)} does, when (and only when) it is reached.
   * The result keeps the values of shared nodes at the current point ({@link Compilation}): one
   * thread at a time.
   */
  public static Compiled compile(Expr e, List<String> variables) {
    Map<String, Integer> slots = new java.util.HashMap<>();
    for (int i = 0; i < variables.size(); i++) slots.put(variables.get(i), i); // a later name wins, as in a map
    Compilation c = new Compilation(slots, e);
    Compiled root = compile(e, c);
    if (!c.memoised) return root;
    long[] point = c.point;
    return x -> {
      point[0]++;
      return root.at(x);
    };
  }

  /**
   * One compilation: the variables' slots, each node object compiled once, and a per-point memory
   * for the node objects that several parents share. The forms the passes build are DAGs whose
   * unfolding as trees can be exponentially larger (a candidate of a three-prototype Huber variance
   * with a free threshold); compiled and evaluated as trees they took a third of that derivation.
   * A shared node's value is computed once per point ({@link #point} counts the points) and is the
   * same bits as when computed again: nothing else changes. Not for two threads at once (as the
   * slots are not). {@link SharedEvaluation} does the same for the scorers, by structure and over a
   * pool of forms, interpreting numbered nodes; this keeps the compiled lambdas (and their speed on
   * the small forms most classes have) for its callers, the certification, the root finder and
   * CSE's compiled bindings. Moving the certification onto {@link SharedEvaluation} instead was not
   * measured.
   */
  private static final class Compilation {
    final Map<String, Integer> slots;
    final Map<Expr, Compiled> compiled = new java.util.IdentityHashMap<>();
    final Map<Expr, Integer> parents = new java.util.IdentityHashMap<>();
    final long[] point = new long[1];
    boolean memoised;

    Compilation(Map<String, Integer> slots, Expr root) {
      this.slots = slots;
      countParents(root);
    }

    /** How many parents reference each node object (a child listed twice by one parent counts twice). */
    private void countParents(Expr root) {
      java.util.ArrayDeque<Expr> pending = new java.util.ArrayDeque<>();
      java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      pending.push(root);
      seen.add(root);
      while (!pending.isEmpty()) {
        for (Expr child : Exprs.children(pending.pop())) {
          parents.merge(child, 1, Integer::sum);
          if (seen.add(child)) pending.push(child);
        }
      }
    }

    boolean shared(Expr e) {
      return !(e instanceof Const || e instanceof Var) && parents.getOrDefault(e, 0) > 1;
    }
  }

  /** A shared node's value at the current point. */
  private static final class Memo {
    long point = -1;
    double value;
  }

  /**
   * {@code e} as a function of z, the free parameters bound to {@code free} (a value for "z" among
   * them is overridden, as {@link #evaluate(Expr, Map)} with z put last would); compiled once, for
   * one thread at a time (the slots are reused).
   */
  public static java.util.function.DoubleUnaryOperator inZ(Expr e, Map<String, Double> free) {
    List<String> names = new java.util.ArrayList<>(free.keySet());
    names.add("z");
    double[] values = new double[names.size()];
    for (int i = 0; i < names.size() - 1; i++) values[i] = free.get(names.get(i));
    Compiled compiled = compile(e, names);
    return z -> {
      values[values.length - 1] = z;
      return compiled.at(values);
    };
  }

  private interface CompiledTest {
    boolean at(double[] values);
  }

  private static Compiled compile(Expr e, Compilation context) {
    Compiled known = context.compiled.get(e);
    if (known != null) return known;
    Compiled node = compileNode(e, context);
    if (context.shared(e)) {
      context.memoised = true;
      Compiled inner = node;
      Memo memo = new Memo();
      long[] point = context.point;
      node = x -> {
        if (memo.point == point[0]) return memo.value;
        double v = inner.at(x);
        memo.value = v;
        memo.point = point[0];
        return v;
      };
    }
    context.compiled.put(e, node);
    return node;
  }

  private static Compiled compileNode(Expr e, Compilation context) {
    Map<String, Integer> slots = context.slots;
    if (e instanceof Const c) {
      double v = c.value();
      return x -> v;
    } else if (e instanceof Var v) {
      Integer slot = slots.get(v.name());
      if (slot == null) {
        String name = v.name();
        return x -> {
          throw new IllegalArgumentException("no value for variable " + name);
        };
      }
      int i = slot;
      return x -> x[i];
    } else if (e instanceof Add a) {
      Compiled[] t = compileAll(a.terms(), context);
      if (t.length == 2) {
        Compiled l = t[0];
        Compiled r = t[1];
        return x -> l.at(x) + r.at(x);
      }
      return x -> {
        double acc = t[0].at(x);
        for (int i = 1; i < t.length; i++) acc += t[i].at(x);
        return acc;
      };
    } else if (e instanceof Mul m) {
      Compiled[] f = compileAll(m.factors(), context);
      if (f.length == 2) {
        Compiled l = f[0];
        Compiled r = f[1];
        return x -> l.at(x) * r.at(x);
      }
      return x -> {
        double acc = f[0].at(x);
        for (int i = 1; i < f.length; i++) acc *= f[i].at(x);
        return acc;
      };
    } else if (e instanceof Div d) {
      Compiled n = compile(d.numerator(), context);
      Compiled q = compile(d.denominator(), context);
      return x -> n.at(x) / q.at(x);
    } else if (e instanceof Neg n) {
      Compiled o = compile(n.operand(), context);
      return x -> -o.at(x);
    } else if (e instanceof PowInt p) {
      Compiled b = compile(p.base(), context);
      int k = p.exponent();
      return x -> IntegerPowers.pow(b.at(x), k);
    } else if (e instanceof Call c) {
      Fn fn = c.fn();
      Compiled[] args = compileAll(c.args(), context);
      if (args.length != fn.arity()) {
        return x -> apply(fn, new double[args.length]); // throws, as evaluate does
      }
      if (args.length == 1) {
        Compiled a0 = args[0];
        return x -> apply(fn, a0.at(x));
      }
      Compiled a0 = args[0];
      Compiled a1 = args[1];
      return x -> apply(fn, a0.at(x), a1.at(x));
    } else if (e instanceof Cond c) {
      CompiledTest test = compile(c.test(), context);
      Compiled then = compile(c.then(), context);
      Compiled otherwise = compile(c.otherwise(), context);
      return x -> test.at(x) ? then.at(x) : otherwise.at(x);
    }
    return x -> {
      throw Exprs.unsupported("DoubleEvaluator", e);
    };
  }

  private static Compiled[] compileAll(List<Expr> es, Compilation context) {
    Compiled[] out = new Compiled[es.size()];
    for (int i = 0; i < out.length; i++) out[i] = compile(es.get(i), context);
    return out;
  }

  private static CompiledTest compile(Test t, Compilation context) {
    if (t instanceof Test.Compare c) {
      Compiled l = compile(c.left(), context);
      Compiled r = compile(c.right(), context);
      return switch (c.op()) {
        case LT -> x -> l.at(x) < r.at(x);
        case LE -> x -> l.at(x) <= r.at(x);
        case GT -> x -> l.at(x) > r.at(x);
        case GE -> x -> l.at(x) >= r.at(x);
        case EQ -> x -> l.at(x) == r.at(x);
        case NE -> x -> l.at(x) != r.at(x);
      };
    } else if (t instanceof Test.And a) {
      CompiledTest[] o = compileTests(a.operands(), context);
      return x -> {
        for (CompiledTest c : o) {
          if (!c.at(x)) return false;
        }
        return true;
      };
    } else if (t instanceof Test.Or or) {
      CompiledTest[] o = compileTests(or.operands(), context);
      return x -> {
        for (CompiledTest c : o) {
          if (c.at(x)) return true;
        }
        return false;
      };
    } else if (t instanceof Test.Not n) {
      CompiledTest o = compile(n.operand(), context);
      return x -> !o.at(x);
    }
    return x -> {
      throw Exprs.unsupported("DoubleEvaluator", t);
    };
  }

  private static CompiledTest[] compileTests(List<Test> ts, Compilation context) {
    CompiledTest[] out = new CompiledTest[ts.size()];
    for (int i = 0; i < out.length; i++) out[i] = compile(ts.get(i), context);
    return out;
  }

  private double eval(Expr e) {
    if (e instanceof Const c) {
      return c.value();
    } else if (e instanceof Var v) {
      Double x = variables.get(v.name());
      if (x == null) {
        throw new IllegalArgumentException("no value for variable " + v.name());
      }
      return x;
    } else if (e instanceof Add a) {
      List<Expr> t = a.terms();
      double acc = eval(t.get(0));
      for (int i = 1; i < t.size(); i++) {
        acc += eval(t.get(i));
      }
      return acc;
    } else if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      double acc = eval(f.get(0));
      for (int i = 1; i < f.size(); i++) {
        acc *= eval(f.get(i));
      }
      return acc;
    } else if (e instanceof Div d) {
      return eval(d.numerator()) / eval(d.denominator());
    } else if (e instanceof Neg n) {
      return -eval(n.operand());
    } else if (e instanceof PowInt p) {
      return IntegerPowers.pow(eval(p.base()), p.exponent());
    } else if (e instanceof Call c) {
      double[] args = new double[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = eval(c.args().get(i));
      }
      return apply(c.fn(), args);
    } else if (e instanceof Cond c) {
      return check(c.test()) ? eval(c.then()) : eval(c.otherwise());
    }
    throw Exprs.unsupported("DoubleEvaluator", e);
  }

  /** {@code l op r} in double arithmetic (NaN compares false but for NE), as the printed Java does. */
  static boolean compare(Test.Op op, double l, double r) {
    return switch (op) {
      case LT -> l < r;
      case LE -> l <= r;
      case GT -> l > r;
      case GE -> l >= r;
      case EQ -> l == r;
      case NE -> l != r;
    };
  }

  private boolean check(Test t) {
    if (t instanceof Test.Compare c) {
      double l = eval(c.left());
      return compare(c.op(), l, eval(c.right()));
    } else if (t instanceof Test.And a) {
      for (Test o : a.operands()) {
        if (!check(o)) {
          return false;
        }
      }
      return true;
    } else if (t instanceof Test.Or o) {
      for (Test x : o.operands()) {
        if (check(x)) {
          return true;
        }
      }
      return false;
    } else if (t instanceof Test.Not n) {
      return !check(n.operand());
    }
    throw Exprs.unsupported("DoubleEvaluator", t);
  }
}
