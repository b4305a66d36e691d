package dev.activations.deriver.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.activations.deriver.lowering.BindingScopes;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Emits one activation as one {@code public final class} that depends on {@code java.base} only
 * (docs/CONTRACT.md, "The generated class").
 *
 * <p>For a scalar statistic with free parameters {@code P} (trailing {@code double} arguments of
 * every method, in declaration order):
 *
 * <pre>
 * public static final String SPEC;  public static final int OUTPUTS = 1;
 * double value(double z, P)          double derivative(double z, P)      double dP(double z, P)
 * float value(float z, P)            float derivative(float z, P)
 * void value(double[] in, int inOff, double[] out, int outOff, int len, P)      (and derivative)
 * void backward(double[] in, double[] upstream, double[] gradIn, int off, int len, P)
 * the same three for float[]; offset-free overloads value(in, out, P), derivative(in, out, P),
 * backward(in, upstream, gradIn, P) with len = in.length, for double[] and float[]
 * </pre>
 *
 * <p>A vector statistic with {@code H} outputs writes them instead of returning: {@code
 * value(double z, double[] out, P)} fills {@code out[0..H-1]}, the array forms fill {@code
 * out[outOff + i*H + h]}, and {@code backward} sums {@code upstream[(off+i)*H + h] * d out_h/dz}
 * into {@code gradIn[off+i]}.
 *
 * <p>Every scalar method returns NaN for NaN and the stated limit for an infinite {@code z} where
 * the {@link Output} states one. Each method is CSE'd on its own; {@code backward} needs only
 * derivatives and allocates nothing: it calls {@code derivative} (a vector statistic: a private
 * method summing {@code upstream * derivative} over the outputs in locals). Float methods compute
 * in double and round once, except the {@code float[]} SIMD kernels that {@link FloatArithmetic}
 * measured to meet the float contract in float arithmetic (stated in the class Javadoc). The output
 * is byte-identical across runs.
 */
public final class ClassEmitter {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  /**
   * The generated methods' own parameters, part of the public API (a caller sees them in the
   * signatures): free parameters must not take them. Internal locals ({@code i}, {@code h}, {@code
   * tmp}, ...) give way instead ({@link #local}).
   */
  private static final Set<String> LOCALS = Set.of(
      "z", "in", "inOff", "out", "outOff", "len", "upstream", "gradIn", "off");

  /** Class names that would shadow the {@code java.lang} types the generated code names. */
  private static final Set<String> SHADOWING = Set.of(
      "Math", "Double", "Float", "Integer", "String", "Object", "Objects", "System", "Boolean",
    "MethodHandle", "MethodHandles", "MethodType", "Module", "ModuleLayer", "Optional",
    "Throwable", "RuntimeException", "Error", "IllegalStateException", "Class");

  /** The kernels of the SIMD companion, in the order of the handle fields. */
  private static final String[] KERNELS = {"value", "derivative", "backward"};

  private final LoweredActivation a;
  private final JavaExprPrinter printer = new JavaExprPrinter();
  private final List<String> params;
  private final List<ParameterSpec> paramSpecs = new ArrayList<>();
  private final Set<String> reserved = new HashSet<>(LOCALS);
  /** {@code ", s, nu"}: the free parameters as trailing call arguments. */
  private final String args;
  private final int outputs;
  /** The SIMD companion's source, or null for scalar code only. */
  private String simdSource;
  /** Which float[] SIMD kernels compute in float. */
  private FloatArithmetic floats = FloatArithmetic.NONE;

  private ClassEmitter(LoweredActivation a) {
    this.a = a;
    this.params = a.freeParameters();
    this.outputs = a.values().size();
    StringBuilder sb = new StringBuilder();
    Set<String> methodNames = new HashSet<>();
    for (String p : params) {
      checkParameterName(p);
      if (!methodNames.add(derivativeMethod(p))) {
        throw new IllegalArgumentException("two free parameters give the same method name "
            + derivativeMethod(p));
      }
      paramSpecs.add(ParameterSpec.builder(TypeName.DOUBLE, p).build());
      reserved.add(p);
      sb.append(", ").append(p);
    }
    this.args = sb.toString();
  }

  /**
   * The Java file for {@code a}.
   *
   * @param packageName the package ({@code ""} for none)
   * @param className a simple class name
   * @throws IllegalArgumentException if a name is not usable in Java, or a free parameter name is
   *     not a lower-case identifier distinct from the generated code's locals ({@code in, out, len,
   *     ...})
   */
  public static JavaFile emit(LoweredActivation a, String packageName, String className) {
    if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: " + packageName);
    }
    if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)
        || SHADOWING.contains(className)) {
      throw new IllegalArgumentException("not a usable Java class name: " + className);
    }
    return emit(a, packageName, className, SimdEmitter.supports(a));
  }

  /**
   * The Java file for {@code a}, with or without the SIMD loader ({@link SimdLoader}; scalar
   * statistics only; the companion itself: {@link #emitSources}).
   */
  public static JavaFile emit(LoweredActivation a, String packageName, String className,
      boolean simd) {
    return emit(a, packageName, className, simd, FloatArithmetic.NONE);
  }

  /**
   * The Java file for {@code a}, with or without the SIMD loader, whose companion's {@code
   * float[]} kernels compute in float where {@code floats} says so (see {@link
   * FloatArithmetic#measure}). The companion itself: {@link #emitSources}.
   */
  public static JavaFile emit(LoweredActivation a, String packageName, String className,
      boolean simd, FloatArithmetic floats) {
    return emitSources(a, packageName, className, simd, floats).activation();
  }

  /** The activation class and, with SIMD, its companion source ({@link SimdEmitter}). */
  public static GeneratedSources emitSources(LoweredActivation a, String packageName,
      String className) {
    return emitSources(a, packageName, className, SimdEmitter.supports(a), FloatArithmetic.NONE);
  }

  /**
   * The activation class and, when {@code simd} and the statistic is scalar, the SIMD companion
   * source it loads by name ({@link SimdLoader}), whose {@code float[]} kernels compute in float
   * where {@code floats} says so.
   */
  public static GeneratedSources emitSources(LoweredActivation a, String packageName,
      String className, boolean simd, FloatArithmetic floats) {
    if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: " + packageName);
    }
    if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)
        || SHADOWING.contains(className)) {
      throw new IllegalArgumentException("not a usable Java class name: " + className);
    }
    ClassEmitter e = new ClassEmitter(a);
    if (simd && SimdEmitter.supports(a)) {
      e.floats = a.freeParameters().isEmpty() ? floats : FloatArithmetic.NONE;
      e.simdSource = SimdEmitter.source(a, packageName, className, e.floats);
    }
    JavaFile file = e.file(packageName, className);
    return new GeneratedSources(file, e.simdSource == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new GeneratedSources.Source(packageName,
            SimdEmitter.companionName(className), e.simdSource)));
  }

  /** {@code d} + the capitalised parameter name: {@code nu -> dNu}. */
  public static String derivativeMethod(String parameter) {
    return "d" + parameter.substring(0, 1).toUpperCase(Locale.ROOT) + parameter.substring(1);
  }

  /**
   * An internal local's or private parameter's name: {@code name}, or {@code name$} where a free
   * parameter took it. Internal names are no part of the API, so a free parameter may take any name
   * but the API's ({@link #LOCALS}); {@code $} is not allowed in free parameter names.
   */
  private String local(String name) {
    return params.contains(name) ? name + "$" : name;
  }

  private static void checkParameterName(String p) {
    parameterNameProblem(p).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
  }

  /**
   * Why {@code p} cannot name a free parameter of a generated class (it becomes a method argument
   * beside the generated code's own locals), or empty. The command line asks this before deriving,
   * so that such a name is a user error (exit 2) and not an internal one after the derivation.
   */
  public static Optional<String> parameterNameProblem(String p) {
    if (!SourceVersion.isName(p) || p.contains(".") || p.contains("$")
        || !Character.isLowerCase(p.charAt(0)) || LOCALS.contains(p)) {
      return Optional.of("free parameter name must be a lower-case Java"
          + " identifier without $ other than " + new java.util.TreeSet<>(LOCALS) + ": "
          + p + " (rename it in the energy)");
    }
    return Optional.empty();
  }

  private JavaFile file(String packageName, String className) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("$L", ClassJavadoc.of(a, floats))
        .addField(FieldSpec.builder(String.class, "SPEC",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The spec that regenerates this class.\n")
            .initializer("$S", a.spec())
            .build())
        .addField(FieldSpec.builder(int.class, "OUTPUTS",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Outputs per input: 1 for a scalar statistic, H for a vector statistic.\n")
            .initializer("$L", outputs)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    String valueDoc = "The activation at {@code z}.";
    String derivativeDoc = "The derivative of the activation with respect to {@code z}.";
    if (outputs == 1) {
      type.addMethod(scalarFunction("value", a.values().get(0), valueDoc));
      type.addMethod(scalarFunction("derivative", a.derivatives().get(0), derivativeDoc));
      for (String p : params) {
        type.addMethod(scalarFunction(derivativeMethod(p), a.parameterDerivatives().get(p).get(0),
            "The derivative of the activation with respect to the parameter {@code " + p + "}."));
      }
      type.addMethod(floatScalar("value", "{@link #value(double" + paramTypes() + ")} in float"));
      type.addMethod(floatScalar("derivative",
          "{@link #derivative(double" + paramTypes() + ")} in float"));
    } else {
      vectorFunction(type, "value", a.values(), valueDoc);
      vectorFunction(type, "derivative", a.derivatives(), derivativeDoc);
      for (String p : params) {
        vectorFunction(type, derivativeMethod(p), a.parameterDerivatives().get(p),
            "The derivative of the activation with respect to the parameter {@code " + p + "}.");
      }
      type.addMethod(floatVector("value"));
      type.addMethod(floatVector("derivative"));
    }
    if (simdSource != null) {
      addSimd(type, packageName, className);
    }
    for (boolean isFloat : new boolean[] {false, true}) {
      type.addMethod(arrayMethod("value", isFloat));
      type.addMethod(arrayMethod("derivative", isFloat));
      type.addMethod(backward(isFloat));
      type.addMethod(offsetFree("value", isFloat));
      type.addMethod(offsetFree("derivative", isFloat));
      type.addMethod(offsetFreeBackward(isFloat));
    }
    if (outputs > 1) {
      type.addMethod(upstreamDot(false));
      type.addMethod(upstreamDot(true));
    }
    unsaturated.forEach(type::addMethod);
    for (Fn fn : Exprs.functionsUsed(allExpressions())) {
      KnownFunctions.of(fn).helper().ifPresent(type::addMethod);
    }
    return JavaFile.builder(packageName, type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private List<Expr> allExpressions() {
    List<Expr> all = new ArrayList<>();
    a.values().forEach(o -> all.add(o.expr()));
    a.derivatives().forEach(o -> all.add(o.expr()));
    a.parameterDerivatives().values().forEach(l -> l.forEach(o -> all.add(o.expr())));
    return all;
  }

  private String paramTypes() {
    return ", double".repeat(params.size());
  }

  private MethodSpec.Builder method(String name, Modifier visibility) {
    return MethodSpec.methodBuilder(name).addModifiers(visibility, Modifier.STATIC);
  }

  // ------------------------------------------------------------------ scalar statistics

  /** {@code double name(double z, P)}: guards, then the CSE'd expression. */
  private MethodSpec scalarFunction(String name, Output out, String doc) {
    MethodSpec.Builder m = method(name, Modifier.PUBLIC)
        .addJavadoc("$L\n", doc)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameters(paramSpecs);
    m.beginControlFlow("if (Double.isNaN(z))").addStatement("return z").endControlFlow();
    if (!Double.isNaN(out.atPositiveInfinity())) {
      m.beginControlFlow("if (z == Double.POSITIVE_INFINITY)")
          .addStatement("return $L", printer.literal(out.atPositiveInfinity()))
          .endControlFlow();
    }
    if (!Double.isNaN(out.atNegativeInfinity())) {
      m.beginControlFlow("if (z == Double.NEGATIVE_INFINITY)")
          .addStatement("return $L", printer.literal(out.atNegativeInfinity()))
          .endControlFlow();
    }
    if (out.saturatesAtEdge()) {
      // EdgeSaturation: the form in a method of its own, asked again a step inward where it overflows
      // '$' is in no free parameter's name, so no derivative method takes this one
      String form = name + "$form";
      String r = local("r");
      String finite = params.isEmpty() ? ""
          : " && " + String.join(" && ", params.stream().map(p -> "Double.isFinite(" + p + ")").toList());
      m.addStatement("double $L = $L(z$L)", r, form, args)
          .addComment("the form overflows an ulp or so before the exact value does: MAX_VALUE where it is finite a step closer to 0")
          .beginControlFlow("if (Double.isInfinite($L) && Double.isFinite(z)$L"
              + " && Math.abs($L(z - z * $L$L)) <= Double.MAX_VALUE)", r, finite, form,
              printer.literal(dev.activations.deriver.lowering.EdgeSaturation.STEP), args)
          .addStatement("return Math.copySign(Double.MAX_VALUE, $L)", r)
          .endControlFlow()
          .addStatement("return $L", r);
      unsaturated.add(formMethod(form, out));
      return m.build();
    }
    Cse.Result r = Cse.eliminate(List.of(out.expr()), reserved);
    returnBlock(m, BindingScopes.sink(r));
    return m.build();
  }

  /** The forms of {@link EdgeSaturation} outputs, each a private method added after the public ones. */
  private final List<MethodSpec> unsaturated = new ArrayList<>();

  /** {@code private static double name(double z, P)}: the CSE'd expression alone. */
  private MethodSpec formMethod(String name, Output out) {
    MethodSpec.Builder m = method(name, Modifier.PRIVATE)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameters(paramSpecs);
    returnBlock(m, BindingScopes.sink(Cse.eliminate(List.of(out.expr()), reserved)));
    return m.build();
  }

  /**
   * A conditional root as {@code if} statements, each branch computing only the bindings it uses
   * (a repair's patch costs nothing on the main path); anything else as one {@code return}.
   */
  private void returnBlock(MethodSpec.Builder m, BindingScopes.Block block) {
    addBindings(m, block.bindings());
    if (block instanceof BindingScopes.Leaf leaf) {
      m.addStatement("return $L", printer.print(leaf.result()));
    } else if (block instanceof BindingScopes.Branch branch) {
      m.beginControlFlow("if ($L)", printer.print(branch.test()));
      returnBlock(m, branch.then());
      m.endControlFlow();
      returnBlock(m, branch.otherwise());
    } else {
      throw new IllegalStateException("ClassEmitter: unsupported block " + block);
    }
  }

  private MethodSpec floatScalar(String name, String doc) {
    return method(name, Modifier.PUBLIC)
        .addJavadoc("$L, computed in double and rounded once.\n", doc)
        .returns(TypeName.FLOAT)
        .addParameter(TypeName.FLOAT, "z")
        .addParameters(paramSpecs)
        .addStatement("return (float) $L((double) z$L)", name, args)
        .build();
  }

  // ------------------------------------------------------------------ vector statistics

  /** Public {@code void name(double z, double[] out, P)} and the private {@code nameInto}. */
  private void vectorFunction(TypeSpec.Builder type, String name, List<Output> outs, String doc) {
    type.addMethod(method(name, Modifier.PUBLIC)
        .addJavadoc("$L Writes the $L outputs to {@code out[0..$L]}.\n", doc, outputs, outputs - 1)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameter(double[].class, "out")
        .addParameters(paramSpecs)
        .addStatement("$T.checkFromIndexSize(0, $L, out.length)", OBJECTS, outputs)
        .addStatement("$LInto(z, out, 0$L)", name, args)
        .build());
    MethodSpec.Builder m = method(name + "Into", Modifier.PRIVATE)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameter(double[].class, "out")
        .addParameter(TypeName.INT, "outOff")
        .addParameters(paramSpecs);
    writeOutputs(m, outs, k -> k == 0 ? "out[outOff]" : "out[outOff + " + k + "]");
    type.addMethod(m.build());
  }

  private MethodSpec floatVector(String name) {
    return method(name, Modifier.PUBLIC)
        .addJavadoc("{@link #$L(double, double[]$L)} in float, computed in double and rounded"
            + " once.\n", name, paramTypes())
        .addParameter(TypeName.FLOAT, "z")
        .addParameter(float[].class, "out")
        .addParameters(paramSpecs)
        .addStatement("$T.checkFromIndexSize(0, $L, out.length)", OBJECTS, outputs)
        .addStatement("double[] $L = new double[$L]", local("tmp"), outputs)
        .addStatement("$LInto(z, $L, 0$L)", name, local("tmp"), args)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", local("h"), local("h"), outputs,
            local("h"))
        .addStatement("out[$L] = (float) $L[$L]", local("h"), local("tmp"), local("h"))
        .endControlFlow()
        .build();
  }

  /**
   * Statements that store each output in {@code target.apply(k)}: the NaN guard, the stated
   * limits (an early return when every output has one, a patch after the computation when only
   * some have), and the CSE'd expressions.
   */
  private void writeOutputs(MethodSpec.Builder m, List<Output> outs, IntFunction<String> target) {
    writeOutputs(m, outs, target, "return");
  }

  /** As above, with {@code exit} the statement that leaves the method early. */
  private void writeOutputs(MethodSpec.Builder m, List<Output> outs, IntFunction<String> target,
      String exit) {
    m.beginControlFlow("if (Double.isNaN(z))");
    for (int k = 0; k < outs.size(); k++) {
      m.addStatement("$L = z", target.apply(k));
    }
    m.addStatement("$L", exit).endControlFlow();
    boolean allPositive = outs.stream().noneMatch(o -> Double.isNaN(o.atPositiveInfinity()));
    boolean allNegative = outs.stream().noneMatch(o -> Double.isNaN(o.atNegativeInfinity()));
    if (allPositive) {
      limits(m, outs, target, "POSITIVE", Output::atPositiveInfinity, exit);
    }
    if (allNegative) {
      limits(m, outs, target, "NEGATIVE", Output::atNegativeInfinity, exit);
    }
    Cse.Result r = Cse.eliminate(outs.stream().map(Output::expr).toList(), reserved);
    addBindings(m, r);
    for (int k = 0; k < outs.size(); k++) {
      m.addStatement("$L = $L", target.apply(k), printer.print(r.roots().get(k)));
    }
    if (!allPositive && outs.stream().anyMatch(o -> !Double.isNaN(o.atPositiveInfinity()))) {
      limits(m, outs, target, "POSITIVE", Output::atPositiveInfinity, null);
    }
    if (!allNegative && outs.stream().anyMatch(o -> !Double.isNaN(o.atNegativeInfinity()))) {
      limits(m, outs, target, "NEGATIVE", Output::atNegativeInfinity, null);
    }
  }

  private void limits(MethodSpec.Builder m, List<Output> outs, IntFunction<String> target,
      String infinity, ToDoubleFunction<Output> limit, String exit) {
    m.beginControlFlow("if (z == Double.$L_INFINITY)", infinity);
    for (int k = 0; k < outs.size(); k++) {
      double v = limit.applyAsDouble(outs.get(k));
      if (!Double.isNaN(v)) {
        m.addStatement("$L = $L", target.apply(k), printer.literal(v));
      }
    }
    if (exit != null) {
      m.addStatement("$L", exit);
    }
    m.endControlFlow();
  }

  private void addBindings(MethodSpec.Builder m, Cse.Result r) {
    addBindings(m, r.bindings());
  }

  private void addBindings(MethodSpec.Builder m, List<Cse.Binding> bindings) {
    for (Cse.Binding b : bindings) {
      m.addStatement("double $L = $L", b.name(), printer.print(b.expr()));
    }
  }

  // ------------------------------------------------------------------ array methods

  private MethodSpec arrayMethod(String name, boolean isFloat) {
    Class<?> array = isFloat ? float[].class : double[].class;
    MethodSpec.Builder m = method(name, Modifier.PUBLIC)
        .addJavadoc(outputs == 1
                ? "Writes {@code $L(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i"
                    + " < len}.\n"
                : "Writes the outputs of {@code $L(in[inOff + i])} to {@code out[outOff + i * "
                    + outputs + " + h]} for {@code 0 <= i < len}.\n",
            name)
        .addParameter(array, "in")
        .addParameter(TypeName.INT, "inOff")
        .addParameter(array, "out")
        .addParameter(TypeName.INT, "outOff")
        .addParameter(TypeName.INT, "len")
        .addParameters(paramSpecs)
        .addStatement("$T.checkFromIndexSize(inOff, len, in.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(outOff, $L, out.length)", OBJECTS, times("len"));
    String i = local("i");
    if (outputs == 1) {
      m.addStatement("int $L = 0", i);
      if (simdSource != null) {
        simdCall(m, handle(name, isFloat), "in, inOff, out, outOff, len");
      }
      m.beginControlFlow("for (; $L < len; $L++)", i, i)
          .addStatement("out[outOff + $L] = $L(in[inOff + $L]$L)", i, name, i, args)
          .endControlFlow();
    } else if (!isFloat) {
      m.beginControlFlow("for (int $L = 0; $L < len; $L++)", i, i, i)
          .addStatement("$LInto(in[inOff + $L], out, outOff + $L * $L$L)", name, i, i, outputs,
              args)
          .endControlFlow();
    } else {
      String h = local("h");
      String tmp = local("tmp");
      m.addStatement("double[] $L = new double[$L]", tmp, outputs)
          .beginControlFlow("for (int $L = 0; $L < len; $L++)", i, i, i)
          .addStatement("$LInto(in[inOff + $L], $L, 0$L)", name, i, tmp, args)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", h, h, outputs, h)
          .addStatement("out[outOff + $L * $L + $L] = (float) $L[$L]", i, outputs, h, tmp, h)
          .endControlFlow()
          .endControlFlow();
    }
    return m.build();
  }

  /** {@code len}, or {@code Math.multiplyExact(len, H)} for a vector statistic. */
  private String times(String count) {
    return outputs == 1 ? count : "Math.multiplyExact(" + count + ", " + outputs + ")";
  }

  private MethodSpec backward(boolean isFloat) {
    Class<?> array = isFloat ? float[].class : double[].class;
    String cast = isFloat ? "(float) " : "";
    MethodSpec.Builder m = method("backward", Modifier.PUBLIC)
        .addJavadoc(outputs == 1
            ? "Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off +"
                + " i])} for {@code 0 <= i < len}. Allocates nothing.\n"
            : "Backpropagates: {@code gradIn[off + i]} is the sum over h of {@code upstream[(off +"
                + " i) * " + outputs + " + h]} times the derivative of output h at {@code in[off +"
                + " i]}, for {@code 0 <= i < len}. Allocates nothing.\n")
        .addParameter(array, "in")
        .addParameter(array, "upstream")
        .addParameter(array, "gradIn")
        .addParameter(TypeName.INT, "off")
        .addParameter(TypeName.INT, "len")
        .addParameters(paramSpecs)
        .addStatement("$T.checkFromIndexSize(off, len, in.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize($L, $L, upstream.length)", OBJECTS, times("off"),
            times("len"))
        .addStatement("$T.checkFromIndexSize(off, len, gradIn.length)", OBJECTS);
    String i = local("i");
    m.addStatement("int $L = 0", i);
    if (simdSource != null) {
      simdCall(m, handle("backward", isFloat), "in, upstream, gradIn, off, len");
    }
    m.beginControlFlow("for (; $L < len; $L++)", i, i);
    if (outputs == 1) {
      m.addStatement("gradIn[off + $L] = $L$Lupstream[off + $L] * derivative($Lin[off + $L]$L)$L",
          i, cast, isFloat ? "(" : "", i, isFloat ? "(double) " : "", i, args,
          isFloat ? ")" : "");
    } else {
      m.addStatement("gradIn[off + $L] = $LupstreamDotDerivative(in[off + $L], upstream, (off + $L)"
          + " * $L$L)", i, cast, i, i, outputs, args);
    }
    return m.endControlFlow().build();
  }

  private MethodSpec offsetFree(String name, boolean isFloat) {
    Class<?> array = isFloat ? float[].class : double[].class;
    return method(name, Modifier.PUBLIC)
        .addJavadoc("{@code $L(in, 0, out, 0, in.length$L)}.\n", name, args)
        .addParameter(array, "in")
        .addParameter(array, "out")
        .addParameters(paramSpecs)
        .addStatement("$L(in, 0, out, 0, in.length$L)", name, args)
        .build();
  }

  private MethodSpec offsetFreeBackward(boolean isFloat) {
    Class<?> array = isFloat ? float[].class : double[].class;
    return method("backward", Modifier.PUBLIC)
        .addJavadoc("{@code backward(in, upstream, gradIn, 0, in.length$L)}.\n", args)
        .addParameter(array, "in")
        .addParameter(array, "upstream")
        .addParameter(array, "gradIn")
        .addParameters(paramSpecs)
        .addStatement("backward(in, upstream, gradIn, 0, in.length$L)", args)
        .build();
  }

  /**
   * {@code double upstreamDotDerivative(double z, double[] upstream, int u, P)} (and the {@code
   * float[]} twin): the sum over h of {@code upstream[u + h]} times the derivative of output h,
   * with the derivatives in locals {@code dv0..}, so that {@code backward} allocates nothing.
   */
  private MethodSpec upstreamDot(boolean isFloat) {
    String u = local("u");
    StringJoiner sum = new StringJoiner(" + ", "return ", "");
    for (int k = 0; k < outputs; k++) {
      sum.add("upstream[" + u + (k == 0 ? "" : " + " + k) + "] * " + local("dv" + k));
    }
    MethodSpec.Builder m = method("upstreamDotDerivative", Modifier.PRIVATE)
        .addJavadoc("The sum over h of {@code upstream[u + h]} times the derivative of output h at"
            + " {@code z}.\n")
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameter(isFloat ? float[].class : double[].class, "upstream")
        .addParameter(TypeName.INT, u)
        .addParameters(paramSpecs);
    StringJoiner decl = new StringJoiner(", ", "double ", "");
    for (int k = 0; k < outputs; k++) {
      decl.add(local("dv" + k));
    }
    m.addStatement("$L", decl.toString());
    writeOutputs(m, a.derivatives(), k -> local("dv" + k), sum.toString());
    return m.addStatement("$L", sum.toString()).build();
  }

  // ------------------------------------------------------------------ SIMD

  private static String handle(String kernel, boolean isFloat) {
    return "SIMD_" + kernel.toUpperCase(Locale.ROOT) + (isFloat ? "_FLOAT" : "");
  }

  /** {@code i = (int) HANDLE.invokeExact(args, P)} when the handle is bound. */
  private void simdCall(MethodSpec.Builder m, String handle, String callArgs) {
    SimdLoader.call(m, local("i"), local("e"), handle, callArgs + args);
  }

  /**
   * {@code VECTORIZED}, the handle fields and the loader of the SIMD companion ({@link
   * SimdLoader}): value, derivative and backward for double[], then for float[].
   */
  private void addSimd(TypeSpec.Builder type, String packageName, String className) {
    List<SimdLoader.Kernel> kernels = new ArrayList<>();
    for (boolean isFloat : new boolean[] {false, true}) {
      TypeName array = isFloat ? TypeName.get(float[].class) : TypeName.get(double[].class);
      for (String kernel : KERNELS) {
        List<TypeName> types = new ArrayList<>(kernel.equals("backward")
            ? List.of(array, array, array, TypeName.INT, TypeName.INT)
            : List.of(array, TypeName.INT, array, TypeName.INT, TypeName.INT));
        params.forEach(p -> types.add(TypeName.DOUBLE));
        kernels.add(new SimdLoader.Kernel(handle(kernel, isFloat), kernel, TypeName.INT, types));
      }
    }
    SimdLoader.install(type, packageName, className, SimdEmitter.companionName(className),
        kernels,
        "Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided"
            + " once, when this class\ninitialises: true when the JVM runs with {@code"
            + " --add-modules jdk.incubator.vector}, the system\nproperty {@code"
            + " dev.activations.simd} is not {@code false}, and the companion class {@code "
            + SimdEmitter.companionName(className) + "}\n(compiled from its own source file with"
            + " that module) is present. Results agree with the scalar\n"
            + "methods to within the numerical contract either way"
            + (floats.any() ? " (the float contract for the float[]\nkernels that compute in"
                + " float; see the class comment)" : "") + ".\n");
  }
}
