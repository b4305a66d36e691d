package dev.activations.deriver.emit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All-or-nothing file writes: the bytes go to a temporary file beside the target, which is then
 * moved into place atomically, so a failure never leaves a partial file. The temporary file is made
 * world-readable first ({@code createTempFile} makes it owner-only, and the move would keep that).
 * Missing parent folders are created.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    writeAll(Map.of(target, bytes));
  }

  /**
   * Writes several files: every temporary file is written before the first is moved into place,
   * so a failure to write any of them leaves none behind.
   */
  public static void writeAll(Map<Path, byte[]> files) throws IOException {
    List<Path[]> moves = new ArrayList<>();
    try {
      for (Map.Entry<Path, byte[]> f : files.entrySet()) {
        Path folder = f.getKey().toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, "." + f.getKey().getFileName(), ".tmp");
        moves.add(new Path[] {tmp, f.getKey()});
        Files.write(tmp, f.getValue());
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
      for (Path[] m : moves) {
        try {
          Files.move(m[0], m[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(m[0], m[1], StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      for (Path[] m : moves) Files.deleteIfExists(m[0]);
    }
  }
}
