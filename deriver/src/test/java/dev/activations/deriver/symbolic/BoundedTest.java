package dev.activations.deriver.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The budget counts work, not time (so a busy machine cannot change which forms are emitted),
 * runaway work is still cut off deterministically, and repeated requests are answered from memory.
 */
class BoundedTest {
  private final Symja symja = new Symja();

  @Test
  void resultArrivesInTheCallersEngine() {
    Optional<IExpr> r = Bounded.apply(symja, "Together", symja.evalTrusted("1/z + 1/(1 + z)"), WorkBudget.PIECE);
    assertEquals(symja.evalTrusted("(1 + 2*z)/(z*(1 + z))"), r.orElseThrow());
  }

  @Test
  void waitingWithoutComputingDoesNotUseUpTheBudget() {
    // 2 s of wall time but a handful of steps: a 1 s time limit would give up
    IExpr marker = symja.evalTrusted("waitedFor");
    Optional<IExpr> r = Bounded.call(symja, "(Pause[2]; %s)", marker, new WorkBudget(1_000));
    assertEquals(Optional.of(marker), r);
  }

  @Test
  void runawayWorkIsCutOffAndRemembered() {
    // a Taylor expansion Symja needs millions of steps (tens of seconds) for
    IExpr hard = symja.evalTrusted("1/(1 + E^(1/2 - z) + E^(-2*z)) - 1/(1 + E^(1/2 + z) + E^(2*z))");
    String template = "Normal[Series[%s, {z, 0, 16}]]";
    WorkBudget small = new WorkBudget(50_000);
    long t0 = System.nanoTime();
    assertTrue(Bounded.call(symja, template, hard, small).isEmpty());
    double first = (System.nanoTime() - t0) / 1e9;
    assertTrue(first < 10, "gave up after " + first + " s");
    long t1 = System.nanoTime();
    assertTrue(Bounded.call(symja, template, hard, small).isEmpty());
    double second = (System.nanoTime() - t1) / 1e9;
    assertTrue(second < 0.2, "the repeated request took " + second + " s: not answered from memory");
  }

  @Test
  void theSameCallSpendsTheSameStepsWhateverRanBefore() {
    // a log difference: Symja loads a rule set lazily the first time, which the warm-up absorbs
    String call = "Simplify[Tanh[1/2*(Log[1+E^(-1-z)]-Log[1+E^(1-z)])]]";
    long before = stepsOf(call);
    stepsOf("Simplify[Log[1+E^x]*Sech[x]+Together[1/x+1/(1+x)]]");
    assertEquals(before, stepsOf(call));
  }

  @Test
  void aBudgetEndsExactlyWhereTheStepsRunOut() {
    String call = "Simplify[Tanh[1/2*(Log[1+E^(-1-z)]-Log[1+E^(1-z)])]]";
    long needed = stepsOf(call);
    IExpr arg = symja.evalTrusted("Tanh[1/2*(Log[1+E^(-1-z)]-Log[1+E^(1-z)])]");
    assertTrue(Bounded.apply(symja, "Simplify", arg, new WorkBudget(needed)).isPresent());
    assertTrue(Bounded.apply(symja, "Simplify", arg, new WorkBudget(needed - 1)).isEmpty());
  }

  @Test
  void notesNameTheFunctionTheExpressionIsGivenTo() {
    assertEquals("Series", Bounded.function("Normal[Series[%s, {z, 0, 16}]]"));
    assertEquals("Simplify", Bounded.function("Simplify[%s]"));
    assertEquals("evaluation", Bounded.function("{%s /. z -> 0, D[%s, z] /. z -> 0}"));
  }

  @Test
  void anUnfinishedCallIsNotedWithItsBudget() {
    Bounded.drainLedger();
    IExpr hard = symja.evalTrusted("1/(1 + E^(1/2 - z) + E^(-2*z)) - 1/(1 + E^(1/2 + z) + E^(2*z))");
    Bounded.call(symja, "Normal[Series[%s, {z, 0, 16}]]", hard, new WorkBudget(40_000));
    var notes = Bounded.drainLedger();
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("Series exhausted its work budget (40000 Symja evaluation steps) on Normal[Series["), notes.get(0));
    assertTrue(Bounded.drainLedger().isEmpty());
  }

  /** Steps one evaluation takes in a fresh counting engine, after the warm-up. */
  private static long stepsOf(String call) {
    Bounded.WarmUp.ensure();
    long[] steps = new long[1];
    Thread t = new Thread(() -> {
      CountingEngine engine = Symja.countingEngine(Long.MAX_VALUE);
      new Symja(engine).evalTrusted(call);
      steps[0] = engine.steps();
    });
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return steps[0];
  }
}
