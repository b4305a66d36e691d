package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Common-subexpression elimination over a list of roots (value and derivative share work in fused
 * methods).
 *
 * <p>The result is canonical: bindings are numbered in the order a depth-first, left-to-right,
 * children-first walk over the roots (in list order) completes them, so the same roots give the
 * same bindings on every run and machine. Hash maps are used for lookups only, never iterated.
 *
 * <p>What becomes a binding: every non-trivial subtree (never a bare {@link Var} or {@link
 * Expr.Const}) that would be evaluated two or more times once the repeated subtrees around it are
 * shared: occurrences inside a second copy of an already repeated subtree do not count. The base of
 * an integer power counts twice, because the printer repeats it ({@code b * b}).
 *
 * <p>Hoisting a subexpression out of a {@link Expr.Cond} branch evaluates it unconditionally; the
 * value is unchanged (double arithmetic and the known functions have no side effects), only the
 * work moves.
 */
public final class Cse {
  /** {@code double name = expr;} where {@code expr} uses only earlier bindings, z and parameters. */
  public record Binding(String name, Expr expr) {
    public Binding {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expr, "expr");
    }
  }

  /**
   * The bindings in evaluation order and the roots rewritten over them (same order as given).
   */
  public record Result(List<Binding> bindings, List<Expr> roots) {
    public Result {
      bindings = List.copyOf(bindings);
      roots = List.copyOf(roots);
    }

    /** Evaluates the roots the way the generated code does: bindings first, then the roots. */
    public double[] evaluate(Map<String, Double> variables) {
      Map<String, Double> env = new HashMap<>(variables);
      for (Binding b : bindings) {
        env.put(b.name(), DoubleEvaluator.evaluate(b.expr(), env));
      }
      double[] out = new double[roots.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = DoubleEvaluator.evaluate(roots.get(i), env);
      }
      return out;
    }

    /**
     * {@link #evaluate} prepared for many points (same results, bit for bit): the values of
     * {@code variables} in that order, every binding in a slot after them.
     */
    public DoubleEvaluator.Compiled compile(List<String> variables, int root) {
      List<String> slots = new ArrayList<>(variables);
      List<DoubleEvaluator.Compiled> steps = new ArrayList<>();
      for (Binding b : bindings) {
        steps.add(DoubleEvaluator.compile(b.expr(), slots));
        slots.add(b.name());
      }
      DoubleEvaluator.Compiled result = DoubleEvaluator.compile(roots.get(root), slots);
      DoubleEvaluator.Compiled[] bound = steps.toArray(DoubleEvaluator.Compiled[]::new);
      int given = variables.size();
      int size = slots.size();
      return values -> {
        double[] frame = java.util.Arrays.copyOf(values, size);
        for (int i = 0; i < bound.length; i++) frame[given + i] = bound[i].at(frame);
        return result.at(frame);
      };
    }
  }

  private final Map<Expr, Integer> counts = new HashMap<>();
  private final Map<Expr, String> names = new HashMap<>();
  private final List<Binding> bindings = new ArrayList<>();
  private final Set<String> reserved;
  private int next;

  private Cse(Set<String> reserved) {
    this.reserved = reserved;
  }

  /**
   * Eliminates common subexpressions.
   *
   * @param roots the expressions to compute, in order
   * @param reservedNames names the temporaries must not take (z, parameters, the locals of the
   *     method the code goes into); temporaries are {@code t0, t1, ...} skipping these
   */
  public static Result eliminate(List<Expr> roots, Collection<String> reservedNames) {
    Cse cse = new Cse(Set.copyOf(reservedNames));
    for (Expr r : roots) {
      cse.count(r);
    }
    List<Expr> reduced = new ArrayList<>(roots.size());
    for (Expr r : roots) {
      reduced.add(cse.replace(r));
    }
    return new Result(cse.bindings, reduced);
  }

  private void count(Expr e) {
    if (Exprs.isAtom(e)) {
      return;
    }
    Integer seen = counts.get(e);
    if (seen != null) {
      counts.put(e, seen + 1);
      return;
    }
    counts.put(e, 1);
    for (Expr child : Exprs.children(e)) {
      count(child);
    }
    if (e instanceof PowInt p) {
      count(p.base()); // printed twice or more: b * b
    }
  }

  private Expr replace(Expr e) {
    if (Exprs.isAtom(e)) {
      return e;
    }
    String bound = names.get(e);
    if (bound != null) {
      return new Var(bound);
    }
    Expr rebuilt = Exprs.mapChildren(e, this::replace);
    if (counts.getOrDefault(e, 0) < 2) {
      return rebuilt;
    }
    String name = freshName();
    bindings.add(new Binding(name, rebuilt));
    names.put(e, name);
    return new Var(name);
  }

  private String freshName() {
    String name;
    do {
      name = "t" + next++;
    } while (reserved.contains(name));
    return name;
  }
}
