package dev.activations.deriver.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The limit is on the worker's CPU time (so a busy machine cannot change which forms are emitted),
 * runaway work is still cut off, and repeated requests are answered from memory.
 */
class TimeLimitedTest {
  private final Symja symja = new Symja();

  @Test
  void resultArrivesInTheCallersEngine() {
    Optional<IExpr> r = TimeLimited.apply(symja, "Together", symja.evalTrusted("1/z + 1/(1 + z)"), Duration.ofSeconds(4));
    assertEquals(symja.evalTrusted("(1 + 2*z)/(z*(1 + z))"), r.orElseThrow());
  }

  @Test
  void waitingWithoutComputingDoesNotUseUpTheLimit() {
    // 2 s of wall time but next to no CPU time: a wall-clock limit of 1 s would give up
    IExpr marker = symja.evalTrusted("waitedFor");
    Optional<IExpr> r = TimeLimited.call(symja, "(Pause[2]; %s)", marker, Duration.ofSeconds(1));
    assertEquals(Optional.of(marker), r);
  }

  @Test
  void runawayWorkIsCutOffAndRemembered() {
    // a Taylor expansion Symja needs far more than 300 ms of CPU for (tens of seconds)
    IExpr hard = symja.evalTrusted("1/(1 + E^(1/2 - z) + E^(-2*z)) - 1/(1 + E^(1/2 + z) + E^(2*z))");
    String template = "Normal[Series[%s, {z, 0, 16}]]";
    long t0 = System.nanoTime();
    assertTrue(TimeLimited.call(symja, template, hard, Duration.ofMillis(300)).isEmpty());
    double first = (System.nanoTime() - t0) / 1e9;
    assertTrue(first < 10, "gave up after " + first + " s");
    long t1 = System.nanoTime();
    assertTrue(TimeLimited.call(symja, template, hard, Duration.ofMillis(300)).isEmpty());
    double second = (System.nanoTime() - t1) / 1e9;
    assertTrue(second < 0.2, "the repeated request took " + second + " s: not answered from memory");
  }
}
