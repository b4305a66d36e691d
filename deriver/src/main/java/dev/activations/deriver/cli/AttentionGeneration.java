package dev.activations.deriver.cli;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.derivation.attention.AsymptoticScaling;
import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.derivation.attention.AttentionDeriver;
import dev.activations.deriver.derivation.attention.AttentionSpecResolver;
import dev.activations.deriver.derivation.attention.EntryScaling;
import dev.activations.deriver.derivation.attention.GramForm;
import dev.activations.deriver.emit.AttentionClassEmitter;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Lowerer;
import dev.activations.deriver.report.AttentionPlotter;
import dev.activations.deriver.report.AttentionReports;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionCheck;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.AttentionSamples;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import picocli.CommandLine;

/**
 * The attention pipeline shared by {@code derive --attention} and the catalog generator: request
 * -> {@link AttentionSpec} -> {@link AttentionDerivation} -> lowered energy and partials -> Java
 * file, compiled and measured against {@link AttentionReference} before anything is written.
 */
public final class AttentionGeneration implements VectorGeneration<AttentionSpec, AttentionDerivation> {
  /** The derive-time measurement's stream (the property suite uses others). */
  static final long SEED = 0xa77e5L;
  private static final int[] NS = {1, 2, 3, 5, 8, 17, 40, 129};
  private static final int[] DS = {1, 2, 3, 4, 7, 16, 33};
  private static final int[] MS = {1, 2, 3, 5, 9};
  private static final int SAMPLES = 30;
  /**
   * Extra samples at common scales 1e150 .. 1e200 (every fourth at 1e77 .. 1e125) for classes that
   * scale overflowing entries (linear energies and asymptotic forms).
   */
  private static final int EXTREME_SAMPLES = 12;

  private final Symja symja;

  public AttentionGeneration(Symja symja) {
    this.symja = symja;
  }

  /** Whether derive options given as separate arguments ask for attention. */
  public static boolean isAttention(List<String> args) {
    return args.contains("--attention");
  }

  @Override
  public String option() {
    return "--attention";
  }

  @Override
  public AttentionSpec resolve(DeriveCommand o, CommandLine.ParseResult parsed) {
    if (o.group != null) throw new SpecException("--group applies to --layer, not --attention");
    if (parsed.hasMatchedOption("--hypotheses")) {
      throw new SpecException("--hypotheses does not apply to --attention: the keys are the hypotheses");
    }
    if (o.reject != null) throw new SpecException("--reject does not apply to --attention");
    return new AttentionSpecResolver(new SafeExpressionParser(symja), KernelCatalog.vectors()).resolve(o.request());
  }

  @Override
  public AttentionDerivation derive(AttentionSpec spec) {
    AttentionDerivation d = new AttentionDeriver(symja).derive(spec);
    if (!d.verified()) {
      throw new IllegalStateException("attention derivation not verified: " + d.checks().stream()
          .filter(c -> !c.passed()).map(c -> c.name() + " [" + c.detail() + "]").toList());
    }
    return d;
  }

  @Override
  public AttentionReports reports() {
    return new AttentionReports(symja);
  }

  @Override
  public Path plot(AttentionDerivation derivation, Path file) {
    return AttentionPlotter.write(derivation, file);
  }

  @Override
  public String[] indexRow(AttentionSpec spec, String className) {
    return new String[] {className, spec.toCommandLine(), AttentionReports.forward(spec.statistic())};
  }

  /** The emitted sources and the class's measurement. */
  public record Emitted(GeneratedSources sources, AttentionCheck.Result check, AttentionClassEmitter.Asymptotic asymptotic)
      implements Measured {
    public Emitted(GeneratedSources sources, AttentionCheck.Result check) {
      this(sources, check, null);
    }

    @Override
    public boolean passed() {
      return check.passed();
    }

    @Override
    public String summary() {
      // a class that scales large entries by its asymptotic form says so, with the form's check
      return check.describe() + (asymptotic == null ? "" : "; large entries by the asymptotic form f = " + asymptotic.formula()
          + " (" + asymptotic.check() + ")");
    }

    public JavaFile file() {
      return sources.activation();
    }
  }

  /** The lowered energy and partials the emitter needs (and the partials by the free parameters). */
  public record Lowered(Expr energy, Map<String, Expr> partials, Map<String, Map<String, Expr>> differences,
      Map<String, Expr> parameterPartials, boolean scalable, AttentionClassEmitter.Asymptotic asymptotic) {
    public Lowered(Expr energy, Map<String, Expr> partials, Map<String, Map<String, Expr>> differences,
        Map<String, Expr> parameterPartials, boolean scalable) {
      this(energy, partials, differences, parameterPartials, scalable, null);
    }

    public Lowered(Expr energy, Map<String, Expr> partials, Map<String, Map<String, Expr>> differences) {
      this(energy, partials, differences, Map.of(), false);
    }

    public Lowered(Expr energy, Map<String, Expr> partials, Map<String, Map<String, Expr>> differences,
        Map<String, Expr> parameterPartials) {
      this(energy, partials, differences, parameterPartials, false);
    }
  }

  private static Set<String> variables(AttentionDerivation d, String... names) {
    Set<String> out = new java.util.LinkedHashSet<>(List.of(names));
    out.addAll(d.spec().free());
    return out;
  }

  private static Map<String, Expr> lowerParameterPartials(AttentionDerivation d, Lowerer lowerer) {
    Map<String, Expr> out = new LinkedHashMap<>();
    d.parameterPartials().forEach((f, e) -> out.put(f, lowerer.lower(e)));
    return out;
  }

  public Lowered lower(AttentionDerivation d) {
    try {
      if (d.isAngular()) {
        Lowerer lowerer = new Lowerer(symja, variables(d, "rho", "dim"));
        return new Lowered(lowerer.lower(d.angular()), Map.of("rho", lowerer.lower(d.angularSlope())), Map.of(),
            lowerParameterPartials(d, lowerer));
      }
      Lowerer lowerer = new Lowerer(symja, variables(d, "qq", "qk", "kk", "dd", "dim"));
      Map<String, Expr> partials = new LinkedHashMap<>();
      for (String g : GramForm.ENTRIES) {
        IExpr p = d.partials().get(g);
        if (!p.isZero()) partials.put(g, lowerer.lower(p));
      }
      Lowerer pairs = new Lowerer(symja, variables(d, "qq", "qk", "kk", "dd", "qkW", "kkW", "ddW", "dim"));
      Map<String, Map<String, Expr>> differences = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, IExpr>> f : d.differences().entrySet()) {
        if (!f.getKey().equals("energy") && !f.getKey().startsWith("param") && !partials.containsKey(f.getKey())) continue;
        Map<String, Expr> byEntry = new LinkedHashMap<>();
        for (Map.Entry<String, IExpr> v : f.getValue().entrySet()) byEntry.put(v.getKey(), pairs.lower(v.getValue()));
        differences.put(f.getKey(), byEntry);
      }
      boolean linear = EntryScaling.linearHomogeneous(symja, d);
      return new Lowered(lowerer.lower(d.energy()), partials, differences, lowerParameterPartials(d, lowerer), linear,
          linear || !AttentionClassEmitter.scalesAsymptotically(d) ? null : asymptotic(d, partials, differences));
    } catch (IllegalArgumentException e) {
      throw new SpecException("the vector energy cannot be evaluated in Java: " + e.getMessage());
    }
  }

  /**
   * The asymptotic form of a non-linear energy ({@link AsymptoticScaling}), lowered with {@code
   * tscale} as a further variable; null when the derivation finds none or the form lacks a partial
   * or divided difference the unscaled functions have.
   */
  private AttentionClassEmitter.Asymptotic asymptotic(AttentionDerivation d, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences) {
    AsymptoticScaling.Form form = AsymptoticScaling.of(symja, d).orElse(null);
    if (form == null) return null;
    Lowerer lowerer = new Lowerer(symja, variables(d, "qq", "qk", "kk", "dd", "dim", AsymptoticScaling.T));
    Lowerer pairs = new Lowerer(symja, variables(d, "qq", "qk", "kk", "dd", "qkW", "kkW", "ddW", "dim", AsymptoticScaling.T));
    Map<String, Expr> scaledPartials = new LinkedHashMap<>();
    for (String g : partials.keySet()) {
      IExpr p = form.partials().get(g);
      if (p == null) return null;
      scaledPartials.put(g, lowerer.lower(p));
    }
    Map<String, Map<String, Expr>> scaledDifferences = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Expr>> f : differences.entrySet()) {
      Map<String, IExpr> byEntry = form.differences().get(f.getKey());
      if (byEntry == null || !byEntry.keySet().equals(f.getValue().keySet())) return null;
      Map<String, Expr> lowered = new LinkedHashMap<>();
      byEntry.forEach((v, e) -> lowered.put(v, pairs.lower(e)));
      scaledDifferences.put(f.getKey(), lowered);
    }
    // keys are scaled one by one (each by its own and the query's largest entry), so the c log L terms no longer cancel
    // between keys of different scales: c for a sum of terms, and for one logarithm a Log[R] the degree k of R (c = a k:
    // R = L^k R', the arguments R' of two keys then differ by the power of two L_j^k / L_min^k)
    IExpr c = symja.eval(form.logCoefficient());
    Expr logCoefficient = c.isZero() || form.logArgument() != null ? null : new Lowerer(symja, variables(d, "dim")).lower(c);
    int logDegree = 0;
    if (form.logArgument() != null) {
      IExpr k = symja.eval(org.matheclipse.core.expression.F.Divide(c, form.logFactor()));
      if (!k.isInteger()) return null;
      logDegree = k.toIntDefault();
    }
    // a function of qk^2/(dd + kappa): its key gradient's cancellation-free bracket (AttentionClassEmitter.Asymptotic)
    IExpr kappa = ratioShift(d.partials());
    IExpr kappaScaled = kappa == null ? null : ratioShift(form.partials());
    boolean ratio = kappa != null && kappaScaled != null;
    // an energy c qk^2/(dd + kappa), c free of the entries: near-ties from the split into the key's direction and the rest
    IExpr factor = ratio ? ratioFactor(d.energy(), kappa) : null;
    return new AttentionClassEmitter.Asymptotic(form.twicePower(), AsymptoticScaling.target(form), lowerer.lower(form.scaled()),
        scaledPartials, scaledDifferences, form.logFactor() == null ? null : new Lowerer(symja, variables(d, "dim")).lower(form.logFactor()),
        form.logArgument() == null ? null : lowerer.lower(form.logArgument()), Symja.inputForm(form.scaled()), form.detail(),
        logCoefficient, logDegree, ratio ? lowerer.lower(kappa) : null, ratio ? lowerer.lower(kappaScaled) : null,
        ratio ? Symja.inputForm(kappa) : null, factor == null ? null : lowerer.lower(factor));
  }

  /**
   * {@code c} where the energy is {@code c qk^2 / (dd + kappa)} with {@code c} free of the entries
   * (Yat: -1), else null.
   */
  private IExpr ratioFactor(IExpr energy, IExpr kappa) {
    try {
      IExpr c = symja.eval(F.Together(F.Divide(F.Times(energy, F.Plus(symja.symbol("dd"), kappa)), F.Sqr(symja.symbol("qk")))));
      if (!AsymptoticScaling.freeOfEntries(symja, c)) return null;
      return c.isZero() ? null : c;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * For a Gram energy whose key gradient is {@code f_qk q - 2 f_dd (q - k)} (no partial by {@code qq}
   * or {@code kk}), the constant {@code kappa = -f_qk qk / (2 f_dd) - dd} when Symja finds it free of
   * the entries (then {@code -2 f_dd = f_qk qk / (dd + kappa)}: the energy is a function of {@code
   * qk^2 / (dd + kappa)}, Yat's family), else null. With it the key gradient is {@code f_qk / D (q D +
   * qk (q - k))}, {@code D = dd + kappa}, and the bracket is {@code q_i (<q, q - k> + kappa) + sum_l
   * k_l (q_i k_l - q_l k_i)} (since {@code dd = qq - 2 qk + kk}), free of the cancellation of its
   * two terms where the query is nearly parallel to a much larger key.
   */
  private IExpr ratioShift(Map<String, IExpr> partials) {
    IExpr fb = partials.get("qk");
    IExpr fs = partials.get("dd");
    if (fb == null || fs == null || fb.isZero() || fs.isZero()) return null;
    for (String g : List.of("qq", "kk")) {
      IExpr p = partials.get(g);
      if (p != null && !p.isZero()) return null;
    }
    try {
      IExpr k = symja.eval(F.Together(F.Subtract(F.Divide(F.Times(F.CN1, fb, symja.symbol("qk")), F.Times(F.C2, fs)), symja.symbol("dd"))));
      return AsymptoticScaling.freeOfEntries(symja, k) ? k : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Emits the class and measures it at seeded samples against the reference.
   *
   * @throws CheckFailedException when the compiled class misses the contract
   */
  /** {@link #emitMeasured} without {@code --accept-inaccurate}, typed for callers that read the check. */
  @Override
  public Emitted emitVerified(AttentionDerivation d, String packageName, String className) {
    return emitMeasured(d, packageName, className, false);
  }

  @Override
  public Emitted emitMeasured(AttentionDerivation d, String packageName, String className, boolean acceptInaccurate) {
    Lowered lowered = lower(d);
    GeneratedSources sources = AttentionClassEmitter.emit(d, lowered.energy(), lowered.partials(), lowered.differences(),
        lowered.parameterPartials(), lowered.scalable(), lowered.asymptotic(), packageName, className);
    AttentionSpec spec = d.spec();
    List<AttentionSamples.Sample> samples = new java.util.ArrayList<>(samples(SEED, SAMPLES, spec.statistic()));
    // a class whose energies are evaluated on scaled entries is also measured where the entries overflow
    // (the free energy itself overflows there)
    boolean scaled = AttentionClassEmitter.scalesEntries(d, lowered.differences(), lowered.scalable()) || lowered.asymptotic() != null;
    boolean extreme = spec.statistic() != AttentionStatistic.FREE_ENERGY;
    if (scaled && extreme) samples.addAll(extremeSamples(SEED, EXTREME_SAMPLES, NS, DS, MS, spec.statistic()));
    AttentionReference reference = reference(spec);
    AttentionCheck.Handles handles = AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(sources.activation()),
        reference.freeValues(), reference.free());
    AttentionCheck.Result result = AttentionCheck.run(handles, reference, spec.statistic(), samples);
    if (!scaled && extreme) {
      // a class that does not scale returns NaN where its entries overflow (docs/ATTENTION.md, Limits); where it
      // returns numbers there they must be right: Log[1+Dot[q-k,q-k]/s] --free s returned finite wrong gradients at
      // common scales near 1e100 (divided differences of the partial, about 1/dd^2, underflowed)
      result = result.and(AttentionCheck.run(handles, reference, spec.statistic(),
          extremeSamples(SEED, EXTREME_SAMPLES, NS, DS, MS, spec.statistic()), true));
    }
    if (!result.passed()) {
      if (!acceptInaccurate) {
        throw new CheckFailedException(className + " misses the attention contract: " + result.describe()
            + "; nothing written (--accept-inaccurate writes it anyway)");
      }
      // the same class, its Javadoc stating what was measured instead of the contract
      sources = AttentionClassEmitter.emit(d, lowered.energy(), lowered.partials(), lowered.differences(),
          lowered.parameterPartials(), lowered.scalable(), lowered.asymptotic(), packageName, className, result.describe());
    }
    return new Emitted(sources, result, AttentionClassEmitter.scalesAsymptotically(d) ? lowered.asymptotic() : null);
  }

  /** Samples with the output count of the statistic. */
  public static List<AttentionSamples.Sample> samples(long seed, int count, AttentionStatistic stat) {
    return samples(seed, count, NS, DS, MS, stat);
  }

  public static List<AttentionSamples.Sample> samples(long seed, int count, int[] ns, int[] ds, int[] ms, AttentionStatistic stat) {
    int outputs = switch (stat.outputs()) {
      case "m" -> 0;
      case "n" -> 1;
      default -> 2;
    };
    List<AttentionSamples.Sample> all = AttentionSamples.of(seed, count, ns, ds, ms, outputs);
    // the mode is discontinuous where two energies tie: near-duplicate keys have energies closer than
    // their rounding, and at tiny common scales the energies underflow, so which key wins is not a
    // question of accuracy there
    return stat == AttentionStatistic.MODE
        ? all.stream().filter(s -> !s.family().equals("near-duplicates") && !s.family().equals("scaled")).toList()
        : all;
  }

  /**
   * Samples whose query and keys share a common scale from 1e150 to 1e200, every fourth from 1e77 to
   * 1e125 ({@link AttentionSamples#extreme}), for the classes that evaluate overflowing entries scaled.
   */
  public static List<AttentionSamples.Sample> extremeSamples(long seed, int count, int[] ns, int[] ds, int[] ms,
      AttentionStatistic stat) {
    int outputs = switch (stat.outputs()) {
      case "m" -> 0;
      case "n" -> 1;
      default -> 2;
    };
    List<AttentionSamples.Sample> all = AttentionSamples.extreme(seed, count, ns, ds, ms, outputs);
    // the mode at near-duplicate keys: their energies (about 1e400 in units of 2^-2se) differ by less than their rounding;
    // and the scaled family (its own scale 1e-200 .. 1e75 times the extreme one): at common scales near 1e-100 the Yat
    // energies (degree 4, about 1e-400) underflow to 0 and tie, as at the usual samples' tiny scales
    return stat == AttentionStatistic.MODE
        ? all.stream().filter(s -> !s.family().endsWith("near-duplicates") && !s.family().equals("extreme-scaled")).toList()
        : all;
  }

  /** The independent reference for a spec: the kernel text rewritten in Gram entries (not simplified). */
  public static AttentionReference reference(AttentionSpec spec) {
    Map<String, String> params = new LinkedHashMap<>();
    spec.bound().forEach((k, v) -> params.put(k, v.toString()));
    return new AttentionReference(GramForm.of(spec.kernel().energy()), params, spec.temperature().toString(), spec.statistic(),
        GramForm.weighted(spec.kernel().energy()), spec.free());
  }
}
