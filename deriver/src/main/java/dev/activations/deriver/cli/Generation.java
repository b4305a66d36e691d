package dev.activations.deriver.cli;

import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
import dev.activations.deriver.derivation.SpecResolver;
import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
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
    this.symja = symja;
    this.resolver = new SpecResolver(new SafeExpressionParser(symja), KernelCatalog.bundled());
    this.deriver = new Deriver(symja);
  }

  public Symja symja() {
    return symja;
  }

  public ActivationSpec resolve(Request request) {
    return resolver.resolve(request);
  }

  public Derivation derive(ActivationSpec spec) {
    return deriver.derive(spec);
  }

  /** The emitted class and the forms chosen for it. */
  public record Emitted(JavaFile file, LoweredActivation lowered, List<ActivationLowering.Choice> choices) {}

  public Emitted emit(Derivation derivation, ActivationLowering.Scorer scorer, String packageName, String className) {
    List<ActivationLowering.Choice> choices = new ArrayList<>();
    LoweredActivation lowered = new ActivationLowering(symja).lower(derivation, scorer, choices);
    return new Emitted(ClassEmitter.emit(lowered, packageName, className), lowered, choices);
  }
}
