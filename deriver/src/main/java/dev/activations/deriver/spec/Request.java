package dev.activations.deriver.spec;

import java.util.List;
import java.util.Optional;

/**
 * What the user typed, before validation: plain strings, exactly as given on the command line or
 * in a catalog entry. {@code SpecResolver} turns it into an {@link ActivationSpec} or a
 * {@link SpecException}.
 */
public record Request(
    Optional<String> kernel,
    Optional<String> energy,
    String hypotheses,
    String statistic,
    List<String> params,
    List<String> free,
    String temperature,
    Optional<String> reject) {

  public Request {
    params = List.copyOf(params);
    free = List.copyOf(free);
  }

  /** The defaults of docs/DESIGN.md, "The command", for a named kernel. */
  public static Request ofKernel(String kernel) {
    return new Request(Optional.of(kernel), Optional.empty(), "signed", "mean", List.of(), List.of(), "1", Optional.empty());
  }
}
