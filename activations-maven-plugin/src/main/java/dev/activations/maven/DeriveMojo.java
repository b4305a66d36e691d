package dev.activations.maven;

import dev.activations.deriver.cli.CatalogFile;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.spec.SpecException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Derives every activation listed in the project's catalog file into Java sources, and adds them
 * to the compile source roots (the {@code derive} command, line by line, like the ANTLR plugin).
 *
 * <p>Each activation is a class that depends on {@code java.base} only. A scalar activation also
 * gets a SIMD companion, {@code XxxSimd}, written to {@link #simdDirectory} (not a source root)
 * and compiled by this goal, with {@code --add-modules jdk.incubator.vector}, straight into the
 * project's output classes; the activation class loads it when a JVM runs with that module and runs
 * its plain-Java loops otherwise. So the project's compiler configuration needs nothing.
 *
 * <p>The derivations run in a JVM of their own (Symja's static state never enters Maven's JVM), in
 * a staging folder: on any error nothing in the output folders changes. Entries whose line, kernel
 * files and plugin are unchanged since the last run are not derived again ({@link BuildState}).
 */
@Mojo(name = "derive", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class DeriveMojo extends AbstractMojo {
  /** The catalog: one {@code ClassName derive-options} per line, as in {@code templates/catalog.txt}. */
  @Parameter(property = "activations.catalog",
      defaultValue = "${project.basedir}/src/main/activations/catalog.txt")
  File catalog;

  /** Kernel files ({@code *.kernel}, the {@code templates/kernels/} format) added to the built-in kernels. */
  @Parameter(property = "activations.kernels",
      defaultValue = "${project.basedir}/src/main/activations/kernels")
  File kernels;

  /** The package of the generated classes. */
  @Parameter(property = "activations.packageName", required = true)
  String packageName;

  /** Where the activation classes go; added as a compile source root. */
  @Parameter(property = "activations.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/activations")
  File outputDirectory;

  /** Where the SIMD companions' sources go (compiled by this goal, not a compile source root). */
  @Parameter(property = "activations.simdDirectory",
      defaultValue = "${project.build.directory}/generated-sources/activations-simd")
  File simdDirectory;

  /** Whether an activation that misses the numerical contract fails the build (else: a warning). */
  @Parameter(property = "activations.failOnInaccurate", defaultValue = "true")
  boolean failOnInaccurate;

  /** Skips the goal. */
  @Parameter(property = "activations.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  File classesDirectory;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  File buildDirectory;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("activations: skipped");
      return;
    }
    if (!javax.lang.model.SourceVersion.isName(packageName)) {
      throw new MojoFailureException("activations: packageName '" + packageName
          + "' is not a Java package name");
    }
    Path catalogFile = catalog.toPath();
    if (!Files.isRegularFile(catalogFile)) {
      getLog().info("activations: no catalog at " + catalogFile + "; nothing to derive");
      return;
    }
    try {
      run(catalogFile);
    } catch (IOException e) {
      throw new MojoExecutionException("activations: " + e.getMessage(), e);
    }
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
  }

  private void run(Path catalogFile) throws IOException, MojoExecutionException,
      MojoFailureException {
    Path out = outputDirectory.toPath();
    Path simd = simdDirectory.toPath();
    List<CatalogFile.Entry> entries;
    try {
      entries = CatalogFile.parse(catalogFile.toString(),
          Files.readString(catalogFile, StandardCharsets.UTF_8));
    } catch (SpecException e) {
      throw new MojoFailureException(e.getMessage());
    }
    String fingerprint = fingerprint();
    String kernelsHash = BuildState.kernelsHash(kernels.toPath());
    Map<String, String> hashes = new LinkedHashMap<>();
    for (CatalogFile.Entry e : entries) {
      hashes.put(e.className(), BuildState.hash(fingerprint, e, kernelsHash));
    }
    BuildState before = BuildState.read(out);
    List<String> stale = before.stale(hashes, f -> Files.isRegularFile(resolve(out, simd, f)));
    Map<String, BuildState.Entry> after = new TreeMap<>();
    for (String name : hashes.keySet()) {
      if (!stale.contains(name)) after.put(name, before.entries().get(name));
    }
    if (stale.isEmpty()) {
      getLog().info("activations: " + entries.size() + " entries up to date; nothing to derive");
    } else {
      getLog().info("activations: deriving " + String.join(", ", stale) + " (" + stale.size()
          + " of " + entries.size() + ")");
      Path staging = Files.createTempDirectory(Files.createDirectories(buildDirectory.toPath()),
          "activations-staging");
      try {
        fork(catalogFile, stale, staging.resolve("main"), staging.resolve("simd"));
        // Success: replace the stale entries' files (all were derived; nothing failed).
        for (String name : stale) {
          BuildState.Entry old = before.entries().get(name);
          if (old != null) delete(out, simd, old);
        }
        for (String name : stale) {
          List<String> files = new ArrayList<>();
          for (String root : List.of("main", "simd")) {
            Path from = staging.resolve(root);
            Path rel = packagePath().resolve(name + (root.equals("simd") ? "Simd" : "") + ".java");
            Path source = from.resolve(rel);
            if (!Files.isRegularFile(source)) continue;
            Path target = (root.equals("main") ? out : simd).resolve(rel);
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            files.add(root + "/" + rel.toString().replace(File.separatorChar, '/'));
          }
          after.put(name, new BuildState.Entry(hashes.get(name), files));
        }
      } finally {
        deleteTree(staging);
      }
    }
    for (Map.Entry<String, BuildState.Entry> gone : before.entries().entrySet()) {
      if (!hashes.containsKey(gone.getKey())) {
        getLog().info("activations: " + gone.getKey() + " is no longer in the catalog; removed");
        delete(out, simd, gone.getValue());
      }
    }
    Files.createDirectories(out);
    Path state = out.resolve(BuildState.FILE);
    Path tmp = Files.createTempFile(out, ".state", ".tmp");
    Files.writeString(tmp, new BuildState(after).text(), StandardCharsets.UTF_8);
    Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING);
    compileCompanions(simd, after);
  }

  /** The plugin version and the deriver's bytes, the package and the accuracy setting. */
  private String fingerprint() throws IOException {
    StringBuilder sb = new StringBuilder(plugin.getVersion()).append('\n');
    for (Artifact a : plugin.getArtifacts()) {
      if (a.getArtifactId().equals("activation-deriver") && a.getFile() != null) {
        sb.append(BuildState.sha256(Files.readAllBytes(a.getFile().toPath()))).append('\n');
      }
    }
    return sb.append(packageName).append('\n').append(failOnInaccurate).toString();
  }

  private Path packagePath() {
    Path p = Path.of("");
    for (String part : packageName.split("\\.")) p = p.resolve(part);
    return p;
  }

  private static Path resolve(Path out, Path simd, String file) {
    return file.startsWith("simd/") ? simd.resolve(file.substring(5)) : out.resolve(
        file.substring(file.indexOf('/') + 1));
  }

  /** Deletes an entry's files, and the compiled companion of a companion source. */
  private void delete(Path out, Path simd, BuildState.Entry entry) throws IOException {
    for (String f : entry.files()) {
      Files.deleteIfExists(resolve(out, simd, f));
      if (f.startsWith("simd/")) {
        String cls = f.substring(5).replaceAll("\\.java$", ".class");
        Files.deleteIfExists(classesDirectory.toPath().resolve(cls));
      }
    }
  }

  /** Runs the deriver in a JVM of its own; its error lines become the build error. */
  private void fork(Path catalogFile, List<String> only, Path main, Path simd)
      throws IOException, MojoExecutionException, MojoFailureException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a minute of work spread over thousands of Symja methods: C1 only and the serial collector
    // cost less CPU; the output is the same
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add("dev.activations.deriver.cli.GenerateSources");
    cmd.addAll(List.of("--catalog", catalogFile.toString(), "--package", packageName,
        "--out", main.toString(), "--simd-out", simd.toString(),
        "--only", String.join(",", only)));
    if (!failOnInaccurate) cmd.add("--warn-on-inaccurate");
    if (kernels.isDirectory()) cmd.addAll(List.of("--kernels", kernels.getAbsolutePath()));
    getLog().debug("activations: " + String.join(" ", cmd));
    Path errors = Files.createTempFile(main.getParent(), "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
    p.getOutputStream().close();
    try (InputStream in = p.getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) getLog().info(line);
      }
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("activations: interrupted");
    }
    List<String> problems = new ArrayList<>();
    for (String line : Files.readAllLines(errors, StandardCharsets.UTF_8)) {
      if (line.startsWith("catalog: warning:")) {
        getLog().warn(line);
      } else if (line.startsWith("WARNING")) {
        getLog().debug(line);
      } else if (!line.isBlank()) {
        problems.add(line);
      }
    }
    if (code == 2 || code == 3) {
      // the deriver's one-line messages, FILE:LINE first: Maven prints them as the build error
      throw new MojoFailureException(String.join("\n", problems));
    }
    if (code != 0) {
      problems.forEach(getLog()::error);
      throw new MojoExecutionException("activations: the deriver failed (exit code " + code
          + "): " + (problems.isEmpty() ? "no message" : problems.get(0)));
    }
  }

  /** The deriver and its dependencies: the plugin's own resolved artifacts. */
  private String classpath() {
    List<String> parts = new ArrayList<>();
    for (Artifact a : plugin.getArtifacts()) {
      if (a.getFile() != null) parts.add(a.getFile().getAbsolutePath());
    }
    return String.join(File.pathSeparator, parts);
  }

  /**
   * Compiles the SIMD companions whose class file is missing or older than the source into the
   * output classes, against {@code jdk.incubator.vector}.
   */
  private void compileCompanions(Path simd, Map<String, BuildState.Entry> state)
      throws IOException, MojoExecutionException {
    List<String> sources = new ArrayList<>();
    Path classes = classesDirectory.toPath();
    for (BuildState.Entry e : state.values()) {
      for (String f : e.files()) {
        if (!f.startsWith("simd/")) continue;
        Path source = simd.resolve(f.substring(5));
        Path cls = classes.resolve(f.substring(5).replaceAll("\\.java$", ".class"));
        if (!Files.isRegularFile(cls)
            || Files.getLastModifiedTime(cls).compareTo(Files.getLastModifiedTime(source)) < 0) {
          sources.add(source.toString());
        }
      }
    }
    if (sources.isEmpty()) return;
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      getLog().warn("activations: no Java compiler in this JVM; the SIMD companions are not"
          + " compiled (the activations run their plain-Java loops)");
      return;
    }
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(GeneratedSources.SIMD_JAVAC_OPTIONS);
    args.addAll(List.of("-proc:none", "-nowarn", "-XDsuppressNotes", "-implicit:none",
        "-encoding", "UTF-8", "-d", classes.toString()));
    args.addAll(sources);
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    int code = javac.run(null, log, log, args.toArray(new String[0]));
    if (code != 0) {
      throw new MojoExecutionException("activations: compiling the SIMD companions failed: javac "
          + String.join(" ", args) + "\n" + log.toString(StandardCharsets.UTF_8));
    }
    getLog().info("activations: compiled " + sources.size() + " SIMD companion(s) with "
        + String.join(" ", GeneratedSources.SIMD_JAVAC_OPTIONS));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
