package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The asymptotic form of a Gram energy at large entries, for kernels that are not linear in the
 * entries (Yat, Student-t, custom energies of the same kinds): with the entries written as {@code g
 * = L g'} ({@code L = 2^2se} when query and keys are multiplied by {@code 2^-se}) and {@code t =
 * 1/L},
 *
 * <pre>
 * e(L g') = L^p f(g', t) + c log L
 * </pre>
 *
 * with a whole power {@code p >= 0} (or {@code p = 1/2} for {@code c Norm[q-k] = c Sqrt[dd]}, a
 * root of the entries in an energy homogeneous in them), a constant {@code c} (it may depend on the
 * dimension), and
 * {@code f} finite at {@code t = 0}. Then energy gaps between keys are {@code L^p (f_j - f_min)}
 * (the {@code c log L} term is the same for every key and cancels in the posterior), the partials
 * are {@code e_g(g) = L^(p-1) f_g(g', t)}, and the gradients by the vectors, {@code e_g} times a
 * vector, are {@code 2^(se (2p - 1))} times the same expressions in the scaled vectors. The
 * emitted class evaluates {@code f}, its partials and their divided differences on entries of the
 * scaled vectors, where no intermediate overflows (see {@link #degree}).
 *
 * <p>Why not Symja's {@code Limit}: it returned 0 for {@code Limit[Log[1 + L dd/3]/Log[L], L ->
 * Infinity]} and for {@code Limit[(-L qk + L dd/2)/L, L -> Infinity]} (Symja 3, measured). The form
 * is derived structurally instead, term by term: a term {@code a R(g)} with {@code R} rational in the
 * entries and {@code a} free of them has {@code p} = (degree of the numerator) - (degree of the
 * denominator) and {@code f = a Together[t^p R(g'/t)]}; a term {@code a Log[R(g)]} has {@code p = 0},
 * {@code c = a k} ({@code k} that degree difference of {@code R}) and {@code f = a Log[Together[t^k
 * R(g'/t)]]}. Other terms (an exponential of entries, a logarithm times entries) are not scaled. The
 * result is checked: {@code e(g) = L^p f(g/L, 1/L) + c log L} at exact entries for two {@code L},
 * and {@code f} finite at {@code t = 0} and still a function of the entries there.
 *
 * <p>Examples (derived): Yat {@code -qk^2/(dd + eps)}: {@code p = 1, c = 0, f = -qk^2/(dd + eps
 * t)}; Student-t {@code (nu + dim)/2 Log[1 + dd/(nu s^2)]}: {@code p = 0, c = (nu + dim)/2, f = c
 * Log[(nu s^2 t + dd)/(nu s^2)]}.
 */
public final class AsymptoticScaling {
  /** The symbol of {@code t = 1/L} (a variable of the scaled functions). */
  public static final String T = "tscale";
  private static final WorkBudget PIECE = WorkBudget.PIECE;
  private static final List<String> ENTRIES = GramForm.ENTRIES;
  /** Entries and the winner's entries of the divided differences. */
  private static final List<String> ALL = List.of("qq", "qk", "kk", "dd", "qkW", "kkW", "ddW");

  /**
   * The asymptotic form.
   *
   * @param twicePower {@code 2p}: {@code p} is whole, or 1/2 ({@code c Norm[q-k]}, and then {@code f}
   *     is free of {@code t})
   * @param logCoefficient {@code c} (free of the entries)
   * @param scaled {@code f(g', t)} over the Gram entries, {@code dim} and {@link #T}
   * @param partials {@code f_g} by entry name, for the entries the energy's partials are nonzero
   * @param differences divided differences of {@code f} ({@code "energy"}) and of each {@code f_g}
   *     between a key and the winning key, for each function the unscaled derivation has them
   * @param degree the largest degree in the entries of any intermediate of {@code f}, its partials
   *     and their differences (products and powers of entries as the expressions are written)
   * @param detail what the check measured
   * @param logFactor for an energy that is one logarithm, {@code e = a Log[R(g)]}: {@code a}; else null
   * @param logArgument then {@code Together[t^k R(g'/t)]}, so that {@code f = a Log[logArgument]}; else null
   */
  public record Form(int twicePower, IExpr logCoefficient, IExpr scaled, Map<String, IExpr> partials,
      Map<String, Map<String, IExpr>> differences, int degree, String detail, IExpr logFactor, IExpr logArgument) {}

  private AsymptoticScaling() {}

  /**
   * The asymptotic form of {@code d}'s energy, or empty when the derivation does not find one (an
   * angular or weighted kernel, free parameters, a term of another kind, a form that fails its
   * check, a divided difference the scaled function lacks). Linear homogeneous energies have their
   * own (older, byte-stable) path, {@link EntryScaling#linearHomogeneous}, and are not asked here.
   */
  public static Optional<Form> of(Symja symja, AttentionDerivation d) {
    return of(symja, new AttentionDeriver(symja), d);
  }

  static Optional<Form> of(Symja symja, AttentionDeriver deriver, AttentionDerivation d) {
    if (d.isAngular() || d.weighted() || !d.spec().free().isEmpty()) return Optional.empty();
    ISymbol t = symja.symbol(T);
    IExpr e = symja.eval(d.energy());
    List<IExpr> terms = new ArrayList<>();
    if (e.isPlus()) {
      for (int i = 1; i <= e.argSize(); i++) terms.add(e.getAt(i));
    } else {
      terms.add(e);
    }
    // twice each term's power: a root of the entries has a half-whole one
    List<Integer> powers = new ArrayList<>();
    List<IExpr> forms = new ArrayList<>();
    boolean rooted = false;
    IExpr logFactor = null;
    IExpr logArgument = null;
    IExpr c = F.C0;
    for (IExpr term : terms) {
      List<IExpr> factors = new ArrayList<>();
      if (term.isTimes()) {
        for (int i = 1; i <= term.argSize(); i++) factors.add(term.getAt(i));
      } else {
        factors.add(term);
      }
      IExpr coefficient = F.C1;
      IExpr rational = F.C1;
      IExpr log = null;
      // a fractional power of a rational function of the entries (Norm[q-k] is Sqrt[dd]): R^r = L^(k r) R'^r
      IExpr root = null;
      for (IExpr f : factors) {
        if (freeOfEntries(symja, f)) {
          coefficient = F.Times(coefficient, f);
        } else if (f.isAST(S.Log, 2) && log == null) {
          log = f.first();
        } else if (root == null && f.isPower() && f.exponent().isFraction()) {
          root = f;
        } else {
          rational = F.Times(rational, f);
        }
      }
      coefficient = symja.eval(coefficient);
      rational = symja.eval(rational);
      if (log != null) {
        if (!freeOfEntries(symja, rational) || root != null) return Optional.empty();
        Optional<Integer> k = degreeDifference(symja, log);
        if (k.isEmpty()) return Optional.empty();
        c = symja.eval(F.Plus(c, F.Times(coefficient, rational, F.ZZ(k.get()))));
        IExpr inner = together(symja, F.Times(F.Power(t, F.ZZ(k.get())), atScaled(symja, log)));
        if (inner == null) return Optional.empty();
        powers.add(0);
        forms.add(symja.eval(F.Times(coefficient, rational, F.Log(inner))));
        logFactor = symja.eval(F.Times(coefficient, rational));
        logArgument = inner;
      } else {
        Optional<Integer> k = degreeDifference(symja, rational);
        if (k.isEmpty()) return Optional.empty();
        IExpr form = together(symja, F.Times(F.Power(t, F.ZZ(k.get())), atScaled(symja, rational)));
        if (form == null) return Optional.empty();
        int twice = 2 * k.get();
        if (root != null) {
          Optional<Integer> kr = degreeDifference(symja, root.base());
          if (kr.isEmpty()) return Optional.empty();
          IExpr twiceRoot = symja.eval(F.Times(F.C2, F.ZZ(kr.get()), root.exponent()));
          IExpr base = together(symja, F.Times(F.Power(t, F.ZZ(kr.get())), atScaled(symja, root.base())));
          if (!twiceRoot.isInteger() || base == null) return Optional.empty();
          twice += twiceRoot.toIntDefault();
          form = F.Times(form, F.Power(base, root.exponent()));
          rooted = true;
        }
        powers.add(twice);
        forms.add(symja.eval(F.Times(coefficient, form)));
      }
    }
    int twiceP = powers.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (twiceP < 0) twiceP = 0;
    // (p = 0 and c = 0, a bounded energy such as dd/(1 + kk), is scaled as well: its entries overflow first)
    List<IExpr> parts = new ArrayList<>();
    for (int i = 0; i < forms.size(); i++) {
      if ((twiceP - powers.get(i)) % 2 != 0) return Optional.empty(); // t^(1/2): not taken
      parts.add(F.Times(F.Power(t, F.ZZ((twiceP - powers.get(i)) / 2)), forms.get(i)));
    }
    IExpr scaled = symja.eval(parts.size() == 1 ? parts.get(0) : F.Plus(parts.toArray(new IExpr[0])));
    // a root is taken only in an energy homogeneous in the entries (f free of t): its classes also scale small
    // entries up (an energy |q - k| of 1e-200 is representable where dd, 1e-400, is not), where t would overflow
    // (only p = 1/2, c Norm[q-k]: a cube of a norm, p = 3/2, has energies and gaps of degree 3 in the vectors, whose
    // scaled gaps left the range between keys of different scales, NaN at small common scales; its own path, where
    // the entries' underflow costs nothing, serves it)
    if (rooted && (!scaled.isFree(t) || twiceP != 1)) return Optional.empty();
    String detail = check(symja, d.energy(), scaled, twiceP, c);
    if (detail == null) return Optional.empty();
    Map<String, IExpr> partials = new LinkedHashMap<>();
    for (String g : ENTRIES) {
      IExpr unscaled = d.partials().get(g);
      if (unscaled == null || unscaled.isZero()) continue;
      IExpr pg = symja.eval(F.D(scaled, symja.symbol(g)));
      partials.put(g, Bounded.apply(symja, "Simplify", pg, PIECE).orElse(pg));
    }
    Map<String, Map<String, IExpr>> differences = new LinkedHashMap<>();
    for (String function : d.differences().keySet()) {
      IExpr of = function.equals("energy") ? scaled : partials.get(function);
      if (of == null) continue;
      Optional<Map<String, IExpr>> dd = deriver.termwiseDifferences(of);
      if (dd.isEmpty()) return Optional.empty();
      differences.put(function, dd.get());
    }
    List<IExpr> all = new ArrayList<>(partials.values());
    all.add(scaled);
    for (Map<String, IExpr> byEntry : differences.values()) all.addAll(byEntry.values());
    double degree = 1;
    for (IExpr x : all) {
      double[] dg = degree(symja, x);
      if (dg == null) return Optional.empty();
      degree = Math.max(degree, dg[1]);
    }
    if (logArgument != null) {
      double[] dg = degree(symja, logArgument);
      if (dg == null) return Optional.empty();
      degree = Math.max(degree, dg[1]);
    }
    // the gaps of a single logarithm are taken as a Log[R_j / R_min] (see the emitter): only for that form
    boolean oneLog = terms.size() == 1 && logArgument != null;
    return Optional.of(new Form(twiceP, c, scaled, partials, differences, (int) Math.ceil(degree), detail,
        oneLog ? logFactor : null, oneLog ? logArgument : null));
  }

  /**
   * The exponent {@code se} leaves scaled vector entries below {@code 2^(T + 1)} with {@code T =
   * floor(384 / degree)}: an intermediate of degree {@code k} in the entries then stays below about
   * {@code (d 2^(2T + 2))^(k/2)}, far from overflow (the linear classes' {@code T = 384} is the case
   * {@code k = 1}).
   */
  public static int target(Form form) {
    return 384 / Math.max(1, form.degree());
  }

  /** Whether {@code e} is free of every Gram entry, the winner's included. */
  public static boolean freeOfEntries(Symja symja, IExpr e) {
    for (String g : ALL) {
      if (!e.isFree(symja.symbol(g))) return false;
    }
    return true;
  }

  /** {@code R(g'/t)}: every entry divided by {@code t}. */
  private static IExpr atScaled(Symja symja, IExpr r) {
    IExpr out = r;
    for (String g : ENTRIES) out = out.subs(symja.symbol(g), F.Divide(symja.symbol(g), symja.symbol(T)));
    return symja.eval(out);
  }

  private static IExpr together(Symja symja, IExpr e) {
    return Bounded.apply(symja, "Together", symja.eval(e), PIECE).orElse(null);
  }

  /**
   * (degree of the numerator) - (degree of the denominator) of a rational function of the entries
   * (total degree: every entry multiplied by a symbol {@code lambda}); empty if it is not one.
   */
  private static Optional<Integer> degreeDifference(Symja symja, IExpr r) {
    IExpr tog = together(symja, r);
    if (tog == null) return Optional.empty();
    ISymbol lambda = symja.symbol("lambdascale");
    int[] degrees = new int[2];
    IExpr[] parts = {symja.eval(F.Numerator(tog)), symja.eval(F.Denominator(tog))};
    for (int i = 0; i < 2; i++) {
      IExpr x = parts[i];
      for (String g : ENTRIES) {
        if (!symja.eval(F.PolynomialQ(x, symja.symbol(g))).isTrue()) return Optional.empty();
        x = x.subs(symja.symbol(g), F.Times(lambda, symja.symbol(g)));
      }
      IExpr expanded = Bounded.apply(symja, "Expand", symja.eval(x), PIECE).orElse(null);
      if (expanded == null) return Optional.empty();
      IExpr exponent = symja.eval(F.Exponent(expanded, lambda));
      if (!exponent.isInteger()) return Optional.empty();
      degrees[i] = exponent.toIntDefault();
    }
    return Optional.of(degrees[0] - degrees[1]);
  }

  /**
   * {@code {degree of the value, largest degree of an intermediate}} in the entries, as the
   * expression is written: an entry has degree 1, a product the sum of its factors' (the
   * intermediates the positive and the negative parts separately), a power {@code n} times its
   * base's, a sum the largest of its terms', a logarithm 0 (its argument's intermediates count);
   * null for a function of entries it does not know (an exponential).
   */
  private static final java.util.Set<IExpr> RELATIONS = java.util.Set.of(S.Equal, S.Unequal, S.Less, S.LessEqual, S.Greater,
      S.GreaterEqual);

  static double[] degree(Symja symja, IExpr e) {
    if (e.isSymbol()) return ALL.contains(Symja.inputForm(e)) ? new double[] {1, 1} : new double[] {0, 0};
    if (e.isNumber() || !e.isAST()) return new double[] {0, 0};
    // a sum, and a Piecewise with its conditions (a logarithm's divided difference log1p(t)/t, 1 at t = 0,
    // AttentionDeriver.logOrRootDifferences): as large as its largest part, the intermediates of every part counted
    if (e.isPlus() || e.isAST(S.Piecewise) || e.isList() || RELATIONS.contains(e.head())) {
      double v = 0;
      double im = 0;
      for (int i = 1; i <= e.argSize(); i++) {
        double[] x = degree(symja, e.getAt(i));
        if (x == null) return null;
        v = Math.abs(x[0]) > Math.abs(v) ? x[0] : v;
        im = Math.max(im, x[1]);
      }
      return new double[] {v, Math.max(im, Math.abs(v))};
    }
    if (e.isTimes()) {
      double pos = 0;
      double neg = 0;
      double im = 0;
      for (int i = 1; i <= e.argSize(); i++) {
        double[] x = degree(symja, e.getAt(i));
        if (x == null) return null;
        if (x[0] > 0) pos += x[0];
        else neg -= x[0];
        im = Math.max(im, x[1]);
      }
      return new double[] {pos - neg, Math.max(im, Math.max(pos, neg))};
    }
    if (e.isPower() && e.exponent().isNumber()) {
      double[] x = degree(symja, e.base());
      if (x == null) return null;
      double n = e.exponent().evalf();
      double v = n * x[0];
      return new double[] {v, Math.max(x[1], Math.abs(v))};
    }
    if (e.isAST(S.Log, 2)) {
      double[] x = degree(symja, e.first());
      return x == null ? null : new double[] {0, x[1]};
    }
    return freeOfEntries(symja, e) ? new double[] {0, 0} : null;
  }

  /**
   * {@code e(g) - (L^p f(g/L, 1/L) + c log L)} at exact entries for {@code L = 4} and {@code L =
   * 1/8}, to 40 digits, and {@code f} at {@code t = 0}: finite and a function of the entries. Null
   * when a check fails.
   */
  private static String check(Symja symja, IExpr energy, IExpr scaled, int twicePower, IExpr c) {
    String[][] at = {{"qq", "7/4"}, {"qk", "-3/8"}, {"kk", "5/2"}, {"dd", "9/8"}, {"dim", "3"}};
    Map<String, Apfloat> bindings = new HashMap<>();
    for (String[] b : at) bindings.put(b[0], number(b[1]));
    double worst = 0;
    for (IExpr bigL : new IExpr[] {F.ZZ(4), F.QQ(1, 8)}) {
      IExpr back = scaled.subs(symja.symbol(T), F.Power(bigL, F.CN1));
      for (String g : ENTRIES) back = back.subs(symja.symbol(g), F.Divide(symja.symbol(g), bigL));
      IExpr difference = F.Subtract(energy, F.Plus(F.Times(F.Power(bigL, F.QQ(twicePower, 2)), back), F.Times(c, F.Log(bigL))));
      try {
        Apfloat diff = HighPrecisionExpression.parse(Symja.inputForm(symja.eval(difference))).evaluate(bindings, 40);
        worst = Math.max(worst, ApfloatMath.abs(diff).doubleValue());
      } catch (IllegalArgumentException | ArithmeticException ex) {
        return null;
      }
    }
    if (!(worst <= 1e-30)) return null;
    IExpr atZero = symja.eval(scaled.subs(symja.symbol(T), F.C0));
    if (freeOfEntries(symja, atZero) || !atZero.isFree(S.Indeterminate) || !atZero.isFree(S.ComplexInfinity)
        || !atZero.isFree(S.DirectedInfinity)) {
      return null;
    }
    try {
      Apfloat v = HighPrecisionExpression.parse(Symja.inputForm(atZero)).evaluate(bindings, 40);
      if (!Double.isFinite(v.doubleValue())) return null;
    } catch (IllegalArgumentException | ArithmeticException ex) {
      return null;
    }
    return String.format(java.util.Locale.ROOT, "e(g) = L^%s f(g/L, 1/L) + (%s) log L: largest |difference| %.1e at L = 4, 1/8;"
        + " f finite at t = 0", powerText(twicePower), Symja.inputForm(c), worst);
  }

  /** {@code p} from {@code 2p}: {@code 1}, {@code 1/2}, {@code 3/2}. */
  public static String powerText(int twicePower) {
    return twicePower % 2 == 0 ? Integer.toString(twicePower / 2) : twicePower + "/2";
  }

  private static Apfloat number(String fraction) {
    String[] parts = fraction.split("/");
    Apfloat num = new Apfloat(parts[0], 50);
    return parts.length == 1 ? num : num.divide(new Apfloat(parts[1], 50));
  }
}
