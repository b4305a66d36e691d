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
  static final int DEFAULT_TIMEOUT_SECONDS = 120;

  public static void main(String[] args) {
    startWatchdog();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Bounds the time of one run: an energy can be valid yet too complex to derive in reasonable
   * time, and Symja cannot be interrupted, so the process ends itself with exit 2 and one line.
   */
  private static void startWatchdog() {
    int seconds = DEFAULT_TIMEOUT_SECONDS;
    String env = System.getenv("DERIVE_TIMEOUT");
    if (env != null && env.matches("[0-9]{1,6}")) seconds = Integer.parseInt(env);
    final int limit = seconds;
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(limit * 1000L);
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
