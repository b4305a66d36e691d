package dev.activations.deriver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.symbolic.Symja;

/** Renders a {@link LayerDerivation} as text, one JSON object, Markdown or LaTeX. */
public final class LayerReports implements DerivationReports<LayerDerivation> {
  private final Symja symja;

  public LayerReports(Symja symja) {
    this.symja = symja;
  }

  private static String form(org.matheclipse.core.interfaces.IExpr e) {
    return CheckListing.form(e);
  }

  /** The per-unit forward formula in the shifted quantities the code uses. */
  public static String forward(LayerStatistic s) {
    return switch (s) {
      case RESPONSIBILITIES -> "out_j = exp(m - e_j) / s";
      case LOG_RESPONSIBILITIES -> "out_j = (m - e_j) - log s";
      case WEIGHTED -> "out_j = z_j exp(m - e_j) / s";
      case MEAN -> "out = sum_j z_j exp(m - e_j) / s";
      case ENTROPY -> "out = log s + sum_j (e_j - m) exp(m - e_j) / s";
      case FREE_ENERGY -> "out = m - log s";
      case MODE -> "out_j = [e_j = m] / #{k : e_k = m}";
    };
  }

  /** The backward rule written out with the derived coefficients. */
  static String backward(LayerDerivation d) {
    if (d.spec().statistic().isLimit()) return "grad_j = 0 (piecewise constant)";
    String u = d.spec().statistic().perUnit() ? "u_j" : "U";
    return "grad_j = " + u + " (" + form(d.direct()) + ")_j + e'(z_j) (" + u + " (" + form(d.own()) + ")_j + r_j ("
        + "sum_i " + (d.spec().statistic().perUnit() ? "u_i" : "U") + " (" + form(d.shared()) + ")_i"
        + (d.spec().statistic().perUnit() ? "" : " - U (" + form(d.groupSlope()) + ")") + "))";
  }

  @Override
  public String text(LayerDerivation d) {
    LayerSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("spec:        derive ").append(s.toCommandLine()).append('\n');
    b.append("layer:       groups of ").append(s.group() == 0 ? "n (the whole input)" : s.group() + " units")
        .append("; unit energy ").append(s.kernel().name()).append("  k(z) = ").append(s.kernel().energy()).append('\n');
    if (!s.bound().isEmpty()) {
      StringBuilder ps = new StringBuilder();
      s.bound().forEach((k, v) -> ps.append(ps.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
      b.append("parameters:  ").append(ps).append('\n');
    }
    b.append("statistic:   ").append(s.statistic().cliName()).append(" (").append(s.statistic().definition())
        .append(s.statistic().perUnit() ? "; one output per unit" : "; one output per group").append(")\n\n");
    b.append("unit energy   e(z)  = ").append(form(d.energy())).append('\n');
    b.append("slope         e'(z) = ").append(form(d.slope())).append('\n');
    for (int i = 0; i < s.free().size(); i++) {
      String theta = s.free().get(i);
      b.append("free          ").append(theta).append(" (a per-layer scalar; measured at ").append(s.defaultOf(theta))
          .append("): de/d").append(theta).append(" = ").append(form(d.parameterSlopes().get(i)))
          .append(";  d").append(theta).append(" = sum_j de_j/d").append(theta)
          .append(" (u_j a_j + r_j (sum_i u_i b_i - U g'(A)))\n");
    }
    b.append("per group     m = min_k e_k,  s = sum_k exp(m - e_k),  A = -m + log s,  r_j = exp(m - e_j)/s\n");
    b.append("forward       ").append(forward(s.statistic())).append('\n');
    if (!s.statistic().isLimit()) {
      b.append("local form    f(z, e, r, A) = ").append(form(d.unitTerm())).append(",  g(A) = ").append(form(d.groupTerm())).append('\n');
      b.append("coefficients  p = df/dz = ").append(form(d.direct())).append(",  a = df/de - r df/dr = ").append(form(d.own()))
          .append(",  b = r df/dr - df/dA = ").append(form(d.shared())).append(",  g'(A) = ").append(form(d.groupSlope())).append('\n');
    }
    b.append("backward      ").append(backward(d)).append("\n\n");
    CheckListing.appendText(b, d.checks());
    return b.toString();
  }

  @Override
  public String json(LayerDerivation d) {
    ObjectMapper mapper = CheckListing.mapper();
    ObjectNode o = mapper.createObjectNode();
    LayerSpec s = d.spec();
    o.put("spec", s.toCommandLine());
    o.put("input", "layer");
    o.put("group", s.group());
    o.put("kernel", s.kernel().name());
    o.put("energy", s.kernel().energy());
    o.put("stat", s.statistic().cliName());
    o.put("perUnit", s.statistic().perUnit());
    ObjectNode params = o.putObject("parameters");
    s.bound().forEach((k, v) -> params.put(k, v.toString()));
    o.put("temperature", s.temperature().toString());
    ArrayNode energies = o.putArray("energies");
    energies.add(form(d.energy()));
    o.put("unitEnergy", form(d.energy()));
    o.put("slope", form(d.slope()));
    if (!s.free().isEmpty()) {
      ObjectNode freeSlopes = o.putObject("free");
      for (int i = 0; i < s.free().size(); i++) freeSlopes.put(s.free().get(i), form(d.parameterSlopes().get(i)));
    }
    o.put("statistic", forward(s.statistic()));
    o.put("derivative", backward(d));
    o.put("backward", backward(d));
    if (!s.statistic().isLimit()) {
      ObjectNode local = o.putObject("localForm");
      local.put("f", form(d.unitTerm()));
      local.put("g", form(d.groupTerm()));
      local.put("p", form(d.direct()));
      local.put("a", form(d.own()));
      local.put("b", form(d.shared()));
      local.put("gPrime", form(d.groupSlope()));
    }
    CheckListing.putJson(o, d.checks());
    return CheckListing.write(mapper, o);
  }

  /** Markdown: the same content as the text report, with the formulas as code and TeX for the energy. */
  @Override
  public String markdown(LayerDerivation d) {
    LayerSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("# Layer activation: ").append(s.statistic().cliName()).append(" of ").append(s.kernel().name()).append(" unit energies\n\n");
    b.append("`derive ").append(s.toCommandLine()).append("`\n\n");
    b.append("Unit energy: $e(z) = ").append(symja.tex(d.energy())).append("$, slope $e'(z) = ").append(symja.tex(d.slope())).append("$.\n\n");
    b.append("Statistic: ").append(s.statistic().definition()).append(".\n\n");
    b.append("```\n").append(text(d)).append("```\n");
    return b.toString();
  }

  /** LaTeX: the energy, slope and rule as an align block. */
  @Override
  public String latex(LayerDerivation d) {
    StringBuilder b = new StringBuilder();
    b.append("% derive ").append(d.spec().toCommandLine()).append('\n');
    b.append("\\begin{align*}\n");
    b.append("e(z) &= ").append(symja.tex(d.energy())).append(" \\\\\n");
    b.append("e'(z) &= ").append(symja.tex(d.slope())).append(" \\\\\n");
    b.append("\\text{backward: } & \\texttt{").append(backward(d).replace("_", "\\_")).append("}\n");
    b.append("\\end{align*}\n");
    return b.toString();
  }
}
