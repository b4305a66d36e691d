package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code derive --layer}: reports, the written class, and bad layer specs (exit 2, one line, nothing written). */
class LayerCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of(new String[] {"--layer", "--kernel", "linear", "--stat", "variance"}, "not defined for layers"),
        Arguments.of(new String[] {"--layer", "--energy", "mu^2", "--param", "mu=1", "--stat", "responsibilities"}, "depend on z"),
        Arguments.of(new String[] {"--layer", "--energy", "z-z", "--stat", "responsibilities"}, "depend on z"),
        Arguments.of(new String[] {"--layer", "--energy", "(z-mu)^2", "--stat", "responsibilities"}, "no value"),
        Arguments.of(new String[] {"--layer", "--kernel", "laplace", "--stat", "responsibilities"}, "unknown kernel"),
        Arguments.of(new String[] {"--layer", "--kernel", "linear", "--hypotheses", "signed"}, "--hypotheses"),
        Arguments.of(new String[] {"--layer", "--kernel", "linear", "--group", "0"}, "--group"),
        Arguments.of(new String[] {"--kernel", "gaussian", "--group", "4"}, "--layer"),
        Arguments.of(new String[] {"--layer", "--kernel", "student-t", "--free", "tau"}, "--free tau"),
        Arguments.of(new String[] {"--layer", "--kernel", "student-t", "--free", "mu", "--param", "mu=1"}, "both bound"),
        Arguments.of(new String[] {"--layer", "--energy", "Log[z]", "--stat", "responsibilities"}, "real"),
        Arguments.of(new String[] {"--layer", "--kernel", "linear", "--param", "s=2"}, "no parameter"));
  }

  @ParameterizedTest
  @MethodSource("badSpecs")
  void badLayerSpecsExitTwoWithOneLine(String[] args, String expected) throws Exception {
    String[] withOut = Stream.concat(Stream.of(args), Stream.of("--out", dir.toString(), "--package", "p", "--name", "C"))
        .toArray(String[]::new);
    Run r = run(withOut);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    try (var files = Files.walk(dir)) {
      assertEquals(1, files.count(), "nothing written");
    }
  }

  @Test
  void jsonReportsTheDerivationAndItsChecks() {
    Run r = run("--layer", "--energy", "-z", "--stat", "log-responsibilities", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"slope\" : \"-1\""), r.out());
    assertTrue(r.out().contains("\"emIdentity\" : true"), r.out());
    assertFalse(r.out().contains("\"passed\" : false"), r.out());
  }

  @Test
  void writesAMeasuredClass() throws Exception {
    Run r = run("--layer", "--group", "4", "--energy", "2*Log[1+(z-mu)^2/3]", "--param", "mu=1", "--stat",
        "responsibilities", "--out", dir.toString(), "--package", "p", "--name", "T");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("check passed"), r.err());
    String source = Files.readString(dir.resolve("p/T.java"));
    assertTrue(source.contains("public static final int GROUP = 4;"), source);
    assertTrue(source.contains("public static final boolean PER_UNIT = true;"), source);
    assertTrue(source.contains("derive --layer --group 4 --energy '2*Log[1+(z-mu)^2/3]' --stat responsibilities --param mu=1"), source);
  }

  /**
   * {@code de/dnu} of a Student-t energy needs {@code log(1 + z^2/nu)} itself, which rounds to 0 at
   * {@code |z| < 1e-8} unless it is taken as {@code log1p} (it was off by a factor 4 there, and the
   * class was not written).
   */
  @Test
  void studentTWithFreeDegreesOfFreedomMeetsTheContract() throws Exception {
    Run r = run("--layer", "--kernel", "student-t", "--free", "nu", "--stat", "responsibilities",
        "--out", dir.toString(), "--package", "p", "--name", "FreeNu");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("check passed"), r.err());
    String source = Files.readString(dir.resolve("p/FreeNu.java"));
    assertTrue(source.contains("Math.log1p("), source);
    assertTrue(source.contains("public static double dNu(double[] z, double[] upstream, double nu)"), source);
  }

  @Test
  void aFreeParameterIsATrailingArgumentWithItsOwnGradient() throws Exception {
    Run r = run("--layer", "--energy", "-z/tau", "--free", "tau", "--stat", "log-responsibilities",
        "--out", dir.toString(), "--package", "p", "--name", "Tempered");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("worst parameter gradient error"), r.err());
    String source = Files.readString(dir.resolve("p/Tempered.java"));
    assertTrue(source.contains("public static void value(double[] z, int zOff, double[] out, int outOff, int n, double tau)"), source);
    assertTrue(source.contains("public static double dTau(double[] z, int zOff, double[] upstream, int upOff, int n, double tau)"), source);
    assertTrue(source.contains("public static float dTau(float[] z, float[] upstream, double tau)"), source);
    assertTrue(source.contains("--free tau"), source);
  }

  @Test
  void plotsThreeUnitsAgainstTheFirstInput() throws Exception {
    Path png = dir.resolve("softmax.png");
    Run r = run("--layer", "--energy", "-z/tau", "--free", "tau", "--stat", "responsibilities", "--plot", png.toString());
    assertEquals(0, r.code(), r.err());
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', r.err());
    Run again = run("--layer", "--energy", "-z/tau", "--free", "tau", "--stat", "responsibilities", "--plot",
        dir.resolve("again.png").toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(dir.resolve("again.png"))), "same spec, same bytes");
  }
}
