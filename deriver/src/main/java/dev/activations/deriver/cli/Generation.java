package dev.activations.deriver.cli;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
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
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.ReferenceEvaluator;
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
    return resolver.resolve(request);
  }

  public Derivation derive(ActivationSpec spec) {
    return deriver.derive(spec);
  }

  /**
   * The emitted sources (the class and its SIMD companion, if any), the forms chosen for it, and
   * the reference it was measured against (if any).
   */
  public record Emitted(GeneratedSources sources, LoweredActivation lowered,
      List<ActivationLowering.Choice> choices, java.util.Optional<ReferenceTable> reference) {
    /** The activation class. */
    public JavaFile file() {
      return sources.activation();
    }
  }

  /**
   * Emits with every form chosen by measured accuracy against the independent high-precision
   * reference at the standard sample points (and limits at the infinities from it).
   */
  public Emitted emitVerified(Derivation derivation, String packageName, String className) {
    ActivationSpec spec = derivation.spec();
    ReferenceEvaluator reference = new ReferenceEvaluator(SpecDefinitions.of(spec));
    ReferenceTable table = ReferenceTable.at(reference, Accuracy.samplePoints());
    List<ActivationLowering.Choice> choices = new ArrayList<>();
    LoweredActivation lowered = new ActivationLowering(symja).lower(derivation,
        new ReferenceScorer(reference, table, SpecDefinitions.defaults(spec)), choices);
    FloatArithmetic floats = FloatArithmetic.NONE;
    if (SimdEmitter.supports(lowered) && lowered.freeParameters().isEmpty()) {
      // the float[] SIMD kernels compute in float where that meets the float contract
      floats = FloatArithmetic.measure(lowered,
          ReferenceTable.at(reference, FloatContract.samplePoints(), table));
    }
    return new Emitted(ClassEmitter.emitSources(lowered, packageName, className,
            SimdEmitter.supports(lowered), floats),
        lowered, choices, java.util.Optional.of(table));
  }

  public Emitted emit(Derivation derivation, ActivationLowering.Scorer scorer, String packageName, String className) {
    List<ActivationLowering.Choice> choices = new ArrayList<>();
    LoweredActivation lowered = new ActivationLowering(symja).lower(derivation, scorer, choices);
    return new Emitted(ClassEmitter.emitSources(lowered, packageName, className), lowered, choices,
        java.util.Optional.empty());
  }
}
