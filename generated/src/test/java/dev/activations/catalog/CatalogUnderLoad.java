package dev.activations.catalog;

import dev.activations.deriver.cli.GenerateCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The determinism check (CI, or {@code mvn -B verify -Pdeterminism}): derives the whole catalog a
 * second time under deliberately different conditions and compares it byte for byte with the
 * sources the build compiled. The conditions are chosen to move every timing: the build's JVM flags
 * are replaced by the caller's (the tiered JIT, C1 then C2, instead of C1 only, another collector, the default identity
 * hash codes), a different number of worker threads interleaves the entries differently, and busy
 * threads compete for the cores all along. Which forms are emitted must depend on none of it.
 *
 * <p>Usage: {@code CatalogUnderLoad CATALOG_FILE REFERENCE_DIR OUTPUT_DIR PACKAGE BUSY_THREADS}
 */
public final class CatalogUnderLoad {
  private CatalogUnderLoad() {}

  public static void main(String[] args) throws IOException {
    Path catalog = Path.of(args[0]);
    Path reference = Path.of(args[1]);
    Path out = Path.of(args[2]);
    int busy = Integer.parseInt(args[4]);
    for (int i = 0; i < busy; i++) {
      Thread hog = new Thread(CatalogUnderLoad::spin, "busy-" + i);
      hog.setDaemon(true);
      hog.start();
    }
    int code = GenerateCatalog.run(catalog, out, args[3]);
    if (code != 0) {
      System.err.println("determinism: the catalog failed under load (exit " + code + ")");
      System.exit(code);
    }
    List<String> differences = compare(reference, out);
    if (!differences.isEmpty()) {
      System.err.println("determinism: the catalog derived under load differs from the build's:");
      differences.forEach(d -> System.err.println("determinism:   " + d));
      System.exit(1);
    }
    System.out.println("determinism: " + files(reference).size() + " generated sources byte-identical under load ("
        + "busy threads: " + busy + ", JVM flags " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments() + ")");
    System.exit(0);
  }

  /** Files that differ, or exist on one side only, as paths relative to the roots. */
  static List<String> compare(Path a, Path b) throws IOException {
    TreeSet<String> names = new TreeSet<>(files(a));
    names.addAll(files(b));
    List<String> out = new ArrayList<>();
    for (String name : names) {
      Path x = a.resolve(name);
      Path y = b.resolve(name);
      if (!Files.exists(x) || !Files.exists(y)) out.add(name + " (only in " + (Files.exists(x) ? a : b) + ")");
      else if (!Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) out.add(name);
    }
    return out;
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @SuppressWarnings("InfiniteLoopStatement")
  private static void spin() {
    long x = 1;
    while (true) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      if (x == 42) System.out.print(""); // keeps the loop from being optimised away
    }
  }
}
