package dev.activations.deriver.symbolic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Runs one potentially runaway Symja function ({@code Simplify}, {@code Together},
 * {@code Factor}, ...) under a wall-clock limit.
 *
 * <p>No in-JVM mechanism reliably stops Symja: {@code TimeConstrained} returns while JAS' GCD keeps
 * running, and JAS never checks interrupts (SYMJA.md section 3). So the work is done on a
 * <em>copy</em>: the expression travels as InputForm text to a daemon worker thread with an engine
 * of its own, and the answer travels back as text. On timeout the worker is abandoned (and stopped
 * where the JDK still allows {@code Thread.stop}); being a daemon with its own engine, it can
 * neither block JVM exit nor corrupt the caller's engine. Callers keep the unsimplified expression
 * and say in their notes that the limit was hit.
 *
 * <p>The limit is on the worker's <em>CPU time</em>, not on the wall clock: whether a result arrives
 * decides which form is emitted, so it must not depend on how busy the machine is (a wall-clock
 * limit made the catalog's bytes differ between an idle and a loaded build, and would make them
 * differ again when entries are derived in parallel). A generous wall-clock backstop remains for
 * a worker that stops consuming CPU (blocked), which no evaluation is expected to do.
 */
public final class TimeLimited {
  private TimeLimited() {}

  /**
   * Evaluates {@code function[expr]} within {@code limit}.
   *
   * @return the result in {@code session}'s engine, or empty when the limit was hit or Symja failed
   */
  public static Optional<IExpr> apply(Symja session, String function, IExpr expr, Duration limit) {
    return call(session, function + "[%s]", expr, limit);
  }

  /**
   * Evaluates {@code template} with {@code %s} replaced by {@code expr}, within {@code limit}; e.g.
   * {@code "Normal[Series[%s, {z, 0, 20}]]"}. {@code expr} must be a value, not a computation: it
   * is evaluated (cheaply) in the caller's engine first, because an unevaluated tree can print as
   * invalid input ({@code Times[-1, -2 z]} as {@code "--2*z"}).
   */
  public static Optional<IExpr> call(Symja session, String template, IExpr expr, Duration limit) {
    String input = template.replace("%s", Symja.inputForm(session.eval(expr)));
    String key = limit.toMillis() + " " + input;
    Optional<String> known = ANSWERS.get(key);
    if (known == null) {
      known = evaluate(template, input, limit);
      if (ANSWERS.size() >= MAX_ANSWERS) ANSWERS.clear();
      ANSWERS.put(key, known);
    }
    return known.map(session::evalTrusted);
  }

  /**
   * Answers already computed, by limit and input text. The work is a function of the text alone
   * (a fresh engine each time, a limit on CPU time), so a repeated request, which the derivation and
   * lowering of one spec make often (the same {@code Simplify} for every output, the same
   * {@code Together} for every candidate), is answered without starting a worker; across specs too.
   */
  private static final Map<String, Optional<String>> ANSWERS = new ConcurrentHashMap<>();
  /** Bounds the memory a long-running process spends on answers (the catalog needs a few hundred). */
  private static final int MAX_ANSWERS = 10_000;

  /** {@code input} evaluated in a fresh engine on a worker, as InputForm text; empty on timeout or failure. */
  private static Optional<String> evaluate(String template, String input, Duration limit) {
    String function = template.substring(0, Math.max(0, template.indexOf('[')));
    AtomicReference<String> result = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        Symja own = new Symja();
        IExpr r = own.evalTrusted(input);
        result.set(Symja.inputForm(r));
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        // leave the result empty: the caller falls back to the unsimplified form
      }
    }, "symja-" + function);
    worker.setDaemon(true);
    worker.start();
    awaitWithin(worker, limit);
    if (worker.isAlive()) {
      stop(worker);
      return Optional.empty();
    }
    String text = result.get();
    if (text == null || text.contains("$Aborted")) return Optional.empty();
    return Optional.of(text);
  }

  /** How often the worker's CPU time is read; results arrive with at most this much delay. */
  private static final long POLL_MILLIS = 5;
  /** Wall-clock backstop, as a multiple of the CPU limit (a loaded machine stretches wall time). */
  private static final int WALL_BACKSTOP_FACTOR = 15;

  /** Waits until {@code worker} ends or has used {@code limit} of CPU time. */
  private static void awaitWithin(Thread worker, Duration limit) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTimed = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    long limitNanos = limit.toNanos();
    long wallDeadline = System.nanoTime() + (cpuTimed ? WALL_BACKSTOP_FACTOR : 1) * limitNanos;
    try {
      while (worker.isAlive()) {
        long wallLeft = wallDeadline - System.nanoTime();
        if (wallLeft <= 0) return;
        worker.join(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(wallLeft))));
        if (cpuTimed && threads.getThreadCpuTime(worker.getId()) >= limitNanos) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread worker) {
    try {
      worker.stop(); // works on JDK 17; throws UnsupportedOperationException from JDK 20 on
    } catch (UnsupportedOperationException | SecurityException e) {
      // abandoned: a daemon thread, it cannot keep the JVM alive
    }
  }
}
