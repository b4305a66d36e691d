package dev.activations.deriver.emit;

import dev.activations.deriver.emit.VectorExprPrinter.Lanes;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.OncePerNode;
import dev.activations.deriver.lowering.LogOnePlusBranches;
import dev.activations.deriver.lowering.ParameterQuotients;
import dev.activations.deriver.lowering.TinyFactors;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The SIMD companion of a generated class: a package-private class in its own source file, next to
 * the activation class, with the array kernels written with {@code jdk.incubator.vector}. It must
 * be compiled with {@code --add-modules jdk.incubator.vector} ({@link
 * GeneratedSources#SIMD_JAVAC_OPTIONS}); the activation class loads it by name at run time when
 * the module is present ({@link SimdLoader}; Lucene's model: look up, fall back, never require a
 * flag), so the activation class compiles with plain {@code javac} and depends on {@code
 * java.base} only.
 *
 * <p>Each kernel runs the vector body to {@code SPECIES.loopBound(len)} and returns how many
 * elements it processed; the generated class finishes the tail with its scalar code. Kernels:
 *
 * <pre>
 * static int value(double[] in, int inOff, double[] out, int outOff, int len, P)   (derivative)
 * static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len, P)
 * the same for float[]
 * </pre>
 *
 * <p>A {@code float[]} kernel computes in one of two ways, decided per output by {@link
 * FloatArithmetic} at derive time: in float ({@code FloatVector.SPECIES_PREFERRED}, twice the
 * lanes of double), when the float formula was measured to meet the float contract (relative error
 * at most 2^-20 against the exact value rounded to float); otherwise loaded as floats, widened,
 * computed in double and rounded once, as the scalar {@code value(float)} does. The scalar methods
 * and the plain-Java array loops always compute in double.
 *
 * <p>Only scalar statistics (one output) get a companion.
 */
public final class SimdEmitter {
  /** javac options for compiling a companion in memory (tests): the class file loads on JDK 17. */
  static final List<String> OPTIONS = List.of(
      "--release", "17", "--add-modules", SimdLoader.MODULE, "-g:none", "-proc:none",
      "-classpath", "", "-nowarn", "-XDsuppressNotes");

  private static final Set<String> KERNEL_LOCALS = Set.of(
      "z", "in", "inOff", "out", "outOff", "len", "i", "bound", "upstream", "gradIn", "off", "r",
      "S", "F", "W");

  private SimdEmitter() {}

  /** The companion's simple name for a generated class's simple name. */
  public static String companionName(String className) {
    return className + "Simd";
  }

  /** Whether {@code a} gets a companion: scalar statistics only. */
  public static boolean supports(LoweredActivation a) {
    return a.values().size() == 1;
  }

  /** The companion source. */
  public static String source(LoweredActivation a, String packageName, String className,
      FloatArithmetic floats) {
    List<String> params = a.freeParameters();
    StringBuilder sb = new StringBuilder();
    if (!packageName.isEmpty()) {
      sb.append("package ").append(packageName).append(";\n\n");
    }
    sb.append("import jdk.incubator.vector.DoubleVector;\n")
        .append("import jdk.incubator.vector.FloatVector;\n")
        .append("import jdk.incubator.vector.VectorOperators;\n")
        .append("import jdk.incubator.vector.VectorShape;\n")
        .append("import jdk.incubator.vector.VectorSpecies;\n\n")
        .append("/**\n * SIMD kernels of {@link ").append(className)
        .append("}; each returns the number of elements done. Generated; do not edit.\n")
        .append(" * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};\n")
        .append(" * {@code ").append(className).append("} loads this class by name when that module")
        .append(" is present\n * and runs its plain-Java loops otherwise.\n */\n")
        .append("final class ").append(companionName(className)).append(" {\n")
        .append("  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n")
        .append("  private static final VectorSpecies<Float> F =\n")
        .append("      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));\n");
    if (floats.any()) {
      sb.append("  /** The kernels that compute in float: as many lanes as fit the preferred shape. */\n")
          .append("  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;\n");
    }
    sb.append("\n  private ").append(companionName(className)).append("() {}\n");
    String p = paramDecl(params);
    for (boolean isFloat : new boolean[] {false, true}) {
      String t = isFloat ? "float" : "double";
      for (int k = 0; k < 2; k++) {
        String name = k == 0 ? "value" : "derivative";
        Output out = k == 0 ? a.values().get(0) : a.derivatives().get(0);
        Lanes lanes = isFloat && (k == 0 ? floats.value() : floats.derivative())
            ? Lanes.FLOAT : Lanes.DOUBLE;
        sb.append("\n  static int ").append(name).append('(').append(t).append("[] in, int inOff, ")
            .append(t).append("[] out, int outOff, int len").append(p).append(") {\n");
        out = handBack(sb, out, params);
        loopHead(sb, params, isFloat, lanes);
        sb.append("      ").append(lanes.vectorType()).append(" z = ")
            .append(load(isFloat, lanes, "in", "inOff + i")).append(";\n");
        kernel(sb, out, params, lanes);
        handBackAtEdge(sb, out);
        sb.append("      ").append(store(isFloat, lanes, "r", "out", "outOff + i")).append(";\n");
        loopTail(sb);
      }
      Lanes lanes = isFloat && floats.derivative() ? Lanes.FLOAT : Lanes.DOUBLE;
      sb.append("\n  static int backward(").append(t).append("[] in, ").append(t)
          .append("[] upstream, ").append(t).append("[] gradIn, int off, int len").append(p)
          .append(") {\n");
      Output backward = handBack(sb, a.derivatives().get(0), params);
      loopHead(sb, params, isFloat, lanes);
      sb.append("      ").append(lanes.vectorType()).append(" z = ")
          .append(load(isFloat, lanes, "in", "off + i")).append(";\n");
      kernel(sb, backward, params, lanes);
      handBackAtEdge(sb, backward);
      sb.append("      r = ").append(load(isFloat, lanes, "upstream", "off + i")).append(".mul(r);\n");
      sb.append("      ").append(store(isFloat, lanes, "r", "gradIn", "off + i")).append(";\n");
      loopTail(sb);
    }
    return sb.append("}\n").toString();
  }

  /**
   * Compiles the companion in memory and returns its class bytes (one class: the companion has no
   * nested classes or lambdas); tests use it to check that the source compiles on its own.
   */
  public static byte[] compile(LoweredActivation a, String packageName, String className,
      FloatArithmetic floats) {
    return compileSource(source(a, packageName, className, floats), packageName, className);
  }

  /**
   * Compiles a companion source (the class {@code companionName(className)}, no nested classes
   * or lambdas) for JDK 17 with {@code jdk.incubator.vector}, and returns its class bytes.
   */
  public static byte[] compileSource(String source, String packageName, String className) {
    String binary = (packageName.isEmpty() ? "" : packageName + ".") + companionName(className);
    SortedMap<String, byte[]> classes = InMemoryCompiler.classBytes(Map.of(binary, source), OPTIONS);
    if (classes.size() != 1 || !classes.containsKey(binary)) {
      throw new IllegalStateException("SIMD companion compiled to " + classes.keySet());
    }
    return classes.get(binary);
  }

  private static String paramDecl(List<String> params) {
    StringBuilder sb = new StringBuilder();
    for (String q : params) {
      sb.append(", double ").append(scalarName(q));
    }
    return sb.toString();
  }

  /**
   * A free parameter's name in the companion's signatures: its own, or {@code q$} where a kernel
   * local ({@code i}, {@code bound}, {@code r}) has it. The companion is called through method
   * handles by position, so its parameter names are no part of any API.
   */
  private static String scalarName(String q) {
    return KERNEL_LOCALS.contains(q) ? q + "$" : q;
  }

  private static void loopHead(StringBuilder sb, List<String> params, boolean isFloat,
      Lanes lanes) {
    for (String q : params) {
      sb.append("    DoubleVector ").append(vectorName(q)).append(" = DoubleVector.broadcast(S, ")
          .append(scalarName(q)).append(");\n");
    }
    String step = lanes == Lanes.FLOAT ? "W" : "S";
    sb.append("    int bound = ").append(lanes == Lanes.FLOAT ? "W" : isFloat ? "F" : "S")
        .append(".loopBound(len);\n")
        .append("    int i = 0;\n")
        .append("    for (; i < bound; i += ").append(step).append(".length()) {\n");
  }

  /**
   * A form that takes one of two forms by a test of the parameters alone ({@link
   * ParameterQuotients#split}: products of parameters that leave the double range): the kernel
   * takes the test once, before its loop, and leaves every element to the scalar code where it
   * fails (it returns 0 done), so that the lanes compute one form, not both and a blend. Returns
   * the form the kernel computes.
   */
  private static Output handBack(StringBuilder sb, Output out, List<String> params) {
    Optional<Expr.Cond> split = ParameterQuotients.split(out.expr());
    if (split.isEmpty()) return out;
    for (String q : params) {
      if (KERNEL_LOCALS.contains(q)) return out; // the scalar test would name a kernel local: blend
    }
    sb.append("    if (!(").append(new JavaExprPrinter().print(split.get().test()))
        .append(")) {\n      return 0;\n    }\n");
    return new Output(split.get().then(), out.atNegativeInfinity(), out.atPositiveInfinity(), out.saturatesAtEdge());
  }

  /**
   * For an output with {@link dev.activations.deriver.lowering.EdgeSaturation}: a chunk with an
   * infinite lane is left, with the rest, to the scalar code (the kernel returns the count done),
   * whose method asks the form again a step inward; the lanes never see that case otherwise.
   */
  private static void handBackAtEdge(StringBuilder sb, Output out) {
    if (!out.saturatesAtEdge()) return;
    sb.append("      if (r.test(VectorOperators.IS_INFINITE).anyTrue()) {\n        return i;\n      }\n");
  }

  private static void loopTail(StringBuilder sb) {
    sb.append("    }\n    return i;\n  }\n");
  }

  /**
   * A vector of the kernel's lanes from an array: float arrays widen to double lanes unless the
   * kernel computes in float.
   */
  private static String load(boolean isFloat, Lanes lanes, String array, String index) {
    if (lanes == Lanes.FLOAT) {
      return "FloatVector.fromArray(W, " + array + ", " + index + ")";
    }
    return isFloat
        ? "(DoubleVector) FloatVector.fromArray(F, " + array + ", " + index
            + ").convertShape(VectorOperators.F2D, S, 0)"
        : "DoubleVector.fromArray(S, " + array + ", " + index + ")";
  }

  private static String store(boolean isFloat, Lanes lanes, String v, String array,
      String index) {
    return isFloat && lanes == Lanes.DOUBLE
        ? "((FloatVector) " + v + ".convertShape(VectorOperators.D2F, F, 0)).intoArray(" + array
            + ", " + index + ")"
        : v + ".intoArray(" + array + ", " + index + ")";
  }

  private static String vectorName(String param) {
    return param + "$v";
  }

  /** {@code DoubleVector r = f(z)} (or FloatVector), with the scalar method's special inputs. */
  private static void kernel(StringBuilder sb, Output out, List<String> params, Lanes lanes) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String q : params) {
      vars.put(q, vectorName(q));
    }
    VectorExprPrinter printer =
        new VectorExprPrinter(lanes == Lanes.FLOAT ? "W" : "S", vars, lanes);
    Set<String> reserved = new java.util.HashSet<>(KERNEL_LOCALS);
    reserved.addAll(params);
    Map<Expr, String> rare = new LinkedHashMap<>();
    Expr shown = deferRareBranches(out.expr(), rare);
    reserved.addAll(rare.values());
    Cse.Result cse = Cse.eliminate(List.of(shown), reserved);
    if (!rare.isEmpty()) {
      // each rare branch reads what the loop body has bound before it, and binds its own repeated
      // nodes (the two halves) inside its block, under names the body does not use
      Map<Expr, String> outer = expandedBindings(cse.bindings());
      Set<String> taken = new java.util.HashSet<>(reserved);
      taken.addAll(outer.values());
      for (Map.Entry<Expr, String> d : rare.entrySet()) {
        printer.defer(d.getValue(), declared -> {
          Map<Expr, String> before = new java.util.HashMap<>();
          outer.forEach((x, n) -> {
            if (declared.contains(n)) before.put(x, n);
          });
          return Cse.eliminate(List.of(reuse(d.getKey(), before)), taken);
        });
      }
    }
    for (Cse.Binding b : cse.bindings()) {
      printer.bind(b.name(), b.expr());
    }
    String root = printer.print(cse.roots().get(0));
    for (String s : printer.statements()) {
      sb.append("      ").append(s).append(";\n");
    }
    sb.append("      ").append(lanes.vectorType()).append(" r = ").append(root).append(";\n");
    String infinity = lanes == Lanes.FLOAT ? "Float" : "Double";
    // A special input whose formula already gives the stated result (checked here with the
    // interpreter of the lanes' arithmetic, which lane-wise IEEE arithmetic follows) needs no
    // blend.
    if (!Double.isNaN(out.atPositiveInfinity())
        && !gives(out, params, lanes, Double.POSITIVE_INFINITY, out.atPositiveInfinity())) {
      sb.append("      r = r.blend(").append(lanes.literal(out.atPositiveInfinity()))
          .append(", z.compare(VectorOperators.EQ, ").append(infinity)
          .append(".POSITIVE_INFINITY));\n");
    }
    if (!Double.isNaN(out.atNegativeInfinity())
        && !gives(out, params, lanes, Double.NEGATIVE_INFINITY, out.atNegativeInfinity())) {
      sb.append("      r = r.blend(").append(lanes.literal(out.atNegativeInfinity()))
          .append(", z.compare(VectorOperators.EQ, ").append(infinity)
          .append(".NEGATIVE_INFINITY));\n");
    }
    if (!gives(out, params, lanes, Double.NaN, Double.NaN)) {
      sb.append("      r = r.blend(z, z.test(VectorOperators.IS_NAN));\n");
    }
  }

  /**
   * {@code e} with the then-branch of every split of a subnormal factor ({@link
   * TinyFactors#isSplitTest}) replaced by a name ({@code rare$k}, one per distinct branch), which
   * the printer computes only for a vector with a lane that takes it: CSE would otherwise bind the
   * branch's nodes (the halves {@code exp(-|x|)}, used twice) before the loop body's blends, and
   * every element would pay an {@code exp} more.
   */
  private static Expr deferRareBranches(Expr e, Map<Expr, String> rare) {
    return deferRareBranches(e, rare, new OncePerNode());
  }

  // Each node object once (the forms are DAGs; a plain recursion walks every path). A node seen
  // again has had all its rare branches named already, so the names and their order are the same.
  private static Expr deferRareBranches(Expr e, Map<Expr, String> rare, OncePerNode done) {
    return done.apply(e, x -> {
      if (x instanceof Expr.Cond c && (TinyFactors.isSplitTest(c.test()) || LogOnePlusBranches.isRareTest(c.test()))) {
        String name = rare.computeIfAbsent(c.then(), k -> "rare$" + rare.size());
        return new Expr.Cond(c.test(), new Expr.Var(name), deferRareBranches(c.otherwise(), rare, done));
      }
      return Exprs.mapChildren(x, y -> deferRareBranches(y, rare, done));
    });
  }

  /** Each binding's expression with the earlier bindings it reads written out, to its name. */
  private static Map<Expr, String> expandedBindings(List<Cse.Binding> bindings) {
    Map<String, Expr> byName = new java.util.HashMap<>();
    Map<Expr, String> out = new java.util.HashMap<>();
    for (Cse.Binding b : bindings) {
      Expr full = expand(b.expr(), byName);
      byName.put(b.name(), full);
      out.putIfAbsent(full, b.name());
    }
    return out;
  }

  private static Expr expand(Expr e, Map<String, Expr> byName) {
    return expand(e, byName, new OncePerNode());
  }

  private static Expr expand(Expr e, Map<String, Expr> byName, OncePerNode done) {
    return done.apply(e, x -> x instanceof Expr.Var v && byName.containsKey(v.name())
        ? byName.get(v.name())
        : Exprs.mapChildren(x, y -> expand(y, byName, done)));
  }

  /** {@code e} with every largest subtree the body has bound already replaced by that binding's name. */
  private static Expr reuse(Expr e, Map<Expr, String> outer) {
    return reuse(e, outer, new OncePerNode());
  }

  private static Expr reuse(Expr e, Map<Expr, String> outer, OncePerNode done) {
    return done.apply(e, x -> {
      String name = outer.get(x);
      return name != null ? new Expr.Var(name) : Exprs.mapChildren(x, y -> reuse(y, outer, done));
    });
  }

  /**
   * Whether the formula alone gives {@code expected} at {@code z} in the lanes' arithmetic (NaN
   * for NaN; bits otherwise).
   */
  private static boolean gives(Output out, List<String> params, Lanes lanes, double z,
      double expected) {
    if (!params.isEmpty()) {
      return false; // depends on the parameters' values
    }
    if (lanes == Lanes.FLOAT) {
      float v;
      try {
        v = FloatKernelEvaluator.formula(out.expr(), (float) z, 0);
      } catch (RuntimeException e) {
        return false;
      }
      return Float.isNaN((float) expected)
          ? Float.isNaN(v)
          : Float.floatToRawIntBits(v) == Float.floatToRawIntBits((float) expected);
    }
    double v;
    try {
      v = dev.activations.deriver.lowering.DoubleEvaluator.evaluate(out.expr(), z);
    } catch (RuntimeException e) {
      return false;
    }
    return Double.isNaN(expected)
        ? Double.isNaN(v)
        : Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(expected);
  }
}
