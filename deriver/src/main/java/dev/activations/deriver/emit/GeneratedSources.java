package dev.activations.deriver.emit;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Java sources of one activation: the class itself, which depends on {@code java.base} only,
 * and, for a scalar statistic, its SIMD companion, a second source file in the same package that
 * must be compiled with {@code --add-modules jdk.incubator.vector} ({@link #SIMD_JAVAC_OPTIONS}).
 * The class finds the compiled companion by name at run time ({@link SimdLoader}); without it the
 * class runs its plain-Java loops.
 */
public record GeneratedSources(JavaFile activation, Optional<Source> simd) {
  /** The javac options the companion needs (the class file must load on JDK 17). */
  public static final List<String> SIMD_JAVAC_OPTIONS =
      List.of("--release", "17", "--add-modules", SimdLoader.MODULE);

  public GeneratedSources {
    Objects.requireNonNull(activation, "activation == null");
    Objects.requireNonNull(simd, "simd == null");
  }

  /** A source file given as text: its package, its simple class name, and its contents. */
  public record Source(String packageName, String simpleName, String text) {
    public Source {
      Objects.requireNonNull(packageName, "packageName == null");
      Objects.requireNonNull(simpleName, "simpleName == null");
      Objects.requireNonNull(text, "text == null");
    }

    /** {@code p.q.Name}. */
    public String binaryName() {
      return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    /** {@code dir/p/q/Name.java}. */
    public Path path(Path dir) {
      return SourceWriter.packageFolder(dir, packageName).resolve(simpleName + ".java");
    }
  }

  /** The activation class as a {@link Source}. */
  public Source activationSource() {
    return new Source(activation.packageName(), activation.typeSpec().name(),
        SourceWriter.render(activation));
  }

  /** Every file, the activation first. */
  public List<Source> all() {
    List<Source> all = new ArrayList<>();
    all.add(activationSource());
    simd.ifPresent(all::add);
    return all;
  }

  /**
   * Writes both files under {@code dir} (package folders), all or nothing; returns their paths,
   * the activation's first.
   */
  public List<Path> write(Path dir) throws IOException {
    return write(dir, dir);
  }

  /**
   * Writes the activation under {@code dir} and the SIMD companion under {@code simdDir} (which
   * may be {@code dir}), all or nothing; returns their paths, the activation's first.
   */
  public List<Path> write(Path dir, Path simdDir) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    Source a = activationSource();
    files.put(a.path(dir), a.text().getBytes(StandardCharsets.UTF_8));
    simd.ifPresent(s -> files.put(s.path(simdDir), s.text().getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.writeAll(files);
    return List.copyOf(files.keySet());
  }
}
