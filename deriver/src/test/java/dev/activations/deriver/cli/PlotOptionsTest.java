package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --plot and --compare through the command line. */
class PlotOptionsTest {
  @TempDir Path dir;

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void plotIsWrittenAndTheReportStillPrinted() throws Exception {
    Path png = dir.resolve("tanh.png");
    CliRun r = CliRun.of("--kernel", "gaussian", "--plot", png.toString(), "--compare", "tanh,relu");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("mean = Tanh[z]"), r.out());
    assertTrue(r.err().contains("wrote " + png.toAbsolutePath()), r.err());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertEquals(List.of(png), files());
  }

  @Test
  void unknownCompareNameIsOneLineExitTwoAndNothingIsWritten() throws Exception {
    Path png = dir.resolve("x.png");
    CliRun r = CliRun.of("--kernel", "gaussian", "--plot", png.toString(), "--compare", "tanh,gel");
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("derive: "), r.err());
    assertTrue(r.err().contains("did you mean 'gelu'"), r.err());
    assertTrue(r.out().isEmpty(), r.out());
    assertEquals(List.of(), files());
  }

  @Test
  void unsupportedExtensionIsRejected() throws Exception {
    CliRun r = CliRun.of("--kernel", "gaussian", "--plot", dir.resolve("x.jpg").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(".png or .svg"), r.err());
    assertEquals(List.of(), files());
  }

  @Test
  void compareWithoutPlotIsABadInput() throws Exception {
    CliRun r = CliRun.of("--kernel", "gaussian", "--compare", "tanh");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--compare needs --plot"), r.err());
  }

  @Test
  void failedDerivationWritesNoPlot() throws Exception {
    CliRun r = CliRun.of("--kernel", "studnet-t", "--plot", dir.resolve("x.svg").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(List.of(), files());
  }

  @Test
  void markdownFormatIsTheWriteUp() {
    CliRun r = CliRun.of("--kernel", "gaussian", "--format", "markdown");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("# The gaussian kernel, signed hypotheses: mean"), r.out());
    assertTrue(r.out().contains("\\tanh (z)"), r.out());
  }
}
