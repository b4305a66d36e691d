package dev.activations.deriver.emit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * All-or-nothing file writes: the bytes go to a temporary file beside the target, which is then
 * moved into place atomically, so a failure never leaves a partial file. The temporary file is made
 * world-readable first ({@code createTempFile} makes it owner-only, and the move would keep that).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
