package dev.activations.deriver.emit;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a generated class to {@code DIR/package/folders/Name.java} all or nothing: the text is
 * rendered completely first, written to a temporary file beside the target, then moved into place
 * atomically, so a failure leaves no partial file behind.
 */
public final class SourceWriter {
  private SourceWriter() {}

  /** Renders {@code file} (deterministically: the same input gives the same bytes). */
  public static String render(JavaFile file) {
    return file.toString();
  }

  /** {@code dir/p/q} for package {@code p.q}. */
  public static Path packageFolder(Path dir, String packageName) {
    Path folder = dir;
    if (!packageName.isEmpty()) {
      for (String part : packageName.split("\\.")) folder = folder.resolve(part);
    }
    return folder;
  }

  public static Path write(JavaFile file, Path dir) throws IOException {
    Path target = packageFolder(dir, file.packageName()).resolve(file.typeSpec().name() + ".java");
    AtomicFiles.write(target, render(file).getBytes(StandardCharsets.UTF_8));
    return target;
  }
}
