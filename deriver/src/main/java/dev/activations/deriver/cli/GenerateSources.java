package dev.activations.deriver.cli;

import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The build integration's entry point (the Maven plugin runs it in a JVM of its own, so Symja's
 * static state never lives in the build tool's JVM): derives catalog entries exactly as the
 * catalog build does ({@link GenerateCatalog}), with a project's own kernel files, and writes the
 * activation classes and their SIMD companions into two folders. Exit codes: 0 success; 2 bad
 * input (one line each on stderr, {@code catalog: FILE:LINE: message}); 3 an activation misses the
 * numerical contract (unless {@code --warn-on-inaccurate}); 1 internal failure. Always ends the JVM
 * with {@link System#exit}.
 */
@Command(name = "generate-sources", mixinStandardHelpOptions = true,
    description = "Derives the entries of a catalog file into Java sources.")
public final class GenerateSources implements Callable<Integer> {
  @Option(names = "--catalog", required = true, paramLabel = "FILE",
      description = "the catalog: one 'ClassName derive-options' per line")
  Path catalog;

  @Option(names = "--kernels", paramLabel = "DIR",
      description = "a folder of *.kernel files added to the built-in kernels")
  Path kernels;

  @Option(names = "--package", required = true, paramLabel = "P")
  String packageName;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "where the activation classes go (package folders)")
  Path out;

  @Option(names = "--simd-out", required = true, paramLabel = "DIR",
      description = "where the SIMD companions go (compile with --add-modules jdk.incubator.vector)")
  Path simdOut;

  @Option(names = "--only", paramLabel = "CLASS", split = ",",
      description = "derive these entries only (default: all)")
  List<String> only = new ArrayList<>();

  @Option(names = "--warn-on-inaccurate",
      description = "an activation that misses the numerical contract is a warning (its most accurate form is written), not a failure")
  boolean warnOnInaccurate;

  @Override
  public Integer call() {
    KernelCatalog kernelCatalog;
    try {
      kernelCatalog = KernelCatalog.withFolder(kernels);
    } catch (SpecException e) {
      System.err.println("catalog: " + e.getMessage());
      return 2;
    }
    return GenerateCatalog.exitCode(new GenerateCatalog.Job(catalog, kernelCatalog, packageName,
        out, simdOut, Set.copyOf(only), !warnOnInaccurate, false));
  }

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new GenerateSources());
    int code = cmd.execute(args);
    System.out.flush();
    System.exit(code);
  }
}
