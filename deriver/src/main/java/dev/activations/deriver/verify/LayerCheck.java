package dev.activations.deriver.verify;

import com.palantir.javapoet.JavaFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;

/**
 * Holds a compiled layer class to the accuracy contract at sample vectors: each forward output
 * within {@link Contract#VALUE_TOLERANCE} relative to the reference (on its scale, floor {@code
 * Double.MIN_NORMAL}); per group, the gradient within {@link Contract#DERIVATIVE_TOLERANCE} of the largest
 * exact component (the components of a vector-Jacobian product cancel, so they are measured
 * normwise).
 */
public final class LayerCheck {

  private LayerCheck() {}

  /** The worst errors found and where. */
  public record Result(double worstValue, String valueWhere, double worstGradient, String gradientWhere, int vectors,
      double worstParameter, String parameterWhere) {
    public Result(double worstValue, String valueWhere, double worstGradient, String gradientWhere, int vectors) {
      this(worstValue, valueWhere, worstGradient, gradientWhere, vectors, 0, "-");
    }

    public boolean passed() {
      return worstValue <= Contract.VALUE_TOLERANCE && worstGradient <= Contract.DERIVATIVE_TOLERANCE
          && worstParameter <= Contract.DERIVATIVE_TOLERANCE;
    }

    public String describe() {
      String base = String.format(java.util.Locale.ROOT, "worst value error %.1e (%s), worst gradient error %.1e (%s)",
          worstValue, valueWhere, worstGradient, gradientWhere);
      if (!"-".equals(parameterWhere) || worstParameter > 0) {
        base += String.format(java.util.Locale.ROOT, ", worst parameter gradient error %.1e (%s)", worstParameter, parameterWhere);
      }
      return base + ", " + vectors + " vectors";
    }
  }

  /** The emitted class, compiled in memory, against {@code reference} at {@code samples}. */
  public static Result run(JavaFile file, LayerReference reference, int group, List<LayerSamples.Sample> samples) {
    return run(file, reference, group, samples, List.of(), new double[0]);
  }

  /**
   * The emitted class with free parameters: every method called with {@code freeValues}, and each
   * parameter's gradient method ({@code dTheta(z, upstream, ...)}) measured against the
   * reference's, a signed sum over every unit, on the sum of its terms' magnitudes.
   *
   * @param free the free parameters in declaration order (bound in {@code reference} to {@code freeValues})
   */
  public static Result run(JavaFile file, LayerReference reference, int group, List<LayerSamples.Sample> samples,
      List<String> free, double[] freeValues) {
    Class<?> type = InMemoryCompiler.compileAndLoad(file);
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?>[] trailing = new Class<?>[free.size()];
      Object[] values = new Object[free.size()];
      for (int i = 0; i < trailing.length; i++) {
        trailing[i] = double.class;
        values[i] = freeValues[i];
      }
      MethodHandle value = MethodHandles.insertArguments(lookup.findStatic(type, "value",
          MethodType.methodType(void.class, double[].class, double[].class).appendParameterTypes(trailing)), 2, values);
      MethodHandle backward = MethodHandles.insertArguments(lookup.findStatic(type, "backward",
          MethodType.methodType(void.class, double[].class, double[].class, double[].class).appendParameterTypes(trailing)),
          3, values);
      Result r = run(value, backward, reference, group, samples);
      double worst = 0;
      String where = "-";
      for (String theta : free) {
        MethodHandle gradient = MethodHandles.insertArguments(lookup.findStatic(type,
            "d" + theta.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + theta.substring(1),
            MethodType.methodType(double.class, double[].class, double[].class).appendParameterTypes(trailing)), 2, values);
        for (LayerSamples.Sample s : samples) {
          double computed;
          try {
            computed = (double) gradient.invokeExact(s.z(), s.upstream());
          } catch (Throwable t) {
            throw new IllegalStateException("layer class failed on a " + s.family() + " vector: " + t, t);
          }
          double exact = 0;
          double scale = 0;
          int n = s.z().length;
          int g = group == 0 ? n : group;
          int outputsPerGroup = s.upstream().length / (n / g);
          for (int b = 0; b < n; b += g) {
            int o = (b / g) * outputsPerGroup;
            LayerReference.Result ref = reference.evaluate(Arrays.copyOfRange(s.z(), b, b + g),
                Arrays.copyOfRange(s.upstream(), o, o + outputsPerGroup), List.of(theta));
            exact += ref.parameterGradients()[0];
            scale += ref.parameterScales()[0];
          }
          // a gradient beyond the double range (|z| near 1e300 in a weighted sum) has no double to meet
          if (!Double.isFinite(scale) || Math.abs(exact) > Double.MAX_VALUE) continue;
          double err = Double.isNaN(computed) ? Double.POSITIVE_INFINITY
              : Math.abs(computed - exact) / Math.max(scale, Double.MIN_NORMAL);
          if (err > worst) {
            worst = err;
            where = "d/d" + theta + ", " + s.family() + " n=" + n + ": " + computed + " vs " + exact;
          }
        }
      }
      return new Result(r.worstValue(), r.valueWhere(), r.worstGradient(), r.gradientWhere(), r.vectors(), worst, where);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("layer class without the layer API: " + e.getMessage(), e);
    }
  }

  static Result run(MethodHandle value, MethodHandle backward, LayerReference reference, int group,
      List<LayerSamples.Sample> samples) {
    double worstValue = 0;
    double worstGradient = 0;
    String valueWhere = "-";
    String gradientWhere = "-";
    for (LayerSamples.Sample s : samples) {
      int n = s.z().length;
      double[] out = new double[s.upstream().length];
      double[] grad = new double[n];
      try {
        value.invokeExact(s.z(), out);
        backward.invokeExact(s.z(), s.upstream(), grad);
      } catch (Throwable t) {
        throw new IllegalStateException("layer class failed on a " + s.family() + " vector of " + n + ": " + t, t);
      }
      int g = group == 0 ? n : group;
      int outputsPerGroup = out.length / (n / g);
      for (int b = 0; b < n; b += g) {
        double[] zg = Arrays.copyOfRange(s.z(), b, b + g);
        int o = (b / g) * outputsPerGroup;
        double[] ug = Arrays.copyOfRange(s.upstream(), o, o + outputsPerGroup);
        LayerReference.Result exact = reference.evaluate(zg, ug);
        for (int i = 0; i < outputsPerGroup; i++) {
          double err = LayerReference.error(out[o + i], exact.values()[i], exact.scales()[i]);
          if (err > worstValue) {
            worstValue = err;
            valueWhere = s.family() + " n=" + n + " output " + (o + i) + ": " + out[o + i] + " vs " + exact.values()[i];
          }
        }
        double largest = Double.MIN_NORMAL;
        for (double v : exact.gradient()) largest = Math.max(largest, Math.abs(v));
        double diff = 0;
        int at = 0;
        for (int j = 0; j < g; j++) {
          double dj = Double.isNaN(grad[b + j]) ? Double.POSITIVE_INFINITY : Math.abs(grad[b + j] - exact.gradient()[j]);
          if (dj > diff) {
            diff = dj;
            at = j;
          }
        }
        double err = diff / largest;
        if (err > worstGradient) {
          worstGradient = err;
          gradientWhere = s.family() + " n=" + n + " unit " + (b + at) + ": " + grad[b + at] + " vs " + exact.gradient()[at];
        }
      }
    }
    return new Result(worstValue, valueWhere, worstGradient, gradientWhere, samples.size());
  }
}
