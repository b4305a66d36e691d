package dev.activations.deriver.cli;

import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.report.AttentionReports;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code derive --attention ...}: derivation, report, and (with {@code --out}) the measured class. */
final class AttentionCommand {
  private AttentionCommand() {}

  static int run(DeriveCommand o, CommandLine.Model.CommandSpec commandSpec, DeriveCommand.Format format) {
    if (!o.compare.isEmpty()) throw new SpecException("--compare does not apply to --attention");
    if (o.group != null) throw new SpecException("--group applies to --layer, not --attention");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    Symja symja = new Symja();
    AttentionGeneration generation = new AttentionGeneration(symja);
    AttentionSpec spec = generation.resolve(o, commandSpec.commandLine().getParseResult());
    AttentionDerivation derivation = generation.derive(spec);
    AttentionReports reports = new AttentionReports(symja);
    String rendered = switch (format) {
      case TEXT -> reports.text(derivation);
      case JSON -> reports.json(derivation);
      case LATEX -> reports.latex(derivation);
      case MARKDOWN -> reports.markdown(derivation);
    };
    if (o.out != null) {
      AttentionGeneration.Emitted emitted = generation.emitVerified(derivation, o.packageName, o.className);
      err.println("derive: check passed: " + emitted.check().describe());
      DeriveCommand.write(emitted.sources(), o.out, err);
    }
    if (o.plot != null) err.println("derive: wrote " + dev.activations.deriver.report.AttentionPlotter.write(derivation, o.plot));
    out.print(rendered);
    out.flush();
    return 0;
  }
}
