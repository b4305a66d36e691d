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
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.Contract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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


  /**
   * What to generate: the entries of {@code catalog} (all, or those named in {@code only}), with
   * {@code kernels} to resolve kernel names, into {@code outDir} (activation classes) and {@code
   * simdDir} (their SIMD companions; may be {@code outDir}); with an index class {@code Catalog}
   * when {@code index}; a contract miss fails the run when {@code failOnInaccurate}, and is a
   * warning otherwise.
   */
  record Job(Path catalog, KernelCatalog kernels, String packageName, Path outDir, Path simdDir,
      Set<String> only, boolean failOnInaccurate, boolean index) {}

  /** Exit code of a run whose only problem is a contract miss. */
  static final int INACCURATE = 3;

  public static void main(String[] argv) {
    Path catalog = Path.of(argv[0]);
    Path out = Path.of(argv[1]);
    System.exit(exitCode(new Job(catalog, KernelCatalog.bundled(), argv[2], out, out, Set.of(),
        true, true)));
  }

  /** Runs {@code job}, printing problems on stderr, one line each, and returns the exit code. */
  static int exitCode(Job job) {
    int code;
    try {
      code = run(job);
    } catch (SpecException e) {
      System.err.println("catalog: " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("catalog: internal error: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.err.flush();
    return code;
  }

  /**
   * Derives every entry of {@code catalog} into {@code outDir}; the exit code (0, or 1 when an entry
   * misses the contract). Public for the build's determinism check, which runs it under load.
   */
  public static int run(Path catalog, Path outDir, String packageName) throws IOException {
    return run(new Job(catalog, KernelCatalog.bundled(), packageName, outDir, outDir, Set.of(),
        true, true));
  }

  static int run(Job job) throws IOException {
    long start = System.nanoTime();
    List<CatalogFile.Entry> entries = new ArrayList<>();
    for (CatalogFile.Entry e : CatalogFile.parse(job.catalog().toString(),
        Files.readString(job.catalog(), StandardCharsets.UTF_8))) {
      if (job.only().isEmpty() || job.only().contains(e.className())) entries.add(e);
    }
    List<Future<Derived>> pending = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(threads(), daemon());
    try {
      for (CatalogFile.Entry e : entries) pending.add(workers.submit(() -> derive(e, job)));
      List<String[]> index = new ArrayList<>();
      List<String[]> layers = new ArrayList<>();
      List<String[]> attention = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Derived d = await(pending.get(i));
        System.out.println(d.report());
        List<String> args = entries.get(i).args();
        (LayerGeneration.isLayer(args) ? layers : AttentionGeneration.isAttention(args) ? attention : index).add(d.indexRow());
        d.failure().ifPresent(failures::add);
      }
      if (!failures.isEmpty()) {
        String prefix = job.failOnInaccurate() ? "catalog: " : "catalog: warning: ";
        System.err.println(prefix + "these activations miss the numerical contract (value "
            + Contract.text(Contract.VALUE_TOLERANCE) + ", derivative "
            + Contract.text(Contract.DERIVATIVE_TOLERANCE) + "):");
        failures.forEach(f -> System.err.println(prefix + "  " + f));
        if (job.failOnInaccurate()) return INACCURATE;
      }
      if (job.index()) {
        SourceWriter.write(indexClass(job.packageName(), index), job.outDir());
        if (!layers.isEmpty()) {
          SourceWriter.write(indexClass(job.packageName(), "LayerCatalog",
              "Every layer activation in this jar, in catalog order (generated from templates/catalog.txt).\n", layers), job.outDir());
        }
        if (!attention.isEmpty()) {
          SourceWriter.write(indexClass(job.packageName(), "AttentionCatalog",
              "Every attention class in this jar, in catalog order (generated from templates/catalog.txt).\n", attention), job.outDir());
        }
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
  private static Derived derive(CatalogFile.Entry e, Job job) throws IOException {
    if (LayerGeneration.isLayer(e.args())) return deriveVector(e, job, new LayerGeneration(new Symja()));
    if (AttentionGeneration.isAttention(e.args())) return deriveVector(e, job, new AttentionGeneration(new Symja()));
    long t0 = System.nanoTime();
    Generation generation = new Generation(new Symja(), job.kernels());
    ActivationSpec spec = atLine(e, job, () -> generation.resolve(e.args()));
    Derivation derivation = atLine(e, job, () -> generation.derive(spec));
    Generation.Emitted emitted = atLine(e, job, () -> generation.emitVerified(derivation, job.packageName(), e.className()));
    if (!derivation.emIdentity()) throw new IllegalStateException(e.className() + ": implicit-EM identity not verified: " + derivation.notes());
    emitted.sources().write(job.outDir(), job.simdDir());
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
    var verdict = emitted.verdict().orElseThrow();
    double certifiedValue = 0;
    double certifiedDerivative = 0;
    for (var w : verdict.worst()) {
      if (w.tolerance() == Contract.VALUE_TOLERANCE) certifiedValue = Math.max(certifiedValue, w.error());
      else certifiedDerivative = Math.max(certifiedDerivative, w.error());
    }
    String report = String.format(java.util.Locale.ROOT,
        "catalog: %-36s %5.2f s  worst error value %.1e derivative %.1e; at %d verification points %.1e %.1e  (%s)",
        e.className(), (System.nanoTime() - t0) / 1e9, worstValue, worstDerivative, verdict.points(),
        certifiedValue, certifiedDerivative, forms);
    Optional<String> failure = worstValue <= Contract.VALUE_TOLERANCE && worstDerivative <= Contract.DERIVATIVE_TOLERANCE
        && verdict.passed()
        ? Optional.empty()
        : Optional.of(job.catalog() + ":" + e.line() + ": " + e.className() + " (worst error value " + worstValue + ", derivative " + worstDerivative
            + (verdict.passed() ? "" : "; at the verification points: " + verdict.worstOfAll().orElseThrow().describe()) + ")");
    return new Derived(report, new String[] {e.className(), spec.toCommandLine(), closedForm}, failure);
  }

  /** {@code work}, with a bad entry's one-line derive message prefixed by where it is (FILE:LINE). */
  private static <T> T atLine(CatalogFile.Entry e, Job job, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (SpecException | CommandLine.ParameterException ex) {
      throw new SpecException(job.catalog() + ":" + e.line() + ": " + firstLine(ex.getMessage()));
    }
  }

  /** A layer or attention entry: derived, emitted, measured against its input's reference, written. */
  private static <S, D> Derived deriveVector(CatalogFile.Entry e, Job job, VectorGeneration<S, D> generation)
      throws IOException {
    long t0 = System.nanoTime();
    S spec = atLine(e, job, () -> generation.resolve(e.args()));
    D derivation = atLine(e, job, () -> generation.derive(spec));
    // a miss is written with the measured errors in its Javadoc and reported as the scalar entries' are
    VectorGeneration.Measured emitted = atLine(e, job, () -> generation.emitMeasured(derivation, job.packageName(), e.className(), true));
    emitted.sources().write(job.outDir(), job.simdDir());
    String report = String.format("catalog: %-36s %5.2f s  %s: %s", e.className(),
        (System.nanoTime() - t0) / 1e9, generation.option().substring(2), emitted.summary());
    Optional<String> failure = emitted.passed() ? Optional.empty()
        : Optional.of(job.catalog() + ":" + e.line() + ": " + e.className() + " (" + emitted.summary() + ")");
    return new Derived(report, generation.indexRow(spec, e.className()), failure);
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

  /** Whitespace-separated words; single quotes group ({@link CatalogFile#split}). */
  public static List<String> split(String line) {
    return CatalogFile.split(line);
  }

  private static String firstLine(String s) {
    String t = String.valueOf(s).strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
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
