package dev.activations.deriver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.interfaces.IExpr;

/** Renders a {@link Derivation} as readable text, one JSON object, or TeX. */
public final class Reports {
  private final Symja symja;

  public Reports(Symja symja) {
    this.symja = symja;
  }

  /** Structured forms are stored unevaluated (for lowering); people read them evaluated. */
  private String form(IExpr e) {
    return Symja.inputForm(symja.eval(e));
  }

  private List<String> forms(List<IExpr> es) {
    List<String> out = new ArrayList<>();
    for (IExpr e : es) out.add(form(e));
    return out;
  }

  /** The statistic as one string: the closed form, or a list for vector statistics. */
  private String joined(List<IExpr> es) {
    return es.size() == 1 ? form(es.get(0)) : "{" + String.join(", ", forms(es)) + "}";
  }

  public String text(Derivation d) {
    ActivationSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("spec:        ").append(s.toCommandLine()).append('\n');
    b.append("kernel:      ").append(s.kernel().name()).append("  k(z, mu) = ").append(s.kernel().energy()).append('\n');
    if (!s.bound().isEmpty()) {
      b.append("parameters:  ");
      List<String> ps = new ArrayList<>();
      s.bound().forEach((k, v) -> ps.add(k + " = " + v));
      s.free().forEach(f -> ps.add(f + " free"));
      b.append(String.join(", ", ps)).append('\n');
    }
    b.append("statistic:   ").append(s.statistic().cliName()).append(" (").append(s.statistic().description()).append(")\n\n");
    b.append("energies e_h = k(z, mu_h)/T - pi_h:\n");
    for (int h = 0; h < d.energies().size(); h++) {
      b.append("  e_").append(h + 1).append(" = ").append(form(d.energies().get(h)))
          .append("      (value g_").append(h + 1).append(" = ").append(form(d.values().get(h))).append(")\n");
    }
    b.append("log-partition A = ").append(form(d.logPartition())).append('\n');
    b.append("energy differences (simplified):\n");
    for (int h = 0; h < d.energies().size(); h++) {
      for (int k = h + 1; k < d.energies().size(); k++) {
        b.append("  e_").append(h + 1).append(" - e_").append(k + 1).append(" = ").append(form(d.differences().get(h).get(k))).append('\n');
      }
    }
    b.append("responsibilities r_h = 1/(1 + sum_k exp(-(e_k - e_h))):\n");
    for (int h = 0; h < d.responsibilities().size(); h++) {
      b.append("  r_").append(h + 1).append(" = ").append(form(d.responsibilities().get(h))).append('\n');
    }
    b.append('\n').append(s.statistic().cliName()).append(" = ").append(joined(d.closed())).append('\n');
    b.append("d/dz = ").append(joined(d.closedDerivative())).append('\n');
    d.parameterDerivatives().forEach((p, es) -> b.append("d/d").append(p).append(" = ").append(joined(es)).append('\n'));
    b.append("\nimplicit-EM identity dA/de_h = -r_h: ").append(d.emIdentity() ? "verified" : "NOT verified").append('\n');
    if (!d.kinks().isEmpty()) b.append("kinks (not differentiable) at z = ").append(String.join(", ", d.kinks())).append('\n');
    for (String n : d.notes()) b.append("note: ").append(n).append('\n');
    return b.toString();
  }

  public String json(Derivation d) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = mapper.createObjectNode();
    ActivationSpec s = d.spec();
    o.put("spec", s.toCommandLine());
    o.put("kernel", s.kernel().name());
    o.put("energy", s.kernel().energy());
    o.put("hypotheses", s.hypotheses().text());
    o.put("stat", s.statistic().cliName());
    ObjectNode params = o.putObject("parameters");
    s.bound().forEach((k, v) -> params.put(k, v.toString()));
    ArrayNode free = o.putArray("free");
    s.free().forEach(free::add);
    o.put("temperature", s.temperature().toString());
    ArrayNode energies = o.putArray("energies");
    forms(d.energies()).forEach(energies::add);
    ArrayNode values = o.putArray("values");
    forms(d.values()).forEach(values::add);
    o.put("logPartition", form(d.logPartition()));
    ArrayNode resp = o.putArray("responsibilities");
    forms(d.responsibilities()).forEach(resp::add);
    o.put("statistic", joined(d.closed()));
    o.put("derivative", joined(d.closedDerivative()));
    ObjectNode pd = o.putObject("parameterDerivatives");
    d.parameterDerivatives().forEach((p, es) -> pd.put(p, joined(es)));
    ArrayNode structured = o.putArray("structured");
    forms(d.structured()).forEach(structured::add);
    o.put("emIdentity", d.emIdentity());
    ArrayNode kinks = o.putArray("kinks");
    d.kinks().forEach(kinks::add);
    ArrayNode notes = o.putArray("notes");
    d.notes().forEach(notes::add);
    try {
      return mapper.writeValueAsString(o) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String latex(Derivation d) {
    ActivationSpec s = d.spec();
    StringBuilder b = new StringBuilder();
    b.append("% ").append(s.toCommandLine()).append('\n');
    for (int h = 0; h < d.energies().size(); h++) {
      b.append("e_{").append(h + 1).append("}(z) &= ").append(symja.tex(d.energies().get(h))).append(" \\\\\n");
    }
    String name = s.statistic().cliName().replace("-", "\\text{-}");
    for (int i = 0; i < d.closed().size(); i++) {
      String idx = d.closed().size() > 1 ? "_{" + (i + 1) + "}" : "";
      b.append("\\mathrm{").append(name).append("}").append(idx).append("(z) &= ").append(symja.tex(d.closed().get(i))).append(" \\\\\n");
      b.append("\\frac{d}{dz}\\mathrm{").append(name).append("}").append(idx).append("(z) &= ")
          .append(symja.tex(d.closedDerivative().get(i))).append(" \\\\\n");
    }
    return b.toString();
  }
}
