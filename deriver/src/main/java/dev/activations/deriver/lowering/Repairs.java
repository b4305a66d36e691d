package dev.activations.deriver.lowering;

import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.lowering.ActivationLowering.Candidate;
import dev.activations.deriver.lowering.ActivationLowering.Role;
import dev.activations.deriver.lowering.ActivationLowering.Scorer;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;

/**
 * Two measured repairs of a candidate form, each used only where the reference shows it is needed
 * and kept only if it scores better (the caller decides):
 *
 * <ul>
 *   <li><b>saturation</b>: beyond the smallest sample magnitude from which the reference already
 *       equals the limit at the infinity (as a double, at every larger sample point), return the
 *       limit. Far tails are where intermediate results overflow ({@code 0 * Inf}, {@code
 *       Inf/Inf}) although the exact result has long been constant;
 *   <li><b>near-zero series</b>: where the exact value at 0 is 0 and the candidate loses digits
 *       near 0 ({@code z - tanh z}, the Gaussian free energy's derivative), evaluate the closed
 *       form's Taylor polynomial (Symja's {@code Series}, or coefficients fitted to the reference
 *       where that takes too long) for |z| below the largest sample magnitude at which the
 *       candidate is still accurate.
 * </ul>
 */
final class Repairs {
  /** DERIVE_TRACE_NEAR_ZERO: each near-zero split tried, with the form's and the patch's errors at the points. */
  private static final boolean TRACE_NEAR_ZERO = System.getenv("DERIVE_TRACE_NEAR_ZERO") != null;
  /** DERIVE_TRACE: each tail tried at other parameter values. */
  private static final boolean TRACE_TAILS = System.getenv("DERIVE_TRACE") != null;
  private static final int SERIES_ORDER = 16; // order 28 can take Symja 9 s; 16 is < 1 s
  /**
   * Work for Series. The largest one kept in the catalog (GaussianSignedEntropy's derivative, 3.4 to
   * 3.7 s of CPU with C1 only) needs about 0.6 million steps; the ones that do not finish within
   * 2.4 million need tens of seconds.
   */
  private static final WorkBudget SERIES_LIMIT = WorkBudget.SERIES;
  /** Where a safe form exists already and the patch could only make a cheaper one. */
  private static final WorkBudget OPTIONAL_SERIES_LIMIT = WorkBudget.OPTIONAL;

  private final Symja symja;
  private final Lowerer lowerer;
  private final Scorer scorer;
  private final int output;
  private final Role role;
  private final double[] limits;
  private final double[] points;
  private final double[] reference;
  private final double tolerance;

  /** Scorers at other parameter values (parameter derivatives only; empty otherwise). */
  private final List<Scorer> elsewhere;
  /** The parameter values {@link #scorer} measures at: the defaults. */
  private final java.util.Map<String, Double> defaults;

  /** The derivation's kinks that are numbers, other than 0 (their own splices take the points next to them). */
  private final double[] kinks;

  Repairs(Symja symja, Lowerer lowerer, Scorer scorer, int output, Role role, double[] limits,
      List<Scorer> elsewhere, java.util.Map<String, Double> defaults) {
    this(symja, lowerer, scorer, output, role, limits, elsewhere, defaults, new double[0]);
  }

  Repairs(Symja symja, Lowerer lowerer, Scorer scorer, int output, Role role, double[] limits,
      List<Scorer> elsewhere, java.util.Map<String, Double> defaults, double[] kinks) {
    this.kinks = java.util.Arrays.stream(kinks).filter(k -> k != 0).toArray();
    this.elsewhere = elsewhere;
    this.defaults = defaults;
    this.symja = symja;
    this.lowerer = lowerer;
    this.scorer = scorer;
    this.output = output;
    this.role = role;
    this.limits = limits;
    this.points = scorer.points();
    this.reference = scorer.reference(output, role);
    this.tolerance = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
  }

  Optional<Candidate> saturated(Candidate c) {
    double[] errors = scorer.errors(c.expr(), output, role);
    Expr.Var z = new Expr.Var("z");
    Expr guarded = c.expr();
    boolean changed = false;
    double[] limits = {orBeyondRange(-1, this.limits[0]), orBeyondRange(+1, this.limits[1])};
    double above = threshold(+1, limits[1], errors);
    if (!Double.isNaN(above)) {
      guarded = new Expr.Cond(atDefaultsAnd(new Expr.Test.Compare(Expr.Test.Op.GE, z, Expr.Const.of(above))),
          Expr.Const.of(limits[1]), guarded);
      changed = true;
    }
    double below = threshold(-1, limits[0], errors);
    if (!Double.isNaN(below)) {
      guarded = new Expr.Cond(atDefaultsAnd(new Expr.Test.Compare(Expr.Test.Op.LE, z, Expr.Const.of(below))),
          Expr.Const.of(limits[0]), guarded);
      changed = true;
    }
    return changed ? Optional.of(new Candidate(c.form() + "+saturation", guarded)) : Optional.empty();
  }

  /**
   * The last doubles before an output leaves the double range: there its exact value lies within an
   * ulp or so of {@code MAX_VALUE} (at the point the spec's overflow points put a sample on, the
   * gated free energy of {@code Abs[z-mu]^(3/2) + Log[Cosh[z-mu]]/3} is 1.797693134862315715e308,
   * between {@code MAX_VALUE} and the least value that rounds to Infinity), and a form with an ulp
   * of error overflows: Infinity for a finite exact value. On each side where {@code c} gives
   * {@code +-Infinity} at a sample point whose reference is finite, the form's infinities are taken
   * as {@code +-MAX_VALUE} from 0 up to the output's own overflow point on that side (the first
   * double at which the reference rounds to Infinity, bisected over the doubles; the whole side
   * where the reference never does), and left alone beyond it. Only at the defaults: the point
   * moves with free parameters. Empty where no such sample point exists.
   */
  Optional<Candidate> overflowEdge(Candidate c) {
    // the form is evaluated only where its measured error (the scorer's, kept per form) is not finite
    double[] errors = scorer.errors(c.expr(), output, role);
    java.util.Map<String, Double> at = new java.util.HashMap<>(scorer.parameterValues());
    Expr.Var z = new Expr.Var("z");
    Expr guarded = c.expr();
    boolean changed = false;
    for (int side : new int[] {+1, -1}) {
      double inside = Double.NaN; // the farthest such miss on this side
      for (int i = 0; i < points.length; i++) {
        if (side * points[i] <= 0 || errors[i] < Double.POSITIVE_INFINITY || !(Math.abs(reference[i]) <= Double.MAX_VALUE)) continue;
        at.put("z", points[i]);
        if (Double.isInfinite(DoubleEvaluator.evaluateOrNaN(c.expr(), at)) && !(side * points[i] < side * inside)) inside = points[i];
      }
      if (Double.isNaN(inside)) continue;
      double edge = overflowPoint(side, inside);
      if (Double.isNaN(edge)) continue;
      Expr.Test within = new Expr.Test.And(List.of(
          new Expr.Test.Compare(side > 0 ? Expr.Test.Op.GE : Expr.Test.Op.LE, z, Expr.Const.of(0.0)),
          new Expr.Test.Compare(side > 0 ? Expr.Test.Op.LT : Expr.Test.Op.GT, z, Expr.Const.of(edge))));
      Expr clamped = Expr.Call.of(Fn.MIN, Expr.Call.of(Fn.MAX, guarded, Expr.Const.of(-Double.MAX_VALUE)), Expr.Const.of(Double.MAX_VALUE));
      guarded = new Expr.Cond(atDefaultsAnd(within), clamped, guarded);
      changed = true;
    }
    return changed ? Optional.of(new Candidate(c.form() + "+overflow-edge", guarded)) : Optional.empty();
  }

  /**
   * The first double beyond {@code inside} (on {@code side}) at which the reference rounds to
   * Infinity, {@code side * Infinity} where it does not up to {@code side * MAX_VALUE}, NaN where
   * the reference cannot say (or is not finite at {@code inside}).
   */
  private double overflowPoint(int side, double inside) {
    return overflowPoint(side, inside, side * Double.MAX_VALUE);
  }

  /** {@link #overflowPoint(int, double)} searched between {@code inside} and {@code beyond} (same side). */
  private double overflowPoint(int side, double inside, double beyond) {
    double[] ends = scorer.referenceAt(new double[] {inside, beyond}, output, role).orElse(null);
    if (ends == null || !(Math.abs(ends[0]) <= Double.MAX_VALUE) || Double.isNaN(ends[1])) return Double.NaN;
    if (!Double.isInfinite(ends[1])) return side * Double.POSITIVE_INFINITY;
    // same sign: the doubles between are ordered by their bits
    long finite = Double.doubleToRawLongBits(Math.abs(inside));
    long infinite = Double.doubleToRawLongBits(Math.abs(beyond));
    while (infinite - finite > 1) {
      long mid = finite + (infinite - finite) / 2;
      double[] r = scorer.referenceAt(new double[] {side * Double.longBitsToDouble(mid)}, output, role).orElse(null);
      if (r == null || Double.isNaN(r[0])) return Double.NaN;
      if (Double.isInfinite(r[0])) infinite = mid;
      else finite = mid;
    }
    return side * Double.longBitsToDouble(infinite);
  }

  /**
   * The far tails of a parameter derivative taken from the form itself: beyond the farthest sample
   * point {@code T} at which {@code c} is still accurate and from which the reference follows a
   * power law {@code f(z) = f(T) (z/T)^k} to within the repair margin at every sample point further
   * out, {@code c(T) (z/T)^k} (and 0 where the reference is exactly 0 from T outwards: a derivative
   * that has underflowed for good while the form meets {@code Inf - Inf}). {@code c(T)} is computed by the generated code from {@code c}, so it
   * follows the parameters (a limit that depends on them, like the pseudo-Huber {@code dDelta}'s
   * {@code sech(delta)^2}). Why: far out, {@code z^2}-type intermediates overflow (beyond 1e154) in
   * forms whose exact value is constant or grows like z; the saturation guard ({@link #saturated})
   * needs limits that hold for every parameter value, which a free parameter has not. Only where the
   * measurement shows {@code c} inaccurate beyond {@code T}; empty otherwise.
   */
  Optional<Candidate> poweredTails(Candidate c) {
    double[] errors = scorer.errors(c.expr(), output, role);
    Expr guarded = c.expr();
    boolean changed = false;
    for (int side : new int[] {+1, -1}) {
      int at = -1;
      int k = 0;
      boolean zero = false;
      boolean inaccurateBeyond = false;
      for (int step = 0; step < points.length; step++) {
        int i = side > 0 ? points.length - 1 - step : step; // walk inwards from the far end
        double t = points[i];
        if (side * t <= 0) break;
        if (!(errors[i] <= tolerance)) {
          if (!Double.isNaN(errors[i])) inaccurateBeyond = true;
          continue;
        }
        if (!inaccurateBeyond) break; // accurate at the far end: nothing to repair on this side
        OptionalPower power = powerLaw(i, side);
        if (power.present()) {
          at = i;
          k = power.k();
          zero = power.zero();
        }
        break;
      }
      if (at < 0) continue;
      guarded = withPoweredTail(guarded, c.expr(), side, points[at], new OptionalPower(true, k, zero));
      changed = true;
    }
    return changed ? Optional.of(new Candidate(c.form() + "+powered-tails", guarded)) : Optional.empty();
  }

  /** {@code guarded} with {@code c(T) (z/T)^k} (or 0) from T outwards on {@code side}. */
  private static Expr withPoweredTail(Expr guarded, Expr c, int side, double t, OptionalPower power) {
    Expr.Var z = new Expr.Var("z");
    int k = power.k();
    Expr atT = Exprs.substituteZ(c, t);
    Expr ratio = new Expr.Div(z, Expr.Const.of(t));
    // k = 1 as (c(T)/T) z: c(T) (z/T) overflows at z = MAX_VALUE when z/T rounds up
    Expr tail = power.zero() ? Expr.Const.of(0.0)
        : k == 0 ? atT
        : k == 1 ? new Expr.Mul(List.of(new Expr.Div(atT, Expr.Const.of(t)), z))
        : k > 0 ? new Expr.Mul(List.of(atT, power(ratio, k))) : new Expr.Div(atT, power(ratio, -k));
    Expr.Test.Op op = side > 0 ? Expr.Test.Op.GE : Expr.Test.Op.LE;
    return new Expr.Cond(new Expr.Test.Compare(op, z, Expr.Const.of(t)), tail, guarded);
  }

  /** The least magnitude a sample point needs to start a tail for {@link #poweredTailsElsewhere}. */
  private static final double ELSEWHERE_TAIL_FROM = 1e16;
  /**
   * The greatest: the form must still be finite at T for parameter values other than those
   * measured, whose own overflow points lie below the defaults' (1e300 leaves them a factor of 1e8).
   */
  private static final double ELSEWHERE_TAIL_TO = 1e300;

  /**
   * The tails of {@link #poweredTails} for a form that is accurate far out at the defaults but not
   * at other parameter values measured: there an intermediate such as {@code |z - 1| / |c|} or the
   * sum of two of them overflows where the output itself does not, and the point where it does
   * moves with the parameters (the gated mean of the pseudo-Huber energy {@code (Sqrt[1+((z-mu)/c)^2]
   * - 1) c^2} with c free was NaN at c = 0.951, z = -9.45e307, exact -1.2e307, and accurate up to
   * {@code -MAX_VALUE} at the default c = 2). On each side, among the sample points T with |T| from
   * 1e16 to 1e300 at which the form is accurate at the defaults and from which the reference
   * follows a power law there, the T whose splice has the least worst error on that side over the
   * defaults and the other values measured (the farthest among equals); the tail {@code c(T)
   * (z/T)^k} is computed from the form at run time, so it follows the parameters. Empty where no
   * splice improves that worst error.
   */
  Optional<Candidate> poweredTailsElsewhere(Candidate c) {
    double[] errors = scorer.errors(c.expr(), output, role);
    Expr guarded = c.expr();
    boolean changed = false;
    for (int side : new int[] {+1, -1}) {
      double best = worstEverywhereOnSide(guarded, side);
      Expr sideBest = null;
      for (int step = 0; step < points.length; step++) {
        int i = side > 0 ? points.length - 1 - step : step; // from the far end inwards
        double t = points[i];
        if (side * t < ELSEWHERE_TAIL_FROM) break;
        if (side * t > ELSEWHERE_TAIL_TO) continue;
        if (!(errors[i] <= tolerance / 8) || !Double.isFinite(t)) continue;
        OptionalPower power = powerLaw(i, side);
        if (TRACE_TAILS) System.err.printf("trace: output %d %s tail elsewhere from %s: power %s k %d%n", output, role, t, power.present(), power.k());
        if (!power.present()) continue;
        Expr e = withPoweredTail(guarded, c.expr(), side, t, power);
        double w = worstEverywhereOnSide(e, side);
        if (TRACE_TAILS) System.err.printf("trace: output %d %s tail elsewhere from %s: worst %.2e (best %.2e)%n", output, role, t, w, best);
        if (w < best) {
          best = w;
          sideBest = e;
        }
      }
      if (sideBest != null) {
        guarded = sideBest;
        changed = true;
      }
    }
    return changed ? Optional.of(new Candidate(c.form() + "+powered-tails-elsewhere", guarded)) : Optional.empty();
  }

  /**
   * With free parameters, an output that leaves the double range far out on a side at the defaults
   * (or grows there towards an infinity, {@link #growing}): beyond the point from which the
   * reference grows towards that infinity, at the defaults and at each other value measured where
   * it does ({@link #towards}), a form that has become NaN ({@code Inf - Inf} of two
   * overflowed energies, {@code Inf/Inf}) is taken as that infinity. Why: the overflow point moves
   * with the parameters, so the saturation guard ({@link #saturated}) holds at the defaults only;
   * the gated free energy of {@code Abs[z-mu]^p} (default p = 3/2) was NaN at p = 2.10, z =
   * 3.4e279, where its exact value rounds to Infinity. A NaN there is wrong whatever the exact
   * value, so the guard cannot make a point worse; NaN arguments stay NaN (the test requires each
   * argument to equal itself). At a parameter value where the output does not tend to that infinity
   * (the slope of {@code |z|^p} below p = 1) the guard can be wrong, but only where the form was NaN,
   * which is wrong too. A pass on the chosen form, unchanged wherever it is not NaN; empty where the
   * output does not grow towards an infinity on either side at the defaults.
   */
  Optional<Candidate> nanBeyondRange(Candidate c) {
    Expr.Var z = new Expr.Var("z");
    Expr guarded = c.expr();
    boolean changed = false;
    for (int side : new int[] {+1, -1}) {
      double limit = orBeyondRange(side, limits[side > 0 ? 1 : 0]);
      if (Double.isNaN(limit)) limit = growing(side);
      if (!Double.isInfinite(limit)) continue;
      double from = monotoneFrom(side, limit, points, reference);
      for (Scorer s : elsewhere) {
        double[] at = s.points();
        double[] ref = s.reference(output, role);
        int far = farthest(side, at, ref);
        // a value at which the output does not grow towards the limit (the slope of |z|^p below
        // p = 1 tends to 0) sets no start: a NaN there is a miss either way
        if (far < 0 || !towards(limit, ref[far], side, at, ref)) continue;
        double own = monotoneFrom(side, limit, at, ref);
        if (Double.isNaN(own)) continue;
        if (side * own > side * from) from = own;
      }
      if (Double.isNaN(from)) continue;
      // no nearer than NEAREST_NAN_GUARD: an overflow that leaves NaN behind needs a large z, and
      // the guard's threshold is a splice boundary that the verification stream samples densely
      from = side * Math.max(side * from, NEAREST_NAN_GUARD);
      List<Expr.Test> tests = new java.util.ArrayList<>();
      tests.add(new Expr.Test.Compare(Expr.Test.Op.NE, c.expr(), c.expr()));
      tests.add(new Expr.Test.Compare(side > 0 ? Expr.Test.Op.GE : Expr.Test.Op.LE, z, Expr.Const.of(from)));
      for (String name : defaults.keySet().stream().sorted().toList()) {
        Expr.Var parameter = new Expr.Var(name);
        tests.add(new Expr.Test.Compare(Expr.Test.Op.EQ, parameter, parameter));
      }
      guarded = new Expr.Cond(new Expr.Test.And(tests), Expr.Const.of(limit), guarded);
      changed = true;
    }
    // a guard the measured points do not reach is kept too: a NaN is a miss whatever the exact value
    if (!changed || !(worstEverywhere(guarded) <= worstEverywhere(c.expr()))) return Optional.empty();
    return Optional.of(new Candidate(c.form() + "+nan-beyond-range", guarded));
  }

  /**
   * Where no limit is known on {@code side}: the infinity of the reference's sign at the farthest
   * sample point there when that is the largest in magnitude on the side (the slope of a free
   * energy that grows like {@code |z|^p}, 2.0e154 at {@code MAX_VALUE} for p = 3/2), else NaN.
   */
  private double growing(int side) {
    int far = farthest(side, points, reference);
    if (far < 0 || reference[far] == 0) return Double.NaN;
    double limit = Math.signum(reference[far]) * Double.POSITIVE_INFINITY;
    return towards(limit, reference[far], side, points, reference) ? limit : Double.NaN;
  }

  /**
   * Whether {@code far}, the reference at the farthest point on {@code side}, is the infinite
   * {@code limit} or on its way there: of its sign, the largest in magnitude on that side, and at
   * least {@link #GROWTH} times the value a hundred decades further in (the free energy of {@code
   * Abs[z-mu]^p} at p = 0.48 is 1.4e149 at {@code MAX_VALUE}).
   */
  private static boolean towards(double limit, double far, int side, double[] points, double[] reference) {
    if (Double.compare(far, limit) == 0) return true;
    if (Double.isNaN(far) || Math.signum(far) != Math.signum(limit)) return false;
    int inner = -1; // the sample point nearest 1e-100 of the farthest one: a hundred decades in
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] <= 0) continue;
      if (Math.abs(reference[i]) > Math.abs(far)) return false;
      if (!Double.isNaN(reference[i]) && (inner < 0
          || Math.abs(Math.log10(Math.abs(points[i])) - (FAR_LOG10 - 100)) < Math.abs(Math.log10(Math.abs(points[inner])) - (FAR_LOG10 - 100)))) {
        inner = i;
      }
    }
    // growing, not saturating: tanh(z / s^2) is largest at the far end too
    return inner >= 0 && Math.abs(far) >= GROWTH * Math.abs(reference[inner]);
  }

  /** The least |z| from which {@link #nanBeyondRange} guards (2^10). */
  private static final double NEAREST_NAN_GUARD = 1024;

  /** log10 of the farthest sample magnitude, {@code MAX_VALUE}. */
  private static final double FAR_LOG10 = Math.log10(Double.MAX_VALUE);
  /**
   * The least factor by which an output said to grow towards an infinity gains over the last hundred
   * decades of the range: {@code |z|^0.1} gains 1e10, a logarithm 1.48, a saturating output nothing.
   */
  private static final double GROWTH = 1.25;


  /**
   * The sample point nearest 0 on {@code side} from which {@code reference} has the sign of the
   * infinite {@code limit} and grows in magnitude at every point further out; NaN if none.
   */
  private static double monotoneFrom(int side, double limit, double[] points, double[] reference) {
    double found = Double.NaN;
    double outer = Double.NaN;
    for (int k = 0; k < points.length; k++) {
      int i = side > 0 ? points.length - 1 - k : k; // inwards from the far end
      if (side * points[i] <= 0) break;
      double r = reference[i];
      if (Double.isNaN(r)) continue;
      if (Math.signum(r) != Math.signum(limit) || !Double.isNaN(outer) && Math.abs(r) > Math.abs(outer)) break;
      found = points[i];
      outer = r;
    }
    return found;
  }


  /** Where {@link #rationalFarTails} may start: |z| from T on. */
  private static final double[] FAR_TAIL_FROM = {2, 4, 8, 16, 32, 64, 256, 1024};

  /**
   * {@code c} with its far tails, {@code |z| >= T}, taken by {@code far} (an output's form in
   * {@code w = 1/z}, {@link RationalFarTails}) at every parameter value, T times the parameters'
   * scale ({@link #farTailStart}): T the least of {@link #FAR_TAIL_FROM} at which the spliced form's worst error, over the defaults and the other
   * parameter values measured, is least (a tail in w loses accuracy next to 0, the forms in z far
   * out). Empty where no T improves on {@code c} there.
   */
  Optional<Candidate> rationalFarTails(Candidate c, Expr far) {
    double best = worstEverywhere(c.expr());
    Expr chosen = null;
    for (double from : FAR_TAIL_FROM) {
      Expr.Test beyond = new Expr.Test.Compare(Expr.Test.Op.GE, Expr.Call.of(Fn.ABS, new Expr.Var("z")), farTailStart(from));
      Expr e = new Expr.Cond(beyond, far, c.expr());
      double w = worstEverywhere(e);
      if (w < best) {
        best = w;
        chosen = e;
      }
    }
    return chosen == null ? Optional.empty() : Optional.of(new Candidate(c.form() + "+rational-far-tails", chosen));
  }

  /**
   * {@code T max(1, |p|, ...)} over the free parameters: the tail in w holds where |z| is large
   * against the parameters' scale too (the Cauchy variance's derivative with s = 10 was 50 off at
   * z = 7.8, inside the scale, where its series in {@code (s/z)^2} does not converge).
   */
  private Expr farTailStart(double from) {
    Expr scale = Expr.Const.of(1.0);
    for (String p : new java.util.TreeSet<>(defaults.keySet())) {
      scale = Expr.Call.of(Fn.MAX, scale, Expr.Call.of(Fn.ABS, new Expr.Var(p)));
    }
    return new Expr.Mul(List.of(Expr.Const.of(from), scale));
  }

  /** {@link #worstEverywhere} over the points on one side of 0 ({@code side * z > 0}). */
  private double worstEverywhereOnSide(Expr e, int side) {
    double w = 0;
    for (Scorer s : java.util.stream.Stream.concat(java.util.stream.Stream.of(scorer), elsewhere.stream()).toList()) {
      double[] errors = s.errors(e, output, role);
      double[] at = s.points();
      for (int i = 0; i < at.length; i++) {
        if (side * at[i] > 0 && !Double.isNaN(errors[i])) w = Math.max(w, errors[i]);
      }
    }
    return w;
  }

  /** The worst error at the defaults and at the other parameter values measured. */
  private double worstEverywhere(Expr e) {
    return Math.max(ActivationLowering.worst(scorer.errors(e, output, role)), ActivationLowering.worstElsewhere(e, elsewhere, output, role));
  }

  /** A power law {@code f(T) (z/T)^k} from T outwards, or ({@code zero}) exactly 0 out there. */
  private record OptionalPower(boolean present, int k, boolean zero) {
    OptionalPower(boolean present, int k) {
      this(present, k, false);
    }
  }

  /**
   * Whether the reference from sample point {@code from} outwards is {@code f(from) (z/from)^k}
   * for one small integer k (from the farthest point), within the repair margin at every point.
   */
  private OptionalPower powerLaw(int from, int side) {
    double t = points[from];
    double ft = reference[from];
    if (ft == 0) {
      // an output that has underflowed for good (a derivative that decays like exp(-|z|^p)):
      // where the form meets 0 * Inf or Inf - Inf out there, the tail is 0
      for (int i = 0; i < points.length; i++) {
        if (side * points[i] > side * t && !Double.isNaN(reference[i]) && reference[i] != 0) return new OptionalPower(false, 0);
      }
      return new OptionalPower(true, 0, true);
    }
    if (!Double.isFinite(ft)) return new OptionalPower(false, 0);
    int far = -1;
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] > side * t && Double.isFinite(reference[i]) && reference[i] != 0
          && (far < 0 || Math.abs(points[i]) > Math.abs(points[far]))) far = i;
    }
    if (far < 0) return new OptionalPower(false, 0);
    double slope = Math.log(Math.abs(reference[far] / ft)) / Math.log(points[far] / t);
    long k = Math.round(slope);
    if (Math.abs(k) > 4) return new OptionalPower(false, 0);
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] <= side * t || Double.isNaN(reference[i])) continue;
      // where the power law itself is below the normal range the reference has underflowed with
      // it (dA of a Cauchy-like energy, 4/z^2, is 0 from |z| = 1e154 on): consistent if the
      // reference is that small too, the contract's floor being MIN_NORMAL
      double log2Predicted = Math.log(Math.abs(ft)) / Math.log(2) + k * (Math.log(Math.abs(points[i] / t)) / Math.log(2));
      if (log2Predicted < Double.MIN_EXPONENT) {
        if (Math.abs(reference[i]) < 2 * Double.MIN_NORMAL) continue;
        return new OptionalPower(false, 0);
      }
      // as a ratio: ft (z/t)^k itself can round past MAX_VALUE where the reference is MAX_VALUE
      double ratio = reference[i] / ft / Math.pow(points[i] / t, k);
      if (!Double.isFinite(ratio) || Math.abs(ratio - 1) > tolerance) {
        return new OptionalPower(false, 0);
      }
    }
    return new OptionalPower(true, (int) k);
  }

  /**
   * {@code c} with every product that has a factor {@code logistic(x)} or {@code tanh'(x)} guarded:
   * where those factors underflow to exactly 0, the product is 0. Why: such a product is a
   * responsibility (or softmax Jacobian) times a slope, and far out the slope can overflow while
   * the responsibility underflows, so it evaluated to {@code 0 * Inf = NaN} where the exact value
   * is 0 ({@code Abs[(z-mu)/s]^4} with a free s: derivative NaN at z = 5.9e272). With free
   * parameters there is no saturation guard ({@link #saturated} needs the limits at the defaults
   * to stand for every parameter value), so this is the repair that applies. Likewise a quotient
   * whose denominator holds an exponential is 0 where that denominator has overflowed. A candidate
   * like the others: it is kept only if it measures better.
   */
  Optional<Candidate> vanishing(Candidate c) {
    Expr guarded = guardVanishing(c.expr());
    return guarded.equals(c.expr()) ? Optional.empty() : Optional.of(new Candidate(c.form() + "+vanishing", guarded));
  }

  static Expr guardVanishing(Expr e) {
    return guardVanishing(e, new OncePerNode());
  }

  private static Expr guardVanishing(Expr e, OncePerNode done) {
    return done.apply(e, x -> guardedWhereVanishing(Exprs.mapChildren(x, child -> guardVanishing(child, done))));
  }

  /** {@code mapped} (its children guarded already) guarded where its small factors vanish or its exponential denominator overflows. */
  private static Expr guardedWhereVanishing(Expr mapped) {
    if (mapped instanceof Expr.Mul m) {
      List<Expr> small = new java.util.ArrayList<>();
      for (Expr f : m.factors()) {
        if (f instanceof Expr.Call call && (call.fn() == Fn.LOGISTIC || call.fn() == Fn.TANH_PRIME || call.fn() == Fn.EXP)) small.add(f);
        // a factor guarded already (0.25 tanh'(x) became "tanh'(x) == 0 ? 0 : 0.25 tanh'(x)"): its
        // test guards the whole product too (the gated generalized Gaussian's dP at z = 6.3e64,
        // p = 6.76 was that factor's 0 times a slope of Infinity)
        if (f instanceof Expr.Cond cond && cond.test() instanceof Expr.Test.Compare t && t.op() == Expr.Test.Op.EQ
            && Exprs.isConst(t.right(), 0.0) && Exprs.isConst(cond.then(), 0.0)) {
          small.add(t.left());
        }
      }
      if (!small.isEmpty() && small.size() < m.factors().size()) {
        Expr product = small.size() == 1 ? small.get(0) : new Expr.Mul(small);
        Expr zero = Expr.Const.of(0.0);
        return new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.EQ, product, zero), zero, mapped);
      }
    }
    if (mapped instanceof Expr.Div d && Exprs.functionsUsed(List.of(d.denominator())).contains(Fn.EXP)) {
      // the mirror image: a denominator such as (1 + e^w)(1 + e^-w) that has overflowed is a
      // responsibility that has underflowed; the numerator (a slope that overflows with it, the
      // generalized Gaussian's p z^(p-1) at z = -MAX_VALUE) made Inf/Inf = NaN where the exact
      // value is 0. The measurement decides, as for the products above.
      Expr.Test overflowed = new Expr.Test.Compare(Expr.Test.Op.GT, Expr.Call.of(Fn.ABS, d.denominator()),
          Expr.Const.of(Double.MAX_VALUE));
      return new Expr.Cond(overflowed, Expr.Const.of(0.0), mapped);
    }
    return mapped;
  }

  /**
   * {@code limit}, or where it is unknown and the output leaves the double range on that side (the
   * reference at the farthest sample point there is an infinity), that infinity: beyond the
   * sample point from which the reference is that infinity, the output is. Why: the free energy of
   * the exponential kernel at three prototypes is {@code e^(-1-z)} far left, beyond {@code
   * MAX_VALUE} from z = -710.78 on, where its forms met {@code Inf - Inf} (NaN); the reference
   * has no limit at 1e300 to give ({@code e^(1e300)}).
   */
  private double orBeyondRange(int side, double limit) {
    if (!Double.isNaN(limit)) return limit;
    int far = farthest(side, points, reference);
    return far >= 0 && Double.isInfinite(reference[far]) ? reference[far] : Double.NaN;
  }

  /** The index of the farthest sample point on {@code side} with a reference, -1 if none. */
  private static int farthest(int side, double[] points, double[] reference) {
    int far = -1;
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] > 0 && !Double.isNaN(reference[i]) && (far < 0 || side * points[i] > side * points[far])) far = i;
    }
    return far;
  }

  /**
   * The sample point nearest 0 on one side from which the reference equals {@code limit} at every
   * sample point further out; NaN if there is none, or the candidate is accurate out there anyway.
   */
  private double threshold(int side, double limit, double[] errors) {
    if (Double.isNaN(limit)) return Double.NaN;
    double found = Double.NaN;
    double inside = Double.NaN; // the first sample inwards whose reference is not the limit
    boolean needed = false;
    for (int k = 0; k < points.length; k++) {
      int i = side > 0 ? points.length - 1 - k : k; // walk inwards from the far end
      double p = points[i];
      if (side * p <= 0) break;
      if (Double.isNaN(reference[i])) continue;
      if (Double.compare(reference[i], limit) != 0 && !(reference[i] == 0 && limit == 0)) {
        inside = p;
        break;
      }
      found = p;
      if (errors[i] > tolerance) needed = true;
    }
    if (!needed) return Double.NaN;
    // An infinite limit starts where the output itself overflows, which can lie well inside the
    // first sample point beyond the range: the gated dP of Abs[z-mu]^p at p = 3/2 overflows from
    // z = 3.3e203, the energy (whose overflow point the samples hold) from 2.0e205, and the form
    // was NaN in between (Inf - Inf where the exact value rounds to Infinity).
    if (Double.isInfinite(limit) && !Double.isNaN(inside)) {
      // the same for every candidate: bisected once per side (each step a high-precision value)
      int key = side > 0 ? 1 : 0;
      if (overflowEdges[key] == null) overflowEdges[key] = overflowPoint(side, inside, found);
      double edge = overflowEdges[key];
      if (!Double.isNaN(edge) && side * edge < side * found) return edge;
    }
    return found;
  }

  /** {@link #threshold}'s bisected overflow points, below and above 0, once computed. */
  private final Double[] overflowEdges = new Double[2];

  /**
   * True when the exact value at 0 is 0 and {@code c} is inaccurate somewhere in |z| < 1, at the
   * defaults or at one of the other parameter values measured (with free parameters).
   */
  boolean needsNearZeroRepair(Candidate c) {
    if (needsNearZeroRepair(points, reference, scorer.errors(c.expr(), output, role))) return true;
    for (Scorer s : elsewhere) {
      if (needsNearZeroRepair(s.points(), s.reference(output, role), s.errors(c.expr(), output, role))) return true;
    }
    return false;
  }

  private boolean needsNearZeroRepair(double[] points, double[] reference, double[] errors) {
    int zero = -1;
    for (int i = 0; i < points.length; i++) {
      if (Double.doubleToRawLongBits(points[i]) == 0L) zero = i;
    }
    if (zero < 0 || reference[zero] != 0.0) return false;
    for (int i = 0; i < points.length; i++) {
      if (Math.abs(points[i]) < 1 && errors[i] > tolerance) return true;
    }
    return false;
  }

  /** The Taylor polynomial of {@code closedForm} (what the candidates compute) at 0, as a patch. */
  Optional<Candidate> series(IExpr closedForm, boolean optional) {
    if (KinkAtZero.in(symja, closedForm)) return Optional.empty();
    closedForm = KinkAtZero.localised(symja, closedForm);
    if (NumericalRewrites.rationalFunction(closedForm)) {
      // over one denominator first: Series of a sum of quotients of products (the Student-t
      // mean's derivative, unexpanded) ran out of work after 2.5 s; of P/Q it takes 0.01 s
      closedForm = Bounded.apply(symja, "Together", closedForm, WorkBudget.OPTIONAL).orElse(closedForm);
    }
    // The Taylor polynomial starts with the value and slope at 0; when those already need Log, Exp
    // or a fractional power (constants like Log[2], Sqrt[E]), the polynomial would be rejected
    // below, and Series on such forms typically runs into its limit: 4 s spent for nothing.
    Optional<IExpr> leading = Bounded.call(symja, "{%s /. z -> 0, D[%s, z] /. z -> 0}", closedForm, WorkBudget.OPTIONAL);
    if (leading.isPresent() && !polynomialCoefficients(leading.get())) return Optional.empty();
    WorkBudget budget = optional ? OPTIONAL_SERIES_LIMIT : SERIES_LIMIT;
    if (closedForm.isLog() && leading.isPresent() && leading.get().isList()) {
      return logSeries(closedForm, ((IAST) leading.get()).arg1(), budget);
    }
    Optional<IExpr> series = Bounded.call(symja, "Normal[Series[%s, {z, 0, " + SERIES_ORDER + "}]]", closedForm, budget);
    if (series.isEmpty() || !polynomialCoefficients(series.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Candidate("series", lowerer.lower(series.get())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The Taylor polynomial of a logarithm {@code Log[u]} at 0 as its value there plus the series of
   * its derivative {@code u'/u} integrated term by term: the same polynomial as {@code Series} of
   * the log, which Symja expands far more slowly than the quotient (the Cauchy free energy's {@code
   * Log[(4 + z^4)/(4 + 2 z^2)]}: {@code Series} ran out of its budget after 14 s of CPU, the
   * derivative's series takes 0.07 s). The derivative is expanded as {@code D} gives it: its
   * {@code Together} is wrong in Symja 3.0.0 (docs/SYMJA.md). The coefficients are exact rationals,
   * each rounded once, in Horner form like {@link #referenceTaylor}'s.
   */
  private Optional<Candidate> logSeries(IExpr log, IExpr valueAtZero, WorkBudget budget) {
    Optional<IExpr> derivative = Bounded.call(symja,
        "CoefficientList[Normal[Series[D[%s, z], {z, 0, " + (SERIES_ORDER - 1) + "}]], z]", log, budget);
    if (derivative.isEmpty() || !derivative.get().isList()) return Optional.empty();
    IAST list = (IAST) derivative.get();
    double[] c = new double[list.argSize() + 1];
    for (int k = 0; k <= list.argSize(); k++) {
      // integrated term by term (Symja's Integrate loads its rule base first: seconds)
      IExpr coefficient = k == 0 ? valueAtZero : symja.eval(F.Divide(list.get(k), F.ZZ(k)));
      if (!coefficient.isRational()) return Optional.empty();
      c[k] = ((Expr.Const) lowerer.lower(coefficient)).value();
    }
    return horner("series", c);
  }

  /**
   * The order of {@link #factorSeries}: a longer series than the whole form's (one factor is
   * expanded). The generalized Gaussian's dP at p = 3/2 is accurate in its form only from |z| = 0.3
   * on (the sample point below is 0.1), where order 22 left a relative error of 1.7e-11 and 26
   * leaves 6.8e-13; Symja takes about 12 s of CPU for it.
   */
  static final int FACTOR_SERIES_ORDER = 26;

  /** The name of the factor-wise series patch. */
  static final String FACTOR_SERIES = "factor-series";

  /**
   * A near-zero patch that follows the free parameters: {@code closed} (a product) with each factor
   * that vanishes at z = 0 replaced by its Taylor polynomial in z, the coefficients symbolic in the
   * parameters and each factored by Symja, and the other factors as they are (they do not cancel
   * there). Of a {@code Piecewise} factor only the piece that holds at z = 0 is expanded. Why: where
   * an output cancels at 0 to an order that depends on the parameters, neither the reference's
   * Taylor polynomial (the defaults only) nor the extrapolation from the form's nodes (a fixed
   * leading power, and nodes where the form has already cancelled) holds. The generalized Gaussian
   * {@code Abs[z-mu]^p/p} with a free p: dP is {@code (3 - 2p)/3 z^3 + O(z^5)} (times the
   * responsibilities' product), of order z^5 at the default p = 3/2; factored, the coefficient
   * {@code 3 - 2p} is exactly 0 there and exact next to it. Symja's series of the whole parameter
   * derivative (with the responsibilities) did not finish in ten minutes; of the vanishing factor
   * alone it takes seconds. A sum is taken term by term ({@link #termsExpanded}), a tanh, sinh or
   * integer power of a vanishing argument by that argument ({@link #ofVanishingArgument}). Empty
   * where no factor vanishes at 0 or a series is not a polynomial in z with rational coefficients
   * in the parameters (or not finished within its budget).
   */
  Optional<Candidate> factorSeries(IExpr closed) {
    try {
      return vanishingFactorsExpanded(closed, 0).map(e -> new Candidate(FACTOR_SERIES, e));
    } catch (IllegalArgumentException unsupported) {
      return Optional.empty();
    }
  }

  /**
   * {@code e} lowered with its factors that vanish at 0 expanded ({@link #factorSeries}); a
   * vanishing {@code Piecewise} whose piece at 0 is itself a product is taken factor by factor
   * again (the gated mean {@code z r(z)}: only z vanishes). Empty where nothing was expanded.
   */
  private Optional<Expr> vanishingFactorsExpanded(IExpr e, int depth) {
    if (e.isPlus()) return termsExpanded((IAST) e, depth);
    List<IExpr> factors = new java.util.ArrayList<>();
    Lowerer.flatten(e, S.Times, factors);
    List<Expr> lowered = new java.util.ArrayList<>();
    boolean expanded = false;
    for (IExpr f : factors) {
      if (f.isFree(symja.symbol("z"))) {
        lowered.add(lowerer.lower(f));
        continue;
      }
      Optional<IExpr> atZero = Bounded.call(symja, "%s /. z -> 0", f, WorkBudget.OPTIONAL);
      if (atZero.isEmpty() || !atZero.get().isZero()) {
        lowered.add(lowerer.lower(f));
        continue;
      }
      Optional<Expr> inner = ofVanishingArgument(f, depth);
      if (inner.isPresent()) {
        lowered.add(inner.get());
        expanded = true;
        continue;
      }
      Optional<IExpr> piece = pieceAtZero(f);
      if (piece.isEmpty()) return Optional.empty();
      Optional<Expr> series = piece.get() != f && piece.get().isTimes() && depth < 2
          ? vanishingFactorsExpanded(piece.get(), depth + 1) : taylorPolynomial(piece.get());
      if (series.isEmpty()) return Optional.empty();
      lowered.add(series.get());
      expanded = true;
    }
    if (!expanded) return Optional.empty();
    return Optional.of(lowered.size() == 1 ? lowered.get(0) : new Expr.Mul(lowered));
  }

  /**
   * A sum whose every term vanishes at 0 (or is 0, by a factor free of z that is), each term
   * taken by {@link #vanishingFactorsExpanded} and the results added. Why: Symja's parameter
   * derivative of a variance is {@code A (0 + 0) - B P Tanh[D/2]} (the held form of the
   * derivative's chain rule), a sum although only its second term is not 0, and that term is the
   * product of two vanishing factors. Terms that do not vanish on their own cancel against each
   * other at 0, which no factor of theirs shows: empty then.
   */
  private Optional<Expr> termsExpanded(IAST sum, int depth) {
    List<Expr> terms = new java.util.ArrayList<>();
    List<IExpr> all = new java.util.ArrayList<>();
    Lowerer.flatten(sum, S.Plus, all);
    for (IExpr t : all) {
      if (isZeroByAFactor(t)) continue;
      Optional<Expr> term = vanishingFactorsExpanded(t, depth);
      if (term.isEmpty()) return Optional.empty();
      terms.add(term.get());
    }
    if (terms.isEmpty()) return Optional.empty();
    return Optional.of(terms.size() == 1 ? terms.get(0) : new Expr.Add(terms));
  }

  /**
   * The operands of {@code e} under {@code head} (Times or Plus), nested ones included: the
   * derivation's held forms are not flattened ({@code Times[-1, Times[..]]}).
   */
  /** Whether {@code t} (a product or a single factor) has a factor free of z that evaluates to 0. */
  private boolean isZeroByAFactor(IExpr t) {
    List<IExpr> factors = new java.util.ArrayList<>();
    Lowerer.flatten(t, S.Times, factors);
    for (IExpr f : factors) {
      if (!f.isFree(symja.symbol("z"))) continue;
      Optional<IExpr> value = Bounded.call(symja, "%s", f, WorkBudget.OPTIONAL);
      if (value.isPresent() && value.get().isZero()) return true;
    }
    return false;
  }

  /**
   * A vanishing factor {@code g(u)} with {@code g(0) = 0} and {@code g'(0) != 0} (tanh, sinh), or
   * {@code u^k} for an integer k >= 1, with u itself vanishing: g of u's patch ({@link
   * #vanishingFactorsExpanded}, or u's Taylor polynomial). Such a g keeps relative accuracy (its
   * relative condition number at 0 is 1, of {@code u^k} it is k), so only u has to be expanded;
   * Symja's series of {@code Tanh[Piecewise[..]/2]} with a symbolic parameter is not needed. The
   * variance's {@code Tanh[D/2]}, D the energy difference {@code ((1-z)^p - (1+z)^p)/p}, which
   * cancels like z. Empty for other factors.
   */
  private Optional<Expr> ofVanishingArgument(IExpr f, int depth) {
    IExpr u;
    java.util.function.UnaryOperator<Expr> g;
    if (f.isAST(S.Tanh, 2)) {
      u = f.first();
      g = x -> Expr.Call.of(Fn.TANH, x);
    } else if (f.isAST(S.Sinh, 2)) {
      u = f.first();
      g = x -> Expr.Call.of(Fn.SINH, x);
    } else if (f.isPower() && f.exponent().isInteger() && ((IInteger) f.exponent()).isPositive()
        && !f.base().equals(S.E)) {
      int k = ((IInteger) f.exponent()).toIntDefault();
      if (k < 1 || k > 64) return Optional.empty();
      u = f.base();
      g = x -> power(x, k);
    } else {
      return Optional.empty();
    }
    if (depth >= 3) return Optional.empty();
    Optional<IExpr> piece = pieceAtZero(u);
    if (piece.isEmpty()) return Optional.empty();
    Optional<Expr> inner = vanishingFactorsExpanded(piece.get(), depth + 1);
    if (inner.isEmpty()) inner = taylorPolynomial(piece.get());
    return inner.map(g);
  }

  /** The name of the form with its vanishing exponential pairs rewritten ({@link #exponentialPairs}). */
  static final String EXPONENTIAL_PAIRS = "exponential-pairs";

  /**
   * {@code closed} (a product) with each factor that vanishes at z = 0 and is a sum of two
   * exponential terms {@code a E^u + b E^v} (a and b may depend on z) taken as {@code E^v (s + a
   * expm1(u - v))} where {@code u <= v}, else {@code E^u (s + b expm1(v - u))}, with {@code s = a +
   * b} and {@code u - v} each combined by Symja; the other factors as they are. Why: where the
   * exponents vary on a parameter's scale, the two terms agree next to 0 to many more digits than
   * a fixed node spacing or series radius can follow. The Welsch energy {@code 1-Exp[-((z-mu)/c)^2]}
   * with a free c: dC's vanishing factor is {@code -2(1-z)^2 e^-(1-z)^2/c^2 + 2(1+z)^2
   * e^-(1+z)^2/c^2}, which here is {@code e^v (8z - 2(1-z)^2 expm1(4z/c^2))}, both terms O(z) and
   * of one sign unless {@code c^2} is near 1 (at c = +-1 they cancel to O(z^3): the caller uses
   * this form only away from the defaults). Empty where no factor has that shape.
   */
  Optional<Candidate> exponentialPairs(IExpr closed) {
    try {
      List<IExpr> factors = new java.util.ArrayList<>();
      Lowerer.flatten(closed, S.Times, factors);
      List<Expr> lowered = new java.util.ArrayList<>();
      boolean rewritten = false;
      for (IExpr f : factors) {
        Optional<Expr> pair = f.isFree(symja.symbol("z")) ? Optional.empty() : exponentialPair(f);
        rewritten |= pair.isPresent();
        lowered.add(pair.orElseGet(() -> lowerer.lower(f)));
      }
      if (!rewritten) return Optional.empty();
      return Optional.of(new Candidate(EXPONENTIAL_PAIRS, lowered.size() == 1 ? lowered.get(0) : new Expr.Mul(lowered)));
    } catch (IllegalArgumentException unsupported) {
      return Optional.empty();
    }
  }

  /** {@code f = a E^u + b E^v} vanishing at 0, rewritten as {@link #exponentialPairs} says; else empty. */
  private Optional<Expr> exponentialPair(IExpr f) {
    List<IExpr> terms = new java.util.ArrayList<>();
    Lowerer.flatten(f, S.Plus, terms);
    if (terms.size() != 2) return Optional.empty();
    IExpr[] coefficient = new IExpr[2];
    IExpr[] exponent = new IExpr[2];
    for (int i = 0; i < 2; i++) {
      List<IExpr> parts = new java.util.ArrayList<>();
      Lowerer.flatten(terms.get(i), S.Times, parts);
      List<IExpr> rest = new java.util.ArrayList<>();
      for (IExpr x : parts) {
        boolean exp = x.isPower() && x.base().equals(S.E) && !x.exponent().isFree(symja.symbol("z"));
        if (exp && exponent[i] == null) {
          exponent[i] = x.exponent();
        } else {
          rest.add(x);
        }
      }
      if (exponent[i] == null) return Optional.empty();
      coefficient[i] = rest.isEmpty() ? F.C1 : rest.size() == 1 ? rest.get(0) : F.ast(S.Times, rest);
    }
    Optional<IExpr> atZero = Bounded.call(symja, "%s /. z -> 0", f, WorkBudget.OPTIONAL);
    if (atZero.isEmpty() || !atZero.get().isZero()) return Optional.empty();
    Optional<IExpr> gap = Bounded.call(symja, "Factor[Together[%s]]", F.Subtract(exponent[0], exponent[1]), WorkBudget.OPTIONAL);
    Optional<IExpr> sum = Bounded.call(symja, "Factor[Together[%s]]", F.Plus(coefficient[0], coefficient[1]), WorkBudget.OPTIONAL);
    if (gap.isEmpty() || sum.isEmpty()) return Optional.empty();
    Expr d = lowerer.lower(gap.get()); // u - v
    Expr s = lowerer.lower(sum.get());
    Expr a = lowerer.lower(coefficient[0]);
    Expr b = lowerer.lower(coefficient[1]);
    // factored on the larger exponential, so that expm1 does not overflow where the smaller has
    // underflowed (as NumericalRewrites.combine does for c E^u - c E^v)
    Expr onV = times(lowerer.call(Fn.EXP, exponent[1]), new Expr.Add(List.of(s, times(a, Expr.Call.of(Fn.EXPM1, d)))));
    Expr onU = times(lowerer.call(Fn.EXP, exponent[0]), new Expr.Add(List.of(s, times(b, Expr.Call.of(Fn.EXPM1, new Expr.Neg(d))))));
    Expr pair = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GT, d, Expr.Const.of(0.0)), onU, onV);
    // The bracket s + a expm1(u - v) still cancels where the parameter makes its two O(z) terms
    // agree (the Welsch dC at c^2 near 1: 8z - 2(1-z)^2 expm1(4z/c^2) is 8(c^2-1)/c^2 z + O(z^2), and
    // 2.5e-10 off at c = 1 + 1e-6). Its Taylor polynomial in z with coefficients factored in the
    // parameters has c^2 - 1 as an exact factor of those coefficients (c - 1 exact next to 1), so
    // it does not cancel; used where |u - v| <= 1, where the truncated terms (u - v)^k / k!, k >
    // FACTOR_SERIES_ORDER, are far below the unit roundoff, and both exponentials are within a
    // factor e of each other (no overflow on either side)
    Optional<Expr> series = taylorPolynomial(F.Plus(sum.get(), F.Times(coefficient[0], F.Subtract(F.Power(S.E, gap.get()), F.C1))));
    if (series.isEmpty()) return Optional.of(pair);
    Expr near = times(lowerer.call(Fn.EXP, exponent[1]), series.get());
    return Optional.of(new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, d), Expr.Const.of(1.0)), near, pair));
  }

  /**
   * {@code atDefaults} at the default parameter values; elsewhere {@code patch} below the largest
   * sample radius r <= 1 at which, at every other parameter value measured, {@code patch} is
   * accurate for |z| <= r and {@code c} for r <= |z| <= 1 (and {@code c} beyond). Empty where
   * there is no such r or nothing is measured elsewhere. For patches that hold away from the
   * defaults only ({@link #exponentialPairs}).
   */
  Optional<Candidate> spliceNearZeroElsewhere(Candidate atDefaults, Candidate c, Candidate patch) {
    if (elsewhere.isEmpty() || defaults.isEmpty()) return Optional.empty();
    double radius = Double.NaN;
    for (double r : elsewhere.get(0).points()) {
      r = Math.abs(r);
      if (r == 0 || r > 1 || (!Double.isNaN(radius) && r <= radius)) continue;
      boolean ok = true;
      for (Scorer s : elsewhere) {
        ok = ok && splitHolds(s.points(), s.errors(c.expr(), output, role), s.errors(patch.expr(), output, role), r, tolerance,
            kinks);
      }
      if (ok) radius = r;
    }
    if (Double.isNaN(radius)) return Optional.empty();
    Expr away = new Expr.Cond(nearZero(radius), patch.expr(), c.expr());
    return Optional.of(new Candidate(atDefaults.form() + "+" + patch.form() + "-near-0-elsewhere",
        new Expr.Cond(atDefaults(), atDefaults.expr(), away)));
  }

  /** The Taylor polynomial of {@code f} at 0, coefficients factored in the parameters; empty if none. */
  private Optional<Expr> taylorPolynomial(IExpr f) {
    Optional<IExpr> coefficients = Bounded.call(symja,
        "Map[Factor, CoefficientList[Normal[Series[%s, {z, 0, " + FACTOR_SERIES_ORDER + "}]], z]]", f, SERIES_LIMIT);
    if (coefficients.isEmpty() || !coefficients.get().isList()) return Optional.empty();
    IAST list = (IAST) coefficients.get();
    Expr[] c = new Expr[list.argSize()];
    for (int k = 1; k <= list.argSize(); k++) {
      IExpr coefficient = list.get(k);
      if (!coefficient.isFree(symja.symbol("z")) || !polynomialCoefficients(coefficient)) return Optional.empty();
      c[k - 1] = coefficient.isZero() ? null : lowerer.lower(coefficient);
    }
    return horner(c);
  }

  /**
   * {@code f} itself, or of a {@code Piecewise} the value of the first case whose condition is
   * true at z = 0 (the default value where none is). Where the piece holds is not decided here:
   * the splice measures the patch at the sample points on both sides of 0.
   */
  private Optional<IExpr> pieceAtZero(IExpr f) {
    if (!f.isAST(S.Piecewise)) return Optional.of(f);
    IAST piecewise = (IAST) f;
    if (!piecewise.arg1().isList()) return Optional.empty();
    for (IExpr c : (IAST) piecewise.arg1()) {
      if (!c.isList() || ((IAST) c).argSize() != 2) return Optional.empty();
      Optional<IExpr> holds = Bounded.call(symja, "%s /. z -> 0", ((IAST) c).arg2(), WorkBudget.OPTIONAL);
      if (holds.isEmpty()) return Optional.empty();
      if (holds.get().isTrue()) return Optional.of(((IAST) c).arg1());
      if (!holds.get().isFalse()) return Optional.empty();
    }
    return piecewise.argSize() >= 2 ? Optional.of(piecewise.arg2()) : Optional.empty();
  }

  /** {@code sum_k c[k] z^k} in Horner form, skipping the null (zero) coefficients; empty if all are. */
  private static Optional<Expr> horner(Expr[] c) {
    Expr.Var z = new Expr.Var("z");
    Expr horner = null;
    int degree = -1;
    for (int k = c.length - 1; k >= 0; k--) {
      if (c[k] == null) continue;
      horner = horner == null ? c[k] : new Expr.Add(List.of(c[k], times(power(z, degree - k), horner)));
      degree = k;
    }
    if (horner == null) return Optional.empty();
    return Optional.of(degree == 0 ? horner : times(power(z, degree), horner));
  }

  /** Free of Log, Exp and fractional powers: what a series patch may contain. */
  private static boolean polynomialCoefficients(IExpr e) {
    return e.isFree(x -> x.isAST() && (x.isLog() || x.isExp() || x.isPower() && !x.exponent().isInteger()), true);
  }

  /**
   * The Taylor polynomial at 0 with coefficients from the reference (see {@link
   * Scorer#taylorAtZero}), as a patch: for statistics whose closed form Symja cannot expand in
   * time. Horner form, skipping zero coefficients (an odd statistic is {@code z * p(z^2)}).
   */
  Optional<Candidate> referenceTaylor() {
    Optional<double[]> coefficients = scorer.taylorAtZero(output, role, SERIES_ORDER);
    if (coefficients.isEmpty()) return Optional.empty();
    return horner(REFERENCE_TAYLOR, coefficients.get());
  }

  /**
   * A near-zero patch for {@code c} where it holds: the {@link #referenceTaylor()} coefficients are
   * the reference's at the default parameter values, so with free parameters that patch stands for
   * {@code c} only at those values (at other values {@code c} itself is evaluated). Other patches
   * (Symja's series, symbolic in the parameters) are returned as they are.
   */
  Candidate whereItHolds(Candidate patch, Candidate c) {
    if (!patch.form().equals(REFERENCE_TAYLOR) || defaults.isEmpty()) return patch;
    return new Candidate(patch.form(), new Expr.Cond(atDefaults(), patch.expr(), c.expr()));
  }

  private static final String REFERENCE_TAYLOR = "reference-taylor";

  /** {@code sum_k c[k] z^k} in Horner form, skipping zero coefficients; empty if one is not finite. */
  private static Optional<Candidate> horner(String name, double[] c) {
    Expr[] constants = new Expr[c.length];
    for (int k = 0; k < c.length; k++) {
      if (!Double.isFinite(c[k])) return Optional.empty();
      constants[k] = c[k] == 0.0 ? null : Expr.Const.of(c[k]);
    }
    return horner(constants).map(e -> new Candidate(name, e));
  }

  private static Expr power(Expr base, int k) {
    return k == 1 ? base : new Expr.PowInt(base, k);
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Mul(List.of(a, b));
  }

  /** Nodes of the near-zero extrapolation, in units of the radius: z = r, 2r, ..., 6r. */
  private static final int EXTRAPOLATION_NODES = 6;

  /**
   * {@link #extrapolatedNearZero} for an output with a clean power k at 0 but no parity beyond its
   * leading term (the scaled softplus {@code a Log[1+Exp[(z-mu)/a]]} with a free a: its energy
   * difference at 0 is -1 for every a, so dA vanishes like z there; odd to leading order, not
   * beyond): {@code z^k P(z/r)} through nodes on both sides of 0, an interpolation rather than an
   * extrapolation. Offered where none of those splices holds (so a class with one keeps its
   * bytes); dA was -0.0 at z = 1e-100 where it is -1.5e-101.
   */
  List<Candidate> interpolatedNearZero(Candidate c) {
    int k = leadingPower(points, reference, false);
    return k < 1 ? List.of() : patches(c, k, commonPowerElsewhere(false), false);
  }

  /**
   * The patches of power k at the defaults, one per node spacing; where the other parameter values
   * show a smaller power {@code there} (or none, 0), that one stands for them ({@link
   * #extrapolatedNearZero}).
   */
  private List<Candidate> patches(Candidate c, int k, int there, boolean parity) {
    int generic = there == NO_DATA ? k : Math.min(k, there);
    List<Candidate> out = new java.util.ArrayList<>();
    // node spacings: the measurement (the splice and the choice) decides which, if any, holds
    for (double radius : EXTRAPOLATION_RADII) {
      Expr atDefaults = extrapolated(c, k, radius, parity);
      if (generic == k) {
        out.add(new Candidate(EXTRAPOLATED + radius, atDefaults));
        continue;
      }
      Expr other = generic < 1 ? c.expr() : extrapolated(c, generic, radius, parity);
      out.add(new Candidate(EXTRAPOLATED + radius, new Expr.Cond(atDefaults(), atDefaults, other)));
    }
    return out;
  }

  /** What {@link #leadingPower} returns where the reference has too few small sample values. */
  private static final int NO_DATA = -1;

  /**
   * A near-zero patch for a function that vanishes at 0 like {@code z^k} and cancels there in
   * {@code c} (the Student-t mean's {@code dNu}, a difference of two O(z) terms that is O(z^3)),
   * when no series is at hand (a free parameter: Symja's {@code Series} of the parameter
   * derivative runs out of its budget, and the reference's coefficients would hold for the
   * defaults only): {@code z^k P(z^2)} with {@code P} the polynomial through {@code c(z_j) / z_j^k}
   * at the nodes {@code z_j = j r}, where {@code c} is accurate; evaluated by the generated code
   * itself from {@code c} at those nodes, so it follows the parameters. {@code k} and the parity
   * (odd or even, which {@code P(z^2)} needs) come from the reference at the smallest sample
   * points; empty where they do not show a clean power.
   */
  List<Candidate> extrapolatedNearZero(Candidate c) {
    int k = leadingPower(points, reference);
    List<Candidate> out = new java.util.ArrayList<>();
    if (k < 1) {
      // No clean power at the defaults (NO_DATA included), where the other parameter values may
      // show one: the Tukey mixture's dA is identically 0 next to z = 0 at a = 1 (the outer
      // hypotheses sit on their flat part there) and like z elsewhere, where c cancels to 0.
      // The splice that follows measures at the defaults only, where this patch is c itself; so
      // the patch holds its own splice at its first node, from where c is accurate (it cancels
      // like 1/z^k next to 0, and the nodes were chosen to be outside that).
      int elsewherePower = commonPowerElsewhere();
      if (elsewherePower < 1) return out;
      for (double radius : EXTRAPOLATION_RADII) {
        Expr elsewhereForm = new Expr.Cond(nearZero(radius), extrapolated(c, elsewherePower, radius, true), c.expr());
        out.add(new Candidate(EXTRAPOLATED + radius, new Expr.Cond(atDefaults(), c.expr(), elsewhereForm)));
      }
      return out;
    }
    // The power at the defaults can be a coincidence of those values: the gated Welsch mean's dA
    // vanishes like z^4 at a = 1 and like z^2 at every other a. Divided by z^4, the extrapolation
    // is wrong by a factor of 7 at a = 3.25, z = 0.08. So the power elsewhere is the smallest that
    // the other parameter values show, and where one of them shows none (the output does not
    // vanish at 0 there) the form itself stands for the other values.
    // (a value with no data is left out: the output is not real there, Log[1+x^2/nu] at nu < 0)
    return patches(c, k, commonPowerElsewhere(), true);
  }

  /**
   * The extrapolation patches of {@link #extrapolatedNearZero} for the other parameter values
   * alone, with the power they show, one per node spacing: for the caller to splice in away from
   * the defaults ({@link #spliceNearZeroElsewhere}) where at the defaults the output is not a
   * {@code z^k P(z^2)} next to 0. The Huber variance at three prototypes with a free threshold:
   * at the default delta = 1 two Huber kinks sit at z = 0, so dZ has one-sided expansions there
   * (the reference's patches on each side hold); at delta = 5.23 it is smooth and odd, and the form
   * cancels to exactly 0 below z = 1e-16 (exact -0.35 z). Empty where the other values show no
   * clean power.
   */
  List<Candidate> extrapolatedElsewhere(Candidate c) {
    int power = commonPowerElsewhere();
    List<Candidate> out = new java.util.ArrayList<>();
    if (power < 1) return out;
    for (double radius : EXTRAPOLATION_RADII) out.add(new Candidate(EXTRAPOLATED + radius, extrapolated(c, power, radius, true)));
    return out;
  }

  /**
   * The smallest power with which the output vanishes at 0 at the other parameter values, 0 where
   * one of them shows none, {@link #NO_DATA} where none has data.
   */
  private int commonPowerElsewhere() {
    return commonPowerElsewhere(true);
  }

  private int commonPowerElsewhere(boolean parity) {
    int power = NO_DATA;
    for (Scorer s : elsewhere) {
      int there = leadingPower(s.points(), s.reference(output, role), parity);
      if (TRACE_TAILS) System.err.printf("trace: output %d %s leading power at %s: %d%n", output, role, s.parameterValues(), there);
      if (there == NO_DATA) continue;
      if (there < 1) return 0;
      power = power == NO_DATA ? there : Math.min(power, there);
    }
    return power;
  }

  /**
   * {@code test}, and with free parameters also that they have their defaults: the limits and the
   * threshold were measured there. The gated generalized Gaussian's dP (default p = 3) returned
   * its limit 0 beyond z = 1e100 for every p, and at p = -2.18 the exact value at z = 1.3e109 is
   * -1.3e-236.
   */
  private Expr.Test atDefaultsAnd(Expr.Test test) {
    if (defaults.isEmpty()) return test;
    List<Expr.Test> all = new java.util.ArrayList<>(Exprs.parametersAt(defaults));
    all.add(test);
    return new Expr.Test.And(all);
  }

  /** The test that every free parameter has its default value (exactly, as the root splices test it). */
  private Expr.Test atDefaults() {
    List<Expr.Test> tests = Exprs.parametersAt(defaults);
    return tests.size() == 1 ? tests.get(0) : new Expr.Test.And(tests);
  }

  /** The name of the extrapolated patches' forms, followed by their node spacing. */
  static final String EXTRAPOLATED = "extrapolated-";

  /** Node spacings tried, powers of two (exact nodes). */
  private static final double[] EXTRAPOLATION_RADII = {0x1p-9, 0x1p-8, 0x1p-7, 0x1p-6, 0x1p-5};

  /**
   * The near-zero patch {@code z^k P(.)} from {@code c}'s values at the nodes: with parity {@code
   * P((z/r)^2)} through {@code z_j = r, 2r, ..., 6r}; without, {@code P(z/r)} through {@code z_j =
   * +-r, ..., +-6r}. P passes through {@code c(z_j) / z_j^k}.
   */
  private static Expr extrapolated(Candidate c, int k, double radius, boolean parity) {
    int n = parity ? EXTRAPOLATION_NODES : 2 * EXTRAPOLATION_NODES;
    double[] nodes = new double[n];
    Expr[] g = new Expr[n];
    for (int j = 0; j < n; j++) {
      double x = parity ? j + 1.0 : j < EXTRAPOLATION_NODES ? j - EXTRAPOLATION_NODES : j - EXTRAPOLATION_NODES + 1;
      nodes[j] = parity ? x * x : x;
      double zj = x * radius;
      g[j] = new Expr.Div(Exprs.substituteZ(c.expr(), zj), Expr.Const.of(Math.pow(zj, k)));
    }
    Expr.Var z = new Expr.Var("z");
    Expr scaled = new Expr.Div(z, Expr.Const.of(radius));
    Expr horner = interpolated(nodes, g, parity ? new Expr.Mul(List.of(scaled, scaled)) : scaled);
    Expr power = k == 1 ? z : new Expr.PowInt(z, k);
    return new Expr.Mul(List.of(horner, power));
  }

  /**
   * {@code P(x)} in Horner form, P the polynomial through {@code (nodes[j], values[j])}: its
   * monomial coefficients are fixed combinations of the values (the Lagrange basis expanded at
   * generation time), so the values may be expressions the generated code computes (the form's
   * own values at the nodes, which follow the free parameters).
   */
  private static Expr interpolated(double[] nodes, Expr[] values, Expr x) {
    int n = nodes.length;
    double[][] basis = new double[n][];
    for (int j = 0; j < n; j++) {
      double[] poly = {1};
      for (int m = 0; m < n; m++) {
        if (m == j) continue;
        double[] next = new double[poly.length + 1];
        for (int i = 0; i < poly.length; i++) {
          next[i + 1] += poly[i] / (nodes[j] - nodes[m]);
          next[i] -= poly[i] * nodes[m] / (nodes[j] - nodes[m]);
        }
        poly = next;
      }
      basis[j] = poly;
    }
    Expr[] coefficients = new Expr[n];
    for (int i = 0; i < n; i++) {
      List<Expr> terms = new java.util.ArrayList<>();
      for (int j = 0; j < n; j++) terms.add(new Expr.Mul(List.of(Expr.Const.of(basis[j][i]), values[j])));
      coefficients[i] = new Expr.Add(terms);
    }
    Expr horner = coefficients[n - 1];
    for (int i = n - 2; i >= 0; i--) horner = new Expr.Add(List.of(coefficients[i], new Expr.Mul(List.of(x, horner))));
    return horner;
  }

  /**
   * The power k with which the reference vanishes at 0 ({@code |f(z)| ~ z^k}), from its values at
   * the smallest positive sample points, when they show a clean power and the matching parity
   * ({@code f(-z) = (-1)^k f(z)}); {@link #NO_DATA} where fewer than two small sample values are
   * known (NaN, or below 1e-250); 0 otherwise.
   */
  private static int leadingPower(double[] points, double[] reference) {
    return leadingPower(points, reference, true);
  }

  /** {@link #leadingPower(double[], double[])}, with {@code parity} false also where the output is neither odd nor even. */
  private static int leadingPower(double[] points, double[] reference, boolean parity) {
    double z1 = Double.NaN;
    double f1 = Double.NaN;
    double z2 = Double.NaN;
    double f2 = Double.NaN;
    for (int i = 0; i < points.length; i++) {
      double z = points[i];
      double f = reference[i];
      if (!(z > 1e-60 && z < 1e-6) || Double.isNaN(f) || Math.abs(f) < 1e-250) continue;
      if (Double.isNaN(z1) || z < z1) {
        z2 = z1;
        f2 = f1;
        z1 = z;
        f1 = f;
      } else if (Double.isNaN(z2) || z < z2) {
        z2 = z;
        f2 = f;
      }
    }
    if (Double.isNaN(z2)) return NO_DATA;
    if (f1 == 0 || f2 == 0 || z2 / z1 < 1e3) return 0;
    double slope = Math.log(Math.abs(f2 / f1)) / Math.log(z2 / z1);
    long k = Math.round(slope);
    if (k < 1 || k > 9 || Math.abs(slope - k) > 1e-3) return 0;
    if (!parity) return (int) k;
    // parity at the same magnitudes
    for (int i = 0; i < points.length; i++) {
      for (int j = 0; j < points.length; j++) {
        if (points[j] == -points[i] && points[i] == z1 && !Double.isNaN(reference[j])) {
          double expected = (k % 2 == 0 ? 1 : -1) * reference[i];
          if (reference[j] != expected) return 0;
        }
      }
    }
    return (int) k;
  }

  /**
   * {@code c} for |z| >= r and {@code patch} below, for the largest sample radius r <= 1 at which
   * both are accurate on their side of r within |z| <= 1; empty if there is none. Beyond 1 the
   * splice changes nothing: a tail that {@code c} gets wrong is for the saturation repair, applied
   * to the spliced form afterwards. The patch must be accurate at r itself too: a series'
   * truncation error grows like |z|^(n+1) up to r, so the samples below r alone do not bound it
   * (0.3 to 0.5 is a factor 10^4 at order 16).
   */
  Optional<Candidate> spliceNearZero(Candidate c, Candidate patch) {
    double[] errors = scorer.errors(c.expr(), output, role);
    double[] patchErrors = scorer.errors(patch.expr(), output, role);
    double radius = Double.NaN;
    for (int i = 0; i < points.length; i++) {
      double r = Math.abs(points[i]);
      if (r == 0 || r > 1 || (!Double.isNaN(radius) && r <= radius)) continue;
      if (splitHolds(points, errors, patchErrors, r, tolerance, kinks)) radius = r;
    }
    if (TRACE_NEAR_ZERO) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < points.length; i++) {
        if (Math.abs(points[i]) <= 1 && points[i] != 0) b.append(String.format(" %.0e:%.1e/%.1e", points[i], errors[i], patchErrors[i]));
      }
      System.err.printf("trace: splice %s with %s near 0: radius %s;%s%n", c.form(), patch.form(), radius, b);
    }
    if (Double.isNaN(radius)) return Optional.empty();
    return Optional.of(new Candidate(c.form() + "+" + patch.form() + "-near-0",
        new Expr.Cond(nearZero(radius), patch.expr(), c.expr())));
  }

  /**
   * Whether a near-zero split at radius {@code r} holds at {@code points}: the form within tolerance
   * from {@code r} to 1, the patch up to {@code r}. The form is not judged next to a kink other than
   * 0 ({@code kinks}): the kink's own splice takes those points (the free energy of {@code |z - mu|
   * log(1 + |z - mu|)}: every form's derivative was 0.094 off at the kink z = -1, so no near-zero
   * patch was spliced, and the derivative was 0 at z = -5e-60, exact 3.7e-60).
   */
  private static boolean splitHolds(double[] points, double[] errors, double[] patchErrors, double r, double tolerance,
      double[] kinks) {
    // The form is judged up to where the patch stops holding (no radius could move the split past
    // that point): beyond it the form's misses are other repairs' business. The free energy's slope
    // of the Gaussian at s = 1/4 and three prototypes misses at +-0.5, its roots, which the root
    // splices take; judged up to 1, no radius held, and next to 0 the slope was 1% off (r_1 -
    // r_-1 is 32 e^-8 z of a slope 16 z).
    double reach = 1;
    for (int j = 0; j < points.length; j++) {
      double a = Math.abs(points[j]);
      if (a > r && a < reach && patchErrors[j] > tolerance) reach = a;
    }
    for (int j = 0; j < points.length; j++) {
      double a = Math.abs(points[j]);
      if (a >= r && a <= reach && errors[j] > tolerance && !ActivationLowering.nearKink(points[j], kinks)) return false;
      if (a <= r && patchErrors[j] > tolerance) return false;
    }
    return true;
  }

  /** {@code |z| < radius}. */
  private static Expr.Test nearZero(double radius) {
    return new Expr.Test.Compare(Expr.Test.Op.LT, Expr.Call.of(Fn.ABS, new Expr.Var("z")), Expr.Const.of(radius));
  }

  /** Where the expansions at the infinities start: {@code |z| >= T}, the smallest that holds wins. */
  private static final double[] TAIL_FROM = {8, 32, 128, 512, 2048};
  /** Degrees of the polynomial in {@code 1/z} tried for each T, the lower first. */
  private static final int[] TAIL_DEGREES = {10, 16};
  /** The expansion fitted for each side and T (the same for every candidate of this output). */
  private final java.util.Map<List<Double>, Optional<Expr>> tails = new java.util.HashMap<>();

  /**
   * {@code c} with an expansion at each infinity where {@code c} loses the contract out there:
   * for {@code side z >= T}, {@code z^k P(s)} with {@code s = 2 T side / z - 1} in {@code (-1, 1]},
   * k the power (an integer or a half-integer) the reference decays or grows with (from its values at the far sample points) and
   * P interpolated at Chebyshev nodes from the reference ({@link Scorer#referenceAt}), checked at
   * the points between the nodes and at the sample points beyond T. Nothing is typed in: the
   * power, the coefficients and T come from the reference. Why: where every energy tends to the
   * same constant like a power of 1/z (bounded rational losses such as Geman-McClure with three
   * prototypes), a variance's or a responsibility's derivative is a second difference of the
   * energies' slopes, of order {@code z^-5} while each term is {@code z^-3}; every form built from
   * the pieces lost it (relative error 1 at z = 1e50, 1.6e-225 exact at z = -3e48 came out -0.0).
   * Such outputs are analytic in {@code 1/z} at the infinity, which the polynomial follows. Only
   * at the defaults (the coefficients are the reference's there); at other parameter values the
   * form itself. Kept by the caller only if it measures better.
   */
  Optional<Candidate> asymptoticTails(Candidate c) {
    Expr guarded = c.expr();
    boolean changed = false;
    for (int side : new int[] {+1, -1}) {
      double before = worstBeyond(scorer.errors(guarded, output, role), side, 1);
      if (before <= tolerance) continue;
      Expr best = null;
      double bestError = before;
      for (double from : TAIL_FROM) {
        Optional<Expr> tail = tail(side, from, 1);
        if (tail.isEmpty()) continue;
        Expr e = new Expr.Cond(atDefaultsAnd(beyond(side, from)), tail.get(), guarded);
        double w = worstBeyond(scorer.errors(e, output, role), side, 1);
        if (w < bestError) {
          best = e;
          bestError = w;
        }
        if (w <= tolerance) break;
      }
      if (best == null) {
        // Outputs analytic in |z|^(-1/2) (energies with square roots of |z - mu|: the three-
        // prototype responsibilities of |z - mu|^(1/2), whose middle derivative is a second
        // difference of 1/sqrt terms, 1e-2 off at z = 1e14 in the paired form) follow no polynomial
        // in 1/z; and a miss next to a kink at 1 (a splice's business) hides any gain measured from
        // 1 on. Measured beyond T only, taken where it holds there and the form does not.
        for (double from : TAIL_FROM) {
          Optional<Expr> tail = tail(side, from, 2);
          if (tail.isEmpty()) continue;
          if (worstBeyond(scorer.errors(guarded, output, role), side, from) <= tolerance) break;
          Expr e = new Expr.Cond(atDefaultsAnd(beyond(side, from)), tail.get(), guarded);
          if (worstBeyond(scorer.errors(e, output, role), side, from) <= tolerance) {
            best = e;
            break;
          }
        }
      }
      if (best != null) {
        guarded = best;
        changed = true;
      }
    }
    return changed ? Optional.of(new Candidate(c.form() + "+asymptotic-tails", guarded)) : Optional.empty();
  }

  /** The worst error at the sample points with {@code side z >= from}. */
  private double worstBeyond(double[] errors, int side, double from) {
    double w = 0;
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] < from || Double.isNaN(errors[i])) continue;
      w = Math.max(w, errors[i]);
    }
    return w;
  }

  private static Expr.Test beyond(int side, double from) {
    return new Expr.Test.Compare(side > 0 ? Expr.Test.Op.GE : Expr.Test.Op.LE, new Expr.Var("z"), Expr.Const.of(side * from));
  }

  /**
   * The expansion beyond {@code side z >= from} (cached), in {@code (T/|z|)^(1/q)} (q = 1: in
   * 1/z), empty where none holds.
   */
  private Optional<Expr> tail(int side, double from, int q) {
    return tails.computeIfAbsent(List.of(side * from, (double) q), key -> fitTail(side, from, q));
  }

  private Optional<Expr> fitTail(int side, double from, int q) {
    OptionalInt power = farPower(side);
    if (power.isEmpty()) return Optional.empty();
    int twiceK = power.getAsInt();
    for (int degree : TAIL_DEGREES) {
      int n = degree + 1;
      // nodes, then the points between them (the check), all in one call
      double[] zs = new double[2 * n - 1];
      for (int j = 0; j < n; j++) zs[j] = node(side, from, q, Math.cos(Math.PI * (j + 0.5) / n));
      for (int j = 0; j < n - 1; j++) zs[n + j] = node(side, from, q, Math.cos(Math.PI * (j + 1.0) / n));
      Optional<double[]> f = scorer.referenceAt(zs, output, role);
      if (f.isEmpty()) return Optional.empty();
      double[] s = new double[n];
      double[] rhs = new double[n];
      boolean usable = true;
      for (int j = 0; j < n && usable; j++) {
        s[j] = tailVariable(zs[j], side, from, q);
        rhs[j] = f.get()[j] / scale(zs[j], twiceK);
        usable = Double.isFinite(rhs[j]);
      }
      if (!usable) continue;
      Optional<double[]> coefficients = LinearSystems.polynomialThrough(s, rhs);
      if (coefficients.isEmpty()) continue;
      Expr tail = tailExpr(coefficients.get(), twiceK, side, from, q);
      boolean holds = true;
      for (int j = n; j < zs.length && holds; j++) {
        double exact = f.get()[j];
        double computed = DoubleEvaluator.evaluate(tail, java.util.Map.of("z", zs[j]));
        holds = Double.isFinite(exact) && Math.abs(computed - exact) <= tolerance / 8 * Math.abs(exact);
      }
      if (holds) return Optional.of(tail);
    }
    return Optional.empty();
  }

  /** The point z where the tail variable is {@code s}: {@code |z| = T / ((1 + s)/2)^q} on that side. */
  private static double node(int side, double from, int q, double s) {
    return q == 1 ? side / ((1 + s) / (2 * from)) : side * from / Math.pow((1 + s) / 2, q);
  }

  /**
   * {@code s = 2 T side (1/z) - 1} (q = 1) or {@code s = 2 sqrt(T) (1/sqrt|z|) - 1} (q = 2), as
   * the generated code computes it.
   */
  private static double tailVariable(double z, int side, double from, int q) {
    return q == 1 ? 2 * from * side * (1.0 / z) + -1.0 : 2 * Math.sqrt(from) * (1.0 / Math.sqrt(Math.abs(z))) + -1.0;
  }

  /**
   * {@code z^k} for an integer k (twice k even), {@code |z|^k} for a half-integer (the sign is
   * P's), at a fit node (|z| at most about 1e6 there, so no power leaves the range).
   */
  private static double scale(double z, int twiceK) {
    return twiceK % 2 == 0 ? Math.pow(z, twiceK / 2) : Math.pow(Math.abs(z), twiceK / 2.0);
  }

  /**
   * {@code z^k P(s)}: P by Horner, {@code z^k} as {@code (1/z)^-k} for k < 0; a half-integer k
   * as {@code |z|^floor(k) sqrt(|z|)} (or over {@code sqrt(|z|)} for k < 0), so that the power
   * overflows only where the output does (the free energy of {@code Abs[z-mu]^(3/2)} is beyond
   * {@code MAX_VALUE} from about |z| = 1e205, and 1e154 already overflowed {@code z^2}).
   */
  private static Expr tailExpr(double[] c, int twiceK, int side, double from, int q) {
    Expr.Var z = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), z);
    Expr s = q == 1
        ? new Expr.Add(List.of(new Expr.Mul(List.of(Expr.Const.of(2 * from * side), w)), Expr.Const.of(-1.0)))
        : new Expr.Add(List.of(new Expr.Mul(List.of(Expr.Const.of(2 * Math.sqrt(from)),
            new Expr.Div(Expr.Const.of(1.0), Expr.Call.of(Fn.SQRT, Expr.Call.of(Fn.ABS, z))))), Expr.Const.of(-1.0)));
    Expr p = Expr.Const.of(c[c.length - 1]);
    for (int j = c.length - 2; j >= 0; j--) p = new Expr.Add(List.of(Expr.Const.of(c[j]), times(s, p)));
    if (twiceK == 0) return p;
    if (twiceK % 2 == 0) return times(p, power(twiceK > 0 ? z : w, Math.abs(twiceK / 2)));
    Expr magnitude = Expr.Call.of(Fn.ABS, z);
    Expr root = Expr.Call.of(Fn.SQRT, magnitude);
    int whole = Math.abs(twiceK) / 2;
    if (twiceK > 0) return whole == 0 ? times(p, root) : times(times(p, power(magnitude, whole)), root);
    Expr over = new Expr.Div(p, root);
    return whole == 0 ? over : times(over, power(new Expr.Div(Expr.Const.of(1.0), magnitude), whole));
  }

  /**
   * Twice the power k with which the reference behaves like {@code |z|^k} at the far sample points
   * of one side (|z| from 1e6 on, finite, the two farthest at least 1e3 apart, the slope within
   * 0.05 of an integer or a half-integer of at most 16 in size); empty where it does not.
   */
  private OptionalInt farPower(int side) {
    int far = -1;
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] < 1e6 || !Double.isFinite(reference[i]) || reference[i] == 0) continue;
      if (far < 0 || Math.abs(points[i]) > Math.abs(points[far])) far = i;
    }
    if (far < 0) return OptionalInt.empty();
    int near = -1;
    for (int i = 0; i < points.length; i++) {
      if (side * points[i] < 1e6 || !Double.isFinite(reference[i]) || reference[i] == 0) continue;
      if (Math.abs(points[i]) * 1e3 > Math.abs(points[far])) continue;
      if (near < 0 || Math.abs(points[i]) > Math.abs(points[near])) near = i;
    }
    if (near < 0 || Math.signum(reference[near]) != Math.signum(reference[far])) return OptionalInt.empty();
    double slope = Math.log(Math.abs(reference[far] / reference[near])) / Math.log(points[far] / points[near]);
    long twiceK = Math.round(2 * slope);
    if (Math.abs(2 * slope - twiceK) > 0.1 || Math.abs(twiceK) > 32) return OptionalInt.empty();
    return OptionalInt.of((int) twiceK);
  }
}
