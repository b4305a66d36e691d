package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's catalog table is produced from the generated {@link Catalog}, never kept by hand:
 * this test fails when they differ, and {@code UPDATE_README=1 mvn -B verify} rewrites the table.
 */
class ReadmeCatalogTableTest {
  private static final String BEGIN = "<!-- catalog-table:begin (generated from templates/catalog.txt; UPDATE_README=1 mvn -B verify) -->";
  private static final String END = "<!-- catalog-table:end -->";

  static String table() {
    StringBuilder b = new StringBuilder();
    b.append("| class | derive options | closed form |\n|---|---|---|\n");
    for (Catalog.Entry e : Catalog.ENTRIES) {
      b.append("| `").append(e.className()).append("` | `").append(escape(e.spec())).append("` | `")
          .append(escape(e.closedForm())).append("` |\n");
    }
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  @Test
  void readmeTableMatchesTheCatalog() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    String expected = BEGIN + "\n" + table() + END;
    if (System.getenv("UPDATE_README") != null) {
      String updated = b < 0 || e < 0 ? text + "\n" + expected + "\n" : text.substring(0, b) + expected + text.substring(e + END.length());
      Files.writeString(readme, updated, StandardCharsets.UTF_8);
      return;
    }
    String actual = b < 0 || e < 0 ? "(no catalog table in README.md)" : text.substring(b, e + END.length());
    assertEquals(expected, actual, "README.md's catalog table is stale: run UPDATE_README=1 mvn -B verify");
  }
}
