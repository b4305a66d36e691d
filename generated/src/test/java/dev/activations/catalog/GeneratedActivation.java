package dev.activations.catalog;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Definition;
import dev.activations.deriver.verify.HighPrecisionExpression;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * One generated class, driven reflectively through its public contract (docs/CONTRACT.md, "The generated class"), with
 * its spec resolved back from {@code SPEC} and free parameters at their kernel defaults. The
 * reference is built from the spec's unsimplified definition, never from the generated code.
 */
final class GeneratedActivation {
  private static final Generation GENERATION = new Generation(new Symja());
  private static final Map<String, GeneratedActivation> CACHE = new ConcurrentHashMap<>();

  final Catalog.Entry entry;
  final Class<?> type;
  final ActivationSpec spec;
  final int outputs;
  final double[] params;
  final ReferenceEvaluator reference;

  private GeneratedActivation(Catalog.Entry entry) {
    this.entry = entry;
    try {
      this.type = Class.forName(Catalog.class.getPackageName() + "." + entry.className());
      this.outputs = type.getField("OUTPUTS").getInt(null);
      String specText = (String) type.getField("SPEC").get(null);
      synchronized (GENERATION) {
        this.spec = GENERATION.resolve(specText);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    Map<String, ExactNumber> defaults = SpecDefinitions.defaults(spec);
    this.params = defaults.values().stream().mapToDouble(ExactNumber::toDouble).toArray();
    this.reference = new ReferenceEvaluator(SpecDefinitions.of(spec, defaults));
  }

  static List<GeneratedActivation> all() {
    List<GeneratedActivation> out = new ArrayList<>();
    for (Catalog.Entry e : Catalog.ENTRIES) out.add(of(e));
    return out;
  }

  static GeneratedActivation of(Catalog.Entry e) {
    return CACHE.computeIfAbsent(e.className(), k -> new GeneratedActivation(e));
  }

  boolean isVector() {
    return outputs > 1;
  }

  Statistic statistic() {
    return spec.statistic();
  }

  /**
   * True when the kernel is even, {@code k(z, mu) = k(-z, -mu)}, checked on the definition's energy
   * text at a few points in 40-digit arithmetic: only then does an odd-symmetric hypothesis set give
   * an odd mean (the logistic energy {@code Log[1+Exp[-a*(z-mu)]]} is one-sided and does not).
   */
  boolean hasEvenKernel() {
    Definition d = SpecDefinitions.of(spec, SpecDefinitions.defaults(spec));
    Map<String, Apfloat> env = new HashMap<>();
    d.parameters().forEach((k, v) -> env.put(k, HighPrecisionExpression.parse(v).evaluate(Map.of(), 40)));
    HighPrecisionExpression energy = HighPrecisionExpression.parse(d.energy());
    for (double[] p : new double[][] {{0.3, 1}, {-1.7, 1}, {2.5, -0.5}}) {
      Apfloat a = energyAt(energy, env, new Apfloat(p[0], 40), new Apfloat(p[1], 40));
      Apfloat b = energyAt(energy, env, new Apfloat(-p[0], 40), new Apfloat(-p[1], 40));
      Apfloat scale = ApfloatMath.max(ApfloatMath.abs(a), new Apfloat(1, 40));
      if (ApfloatMath.abs(a.subtract(b)).compareTo(scale.multiply(new Apfloat("1e-30", 40))) > 0) return false;
    }
    return true;
  }

  private static Apfloat energyAt(HighPrecisionExpression energy, Map<String, Apfloat> params, Apfloat z, Apfloat mu) {
    Map<String, Apfloat> env = new HashMap<>(params);
    env.put("z", z);
    env.put("mu", mu);
    return energy.evaluate(env, 40);
  }

  /** Constant values of the hypotheses, or null when some value is the input z. */
  double[] constantValues() {
    List<Double> vs = new ArrayList<>();
    for (Hypothesis h : spec.hypotheses().hypotheses()) {
      if (!(h.value() instanceof Hypothesis.Constant c)) return null;
      vs.add(c.number().toDouble());
    }
    if (spec.hypotheses().rejectEnergy().isPresent()) vs.add(0.0);
    return vs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double[] value(double z) {
    return call("value", z);
  }

  double[] derivative(double z) {
    return call("derivative", z);
  }

  float[] value(float z) {
    return callFloat("value", z);
  }

  /** Scalar or vector method {@code name}, with trailing free parameters. */
  private double[] call(String name, double z) {
    Object[] args;
    Class<?>[] types;
    if (isVector()) {
      double[] out = new double[outputs];
      args = concat(new Object[] {z, out});
      types = concatTypes(double.class, double[].class);
      invoke(name, types, args);
      return out;
    }
    args = concat(new Object[] {z});
    types = concatTypes(double.class);
    return new double[] {(Double) invoke(name, types, args)};
  }

  private float[] callFloat(String name, float z) {
    if (isVector()) {
      float[] out = new float[outputs];
      invoke(name, concatTypes(float.class, float[].class), concat(new Object[] {z, out}));
      return out;
    }
    return new float[] {(Float) invoke(name, concatTypes(float.class), concat(new Object[] {z}))};
  }

  /** Array method: {@code name(in, inOff, out, outOff, len, params...)}. */
  void array(String name, double[] in, int inOff, double[] out, int outOff, int len) {
    invoke(name, concatTypes(double[].class, int.class, double[].class, int.class, int.class),
        concat(new Object[] {in, inOff, out, outOff, len}));
  }

  void array(String name, float[] in, int inOff, float[] out, int outOff, int len) {
    invoke(name, concatTypes(float[].class, int.class, float[].class, int.class, int.class),
        concat(new Object[] {in, inOff, out, outOff, len}));
  }

  void backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    invoke("backward", concatTypes(float[].class, float[].class, float[].class, int.class, int.class),
        concat(new Object[] {in, upstream, gradIn, off, len}));
  }

  /** Whether the class's array methods run SIMD kernels ({@code VECTORIZED}; absent means no). */
  boolean vectorized() {
    try {
      return type.getField("VECTORIZED").getBoolean(null);
    } catch (NoSuchFieldException e) {
      return false;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the class embeds a SIMD companion at all (scalar statistics do). */
  boolean hasSimd() {
    try {
      type.getField("VECTORIZED");
      return true;
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  void backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    invoke("backward", concatTypes(double[].class, double[].class, double[].class, int.class, int.class),
        concat(new Object[] {in, upstream, gradIn, off, len}));
  }

  private Object[] concat(Object[] head) {
    Object[] all = Arrays.copyOf(head, head.length + params.length);
    for (int i = 0; i < params.length; i++) all[head.length + i] = params[i];
    return all;
  }

  private Class<?>[] concatTypes(Class<?>... head) {
    Class<?>[] all = Arrays.copyOf(head, head.length + params.length);
    for (int i = 0; i < params.length; i++) all[head.length + i] = double.class;
    return all;
  }

  private Object invoke(String name, Class<?>[] types, Object[] args) {
    try {
      Method m = type.getMethod(name, types);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(entry.className() + ": no method " + name + Arrays.toString(types), e);
    }
  }

  @Override
  public String toString() {
    return entry.className();
  }
}
