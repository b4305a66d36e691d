package dev.activations.deriver.report;

import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.verify.LayerReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a layer statistic for three units ({@code derive --layer ... --plot FILE}): its outputs
 * against the first unit's input {@code z1} with the other two fixed at {@code z2 = 0} and {@code
 * z3 = 1}, and beside them the derivatives of the outputs by {@code z1} (a column of the
 * Jacobian), as PNG or SVG with the scalar plot's look ({@link Plotter}).
 *
 * <p>The curves are the definition evaluated by the independent high-precision reference ({@link
 * LayerReference}, which the emitted class is held to within 1e-12), not the emitted code; free
 * parameters take their defaults (the header says so). Deterministic and all or nothing, like
 * {@link Plotter}.
 */
public final class LayerPlotter {
  /** The fixed inputs of units 2 and 3. */
  static final double[] FIXED = {0, 1};
  private static final double HALF_RANGE = 6;
  private static final int SAMPLES = 600;

  private LayerPlotter() {}

  /** Renders {@code d} into {@code file} (format by extension), replacing it all at once. */
  public static Path write(LayerDerivation d, Path file) {
    return Plotter.write(file, format -> render(d, format));
  }

  static byte[] render(LayerDerivation d, Plotter.Format format) {
    return Plotter.render(header(d.spec()), panels(d.spec()), format);
  }

  static List<Plotter.Panel> panels(LayerSpec spec) {
    LayerReference reference = LayerReference.of(spec);
    LayerStatistic stat = spec.statistic();
    int outputs = stat.perUnit() ? 3 : 1;
    double[] x = new double[SAMPLES + 1];
    double[][] values = new double[outputs][x.length];
    double[][] slopes = new double[outputs][x.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = -HALF_RANGE + 2 * HALF_RANGE * k / SAMPLES;
      double[] z = {x[k], FIXED[0], FIXED[1]};
      for (int i = 0; i < outputs; i++) {
        double[] upstream = new double[outputs];
        upstream[i] = 1; // a one-hot upstream picks the column d out_i / dz_j; j = 0 is drawn
        LayerReference.Result r = reference.evaluate(z, upstream);
        values[i][k] = finite(r.values()[i]);
        slopes[i][k] = finite(r.gradient()[0]);
      }
    }
    String name = name(stat);
    List<Plotter.Curve> valueCurves = new ArrayList<>();
    List<Plotter.Curve> slopeCurves = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      String label = stat.perUnit() ? name + "_" + (i + 1) : name;
      valueCurves.add(new Plotter.Curve(label, x, values[i]));
      slopeCurves.add(new Plotter.Curve("d " + label + " / dz1", x, slopes[i]));
    }
    Plotter.Curve none = new Plotter.Curve("kink", new double[0], new double[0]);
    String fixed = " (z2 = 0, z3 = 1)";
    return List.of(
        new Plotter.Panel(spec.statistic().cliName() + fixed, "z1", name, valueCurves, List.of(), none),
        new Plotter.Panel("derivative by z1" + fixed, "z1", "d " + name + " / dz1", slopeCurves, List.of(), none));
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.NaN;
  }

  private static String name(LayerStatistic s) {
    return switch (s) {
      case RESPONSIBILITIES -> "r";
      case LOG_RESPONSIBILITIES -> "log r";
      case WEIGHTED -> "z r";
      case MEAN -> "mean";
      case ENTROPY -> "H";
      case FREE_ENERGY -> "F";
      case MODE -> "mode";
    };
  }

  private static List<String> header(LayerSpec spec) {
    List<String> lines = new ArrayList<>();
    lines.add("derive " + spec.toCommandLine());
    String second = "three units; unit energy e(z) = " + spec.kernel().energy() + "; " + spec.statistic().definition();
    if (!spec.free().isEmpty()) {
      List<String> defaults = new ArrayList<>();
      for (String p : spec.free()) defaults.add(p + " = " + spec.defaultOf(p));
      second += "; free parameters at their defaults: " + String.join(", ", defaults);
    }
    lines.add(second);
    return lines;
  }
}
