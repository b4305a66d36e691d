package dev.activations.deriver.spec;

/**
 * A problem with what the user asked for (a bad name, value, expression or option). The CLI prints
 * its message as one line and exits with code 2; anything else is an internal failure (exit 1).
 * No stack trace is ever shown for it, so the message alone must name the problem.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message, null, false, false);
  }
}
