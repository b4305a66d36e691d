package dev.activations.deriver.cli;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
import dev.activations.deriver.derivation.GrowingPieces;
import dev.activations.deriver.derivation.SpecResolver;
import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.emit.FloatArithmetic;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.emit.SimdEmitter;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.Contract;
import dev.activations.deriver.verify.ContractVerification;
import dev.activations.deriver.verify.VerificationStream;
import dev.activations.deriver.verify.RootFinder;
import dev.activations.deriver.verify.RootSplice;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.JumpPoints;
import dev.activations.deriver.verify.OverflowPoints;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferencePoint;
import dev.activations.deriver.verify.ReferenceScorer;
import dev.activations.deriver.verify.ReferenceTable;
import dev.activations.deriver.verify.SpecDefinitions;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline shared by {@code derive} and the build-time catalog generator, so the build runs
 * exactly what the command runs: request -> spec -> derivation -> lowered IR -> Java file.
 */
public final class Generation {
  private final Symja symja;
  private final SpecResolver resolver;
  private final Deriver deriver;

  public Generation(Symja symja) {
    this(symja, KernelCatalog.bundled());
  }

  /** With a kernel catalog of one's own (the bundled kernels plus a folder of kernel files). */
  public Generation(Symja symja, KernelCatalog kernels) {
    this.symja = symja;
    this.resolver = new SpecResolver(new SafeExpressionParser(symja), kernels);
    this.deriver = new Deriver(symja);
  }

  public Symja symja() {
    return symja;
  }

  /** Resolves a derive command line such as a generated class's {@code SPEC}. */
  public ActivationSpec resolve(String commandLine) {
    return resolve(GenerateCatalog.split(commandLine));
  }

  /** Resolves derive options given as separate arguments (a catalog line). */
  public ActivationSpec resolve(List<String> args) {
    DeriveCommand options = new DeriveCommand();
    // literally: a catalog line's '@file' must not make picocli read a file
    new picocli.CommandLine(options).setExpandAtFiles(false).parseArgs(args.toArray(new String[0]));
    return resolve(options.request());
  }

  public ActivationSpec resolve(Request request) {
    ActivationSpec spec = dev.activations.deriver.derivation.CustomParameterDomains.infer(symja, resolver.resolve(request));
    for (String p : spec.free()) {
      ClassEmitter.parameterNameProblem(p).ifPresent(problem -> {
        throw new SpecException(problem);
      });
    }
    return spec;
  }

  public Derivation derive(ActivationSpec spec) {
    return deriver.derive(spec);
  }

  /**
   * The emitted sources (the class and its SIMD companion, if any), the forms chosen for it, the
   * reference it was measured against (if any), and the verification at points that chose nothing
   * (if any).
   */
  public record Emitted(GeneratedSources sources, LoweredActivation lowered,
      List<ActivationLowering.Choice> choices, java.util.Optional<ReferenceTable> reference,
      java.util.Optional<ContractVerification.Verdict> verdict, java.util.Optional<Certification> certification) {
    /** The activation class. */
    public JavaFile file() {
      return sources.activation();
    }

    /** True when nothing was measured or the measurement meets the contract. */
    public boolean meetsContract() {
      return verdict.map(ContractVerification.Verdict::passed).orElse(true);
    }
  }

  /**
   * Emits with every form chosen by measured accuracy against the independent high-precision
   * reference at the standard sample points (and limits at the infinities from it), then certifies
   * the chosen forms at points that no selection saw ({@link VerificationStream}); the class
   * Javadoc states what that measured.
   */
  public Emitted emitVerified(Derivation derivation, String packageName, String className) {
    return emitVerified(derivation, packageName, className, true);
  }

  /**
   * As {@link #emitVerified(Derivation, String, String)}; with {@code floatKernels} false the float
   * SIMD kernels are not measured and compute in double (a caller that wants the verdict alone,
   * such as a property test, saves that measurement: the verdict does not depend on it).
   */
  public Emitted emitVerified(Derivation derivation, String packageName, String className, boolean floatKernels) {
    List<OverflowPoints.Piece> pieces = GrowingPieces.of(symja, derivation.energies());
    double[] standard = samplePoints(derivation, pieces);
    Emitted first = emitVerified(derivation, packageName, className, floatKernels, standard, List.of(), "", pieces);
    if (first.meetsContract()) return first;
    // The forms were chosen at the sample points and missed between them. The points where they
    // missed chose nothing so far: they join the selection (with their mirror images and close
    // neighbours, so that the choice sees the window, not one point), and the new choice is
    // certified on a fresh stream, as the first was. A miss at another parameter assignment brings
    // that assignment into the selection too (the forms are also measured there). A class that
    // still misses is reported with the first verdict, so the message does not depend on the
    // second attempt.
    ContractVerification.Verdict verdict = first.verdict().orElseThrow();
    double[] missed = missedPoints(verdict);
    List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> assignments = new ArrayList<>();
    double[] missedThere = missedElsewhere(first.certification().orElseThrow(), verdict, assignments);
    if (missed.length == 0 && missedThere.length == 0) return first;
    Emitted second = emitVerified(derivation, packageName, className, floatKernels,
        withPoints(withPoints(standard, missed), missedThere), assignments, " (reselected)", pieces);
    if (TRACE && !second.meetsContract()) {
      for (ContractVerification.Worst w : second.verdict().orElseThrow().worst()) {
        if (!w.passes()) System.err.println("trace: reselected still misses: " + w);
      }
    }
    return second.meetsContract() ? second : first;
  }

  /**
   * The points that choose the forms of one spec: the standard ones and the spec's own, where the
   * growing pieces of its energies leave the double range at the free parameters' defaults
   * ({@link OverflowPoints}).
   */
  public double[] samplePoints(Derivation derivation) {
    return samplePoints(derivation, GrowingPieces.of(symja, derivation.energies()));
  }

  private static double[] samplePoints(Derivation derivation, List<OverflowPoints.Piece> pieces) {
    double[] own = OverflowPoints.of(pieces, SpecDefinitions.defaults(derivation.spec()));
    if (TRACE) System.err.println("trace: growing pieces " + pieces + ", own sample points " + java.util.Arrays.toString(own));
    return Accuracy.samplePoints(own);
  }

  private static final boolean TRACE = System.getenv("DERIVE_TRACE") != null;

  /**
   * The failing points of a verdict at parameter assignments other than the defaults (with their
   * mirror images and neighbours); the assignments where they failed are added to {@code into}, as
   * the exact values the certification drew.
   */
  static double[] missedElsewhere(Certification certification, ContractVerification.Verdict verdict,
      List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> into) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>(Double::compare);
    for (ElsewhereInDomain e : certification.elsewhere()) {
      String suffix = " with " + e.label();
      boolean failed = false;
      for (ContractVerification.Worst w : verdict.worst()) {
        if (w.passes() || !w.function().endsWith(suffix) || !Double.isFinite(w.z())) continue;
        failed = true;
        addWindow(out, w.z());
      }
      if (failed) into.add(e.exact());
    }
    return out.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code z}, its mirror image, and both's neighbours at relative 1e-6 and 1e-3. */
  private static void addWindow(java.util.TreeSet<Double> out, double z) {
    for (double x : new double[] {z, -z}) {
      out.add(x);
      for (double r : new double[] {1e-6, 1e-3}) {
        out.add(x * (1 + r));
        out.add(x * (1 - r));
      }
    }
  }

  /** The defaults' failing points of a verdict, with their mirror images and neighbours at relative 1e-6 and 1e-3. */
  static double[] missedPoints(ContractVerification.Verdict verdict) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>(Double::compare);
    for (ContractVerification.Worst w : verdict.worst()) {
      // points of other parameter assignments ("... with nu = ...") say nothing about the defaults' choice
      if (w.passes() || w.function().contains(" with ") || !Double.isFinite(w.z())) continue;
      addWindow(out, w.z());
    }
    return out.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] withPoints(double[] points, double[] more) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>(Double::compare);
    for (double z : points) out.add(z);
    for (double z : more) out.add(z);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * One attempt: forms chosen at {@code selection}, certified on the verification streams of the
   * spec (salted with {@code round}, so that a second attempt is certified on points that chose
   * nothing either).
   */
  private Emitted emitVerified(Derivation derivation, String packageName, String className, boolean floatKernels,
      double[] selection, List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> alsoSelectAt,
      String round, List<OverflowPoints.Piece> pieces) {
    ActivationSpec spec = derivation.spec();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    // What only chooses works to the scorer's budget; roots and certification to the full one.
    ReferenceEvaluator choosing = reference.withWorkingDigits(ReferenceScorer.SCORING_MAX_DIGITS);
    ReferenceTable table = ReferenceTable.at(choosing, selection);
    List<ActivationLowering.Choice> choices = new ArrayList<>();
    LoweredActivation lowered;
    try {
      lowered = new ActivationLowering(symja).lower(derivation,
          new ReferenceScorer(choosing, table, SpecDefinitions.defaults(spec)).withElsewhere(selectionSamples(spec, alsoSelectAt),
              values -> new ReferenceEvaluator(SpecDefinitions.of(spec, values)).withWorkingDigits(ReferenceScorer.SCORING_MAX_DIGITS)),
          choices);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.startsWith("lowering: unsupported")) throw e;
      // a documented limitation (README, "Decisions"), not an internal error
      throw new dev.activations.deriver.spec.SpecException("cannot generate code for this energy: "
          + message.substring("lowering: ".length()) + " (a limitation of the code generator; see the README)");
    }
    java.util.Map<String, Double> free = freeValues(spec);
    double[][][] roots = roots(lowered, reference, free);
    double[][] kinks = kinks(derivation);
    lowered = spliceRoots(lowered, roots, kinks, reference, free);
    lowered = atJumps(lowered, kinks, reference, free);
    lowered = edgeSaturated(lowered, reference, pieces);
    if (spec.statistic() == dev.activations.deriver.spec.Statistic.RESPONSIBILITIES) lowered = lowered.withValuesInUnitInterval();
    Certification certification = certification(derivation, lowered, reference, roots, kinks, round, pieces);
    ContractVerification.Verdict verdict = certification.measure(ContractVerification.Evaluation::of);
    List<String> special = new ArrayList<>(lowered.math().specialInputs());
    if (verdict.nonFiniteSeen()) special.remove(ActivationLowering.FINITE);
    lowered = lowered.withStatement(special, verdict.javadoc(free));
    FloatArithmetic floats = FloatArithmetic.NONE;
    if (floatKernels && SimdEmitter.supports(lowered) && lowered.freeParameters().isEmpty()) {
      // the float[] SIMD kernels compute in float where that meets the float contract
      floats = FloatArithmetic.measure(lowered,
          ReferenceTable.at(choosing, FloatContract.samplePoints(), table));
    }
    return new Emitted(ClassEmitter.emitSources(lowered, packageName, className,
            SimdEmitter.supports(lowered), floats),
        lowered, choices, java.util.Optional.of(table), java.util.Optional.of(verdict),
        java.util.Optional.of(certification));
  }

  /** The number of verification points per output ({@code -Dderive.verify.points=N} overrides). */
  static int verificationCount() {
    return Math.max(16, Integer.getInteger("derive.verify.points", VerificationStream.DEFAULT_COUNT));
  }

  /**
   * What a class is certified on: the functions, each output's verification points, and the
   * reference there (evaluated once, shared by {@code --out} and {@code --check}).
   */
  public record Certification(List<ContractVerification.Function> functions, double[][] points,
      ContractVerification.Reference reference, java.util.Map<String, Double> defaults,
      List<ElsewhereInDomain> elsewhere) {
    public Certification(List<ContractVerification.Function> functions, double[][] points,
        ContractVerification.Reference reference) {
      this(functions, points, reference, java.util.Map.of(), List.of());
    }

    /**
     * The verdict over the defaults' stream and every other parameter assignment's, the worst of
     * each function over all of them ({@code at} evaluates the class at given parameter values).
     */
    public ContractVerification.Verdict measure(
        java.util.function.Function<java.util.Map<String, Double>, ContractVerification.Evaluation> at) {
      ContractVerification.Verdict verdict = ContractVerification.measure(functions, points, reference, at.apply(defaults));
      for (ElsewhereInDomain e : elsewhere) {
        List<ContractVerification.Function> renamed = new ArrayList<>();
        for (ContractVerification.Function f : functions) {
          renamed.add(f.named(f.name() + " with " + e.label()));
        }
        verdict = verdict.and(ContractVerification.measure(renamed, e.points(), e.reference(), at.apply(e.values())));
      }
      return verdict;
    }
  }

  /**
   * Free parameters at values other than the defaults, each with its own stream and reference
   * ({@link ParameterSamples}); {@code exact} holds the values as drawn (a second selection takes
   * them where the class missed).
   */
  public record ElsewhereInDomain(java.util.Map<String, Double> values, double[][] points,
      ContractVerification.Reference reference, java.util.Map<String, dev.activations.deriver.spec.ExactNumber> exact) {
    String label() {
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + " = " + v));
      return String.join(", ", parts);
    }
  }

  /** Parameter assignments besides the defaults at which a class with free parameters is certified. */
  static final int PARAMETER_SAMPLES = Integer.getInteger("derive.verify.parameterSamples", 3);
  /** Stream points per output at each of those assignments ({@code -Dderive.verify.parameterSamplePoints=N}). */
  static int parameterSamplePoints() {
    return Math.max(16, Integer.getInteger("derive.verify.parameterSamplePoints", 1000));
  }

  /**
   * The roots away from 0 of every output's value ({@code [o][0]}) and derivative ({@code [o][1]}),
   * from the chosen forms' sign changes refined with the reference.
   */
  static double[][][] roots(LoweredActivation lowered, ReferenceEvaluator reference, java.util.Map<String, Double> free) {
    int outputs = lowered.values().size();
    List<String> parameters = lowered.freeParameters();
    double[][][] roots = new double[outputs][2 + parameters.size()][];
    for (int o = 0; o < outputs; o++) {
      roots[o][0] = RootFinder.roots(lowered.values().get(o).expr(), free, reference, o, false);
      roots[o][1] = RootFinder.roots(lowered.derivatives().get(o).expr(), free, reference, o, true);
      // the parameter derivatives' roots in z, at the defaults ({@code [o][2 + k]})
      for (int k = 0; k < parameters.size(); k++) {
        String p = parameters.get(k);
        roots[o][2 + k] = RootFinder.roots(lowered.parameterDerivatives().get(p).get(o).expr(), free, reference, o,
            true, p);
      }
    }
    return roots;
  }

  /** Each output's forms with a local expansion next to the roots where they lose the contract ({@link RootSplice}). */
  static LoweredActivation spliceRoots(LoweredActivation lowered, double[][][] roots, double[][] kinks,
      ReferenceEvaluator reference, java.util.Map<String, Double> free) {
    List<String> parameters = lowered.freeParameters();
    return lowered.withForms((form, of) -> {
      int k = of.parameter() == null ? (of.derivative() ? 1 : 0) : 2 + parameters.indexOf(of.parameter());
      return RootSplice.spliceAtValues(form, roots[of.output()][k], kinks, reference, of.output(), of.derivative(),
          of.parameter(), free, of.derivative() ? Contract.DERIVATIVE_TOLERANCE : Contract.VALUE_TOLERANCE);
    });
  }

  /**
   * {@link dev.activations.deriver.lowering.EdgeSaturation} on each function of a scalar statistic
   * with free parameters that leaves the double range at the defaults (its reference at {@code
   * +-MAX_VALUE} rounds to Infinity), where every energy grows like a power (no exponential or
   * cosh among the growing pieces: the step inward is sized for powers). Why: where such a function
   * leaves the range the forms overflow an ulp or so early, and the verification at other parameter
   * values samples exactly there (the gated free energy of {@code Abs[z-mu]^p}, p free: its slope
   * at p = 3.93, z = -8.9e104 was -Infinity, exact -1.797693134862315e308); the defaults have their
   * own repair (Repairs.overflowEdge), which needs the reference. Functions that stay in the range
   * are left as they are (the catalog's free-parameter classes among them).
   */
  static LoweredActivation edgeSaturated(LoweredActivation lowered, ReferenceEvaluator reference,
      List<OverflowPoints.Piece> pieces) {
    if (lowered.freeParameters().isEmpty() || lowered.isVector()) return lowered;
    for (OverflowPoints.Piece p : pieces) {
      if (p.growth() == OverflowPoints.Growth.EXP || p.growth() == OverflowPoints.Growth.COSH) return lowered;
    }
    java.util.function.BiFunction<Double, LoweredActivation.FormOf, java.util.Optional<java.math.BigDecimal>> exact =
        exactValues(reference);
    return lowered.withEdgeSaturation(of -> Double.isInfinite(roundedAt(exact, of, -Double.MAX_VALUE))
        || Double.isInfinite(roundedAt(exact, of, Double.MAX_VALUE)));
  }

  /** The function {@code of} at z as the reference rounds it to a double; NaN where it cannot say. */
  private static double roundedAt(
      java.util.function.BiFunction<Double, LoweredActivation.FormOf, java.util.Optional<java.math.BigDecimal>> exact,
      LoweredActivation.FormOf of, double z) {
    try {
      return exact.apply(z, of).map(Accuracy::toDouble).orElse(Double.NaN);
    } catch (RuntimeException undecided) { // beyond the reference's precision budget
      return Double.NaN;
    }
  }

  /**
   * The reference's exact value of each function at the inputs asked for (empty where a derivative
   * does not exist there), each input evaluated once for every function that asks, and once per
   * parameter for the parameter derivatives: the passes after the selection ask every function
   * about the same few points.
   */
  private static java.util.function.BiFunction<Double, LoweredActivation.FormOf, java.util.Optional<java.math.BigDecimal>>
      exactValues(ReferenceEvaluator reference) {
    java.util.Map<Double, ReferencePoint> at = new java.util.HashMap<>();
    java.util.Map<java.util.Map.Entry<Double, String>, java.util.Optional<Accuracy.Exact[]>> inParameter =
        new java.util.HashMap<>();
    return (z, of) -> of.parameter() != null
        ? inParameter.computeIfAbsent(java.util.Map.entry(z, of.parameter()),
            k -> reference.parameterDerivative(k.getKey(), k.getValue())).map(e -> e[of.output()].value())
        : of.derivative() ? at.computeIfAbsent(z, reference::evaluate).derivatives().get(of.output())
        : java.util.Optional.of(at.computeIfAbsent(z, reference::evaluate).values().get(of.output()));
  }

  /**
   * Each output's forms with the reference's value at the breakpoints where they miss it ({@link
   * JumpPoints}: energies that jump there).
   */
  static LoweredActivation atJumps(LoweredActivation lowered, double[][] kinks, ReferenceEvaluator reference,
      java.util.Map<String, Double> free) {
    if (kinks.length == 0) return lowered;
    java.util.function.BiFunction<Double, LoweredActivation.FormOf, java.util.Optional<java.math.BigDecimal>> values =
        exactValues(reference);
    return lowered.withForms((form, of) -> {
      java.util.function.DoubleFunction<java.util.Optional<java.math.BigDecimal>> exact = b -> values.apply(b, of);
      return JumpPoints.patched(form, kinks, exact, free,
          of.derivative() ? Contract.DERIVATIVE_TOLERANCE : Contract.VALUE_TOLERANCE);
    });
  }

  /**
   * The verification streams of every output of the chosen forms, their seeds salted with {@code
   * round} (empty for the first attempt). Each parameter assignment's streams (the defaults' and
   * every other one's) start with where the growing pieces of the energies leave the double range
   * at that assignment ({@link #overflowEdges}), and are dense next to those points too: a threshold
   * such as {@code |(z-mu)/a|^(3/2)} overflowing at {@code a MAX_VALUE^(2/3)} moves with the
   * parameter, and a stream that samples it at the defaults alone never sees where a form meets
   * {@code Inf - Inf} at another value.
   */
  static Certification certification(Derivation derivation, LoweredActivation lowered, ReferenceEvaluator reference,
      double[][][] roots, double[][] kinks, String round, List<OverflowPoints.Piece> pieces) {
    String spec = derivation.spec().toCommandLine() + round;
    int outputs = lowered.values().size();
    double[] known = java.util.Arrays.stream(kinks).mapToDouble(k -> k[0]).toArray();
    double[] overflow = overflowEdges(pieces, SpecDefinitions.defaults(derivation.spec()));
    double[][] points = new double[outputs][];
    for (int o = 0; o < outputs; o++) {
      Expr value = lowered.values().get(o).expr();
      Expr slope = lowered.derivatives().get(o).expr();
      double[] rootsOfOutput = java.util.Arrays.stream(roots[o]).flatMapToDouble(java.util.Arrays::stream).toArray();
      double[] withRoots = java.util.stream.Stream.of(known, overflow, rootsOfOutput)
          .flatMapToDouble(java.util.Arrays::stream).toArray();
      double[] specials = VerificationStream.specials(List.of(value, slope), withRoots);
      double[] first = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(overflow),
          java.util.Arrays.stream(rootNeighbourhoods(rootsOfOutput))).toArray();
      // twice the target: points only the high-precision evaluator decides are passed over
      points[o] = VerificationStream.startingWith(first,
          VerificationStream.points(VerificationStream.seed(spec, o), 2 * verificationCount(), specials));
      // then a second stream, reached only where the first one holds too few points the reference
      // decides (the logistic mode: energies that underflow to e^-1e300 leave |z| > 1e16 undecided)
      long more = VerificationStream.seed(spec + " (continued)", o);
      points[o] = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(points[o]),
          java.util.Arrays.stream(VerificationStream.points(more, 2 * verificationCount(), specials))).toArray();
    }
    List<ElsewhereInDomain> elsewhere = new ArrayList<>();
    for (java.util.Map<String, dev.activations.deriver.spec.ExactNumber> values
        : dev.activations.deriver.verify.ParameterSamples.draw(derivation.spec(), PARAMETER_SAMPLES)) {
      java.util.Map<String, Double> doubles = new java.util.LinkedHashMap<>();
      values.forEach((k, v) -> doubles.put(k, v.toDouble()));
      ReferenceEvaluator there = new ReferenceEvaluator(SpecDefinitions.of(derivation.spec(), values));
      // the thresholds at these values, solved with the independent evaluator as at the defaults
      double[] overflowThere = overflowEdges(pieces, values);
      double[][] streams = new double[outputs][];
      for (int o = 0; o < outputs; o++) {
        streams[o] = VerificationStream.startingWith(overflowThere,
            VerificationStream.points(VerificationStream.seed(spec + " " + doubles, o), 2 * parameterSamplePoints(),
                VerificationStream.specials(List.of(lowered.values().get(o).expr()), overflowThere)));
      }
      elsewhere.add(new ElsewhereInDomain(doubles, streams,
          ContractVerification.cached(ContractVerification.Reference.of(there)), values));
    }
    return new Certification(ContractVerification.functions(lowered), points,
        ContractVerification.cached(ContractVerification.Reference.of(reference)), freeValues(derivation.spec()),
        elsewhere);
  }

  /**
   * Each root (a double next to the exact root) with the doubles on either side, measured by every
   * certification whatever the stream draws: the stream's dense points lie at relative offsets of
   * 1e-15 and more, and the nearest doubles are where a form that cancels loses the most (the
   * signed Gaussian free energy's slope {@code (z - tanh(z/s^2))/s^2} at s = 0.156, which has roots
   * within 1e-36 of +-1, is 0.0 at z = 1 for an exact 1.7e-34, and accurate at 1 + 1e-15). The
   * defaults' roots only: at other parameter values the roots move and the splices do not follow
   * them (docs/ENERGIES.md, "Known gaps").
   */
  static double[] rootNeighbourhoods(double[] roots) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>(Double::compare);
    for (double r : roots) {
      if (!Double.isFinite(r)) continue;
      out.add(r);
      out.add(Math.nextUp(r));
      out.add(Math.nextDown(r));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Where the growing pieces leave the double range at the parameter {@code values} ({@link
   * OverflowPoints}: the first double at which each reaches {@code MAX_VALUE}, or half of it), each
   * with the double before it, the last at which the piece is still in range: a form's guard that
   * is placed one double off is wrong at one of the two.
   */
  static double[] overflowEdges(List<OverflowPoints.Piece> pieces,
      java.util.Map<String, dev.activations.deriver.spec.ExactNumber> values) {
    java.util.TreeSet<Double> out = new java.util.TreeSet<>(Double::compare);
    for (double t : OverflowPoints.of(pieces, values)) {
      out.add(t);
      out.add(t > 0 ? Math.nextDown(t) : Math.nextUp(t));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The kinks the derivation found that are numbers and, with free parameters, the energies' kinks
   * at the parameters' defaults ({@code KinksAtValues}), each as a double-double {@code {hi, lo}}
   * and the root order q of the energies' powers ({@link #rootOrder}): {@code {hi, lo, q}}. They
   * place the splices next to kinks and the verification stream's dense points.
   */
  private double[][] kinks(Derivation derivation) {
    java.util.Map<String, dev.activations.deriver.spec.ExactNumber> defaults = SpecDefinitions.defaults(derivation.spec());
    // at the defaults, as the splices are guarded by them: Abs[z-mu]^p with p = 3/2 free has a
    // slope like sqrt|z| at its kink at 0 (root order 2), which the symbolic p hides; with q = 1
    // no kink splice was built, and the entropy's slope at three prototypes was 0.0 at z = 2.9e-169
    // (exact 2.0e-85)
    int q = rootOrder(dev.activations.deriver.derivation.KinksAtValues.bound(symja, derivation.energies(), defaults));
    List<double[]> out = new ArrayList<>();
    java.util.SortedSet<String> all = new java.util.TreeSet<>(derivation.kinks());
    if (!defaults.isEmpty()) {
      // breakpoints that depend on a free parameter, at its default (the splices are guarded by it)
      all.addAll(dev.activations.deriver.derivation.KinksAtValues.of(symja, derivation.energies(), defaults));
    }
    for (String k : all) {
      // a kink that depends on a free parameter has no value
      dev.activations.deriver.derivation.KinkValues.of(symja, k).ifPresent(x -> out.add(new double[] {x[0], x[1], q}));
    }
    return out.toArray(new double[0][]);
  }

  /** Powers with a larger denominator are not expanded next to a kink (their expansions converge slowly). */
  private static final int MAX_ROOT_ORDER = 12;

  /**
   * The least common denominator q of the non-integer rational exponents in the energies ({@code
   * Abs[-1+z]^(5/4)}: 4), 1 when there are none or q would exceed {@link #MAX_ROOT_ORDER}: next to
   * a kink the pieces are analytic in {@code |z - c|^(1/q)} (a root splice there is a polynomial in
   * it, {@code RootSplice}).
   */
  public static int rootOrder(List<org.matheclipse.core.interfaces.IExpr> energies) {
    long[] q = {1};
    for (org.matheclipse.core.interfaces.IExpr e : energies) {
      e.isFree(x -> {
        if (q[0] <= MAX_ROOT_ORDER && x.isPower() && x.exponent().isFraction()) {
          java.math.BigInteger d = ((org.matheclipse.core.interfaces.IFraction) x.exponent()).denominator().toBigNumerator();
          // the least common multiple; once past the bound it stays past it
          q[0] = d.bitLength() < 16 ? q[0] / java.math.BigInteger.valueOf(q[0]).gcd(d).longValue() * d.longValue()
              : Long.MAX_VALUE;
        }
        return false;
      }, true);
    }
    return q[0] > MAX_ROOT_ORDER ? 1 : (int) q[0];
  }


  /** Parameter values at which the parameter derivatives' forms are also measured when chosen. */
  static final int SELECTION_PARAMETER_SAMPLES = Integer.getInteger("derive.select.parameterSamples", 3);

  /**
   * {@link #SELECTION_PARAMETER_SAMPLES} values of the free parameters drawn after those
   * the verification uses (same seeded stream), so that the verification still sees values no
   * selection saw.
   */
  private static List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> selectionSamples(ActivationSpec spec,
      List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> also) {
    List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> drawn =
        dev.activations.deriver.verify.ParameterSamples.draw(spec, PARAMETER_SAMPLES + SELECTION_PARAMETER_SAMPLES);
    List<java.util.Map<String, dev.activations.deriver.spec.ExactNumber>> out =
        new ArrayList<>(drawn.subList(Math.min(PARAMETER_SAMPLES, drawn.size()), drawn.size()));
    out.addAll(also);
    return out;
  }

  static java.util.Map<String, Double> freeValues(ActivationSpec spec) {
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    SpecDefinitions.defaults(spec).forEach((k, v) -> out.put(k, v.toDouble()));
    return out;
  }

  public Emitted emit(Derivation derivation, ActivationLowering.Scorer scorer, String packageName, String className) {
    List<ActivationLowering.Choice> choices = new ArrayList<>();
    LoweredActivation lowered = new ActivationLowering(symja).lower(derivation, scorer, choices);
    return new Emitted(ClassEmitter.emitSources(lowered, packageName, className), lowered, choices,
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
  }
}
