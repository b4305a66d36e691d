package dev.activations.deriver.report;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.derivation.Deriver;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.Hypothesis;
import dev.activations.deriver.spec.HypothesisSet;
import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/**
 * What a statistic becomes as the temperature goes to 0, derived in the engine rather than with
 * Symja's {@code Limit} (which cannot take assumptions and got a zero-temperature log-sum-exp
 * wrong: docs/SYMJA.md, "Limit cannot take assumptions").
 *
 * <p>With {@code e_h = k(z, mu_h)/T - pi_h}, the differences {@code e_k - e_h} grow like
 * {@code 1/T}, so the responsibilities become the indicator of the hypothesis with the lowest
 * kernel energy {@code k(z, mu_h)} (log-priors only matter at exact ties; an m-way tie shares
 * 1/m each). Hence: mean -> mode (derived symbolically by running the {@link Deriver} with the
 * {@code mode} statistic, priors removed, T = 1); responsibilities -> one-hot (the mode of 0/1
 * values); log-responsibilities -> 0 for the winner and -infinity for the rest; variance and
 * entropy -> 0 away from ties; {@code T F -> min_h k(z, mu_h)}.
 */
final class ZeroTemperature {
  /** Per-piece work budget for the sign simplifications. */
  private static final WorkBudget PIECE_LIMIT = WorkBudget.PIECE;
  /** Above this many hypotheses the one-hot indicators are described, not derived one by one. */
  private static final int MAX_INDICATORS = 4;
  /**
   * Above this many hypotheses the mode is stated, not derived: its derivation costs about as much
   * as the statistic's own (20 s for 12 prototypes).
   */
  private static final int MAX_DERIVED_MODE = 6;

  /**
   * The limit of one statistic.
   *
   * @param sentence Markdown prose (inline math in {@code $...$})
   * @param displays display equations in TeX, one per {@code math} block line
   */
  record Limit(String sentence, List<String> displays) {
    Limit {
      displays = List.copyOf(displays);
    }
  }

  private final Symja symja;
  private final Tex tex;

  ZeroTemperature(Symja symja, Tex tex) {
    this.symja = symja;
    this.tex = tex;
  }

  Limit of(Derivation d) {
    ActivationSpec spec = d.spec();
    String name = MarkdownReport.statisticTex(spec.statistic());
    String lim = "\\lim_{T \\to 0} ";
    String ties = " Log-priors only break exact ties, where tied hypotheses share equally.";
    return switch (spec.statistic()) {
      case MEAN -> {
        boolean small = spec.hypotheses().size() <= MAX_DERIVED_MODE;
        Optional<String> mode = small ? mode(spec, null) : Optional.empty();
        yield new Limit("As $T \\to 0$ the responsibilities become one-hot on the hypothesis with the lowest"
            + " kernel energy $k(z, \\mu_h)$, so the mean becomes the **mode**: the value $g_h$ of the"
            + " winning hypothesis." + ties
            + (mode.isPresent() ? "" : small ? " The mode could not be derived symbolically here."
                : " Its closed form is what `--stat mode` derives for this spec."),
            List.of(lim + name + " = " + mode.orElse("g_{h^*(z)}, \\quad h^*(z) = \\arg\\min_h k(z, \\mu_h)")));
      }
      case MODE -> {
        boolean priors = hasPriors(spec);
        Optional<String> mode = priors && spec.hypotheses().size() <= MAX_DERIVED_MODE ? mode(spec, null) : Optional.empty();
        yield new Limit("The mode is itself the zero-temperature limit of the mean: it picks the hypothesis"
            + " with the lowest energy, and dividing every energy by $T$ does not change which one that is."
            + (priors ? " Only the log-priors drop out as $T \\to 0$:" : " It is the same at every temperature."),
            mode.map(m -> List.of(lim + name + " = " + m)).orElse(List.of()));
      }
      case RESPONSIBILITIES -> {
        List<String> displays = new ArrayList<>();
        int n = spec.hypotheses().hypotheses().size();
        if (spec.hypotheses().rejectEnergy().isEmpty() && n <= MAX_INDICATORS) {
          for (int h = 0; h < n; h++) {
            Optional<String> indicator = mode(spec, h);
            if (indicator.isEmpty()) {
              displays.clear();
              break;
            }
            displays.add(lim + "r_{" + (h + 1) + "}(z) = " + indicator.get());
          }
        }
        if (displays.isEmpty()) {
          displays.add(lim + "r_h(z) = \\begin{cases} 1 & h = \\arg\\min_k k(z, \\mu_k) \\\\ 0 & \\text{otherwise} \\end{cases}");
        }
        yield new Limit("As $T \\to 0$ the softmax becomes a hard assignment: the hypothesis with the lowest"
            + " kernel energy $k(z, \\mu_h)$ gets responsibility 1 and every other one 0 (the one-hot"
            + " winner indicator)." + ties, displays);
      }
      case LOG_RESPONSIBILITIES -> new Limit("As $T \\to 0$ the log-responsibility of the winning hypothesis"
          + " (lowest kernel energy) tends to 0 and every other one to $-\\infty$." + ties
          + " Away from ties, for small $T$:", List.of("\\log r_h(z) \\approx -\\frac{k(z, \\mu_h) - \\min_k k(z, \\mu_k)}{T} \\quad (T \\to 0)"));
      case VARIANCE -> new Limit("As $T \\to 0$ one hypothesis takes all the responsibility, so the variance"
          + " tends to 0 for every $z$ away from the ties (where tied hypotheses share and it stays positive).",
          List.of(lim + name + " = 0"));
      case ENTROPY -> new Limit("As $T \\to 0$ the responsibilities become one-hot, so the entropy tends to 0"
          + " for every $z$ away from the ties (at an $m$-way tie it tends to $\\log m$).",
          List.of(lim + name + " = 0"));
      case FREE_ENERGY -> new Limit("As $T \\to 0$ the log-sum-exp becomes a minimum (a soft minimum becomes a hard"
          + " one): the free energy behaves like the lowest kernel energy divided by $T$, so $T$ times it tends to"
          + " that minimum. Log-priors drop out:",
          List.of(lim + "T\\,F(z) = " + minimumEnergy(d)));
    };
  }

  /** {@code Element[z, Reals] && nu>0 && ...}: the reals, and the domains of free parameters. */
  private static String assumptions(ActivationSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add("Element[z, Reals]");
    for (String p : spec.free()) {
      spec.kernel().parameter(p).map(x -> x.domain().assumption()).filter(a -> !a.isEmpty()).ifPresent(parts::add);
    }
    return String.join(" && ", parts);
  }

  private static boolean hasPriors(ActivationSpec spec) {
    return spec.hypotheses().hypotheses().stream().anyMatch(h -> h.logPrior().signum() != 0);
  }

  /**
   * The mode of {@code spec} without log-priors at T = 1, as TeX, signs tidied; with
   * {@code oneHot} set, of the values 1 for that hypothesis and 0 for the others (the winner
   * indicator). Empty if the derivation fails.
   */
  private Optional<String> mode(ActivationSpec spec, Integer oneHot) {
    List<Hypothesis> hs = new ArrayList<>();
    List<Hypothesis> given = spec.hypotheses().hypotheses();
    for (int h = 0; h < given.size(); h++) {
      Hypothesis.Value value = oneHot == null
          ? given.get(h).value()
          : new Hypothesis.Constant(h == oneHot ? ExactNumber.ONE : ExactNumber.ZERO);
      hs.add(new Hypothesis(given.get(h).center(), value, ExactNumber.ZERO));
    }
    HypothesisSet set = oneHot == null && !hasPriors(spec)
        ? spec.hypotheses()
        : new HypothesisSet(String.join(",", hs.stream().map(Hypothesis::toString).toList()), hs,
            spec.hypotheses().rejectEnergy());
    ActivationSpec modeSpec = new ActivationSpec(spec.kernel(), set, Statistic.MODE, spec.bound(), spec.free(), ExactNumber.ONE,
        spec.freeDefaults());
    try {
      Derivation m = new Deriver(symja).derive(modeSpec);
      return Optional.of(tex.of(tidySigns(symja.eval(m.closed().get(0)), assumptions(spec))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code Min} over the kernel energies {@code k(z, mu_h) = T (e_h + pi_h)} (and E0). */
  private String minimumEnergy(Derivation d) {
    ActivationSpec spec = d.spec();
    IExpr t = F.QQ(F.ZZ(spec.temperature().numerator()), F.ZZ(spec.temperature().denominator()));
    List<IExpr> ks = new ArrayList<>();
    List<Hypothesis> hs = spec.hypotheses().hypotheses();
    for (int h = 0; h < d.energies().size(); h++) {
      IExpr prior = h < hs.size()
          ? F.QQ(F.ZZ(hs.get(h).logPrior().numerator()), F.ZZ(hs.get(h).logPrior().denominator()))
          : F.C0;
      ks.add(symja.eval(F.Times(t, F.Plus(d.energies().get(h), prior))));
    }
    return tex.of(F.ast(S.Min, ks));
  }

  // ------------------------------------------------------------------------------ signs

  /**
   * Rewrites each {@code Sign[x]} to a simpler sign where one can be proved: {@code Sign[x] =
   * Sign[Exp[x] - 1]} turns a difference of logarithms (as the deriver's energy differences are)
   * into a rational function, whose factors of constant sign over the reals are dropped. The
   * Student-t signed mode {@code -Sign[Log[(4-2z+z^2)/3] - Log[1+(1+z)^2/3]]} becomes
   * {@code Sign[z]}. Anything not strictly simpler is left as it was.
   */
  IExpr tidySigns(IExpr e, String assumptions) {
    // Sign[Piecewise[..]] -> Piecewise[Sign[..]], c*Piecewise[..] -> Piecewise[c*..]: the pieces
    // are then simple enough to tidy one by one.
    IExpr pushed = e.replaceAll(x -> x.isAST(S.Sign, 2) && x.first().isAST(S.Piecewise)
        ? mapPieces((org.matheclipse.core.interfaces.IAST) x.first(), F::Sign) : F.NIL);
    IExpr p = symja.eval(pushed.isPresent() ? pushed : e);
    if (p.isTimes() && p.argSize() == 2 && p.first().isNumber() && p.second().isAST(S.Piecewise)) {
      IExpr c = p.first();
      p = symja.eval(mapPieces((org.matheclipse.core.interfaces.IAST) p.second(), v -> F.Times(c, v)));
    }
    // A pass can expose a new sign (Sign[(1+nu) (Log a - Log b)] -> Sign[Log a - Log b]): repeat.
    IExpr tidied = p;
    for (int pass = 0; pass < 3; pass++) {
      IExpr r = tidied.replaceAll(x -> x.isAST(S.Sign, 2) ? tidySign(x.first(), assumptions).orElse(F.NIL) : F.NIL);
      if (!r.isPresent()) break;
      tidied = symja.eval(r);
    }
    // Sign[x]^n is Sign[x] for odd n
    IExpr odd = tidied.replaceAll(x -> x.isPower() && x.base().isAST(S.Sign, 2) && x.exponent().isInteger()
        && ((org.matheclipse.core.interfaces.IInteger) x.exponent()).isOdd() ? x.base() : F.NIL);
    return odd.isPresent() ? symja.eval(odd) : tidied;
  }

  /** {@code Piecewise[{{v, c}, ...}, d] -> Piecewise[{{f v, c}, ...}, f d]}. */
  private static IExpr mapPieces(org.matheclipse.core.interfaces.IAST piecewise, java.util.function.UnaryOperator<IExpr> f) {
    List<IExpr> rows = new ArrayList<>();
    for (IExpr row : (org.matheclipse.core.interfaces.IAST) piecewise.arg1()) {
      rows.add(F.List(f.apply(row.first()), row.second()));
    }
    IExpr otherwise = piecewise.argSize() >= 2 ? piecewise.arg2() : F.C0;
    return F.Piecewise(F.ast(S.List, rows), f.apply(otherwise));
  }

  private Optional<IExpr> tidySign(IExpr x, String assumptions) {
    if (!x.isFree(S.Piecewise) || !x.isFree(S.Sign)) return Optional.empty();
    IExpr candidate = x;
    if (!x.isFree(S.Log)) {
      IExpr exp = symja.eval(F.Subtract(F.Exp(x), F.C1));
      if (exp.isFree(S.Log) && exp.isFree(S.E) && exp.isFree(S.Exp)) candidate = exp;
    }
    Optional<IExpr> factored = Bounded.apply(symja, "Together", candidate, PIECE_LIMIT)
        .flatMap(t -> Bounded.apply(symja, "Factor", t, PIECE_LIMIT));
    if (factored.isEmpty()) return Optional.empty();
    IExpr f = factored.get();
    List<IExpr> factors = new ArrayList<>();
    if (f.isTimes()) {
      for (IExpr a : (org.matheclipse.core.interfaces.IAST) f) factors.add(a);
    } else {
      factors.add(f);
    }
    IExpr constant = F.C1;
    List<IExpr> open = new ArrayList<>();
    for (IExpr factor : factors) {
      int sign = constantSign(factor, assumptions);
      if (sign == 0) {
        open.add(factor);
      } else if (sign < 0) {
        constant = F.Negate(constant);
      }
    }
    IExpr rest = open.isEmpty() ? F.C1 : F.Sign(open.size() == 1 ? open.get(0) : F.ast(S.Times, open));
    IExpr result = symja.eval(F.Times(constant, rest));
    return result.leafCount() < F.Sign(x).leafCount() ? Optional.of(result) : Optional.empty();
  }

  /**
   * +1 or -1 when {@code f} has that sign wherever it is defined and non-zero for real z, else 0.
   * An even negative power ({@code b^-2}, a squared denominator) is positive wherever defined; an
   * odd power has the sign of its base; a quadratic in z with a negative discriminant has the sign
   * of its leading coefficient; anything else is left to {@code Simplify} over the reals.
   */
  private int constantSign(IExpr f, String assumptions) {
    if (f.isNumber()) {
      IExpr s = symja.eval(F.Sign(f));
      return s.isOne() ? 1 : s.isMinusOne() ? -1 : 0;
    }
    if (f.isPower() && f.exponent().isInteger()) {
      int n = ((org.matheclipse.core.interfaces.IInteger) f.exponent()).toIntDefault(0);
      if (n < 0 && n % 2 == 0) return 1;
      if (n % 2 != 0) return constantSign(f.base(), assumptions);
      return 0;
    }
    IExpr z = symja.symbol("z");
    IExpr coefficients = f.isFree(z) ? F.NIL : symja.eval(F.CoefficientList(f, z));
    if (coefficients.isList() && coefficients.argSize() == 3
        && ((org.matheclipse.core.interfaces.IAST) coefficients).forAll(c -> c.isFree(z))) {
      IExpr c = coefficients.first();
      IExpr b = coefficients.second();
      IExpr a = ((org.matheclipse.core.interfaces.IAST) coefficients).arg3();
      IExpr discriminant = symja.eval(F.Subtract(F.Sqr(b), F.Times(F.C4, a, c)));
      int leading = constantSign(a, assumptions);
      if (leading != 0 && constantSign(discriminant, assumptions) < 0) return leading;
    }
    Optional<IExpr> s = Bounded.apply(symja, "(Simplify[Sign[#], " + assumptions + "]&)", f, PIECE_LIMIT);
    if (s.isEmpty()) return 0;
    return s.get().isOne() ? 1 : s.get().isMinusOne() ? -1 : 0;
  }
}
