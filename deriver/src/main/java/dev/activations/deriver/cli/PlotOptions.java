package dev.activations.deriver.cli;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.report.FamiliarActivation;
import dev.activations.deriver.report.Plotter;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code --plot FILE} and {@code --compare NAMES} options: converters that reject bad values
 * while the command line is parsed (before any derivation runs), and the one call that draws.
 */
final class PlotOptions {
  private PlotOptions() {}

  /** {@code --plot}: a path ending in .png or .svg. */
  static final class FileConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      try {
        Path p = Path.of(value);
        Plotter.Format.of(p);
        return p;
      } catch (SpecException | java.nio.file.InvalidPathException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --compare}: one familiar activation name (the option splits at commas). */
  static final class CompareConverter implements CommandLine.ITypeConverter<FamiliarActivation> {
    @Override
    public FamiliarActivation convert(String value) {
      try {
        return FamiliarActivation.parse(value);
      } catch (SpecException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Draws {@code d} into {@code plot} when it is given.
   *
   * @throws SpecException if {@code --compare} was given without {@code --plot}
   */
  static void write(Symja symja, Derivation d, Path plot, List<FamiliarActivation> compare, PrintWriter err) {
    if (plot == null) {
      if (!compare.isEmpty()) throw new SpecException("--compare needs --plot FILE.png or FILE.svg");
      return;
    }
    Path written = new Plotter(symja).write(d, compare, plot);
    err.println("derive: wrote " + written);
  }
}
