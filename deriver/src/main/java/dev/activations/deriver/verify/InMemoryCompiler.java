package dev.activations.deriver.verify;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with the system compiler ({@code --release 17}, no class path,
 * only the {@code java.base} module) and loads the classes in a fresh class loader whose parent is
 * the platform class loader: what compiles and links here depends on {@code java.base} alone.
 */
public final class InMemoryCompiler {
  private static final List<String> OPTIONS = List.of(
      "--release", "17", "--limit-modules", "java.base", "-classpath", "", "-proc:none",
      "-Xlint:all", "-Werror");

  private InMemoryCompiler() {}

  /** Compilation failed: the compiler's diagnostics, one per line. */
  public static final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> diagnostics;

    CompilationException(List<String> diagnostics) {
      super("compilation failed:\n" + String.join("\n", diagnostics));
      this.diagnostics = List.copyOf(diagnostics);
    }

    public List<String> diagnostics() {
      return diagnostics;
    }
  }

  /** Compiles the files and returns the loader holding their classes. */
  public static ClassLoader compile(JavaFile... files) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (JavaFile f : files) {
      sources.add(f.toJavaFileObject());
    }
    return compile(sources);
  }

  /** Compiles one file and loads its top-level class. */
  public static Class<?> compileAndLoad(JavaFile file) {
    String name = file.packageName().isEmpty()
        ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
    try {
      return Class.forName(name, true, compile(file));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("compiled but not found: " + name, e);
    }
  }

  /**
   * Compiles sources given as text.
   *
   * @param sources binary class name (e.g. {@code p.Foo}) to source text
   */
  public static ClassLoader compileSources(Map<String, String> sources) {
    List<JavaFileObject> objects = new ArrayList<>();
    sources.forEach((name, text) -> objects.add(new Source(name, text)));
    return compile(objects);
  }

  /**
   * Compiles the sources; warnings are errors ({@code -Xlint:all -Werror}).
   *
   * @throws CompilationException with the diagnostics if javac reports any error
   */
  public static ClassLoader compile(List<JavaFileObject> sources) {
    Map<String, byte[]> classes = classBytes(sources, OPTIONS);
    return new ClassLoader(ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
      }
    };
  }

  /**
   * Compiles sources given as text with the given javac options and returns the class files,
   * binary class name to bytes, sorted by name. javac's output is deterministic for the same
   * source, options and compiler version.
   *
   * @param sources binary class name (e.g. {@code p.Foo}) to source text
   * @throws CompilationException with the diagnostics if javac reports any error
   */
  public static java.util.SortedMap<String, byte[]> classBytes(Map<String, String> sources,
      List<String> options) {
    List<JavaFileObject> objects = new ArrayList<>();
    new java.util.TreeMap<>(sources).forEach((name, text) -> objects.add(new Source(name, text)));
    return new java.util.TreeMap<>(classBytes(objects, options));
  }

  private static Map<String, byte[]> classBytes(List<JavaFileObject> sources,
      List<String> options) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(
          Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
            + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            classes.put(className, out);
            return out;
          }
        };
      }
    };
    boolean ok = javac.getTask(null, manager, diagnostics, options, null, sources).call();
    if (!ok) {
      List<String> messages = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber()
            + ": ";
        messages.add(where + d.getKind() + ": " + d.getMessage(Locale.ROOT));
      }
      // javac's limit, not a defect of the source: a derivation whose forms are too large for one
      // method is refused like any energy the lowering has no code for (exit 2, named)
      if (messages.stream().anyMatch(m -> m.endsWith("code too large"))) {
        throw new dev.activations.deriver.spec.SpecException("cannot generate code for this energy: its forms exceed the"
            + " 64 KB of bytecode a Java method may hold (code too large)");
      }
      throw new CompilationException(messages);
    }
    Map<String, byte[]> bytes = new HashMap<>();
    classes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
    return bytes;
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
