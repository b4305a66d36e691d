package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.SharedEvaluation;
import dev.activations.deriver.spec.ExactNumber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores candidate forms by their worst relative error against the high-precision reference, with
 * {@link DoubleEvaluator} standing in for the generated code (it computes the same bits). Also
 * states each output's limits at the infinities from the reference at {@code +-1e300} and
 * {@code +-Double.MAX_VALUE}: equal there means saturated, and that value is the limit.
 */
public final class ReferenceScorer implements ActivationLowering.Scorer {
  private final ReferenceTable table;
  private final ReferenceEvaluator reference;
  private final Map<String, Double> variables = new HashMap<>();
  private final Map<String, Accuracy.Exact[]> exactValues = new HashMap<>();
  /**
   * The forms measured, their shared sub-expressions evaluated once per point ({@link
   * SharedEvaluation}); one pool for this scorer, its parameter derivatives and the scorers at other
   * parameter values, which measure the same forms (one thread at a time, as the selection runs).
   */
  private final SharedEvaluation.Pool forms;
  private final boolean hasFreeParameters;
  private TaylorAtZero taylor;
  private List<Map<String, ExactNumber>> elsewhereValues = List.of();
  private java.util.function.Function<Map<String, ExactNumber>, ReferenceEvaluator> elsewhereReferences;
  private List<ReferenceScorer> elsewhere; // built on first use

  public ReferenceScorer(ReferenceEvaluator reference, ReferenceTable table, Map<String, ExactNumber> freeValues) {
    this(reference, table, freeValues, new SharedEvaluation.Pool());
  }

  private ReferenceScorer(ReferenceEvaluator reference, ReferenceTable table, Map<String, ExactNumber> freeValues,
      SharedEvaluation.Pool forms) {
    this.forms = forms;
    this.reference = reference;
    this.table = table;
    freeValues.forEach((k, v) -> variables.put(k, v.toDouble()));
    this.hasFreeParameters = !freeValues.isEmpty();
  }

  @Override
  public Map<String, Double> parameterValues() {
    return withoutZ(variables);
  }

  /** The parameters of a variable map that the evaluation also uses for z. */
  private static Map<String, Double> withoutZ(Map<String, Double> variables) {
    Map<String, Double> out = new java.util.TreeMap<>(variables);
    out.remove("z");
    return Map.copyOf(out);
  }

  @Override
  public double[] points() {
    double[] zs = new double[table.points().size()];
    for (int i = 0; i < zs.length; i++) zs[i] = table.points().get(i).z().doubleValue();
    return zs;
  }

  @Override
  public double[] reference(int output, ActivationLowering.Role role) {
    double[] out = new double[table.points().size()];
    for (int i = 0; i < out.length; i++) {
      ReferencePoint p = table.points().get(i);
      out[i] = role == ActivationLowering.Role.VALUE ? p.value(output) : p.derivative(output);
    }
    return out;
  }

  @Override
  public double[] errors(Expr candidate, int output, ActivationLowering.Role role) {
    Accuracy.Exact[] exact = prepared(output, role);
    double[] out = new double[exact.length];
    SharedEvaluation form = forms.of(candidate);
    for (int i = 0; i < out.length; i++) {
      if (exact[i] == null) {
        out[i] = Double.NaN;
        continue;
      }
      variables.put("z", table.points().get(i).z().doubleValue());
      double computed = form.atOrNaN(variables);
      out[i] = Accuracy.relativeError(computed, exact[i]);
    }
    return out;
  }

  /** The reference values of one output and role, prepared once for scoring (null: no derivative). */
  private Accuracy.Exact[] prepared(int output, ActivationLowering.Role role) {
    return exactValues.computeIfAbsent(role.name() + output, k -> {
      Accuracy.Exact[] out = new Accuracy.Exact[table.points().size()];
      for (int i = 0; i < out.length; i++) {
        ReferencePoint p = table.points().get(i);
        if (role == ActivationLowering.Role.VALUE) {
          out[i] = Accuracy.Exact.of(p.values().get(output));
        } else if (p.hasDerivative(output)) {
          out[i] = Accuracy.Exact.of(p.derivatives().get(output).orElseThrow());
        }
      }
      return withoutIsolatedRoots(out, points());
    });
  }

  /**
   * {@code exact} with the sample points that are isolated roots away from 0 left out (null, as a
   * point the reference cannot decide): an exact 0 whose nearest sample points on both sides are
   * not 0. Why: there every form but one that returns exactly 0 scores {@code |computed| /
   * MIN_NORMAL} (1e290 for a rounding of 1e-17), the same for a form that is accurate everywhere
   * else and for one that is wrong over whole ranges, so the selection could not tell them apart:
   * at a symmetric point of three log-cosh prototypes ({@code z = 1/2} between the centres -1 and
   * 2) the derivative of the middle responsibility is exactly 0, the structured form scored
   * 6.0e290 there and nowhere worse than 1e-15, and a form that cancels in both tails (3.1e290)
   * was chosen. A root is the root splice's business (RootSplice, after the selection), and the
   * certification's stream is dense next to it. 0 itself stays (the near-zero repairs need it), so
   * do runs of zeros (an output identically 0 on a piece must be 0 there).
   */
  static Accuracy.Exact[] withoutIsolatedRoots(Accuracy.Exact[] exact, double[] zs) {
    Integer[] order = new Integer[zs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(zs[a], zs[b]));
    Accuracy.Exact[] out = exact.clone();
    for (int j = 0; j < order.length; j++) {
      int i = order[j];
      if (zs[i] == 0 || !isZero(exact[i])) continue;
      Accuracy.Exact below = null;
      for (int k = j - 1; k >= 0 && below == null; k--) below = exact[order[k]];
      Accuracy.Exact above = null;
      for (int k = j + 1; k < order.length && above == null; k++) above = exact[order[k]];
      if (below != null && above != null && !isZero(below) && !isZero(above)) out[i] = null;
    }
    return out;
  }

  private static boolean isZero(Accuracy.Exact e) {
    return e != null && e.hi() == 0 && e.exponent() == 0 && e.value().signum() == 0;
  }

  /**
   * This scorer with the free parameters' other values at which the forms are measured too ({@link
   * ActivationLowering.Scorer#elsewhere}): each gets its own reference, and its table at the same
   * sample points is computed when first asked for (only specs with free parameters ask).
   */
  public ReferenceScorer withElsewhere(List<Map<String, ExactNumber>> values, java.util.function.Function<Map<String, ExactNumber>, ReferenceEvaluator> references) {
    this.elsewhereValues = List.copyOf(values);
    this.elsewhereReferences = references;
    return this;
  }

  @Override
  public List<ActivationLowering.Scorer> elsewhere() {
    return List.copyOf(elsewhereScorers());
  }

  private List<ReferenceScorer> elsewhereScorers() {
    if (elsewhere == null) {
      List<ReferenceScorer> out = new java.util.ArrayList<>();
      double[] zs = points();
      for (Map<String, ExactNumber> values : elsewhereValues) {
        ReferenceEvaluator there = elsewhereReferences.apply(values);
        out.add(new ReferenceScorer(there, ReferenceTable.at(there, zs), values, forms));
      }
      elsewhere = out;
    }
    return elsewhere;
  }

  /** The high-precision reference at each of {@code zs}, at this scorer's parameter values. */
  @Override
  public Optional<double[]> referenceAt(double[] zs, int output, ActivationLowering.Role role) {
    double[] out = new double[zs.length];
    for (int i = 0; i < zs.length; i++) {
      try {
        ReferencePoint p = reference.evaluate(zs[i]);
        out[i] = role == ActivationLowering.Role.VALUE ? p.value(output)
            : p.derivatives().get(output).map(Accuracy::toDouble).orElse(Double.NaN);
      } catch (ArithmeticException | IllegalArgumentException e) {
        out[i] = Double.NaN;
      }
    }
    return Optional.of(out);
  }

  /**
   * Empty with free parameters: the coefficients would hold only for the sampled values, while the
   * generated code takes the parameters as arguments.
   */
  @Override
  public Optional<double[]> taylorAtZero(int output, ActivationLowering.Role role, int degree) {
    if (hasFreeParameters) return Optional.empty();
    if (taylor == null) taylor = new TaylorAtZero(reference.definition());
    return taylor.coefficients(output, role == ActivationLowering.Role.DERIVATIVE, degree);
  }

  /**
   * The working precision beyond which a point chooses nothing: the reference behind the selection's
   * sample table, this scorer's limits and {@link #referenceAt}, the float decision's table, and the
   * parameter derivatives at scored and verified points give up there (the point is passed over, as
   * where the reference cannot decide); roots and the certification's values and derivatives work to
   * {@link ReferenceEvaluator#MAX_WORKING_DIGITS}. A point that needs more has energies that agree
   * to thousands of digits, which no double computation tells apart, and the full budget was spent
   * on them: where the energies grow like {@code e^(a|z|)} (the exponential kernel with a free
   * rate) the parameter derivative at large |z| needed the whole 20,000 digits, and more, at each
   * sample point: minutes for one spec; the mode of saturating energies ({@code Tanh[2 (z-mu)]^2}
   * at three prototypes, undecided from |z| = 5000 to 1e15) spent 96 of its 119 s of CPU escalating
   * at the sample points to 20,000 digits (22 s to 2,000; docs/CONTRACT.md, "The selection's
   * precision budget").
   */
  public static final long SCORING_MAX_DIGITS = 2_000;

  /**
   * The sample points against the derivatives in the free parameter {@code name} (the fast path,
   * else the high-precision evaluator; no point where neither decides), as the {@link
   * ActivationLowering.Role#DERIVATIVE} role.
   */
  @Override
  public ActivationLowering.Scorer forParameter(String name) {
    double[] zs = points();
    Map<String, Double> vars = new HashMap<>(variables);
    return new ActivationLowering.Scorer() {
      /** Per sample point, the derivatives of every output (one evaluation gives them all), or null. */
      private Accuracy.Exact[][] prepared;
      /** Per output, its column of {@link #prepared} without the isolated roots (errors() asks for it per candidate). */
      private final Map<Integer, Accuracy.Exact[]> columns = new HashMap<>();

      private Accuracy.Exact[] exact(int output) {
        return columns.computeIfAbsent(output, this::column);
      }

      private Accuracy.Exact[] column(int output) {
        if (prepared == null) {
          prepared = new Accuracy.Exact[zs.length][];
          for (int i = 0; i < zs.length; i++) {
            double z = zs[i];
            prepared[i] = reference.parameterDerivativeFast(z, name)
                .or(() -> reference.parameterDerivative(z, name, SCORING_MAX_DIGITS)).orElse(null);
          }
        }
        Accuracy.Exact[] out = new Accuracy.Exact[zs.length];
        for (int i = 0; i < zs.length; i++) out[i] = prepared[i] == null ? null : prepared[i][output];
        return withoutIsolatedRoots(out, zs);
      }

      @Override
      public double[] points() {
        return zs;
      }

      @Override
      public List<ActivationLowering.Scorer> elsewhere() {
        return elsewhereScorers().stream().map(s -> s.forParameter(name)).toList();
      }

      @Override
      public Map<String, Double> parameterValues() {
        return withoutZ(vars);
      }

      @Override
      public double[] reference(int output, ActivationLowering.Role role) {
        Accuracy.Exact[] e = exact(output);
        double[] out = new double[e.length];
        for (int i = 0; i < out.length; i++) out[i] = e[i] == null ? Double.NaN : Accuracy.toDouble(e[i].value());
        return out;
      }

      @Override
      public double[] errors(Expr candidate, int output, ActivationLowering.Role role) {
        Accuracy.Exact[] e = exact(output);
        double[] out = new double[e.length];
        SharedEvaluation form = forms.of(candidate);
        for (int i = 0; i < out.length; i++) {
          if (e[i] == null) {
            out[i] = Double.NaN;
            continue;
          }
          vars.put("z", zs[i]);
          double computed = form.atOrNaN(vars);
          out[i] = Accuracy.relativeError(computed, e[i]);
        }
        return out;
      }

      @Override
      public double[] limits(int output, ActivationLowering.Role role) {
        return new double[] {Double.NaN, Double.NaN};
      }

      /**
       * The derivative in the parameter at arbitrary points, as the sample's are decided: the nodes
       * of the expansions at the infinities ({@code Repairs.asymptoticTails}) of a parameter
       * derivative that is a second difference far out (the three-centre Student-t variance's
       * {@code dNu} at the default nu = 3 is about -1e-308 at z = -1.3e154, and every form gave
       * 1e-170 or so there).
       */
      @Override
      public Optional<double[]> referenceAt(double[] at, int output, ActivationLowering.Role role) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
          double z = at[i];
          Accuracy.Exact[] exact;
          try {
            exact = reference.parameterDerivativeFast(z, name)
                .or(() -> reference.parameterDerivative(z, name, SCORING_MAX_DIGITS)).orElse(null);
          } catch (ArithmeticException | IllegalArgumentException e) {
            exact = null;
          }
          out[i] = exact == null ? Double.NaN : Accuracy.toDouble(exact[output].value());
        }
        return Optional.of(out);
      }
    };
  }

  @Override
  public double[] limits(int output, ActivationLowering.Role role) {
    if (hasFreeParameters) return new double[] {Double.NaN, Double.NaN};
    return new double[] {limit(-1, output, role), limit(1, output, role)};
  }

  private double limit(int sign, int output, ActivationLowering.Role role) {
    try {
      ReferencePoint far = reference.evaluate(sign * 1e300);
      ReferencePoint farthest = reference.evaluate(sign * Double.MAX_VALUE);
      double a = role == ActivationLowering.Role.VALUE ? far.value(output) : far.derivative(output);
      double b = role == ActivationLowering.Role.VALUE ? farthest.value(output) : farthest.derivative(output);
      if (Double.isNaN(a) || Double.isNaN(b)) return Double.NaN;
      if (Double.isInfinite(a) && a == b) return a;
      if (a == b || Math.abs(a - b) <= 1e-12 * Math.abs(b)) return b;
      return Double.NaN;
    } catch (ArithmeticException | InsufficientPrecisionException e) {
      return reference.definition().stat() == Statistic.MODE ? modeLimit(sign, output, role) : Double.NaN;
    }
  }

  /**
   * The mode's limit where the reference cannot decide the winner at 1e300 (energies that
   * underflow there, such as the logistic's {@code Log[1+E^(1-z)]}, are e^-1e300 with no digits
   * left): the mode takes one of finitely many values, so the same value at 1e12 and 1e15 (the
   * farthest magnitudes the reference decides for such energies) is taken as the limit. NaN when
   * they differ or are undecided too.
   */
  private double modeLimit(int sign, int output, ActivationLowering.Role role) {
    try {
      ReferencePoint a = reference.evaluate(sign * 1e12);
      ReferencePoint b = reference.evaluate(sign * 1e15);
      double x = role == ActivationLowering.Role.VALUE ? a.value(output) : a.derivative(output);
      double y = role == ActivationLowering.Role.VALUE ? b.value(output) : b.derivative(output);
      return x == y ? y : Double.NaN;
    } catch (ArithmeticException | InsufficientPrecisionException e) {
      return Double.NaN;
    }
  }
}
