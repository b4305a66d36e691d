package dev.activations.deriver.lowering;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A pass's result per node, by identity, for passes that rewrite a form node by node: each node
 * is rewritten once and every parent of a shared subtree gets the same rewritten instance.
 *
 * <p>Why: the derivation's forms are directed acyclic graphs (the chain rule and the statistic
 * reuse one subtree from many parents), and a pass written as a plain recursion copies a shared
 * subtree once per path to it. The next pass then walks each copy, and {@code equals} of two
 * equal copies walks the paths too (the hash is cached in each node, {@link Expr}). The three-prototype Welsch entropy with a free
 * scale had a derivative of 85,505 distinct nodes that the speed passes turned into 596,156, and
 * the parameter-quotient pass after them into 2.1 million: that one derivation ran for more than 15
 * minutes. The result is the same expression, structurally, as the plain recursion's: only the
 * sharing differs, so the printed code does not.
 *
 * <p>A rewrite that depends on where the node sits (the branch that bounds a factor, the tests
 * known to be false) needs one instance per such context.
 */
public final class OncePerNode {
  private final Map<Expr, Expr> done = new IdentityHashMap<>(); // no deep hashing of forms

  /** {@code rewrite.apply(e)}, computed the first time {@code e} (this instance) is seen. */
  public Expr apply(Expr e, UnaryOperator<Expr> rewrite) {
    Expr known = done.get(e);
    if (known != null) return known;
    Expr result = rewrite.apply(e);
    done.put(e, result);
    return result;
  }
}
