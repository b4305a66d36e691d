package dev.activations.deriver.emit;

import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.report.AttentionReports;
import dev.activations.deriver.symbolic.Symja;

/** The class comment of an attention class: spec, math, backward rule, checks and contracts. */
final class AttentionJavadoc {
  private AttentionJavadoc() {}

  /** The contract an attention class is measured against. */
  static final String CONTRACT = "outputs within 1e-12 (relative; the mean normwise against its largest component), gradients"
      + " within 1e-10 of their largest component";

  /**
   * @param scalesEntries whether the class evaluates overflowing Gram entries scaled (a linear Gram energy)
   * @param asymptotic the asymptotic form the class scales large entries with (null: the linear path or none)
   * @param missed the measured worst errors of a class that misses the contract (written with
   *     {@code --accept-inaccurate}), stated instead of the contract; null for a class that meets it
   */
  static String of(AttentionDerivation d, boolean scalesEntries, AttentionClassEmitter.Asymptotic asymptotic, String missed) {
    StringBuilder sb = new StringBuilder();
    sb.append("Generated attention; do not edit. Regenerate with:\n\n<pre>\nderive ")
        .append(html(d.spec().toCommandLine())).append("\n</pre>\n\n")
        .append("<p>Query {@code q} in R^d, keys {@code k_1..k_n} in R^d (row-major), values {@code v_1..v_n} in R^m")
        .append(" (row-major).\nKey {@code j} is a hypothesis with the energy {@code e_j = kappa(q, k_j) / T},")
        .append(" {@code kappa(q, k) = ").append(html(d.spec().kernel().energy())).append("}; in the Gram entries")
        .append("\n({@code ").append(html(AttentionReports.entries(d))).append("}):\n\n<pre>\n")
        .append("e = ").append(html(Symja.inputForm(d.energy()))).append('\n');
    for (String g : AttentionReports.gradients(d)) sb.append(html(g)).append('\n');
    sb.append("</pre>\n\nWith {@code A = log sum_j exp(-e_j)} and {@code r_j = exp(-e_j - A)} (the attention weights), the statistic is\n{@code ")
        .append(html(d.spec().statistic().definition())).append("}. Backward (upstream {@code u}):\n\n<pre>\n")
        .append(html(AttentionReports.delta(d.spec().statistic()))).append("\n")
        .append("grad q = sum_j dL/de_j grad_q e_j,  grad k_j = dL/de_j grad_k e_j")
        .append(d.spec().statistic().usesValues() ? ",  grad v_j = r_j u" : "")
        .append(d.weighted() ? ",  grad w = sum_j dL/de_j grad_w e_j" : "").append("\n</pre>\n\n")
        .append("<p>Checks made when this class was derived:\n\n<ul>\n");
    for (LayerDerivation.Check c : d.checks()) {
      sb.append("  <li>").append(html(c.name())).append(": ").append(c.passed() ? "holds" : "FAILED")
          .append(" (").append(html(c.detail())).append(")\n");
    }
    if (asymptotic != null) {
      sb.append("  <li>asymptotic form at large entries, f = ").append(html(asymptotic.formula())).append(": holds (")
          .append(html(asymptotic.check())).append(")\n");
    }
    sb.append("</ul>\n\n")
        .append("<p>Evaluation: the Gram entries are compensated sums; the squared distance is {@code sum (q_i - k_i)^2},\n")
        .append("never {@code qq - 2 qk + kk}; a kernel of the cosine only runs on vectors scaled by powers of two (no norm\n")
        .append("overflows). One pass over the keys keeps the running minimum energy {@code m}, {@code s = sum_j exp(m - e_j)} and\n")
        .append("the running value sum, rescaled when the minimum drops; the backward pass takes its reductions relative to\n")
        .append("the winning key. Exactly tied keys share equally; a NaN makes every output and gradient NaN; with no keys\n")
        .append("or every energy {@code +Infinity} there is no posterior and the outputs are NaN. An energy that overflows\n")
        .append(asymptotic != null
            ? (asymptotic.fractional()
                ? "for finite inputs does not: each key and the query are multiplied by a power of two 2^-se of their own (each\n"
                    + "key its own se, which puts their largest entry near 2^" + asymptotic.target() + ": small entries are scaled up, so that the energy of\n"
                    + "entries near 1e-200 is kept where their squared distance underflows) and the energy is evaluated in its\n"
                : "for finite inputs does not: where an entry of the query or of a key exceeds 2^" + (asymptotic.target() + 1) + ", that key and the query\n"
                    + "are multiplied by a power of two 2^-se of their own (each key its own se) and the energy is evaluated in its\n")
                + "asymptotic form e(L g') = L^" + asymptotic.powerText() + " f(g', t) + c log L (L = 2^2se, t = 1/L), energy gaps taken between the keys'\n"
                + "scales exactly (a scaled energy of -Infinity, a key equal to the query once t underflows, wins outright) and\n"
                + (asymptotic.fractional()
                    ? "log-priors kept apart (entries from 1e-200 to 1e200 meet the contract; where a key's gradient cancels beyond the\n"
                        + "contract, the key gradients are NaN). The {@code double[]}\n"
                    : "log-priors kept apart (entries up to 1e200 meet the contract; where a double holds no scale of a query and a key\n"
                        + "some 1e300 apart, or a key's gradient cancels beyond the contract, the gradients are NaN). The {@code double[]}\n")
                + "methods do not allocate; the {@code float[]}\n"
            : scalesEntries
            ? "for finite inputs does not: the energy is linear in the Gram entries, so where one overflows the keys are\n"
                + "evaluated again on query and keys scaled by a power of two, energy gaps scaled back exactly and log-priors kept\n"
                + "apart (entries up to 1e200 meet the contract). The {@code double[]} methods do not allocate; the {@code float[]}\n"
            : "for finite inputs counts as infinite. The {@code double[]} methods do not allocate; the {@code float[]}\n")
        .append("methods compute in double with a per-thread accumulator and round once.\n\n")
        .append(d.weighted() ? "<p>Weights: the diagonal {@code w} (positive, {@code d} entries) is the trailing argument pair\n"
            + "{@code w, wOff} of every method; the backward methods also take {@code gradW, gwOff} ({@code d L / d w}; may be null;\n"
            + "summed over the queries in {@code backwardBatch}). The weighted entries are compensated sums as well.\n\n" : "")
        .append(d.spec().free().isEmpty() ? "" : "<p>Free parameters (" + String.join(", ", d.spec().free())
            + "): trailing {@code double} arguments of every method, in that order; {@code d<Param>(..., upstream, upOff, ...)}\n"
            + "returns the derivative of {@code <upstream, value(...)>} by the parameter (measured at "
            + d.spec().free().stream().map(f -> f + " = " + d.spec().bound().get(f)).collect(java.util.stream.Collectors.joining(", "))
            + ").\n\n")
        .append(missed == null
            ? "<p>Accuracy (measured against a high-precision evaluation of the definition when this class was derived):\n"
                + "outputs within 1e-12 (relative; the mean normwise against its largest component), gradients within\n"
                + "1e-10 of their largest component.\n"
            : ClassJavadoc.missedContract(CONTRACT, missed));
    return sb.toString();
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;").replace("*/", "*&#47;");
  }
}
