package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a parameter may lie: a conjunction of bounds such as {@code nu > 0} or
 * {@code 0 < p && p < 1}, read from a kernel file. An empty domain is the whole real line.
 */
public record Domain(String text, List<Bound> bounds) {
  private static final Pattern BOUND =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*|[-+]?[0-9./eE+-]+)\\s*(<=|>=|<|>)\\s*([A-Za-z][A-Za-z0-9]*|[-+]?[0-9./eE+-]+)\\s*");

  public Domain {
    Objects.requireNonNull(text, "text");
    bounds = List.copyOf(bounds);
  }

  public static final Domain REALS = new Domain("", List.of());

  /** One comparison of the parameter with a number, normalised to {@code param OP number}. */
  public record Bound(String parameter, String op, ExactNumber limit) {
    boolean admits(ExactNumber v) {
      int c = v.compareTo(limit);
      return switch (op) {
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  /** Parses {@code "nu > 0"} or {@code "0 < p && p <= 1"} for parameter {@code param}. */
  public static Domain parse(String param, String text) {
    String t = text.strip();
    if (t.isEmpty()) return REALS;
    List<Bound> bounds = new ArrayList<>();
    for (String part : t.split("&&")) {
      Matcher m = BOUND.matcher(part);
      if (!m.matches()) throw new IllegalArgumentException("domain of " + param + ": cannot read '" + part.strip() + "'");
      String left = m.group(1);
      String op = m.group(2);
      String right = m.group(3);
      if (left.equals(param)) {
        bounds.add(new Bound(param, op, ExactNumber.parse(right, "domain of " + param)));
      } else if (right.equals(param)) {
        bounds.add(new Bound(param, flip(op), ExactNumber.parse(left, "domain of " + param)));
      } else {
        throw new IllegalArgumentException("domain of " + param + " must compare " + param + " with a number: '" + part.strip() + "'");
      }
    }
    return new Domain(t, bounds);
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> throw new IllegalStateException(op);
    };
  }

  public boolean admits(ExactNumber v) {
    return bounds.stream().allMatch(b -> b.admits(v));
  }

  /** The Symja assumption text for this domain, e.g. {@code nu>0 && nu<5}; empty for the reals. */
  public String assumption() {
    return String.join(" && ", bounds.stream().map(b -> b.parameter() + b.op() + b.limit()).toList());
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "any real" : text;
  }
}
