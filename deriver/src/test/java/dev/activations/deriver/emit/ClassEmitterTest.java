package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.lowering.RandomExprs;
import dev.activations.deriver.lowering.StableFunctions;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassEmitterTest {
  private static final int[] LENGTHS = {0, 1, 4, 6, 8, 13, 16, 25};
  private static final int[] OFFSETS = {0, 1, 3};
  private static final double SENTINEL = -12345.5;

  /** A fixture, its free-parameter values for the tests, and its compiled class. */
  record Case(String name, LoweredActivation a, double[] params) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("Tanh", Fixtures.tanh(), new double[0]),
        new Case("Gated", Fixtures.gated(), new double[0]),
        new Case("Responsibilities", Fixtures.responsibilities(), new double[0]),
        new Case("Scaled", Fixtures.scaled(), new double[] {0.7}),
        new Case("ScaledResponsibilities", Fixtures.scaledResponsibilities(),
            new double[] {0.7}));
  }

  private static Class<?> compile(Case c) {
    return InMemoryCompiler.compileAndLoad(ClassEmitter.emit(c.a(), "dev.generated", c.name()));
  }

  // ------------------------------------------------------------------ the contract, per fixture

  @ParameterizedTest
  @MethodSource("cases")
  void classShape(Case c) throws Exception {
    Class<?> k = compile(c);
    assertTrue(Modifier.isFinal(k.getModifiers()) && Modifier.isPublic(k.getModifiers()));
    assertEquals(1, k.getDeclaredConstructors().length);
    assertTrue(Modifier.isPrivate(k.getDeclaredConstructors()[0].getModifiers()));
    assertEquals(c.a().spec(), k.getField("SPEC").get(null));
    assertEquals(c.a().values().size(), k.getField("OUTPUTS").get(null));
    for (Method m : k.getDeclaredMethods()) {
      assertTrue(Modifier.isStatic(m.getModifiers()), m.toString());
      if (Modifier.isPublic(m.getModifiers())) {
        // free parameters trail every public method
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < c.params().length; i++) {
          assertEquals(double.class, p[p.length - c.params().length + i], m.toString());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void scalarMethodsMatchTheInterpreterAndTheSpecialInputContract(Case c) throws Exception {
    Class<?> k = compile(c);
    LoweredActivation a = c.a();
    List<String> functions = new ArrayList<>(List.of("value", "derivative"));
    a.freeParameters().forEach(p -> functions.add(ClassEmitter.derivativeMethod(p)));
    Random random = new Random(1);
    for (double z : points(random)) {
      for (String f : functions) {
        List<Output> outs = outputs(a, f);
        double[] expected = new double[outs.size()];
        for (int h = 0; h < outs.size(); h++) {
          expected[h] = expected(outs.get(h), z, a, c.params());
        }
        assertArrayBits(expected, scalar(k, c, f, z), f + "(" + z + ")");
        float[] expectedFloat = new float[expected.length];
        for (int h = 0; h < expected.length; h++) {
          expectedFloat[h] = (float) scalar(k, c, f, (double) (float) z)[h];
        }
        if (!f.startsWith("d") || f.equals("derivative")) {
          assertArrayEquals(expectedFloat, scalarFloat(k, c, f, (float) z), f + "(float " + z + ")");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void arraysEqualScalarsForAwkwardLengthsAndOffsets(Case c) throws Exception {
    Class<?> k = compile(c);
    int outs = c.a().values().size();
    Random random = new Random(2);
    for (String f : List.of("value", "derivative")) {
      for (int len : LENGTHS) {
        for (int inOff : OFFSETS) {
          for (int outOff : OFFSETS) {
            double[] in = new double[inOff + len + 2];
            for (int i = 0; i < in.length; i++) {
              in[i] = RandomExprs.point(random);
            }
            double[] out = new double[outOff + len * outs + 3];
            Arrays.fill(out, SENTINEL);
            call(k, f, withParams(c, in, inOff, out, outOff, len));
            float[] fin = new float[in.length];
            for (int i = 0; i < in.length; i++) {
              fin[i] = (float) in[i];
            }
            float[] fout = new float[out.length];
            Arrays.fill(fout, (float) SENTINEL);
            call(k, f, withParams(c, fin, inOff, fout, outOff, len));
            for (int j = 0; j < out.length; j++) {
              int i = (j - outOff) / outs;
              boolean written = j >= outOff && j < outOff + len * outs;
              if (!written) {
                assertEquals(SENTINEL, out[j], "untouched " + j);
                assertEquals((float) SENTINEL, fout[j], "untouched " + j);
                continue;
              }
              int h = (j - outOff) % outs;
              assertBits(scalar(k, c, f, in[inOff + i])[h], out[j], f + " element " + i);
              assertEquals(scalarFloat(k, c, f, fin[inOff + i])[h], fout[j], f + " float " + i);
            }
          }
        }
      }
      // offset-free overloads
      double[] in = {0.5, -3.0, 700.0};
      double[] out = new double[in.length * outs];
      call(k, f, withParams(c, in, out));
      double[] expected = new double[out.length];
      call(k, f, withParams(c, in, 0, expected, 0, in.length));
      assertArrayBits(expected, out, f + " offset-free");
      float[] fin = {0.5f, -3.0f, 700.0f};
      float[] fout = new float[fin.length * outs];
      float[] fexpected = new float[fout.length];
      call(k, f, withParams(c, fin, fout));
      call(k, f, withParams(c, fin, 0, fexpected, 0, fin.length));
      assertArrayEquals(fexpected, fout);
      // bounds are checked before anything is written
      double[] small = new double[2 * outs];
      Arrays.fill(small, SENTINEL);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> call(k, f, withParams(c, new double[3], 0, small, 0, 3)));
      assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
      assertTrue(Arrays.stream(small).allMatch(x -> x == SENTINEL));
      e = assertThrows(InvocationTargetException.class,
          () -> call(k, f, withParams(c, new double[3], 2, new double[9 * outs], 0, 2)));
      assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void backwardIsUpstreamTimesDerivative(Case c) throws Exception {
    Class<?> k = compile(c);
    int outs = c.a().values().size();
    Random random = new Random(3);
    for (int len : LENGTHS) {
      for (int off : OFFSETS) {
        int n = off + len + 2;
        double[] in = new double[n];
        double[] up = new double[n * outs];
        for (int i = 0; i < n; i++) {
          in[i] = RandomExprs.point(random);
        }
        for (int i = 0; i < up.length; i++) {
          up[i] = random.nextGaussian();
        }
        double[] grad = new double[n];
        Arrays.fill(grad, SENTINEL);
        call(k, "backward", withParams(c, in, up, grad, off, len));
        float[] fin = new float[n];
        float[] fup = new float[up.length];
        for (int i = 0; i < n; i++) {
          fin[i] = (float) in[i];
        }
        for (int i = 0; i < up.length; i++) {
          fup[i] = (float) up[i];
        }
        float[] fgrad = new float[n];
        Arrays.fill(fgrad, (float) SENTINEL);
        call(k, "backward", withParams(c, fin, fup, fgrad, off, len));
        for (int i = 0; i < n; i++) {
          if (i < off || i >= off + len) {
            assertEquals(SENTINEL, grad[i]);
            assertEquals((float) SENTINEL, fgrad[i]);
            continue;
          }
          double[] d = scalar(k, c, "derivative", in[i]);
          double g = up[i * outs] * d[0];
          for (int h = 1; h < outs; h++) {
            g += up[i * outs + h] * d[h];
          }
          assertBits(g, grad[i], "backward " + i);
          double[] fd = scalar(k, c, "derivative", (double) fin[i]);
          double fg = (double) fup[i * outs] * fd[0];
          for (int h = 1; h < outs; h++) {
            fg += (double) fup[i * outs + h] * fd[h];
          }
          assertEquals((float) fg, fgrad[i], "float backward " + i);
        }
      }
    }
    double[] in = {1.0, -2.0};
    double[] up = new double[2 * outs];
    Arrays.fill(up, 1.5);
    double[] grad = new double[2];
    double[] expected = new double[2];
    call(k, "backward", withParams(c, in, up, grad));
    call(k, "backward", withParams(c, in, up, expected, 0, 2));
    assertArrayBits(expected, grad, "offset-free backward");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void twoEmissionsAreIdentical(Case c) {
    String first = ClassEmitter.emit(c.a(), "dev.generated", c.name()).toString();
    // equal inputs built afresh (distinct objects, fresh hash codes)
    Case again = cases().stream().filter(x -> x.name().equals(c.name())).findFirst().orElseThrow();
    assertEquals(first, ClassEmitter.emit(again.a(), "dev.generated", c.name()).toString());
    assertEquals(first, ClassEmitter.emit(c.a(), "dev.generated", c.name()).toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesWithPlainJavacAgainstJavaBaseOnly(Case c, @TempDir Path dir) throws Exception {
    JavaFile file = ClassEmitter.emit(c.a(), "dev.generated", c.name());
    Path source = file.writeToPath(dir.resolve("src"));
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = javac.run(new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(err,
        true, StandardCharsets.UTF_8), "--release", "17", "--limit-modules", "java.base",
        "-classpath", "", "-Xlint:all", "-Werror", "-Xdoclint:all,-missing", "-d",
        dir.resolve("out").toString(), source.toString());
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(dir.resolve("out/dev/generated/" + c.name() + ".class")));
  }

  // ------------------------------------------------------------------ hand-computed values

  @Test
  void tanhIsTheExpFormAndItsDerivativeIsSechSquared() throws Exception {
    Class<?> k = compile(cases().get(0));
    for (double z : new double[] {-800, -30, -19.5, -1, -0.01, -1e-9, -0.0, 0.0, 1e-300, 0.0099,
        0.5, 3, 30, 800}) {
      double v = (double) k.getMethod("value", double.class).invoke(null, z);
      assertBits(StableFunctions.tanh(z), v, "" + z);
      assertEquals(Math.tanh(z), v, 1e-14 * Math.abs(Math.tanh(z)), "tanh(" + z + ")");
      double d = (double) k.getMethod("derivative", double.class).invoke(null, z);
      assertBits(StableFunctions.tanhPrime(z), d, "" + z);
      if (Math.abs(z) < 300) {
        double sech2 = 1 / (Math.cosh(z) * Math.cosh(z));
        assertEquals(sech2, d, 4e-16 * sech2, "tanh'(" + z + ")");
      }
    }
    // 1 - tanh^2 would be exactly 0 here
    assertTrue((double) k.getMethod("derivative", double.class).invoke(null, 25.0) > 7e-22);
    assertEquals(1.0f, (float) k.getMethod("value", float.class).invoke(null, 100f));
  }

  @Test
  void gatedHasItsLimitsAndStaysFinite() throws Exception {
    Class<?> k = compile(cases().get(1));
    Method value = k.getMethod("value", double.class);
    Method derivative = k.getMethod("derivative", double.class);
    assertBits(1.5 * (1.0 / (1.0 + Math.exp(-3.0))), (double) value.invoke(null, 1.5), "value");
    double e = Math.exp(-3.0);
    assertBits(-1.5 * (e / (1.0 + e)), (double) value.invoke(null, -1.5), "value");
    assertBits(0.0, (double) value.invoke(null, Double.NEGATIVE_INFINITY), "-inf * 0 is not NaN");
    assertBits(Double.POSITIVE_INFINITY, (double) value.invoke(null, Double.POSITIVE_INFINITY), "");
    assertBits(0.0, (double) derivative.invoke(null, Double.NEGATIVE_INFINITY), "");
    assertBits(1.0, (double) derivative.invoke(null, Double.POSITIVE_INFINITY), "");
    for (double z : new double[] {-Double.MAX_VALUE, -1e300, -800, -1e-300, -Double.MIN_VALUE, 0,
        Double.MIN_VALUE, 800, 1e300, Double.MAX_VALUE}) {
      assertTrue(Double.isFinite((double) value.invoke(null, z)), "value " + z);
      assertTrue(Double.isFinite((double) derivative.invoke(null, z)), "derivative " + z);
    }
  }

  @Test
  void responsibilitiesSumToOneAndTheirDerivativesCancel() throws Exception {
    Class<?> k = compile(cases().get(2));
    Method value = k.getMethod("value", double.class, double[].class);
    Method derivative = k.getMethod("derivative", double.class, double[].class);
    for (double z : new double[] {-1e300, -30, -1, 0, 0.25, 2, 30, 1e300}) {
      double[] r = new double[2];
      value.invoke(null, z, r);
      assertEquals(1.0, r[0] + r[1], 1e-15, "z = " + z);
      assertBits(StableFunctions.logistic(2 * z), r[0], "r1");
      double[] d = new double[3];
      derivative.invoke(null, z, d);
      assertEquals(0.0, d[0] + d[1]);
      assertEquals(0.0, d[2], "only two outputs are written");
    }
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> value.invoke(null, 1.0, new double[1]));
    assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
  }

  @Test
  void freeParameterTrailsAndHasItsDerivative() throws Exception {
    Class<?> k = compile(cases().get(3));
    Method value = k.getMethod("value", double.class, double.class);
    Method dS = k.getMethod("dS", double.class, double.class);
    double s = 0.7;
    double z = 0.9;
    assertBits(StableFunctions.tanh(z / s), (double) value.invoke(null, z, s), "value");
    double h = 1e-6;
    double central = (Math.tanh(z / (s + h)) - Math.tanh(z / (s - h))) / (2 * h);
    assertEquals(central, (double) dS.invoke(null, z, s), 1e-8);
    assertBits(1.0, (double) value.invoke(null, Double.POSITIVE_INFINITY, s), "stated limit");
    // no limit stated at -Infinity: the formula is evaluated
    assertBits(-1.0, (double) value.invoke(null, Double.NEGATIVE_INFINITY, s), "tanh(-inf)");
  }

  @Test
  void partiallyStatedLimitsArePatchedAfterTheFormula() throws Exception {
    Class<?> k = compile(cases().get(4));
    double[] r = new double[2];
    k.getMethod("value", double.class, double[].class, double.class)
        .invoke(null, Double.NEGATIVE_INFINITY, r, 0.7);
    assertArrayBits(new double[] {0.0, 1.0}, r, "r at -Infinity");
    String text = ClassEmitter.emit(cases().get(4).a(), "p", "S").toString();
    assertTrue(text.contains("""
            out[outOff + 1] = logistic(-t0);
            if (z == Double.NEGATIVE_INFINITY) {
              out[outOff] = 0.0;
            }
        """), text);
    double[] d = new double[2];
    k.getMethod("dS", double.class, double[].class, double.class).invoke(null, 0.4, d, 0.7);
    double h = 1e-6;
    double central = (StableFunctions.logistic(0.8 / (0.7 + h))
        - StableFunctions.logistic(0.8 / (0.7 - h))) / (2 * h);
    assertEquals(central, d[0], 1e-8);
    assertEquals(-central, d[1], 1e-8);
  }

  // ------------------------------------------------------------------ emitted text

  @Test
  void helpersAreEmittedOnlyWhenUsed() {
    String tanh = ClassEmitter.emit(Fixtures.tanh(), "p", "T").toString();
    assertTrue(tanh.contains("private static double tanhPrime(double x)"));
    assertFalse(tanh.contains("logistic("));
    assertFalse(tanh.contains("softplus("));
    String resp = ClassEmitter.emit(Fixtures.responsibilities(), "p", "R").toString();
    assertTrue(resp.contains("private static double logistic(double x)"));
    assertFalse(resp.contains("tanhPrime("));
  }

  @Test
  void softplusHelperCompilesAndAgrees() throws Exception {
    Expr sp = Call.of(Fn.SOFTPLUS, Fixtures.Z);
    LoweredActivation a = new LoweredActivation("--stat free-energy",
        new LoweredActivation.Math(List.of(), "Log[1+E^z]", "LogisticSigmoid[z]", List.of()),
        List.of(), List.of(new Output(sp, 0.0, Double.POSITIVE_INFINITY)),
        List.of(new Output(Call.of(Fn.LOGISTIC, Fixtures.Z), 0.0, 1.0)), Map.of());
    Class<?> k = InMemoryCompiler.compileAndLoad(ClassEmitter.emit(a, "p", "Softplus"));
    for (double z : new double[] {-800, -40, -1, 0, 1, 40, 800, 1e300}) {
      assertBits(StableFunctions.softplus(z),
          (double) k.getMethod("value", double.class).invoke(null, z), "softplus " + z);
    }
  }

  @Test
  void javadocTextIsEscaped() throws Exception {
    LoweredActivation a = new LoweredActivation("--energy 'z<mu && z>0' */ @see \\u0041",
        new LoweredActivation.Math(List.of("If[z < 0, a & b, c] */"), "x<y", "\\u000a @return",
            List.of("<b>not bold</b>")),
        List.of(), List.of(Output.of(Fixtures.Z)), List.of(Output.of(Expr.constant(1))),
        Map.of());
    JavaFile file = ClassEmitter.emit(a, "p", "Escaped");
    String text = file.toString();
    assertTrue(text.contains("If[z &lt; 0, a &amp; b, c] *&#47;"), text);
    assertTrue(text.contains("&#92;u000a &#64;return"), text);
    assertTrue(text.contains("&lt;b&gt;not bold&lt;/b&gt;"), text);
    Class<?> k = InMemoryCompiler.compileAndLoad(file);
    assertEquals(a.spec(), k.getField("SPEC").get(null));
  }

  @Test
  void rejectsNamesJavaCannotUse() {
    LoweredActivation tanh = Fixtures.tanh();
    assertThrows(IllegalArgumentException.class, () -> ClassEmitter.emit(tanh, "p", "Math"));
    assertThrows(IllegalArgumentException.class, () -> ClassEmitter.emit(tanh, "p", "class"));
    assertThrows(IllegalArgumentException.class, () -> ClassEmitter.emit(tanh, "p-q", "T"));
    for (String bad : List.of("in", "len", "Nu", "double", "z", "off", "gradIn", "a$")) {
      LoweredActivation a = new LoweredActivation("x", tanh.math(), List.of(bad),
          tanh.values(), tanh.derivatives(), Map.of(bad, tanh.derivatives()));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClassEmitter.emit(a, "p", "T"), bad);
      assertTrue(e.getMessage().contains(": " + bad + " "), e.getMessage());
    }
    assertEquals("dNu", ClassEmitter.derivativeMethod("nu"));
  }

  /**
   * A free parameter may take the name of any internal local of the generated code (loop indices,
   * the float twins' buffer, a caught exception, the SIMD kernels' locals): the local gives way.
   * Before, {@code --free g} and a dozen other names were refused, and {@code r} or {@code bound}
   * broke the SIMD companion's compilation.
   */
  @ParameterizedTest
  @ValueSource(strings = {"i", "h", "tmp", "u", "e", "r", "bound", "dv0", "dv1", "g"})
  void aFreeParameterMayTakeTheNameOfAnInternalLocal(String name) throws Exception {
    for (Case c : List.of(cases().get(3), cases().get(4))) {
      LoweredActivation renamed = rename(c.a(), "s", name);
      Class<?> k = InMemoryCompiler.compileAndLoad(
          ClassEmitter.emit(renamed, "dev.generated", c.name() + "Named"));
      if (SimdEmitter.supports(renamed)) { // throws where the companion does not compile
        SimdEmitter.compile(renamed, "dev.generated", c.name() + "Named", FloatArithmetic.NONE);
      }
      Class<?> original = compile(c);
      int outputs = renamed.values().size();
      for (String f : List.of("value", "derivative")) {
        double[] in = {-3.5, -0.25, 0.0, 0.5, 2.0, 7.0, 40.0};
        double[] expected = new double[in.length * outputs];
        double[] actual = new double[in.length * outputs];
        Class<?>[] types = {double[].class, int.class, double[].class, int.class, int.class,
            double.class};
        original.getMethod(f, types).invoke(null, in, 0, expected, 0, in.length, c.params()[0]);
        k.getMethod(f, types).invoke(null, in, 0, actual, 0, in.length, c.params()[0]);
        assertArrayBits(expected, actual, name + " " + c.name() + " " + f);
      }
      double[] in = {-3.5, 0.5, 2.0};
      double[] up = new double[in.length * outputs];
      java.util.Arrays.fill(up, 0.75);
      double[] expected = new double[in.length];
      double[] actual = new double[in.length];
      Class<?>[] types = {double[].class, double[].class, double[].class, int.class, int.class,
          double.class};
      original.getMethod("backward", types).invoke(null, in, up, expected, 0, in.length,
          c.params()[0]);
      k.getMethod("backward", types).invoke(null, in, up, actual, 0, in.length, c.params()[0]);
      assertArrayBits(expected, actual, name + " " + c.name() + " backward");
    }
  }

  /** {@code a} with its free parameter {@code from} called {@code to} everywhere. */
  private static LoweredActivation rename(LoweredActivation a, String from, String to) {
    java.util.function.UnaryOperator<Expr> sub = new java.util.function.UnaryOperator<>() {
      @Override
      public Expr apply(Expr e) {
        return e instanceof Expr.Var v && v.name().equals(from)
            ? new Expr.Var(to)
            : dev.activations.deriver.lowering.Exprs.mapChildren(e, this);
      }
    };
    java.util.function.Function<List<Output>, List<Output>> outs = l -> l.stream()
        .map(o -> new Output(sub.apply(o.expr()), o.atNegativeInfinity(), o.atPositiveInfinity()))
        .toList();
    return new LoweredActivation(a.spec(), a.math(),
        a.freeParameters().stream().map(p -> p.equals(from) ? to : p).toList(),
        outs.apply(a.values()), outs.apply(a.derivatives()),
        Map.of(to, outs.apply(a.parameterDerivatives().get(from))));
  }

  @Test
  void temporariesDoNotClashWithParameters() throws Exception {
    // a parameter called t0, and an expression with a repeated subexpression
    Expr t0 = new Expr.Var("t0");
    Expr e = Call.of(Fn.EXP, new Expr.Div(Fixtures.Z, t0));
    Expr twice = new Expr.Add(List.of(e, new Expr.Mul(List.of(e, t0))));
    LoweredActivation a = new LoweredActivation("x", Fixtures.tanh().math(), List.of("t0"),
        List.of(Output.of(twice)), List.of(Output.of(twice)),
        Map.of("t0", List.of(Output.of(twice))));
    Class<?> k = InMemoryCompiler.compileAndLoad(ClassEmitter.emit(a, "p", "Clash"));
    double expected = DoubleEvaluator.evaluate(twice, Map.of("z", 0.3, "t0", 2.0));
    assertBits(expected, (double) k.getMethod("value", double.class, double.class)
        .invoke(null, 0.3, 2.0), "value");
  }

  // ------------------------------------------------------------------ helpers

  private static List<Double> points(Random random) {
    List<Double> out = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE,
        -Double.MAX_VALUE, 1e-300, 20.0, -20.0, 710.0, -750.0));
    for (int i = 0; i < 200; i++) {
      out.add(RandomExprs.point(random));
    }
    return out;
  }

  private static List<Output> outputs(LoweredActivation a, String function) {
    if (function.equals("value")) {
      return a.values();
    } else if (function.equals("derivative")) {
      return a.derivatives();
    }
    for (String p : a.freeParameters()) {
      if (ClassEmitter.derivativeMethod(p).equals(function)) {
        return a.parameterDerivatives().get(p);
      }
    }
    throw new IllegalArgumentException(function);
  }

  /** What the contract says one output must be at z. */
  private static double expected(Output o, double z, LoweredActivation a, double[] params) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    if (z == Double.POSITIVE_INFINITY && !Double.isNaN(o.atPositiveInfinity())) {
      return o.atPositiveInfinity();
    }
    if (z == Double.NEGATIVE_INFINITY && !Double.isNaN(o.atNegativeInfinity())) {
      return o.atNegativeInfinity();
    }
    Map<String, Double> env = new HashMap<>();
    env.put("z", z);
    for (int i = 0; i < params.length; i++) {
      env.put(a.freeParameters().get(i), params[i]);
    }
    return DoubleEvaluator.evaluate(o.expr(), env);
  }

  /** The scalar method's outputs at z (1 returned, or H written). */
  private static double[] scalar(Class<?> k, Case c, String f, double z) throws Exception {
    int outs = c.a().values().size();
    if (outs == 1) {
      return new double[] {(double) call(k, f, withParams(c, z))};
    }
    double[] out = new double[outs];
    call(k, f, withParams(c, z, out));
    return out;
  }

  private static float[] scalarFloat(Class<?> k, Case c, String f, float z) throws Exception {
    int outs = c.a().values().size();
    if (outs == 1) {
      return new float[] {(float) call(k, f, withParams(c, z))};
    }
    float[] out = new float[outs];
    call(k, f, withParams(c, z, out));
    return out;
  }

  private static Object[] withParams(Case c, Object... args) {
    Object[] all = Arrays.copyOf(args, args.length + c.params().length);
    for (int i = 0; i < c.params().length; i++) {
      all[args.length + i] = c.params()[i];
    }
    return all;
  }

  /** Calls the public static method whose parameter types are exactly the arguments' types. */
  private static Object call(Class<?> k, String name, Object... args) throws Exception {
    Class<?>[] types = new Class<?>[args.length];
    for (int i = 0; i < args.length; i++) {
      Class<?> t = args[i].getClass();
      types[i] = t == Double.class ? double.class : t == Float.class ? float.class
          : t == Integer.class ? int.class : t;
    }
    return k.getMethod(name, types).invoke(null, args);
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
        what + ": expected " + expected + " but was " + actual);
  }

  private static void assertArrayBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], actual[i], what + "[" + i + "]");
    }
  }
}
