package dev.activations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.activations.deriver.cli.CatalogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {
  private static final String CATALOG = """
      A  --kernel gaussian --stat mean
      B  --energy 'Log[1+(z-mu)^2]'
      C  --kernel mine
      """;

  private static Map<String, String> hashes(String catalog, String fingerprint, String kernels) {
    Map<String, String> out = new LinkedHashMap<>();
    for (CatalogFile.Entry e : CatalogFile.parse("catalog.txt", catalog)) {
      out.put(e.className(), BuildState.hash(fingerprint, e, kernels));
    }
    return out;
  }

  private static BuildState derived(Map<String, String> hashes) {
    Map<String, BuildState.Entry> entries = new LinkedHashMap<>();
    hashes.forEach((n, h) -> entries.put(n, new BuildState.Entry(h, List.of("main/p/" + n + ".java"))));
    return new BuildState(entries);
  }

  @Test
  void unchangedInputsDeriveNothing() {
    Map<String, String> h = hashes(CATALOG, "v1", "k1");
    assertEquals(List.of(), derived(h).stale(hashes(CATALOG, "v1", "k1"), f -> true));
  }

  @Test
  void aChangedEntryIsTheOnlyOneDerivedAgain() {
    BuildState before = derived(hashes(CATALOG, "v1", "k1"));
    String changed = CATALOG.replace("--stat mean", "--stat variance");
    assertEquals(List.of("A"), before.stale(hashes(changed, "v1", "k1"), f -> true));
    // comments and blank lines elsewhere change no entry
    assertEquals(List.of(), before.stale(hashes("\n# comment\n" + CATALOG, "v1", "k1"), f -> true));
  }

  @Test
  void kernelFilesMatterToEntriesThatNameAKernel() {
    BuildState before = derived(hashes(CATALOG, "v1", "k1"));
    assertEquals(List.of("A", "C"), before.stale(hashes(CATALOG, "v1", "k2"), f -> true));
  }

  @Test
  void anotherPluginBuildDerivesEverythingAgain() {
    BuildState before = derived(hashes(CATALOG, "v1", "k1"));
    assertEquals(List.of("A", "B", "C"), before.stale(hashes(CATALOG, "v2", "k1"), f -> true));
  }

  @Test
  void aMissingFileDerivesItsEntryAgain() {
    BuildState before = derived(hashes(CATALOG, "v1", "k1"));
    assertEquals(List.of("B"), before.stale(hashes(CATALOG, "v1", "k1"),
        f -> !f.equals("main/p/B.java")));
  }

  @Test
  void newEntriesAreDerived() {
    BuildState before = derived(hashes(CATALOG, "v1", "k1"));
    assertEquals(List.of("D"),
        before.stale(hashes(CATALOG + "D --kernel cauchy\n", "v1", "k1"), f -> true));
  }

  @Test
  void stateRoundTripsAndIsSorted(@TempDir Path dir) throws IOException {
    BuildState s = derived(hashes(CATALOG, "v1", "k1"));
    Files.writeString(dir.resolve(BuildState.FILE), s.text());
    assertEquals(s, BuildState.read(dir));
    assertEquals(BuildState.empty(), BuildState.read(dir.resolve("none")));
    List<String> lines = s.text().lines().filter(l -> l.startsWith("entry")).toList();
    assertEquals(List.of("A", "B", "C"), lines.stream().map(l -> l.split(" ")[1]).toList());
  }

  @Test
  void kernelHashCoversNamesAndContents(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.kernel"), "name: a\nenergy: Abs[z-mu]\n");
    String one = BuildState.kernelsHash(dir);
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    assertEquals(one, BuildState.kernelsHash(dir));
    Files.writeString(dir.resolve("a.kernel"), "name: a\nenergy: Abs[z-mu]^2\n");
    assertNotEquals(one, BuildState.kernelsHash(dir));
  }
}
