package dev.activations.deriver.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.StableFunctions;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The known functions as data: for each {@link Fn}, the Java it prints as. Most are {@code
 * java.lang.Math} methods; the stable primitives {@code Math} lacks are private helpers of the
 * generated class, emitted only when used, with exactly the formulas of {@code
 * dev.activations.deriver.lowering.StableFunctions} (so the double interpreter agrees bit for bit).
 */
public final class KnownFunctions {
  /**
   * How one function is printed.
   *
   * @param fn the IR function
   * @param javaName the callee as written in Java ({@code Math.exp} or a helper's name)
   * @param helper the private static method to emit into the class, if the function is a helper
   */
  public record JavaFunction(Fn fn, String javaName, Optional<MethodSpec> helper) {
    public JavaFunction {
      Objects.requireNonNull(fn, "fn");
      Objects.requireNonNull(javaName, "javaName");
      Objects.requireNonNull(helper, "helper");
    }
  }

  private static final Map<Fn, JavaFunction> TABLE = table();

  private KnownFunctions() {}

  /** How {@code fn} prints; every {@link Fn} has an entry. */
  public static JavaFunction of(Fn fn) {
    return TABLE.get(fn);
  }

  /** The whole table, in {@link Fn} declaration order. */
  public static Map<Fn, JavaFunction> all() {
    return TABLE;
  }

  private static Map<Fn, JavaFunction> table() {
    EnumMap<Fn, JavaFunction> t = new EnumMap<>(Fn.class);
    for (Fn fn : Fn.values()) {
      // A switch expression over the enum without default: a new Fn does not compile until it
      // has an entry here.
      JavaFunction f = switch (fn) {
        case EXP -> math(fn, "exp");
        case EXPM1 -> math(fn, "expm1");
        case LOG -> math(fn, "log");
        case LOG1P -> math(fn, "log1p");
        case SQRT -> math(fn, "sqrt");
        case ABS -> math(fn, "abs");
        case SINH -> math(fn, "sinh");
        case COSH -> math(fn, "cosh");
        case TANH -> helper(fn, "tanh",
            "{@code tanh(x)} from {@code Math.exp} (an intrinsic; {@code Math.tanh} is ~3x slower"
                + " on JDK 17): {@code 1 - 2t / (1 + t)}, {@code t = e^-2|x|}, with the sign of x, and an"
                + " odd Taylor polynomial below |x| = 0.01 where the subtraction would cancel.",
            "double a = Math.abs(x);\n"
                + "double r;\n"
                + "if (a < 0.01) {\n"
                + "$>double s = a * a;\n"
                + "r = a + a * s * (-0.3333333333333333 + s * (0.13333333333333333 + s *"
                + " -0.05396825396825397));\n"
                + "$<} else {\n"
                + "$>double t = Math.exp(-2.0 * a);\n"
                + "r = 1.0 - 2.0 * t / (1.0 + t);\n"
                + "$<}\n"
                + "return Math.copySign(r, x);\n");
        case SIGNUM -> math(fn, "signum");
        case ATAN -> math(fn, "atan");
        case ASINH -> helper(fn, "asinh",
            "{@code arsinh(x) = sign(x) log1p(|x| + x^2 / (1 + sqrt(1 + x^2)))} (no cancellation next"
                + " to 0, and {@code x + sqrt(1 + x^2)} never formed for negative x), and {@code log|x| +"
                + " ln 2} beyond |x| = 2^28, where x^2 would overflow from 1.3e154 on.",
            "double a = Math.abs(x);\n"
                + "double r;\n"
                + "if (a > " + StableFunctions.ASINH_FAR + ") {\n"
                + "$>r = Math.log(a) + " + StableFunctions.LN2 + ";\n"
                + "$<} else {\n"
                + "$>double s = a * a;\n"
                + "r = Math.log1p(a + s / (1.0 + Math.sqrt(1.0 + s)));\n"
                + "$<}\n"
                + "return Math.copySign(r, x);\n");
        case MAX -> math(fn, "max");
        case MIN -> math(fn, "min");
        case POW -> math(fn, "pow");
        case HYPOT -> math(fn, "hypot");
        case LOGISTIC -> helper(fn, "logistic",
            "The logistic function {@code 1 / (1 + e^-x)}, branching on the sign of x so that"
                + " {@code exp} never overflows.",
            "if (x >= 0.0) {\n"
                + "$>return 1.0 / (1.0 + Math.exp(-x));\n"
                + "$<}\n"
                + "double e = Math.exp(x);\n"
                + "return e / (1.0 + e);\n");
        case SOFTPLUS -> helper(fn, "softplus",
            "{@code log(1 + e^x)} as {@code max(x, 0) + log1p(e^-|x|)}: no overflow, accurate"
                + " in both tails.",
            "return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));\n");
        case TANH_PRIME -> helper(fn, "tanhPrime",
            "{@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never"
                + " {@code 1 - tanh(x)^2}, which is 0 beyond |x| ~ 19.",
            "double e = Math.exp(-2.0 * Math.abs(x));\n"
                + "return 4.0 * e / ((1.0 + e) * (1.0 + e));\n");
        case LOG1PMX -> helper(fn, "log1pmx",
            "{@code log1p(x) - x}, which cancels for small x: there {@code -x s + 2 s^3 (1/3 + s^2/5"
                + " + ...)} with {@code s = x / (2 + x)} ({@code log1p(x) = 2 atanh(s)}), for {@code -1/2"
                + " <= x <= 1}; the difference elsewhere.",
            "if (x >= -0.5 && x <= 1.0) {\n"
                + "$>double s = x / (2.0 + x);\n"
                + "double s2 = s * s;\n"
                + "double p = " + horner(StableFunctions.LOG1PMX_SERIES, "s2") + ";\n"
                + "return 2.0 * (s * s2) * p - x * s;\n"
                + "$<}\n"
                + "return x < Double.POSITIVE_INFINITY ? Math.log1p(x) - x : -x;\n");
      };
      t.put(fn, f);
    }
    return Collections.unmodifiableMap(t);
  }

  /**
   * {@code ((c[n] * x + c[n-1]) * x + ...) + c[0]}: the operations, in order, of the loop in
   * {@link StableFunctions#log1pmx}, each coefficient printed so that it reads back as the same
   * double.
   */
  private static String horner(double[] c, String x) {
    StringBuilder sb = new StringBuilder(Double.toString(c[c.length - 1]));
    for (int k = c.length - 2; k >= 0; k--) {
      sb.insert(0, '(').append(" * ").append(x).append(" + ").append(Double.toString(c[k])).append(')');
    }
    return sb.toString();
  }

  private static JavaFunction math(Fn fn, String method) {
    return new JavaFunction(fn, "Math." + method, Optional.empty());
  }

  private static JavaFunction helper(Fn fn, String name, String javadoc, String body) {
    MethodSpec m = MethodSpec.methodBuilder(name)
        .addJavadoc("$L\n", javadoc)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "x")
        .addCode(body)
        .build();
    return new JavaFunction(fn, name, Optional.of(m));
  }
}
