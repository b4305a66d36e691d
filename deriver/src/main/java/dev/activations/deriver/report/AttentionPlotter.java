package dev.activations.deriver.report;

import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.derivation.attention.GramForm;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.verify.AttentionReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws an attention class on a small fixed example ({@code derive --attention ... --plot FILE}):
 * three keys in the plane, {@code k1 = (-2, 0)}, {@code k2 = (0, 1.5)}, {@code k3 = (2, -0.5)}, with
 * the scalar values {@code v = (-1, 0.5, 1)}, and the query moving along the line {@code q(t) = (t,
 * 1/2)}, {@code t} from -4 to 4. The left panel shows the attention weights {@code r_1, r_2, r_3},
 * the right one the statistic (for {@code responsibilities}, whose output is the weights, the
 * attention output {@code sum_j r_j v_j}). A weighted (Mahalanobis) kernel gets the weights {@code
 * w = (1, 4)}.
 *
 * <p>The curves are the definition evaluated by the independent high-precision reference ({@link
 * AttentionReference}, which the emitted class is held to), not the emitted code. Deterministic and
 * all or nothing, like {@link Plotter}.
 */
public final class AttentionPlotter {
  static final double[] KEYS = {-2, 0, 0, 1.5, 2, -0.5};
  static final double[] VALUES = {-1, 0.5, 1};
  static final double[] WEIGHTS = {1, 4};
  static final double LINE = 0.5;
  private static final double HALF_RANGE = 4;
  private static final int SAMPLES = 240;

  private AttentionPlotter() {}

  /** Renders {@code d} into {@code file} (format by extension), replacing it all at once. */
  public static Path write(AttentionDerivation d, Path file) {
    return Plotter.write(file, format -> Plotter.render(header(d), panels(d.spec()), format));
  }

  static List<Plotter.Panel> panels(AttentionSpec spec) {
    AttentionStatistic shown = spec.statistic() == AttentionStatistic.RESPONSIBILITIES ? AttentionStatistic.MEAN : spec.statistic();
    AttentionReference weights = reference(spec, AttentionStatistic.RESPONSIBILITIES);
    AttentionReference output = reference(spec, shown);
    boolean weighted = GramForm.weighted(spec.kernel().energy());
    double[] w = weighted ? WEIGHTS : null;
    double[] t = new double[SAMPLES + 1];
    double[][] r = new double[3][t.length];
    double[] out = new double[t.length];
    for (int s = 0; s < t.length; s++) {
      t[s] = -HALF_RANGE + 2 * HALF_RANGE * s / SAMPLES;
      double[] q = {t[s], LINE};
      double[] rs = weights.evaluate(q, KEYS, VALUES, 3, 2, 1, null, w).values();
      for (int j = 0; j < 3; j++) r[j][s] = finite(rs[j]);
      out[s] = finite(output.evaluate(q, KEYS, VALUES, 3, 2, 1, null, w).values()[0]);
    }
    List<Plotter.Curve> weightCurves = new ArrayList<>();
    for (int j = 0; j < 3; j++) {
      weightCurves.add(new Plotter.Curve(String.format(Locale.ROOT, "r_%d (k%d = (%s, %s))", j + 1, j + 1,
          number(KEYS[2 * j]), number(KEYS[2 * j + 1])), t, r[j]));
    }
    String name = switch (shown) {
      case MEAN -> "sum_j r_j v_j";
      case ENTROPY -> "H";
      case FREE_ENERGY -> "F = -log sum_j exp(-e_j)";
      case MODE -> "value of the best key";
      case RESPONSIBILITIES -> throw new AssertionError();
    };
    Plotter.Curve none = new Plotter.Curve("kink", new double[0], new double[0]);
    String along = " along q = (t, 1/2)";
    return List.of(
        new Plotter.Panel("attention weights" + along, "t", "r_j", weightCurves, List.of(), none),
        new Plotter.Panel(shown.cliName() + along, "t", name, List.of(new Plotter.Curve(name, t, out)), List.of(), none));
  }

  private static AttentionReference reference(AttentionSpec spec, AttentionStatistic stat) {
    Map<String, String> params = new LinkedHashMap<>();
    spec.bound().forEach((k, v) -> params.put(k, v.toString()));
    return new AttentionReference(GramForm.of(spec.kernel().energy()), params, spec.temperature().toString(), stat,
        GramForm.weighted(spec.kernel().energy()));
  }

  private static String number(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.NaN;
  }

  private static List<String> header(AttentionDerivation d) {
    AttentionSpec spec = d.spec();
    List<String> lines = new ArrayList<>();
    lines.add("derive " + spec.toCommandLine());
    lines.add("kappa(q, k) = " + spec.kernel().energy() + "; keys (-2, 0), (0, 1.5), (2, -0.5); values -1, 0.5, 1"
        + (d.weighted() ? "; w = (1, 4)" : ""));
    return lines;
  }
}
