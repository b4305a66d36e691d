package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.Statistic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --help, --list, --version, --completion, and the "did you mean" hints of error messages. */
class DiscoverabilityTest {

  @Test
  void completionPrintsABashScript() {
    CliRun r = CliRun.of("--completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
    assertTrue(r.out().contains("--kernel"), "the script should complete --kernel");
    assertTrue(r.out().contains("--plot") && r.out().contains("--compare"), "the script should know the plot options");
    assertTrue(r.out().contains("complete -F _complete_derive"), r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void helpShowsExamplesThatFitAnEightyColumnTerminal() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.code());
    String help = r.out();
    for (String expected : new String[] {"Examples:", "--plot", "--compare", "--completion", "--format markdown",
        "source <(derive --completion)", "Exit codes"}) {
      assertTrue(help.contains(expected), () -> "help lacks " + expected);
    }
    help.lines().forEach(l -> assertTrue(l.length() <= 80, () -> "too long for 80 columns: " + l));
    help.lines().filter(l -> l.strip().startsWith("derive ")).forEach(l ->
        assertTrue(l.startsWith("  derive "), () -> "an example wrapped onto two lines: " + l));
  }

  @Test
  void listShowsKernelsWithParametersDefaultsAndDomainsPresetsAndStatistics() {
    CliRun r = CliRun.of("--list");
    assertEquals(0, r.code());
    for (Kernel k : KernelCatalog.bundled().all()) {
      assertTrue(r.out().contains(k.name()), k.name());
      for (Parameter p : k.parameters()) {
        assertTrue(r.out().contains(p.name() + " = " + p.defaultValue() + "  (" + p.domain() + ")"),
            () -> k.name() + " parameter " + p.name());
      }
    }
    for (String preset : new String[] {"signed", "gated", "prototypes:K"}) assertTrue(r.out().contains(preset), preset);
    for (Statistic s : Statistic.values()) assertTrue(r.out().contains(s.cliName()), s.cliName());
  }

  @Test
  void versionNamesTheTool() {
    CliRun r = CliRun.of("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("derive "), r.out());
  }

  static Stream<Arguments> misspellings() {
    return Stream.of(
        Arguments.of(new String[] {"--kernel", "studnet-t"}, "student-t"),
        Arguments.of(new String[] {"--kernel", "gausian"}, "gaussian"),
        Arguments.of(new String[] {"--kernel", "laplase"}, "laplace"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--stat", "meen"}, "mean"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--stat", "entorpy"}, "entropy"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--stat", "responsibility"}, "responsibilities"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--hypotheses", "gatd"}, "gated"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--hypotheses", "singed"}, "signed"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--plot", "x.png", "--compare", "tanhh"}, "tanh"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--plot", "x.png", "--compare", "relu,sigmod"}, "sigmoid"));
  }

  @ParameterizedTest
  @MethodSource("misspellings")
  void errorMessagesSuggestTheNearestName(String[] args, String suggestion) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("did you mean '" + suggestion + "'"), r.err());
  }
}
