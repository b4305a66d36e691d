package dev.activations.deriver.symbolic;

import org.matheclipse.core.basic.Config;
import org.matheclipse.parser.client.ParserConfig;

/**
 * Sets Symja's global switches. Must run before any other Symja class initialises (docs/SYMJA.md,
 * "Global switches are read once"): the lowercase-symbol table and the JAS thread pool are fixed during
 * static initialisation, so setting them later silently does nothing or breaks evaluation.
 */
final class SymjaBoot {
  private SymjaBoot() {}

  private static boolean done;

  static synchronized void configure() {
    if (done) return;
    // Symja logs through log4j-api with no implementation; silence it rather than print a warning.
    System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
    // Case-sensitive symbols: otherwise `mean`, `sum`, `gamma`, `pi` silently become built-ins.
    ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
    // `1E-2` must be 0.01, and `2x` a syntax error rather than an implicit product.
    ParserConfig.EXPLICIT_TIMES_OPERATOR = true;
    // JAS' non-daemon thread pool delays JVM exit by 60 s after a Simplify.
    Config.JAS_NO_THREADS = true;
    // Never let an expression touch the file system, and keep built-in rules unmodifiable.
    Config.FILESYSTEM_ENABLED = false;
    Config.UNPROTECT_ALLOWED = false;
    // Integers of more than 2048 bits (617 digits) abort the computation that makes them. A
    // Simplify of a 3-hypothesis Student-t variance spent minutes of CPU in a few thousand steps,
    // each factoring a huge integer for a rational power: work budgets count steps, so the cost of
    // one step must be bounded too (docs/DETERMINISM.md). No derivation needs such numbers.
    Config.MAX_BIT_LENGTH = 2048;
    done = true;
  }
}
