package dev.activations.deriver.lowering;

import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link Derivation} -> {@link LoweredActivation}: lowers every output's candidate forms and keeps
 * the one that is most accurate in floating point.
 *
 * <p>A closed form is not automatically a good numerical form (the gated mean as a ratio of
 * {@code exp(2z)} terms overflows beyond z ~ 355), nor is the structured form always better
 * ({@code Tanh[z]} beats anything built from logistics). So the choice is measured, not guessed:
 * a {@link Scorer} evaluates each candidate with {@link DoubleEvaluator} (bit-for-bit what the
 * generated code computes) against an independent high-precision reference, and the smallest worst
 * error wins; ties go to the structured form, which is stable by construction.
 */
public final class ActivationLowering {

  /** Which function of the activation a candidate computes. */
  public enum Role { VALUE, DERIVATIVE }

  /**
   * Measures candidates against a reference at fixed sample points. Arrays are aligned with
   * {@link #points()}; NaN marks a point without a reference (no value, or a kink).
   */
  public interface Scorer {
    double[] points();

    /** The reference rounded to double at each point. */
    double[] reference(int output, Role role);

    /** The candidate's relative error at each point (+Infinity for a non-finite wrong result). */
    double[] errors(Expr candidate, int output, Role role);

    /** The limits at -Infinity and +Infinity, NaN where unknown. */
    double[] limits(int output, Role role);

    /**
     * Taylor coefficients {@code c_0 .. c_degree} at {@code z = 0} from the reference (a near-zero
     * patch where Symja's series is out of reach); empty when the reference cannot give them.
     */
    default Optional<double[]> taylorAtZero(int output, Role role, int degree) {
      return Optional.empty();
    }

    /**
     * The reference at arbitrary points {@code zs} (at the scorer's parameter values), each
     * correctly rounded to double, NaN where it has no value: the nodes of an expansion at the
     * infinities ({@link Repairs#asymptoticTails}). Empty where this scorer cannot evaluate it.
     */
    default Optional<double[]> referenceAt(double[] zs, int output, Role role) {
      return Optional.empty();
    }

    /**
     * The same sample points scored against the derivative with respect to the free parameter
     * {@code name} in the place of {@link Role#DERIVATIVE}: for choosing and repairing the {@code
     * d<Param>} forms like the others. Without a reference: nothing is measured.
     */
    default Scorer forParameter(String name) {
      return STRUCTURED_ONLY;
    }

    /**
     * Scorers of the same outputs and roles with the free parameters at other values inside their
     * domain (drawn apart from those the verification uses): the generated methods take the
     * parameters as arguments, so a form must hold for every value, while the choice is measured at
     * the defaults. Empty without free parameters (or without a reference).
     */
    default List<Scorer> elsewhere() {
      return List.of();
    }

    /** The free parameters' values at which this scorer measures (empty without free parameters). */
    default Map<String, Double> parameterValues() {
      return Map.of();
    }

    /** Without a reference: nothing is measured and the structured form is kept. */
    Scorer STRUCTURED_ONLY = new Scorer() {
      @Override public double[] points() { return new double[0]; }
      @Override public double[] reference(int output, Role role) { return new double[0]; }
      @Override public double[] errors(Expr candidate, int output, Role role) { return new double[0]; }
      @Override public double[] limits(int output, Role role) { return new double[] {Double.NaN, Double.NaN}; }
    };
  }

  /** The forms chosen, and why: for reports and notes. */
  public record Choice(int output, Role role, String form, double worstError) {}

  private final Symja symja;

  public ActivationLowering(Symja symja) {
    this.symja = symja;
  }

  /**
   * The derivation's kinks that are numbers, surds and transcendental ones included ({@link
   * dev.activations.deriver.derivation.KinkValues}; those that depend on a free parameter are not).
   */
  private double[] numericKinks(List<String> kinks) {
    return kinks.stream()
        .map(k -> dev.activations.deriver.derivation.KinkValues.of(symja, k))
        .flatMap(java.util.Optional::stream)
        .mapToDouble(k -> k[0])
        .toArray();
  }

  public LoweredActivation lower(Derivation d, Scorer scorer, List<Choice> choices) {
    double[] kinks = numericKinks(d.kinks());
    Set<String> variables = new LinkedHashSet<>();
    variables.add("z");
    variables.addAll(d.spec().free());
    Lowerer lowerer = new Lowerer(symja, variables);
    LogRemainders logRemainders = new LogRemainders(symja, variables);
    LogResiduals logResiduals = new LogResiduals(symja, variables);
    List<LoweredActivation.Output> values = new ArrayList<>();
    List<LoweredActivation.Output> derivatives = new ArrayList<>();
    List<List<Candidate>> valueFormsPerOutput = new ArrayList<>();
    List<RationalFarTails> farTails = new ArrayList<>();
    for (int i = 0; i < d.outputs(); i++) {
      List<Candidate> valueForms = forms(lowerer, d.structured().get(i), d.closed().get(i));
      logResiduals(lowerer, logResiduals, d.closed().get(i)).ifPresent(valueForms::add);
      valueFormsPerOutput.add(valueForms);
      // formed on first use: only where a form misses far out at another parameter value (choose)
      RationalFarTails far = new RationalFarTails(symja, lowerer, d.closed().get(i));
      farTails.add(far);
      values.add(choose(lowerer, valueForms, d.closed().get(i), i, Role.VALUE, scorer, choices, kinks, false, () -> far.of(null)));
      List<Candidate> derivativeForms = forms(lowerer, d.derivative().get(i), d.closedDerivative().get(i));
      paired(lowerer, d, "z", i).ifPresent(derivativeForms::add);
      derivativeForms.addAll(differentiated(valueForms));
      derivatives.add(choose(lowerer, derivativeForms, d.closedDerivative().get(i), i, Role.DERIVATIVE, scorer, choices, kinks, false,
          () -> far.of("z")));
    }
    Map<String, List<LoweredActivation.Output>> params = new LinkedHashMap<>();
    for (Map.Entry<String, List<IExpr>> p : d.parameterDerivatives().entrySet()) {
      // chosen and repaired like the derivative in z: Symja's derivative, and the value forms
      // (the chosen one too) differentiated in the parameter, measured against the reference's
      // derivative in the parameter; a near-zero series from Symja's derivative where they cancel
      Scorer parameterScorer = scorer.forParameter(p.getKey());
      List<LoweredActivation.Output> outs = new ArrayList<>();
      for (int i = 0; i < p.getValue().size(); i++) {
        IExpr e = p.getValue().get(i);
        List<Candidate> forms = new ArrayList<>();
        forms.add(new Candidate("structured", lowerer.lower(e)));
        paired(lowerer, d, p.getKey(), i).ifPresent(forms::add);
        // c log(a) + T as c log1pmx(a - 1) + Together[T + c (a - 1)] where |a - 1| <= 1: the
        // parameter's derivative of a logarithm often cancels against the rest (LogRemainders)
        Optional<IExpr> remainders = logRemainders.rewrite(e);
        try {
          if (remainders.isPresent()) forms.add(new Candidate(LOG1PMX_FORM, lowerer.lower(remainders.get())));
        } catch (IllegalArgumentException unsupported) {
          // a condition or piece the lowering has no code for: an offer only, Symja's form stands
        }
        List<Candidate> valueForms = new ArrayList<>(valueFormsPerOutput.get(i));
        valueForms.add(new Candidate("chosen", values.get(i).expr()));
        for (Candidate v : valueForms) {
          try {
            forms.add(new Candidate("differentiated-" + v.form(), Differentiation.of(v.expr(), p.getKey())));
          } catch (IllegalArgumentException unsupported) {
            // a node without a derivative rule: Symja's form stands
          }
        }
        // each form with z multiplied last goes before the form itself, so that it wins a tie: a
        // parameter derivative is often a slope in z times a responsibility, and with z first the
        // product overflows for parameter values no selection measured (the gated Laplace dB at
        // z = MAX_VALUE with b = 0.51: 0.25 z (2/b^2) first, -Infinity where the exact value is
        // -2.6e307)
        List<Candidate> ordered = new ArrayList<>();
        for (Candidate f : forms) {
          Expr reordered = ProductOrder.singleZLast(f.expr());
          if (!reordered.equals(f.expr())) ordered.add(new Candidate(f.form() + "-z-last", reordered));
          ordered.add(f);
        }
        forms = ordered;
        RationalFarTails farTail = farTails.get(i);
        LoweredActivation.Output chosen = choose(lowerer, forms, e, i, Role.DERIVATIVE, parameterScorer, new ArrayList<>(), kinks, true,
            () -> farTail.of(p.getKey()));
        outs.add(LoweredActivation.Output.of(chosen.expr()));
      }
      params.put(p.getKey(), outs);
    }
    return new LoweredActivation(d.spec().toCommandLine(), math(d), d.spec().free(), values, derivatives, params);
  }

  /**
   * The derivative in {@code variable} of output i paired on a pivot ({@link Derivation#pairedDerivatives}),
   * as a candidate named {@value #PAIRED_FORM}: not "structured", so it is chosen only where it
   * measures best and no structured form is safe (a class that met the contract keeps its form).
   */
  private static Optional<Candidate> paired(Lowerer lowerer, Derivation d, String variable, int i) {
    List<IExpr> forms = d.pairedDerivatives().get(variable);
    if (forms == null) return Optional.empty();
    try {
      return Optional.of(new Candidate(PAIRED_FORM, lowerer.lower(forms.get(i))));
    } catch (IllegalArgumentException unsupported) {
      return Optional.empty(); // a piece the lowering has no code for: an offer only
    }
  }

  static final String PAIRED_FORM = "paired";

  /**
   * The closed value form with its logarithms of rational functions next to 1 as {@code log1p} of
   * the factored residual ({@link LogResiduals}), as a candidate named {@value #LOG_RESIDUALS_FORM}
   * (not "structured": chosen only where it measures best and no structured form is safe).
   */
  private static Optional<Candidate> logResiduals(Lowerer lowerer, LogResiduals residuals, IExpr closed) {
    Optional<IExpr> rewritten = residuals.rewrite(closed);
    if (rewritten.isEmpty()) return Optional.empty();
    try {
      return Optional.of(new Candidate(LOG_RESIDUALS_FORM, lowerer.lower(rewritten.get())));
    } catch (IllegalArgumentException unsupported) {
      return Optional.empty(); // a piece the lowering has no code for: an offer only
    }
  }

  static final String LOG_RESIDUALS_FORM = "log-residuals";

  /** The structured form and, where it differs and the IR can express it, the closed form. */
  private static List<Candidate> forms(Lowerer lowerer, IExpr structured, IExpr closed) {
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate("structured", lowerer.lower(structured)));
    if (!closed.equals(structured)) {
      try {
        candidates.add(new Candidate("closed", lowerer.lower(closed)));
      } catch (IllegalArgumentException unsupported) {
        // the closed form uses something the IR cannot express: the structured form stands
      }
    }
    return candidates;
  }

  /**
   * The value forms differentiated in the IR ({@link Differentiation}): the derivative of a form
   * that is already stable, where Symja's derivative reintroduces a cancellation (named so that
   * the structured preference does not apply: they are measured like any other form).
   */
  private static List<Candidate> differentiated(List<Candidate> valueForms) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate v : valueForms) {
      try {
        out.add(new Candidate("differentiated-" + v.form(), Differentiation.of(v.expr(), "z")));
      } catch (IllegalArgumentException unsupported) {
        // a node without a derivative rule: Symja's forms stand
      }
    }
    return out;
  }

  private LoweredActivation.Output choose(Lowerer lowerer, List<Candidate> candidates, IExpr closed, int output, Role role,
      Scorer reference, List<Choice> choices, double[] kinks) {
    return choose(lowerer, candidates, closed, output, role, reference, choices, kinks, false, Optional::empty);
  }

  /**
   * @param kinks the derivation's kinks that are numbers: next to them no point decides between
   *     forms that all miss somewhere (a kink's splice takes those points)
   * @param extrapolate whether a near-zero cancellation may also be patched by {@link
   *     Repairs#extrapolatedNearZero} (parameter derivatives: no series holds for every value)
   */
  private LoweredActivation.Output choose(Lowerer lowerer, List<Candidate> candidates, IExpr closed, int output, Role role,
      Scorer reference, List<Choice> choices, double[] kinks, boolean extrapolate,
      java.util.function.Supplier<Optional<Expr>> farTail) {
    Scorer scorer = new MeasuredOnce(reference, output, role);
    double[] limits = scorer.limits(output, role);
    // With free parameters every output takes them as arguments: a near-zero patch must follow
    // them, which the extrapolation from the form itself does (values and z-derivatives too)
    boolean free = !reference.parameterValues().isEmpty();
    // the other parameter values' scorers, each measuring a form once: the near-zero repairs and
    // the soundness check below measure the same forms there (and a parameter scorer's elsewhere()
    // prepares its references anew on every call)
    List<Scorer> elsewhere = reference.elsewhere().stream().map(s -> (Scorer) new MeasuredOnce(s, output, role)).toList();
    Repairs repairs = new Repairs(symja, lowerer, scorer, output, role, limits,
        extrapolate || free ? elsewhere : List.of(), reference.parameterValues(), kinks);
    List<Candidate> variants = new ArrayList<>(candidates);
    // (the log-residuals form is a whole form, not a patch: spliced in next to 0 only, it left the
    // closed form's log of a ratio next to 1 at the Cauchy signed free energy's roots +-sqrt(2),
    // which no sample point sees: 1.6e-13 at z = -1.4113)
    List<Candidate> patches = new ArrayList<>(candidates.stream().filter(c -> !c.form().equals(LOG_RESIDUALS_FORM)).toList());
    double safe = role == Role.VALUE ? Contract.SAFE_VALUE_ERROR : Contract.SAFE_DERIVATIVE_ERROR;
    // When a structured form is already safe at every point, a repaired form can only win by
    // being cheaper: Symja's Series then gets a short limit, since on the hard shapes it runs
    // into the long one for nothing (8 s for the signed Yat derivative).
    boolean structuredSafe = false;
    for (Candidate c : candidates) {
      structuredSafe |= c.form().startsWith("structured") && worst(scorer.errors(c.expr(), output, role)) <= safe;
    }
    boolean seriesTried = false;
    for (Candidate c : candidates) {
      if (!repairs.needsNearZeroRepair(c)) continue;
      if (TRACE) System.err.printf("trace: output %d %s %s needs a near-zero repair%n", output, role, c.form());
      if (!seriesTried) {
        // a parameter derivative's Series (a symbolic parameter) has not been seen to finish within
        // the long limit (StudentT dNu: 4.8 million steps, 20 s); the extrapolation stands in
        Optional<Candidate> series = repairs.series(closed, structuredSafe || extrapolate).or(repairs::referenceTaylor);
        if (TRACE) System.err.printf("trace: output %d %s series %s%n", output, role, series.map(Candidate::form).orElse("not usable"));
        series.ifPresent(patches::add);
        seriesTried = true;
      }
      if (extrapolate || free) {
        // built from c itself: spliced with c only
        int before = variants.size();
        for (Candidate p : repairs.extrapolatedNearZero(c)) repairs.spliceNearZero(c, p).ifPresent(variants::add);
        if (variants.size() == before) {
          for (Candidate p : repairs.interpolatedNearZero(c)) repairs.spliceNearZero(c, p).ifPresent(variants::add);
        }
      }
      for (Candidate p : patches) {
        if (p != c) repairs.spliceNearZero(c, repairs.whereItHolds(p, c)).ifPresent(variants::add);
      }
    }
    // With free parameters, where no near-zero repair so far holds at the defaults and at the other
    // values measured: the vanishing factors' series, symbolic in the parameters (Repairs.factorSeries;
    // tried only then, so a class that met the contract keeps its form, and no Series is spent on it)
    if ((extrapolate || free) && nearZeroNeeded(candidates, repairs)
        && !anyAccurateNearZero(variants, scorer, elsewhere, output, role)) {
      Optional<Candidate> factorSeries = repairs.factorSeries(closed);
      if (TRACE) System.err.printf("trace: output %d %s factor series %s%n", output, role, factorSeries.isPresent() ? "built" : "not usable");
      if (factorSeries.isPresent()) {
        for (Candidate c : candidates) {
          if (repairs.needsNearZeroRepair(c)) repairs.spliceNearZero(c, factorSeries.get()).ifPresent(variants::add);
        }
      }
    }
    // Where still none holds at every parameter value measured: the vanishing factors' exponential
    // pairs combined (Repairs.exponentialPairs), away from the defaults only, the form that is best
    // at the defaults standing there (a Welsch dC whose exponents vary on the scale c^2)
    if ((extrapolate || free) && nearZeroNeeded(candidates, repairs)
        && !anyAccurateNearZero(variants, scorer, elsewhere, output, role)) {
      Optional<Candidate> pairs = repairs.exponentialPairs(closed);
      if (TRACE) System.err.printf("trace: output %d %s exponential pairs %s%n", output, role, pairs.isPresent() ? "built" : "not usable");
      if (pairs.isPresent()) {
        Candidate atDefaults = bestAtDefaults(variants, scorer, output, role);
        for (Candidate c : candidates) {
          if (repairs.needsNearZeroRepair(c)) repairs.spliceNearZeroElsewhere(atDefaults, c, pairs.get()).ifPresent(variants::add);
        }
      }
    }
    // Where still none holds: the extrapolation from the form itself at the other parameter values
    // only, the form best at the defaults standing there (at the defaults a kink at z = 0 can leave
    // one-sided expansions, which the extrapolation's z^k P(z^2) does not fit, so the extrapolation
    // above was refused there and with it everywhere)
    if ((extrapolate || free) && nearZeroNeeded(candidates, repairs)
        && !anyAccurateNearZero(variants, scorer, elsewhere, output, role)) {
      Candidate atDefaults = bestAtDefaults(variants, scorer, output, role);
      int before = variants.size();
      for (Candidate c : candidates) {
        if (!repairs.needsNearZeroRepair(c)) continue;
        for (Candidate p : repairs.extrapolatedElsewhere(c)) repairs.spliceNearZeroElsewhere(atDefaults, c, p).ifPresent(variants::add);
      }
      if (TRACE) System.err.printf("trace: output %d %s extrapolation elsewhere: %d variants%n", output, role, variants.size() - before);
    }
    for (Candidate c : List.copyOf(variants)) {
      repairs.saturated(c).ifPresent(variants::add);
    }
    // a form that overflows an ulp before the output itself does (only where measured)
    for (Candidate c : List.copyOf(variants)) repairs.overflowEdge(c).ifPresent(variants::add);
    // Tails taken from the form itself where it overflows out there (only where measured to be
    // needed): parameter derivatives have no limits that hold for every parameter value, and an
    // output that grows like a power of z has no finite limit for the saturation guard (the gated
    // mean of Abs[z-mu]^(3/2) tends to z, while both 3/2 powers overflow beyond 1e205)
    // (for values and z-derivatives only where no form is safe yet, so that a class that met the
    // contract keeps its form and its bytes)
    boolean anySafe = false;
    for (Candidate c : variants) anySafe |= worst(scorer.errors(c.expr(), output, role)) <= safe;
    if (extrapolate || !anySafe) {
      for (Candidate c : List.copyOf(variants)) repairs.poweredTails(c).ifPresent(variants::add);
    }
    // Expansions at the infinities from the reference, where still no form is safe: bounded
    // energies that all tend to one constant far out (Geman-McClure with three prototypes) leave
    // a variance's or responsibility's derivative that is a second difference of the slopes, a
    // relative error of 1 by z = 1e50 in every form built from the pieces (same rule: a class
    // that met the contract keeps its form and its bytes)
    if (!anySafe) {
      anySafe = false;
      for (Candidate c : variants) anySafe |= worst(scorer.errors(c.expr(), output, role)) <= safe;
    }
    if (!anySafe) {
      for (Candidate c : List.copyOf(variants)) repairs.asymptoticTails(c).ifPresent(variants::add);
    }
    List<Candidate> guarded = new ArrayList<>();
    for (Candidate c : variants) repairs.vanishing(c).ifPresent(guarded::add);
    // With free parameters the guarded forms go first, so that they win a tie: the measured
    // parameter values rarely reach the corner where a responsibility underflows while its slope
    // overflows, which other values do (GaussianSignedMeanScaleFree's derivative at s = 1e-300 was
    // tanh'(z/s^2)/s^2 = 0 * Inf = NaN for every z, exact 0)
    if (free) {
      guarded.addAll(variants);
      variants = guarded;
    } else {
      variants.addAll(guarded);
    }
    // With free parameters, where the form best at the defaults still misses at another value
    // measured: a rational output's far tails in 1/z, which follow the parameters (the tails fitted
    // at the defaults do not: the Cauchy three-prototype variance's derivative, s free, was 1e187
    // off at s = 2.97, z = 1.3e105)
    if (free && !elsewhere.isEmpty()) {
      double margin = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
      Candidate atDefaults = bestAtDefaults(variants, scorer, output, role);
      double missed = worstElsewhere(atDefaults, elsewhere, output, role);
      if (TRACE) System.err.printf("trace: output %d %s %s elsewhere (%d values) %.2e%n", output, role, atDefaults.form(), elsewhere.size(), missed);
      if (missed > margin) {
        Optional<Expr> far = farTail.get();
        if (TRACE) System.err.printf("trace: output %d %s rational far tails %s%n", output, role, far.isPresent() ? "built" : "not usable");
        if (far.isPresent()) repairs.rationalFarTails(atDefaults, far.get()).ifPresent(variants::add);
        repairs.poweredTailsElsewhere(atDefaults).ifPresent(variants::add);
        // and every form with z multiplied last, as the parameter derivatives have it from the
        // start: a slope times a responsibility overflows in 2 z first where other parameter
        // values keep the product finite (|z-mu|^p with p free, gated variance: the derivative
        // at p = 0.95 is about -z/2, and 2 z r1 r0 was -Infinity from |z| = 9e307 on)
        // (only forms safe at the defaults: no other can be chosen for every value, and each
        // variant is measured at every parameter value)
        for (Candidate c : List.copyOf(variants)) {
          if (!(worst(scorer.errors(c.expr(), output, role)) <= safe)) continue;
          Expr reordered = ProductOrder.singleZLast(c.expr());
          if (!reordered.equals(c.expr())) variants.add(new Candidate(c.form() + "-z-last", reordered));
        }
      }
    }
    // The structured form is stable by construction between the sample points too; a form that
    // is only measured to be accurate at them is taken when the structured one is not safe.
    Candidate best = null;
    double bestError = Double.POSITIVE_INFINITY;
    Candidate bestSafeStructured = null;
    double bestSafeStructuredError = Double.POSITIVE_INFINITY;
    // Where no form is safe at every point, the points next to a kink do not decide: the kink's
    // splice takes them (RootSplice.atKinkInRoot). The three-prototype responsibilities of
    // |z - mu|^(1/2): every form built from the pieces is Infinity at z = -1e-310, next to the
    // middle centre, and the paired form, the only one accurate far out, lost to a differentiated
    // value form that was 1e58 off at z = -1e155 (ties at Infinity went to the first)
    // each variant measured once (the scorer evaluates every sample point per call)
    List<double[]> variantErrors = new ArrayList<>();
    for (Candidate c : variants) variantErrors.add(scorer.errors(c.expr(), output, role));
    boolean noneSafe = true;
    for (double[] errors : variantErrors) noneSafe &= !(worst(errors) <= safe);
    double bestAway = Double.POSITIVE_INFINITY;
    int bestMisses = Integer.MAX_VALUE;
    for (int k = 0; k < variants.size(); k++) {
      Candidate c = variants.get(k);
      double[] errors = variantErrors.get(k);
      double e = worst(errors);
      if (TRACE) System.err.printf("trace: output %d %s %-32s worst %.2e at z = %s%n", output, role, c.form(), e, worstPoint(scorer.points(), errors));
      if (noneSafe && kinks.length > 0) {
        double away = worstAwayFromKinks(errors, scorer.points(), kinks);
        if (TRACE) System.err.printf("trace: output %d %s %-32s away from the kinks %.2e%n", output, role, c.form(), away);
        int missed = misses(errors, safe);
        if (best == null || away < bestAway || away == bestAway && e < bestError
            || away == bestAway && e == bestError && missed < bestMisses) {
          best = c;
          bestError = e;
          bestAway = away;
          bestMisses = missed;
        }
        continue;
      }
      // where no form is safe, a tie of worsts (Infinity, most often) goes to the form that misses
      // at fewer points: the exponential kernel's log-responsibility slope overflowed at 708.78 in
      // every form, and the first of them, which was NaN from z = -710 on as well, was kept
      int missed = misses(errors, safe);
      if (best == null || e < bestError || e == bestError && e > safe && missed < bestMisses) {
        best = c;
        bestError = e;
        bestMisses = missed;
      }
      if (stableByConstruction(c) && e <= safe && e < bestSafeStructuredError) {
        bestSafeStructured = c;
        bestSafeStructuredError = e;
      }
    }
    if (bestSafeStructured != null) {
      best = bestSafeStructured;
      bestError = bestSafeStructuredError;
      // ... unless a closed form is safe too and clearly cheaper (the Student-t rational against
      // tanh of a log1p): speed is part of the product once both are 100x inside the contract.
      // Only a measured form is safe: without points (STRUCTURED_ONLY) an error of 0 means
      // "not measured", and a closed form can be wrong (Symja's simplification of a derivative
      // has been seen off by 0.7%).
      boolean measured = scorer.points().length > 0;
      int bestCost = Cost.of(best.expr());
      for (Candidate c : measured ? variants : List.<Candidate>of()) {
        if (!c.form().startsWith("closed")) continue;
        double e = worst(scorer.errors(c.expr(), output, role));
        int cost = Cost.of(c.expr());
        if (e <= safe && cost + CHEAPER_BY <= bestCost) {
          best = c;
          bestError = e;
          bestCost = cost;
        }
      }
    }
    // with free parameters, the forms must hold at every value, not only at the defaults that chose
    Candidate sound = soundElsewhere(variants, best, bestError, safe, scorer, elsewhere, output, role);
    if (sound != best) {
      best = sound;
      bestError = worst(scorer.errors(best.expr(), output, role));
    }
    // the speed passes, kept when the form still measures within the margin it had: inside the
    // safe error if it was, else no worse
    Candidate faster = faster(best);
    if (faster != best) {
      double[] after = scorer.errors(faster.expr(), output, role);
      double e = worst(after);
      // no worse point by point (beyond the safe error): against the worst alone, a form whose
      // worst is Infinity next to a kink (a splice's business) took any rewrite, and the shared
      // work cost the three-prototype |z - mu|^(1/2) responsibilities' derivative its tails
      if (e <= Math.max(safe, bestError) && noWorseAnywhere(after, scorer.errors(best.expr(), output, role), safe)) {
        best = faster;
        bestError = e;
      } else if (TRACE) {
        System.err.printf("trace: output %d %s shared work rejected: %.2e%n", output, role, e);
      }
    }
    // a power over a sum that holds it (u^p (1 / (1 + u^p))), where the power overflows: the
    // quotient's limit, at run time only there (the form is unchanged wherever the power is finite)
    Expr ratios = PowerRatios.apply(best.expr());
    if (!ratios.equals(best.expr())) {
      double e = worst(scorer.errors(ratios, output, role));
      if (e <= bestError && worstElsewhere(ratios, elsewhere, output, role) <= worstElsewhere(best, elsewhere, output, role)) {
        best = new Candidate(best.form() + "+" + PowerRatios.PASS, ratios);
      } else if (TRACE) {
        System.err.printf("trace: output %d %s power ratios rejected: %.2e (had %.2e), elsewhere %.2e (had %.2e)%n", output, role, e, bestError,
            worstElsewhere(ratios, elsewhere, output, role), worstElsewhere(best, elsewhere, output, role));
      }
    }
    // an exponentially small factor of a product split into two normal halves where it is below
    // sqrt(MIN_NORMAL) (TinyFactors), kept where it measures no worse: the Gaussian entropy's dS at
    // s = 0.331, z = 40 multiplies logistic(-729), a subnormal of about 22 bits, by 5e6 (2.75e-10
    // against the MIN_NORMAL floor); the Gaussian scale class's derivative tanh'(z/s^2)/s^2 at s =
    // 0.001, z = 3.63e-4 (4.4e-10). On the chosen form, not as a candidate: the form is unchanged,
    // bit for bit, wherever the factor is normal. Values and derivatives in z too: their SIMD
    // kernels compute the split only for a vector with a lane that takes it (VectorExprPrinter)
    Expr split = TinyFactors.apply(best.expr());
    if (!split.equals(best.expr())) {
      double e = worst(scorer.errors(split, output, role));
      if (e <= bestError && worstElsewhere(split, elsewhere, output, role) <= worstElsewhere(best, elsewhere, output, role)) {
        best = new Candidate(best.form() + "+" + TinyFactors.PASS, split);
        bestError = e;
      } else if (TRACE) {
        System.err.printf("trace: output %d %s tiny factors rejected: %.2e (had %.2e)%n", output, role, e, bestError);
      }
    }
    // ... and where the chosen form still misses the repair margin, exponential factors too
    // (TinyFactors.apply(e, true): a responsibility among three or more hypotheses, e^-u)
    double repairMargin = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
    double stillMissed = worstElsewhere(best, elsewhere, output, role);
    if (bestError > repairMargin || stillMissed > repairMargin) {
      Expr exponentials = TinyFactors.apply(best.expr(), true);
      if (!exponentials.equals(best.expr())) {
        double e = worst(scorer.errors(exponentials, output, role));
        double there = worstElsewhere(exponentials, elsewhere, output, role);
        if (e <= bestError && there <= stillMissed && (e < bestError || there < stillMissed)) {
          best = new Candidate(best.form() + "+" + TinyFactors.PASS + "-exp", exponentials);
          bestError = e;
        } else if (TRACE) {
          System.err.printf("trace: output %d %s tiny exponential factors rejected: %.2e (had %.2e), elsewhere %.2e (had %.2e)%n",
              output, role, e, bestError, there, stillMissed);
        }
      }
    }
    // a chosen form that still misses the repair margin somewhere it was measured: products whose partial products
    // leave the range where the result does not, taken again in logarithms at run time only there
    // (ProductRange: the gated variance of Abs[z-mu]^p/p, dP at p = 0.393, z = MAX_VALUE was 0.0,
    // exact -7.8e244); kept where its worst over the defaults and the other values measured is
    // smaller and it is no worse at the defaults, so a class that met the contract keeps its bytes
    double margin = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
    double missedElsewhere = worstElsewhere(best, elsewhere, output, role);
    if (bestError > margin || missedElsewhere > margin) {
      Expr ranged = ProductRange.apply(best.expr());
      if (TRACE && ranged.equals(best.expr())) System.err.printf("trace: output %d %s product range: no product%n", output, role);
      if (!ranged.equals(best.expr())) {
        double[] after = scorer.errors(ranged, output, role);
        double e = worst(after);
        double there = worstElsewhere(ranged, elsewhere, output, role);
        boolean better = e <= Math.max(safe, bestError) && Math.max(e, there) < Math.max(bestError, missedElsewhere);
        // or, where a miss it does not reach keeps the worst where it was (elsewhere too), better
        // point by point: inside the contract's eighth wherever it was (the logarithms cost up to
        // about 1e-13 next to the range's ends) and inside the margin somewhere it was not.
        // |z - 1|^p / p at p = 3 was Infinity at z = -8.1e102 (exact 1.79769e308), and the same
        // overflow at other values of p, next to which the worst stayed Infinity.
        double eighth = (role == Role.VALUE ? Contract.VALUE_TOLERANCE : Contract.DERIVATIVE_TOLERANCE) / 8;
        better |= there <= missedElsewhere
            && betterWhereItMissed(ranged, best.expr(), scorer, elsewhere, output, role, eighth, margin);
        if (better) {
          best = new Candidate(best.form() + "+" + ProductRange.PASS, ranged);
          bestError = e;
          if (TRACE) System.err.printf("trace: output %d %s product range taken: %.2e, elsewhere %.2e (had %.2e)%n", output, role, e, there,
              missedElsewhere);
        } else if (TRACE) {
          System.err.printf("trace: output %d %s product range rejected: %.2e at z = %s (had %.2e), elsewhere %.2e (had %.2e)%n", output, role,
              e, worstPoint(scorer.points(), after), bestError, there, missedElsewhere);
        }
      }
    }
    // with free parameters: products of them that leave the double range for parameters far from
    // those measured are divided one at a time, at run time only where they would (the form is
    // unchanged, bit for bit, wherever it was measured)
    if (free) {
      Expr inRange = ParameterQuotients.guarded(best.expr(), reference.parameterValues().keySet());
      if (inRange != best.expr()) {
        double e = worst(scorer.errors(inRange, output, role));
        if (e <= bestError) {
          best = new Candidate(best.form() + "+" + ParameterQuotients.PASS, inRange);
        } else if (TRACE) {
          System.err.printf("trace: output %d %s parameter quotients rejected: %.2e%n", output, role, e);
        }
      }
    }
    // with free parameters, an output that grows towards an infinity far out at the defaults: where
    // the form is NaN out there (Inf - Inf) because the overflow point has moved with the
    // parameters, the infinity (Repairs.nanBeyondRange; the form is unchanged wherever it is not NaN)
    if (free) {
      Optional<Candidate> beyond = repairs.nanBeyondRange(best);
      if (beyond.isPresent()) {
        best = beyond.get();
        if (TRACE) System.err.printf("trace: output %d %s NaN beyond the range guarded%n", output, role);
      }
    }
    choices.add(new Choice(output, role, best.form(), bestError));
    if (TRACE) System.err.printf("trace: output %d %s chose %s (worst %.2e)%n", output, role, best.form(), bestError);
    return new LoweredActivation.Output(best.expr(), limits[0], limits[1]);
  }

  private static boolean nearZeroNeeded(List<Candidate> candidates, Repairs repairs) {
    for (Candidate c : candidates) {
      if (repairs.needsNearZeroRepair(c)) return true;
    }
    return false;
  }

  /** The variant with the smallest worst error at the defaults (the first of equals). */
  private static Candidate bestAtDefaults(List<Candidate> variants, Scorer scorer, int output, Role role) {
    Candidate best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (Candidate c : variants) {
      double e = worst(scorer.errors(c.expr(), output, role));
      if (best == null || e < bestError) {
        best = c;
        bestError = e;
      }
    }
    return best;
  }

  /**
   * Whether a variant is within the repair margin at every sample point with |z| < 1, at the
   * defaults and at the other parameter values measured.
   */
  private static boolean anyAccurateNearZero(List<Candidate> variants, Scorer scorer, List<Scorer> elsewhere, int output,
      Role role) {
    double margin = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
    for (Candidate c : variants) {
      boolean accurate = worstNearZero(scorer, c, output, role) <= margin;
      for (Scorer s : elsewhere) accurate &= worstNearZero(s, c, output, role) <= margin;
      if (accurate) return true;
    }
    return false;
  }

  private static double worstNearZero(Scorer scorer, Candidate c, int output, Role role) {
    double[] points = scorer.points();
    double[] errors = scorer.errors(c.expr(), output, role);
    double w = 0;
    for (int i = 0; i < points.length; i++) {
      if (Math.abs(points[i]) < 1 && !Double.isNaN(errors[i])) w = Math.max(w, errors[i]);
    }
    return w;
  }

  /**
   * {@code best}, unless it misses the repair margin with the parameters at other values in their
   * domain ({@link Scorer#elsewhere}) and a variant as accurate at the defaults (within the safe
   * error, or no worse than {@code best}) does better there: then the variant with the smallest
   * worst error over the defaults and those values. Why: the choice at the defaults cannot see an
   * intermediate that overflows only for other values ({@code z/a} with |a| < 1 at z = MAX_VALUE,
   * where {@code tanh'(z/a) * z/a^2} is {@code 0 * Inf}); a form that passes everywhere is kept,
   * so a class that met the contract keeps its bytes.
   */
  private static Candidate soundElsewhere(List<Candidate> variants, Candidate best, double bestError, double safe,
      Scorer scorer, List<Scorer> elsewhere, int output, Role role) {
    if (elsewhere.isEmpty()) return best;
    double margin = role == Role.VALUE ? Contract.REPAIR_VALUE_MARGIN : Contract.REPAIR_DERIVATIVE_MARGIN;
    double bestElsewhere = worstElsewhere(best, elsewhere, output, role);
    if (TRACE) System.err.printf("trace: output %d %s %s elsewhere worst %.2e%n", output, role, best.form(), bestElsewhere);
    if (bestElsewhere <= margin) return best;
    Candidate sound = best;
    double soundError = Math.max(bestError, bestElsewhere);
    for (Candidate c : variants) {
      double atDefaults = worst(scorer.errors(c.expr(), output, role));
      if (atDefaults > Math.max(safe, bestError)) continue;
      double e = Math.max(atDefaults, worstElsewhere(c, elsewhere, output, role));
      if (TRACE) System.err.printf("trace: output %d %s %-32s elsewhere worst %.2e%n", output, role, c.form(), e);
      if (e < soundError) {
        sound = c;
        soundError = e;
      }
    }
    return sound;
  }

  /**
   * A structured form, unless a near-zero patch extrapolated from its values at nodes sits in it:
   * such a patch holds where it was measured (the defaults and a few other parameter values), not
   * by construction. The Abs^4 mean's dA with a free scale took one over a differentiated
   * structured form that needs no patch, and missed by 5.7e-3 at a = 0.274 next to 0.
   */
  private static boolean stableByConstruction(Candidate c) {
    return c.form().startsWith("structured") && !c.form().contains(Repairs.EXTRAPOLATED);
  }

  private static double worstElsewhere(Candidate c, List<Scorer> elsewhere, int output, Role role) {
    return worstElsewhere(c.expr(), elsewhere, output, role);
  }

  static double worstElsewhere(Expr e, List<Scorer> elsewhere, int output, Role role) {
    double w = 0;
    for (Scorer s : elsewhere) w = Math.max(w, worst(s.errors(e, output, role)));
    return w;
  }

  /**
   * The chosen form with the passes that trade a rounding or two for speed ({@link
   * SharedExponentials}, {@link SharedReciprocals}, {@link SharedSquares}); {@code chosen} itself
   * when they change nothing.
   */
  private static Candidate faster(Candidate chosen) {
    Expr fast = SharedSquares.apply(SharedReciprocals.apply(SharedExponentials.apply(chosen.expr())));
    return fast.equals(chosen.expr()) ? chosen : new Candidate(chosen.form() + "+shared", fast);
  }

  /**
   * A scorer that measures each form (by instance) once for one output and role: the safety test,
   * the repairs (the near-zero splice scores both forms of every pair), the choice and the speed
   * passes all score the same candidates.
   */
  private static final class MeasuredOnce implements Scorer {
    private final Scorer scorer;
    private final int output;
    private final Role role;
    private final Map<Expr, double[]> errors = new IdentityHashMap<>(); // no deep hashing of forms

    MeasuredOnce(Scorer scorer, int output, Role role) {
      this.scorer = scorer;
      this.output = output;
      this.role = role;
    }

    @Override public double[] points() { return scorer.points(); }
    @Override public double[] reference(int o, Role r) { return scorer.reference(o, r); }
    @Override public double[] limits(int o, Role r) { return scorer.limits(o, r); }
    @Override public Optional<double[]> taylorAtZero(int o, Role r, int degree) { return scorer.taylorAtZero(o, r, degree); }
    @Override public Optional<double[]> referenceAt(double[] zs, int o, Role r) { return scorer.referenceAt(zs, o, r); }
    @Override public Map<String, Double> parameterValues() { return scorer.parameterValues(); }

    @Override
    public double[] errors(Expr candidate, int o, Role r) {
      if (o != output || r != role) return scorer.errors(candidate, o, r);
      return errors.computeIfAbsent(candidate, c -> scorer.errors(c, o, r));
    }
  }

  /** How much cheaper ({@link Cost} units) a safe closed form must be to displace a safe structured one: half a call. */
  static final int CHEAPER_BY = Cost.CALL / 2;

  /** Set DERIVE_TRACE to see every candidate's score on stderr (development aid). */
  private static final boolean TRACE = System.getenv("DERIVE_TRACE") != null;

  /** The name of the forms {@link LogRemainders} offers. */
  static final String LOG1PMX_FORM = "log-remainders";

  /** A lowered form and how it was obtained. */
  record Candidate(String form, Expr expr) {}

  private static String worstPoint(double[] points, double[] errors) {
    int at = -1;
    for (int i = 0; i < errors.length; i++) {
      if (!Double.isNaN(errors[i]) && (at < 0 || errors[i] > errors[at])) at = i;
    }
    return at < 0 ? "-" : Double.toString(points[at]);
  }

  /** Whether {@code after} is within {@code max(safe, before)} at every point (NaN: not measured there). */
  static boolean noWorseAnywhere(double[] after, double[] before, double safe) {
    return gained(after, before, safe, Double.POSITIVE_INFINITY) >= 0;
  }

  /**
   * Whether {@code after} is within {@code max(allowed, before)} at every point measured (the
   * defaults' and every other parameter assignment's) and within {@code allowed} at some point
   * where {@code before} missed {@code margin} (NaN: not measured there).
   */
  private static boolean betterWhereItMissed(Expr after, Expr before, Scorer scorer, List<Scorer> elsewhere, int output,
      Role role, double allowed, double margin) {
    int gained = gained(scorer.errors(after, output, role), scorer.errors(before, output, role), allowed, margin);
    for (Scorer s : elsewhere) {
      if (gained < 0) return false;
      gained = Math.max(gained, gained(s.errors(after, output, role), s.errors(before, output, role), allowed, margin));
    }
    return gained > 0;
  }

  /** -1 where {@code after} is worse somewhere (beyond {@code allowed}), 1 where it takes a miss, else 0. */
  static int gained(double[] after, double[] before, double allowed, double margin) {
    int gained = 0;
    for (int i = 0; i < after.length; i++) {
      if (Double.isNaN(after[i]) && Double.isNaN(before[i])) continue;
      if (!(after[i] <= Math.max(allowed, Double.isNaN(before[i]) ? 0 : before[i]))) return -1;
      if (!(before[i] <= margin) && after[i] <= allowed) gained = 1;
    }
    return gained;
  }

  /** How far from a kink (relative to {@code max(1, |kink|)}) a point decides the choice when no form is safe. */
  static final double NEAR_KINK = 1e-3;

  /** {@link #worst} over the points farther than {@link #NEAR_KINK} from every kink. */
  private static double worstAwayFromKinks(double[] errors, double[] points, double[] kinks) {
    double w = 0;
    for (int i = 0; i < errors.length && i < points.length; i++) {
      if (!nearKink(points[i], kinks) && !Double.isNaN(errors[i])) w = Math.max(w, errors[i]);
    }
    return w;
  }

  /** Whether z lies within {@link #NEAR_KINK} (relative, at least absolute) of one of {@code kinks}. */
  static boolean nearKink(double z, double[] kinks) {
    for (double k : kinks) {
      if (Math.abs(z - k) <= NEAR_KINK * Math.max(1, Math.abs(k))) return true;
    }
    return false;
  }

  /** The points where the error passes {@code limit} (NaN: no reference there). */
  static int misses(double[] errors, double limit) {
    int n = 0;
    for (double e : errors) {
      if (e > limit) n++;
    }
    return n;
  }

  static double worst(double[] errors) {
    double w = 0;
    for (double e : errors) {
      if (!Double.isNaN(e)) w = Math.max(w, e);
    }
    return w;
  }

  /** The special-input sentence on finite inputs (the emitter states NaN and the infinities). */
  public static final String FINITE = "Every finite input whose exact result is finite gives a finite result.";

  private LoweredActivation.Math math(Derivation d) {
    List<String> energies = new ArrayList<>();
    for (IExpr e : d.energies()) energies.add(Symja.inputForm(symja.eval(e)));
    String statistic = joined(d.closed());
    String derivative = joined(d.closedDerivative());
    List<String> special = new ArrayList<>();
    special.add(FINITE);
    if (!d.kinks().isEmpty()) {
      special.add("Pieces join at z = " + String.join(", ", d.kinks()) + ".");
    }
    return new LoweredActivation.Math(energies, statistic, derivative, special);
  }

  private String joined(List<IExpr> es) {
    List<String> s = new ArrayList<>();
    for (IExpr e : es) s.add(Symja.inputForm(symja.eval(e)));
    return s.size() == 1 ? s.get(0) : "{" + String.join(", ", s) + "}";
  }
}
