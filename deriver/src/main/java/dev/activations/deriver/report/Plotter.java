package dev.activations.deriver.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Symja;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws an activation and its derivative side by side ({@code derive --plot FILE}), optionally
 * over familiar activations, as PNG or SVG.
 *
 * <p>The curves are what the generated code computes: the {@link Derivation} is lowered to IR
 * exactly as for {@code --out} and evaluated with {@link DoubleEvaluator}; free parameters take
 * their kernel's default values (the header says so). The range is z in [-6, 6], widened to show
 * every hypothesis center and kink with a margin. Vector statistics draw one curve per hypothesis.
 *
 * <p>Rendering is deterministic (no timestamps; the same derivation gives the same bytes on one
 * machine), and {@link #write} is all or nothing: the image is rendered in memory, written to a
 * temporary file beside the target and moved into place.
 */
public final class Plotter {
  /** Size of the whole image in pixels (SVG: in user units). */
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 620;
  private static final int HEADER = 66;
  private static final int SAMPLES = 1200;
  private static final double HALF_RANGE = 6;
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final int LEGEND_LINE = 28;
  /** A twentieth of a pixel of a ~500-pixel plot, as a fraction of the axis ranges. */
  private static final double SIMPLIFY_TOLERANCE = 1e-4;

  /** One colour per derived curve (hypothesis), then the familiar activations in their order. */
  private static final Color[] DERIVED = {
    new Color(0x1F, 0x4E, 0xB4), new Color(0xD6, 0x27, 0x28), new Color(0x2C, 0xA0, 0x2C),
    new Color(0x94, 0x67, 0xBD), new Color(0xFF, 0x7F, 0x0E), new Color(0x39, 0x3B, 0x79),
    new Color(0x63, 0x79, 0x39), new Color(0x84, 0x3C, 0x39), new Color(0x6B, 0x6E, 0xCF),
    new Color(0xB5, 0xCF, 0x6B), new Color(0xD6, 0x61, 0x6B), new Color(0xCE, 0x6D, 0xBD),
    new Color(0x31, 0x82, 0xBD)
  };
  /** Thin lines in colours the derived curves never use. */
  private static final Map<FamiliarActivation, Color> FAMILIAR_COLOURS = Map.of(
      FamiliarActivation.TANH, new Color(0x80, 0x80, 0x80),
      FamiliarActivation.RELU, new Color(0x00, 0x00, 0x00),
      FamiliarActivation.SILU, new Color(0xBC, 0xBD, 0x22),
      FamiliarActivation.GELU, new Color(0xE3, 0x77, 0xC2),
      FamiliarActivation.SIGMOID, new Color(0x8C, 0x56, 0x4B),
      FamiliarActivation.SOFTPLUS, new Color(0x17, 0xBE, 0xCF));

  /** The image formats, chosen by the file name's extension. */
  public enum Format {
    PNG, SVG;

    /**
     * The format for {@code file}'s extension.
     *
     * @throws SpecException unless the name ends in {@code .png} or {@code .svg}
     */
    public static Format of(Path file) {
      Path name = file.getFileName();
      String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".png") && n.length() > 4) return PNG;
      if (n.endsWith(".svg") && n.length() > 4) return SVG;
      throw new SpecException("--plot: the file name must end in .png or .svg, not '"
          + ExactNumber.abbreviate(String.valueOf(name)) + "'");
    }
  }

  /** One sampled curve. */
  record Curve(String label, double[] x, double[] y) {}

  /** What one panel shows: the derived curves, the overlays and the kinks on the first curve. */
  record Panel(String title, String xAxis, String yAxis, List<Curve> derived, List<Curve> familiar, Curve kinks) {
    Panel(String title, String yAxis, List<Curve> derived, List<Curve> familiar, Curve kinks) {
      this(title, "z", yAxis, derived, familiar, kinks);
    }
  }

  private final Symja symja;

  public Plotter(Symja symja) {
    this.symja = symja;
  }

  /**
   * Renders {@code d} into {@code file} (format by extension), replacing it all at once.
   *
   * @throws SpecException if the extension is neither .png nor .svg, or the folder does not exist
   * @throws UncheckedIOException if writing fails; no file is then left behind
   */
  public Path write(Derivation d, List<FamiliarActivation> compare, Path file) {
    return write(file, format -> render(d, compare, format));
  }

  /** Renders with {@code render} into {@code file} (format by extension), all at once. */
  static Path write(Path file, java.util.function.Function<Format, byte[]> render) {
    Format format = Format.of(file);
    Path target = file.toAbsolutePath().normalize();
    Path folder = target.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new SpecException("--plot: the folder of '" + ExactNumber.abbreviate(file.toString()) + "' does not exist");
    }
    byte[] bytes = render.apply(format);
    try {
      dev.activations.deriver.emit.AtomicFiles.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + file + ": " + e.getMessage(), e);
    }
    return target;
  }

  /** The image as bytes: a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels, or an SVG document. */
  public byte[] render(Derivation d, List<FamiliarActivation> compare, Format format) {
    return render(header(d), panels(d, compare), format);
  }

  /** Two panels side by side under a two-line header. */
  static byte[] render(List<String> header, List<Panel> panels, Format format) {
    System.setProperty("java.awt.headless", "true");
    XYChart left = chart(panels.get(0), WIDTH / 2, HEIGHT - HEADER);
    XYChart right = chart(panels.get(1), WIDTH - WIDTH / 2, HEIGHT - HEADER);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (format == Format.PNG) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paint(g, header, left, right);
        g.dispose();
        ImageIO.write(image, "png", out);
      } else {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g, header, left, right);
        Document doc = Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT));
        doc.writeTo(out);
        g.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------ sampling

  /** The two panels: the activation, then its derivative. */
  List<Panel> panels(Derivation d, List<FamiliarActivation> compare) {
    ActivationSpec spec = d.spec();
    LoweredActivation lowered = new ActivationLowering(symja).lower(d, ActivationLowering.Scorer.STRUCTURED_ONLY, new ArrayList<>());
    Map<String, Double> variables = new LinkedHashMap<>();
    for (String p : spec.free()) variables.put(p, defaultValue(spec, p));
    double[] range = range(d);
    List<Double> kinks = numericKinks(d);
    double[] x = samples(range[0], range[1], kinks);

    String name = statisticName(spec.statistic());
    List<Curve> values = new ArrayList<>();
    List<Curve> derivatives = new ArrayList<>();
    for (int i = 0; i < lowered.values().size(); i++) {
      String label = outputLabel(d, i);
      values.add(new Curve(label, x, evaluate(lowered.values().get(i).expr(), x, variables)));
      derivatives.add(new Curve(primed(label), x, evaluate(lowered.derivatives().get(i).expr(), x, variables)));
    }
    List<Curve> familiarValues = new ArrayList<>();
    List<Curve> familiarDerivatives = new ArrayList<>();
    for (FamiliarActivation a : compare) {
      double[] v = new double[x.length];
      double[] dv = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        v[k] = a.value(x[k]);
        dv[k] = a.derivative(x[k]);
      }
      familiarValues.add(new Curve(a.cliName(), x, v));
      familiarDerivatives.add(new Curve(a.cliName() + "'", x, dv));
    }
    Curve valueKinks = kinkMarkers(kinks, lowered.values().get(0).expr(), variables);
    Curve derivativeKinks = new Curve("kink", new double[0], new double[0]);
    return List.of(
        new Panel("activation: " + name, name, values, familiarValues, valueKinks),
        new Panel("derivative: d " + name + " / dz", "d " + name + " / dz", derivatives, familiarDerivatives, derivativeKinks));
  }

  /** [lo, hi]: [-6, 6] widened to show every center and numeric kink with a margin. */
  static double[] range(Derivation d) {
    double lo = -HALF_RANGE;
    double hi = HALF_RANGE;
    List<Double> points = new ArrayList<>(numericKinks(d));
    for (Hypothesis h : d.spec().hypotheses().hypotheses()) points.add(h.center().toDouble());
    if (!points.isEmpty()) {
      double min = points.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = points.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      double margin = Math.max(2, 0.5 * (max - min));
      lo = Math.min(lo, Math.floor(min - margin));
      hi = Math.max(hi, Math.ceil(max + margin));
    }
    return new double[] {lo, hi};
  }

  /** Kinks that are plain numbers; symbolic ones (with a free parameter) are not marked. */
  private static List<Double> numericKinks(Derivation d) {
    List<Double> out = new ArrayList<>();
    for (String k : d.kinks()) {
      try {
        out.add(ExactNumber.parse(k, "kink").toDouble());
      } catch (SpecException notANumber) {
        // e.g. "delta": not drawn
      }
    }
    return out;
  }

  /** Evenly spaced samples, plus points just either side of each kink so jumps draw upright. */
  private static double[] samples(double lo, double hi, List<Double> kinks) {
    TreeSet<Double> xs = new TreeSet<>();
    for (int i = 0; i <= SAMPLES; i++) xs.add(lo + (hi - lo) * i / SAMPLES);
    double eps = (hi - lo) * 1e-6;
    for (double k : kinks) {
      if (k > lo && k < hi) {
        xs.add(k - eps);
        xs.add(k);
        xs.add(k + eps);
      }
    }
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] evaluate(Expr e, double[] x, Map<String, Double> parameters) {
    Map<String, Double> variables = new LinkedHashMap<>(parameters);
    double[] y = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      variables.put("z", x[k]);
      double v = DoubleEvaluator.evaluate(e, variables);
      y[k] = Double.isFinite(v) ? v : Double.NaN;
    }
    return y;
  }

  private static Curve kinkMarkers(List<Double> kinks, Expr value, Map<String, Double> parameters) {
    double[] kx = kinks.stream().mapToDouble(Double::doubleValue).toArray();
    double[] ky = evaluate(value, kx, parameters);
    return new Curve("kink", kx, ky);
  }

  private static double defaultValue(ActivationSpec spec, String parameter) {
    return spec.kernel().parameter(parameter)
        .orElseThrow(() -> new IllegalStateException("free parameter " + parameter + " is not a kernel parameter"))
        .defaultValue().toDouble();
  }

  private static String statisticName(Statistic s) {
    return switch (s) {
      case MEAN -> "mean(z)";
      case RESPONSIBILITIES -> "r_h(z)";
      case LOG_RESPONSIBILITIES -> "log r_h(z)";
      case MODE -> "mode(z)";
      case VARIANCE -> "variance(z)";
      case ENTROPY -> "entropy(z)";
      case FREE_ENERGY -> "free energy(z)";
    };
  }

  /** The legend label of output {@code i}: the statistic, or the hypothesis it belongs to. */
  private static String outputLabel(Derivation d, int i) {
    Statistic s = d.spec().statistic();
    if (!s.isVector()) return statisticName(s);
    String r = (s == Statistic.LOG_RESPONSIBILITIES ? "log r" : "r") + (i + 1);
    List<Hypothesis> hs = d.spec().hypotheses().hypotheses();
    if (i >= hs.size()) return r + " (background, E0=" + d.spec().hypotheses().rejectEnergy().orElseThrow() + ")";
    Hypothesis h = hs.get(i);
    return r + " (mu=" + h.center() + ", g=" + h.value() + ")";
  }

  /** {@code mean(z) -> mean'(z)}, {@code r1 (...) -> r1' (...)}. */
  private static String primed(String label) {
    int at = label.indexOf('(');
    if (at <= 0) return label + "'";
    String head = label.substring(0, at).stripTrailing();
    return head + "'" + label.substring(head.length());
  }

  // ------------------------------------------------------------------------------ drawing

  /** Line 1: the command that regenerates the plot; line 2: the closed form and defaults used. */
  private List<String> header(Derivation d) {
    ActivationSpec spec = d.spec();
    List<String> lines = new ArrayList<>();
    lines.add("derive " + spec.toCommandLine());
    List<String> second = new ArrayList<>();
    if (d.outputs() == 1) {
      String closed = Symja.inputForm(symja.eval(d.closed().get(0)));
      String line = spec.statistic().cliName() + " = " + closed;
      if (line.length() <= 110) second.add(line);
    }
    if (!spec.free().isEmpty()) {
      List<String> defaults = new ArrayList<>();
      for (String p : spec.free()) {
        defaults.add(p + " = " + spec.kernel().parameter(p).map(x -> x.defaultValue().toString()).orElse("?"));
      }
      second.add("drawn with the free parameters at their defaults: " + String.join(", ", defaults));
    }
    lines.add(String.join("      ", second));
    return lines;
  }

  private static XYChart chart(Panel panel, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height)
        .title(panel.title()).xAxisTitle(panel.xAxis()).yAxisTitle(panel.yAxis()).build();
    XYStyler s = chart.getStyler();
    s.setAntiAlias(true);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
    s.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setLegendFont(LEGEND_FONT);
    if (legendWidth(panel) <= width - 40) {
      s.setLegendPosition(Styler.LegendPosition.OutsideS);
      s.setLegendLayout(Styler.LegendLayout.Horizontal);
    } else {
      s.setLegendPosition(Styler.LegendPosition.OutsideE);
      s.setLegendLayout(Styler.LegendLayout.Vertical);
    }
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendSeriesLineLength(LEGEND_LINE);
    s.setChartPadding(12);
    s.setMarkerSize(9);
    s.setyAxisTickLabelsFormattingFunction(Plotter::tickLabel);
    s.setAnnotationLineColor(new Color(0x88, 0x88, 0x88));
    s.setAnnotationLineStroke(new BasicStroke(1f));
    s.setXAxisMin(panel.derived().get(0).x()[0]);
    s.setXAxisMax(panel.derived().get(0).x()[panel.derived().get(0).x().length - 1]);
    double yScale = yScale(panel);
    double[] flat = flatValue(panel);
    if (flat.length == 1) {
      // XChart cannot scale a constant: give it a range of its own around the value.
      s.setYAxisMin(flat[0] - 1);
      s.setYAxisMax(flat[0] + 1);
    }
    chart.addAnnotation(new AnnotationLine(0, true, false));
    chart.addAnnotation(new AnnotationLine(0, false, false));
    for (int i = 0; i < panel.familiar().size(); i++) {
      Curve c = simplify(panel.familiar().get(i), yScale);
      XYSeries series = chart.addSeries(c.label(), c.x(), c.y());
      FamiliarActivation a = FamiliarActivation.parse(c.label().replace("'", ""));
      series.setLineColor(FAMILIAR_COLOURS.get(a));
      series.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      series.setMarker(SeriesMarkers.NONE);
    }
    for (int i = 0; i < panel.derived().size(); i++) {
      Curve c = simplify(panel.derived().get(i), yScale);
      XYSeries series = chart.addSeries(c.label(), c.x(), c.y());
      series.setLineColor(DERIVED[i % DERIVED.length]);
      series.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      series.setMarker(SeriesMarkers.NONE);
    }
    if (panel.kinks().x().length > 0) {
      XYSeries k = chart.addSeries(panel.kinks().label(), panel.kinks().x(), panel.kinks().y());
      k.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      k.setMarker(SeriesMarkers.CIRCLE);
      k.setMarkerColor(Color.BLACK);
    }
    return chart;
  }

  /** {@code 0.05} rather than XChart's {@code .05}; no binary noise ({@code 0.30000000000000004}). */
  static String tickLabel(double v) {
    if (v == 0) return "0";
    java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 ? b.toPlainString() : b.toString();
  }

  /** Width of a horizontal legend: line sample, gaps and measured label per entry. */
  private static int legendWidth(Panel panel) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    FontMetrics m = g.getFontMetrics(LEGEND_FONT);
    int w = 0;
    List<Curve> all = new ArrayList<>(panel.familiar());
    all.addAll(panel.derived());
    if (panel.kinks().x().length > 0) all.add(panel.kinks());
    for (Curve c : all) w += LEGEND_LINE + 24 + m.stringWidth(c.label());
    g.dispose();
    return w;
  }

  /** The spread of the panel's finite values (1 when flat), for the simplification tolerance. */
  private static double yScale(Panel panel) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Curve> all = new ArrayList<>(panel.familiar());
    all.addAll(panel.derived());
    for (Curve c : all) {
      for (double v : c.y()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return max > min ? max - min : 1.0;
  }

  /** {@code {v}} when every finite value in the panel is {@code v}, else empty. */
  private static double[] flatValue(Panel panel) {
    double v = Double.NaN;
    List<Curve> all = new ArrayList<>(panel.familiar());
    all.addAll(panel.derived());
    for (Curve c : all) {
      for (double y : c.y()) {
        if (!Double.isFinite(y)) continue;
        if (Double.isNaN(v)) v = y;
        else if (y != v) return new double[0];
      }
    }
    return Double.isNaN(v) ? new double[0] : new double[] {v};
  }

  /**
   * Drops samples that lie within a twentieth of a pixel of the straight line through their
   * neighbours (Ramer-Douglas-Peucker, each finite run on its own; NaN gaps stay), so straight
   * stretches cost two points and an SVG stays small.
   */
  static Curve simplify(Curve c, double yScale) {
    double[] x = c.x();
    double[] y = c.y();
    int n = x.length;
    if (n < 3) return c;
    double xScale = x[n - 1] - x[0] > 0 ? x[n - 1] - x[0] : 1.0;
    boolean[] keep = new boolean[n];
    // A few evenly spread samples always stay: XChart places its ticks poorly for a 2-point line.
    for (int i = 0; i < n; i += Math.max(1, n / 24)) keep[i] = true;
    int start = 0;
    while (start < n) {
      if (!Double.isFinite(y[start])) {
        keep[start] = true;
        start++;
        continue;
      }
      int end = start;
      while (end + 1 < n && Double.isFinite(y[end + 1])) end++;
      keep[start] = true;
      keep[end] = true;
      java.util.ArrayDeque<int[]> todo = new java.util.ArrayDeque<>();
      todo.push(new int[] {start, end});
      while (!todo.isEmpty()) {
        int[] seg = todo.pop();
        int a = seg[0];
        int b = seg[1];
        double ax = x[a] / xScale;
        double ay = y[a] / yScale;
        double dx = x[b] / xScale - ax;
        double dy = y[b] / yScale - ay;
        double len = Math.hypot(dx, dy);
        double worst = 0;
        int at = -1;
        for (int i = a + 1; i < b; i++) {
          double px = x[i] / xScale - ax;
          double py = y[i] / yScale - ay;
          double dist = len == 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / len;
          if (dist > worst) {
            worst = dist;
            at = i;
          }
        }
        if (at >= 0 && worst > SIMPLIFY_TOLERANCE) {
          keep[at] = true;
          todo.push(new int[] {a, at});
          todo.push(new int[] {at, b});
        }
      }
      start = end + 1;
    }
    int m = 0;
    for (boolean k : keep) if (k) m++;
    double[] sx = new double[m];
    double[] sy = new double[m];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        sx[j] = x[i];
        sy[j] = y[i];
        j++;
      }
    }
    return new Curve(c.label(), sx, sy);
  }

  private static void paint(Graphics2D g, List<String> header, XYChart left, XYChart right) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // Without this, Java2D snaps line ends to pixel centres and smooth curves look jagged.
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 16));
    drawCentered(g, header.get(0), 28);
    g.setColor(new Color(0x44, 0x44, 0x44));
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
    drawCentered(g, header.get(1), 54);
    Graphics2D gl = (Graphics2D) g.create();
    gl.translate(0, HEADER);
    left.paint(gl, left.getWidth(), left.getHeight());
    gl.dispose();
    Graphics2D gr = (Graphics2D) g.create();
    gr.translate(WIDTH / 2, HEADER);
    right.paint(gr, right.getWidth(), right.getHeight());
    gr.dispose();
  }

  private static void drawCentered(Graphics2D g, String text, int baseline) {
    FontMetrics m = g.getFontMetrics();
    String t = text;
    int keep = text.length();
    while (m.stringWidth(t) > WIDTH - 24 && keep > 1) t = text.substring(0, --keep) + "...";
    g.drawString(t, Math.max(12, (WIDTH - m.stringWidth(t)) / 2), baseline);
  }
}
