package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.verify.InMemoryCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIMD companion is a source file of its own, and the activation class finds it by name: the
 * class compiles with plain javac and runs without the companion or the module (plain loops), and
 * with both it takes the kernels. The last two are checked in fresh JVMs, with and without {@code
 * --add-modules jdk.incubator.vector}.
 */
class SimdCompanionTest {
  /** Prints VECTORIZED, then whether value(double[]) agrees with value(double) over 1000 inputs. */
  private static final String PROBE = """
      package p;
      public class Probe {
        public static void main(String[] args) {
          double[] in = new double[1000];
          for (int i = 0; i < in.length; i++) in[i] = (i - 500) / 37.0;
          double[] out = new double[in.length];
          T.value(in, out);
          boolean same = true;
          for (int i = 0; i < in.length; i++) {
            same &= Math.abs(out[i] - T.value(in[i])) <= 1e-12 * Math.max(1, Math.abs(out[i]));
          }
          System.out.println(T.VECTORIZED + " " + same);
        }
      }
      """;

  @Test
  void theActivationClassEmbedsNoClassFileAndNamesItsCompanion() {
    GeneratedSources s = ClassEmitter.emitSources(Fixtures.tanh(), "p", "T");
    String text = s.activationSource().text();
    assertFalse(text.contains("Base64"), "no embedded class file");
    assertFalse(text.contains("defineHiddenClass"));
    assertFalse(text.contains("jdk.incubator.vector."), "no link to the incubator API");
    assertTrue(text.contains("Class.forName(\"p.TSimd\", true, T.class.getClassLoader())"), text);
    assertEquals("p.TSimd", s.simd().orElseThrow().binaryName());
    assertTrue(s.simd().orElseThrow().text().contains("final class TSimd {"));
  }

  @Test
  void vectorStatisticsGetNoCompanion() {
    GeneratedSources s = ClassEmitter.emitSources(Fixtures.responsibilities(), "p", "R");
    assertTrue(s.simd().isEmpty());
    assertFalse(s.activationSource().text().contains("VECTORIZED"));
  }

  @Test
  void theCompanionCompilesOnItsOwnWithTheModule() {
    GeneratedSources.Source c = ClassEmitter.emitSources(Fixtures.tanh(), "p", "T").simd()
        .orElseThrow();
    assertEquals(List.of("p.TSimd"), List.copyOf(InMemoryCompiler.classBytes(
        java.util.Map.of(c.binaryName(), c.text()), SimdEmitter.OPTIONS).keySet()));
  }

  @Test
  void writesBothFilesNextToEachOther(@TempDir Path dir) throws IOException {
    List<Path> written = ClassEmitter.emitSources(Fixtures.tanh(), "p.q", "T").write(dir);
    assertEquals(List.of(dir.resolve("p/q/T.java"), dir.resolve("p/q/TSimd.java")), written);
    try (var files = Files.list(dir.resolve("p/q"))) {
      assertEquals(2, files.count(), "no temporary files left");
    }
  }

  @Test
  void withoutTheCompanionThePlainLoopsRunEvenWithTheModule(@TempDir Path dir) throws Exception {
    GeneratedSources s = ClassEmitter.emitSources(Fixtures.tanh(), "p", "T");
    s.write(dir);
    Files.delete(s.simd().orElseThrow().path(dir));
    Path classes = dir.resolve("classes");
    javac(classes, List.of(), s.activationSource().path(dir), probe(dir));
    assertEquals("false true", run(classes, true));
    assertEquals("false true", run(classes, false));
  }

  @Test
  void withTheCompanionTheKernelsRunExactlyWhenTheModuleIsPresent(@TempDir Path dir)
      throws Exception {
    GeneratedSources s = ClassEmitter.emitSources(Fixtures.tanh(), "p", "T");
    s.write(dir);
    Path classes = dir.resolve("classes");
    javac(classes, List.of(), s.activationSource().path(dir), probe(dir));
    javac(classes, GeneratedSources.SIMD_JAVAC_OPTIONS, s.simd().orElseThrow().path(dir));
    assertEquals("true true", run(classes, true));
    assertEquals("false true", run(classes, false));
  }

  private static Path probe(Path dir) throws IOException {
    Path probe = dir.resolve("p/Probe.java");
    Files.createDirectories(probe.getParent());
    Files.writeString(probe, PROBE, StandardCharsets.UTF_8);
    return probe;
  }

  private static void javac(Path classes, List<String> options, Path... sources)
      throws IOException {
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(options);
    if (!options.contains("--release")) {
      args.addAll(List.of("--release", "17"));
    }
    args.addAll(List.of("-nowarn", "-proc:none", "-cp", classes.toString(), "-d",
        classes.toString()));
    for (Path p : sources) {
      args.add(p.toString());
    }
    assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "javac " + args);
  }

  private static String run(Path classes, boolean module) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto"));
    if (module) {
      cmd.addAll(List.of("--add-modules", SimdLoader.MODULE));
    }
    cmd.addAll(List.of("-cp", classes.toString(), "p.Probe"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    // the incubator module announces itself on stderr ("WARNING: Using incubator modules")
    return out.lines().filter(l -> !l.startsWith("WARNING")).reduce((a, b) -> b).orElse("");
  }
}
