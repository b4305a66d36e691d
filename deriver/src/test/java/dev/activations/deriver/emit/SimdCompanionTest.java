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

  /**
   * A form chosen by a test of the parameters alone (the parameter quotients: {@code tanh(z / (s
   * s))} inside the range of s where {@code s s} is normal, {@code tanh(z / s / s)} outside): the
   * kernel takes the test once before its loop and leaves every element to the scalar code where
   * it fails, and its lanes compute the in-range form only (no blend of both).
   */
  @Test
  void aTestOfTheParametersAloneHandsTheKernelBackToTheScalarCode() {
    var abs = dev.activations.deriver.lowering.Expr.Call.of(dev.activations.deriver.lowering.Fn.ABS, Fixtures.S);
    var inRange = new dev.activations.deriver.lowering.Expr.Test.And(List.of(
        new dev.activations.deriver.lowering.Expr.Test.Compare(dev.activations.deriver.lowering.Expr.Test.Op.GE, abs,
            dev.activations.deriver.lowering.Expr.Const.of(0x1p-511)),
        new dev.activations.deriver.lowering.Expr.Test.Compare(dev.activations.deriver.lowering.Expr.Test.Op.LE, abs,
            dev.activations.deriver.lowering.Expr.Const.of(0x1p511))));
    var product = new dev.activations.deriver.lowering.Expr.Div(Fixtures.Z, Fixtures.mul(Fixtures.S, Fixtures.S));
    var stepwise = new dev.activations.deriver.lowering.Expr.Div(
        new dev.activations.deriver.lowering.Expr.Div(Fixtures.Z, Fixtures.S), Fixtures.S);
    var tanh = dev.activations.deriver.lowering.Fn.TANH;
    var value = new dev.activations.deriver.lowering.Expr.Cond(inRange,
        dev.activations.deriver.lowering.Expr.Call.of(tanh, product), dev.activations.deriver.lowering.Expr.Call.of(tanh, stepwise));
    var a = new dev.activations.deriver.lowering.LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat mean --free s", Fixtures.math("Tanh[z/s^2]", "Sech[z/s^2]^2/s^2"),
        List.of("s"), List.of(new dev.activations.deriver.lowering.LoweredActivation.Output(value, -1.0, 1.0)),
        List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(Fixtures.Z)),
        java.util.Map.of("s", List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(Fixtures.Z))));
    GeneratedSources.Source c = ClassEmitter.emitSources(a, "p", "T").simd().orElseThrow();
    String text = c.text();
    String valueKernel = text.substring(text.indexOf("static int value(double[]"), text.indexOf("static int derivative(double[]"));
    assertTrue(valueKernel.contains("if (!(Math.abs(s) >= ") && valueKernel.contains("return 0;"), valueKernel);
    assertFalse(valueKernel.contains(".blend(") && valueKernel.contains(".div(s$v).div(s$v)"), valueKernel);
    assertFalse(valueKernel.contains(".div(s$v).div(s$v)"), "the lanes compute the in-range form only: " + valueKernel);
    InMemoryCompiler.classBytes(java.util.Map.of(c.binaryName(), text), SimdEmitter.OPTIONS);
  }

  /**
   * A subnormal factor split into two normal halves ({@code TinyFactors}: {@code tanh'(z/s^2) /
   * s^2}, the Gaussian scale class's derivative): the lanes compute the halves' {@code exp} only
   * inside {@code if (mask.anyTrue())}, so a vector of ordinary inputs pays a compare, not an
   * {@code exp} (a plain blend measured 3.6 ns per element against 2.0 for this kernel, ad hoc).
   */
  @Test
  void aSplitSubnormalFactorIsComputedOnlyForAVectorWithALaneThatTakesIt() {
    var square = Fixtures.mul(Fixtures.S, Fixtures.S);
    var x = new dev.activations.deriver.lowering.Expr.Div(Fixtures.Z, square);
    var reciprocal = new dev.activations.deriver.lowering.Expr.Div(dev.activations.deriver.lowering.Expr.Const.of(1.0), square);
    var derivative = dev.activations.deriver.lowering.TinyFactors.apply(Fixtures.mul(
        dev.activations.deriver.lowering.Expr.Call.of(dev.activations.deriver.lowering.Fn.TANH_PRIME, x), reciprocal));
    assertTrue(derivative instanceof dev.activations.deriver.lowering.Expr.Cond, "split: " + derivative);
    var a = new dev.activations.deriver.lowering.LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat mean --free s", Fixtures.math("Tanh[z/s^2]", "Sech[z/s^2]^2/s^2"),
        List.of("s"), List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(
            dev.activations.deriver.lowering.Expr.Call.of(dev.activations.deriver.lowering.Fn.TANH, x))),
        List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(derivative)),
        java.util.Map.of("s", List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(Fixtures.Z))));
    GeneratedSources.Source c = ClassEmitter.emitSources(a, "p", "T").simd().orElseThrow();
    String text = c.text();
    String kernel = text.substring(text.indexOf("static int derivative(double[]"), text.indexOf("static int backward(double[]"));
    String halves = ".neg().lanewise(VectorOperators.EXP)";
    assertEquals(1, kernel.split(java.util.regex.Pattern.quote(halves), -1).length - 1, "one exp for both halves: " + kernel);
    for (String line : kernel.split("\n")) {
      if (line.contains(halves)) assertTrue(line.contains(".anyTrue()) {"), "the halves only inside the branch: " + kernel);
    }
    InMemoryCompiler.classBytes(java.util.Map.of(c.binaryName(), text), SimdEmitter.OPTIONS);
  }

  /**
   * The split's branch reuses only what the loop body has declared before it: the logistic free
   * energy's kernels read a binding ({@code -t19}) that CSE declared after the split's block, and
   * did not compile. Here {@code -m} is the split's cofactor and a binding of a later term.
   */
  @Test
  void aSplitBranchReadsOnlyBindingsDeclaredBeforeIt() {
    var m = Fixtures.add(Fixtures.Z, dev.activations.deriver.lowering.Expr.Const.of(1.0));
    var negM = new dev.activations.deriver.lowering.Expr.Neg(m);
    var c = dev.activations.deriver.lowering.TinyFactors.apply(new dev.activations.deriver.lowering.Expr.Neg(
        Fixtures.mul(dev.activations.deriver.lowering.Expr.Call.of(dev.activations.deriver.lowering.Fn.LOGISTIC, Fixtures.Z), m)));
    assertTrue(c instanceof dev.activations.deriver.lowering.Expr.Cond, "split: " + c);
    var value = Fixtures.add(Fixtures.mul(c, c), Fixtures.mul(negM, negM));
    var a = new dev.activations.deriver.lowering.LoweredActivation(
        "--kernel logistic --hypotheses signed --stat free-energy", Fixtures.math("z", "1"),
        List.of(), List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(value)),
        List.of(dev.activations.deriver.lowering.LoweredActivation.Output.of(Fixtures.Z)), java.util.Map.of());
    GeneratedSources.Source source = ClassEmitter.emitSources(a, "p", "T").simd().orElseThrow();
    InMemoryCompiler.classBytes(java.util.Map.of(source.binaryName(), source.text()), SimdEmitter.OPTIONS);
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
