package dev.activations.deriver.lowering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the class emitter needs, and nothing symbolic: the activation's value and derivatives
 * as IR over {@code z} and the free parameters. Expressions are already accuracy-rewritten; CSE is
 * the emitter's business (it shares work between value and derivative in fused methods).
 *
 * @param spec the command-line spec that regenerates the class (for its Javadoc)
 * @param math human-readable math for the Javadoc, in Mathematica InputForm
 * @param freeParameters parameters kept symbolic, in declaration order; they become trailing
 *     arguments of every generated method
 * @param values one function per output: 1 for scalar statistics, H for vector statistics
 *     (responsibilities, log-responsibilities)
 * @param derivatives d/dz of each output, same size as {@code values}
 * @param parameterDerivatives for each free parameter (same order), d/dparam of each output
 */
public record LoweredActivation(
    String spec,
    Math math,
    List<String> freeParameters,
    List<Output> values,
    List<Output> derivatives,
    Map<String, List<Output>> parameterDerivatives) {

  public LoweredActivation {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(math, "math");
    freeParameters = List.copyOf(freeParameters);
    values = List.copyOf(values);
    derivatives = List.copyOf(derivatives);
    if (values.isEmpty() || values.size() != derivatives.size()) {
      throw new IllegalArgumentException("values and derivatives must be non-empty and equally long");
    }
    Map<String, List<Output>> copy = new LinkedHashMap<>();
    for (String p : freeParameters) {
      List<Output> d = parameterDerivatives.get(p);
      if (d == null || d.size() != values.size()) {
        throw new IllegalArgumentException("missing or mis-sized derivative for parameter " + p);
      }
      copy.put(p, List.copyOf(d));
    }
    if (copy.size() != parameterDerivatives.size()) {
      throw new IllegalArgumentException("derivatives given for parameters that are not free");
    }
    parameterDerivatives = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * One scalar function of z (and the free parameters) with its limits at the infinities.
   *
   * <p>Floating point cannot always reach a limit by itself ({@code z * logistic(2z)} at
   * {@code -Infinity} is {@code -Inf * 0 = NaN}, though the limit is 0), so the deriver states the
   * limits and the emitter returns them for infinite inputs. {@code NaN} means "no limit exists"
   * (or, with free parameters, "not known"), and then the expression itself is evaluated.
   */
  public record Output(Expr expr, double atNegativeInfinity, double atPositiveInfinity, boolean saturatesAtEdge) {
    public Output {
      Objects.requireNonNull(expr, "expr");
    }

    /** Without {@link EdgeSaturation}. */
    public Output(Expr expr, double atNegativeInfinity, double atPositiveInfinity) {
      this(expr, atNegativeInfinity, atPositiveInfinity, false);
    }

    public static Output of(Expr expr) {
      return new Output(expr, Double.NaN, Double.NaN);
    }

    /** The same with {@link EdgeSaturation} applied to what {@code expr} computes. */
    public Output saturatingAtEdge() {
      return new Output(expr, atNegativeInfinity, atPositiveInfinity, true);
    }
  }

  /** True for statistics with one output per hypothesis. */
  public boolean isVector() {
    return values.size() > 1;
  }

  /**
   * The math stated in the class Javadoc (InputForm strings).
   *
   * @param energies the energy of each hypothesis, d_h(z)
   * @param statistic the statistic's closed form (or structured form)
   * @param derivative its derivative with respect to z
   * @param specialInputs sentences of the special-input contract beyond NaN and the infinities
   *     (finiteness, kinks), one sentence each
   * @param accuracy what the verification measured, one paragraph; empty when nothing was measured
   */
  public record Math(List<String> energies, String statistic, String derivative, List<String> specialInputs,
      String accuracy) {
    public Math {
      energies = List.copyOf(energies);
      Objects.requireNonNull(statistic, "statistic");
      Objects.requireNonNull(derivative, "derivative");
      specialInputs = List.copyOf(specialInputs);
      Objects.requireNonNull(accuracy, "accuracy");
    }

    /** Without a measurement. */
    public Math(List<String> energies, String statistic, String derivative, List<String> specialInputs) {
      this(energies, statistic, derivative, specialInputs, "");
    }
  }

  /**
   * The same activation with every value clamped to {@code [0, 1]} (NaN stays NaN): for
   * probabilities (the responsibilities), whose forms can round one ulp past 1 (the three-prototype
   * Gaussian's at z = 38.48 came out as 1.0000000000000002, and {@code log1p(-r)} is NaN there). The
   * clamp moves a value only where it is outside, toward the exact one.
   */
  public LoweredActivation withValuesInUnitInterval() {
    return withForms((e, of) -> of.derivative() ? e
        : Expr.Call.of(Fn.MIN, Expr.Const.of(1.0), Expr.Call.of(Fn.MAX, Expr.Const.of(0.0), e)));
  }

  /**
   * What one form computes: output {@code output}'s value, its derivative in z, or its derivative in
   * the free parameter {@code parameter} (null for the other two).
   */
  public record FormOf(int output, boolean derivative, String parameter) {}

  /**
   * The same activation with every form (values, derivatives in z and in each free parameter)
   * replaced by {@code f} of it; the limits at the infinities are kept. For the passes that follow
   * the choice of forms and treat every function of every output alike (the root splices, the
   * values at jump points).
   */
  public LoweredActivation withForms(java.util.function.BiFunction<Expr, FormOf, Expr> f) {
    return withOutputs((o, of) -> new Output(f.apply(o.expr(), of), o.atNegativeInfinity(), o.atPositiveInfinity(),
        o.saturatesAtEdge()));
  }

  /**
   * The same activation with {@link EdgeSaturation} on every function for which {@code saturates}
   * holds (forms and limits kept).
   */
  public LoweredActivation withEdgeSaturation(java.util.function.Predicate<FormOf> saturates) {
    return withOutputs((o, of) -> saturates.test(of) ? o.saturatingAtEdge() : o);
  }

  /** Every function (values, derivatives in z and in each free parameter) replaced by {@code f} of it. */
  private LoweredActivation withOutputs(java.util.function.BiFunction<Output, FormOf, Output> f) {
    List<Output> newValues = new java.util.ArrayList<>();
    List<Output> newDerivatives = new java.util.ArrayList<>();
    for (int o = 0; o < values.size(); o++) {
      newValues.add(f.apply(values.get(o), new FormOf(o, false, null)));
      newDerivatives.add(f.apply(derivatives.get(o), new FormOf(o, true, null)));
    }
    java.util.Map<String, List<Output>> newParameterDerivatives = new java.util.LinkedHashMap<>();
    for (String p : freeParameters) {
      List<Output> outs = new java.util.ArrayList<>();
      for (int o = 0; o < values.size(); o++) outs.add(f.apply(parameterDerivatives.get(p).get(o), new FormOf(o, true, p)));
      newParameterDerivatives.put(p, outs);
    }
    return new LoweredActivation(spec, math, freeParameters, newValues, newDerivatives, newParameterDerivatives);
  }

  /** The same activation with the Javadoc's special-input sentences and accuracy paragraph replaced. */
  public LoweredActivation withStatement(List<String> specialInputs, String accuracy) {
    return new LoweredActivation(spec, new Math(math.energies(), math.statistic(), math.derivative(),
        specialInputs, accuracy), freeParameters, values, derivatives, parameterDerivatives);
  }
}
