package dev.activations.deriver.emit;

import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.symbolic.Symja;

/** The class comment of a layer class: spec, math, backward rule, checks and contracts. */
final class LayerJavadoc {
  private LayerJavadoc() {}

  /** The contract a layer class is measured against. */
  static final String CONTRACT = "each output within 1e-12 relative (scale floor {@code Double.MIN_NORMAL}); per group, the gradient"
      + " within 1e-10 of its largest component";

  static String of(LayerDerivation d, boolean simd, boolean floatSimd) {
    return of(d, simd, floatSimd, null);
  }

  /**
   * @param missed the measured worst errors of a class that misses the contract (written with
   *     {@code --accept-inaccurate}), stated instead of the contract; null for a class that meets it
   */
  static String of(LayerDerivation d, boolean simd, boolean floatSimd, String missed) {
    LayerStatistic stat = d.spec().statistic();
    StringBuilder sb = new StringBuilder();
    sb.append("Generated layer activation; do not edit. Regenerate with:\n\n<pre>\nderive ")
        .append(html(d.spec().toCommandLine())).append("\n</pre>\n\n")
        .append("<p>The input {@code z[0..n-1]} is split into groups of {@link #GROUP} consecutive units")
        .append(" ({@code GROUP = 0}: one group).\nUnit {@code j} of a group has the energy {@code e_j = e(z_j)}")
        .append(" with\n\n<pre>\ne(z)  = ").append(html(Symja.inputForm(d.energy())))
        .append("\ne'(z) = ").append(html(Symja.inputForm(d.slope())))
        .append("\n</pre>\n\nand per group {@code A = log sum_k exp(-e_k)}, {@code r_j = exp(-e_j - A)}.")
        .append(" The statistic: {@code ").append(html(stat.definition())).append("}")
        .append(stat.perUnit() ? ", one output per unit" : ", one output per group").append(".\n\n");
    if (stat.isLimit()) {
      sb.append("<p>Backward: the mode is piecewise constant, so its gradient is 0 (NaN for a group with a NaN).\n");
    } else {
      sb.append("<p>Backward (upstream {@code u}), derived from the local form {@code f = ")
          .append(html(Symja.inputForm(d.unitTerm()))).append("}, {@code g = ")
          .append(html(Symja.inputForm(d.groupTerm()))).append("} and the implicit-EM identities")
          .append(" {@code dA/de_j = -r_j},\n{@code dr_i/de_j = -r_i (delta_ij - r_j)}:\n\n<pre>\n")
          .append("grad_j = u_j p_j + e'_j (u_j a_j + r_j (sum_i u_i b_i - U g'(A)))\n")
          .append("p = ").append(html(Symja.inputForm(d.direct())))
          .append(",  a = ").append(html(Symja.inputForm(d.own())))
          .append(",  b = ").append(html(Symja.inputForm(d.shared())))
          .append(",  g' = ").append(html(Symja.inputForm(d.groupSlope())))
          .append("\n</pre>\n\n")
          .append(stat.perUnit() ? "" : "(per-group statistic: every {@code u_i} is the group's {@code U}).\n\n");
    }
    for (int i = 0; i < d.spec().free().size(); i++) {
      String theta = d.spec().free().get(i);
      sb.append("<p>Free parameter {@code ").append(theta).append("}: a trailing argument of every method;")
          .append(" its gradient {@code d").append(Character.toUpperCase(theta.charAt(0))).append(theta.substring(1))
          .append("} is {@code sum_j de_j/d").append(theta).append(" dS/de_j}, the rule above without {@code p}")
          .append(" and with\n<pre>\nde/d").append(theta).append(" = ")
          .append(html(Symja.inputForm(d.parameterSlopes().get(i)))).append("\n</pre>\nin place of {@code e'}")
          .append(" (measured at ").append(theta).append(" = ").append(d.spec().defaultOf(theta)).append(").\n\n");
    }
    sb.append("<p>Checks made when this class was derived:\n\n<ul>\n");
    for (LayerDerivation.Check c : d.checks()) {
      sb.append("  <li>").append(html(c.name())).append(": ").append(c.passed() ? "holds" : "FAILED")
          .append(" (").append(html(c.detail())).append(")\n");
    }
    sb.append("</ul>\n\n")
        .append("<p>Evaluation: one pass per group keeps the winning unit (lowest energy {@code m}) and the sum")
        .append(" {@code s = sum_k exp(-x_k)},\nrescaled when the winner changes, where {@code x_k = e_k - m} is")
        .append(" the unit's gap to the winner, taken by {@code gap}\n(not as a difference of rounded energies")
        .append(" where that loses digits); outputs use the shifted quantities\n({@code r_j = exp(-x_j) / s},")
        .append(" {@code log r_j = -x_j - log s}, {@code H = log s + sum_k r_k x_k}, {@code F = m - log s}),")
        .append("\nso no gap is exponentiated upwards and no {@code 0 * log 0} is formed. No method allocates.\n\n")
        .append(simd ? "<p>With SIMD ({@link #VECTORIZED}), a {@code double[]} group of at least one vector takes the"
            + " minimum energy in a\npass of its own and exponentiates once per unit; the backward pass takes its"
            + " reduction relative to\nthe winning unit the same way. Groups with a NaN or an infinite minimum go to"
            + " the plain code.\n\n" : "")
        .append(floatSimd ? "<p>With SIMD, {@code value(float[] ...)} computes in float (groups of at least one"
            + " float vector):\nthe gaps as exact sums of two floats, a float exponential, within 2^-20 relative of"
            + " the exact value\n(scale floor {@code Float.MIN_NORMAL}). Without SIMD it computes in double and rounds"
            + " once.\n\n" : "")
        .append("<p>Special inputs: a NaN in a group makes that group's outputs (and gradients) NaN; units at")
        .append(" energy\n{@code -Infinity} share the responsibility equally (the limit), units at {@code +Infinity}")
        .append(" get none; a group\nwhose winner sits at an infinite input with energy {@code +Infinity} has no")
        .append(" limit and gives NaN.\nEnergies that overflow at finite inputs are still ordered by their gaps.\n\n")
        .append(missed == null
            ? "<p>Accuracy (measured against a high-precision evaluation of the definition when this class"
                + " was derived):\neach output within 1e-12 relative (scale floor {@code Double.MIN_NORMAL});"
                + " per group, the gradient within\n1e-10 of its largest component."
            : ClassJavadoc.missedContract(CONTRACT, missed).stripTrailing())
        .append(" The {@code float[]} methods")
        .append(floatSimd ? " other than that kernel compute in double and round once.\n"
            : " compute in double and round once.\n");
    return sb.toString();
  }

  private static String html(String s) {
    return ClassJavadoc.html(s);
  }
}
