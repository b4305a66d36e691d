package dev.activations.deriver.cli;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.emit.SourceWriter;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.lang.model.element.Modifier;
import picocli.CommandLine;

/**
 * Build-time generator: runs the {@code derive} pipeline over every line of a catalog file and
 * writes the classes plus an index class {@code Catalog} listing them. Like ANTLR's Maven plugin,
 * it takes the same arguments the command line takes, line by line, and fails the build on any
 * error.
 *
 * <p>Usage: {@code GenerateCatalog CATALOG_FILE OUTPUT_DIR PACKAGE}
 */
public final class GenerateCatalog {
  private GenerateCatalog() {}

  /** The numerical contract every generated class is held to (relative error at the sample points). */
  static final double VALUE_TOLERANCE = 1e-12;
  static final double DERIVATIVE_TOLERANCE = 1e-10;

  /** One catalog line. */
  record Entry(String className, List<String> args) {}

  public static void main(String[] argv) {
    int code;
    try {
      code = run(Path.of(argv[0]), Path.of(argv[1]), argv[2]);
    } catch (SpecException e) {
      System.err.println("catalog: " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("catalog: internal error: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  static int run(Path catalog, Path outDir, String packageName) throws IOException {
    long start = System.nanoTime();
    List<Entry> entries = parse(Files.readString(catalog, StandardCharsets.UTF_8));
    List<Future<Derived>> pending = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(threads(), daemon());
    try {
      for (Entry e : entries) pending.add(workers.submit(() -> derive(e, outDir, packageName)));
      List<String[]> index = new ArrayList<>();
      List<String[]> layers = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Derived d = await(pending.get(i));
        System.out.println(d.report());
        (LayerGeneration.isLayer(entries.get(i).args()) ? layers : index).add(d.indexRow());
        d.failure().ifPresent(failures::add);
      }
      if (!failures.isEmpty()) {
        System.err.println("catalog: these activations miss the numerical contract (value 1e-12, derivative 1e-10):");
        failures.forEach(f -> System.err.println("catalog:   " + f));
        return 1;
      }
      SourceWriter.write(indexClass(packageName, index), outDir);
      if (!layers.isEmpty()) {
        SourceWriter.write(indexClass(packageName, "LayerCatalog",
            "Every layer activation in this jar, in catalog order (generated from templates/catalog.txt).\n", layers), outDir);
      }
    } finally {
      workers.shutdownNow();
    }
    System.out.printf("catalog: %d activations in %.1f s%n", entries.size(), (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** One entry's outcome: its progress line, its row in {@code Catalog}, and a contract miss if any. */
  private record Derived(String report, String[] indexRow, Optional<String> failure) {}

  /**
   * Derives, verifies and writes one entry. Each entry gets a Symja session of its own, so what it
   * produces cannot depend on which entries ran before it or on the thread it ran on.
   */
  private static Derived derive(Entry e, Path outDir, String packageName) throws IOException {
    if (LayerGeneration.isLayer(e.args())) return deriveLayer(e, outDir, packageName);
    long t0 = System.nanoTime();
    Generation generation = new Generation(new Symja());
    ActivationSpec spec = generation.resolve(e.args());
    Derivation derivation = generation.derive(spec);
    if (!derivation.emIdentity()) throw new IllegalStateException(e.className() + ": implicit-EM identity not verified: " + derivation.notes());
    Generation.Emitted emitted = generation.emitVerified(derivation, packageName, e.className());
    SourceWriter.write(emitted.file(), outDir);
    List<String> closed = new ArrayList<>();
    for (var c : derivation.closed()) closed.add(Symja.inputForm(generation.symja().eval(c)));
    String closedForm = closed.size() == 1 ? closed.get(0) : "{" + String.join(", ", closed) + "}";
    double worstValue = 0;
    double worstDerivative = 0;
    StringBuilder forms = new StringBuilder();
    for (ActivationLowering.Choice c : emitted.choices()) {
      if (c.role() == ActivationLowering.Role.VALUE) worstValue = Math.max(worstValue, c.worstError());
      else worstDerivative = Math.max(worstDerivative, c.worstError());
      if (c.output() == 0) forms.append(c.role() == ActivationLowering.Role.VALUE ? "value:" : " derivative:").append(c.form());
    }
    String report = String.format("catalog: %-36s %5.2f s  worst error value %.1e derivative %.1e  (%s)", e.className(),
        (System.nanoTime() - t0) / 1e9, worstValue, worstDerivative, forms);
    Optional<String> failure = worstValue <= VALUE_TOLERANCE && worstDerivative <= DERIVATIVE_TOLERANCE
        ? Optional.empty()
        : Optional.of(e.className() + " (worst error value " + worstValue + ", derivative " + worstDerivative + ")");
    return new Derived(report, new String[] {e.className(), spec.toCommandLine(), closedForm}, failure);
  }

  /** A layer entry: derived, emitted, measured against the layer reference, written. */
  private static Derived deriveLayer(Entry e, Path outDir, String packageName) throws IOException {
    long t0 = System.nanoTime();
    LayerGeneration generation = new LayerGeneration(new Symja());
    var spec = generation.resolve(e.args());
    var derivation = generation.derive(spec);
    LayerGeneration.Emitted emitted = generation.emitVerified(derivation, packageName, e.className());
    SourceWriter.write(emitted.file(), outDir);
    String report = String.format("catalog: %-36s %5.2f s  layer: %s", e.className(),
        (System.nanoTime() - t0) / 1e9, emitted.check().describe());
    return new Derived(report, new String[] {e.className(), spec.toCommandLine(),
        dev.activations.deriver.report.LayerReports.forward(spec.statistic())}, Optional.empty());
  }

  /**
   * Entries are independent, so they are derived in parallel, one per processor (override with
   * {@code -Dcatalog.threads=N}); results are collected in catalog order, so the output is the same
   * whatever the thread count.
   */
  private static int threads() {
    int n = Integer.getInteger("catalog.threads", Runtime.getRuntime().availableProcessors());
    return Math.max(1, n);
  }

  private static ThreadFactory daemon() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "catalog-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The entry's result; its failure rethrown as it was (SpecException keeps its exit code). */
  private static Derived await(Future<Derived> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }

  static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      List<String> words = split(line);
      out.add(new Entry(words.get(0), words.subList(1, words.size())));
    }
    return out;
  }

  /** Whitespace-separated words; single quotes group (no escapes needed for energies). */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) words.add(cur.toString());
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (quoted) throw new SpecException("unbalanced quote in catalog line: " + line);
    if (any) words.add(cur.toString());
    return words;
  }

  /** {@code Catalog}: the generated classes with their specs and closed forms, for discovery. */
  static JavaFile indexClass(String packageName, List<String[]> index) {
    return indexClass(packageName, "Catalog",
        "Every activation in this jar, in catalog order (generated from templates/catalog.txt).\n", index);
  }

  static JavaFile indexClass(String packageName, String name, String doc, List<String[]> index) {
    ClassName entry = ClassName.get(packageName, name, "Entry");
    TypeSpec entryType = TypeSpec.recordBuilder("Entry")
        .addModifiers(Modifier.PUBLIC)
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(String.class, "className")
            .addParameter(String.class, "spec")
            .addParameter(String.class, "closedForm")
            .build())
        .addJavadoc("One generated activation: its class (in this package), the derive options that regenerate it, and its closed form.\n")
        .build();
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(\n", List.class).indent();
    for (int i = 0; i < index.size(); i++) {
      String[] row = index.get(i);
      list.add("new $T($S, $S, $S)$L\n", entry, row[0], row[1], row[2], i + 1 < index.size() ? "," : "");
    }
    list.unindent().add(")");
    TypeSpec type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(doc)
        .addType(entryType)
        .addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), entry), "ENTRIES",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer(list.build())
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .build();
    return JavaFile.builder(packageName, type).indent("  ").skipJavaLangImports(true).build();
  }
}
