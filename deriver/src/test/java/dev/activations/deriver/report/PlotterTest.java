package dev.activations.deriver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotterTest {
  private static Symja symja;
  private static Derivation tanh;
  private static Derivation responsibilities;

  @TempDir Path dir;

  @BeforeAll
  static void derive() {
    symja = new Symja();
    tanh = Derivations.derive(symja, "gaussian", "signed", "mean");
    responsibilities = Derivations.derive(symja, "gaussian", "prototypes:3", "responsibilities");
  }

  private static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, "ImageIO cannot read " + file);
    return image;
  }

  /** Pixels within a small distance of {@code rgb} in the columns [x0, x1). */
  private static int pixelsNear(BufferedImage image, int rgb, int x0, int x1) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = x0; x < x1; x++) {
        int p = image.getRGB(x, y);
        int d = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255))
            + Math.abs((p & 255) - (rgb & 255));
        if (d <= 30) count++;
      }
    }
    return count;
  }

  private static final int BLUE = 0x1F4EB4;
  private static final int RED = 0xD62728;
  private static final int GREEN = 0x2CA02C;

  @Test
  void tanhIsAValidPngOfTheExpectedSizeWithTheCurveDrawn() throws IOException {
    Path file = dir.resolve("tanh.png");
    Path written = new Plotter(symja).write(tanh, List.of(), file);
    assertEquals(file.toAbsolutePath().normalize(), written);
    BufferedImage image = read(file);
    assertEquals(Plotter.WIDTH, image.getWidth());
    assertEquals(Plotter.HEIGHT, image.getHeight());
    int half = Plotter.WIDTH / 2;
    // the background is white; the activation (left) and its derivative (right) are drawn in blue
    assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF);
    assertTrue(pixelsNear(image, BLUE, 0, half) > 500, "no activation curve on the left panel");
    assertTrue(pixelsNear(image, BLUE, half, Plotter.WIDTH) > 500, "no derivative curve on the right panel");
    assertTrue(pixelsNear(image, 0xFFFFFF, 0, Plotter.WIDTH) > image.getWidth() * image.getHeight() / 2,
        "mostly background expected");
  }

  @Test
  void vectorStatisticDrawsOneCurvePerHypothesis() throws IOException {
    Path file = dir.resolve("responsibilities.png");
    new Plotter(symja).write(responsibilities, List.of(), file);
    BufferedImage image = read(file);
    assertEquals(Plotter.WIDTH, image.getWidth());
    assertEquals(Plotter.HEIGHT, image.getHeight());
    for (int colour : new int[] {BLUE, RED, GREEN}) {
      assertTrue(pixelsNear(image, colour, 0, Plotter.WIDTH / 2) > 300,
          () -> "no curve in colour " + Integer.toHexString(colour));
    }
    List<Plotter.Panel> panels = new Plotter(symja).panels(responsibilities, List.of());
    assertEquals(3, panels.get(0).derived().size());
    assertEquals(3, panels.get(1).derived().size());
  }

  @Test
  void comparedActivationsAreOverlaidWithTheirDerivatives() {
    List<Plotter.Panel> panels = new Plotter(symja).panels(tanh,
        List.of(FamiliarActivation.TANH, FamiliarActivation.RELU));
    assertEquals(List.of("tanh", "relu"), panels.get(0).familiar().stream().map(Plotter.Curve::label).toList());
    assertEquals(List.of("tanh'", "relu'"), panels.get(1).familiar().stream().map(Plotter.Curve::label).toList());
    // the derived signed Gaussian mean is tanh: the two curves agree
    double[] derived = panels.get(0).derived().get(0).y();
    double[] familiar = panels.get(0).familiar().get(0).y();
    for (int i = 0; i < derived.length; i++) assertEquals(familiar[i], derived[i], 1e-12);
  }

  @Test
  void renderingIsDeterministic() {
    Plotter p = new Plotter(symja);
    List<FamiliarActivation> cmp = List.of(FamiliarActivation.SILU);
    assertArrayEquals(p.render(tanh, cmp, Plotter.Format.PNG), p.render(tanh, cmp, Plotter.Format.PNG));
    assertArrayEquals(p.render(tanh, cmp, Plotter.Format.SVG), p.render(tanh, cmp, Plotter.Format.SVG));
  }

  @Test
  void svgIsAWellFormedSvgDocument() throws Exception {
    byte[] svg = new Plotter(symja).render(responsibilities, List.of(FamiliarActivation.SIGMOID), Plotter.Format.SVG);
    String text = new String(svg, StandardCharsets.UTF_8);
    assertTrue(text.contains("<svg"), "not an SVG");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertEquals("svg", doc.getDocumentElement().getNodeName());
    assertTrue(svg.length < 1_000_000, "SVG too large: " + svg.length);
  }

  @Test
  void rangeWidensToShowFarCentersAndKinks() {
    double[] standard = Plotter.range(tanh);
    assertArrayEquals(new double[] {-6, 6}, standard);
    Derivation far = Derivations.derive(symja, "gaussian", "8:1,-8:-1", "mean");
    double[] wide = Plotter.range(far);
    assertTrue(wide[0] < -8 && wide[1] > 8, () -> wide[0] + ".." + wide[1]);
  }

  @Test
  void simplificationKeepsGapsAndEnds() {
    double[] x = {0, 1, 2, 3, 4, 5, 6};
    double[] y = {0, 1, 2, Double.NaN, 4, 5, 6};
    Plotter.Curve c = Plotter.simplify(new Plotter.Curve("c", x, y), 1);
    assertEquals(0, c.x()[0]);
    assertEquals(6, c.x()[c.x().length - 1]);
    assertTrue(Double.isNaN(c.y()[java.util.Arrays.binarySearch(c.x(), 3.0)]), "the gap must survive");
  }

  @Test
  void badExtensionsAreRejected() {
    assertThrows(SpecException.class, () -> Plotter.Format.of(Path.of("plot.jpg")));
    assertThrows(SpecException.class, () -> Plotter.Format.of(Path.of(".png")));
    assertEquals(Plotter.Format.SVG, Plotter.Format.of(Path.of("a/b/Plot.SVG")));
  }

  @Test
  void missingFolderIsABadInputAndWritesNothing() {
    Path file = dir.resolve("no/such/folder/plot.png");
    assertThrows(SpecException.class, () -> new Plotter(symja).write(tanh, List.of(), file));
    assertFalse(Files.exists(dir.resolve("no")));
  }

  @Test
  void failedMoveLeavesNoFileBehind() throws IOException {
    // the target is a non-empty directory: the final move fails after the temporary file exists
    Path target = dir.resolve("taken.png");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep"), "x");
    assertThrows(UncheckedIOException.class, () -> new Plotter(symja).write(tanh, List.of(), target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "a temporary file was left behind");
    }
  }

  @Test
  void familiarActivationsSuggestTheNearestName() {
    SpecException e = assertThrows(SpecException.class, () -> FamiliarActivation.parse("sigmod"));
    assertTrue(e.getMessage().contains("did you mean 'sigmoid'"), e.getMessage());
    assertEquals(FamiliarActivation.GELU, FamiliarActivation.parse("GELU"));
    assertEquals(0.5, FamiliarActivation.SIGMOID.value(0), 0);
    assertEquals(0.8413447460685429 * 1.0, FamiliarActivation.GELU.value(1.0), 1e-6);
    for (FamiliarActivation a : FamiliarActivation.values()) {
      for (double x : new double[] {-3, -0.5, 0.7, 2.5}) {
        double h = 1e-6;
        double numeric = (a.value(x + h) - a.value(x - h)) / (2 * h);
        assertEquals(numeric, a.derivative(x), 1e-5, () -> a + "' at " + x);
      }
    }
  }
}
