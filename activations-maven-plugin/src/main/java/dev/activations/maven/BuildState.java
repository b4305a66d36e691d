package dev.activations.maven;

import dev.activations.deriver.cli.CatalogFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the last run produced, kept in the output directory ({@link #FILE}): for each catalog entry
 * a content hash of everything its output depends on, and the files it wrote (relative to the
 * output directory or, for SIMD companions, to the companion directory). An entry is derived again
 * only when its hash changed or one of its files is gone.
 *
 * <p>An entry's hash covers the plugin's fingerprint (its version and the deriver jar's bytes, the
 * package name and the accuracy setting), the entry's line as written, and, when it names a
 * catalog kernel, the contents of the project's kernel files (a kernel file may define it).
 *
 * @param entries class name to its record, sorted by class name
 */
record BuildState(Map<String, Entry> entries) {
  /** The state file's name in the output directory. */
  static final String FILE = ".activations-state";

  BuildState {
    entries = Map.copyOf(entries);
  }

  /**
   * One entry's record.
   *
   * @param hash what its output depends on
   * @param files what it wrote: {@code main/p/q/X.java}, {@code simd/p/q/XSimd.java}
   */
  record Entry(String hash, List<String> files) {
    Entry {
      files = List.copyOf(files);
    }
  }

  static BuildState empty() {
    return new BuildState(Map.of());
  }

  /** The state saved in {@code dir}, or an empty one when there is none or it is unreadable. */
  static BuildState read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) return empty();
    Map<String, Entry> entries = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] w = line.strip().split(" ");
      if (w.length < 3 || !w[0].equals("entry")) return empty();
      entries.put(w[1], new Entry(w[2], List.of(w).subList(3, w.length)));
    }
    return new BuildState(entries);
  }

  /** The state as text: sorted, so the same state gives the same bytes. */
  String text() {
    StringBuilder sb = new StringBuilder("# activations-maven-plugin: what the last run derived;"
        + " delete this file to derive everything again\n");
    new TreeMap<>(entries).forEach((name, e) -> {
      sb.append("entry ").append(name).append(' ').append(e.hash());
      e.files().forEach(f -> sb.append(' ').append(f));
      sb.append('\n');
    });
    return sb.toString();
  }

  /** The hash of {@code entry} given the run's fingerprint and the kernel files' hash. */
  static String hash(String fingerprint, CatalogFile.Entry entry, String kernelsHash) {
    boolean namesKernel = entry.args().contains("--kernel")
        || entry.args().stream().anyMatch(a -> a.startsWith("--kernel="));
    return sha256(fingerprint + "\n" + entry.text() + "\n" + (namesKernel ? kernelsHash : ""));
  }

  /** The hash of every {@code *.kernel} file in {@code folder} (names and contents, sorted). */
  static String kernelsHash(Path folder) throws IOException {
    if (folder == null || !Files.isDirectory(folder)) return sha256("");
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.sorted().toList()) {
        if (!p.getFileName().toString().endsWith(".kernel")) continue;
        sb.append(p.getFileName()).append('\n')
            .append(sha256(Files.readString(p, StandardCharsets.UTF_8))).append('\n');
      }
    }
    return sha256(sb.toString());
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The entries that must be derived: new ones, changed ones, and those whose files are gone
   * (checked with {@code exists}).
   */
  List<String> stale(Map<String, String> hashes, java.util.function.Predicate<String> exists) {
    List<String> out = new ArrayList<>();
    hashes.forEach((name, hash) -> {
      Entry before = entries.get(name);
      if (before == null || !before.hash().equals(hash) || before.files().isEmpty()
          || !before.files().stream().allMatch(exists)) {
        out.add(name);
      }
    });
    return out;
  }
}
