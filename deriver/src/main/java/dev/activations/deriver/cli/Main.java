package dev.activations.deriver.cli;

import dev.activations.deriver.spec.SpecException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point. Always ends the JVM with {@link System#exit}: a Symja computation abandoned after
 * its time limit must not keep the process alive, and the exit code is the contract
 * (0 success, 2 bad input, 1 internal failure).
 */
public final class Main {
  private Main() {}

  /** Seconds one run may take before it is abandoned (DERIVE_TIMEOUT overrides). */
  /**
   * The watchdog's limit: a bound, not a budget (the forms never depend on it). 300 s since the
   * twentieth session: the entropy of the three-prototype pseudo-Huber kernel with a free scale, a
   * spec a researcher writes, needs about 236 s of CPU with {@code --check --out} (3 min of wall
   * time on two cores) and was refused at 120 s; the catalog's largest entry needs a few seconds.
   */
  static final int DEFAULT_TIMEOUT_SECONDS = 300;

  public static void main(String[] args) {
    startWatchdog();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Bounds the time of one run: an energy can be valid yet too complex to derive in reasonable
   * time, and Symja cannot be interrupted, so the process ends itself with exit 2 and one line.
   * The run is abandoned once both its wall-clock time and the process's CPU time exceed the
   * limit (or the wall-clock time exceeds ten times it): on a machine shared with other jobs a
   * derivation that needs 40 s of CPU took over 120 s of wall-clock time and was refused, so the
   * exit code depended on the load; on an idle machine the CPU time grows at least as fast as the
   * wall-clock time and the limit means what it says.
   */
  private static void startWatchdog() {
    int seconds = DEFAULT_TIMEOUT_SECONDS;
    String env = System.getenv("DERIVE_TIMEOUT");
    if (env != null && env.matches("[0-9]{1,6}")) seconds = Integer.parseInt(env);
    final int limit = seconds;
    final long started = System.nanoTime();
    Thread t = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(1000L);
          double wall = (System.nanoTime() - started) / 1e9;
          if (wall >= limit && (processCpuSeconds() >= limit || wall >= 10.0 * limit)) break;
        }
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("derive: gave up after " + limit + " s: the derivation is too complex"
          + " (simplify the energy, use fewer hypotheses, or set DERIVE_TIMEOUT)");
      System.err.flush();
      Runtime.getRuntime().halt(2);
    }, "derive-watchdog");
    t.setDaemon(true);
    t.start();
  }

  /** The process's CPU time in seconds, or infinity where the JVM does not report it (then the wall clock decides). */
  private static double processCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long nanos = sun.getProcessCpuTime();
      if (nanos >= 0) return nanos / 1e9;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Runs the command and returns its exit code, without exiting (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new DeriveCommand());
    // Arguments are taken literally: picocli would read '@name' as an argument file, so an energy
    // such as '@/' ended in an internal error instead of exit code 2.
    cmd.setExpandAtFiles(false);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler((ex, a) -> {
      err.println("derive: " + firstLine(ex.getMessage()) + " (see derive --help)");
      return 2;
    });
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof SpecException) {
        err.println("derive: " + firstLine(ex.getMessage()));
        return 2;
      }
      if (ex instanceof CheckFailedException) {
        err.println("derive: check failed: " + firstLine(ex.getMessage()));
        return 1;
      }
      err.println("derive: internal error: " + ex.getClass().getSimpleName() + ": " + firstLine(String.valueOf(ex.getMessage())));
      if (System.getenv("DERIVE_DEBUG") != null) ex.printStackTrace(err);
      return 1;
    });
    try {
      return cmd.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      err.println("derive: internal error: " + e.getClass().getSimpleName());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String firstLine(String s) {
    String line = s == null ? "" : s.lines().findFirst().orElse("");
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }
}
