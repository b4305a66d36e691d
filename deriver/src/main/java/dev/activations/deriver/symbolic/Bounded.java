package dev.activations.deriver.symbolic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Runs one potentially runaway Symja function ({@code Simplify}, {@code Together}, {@code Factor},
 * {@code Series}, ...) within a deterministic {@link WorkBudget}.
 *
 * <p>Whether the call finished decides which form is emitted, so it must depend on the input alone:
 * the budget counts Symja's evaluation steps ({@link CountingEngine}), not time. A time limit is
 * kept only as a watchdog: a call that uses {@link #WATCHDOG_CPU_SECONDS} of CPU without finishing
 * or spending its budget (work outside the evaluator, such as a polynomial GCD over rational
 * coefficients, counts no steps) is abandoned, the caller keeps the form it had, and the note says
 * so, never silently. Failing the derivation instead turned valid specs (a three-hypothesis Huber
 * variance in a property test) into errors. The watchdog is far above any call that finishes: a
 * budget is spent in 2.5 to 4 s of CPU, the slowest call that finished in the catalog and the
 * random-energy test took under 2 s, and the calls that reach it are polynomial arithmetic that
 * runs for hours ({@code Factor[1 + 2 E^((8 + 18 z + 9 z^2)^3)]}, a univariate factorisation of
 * degree in the thousands); those are now recognised before the call by {@link ExponentialDegree}
 * and not made, a decision the input alone takes. The derivation as a whole
 * is still bounded: {@code derive} gives up with exit 2 after its wall-clock limit.
 *
 * <p>The work is done on a <em>copy</em>, on a daemon worker thread with an engine of its own: the
 * expression travels there as InputForm text and the answer comes back as text. No in-JVM mechanism
 * reliably stops Symja's polynomial arithmetic (docs/SYMJA.md, "Stopping a computation"), so a
 * worker past the watchdog is stopped where the JDK allows {@code Thread.stop} and abandoned
 * otherwise; as a daemon with its own engine it can neither block JVM exit nor corrupt the caller's
 * engine.
 */
public final class Bounded {
  private Bounded() {}

  /** CPU seconds one call may use before it is abandoned (docs/DETERMINISM.md, "Watchdogs"). */
  static final int WATCHDOG_CPU_SECONDS = 20;

  /**
   * Evaluates {@code function[expr]} within {@code budget}.
   *
   * @return the result in {@code session}'s engine, or empty when the budget was spent, Symja
   *     failed (both deterministic) or the watchdog abandoned the call; recorded in {@link
   *     #drainLedger}
   */
  public static Optional<IExpr> apply(Symja session, String function, IExpr expr, WorkBudget budget) {
    return call(session, function + "[%s]", expr, budget);
  }

  /**
   * Evaluates {@code template} with {@code %s} replaced by {@code expr}, within {@code budget}; e.g.
   * {@code "Normal[Series[%s, {z, 0, 20}]]"}. {@code expr} must be a value, not a computation: it
   * is evaluated (cheaply) in the caller's engine first, because an unevaluated tree can print as
   * invalid input ({@code Times[-1, -2 z]} as {@code "--2*z"}).
   */
  public static Optional<IExpr> call(Symja session, String template, IExpr expr, WorkBudget budget) {
    String input = template.replace("%s", Symja.inputForm(session.eval(expr)));
    String key = budget.steps() + " " + input;
    Answer known = ANSWERS.get(key);
    if (known == null) {
      long started = System.nanoTime();
      String function = function(template);
      boolean algebraic = ExponentialDegree.ALGEBRAIC.contains(function);
      boolean expanding = ExponentialDegree.TRIG_EXPANDING.contains(function);
      ExponentialDegree.Measure measure = algebraic || expanding ? ExponentialDegree.measure(session, expr) : ExponentialDegree.Measure.NONE;
      long degree = algebraic ? measure.degree() : 0;
      long multiple = expanding ? measure.multiple() : 0;
      known = degree > ExponentialDegree.LIMIT ? new Answer(Optional.empty(), false, degree, 0, 0)
          : multiple > ExponentialDegree.MULTIPLE_LIMIT ? new Answer(Optional.empty(), false, 0, 0, multiple)
          : evaluate(template, input, budget);
      if (PROFILE) {
        String caller = StackWalker.getInstance().walk(frames -> frames
            .filter(f -> !f.getClassName().startsWith("dev.activations.deriver.symbolic."))
            .findFirst().map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
            .orElse("?"));
        System.err.printf("bounded %-12s %8.3f s %9d/%-9d %-9s %s %s%n", function(template), (System.nanoTime() - started) / 1e9,
            known.steps(), budget.steps(),
            known.text().isPresent() ? "done" : known.watchdog() ? "watchdog" : known.degree() > 0 ? "degree"
                : known.multiple() > 0 ? "multiple" : "exhausted",
            caller, input.replace('\n', ' '));
      }
      if (ANSWERS.size() >= MAX_ANSWERS) ANSWERS.clear();
      ANSWERS.put(key, known);
    }
    if (known.text().isEmpty()) {
      String function = function(template);
      LEDGER.get().add((known.degree() > 0
          ? function + " was not called: an exponential's expanded exponent makes it a polynomial of degree "
              + known.degree() + " for Symja's factorisation (above " + ExponentialDegree.LIMIT + ", where it runs for"
              + " minutes to hours without a result)"
          : known.multiple() > 0
          ? function + " was not called: an exponential's argument is " + known.multiple() + " times a term, and its"
              + " multiple-angle expansion has about 2^" + known.multiple() + " terms (above 2^"
              + ExponentialDegree.MULTIPLE_LIMIT + " it runs for minutes or out of memory)"
          : known.watchdog()
          ? function + " ran for " + WATCHDOG_CPU_SECONDS + " s of CPU time (the watchdog) without finishing or"
              + " spending its work budget (" + budget.steps() + " Symja evaluation steps); the form found so far is"
              + " kept, and on a much faster machine this call could finish"
          : budget.describe(function)) + " on " + abbreviate(input));
    }
    return known.text().map(session::evalTrusted);
  }

  /**
   * Every call on this thread that ended without a result since the last {@link #drainLedger}, as
   * sentences naming the function, its budget and its input: the derivation's notes carry them, so
   * a reader knows which result depended on which budget and can reproduce it.
   */
  public static List<String> drainLedger() {
    List<String> out = List.copyOf(LEDGER.get());
    LEDGER.get().clear();
    return out;
  }

  /** {@code -Dderive.bounded.profile=true} prints every evaluated call's time, steps, outcome and caller (diagnostics). */
  private static final boolean PROFILE = Boolean.getBoolean("derive.bounded.profile");

  private static final ThreadLocal<java.util.Set<String>> LEDGER = ThreadLocal.withInitial(java.util.LinkedHashSet::new);

  /** The function applied to the expression: {@code Series} in {@code "Normal[Series[%s, ...]]"}. */
  static String function(String template) {
    String before = template.substring(0, Math.max(0, template.indexOf("%s")));
    if (!before.endsWith("[")) return "evaluation";
    int end = before.length() - 1;
    int start = end;
    while (start > 0 && Character.isLetterOrDigit(before.charAt(start - 1))) start--;
    return start == end ? "evaluation" : before.substring(start, end);
  }

  private static String abbreviate(String input) {
    String flat = input.replace('\n', ' ');
    return flat.length() <= 100 ? flat : flat.substring(0, 97) + "...";
  }

  /**
   * Answers already computed, by budget and input text. The answer is a function of the text alone
   * (a fresh engine, a step budget), so a repeated request, which the derivation and lowering of
   * one spec make often (the same {@code Simplify} for every output, the same {@code Together} for
   * every candidate), is answered without starting a worker; across specs too.
   */
  private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();

  /**
   * A call's InputForm result (empty when over budget, failed or not called), whether the watchdog
   * ended it, the exponential degree that kept it from being called (0 when it was called), and
   * the evaluation steps it took (for the profile switch only; 0 when not called or abandoned).
   */
  private record Answer(Optional<String> text, boolean watchdog, long degree, long steps, long multiple) {
    Answer(Optional<String> text, boolean watchdog) {
      this(text, watchdog, 0, 0, 0);
    }
  }
  /** Bounds the memory a long-running process spends on answers (the catalog needs a few hundred). */
  private static final int MAX_ANSWERS = 10_000;

  /** {@code input} evaluated in a fresh counting engine on a worker; empty when over budget or failed. */
  private static Answer evaluate(String template, String input, WorkBudget budget) {
    WarmUp.ensure();
    String function = function(template);
    AtomicReference<String> result = new AtomicReference<>();
    AtomicLong steps = new AtomicLong();
    Thread worker = new Thread(() -> {
      try {
        CountingEngine own = Symja.countingEngine(budget.steps());
        try {
          IExpr r = new Symja(own).evalTrusted(input);
          if (!own.exhausted()) result.set(Symja.inputForm(r));
        } finally {
          steps.set(own.steps());
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        // leave the result empty: a failure is as deterministic as a result
      }
    }, "symja-" + function);
    worker.setDaemon(true);
    worker.start();
    if (!awaitWithin(worker, WATCHDOG_CPU_SECONDS)) {
      stop(worker);
      return new Answer(Optional.empty(), true);
    }
    String text = result.get();
    if (text == null || text.contains("$Aborted")) return new Answer(Optional.empty(), false, 0, steps.get(), 0);
    return new Answer(Optional.of(text), false, 0, steps.get(), 0);
  }

  /** How often the worker's CPU time is read. */
  private static final long POLL_MILLIS = 5;
  /** Wall-clock backstop, as a multiple of the CPU watchdog (a loaded machine stretches wall time). */
  private static final int WALL_BACKSTOP_FACTOR = 10;

  /** Waits until {@code worker} ends (true) or has used {@code seconds} of CPU time (false). */
  private static boolean awaitWithin(Thread worker, int seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTimed = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    long limitNanos = TimeUnit.SECONDS.toNanos(seconds);
    long wallDeadline = System.nanoTime() + (cpuTimed ? WALL_BACKSTOP_FACTOR : 1) * limitNanos;
    try {
      while (worker.isAlive()) {
        long wallLeft = wallDeadline - System.nanoTime();
        if (wallLeft <= 0) return false;
        worker.join(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(wallLeft))));
        if (worker.isAlive() && cpuTimed && threads.getThreadCpuTime(worker.getId()) >= limitNanos) return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Symja was working", e);
    }
    return true;
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread worker) {
    try {
      worker.stop(); // works on JDK 17; throws UnsupportedOperationException from JDK 20 on
    } catch (UnsupportedOperationException | SecurityException e) {
      // abandoned: a daemon thread, it cannot keep the JVM alive
    }
  }

  /**
   * Starts the warm-up every budgeted call waits for on a daemon thread of its own, so that it
   * overlaps the caller's own start-up (parsing the spec, its Symja session, the energy checks)
   * instead of following it. The first budgeted call still waits until it is complete, so what
   * every budgeted call starts from is the same as before; only when the warm-up runs changes.
   * The CLI starts it once the options are read and a derivation is to follow.
   * For a one-shot command on two cores (docs/SYMJA.md, "Cost"; measured in docs/PERFORMANCE.md,
   * "Twenty-eighth session").
   */
  public static void warmUpAhead() {
    Thread t = new Thread(WarmUp::ensure, "symja-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Symja initialises some rule sets lazily, on first use, and charges the steps that takes to
   * whichever call comes first: without this warm-up a call's step count depended on what the JVM
   * had computed before (24 steps more for a {@code Simplify} of a log difference when it came
   * first). Running one fixed set of calls before any budgeted one makes the state every budgeted
   * call starts from the same in every run (docs/DETERMINISM.md has the measurement).
   */
  static final class WarmUp {
    private WarmUp() {}

    /** Covers every function the derivation hands to Symja and every head an energy may use. */
    static final List<String> CALLS = List.of(
        "Simplify[Log[1+E^x]+Tanh[x]+Sech[x]^2+Cosh[x]*Sinh[x]+Sqrt[1+x^2]+Abs[x]+Sign[x]]",
        "Simplify[Piecewise[{{x^2,x<=0}},Log[1+x]]+Max[x,0]+Min[x,1]+Clip[x,{-1,1}]]",
        "Together[1/(1+E^x)+x/(2+x^2)+Log[x]/(1+x)]",
        "Factor[x^4-1+(x^2-1)*E^x]",
        "Expand[(1+x)^3*(1-E^x)*Log[1+x]]",
        "Normal[Series[Log[1+E^x]*Tanh[x]/(1+x^2)+Sqrt[1+x^2]*Sech[x], {x, 0, 4}]]",
        "TrigToExp[Tanh[x]+Cosh[x]+Sinh[x]+Sech[x]+Coth[x]+Csch[x]]",
        "ExpToTrig[E^x+E^(-x)]",
        "FullSimplify[Tanh[x]*Cosh[x]+E^x*Sech[x]+Log[1+E^x]]",
        "TrigExpand[Cosh[1+x]+Sinh[x-1]+Tanh[x+2]+Sech[x+1]]",
        "TrigReduce[Cosh[x]*Sinh[x]+Cosh[x]^2+Tanh[x]*Sech[x]]",
        "Apart[(1+x)/(x^2-4)+x/(2+x^2)]",
        "D[Piecewise[{{x^2,x<=0}},Log[1+x]]*Max[x,0]*Abs[x]*Sign[x]*Tanh[x],x]");

    private static boolean done;

    static synchronized void ensure() {
      if (done) return;
      Symja session = new Symja();
      for (String call : CALLS) session.evalTrusted(call);
      done = true;
    }
  }
}
