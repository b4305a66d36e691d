package dev.activations.deriver.cli;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.derivation.layer.LayerDeriver;
import dev.activations.deriver.derivation.layer.LayerSpecResolver;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.emit.LayerClassEmitter;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.LogOnePlus;
import dev.activations.deriver.lowering.Lowerer;
import dev.activations.deriver.report.LayerPlotter;
import dev.activations.deriver.report.LayerReports;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.LayerCheck;
import dev.activations.deriver.verify.LayerReference;
import dev.activations.deriver.verify.LayerSamples;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The layer pipeline shared by {@code derive --layer} and the catalog generator: request -> {@link
 * LayerSpec} -> {@link LayerDerivation} -> lowered unit energy -> Java file, compiled and measured
 * against {@link LayerReference} before anything is written.
 */
public final class LayerGeneration implements VectorGeneration<LayerSpec, LayerDerivation> {
  /** The derive-time measurement's stream (the property suite uses others). */
  static final long SEED = 0x1a7e5L;
  private static final int[] SIZES = {1, 2, 3, 5, 8, 17, 64, 257};
  private static final int VECTORS = 48;

  private final Symja symja;

  public LayerGeneration(Symja symja) {
    this.symja = symja;
  }

  public Symja symja() {
    return symja;
  }

  /** Whether derive options given as separate arguments ask for a layer. */
  public static boolean isLayer(List<String> args) {
    return args.contains("--layer");
  }

  @Override
  public String option() {
    return "--layer";
  }

  @Override
  public LayerSpec resolve(DeriveCommand o, CommandLine.ParseResult parsed) {
    if (parsed.hasMatchedOption("--hypotheses")) {
      throw new SpecException("--hypotheses does not apply to --layer: the units are the hypotheses");
    }
    if (o.reject != null) throw new SpecException("--reject does not apply to --layer");
    int group = o.group == null ? 0 : o.group;
    if (o.group != null && group <= 0) throw new SpecException("--group must be a positive number of units, not " + group);
    LayerSpec spec = new LayerSpecResolver(new SafeExpressionParser(symja), KernelCatalog.units()).resolve(o.request(), group);
    for (String p : spec.free()) {
      LayerClassEmitter.parameterNameProblem(p).ifPresent(problem -> {
        throw new SpecException(problem);
      });
    }
    return spec;
  }

  @Override
  public LayerDerivation derive(LayerSpec spec) {
    LayerDerivation d = new LayerDeriver(symja).derive(spec);
    if (!d.verified()) {
      throw new IllegalStateException("layer derivation not verified: " + d.checks().stream()
          .filter(c -> !c.passed()).map(c -> c.name() + " [" + c.detail() + "]").toList());
    }
    return d;
  }

  @Override
  public LayerReports reports() {
    return new LayerReports(symja);
  }

  @Override
  public Path plot(LayerDerivation derivation, Path file) {
    return LayerPlotter.write(derivation, file);
  }

  @Override
  public String[] indexRow(LayerSpec spec, String className) {
    return new String[] {className, spec.toCommandLine(), LayerReports.forward(spec.statistic())};
  }

  /** The emitted sources (the class and its SIMD companion, if any) and the class's measurement. */
  public record Emitted(GeneratedSources sources, LayerCheck.Result check) implements Measured {
    @Override
    public boolean passed() {
      return check.passed();
    }

    @Override
    public String summary() {
      return check.describe();
    }

    /** The layer class. */
    public JavaFile file() {
      return sources.activation();
    }
  }

  /**
   * Emits the class and measures it at seeded sample vectors against the reference.
   *
   * @throws CheckFailedException when the compiled class misses the contract
   */
  /** {@link #emitMeasured} without {@code --accept-inaccurate}, typed for callers that read the check. */
  @Override
  public Emitted emitVerified(LayerDerivation d, String packageName, String className) {
    return emitMeasured(d, packageName, className, false);
  }

  @Override
  public Emitted emitMeasured(LayerDerivation d, String packageName, String className, boolean acceptInaccurate) {
    LayerSpec spec = d.spec();
    Set<String> variables = new java.util.LinkedHashSet<>(spec.free());
    variables.add("z");
    Lowerer lowerer = new Lowerer(symja, variables);
    Expr energy;
    Expr slope;
    List<Expr> parameterSlopes = new java.util.ArrayList<>();
    try {
      // log(1 + u) as log1p(u): a Student-t energy near its centre, and its de/dnu, keep their digits
      energy = LogOnePlus.rewrite(lowerer.lower(d.energy()));
      slope = LogOnePlus.rewrite(lowerer.lower(d.slope()));
      for (org.matheclipse.core.interfaces.IExpr ps : d.parameterSlopes()) {
        parameterSlopes.add(LogOnePlus.rewrite(lowerer.lower(ps)));
      }
    } catch (IllegalArgumentException e) {
      throw new SpecException("the unit energy cannot be evaluated in Java: " + e.getMessage());
    }
    LayerClassEmitter.Gap gap = gap(d);
    GeneratedSources sources;
    try {
      sources = LayerClassEmitter.emit(d, energy, slope, parameterSlopes, gap, packageName, className);
    } catch (IllegalArgumentException e) {
      throw new SpecException(e.getMessage());
    }
    JavaFile file = sources.activation();
    double[] defaults = spec.free().stream().mapToDouble(p -> spec.defaultOf(p).toDouble()).toArray();
    LayerCheck.Result result = LayerCheck.run(file, reference(spec), spec.group(),
        LayerSamples.of(SEED, VECTORS, SIZES, spec.statistic().perUnit(), spec.group()), spec.free(), defaults);
    if (!result.passed()) {
      if (!acceptInaccurate) {
        throw new CheckFailedException(className + " misses the layer contract: " + result.describe()
            + "; nothing written (--accept-inaccurate writes it anyway)");
      }
      // the same class, its Javadoc stating what was measured instead of the contract
      sources = LayerClassEmitter.emit(d, energy, slope, parameterSlopes, gap, packageName, className, result.describe());
    }
    return new Emitted(sources, result);
  }

  /** Heads whose energies have kinks or jumps: the midpoint rule does not hold across them. */
  private static final List<String> NON_SMOOTH = List.of("Abs[", "Max[", "Min[", "Sign[", "Piecewise[", "Clip[",
      "UnitStep[", "Floor[", "Ceiling[", "Round[", "HeavisideTheta[", "Boole[", "If[");

  /**
   * How the class takes unit gaps {@code e(a) - e(b)} (see {@link LayerClassEmitter.Gap}): the
   * naive difference for a non-smooth energy; the midpoint rule alone for a polynomial of degree
   * at most 2 in z (exact: Symja's third derivative is 0); otherwise the midpoint rule where it
   * is accurate.
   */
  LayerClassEmitter.Gap gap(LayerDerivation d) {
    String form = dev.activations.deriver.symbolic.Symja.inputForm(d.energy());
    if (NON_SMOOTH.stream().anyMatch(form::contains)) return LayerClassEmitter.Gap.NAIVE;
    org.matheclipse.core.interfaces.ISymbol z = symja.symbol("z");
    org.matheclipse.core.interfaces.IExpr third = symja.eval(org.matheclipse.core.expression.F.D(symja.eval(org.matheclipse.core.expression.F.D(d.slope(), z)), z));
    third = dev.activations.deriver.symbolic.Bounded.apply(symja, "Simplify", third,
        dev.activations.deriver.symbolic.WorkBudget.PIECE).orElse(third);
    return third.isZero() ? LayerClassEmitter.Gap.MIDPOINT : LayerClassEmitter.Gap.HYBRID;
  }

  /** The independent reference for a spec: the unsimplified energy text and exact bindings. */
  public static LayerReference reference(LayerSpec spec) {
    return LayerReference.of(spec);
  }
}
