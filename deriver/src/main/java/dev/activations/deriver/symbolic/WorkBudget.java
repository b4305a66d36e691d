package dev.activations.deriver.symbolic;

/**
 * How much work one Symja call may do, counted in <em>evaluation steps</em> (calls of the engine's
 * argument evaluation and rule application, {@link CountingEngine}), never in time.
 *
 * <p>Why steps: which form is emitted depends on whether a {@code Simplify} or {@code Series}
 * finished. With a time limit that varied with JIT compilation, garbage collection and other load
 * (the catalog's bytes differed in about one build in three); a step count is a function of the
 * input alone, so the same spec gives the same bytes on any machine and under any load. Measured
 * over the catalog's 357 distinct Symja calls: the step counts were identical in a fresh JVM and in
 * one warmed by other calls (after {@link Bounded}'s warm-up), forwards and backwards, and under
 * {@code -XX:hashCode} 1, 2, 3 and the default; on this project's reference machine (C1, one core)
 * Symja does about 500,000 to 800,000 steps per second, which is how the sizes below were chosen
 * from the time limits they replace (docs/DETERMINISM.md).
 *
 * @param steps evaluation steps allowed; the call counts as unfinished beyond them
 */
public record WorkBudget(long steps) {
  public WorkBudget {
    if (steps <= 0) throw new IllegalArgumentException("a budget needs steps");
  }

  /** Simplifying, expanding or factoring one small piece (an energy difference, a closed form). */
  public static final WorkBudget PIECE = new WorkBudget(2_000_000);
  /** A Taylor series the accuracy of a form depends on (a splice near zero with no alternative). */
  public static final WorkBudget SERIES = new WorkBudget(4_800_000);
  /** A Taylor series that only may improve a form that is already accurate, and cheap checks. */
  public static final WorkBudget OPTIONAL = new WorkBudget(600_000);

  /** For notes: {@code "Simplify exhausted its work budget (2000000 Symja evaluation steps)"}. */
  public String describe(String function) {
    return function + " exhausted its work budget (" + steps + " Symja evaluation steps)";
  }
}
