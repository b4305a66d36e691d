package dev.activations.deriver.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Writes a layer class (JavaPoet): {@code value} and {@code backward} over groups of consecutive
 * units, {@code double[]} and {@code float[]}, with and without offsets, plus the lowered unit
 * energy and its slope as private helpers.
 *
 * <p>Each group is normalised in one pass over its units: a running minimum energy {@code m} and
 * a sum {@code s = sum_k exp(-(e_k - m))} rescaled whenever the minimum drops (the online
 * normaliser). Outputs are written in shifted quantities that never cancel or overflow: {@code
 * r_j = exp(m - e_j) / s}, {@code log r_j = (m - e_j) - log s}, {@code H = log s + sum_k r_k (e_k
 * - m)}, {@code F = m - log s}. A weight is exactly 1 at the minimum, which also makes a
 * minimum of {@code -Infinity} (an input at an infinity) give the limit: the tied units share the
 * mass. A product with a zero responsibility is 0 (never {@code 0 * Infinity}).
 *
 * <p>The backward templates implement the rule the deriver assembled; the emitter checks the
 * derived coefficients against the ones each template implements and refuses a derivation whose
 * rule it has no template for.
 */
public final class LayerClassEmitter {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final Set<String> LOCALS = Set.of(
      "z", "zOff", "out", "outOff", "n", "g", "b", "k", "j", "e", "m", "s", "w", "r", "c", "inv", "acc",
      "upstream", "upOff", "gradZ", "gOff", "u", "nan", "zo", "oo", "uo", "go", "t");

  private final LayerDerivation d;
  private final LayerStatistic stat;
  private final Expr energy;
  private final Expr slope;
  private final JavaExprPrinter printer = new JavaExprPrinter();
  /** The free parameters (per-layer scalars), in declaration order, and {@code de/dtheta} for each. */
  private final List<String> free;
  private final List<Expr> parameterSlopes;
  /** {@code ", param0, param1"}: the free parameters as trailing arguments inside the group methods. */
  private final String P;
  /** {@code ", mu, s"}: the same under their own names, in the public methods. */
  private final String publicArgs;
  /** How unit gaps are computed. */
  private Gap gap = Gap.NAIVE;
  /** Whether the class has a SIMD companion ({@link LayerSimdEmitter}) to load. */
  private boolean simd;
  /** Whether that companion has a {@code float[]} value kernel ({@link LayerSimdEmitter#hasFloatKernel}). */
  private boolean floatSimd;
  /** The measured misses of a class written with {@code --accept-inaccurate} (its Javadoc states them), or null. */
  private String missed;

  private LayerClassEmitter(LayerDerivation d, Expr energy, Expr slope, List<Expr> parameterSlopes) {
    this.d = d;
    this.stat = d.spec().statistic();
    this.energy = energy;
    this.slope = slope;
    this.free = d.spec().free();
    this.parameterSlopes = List.copyOf(parameterSlopes);
    StringBuilder inner = new StringBuilder();
    StringBuilder outer = new StringBuilder();
    Set<String> methods = new java.util.HashSet<>();
    for (int i = 0; i < free.size(); i++) {
      String name = free.get(i);
      if (parameterNameProblem(name).isPresent() || !methods.add(gradientMethod(name))) {
        throw new IllegalArgumentException("free parameter name must be a Java identifier other than "
            + new java.util.TreeSet<>(PUBLIC_LOCALS) + " (and give its own gradient method name): " + name);
      }
      inner.append(", param").append(i);
      outer.append(", ").append(name);
    }
    this.P = inner.toString();
    this.publicArgs = outer.toString();
  }

  /**
   * Why {@code name} cannot name a free parameter of a layer class (it becomes an argument of the
   * public methods beside their own), or empty; asked by the command line before deriving.
   */
  public static java.util.Optional<String> parameterNameProblem(String name) {
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || PUBLIC_LOCALS.contains(name)) {
      return java.util.Optional.of("free parameter name must be a Java identifier other than "
          + new java.util.TreeSet<>(PUBLIC_LOCALS) + ": " + name + " (rename it in the energy)");
    }
    return java.util.Optional.empty();
  }

  /** Names the public methods use, which a free parameter must not take. */
  private static final Set<String> PUBLIC_LOCALS = Set.of("z", "zOff", "out", "outOff", "n", "g", "b", "upstream",
      "upOff", "gradZ", "gOff", "sum");

  /** {@code d} + the capitalised parameter name: {@code mu -> dMu}, the free parameter's gradient. */
  public static String gradientMethod(String parameter) {
    return "d" + parameter.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + parameter.substring(1);
  }

  /** The private helper {@code de/dtheta}: {@code mu -> energyByMu}. */
  private static String parameterSlopeMethod(String parameter) {
    return "energyBy" + parameter.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + parameter.substring(1);
  }

  /** Adds the free parameters as trailing {@code double} parameters named {@code prefix + index} or by name. */
  private MethodSpec.Builder withParameters(MethodSpec.Builder m, boolean publicNames) {
    for (int i = 0; i < free.size(); i++) m.addParameter(TypeName.DOUBLE, publicNames ? free.get(i) : "param" + i);
    return m;
  }

  /**
   * The layer class.
   *
   * @param energy the unit energy lowered to the IR (variable {@code z})
   * @param slope its derivative, lowered
   * @throws IllegalStateException when the derived rule is not the one a template implements
   */
  public static GeneratedSources emit(LayerDerivation d, Expr energy, Expr slope, String packageName,
      String className) {
    return emit(d, energy, slope, List.of(), Gap.NAIVE, packageName, className);
  }

  /**
   * How the gap {@code e(a) - e(b)} between two units is computed. Energies of large magnitude
   * that nearly tie, or that overflow, lose their difference when it is taken from the two rounded
   * energies; the midpoint rule {@code e(a) - e(b) = (a - b) e'((a + b)/2) + (a - b)^3 e'''(c)/24 +
   * ...} keeps it.
   *
   * <p>{@code NAIVE}: the difference of the rounded energies (non-smooth energies, where the
   * midpoint rule does not hold across a kink). {@code MIDPOINT}: the midpoint rule alone, exact
   * for an energy of degree at most 2 in z. {@code HYBRID}: the naive difference where it does
   * not cancel (the gap is at least 1/64 of the larger energy, or of 1); otherwise, on a short interval
   * ({@code |a - b| <= max(|a + b|, 2) / 16}), the rule on two halves of {@code [b, a]} where its
   * remainder, estimated by Richardson from the one-panel rule, is far below its value (2^-50) or
   * below the rounding error of the naive difference (8 ulps of the larger energy, or of 1); the naive
   * difference otherwise.
   */
  public enum Gap { NAIVE, MIDPOINT, HYBRID }

  /**
   * The layer class with free parameters.
   *
   * @param parameterSlopes {@code de/dtheta} for each free parameter, lowered (variables {@code z}
   *     and the free parameters)
   */
  public static GeneratedSources emit(LayerDerivation d, Expr energy, Expr slope, List<Expr> parameterSlopes,
      Gap gap, String packageName, String className) {
    return emit(d, energy, slope, parameterSlopes, gap, packageName, className, null);
  }

  /**
   * @param missed for a class written although it misses the contract ({@code --accept-inaccurate}):
   *     the measured worst errors and where, which its Javadoc states instead of the contract; null otherwise
   */
  public static GeneratedSources emit(LayerDerivation d, Expr energy, Expr slope, List<Expr> parameterSlopes,
      Gap gap, String packageName, String className, String missed) {
    checkRule(d);
    LayerClassEmitter e = new LayerClassEmitter(d, energy, slope, parameterSlopes);
    e.gap = gap;
    e.missed = missed;
    Optional<GeneratedSources.Source> companion = Optional.empty();
    // The vector kernels take no parameters: a class with free parameters runs the plain-Java code.
    // They difference the rounded energies, which is exact for a linear energy and within the
    // contract for the bounded-growth ones (Student-t, Yat), but not for a quadratic (its energies
    // overflow and their differences lose everything at large inputs): those run the plain code.
    boolean quadratic = gap == Gap.MIDPOINT && !(slope instanceof Expr.Const);
    if (e.free.isEmpty() && !quadratic && LayerSimdEmitter.supports(e.stat, energy, slope)) {
      String source = LayerSimdEmitter.source(e.stat, energy, slope, packageName, className);
      SimdEmitter.compileSource(source, packageName, className); // it must compile on its own
      companion = Optional.of(new GeneratedSources.Source(packageName, SimdEmitter.companionName(className), source));
      e.simd = true;
      e.floatSimd = LayerSimdEmitter.hasFloatKernel(e.stat, slope);
    }
    return new GeneratedSources(e.file(packageName, className), companion);
  }

  /** The coefficients (p, a, b, g') each statistic's template implements, as Symja InputForm. */
  private static final Map<LayerStatistic, List<String>> RULES = Map.of(
      LayerStatistic.RESPONSIBILITIES, List.of("0", "-r", "r", "0"),
      LayerStatistic.LOG_RESPONSIBILITIES, List.of("0", "-1", "1", "0"),
      LayerStatistic.WEIGHTED, List.of("r", "-r*z", "r*z", "0"),
      LayerStatistic.MEAN, List.of("r", "-r*z", "r*z", "0"),
      LayerStatistic.ENTROPY, List.of("0", "r-e*r", "e*r", "1"),
      LayerStatistic.FREE_ENERGY, List.of("0", "0", "0", "-1"));

  static void checkRule(LayerDerivation d) {
    LayerStatistic s = d.spec().statistic();
    if (s.isLimit()) return;
    List<String> derived = List.of(Symja.inputForm(d.direct()), Symja.inputForm(d.own()),
        Symja.inputForm(d.shared()), Symja.inputForm(d.groupSlope()));
    if (!derived.equals(RULES.get(s))) {
      throw new IllegalStateException("no template for the derived backward rule of " + s.cliName()
          + " (p, a, b, g') = " + derived + ", expected " + RULES.get(s));
    }
  }

  private JavaFile file(String packageName, String className) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("$L", LayerJavadoc.of(d, simd, floatSimd, missed))
        .addField(FieldSpec.builder(String.class, "SPEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The derive options that regenerate this class.\n")
            .initializer("$S", d.spec().toCommandLine()).build())
        .addField(FieldSpec.builder(int.class, "GROUP", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Units per group, or 0: the whole input is one group.\n")
            .initializer("$L", d.spec().group()).build())
        .addField(FieldSpec.builder(boolean.class, "PER_UNIT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("True: one output per unit ({@code n}); false: one output per group ({@code n / G}).\n")
            .initializer("$L", stat.perUnit()).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (simd) {
      TypeName array = TypeName.get(double[].class);
      List<TypeName> group = List.of(array, TypeName.INT, array, TypeName.INT, TypeName.INT);
      List<TypeName> backward = List.of(array, TypeName.INT, array, TypeName.INT, array, TypeName.INT,
          TypeName.INT);
      List<SimdLoader.Kernel> kernels = new ArrayList<>(List.of(
          new SimdLoader.Kernel("SIMD_VALUE", "value", TypeName.INT, group),
          new SimdLoader.Kernel("SIMD_BACKWARD", "backward", TypeName.INT, backward)));
      if (floatSimd) {
        TypeName floats = TypeName.get(float[].class);
        kernels.add(new SimdLoader.Kernel("SIMD_VALUE_FLOAT", "valueFloat", TypeName.INT,
            List.of(floats, TypeName.INT, floats, TypeName.INT, TypeName.INT)));
      }
      SimdLoader.install(type, packageName, className, SimdEmitter.companionName(className), kernels,
          "Whether {@code value(double[] ...)} and {@code backward(double[] ...)}"
              + (floatSimd ? " (and {@code value(float[] ...)}, which then\ncomputes in float)" : "") + " use SIMD"
              + " ({@code jdk.incubator.vector});\ndecided once, when this class initialises: true when the JVM"
              + " runs with {@code --add-modules\njdk.incubator.vector}, the system property {@code"
              + " dev.activations.simd} is not {@code false}, and the companion class {@code "
              + SimdEmitter.companionName(className) + "}\n(compiled from its own source file with that module)"
              + " is present. Results agree with the plain-Java code to within\nthe numerical contract either way.\n");
    }
    for (boolean isFloat : new boolean[] {false, true}) {
      type.addMethod(value(isFloat));
      type.addMethod(backward(isFloat));
      type.addMethod(valueOffsetFree(isFloat));
      type.addMethod(backwardOffsetFree(isFloat));
      for (String theta : free) {
        type.addMethod(parameterGradient(theta, isFloat));
        type.addMethod(parameterGradientOffsetFree(theta, isFloat));
      }
    }
    type.addMethod(groupSize());
    for (boolean isFloat : new boolean[] {false, true}) {
      type.addMethod(valueGroup(isFloat));
      type.addMethod(backwardGroup(isFloat));
      for (int i = 0; i < free.size(); i++) type.addMethod(parameterGradientGroup(i, isFloat));
    }
    type.addMethod(unitFunction("energy", energy, "The unit energy {@code e(z)}."));
    type.addMethod(unitFunction("slope", slope, "The derivative {@code e'(z)} of the unit energy."));
    for (int i = 0; i < free.size(); i++) {
      type.addMethod(unitFunction(parameterSlopeMethod(free.get(i)), parameterSlopes.get(i),
          "The derivative {@code de/d" + free.get(i) + "} of the unit energy."));
    }
    type.addMethod(gapMethod());
    if (!stat.isLimit()) {
      type.addMethod(MethodSpec.methodBuilder("weight").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("{@code exp(-x)} for a gap {@code x >= 0}: exactly 1 at 0.\n")
          .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "x")
          .addStatement("return x == 0.0 ? 1.0 : Math.exp(-x)").build());
      type.addMethod(MethodSpec.methodBuilder("times").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("{@code q exp(-x)} for a gap {@code x >= 0}, without the underflow of {@code exp(-x)} alone"
              + " where {@code q} is large.\n")
          .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "q").addParameter(TypeName.DOUBLE, "x")
          .beginControlFlow("if (x < 700.0)")
          .addStatement("return x == 0.0 ? q : q * Math.exp(-x)")
          .endControlFlow()
          .addStatement("double h = Math.exp(-0.5 * x)")
          .addStatement("return q * h * h").build());
    }
    List<Expr> used = new ArrayList<>(List.of(energy, slope));
    used.addAll(parameterSlopes);
    for (Fn fn : Exprs.functionsUsed(used)) {
      KnownFunctions.of(fn).helper().ifPresent(type::addMethod);
    }
    return JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  /** {@code gap(a, b, e(a), e(b))} = {@code e(a) - e(b)}, computed as {@link Gap} says. */
  private MethodSpec gapMethod() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("gap").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "a").addParameter(TypeName.DOUBLE, "b")
        .addParameter(TypeName.DOUBLE, "ea").addParameter(TypeName.DOUBLE, "eb");
    withParameters(m, false);
    if (gap == Gap.NAIVE) {
      return m.addJavadoc("{@code e(a) - e(b)}, from the rounded energies {@code ea} and {@code eb} (0 for the same input).\n")
          .addStatement("return a == b ? 0.0 : ea - eb").build();
    }
    m.addJavadoc("{@code e(a) - e(b)} by the midpoint rule {@code (a - b) e'((a + b) / 2)}$L, so that energies that\n"
        + "round to the same double, or overflow, keep their difference; halved first, so that no sum overflows.\n",
        gap == Gap.MIDPOINT ? " (exact: the energy has degree 2 at most)"
            : ", on two halves, where its\nremainder (Richardson: against the one-panel rule) is negligible,"
                + " otherwise {@code ea - eb}");
    m.beginControlFlow("if (a == b)").addStatement("return 0.0").endControlFlow();
    if (gap == Gap.HYBRID) {
      // No cancellation (the gap is at least 1/64 of the larger energy, or of 1): the rounded
      // energies' difference is accurate. The floor 1: a lowered energy is accurate to a few ulps
      // of its magnitude or of 1, whichever is larger (log(1 + u) near 0, for example).
      m.addStatement("double naive = ea - eb")
          .addStatement("double big = Math.max(Math.max(Math.abs(ea), Math.abs(eb)), 1.0)")
          .beginControlFlow("if (Math.abs(naive) >= 0x1p-6 * big)").addStatement("return naive").endControlFlow();
    }
    m.addStatement("double h = 0.5 * a - 0.5 * b")
        .addStatement("double c = 0.5 * a + 0.5 * b")
        .addStatement("double sc = slope(c" + P + ")")
        .addStatement("double mid = 2.0 * (h * sc)")
        .addComment("a product that underflows keeps its sign: units whose energies differ are never tied")
        .beginControlFlow("if (mid == 0.0 && sc != 0.0)")
        .addStatement("mid = Math.copySign(Double.MIN_VALUE, h * Math.signum(sc))")
        .endControlFlow();
    if (gap == Gap.MIDPOINT) return m.addStatement("return mid").build();
    // Only a short interval (against its position, or 1) is trusted to hold no feature the
    // samples miss. Richardson: the rule on two halves, h (e'(c + h/2) + e'(c - h/2)), has a
    // quarter of the one-panel rule's remainder (h^3 e''' / 3 and a quarter of it), so a third of
    // their difference estimates the two-panel remainder, with no third derivative to underflow
    // at large inputs; the rounding noise of the two, a few ulps, stays below the threshold 2^-50.
    return m.beginControlFlow("if (Math.abs(h) > 0.0625 * Math.max(Math.abs(c), 1.0))")
        .addStatement("return naive")
        .endControlFlow()
        .addStatement("double two = h * (slope(c + 0.5 * h" + P + ") + slope(c - 0.5 * h" + P + "))")
        .addStatement("double tail = Math.abs(two - mid) / 3.0")
        .addStatement("boolean accurate = tail <= 0x1p-50 * Math.abs(two) || tail <= 8.0 * Math.ulp(big)")
        .addStatement("return accurate ? (two == 0.0 ? mid : two) : naive")
        .build();
  }

  private static TypeName array(boolean isFloat) {
    return ArrayTypeName.of(isFloat ? TypeName.FLOAT : TypeName.DOUBLE);
  }

  private static String cast(boolean isFloat) {
    return isFloat ? "(float) " : "";
  }

  private MethodSpec unitFunction(String name, Expr e, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("$L\n", doc).returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "z");
    for (String theta : free) m.addParameter(TypeName.DOUBLE, theta);
    Set<String> reserved = new java.util.HashSet<>(free);
    reserved.add("z");
    Cse.Result r = Cse.eliminate(List.of(e), reserved);
    for (Cse.Binding b : r.bindings()) m.addStatement("double $L = $L", b.name(), printer.print(b.expr()));
    return m.addStatement("return $L", printer.print(r.roots().get(0))).build();
  }

  // ------------------------------------------------------------------ public API

  private String parametersDoc() {
    if (free.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    for (String theta : free) sb.append("@param ").append(theta).append(" the free parameter {@code ").append(theta).append("}\n");
    return sb.toString();
  }

  private MethodSpec value(boolean isFloat) {
    String outs = stat.perUnit() ? "n" : "n / g";
    MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Writes the outputs of the $L units {@code z[zOff .. zOff + n - 1]} to {@code out[outOff ..]}"
            + " ($L).\n\n$L@throws IllegalArgumentException if {@code n} is negative or not a multiple of"
            + " {@link #GROUP}\n@throws IndexOutOfBoundsException if a range lies outside its array\n",
            "{@code n}", stat.perUnit() ? "{@code n} outputs" : "one per group: {@code n / G} outputs", parametersDoc())
        .addParameter(array(isFloat), "z").addParameter(int.class, "zOff")
        .addParameter(array(isFloat), "out").addParameter(int.class, "outOff").addParameter(int.class, "n");
    return withParameters(m, true)
        .addStatement("int g = groupSize(n)")
        .addStatement("$T.checkFromIndexSize(zOff, n, z.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(outOff, $L, out.length)", OBJECTS, outs)
        .beginControlFlow("for (int b = 0; b < n; b += g)")
        .addStatement("valueGroup(z, zOff + b, out, outOff + $L, g$L)", stat.perUnit() ? "b" : "b / g", publicArgs)
        .endControlFlow()
        .build();
  }

  private MethodSpec backward(boolean isFloat) {
    String ups = stat.perUnit() ? "n" : "n / g";
    MethodSpec.Builder m = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The vector-Jacobian product: writes {@code gradZ[gOff + j] = sum_i upstream_i d out_i / d z_j}"
            + " for the\n{@code n} units; {@code upstream} has as many entries as {@code value} writes ($L).\n"
            + "{@code gradZ} must not overlap {@code z} or {@code upstream}.\n\n$L"
            + "@throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}\n"
            + "@throws IndexOutOfBoundsException if a range lies outside its array\n", ups, parametersDoc())
        .addParameter(array(isFloat), "z").addParameter(int.class, "zOff")
        .addParameter(array(isFloat), "upstream").addParameter(int.class, "upOff")
        .addParameter(array(isFloat), "gradZ").addParameter(int.class, "gOff").addParameter(int.class, "n");
    return withParameters(m, true)
        .addStatement("int g = groupSize(n)")
        .addStatement("$T.checkFromIndexSize(zOff, n, z.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(upOff, $L, upstream.length)", OBJECTS, ups)
        .addStatement("$T.checkFromIndexSize(gOff, n, gradZ.length)", OBJECTS)
        .beginControlFlow("for (int b = 0; b < n; b += g)")
        .addStatement("backwardGroup(z, zOff + b, upstream, upOff + $L, gradZ, gOff + b, g$L)",
            stat.perUnit() ? "b" : "b / g", publicArgs)
        .endControlFlow()
        .build();
  }

  /** {@code dTheta}: the gradient of {@code sum_i upstream_i out_i} by the free parameter, over every group. */
  private MethodSpec parameterGradient(String theta, boolean isFloat) {
    String ups = stat.perUnit() ? "n" : "n / g";
    int index = free.indexOf(theta);
    MethodSpec.Builder m = MethodSpec.methodBuilder(gradientMethod(theta)).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(isFloat ? TypeName.FLOAT : TypeName.DOUBLE)
        .addJavadoc("The gradient by the free parameter {@code $L}: {@code sum_i upstream_i d out_i / d $L} over"
            + " every output\nof the {@code n} units ({@code upstream} has as many entries as {@code value} writes;"
            + " a per-layer\nparameter collects the contributions of every unit of every group).$L\n\n$L"
            + "@throws IllegalArgumentException if {@code n} is negative or not a multiple of {@link #GROUP}\n"
            + "@throws IndexOutOfBoundsException if a range lies outside its array\n", theta, theta,
            isFloat ? " Computed in double, rounded once." : "", parametersDoc())
        .addParameter(array(isFloat), "z").addParameter(int.class, "zOff")
        .addParameter(array(isFloat), "upstream").addParameter(int.class, "upOff").addParameter(int.class, "n");
    return withParameters(m, true)
        .addStatement("int g = groupSize(n)")
        .addStatement("$T.checkFromIndexSize(zOff, n, z.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(upOff, $L, upstream.length)", OBJECTS, ups)
        .addStatement("double sum = 0.0")
        .beginControlFlow("for (int b = 0; b < n; b += g)")
        .addStatement("sum += $L(z, zOff + b, upstream, upOff + $L, g$L)", parameterGroupMethod(index),
            stat.perUnit() ? "b" : "b / g", publicArgs)
        .endControlFlow()
        .addStatement("return $Lsum", cast(isFloat))
        .build();
  }

  private MethodSpec parameterGradientOffsetFree(String theta, boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(gradientMethod(theta)).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(isFloat ? TypeName.FLOAT : TypeName.DOUBLE)
        .addJavadoc("{@code $L(z, 0, upstream, 0, z.length$L)}.\n", gradientMethod(theta), publicArgs)
        .addParameter(array(isFloat), "z").addParameter(array(isFloat), "upstream");
    return withParameters(m, true)
        .addStatement("return $L(z, 0, upstream, 0, z.length$L)", gradientMethod(theta), publicArgs).build();
  }

  private static String parameterGroupMethod(int index) {
    return "parameterGradientGroup" + index;
  }

  private MethodSpec valueOffsetFree(boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("{@code value(z, 0, out, 0, z.length$L)}.\n", publicArgs)
        .addParameter(array(isFloat), "z").addParameter(array(isFloat), "out");
    return withParameters(m, true).addStatement("value(z, 0, out, 0, z.length$L)", publicArgs).build();
  }

  private MethodSpec backwardOffsetFree(boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("{@code backward(z, 0, upstream, 0, gradZ, 0, z.length$L)}.\n", publicArgs)
        .addParameter(array(isFloat), "z").addParameter(array(isFloat), "upstream")
        .addParameter(array(isFloat), "gradZ");
    return withParameters(m, true)
        .addStatement("backward(z, 0, upstream, 0, gradZ, 0, z.length$L)", publicArgs).build();
  }

  private MethodSpec groupSize() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("groupSize").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The group size for {@code n} units.\n")
        .returns(int.class).addParameter(int.class, "n")
        .beginControlFlow("if (n < 0)")
        .addStatement("throw new IllegalArgumentException(\"n < 0: \" + n)")
        .endControlFlow();
    if (d.spec().group() == 0) return m.addStatement("return Math.max(n, 1)").build();
    return m.beginControlFlow("if (n % GROUP != 0)")
        .addStatement("throw new IllegalArgumentException(\"n = \" + n + \" is not a multiple of the group size \" + GROUP)")
        .endControlFlow()
        .addStatement("return GROUP")
        .build();
  }

  // ------------------------------------------------------------------ one group

  private MethodSpec.Builder groupMethod(String name, boolean isFloat, boolean backward) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(array(isFloat), "z").addParameter(int.class, "zo");
    if (backward) {
      m.addParameter(array(isFloat), "upstream").addParameter(int.class, "uo")
          .addParameter(array(isFloat), "gradZ").addParameter(int.class, "go");
    } else {
      m.addParameter(array(isFloat), "out").addParameter(int.class, "oo");
    }
    return withParameters(m.addParameter(int.class, "g"), false);
  }

  /**
   * {@code m} (the winner's energy) and {@code s} in one pass, with the index {@code win} and input
   * {@code zw} of the winning unit and {@code t = s - 1}, the other units' weights, summed without
   * cancellation ({@code log s = log1p(t)} is accurate when the winner takes nearly everything).
   * Units are compared by their gap to the winner ({@link #gapMethod}), not by their rounded
   * energies: energies that overflow, or that round to the same double, are still ordered. NaN
   * outputs and {@code exit} when no finite normaliser exists (a NaN, or a winner at an infinite
   * input whose energy is {@code +Infinity}: no limit).
   */
  private CodeBlock normaliser(CodeBlock nanFill, String exit) {
    return CodeBlock.builder()
        .addStatement("double m = energy(z[zo]" + P + ")")
        .addStatement("double zw = z[zo]")
        .addStatement("double s = 1.0")
        .addStatement("double t = 0.0")
        .addStatement("int win = 0")
        .beginControlFlow("for (int k = 1; k < g; k++)")
        .addStatement("double e = energy(z[zo + k]" + P + ")")
        .addStatement("double x = gap(z[zo + k], zw, e, m" + P + ")")
        .beginControlFlow("if (x < 0.0)")
        .add("// a new winner: the old weights scale by exp(e_old - e_new) = exp(x)\n")
        .addStatement("t = s * Math.exp(x)")
        .addStatement("s = t + 1.0")
        .addStatement("win = k")
        .addStatement("m = e")
        .addStatement("zw = z[zo + k]")
        .nextControlFlow("else")
        .addStatement("double w = weight(x)")
        .addStatement("s += w")
        .addStatement("t += w")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("if (!(s >= 1.0) || (m == Double.POSITIVE_INFINITY && Double.isInfinite(zw)))")
        .add("// a NaN input, or no limit\n")
        .add(nanFill)
        .addStatement(exit)
        .endControlFlow()
        .addStatement("double inv = 1.0 / s")
        .build();
  }

  /** {@code x_j = e_j - m >= 0}, the gap of unit j to the winner (0 at the winner and its exact ties). */
  private String x(String index) {
    return "gap(z[zo + " + index + "], zw, energy(z[zo + " + index + "]" + P + "), m" + P + ")";
  }

  /** The mode's pass: the winner (by gaps, as the normaliser), how many units tie with it, whether any is NaN. */
  private CodeBlock minimum() {
    return CodeBlock.builder()
        .addStatement("double m = energy(z[zo]" + P + ")")
        .addStatement("double zw = z[zo]")
        .addStatement("boolean nan = m != m")
        .beginControlFlow("for (int k = 1; k < g; k++)")
        .addStatement("double e = energy(z[zo + k]" + P + ")")
        .addStatement("double x = gap(z[zo + k], zw, e, m" + P + ")")
        .beginControlFlow("if (x < 0.0)")
        .addStatement("m = e")
        .addStatement("zw = z[zo + k]")
        .nextControlFlow("else if (x != x)")
        .addStatement("nan = true")
        .endControlFlow()
        .endControlFlow()
        .addStatement("int c = 0")
        .beginControlFlow("for (int k = 0; k < g; k++)")
        .beginControlFlow("if ($L == 0.0)", x("k"))
        .addStatement("c++")
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** The SIMD kernel does the group unless it returns 1 (short groups, NaN, infinite energies). */
  private static void simd(MethodSpec.Builder m, String handle, String args) {
    m.addStatement("int done = 1");
    SimdLoader.call(m, "done", handle, args);
    m.beginControlFlow("if (done == 0)").addStatement("return").endControlFlow();
  }

  /** {@code qw = q_win} and {@code acc = sum_{k != win} r_k (q_win - q_k)} (zero-weight units skipped). */
  private CodeBlock relativeToWinner(String qk, String qWin) {
    return CodeBlock.builder()
        .addStatement("double qw = $L", qWin)
        .addStatement("double acc = 0.0")
        .beginControlFlow("for (int k = 0; k < g; k++)")
        .addStatement("double x = $L", x("k"))
        .beginControlFlow("if (x != Double.POSITIVE_INFINITY && k != win)")
        .addStatement("acc += times(qw - $L, x) * inv", qk)
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** {@code acc = sum_k r_k x_k}: non-negative terms, zero weights and zero gaps skipped (no {@code 0 * Infinity}). */
  private CodeBlock weightedGaps() {
    return CodeBlock.builder()
        .addStatement("double acc = 0.0")
        .beginControlFlow("for (int k = 0; k < g; k++)")
        .addStatement("double x = $L", x("k"))
        .addStatement("double w = weight(x)")
        .beginControlFlow("if (w != 0.0 && x != 0.0)")
        .addStatement("acc += w * x")
        .endControlFlow()
        .endControlFlow()
        .addStatement("acc *= inv")
        .build();
  }

  private static CodeBlock fill(String array, String offset, String count, boolean isFloat, String what) {
    return CodeBlock.builder()
        .beginControlFlow("for (int j = 0; j < $L; j++)", count)
        .addStatement("$L[$L + j] = $L$L", array, offset, isFloat ? "Float." : "Double.", what)
        .endControlFlow()
        .build();
  }

  private MethodSpec valueGroup(boolean isFloat) {
    MethodSpec.Builder m = groupMethod("valueGroup", isFloat, false)
        .addJavadoc("One group of {@code g} units.\n");
    String c = cast(isFloat);
    if (simd && !isFloat) simd(m, "SIMD_VALUE", "z, zo, out, oo, g");
    if (floatSimd && isFloat) simd(m, "SIMD_VALUE_FLOAT", "z, zo, out, oo, g");
    if (stat == LayerStatistic.MODE) {
      return m.addCode(minimum())
          .beginControlFlow("for (int j = 0; j < g; j++)")
          .addStatement("out[oo + j] = nan ? $LNaN : $L == 0.0 ? $L(1.0 / c) : 0", isFloat ? "Float." : "Double.", x("j"), c)
          .endControlFlow().build();
    }
    m.addCode(normaliser(fill("out", "oo", stat.perUnit() ? "g" : "1", isFloat, "NaN"), "return"));
    switch (stat) {
      case RESPONSIBILITIES -> m.beginControlFlow("for (int j = 0; j < g; j++)")
          .addStatement("out[oo + j] = $L(weight($L) * inv)", c, x("j"))
          .endControlFlow();
      case LOG_RESPONSIBILITIES -> m.addStatement("double logS = Math.log1p(t)")
          .beginControlFlow("for (int j = 0; j < g; j++)")
          .addStatement("out[oo + j] = $L(0.0 - $L - logS)", c, x("j")) // +0.0, not -0.0, for the winner
          .endControlFlow();
      case WEIGHTED -> m.beginControlFlow("for (int j = 0; j < g; j++)")
          .addStatement("double x = $L", x("j"))
          .addStatement("out[oo + j] = x == Double.POSITIVE_INFINITY ? 0 : $L(times(z[zo + j], x) * inv)", c)
          .endControlFlow();
      case MEAN -> m.addStatement("double acc = 0.0")
          .beginControlFlow("for (int k = 0; k < g; k++)")
          .addStatement("double x = $L", x("k"))
          .beginControlFlow("if (x != Double.POSITIVE_INFINITY)")
          .addStatement("acc += times(z[zo + k], x) * inv")
          .endControlFlow()
          .endControlFlow()
          .addStatement("out[oo] = $Lacc", c);
      case ENTROPY -> m.addCode(weightedGaps())
          .addStatement("out[oo] = $L(Math.log1p(t) + acc)", c);
      case FREE_ENERGY -> m.addStatement("out[oo] = $L(m - Math.log1p(t))", c);
      case MODE -> throw new AssertionError();
    }
    return m.build();
  }

  /**
   * One group's contribution to a free parameter's gradient: {@code sum_j de_j/dtheta dS/de_j}, the
   * backward rule without the direct term and with {@code de/dtheta} in place of {@code e'}, the
   * reductions taken relative to the winner as in {@code backward}.
   */
  private MethodSpec parameterGradientGroup(int index, boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(parameterGroupMethod(index))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(TypeName.DOUBLE)
        .addJavadoc("One group's share of {@code $L}.\n", gradientMethod(free.get(index)))
        .addParameter(array(isFloat), "z").addParameter(int.class, "zo")
        .addParameter(array(isFloat), "upstream").addParameter(int.class, "uo")
        .addParameter(int.class, "g");
    withParameters(m, false);
    return gradientBody(m, parameterSlopeMethod(free.get(index)) + "(z[zo + j]" + P + ")", null, isFloat).build();
  }

  private MethodSpec backwardGroup(boolean isFloat) {
    MethodSpec.Builder m = groupMethod("backwardGroup", isFloat, true)
        .addJavadoc("One group of {@code g} units: the backward rule in the class comment.\n");
    if (simd && !isFloat) simd(m, "SIMD_BACKWARD", "z, zo, upstream, uo, gradZ, go, g");
    return gradientBody(m, "slope(z[zo + j]" + P + ")", "gradZ[go + j]", isFloat).build();
  }

  /**
   * The backward templates: with {@code sink} null, the sum over the units of {@code ds * dS/de_j}
   * is returned (a free parameter's gradient, {@code ds = de_j/dtheta}); otherwise {@code sink} gets
   * {@code direct_j + ds * dS/de_j} ({@code ds = e'_j}). A reduction {@code q - sum_i r_i q_i} is
   * taken relative to the winner: {@code acc = sum_{k != win} r_k (q_win - q_k)} is the winner's (it
   * would cancel as written), {@code (q_j - q_win) + acc} every other unit's.
   */
  private MethodSpec.Builder gradientBody(MethodSpec.Builder m, String ds, String sink, boolean isFloat) {
    boolean sum = sink == null;
    String c = cast(isFloat);
    if (stat == LayerStatistic.MODE) {
      if (sum) return m.addCode(minimum()).addStatement("return nan ? Double.NaN : 0.0");
      return m.addCode(minimum())
          .beginControlFlow("for (int j = 0; j < g; j++)")
          .addStatement("$L = nan ? $LNaN : 0", sink, isFloat ? "Float." : "Double.")
          .endControlFlow();
    }
    m.addCode(normaliser(sum ? CodeBlock.of("") : fill("gradZ", "go", "g", isFloat, "NaN"),
        sum ? "return Double.NaN" : "return"));
    if (!stat.perUnit()) m.addStatement("double u = upstream[uo]");
    if (sum) m.addStatement("double sum = 0.0");
    // term: ds * dS/de_j for unit j (r and d in scope); direct: the part through z_j outside the energy
    String term;
    String direct = null;
    switch (stat) {
      case RESPONSIBILITIES -> {
        m.addCode(relativeToWinner("upstream[uo + k]", "upstream[uo + win]"));
        term = "-" + ds + " * rd";
      }
      case LOG_RESPONSIBILITIES -> {
        m.addStatement("double acc = 0.0")
            .beginControlFlow("for (int k = 0; k < g; k++)")
            .addStatement("acc += upstream[uo + k]")
            .endControlFlow();
        term = "-" + ds + " * (upstream[uo + j] - r * acc)";
      }
      case WEIGHTED -> {
        m.addCode(relativeToWinner("upstream[uo + k] * z[zo + k]", "upstream[uo + win] * z[zo + win]"));
        term = "-" + ds + " * rd";
        direct = "upstream[uo + j] * r";
      }
      case MEAN -> {
        m.addCode(relativeToWinner("z[zo + k]", "z[zo + win]"));
        term = "-u * " + ds + " * rd";
        direct = "u * r";
      }
      case ENTROPY -> {
        m.addCode(weightedGaps());
        term = "u * " + ds + " * r * (acc - x)";
      }
      case FREE_ENERGY -> term = "u * " + ds + " * r";
      default -> throw new AssertionError();
    }
    m.beginControlFlow("for (int j = 0; j < g; j++)")
        .addStatement("double x = $L", x("j"))
        .addStatement("double r = weight(x) * inv");
    switch (stat) {
      case RESPONSIBILITIES -> m.addStatement("double d = j == win ? acc : (upstream[uo + j] - qw) + acc");
      case WEIGHTED -> m.addStatement("double d = j == win ? acc : (upstream[uo + j] * z[zo + j] - qw) + acc");
      case MEAN -> m.addStatement("double d = j == win ? acc : (z[zo + j] - qw) + acc");
      default -> { }
    }
    boolean reduction = stat == LayerStatistic.RESPONSIBILITIES || stat == LayerStatistic.WEIGHTED
        || stat == LayerStatistic.MEAN;
    // r_j d_j without the underflow of r_j alone (d_j may be as large as the inputs)
    if (reduction) m.addStatement("double rd = x == Double.POSITIVE_INFINITY ? 0.0 : times(d, x) * inv");
    // a unit without responsibility contributes nothing (never 0 * Infinity), except through
    // log-responsibilities, whose every output depends on every energy
    boolean everyUnit = stat == LayerStatistic.LOG_RESPONSIBILITIES;
    String value = direct == null ? term : direct + " + " + term;
    if (sum) {
      if (everyUnit) {
        m.addStatement("sum += $L", term);
      } else {
        m.beginControlFlow("if ($L)", reduction ? "rd != 0.0" : "r != 0.0").addStatement("sum += $L", term).endControlFlow();
      }
      m.endControlFlow();
      return m.addStatement("return sum");
    }
    if (everyUnit) {
      m.addStatement("$L = $L($L)", sink, c, value);
    } else {
      m.addStatement("$L = $L ? 0 : $L($L)", sink, reduction ? "r == 0.0 && rd == 0.0" : "r == 0.0", c, value);
    }
    return m.endControlFlow();
  }
}
