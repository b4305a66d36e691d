package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code logistic(x)}, {@code softplus(x)} and {@code tanh'(x/2)} each compute {@code e =
 * exp(-|x|)}. Where one output calls two or more of them on the same {@code |x|} (the SiLU
 * family's derivative {@code logistic(2z) + z tanh'(z) / 2}), this pass writes them out over that
 * one {@code e} and one {@code r = 1 / (1 + e)}, which CSE then computes once:
 *
 * <ul>
 *   <li>{@code logistic(x) = x >= 0 ? r : e r} (the helper's two branches; {@code e r} instead
 *       of {@code e / (1 + e)}: one rounding more, one division less);
 *   <li>{@code softplus(x) = max(x, 0) + log1p(e)}, bit for bit the helper;
 *   <li>{@code tanh'(x/2) = 4 e r r}.
 * </ul>
 *
 * One exp and one division instead of one of each per call. The exponent is {@code -s |b|} for
 * {@code x = c b} with a leading constant c ({@code s = |c|}, times 2 for tanh'): the same double
 * as the helpers' {@code -|c b|}, because rounding is symmetric in sign.
 */
final class SharedExponentials {
  /** The name of the pass, for reports. */
  static final String PASS = "shared-exponentials";

  /** The exponential {@code exp(-scale |base|)} a call needs. */
  private record Key(double scale, Expr base) {}

  private SharedExponentials() {}

  static Expr apply(Expr e) {
    Map<Key, Set<Call>> calls = new HashMap<>();
    collect(e, calls);
    Set<Key> shared = new HashSet<>();
    calls.forEach((k, cs) -> {
      if (cs.size() >= 2) shared.add(k);
    });
    return shared.isEmpty() ? e : rewrite(e, shared, new OncePerNode());
  }

  private static void collect(Expr e, Map<Key, Set<Call>> out) {
    for (Expr child : Exprs.children(e)) collect(child, out);
    if (e instanceof Call c) key(c).ifPresent(k -> out.computeIfAbsent(k, x -> new HashSet<>()).add(c));
  }

  private static Expr rewrite(Expr e, Set<Key> shared, OncePerNode done) {
    return done.apply(e, x -> rewritten(Exprs.mapChildren(x, child -> rewrite(child, shared, done)), shared));
  }

  private static Expr rewritten(Expr node, Set<Key> shared) {
    if (!(node instanceof Call c)) return node;
    Optional<Key> key = key(c);
    if (key.isEmpty() || !shared.contains(key.get())) return node;
    Expr exp = Call.of(Fn.EXP, key.get().scale() == 1.0
        ? new Neg(Call.of(Fn.ABS, key.get().base()))
        : new Mul(List.of(Const.of(-key.get().scale()), Call.of(Fn.ABS, key.get().base()))));
    Expr r = new Div(Const.of(1.0), new Add(List.of(Const.of(1.0), exp)));
    Expr x = c.args().get(0);
    return switch (c.fn()) {
      case LOGISTIC -> new Cond(new Test.Compare(Test.Op.GE, x, Const.of(0.0)), r, new Mul(List.of(exp, r)));
      case SOFTPLUS -> new Add(List.of(Call.of(Fn.MAX, x, Const.of(0.0)), Call.of(Fn.LOG1P, exp)));
      case TANH_PRIME -> new Mul(List.of(Const.of(4.0), exp, r, r));
      default -> throw new IllegalStateException("no shared exponential for " + c.fn());
    };
  }

  private static Optional<Key> key(Call c) {
    return switch (c.fn()) {
      case LOGISTIC, SOFTPLUS -> Optional.of(scaled(c.args().get(0), 1.0));
      case TANH_PRIME -> Optional.of(scaled(c.args().get(0), 2.0));
      default -> Optional.empty();
    };
  }

  /** {@code |factor x|} as {@code scale |base|}, taking a leading constant of x into the scale. */
  private static Key scaled(Expr x, double factor) {
    if (x instanceof Neg n) return scaled(n.operand(), factor);
    if (x instanceof Mul m && m.factors().get(0) instanceof Const c && Double.isFinite(c.value()) && c.value() != 0) {
      List<Expr> rest = new ArrayList<>(m.factors().subList(1, m.factors().size()));
      return new Key(Math.abs(c.value()) * factor, rest.size() == 1 ? rest.get(0) : new Mul(rest));
    }
    return new Key(factor, x);
  }
}
