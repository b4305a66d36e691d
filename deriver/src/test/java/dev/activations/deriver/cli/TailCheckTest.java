package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Custom energies whose generated code used to overflow, underflow or give NaN far out in the
 * tails although the exact result is an ordinary number there; {@code --check} compares the
 * compiled class with the high-precision reference at every sample point up to +-MAX_VALUE. Each
 * row names the failure the lowering now avoids.
 */
class TailCheckTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = ';', value = {
      // the rational factors of the derivative, one by one, overflowed (z^4 at 1e100): -0.0, not -8e-200
      "Log[1+(z-mu)^2/5]; 2:2,-2:-2; mean",
      // (z-1)/Sqrt[..] - (z+1)/Sqrt[..] cancelled to 0 beyond 1e8: needs the conjugate
      "Sqrt[1+(z-mu)^2]; 1:1,-1:-1; mean",
      // z/(1+e^(1/2-z)) was z/Inf = -0.0 at z = -710 where the truth is -1.9e-306
      "(z-mu)^2/2; 0:0,1:z; mean",
      // Cosh[1-z]/Cosh[1+z] was Inf/Inf beyond |z| ~ 710
      "Log[Cosh[z-mu]]; 1:z,-1:0; mean",
      // -4z/(hypot + hypot) was -Inf/Inf at -MAX_VALUE
      "Sqrt[1+(z-mu)^2]; 1:z,-1:0; mean",
  })
  void checkPassesOverTheWholeRange(String energy, String hypotheses, String stat) {
    CliRun run = CliRun.of("--energy", energy, "--hypotheses", hypotheses, "--stat", stat, "--check",
        "--out", dir.toString(), "--package", "p", "--name", "C");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("check passed"), run.err());
  }
}
