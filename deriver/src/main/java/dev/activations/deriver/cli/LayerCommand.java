package dev.activations.deriver.cli;

import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.report.LayerPlotter;
import dev.activations.deriver.report.LayerReports;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code derive --layer ...}: derivation, report, and (with {@code --out}) the measured class. */
final class LayerCommand {
  private LayerCommand() {}

  static int run(DeriveCommand o, CommandLine.Model.CommandSpec commandSpec, DeriveCommand.Format format) {
    if (!o.compare.isEmpty()) throw new SpecException("--compare does not apply to --layer");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    Symja symja = new Symja();
    LayerGeneration generation = new LayerGeneration(symja);
    LayerSpec spec = generation.resolve(o, commandSpec.commandLine().getParseResult());
    LayerDerivation derivation = generation.derive(spec);
    LayerReports reports = new LayerReports(symja);
    String rendered = switch (format) {
      case TEXT -> reports.text(derivation);
      case JSON -> reports.json(derivation);
      case LATEX -> reports.latex(derivation);
      case MARKDOWN -> reports.markdown(derivation);
    };
    if (o.out != null) {
      LayerGeneration.Emitted emitted = generation.emitVerified(derivation, o.packageName, o.className);
      err.println("derive: check passed: " + emitted.check().describe());
      DeriveCommand.write(emitted.sources(), o.out, err);
    }
    if (o.plot != null) err.println("derive: wrote " + LayerPlotter.write(derivation, o.plot));
    out.print(rendered);
    out.flush();
    return 0;
  }
}
