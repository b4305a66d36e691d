package dev.activations.deriver.cli;

import dev.activations.deriver.spec.SpecException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code derive --layer ...} and {@code derive --attention ...}: derivation, report, and (with {@code --out}) the measured class. */
final class VectorCommand {
  private VectorCommand() {}

  static <S, D> int run(VectorGeneration<S, D> generation, DeriveCommand o, CommandLine.Model.CommandSpec commandSpec,
      DeriveCommand.Format format) {
    if (!o.compare.isEmpty()) throw new SpecException("--compare does not apply to " + generation.option());
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    S spec = generation.resolve(o, commandSpec.commandLine().getParseResult());
    D derivation = generation.derive(spec);
    String rendered = generation.report(derivation, format);
    if (o.out != null) {
      VectorGeneration.Measured emitted = generation.emitMeasured(derivation, o.packageName, o.className, o.acceptInaccurate);
      err.println("derive: check " + (emitted.passed() ? "passed" : "FAILED (written with --accept-inaccurate)") + ": " + emitted.summary());
      DeriveCommand.write(emitted.sources(), o.out, err);
    }
    if (o.plot != null) err.println("derive: wrote " + generation.plot(derivation, o.plot));
    out.print(rendered);
    out.flush();
    return 0;
  }
}
