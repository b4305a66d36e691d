package dev.activations.deriver.report;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja's {@code TeXForm}, made fit for the MathJax that renders GitHub Markdown.
 *
 * <p>Symja writes functions it has no TeX for as {@code \text{Sign}(z)}, {@code \text{Max}(0,z)},
 * {@code \text{Clip}(z,\{-1,1\})} and {@code \text{Piecewise}(\left(\begin{array}...\right),d)},
 * and uses macros MathJax does not define ({@code \sech}, {@code \csch}). This class renders
 * {@code Piecewise} itself as a {@code cases} environment (with intervals where the conditions
 * are successive upper bounds on z, as the deriver writes them), {@code Clip[x, {a, b}]} as
 * {@code clip(x, a, b)}, and rewrites the rest to {@code \operatorname}, {@code \max} and
 * {@code \min}.
 */
final class Tex {
  private static final Pattern TEXT_FUNCTION = Pattern.compile("\\\\text\\{([A-Za-z][A-Za-z0-9]*)\\}\\(");
  private static final Pattern UNDEFINED_IN_MATHJAX = Pattern.compile(
      "\\\\(sech|csch|arcsech|arccsch|arcsinh|arccosh|arctanh|arccoth|arcsec|arccsc|arccot|sgn)(?![A-Za-z])");
  private static final Map<String, String> FUNCTIONS = Map.of(
      "Sign", "\\operatorname{sign}",
      "Max", "\\max",
      "Min", "\\min",
      "clip", "\\operatorname{clip}",
      "Clip", "\\operatorname{clip}");

  private final Symja symja;

  Tex(Symja symja) {
    this.symja = symja;
  }

  /** TeX for {@code e} (evaluated first: structured forms are stored unevaluated). */
  String of(IExpr e) {
    return render(symja.eval(e));
  }

  private String render(IExpr e) {
    if (e.isAST(S.Piecewise)) return cases((IAST) e);
    Map<String, IAST> pieces = new LinkedHashMap<>();
    IExpr replaced = e.replaceAll(x -> {
      if (x.isAST(S.Piecewise)) {
        String name = "pwqx" + letters(pieces.size());
        pieces.put(name, (IAST) x);
        return symja.symbol(name);
      }
      if (x.isAST(S.Clip, 3) && x.second().isList() && x.second().argSize() == 2) {
        return F.ternaryAST3(symja.symbol("clip"), x.first(), x.second().first(), x.second().second());
      }
      return F.NIL;
    });
    String tex = clean(symja.tex(replaced.isPresent() ? replaced : e));
    // Later names are longer ("pwqxba" after "pwqxb"): replace them first.
    List<String> names = new ArrayList<>(pieces.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      tex = tex.replace(names.get(i), cases(pieces.get(names.get(i))));
    }
    return tex;
  }

  /** {@code 0 -> "a"}, {@code 25 -> "z"}, {@code 26 -> "ba"}: placeholder names without digits. */
  private static String letters(int n) {
    StringBuilder b = new StringBuilder();
    do {
      b.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return b.toString();
  }

  /**
   * A {@code cases} environment. Mathematica's Piecewise applies the first true condition; a
   * condition that is an interval of z is shown as that interval, an empty one is dropped, and
   * "else if" is written unless the rows are visibly disjoint intervals.
   */
  private String cases(IAST piecewise) {
    IExpr list = piecewise.arg1();
    IExpr otherwise = piecewise.argSize() >= 2 ? piecewise.arg2() : F.C0;
    List<IExpr> values = new ArrayList<>();
    List<IExpr> conditions = new ArrayList<>();
    for (IExpr row : (IAST) list) {
      values.add(row.first());
      conditions.add(row.second());
    }
    List<String> labels = intervals(conditions);
    List<String> rows = new ArrayList<>();
    String last;
    if (labels != null) {
      for (int i = 0; i < values.size(); i++) rows.add(render(values.get(i)) + " & " + labels.get(i));
      last = labels.get(values.size());
    } else {
      List<Interval> ranges = new ArrayList<>();
      List<IExpr> kept = new ArrayList<>();
      List<IExpr> keptConditions = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Interval r = interval(conditions.get(i));
        if (r != null && r.isEmpty(symja)) continue;
        ranges.add(r);
        kept.add(values.get(i));
        keptConditions.add(conditions.get(i));
      }
      boolean disjoint = !ranges.contains(null) && Interval.pairwiseDisjoint(ranges, symja);
      for (int i = 0; i < kept.size(); i++) {
        String condition = ranges.get(i) != null ? ranges.get(i).tex(this) : render(keptConditions.get(i));
        String word = disjoint ? "" : i == 0 ? "\\text{if } " : "\\text{else if } ";
        rows.add(render(kept.get(i)) + " & " + word + condition);
      }
      last = disjoint && Interval.cover(ranges, symja) ? null : "\\text{otherwise}";
    }
    StringBuilder b = new StringBuilder("\\begin{cases}\n");
    if (last == null) {
      b.append(String.join(" \\\\\n", rows));
    } else {
      for (String row : rows) b.append(row).append(" \\\\\n");
      b.append(render(otherwise)).append(" & ").append(last);
    }
    b.append("\n\\end{cases}");
    return b.toString();
  }

  /**
   * The interval of z that {@code c} describes when it is a comparison of z with a number, or a
   * conjunction of such comparisons; null otherwise.
   */
  private Interval interval(IExpr c) {
    IExpr z = symja.symbol("z");
    if (c.isAnd()) {
      Interval r = Interval.ALL;
      for (IExpr a : (IAST) c) {
        Interval i = interval(a);
        if (i == null) return null;
        r = r.intersect(i, symja);
      }
      return r;
    }
    if (!(c instanceof IAST ast) || ast.argSize() != 2) return null;
    IExpr left = ast.arg1();
    IExpr right = ast.arg2();
    boolean flipped = false;
    if (right.equals(z) && left.isReal()) {
      IExpr t = left;
      left = right;
      right = t;
      flipped = true;
    }
    if (!left.equals(z) || !right.isReal()) return null;
    IExpr head = ast.head();
    if (head.equals(S.Equal)) return new Interval(right, true, right, true);
    boolean less = head.equals(S.Less) || head.equals(S.LessEqual);
    boolean greater = head.equals(S.Greater) || head.equals(S.GreaterEqual);
    if (!less && !greater) return null;
    boolean inclusive = head.equals(S.LessEqual) || head.equals(S.GreaterEqual);
    if (flipped) less = !less;
    return less ? new Interval(null, false, right, inclusive) : new Interval(right, inclusive, null, false);
  }

  /** An interval of z with exact numeric bounds; null bounds are infinite. */
  private record Interval(IExpr lo, boolean loInclusive, IExpr hi, boolean hiInclusive) {
    static final Interval ALL = new Interval(null, false, null, false);

    Interval intersect(Interval o, Symja symja) {
      IExpr l = lo;
      boolean li = loInclusive;
      if (o.lo != null && (l == null || less(l, o.lo, symja) || (l.equals(o.lo) && !o.loInclusive))) {
        l = o.lo;
        li = o.loInclusive;
      }
      IExpr h = hi;
      boolean hi2 = hiInclusive;
      if (o.hi != null && (h == null || less(o.hi, h, symja) || (h.equals(o.hi) && !o.hiInclusive))) {
        h = o.hi;
        hi2 = o.hiInclusive;
      }
      return new Interval(l, li, h, hi2);
    }

    boolean isEmpty(Symja symja) {
      if (lo == null || hi == null) return false;
      return less(hi, lo, symja) || (lo.equals(hi) && !(loInclusive && hiInclusive));
    }

    static boolean pairwiseDisjoint(List<Interval> rs, Symja symja) {
      for (int i = 0; i < rs.size(); i++) {
        for (int j = i + 1; j < rs.size(); j++) {
          if (!rs.get(i).intersect(rs.get(j), symja).isEmpty(symja)) return false;
        }
      }
      return true;
    }

    /** True when the intervals together contain every real number. */
    static boolean cover(List<Interval> rs, Symja symja) {
      java.util.TreeSet<IExpr> ends = new java.util.TreeSet<>((a, b) -> a.equals(b) ? 0 : less(a, b, symja) ? -1 : 1);
      for (Interval r : rs) {
        if (r.lo != null) ends.add(r.lo);
        if (r.hi != null) ends.add(r.hi);
      }
      if (ends.isEmpty()) return rs.stream().anyMatch(r -> r.lo == null && r.hi == null);
      List<IExpr> probes = new ArrayList<>();
      probes.add(symja.eval(F.Subtract(ends.first(), F.C1)));
      probes.add(symja.eval(F.Plus(ends.last(), F.C1)));
      IExpr previous = null;
      for (IExpr e : ends) {
        probes.add(e);
        if (previous != null) probes.add(symja.eval(F.Times(F.C1D2, F.Plus(previous, e))));
        previous = e;
      }
      for (IExpr p : probes) {
        if (rs.stream().noneMatch(r -> r.contains(p, symja))) return false;
      }
      return true;
    }

    boolean contains(IExpr x, Symja symja) {
      boolean aboveLo = lo == null || less(lo, x, symja) || (loInclusive && lo.equals(x));
      boolean belowHi = hi == null || less(x, hi, symja) || (hiInclusive && hi.equals(x));
      return aboveLo && belowHi;
    }

    String tex(Tex t) {
      if (lo != null && hi != null && lo.equals(hi)) return "z = " + t.render(lo);
      if (hi == null && lo != null) return "z" + (loInclusive ? " \\ge " : " > ") + t.render(lo);
      StringBuilder b = new StringBuilder();
      if (lo != null) b.append(t.render(lo)).append(loInclusive ? " \\le " : " < ");
      b.append("z");
      if (hi != null) b.append(hiInclusive ? " \\le " : " < ").append(t.render(hi));
      return b.toString();
    }

    private static boolean less(IExpr a, IExpr b, Symja symja) {
      return symja.eval(F.Less(a, b)).isTrue();
    }
  }

  /**
   * When every condition is {@code z <= c} or {@code z < c} with numeric, increasing {@code c},
   * the explicit interval of each piece and of the default ({@code values + 1} labels); else null.
   */
  private List<String> intervals(List<IExpr> conditions) {
    List<String> out = new ArrayList<>();
    IExpr previous = null;
    boolean previousInclusive = false;
    for (IExpr c : conditions) {
      boolean inclusive = c.isAST(S.LessEqual, 3);
      if (!(inclusive || c.isAST(S.Less, 3)) || !c.first().equals(symja.symbol("z")) || !c.second().isReal()) {
        return null;
      }
      IExpr bound = c.second();
      if (previous != null && !symja.eval(F.Less(previous, bound)).isTrue()) return null;
      String upper = (inclusive ? " \\le " : " < ") + render(bound);
      if (previous == null) {
        out.add("z" + upper);
      } else {
        out.add(render(previous) + (previousInclusive ? " < " : " \\le ") + "z" + upper);
      }
      previous = bound;
      previousInclusive = inclusive;
    }
    if (previous == null) return null;
    out.add("z" + (previousInclusive ? " > " : " \\ge ") + render(previous));
    return out;
  }

  /** Rewrites what MathJax rejects or shows badly in Symja's TeX. */
  static String clean(String tex) {
    Matcher m = TEXT_FUNCTION.matcher(tex);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = FUNCTIONS.getOrDefault(name, "\\operatorname{" + name + "}");
      m.appendReplacement(b, Matcher.quoteReplacement(replacement + "("));
    }
    m.appendTail(b);
    String t = UNDEFINED_IN_MATHJAX.matcher(b.toString()).replaceAll("\\\\operatorname{$1}");
    t = t.replace(" == ", " = ");
    return t.strip();
  }
}
