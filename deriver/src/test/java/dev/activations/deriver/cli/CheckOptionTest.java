package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derive --check --out: the class is compiled and checked in memory, then written. */
class CheckOptionTest {
  @TempDir Path dir;

  @Test
  void checkedClassIsWrittenToItsPackageFolder() throws Exception {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"--energy", "Log[1+(z-mu)^2]", "--hypotheses", "1:1,-1:-1", "--check",
        "--out", dir.toString(), "--package", "a.b", "--name", "Cauchy", "--format", "json"},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(0, code, err.toString());
    assertTrue(err.toString().contains("check passed"), err.toString());
    Path file = dir.resolve("a/b/Cauchy.java");
    assertTrue(Files.readString(file).contains("public final class Cauchy"));
    assertTrue(Files.readString(dir.resolve("a/b/CauchySimd.java")).contains("final class CauchySimd"));
    try (var files = Files.list(dir.resolve("a/b"))) {
      assertEquals(java.util.List.of("Cauchy.java", "CauchySimd.java"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "the class and its SIMD companion, no temporary files left behind");
    }
  }
}
