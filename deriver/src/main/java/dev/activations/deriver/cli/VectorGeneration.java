package dev.activations.deriver.cli;

import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.report.DerivationReports;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * A pipeline of a vector input, as {@code derive} and the catalog generator drive it: request ->
 * spec {@code S} -> derivation {@code D} -> class measured against the input's own high-precision
 * reference before anything is written. A layer ({@link LayerGeneration}) and attention ({@link
 * AttentionGeneration}) differ in what happens inside each step, not in the steps, so {@link
 * VectorCommand} and {@link GenerateCatalog} are written once against this.
 *
 * @param <S> the resolved spec
 * @param <D> the derivation
 */
interface VectorGeneration<S, D> {
  /** The option that selects this input ({@code --layer}), for messages. */
  String option();

  /** Resolves parsed derive options (the command line). */
  S resolve(DeriveCommand options, CommandLine.ParseResult parsed);

  /** Resolves derive options given as separate arguments (a catalog line). */
  default S resolve(List<String> args) {
    DeriveCommand options = new DeriveCommand();
    CommandLine.ParseResult parsed = new CommandLine(options).parseArgs(args.toArray(new String[0]));
    return resolve(options, parsed);
  }

  D derive(S spec);

  /** The derivation's reports. */
  DerivationReports<D> reports();

  /** The derivation report in {@code format}. */
  default String report(D derivation, DeriveCommand.Format format) {
    DerivationReports<D> reports = reports();
    return switch (format) {
      case TEXT -> reports.text(derivation);
      case JSON -> reports.json(derivation);
      case LATEX -> reports.latex(derivation);
      case MARKDOWN -> reports.markdown(derivation);
    };
  }

  /**
   * Emits the class (and its SIMD companion, if any) and measures it.
   *
   * @throws CheckFailedException when the compiled class misses the contract
   */
  default Measured emitVerified(D derivation, String packageName, String className) {
    return emitMeasured(derivation, packageName, className, false);
  }

  /**
   * Emits the class and measures it; with {@code acceptInaccurate} a class that misses the contract
   * is emitted again with its Javadoc stating the measured worst errors and where (instead of the
   * contract's sentences), and returned with {@link Measured#passed()} false.
   *
   * @throws CheckFailedException when the compiled class misses the contract and {@code acceptInaccurate} is false
   */
  Measured emitMeasured(D derivation, String packageName, String className, boolean acceptInaccurate);

  /** Writes the derivation's plot to {@code file}; returns where it went. */
  Path plot(D derivation, Path file);

  /** The catalog index row of a class: its name, its derive options, its forward formula. */
  String[] indexRow(S spec, String className);

  /** Emitted sources that met the contract, and how they were measured. */
  interface Measured {
    GeneratedSources sources();

    /** One line: the worst errors measured and where. */
    String summary();

    /** Whether the class met the contract (false only when written with {@code --accept-inaccurate}). */
    boolean passed();
  }
}
