package dev.activations.deriver.emit;

import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The class Javadoc: regenerating spec, math, parameters, special-input contract. */
final class ClassJavadoc {
  private ClassJavadoc() {}

  static String of(LoweredActivation a, FloatArithmetic floats) {
    LoweredActivation.Math math = a.math();
    StringBuilder sb = new StringBuilder();
    sb.append("Generated activation function; do not edit. Regenerate with:\n\n<pre>\n")
        .append(html(a.spec()))
        .append("\n</pre>\n");
    if (!math.energies().isEmpty()) {
      sb.append("\n<p>Energies:\n\n<ul>\n");
      for (String e : math.energies()) {
        sb.append("  <li><code>").append(html(e)).append("</code>\n");
      }
      sb.append("</ul>\n");
    }
    sb.append("\n<p>Statistic: <code>").append(html(math.statistic())).append("</code>\n");
    sb.append("\n<p>Derivative: <code>").append(html(math.derivative())).append("</code>\n");
    if (a.isVector()) {
      sb.append("\n<p>Outputs: ").append(a.values().size())
          .append(" per input, one per hypothesis; array methods write output h of input i to"
              + " {@code out[outOff + i * OUTPUTS + h]}.\n");
    }
    if (!a.freeParameters().isEmpty()) {
      StringJoiner names = new StringJoiner(", ");
      a.freeParameters().forEach(p -> names.add("<code>" + html(p) + "</code>"));
      sb.append("\n<p>Free parameters, the trailing arguments of every method in this order: ")
          .append(names)
          .append(". {@code d<Name>} methods give the derivatives with respect to them.\n");
    }
    sb.append("\n<p>Special inputs:\n\n<ul>\n")
        .append("  <li>NaN gives NaN.\n")
        .append("  <li>").append(limits(a, "+Infinity", true)).append('\n')
        .append("  <li>").append(limits(a, "-Infinity", false)).append('\n');
    for (String s : math.specialInputs()) {
      sb.append("  <li>").append(html(s)).append('\n');
    }
    sb.append("</ul>\n");
    if (!math.accuracy().isEmpty()) {
      sb.append("\n<p>Accuracy: ").append(html(math.accuracy())).append('\n');
    }
    if (floats.any()) {
      String which = floats.value() && floats.derivative()
          ? "{@code value}, {@code derivative} and {@code backward} compute"
          : floats.value() ? "{@code value} computes"
          : "{@code derivative} and {@code backward} compute";
      sb.append("\n<p>Float arithmetic: with SIMD ({@link #VECTORIZED}), float[] ").append(which)
          .append(" in float\n(twice the lanes of double). That was measured, when this class was"
              + " derived, to meet the float\ncontract: relative error at most 2^-20 against the"
              + " exact value rounded to float (absolute\n8 * Float.MIN_VALUE below"
              + " Float.MIN_NORMAL), finite wherever that is finite")
          .append(floats.derivative() ? "; {@code backward} adds the\nrounding of its product"
              : "")
          .append(". Every other method, and the float[] methods without SIMD,\ncompute in double"
              + " and round once.\n");
    }
    return sb.toString();
  }

  private static String limits(LoweredActivation a, String where, boolean positive) {
    StringJoiner parts = new StringJoiner(", ");
    describe(parts, "value", a.values(), positive);
    describe(parts, "derivative", a.derivatives(), positive);
    for (String p : a.freeParameters()) {
      describe(parts, ClassEmitter.derivativeMethod(p), a.parameterDerivatives().get(p), positive);
    }
    return parts.length() == 0
        ? where + ": no limit is stated; the formula is evaluated."
        : where + " gives " + html(parts.toString()) + ".";
  }

  private static void describe(StringJoiner parts, String name, List<Output> outs,
      boolean positive) {
    List<String> values = new ArrayList<>();
    boolean any = false;
    for (Output o : outs) {
      double v = positive ? o.atPositiveInfinity() : o.atNegativeInfinity();
      any |= !Double.isNaN(v);
      values.add(Double.isNaN(v) ? "not stated" : Double.toString(v));
    }
    if (any) {
      parts.add(name + " " + (values.size() == 1
          ? values.get(0) : "(" + String.join(", ", values) + ")"));
    }
  }

  /**
   * Escapes text for a Javadoc comment: HTML ({@code & < >}), and what would end the comment,
   * start a tag, or be read by javac as a unicode escape ({@code * /}, {@code @}, backslash).
   */
  /**
   * The accuracy paragraph of a vector class written although it misses {@code contract}
   * ({@code --accept-inaccurate}): what was measured, and where, instead of the contract.
   */
  static String missedContract(String contract, String missed) {
    return "<p>Accuracy: this class does NOT meet the contract (" + contract + "); it was written with\n"
        + "{@code --accept-inaccurate}. Measured against a high-precision evaluation of the definition when this class was\n"
        + "derived: " + html(missed) + ".\n";
  }

  static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*/", "*&#47;")
        .replace("@", "&#64;")
        .replace("\\", "&#92;");
  }
}
