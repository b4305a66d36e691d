package dev.activations.deriver.verify;

import com.palantir.javapoet.JavaFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code derive --check}: compiles an emitted class in memory and holds the compiled code (not an
 * interpreter of it) to the numerical contract at the reference table's points: relative error at
 * most 1e-12 for values and 1e-10 for derivatives, finite wherever the exact value is finite, NaN
 * for NaN.
 */
public final class CompiledCheck {

  private CompiledCheck() {}

  /** The worst point found; {@code passed} when it is within the contract. */
  public record Result(boolean passed, String function, double z, double computed, double exact, double error) {
    public String describe() {
      return function + " at z = " + z + " is " + computed + " but the exact value is " + exact
          + " (relative error " + String.format("%.2e", error) + "; the contract allows "
          + Contract.text(function.startsWith("value") ? Contract.VALUE_TOLERANCE : Contract.DERIVATIVE_TOLERANCE) + ")";
    }
  }

  /**
   * @param freeValues values of the free parameters, in declaration order (trailing arguments)
   */
  public static Result run(JavaFile file, ReferenceTable table, double[] freeValues) {
    Class<?> type = InMemoryCompiler.compileAndLoad(file);
    int outputs;
    try {
      outputs = type.getField("OUTPUTS").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    Result worst = new Result(true, "value", 0, 0, 0, 0);
    double worstScore = 0;
    for (ReferencePoint p : table.points()) {
      double z = p.z().doubleValue();
      double[] v = call(type, "value", z, outputs, freeValues);
      double[] d = call(type, "derivative", z, outputs, freeValues);
      for (int o = 0; o < outputs; o++) {
        String suffix = outputs > 1 ? "[" + o + "]" : "";
        double ev = Accuracy.relativeError(v[o], p.values().get(o));
        double score = ev / Contract.VALUE_TOLERANCE;
        if (!(score <= worstScore)) {
          worstScore = Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
          worst = new Result(ev <= Contract.VALUE_TOLERANCE, "value" + suffix, z, v[o], p.value(o), ev);
        }
        Optional<BigDecimal> exact = p.derivatives().get(o);
        if (exact.isPresent()) {
          double ed = Accuracy.relativeError(d[o], exact.get());
          double s = ed / Contract.DERIVATIVE_TOLERANCE;
          if (!(s <= worstScore)) {
            worstScore = Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
            worst = new Result(ed <= Contract.DERIVATIVE_TOLERANCE, "derivative" + suffix, z, d[o], p.derivative(o), ed);
          }
        }
      }
    }
    double[] atNaN = call(type, "value", Double.NaN, outputs, freeValues);
    for (double x : atNaN) {
      if (!Double.isNaN(x)) return new Result(false, "value", Double.NaN, x, Double.NaN, Double.POSITIVE_INFINITY);
    }
    return new Result(worstScore <= 1, worst.function(), worst.z(), worst.computed(), worst.exact(), worst.error());
  }

  /**
   * The compiled class as an {@link ContractVerification.Evaluation}: {@code value} and {@code
   * derivative} called by reflection with the free parameters as trailing arguments.
   *
   * @throws IllegalStateException when the class does not give NaN for NaN
   */
  public static ContractVerification.Evaluation compiled(JavaFile file, double[] freeValues) {
    Class<?> type = InMemoryCompiler.compileAndLoad(file);
    int outputs;
    try {
      outputs = type.getField("OUTPUTS").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    for (double x : call(type, "value", Double.NaN, outputs, freeValues)) {
      if (!Double.isNaN(x)) throw new IllegalStateException("value(NaN) is " + x + ", not NaN");
    }
    return (f, z) -> call(type, f.parameter() != null
        ? dev.activations.deriver.emit.ClassEmitter.derivativeMethod(f.parameter())
        : f.derivative() ? "derivative" : "value", z, outputs, freeValues)[f.output()];
  }

  /**
   * The compiled class (compiled once) at any values of its free parameters, named in declaration
   * order by {@code names}.
   *
   * @throws IllegalStateException when the class does not give NaN for NaN
   */
  public static java.util.function.Function<java.util.Map<String, Double>, ContractVerification.Evaluation> compiledAt(
      JavaFile file, java.util.List<String> names, double[] defaults) {
    Class<?> type = InMemoryCompiler.compileAndLoad(file);
    int outputs;
    try {
      outputs = type.getField("OUTPUTS").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    for (double x : call(type, "value", Double.NaN, outputs, defaults)) {
      if (!Double.isNaN(x)) throw new IllegalStateException("value(NaN) is " + x + ", not NaN");
    }
    return values -> {
      double[] params = new double[names.size()];
      for (int i = 0; i < params.length; i++) params[i] = values.get(names.get(i));
      return (f, z) -> call(type, f.parameter() != null
          ? dev.activations.deriver.emit.ClassEmitter.derivativeMethod(f.parameter())
          : f.derivative() ? "derivative" : "value", z, outputs, params)[f.output()];
    };
  }

  private static double[] call(Class<?> type, String name, double z, int outputs, double[] params) {
    try {
      if (outputs == 1) {
        Class<?>[] types = new Class<?>[1 + params.length];
        Arrays.fill(types, double.class);
        Object[] args = new Object[1 + params.length];
        args[0] = z;
        for (int i = 0; i < params.length; i++) args[1 + i] = params[i];
        Method m = type.getMethod(name, types);
        return new double[] {(Double) m.invoke(null, args)};
      }
      Class<?>[] types = new Class<?>[2 + params.length];
      Arrays.fill(types, double.class);
      types[1] = double[].class;
      double[] out = new double[outputs];
      Object[] args = new Object[2 + params.length];
      args[0] = z;
      args[1] = out;
      for (int i = 0; i < params.length; i++) args[2 + i] = params[i];
      type.getMethod(name, types).invoke(null, args);
      return out;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("generated " + name + " threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
