package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.KernelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog entry of an attention class that misses its contract ({@code Log[1+Norm[q-k]]},
 * docs/ATTENTION.md "Limits") is treated as a scalar entry's miss: the run fails with {@link GenerateCatalog#INACCURATE}
 * when {@code failOnInaccurate} (the jar's build, the Maven plugin's default), and otherwise warns and
 * writes the class, whose Javadoc states what was measured. Before, the entry stopped the run as an
 * internal failure whatever {@code failOnInaccurate} said.
 */
class CatalogMissTest {
  @TempDir Path dir;

  @Test
  void anAttentionMissFailsTheRunOrIsWrittenWithItsMeasurement() throws Exception {
    Path catalog = dir.resolve("catalog.txt");
    Files.writeString(catalog, "Missed --attention --energy 'Log[1+Norm[q-k]]' --stat mean\n");
    Path strict = dir.resolve("strict");
    assertEquals(GenerateCatalog.INACCURATE, GenerateCatalog.exitCode(
        new GenerateCatalog.Job(catalog, KernelCatalog.bundled(), "p", strict, strict, Set.of(), true, false)));
    Path lenient = dir.resolve("lenient");
    assertEquals(0, GenerateCatalog.exitCode(
        new GenerateCatalog.Job(catalog, KernelCatalog.bundled(), "p", lenient, lenient, Set.of(), false, false)));
    String source = Files.readString(lenient.resolve("p/Missed.java"));
    assertTrue(source.contains("this class does NOT meet the contract"), source);
  }
}
