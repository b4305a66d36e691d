package dev.activations.deriver.cli;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
import dev.activations.deriver.derivation.SpecResolver;
import dev.activations.deriver.report.Reports;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import com.palantir.javapoet.JavaFile;
import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.emit.GeneratedSources;
import dev.activations.deriver.verify.CompiledCheck;
import dev.activations.deriver.verify.ContractVerification;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.LoweredActivation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code derive}: the command of docs/DESIGN.md, "The command". */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    versionProvider = DeriveCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Derives an activation function as a posterior statistic (energies -> responsibilities"
          + " -> statistic -> derivatives), simplifies it to closed forms, and emits verified Java for it.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  # signed Gaussian mean: tanh(z); gated: the SiLU family; gated mode: ReLU",
      "  derive --kernel gaussian",
      "  derive --kernel gaussian --hypotheses gated --stat mean",
      "  derive --kernel gaussian --hypotheses gated --stat mode",
      "  # a heavy-tailed tanh as JSON, a Markdown write-up, a plot, a Java class",
      "  derive --kernel student-t --stat mean --format json",
      "  derive --kernel student-t --format markdown > student-t.md",
      "  derive --kernel student-t --plot student-t.png --compare tanh,relu",
      "  derive --kernel student-t --free nu --out src --package acts --name StudentT",
      "  # your own energy (Mathematica syntax) and hypotheses (center:value,...)",
      "  derive --energy '2*Log[1+(z-mu)^2/3]' --hypotheses '1:1,-1:-1'",
      "  # a layer: softmax, and Student-t units competing in groups of 4",
      "  derive --layer --energy '-z' --stat responsibilities --out src --package acts --name Softmax",
      "  derive --layer --group 4 --kernel student-t --stat responsibilities",
      "  # attention: keys compete for a query under a vector kernel",
      "  derive --attention --kernel scaled-dot --stat mean --out src --package acts --name Attention",
      "  # what there is to choose from, and tab completion for bash",
      "  derive --list",
      "  source <(derive --completion)",
      "",
      "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal failure."
    })
public final class DeriveCommand implements Callable<Integer> {

  @Option(names = "--layer", description = "a layer: the units of a vector input compete within groups (--kernel names a unit kernel, --energy is a unit energy in z)")
  boolean layer;

  @Option(names = "--attention", description = "attention: keys compete for a query (--kernel names a vector kernel, --energy is a vector energy in Dot[..], Norm[..] of q and k and Dim)")
  boolean attention;

  @Option(names = "--group", paramLabel = "G", description = "with --layer: units per group (default: the whole input is one group)")
  Integer group;

  @Option(names = "--kernel", paramLabel = "NAME", description = "a catalog kernel (see --list)")
  String kernel;

  @Option(names = "--energy", paramLabel = "EXPR",
      description = "a custom energy in Mathematica syntax over z, mu and parameters, e.g. '2*Log[1+(z-mu)^2/3]'")
  String energy;

  @Option(names = "--hypotheses", paramLabel = "SPEC", defaultValue = "signed",
      description = "signed, gated, prototypes:K, or c1:v1,c2:v2,... (value a number or z; optional :logprior). Default: ${DEFAULT-VALUE}")
  String hypotheses;

  @Option(names = "--stat", paramLabel = "STAT", defaultValue = "mean",
      description = "mean, responsibilities, log-responsibilities, mode, variance, entropy, free-energy. Default: ${DEFAULT-VALUE}")
  String statistic;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "bind a parameter to an exact number (1/4 stays 1/4)")
  List<String> params = new ArrayList<>();

  @Option(names = "--free", paramLabel = "NAME", description = "keep a parameter symbolic: it becomes an argument of the generated code")
  List<String> free = new ArrayList<>();

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "divides every energy (T > 0). Default: ${DEFAULT-VALUE}")
  String temperature;

  @Option(names = "--reject", paramLabel = "E0", description = "add a background hypothesis of constant energy E0 and value 0 (open world)")
  String reject;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, latex or markdown. Default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--out", paramLabel = "DIR", description = "write the generated Java class under DIR (package folders)")
  Path out;

  @Option(names = "--package", paramLabel = "P", description = "package of the generated class")
  String packageName;

  @Option(names = "--name", paramLabel = "C", description = "simple name of the generated class")
  String className;

  @Option(names = "--check", description = "compile the emitted class in memory and check it numerically before writing")
  boolean check;

  @Option(names = "--accept-inaccurate",
      description = "write the class even where it misses the numerical contract (its Javadoc then states the measured worst error and where)")
  boolean acceptInaccurate;

  @Option(names = "--list", description = "list kernels (with parameters, defaults and domains), hypothesis presets and statistics")
  boolean list;

  @Option(names = "--plot", paramLabel = "FILE", converter = PlotOptions.FileConverter.class,
      description = "draw the activation and its derivative into FILE.png or FILE.svg")
  Path plot;

  @Option(names = "--compare", paramLabel = "NAME", split = ",", converter = PlotOptions.CompareConverter.class,
      description = "overlay familiar activations on the plot: tanh, relu, silu, gelu, sigmoid, softplus (comma-separated)")
  List<dev.activations.deriver.report.FamiliarActivation> compare = new ArrayList<>();

  @Option(names = "--completion", description = "print a bash completion script (load it with the last example below)")
  boolean completion;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() {
    PrintWriter outWriter = commandSpec.commandLine().getOut();
    if (completion) {
      outWriter.print(picocli.AutoComplete.bash("derive", commandSpec.commandLine()));
      outWriter.flush();
      return 0;
    }
    if (list) {
      outWriter.print(Listing.text(KernelCatalog.bundled()));
      outWriter.flush();
      return 0;
    }
    validateOutputOptions();
    Format fmt = Format.parse(format);
    if (layer && attention) throw new SpecException("give --layer or --attention, not both");
    // a derivation follows: its Symja warm-up overlaps the session's start and the spec's checks
    // (not started for --help, --version, --list or an option error, which need no Symja)
    dev.activations.deriver.symbolic.Bounded.warmUpAhead();
    if (attention) return VectorCommand.run(new AttentionGeneration(new Symja()), this, commandSpec, fmt);
    if (layer) return VectorCommand.run(new LayerGeneration(new Symja()), this, commandSpec, fmt);
    if (group != null) throw new SpecException("--group needs --layer");
    Symja symja = new Symja();
    Generation generation = new Generation(symja);
    ActivationSpec spec = generation.resolve(request());
    Derivation derivation = generation.derive(spec);
    Reports reports = new Reports(symja);
    String rendered = switch (fmt) {
      case TEXT -> reports.text(derivation);
      case JSON -> reports.json(derivation);
      case LATEX -> reports.latex(derivation);
      case MARKDOWN -> new dev.activations.deriver.report.MarkdownReport(symja).render(derivation, packageName, className);
    };
    // Everything is computed (and checked) before anything is written.
    GeneratedSources sources = null;
    if (out != null) {
      Generation.Emitted emitted = generation.emitVerified(derivation, packageName, className);
      sources = emitted.sources();
      JavaFile file = emitted.file();
      ContractVerification.Verdict verdict = emitted.verdict().orElseThrow();
      if (check) {
        double[] free = dev.activations.deriver.verify.SpecDefinitions.defaults(spec).values().stream()
            .mapToDouble(dev.activations.deriver.spec.ExactNumber::toDouble).toArray();
        java.util.function.Function<java.util.Map<String, Double>, ContractVerification.Evaluation> compiled;
        try {
          compiled = CompiledCheck.compiledAt(file, spec.free(), free);
        } catch (IllegalStateException e) {
          throw new CheckFailedException(e.getMessage() + "; nothing written");
        }
        verdict = emitted.certification().orElseThrow().measure(compiled);
      }
      ContractVerification.Worst worst = verdict.worstOfAll().orElseThrow();
      if (!verdict.passed() && !acceptInaccurate) {
        throw new CheckFailedException(worst.describe() + " (worst of " + verdict.points()
            + " verification points); nothing written (--accept-inaccurate writes it anyway)");
      }
      if (check) {
        commandSpec.commandLine().getErr().printf("derive: check %s: worst %s at z = %s, %d points%n",
            verdict.passed() ? "passed" : "FAILED (written with --accept-inaccurate)",
            worst.function() + " " + String.format(java.util.Locale.ROOT, "%.1e", worst.error()), worst.z(),
            verdict.points());
      } else if (!verdict.passed()) {
        commandSpec.commandLine().getErr().println("derive: written with --accept-inaccurate: " + worst.describe());
      }
    }
    // the forms emitted may depend on a Symja call that did not finish within its work budget: say so
    for (String note : dev.activations.deriver.symbolic.Bounded.drainLedger()) {
      commandSpec.commandLine().getErr().println("derive: note: " + note);
    }
    PlotOptions.write(symja, derivation, plot, compare, commandSpec.commandLine().getErr());
    if (sources != null) write(sources, out, commandSpec.commandLine().getErr());
    outWriter.print(rendered);
    outWriter.flush();
    return 0;
  }

  /** The options as a plain request (also used by the catalog generator). */
  Request request() {
    return new Request(Optional.ofNullable(kernel), Optional.ofNullable(energy), hypotheses, statistic,
        params, free, temperature, Optional.ofNullable(reject));
  }

  private void validateOutputOptions() {
    boolean any = out != null || packageName != null || className != null;
    if (!any) {
      if (check) throw new SpecException("--check needs --out DIR --package P --name C");
      if (acceptInaccurate) throw new SpecException("--accept-inaccurate needs --out DIR --package P --name C");
      return;
    }
    if (out == null || packageName == null || className == null) {
      throw new SpecException("--out, --package and --name go together (give all three)");
    }
    for (String part : packageName.split("\\.", -1)) {
      if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
        throw new SpecException("--package: '" + abbreviate(packageName) + "' is not a valid Java package name");
      }
    }
    if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
      throw new SpecException("--name: '" + abbreviate(className) + "' is not a valid Java class name");
    }
  }

  private static String abbreviate(String s) {
    return dev.activations.deriver.spec.ExactNumber.abbreviate(s);
  }

  enum Format {
    TEXT, JSON, LATEX, MARKDOWN;

    static Format parse(String s) {
      for (Format f : values()) {
        if (f.name().toLowerCase(java.util.Locale.ROOT).equals(s)) return f;
      }
      throw new SpecException("unknown --format '" + abbreviate(s) + "' (one of text, json, latex, markdown)");
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DeriveCommand.class.getPackage().getImplementationVersion();
      return new String[] {"derive " + (v == null ? "(development build)" : v)
          + " - Symja 3.0.0, Java " + System.getProperty("java.version")};
    }
  }

  /** Writes the class and its SIMD companion (all or nothing) and says where, and how to compile the companion. */
  static void write(GeneratedSources sources, Path out, PrintWriter err) {
    try {
      List<Path> written = sources.write(out);
      err.println("derive: wrote " + written.get(0));
      if (written.size() > 1) {
        err.println("derive: wrote " + written.get(1) + " (SIMD kernels: compile it with javac "
            + String.join(" ", GeneratedSources.SIMD_JAVAC_OPTIONS) + "; "
            + sources.activation().typeSpec().name() + " compiles and runs without it)");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
