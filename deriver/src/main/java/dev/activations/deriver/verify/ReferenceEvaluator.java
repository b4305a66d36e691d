package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link Definition} from its unsimplified definition, to a target number of correct
 * digits, at any finite double (or exact decimal) input: the ground truth that generated code is
 * held to.
 *
 * <p>How: energies, effective energies {@code e_h = d_h / T - pi_h}, shift by the smallest, weights
 * {@code w_h = exp(-(e_h - e_min))} (the winner's is exactly 1; weights below {@code e^-1e6} are
 * taken as 0, far below anything a double shows), then the statistic in forms without cancellation
 * or log of 0: {@code log Z = log1p(sum of the losers' weights)}, entropy {@code = log Z + sum r_h
 * x_h}, log-responsibility {@code = -x_h - log Z}, variance {@code = sum_{h<k} r_h r_k (g_h -
 * g_k)^2}. Every quantity is an {@link Enclosure} (exact rational or midpoint and error bound), so
 * the evaluator knows how many digits it has.
 *
 * <p>Precision rule: adaptive. Evaluation starts at {@code digits + 10} working digits and, while
 * the error bound of any output exceeds {@code 10^-digits * max(|value|, Double.MIN_NORMAL)},
 * repeats with the missing number of digits added (or doubles the precision when a comparison was
 * undecided). Exact energies (polynomial, Abs, Piecewise) need no extra digits at any {@code |z|};
 * transcendental ones get what their cancellation needs (about {@code log10|z|} extra for
 * {@code Log[1+(z-mu)^2]} at large {@code |z|}), and the MIN_NORMAL floor bounds the cost near
 * {@code z = 0}.
 *
 * <p>Derivative: forward differentiation of the same definition ({@link Dual}: every operation
 * carries its derivative as a second enclosure), under the same adaptive precision rule. Where a
 * forward rule does not apply (the argument of {@code Abs} at 0, a {@code Piecewise} condition on
 * its boundary, a {@code Max} tie, the mode), and so possibly at a kink, the derivative is a
 * central difference of the definition instead, Richardson-extrapolated ({@code (4
 * D(h) - D(2h)) / 3}) over the stencil {@code z + k h, k = -2..2}, with {@code h} a power of ten
 * about {@code 10^-(digits/2 + 5) max(1, |z|)}. Its error bound is the propagated rounding plus
 * {@code |D(h) - D(2h)|} (which bounds the truncation generously); step and precision shrink or
 * grow until the bound meets the same target. The derivative is reported absent when the stencil
 * shows a kink (the one-sided differences' gap does not shrink with h) or a jump (the central
 * difference grows like 1/h).
 *
 * <p>Thread-safe, and immutable in what it computes (parsing happens once, in the constructor); it
 * remembers the points it evaluated recently ({@link #evaluate(double)}).
 */
public final class ReferenceEvaluator {

  /** Default number of correct significant digits. */
  public static final int DEFAULT_DIGITS = 40;
  /** Working precision beyond which the evaluator gives up (ArithmeticException). */
  public static final long MAX_WORKING_DIGITS = 20_000;

  private static final double WEIGHT_CUT = 1e6;
  private static final double LOG10_E = 1 / BigMath.LN10;
  private static final double LOG10_MIN_NORMAL = Math.log10(Double.MIN_NORMAL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private final Definition definition;
  private final Statistic stat;
  private final int digits;
  private final HighPrecisionExpression energy;
  private final Map<String, Constant> parameters;
  private final Constant temperature;
  private final List<Constant> centers;
  private final List<Constant> priors;
  /** Null entries pass the input through ({@code g_h = z}). */
  private final List<Constant> values;
  private final Constant reject;
  /** Working precision beyond which this evaluator gives up: {@link #MAX_WORKING_DIGITS} unless narrowed. */
  private final long workingDigits;

  /** An evaluator to {@link #DEFAULT_DIGITS} digits. */
  public ReferenceEvaluator(Definition definition) {
    this(definition, DEFAULT_DIGITS);
  }

  /**
   * Compiles the definition's texts.
   *
   * @param digits correct significant digits wanted (relative; absolute in units of
   *     Double.MIN_NORMAL below the normal range), 10 to 1000
   * @throws IllegalArgumentException for a syntax error or unsupported construct in any text, a
   *     symbol that is neither {@code z}, {@code mu} nor a parameter, a bad parameter name, or a
   *     temperature that is not positive
   */
  public ReferenceEvaluator(Definition definition, int digits) {
    if (digits < 10 || digits > 1000) throw new IllegalArgumentException("digits out of [10, 1000]: " + digits);
    this.definition = definition;
    this.stat = definition.stat();
    this.digits = digits;
    this.workingDigits = MAX_WORKING_DIGITS;
    Set<String> paramNames = new HashSet<>();
    Map<String, Constant> params = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> p : definition.parameters().entrySet()) {
      String name = p.getKey();
      if (!NAME.matcher(name).matches() || name.equals("z") || name.equals("mu")
          || name.equals("E") || name.equals("Pi")) {
        throw new IllegalArgumentException("bad parameter name: '" + name + "'");
      }
      paramNames.add(name);
    }
    for (Map.Entry<String, String> p : definition.parameters().entrySet()) {
      params.put(p.getKey(), new Constant("parameter " + p.getKey(), p.getValue(), Set.of(), null));
    }
    this.parameters = params;
    Set<String> energySymbols = new HashSet<>(paramNames);
    energySymbols.add("z");
    energySymbols.add("mu");
    this.energy = checked("energy", definition.energy(), energySymbols);
    this.temperature = new Constant("temperature", definition.temperature(), paramNames, params);
    List<Constant> cs = new ArrayList<>();
    List<Constant> ps = new ArrayList<>();
    List<Constant> vs = new ArrayList<>();
    for (HypothesisDef h : definition.hypotheses()) {
      cs.add(new Constant("center", h.center(), paramNames, params));
      ps.add(new Constant("log-prior", h.logPrior(), paramNames, params));
      vs.add(h.passesInput() ? null : new Constant("value", h.value(), paramNames, params));
    }
    this.centers = List.copyOf(cs);
    this.priors = List.copyOf(ps);
    this.values = java.util.Collections.unmodifiableList(vs);
    this.reject = definition.rejectEnergy()
        .map(e -> new Constant("reject energy", e, paramNames, params))
        .orElse(null);
    Enclosure t = temperature.value(paramEnv(60), 60);
    Integer sign = t.signIfDecided();
    if (sign == null || sign <= 0) {
      throw new IllegalArgumentException("temperature must be positive: " + definition.temperature());
    }
  }

  private ReferenceEvaluator(ReferenceEvaluator other, long workingDigits) {
    this.definition = other.definition;
    this.stat = other.stat;
    this.digits = other.digits;
    this.energy = other.energy;
    this.parameters = other.parameters;
    this.temperature = other.temperature;
    this.centers = other.centers;
    this.priors = other.priors;
    this.values = other.values;
    this.reject = other.reject;
    this.workingDigits = workingDigits;
  }

  /**
   * The same evaluator, giving up beyond {@code workingDigits} of working precision instead of
   * {@link #MAX_WORKING_DIGITS}: for tables whose points only choose (a point it gives up on chooses
   * nothing), where the full budget would be spent on points that no double computation resolves
   * (docs/CONTRACT.md, "The selection's precision budget").
   */
  public ReferenceEvaluator withWorkingDigits(long workingDigits) {
    if (workingDigits < DEFAULT_DIGITS || workingDigits > MAX_WORKING_DIGITS) {
      throw new IllegalArgumentException("working digits out of [" + DEFAULT_DIGITS + ", " + MAX_WORKING_DIGITS + "]: " + workingDigits);
    }
    return workingDigits == this.workingDigits ? this : new ReferenceEvaluator(this, workingDigits);
  }

  private static HighPrecisionExpression checked(String what, String text, Set<String> allowed) {
    HighPrecisionExpression e;
    try {
      e = HighPrecisionExpression.parse(text);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(what + ": " + ex.getMessage(), ex);
    }
    for (String s : e.symbols()) {
      if (!allowed.contains(s)) {
        throw new IllegalArgumentException(what + " '" + text + "' uses unknown symbol '" + s + "'");
      }
    }
    return e;
  }

  /** A constant text (over parameters), exact values cached. */
  private static final class Constant {
    private final HighPrecisionExpression expr;
    private final Enclosure exact;

    Constant(String what, String text, Set<String> allowed, Map<String, Constant> params) {
      this.expr = checked(what, text, allowed);
      Enclosure probe = null;
      if (params == null || expr.symbols().isEmpty() || allParamsExact(params)) {
        Map<String, Enclosure> env = new HashMap<>();
        if (params != null) params.forEach((k, v) -> env.put(k, v.exact));
        try {
          probe = expr.enclose(env, 60);
        } catch (InsufficientPrecisionException ex) {
          probe = null;
        } catch (ArithmeticException ex) {
          throw new IllegalArgumentException(what + " '" + text + "' is undefined: " + ex.getMessage(), ex);
        }
      }
      this.exact = probe != null && probe.isExact() ? probe : null;
    }

    private static boolean allParamsExact(Map<String, Constant> params) {
      return params.values().stream().allMatch(c -> c.exact != null);
    }

    Enclosure value(Map<String, Enclosure> env, long p) {
      return exact != null ? exact : expr.enclose(env, p);
    }
  }

  /** The definition this evaluator computes. */
  public Definition definition() {
    return definition;
  }

  /** The target number of correct digits. */
  public int digits() {
    return digits;
  }

  /** The number of outputs (see {@link Definition#outputCount()}). */
  public int outputCount() {
    return definition.outputCount();
  }

  /**
   * Values and derivatives at the exact value of {@code z}.
   *
   * @throws IllegalArgumentException if z is NaN or infinite
   * @throws ArithmeticException where the definition is undefined (e.g. Log of a negative number),
   *     overflows apfloat, or needs more than {@link #MAX_WORKING_DIGITS} digits
   */
  public ReferencePoint evaluate(double z) {
    Long key = Double.doubleToRawLongBits(z);
    Object known;
    synchronized (evaluated) {
      known = evaluated.get(key);
    }
    if (known instanceof RuntimeException e) throw e;
    if (known != null) return (ReferencePoint) known;
    Object result;
    try {
      result = evaluate(exactInput(z));
    } catch (ArithmeticException | InsufficientPrecisionException e) {
      result = e;
    }
    synchronized (evaluated) {
      evaluated.put(key, result);
    }
    if (result instanceof RuntimeException e) throw e;
    return (ReferencePoint) result;
  }

  /**
   * The most recent points {@link #evaluate(double)} computed (or the exception it threw there),
   * by the bits of z. The root and kink splices of one derivation ask for the same points again
   * for every output and for the value and the derivative (the kink probes are the same offsets
   * each time), and a high-precision point costs milliseconds to seconds. Counted with {@code
   * --check}: the three-prototype responsibilities of {@code Abs[z-mu]^(3/2)} found 1,458 of 2,296
   * requests here, a three-prototype Tukey-plus-truncated-quadratic entropy 303 of 953, the
   * Student-t mean 9 of 231. A pure function of z, so what is computed does not change; only when.
   */
  private final Map<Long, Object> evaluated = new java.util.LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
      return size() > EVALUATED_POINTS;
    }
  };

  /** Points kept by {@link #evaluated}: a few kinks' probe sets (about 1,250 each at a kink at 0). */
  private static final int EVALUATED_POINTS = 8192;

  /** Values and derivatives at the exact decimal {@code z} (e.g. {@code 0.3}, which no double is). */
  public ReferencePoint evaluate(BigDecimal z) {
    Rational zr = Rational.of(z);
    Result value = values(zr);
    List<Optional<BigDecimal>> ds = new ArrayList<>();
    long maxP = value.p;
    DerivativeResult d = derivatives(zr, z, value.p);
    maxP = Math.max(maxP, d.p);
    for (Enclosure e : d.values) ds.add(e == null ? Optional.empty() : Optional.of(e.toBigDecimal(digits + 3)));
    return new ReferencePoint(z, decimals(value.values), ds, maxP);
  }

  /**
   * The derivatives at {@code z} by difference quotients alone, bypassing forward
   * differentiation: the two methods share nothing but the definition, so each checks the other.
   */
  List<Optional<BigDecimal>> differenceQuotientDerivatives(BigDecimal z) {
    Rational zr = Rational.of(z);
    DerivativeResult d = differenceQuotients(zr, z, values(zr).p);
    List<Optional<BigDecimal>> ds = new ArrayList<>();
    for (Enclosure e : d.values) ds.add(e == null ? Optional.empty() : Optional.of(e.toBigDecimal(digits + 3)));
    return ds;
  }

  /** Values only (cheaper), at the exact value of {@code z}. */
  public List<BigDecimal> values(double z) {
    return values(exactInput(z));
  }

  /** Values only, at the exact decimal {@code z}. */
  public List<BigDecimal> values(BigDecimal z) {
    return decimals(values(Rational.of(z)).values);
  }

  private static BigDecimal exactInput(double z) {
    if (!Double.isFinite(z)) throw new IllegalArgumentException("z is not finite: " + z);
    return new BigDecimal(z);
  }

  private List<BigDecimal> decimals(List<Enclosure> es) {
    List<BigDecimal> out = new ArrayList<>(es.size());
    for (Enclosure e : es) out.add(e.toBigDecimal(digits + 3));
    return out;
  }

  // ------------------------------------------------------------------ adaptive value

  private record Result(List<Enclosure> values, long p) {}

  /**
   * log10 of the largest error allowed for a result near {@code e} whose error bound is {@code
   * 10^err}: relative to the smallest magnitude the enclosure admits, floored at MIN_NORMAL.
   */
  private double allowed(Enclosure e, double err) {
    double m = e.log10Magnitude();
    double lowest = err < m - 0.3 ? m + Math.log10(1 - Math.pow(10, err - m)) : Double.NEGATIVE_INFINITY;
    return -digits + Math.max(lowest, LOG10_MIN_NORMAL);
  }

  private Result values(Rational z) {
    long p = digits + 10L;
    while (true) {
      try {
        List<Enclosure> out = statistic(z, p);
        double deficit = Double.NEGATIVE_INFINITY;
        for (Enclosure e : out) deficit = Math.max(deficit, e.logRadius() - allowed(e, e.logRadius()));
        if (deficit <= 0) return new Result(out, p);
        boolean reliable = Double.isFinite(deficit) && deficit < 10.0 * p + 1000;
        p = raise(p, reliable ? p + (long) Math.ceil(deficit) + 5 : 2 * p, z);
      } catch (InsufficientPrecisionException e) {
        p = raise(p, e.extraDigits() > 0 ? p + e.extraDigits() : 2 * p, z);
      }
    }
  }

  private long raise(long p, long next, Rational z) {
    if (p >= workingDigits) {
      throw new ArithmeticException("reference value at z = " + z + " needs more than "
          + workingDigits + " digits");
    }
    return Math.min(Math.max(next, p + 1), workingDigits);
  }

  // ------------------------------------------------------------------ the definition

  private Map<String, Enclosure> paramEnv(long p) {
    Map<String, Enclosure> env = new HashMap<>();
    for (Map.Entry<String, Constant> e : parameters.entrySet()) {
      env.put(e.getKey(), e.getValue().value(env, p));
    }
    return env;
  }

  /** The statistic's outputs at the exact input z, at working precision p. */
  List<Enclosure> statistic(Rational z, long p) {
    List<Dual> duals = statistic(z, p, false);
    List<Enclosure> out = new ArrayList<>(duals.size());
    for (Dual d : duals) out.add(d.value());
    return out;
  }

  /**
   * The statistic's outputs with their derivatives (with {@code differentiate}), or with exactly
   * zero derivatives, which every {@link Dual} operation passes through at no cost (without): one
   * formula for both. Values are the same either way.
   *
   * @throws Dual.NotDifferentiable with {@code differentiate}, where a forward rule does not apply
   */
  private List<Dual> statistic(Rational z, long p, boolean differentiate) {
    return statistic(z, p, differentiate ? "z" : null);
  }

  /**
   * {@link #statistic(Rational, long, boolean)} with the derivatives taken with respect to {@code
   * variable}: {@code "z"}, a parameter's name (every constant that uses it, centers, values,
   * priors, temperature and the background energy included, carries its derivative), or null for
   * none.
   */
  private List<Dual> statistic(Rational z, long p, String variable) {
    boolean differentiate = variable != null;
    Map<String, Enclosure> env = paramEnv(p);
    Enclosure zExact = Enclosure.exact(z);
    Dual zE = "z".equals(variable) ? Dual.variable(zExact) : Dual.constant(zExact);
    env.put("z", zExact);
    Map<String, Dual> dualEnv = new HashMap<>(); // the bindings of the energy's forward evaluation
    if (differentiate) {
      env.forEach((k, v) -> dualEnv.put(k, k.equals(variable) ? Dual.variable(v) : Dual.constant(v)));
      dualEnv.put("z", zE);
    }
    int hyps = centers.size();
    int n = definition.hypothesisCount();
    Dual t = constantDual(temperature, env, dualEnv, variable, p);
    Dual[] e = new Dual[n];
    Dual[] g = new Dual[n];
    for (int h = 0; h < hyps; h++) {
      Dual muD = constantDual(centers.get(h), env, dualEnv, variable, p);
      env.put("mu", muD.value());
      Dual d;
      if (differentiate) {
        dualEnv.put("mu", muD);
        d = energy.encloseDual(dualEnv, p);
      } else {
        d = Dual.constant(energy.enclose(env, p));
      }
      e[h] = d.divide(t, p).subtract(constantDual(priors.get(h), env, dualEnv, variable, p), p);
      Constant v = values.get(h);
      g[h] = v == null ? zE : constantDual(v, env, dualEnv, variable, p);
    }
    if (reject != null) {
      e[hyps] = constantDual(reject, env, dualEnv, variable, p).divide(t, p);
      g[hyps] = Dual.ZERO;
    }
    int win = 0;
    for (int h = 1; h < n; h++) if (Enclosure.compareMid(e[h].value(), e[win].value(), p) < 0) win = h;
    Dual[] x = new Dual[n];
    for (int h = 0; h < n; h++) x[h] = h == win ? Dual.ZERO : e[h].subtract(e[win], p);
    if (stat == Statistic.MODE) {
      if (differentiate) throw new Dual.NotDifferentiable("the mode jumps where the winner changes");
      Enclosure[] xv = new Enclosure[n];
      Enclosure[] gv = new Enclosure[n];
      for (int h = 0; h < n; h++) {
        xv[h] = x[h].value();
        gv[h] = g[h].value();
      }
      return List.of(Dual.constant(mode(xv, gv, win, z, p)));
    }

    Dual[] w = new Dual[n];
    Dual losers = Dual.ZERO;
    for (int h = 0; h < n; h++) {
      w[h] = h == win ? Dual.ONE : weight(x[h], p, digits);
      if (h != win) losers = losers.add(w[h], p);
    }
    Dual partition = Dual.ONE.add(losers, p);
    switch (stat) {
      case MEAN -> {
        Dual acc = Dual.ZERO;
        for (int h = 0; h < n; h++) {
          if (h != win) acc = acc.add(w[h].multiply(g[h].subtract(g[win], p), p), p);
        }
        return List.of(g[win].add(acc.divide(partition, p), p));
      }
      case RESPONSIBILITIES -> {
        List<Dual> out = new ArrayList<>(n);
        for (int h = 0; h < n; h++) out.add(w[h].divide(partition, p));
        return out;
      }
      case LOG_RESPONSIBILITIES -> {
        Dual logZ = losers.log1pNonNegative(p);
        List<Dual> out = new ArrayList<>(n);
        for (int h = 0; h < n; h++) out.add(x[h].add(logZ, p).negate());
        return out;
      }
      case VARIANCE -> {
        Dual acc = Dual.ZERO;
        for (int h = 0; h < n; h++) {
          for (int k = h + 1; k < n; k++) {
            Dual dg = g[h].subtract(g[k], p);
            acc = acc.add(w[h].multiply(w[k], p).multiply(dg.multiply(dg, p), p), p);
          }
        }
        return List.of(acc.divide(partition.multiply(partition, p), p));
      }
      case ENTROPY -> {
        Dual acc = Dual.ZERO;
        for (int h = 0; h < n; h++) if (h != win) acc = acc.add(w[h].multiply(x[h], p), p);
        return List.of(losers.log1pNonNegative(p).add(acc.divide(partition, p), p));
      }
      case FREE_ENERGY -> {
        return List.of(e[win].subtract(losers.log1pNonNegative(p), p));
      }
      default -> throw new IllegalStateException("unhandled statistic " + stat);
    }
  }

  /** A constant of the definition, with its derivative where it uses the parameter {@code variable}. */
  private static Dual constantDual(Constant c, Map<String, Enclosure> env, Map<String, Dual> dualEnv,
      String variable, long p) {
    if (variable == null || variable.equals("z") || !c.expr.symbols().contains(variable)) {
      return Dual.constant(c.value(env, p));
    }
    return c.expr.encloseDual(dualEnv, p);
  }

  /**
   * The derivatives of every output with respect to the parameter {@code parameter} at {@code z},
   * by forward differentiation of the definition in ball arithmetic (the same adaptive precision
   * rule as the values, up to {@link #MAX_WORKING_DIGITS}): the high-precision reference for the
   * generated {@code d<Param>} methods, where the fast path cannot decide. Empty where a forward
   * rule does not apply (a kink in the parameter, the mode) or the precision runs out.
   */
  public Optional<Accuracy.Exact[]> parameterDerivative(double z, String parameter) {
    return parameterDerivative(z, parameter, MAX_WORKING_DIGITS);
  }

  /** {@link #parameterDerivative(double, String)} with another cap on the working precision. */
  public Optional<Accuracy.Exact[]> parameterDerivative(double z, String parameter, long maxDigits) {
    return parameterDerivative(Rational.of(exactInput(z)), parameter, maxDigits);
  }

  /**
   * {@link #parameterDerivative(double, String)} at the exact decimal {@code z}: the secant steps
   * that give a root of a {@code d<Param>} its low part evaluate between doubles.
   */
  public Optional<Accuracy.Exact[]> parameterDerivative(BigDecimal z, String parameter) {
    return parameterDerivative(Rational.of(z), parameter, MAX_WORKING_DIGITS);
  }

  private Optional<Accuracy.Exact[]> parameterDerivative(Rational zr, String parameter, long maxDigits) {
    if (!parameters.containsKey(parameter)) throw new IllegalArgumentException("no parameter " + parameter);
    long p = digits + 10L;
    while (true) {
      long next;
      try {
        List<Dual> out = statistic(zr, p, parameter);
        double deficit = Double.NEGATIVE_INFINITY;
        for (Dual d : out) {
          Enclosure e = d.derivative();
          deficit = Math.max(deficit, e.logRadius() - allowed(e, e.logRadius()));
        }
        if (deficit <= 0) {
          Accuracy.Exact[] ds = new Accuracy.Exact[out.size()];
          for (int i = 0; i < ds.length; i++) ds[i] = Accuracy.Exact.of(out.get(i).derivative().toBigDecimal(digits + 3));
          return Optional.of(ds);
        }
        boolean reliable = Double.isFinite(deficit) && deficit < 10.0 * p + 1000;
        next = reliable ? p + (long) Math.ceil(deficit) + 5 : 2 * p;
      } catch (InsufficientPrecisionException e) {
        next = e.extraDigits() > 0 ? p + e.extraDigits() : 2 * p;
      } catch (Dual.NotDifferentiable | ArithmeticException | org.apfloat.ApfloatRuntimeException e) {
        return Optional.empty();
      }
      if (p >= maxDigits) return Optional.empty();
      p = Math.min(Math.max(next, p + 1), maxDigits);
    }
  }

  /** {@code e^-x} with its derivative {@code -x' e^-x}. */
  private static Dual weight(Dual x, long p, int digits) {
    Enclosure w = weight(x.value(), p, digits);
    return new Dual(w, x.derivative().isExactZero() ? Enclosure.ZERO : x.derivative().negate().multiply(w, p));
  }

  /** exp(-x) for x >= 0; exactly 0 (with its tiny bound) beyond the cut. */
  private static Enclosure weight(Enclosure x, long p, int digits) {
    double xd = x.approxDouble();
    boolean beyondCut = x.isHuge()
        ? x.midSignum() > 0
        : xd > 2 * WEIGHT_CUT && x.logRadius() < x.log10Magnitude() - 1;
    if (beyondCut) {
      // surely beyond the cut (x >= 0.9 xd >= 1.8e6): e^-x is invisible next to the winner's 1
      double xLow = Double.isInfinite(xd) ? Double.MAX_VALUE : 0.9 * xd;
      return Enclosure.approx(new org.apfloat.Apfloat(0), -Math.min(Double.MAX_VALUE, xLow * LOG10_E));
    }
    if (x.logRadius() > -2) {
      // the effective energies are not known to better than 1: more digits, about as many as lost
      throw new InsufficientPrecisionException("energy differences undetermined",
          (long) Math.ceil(Math.min(x.logRadius(), 1e6)) + digits + 10);
    }
    return x.negate().exp(p);
  }

  /**
   * The g of the winner; over exact ties (the T -> 0 limit of the mean) their average. A tie is
   * decided exactly: an exact difference that is zero, or energies whose canonical exact forms are
   * equal ({@link ExactForm}); a difference whose enclosure contains 0 otherwise needs more
   * precision (equal midpoints prove nothing: the logistic energies at z = -1e72 differ by 2).
   */
  private Enclosure mode(Enclosure[] x, Enclosure[] g, int win, Rational z, long p) {
    Object[] forms = null;
    Enclosure sum = Enclosure.ZERO;
    int count = 0;
    for (int h = 0; h < x.length; h++) {
      boolean tie;
      if (x[h].isExact()) {
        tie = x[h].isExactZero();
      } else {
        Integer sign = x[h].signIfDecided();
        if (sign != null && sign != 0) {
          tie = false;
        } else {
          if (forms == null) forms = effectiveEnergyForms(z);
          if (!ExactForm.provablyEqual(forms[h], forms[win])) {
            throw new InsufficientPrecisionException("mode undecided");
          }
          tie = true;
        }
      }
      if (tie) {
        sum = sum.add(g[h], p);
        count++;
      }
    }
    return sum.divide(Enclosure.exact(count), p);
  }

  /** The effective energies {@code d_h / T - pi_h} at z as canonical exact forms (null entries: unknown). */
  private Object[] effectiveEnergyForms(Rational z) {
    Map<String, Rational> env = new HashMap<>();
    for (Map.Entry<String, Constant> e : parameters.entrySet()) {
      Object v = e.getValue().expr.exactForm(env);
      if (v instanceof Rational r) env.put(e.getKey(), r);
    }
    env.put("z", z);
    Object inverseT = ExactForm.power(temperature.expr.exactForm(env), Rational.of(-1));
    int hyps = centers.size();
    Object[] out = new Object[definition.hypothesisCount()];
    for (int h = 0; h < hyps; h++) {
      Object mu = centers.get(h).expr.exactForm(env);
      Map<String, Rational> at = new HashMap<>(env);
      if (mu instanceof Rational r) at.put("mu", r);
      Object d = energy.exactForm(at);
      Object prior = priors.get(h).expr.exactForm(env);
      out[h] = ExactForm.sum(java.util.Arrays.asList(ExactForm.product(java.util.Arrays.asList(d, inverseT)),
          ExactForm.product(java.util.Arrays.asList(Rational.of(-1), prior))));
    }
    if (reject != null) {
      out[hyps] = ExactForm.product(java.util.Arrays.asList(reject.expr.exactForm(env), inverseT));
    }
    return out;
  }

  // ------------------------------------------------------------------ fast path

  /** How close the fast path must get: far below anything the contract's tolerances decide on. */
  private static final double FAST_RELATIVE = 1e-17;

  /**
   * The values and derivatives at {@code z} by the fast arithmetic ({@link Fast}: double-double
   * with an error radius), when it can decide them to 1e-17 relative (floor {@code
   * Double.MIN_NORMAL}); empty where it cannot (then {@link #evaluate(double)} decides). The
   * formulas are those of the high-precision path, over the same definition.
   */
  public Optional<ContractVerification.Point> evaluateFast(double z) {
    return evaluateFast(z, FAST_RELATIVE);
  }

  /**
   * {@link #evaluateFast(double)} with another accuracy: a sign next to a root needs less than a
   * certificate does.
   */
  public Optional<ContractVerification.Point> evaluateFast(double z, double relative) {
    if (!Double.isFinite(z)) throw new IllegalArgumentException("z is not finite: " + z);
    return evaluateFast(z, relative, false);
  }

  /**
   * {@link #evaluateFast(double)}, and where it cannot decide, the fast path again with the
   * effective energies' differences formed by identities ({@link
   * HighPrecisionExpression#evalFastDifference}; docs/ENERGIES.md, the log-cosh paragraph): the
   * reference of the certification ({@link ContractVerification.Reference#of}). Every point the
   * first attempt decides keeps its value. Form selection and the root search keep to {@link
   * #evaluateFast(double, double)}, so the forms chosen are those chosen before the second attempt
   * existed: at the sample points the high-precision evaluator decides what the fast path cannot,
   * and the certification is what needed tens of thousands of points.
   */
  public Optional<ContractVerification.Point> evaluateFastWithDifferences(double z) {
    return evaluateFastWithDifferences(z, FAST_RELATIVE);
  }

  /** {@link #evaluateFastWithDifferences(double)} to another accuracy (the certification's screen). */
  public Optional<ContractVerification.Point> evaluateFastWithDifferences(double z, double relative) {
    if (!Double.isFinite(z)) throw new IllegalArgumentException("z is not finite: " + z);
    Optional<ContractVerification.Point> direct = evaluateFast(z, relative, false);
    return direct.isPresent() || definition.hypothesisCount() < 2 ? direct : evaluateFast(z, relative, true);
  }

  /**
   * The fast path with the effective energies' differences subtracted ({@code differences} false)
   * or by identities ({@code true}, {@link HighPrecisionExpression#evalFastDifference}).
   */
  private Optional<ContractVerification.Point> evaluateFast(double z, double relative, boolean differences) {
    List<FastDual> out;
    try {
      out = fastStatistic(z, null, differences);
    } catch (Fast.Undecided | ArithmeticException | IllegalArgumentException e) {
      return Optional.empty();
    }
    Accuracy.Exact[] vs = new Accuracy.Exact[out.size()];
    Accuracy.Exact[] ds = new Accuracy.Exact[out.size()];
    for (int i = 0; i < vs.length; i++) {
      FastDual f = out.get(i);
      if (!f.v.accurate(relative, Double.MIN_NORMAL) || !f.d.accurate(relative, Double.MIN_NORMAL)) {
        return Optional.empty();
      }
      vs[i] = f.v.toExact();
      ds[i] = f.d.toExact();
    }
    return Optional.of(new ContractVerification.Point(vs, ds));
  }

  /** The constants of the definition in the fast arithmetic, computed once. */
  private record FastConstants(Map<String, FastDual> parameters, FastDual temperature, FastDual[] centers,
      FastDual[] priors, FastDual[] values, FastDual reject) {}

  private volatile FastConstants fastConstants;

  private FastConstants fastConstants() {
    FastConstants c = fastConstants;
    if (c == null) {
      Map<String, FastDual> env = new HashMap<>();
      for (Map.Entry<String, Constant> e : parameters.entrySet()) {
        env.put(e.getKey(), FastDual.constant(e.getValue().expr.evalFast(env).v));
      }
      int hyps = centers.size();
      FastDual[] cs = new FastDual[hyps];
      FastDual[] ps = new FastDual[hyps];
      FastDual[] vs = new FastDual[hyps];
      for (int h = 0; h < hyps; h++) {
        cs[h] = FastDual.constant(centers.get(h).expr.evalFast(env).v);
        ps[h] = FastDual.constant(priors.get(h).expr.evalFast(env).v);
        vs[h] = values.get(h) == null ? null : FastDual.constant(values.get(h).expr.evalFast(env).v);
      }
      FastDual t = FastDual.constant(temperature.expr.evalFast(env).v);
      FastDual r = reject == null ? null : FastDual.constant(reject.expr.evalFast(env).v);
      c = new FastConstants(Map.copyOf(env), t, cs, ps, vs, r);
      fastConstants = c;
    }
    return c;
  }

  /**
   * The derivatives of every output with respect to parameter {@code parameter} (instead of z)
   * at {@code z}, by the fast path to 1e-17 relative: the reference for the generated {@code
   * d<Param>} methods. Empty where the fast path cannot decide.
   */
  public Optional<Accuracy.Exact[]> parameterDerivativeFast(double z, String parameter) {
    return parameterDerivativeFast(z, parameter, FAST_RELATIVE);
  }

  /** {@link #parameterDerivativeFast(double, String)} to another accuracy (a sign next to a root needs less). */
  public Optional<Accuracy.Exact[]> parameterDerivativeFast(double z, String parameter, double relative) {
    if (!parameters.containsKey(parameter)) throw new IllegalArgumentException("no parameter " + parameter);
    return parameterDerivativeFast(z, parameter, relative, false);
  }

  /**
   * {@link #parameterDerivativeFast(double, String)}, and where it cannot decide, again with the
   * effective energies' differences by identities: the certification's reference, as {@link
   * #evaluateFastWithDifferences} (form selection keeps to the first).
   */
  public Optional<Accuracy.Exact[]> parameterDerivativeFastWithDifferences(double z, String parameter) {
    return parameterDerivativeFastWithDifferences(z, parameter, FAST_RELATIVE);
  }

  /** {@link #parameterDerivativeFastWithDifferences(double, String)} to another accuracy (the certification's screen). */
  public Optional<Accuracy.Exact[]> parameterDerivativeFastWithDifferences(double z, String parameter, double relative) {
    if (!parameters.containsKey(parameter)) throw new IllegalArgumentException("no parameter " + parameter);
    Optional<Accuracy.Exact[]> direct = parameterDerivativeFast(z, parameter, relative, false);
    return direct.isPresent() || definition.hypothesisCount() < 2 ? direct
        : parameterDerivativeFast(z, parameter, relative, true);
  }

  private Optional<Accuracy.Exact[]> parameterDerivativeFast(double z, String parameter, double relative,
      boolean differences) {
    List<FastDual> out;
    try {
      out = fastStatistic(z, parameter, differences);
    } catch (Fast.Undecided | ArithmeticException | IllegalArgumentException e) {
      return Optional.empty();
    }
    Accuracy.Exact[] ds = new Accuracy.Exact[out.size()];
    for (int i = 0; i < ds.length; i++) {
      FastDual f = out.get(i);
      if (!f.v.accurate(relative, Double.MIN_NORMAL) || !f.d.accurate(relative, Double.MIN_NORMAL)) {
        return Optional.empty();
      }
      ds[i] = f.d.toExact();
    }
    return Optional.of(ds);
  }

  /**
   * With {@code variable} null, derivatives with respect to z; else with respect to that parameter.
   * With {@code differences}, each loser's effective energy minus the winner's by {@link
   * HighPrecisionExpression#evalFastDifference}.
   */
  private List<FastDual> fastStatistic(double zd, String variable, boolean differences) {
    FastConstants c = fastConstants();
    if (variable != null) {
      // the constants again, with the parameter as the variable (centers or priors may use it)
      Map<String, FastDual> penv = new HashMap<>(c.parameters());
      penv.put(variable, FastDual.variable(c.parameters().get(variable).v));
      int hyps = centers.size();
      FastDual[] cs = new FastDual[hyps];
      FastDual[] ps = new FastDual[hyps];
      FastDual[] vs = new FastDual[hyps];
      for (int h = 0; h < hyps; h++) {
        cs[h] = centers.get(h).expr.evalFast(penv);
        ps[h] = priors.get(h).expr.evalFast(penv);
        vs[h] = values.get(h) == null ? null : values.get(h).expr.evalFast(penv);
      }
      c = new FastConstants(penv, temperature.expr.evalFast(penv), cs, ps, vs,
          reject == null ? null : reject.expr.evalFast(penv));
    }
    Map<String, FastDual> env = new HashMap<>(c.parameters());
    FastDual zE = variable == null ? FastDual.variable(Fast.of(zd)) : FastDual.constant(Fast.of(zd));
    env.put("z", zE);
    int hyps = centers.size();
    int n = definition.hypothesisCount();
    FastDual t = c.temperature();
    boolean unitTemperature = t.v.hi == 1 && t.v.e == 0 && t.v.lo == 0 && t.v.r == 0 && t.d.isZero();
    FastDual[] e = new FastDual[n];
    FastDual[] g = new FastDual[n];
    @SuppressWarnings("unchecked")
    Map<String, FastDual>[] envs = differences ? new Map[hyps] : null;
    for (int h = 0; h < hyps; h++) {
      env.put("mu", c.centers()[h]);
      if (differences) envs[h] = new HashMap<>(env); // z and the parameters: the same objects in each
      FastDual d = energy.evalFast(env);
      if (!unitTemperature) d = d.divide(t);
      FastDual prior = c.priors()[h];
      e[h] = prior.v.isZero() && prior.d.isZero() ? d : d.subtract(prior);
      g[h] = c.values()[h] == null ? zE : c.values()[h];
    }
    if (reject != null) {
      e[hyps] = c.reject().divide(t);
      g[hyps] = FastDual.ZERO;
    }
    int win = 0;
    FastDual[] fromFirst = null; // with differences: e_h - e_0 by identities
    if (differences && hyps > 1) {
      // the winner from the differences too: two energies of 5e199 that differ by 2e100 (the
      // Gaussian at z = -1e100) have midpoints that do not tell which is smaller
      fromFirst = new FastDual[hyps];
      fromFirst[0] = FastDual.ZERO;
      for (int h = 1; h < hyps; h++) {
        fromFirst[h] = effectiveDifference(envs, h, 0, c, t, unitTemperature);
        if (fromFirst[h].v.subtract(fromFirst[win].v).hi < 0) win = h;
      }
      if (reject != null && e[hyps].v.subtract(e[win].v).hi < 0) win = hyps;
    } else {
      for (int h = 1; h < n; h++) {
        if (e[h].v.subtract(e[win].v).hi < 0) win = h;
      }
    }
    FastDual[] x = new FastDual[n];
    for (int h = 0; h < n; h++) {
      if (h == win) {
        x[h] = FastDual.ZERO;
      } else if (fromFirst != null && h < hyps && win < hyps) {
        x[h] = win == 0 ? fromFirst[h] : h == 0 ? fromFirst[win].negate()
            : effectiveDifference(envs, h, win, c, t, unitTemperature);
      } else {
        x[h] = e[h].subtract(e[win]);
      }
    }
    if (stat == Statistic.MODE) {
      for (int h = 0; h < n; h++) {
        if (h != win && x[h].v.sign() <= 0) throw Fast.Undecided.get(); // a tie: averaged values
      }
      return List.of(g[win]);
    }
    FastDual[] w = new FastDual[n];
    FastDual losers = FastDual.ZERO;
    for (int h = 0; h < n; h++) {
      w[h] = h == win ? FastDual.ONE : x[h].negate().exp();
      if (h != win) losers = losers.add(w[h]);
    }
    FastDual partition = FastDual.ONE.add(losers);
    switch (stat) {
      case MEAN -> {
        if (differences && nearTie(x, win)) return List.of(nearTieMean(x, g, win));
        FastDual acc = FastDual.ZERO;
        for (int h = 0; h < n; h++) {
          if (h != win) acc = acc.add(w[h].multiply(g[h].subtract(g[win])));
        }
        return List.of(g[win].add(acc.divide(partition)));
      }
      case RESPONSIBILITIES -> {
        List<FastDual> out = new ArrayList<>(n);
        for (int h = 0; h < n; h++) out.add(w[h].divide(partition));
        return out;
      }
      case LOG_RESPONSIBILITIES -> {
        FastDual logZ = log1p(losers);
        List<FastDual> out = new ArrayList<>(n);
        for (int h = 0; h < n; h++) out.add(x[h].add(logZ).negate());
        return out;
      }
      case VARIANCE -> {
        FastDual acc = FastDual.ZERO;
        for (int h = 0; h < n; h++) {
          for (int k = h + 1; k < n; k++) {
            FastDual dg = g[h].subtract(g[k]);
            acc = acc.add(w[h].multiply(w[k]).multiply(dg.multiply(dg)));
          }
        }
        return List.of(acc.divide(partition.multiply(partition)));
      }
      case ENTROPY -> {
        FastDual acc = FastDual.ZERO;
        for (int h = 0; h < n; h++) if (h != win) acc = acc.add(w[h].multiply(x[h]));
        return List.of(log1p(losers).add(acc.divide(partition)));
      }
      case FREE_ENERGY -> {
        return List.of(e[win].subtract(log1p(losers)));
      }
      default -> throw new IllegalStateException("unhandled statistic " + stat);
    }
  }

  /** {@code (d_h - d_k) / T - (pi_h - pi_k)}, the energies' difference by identities. */
  private FastDual effectiveDifference(Map<String, FastDual>[] envs, int h, int k, FastConstants c, FastDual t,
      boolean unitTemperature) {
    FastDual dd = energy.evalFastDifference(envs[h], envs[k]);
    if (!unitTemperature) dd = dd.divide(t);
    FastDual priors = c.priors()[h].subtract(c.priors()[k]);
    return priors.v.isZero() && priors.d.isZero() ? dd : dd.subtract(priors);
  }

  /** Every loser's effective energy within 1/2 of the winner's (by the midpoint). */
  private static boolean nearTie(FastDual[] x, int win) {
    for (int h = 0; h < x.length; h++) {
      if (h != win && !(Math.abs(x[h].v.toDouble()) < 0.5)) return false;
    }
    return true;
  }

  /**
   * The mean next to a tie as {@code (sum_h g_h + sum_{h != win} m_h g_h) / (n + sum m_h)}, {@code m_h =
   * expm1(-x_h)}: the same {@code sum w_h g_h / sum w_h} with {@code w_h = 1 + m_h}, but without
   * {@code g_win + w (g - g_win) / (1 + w)}, which cancels where the mean is small against the
   * values (the Student-t mean far out is about {@code 4/z}, from weights {@code e^-(4/z)}: the
   * effective energies' difference was decided at |z| = 1e12, the mean was not). Taken only where
   * every {@code |x_h| < 1/2}, where each {@code m_h} is small; both forms are enclosures.
   */
  private static FastDual nearTieMean(FastDual[] x, FastDual[] g, int win) {
    FastDual numerator = FastDual.ZERO;
    FastDual denominator = FastDual.constant(Fast.of(x.length));
    for (FastDual gh : g) numerator = numerator.add(gh);
    for (int h = 0; h < x.length; h++) {
      if (h == win) continue;
      FastDual m = x[h].negate().expm1();
      numerator = numerator.add(m.multiply(g[h]));
      denominator = denominator.add(m);
    }
    return numerator.divide(denominator);
  }

  /** log(1 + s) for s >= 0, accurate for tiny s (the series), with derivative s' / (1 + s). */
  private static FastDual log1p(FastDual s) {
    if (s.v.isZero() && s.d.isZero()) return FastDual.ZERO;
    FastDual onePlus = FastDual.ONE.add(s);
    if (s.v.e < -30) {
      // s < 2^-29: s - s^2/2 + s^3/3 - s^4/4 (the rest is below 2^-145 of s)
      Fast sv = s.v;
      Fast s2 = sv.multiply(sv);
      Fast val = sv.subtract(s2.multiply(Fast.of(0.5))).add(s2.multiply(sv).divide(Fast.of(3)))
          .subtract(s2.multiply(s2).multiply(Fast.of(0.25)));
      return new FastDual(val, s.d.isZero() ? Fast.ZERO : s.d.divide(onePlus.v));
    }
    return onePlus.log();
  }

  // ------------------------------------------------------------------ derivative

  private record DerivativeResult(List<Enclosure> values, long p) {}

  private DerivativeResult derivatives(Rational z, BigDecimal zDecimal, long valueP) {
    if (stat != Statistic.MODE) {
      DerivativeResult forward = forwardDerivatives(z, valueP);
      if (forward != null) return forward;
    }
    return differenceQuotients(z, zDecimal, valueP);
  }

  /**
   * The derivatives by forward differentiation ({@link Dual}), with the same adaptive precision as
   * the values; null where a rule does not apply (a possible kink) or the precision it would need
   * is far beyond the value's, for the difference quotient to decide.
   */
  private DerivativeResult forwardDerivatives(Rational z, long valueP) {
    long limit = Math.min(workingDigits, 2 * valueP + 1000);
    long p = valueP;
    while (true) {
      long next;
      try {
        List<Dual> out = statistic(z, p, true);
        double deficit = Double.NEGATIVE_INFINITY;
        List<Enclosure> derivatives = new ArrayList<>(out.size());
        for (Dual d : out) {
          Enclosure e = d.derivative();
          derivatives.add(e);
          deficit = Math.max(deficit, e.logRadius() - allowed(e, e.logRadius()));
        }
        if (deficit <= 0) return new DerivativeResult(derivatives, p);
        boolean reliable = Double.isFinite(deficit) && deficit < 10.0 * p + 1000;
        next = reliable ? p + (long) Math.ceil(deficit) + 5 : 2 * p;
      } catch (InsufficientPrecisionException e) {
        next = e.extraDigits() > 0 ? p + e.extraDigits() : 2 * p;
      } catch (Dual.NotDifferentiable | ArithmeticException | org.apfloat.ApfloatRuntimeException e) {
        return null;
      }
      if (next > limit) return null;
      p = Math.max(next, p + 1);
    }
  }

  /**
   * The derivatives as Richardson-extrapolated central differences (see the class comment): where
   * forward differentiation does not apply, and for the mode.
   */
  private DerivativeResult differenceQuotients(Rational z, BigDecimal zDecimal, long valueP) {
    int outputs = outputCount();
    // decimal exponent of |z| (floor of log10), for steps relative to |z|
    long zExp = zDecimal.signum() == 0 ? 0 : zDecimal.precision() - zDecimal.scale() - 1L;
    long stepDigits = digits / 2 + 5;
    long hExp = Math.max(0, zExp) - stepDigits; // h = 10^hExp, relative to max(1, |z|)
    long p = valueP + stepDigits + 5;
    Enclosure[] result = new Enclosure[outputs];
    boolean[] done = new boolean[outputs];
    int kinkRetries = 0;
    double previousTrunc = Double.NaN;
    long previousExp = 0;
    for (int iteration = 0; ; iteration++) {
      if (iteration > 40) throw new ArithmeticException("derivative at z = " + zDecimal + " did not converge");
      Rational h = Rational.of(BigDecimal.ONE.scaleByPowerOfTen(Math.toIntExact(hExp)));
      List<List<Enclosure>> f = new ArrayList<>(5);
      try {
        for (int k = -2; k <= 2; k++) f.add(statistic(z.add(h.multiply(Rational.of(k))), p));
      } catch (InsufficientPrecisionException e) {
        p = raise(p, e.extraDigits() > 0 ? p + e.extraDigits() : 2 * p, z);
        continue;
      }
      long q = p + 10;
      Enclosure inv2h = Enclosure.exact(Rational.ONE.divide(h.multiply(Rational.of(2))));
      Enclosure inv4h = Enclosure.exact(Rational.ONE.divide(h.multiply(Rational.of(4))));
      Enclosure invH = Enclosure.exact(Rational.ONE.divide(h));
      double noiseDeficit = Double.NEGATIVE_INFINITY;
      double truncDeficit = Double.NEGATIVE_INFINITY;
      boolean kinkSeen = false;
      for (int i = 0; i < outputs; i++) {
        if (done[i]) continue;
        Enclosure f0 = f.get(0).get(i);
        Enclosure f1 = f.get(1).get(i);
        Enclosure f2 = f.get(2).get(i);
        Enclosure f3 = f.get(3).get(i);
        Enclosure f4 = f.get(4).get(i);
        Enclosure d1 = f3.subtract(f1, q).multiply(inv2h, q);
        Enclosure d2 = f4.subtract(f0, q).multiply(inv4h, q);
        if (nonSmooth(f0, f1, f2, f3, f4, d1, d2, h, invH, q)) {
          if (kinkRetries >= 2) {
            result[i] = null; // the kink persists at three step sizes: it is at z
            done[i] = true;
          } else {
            kinkSeen = true;
          }
          continue;
        }
        Enclosure r = d1.multiply(Enclosure.exact(4), q).subtract(d2, q).divide(Enclosure.exact(3), q);
        Enclosure gap = d1.subtract(d2, q);
        // |D(h) - D(2h)| bounds the truncation error of both; the part of it within rounding noise
        // counts as noise (a smaller step would not reduce it)
        double trunc = gap.reliablyNonZero() ? gap.log10Magnitude() : Double.NEGATIVE_INFINITY;
        double noise = Enclosure.lsum(r.logRadius(), gap.logRadius());
        double allowed = allowed(r, Enclosure.lsum(noise, trunc));
        if (Enclosure.lsum(noise, trunc) <= allowed) {
          result[i] = r;
          done[i] = true;
        } else {
          noiseDeficit = Math.max(noiseDeficit, noise - allowed);
          truncDeficit = Math.max(truncDeficit, trunc - allowed);
        }
      }
      boolean all = true;
      for (boolean b : done) all &= b;
      if (all) return new DerivativeResult(Arrays.asList(result), p);
      long newExp = hExp;
      if (kinkSeen) {
        // a kink within 2h of z but not at z disappears with a smaller step: first a step relative
        // to |z| itself (a kink at 0 seen from z = 1e-300), then 20 digits smaller
        kinkRetries++;
        long relative = zExp - stepDigits;
        newExp = kinkRetries == 1 && zDecimal.signum() != 0 && relative < hExp ? relative : hExp - 20;
      } else if (truncDeficit > 0) {
        // the gap shrinks like h^2 where the function is smooth, like h where only the second
        // derivative jumps (Huber at |z - mu| = delta): measure the order from the last step
        double order = 2;
        if (!Double.isNaN(previousTrunc) && previousExp > hExp) {
          order = Math.max(1, Math.min(2, (previousTrunc - truncDeficit) / (previousExp - hExp)));
        }
        previousTrunc = truncDeficit;
        previousExp = hExp;
        newExp = hExp - ((long) Math.ceil(truncDeficit / order) + 2);
      }
      long next = p + (hExp - newExp);
      if (noiseDeficit > -3) {
        next += Double.isFinite(noiseDeficit) && noiseDeficit < 10.0 * p + 1000
            ? (long) Math.ceil(Math.max(noiseDeficit, 0)) + 5
            : p;
      }
      hExp = newExp;
      p = raise(p, next, z);
    }
  }

  /**
   * True when the stencil shows a kink (the gap between the one-sided differences stays the same at
   * h and 2h instead of doubling) or a jump (the central difference at h is about twice the one at
   * 2h, i.e. grows like 1/h).
   */
  private static boolean nonSmooth(Enclosure f0, Enclosure f1, Enclosure f2, Enclosure f3,
      Enclosure f4, Enclosure d1, Enclosure d2, Rational h, Enclosure invH, long q) {
    // jump: |D(h) - D(2h)| h is a sizeable part of |f|, where a smooth function gives O(h^3)
    Enclosure gap = d1.subtract(d2, q);
    if (gap.reliablyNonZero()) {
      double lhs = gap.log10Magnitude() + h.log10Upper();
      double fScale = Math.max(Math.max(f0.log10Magnitude(), f2.log10Magnitude()),
          Math.max(f4.log10Magnitude(), LOG10_MIN_NORMAL));
      if (lhs > fScale - 10) return true;
    }
    // kink: second differences at h and 2h; smooth: delta2 / delta1 = 2 + O(h^2); kink: about 1
    Enclosure two = Enclosure.exact(2);
    Enclosure delta1 = f3.subtract(f2.multiply(two, q), q).add(f1, q).multiply(invH, q);
    if (!delta1.reliablyNonZero()) return false;
    Enclosure delta2 = f4.subtract(f2.multiply(two, q), q).add(f0, q).multiply(invH, q).divide(two, q);
    double ratio = delta2.divide(delta1, q).mid(q).doubleValue();
    return ratio < 1.5;
  }

}
