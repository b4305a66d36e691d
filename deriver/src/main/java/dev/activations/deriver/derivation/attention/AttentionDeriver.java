package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.derivation.layer.LayerDeriver;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * vector kernel -> Gram form -> scalar partials -> assembled gradients, as one {@link
 * AttentionDerivation}.
 *
 * <p>The kernel text is rewritten in the Gram entries ({@link GramForm}); Symja differentiates the
 * scalar function by each entry (or, for a kernel of the cosine only, by {@code rho}); the vector
 * gradients are assembled structurally (see {@link AttentionDerivation}). Three kinds of checks
 * run per derivation, each compared at exact rational inputs to 40 digits with the project's own
 * evaluator:
 *
 * <ol>
 *   <li>the implicit-EM identities {@code dA/de_j = -r_j}, {@code dr_i/de_j = -r_i (delta_ij -
 *       r_j)} (symbolically, as for layers);
 *   <li>the assembled {@code grad_q e} and {@code grad_k e} against Symja differentiating the
 *       kernel written out in components, for d = 2 and d = 3;
 *   <li>the statistic's backward rule ({@code dL/de_j} by the identities, times the assembled
 *       kernel gradients) against Symja differentiating the written-out statistic for two keys in
 *       two dimensions.
 * </ol>
 */
public final class AttentionDeriver {
  private static final WorkBudget PIECE = WorkBudget.PIECE;
  private static final int DIGITS = 40;
  private static final String[] Q = {"3/8", "-5/4", "7/8"};
  private static final String[] K1 = {"1/2", "3/4", "-1/8"};
  private static final String[] K2 = {"-7/16", "1/4", "5/8"};
  private static final String[] V = {"3/2", "-1/4"};
  private static final String[] U = {"1/2", "-2"};
  /** The diagonal weights of a weighted kernel at the check points. */
  private static final String[] WEIGHTS = {"3/2", "1/4", "5/8"};

  private final Symja symja;
  private final SafeExpressionParser parser;

  public AttentionDeriver(Symja symja) {
    this.symja = symja;
    this.parser = new SafeExpressionParser(symja);
  }

  public AttentionDerivation derive(AttentionSpec spec) {
    String what = spec.kernel().isCustom() ? "energy" : "vector kernel " + spec.kernel().name();
    IExpr k = parser.parse(GramForm.of(spec.kernel().energy()), what).expr();
    for (Map.Entry<String, ExactNumber> b : spec.bound().entrySet()) {
      if (!spec.free().contains(b.getKey())) k = k.subs(symja.symbol(b.getKey()), exact(b.getValue()));
    }
    IExpr energy = simplify(F.Divide(k, exact(spec.temperature())));
    boolean weighted = GramForm.weighted(spec.kernel().energy());
    checkReal(atDefaults(spec, energy), weighted);

    Map<String, IExpr> partials = new LinkedHashMap<>();
    // weighted entries are no cosine's: a weighted kernel is a Gram kernel with W applied
    IExpr angular = weighted ? null : angular(energy);
    IExpr angularSlope = null;
    if (angular != null) {
      angularSlope = simplify(F.D(angular, symja.symbol("rho")));
      if (angularSlope.isZero()) throw new SpecException("energy does not depend on the key k");
    } else {
      boolean any = false;
      for (String g : GramForm.ENTRIES) {
        IExpr p = simplify(F.D(energy, symja.symbol(g)));
        partials.put(g, p);
        if (!g.equals("qq") && !p.isZero()) any = true;
      }
      if (!any) throw new SpecException("energy does not depend on the key k");
    }
    Map<String, Map<String, IExpr>> differences = new LinkedHashMap<>();
    if (angular == null) {
      (spec.statistic() == AttentionStatistic.ENTROPY ? termwiseDifferences(energy) : differences(energy))
          .ifPresent(dd -> differences.put("energy", dd));
      for (Map.Entry<String, IExpr> p : partials.entrySet()) {
        if (!p.getValue().isZero()) termwiseDifferences(p.getValue()).ifPresent(dd -> differences.put(p.getKey(), dd));
      }
    }
    Map<String, IExpr> parameterPartials = new LinkedHashMap<>();
    for (String f : spec.free()) parameterPartials.put(f, simplify(F.D(angular != null ? angular : energy, symja.symbol(f))));
    if (angular == null) {
      // the parameter gradient sums dL/de_j (de_j/dtheta - de_win/dtheta): near-duplicate keys need the difference
      for (int i = 0; i < spec.free().size(); i++) {
        String key = "param" + i;
        differences(parameterPartials.get(spec.free().get(i))).ifPresent(dd -> differences.put(key, dd));
      }
    }
    List<LayerDerivation.Check> checks = new ArrayList<>(new LayerDeriver(symja).emIdentities());
    AttentionDerivation d = new AttentionDerivation(spec, energy, partials, angular, angularSlope, differences, checks, parameterPartials);
    checks.add(kernelCheck(d, 2));
    checks.add(kernelCheck(d, 3));
    if (spec.statistic() != AttentionStatistic.MODE) checks.add(statisticCheck(d));
    if (!differences.isEmpty()) checks.add(differenceCheck(d));
    return new AttentionDerivation(spec, energy, partials, angular, angularSlope, differences, checks, parameterPartials);
  }

  /** {@code e} with the free parameters at the values the class is measured at. */
  private IExpr atDefaults(AttentionSpec spec, IExpr e) {
    IExpr out = e;
    for (String f : spec.free()) out = out.subs(symja.symbol(f), exact(spec.bound().get(f)));
    return out;
  }

  private static final List<String> KEY_ENTRIES = List.of("qk", "kk", "dd");

  /**
   * {@link #differences}, and for a sum whose terms are rational, {@code a Log[R]} or {@code a
   * Sqrt[R]} (or {@code a / Sqrt[R]}) those of its terms ({@link #logOrRootDifferences}). Taken for the
   * partials (every statistic's gradient sums {@code dL/de_j (f_g(key j) - f_g(winner))}), and for
   * the energy of an entropy, the one statistic whose backward reads the energies' differences
   * themselves ({@code e_j - sum_k r_k e_k}); the other statistics keep the energy differences they
   * had (their near-ties at large scales take a single logarithm's gaps as {@code Log[R_j /
   * R_min]}, docs/ATTENTION.md).
   */
  java.util.Optional<Map<String, IExpr>> termwiseDifferences(IExpr f) {
    if (f.isFree(AttentionDeriver::rootOrLogOfEntries, true)) return differences(f);
    // a sum: the differences of its terms add up, entry by entry (the same telescoping order)
    List<IExpr> terms = new ArrayList<>();
    if (f.isPlus()) {
      for (int i = 1; i <= f.argSize(); i++) terms.add(f.getAt(i));
    } else {
      terms.add(f);
    }
    Map<String, List<IExpr>> byEntry = new LinkedHashMap<>();
    for (IExpr term : terms) {
      java.util.Optional<Map<String, IExpr>> dd = term.isFree(AttentionDeriver::rootOrLogOfEntries, true)
          ? differences(term) : logOrRootDifferences(term);
      if (dd.isEmpty()) return dd;
      dd.get().forEach((v, e) -> byEntry.computeIfAbsent(v, key -> new ArrayList<>()).add(e));
    }
    Map<String, IExpr> out = new LinkedHashMap<>();
    for (String v : KEY_ENTRIES) {
      List<IExpr> parts = byEntry.get(v);
      if (parts != null) out.put(v, parts.size() == 1 ? parts.get(0) : F.Plus(parts.toArray(new IExpr[0])));
    }
    return java.util.Optional.of(out);
  }

  /**
   * The divided differences of a term {@code a Log[R]} or {@code a Sqrt[R]} (a free of the key's
   * entries, R rational in them). At each step of the telescoping {@code Log[R(x)] - Log[R(y)] =
   * log1p(t)} with {@code t = (x - y) DD_R / R(y)}, so the divided difference is {@code a (DD_R /
   * R(y)) L(t)} with {@code L(t) = log1p(t)/t} (1 at t = 0); {@code Sqrt[R(x)] - Sqrt[R(y)] = (x -
   * y) DD_R / (Sqrt[R(x)] + Sqrt[R(y)])}. Both keep every digit of a difference far below the
   * energies (the entropy's {@code e_j - sum r_k e_k} at near-duplicate keys: the Student-t
   * entropy's key gradient was 2e-5 off where three keys agreed to 1e-11, the energy {@code
   * Sqrt[1+Dot[q-k,q-k]]}'s 4e-5). Empty for any other shape.
   */
  private java.util.Optional<Map<String, IExpr>> logOrRootDifferences(IExpr term) {
    IExpr coefficient = F.C1;
    IExpr argument = null;
    List<IExpr> factors = new ArrayList<>();
    if (term.isTimes()) {
      for (int i = 1; i <= term.argSize(); i++) factors.add(term.getAt(i));
    } else {
      factors.add(term);
    }
    boolean root = false;
    boolean reciprocal = false;
    for (IExpr factor : factors) {
      if (factor.isAST(S.Log, 2) && !freeOfKeyEntries(factor) && argument == null) {
        argument = factor.first();
      } else if (factor.isPower() && (factor.exponent().equals(F.C1D2) || factor.exponent().equals(F.CN1D2))
          && !freeOfKeyEntries(factor) && argument == null) {
        argument = factor.base();
        root = true;
        reciprocal = factor.exponent().equals(F.CN1D2);
      } else if (freeOfKeyEntries(factor)) {
        coefficient = F.Times(coefficient, factor);
      } else {
        return java.util.Optional.empty();
      }
    }
    if (argument == null || !argument.isFree(AttentionDeriver::rootOrLogOfEntries, true)) {
      return java.util.Optional.empty();
    }
    java.util.Optional<Map<String, IExpr>> ofArgument = differences(argument);
    if (ofArgument.isEmpty()) return ofArgument;
    Map<String, IExpr> out = new LinkedHashMap<>();
    IExpr current = argument;
    for (String v : KEY_ENTRIES) {
      ISymbol x = symja.symbol(v);
      ISymbol y = symja.symbol(v + "W");
      IExpr next = current.subs(x, y);
      IExpr dd = ofArgument.get().get(v);
      if (dd != null && root) {
        // 1/Sqrt[R(x)] - 1/Sqrt[R(y)] = -(x - y) DD_R / (Sqrt[R(x)] Sqrt[R(y)] (Sqrt[R(x)] + Sqrt[R(y)]))
        IExpr sum = F.Power(F.Plus(F.Sqrt(current), F.Sqrt(next)), F.CN1);
        out.put(v, reciprocal ? F.Times(F.CN1, coefficient, dd, sum, F.Power(F.Times(F.Sqrt(current), F.Sqrt(next)), F.CN1))
            : F.Times(coefficient, dd, sum));
      } else if (dd != null) {
        IExpr slope = symja.eval(F.Divide(dd, next));
        IExpr t = F.Times(F.Subtract(x, y), slope);
        IExpr ratio = F.Piecewise(F.List(F.List(F.C1, F.Equal(t, F.C0))), F.Divide(F.Log(F.Plus(F.C1, t)), t));
        out.put(v, F.Times(coefficient, slope, ratio));
      }
      current = next;
    }
    return java.util.Optional.of(out);
  }

  /** A {@code Log} or a square root (or its reciprocal) of an expression in the key's entries. */
  private static boolean rootOrLogOfEntries(IExpr x) {
    return (x.isAST(S.Log, 2) || (x.isPower() && (x.exponent().equals(F.C1D2) || x.exponent().equals(F.CN1D2))))
        && !freeOfKeyEntries(x);
  }

  private static boolean freeOfKeyEntries(IExpr e) {
    return e.isFree(x -> x.isSymbol() && KEY_ENTRIES.contains(x.toString()), true);
  }

  /**
   * The divided differences of {@code f} between a key's entries {@code (qk, kk, dd)} and the
   * winner's {@code (qkW, kkW, ddW)}, telescoped one entry at a time: {@code DD_v = Together[(f(..,
   * x_v, ..) - f(.., y_v, ..)) / (x_v - y_v)]}. Empty when one does not cancel (it is undefined at
   * {@code x_v = y_v}).
   */
  java.util.Optional<Map<String, IExpr>> differences(IExpr f) {
    Map<String, IExpr> out = new LinkedHashMap<>();
    IExpr current = f;
    for (int i = 0; i < KEY_ENTRIES.size(); i++) {
      ISymbol x = symja.symbol(KEY_ENTRIES.get(i));
      ISymbol y = symja.symbol(KEY_ENTRIES.get(i) + "W");
      IExpr next = current.subs(x, y);
      if (current.isFree(x)) {
        current = next;
        continue;
      }
      // in the step h = x - y: Together[f(y + h) - f(y)] has a numerator polynomial in h without a
      // constant term, divided by h term by term (Symja does not cancel (y - x)/(x - y) on its own)
      ISymbol h = symja.symbol("hstep");
      IExpr step = symja.eval(F.Subtract(current.subs(x, F.Plus(y, h)), next));
      IExpr together = Bounded.apply(symja, "Together", step, PIECE).orElse(null);
      if (together == null) return java.util.Optional.empty();
      IExpr numerator = Bounded.apply(symja, "Expand", symja.eval(F.Numerator(together)), PIECE).orElse(null);
      IExpr denominator = symja.eval(F.Denominator(together));
      if (numerator == null || !symja.eval(numerator.subs(h, F.C0)).isZero()) return java.util.Optional.empty();
      IExpr reduced = Bounded.apply(symja, "Expand", symja.eval(F.Divide(numerator, h)), PIECE).orElse(null);
      if (reduced == null) return java.util.Optional.empty();
      IExpr dd = symja.eval(F.Divide(reduced, denominator));
      IExpr atTie = symja.eval(dd.subs(h, F.C0));
      if (!atTie.isFree(S.Indeterminate) || !atTie.isFree(S.ComplexInfinity) || !atTie.isFree(S.DirectedInfinity)
          || !isPolynomialIn(reduced, h)) {
        return java.util.Optional.empty();
      }
      dd = symja.eval(dd.subs(h, F.Subtract(x, y)));
      out.put(KEY_ENTRIES.get(i), dd);
      current = next;
    }
    return java.util.Optional.of(out);
  }

  private boolean isPolynomialIn(IExpr e, ISymbol h) {
    return symja.eval(F.PolynomialQ(e, h)).isTrue();
  }

  /** The telescoped differences reproduce F(x) - F(y) at an exact point (each function that has them). */
  private LayerDerivation.Check differenceCheck(AttentionDerivation d) {
    List<String> texts = new ArrayList<>();
    for (Map.Entry<String, Map<String, IExpr>> e : d.differences().entrySet()) {
      IExpr f = e.getKey().equals("energy") ? d.energy()
          : e.getKey().startsWith("param") ? d.parameterPartials().get(d.spec().free().get(Integer.parseInt(e.getKey().substring(5))))
          : d.partials().get(e.getKey());
      IExpr atY = f;
      for (String v : KEY_ENTRIES) atY = atY.subs(symja.symbol(v), symja.symbol(v + "W"));
      List<IExpr> terms = new ArrayList<>();
      for (Map.Entry<String, IExpr> t : e.getValue().entrySet()) {
        terms.add(F.Times(F.Subtract(symja.symbol(t.getKey()), symja.symbol(t.getKey() + "W")), t.getValue()));
      }
      IExpr sum = terms.isEmpty() ? F.C0 : terms.size() == 1 ? terms.get(0) : F.Plus(terms.toArray(new IExpr[0]));
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.Subtract(f, atY), sum))));
    }
    Map<String, Apfloat> bindings = new HashMap<>();
    String[][] at = {{"qq", "7/4"}, {"qk", "-3/8"}, {"kk", "5/2"}, {"dd", "9/8"}, {"qkW", "1/4"}, {"kkW", "3/2"}, {"ddW", "5/16"}, {"dim", "3"}};
    for (String[] b : at) bindings.put(b[0], number(b[1]));
    return compare(d, "energy and partial differences to the winner = telescoped divided differences ("
        + String.join(", ", d.differences().keySet()) + ")", texts, bindings, "at exact Gram entries");
  }

  private IExpr simplify(IExpr e) {
    IExpr v = symja.eval(e);
    IExpr s = Bounded.apply(symja, "Simplify", v, PIECE).orElse(v);
    // Symja's Simplify writes -E^(-dd) as Sinh[dd] - Cosh[dd]: a difference of two large numbers (absolute errors
    // of 1e-8 at dd = 20, Infinity - Infinity = NaN beyond dd = 710) for a small one; keep the exponential form
    return hyperbolic(s) && !hyperbolic(v) ? v : s;
  }

  private static boolean hyperbolic(IExpr e) {
    return !e.isFree(x -> x.isAST(S.Sinh, 2) || x.isAST(S.Cosh, 2) || x.isAST(S.Tanh, 2) || x.isAST(S.Coth, 2)
        || x.isAST(S.Sech, 2) || x.isAST(S.Csch, 2), true);
  }

  /**
   * {@code g(rho)} when the energy depends on {@code qk / (|q| |k|)} only (no {@code dd}, and no
   * {@code qq} or {@code kk} left once {@code qk = rho |q| |k|}); null otherwise.
   */
  private IExpr angular(IExpr energy) {
    ISymbol qq = symja.symbol("qq");
    ISymbol kk = symja.symbol("kk");
    ISymbol qk = symja.symbol("qk");
    if (!energy.isFree(symja.symbol("dd")) || energy.isFree(qk)) return null;
    IExpr g = simplify(energy.subs(qk, F.Times(symja.symbol("rho"), F.Sqrt(qq), F.Sqrt(kk))));
    return g.isFree(qq) && g.isFree(kk) ? g : null;
  }

  /** The energy is real and finite at a few query/key pairs in three dimensions. */
  private void checkReal(IExpr energy, boolean weighted) {
    String[][][] pairs = {{Q, K1}, {K1, K2}, {{"1", "0", "0"}, {"0", "2", "0"}}, {{"2", "-1", "1"}, {"-1", "3", "1/2"}}};
    for (String[][] pair : pairs) {
      IExpr at = symja.numeric(written(energy, symbols(pair[0]), symbols(pair[1]), weighted ? symbols(WEIGHTS) : null, 3), 20);
      if (!at.isReal()) {
        throw new SpecException("energy is not real and finite at q = (" + String.join(", ", pair[0]) + "), k = ("
            + String.join(", ", pair[1]) + ") (it evaluates to " + ExactNumber.abbreviate(Symja.inputForm(at)) + ")");
      }
    }
  }

  private IExpr[] symbols(String[] values) {
    IExpr[] out = new IExpr[values.length];
    for (int i = 0; i < values.length; i++) out[i] = symja.evalTrusted(values[i]);
    return out;
  }

  private IExpr[] vector(String name, int d) {
    IExpr[] out = new IExpr[d];
    for (int i = 0; i < d; i++) out[i] = symja.symbol(name + (i + 1));
    return out;
  }

  /** The weight vector's symbols {@code w1..wd} for a weighted kernel, else null. */
  private IExpr[] weights(AttentionDerivation d, int dim) {
    return d.weighted() ? vector("w", dim) : null;
  }

  /** A function of the Gram entries at explicit vectors ({@code w} the diagonal weights, or null). */
  private IExpr written(IExpr form, IExpr[] q, IExpr[] k, IExpr[] w, int d) {
    IExpr[] qq = new IExpr[d];
    IExpr[] qk = new IExpr[d];
    IExpr[] kk = new IExpr[d];
    IExpr[] dd = new IExpr[d];
    for (int i = 0; i < d; i++) {
      qq[i] = F.Sqr(q[i]);
      qk[i] = F.Times(q[i], k[i]);
      kk[i] = F.Sqr(k[i]);
      dd[i] = F.Sqr(F.Subtract(q[i], k[i]));
      if (w != null) {
        qq[i] = F.Times(w[i], qq[i]);
        qk[i] = F.Times(w[i], qk[i]);
        kk[i] = F.Times(w[i], kk[i]);
        dd[i] = F.Times(w[i], dd[i]);
      }
    }
    IExpr rho = F.Divide(F.Plus(qk), F.Times(F.Sqrt(F.Plus(qq)), F.Sqrt(F.Plus(kk))));
    return form.subs(symja.symbol("qq"), F.Plus(qq)).subs(symja.symbol("qk"), F.Plus(qk))
        .subs(symja.symbol("kk"), F.Plus(kk)).subs(symja.symbol("dd"), F.Plus(dd))
        .subs(symja.symbol("rho"), rho).subs(symja.symbol("dim"), F.ZZ(d));
  }

  /** The energy as the emitted code evaluates it, at explicit vectors (angular or Gram). */
  private IExpr writtenEnergy(AttentionDerivation d, IExpr[] q, IExpr[] k, int dim) {
    return written(d.isAngular() ? d.angular() : d.energy(), q, k, weights(d, dim), dim);
  }

  /**
   * {@code {grad_q e, grad_k e}} assembled from the partials, at explicit vectors; for a weighted
   * kernel also {@code grad_w e}: {@code grad_q e = W (2 f_qq q + f_qk k + 2 f_dd (q - k))},
   * {@code grad_k e = W (f_qk q + 2 f_kk k - 2 f_dd (q - k))}, {@code d e/d w_i = f_qq q_i^2 + f_qk
   * q_i k_i + f_kk k_i^2 + f_dd (q_i - k_i)^2}.
   */
  private IExpr[][] assembled(AttentionDerivation d, IExpr[] q, IExpr[] k, int dim) {
    IExpr[] gq = new IExpr[dim];
    IExpr[] gk = new IExpr[dim];
    IExpr[] gw = new IExpr[dim];
    IExpr[] w = weights(d, dim);
    if (d.isAngular()) {
      IExpr slope = written(d.angularSlope(), q, k, null, dim);
      IExpr rho = written(symja.symbol("rho"), q, k, null, dim);
      IExpr nq = written(F.Sqrt(symja.symbol("qq")), q, k, null, dim);
      IExpr nk = written(F.Sqrt(symja.symbol("kk")), q, k, null, dim);
      for (int i = 0; i < dim; i++) {
        IExpr qh = F.Divide(q[i], nq);
        IExpr kh = F.Divide(k[i], nk);
        gq[i] = F.Times(F.Divide(slope, nq), F.Subtract(kh, F.Times(rho, qh)));
        gk[i] = F.Times(F.Divide(slope, nk), F.Subtract(qh, F.Times(rho, kh)));
      }
    } else {
      IExpr fa = written(d.partials().get("qq"), q, k, w, dim);
      IExpr fb = written(d.partials().get("qk"), q, k, w, dim);
      IExpr fc = written(d.partials().get("kk"), q, k, w, dim);
      IExpr fs = written(d.partials().get("dd"), q, k, w, dim);
      for (int i = 0; i < dim; i++) {
        IExpr diff = F.Subtract(q[i], k[i]);
        gq[i] = F.Plus(F.Times(F.C2, fa, q[i]), F.Times(fb, k[i]), F.Times(F.C2, fs, diff));
        gk[i] = F.Plus(F.Times(fb, q[i]), F.Times(F.C2, fc, k[i]), F.Times(F.CN2, fs, diff));
        if (w != null) {
          gq[i] = F.Times(w[i], gq[i]);
          gk[i] = F.Times(w[i], gk[i]);
          gw[i] = F.Plus(F.Times(fa, F.Sqr(q[i])), F.Times(fb, q[i], k[i]), F.Times(fc, F.Sqr(k[i])), F.Times(fs, F.Sqr(diff)));
        }
      }
    }
    return w == null ? new IExpr[][] {gq, gk} : new IExpr[][] {gq, gk, gw};
  }

  /** The assembled kernel gradients against Symja's derivative of the written-out kernel. */
  private LayerDerivation.Check kernelCheck(AttentionDerivation d, int dim) {
    IExpr[] q = vector("q", dim);
    IExpr[] k = vector("k", dim);
    IExpr[] w = weights(d, dim);
    IExpr e = written(d.energy(), q, k, w, dim);
    IExpr[][] rule = assembled(d, q, k, dim);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < dim; i++) {
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(e, q[i]), rule[0][i]))));
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(e, k[i]), rule[1][i]))));
      if (w != null) texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(e, w[i]), rule[2][i]))));
    }
    Map<String, Apfloat> bindings = new HashMap<>();
    for (int i = 0; i < dim; i++) {
      bindings.put("q" + (i + 1), number(Q[i]));
      bindings.put("k" + (i + 1), number(K1[i]));
      bindings.put("w" + (i + 1), number(WEIGHTS[i]));
    }
    String name = (w == null ? "" : "grad_w e, ") + "grad_q e and grad_k e assembled = d/dq, d/dk" + (w == null ? "" : ", d/dw") + " of the written-out kernel (d = " + dim + ")";
    return compare(d, name, texts, bindings, "at q = (" + String.join(", ", List.of(Q).subList(0, dim)) + "), k = ("
        + String.join(", ", List.of(K1).subList(0, dim)) + ")");
  }

  /**
   * The statistic's backward rule, {@code dL/de_j} from the implicit-EM identities times the
   * assembled kernel gradients, against Symja differentiating the written-out statistic (two keys,
   * two dimensions, scalar values).
   */
  private LayerDerivation.Check statisticCheck(AttentionDerivation d) {
    int dim = 2;
    IExpr[] q = vector("q", dim);
    IExpr[][] keys = {vector("ka", dim), vector("kb", dim)};
    IExpr[] v = {symja.symbol("v1"), symja.symbol("v2")};
    IExpr[] u = {symja.symbol("u1"), symja.symbol("u2")};
    IExpr[] e = new IExpr[2];
    IExpr[] w = new IExpr[2];
    for (int j = 0; j < 2; j++) {
      e[j] = written(d.energy(), q, keys[j], weights(d, dim), dim);
      w[j] = F.Exp(F.Negate(e[j]));
    }
    IExpr sum = F.Plus(w[0], w[1]);
    IExpr[] r = {F.Divide(w[0], sum), F.Divide(w[1], sum)};
    AttentionStatistic stat = d.spec().statistic();
    IExpr loss;
    IExpr[] delta = new IExpr[2];
    switch (stat) {
      case MEAN -> {
        IExpr mean = F.Plus(F.Times(r[0], v[0]), F.Times(r[1], v[1]));
        loss = F.Times(u[0], mean);
        for (int j = 0; j < 2; j++) delta[j] = F.Times(F.CN1, r[j], u[0], F.Subtract(v[j], mean));
      }
      case RESPONSIBILITIES -> {
        IExpr c = F.Plus(F.Times(u[0], r[0]), F.Times(u[1], r[1]));
        loss = c;
        for (int j = 0; j < 2; j++) delta[j] = F.Times(F.CN1, r[j], F.Subtract(u[j], c));
      }
      case ENTROPY -> {
        loss = F.Times(u[0], F.Negate(F.Plus(F.Times(r[0], F.Log(r[0])), F.Times(r[1], F.Log(r[1])))));
        IExpr re = F.Plus(F.Times(r[0], e[0]), F.Times(r[1], e[1]));
        for (int j = 0; j < 2; j++) delta[j] = F.Times(u[0], r[j], F.Subtract(re, e[j]));
      }
      case FREE_ENERGY -> {
        loss = F.Times(u[0], F.Negate(F.Log(sum)));
        for (int j = 0; j < 2; j++) delta[j] = F.Times(u[0], r[j]);
      }
      default -> throw new IllegalArgumentException(stat.cliName());
    }
    IExpr[][] ga = assembled(d, q, keys[0], dim);
    IExpr[][] gb = assembled(d, q, keys[1], dim);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < dim; i++) {
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, q[i]),
          F.Plus(F.Times(delta[0], ga[0][i]), F.Times(delta[1], gb[0][i]))))));
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, keys[0][i]), F.Times(delta[0], ga[1][i])))));
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, keys[1][i]), F.Times(delta[1], gb[1][i])))));
    }
    if (stat == AttentionStatistic.MEAN) {
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, v[0]), F.Times(u[0], r[0])))));
    }
    for (Map.Entry<String, IExpr> f : d.parameterPartials().entrySet()) {
      // d L / d theta = sum_j dL/de_j d e_j / d theta
      IExpr pa = written(f.getValue(), q, keys[0], weights(d, dim), dim);
      IExpr pb = written(f.getValue(), q, keys[1], weights(d, dim), dim);
      texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, symja.symbol(f.getKey())),
          F.Plus(F.Times(delta[0], pa), F.Times(delta[1], pb))))));
    }
    IExpr[] ws = weights(d, dim);
    if (ws != null) {
      // grad w = sum_j dL/de_j grad_w e_j
      for (int i = 0; i < dim; i++) {
        texts.add(Symja.inputForm(symja.eval(F.Subtract(F.D(loss, ws[i]),
            F.Plus(F.Times(delta[0], ga[2][i]), F.Times(delta[1], gb[2][i]))))));
      }
    }
    Map<String, Apfloat> bindings = new HashMap<>();
    for (int i = 0; i < dim; i++) {
      bindings.put("w" + (i + 1), number(WEIGHTS[i]));
      bindings.put("q" + (i + 1), number(Q[i]));
      bindings.put("ka" + (i + 1), number(K1[i]));
      bindings.put("kb" + (i + 1), number(K2[i]));
    }
    for (int j = 0; j < 2; j++) {
      bindings.put("v" + (j + 1), number(V[j]));
      bindings.put("u" + (j + 1), number(U[j]));
    }
    return compare(d, "backward rule (dL/de_j by the implicit-EM identities) = d/dq, d/dk_j, d/dv_j" + (ws == null ? "" : ", d/dw")
        + d.spec().free().stream().map(f -> ", d/d" + f).collect(java.util.stream.Collectors.joining())
        + " of the written-out "
        + stat.cliName() + " (2 keys, d = 2)", texts, bindings, "at exact binary fractions");
  }

  private LayerDerivation.Check compare(AttentionDerivation d, String name, List<String> texts, Map<String, Apfloat> bindings,
      String where) {
    for (String f : d.spec().free()) {
      ExactNumber v = d.spec().bound().get(f);
      bindings.put(f, new Apfloat(v.numerator(), DIGITS + 10).divide(new Apfloat(v.denominator(), DIGITS + 10)));
    }
    double worst = 0;
    for (String t : texts) {
      try {
        Apfloat diff = HighPrecisionExpression.parse(t).evaluate(bindings, DIGITS);
        worst = Math.max(worst, ApfloatMath.abs(diff).doubleValue());
      } catch (IllegalArgumentException | ArithmeticException ex) {
        return new LayerDerivation.Check(name, false, "could not evaluate the difference: " + ExactNumber.abbreviate(String.valueOf(ex.getMessage())));
      }
    }
    return new LayerDerivation.Check(name, worst <= 1e-30, String.format(Locale.ROOT, "largest |difference| %.1e %s", worst, where));
  }

  private static Apfloat number(String fraction) {
    String[] parts = fraction.split("/");
    Apfloat num = new Apfloat(parts[0], DIGITS + 10);
    return parts.length == 1 ? num : num.divide(new Apfloat(parts[1], DIGITS + 10));
  }

  static IExpr exact(ExactNumber n) {
    return F.QQ(F.ZZ(n.numerator()), F.ZZ(n.denominator()));
  }
}
