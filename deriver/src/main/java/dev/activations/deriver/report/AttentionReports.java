package dev.activations.deriver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.derivation.attention.GramForm;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import org.matheclipse.core.interfaces.IExpr;

/** Renders an {@link AttentionDerivation} as text, one JSON object, Markdown or LaTeX. */
public final class AttentionReports implements DerivationReports<AttentionDerivation> {
  private final Symja symja;

  public AttentionReports(Symja symja) {
    this.symja = symja;
  }

  private static String form(org.matheclipse.core.interfaces.IExpr e) {
    return CheckListing.form(e);
  }

  /** The forward formula in the shifted quantities the code uses. */
  public static String forward(AttentionStatistic s) {
    return switch (s) {
      case MEAN -> "out = sum_j exp(m - e_j) v_j / s";
      case RESPONSIBILITIES -> "out_j = exp(m - e_j) / s";
      case ENTROPY -> "out = log s + sum_j (e_j - m) exp(m - e_j) / s";
      case FREE_ENERGY -> "out = m - log s";
      case MODE -> "out = sum_{j : e_j = m} v_j / #{j : e_j = m}";
    };
  }

  /** dL/de_j for the statistic (the implicit-EM identities), upstream u. */
  public static String delta(AttentionStatistic s) {
    return switch (s) {
      case MEAN -> "dL/de_j = -r_j (<u, v_j> - <u, out>)";
      case RESPONSIBILITIES -> "dL/de_j = -r_j (u_j - sum_i u_i r_i)";
      case ENTROPY -> "dL/de_j = u r_j (sum_k r_k e_k - e_j)";
      case FREE_ENERGY -> "dL/de_j = u r_j";
      case MODE -> "dL/de_j = 0 (piecewise constant); grad v_j = u / #ties for the tied keys";
    };
  }

  /** The kernel gradients as the engine assembled them. */
  public static String[] gradients(AttentionDerivation d) {
    if (d.isAngular()) {
      String g = form(d.angularSlope());
      return new String[] {"grad_q e = (" + g + ") / |q| (k/|k| - rho q/|q|)",
          "grad_k e = (" + g + ") / |k| (q/|q| - rho k/|k|)"};
    }
    String fa = form(d.partials().get("qq"));
    String fb = form(d.partials().get("qk"));
    String fc = form(d.partials().get("kk"));
    String fs = form(d.partials().get("dd"));
    if (d.weighted()) {
      return new String[] {"grad_q e = W (2 (" + fa + ") q + (" + fb + ") k + 2 (" + fs + ") (q - k))",
          "grad_k e = W ((" + fb + ") q + 2 (" + fc + ") k - 2 (" + fs + ") (q - k))",
          "d e/d w_i = (" + fa + ") q_i^2 + (" + fb + ") q_i k_i + (" + fc + ") k_i^2 + (" + fs + ") (q_i - k_i)^2"};
    }
    return new String[] {"grad_q e = 2 (" + fa + ") q + (" + fb + ") k + 2 (" + fs + ") (q - k)",
        "grad_k e = (" + fb + ") q + 2 (" + fc + ") k - 2 (" + fs + ") (q - k)"};
  }

  /** How the Gram entries are defined (weighted: with {@code W = diag(w)}). */
  public static String entries(AttentionDerivation d) {
    return d.weighted()
        ? "qq = <q,Wq>, qk = <q,Wk>, kk = <k,Wk>, dd = sum w_i (q_i - k_i)^2, W = diag(w), dim = d"
        : "qq = <q,q>, qk = <q,k>, kk = <k,k>, dd = |q-k|^2 = sum (q_i - k_i)^2, dim = d";
  }

  @Override
  public String text(AttentionDerivation d) {
    AttentionSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("spec:        derive ").append(s.toCommandLine()).append('\n');
    b.append("attention:   query q in R^d, keys k_j in R^d, values v_j in R^m; key j is a hypothesis\n");
    b.append("kernel:      ").append(s.kernel().name()).append("  kappa(q, k) = ").append(s.kernel().energy()).append('\n');
    if (!s.bound().isEmpty()) {
      StringBuilder ps = new StringBuilder();
      s.bound().forEach((k, v) -> ps.append(ps.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
      b.append("parameters:  ").append(ps).append('\n');
    }
    b.append("statistic:   ").append(s.statistic().cliName()).append(" (").append(s.statistic().definition())
        .append("; ").append(s.statistic().outputs()).append(" output").append(s.statistic().outputs().equals("1") ? "" : "s").append(")\n\n");
    b.append("Gram form     e = kappa/T = ").append(form(d.energy()))
        .append("   (").append(entries(d)).append(")\n");
    if (d.isAngular()) {
      b.append("angular       e = g(rho), rho = qk/(|q| |k|):  g = ").append(form(d.angular()))
          .append(",  g'(rho) = ").append(form(d.angularSlope())).append('\n');
    } else {
      for (String g : GramForm.ENTRIES) {
        b.append(String.format("partial       de/d%-3s = %s%n", g, form(d.partials().get(g))));
      }
    }
    d.parameterPartials().forEach((f, e) -> b.append(String.format("free          de/d%s = %s%n", f, form(e))));
    String[] grads = gradients(d);
    b.append("gradients     ").append(grads[0]).append('\n');
    b.append("              ").append(grads[1]).append('\n');
    if (grads.length > 2) b.append("              ").append(grads[2]).append('\n');
    b.append("per query     m = min_j e_j,  s = sum_j exp(m - e_j),  A = -m + log s,  r_j = exp(m - e_j)/s\n");
    b.append("forward       ").append(forward(s.statistic())).append('\n');
    b.append("backward      ").append(delta(s.statistic())).append('\n');
    if (s.statistic() != AttentionStatistic.MODE) {
      b.append("              grad q = sum_j dL/de_j grad_q e_j,  grad k_j = dL/de_j grad_k e_j")
          .append(s.statistic() == AttentionStatistic.MEAN ? ",  grad v_j = r_j u" : "")
          .append(d.weighted() ? ",  grad w = sum_j dL/de_j grad_w e_j" : "").append("\n");
    }
    b.append('\n');
    CheckListing.appendText(b, d.checks());
    return b.toString();
  }

  @Override
  public String json(AttentionDerivation d) {
    ObjectMapper mapper = CheckListing.mapper();
    ObjectNode o = mapper.createObjectNode();
    AttentionSpec s = d.spec();
    o.put("spec", s.toCommandLine());
    o.put("input", "attention");
    o.put("kernel", s.kernel().name());
    o.put("energy", s.kernel().energy());
    o.put("stat", s.statistic().cliName());
    o.put("outputs", s.statistic().outputs());
    ObjectNode params = o.putObject("parameters");
    s.bound().forEach((k, v) -> params.put(k, v.toString()));
    o.put("temperature", s.temperature().toString());
    o.put("gramForm", form(d.energy()));
    o.put("angular", d.isAngular());
    if (d.isAngular()) {
      o.put("angularEnergy", form(d.angular()));
      o.put("angularSlope", form(d.angularSlope()));
    } else {
      ObjectNode partials = o.putObject("partials");
      for (String g : GramForm.ENTRIES) partials.put(g, form(d.partials().get(g)));
    }
    String[] grads = gradients(d);
    o.put("gradQ", grads[0]);
    o.put("gradK", grads[1]);
    if (!d.parameterPartials().isEmpty()) {
      ObjectNode byParameter = o.putObject("parameterPartials");
      d.parameterPartials().forEach((f, e) -> byParameter.put(f, form(e)));
    }
    if (grads.length > 2) o.put("gradW", grads[2]);
    o.put("statistic", forward(s.statistic()));
    o.put("backward", delta(s.statistic()));
    CheckListing.putJson(o, d.checks());
    return CheckListing.write(mapper, o);
  }

  @Override
  public String markdown(AttentionDerivation d) {
    AttentionSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("# Attention: ").append(s.statistic().cliName()).append(" under the ").append(s.kernel().name()).append(" kernel\n\n");
    b.append("`derive ").append(s.toCommandLine()).append("`\n\n");
    b.append("Energy in Gram entries: $e = ").append(symja.tex(d.energy())).append("$.\n\n");
    b.append("```\n").append(text(d)).append("```\n");
    return b.toString();
  }

  @Override
  public String latex(AttentionDerivation d) {
    StringBuilder b = new StringBuilder();
    b.append("% derive ").append(d.spec().toCommandLine()).append('\n');
    b.append("\\begin{align*}\n");
    b.append("e &= ").append(symja.tex(d.energy())).append(" \\\\\n");
    for (String g : gradients(d)) b.append("& \\texttt{").append(g.replace("_", "\\_")).append("} \\\\\n");
    b.append("& \\texttt{").append(delta(d.spec().statistic()).replace("_", "\\_")).append("}\n");
    b.append("\\end{align*}\n");
    return b.toString();
  }
}
