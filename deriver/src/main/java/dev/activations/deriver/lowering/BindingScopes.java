package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Cse.Binding;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sinks the bindings of a one-root {@link Cse.Result} into the branch of the root's conditional
 * that uses them: the pass after CSE for methods that print a conditional root as {@code if}
 * statements.
 *
 * <p>Why: CSE numbers its bindings in one flat list evaluated before the root, so a repair's
 * branch ({@code |z| < 0.1 ? patch : main}, with a patch of dozens of nodes) was computed on every
 * call, whatever the test said. Here each binding moves to the innermost branch that contains all
 * of its uses (its uses in later bindings included, once those have moved), so the patch's nodes
 * are computed only when the test chooses the patch. Nothing else changes: the bindings keep their
 * names, expressions and relative order, so the result is as canonical as the CSE it comes from,
 * and every path computes exactly the values the flat list computed.
 *
 * <p>Only the conditionals that make up the root itself are branches here (a chain {@code a ? b :
 * c ? d : e} and conditionals in their arms); a conditional inside arithmetic stays an expression
 * and its operands stay where CSE put them.
 */
public final class BindingScopes {
  private BindingScopes() {}

  /** A scope: the bindings computed on entry, then either a result or a branch. */
  public sealed interface Block permits Leaf, Branch {
    List<Binding> bindings();
  }

  /** {@code bindings; return result;} */
  public record Leaf(List<Binding> bindings, Expr result) implements Block {
    public Leaf {
      bindings = List.copyOf(bindings);
      Objects.requireNonNull(result, "result");
    }
  }

  /** {@code bindings; if (test) { then } else { otherwise }}. */
  public record Branch(List<Binding> bindings, Test test, Block then, Block otherwise)
      implements Block {
    public Branch {
      bindings = List.copyOf(bindings);
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(otherwise, "otherwise");
    }
  }

  /**
   * The bindings of {@code cse} placed in the scopes of its single root.
   *
   * @throws IllegalArgumentException if {@code cse} has more than one root
   */
  public static Block sink(Cse.Result cse) {
    if (cse.roots().size() != 1) {
      throw new IllegalArgumentException("BindingScopes needs one root, not " + cse.roots().size());
    }
    List<Scope> scopes = new ArrayList<>();
    Scope top = Scope.of(cse.roots().get(0), null, scopes);
    List<Binding> bindings = cse.bindings();
    Map<String, Scope> placed = new HashMap<>();
    // Later bindings first: a binding's uses in later bindings are known once those are placed.
    for (int i = bindings.size() - 1; i >= 0; i--) {
      String name = bindings.get(i).name();
      Scope at = null;
      for (Scope s : scopes) {
        if (s.reads.contains(name)) at = commonAncestor(at, s);
      }
      for (int j = i + 1; j < bindings.size(); j++) {
        if (variables(bindings.get(j).expr()).contains(name)) {
          at = commonAncestor(at, placed.get(bindings.get(j).name()));
        }
      }
      placed.put(name, at == null ? top : at);
    }
    Map<Scope, List<Binding>> byScope = new HashMap<>();
    for (Binding b : bindings) {
      byScope.computeIfAbsent(placed.get(b.name()), k -> new ArrayList<>()).add(b);
    }
    return top.block(byScope);
  }

  private static Scope commonAncestor(Scope a, Scope b) {
    if (a == null) return b;
    while (a.depth > b.depth) a = a.parent;
    while (b.depth > a.depth) b = b.parent;
    while (a != b) {
      a = a.parent;
      b = b.parent;
    }
    return a;
  }

  /** A node of the root's branch tree, with the variables its own test or result reads. */
  private static final class Scope {
    final Scope parent;
    final int depth;
    final Expr result;
    final Test test;
    final Scope then;
    final Scope otherwise;
    final Set<String> reads;

    private Scope(Scope parent, Expr root, List<Scope> all) {
      this.parent = parent;
      this.depth = parent == null ? 0 : parent.depth + 1;
      all.add(this);
      if (root instanceof Cond c) {
        this.result = null;
        this.test = c.test();
        this.reads = new HashSet<>();
        for (Expr operand : Exprs.operands(c.test())) reads.addAll(variables(operand));
        this.then = new Scope(this, c.then(), all);
        this.otherwise = new Scope(this, c.otherwise(), all);
      } else {
        this.result = root;
        this.test = null;
        this.then = null;
        this.otherwise = null;
        this.reads = variables(root);
      }
    }

    static Scope of(Expr root, Scope parent, List<Scope> all) {
      return new Scope(parent, root, all);
    }

    Block block(Map<Scope, List<Binding>> byScope) {
      List<Binding> own = byScope.getOrDefault(this, List.of());
      return result != null
          ? new Leaf(own, result)
          : new Branch(own, test, then.block(byScope), otherwise.block(byScope));
    }
  }

  private static Set<String> variables(Expr e) {
    Set<String> out = new HashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Var v) {
      out.add(v.name());
      return;
    }
    for (Expr child : Exprs.children(e)) collect(child, out);
  }
}
