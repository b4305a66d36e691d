package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Specs whose generated code used to cancel and that now meet the contract under {@code --check}:
 * near z = 0, where the statistic or its derivative vanishes like c z and Symja's series of the
 * closed form is out of reach (the three-Gaussian variance' and entropy' derivatives; the Log[Cosh]
 * mean, whose energy difference cancels), and in tails: the Log[Cosh] and logistic derivatives
 * (differences of tanh's or logistics near 1), the logistic variance' derivative (responsibilities
 * both near 1/2).
 */
class CancellationCheckTest {
  @TempDir java.nio.file.Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "--energy|(z-mu)^2/2|--hypotheses|-1:-1,0:0,1:1|--stat|variance",
      "--energy|(z-mu)^2/2|--hypotheses|-1:-1,0:0,1:1|--stat|entropy",
      "--energy|Log[Cosh[z-mu]]|--hypotheses|1:1,-1:-1|--stat|mean",
      "--kernel|logistic|--hypotheses|signed|--stat|mean",
      "--kernel|logistic|--hypotheses|signed|--stat|variance"})
  void checkPasses(String spec) {
    String[] base = spec.split("\\|");
    String[] args = java.util.Arrays.copyOf(base, base.length + 7);
    System.arraycopy(new String[] {"--check", "--out", dir.toString(), "--package", "p", "--name", "C"}, 0, args, base.length, 7);
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("check passed"), run.err());
  }
}
