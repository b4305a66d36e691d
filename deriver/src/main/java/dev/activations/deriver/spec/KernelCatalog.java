package dev.activations.deriver.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The catalog kernels: every {@code *.kernel} file bundled under {@code kernels/} on the class path
 * (the build copies {@code templates/kernels/} there). Adding a kernel means adding a file.
 */
public final class KernelCatalog {
  private static final String FOLDER = "kernels";
  private final Map<String, Kernel> kernels;

  private KernelCatalog(Map<String, Kernel> kernels) {
    this.kernels = Collections.unmodifiableMap(new TreeMap<>(kernels));
  }

  /** Loads the bundled catalog (cached; the files are read once per JVM). */
  public static KernelCatalog bundled() {
    return Holder.INSTANCE;
  }

  /**
   * The bundled unit energies for layers: every {@code *.unit} file in the same folder, in the
   * kernel file format, over {@code z} and parameters only ({@code mu} is an ordinary parameter).
   */
  public static KernelCatalog units() {
    return Holder.UNITS;
  }

  /**
   * The bundled vector kernels for attention: every {@code *.vector} file in the same folder, in
   * the kernel file format, with an energy of a query {@code q} and a key {@code k} written with
   * {@code Dot[..]}, {@code Norm[..]} and the dimension {@code Dim}.
   */
  public static KernelCatalog vectors() {
    return Holder.VECTORS;
  }

  private static final class Holder {
    static final KernelCatalog INSTANCE = load(".kernel");
    static final KernelCatalog UNITS = load(".unit");
    static final KernelCatalog VECTORS = load(".vector");
  }

  /**
   * The bundled kernels plus every {@code *.kernel} file in {@code folder} (a user's own kernels;
   * none may take a bundled kernel's name). A missing folder adds nothing.
   *
   * @throws SpecException naming the file, if a file is not a valid kernel or reuses a name
   */
  public static KernelCatalog withFolder(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) return bundled();
    Map<String, Kernel> all = new TreeMap<>(bundled().kernels);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.sorted().toList()) {
        if (!p.getFileName().toString().endsWith(".kernel")) continue;
        Kernel k;
        try {
          k = Kernel.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new SpecException(e.getMessage());
        }
        if (all.containsKey(k.name())) {
          throw new SpecException(p + ": kernel '" + k.name() + "' is already defined"
              + (bundled().kernels.containsKey(k.name()) ? " (built in)" : "")
              + "; choose another name");
        }
        all.put(k.name(), k);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KernelCatalog(all);
  }

  public List<Kernel> all() {
    return List.copyOf(kernels.values());
  }

  public List<String> names() {
    return List.copyOf(kernels.keySet());
  }

  public Kernel get(String name) {
    Kernel k = kernels.get(name);
    if (k == null) {
      throw new SpecException("unknown kernel '" + ExactNumber.abbreviate(name) + "'"
          + Suggestions.didYouMean(name, kernels.keySet()) + " (one of " + String.join(", ", kernels.keySet()) + ")");
    }
    return k;
  }

  private static KernelCatalog load(String extension) {
    URL url = KernelCatalog.class.getClassLoader().getResource(FOLDER);
    if (url == null) throw new IllegalStateException("no '" + FOLDER + "' folder on the class path");
    Map<String, Kernel> found = new TreeMap<>();
    try {
      if (url.getProtocol().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
          readFolder(fs.getPath(FOLDER), extension, found);
        }
      } else {
        readFolder(Path.of(url.toURI()), extension, found);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new KernelCatalog(found);
  }

  private static void readFolder(Path folder, String extension, Map<String, Kernel> into) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (!file.endsWith(extension)) continue;
        try (InputStream in = Files.newInputStream(p)) {
          Kernel k = Kernel.parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          into.put(k.name(), k);
        }
      }
    }
  }
}
