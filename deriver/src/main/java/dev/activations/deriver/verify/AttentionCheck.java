package dev.activations.deriver.verify;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.spec.AttentionStatistic;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;

/**
 * Holds a compiled attention class to the accuracy contract at sample inputs: each forward output
 * within {@link Contract#VALUE_TOLERANCE} relative to its scale (the mean, a vector over signed
 * values, normwise against its largest component); each gradient ({@code q}, keys, values) within
 * {@link Contract#DERIVATIVE_TOLERANCE} of its largest exact component.
 */
public final class AttentionCheck {
  private AttentionCheck() {}

  /** The worst errors found and where. */
  public record Result(double worstValue, String valueWhere, double worstGradient, String gradientWhere, int samples, int withNaN) {
    public Result(double worstValue, String valueWhere, double worstGradient, String gradientWhere, int samples) {
      this(worstValue, valueWhere, worstGradient, gradientWhere, samples, 0);
    }

    public boolean passed() {
      return worstValue <= Contract.VALUE_TOLERANCE && worstGradient <= Contract.DERIVATIVE_TOLERANCE;
    }

    public String describe() {
      return String.format(Locale.ROOT, "worst value error %.1e (%s), worst gradient error %.1e (%s), %d samples%s",
          worstValue, valueWhere, worstGradient, gradientWhere, samples,
          withNaN == 0 ? "" : " (" + withNaN + " of them NaN where the entries overflow, not measured)");
    }

    /** The worst of two measurements. */
    public Result and(Result other) {
      boolean v = other.worstValue > worstValue;
      boolean g = other.worstGradient > worstGradient;
      return new Result(v ? other.worstValue : worstValue, v ? other.valueWhere : valueWhere, g ? other.worstGradient : worstGradient,
          g ? other.gradientWhere : gradientWhere, samples + other.samples, withNaN + other.withNaN);
    }
  }

  /**
   * The emitted class's {@code value} and {@code backward} over {@code double[]}, always with the
   * weighted signature: {@code value(..., out, outOff, w, wOff)} and {@code backward(..., gradValues,
   * gvOff, w, wOff, gradW, gwOff)}; for a class without weights those trailing arguments are ignored.
   */
  public record Handles(MethodHandle value, MethodHandle backward, MethodHandle valuePrior, MethodHandle backwardPrior,
      boolean weighted, java.util.List<MethodHandle> parameterGradients) {
    private static final Class<?>[] VALUE = {double[].class, int.class, double[].class, int.class, double[].class, int.class,
        int.class, int.class, int.class, double[].class, int.class};
    private static final Class<?>[] BACKWARD = {double[].class, int.class, double[].class, int.class, double[].class, int.class,
        int.class, int.class, int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class,
        double[].class, int.class};

    public static Handles of(Class<?> type) {
      return of(type, new double[0], java.util.List.of());
    }

    /**
     * @param free the values the free parameters are bound to (the trailing {@code double} arguments)
     * @param names the free parameters' names, for the {@code d<Param>} companions
     */
    public static Handles of(Class<?> type, double[] free, java.util.List<String> names) {
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?>[] w = {double[].class, int.class};
        Class<?>[] gw = {double[].class, int.class, double[].class, int.class};
        Class<?>[] prior = {double[].class, int.class};
        Class<?>[] gradPrior = {double[].class, int.class, double[].class, int.class};
        Class<?>[] none = {};
        Class<?>[] upstream = {double[].class, int.class, double[].class, int.class, double[].class, int.class,
            int.class, int.class, int.class, double[].class, int.class};
        // value(..., w, wOff) has the shape of an unweighted class's value(..., logPrior, pOff): only a weighted
        // class has value(..., w, wOff, logPrior, pOff)
        boolean weighted = has(lookup, type, "value", void.class, free.length, VALUE, w, prior);
        Class<?>[] ws = weighted ? w : none;
        Class<?>[] gws = weighted ? gw : none;
        List<MethodHandle> params = new java.util.ArrayList<>();
        for (String f : names) {
          String name = "d" + Character.toUpperCase(f.charAt(0)) + f.substring(1);
          params.add(uniform(find(lookup, type, name, double.class, free, upstream, ws), upstream.length, weighted, w));
        }
        return new Handles(
            uniform(find(lookup, type, "value", void.class, free, VALUE, ws), VALUE.length, weighted, w),
            uniform(find(lookup, type, "backward", void.class, free, BACKWARD, gws), BACKWARD.length, weighted, gw),
            uniform(find(lookup, type, "value", void.class, free, VALUE, ws, prior), VALUE.length, weighted, w),
            uniform(find(lookup, type, "backward", void.class, free, BACKWARD, gws, gradPrior), BACKWARD.length, weighted, gw),
            weighted, List.copyOf(params));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("attention class without the attention API: " + e.getMessage(), e);
      }
    }

    private static boolean has(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> returns, int free, Class<?>[]... parts) {
      try {
        lookup.findStatic(type, name, signature(returns, free, parts));
        return true;
      } catch (ReflectiveOperationException e) {
        return false;
      }
    }

    private static MethodType signature(Class<?> returns, int free, Class<?>[]... parts) {
      MethodType t = MethodType.methodType(returns);
      for (Class<?>[] p : parts) t = t.appendParameterTypes(p);
      for (int i = 0; i < free; i++) t = t.appendParameterTypes(double.class);
      return t;
    }

    /** The method with the free parameters bound to {@code free}. */
    private static MethodHandle find(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> returns, double[] free,
        Class<?>[]... parts) throws ReflectiveOperationException {
      MethodHandle h = lookup.findStatic(type, name, signature(returns, free.length, parts));
      if (free.length == 0) return h;
      Object[] values = new Object[free.length];
      for (int i = 0; i < free.length; i++) values[i] = free[i];
      return MethodHandles.insertArguments(h, h.type().parameterCount() - free.length, values);
    }

    /** Without weights, takes (and ignores) the weight arguments at {@code at}. */
    private static MethodHandle uniform(MethodHandle h, int at, boolean weighted, Class<?>[] weightTypes) {
      return weighted ? h : MethodHandles.dropArguments(h, at, weightTypes);
    }
  }

  public static Result run(JavaFile file, AttentionReference reference, AttentionStatistic stat, java.util.List<AttentionSamples.Sample> samples) {
    return run(Handles.of(InMemoryCompiler.compileAndLoad(file), reference.freeValues(), reference.free()), reference, stat, samples);
  }

  public static Result run(Handles h, AttentionReference reference, AttentionStatistic stat, java.util.List<AttentionSamples.Sample> samples) {
    return run(h, reference, stat, samples, false);
  }

  /**
   * @param nanTolerated a sample where the class returns NaN anywhere is counted and not measured
   *     (classes that do not scale their entries return NaN where they overflow, see
   *     docs/ATTENTION.md, Limits); every finite answer is still held to the contract
   */
  public static Result run(Handles h, AttentionReference reference, AttentionStatistic stat, java.util.List<AttentionSamples.Sample> samples,
      boolean nanTolerated) {
    int withNaN = 0;
    double worstValue = 0;
    double worstGradient = 0;
    String valueWhere = "-";
    String gradientWhere = "-";
    int index = 0;
    for (AttentionSamples.Sample s : samples) {
      int n = s.n();
      int d = s.d();
      int m = s.m();
      double[] out = new double[s.upstream().length];
      double[] gq = new double[d];
      double[] gk = new double[n * d];
      double[] gv = new double[n * m];
      double[] gw = new double[h.weighted() ? d : 0];
      double[] w = h.weighted() ? s.w() : null;
      // every other sample through the log-prior overloads, with the sample's priors
      boolean priors = index++ % 2 == 1;
      double[] logPrior = priors ? s.logPrior() : null;
      double[] gp = new double[priors ? n : 0];
      try {
        if (priors) {
          h.valuePrior().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, d, m, out, 0, w, 0, logPrior, 0);
          h.backwardPrior().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, d, m, s.upstream(), 0, gq, 0, gk, 0, gv, 0, w, 0, gw, 0,
              logPrior, 0, gp, 0);
        } else {
          h.value().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, d, m, out, 0, w, 0);
          h.backward().invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, d, m, s.upstream(), 0, gq, 0, gk, 0, gv, 0, w, 0, gw, 0);
        }
      } catch (Throwable t) {
        throw new IllegalStateException("attention class failed on a " + s.family() + " sample: " + t, t);
      }
      if (nanTolerated && (hasNaN(out) || hasNaN(gq) || hasNaN(gk) || hasNaN(gv) || hasNaN(gw) || hasNaN(gp))) {
        withNaN++;
        continue;
      }
      AttentionReference.Result exact;
      try {
        exact = reference.evaluate(s.q(), s.keys(), s.values(), n, d, m, s.upstream(), w, logPrior);
      } catch (RuntimeException e) {
        // e.g. Norm[q-k] at a key equal to the query: the energy has no gradient there
        return new Result(Double.POSITIVE_INFINITY, "the reference is undefined at a " + s.family() + " sample (n=" + n
            + " d=" + d + "): " + e.getClass().getSimpleName() + ": " + e.getMessage(), Double.POSITIVE_INFINITY, "-", samples.size());
      }
      String at = s.family() + (priors ? " (log-priors)" : "") + " n=" + n + " d=" + d + " m=" + m;
      double largest = Double.MIN_NORMAL;
      for (double v : exact.values()) largest = Math.max(largest, Math.abs(v));
      for (int i = 0; i < out.length; i++) {
        double scale = stat == AttentionStatistic.MEAN ? largest : exact.scales()[i];
        double err = error(out[i], exact.values()[i], scale);
        if (err > worstValue) {
          worstValue = err;
          valueWhere = at + " output " + i + ": " + out[i] + " vs " + exact.values()[i];
        }
      }
      double[][] computed = {gq, gk, stat.usesValues() ? gv : new double[0], gw, gp};
      double[][] reference2 = {exact.gradQ(), exact.gradKeys(), stat.usesValues() ? exact.gradValues() : new double[0], exact.gradW(),
          exact.gradPrior()};
      String[] names = {"grad q", "grad keys", "grad values", "grad w", "grad log-prior"};
      if (!priors) {
        // the d<Param> companions (without log-priors): each relative to its exact value
        for (int f = 0; f < h.parameterGradients().size(); f++) {
          double got;
          try {
            got = (double) h.parameterGradients().get(f).invokeExact(s.q(), 0, s.keys(), 0, s.values(), 0, n, d, m, s.upstream(), 0, w, 0);
          } catch (Throwable t) {
            throw new IllegalStateException("attention class failed on a " + s.family() + " sample: " + t, t);
          }
          double err = normwise(new double[] {got}, new double[] {exact.gradParams()[f]});
          if (err > worstGradient) {
            worstGradient = err;
            gradientWhere = at + " d/d" + reference.free().get(f) + ": " + got + " vs " + exact.gradParams()[f];
          }
        }
      }
      for (int a = 0; a < 5; a++) {
        double err = normwise(computed[a], reference2[a]);
        if (err > worstGradient) {
          worstGradient = err;
          gradientWhere = at + " " + names[a];
        }
      }
    }
    return new Result(worstValue, valueWhere, worstGradient, gradientWhere, samples.size(), withNaN);
  }

  private static boolean hasNaN(double[] a) {
    for (double v : a) {
      if (v != v) return true;
    }
    return false;
  }

  /**
   * {@code max_i |c_i - e_i| / max_i |e_i|} (floor MIN_NORMAL); NaN counts as infinite. An array
   * whose exact value overflows a double (a component of {@code +-Infinity}: Yat's key gradients at
   * 1e200 are about 1e600) has no relative error to measure: 0 (as before, when the quotient came
   * out NaN and no comparison reported it; counting it found {@code MahalanobisAttention}'s
   * {@code grad w} NaN where the exact one overflows, see docs/ATTENTION.md, Limits).
   */
  public static double normwise(double[] computed, double[] exact) {
    double largest = Double.MIN_NORMAL;
    for (double v : exact) largest = Math.max(largest, Math.abs(v));
    double diff = 0;
    for (int i = 0; i < exact.length; i++) {
      double di = Double.isNaN(computed[i]) ? Double.POSITIVE_INFINITY : computed[i] == exact[i] ? 0 : Math.abs(computed[i] - exact[i]);
      diff = Math.max(diff, di);
    }
    return largest == Double.POSITIVE_INFINITY ? 0.0 : diff / largest;
  }

  /** The relative error on {@code scale} (floor MIN_NORMAL); NaN counts as infinite. */
  public static double error(double computed, double exact, double scale) {
    if (Double.isNaN(computed)) return Double.POSITIVE_INFINITY;
    if (computed == exact) return 0;
    return Math.abs(computed - exact) / Math.max(Math.max(scale, Math.abs(exact)), Double.MIN_NORMAL);
  }
}
