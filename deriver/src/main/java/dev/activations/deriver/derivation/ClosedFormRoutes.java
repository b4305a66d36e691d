package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Several simplification routes, the smallest equivalent form wins.
 *
 * <p>Each start form (the form the engine had, and the forms the identities of the EM structure
 * give, {@link TwoHypothesisForms}) goes through the routes that fit its shape, each one a short
 * pipeline of Symja functions run within a {@link WorkBudget} ({@link Bounded}):
 * <ul>
 *   <li>rational in z: {@code Together}, {@code Factor}, {@code Apart};
 *   <li>otherwise {@code Simplify}, and {@code FullSimplify} for small forms;
 *   <li>hyperbolic functions: {@code TrigExpand} (sums of shifted arguments expand, and their
 *       differences cancel), then {@code Simplify}; {@code TrigReduce}; {@code TrigToExp} then
 *       {@code Together} and the contraction of constant exponentials ({@link
 *       ExponentialConstants});
 *   <li>exponentials (and no logarithm): {@code Together} or {@code Factor}, then that
 *       contraction; {@code ExpToTrig}.
 * </ul>
 * Every result is a candidate. The winner is the candidate with the fewest operations ({@link
 * OperationCount}), then the fewest leaves ({@code LeafCount}), then the earliest (the engine's own
 * form first, so a tie keeps it); a candidate wins only once {@link Equivalence} has shown it equal
 * to the definition. A route that exhausts its budget is skipped, and the notes say which.
 */
final class ClosedFormRoutes {
  /**
   * Forms larger than this (leaves) skip {@code FullSimplify}, the costliest route (3 s for a
   * 20-leaf form, where {@code Simplify} took 60 ms and found the same).
   */
  static final int FULL_SIMPLIFY_MAX_LEAVES = 12;
  /**
   * Hyperbolic forms larger than this (leaves) are not rewritten as exponentials: the result grows
   * several times (a 16-leaf quotient of shifted cosh becomes a 70-leaf sum of exponentials).
   */
  static final int EXPONENTIAL_MAX_LEAVES = 20;
  /** Forms larger than this (leaves) skip the routes: Symja's rewrites of big forms rarely shrink them, and cost. */
  static final int MAX_LEAVES = 60;

  private final Symja symja;
  private final WorkBudget budget;
  private final Equivalence equivalence;
  private final ExponentialConstants constants;

  ClosedFormRoutes(Symja symja, WorkBudget budget) {
    this.symja = symja;
    this.budget = budget;
    this.equivalence = new Equivalence(symja);
    this.constants = new ExponentialConstants(symja, budget);
  }

  /** A form and the route that produced it (for tests and notes). */
  record Candidate(IExpr expr, String route) {
    int operations() {
      return OperationCount.of(expr);
    }
  }

  /**
   * The smallest form equal to {@code reference} among {@code baseline} (trusted: the engine's
   * own form), the {@code starts} and everything the routes make of them.
   */
  Candidate smallest(IExpr baseline, List<Candidate> starts, IExpr reference, List<String> notes) {
    Map<String, Candidate> all = new LinkedHashMap<>();
    add(all, new Candidate(baseline, "engine"));
    List<Candidate> seeds = new ArrayList<>();
    seeds.add(new Candidate(baseline, "engine"));
    seeds.addAll(starts);
    for (Candidate s : seeds) {
      add(all, s);
      for (Candidate c : routes(s, notes, s != seeds.get(0))) add(all, c);
    }
    List<Candidate> ordered = new ArrayList<>(all.values());
    // stable sort: among equals the earlier (the engine's form first) stays first
    ordered.sort(Comparator.comparingInt(Candidate::operations).thenComparingLong(c -> c.expr().leafCount()));
    for (Candidate c : ordered) {
      if (c.expr().equals(baseline) || equivalence.same(c.expr(), reference)) return c;
    }
    return new Candidate(baseline, "engine");
  }

  private static void add(Map<String, Candidate> all, Candidate c) {
    all.putIfAbsent(Symja.inputForm(c.expr()), c);
  }

  /**
   * What the routes that fit {@code start}'s shape make of it (see the class comment); {@code
   * simplify} false skips the plain {@code Simplify} (the engine's form is already its result).
   */
  List<Candidate> routes(Candidate start, List<String> notes, boolean simplify) {
    List<Candidate> out = new ArrayList<>();
    IExpr e = start.expr();
    if (e.leafCount() > MAX_LEAVES || e.leafCount() <= 3) return out;
    String from = start.route();
    if (Deriver.isAlgebraic(e)) {
      step(e, "Together", from, notes).ifPresent(out::add);
      step(e, "Factor", from, notes).ifPresent(out::add);
      step(e, "Apart", from, notes).ifPresent(out::add);
      return out;
    }
    if (simplify) step(e, "Simplify", from, notes).ifPresent(out::add);
    if (e.leafCount() <= FULL_SIMPLIFY_MAX_LEAVES) step(e, "FullSimplify", from, notes).ifPresent(out::add);
    if (hasHyperbolic(e)) {
      if (hasShiftedArgument(e)) {
        step(e, "TrigExpand", from, notes).ifPresent(c -> {
          out.add(c);
          step(c.expr(), "Simplify", c.route(), notes).ifPresent(out::add);
        });
      }
      step(e, "TrigReduce", from, notes).ifPresent(out::add);
      if (e.leafCount() <= EXPONENTIAL_MAX_LEAVES) {
        step(e, "TrigToExp", from, notes)
            .flatMap(c -> step(c.expr(), "Together", c.route(), notes))
            .ifPresent(c -> {
              out.add(c);
              contracted(c).ifPresent(out::add);
            });
      }
    }
    if (!e.isFree(S.E) && e.isFree(S.Log) && e.leafCount() <= EXPONENTIAL_MAX_LEAVES * 2) {
      for (String f : List.of("Together", "Factor")) {
        step(e, f, from, notes).ifPresent(c -> {
          out.add(c);
          contracted(c).ifPresent(out::add);
        });
      }
      step(e, "ExpToTrig", from, notes).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Candidate> contracted(Candidate c) {
    return constants.contract(c.expr()).map(x -> new Candidate(x, c.route() + " > constant exponentials as Cosh/Sinh"));
  }

  private Optional<Candidate> step(IExpr e, String function, String from, List<String> notes) {
    Optional<IExpr> r = Bounded.apply(symja, function, e, budget);
    if (r.isEmpty()) notes.add("closed form: " + budget.describe(function) + "; that route was skipped");
    return r.map(x -> new Candidate(x, from + " > " + function));
  }

  /**
   * A hyperbolic function of a sum ({@code Cosh[1+z]}), or of a multiple of one ({@code
   * Cosh[2*(1+z)]}, how Symja keeps {@code Log[Cosh[2*(z-mu)]]}): what {@code TrigExpand} expands.
   */
  private static boolean hasShiftedArgument(IExpr e) {
    return !e.isFree(x -> (x.isAST(S.Sinh, 2) || x.isAST(S.Cosh, 2) || x.isAST(S.Tanh, 2) || x.isAST(S.Sech, 2))
        && isShift(x.first()), true);
  }

  private static boolean isShift(IExpr argument) {
    if (argument.isPlus()) return true;
    // a number times a sum of arithmetic terms; not Tanh[1/2*(a Log[u] + b Log[v])], which
    // TrigExpand cannot expand and spends seconds on (the Student-t mean with free nu: 2 s)
    return argument.isTimes() && argument.first().isNumber() && argument.argSize() == 2 && argument.second().isPlus()
        && argument.second().isFree(x -> x.isAST() && !x.isPlus() && !x.isTimes() && !x.isPower(), true);
  }

  private static boolean hasHyperbolic(IExpr e) {
    return !e.isFree(S.Sinh) || !e.isFree(S.Cosh) || !e.isFree(S.Tanh) || !e.isFree(S.Sech) || !e.isFree(S.Coth)
        || !e.isFree(S.Csch);
  }
}
