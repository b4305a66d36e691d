package dev.activations.deriver.report;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.lowering.ActivationLowering;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A self-contained write-up of one derivation in GitHub Markdown ({@code --format markdown}): the
 * spec, energies, responsibilities, the statistic's closed form and derivative, the implicit-EM
 * identity check, kinks, the zero-temperature limit and the generated class's public API.
 *
 * <p>GitHub renders {@code $...$} inline and {@code ```math} blocks as display math with
 * MathJax. All TeX that Symja produces goes into {@code math} blocks, which Markdown leaves alone;
 * inline math is kept to short fixed snippets, and prose from kernel files and notes is escaped.
 */
public final class MarkdownReport {
  /** Package used for the class listing when none was given with {@code --package}. */
  public static final String DEFAULT_PACKAGE = "my.activations";

  private final Symja symja;
  private final Tex tex;

  public MarkdownReport(Symja symja) {
    this.symja = symja;
    this.tex = new Tex(symja);
  }

  /** The write-up, listing the class as {@link #DEFAULT_PACKAGE}.{@link #className(ActivationSpec)}. */
  public String render(Derivation d) {
    return render(d, null, null);
  }

  /**
   * The write-up.
   *
   * @param packageName the generated class's package, or null for {@link #DEFAULT_PACKAGE}
   * @param className its simple name, or null for one made from the spec
   */
  public String render(Derivation d, String packageName, String className) {
    ActivationSpec s = d.spec();
    String pkg = packageName == null ? DEFAULT_PACKAGE : packageName;
    String name = className == null ? className(s) : className;
    StringBuilder b = new StringBuilder();
    b.append("# ").append(escape(title(s))).append("\n\n");
    b.append("```sh\nderive ").append(s.toCommandLine()).append("\n```\n\n");
    spec(b, d);
    energies(b, d);
    responsibilities(b, d);
    statistic(b, d);
    b.append("## Implicit-EM identity\n\n");
    b.append("Implicit-EM identity $\\partial A / \\partial e_h = -r_h$: ")
        .append(d.emIdentity() ? "**verified** symbolically for every hypothesis."
            : "**not verified** (see the notes below).")
        .append(" Gradient descent on the log-partition therefore performs the E-step for free.\n\n");
    kinks(b, d);
    zeroTemperature(b, d);
    generatedClass(b, d, pkg, name);
    return b.toString();
  }

  // ------------------------------------------------------------------------------ sections

  private void spec(StringBuilder b, Derivation d) {
    ActivationSpec s = d.spec();
    b.append("## Spec\n\n");
    if (s.kernel().isCustom()) {
      b.append("- **Kernel**: a custom energy\n");
    } else {
      b.append("- **Kernel** `").append(s.kernel().name()).append("`: ").append(escape(s.kernel().description())).append('\n');
    }
    b.append("\n```math\nk(z, \\mu) = ").append(kernelTex(s)).append("\n```\n\n");
    if (!s.kernel().parameters().isEmpty()) {
      b.append("- **Parameters**: ");
      List<String> ps = new ArrayList<>();
      for (Parameter p : s.kernel().parameters()) {
        ExactNumber v = s.bound().get(p.name());
        String what = v != null ? "`" + p.name() + " = " + v + "`"
            : "`" + p.name() + "` free (an argument of the generated code; default " + p.defaultValue() + ")";
        String desc = p.description().isEmpty() ? "" : " (" + escape(p.description()) + ")";
        ps.add(what + desc);
      }
      b.append(String.join(", ", ps)).append('\n');
    }
    b.append("- **Temperature**: `T = ").append(s.temperature()).append("`\n");
    b.append("- **Statistic** `").append(s.statistic().cliName()).append("`: ").append(escape(s.statistic().description())).append('\n');
    b.append("- **Hypotheses** `").append(s.hypotheses().text()).append("`:\n\n");
    b.append("| $h$ | center $\\mu_h$ | value $g_h$ | log-prior $\\pi_h$ |\n|---|---|---|---|\n");
    List<Hypothesis> hs = s.hypotheses().hypotheses();
    for (int h = 0; h < hs.size(); h++) {
      Hypothesis x = hs.get(h);
      b.append("| ").append(h + 1).append(" | ").append(x.center()).append(" | ").append(x.value())
          .append(" | ").append(x.logPrior()).append(" |\n");
    }
    s.hypotheses().rejectEnergy().ifPresent(e0 -> b.append("| ").append(hs.size() + 1)
        .append(" (background) | none: constant energy E0 = ").append(e0).append(" | 0 | 0 |\n"));
    b.append('\n');
  }

  private void energies(StringBuilder b, Derivation d) {
    b.append("## Energies\n\n");
    b.append("Each hypothesis $h$ has the energy $e_h(z) = k(z, \\mu_h)/T - \\pi_h$; lower is a better match")
        .append(d.spec().hypotheses().rejectEnergy().isPresent() ? " (the background hypothesis has $E_0/T$)" : "")
        .append(":\n\n");
    List<String> lines = new ArrayList<>();
    for (int h = 0; h < d.energies().size(); h++) {
      lines.add("e_{" + (h + 1) + "}(z) &= " + tex.of(d.energies().get(h)));
    }
    aligned(b, lines);
    b.append("The log-partition function is $A(z) = \\log \\sum_h \\exp(-e_h(z))$ and the free energy is $F = -A$:\n\n");
    display(b, "A(z) = " + tex.of(d.logPartition()));
  }

  private void responsibilities(StringBuilder b, Derivation d) {
    b.append("## Responsibilities\n\n");
    b.append("The responsibilities are the softmax of the negated energies,"
        + " $r_h = \\exp(-e_h - A)$, evaluated through the energy differences so that nothing overflows:\n\n");
    display(b, "r_h(z) = \\frac{1}{1 + \\sum_{k \\ne h} \\exp\\left(-(e_k(z) - e_h(z))\\right)}");
    List<String> lines = new ArrayList<>();
    for (int h = 0; h < d.responsibilities().size(); h++) {
      lines.add("r_{" + (h + 1) + "}(z) &= " + tex.of(d.responsibilities().get(h)));
    }
    aligned(b, lines);
  }

  private void statistic(StringBuilder b, Derivation d) {
    ActivationSpec s = d.spec();
    Statistic stat = s.statistic();
    b.append("## Statistic: ").append(stat.cliName()).append("\n\n");
    b.append("Definition:\n\n");
    display(b, definition(stat));
    boolean vector = d.outputs() > 1;
    b.append(vector ? "Closed forms, one per hypothesis:\n\n" : "Closed form:\n\n");
    List<String> values = new ArrayList<>();
    List<String> derivatives = new ArrayList<>();
    for (int i = 0; i < d.outputs(); i++) {
      String lhs = outputTex(stat, i, vector);
      values.add(lhs + " &= " + tex.of(d.closed().get(i)));
      derivatives.add("\\frac{d}{dz} " + lhs + " &= " + tex.of(d.closedDerivative().get(i)));
    }
    aligned(b, values);
    b.append("Derivative with respect to $z$:\n\n");
    aligned(b, derivatives);
    for (Map.Entry<String, List<IExpr>> p : d.parameterDerivatives().entrySet()) {
      b.append("Derivative with respect to the free parameter `").append(p.getKey()).append("`:\n\n");
      List<String> lines = new ArrayList<>();
      String param = tex.of(symja.symbol(p.getKey()));
      for (int i = 0; i < p.getValue().size(); i++) {
        lines.add("\\frac{\\partial}{\\partial " + param + "} " + outputTex(stat, i, vector) + " &= " + tex.of(p.getValue().get(i)));
      }
      aligned(b, lines);
    }
  }

  private void kinks(StringBuilder b, Derivation d) {
    b.append("## Kinks and non-differentiable points\n\n");
    if (d.kinks().isEmpty()) {
      b.append("The derivation found no kinks: the statistic and its derivative are continuous in $z$.\n\n");
    } else {
      List<String> points = new ArrayList<>();
      for (String k : d.kinks()) points.add("`" + k.replace("`", "'") + "`");
      b.append("The statistic or its derivative is not differentiable at z = ").append(String.join(", ", points))
          .append(": the pieces of the energies meet there. The generated code evaluates each piece on its own side.\n\n");
    }
    if (!d.notes().isEmpty()) {
      b.append("Notes from the derivation:\n\n");
      for (String n : d.notes()) b.append("- ").append(escape(n)).append('\n');
      b.append('\n');
    }
  }

  private void zeroTemperature(StringBuilder b, Derivation d) {
    b.append("## Zero-temperature limit\n\n");
    ZeroTemperature.Limit limit = new ZeroTemperature(symja, tex).of(d);
    b.append(limit.sentence()).append("\n\n");
    if (!limit.displays().isEmpty()) {
      if (limit.displays().size() == 1) {
        display(b, limit.displays().get(0));
      } else {
        List<String> lines = new ArrayList<>();
        for (String l : limit.displays()) lines.add(l.replaceFirst(" = ", " &= "));
        aligned(b, lines);
      }
    }
  }

  private void generatedClass(StringBuilder b, Derivation d, String pkg, String name) {
    b.append("## Generated Java\n\n");
    JavaFile file;
    LoweredActivation lowered;
    try {
      lowered = new ActivationLowering(symja).lower(d, ActivationLowering.Scorer.STRUCTURED_ONLY, new ArrayList<>());
      file = ClassEmitter.emit(lowered, pkg, name);
    } catch (IllegalArgumentException e) {
      b.append("The emitter cannot generate Java for this derivation: ").append(escape(String.valueOf(e.getMessage()))).append("\n");
      return;
    }
    b.append("`derive ").append(d.spec().toCommandLine()).append(" --out DIR --package ").append(pkg)
        .append(" --name ").append(name).append("` writes `").append(pkg.isEmpty() ? "" : pkg + ".").append(name)
        .append("`, a final class that depends on `java.base` only")
        .append(dev.activations.deriver.emit.SimdEmitter.supports(lowered)
            ? " (and its SIMD kernels, `" + dev.activations.deriver.emit.SimdEmitter.companionName(name)
                + "`, a source file to compile with `--add-modules jdk.incubator.vector`)"
            : "")
        .append(", with these public members:\n\n");
    b.append("```java\n");
    b.append("public final class ").append(name).append(" {\n");
    for (String sig : signatures(file)) b.append("  ").append(sig).append(";\n");
    b.append("}\n```\n");
  }

  /** The public fields and methods of the generated class, as Java declarations. */
  public static List<String> signatures(JavaFile file) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : file.typeSpec().fieldSpecs()) {
      if (f.modifiers().contains(Modifier.PUBLIC)) out.add(modifiers(f.modifiers()) + typeName(f.type()) + " " + f.name());
    }
    for (MethodSpec m : file.typeSpec().methodSpecs()) {
      if (!m.modifiers().contains(Modifier.PUBLIC) || m.isConstructor()) continue;
      List<String> params = new ArrayList<>();
      for (ParameterSpec p : m.parameters()) params.add(typeName(p.type()) + " " + p.name());
      out.add(modifiers(m.modifiers()) + typeName(m.returnType()) + " " + m.name() + "(" + String.join(", ", params) + ")");
    }
    return out;
  }

  /** {@code java.lang.String -> String}, as the generated source writes it. */
  private static String typeName(com.palantir.javapoet.TypeName t) {
    String s = t.toString();
    return s.startsWith("java.lang.") && s.indexOf('.', "java.lang.".length()) < 0 ? s.substring("java.lang.".length()) : s;
  }

  private static String modifiers(java.util.Set<Modifier> ms) {
    StringBuilder b = new StringBuilder();
    for (Modifier m : new Modifier[] {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL}) {
      if (ms.contains(m)) b.append(m).append(' ');
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ pieces

  /** The statistic's name in TeX, applied to z. */
  static String statisticTex(Statistic s) {
    return switch (s) {
      case MEAN -> "\\operatorname{mean}(z)";
      case RESPONSIBILITIES -> "r_h(z)";
      case LOG_RESPONSIBILITIES -> "\\log r_h(z)";
      case MODE -> "\\operatorname{mode}(z)";
      case VARIANCE -> "\\operatorname{Var}(z)";
      case ENTROPY -> "H(z)";
      case FREE_ENERGY -> "F(z)";
    };
  }

  private static String outputTex(Statistic s, int i, boolean vector) {
    if (!vector) return statisticTex(s);
    String r = "r_{" + (i + 1) + "}(z)";
    return s == Statistic.LOG_RESPONSIBILITIES ? "\\log " + r : r;
  }

  private static String definition(Statistic s) {
    return switch (s) {
      case MEAN -> "\\operatorname{mean}(z) = \\sum_h r_h(z)\\, g_h";
      case RESPONSIBILITIES -> "r_h(z) = \\exp\\left(-e_h(z) - A(z)\\right)";
      case LOG_RESPONSIBILITIES -> "\\log r_h(z) = -e_h(z) - A(z)";
      case MODE -> "\\operatorname{mode}(z) = g_{h^*}, \\quad h^* = \\arg\\min_h e_h(z) \\quad \\text{(tied hypotheses share equally)}";
      case VARIANCE -> "\\operatorname{Var}(z) = \\sum_h r_h(z) \\left(g_h - \\operatorname{mean}(z)\\right)^2";
      case ENTROPY -> "H(z) = -\\sum_h r_h(z) \\log r_h(z) = A(z) + \\sum_h r_h(z)\\, e_h(z)";
      case FREE_ENERGY -> "F(z) = -A(z) = -\\log \\sum_h \\exp\\left(-e_h(z)\\right)";
    };
  }

  /** The kernel's energy with its parameters symbolic; the text as written if it cannot be read. */
  private String kernelTex(ActivationSpec s) {
    try {
      return tex.of(new SafeExpressionParser(symja).parse(s.kernel().energy(), "energy").expr());
    } catch (RuntimeException e) {
      return "\\texttt{" + s.kernel().energy().replaceAll("[^A-Za-z0-9+*/^().,\\[\\] -]", "?") + "}";
    }
  }

  private static void display(StringBuilder b, String texLine) {
    b.append("```math\n").append(texLine).append("\n```\n\n");
  }

  private static void aligned(StringBuilder b, List<String> lines) {
    if (lines.size() == 1) {
      display(b, lines.get(0).replace(" &= ", " = "));
      return;
    }
    b.append("```math\n\\begin{aligned}\n");
    for (int i = 0; i < lines.size(); i++) {
      b.append(lines.get(i)).append(i + 1 < lines.size() ? " \\\\\n" : "\n");
    }
    b.append("\\end{aligned}\n```\n\n");
  }

  private static String title(ActivationSpec s) {
    String kernel = s.kernel().isCustom() ? "Custom energy" : "The " + s.kernel().name() + " kernel";
    return kernel + ", " + s.hypotheses().text() + " hypotheses: " + s.statistic().cliName();
  }

  /** A default class name from the spec: {@code StudentTSignedMean}. */
  public static String className(ActivationSpec s) {
    StringBuilder b = new StringBuilder();
    b.append(s.kernel().isCustom() ? "Custom" : camel(s.kernel().name()));
    String h = s.hypotheses().text();
    if (h.equals("signed") || h.equals("gated")) {
      b.append(camel(h));
    } else if (h.startsWith("prototypes:")) {
      b.append("Prototypes").append(h.substring("prototypes:".length()));
    }
    b.append(camel(s.statistic().cliName()));
    return b.toString();
  }

  private static String camel(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (part.isEmpty()) continue;
      b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return b.toString();
  }

  /** Escapes what Markdown would interpret in prose (emphasis, links, HTML, tables, math). */
  static String escape(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>|$~".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }
}
