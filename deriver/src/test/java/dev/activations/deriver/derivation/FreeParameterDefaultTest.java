package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --param p=V --free p}: the parameter stays an argument of the generated code, and V is
 * its default, where the forms are chosen and the class is measured. (It was refused: a custom
 * energy's free parameters could only default to 1, where {@code Abs[z-mu]^p} is the Laplace
 * kernel.)
 */
class FreeParameterDefaultTest {
  private static final Generation GENERATION = new Generation(new Symja());

  private static ActivationSpec resolve(String... args) {
    return GENERATION.resolve(List.of(args));
  }

  @Test
  void aValueGivenForAFreeParameterIsItsDefault() {
    ActivationSpec spec = resolve("--energy", "Abs[z-mu]^p", "--param", "p=2", "--free", "p");
    assertEquals(List.of("p"), spec.free());
    assertFalse(spec.bound().containsKey("p"));
    assertEquals(ExactNumber.parse("2", "p"), spec.kernel().parameter("p").orElseThrow().defaultValue());
    String line = spec.toCommandLine();
    assertTrue(line.endsWith("--param p=2 --free p"), line);
    // the command line regenerates the same spec
    ActivationSpec again = GENERATION.resolve(line);
    assertEquals(line, again.toCommandLine());
    assertEquals(spec.kernel(), again.kernel());
  }

  @Test
  void aNamedKernelsFreeParameterTakesTheGivenDefaultAndOthersKeepTheirs() {
    ActivationSpec given = resolve("--kernel", "student-t", "--param", "nu=3", "--free", "nu");
    assertEquals(ExactNumber.parse("3", "nu"), given.kernel().parameter("nu").orElseThrow().defaultValue());
    ActivationSpec plain = resolve("--kernel", "student-t", "--free", "nu");
    assertFalse(plain.toCommandLine().contains("--param nu"), plain.toCommandLine());
    assertTrue(given.toCommandLine().contains("--param nu=3 --free nu"), given.toCommandLine());
  }

  @Test
  void theDefaultMustLieInTheDomain() {
    SpecException e = assertThrows(SpecException.class,
        () -> resolve("--kernel", "student-t", "--param", "nu=-1", "--free", "nu"));
    assertTrue(e.getMessage().contains("domain"), e.getMessage());
  }
}
