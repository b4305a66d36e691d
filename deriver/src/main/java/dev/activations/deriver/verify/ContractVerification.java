package dev.activations.deriver.verify;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.LoweredActivation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Certifies a lowered activation against the numerical contract at points that chose nothing
 * ({@link VerificationStream}): relative error at most {@link Contract#VALUE_TOLERANCE} for values
 * and {@link Contract#DERIVATIVE_TOLERANCE} for derivatives (scale floor {@code Double.MIN_NORMAL}),
 * finite wherever the exact result is finite.
 *
 * <p>The forms are evaluated with {@link DoubleEvaluator}, which computes the bits the generated
 * code computes; {@code --check} repeats the measurement on the compiled class.
 */
public final class ContractVerification {

  private ContractVerification() {}

  /**
   * The reference at one input: empty where the definition has no finite value (no point), or
   * where the fast path cannot decide ({@link #fast}).
   */
  public interface Reference {
    /** The fast path (double-double); empty where it cannot decide to 1e-17. */
    Optional<Point> fast(double z);

    /** The high-precision evaluator: exact, and some hundred times slower. */
    Optional<Point> exact(double z);

    /**
     * The fast path to {@link #SCREEN} relative instead of 1e-17: too coarse to certify a point,
     * fine enough to show that a form misses there ({@link #measure} escalates such a point).
     */
    default Optional<Point> screen(double z) {
      return Optional.empty();
    }

    /** The derivatives with respect to a free parameter (the fast path only); empty where undecided. */
    default Optional<Accuracy.Exact[]> parameter(double z, String name) {
      return Optional.empty();
    }

    /** The derivatives with respect to a free parameter by the high-precision evaluator; empty where it cannot. */
    default Optional<Accuracy.Exact[]> parameterExact(double z, String name) {
      return Optional.empty();
    }

    /** {@link #parameter} to {@link #SCREEN} relative: {@link #screen} for a parameter derivative. */
    default Optional<Accuracy.Exact[]> parameterScreen(double z, String name) {
      return Optional.empty();
    }

    static Reference of(ReferenceEvaluator evaluator) {
      return new Reference() {
        @Override
        public Optional<Point> fast(double z) {
          return evaluator.evaluateFastWithDifferences(z);
        }

        @Override
        public Optional<Point> screen(double z) {
          return evaluator.evaluateFastWithDifferences(z, SCREEN);
        }

        @Override
        public Optional<Accuracy.Exact[]> parameter(double z, String name) {
          return evaluator.parameterDerivativeFastWithDifferences(z, name);
        }

        @Override
        public Optional<Accuracy.Exact[]> parameterExact(double z, String name) {
          return evaluator.parameterDerivative(z, name, ReferenceScorer.SCORING_MAX_DIGITS);
        }

        @Override
        public Optional<Accuracy.Exact[]> parameterScreen(double z, String name) {
          return evaluator.parameterDerivativeFastWithDifferences(z, name, SCREEN);
        }

        @Override
        public Optional<Point> exact(double z) {
          try {
            return Optional.of(Point.of(evaluator.evaluate(z)));
          } catch (ArithmeticException | InsufficientPrecisionException | org.apfloat.ApfloatRuntimeException e) {
            return Optional.empty();
          }
        }
      };
    }
  }

  /**
   * The reference at one input, prepared for scoring: each output's value and derivative (null
   * where the derivative does not exist: a kink).
   */
  public record Point(Accuracy.Exact[] values, Accuracy.Exact[] derivatives) {
    static Point of(ReferencePoint p) {
      Accuracy.Exact[] vs = new Accuracy.Exact[p.outputs()];
      Accuracy.Exact[] ds = new Accuracy.Exact[p.outputs()];
      for (int i = 0; i < vs.length; i++) {
        vs[i] = Accuracy.Exact.of(p.values().get(i));
        ds[i] = p.derivatives().get(i).map(Accuracy.Exact::of).orElse(null);
      }
      return new Point(vs, ds);
    }
  }

  /** Verified points per output: the contract's minimum. */
  public static final int TARGET = Math.max(16, Integer.getInteger("derive.verify.points", VerificationStream.DEFAULT_COUNT));
  /**
   * Points per output the high-precision evaluator decides where the fast path cannot (tiny and
   * huge |z| of energies that cancel there, ties, kinks): a fixed count, so the cost is bounded
   * and the outcome the same on every machine; further such points are passed over and later
   * points of the stream take their place.
   */
  public static final int ESCALATIONS = Integer.getInteger("derive.verify.escalations", 32);

  /**
   * The worst error found for one function of the class ({@code value}, {@code derivative},
   * {@code value[1]}, ...).
   */
  public record Worst(String function, double z, double computed, BigDecimal exact, double error, double tolerance) {
    public boolean passes() {
      return error <= tolerance;
    }

    /** One sentence naming the point: for exit messages. */
    public String describe() {
      return function + " at z = " + z + " is " + computed + " but the exact value is "
          + format(exact) + " (relative error " + String.format(Locale.ROOT, "%.2e", error)
          + "; the contract allows " + Contract.text(tolerance) + ")";
    }
  }

  /**
   * The outcome: how many points were verified (per output, summed), how many of them the
   * high-precision evaluator decided, how many stream points were passed over (undecided by the
   * fast path beyond the escalation budget), and the worst error of every function measured.
   */
  public record Verdict(int points, int escalated, int passedOver, List<Worst> worst) {
    public Verdict {
      worst = List.copyOf(worst);
    }

    public boolean passed() {
      return worst.stream().allMatch(Worst::passes);
    }

    /** Both measurements: points and counts added, the worst of every function of either. */
    public Verdict and(Verdict other) {
      List<Worst> all = new ArrayList<>(worst);
      all.addAll(other.worst);
      return new Verdict(points + other.points, escalated + other.escalated, passedOver + other.passedOver, all);
    }

    /** The function furthest outside (or least inside) its tolerance. */
    public Optional<Worst> worstOfAll() {
      Worst w = null;
      for (Worst x : worst) {
        if (w == null || ratio(x) > ratio(w)) w = x;
      }
      return Optional.ofNullable(w);
    }

    /** True when some finite input gave a non-finite result where the exact one is finite. */
    public boolean nonFiniteSeen() {
      return worst.stream().anyMatch(w -> Double.isFinite(w.z()) && !Double.isFinite(w.computed())
          && Double.isFinite(Accuracy.toDouble(w.exact())));
    }

    private static double ratio(Worst w) {
      double r = w.error() / w.tolerance();
      return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    /** The class Javadoc's accuracy paragraph: what was measured, where, and whether it meets the contract. */
    public String javadoc(Map<String, Double> free) {
      StringBuilder sb = new StringBuilder();
      sb.append("Measured when this class was derived, at ").append(points)
          .append(" inputs that no form selection saw (a seeded stream per output: log-uniform"
              + " magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots,"
              + " kinks, splice boundaries, saturation thresholds and where the energies leave the double"
              + " range at each parameter value measured; ").append(escalated)
          .append(" of them decided by the high-precision evaluator, the rest by its double-double"
              + " fast path; ").append(passedOver)
          .append(" stream inputs that only the high-precision evaluator could decide were passed over)");
      if (!free.isEmpty()) {
        List<String> bind = new ArrayList<>();
        free.forEach((k, v) -> bind.add(k + " = " + v));
        sb.append(" with ").append(String.join(", ", bind))
            .append(" (and at other values in the parameters' domains, where named)");
      }
      sb.append(", against an independent high-precision evaluation of the definition: worst relative error ");
      List<String> parts = new ArrayList<>();
      for (Worst w : worst) {
        parts.add(w.error() == 0 ? "0 for " + w.function()
            : String.format(Locale.ROOT, "%.1e", w.error()) + " for " + w.function() + " (at z = " + w.z() + ")");
      }
      sb.append(String.join(", ", parts)).append('.');
      if (passed()) {
        sb.append(" That meets the contract: at most 1e-12 for values and 1e-10 for derivatives"
            + " (relative, with Double.MIN_NORMAL as the floor of the scale).");
      } else {
        Worst w = worstOfAll().orElseThrow();
        sb.append(" This class does NOT meet the contract (at most 1e-12 for values and 1e-10 for"
            + " derivatives); it was written with --accept-inaccurate. Worst: ").append(w.describe()).append('.');
      }
      return sb.toString();
    }
  }

  /**
   * A function of the class to measure: its name, form, output index, whether it is a derivative,
   * and the free parameter it differentiates with respect to (null: z, or none).
   */
  public record Function(String name, Expr form, int output, boolean derivative, String parameter,
      boolean saturatesAtEdge) {
    public Function(String name, Expr form, int output, boolean derivative) {
      this(name, form, output, derivative, null);
    }

    public Function(String name, Expr form, int output, boolean derivative, String parameter) {
      this(name, form, output, derivative, parameter, false);
    }

    /** The same function under another name (a parameter assignment's). */
    public Function named(String newName) {
      return new Function(newName, form, output, derivative, parameter, saturatesAtEdge);
    }

    /** The contract's bound for this function: a value's, or a derivative's (parameter derivatives too). */
    double tolerance() {
      return derivative ? Contract.DERIVATIVE_TOLERANCE : Contract.VALUE_TOLERANCE;
    }
  }

  /** The value and derivative of every output, named as the generated methods are. */
  public static List<Function> functions(LoweredActivation a) {
    List<Function> out = new ArrayList<>();
    int n = a.values().size();
    for (int o = 0; o < n; o++) {
      String suffix = n > 1 ? "[" + o + "]" : "";
      LoweredActivation.Output value = a.values().get(o);
      LoweredActivation.Output derivative = a.derivatives().get(o);
      out.add(new Function("value" + suffix, value.expr(), o, false, null, value.saturatesAtEdge()));
      out.add(new Function("derivative" + suffix, derivative.expr(), o, true, null, derivative.saturatesAtEdge()));
      for (String p : a.freeParameters()) {
        LoweredActivation.Output d = a.parameterDerivatives().get(p).get(o);
        out.add(new Function(dev.activations.deriver.emit.ClassEmitter.derivativeMethod(p) + suffix,
            d.expr(), o, true, p, d.saturatesAtEdge()));
      }
    }
    return out;
  }

  /** How a function is computed at one input: the IR in double, or the compiled class. */
  public interface Evaluation {
    double evaluate(Function f, double z);

    /** The forms in double, as the generated code computes them ({@link DoubleEvaluator}). */
    static Evaluation of(Map<String, Double> free) {
      // each form is evaluated at thousands of points: compiled once
      Map<Expr, java.util.function.DoubleUnaryOperator> compiled = new java.util.IdentityHashMap<>();
      boolean parametersFinite = free.values().stream().allMatch(Double::isFinite);
      return (f, z) -> {
        java.util.function.DoubleUnaryOperator form = compiled.computeIfAbsent(f.form(), e -> {
          java.util.function.DoubleUnaryOperator plain;
          try {
            plain = DoubleEvaluator.inZ(e, free);
          } catch (ArithmeticException | IllegalArgumentException undefined) {
            return x -> Double.NaN;
          }
          return x -> {
            try {
              return plain.applyAsDouble(x);
            } catch (ArithmeticException | IllegalArgumentException undefined) {
              return Double.NaN;
            }
          };
        });
        double r = form.applyAsDouble(z);
        // as the generated method computes it (ClassEmitter)
        return f.saturatesAtEdge() ? dev.activations.deriver.lowering.EdgeSaturation.apply(form, z, r, parametersFinite) : r;
      };
    }
  }

  /** A reference that evaluates each input once (form selection, --out and --check share it). */
  public static Reference cached(Reference reference) {
    Map<Double, Optional<Point>> fast = new java.util.concurrent.ConcurrentHashMap<>();
    Map<Double, Optional<Point>> exact = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Optional<Accuracy.Exact[]>> parameterExact = new java.util.concurrent.ConcurrentHashMap<>();
    return new Reference() {
      @Override
      public Optional<Point> fast(double z) {
        return fast.computeIfAbsent(z, reference::fast);
      }

      @Override
      public Optional<Point> exact(double z) {
        return exact.computeIfAbsent(z, reference::exact);
      }

      @Override
      public Optional<Point> screen(double z) {
        return reference.screen(z);
      }

      @Override
      public Optional<Accuracy.Exact[]> parameterScreen(double z, String name) {
        return reference.parameterScreen(z, name);
      }

      @Override
      public Optional<Accuracy.Exact[]> parameter(double z, String name) {
        return reference.parameter(z, name);
      }

      @Override
      public Optional<Accuracy.Exact[]> parameterExact(double z, String name) {
        return parameterExact.computeIfAbsent(name + " " + z, k -> reference.parameterExact(z, name));
      }
    };
  }

  /**
   * Measures every function at the points of its output, in stream order, until {@link #TARGET}
   * points of that output are verified: each by the fast reference, or, for at most {@link
   * #ESCALATIONS} per output, by the high-precision one; points neither decides are passed over,
   * unless the fast path at {@link #SCREEN} shows a form missing there ({@link #missesAt}): then
   * the high-precision evaluator decides the point beyond the budget.
   * Each parameter derivative is measured at {@link #TARGET} points of its own (further stream
   * points where the fast path or {@link #PARAMETER_ESCALATIONS} cannot decide it at the first ones).
   *
   * @param pointsPerOutput the inputs for each output, in stream order
   */
  public static Verdict measure(List<Function> functions, double[][] pointsPerOutput, Reference reference,
      Evaluation evaluation) {
    Map<String, Worst> worst = new java.util.LinkedHashMap<>();
    for (Function f : functions) {
      worst.put(f.name(), new Worst(f.name(), 0, 0, BigDecimal.ZERO, 0,
          f.tolerance()));
    }
    int verified = 0;
    int escalated = 0;
    int passedOver = 0;
    // parameter derivatives: the extremes first (the special-input contract), decided by the
    // high-precision evaluator where the fast path cannot
    for (Function f : functions) {
      if (f.parameter() == null) continue;
      for (double z : EXTREMES) {
        Optional<Accuracy.Exact[]> dp = reference.parameter(z, f.parameter())
            .or(() -> reference.parameterExact(z, f.parameter()));
        if (dp.isPresent()) record(worst, f, z, dp.get()[f.output()], evaluation);
      }
    }
    for (int o = 0; o < pointsPerOutput.length; o++) {
      int verifiedHere = 0;
      int escalatedHere = 0;
      Map<String, Integer> parameterEscalations = new HashMap<>();
      // points at which each parameter derivative of this output was measured: where the fast path
      // cannot decide one beyond its escalations, the stream goes on for it alone until it has TARGET
      // points too (the log-cosh mean's dA stopped at 9,984: its 16 escalations were spent on the
      // tiny |z| whose values the high-precision evaluator had decided)
      Map<String, Integer> parameterPoints = new HashMap<>();
      for (Function f : functions) if (f.output() == o && f.parameter() != null) parameterPoints.put(f.name(), 0);
      for (double z : pointsPerOutput[o]) {
        boolean valuesDone = verifiedHere >= TARGET;
        if (valuesDone && parameterPoints.values().stream().allMatch(n -> n >= TARGET)) break;
        Point p = null;
        if (!valuesDone) {
          Optional<Point> ref = reference.fast(z);
          if (ref.isEmpty()) {
            if (escalatedHere >= ESCALATIONS && !missesAt(functions, o, z, reference, evaluation)) {
              passedOver++;
              continue;
            }
            escalatedHere++;
            ref = reference.exact(z);
            if (ref.isEmpty()) continue; // no finite value: no point
            escalated++;
          }
          verifiedHere++;
          p = ref.get();
        }
        for (Function f : functions) {
          if (f.output() != o || (valuesDone && f.parameter() == null)) continue;
          Accuracy.Exact exact;
          if (f.parameter() != null) {
            if (parameterPoints.get(f.name()) >= TARGET) continue;
            Optional<Accuracy.Exact[]> dp = reference.parameter(z, f.parameter());
            if (dp.isEmpty()) {
              // undecided by the fast path (a parameter derivative that cancels, such as the
              // Student-t mean's dNu ~ z^3 near 0): the high-precision evaluator, within a budget
              int used = parameterEscalations.getOrDefault(f.name(), 0);
              if (used >= PARAMETER_ESCALATIONS && !parameterMissesAt(f, z, reference, evaluation)) {
                passedOver++;
                continue;
              }
              parameterEscalations.put(f.name(), used + 1);
              dp = reference.parameterExact(z, f.parameter());
              if (dp.isEmpty()) continue;
              escalated++;
            }
            exact = dp.get()[o];
            parameterPoints.merge(f.name(), 1, Integer::sum);
          } else {
            exact = f.derivative() ? p.derivatives()[o] : p.values()[o];
          }
          record(worst, f, z, exact, evaluation);
        }
      }
      verified += verifiedHere;
    }
    return new Verdict(verified, escalated, passedOver, new ArrayList<>(worst.values()));
  }

  /**
   * Accuracy of {@link Reference#screen}: a hundredth of the value contract, so that a measured
   * error above half a tolerance is one.
   */
  public static final double SCREEN = 1e-14;

  /**
   * Whether the screen ({@link Reference#screen}) shows a value or derivative of output {@code o}
   * off by more than half its tolerance at z. Why: beyond its {@link #ESCALATIONS} a stream point
   * the fast path cannot decide to 1e-17 was passed over unmeasured, and those are the points next
   * to roots where forms cancel (the gated Tukey free energy: 3,671 passed over, and the one miss
   * found, 1.9e-9 next to a root, was found by one of the 32 escalations by chance). A point
   * that misses this way is decided by the high-precision evaluator whatever the budget, so a
   * miss the screen sees is never passed over; a point the screen cannot decide either stays passed over.
   */
  private static boolean missesAt(List<Function> functions, int o, double z, Reference reference,
      Evaluation evaluation) {
    Optional<Point> loose = reference.screen(z);
    if (loose.isEmpty()) return false;
    for (Function f : functions) {
      if (f.output() != o || f.parameter() != null) continue;
      Accuracy.Exact exact = f.derivative() ? loose.get().derivatives()[o] : loose.get().values()[o];
      if (exact != null && offByHalf(f, z, exact, evaluation)) return true;
    }
    return false;
  }

  /** {@link #missesAt} for a parameter derivative: its screen shows it off by more than half its tolerance at z. */
  private static boolean parameterMissesAt(Function f, double z, Reference reference, Evaluation evaluation) {
    Optional<Accuracy.Exact[]> loose = reference.parameterScreen(z, f.parameter());
    return loose.isPresent() && offByHalf(f, z, loose.get()[f.output()], evaluation);
  }

  /** Whether {@code f} at z is off by more than half its tolerance against a screened value. */
  private static boolean offByHalf(Function f, double z, Accuracy.Exact screened, Evaluation evaluation) {
    return !(Accuracy.relativeError(evaluation.evaluate(f, z), screened) <= f.tolerance() / 2);
  }

  /**
   * Inputs at which every parameter derivative is measured, whatever the stream holds: the
   * special-input contract's finite extremes (a {@code dS} that overflowed to NaN at {@code
   * Double.MAX_VALUE} went unseen because only the high-precision evaluator decides there).
   */
  static final double[] EXTREMES = {
    Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, -1e300, 1e100, -1e100, 1e16, -1e16, 1e8, -1e8,
    1e-8, -1e-8, 1e-100, -1e-100, 1e-300, -1e-300, Double.MIN_NORMAL, -Double.MIN_NORMAL,
    Double.MIN_VALUE, -Double.MIN_VALUE, 0.0, -0.0};

  /** Stream points per output and parameter derivative that the high-precision evaluator decides where the fast path cannot. */
  public static final int PARAMETER_ESCALATIONS = Integer.getInteger("derive.verify.parameterEscalations", 16);

  private static void record(Map<String, Worst> worst, Function f, double z, Accuracy.Exact exact, Evaluation evaluation) {
    if (exact == null) return; // a kink: no derivative to compare with
    double computed = evaluation.evaluate(f, z);
    double error = Accuracy.relativeError(computed, exact);
    Worst w = worst.get(f.name());
    if (!(error <= w.error())) {
      worst.put(f.name(), new Worst(f.name(), z, computed, exact.value(),
          Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, w.tolerance()));
    }
  }

  private static String format(BigDecimal exact) {
    double d = Accuracy.toDouble(exact);
    return Double.isFinite(d) && d != 0 ? Double.toString(d) : exact.round(new java.math.MathContext(17)).toString();
  }
}
