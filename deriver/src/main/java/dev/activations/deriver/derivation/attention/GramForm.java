package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.SpecException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a vector energy of a query {@code q} and a key {@code k}, written with {@code Dot[x,
 * y]}, {@code Norm[x]} and the dimension {@code Dim}, as a scalar expression in the Gram entries
 * {@code qq = <q,q>}, {@code qk = <q,k>}, {@code kk = <k,k>}, the squared distance {@code dd =
 * |q-k|^2} and {@code dim = d}: the form the deriver differentiates. The arguments of {@code Dot}
 * and {@code Norm} are sums of {@code q} and {@code k} with signs ({@code q}, {@code k}, {@code
 * q-k}, {@code -k}, ...); a product of two multiples of {@code q-k} becomes {@code dd} (so that the
 * emitted code computes {@code sum (q_i - k_i)^2}, never {@code qq - 2 qk + kk}), anything else is
 * expanded bilinearly.
 *
 * <p><b>Weighted entries.</b> {@code Dot[x, y, w]} and {@code Norm[x, w]} are the diagonal
 * Mahalanobis forms {@code <x, W y>} and {@code sqrt(<x, W x>)}, {@code W = diag(w)} with a
 * positive weight vector {@code w} of length d (a run-time argument of the emitted class, not a
 * {@code --param}). They rewrite to the same entry names, which then stand for the weighted
 * entries ({@code dd = sum_i w_i (q_i - k_i)^2}); an energy is either weighted throughout or not at
 * all ({@link #weighted}).
 *
 * <p>The rewrite is textual and runs before the whitelist parser sees the text, which then
 * applies the same limits as for every other energy.
 */
public final class GramForm {
  /** The names the rewrite introduces; a user's parameter may not take them. */
  public static final Set<String> RESERVED = Set.of("q", "k", "qq", "qk", "kk", "dd", "dim", "rho", "Dim");
  /** The Gram variables in the order the emitter evaluates them. */
  public static final List<String> ENTRIES = List.of("qq", "qk", "kk", "dd");

  private static final Pattern CALL = Pattern.compile("\\b(Dot|Norm)\\s*\\[");
  private static final Pattern TERM = Pattern.compile("([+-]?)(\\d*)\\*?([qk])");
  private static final Pattern DIM = Pattern.compile("\\bDim\\b");
  /** {@code ^n} or {@code ^(n)} right after a call, n a positive integer not raised again. */
  private static final Pattern EVEN_POWER = Pattern.compile("\\s*\\^\\s*(?:\\(\\s*(\\d{1,3})\\s*\\)|(\\d{1,3})(?![\\d.]))(?!\\s*\\^)");
  private static final Pattern BARE_W = Pattern.compile("(?<![A-Za-z0-9])w(?![A-Za-z0-9])");
  private static final Pattern BARE = Pattern.compile("(?<![A-Za-z0-9])[qk](?![A-Za-z0-9])");

  /** The name of the weight vector in {@code Dot[x, y, w]} and {@code Norm[x, w]}. */
  public static final String WEIGHTS = "w";

  private GramForm() {}

  /**
   * Whether the energy uses weighted entries ({@code Dot[x, y, w]}, {@code Norm[x, w]}).
   *
   * @throws SpecException when weighted and unweighted calls are mixed
   */
  public static boolean weighted(String energy) {
    of(energy);
    Matcher m = CALL.matcher(energy);
    int at = 0;
    Boolean weighted = null;
    while (m.find(at)) {
      int open = m.end() - 1;
      int close = matching(energy, open);
      List<String> args = splitTopLevel(energy.substring(open + 1, close));
      boolean w = args.size() == (m.group(1).equals("Dot") ? 3 : 2);
      if (weighted != null && weighted != w) {
        throw new SpecException("energy: either every Dot and Norm takes the weight vector w (Dot[q-k,q-k,w]) or none does");
      }
      weighted = w;
      at = close + 1;
    }
    return weighted != null && weighted;
  }

  /**
   * The energy in Gram entries.
   *
   * @throws SpecException when {@code q} or {@code k} appear outside {@code Dot}/{@code Norm}, or
   *     an argument is not a signed sum of {@code q} and {@code k}
   */
  public static String of(String energy) {
    StringBuilder out = new StringBuilder();
    Matcher m = CALL.matcher(energy);
    int at = 0;
    while (m.find(at)) {
      out.append(energy, at, m.start());
      int open = m.end() - 1;
      int close = matching(energy, open);
      String inner = energy.substring(open + 1, close);
      List<String> args = splitTopLevel(inner);
      if (m.group(1).equals("Dot")) {
        if (args.size() == 3) weight(args.get(2));
        else if (args.size() != 2) throw new SpecException("energy: Dot takes 2 arguments (or 3 with the weight vector w), not " + args.size());
        out.append(dot(linear(args.get(0)), linear(args.get(1))));
      } else {
        if (args.size() == 2) weight(args.get(1));
        else if (args.size() != 1) throw new SpecException("energy: Norm takes 1 argument (or 2 with the weight vector w), not " + args.size());
        int[] x = linear(args.get(0));
        Matcher even = EVEN_POWER.matcher(energy).region(close + 1, energy.length());
        String power = even.lookingAt() ? (even.group(1) != null ? even.group(1) : even.group(2)) : null;
        if (power != null && Integer.parseInt(power) % 2 == 0 && Integer.parseInt(power) > 0) {
          // Norm[x]^(2j) is <x,x>^j: no root, so nothing to differentiate at x = 0 (the reference's
          // Sqrt[dd]^2 had no gradient at a key equal to the query, and Norm[q-k]^2/2 was refused)
          int j = Integer.parseInt(power) / 2;
          out.append("(").append(dot(x, x)).append(")");
          if (j != 1) out.append("^").append(j);
          at = even.end();
          continue;
        }
        out.append("Sqrt[").append(dot(x, x)).append("]");
      }
      at = close + 1;
    }
    out.append(energy.substring(at));
    String rewritten = DIM.matcher(out.toString()).replaceAll("dim");
    if (BARE_W.matcher(rewritten).find()) {
      throw new SpecException("energy: w is the weight vector and may only appear as the last argument of Dot[..] or Norm[..]");
    }
    if (BARE.matcher(rewritten).find()) {
      throw new SpecException("energy: q and k may only appear inside Dot[..] or Norm[..] (e.g. -Dot[q,k]/Sqrt[Dim], Dot[q-k,q-k]/2)");
    }
    return rewritten;
  }

  private static void weight(String arg) {
    if (!arg.strip().equals(WEIGHTS)) {
      throw new SpecException("energy: the weight argument of Dot and Norm is the weight vector w, not '" + ExactNumber.abbreviate(arg.strip()) + "'");
    }
  }

  /** Rejects user symbols that collide with the rewrite's names (checked on the original text). */
  public static void checkNames(java.util.Collection<String> parameters) {
    for (String p : parameters) {
      if (RESERVED.contains(p) && !p.equals("q") && !p.equals("k") && !p.equals("Dim")) {
        throw new SpecException("energy: '" + p + "' is reserved for attention (the Gram entries qq, qk, kk, dd and dim); rename the parameter");
      }
    }
  }

  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') depth++;
      else if (c == ']' && --depth == 0) return i;
    }
    throw new SpecException("energy: unbalanced brackets");
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '(') depth++;
      else if (c == ']' || c == ')') depth--;
      else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /** {@code {alpha, beta}} for an argument {@code alpha q + beta k}. */
  private static int[] linear(String arg) {
    String t = arg.replaceAll("\\s+", "");
    if (t.startsWith("(") && t.endsWith(")")) t = t.substring(1, t.length() - 1);
    if (t.isEmpty()) throw new SpecException("energy: empty argument of Dot or Norm");
    int[] c = new int[2];
    Matcher m = TERM.matcher(t);
    int at = 0;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new SpecException("energy: the arguments of Dot and Norm are sums of q and k (like q, k, q-k), not '"
            + ExactNumber.abbreviate(arg.strip()) + "'");
      }
      int factor = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2).length() > 3 ? "1000" : m.group(2));
      if (factor > 64) throw new SpecException("energy: coefficients in Dot and Norm are limited to 64");
      int sign = m.group(1).equals("-") ? -1 : 1;
      c[m.group(3).equals("q") ? 0 : 1] += sign * factor;
      at = m.end();
    }
    if (c[0] == 0 && c[1] == 0) throw new SpecException("energy: an argument of Dot or Norm is zero: '" + ExactNumber.abbreviate(arg.strip()) + "'");
    return c;
  }

  private static String dot(int[] x, int[] y) {
    if (x[0] == -x[1] && y[0] == -y[1]) return "(" + (x[0] * y[0]) + "*dd)";
    long qq = (long) x[0] * y[0];
    long qk = (long) x[0] * y[1] + (long) x[1] * y[0];
    long kk = (long) x[1] * y[1];
    StringBuilder b = new StringBuilder("(");
    if (qq != 0) b.append("+").append(qq).append("*qq");
    if (qk != 0) b.append("+").append(qk).append("*qk");
    if (kk != 0) b.append("+").append(kk).append("*kk");
    if (b.length() == 1) b.append("0");
    return b.append(")").toString().replace("(+", "(").replace("+-", "-");
  }
}
