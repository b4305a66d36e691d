package dev.activations.deriver.symbolic;

import java.time.Duration;
import java.util.Optional;
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
    try {
      worker.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      stop(worker);
      return Optional.empty();
    }
    String text = result.get();
    if (text == null || text.contains("$Aborted")) return Optional.empty();
    return Optional.of(session.evalTrusted(text));
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
