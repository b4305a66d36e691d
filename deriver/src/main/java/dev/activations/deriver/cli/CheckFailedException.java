package dev.activations.deriver.cli;

/**
 * {@code --check} found generated code outside the numerical contract: exit 1 (the tool could not
 * make verified code for a valid spec), with the worst input and error in one line.
 */
final class CheckFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckFailedException(String message) {
    super(message, null, false, false);
  }
}
