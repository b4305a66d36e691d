package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The rewrites of {@link Lowerer} that need algebra (and so Symja), each aimed at one way floating
 * point loses digits:
 * <ul>
 *   <li><b>log differences</b> {@code c Log[u] - c Log[v]} become {@code c log1p((u - v)/v)} with
 *       {@code u - v} combined symbolically: for large |z| the two logs are nearly equal;
 *   <li><b>root differences</b> {@code c Sqrt[u] - c Sqrt[v]} become
 *       {@code c (u - v)/(Sqrt[u] + Sqrt[v])};
 *   <li><b>exponential differences</b> {@code c E^u - c E^v} become {@code c E^v expm1(u - v)},
 *       factored on the larger of the two exponentials (no {@code 0 * Inf});
 *   <li><b>rational tails</b>: a rational function of z of degree two or more is evaluated as
 *       written for {@code |z| <= 1} and in {@code w = 1/z} beyond, so {@code z^4} never overflows
 *       where the ratio itself is an ordinary number;
 *   <li><b>square roots of quadratics</b> with a positive minimum become {@code hypot}s (no
 *       {@code z^2} overflow), and sums of root terms are taken by conjugates.
 * </ul>
 * Each method translates the pieces it does not rewrite with the {@link Lowerer} it belongs to.
 */
final class NumericalRewrites {
  private static final WorkBudget PIECE_LIMIT = WorkBudget.PIECE;
  /** How much smaller a polynomial's terms about its interval's midpoint must be for {@link #boundedPolynomial} to take it. */
  private static final double SHIFT_GAIN = 4.0;
  /** How many times its value a quadratic's terms at its vertex must be for {@link #vertex} to take it. */
  private static final double VERTEX_CANCELLATION = 16.0;

  private final Symja symja;
  private final ISymbol z;
  private final Lowerer lowerer;

  NumericalRewrites(Symja symja, ISymbol z, Lowerer lowerer) {
    this.symja = symja;
    this.z = z;
    this.lowerer = lowerer;
  }

  /**
   * {@code a + b} for algebraic terms with square roots whose squares are rational in z (such as
   * {@code (z-1)/Sqrt[(z-1)^2+1]}): where a and b have opposite signs they nearly cancel for large
   * |z| (both tend to +-1), so it is evaluated as {@code (a^2 - b^2)/(a - b)} with {@code a^2 -
   * b^2} combined symbolically into one rational function (its tail in 1/z); where the signs agree
   * there is no cancellation and the sum is taken as written. Empty unless both terms qualify.
   */
  Optional<Expr> rootTermsSum(IExpr a, IExpr b) {
    if (!isRootTerm(a) || !isRootTerm(b)) return Optional.empty();
    IExpr squares = together(F.Subtract(F.Sqr(a), F.Sqr(b)));
    if (squares.isFree(z) || !isRationalInZ(squares)) return Optional.empty();
    Expr la = lowerer.translate(a);
    Expr lb = lowerer.translate(b);
    Expr zero = Expr.Const.of(0.0);
    Expr.Test opposite = new Expr.Test.Or(List.of(
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.LT, la, zero), new Expr.Test.Compare(Expr.Test.Op.GT, lb, zero))),
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GT, la, zero), new Expr.Test.Compare(Expr.Test.Op.LT, lb, zero)))));
    Expr conjugate = new Expr.Div(lowerer.translate(squares), new Expr.Add(List.of(la, new Expr.Neg(lb))));
    return Optional.of(new Expr.Cond(opposite, conjugate, new Expr.Add(List.of(la, lb))));
  }

  /**
   * A z-dependent algebraic term with a square root whose square is rational in z; not a plain
   * {@code c Sqrt[u]}, whose differences {@link #combine} pairs with their own tail.
   */
  boolean isRootTerm(IExpr t) {
    if (t.isFree(z) || t.isFree(x -> x.isPower() && x.exponent().isFraction(), true)) return false;
    if (term(t).kind() == S.Sqrt) return false;
    if (!t.isFree(x -> x.equals(S.E) || x.isLog() || x.isExp() || x.isAST() && x.head().isBuiltInSymbol()
        && !x.isPlus() && !x.isTimes() && !x.isPower(), true)) {
      return false;
    }
    IExpr square = symja.eval(F.Sqr(t));
    return isRationalInZ(square);
  }

  /** A term {@code coefficient * kind[argument]}, for pairing differences. */
  record Term(IExpr coefficient, ISymbol kind, IExpr argument) {
  }

  /** The kind of a term {@code c Tanh[u]^2} (no Symja head names it). */
  static final ISymbol TANH_SQUARED = F.Dummy("tanhSquared");
  /** The kind of a term {@code c ArcSinh[u]^2}. */
  static final ISymbol ARSINH_SQUARED = F.Dummy("arsinhSquared");
  /** The kind of a term {@code c Log[u]^2}. */
  static final ISymbol LOG_SQUARED = F.Dummy("logSquared");
  /** The kind of a term {@code c b^p Log[b]}, p free of z and not an integer, or 1 (argument {@code {b, p}}). */
  static final ISymbol POWER_LOG = F.Dummy("powerLog");

  Term term(IExpr t) {
    IExpr coefficient = F.C1;
    IExpr core = t;
    if (t.isTimes()) {
      IExpr found = null;
      List<IExpr> rest = new ArrayList<>();
      for (int i = 1; i < t.size(); i++) {
        IExpr f = ((IAST) t).get(i);
        if (f.isFree(z)) {
          rest.add(f);
        } else if (found == null) {
          found = f;
        } else {
          IExpr powerLog = powerLog((IAST) t);
          if (powerLog == null) return new Term(F.C1, null, null);
          List<IExpr> c = new ArrayList<>();
          if (powerLog.second().isMinusOne()) {
            // b Log[-b] with b = -u is -(u Log[u]): Symja writes z Log[-z] for z < -1
            c.add(F.CN1);
            powerLog = F.List(powerLog.first(), F.C1);
          }
          for (int j = 1; j < t.size(); j++) if (((IAST) t).get(j).isFree(z)) c.add(((IAST) t).get(j));
          return new Term(c.isEmpty() ? F.C1 : c.size() == 1 ? c.get(0) : F.ast(S.Times, c), POWER_LOG, powerLog);
        }
      }
      if (found == null) return new Term(F.C1, null, null);
      core = found;
      coefficient = rest.isEmpty() ? F.C1 : rest.size() == 1 ? rest.get(0) : F.ast(S.Times, rest);
    }
    if (core.isAST(S.Log, 2)) return new Term(coefficient, S.Log, core.first());
    if (core.isAST(S.Tanh, 2)) return new Term(coefficient, S.Tanh, core.first());
    if (core.isAST(S.ArcTan, 2)) return new Term(coefficient, S.ArcTan, core.first());
    if (core.isAST(S.ArcSinh, 2)) return new Term(coefficient, S.ArcSinh, core.first());
    if (core.isPower() && core.exponent().equals(F.C2) && core.base().isAST(S.Tanh, 2)) {
      return new Term(coefficient, TANH_SQUARED, core.base().first());
    }
    if (core.isPower() && core.exponent().equals(F.C2) && core.base().isAST(S.ArcSinh, 2)) {
      return new Term(coefficient, ARSINH_SQUARED, core.base().first());
    }
    if (core.isPower() && core.exponent().equals(F.C2) && core.base().isAST(S.Log, 2)) {
      return new Term(coefficient, LOG_SQUARED, core.base().first());
    }
    if (core.isPower() && core.exponent().equals(F.C1D2)) return new Term(coefficient, S.Sqrt, core.base());
    if (core.isPower() && core.base().equals(S.E)) return new Term(coefficient, S.Exp, core.exponent());
    if (core.isPower() && !core.exponent().isInteger() && core.exponent().isFree(z) && !core.base().isFree(z)) {
      return new Term(coefficient, S.Power, F.List(core.base(), core.exponent()));
    }
    return new Term(coefficient, null, null);
  }

  /**
   * {@code b = c_b Sqrt[v]} on the coefficient of {@code a = c_a Sqrt[u]} when the two are numbers
   * of opposite signs: {@code c_b Sqrt[v] = -c_a Sqrt[(c_b/c_a)^2 v]}, so the pair is a difference
   * of roots that {@link #combine} takes by its conjugate. Why: Symja writes the pseudo-Huber
   * energies {@code Sqrt[1+((z-mu)/2)^2]} at different centers with different factors pulled out
   * ({@code 2 Sqrt[4+(z-2)^2]} against {@code Sqrt[16+(1-2z)^2]}), and their difference far out,
   * a constant, was two numbers of 1e68 subtracted. {@code b} unchanged otherwise.
   */
  Term onCoefficientOf(Term a, Term b) {
    if (!a.coefficient().isReal() || !b.coefficient().isReal()) return b;
    IExpr ratio = symja.eval(F.Divide(b.coefficient(), a.coefficient()));
    if (!ratio.isNegative() || ratio.isMinusOne()) return b;
    return new Term(symja.eval(F.Negate(a.coefficient())), S.Sqrt, symja.eval(F.Expand(F.Times(F.Sqr(ratio), b.argument()))));
  }

  /**
   * {@code {b, p}} when the factors of {@code t} that depend on z are exactly {@code b^p} and
   * {@code Log[b]} (p free of z and not an integer: the parameter derivative of a generalized
   * Gaussian energy), or {@code b} and {@code Log[b]} (p = 1), else null.
   */
  private IExpr powerLog(IAST t) {
    IExpr power = null;
    IExpr log = null;
    for (int i = 1; i < t.size(); i++) {
      IExpr f = t.get(i);
      if (f.isFree(z)) continue;
      if (power == null && f.isPower() && f.exponent().isFree(z) && !f.exponent().isInteger() && !f.base().equals(S.E)) {
        power = f;
      } else if (power == null && !f.isAST(S.Log, 2) && (f.isPlus() || f.equals(z))) {
        power = F.Power(f, F.C1); // b Log[b]: p = 1 (unevaluated, so that its base stays b)
      } else if (log == null && f.isAST(S.Log, 2)) {
        log = f;
      } else {
        return null;
      }
    }
    if (power == null || log == null) return null;
    if (power.exponent().isOne() && !power.base().equals(log.first())
        && symja.eval(F.Plus(power.base(), log.first())).isZero()) {
      return F.List(log.first(), F.CN1); // z Log[-z] = -((-z) Log[-z]): a -1 that term() moves out
    }
    if (!power.base().equals(log.first())) return null;
    return F.List(power.base(), power.exponent());
  }

  /**
   * {@code u^p log u - v^p log v = (u^p - v^p) log u + v^p log(u/v)} for positive bases, the logarithm by {@link #logRatio},
   * the power difference by {@link #powerDifference} and {@code u - v} combined symbolically; as
   * written otherwise. Why: it is the parameter derivative of {@code |z+1|^p - |z-1|^p}, about
   * {@code 2 log z + 2} for p = 1 where each term is beyond the double range ({@code Abs[z-mu]^p
   * --free p}: dP was {@code Inf - Inf = NaN} at z = MAX_VALUE, exact 298.5).
   */
  private Expr powerLogDifference(IExpr u, IExpr v) {
    IExpr bu = u.first();
    IExpr bv = v.first();
    IExpr p = u.second();
    Expr plain = new Expr.Add(List.of(lowerer.translate(F.Times(p.isOne() ? bu : F.Power(bu, p), F.Log(bu))),
        new Expr.Neg(lowerer.translate(F.Times(v.second().isOne() ? bv : F.Power(bv, v.second()), F.Log(bv))))));
    if (!p.equals(v.second())) return plain;
    Expr lu = lowerer.translate(bu);
    Expr lv = lowerer.translate(bv);
    Expr gap = lowerer.translate(together(F.Subtract(bu, bv)));
    if (p.isOne()) {
      // u log u - v log v = (u - v) log u + v log1p((u - v)/v): the entropy-like energy
      // (|x|+1) log(|x|+1) - |x| at two centres, whose difference far out is about -2 log z while
      // each term is about z log z (its derivative came out -0.0 at z = 1.5e26, exact 1.3e-78)
      Expr sum = new Expr.Add(List.of(new Expr.Mul(List.of(gap, lowerer.call(Fn.LOG, bu))),
          new Expr.Mul(List.of(lv, logRatio(lu, lv, gap)))));
      return new Expr.Cond(bothPositive(lu, lv), sum, plain);
    }
    Base baseU = base(bu);
    Base baseV = base(bv);
    Expr powers = new Expr.Mul(List.of(powerDifference(F.List(bu, p), F.List(bv, p)), baseU.log()));
    // log(u/v) by logRatio: as log1p((u - v)/v) next to a root of u it was all rounding (dP of
    // Abs[z-mu]^p at p = 9.05 and z = 1 + 1.1e-15 was 32 % off through log1p(-2/(z+1)))
    Expr logs = beyondOverflow(lowerer.translate(F.Power(bv, p)), lowerer.translate(p), baseV,
        logRatio(baseU, baseV, gap));
    return new Expr.Cond(bothPositive(lu, lv), new Expr.Add(List.of(powers, logs)), plain);
  }

  /**
   * Only algebraic arguments are combined: {@code u - v} must become a rational function, not a
   * difference of exponentials that overflows in its own way. Square roots of exponential
   * arguments too (no logarithms): their conjugate's numerator {@code u - v} is a difference of
   * exponentials that Symja combines into one product, while the roots themselves both tend to 1
   * where the exponentials vanish ({@code Sqrt[1+Exp[z-mu]]}: the signed mean was 0.0 at z =
   * -177.8, exact 3.6e-78).
   */
  static boolean pairable(Term t) {
    if (t.kind() == S.Sqrt && t.argument().isFree(x -> x.isLog(), true)) return true;
    return t.kind() == S.Exp || t.argument().isFree(x -> x.equals(S.E) || x.isLog() || x.isExp(), true);
  }

  /** {@code w} when {@code e} is {@code 1 + E^w}, else null. */
  static IExpr softplusArgument(IExpr e) {
    if (e.isPlus() && e.argSize() == 2 && e.first().isOne() && e.second().isPower() && e.second().base().equals(S.E)) {
      return e.second().exponent();
    }
    return null;
  }

  /**
   * {@code c (log(1+e^u) - log(1+e^v))}: where both u and v are positive the two softplus values
   * are nearly equal large numbers, so it is evaluated as {@code c ((u - v) + softplus(-u) -
   * softplus(-v))} with {@code u - v} combined symbolically; elsewhere as written.
   */
  Expr softplusDifference(IExpr c, IExpr u, IExpr v) {
    Expr lu = lowerer.translate(u);
    Expr lv = lowerer.translate(v);
    Expr gap = lowerer.translate(together(F.Subtract(u, v)));
    Expr large = new Expr.Add(List.of(gap, Expr.Call.of(Fn.SOFTPLUS, new Expr.Neg(lu)),
        new Expr.Neg(Expr.Call.of(Fn.SOFTPLUS, new Expr.Neg(lv)))));
    Expr plain = new Expr.Add(List.of(Expr.Call.of(Fn.SOFTPLUS, lu), new Expr.Neg(Expr.Call.of(Fn.SOFTPLUS, lv))));
    Expr core = new Expr.Cond(bothPositive(lu, lv), large, plain);
    Expr scale = lowerer.translate(c);
    return scale instanceof Expr.Const k && k.value() == 1.0 ? core : new Expr.Mul(List.of(scale, core));
  }

  /** {@code a + b} where b's coefficient is minus a's: {@code c (k[u] - k[v])}. */
  Expr combine(Term a, Term b) {
    IExpr c = a.coefficient();
    IExpr u = a.argument();
    IExpr v = b.argument();
    Expr scale = lowerer.translate(c);
    Expr core;
    if (a.kind() == S.Log) {
      // log u - log v = log1p((u - v)/v)
      if (u.isAST(S.Cosh, 2) && v.isAST(S.Cosh, 2)) {
        core = logCoshDifference(u.first(), v.first());
      } else {
        IExpr gap = together(F.Divide(F.Subtract(u, v), v));
        Expr x = lowerer.translate(gap);
        core = logOnePlusQuotient(x, gap);
        Optional<Expr> far = logOfPowersFar(u, v);
        if (far.isPresent()) core = new Expr.Cond(largePowers(u, v), far.get(), core);
        Optional<ScaledSmall> small = scaledSmallLogarithm(c, x, gap);
        if (small.isPresent()) {
          Expr.Test tiny = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, x), Expr.Const.of(LogOnePlusBranches.SMALL));
          Expr plain = new Expr.Mul(List.of(scale, core));
          // c x over one denominator has c's coefficients expanded (2 + 2 nu), which overflow
          // where c itself does not (nu from 9e307 on: NaN at z = 0): there as it was
          Expr.Test finite = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, small.get().y()),
              Expr.Const.of(Double.MAX_VALUE));
          return new Expr.Cond(tiny, new Expr.Cond(finite, small.get().form(), plain), plain);
        }
      }
    } else if (a.kind() == S.Sqrt) {
      IExpr gap = together(F.Subtract(u, v));
      core = new Expr.Div(lowerer.translate(gap), new Expr.Add(List.of(sqrt(u), sqrt(v))));
      Optional<Expr> far = rootDifferenceTail(gap, u, v);
      if (far.isPresent()) {
        Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, new Expr.Var("z")), Expr.Const.of(1.0));
        core = new Expr.Cond(small, core, far.get());
      }
    } else if (a.kind() == S.Power) {
      core = powerDifference(u, v);
    } else if (a.kind() == POWER_LOG) {
      core = powerLogDifference(u, v);
    } else if (a.kind() == S.Tanh) {
      core = tanhDifference(u, v);
    } else if (a.kind() == S.ArcTan) {
      core = arctanDifference(u, v);
    } else if (a.kind() == S.ArcSinh) {
      core = arsinhDifference(u, v);
    } else if (a.kind() == LOG_SQUARED) {
      // log(u)^2 - log(v)^2 = (log u - log v)(log u + log v), the difference paired as logarithms:
      // Log[1+Abs[z-mu]]^2 at centres 1 and -1 has log(2 - z)^2 - log(2 + z)^2, which cancelled to
      // -0.0 at z = -5e-261 (exact mean -3.5e-261), and log(2 - z)^2 - log(-z)^2 far out
      Expr difference = combine(new Term(F.C1, S.Log, u), new Term(F.CN1, S.Log, v));
      core = new Expr.Mul(List.of(difference, lowerer.translate(F.Plus(F.Log(u), F.Log(v)))));
    } else if (a.kind() == ARSINH_SQUARED) {
      // arsinh(u)^2 - arsinh(v)^2 = (arsinh u - arsinh v)(arsinh u + arsinh v), each factor paired
      // as above (the sum as arsinh u - arsinh(-v)): ArcSinh[z-mu]^2 at centres 1 and -1 (about
      // 4 log(2|z|)/z far out) was 0.0 at z = -1.3e154, exact -5.3e-152; the sum vanishes at z = 0
      core = new Expr.Mul(List.of(arsinhDifference(u, v), arsinhDifference(u, symja.eval(F.Negate(v)))));
    } else if (a.kind() == TANH_SQUARED) {
      // tanh(u)^2 - tanh(v)^2 = (tanh u - tanh v)(tanh u + tanh v), each factor with its argument
      // combined symbolically: the root of (z+1)/a + (z-2)/a at z = 1/2 is exact whatever a is
      core = new Expr.Mul(List.of(tanhDifference(u, v), tanhDifference(u, symja.eval(F.Negate(v)))));
    } else {
      // e^u - e^v = e^v expm1(u - v) = -e^u expm1(v - u), factored on the larger exponential:
      // on the smaller one, e^v underflows to 0 and expm1(u - v) overflows where their product
      // is ordinary (0 * 4e45 for e^-(z-1)^2 - e^-(z+1)^2 at z = 26, exactly 1e-279).
      Expr gap = lowerer.translate(together(F.Subtract(u, v)));
      Expr onV = new Expr.Mul(List.of(lowerer.call(Fn.EXP, v), Expr.Call.of(Fn.EXPM1, gap)));
      Expr onU = new Expr.Neg(new Expr.Mul(List.of(lowerer.call(Fn.EXP, u), Expr.Call.of(Fn.EXPM1, new Expr.Neg(gap)))));
      core = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GT, gap, Expr.Const.of(0.0)), onU, onV);
    }
    return scale instanceof Expr.Const k && k.value() == 1.0 ? core : new Expr.Mul(List.of(scale, core));
  }

  /** Powers above this make {@code log(1 + X) - log X} smaller than 2^-60. */
  private static final double LARGE_POWER = 0x1p60;

  /**
   * {@code log(1 + b^q) - log(1 + c^q)} for a power q other than an integer, where both powers are
   * large: {@code q log(b/c)} as {@code q log1p((b - c)/c)}, {@code b - c} combined by Symja (the
   * rest, {@code log1p(b^-q) - log1p(c^-q)}, is below 2^-60 of it). Why: far out the quotient
   * {@code (b^q - c^q)/(1 + c^q)} meets {@code Inf - Inf} where the powers leave the range, while
   * the difference is about {@code 2q/z}: the free energy of {@code Log[1+Abs[z-mu]^(3/2)]} was NaN
   * at z = -3.2e205, exact 709.09. Empty where u and v are not of that shape.
   */
  private Optional<Expr> logOfPowersFar(IExpr u, IExpr v) {
    IExpr b = onePlusPowerBase(u, z);
    IExpr c = onePlusPowerBase(v, z);
    if (b == null || c == null || !u.second().exponent().equals(v.second().exponent())) return Optional.empty();
    IExpr q = u.second().exponent();
    Expr ratio = Expr.Call.of(Fn.LOG1P, lowerer.translate(together(F.Divide(F.Subtract(b, c), c))));
    return Optional.of(new Expr.Mul(List.of(lowerer.translate(q), ratio)));
  }

  /** Both powers of {@link #logOfPowersFar} at least {@link #LARGE_POWER} (false where either is NaN). */
  private Expr.Test largePowers(IExpr u, IExpr v) {
    Expr bound = Expr.Const.of(LARGE_POWER);
    return new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GE, lowerer.translate(u.second()), bound),
        new Expr.Test.Compare(Expr.Test.Op.GE, lowerer.translate(v.second()), bound)));
  }

  /**
   * b where {@code e = 1 + b^q}, b in z and q free of z other than an integer (a number, or an
   * expression in the free parameters); else null. A symbolic q was once left out because the far
   * branch took the gated free energy of {@code Log[1+Abs[z-mu]^p]} (p free) past the class file's
   * 64 KB per method; the forms have shrunk since (that class compiles with it), and without it
   * the value was {@code log(Infinity)}, clamped to MAX_VALUE, at z = -3.2e205 where it is 709.09.
   */
  static IExpr onePlusPowerBase(IExpr e, ISymbol z) {
    if (!e.isPlus() || e.argSize() != 2 || !e.first().isOne() || !e.second().isPower()) return null;
    IExpr power = e.second();
    if (power.base().isFree(z) || !power.exponent().isFree(z) || power.exponent().isInteger()) return null;
    return power.base();
  }

  /**
   * {@code log1p(x)} of a rational function {@code x = gap} of z with free parameters, and where
   * {@code x < -3/4} ({@link LogOnePlusBranches#NEAR_MINUS_ONE}), {@code log(1 + x)} with {@code 1 + x} put over one denominator. Why: next to
   * {@code x = -1} the sum {@code 1 + x}, {@code u/v} of the two logarithms, is the difference of
   * the terms of {@code x}; the Student-t mean's {@code x = -4z/(nu + (z + 1)^2)} rounds to -1 at
   * z = 1 for nu below 4.4e-16 ({@code 1 + x = nu/(4 + nu)}, log1p -Inf), while {@code (nu + (z -
   * 1)^2)/(nu + (z + 1)^2)} keeps nu ({@link #horner}). With numbers only, {@code 1 + x} is
   * bounded away from 0 by a fixed amount and the form is left as it was.
   */
  Expr logOnePlusQuotient(Expr x, IExpr gap) {
    Expr plain = Expr.Call.of(Fn.LOG1P, x);
    Optional<Expr> ratio = onePlusQuotient(gap);
    if (ratio.isEmpty()) return plain;
    Expr.Test nearMinusOne = new Expr.Test.Compare(Expr.Test.Op.LT, x, Expr.Const.of(LogOnePlusBranches.NEAR_MINUS_ONE));
    return new Expr.Cond(nearMinusOne, Expr.Call.of(Fn.LOG, ratio.get()), plain);
  }

  /**
   * {@code log1p(y) - y} of a rational function y of z with free parameters: where {@code y <
   * -3/4}, {@code log(1 + y) - y} with {@code 1 + y} over one denominator (as in {@link
   * #logOnePlusQuotient}: the Student-t mean's {@code dNu} at z = 1 for nu below 4.4e-16 was 0,
   * exact -5e49 at nu = 1e-100); elsewhere {@code log1pmx(y)}.
   */
  Expr logOnePlusRemainder(IExpr y) {
    Expr x = lowerer.translate(y);
    Expr plain = Expr.Call.of(Fn.LOG1PMX, x);
    Optional<Expr> ratio = onePlusQuotient(y);
    if (ratio.isEmpty()) return plain;
    Expr.Test nearMinusOne = new Expr.Test.Compare(Expr.Test.Op.LT, x, Expr.Const.of(LogOnePlusBranches.NEAR_MINUS_ONE));
    return new Expr.Cond(nearMinusOne, new Expr.Add(List.of(Expr.Call.of(Fn.LOG, ratio.get()), new Expr.Neg(x))), plain);
  }

  /** {@code 1 + x} over one denominator, lowered, for a rational x with free parameters; else empty. */
  private Optional<Expr> onePlusQuotient(IExpr x) {
    if (x.isFree(z) || !isRationalInZ(x) || parameters(x).isEmpty()) return Optional.empty();
    IExpr sum = together(F.Plus(F.C1, x));
    if (!isRationalInZ(sum)) return Optional.empty();
    return Optional.of(lowerer.translate(sum));
  }

  /**
   * {@code c log1p(x)} for {@code |x| <= LogOnePlusBranches.SMALL} as {@code y (1 - x/2)} with {@code y = c x}
   * put over one denominator, when c holds a free parameter; else empty. Why: x can be subnormal
   * where {@code c x} is not, and then it has lost its bits before c can scale them back: the
   * Student-t mean's {@code -(1 + nu)/4 log1p(-4z/(nu + (z + 1)^2))}, exactly about z at z =
   * {@code MIN_NORMAL}, was off from nu of about 1e8 on (relative error 1.6e-9 at nu = 1e8; 0, an
   * error of 1, at nu = 1e25 and beyond).
   */
  private Optional<ScaledSmall> scaledSmallLogarithm(IExpr c, Expr x, IExpr gap) {
    if (c.isNumber() || parameters(c).isEmpty() || !isRationalInZ(gap)) return Optional.empty();
    IExpr scaled = together(F.Times(c, gap));
    if (!isRationalInZ(scaled)) return Optional.empty();
    Expr y = lowerer.translate(scaled);
    Expr oneMinusHalf = new Expr.Add(List.of(Expr.Const.of(1.0), new Expr.Mul(List.of(Expr.Const.of(-0.5), x))));
    return Optional.of(new ScaledSmall(y, new Expr.Mul(List.of(y, oneMinusHalf))));
  }

  /** {@code y = c x} and the form {@code y (1 - x/2)} of {@link #scaledSmallLogarithm}. */
  private record ScaledSmall(Expr y, Expr form) {}

  /**
   * {@code tanh(u) - tanh(v) = tanh(u - v) (1 - tanh(u) tanh(v))} with {@code u - v} combined
   * symbolically. Where u and v have the same sign, {@code 1 - tanh(u) tanh(v)} is taken as {@code
   * e_u + e_v - e_u e_v} with {@code e_x = 1 - |tanh x| = 2 logistic(-2|x|)}. Why: far out both
   * tanh round to the same +-1 and their difference, which decides a log-cosh mixture's slope
   * (the slopes {@code tanh(u_h)/a}), came out 0 where it is {@code 2e-21} (z = -12.5, a = 1/2); a
   * sum {@code tanh(u) + tanh(v)} is the difference with {@code -v} (tanh is odd).
   */
  Expr tanhDifference(IExpr u, IExpr v) {
    Expr lu = lowerer.translate(u);
    Expr lv = lowerer.translate(v);
    Expr gap = lowerer.translate(together(F.Subtract(u, v)));
    Expr zero = Expr.Const.of(0.0);
    Expr tu = Expr.Call.of(Fn.TANH, lu);
    Expr tv = Expr.Call.of(Fn.TANH, lv);
    Expr eu = oneMinusAbsTanh(lu);
    Expr ev = oneMinusAbsTanh(lv);
    Expr sameSign = new Expr.Add(List.of(eu, ev, new Expr.Neg(new Expr.Mul(List.of(eu, ev)))));
    Expr otherSigns = new Expr.Add(List.of(Expr.Const.of(1.0), new Expr.Neg(new Expr.Mul(List.of(tu, tv)))));
    Expr.Test same = new Expr.Test.Or(List.of(
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GE, lu, zero), new Expr.Test.Compare(Expr.Test.Op.GE, lv, zero))),
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.LT, lu, zero), new Expr.Test.Compare(Expr.Test.Op.LT, lv, zero)))));
    return new Expr.Mul(List.of(Expr.Call.of(Fn.TANH, gap), new Expr.Cond(same, sameSign, otherSigns)));
  }

  /** {@code 1 - |tanh x| = 2 logistic(-2|x|)}, without the cancellation of the difference. */
  private static Expr oneMinusAbsTanh(Expr x) {
    return new Expr.Mul(List.of(Expr.Const.of(2.0),
        Expr.Call.of(Fn.LOGISTIC, new Expr.Mul(List.of(Expr.Const.of(-2.0), Expr.Call.of(Fn.ABS, x))))));
  }

  /**
   * {@code log cosh(p) - log cosh(q)}, accurate in relative terms next to its roots ({@code p = +-q})
   * and without overflow, in two forms that both use the arguments' combinations {@code p +- q}
   * and {@code |p| - |q|} taken symbolically (for {@code p = z+1, q = z-2} they are {@code 2z-1}
   * and {@code +-3}: exact next to the root z = 1/2):
   * <ul>
   *   <li>where {@code |p|, |q| <= 1}: {@code log1p(2 sinh((p+q)/2) sinh((p-q)/2) / cosh q)}, the
   *       cosh difference as a product;
   *   <li>elsewhere: {@code D + log1p((e^-2|p| - e^-2|q|) / (1 + e^-2|q|))} with {@code D = |p| -
   *       |q|}, the exponentials' difference factored on the larger one with {@code expm1(-+2D)}.
   *       Its slope in D is {@code tanh|p|}, so it cancels only where both arguments are small,
   *       which the first form covers (it would lose {@code cosh p / cosh q} next to -1 where the
   *       arguments differ much).
   * </ul>
   * Before, a ratio {@code (cosh p - cosh q)/cosh q} was taken for |z| <= 1 and the two tails'
   * difference {@code log1p(e^-2|p|) - log1p(e^-2|q|)} beyond: both cancel next to such a root
   * (a relative error of 1.8e-2 at 6.8e-15 from z = 1/2 in {@code |(z-mu)/a| + 3 log cosh(z-mu)}
   * with centres -1, 1/2 and 2, where the outer hypotheses tie for every a).
   */
  Expr logCoshDifference(IExpr p, IExpr q) {
    Expr lp = lowerer.translate(p);
    Expr lq = lowerer.translate(q);
    Expr zero = Expr.Const.of(0.0);
    Expr one = Expr.Const.of(1.0);
    Expr two = Expr.Const.of(2.0);
    Expr pPositive = lowerer.translate(together(F.Subtract(p, q)));
    Expr pNegative = lowerer.translate(together(F.Negate(F.Plus(p, q))));
    Expr gap = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lp, zero),
        new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lq, zero), pPositive, lowerer.translate(together(F.Plus(p, q)))),
        new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lq, zero), pNegative, lowerer.translate(together(F.Subtract(q, p)))));
    Expr halfSum = lowerer.translate(together(F.Times(F.C1D2, F.Plus(p, q))));
    Expr halfGap = lowerer.translate(together(F.Times(F.C1D2, F.Subtract(p, q))));
    Expr near = Expr.Call.of(Fn.LOG1P, new Expr.Div(
        new Expr.Mul(List.of(two, Expr.Call.of(Fn.SINH, halfSum), Expr.Call.of(Fn.SINH, halfGap))), Expr.Call.of(Fn.COSH, lq)));
    Expr tailQ = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(-2.0), Expr.Call.of(Fn.ABS, lq))));
    Expr tailP = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(-2.0), Expr.Call.of(Fn.ABS, lp))));
    Expr tails = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, gap, zero),
        new Expr.Mul(List.of(tailQ, Expr.Call.of(Fn.EXPM1, new Expr.Mul(List.of(Expr.Const.of(-2.0), gap))))),
        new Expr.Neg(new Expr.Mul(List.of(tailP, Expr.Call.of(Fn.EXPM1, new Expr.Mul(List.of(two, gap)))))));
    Expr far = new Expr.Add(List.of(gap,
        Expr.Call.of(Fn.LOG1P, new Expr.Div(tails, new Expr.Add(List.of(one, tailQ))))));
    Expr.Test small = new Expr.Test.And(List.of(
        new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, lp), one),
        new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, lq), one)));
    return new Expr.Cond(small, near, far);
  }

  /**
   * The square root of a quadratic whose coefficients depend on a free parameter (the pseudo-Huber
   * {@code Sqrt[1 + ((z-mu)/delta)^2]}): the same completed square as {@link #sqrt}, but whether
   * {@code a > 0} and the floor {@code c/a - (b/2a)^2 >= 0} depends on the parameter, so the
   * generated code tests it at run time and takes the plain root otherwise. Without it {@code z^2}
   * overflowed and the pseudo-Huber mean with a free delta was -0.0 at z = -1.6e219 (exact
   * -tanh 1).
   */
  private Expr parametricHypot(IExpr base, List<IExpr> c) {
    IExpr a = c.get(2);
    IExpr shift = symja.eval(F.Divide(c.get(1), F.Times(F.C2, a)));
    IExpr floor = together(F.Subtract(F.Divide(c.get(0), a), F.Power(shift, F.C2)));
    Expr inner = shift.isZero() ? new Expr.Var("z") : new Expr.Add(List.of(new Expr.Var("z"), lowerer.translate(shift)));
    Expr h = Expr.Call.of(Fn.HYPOT, inner, Expr.Call.of(Fn.SQRT, lowerer.translate(floor)));
    Expr la = lowerer.translate(a);
    Expr completed = new Expr.Mul(List.of(Expr.Call.of(Fn.SQRT, la), h));
    Expr zero = Expr.Const.of(0.0);
    Expr.Test valid = new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GT, la, zero),
        new Expr.Test.Compare(Expr.Test.Op.GE, lowerer.translate(floor), zero)));
    return new Expr.Cond(valid, completed, lowerer.call(Fn.SQRT, base));
  }

  /**
   * {@code log cosh(u)}: {@code cosh} overflows beyond |u| ~ 710 (the log-cosh loss was Infinity at
   * z = -1.8e177 where the exact energy is 1.8e177), and near 0 {@code cosh(u)} rounds to 1 (the
   * loss, about u^2/2, came out 0). So: {@code log1p(2 sinh(u/2)^2)} for |u| <= 1 (cosh u - 1
   * without cancellation) and {@code |u| - log 2 + log1p(e^-2|u|)} beyond (at least 0.3, no
   * cancellation, nothing overflows).
   */
  /**
   * The pairs {@code c log f(u)} and {@code -c u f'(u)/f(u)} among {@code terms}, the derivative of
   * {@code a log f((z-mu)/a)} in its scale a, for {@code f = cosh} ({@code u tanh u}) and {@code f =
   * 1 + e^u} ({@code u e^u/(1 + e^u)}), each lowered into {@code out} as c times its remainder of
   * full relative precision: {@code log cosh u - u tanh u = -log 2 + softplus(-2|u|) + 2|u|
   * logistic(-2|u|)} (the constants {@code -c log 2} summed symbolically among the other terms, 0
   * where the pairs come with opposite c) and {@code softplus(u) - u logistic(u) = softplus(-|u|) +
   * |u| logistic(-|u|)}. The terms without such a partner are returned. Why: both members grow
   * like |u| (or like u for u > 0), so a difference of two pairs (the scale derivative of an energy
   * difference) cancels twice: the mean of {@code a Log[Cosh[(z-mu)/a]]} with a free a had dA 3.6e-5
   * off at z = 14.6, where it is -9.4e-12 (terms of order 1, e^-2|u| left); the scaled softplus
   * likewise far out. Symja gathers the slopes into one term, {@code ((1 - z) Tanh[u1] + (1 + z)
   * Tanh[u2]) / a}: it is expanded with each slope function standing in as a symbol (Expand would
   * rewrite the arguments) and taken apart by them.
   */
  List<IExpr> scaleSlopePairs(List<IExpr> terms, List<Expr> out) {
    List<IExpr> arguments = new ArrayList<>();
    List<Boolean> cosh = new ArrayList<>();
    List<IExpr> coefficients = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      Term a = term(terms.get(i));
      if (a.kind() != S.Log || a.argument().isFree(z)) continue;
      IExpr u = a.argument().isAST(S.Cosh, 2) ? a.argument().first() : softplusArgument(a.argument());
      if (u == null || arguments.contains(u)) continue;
      arguments.add(u);
      cosh.add(a.argument().isAST(S.Cosh, 2));
      coefficients.add(a.coefficient());
      owners.add(i);
    }
    if (arguments.isEmpty()) return terms;
    // stand-ins: slope_k for Tanh[u_k] (log cosh) or for 1/(1 + E^u_k) (softplus), exp_k for E^u_k
    int n = arguments.size();
    ISymbol[] slope = new ISymbol[n];
    ISymbol[] exp = new ISymbol[n];
    List<IExpr> toSymbols = new ArrayList<>();
    List<IExpr> back = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      IExpr u = arguments.get(k);
      slope[k] = F.Dummy("slope" + k);
      if (cosh.get(k)) {
        toSymbols.add(F.Rule(F.Tanh(u), slope[k]));
        back.add(F.Rule(slope[k], F.Tanh(u)));
      } else {
        exp[k] = F.Dummy("exp" + k);
        toSymbols.add(F.Rule(F.Power(F.Plus(F.C1, F.Exp(u)), F.CN1), slope[k]));
        toSymbols.add(F.Rule(F.Exp(u), exp[k]));
        back.add(F.Rule(slope[k], F.Power(F.Plus(F.C1, F.Exp(u)), F.CN1)));
        back.add(F.Rule(exp[k], F.Exp(u)));
      }
    }
    IAST forward = F.ast(S.List, toSymbols);
    IAST backward = F.ast(S.List, back);
    IExpr[] gathered = new IExpr[n];
    List<IExpr> rest = new ArrayList<>();
    boolean anySlope = false;
    for (int i = 0; i < terms.size(); i++) {
      IExpr t = terms.get(i);
      if (owners.contains(i)) continue;
      IExpr standIn = symja.eval(F.ReplaceAll(t, forward));
      if (standIn.equals(t)) {
        rest.add(t);
        continue;
      }
      List<IExpr> parts = new ArrayList<>();
      Lowerer.flatten(symja.eval(F.Expand(standIn)), S.Plus, parts);
      for (IExpr part : parts) {
        int owner = -1;
        IExpr coefficient = null;
        for (int k = 0; k < n && owner < 0; k++) {
          IExpr unit = cosh.get(k) ? slope[k] : F.Times(exp[k], slope[k]);
          IExpr c = symja.eval(F.Together(F.Divide(part, unit)));
          if (isFreeOfStandIns(c, slope, exp)) {
            owner = k;
            coefficient = c;
          }
        }
        if (owner < 0) {
          rest.add(symja.eval(F.ReplaceAll(part, backward)));
        } else {
          gathered[owner] = gathered[owner] == null ? coefficient : F.Plus(gathered[owner], coefficient);
          anySlope = true;
        }
      }
    }
    if (!anySlope) return terms;
    List<IExpr> constants = new ArrayList<>();
    List<Expr> paired = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      IExpr u = arguments.get(k);
      IExpr c = coefficients.get(k);
      boolean pairs = gathered[k] != null && symja.eval(F.Together(F.Plus(gathered[k], F.Times(c, u)))).isZero();
      if (!pairs) {
        rest.add(terms.get(owners.get(k)));
        if (gathered[k] != null) {
          IExpr unit = cosh.get(k) ? F.Tanh(u) : F.Divide(F.Exp(u), F.Plus(F.C1, F.Exp(u)));
          rest.add(symja.eval(F.Times(gathered[k], unit)));
        }
        continue;
      }
      Expr lu = lowerer.translate(u);
      Expr abs = Expr.Call.of(Fn.ABS, lu);
      double scale = cosh.get(k) ? 2.0 : 1.0;
      Expr argument = new Expr.Mul(List.of(Expr.Const.of(-scale), abs));
      Expr remainder = new Expr.Add(List.of(Expr.Call.of(Fn.SOFTPLUS, argument),
          new Expr.Mul(List.of(Expr.Const.of(scale), abs, Expr.Call.of(Fn.LOGISTIC, argument)))));
      paired.add(c.isOne() ? remainder : new Expr.Mul(List.of(lowerer.translate(c), remainder)));
      if (cosh.get(k)) constants.add(F.Times(F.CN1, c, F.Log(F.C2)));
    }
    if (paired.isEmpty()) return terms;
    out.addAll(paired);
    if (!constants.isEmpty()) {
      IExpr constant = symja.eval(F.Plus(constants.toArray(new IExpr[0])));
      if (!constant.isZero()) rest.add(constant);
    }
    return rest;
  }

  /**
   * Pairs of terms {@code p log b + q log d} whose coefficients sum to a constant ({@code p + q}
   * free of z, at least one of them not) and whose arguments differ by a nonzero constant ({@code
   * d - b} free of z): {@code (p + q) log b + q log1p((d - b)/b)}, the gap combined symbolically.
   * As written each product grows like {@code |z| log|z|} while the sum stays of the size of
   * {@code log|z|}: the energy difference of {@code |z - mu| log(1 + |z - mu|)} at the centres
   * +-1, {@code (1 - z) log(2 - z) + (1 + z) log(-z)} for {@code z <= -1}, is {@code Inf - Inf} =
   * NaN beyond {@code |z| = 2.5e305}, where it is about {@code 2 log|z| + 2}. The terms paired are
   * lowered into {@code out}; the others are returned.
   */
  List<IExpr> logProductPairs(List<IExpr> terms, List<Expr> out) {
    int n = terms.size();
    IExpr[] coefficient = new IExpr[n];
    IExpr[] argument = new IExpr[n];
    for (int i = 0; i < n; i++) {
      IExpr[] split = logProduct(terms.get(i));
      if (split == null) continue;
      coefficient[i] = split[0];
      argument[i] = split[1];
    }
    boolean[] used = new boolean[n];
    List<IExpr> others = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (used[i] || argument[i] == null) continue;
      for (int j = i + 1; j < n; j++) {
        if (used[j] || argument[j] == null) continue;
        if (coefficient[i].isFree(z) && coefficient[j].isFree(z)) continue;
        IExpr sum = together(F.Plus(coefficient[i], coefficient[j]));
        if (!sum.isFree(z)) continue;
        IExpr gap = together(F.Subtract(argument[j], argument[i]));
        if (!gap.isFree(z) || gap.isZero()) continue;
        Expr b = lowerer.translate(argument[i]);
        Expr ratio = Expr.Call.of(Fn.LOG1P, new Expr.Div(lowerer.translate(gap), b));
        Expr paired = new Expr.Mul(List.of(lowerer.translate(coefficient[j]), ratio));
        if (!sum.isZero()) {
          paired = new Expr.Add(List.of(new Expr.Mul(List.of(lowerer.translate(sum), Expr.Call.of(Fn.LOG, b))), paired));
        }
        out.add(paired);
        used[i] = used[j] = true;
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      if (!used[i]) others.add(terms.get(i));
    }
    return others;
  }

  /** {@code {p, b}} for a term {@code p Log[b]} with b depending on z and no other logarithm in p; else null. */
  private IExpr[] logProduct(IExpr t) {
    List<IExpr> factors = new ArrayList<>();
    Lowerer.flatten(t, S.Times, factors);
    IExpr argument = null;
    List<IExpr> rest = new ArrayList<>();
    for (IExpr f : factors) {
      if (argument == null && f.isAST(S.Log, 2) && !f.first().isFree(z)) {
        argument = f.first();
      } else if (!f.isFree(x -> x.isAST(S.Log), true)) {
        return null;
      } else {
        rest.add(f);
      }
    }
    if (argument == null) return null;
    return new IExpr[] {rest.isEmpty() ? F.C1 : rest.size() == 1 ? rest.get(0) : F.ast(S.Times, rest), argument};
  }

  private static boolean isFreeOfStandIns(IExpr e, ISymbol[] slope, ISymbol[] exp) {
    for (int k = 0; k < slope.length; k++) {
      if (!e.isFree(slope[k]) || exp[k] != null && !e.isFree(exp[k])) return false;
    }
    return true;
  }

  Expr logCosh(IExpr argument) {
    Expr u = lowerer.translate(argument);
    Expr half = Expr.Call.of(Fn.SINH, new Expr.Mul(List.of(Expr.Const.of(0.5), u)));
    Expr near = Expr.Call.of(Fn.LOG1P, new Expr.Mul(List.of(Expr.Const.of(2.0), new Expr.PowInt(half, 2))));
    Expr far = new Expr.Add(List.of(Expr.Call.of(Fn.ABS, u), new Expr.Const(-Math.log(2), "-Log[2]"), tailLog1p(u)));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, u), Expr.Const.of(1.0));
    return new Expr.Cond(small, near, far);
  }

  /**
   * {@code u^p - v^p} for a non-integer or symbolic exponent (a generalized Gaussian {@code
   * |z-mu|^p} with a free p): with both bases positive, factored on the larger power,
   * {@code -u^p expm1(p log1p((v - u)/u))} (and the mirror), with {@code v - u} combined
   * symbolically. As written the two powers cancel where they are nearly equal (the mean of
   * {@code Abs[z-mu]^p} with a free p was -0.0 at z = -3.4e-199, exact -3.4e-199). Bases of unknown
   * sign, or different exponents, are taken as written.
   */
  private Expr powerDifference(IExpr u, IExpr v) {
    IExpr p = ((IAST) u).arg2();
    IExpr q = ((IAST) v).arg2();
    IExpr bu = ((IAST) u).arg1();
    IExpr bv = ((IAST) v).arg1();
    Expr plain = new Expr.Add(List.of(lowerer.translate(F.Power(bu, p)), new Expr.Neg(lowerer.translate(F.Power(bv, q)))));
    if (!p.equals(q)) return plain;
    Expr lu = lowerer.translate(bu);
    Expr lv = lowerer.translate(bv);
    Base baseU = base(bu);
    Base baseV = base(bv);
    Expr exponent = lowerer.translate(p);
    Expr gap = lowerer.translate(together(F.Subtract(bu, bv)));
    // u > v: -u^p expm1(p log(v/u)); else v^p expm1(p log(u/v)), the log as log1p((v - u)/u)
    // where v is within a factor 2 of u, log(v/u) itself where v is smaller: next to v's root
    // (a kink of |z-mu|^p) 1 + (v - u)/u keeps the absolute rounding of (v - u)/u, which is all of
    // v there: the derivative of Abs[z-mu]^p at p = 0.726 was 6 % off at z = -1 - 1.1e-15
    Expr onU = new Expr.Neg(beyondOverflow(lowerer.translate(F.Power(bu, p)), exponent, baseU, Expr.Call.of(Fn.EXPM1,
        new Expr.Mul(List.of(exponent, logRatio(baseV, baseU, new Expr.Neg(gap)))))));
    Expr onV = beyondOverflow(lowerer.translate(F.Power(bv, p)), exponent, baseV, Expr.Call.of(Fn.EXPM1,
        new Expr.Mul(List.of(exponent, logRatio(baseU, baseV, gap)))));
    return new Expr.Cond(bothPositive(lu, lv),
        new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GT, gap, Expr.Const.of(0.0)), onU, onV), plain);
  }

  /**
   * {@code log(a/b)} for positive a, b with {@code difference = a - b}: {@code log1p(difference /
   * b)} where a is at least half of b (a near b: no cancellation in the quotient's distance from
   * 1), {@code log(a / b)} where it is smaller (a near 0: the quotient is relatively exact, while
   * {@code 1 + difference/b} would lose it).
   */
  private static Expr logRatio(Expr a, Expr b, Expr difference) {
    return logRatio(new Base(a, Optional.empty()), new Base(b, Optional.empty()), difference);
  }

  /** {@link #logRatio(Expr, Expr, Expr)} through the bases' roots where both have one. */
  private static Expr logRatio(Base a, Base b, Expr difference) {
    if (a.root().isEmpty() || b.root().isEmpty()) {
      Expr.Test nearB = new Expr.Test.Compare(Expr.Test.Op.GE, a.plain(), new Expr.Mul(List.of(Expr.Const.of(0.5), b.plain())));
      return new Expr.Cond(nearB, Expr.Call.of(Fn.LOG1P, new Expr.Div(difference, b.plain())),
          Expr.Call.of(Fn.LOG, new Expr.Div(a.plain(), b.plain())));
    }
    // a >= b/2 as h_a >= h_b sqrt(1/2); log(a/b) = 2 log(h_a/h_b), the common scale k cancelling
    Root ra = a.root().get();
    Root rb = b.root().get();
    boolean common = ra.scale().equals(rb.scale());
    Expr ha = common ? ra.hypot() : ra.whole();
    Expr hb = common ? rb.hypot() : rb.whole();
    Expr.Test nearB = new Expr.Test.Compare(Expr.Test.Op.GE, ha, new Expr.Mul(List.of(Expr.Const.of(Math.sqrt(0.5)), hb)));
    return new Expr.Cond(nearB, Expr.Call.of(Fn.LOG1P, b.over(difference)),
        new Expr.Mul(List.of(Expr.Const.of(2.0), Expr.Call.of(Fn.LOG, new Expr.Div(ha, hb)))));
  }

  /**
   * {@code b^p * f} for a positive base b, also where {@code b^p} overflows and the product does
   * not: there {@code signum(f) exp(p log b + log|f|)}. Why: far out the difference of two
   * generalized-Gaussian energies {@code |z+1|^p - |z-1|^p} is about {@code 2p z^(p-1)}, an
   * ordinary number at z = 4e133 for p = 3.1, while each power is beyond the double range: the
   * product form gave -Infinity there and the gated mean's derivative NaN (exact 1). The
   * exponential's relative error, about {@code |p log b|} roundings, matters only where the power
   * has overflowed, and there the energies' gap is far beyond what a posterior can resolve.
   */
  private static Expr beyondOverflow(Expr power, Expr exponent, Expr base, Expr factor) {
    return beyondOverflow(power, exponent, new Base(base, Optional.empty()), factor);
  }

  /**
   * {@code c b^q} for a product of one power of a base in z, with an exponent q free of z that is
   * a number above 1 other than an integer or an expression in the free parameters, and factors c
   * free of z: {@link #beyondOverflow} with c as the factor, so that where {@code b^q} has left the
   * range and {@code c b^q} has not, the product is {@code signum(c) exp(q log|b| + log|c|)}. Empty
   * for any other product. Why: with a scale below 1 the power overflows before the product does
   * (the free energy of {@code Abs[z-mu]^p/p} at p = 2.54 from z = 1.5e121, a factor {@code
   * p^(1/p)} = 1.44 before the energy leaves the range; {@code Abs[(z-mu)/s]^(3/2)}, which Symja
   * writes {@code |z-1|^(3/2) / |s|^(3/2)}, at s = 3.35 from 3.2e205 where the energy does at
   * 1.07e206), and every form built from the energies returned Infinity for finite values. An
   * integer exponent is left as it was (the catalog's scaled squares keep their bytes; a square
   * with a scale is {@code (z/s)^2} where Symja keeps it so).
   */
  Optional<Expr> scaledPower(List<IExpr> factors) {
    IExpr power = null;
    List<IExpr> scale = new ArrayList<>();
    for (IExpr f : factors) {
      if (f.isFree(z)) {
        scale.add(f);
      } else if (power == null && f.isPower() && !f.base().isFree(z) && f.exponent().isFree(z)
          && !f.exponent().isInteger()) {
        power = f;
      } else {
        return Optional.empty();
      }
    }
    if (power == null || scale.isEmpty()) return Optional.empty();
    IExpr q = power.exponent();
    if (q.isNumber() && !(q.isReal() && q.evalDouble() > 1)) {
      return Optional.empty();
    }
    Expr factor = lowerer.translate(scale.size() == 1 ? scale.get(0) : F.ast(S.Times, scale));
    Expr base = Expr.Call.of(Fn.ABS, lowerer.translate(power.base()));
    return Optional.of(beyondOverflow(lowerer.translate(power), lowerer.translate(q), base, factor));
  }

  /** {@link #beyondOverflow(Expr, Expr, Expr, Expr)} with the base's logarithm through its root where it has one. */
  private static Expr beyondOverflow(Expr power, Expr exponent, Base base, Expr factor) {
    Expr scaled = new Expr.Mul(List.of(Expr.Call.of(Fn.SIGNUM, factor), Expr.Call.of(Fn.EXP, new Expr.Add(List.of(
        new Expr.Mul(List.of(exponent, base.log())), Expr.Call.of(Fn.LOG, Expr.Call.of(Fn.ABS, factor)))))));
    Expr.Test overflowed = new Expr.Test.Compare(Expr.Test.Op.GT, power, Expr.Const.of(Double.MAX_VALUE));
    // a power split in factors (a Root's k^p H^p) multiplies the factor as one product with them:
    // differentiated, each factor's logarithmic derivative then comes last, after the small
    // factor (Differentiation), and k^p H^p log H does not overflow before the expm1 is applied
    List<Expr> product = new ArrayList<>(power instanceof Expr.Mul m ? m.factors() : List.of(power));
    product.add(factor);
    return new Expr.Cond(overflowed, scaled, new Expr.Mul(product));
  }

  /**
   * {@code atan u - atan v} as {@code atan((u - v)/(1 + u v))} where u and v have one sign (then
   * {@code u v > 0} and the identity holds without a multiple of pi), the quotient put over one
   * denominator by Symja so that {@code u - v} is exact in its coefficients; as written where the
   * signs differ, where the two terms add in magnitude. Why: far out both arctangents are next to
   * +-pi/2 and their difference, the energies' gap of {@code ArcTan[(z-mu)^2]} at two centres
   * (about {@code 4/z^3}), is lost to their rounding from |z| = 1e6 on.
   */
  private Expr arctanDifference(IExpr u, IExpr v) {
    Expr lu = lowerer.translate(u);
    Expr lv = lowerer.translate(v);
    Expr plain = new Expr.Add(List.of(Expr.Call.of(Fn.ATAN, lu), new Expr.Neg(Expr.Call.of(Fn.ATAN, lv))));
    Expr quotient = lowerer.translate(together(F.Divide(F.Subtract(u, v), F.Plus(F.C1, F.Times(u, v)))));
    Expr zero = Expr.Const.of(0.0);
    Expr.Test bothNegative = new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.LT, lu, zero),
        new Expr.Test.Compare(Expr.Test.Op.LT, lv, zero)));
    return new Expr.Cond(new Expr.Test.Or(List.of(bothPositive(lu, lv), bothNegative)), Expr.Call.of(Fn.ATAN, quotient), plain);
  }

  /**
   * {@code arsinh u - arsinh v} for u and v of one sign as a logarithm of the quotient of {@code u +
   * sqrt(1 + u^2)} and {@code v + sqrt(1 + v^2)}: for {@code u, v >= 0}, {@code log1p((u - v) / (v +
   * S_v) (1 + (u + v) / (S_u + S_v)))} with {@code S = hypot(1, .)} ({@code S_u - S_v = (u - v)(u +
   * v) / (S_u + S_v)}, no subtraction but {@code u - v}, which Symja puts over one denominator), and
   * where both exceed 2^28, {@code log1p((u - v)/v)} with the quotient formed by Symja (there {@code
   * S = |.|} to 2^-57, and u or v alone may overflow where the quotient does not: {@code
   * ArcSinh[((z-mu)/a)^2]}); for {@code u, v <= 0} the same of {@code -v} and {@code -u} ({@code
   * arsinh} is odd); as written where the signs differ, where the two terms add in magnitude. Why:
   * far out both terms are about {@code log 2|u|}, and the energies' gap of {@code ArcSinh[(z-mu)^2]}
   * at two centres (about {@code -4/z}) was lost to their rounding.
   */
  private Expr arsinhDifference(IExpr u, IExpr v) {
    Expr lu = lowerer.translate(u);
    Expr lv = lowerer.translate(v);
    Expr plain = new Expr.Add(List.of(Expr.Call.of(Fn.ASINH, lu), new Expr.Neg(Expr.Call.of(Fn.ASINH, lv))));
    Expr gap = lowerer.translate(together(F.Subtract(u, v)));
    Expr one = Expr.Const.of(1.0);
    Expr su = Expr.Call.of(Fn.HYPOT, one, lu);
    Expr sv = Expr.Call.of(Fn.HYPOT, one, lv);
    Expr ratio = new Expr.Div(new Expr.Add(List.of(lu, lv)), new Expr.Add(List.of(su, sv)));
    Expr far = Expr.Const.of(StableFunctions.ASINH_FAR);
    Expr positive = new Expr.Cond(bothAbove(lu, lv, far),
        Expr.Call.of(Fn.LOG1P, lowerer.translate(together(F.Divide(F.Subtract(u, v), v)))),
        Expr.Call.of(Fn.LOG1P, new Expr.Mul(List.of(new Expr.Div(gap, new Expr.Add(List.of(lv, sv))),
            new Expr.Add(List.of(one, ratio))))));
    Expr negative = new Expr.Cond(bothAbove(new Expr.Neg(lu), new Expr.Neg(lv), far),
        Expr.Call.of(Fn.LOG1P, lowerer.translate(together(F.Divide(F.Subtract(u, v), F.Negate(u))))),
        Expr.Call.of(Fn.LOG1P, new Expr.Mul(List.of(new Expr.Div(gap, new Expr.Add(List.of(new Expr.Neg(lu), su))),
            new Expr.Add(List.of(one, new Expr.Neg(ratio)))))));
    Expr zero = Expr.Const.of(0.0);
    return new Expr.Cond(bothAbove(lu, lv, zero), positive,
        new Expr.Cond(bothAbove(new Expr.Neg(lu), new Expr.Neg(lv), zero), negative, plain));
  }

  /** {@code a >= bound && b >= bound}. */
  private static Expr.Test bothAbove(Expr a, Expr b, Expr bound) {
    return new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GE, a, bound),
        new Expr.Test.Compare(Expr.Test.Op.GE, b, bound)));
  }

  /** {@code a > 0 && b > 0}. */
  private static Expr.Test bothPositive(Expr a, Expr b) {
    Expr zero = Expr.Const.of(0.0);
    return new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GT, a, zero),
        new Expr.Test.Compare(Expr.Test.Op.GT, b, zero)));
  }

  /** {@code log1p(e^-2|x|)}. */
  static Expr tailLog1p(Expr x) {
    Expr twiceAbs = new Expr.Mul(List.of(Expr.Const.of(-2.0), Expr.Call.of(Fn.ABS, x)));
    return Expr.Call.of(Fn.LOG1P, Expr.Call.of(Fn.EXP, twiceAbs));
  }

  /**
   * {@code e} over one denominator (then factored) when Symja does that correctly, as checked by
   * {@link #sameAt}; {@code e} as it evaluates otherwise.
   */
  IExpr together(IExpr e) {
    IExpr evaluated = symja.eval(e);
    IExpr best = togetherChecked(evaluated, x -> x.leafCount() <= evaluated.leafCount() * 2).orElse(evaluated);
    Optional<IExpr> f = Bounded.apply(symja, "Factor", best, PIECE_LIMIT);
    return f.filter(x -> x.leafCount() <= evaluated.leafCount() * 2 && sameAt(x, evaluated)).orElse(best);
  }

  /**
   * The rational point where a rewrite of a rational function is checked exactly: two different
   * rational functions agree at finitely many points, and an arbitrary one is not among them but
   * by accident. (Three points cost the catalog 14 s of CPU and changed no output.)
   */
  private static final IExpr CHECK_POINT = F.QQ(37, 101);

  /**
   * True unless {@code a - b} is a nonzero number at {@link #CHECK_POINT} (rational arithmetic; a
   * point where either is undefined proves nothing). Symja 3.0.0's Together has been seen to
   * return a different rational function: (6-4z)^2/(1+(3-2z)^2) - 16(2-z)^2/(1+4(2-z)^2), whose
   * numerator is 16z - 28, came back with a quartic one. The same sum with every numerator and
   * denominator expanded first ({@code ExpandAll}) comes back right, so {@link #together} tries
   * that when the plain call fails this check: a difference of pseudo-Huber slopes far out was
   * otherwise left as two nearly equal fractions (relative error 1e8 at z = -7e7).
   */
  boolean sameAt(IExpr a, IExpr b) {
    IExpr d = symja.eval(F.ReplaceAll(F.Subtract(a, b), F.Rule(z, CHECK_POINT)));
    return !(d.isNumber() && !d.isZero());
  }

  /**
   * {@code Sqrt[a z^2 + b z + c]} with a > 0 and a positive minimum: completing the square gives
   * {@code Sqrt[a] hypot(z + b/(2a), Sqrt[c/a - b^2/(4a^2)])}, which never overflows where the
   * root itself is an ordinary number ({@code z^2} overflows for |z| > 1.3e154).
   */
  Expr sqrt(IExpr base) {
    if (base instanceof IAST ast && isRationalInZ(ast)) {
      List<IExpr> c = coefficients(symja.eval(F.Expand(base)));
      if (c != null && c.size() == 3 && c.get(2).isPositive()) {
        IExpr a = c.get(2);
        IExpr shift = symja.eval(F.Divide(c.get(1), F.Times(F.C2, a)));
        IExpr floor = symja.eval(F.Subtract(F.Divide(c.get(0), a), F.Power(shift, F.C2)));
        if (floor.isPositive()) {
          Expr inner = shift.isZero() ? new Expr.Var("z") : new Expr.Add(List.of(new Expr.Var("z"), lowerer.translate(shift)));
          Expr h = Expr.Call.of(Fn.HYPOT, inner, lowerer.translate(symja.eval(F.Sqrt(floor))));
          return a.isOne() ? h : new Expr.Mul(List.of(lowerer.translate(symja.eval(F.Sqrt(a))), h));
        }
      }
      if (c != null && c.size() == 3 && !c.get(2).isNumber()) return parametricHypot(base, c);
    }
    Optional<Expr> even = evenPowerHypot(base);
    if (even.isPresent()) return even.get();
    return lowerer.call(Fn.SQRT, base);
  }

  /**
   * {@code Sqrt[c + T]} with c a positive number and T a product of even integer powers and
   * positive numbers, {@code T = Y^2}: {@code hypot(Y, Sqrt[c])}, which never overflows where the
   * root is an ordinary number. The slope of {@code ArcSinh[((z-mu)/a)^2]} has {@code Sqrt[1 +
   * (z-1)^4/a^4]}, whose radicand overflows from |z| = 1.2e77 on (the slope was 0 there, exact
   * about 2/z). Quadratics in z are the completed squares above; empty for anything else.
   */
  private Optional<Expr> evenPowerHypot(IExpr base) {
    return root(base, false).map(Root::hypot);
  }

  /**
   * The root {@code h = k H} of {@code base = c + Y^2}: c a positive number, Y a product of powers
   * with even exponents, positive numbers and positive factors of the parameters ({@code |a-2|^-1}
   * in Barron's loss); {@code k} the root of those parameter factors (empty where there are none),
   * {@code H = hypot(Y/k, sqrt(c)/k)}. Why: the base overflows from |z| = 1.3e154 where its power
   * need not, and {@code hypot(Y, sqrt c)} itself overflows at z = MAX_VALUE where k > 1 (|a - 2|
   * < 1); {@code k} apart, only a power or logarithm of it is ever formed.
   */
  record Root(Optional<Expr> scale, Expr hypot) {
    /** {@code k H}. */
    Expr whole() {
      return scale.map(k -> (Expr) new Expr.Mul(List.of(k, hypot))).orElse(hypot);
    }

    /** {@code log h = log k + log H}. */
    Expr log() {
      return scale.map(k -> (Expr) new Expr.Add(List.of(Expr.Call.of(Fn.LOG, k), Expr.Call.of(Fn.LOG, hypot))))
          .orElseGet(() -> Expr.Call.of(Fn.LOG, hypot));
    }

    /**
     * {@code log(base)} for the base {@code plain} (as translated) whose root this is: its own
     * logarithm while it is finite, {@code 2 log h} where it has overflowed.
     */
    Expr logOf(Expr plain) {
      Expr.Test finite = new Expr.Test.Compare(Expr.Test.Op.LE, plain, Expr.Const.of(Double.MAX_VALUE));
      return new Expr.Cond(finite, Expr.Call.of(Fn.LOG, plain), new Expr.Mul(List.of(Expr.Const.of(2.0), log())));
    }

    /** {@code h^e = k^e H^e}. */
    Expr power(Expr exponent) {
      Expr h = Expr.Call.of(Fn.POW, hypot, exponent);
      return scale.map(k -> (Expr) new Expr.Mul(List.of(Expr.Call.of(Fn.POW, k, exponent), h))).orElse(h);
    }
  }

  /** The root of {@code base} ({@link Root}), or empty where the base has no such shape. */
  Optional<Root> hypotRoot(IExpr base) {
    return root(base, true);
  }

  /**
   * The root of {@code c + Y^2}; with {@code parametersApart} false the factors free of z stay in
   * Y (and a factor that is not a number or an even power makes it empty), as {@link
   * #evenPowerHypot} has always written square roots.
   */
  private Optional<Root> root(IExpr base, boolean parametersApart) {
    if (!base.isPlus() || base.argSize() != 2 || !base.first().isNumber() || !base.first().isPositive()) return Optional.empty();
    List<IExpr> half = new ArrayList<>();
    List<IExpr> scale = new ArrayList<>();
    boolean varies = false;
    for (IExpr f : Symja.factors(base.second())) {
      if (f.isNumber()) {
        if (!f.isPositive()) return Optional.empty();
        half.add(F.Sqrt(f));
      } else if (f.isPower() && f.exponent().isInteger() && ((IInteger) f.exponent()).isEven()) {
        IExpr root = F.Power(f.base(), symja.eval(F.Divide(f.exponent(), F.C2)));
        if (parametersApart && f.base().isFree(z)) {
          scale.add(root);
        } else {
          half.add(root);
          varies |= !f.base().isFree(z);
        }
      } else if (parametersApart && f.isFree(z)
          && (f.isAST(S.Abs, 2) || f.isPower() && f.base().isAST(S.Abs, 2) && f.exponent().isInteger())) {
        scale.add(F.Sqrt(f)); // positive: its root is real
      } else {
        return Optional.empty();
      }
    }
    if (!varies) return Optional.empty();
    IExpr sqrtC = F.Sqrt(base.first());
    Expr y = lowerer.translate(symja.eval(half.size() == 1 ? half.get(0) : F.ast(S.Times, half)));
    if (scale.isEmpty()) return Optional.of(new Root(Optional.empty(), Expr.Call.of(Fn.HYPOT, y, lowerer.translate(symja.eval(sqrtC)))));
    IExpr k = scale.size() == 1 ? scale.get(0) : F.ast(S.Times, scale);
    // |k|: an even power's root can be negative (a^2 has the root a)
    Expr kExpr = Expr.Call.of(Fn.ABS, lowerer.translate(symja.eval(k)));
    Expr floor = new Expr.Div(lowerer.translate(symja.eval(sqrtC)), kExpr);
    return Optional.of(new Root(Optional.of(kExpr), Expr.Call.of(Fn.HYPOT, y, floor)));
  }

  /**
   * A positive base of a power or logarithm, with its root {@code h = sqrt(base)} where {@link
   * #hypotRoot} finds one. Why: Barron's robust loss {@code |a-2|/a ((u^2/|a-2| + 1)^(a/2) - 1)}
   * has the base {@code 1 + u^2/|a-2|}, which overflows from |u| = 1.3e154 times the root of |a -
   * 2| while its power {@code |u|^a} and the energies' gaps are ordinary numbers: the base and
   * everything computed from it (a quotient by it, its logarithm) go through the root.
   */
  private record Base(Expr plain, Optional<Root> root) {

    /**
     * {@code x / base}: {@code ((x / H) / H) / k / k}, applied to x's factor in z where x is a
     * product (or quotient, or negation) with one: the gap {@code -4 z/|a-2|} itself overflows at
     * z = MAX_VALUE, where {@code -4 ((z/H)/H)/|a-2|} is an ordinary number.
     */
    Expr over(Expr x) {
      if (root.isEmpty()) return new Expr.Div(x, plain);
      Expr scaled = scaledDown(x, root.get().hypot());
      if (root.get().scale().isEmpty()) return scaled;
      Expr k = root.get().scale().get();
      return new Expr.Div(new Expr.Div(scaled, k), k);
    }

    private static Expr scaledDown(Expr x, Expr h) {
      if (x instanceof Expr.Neg n) return new Expr.Neg(scaledDown(n.operand(), h));
      if (x instanceof Expr.Div d && Exprs.involvesZ(d.numerator()) && !Exprs.involvesZ(d.denominator())) {
        return new Expr.Div(scaledDown(d.numerator(), h), d.denominator());
      }
      if (x instanceof Expr.Mul m) {
        List<Expr> factors = new ArrayList<>(m.factors());
        int inZ = -1;
        for (int i = 0; i < factors.size(); i++) {
          if (Exprs.involvesZ(factors.get(i))) inZ = inZ == -1 ? i : -2;
        }
        if (inZ >= 0) {
          factors.set(inZ, scaledDown(factors.get(inZ), h));
          return new Expr.Mul(factors);
        }
      }
      return new Expr.Div(new Expr.Div(x, h), h);
    }

    /** {@code log(base)}: {@code 2 log h} where the base has overflowed ({@link Root#logOf}). */
    Expr log() {
      return root.map(r -> r.logOf(plain)).orElseGet(() -> Expr.Call.of(Fn.LOG, plain));
    }
  }

  private Base base(IExpr b) {
    return new Base(lowerer.translate(b), hypotRoot(b));
  }

  /**
   * {@code (u - v)/(Sqrt[u] + Sqrt[v])} for |z| > 1 when u and v are quadratics with a positive
   * minimum and {@code u - v} has degree at most one: numerator and denominator divided by |z|,
   * {@code ((u - v)/z) / (Sqrt[u]/|z| + Sqrt[v]/|z|)} with the sign of z restored, each part a
   * bounded function of {@code w = 1/z}. As written, {@code u - v} (e.g. {@code -4z}) and the sum
   * of the two roots overflow near {@code Double.MAX_VALUE} although their ratio is about
   * constant there.
   */
  Optional<Expr> rootDifferenceTail(IExpr gap, IExpr u, IExpr v) {
    List<IExpr> g = coefficients(symja.eval(F.Expand(gap)));
    if (g == null || g.size() > 2) return Optional.empty();
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    Optional<Expr> su = scaledRoot(u, w);
    Optional<Expr> sv = scaledRoot(v, w);
    if (su.isEmpty() || sv.isEmpty()) return Optional.empty();
    Expr gapOverZ = g.size() == 1 ? new Expr.Mul(List.of(lowerer.translate(g.get(0)), w)) : horner(g, w, true);
    Expr ratio = new Expr.Div(gapOverZ, new Expr.Add(List.of(su.get(), sv.get())));
    return Optional.of(new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LT, zv, Expr.Const.of(0.0)), new Expr.Neg(ratio), ratio));
  }

  /**
   * {@code Sqrt[a z^2 + b z + c]/|z| = Sqrt[a] hypot(1 + b/(2a) w, Sqrt[c/a - b^2/(4a^2)] w)} with
   * {@code w = 1/z}, for a > 0 and a positive minimum; empty for anything else.
   */
  Optional<Expr> scaledRoot(IExpr base, Expr w) {
    if (!(base instanceof IAST ast) || !isRationalInZ(ast)) return Optional.empty();
    List<IExpr> c = coefficients(symja.eval(F.Expand(base)));
    if (c == null || c.size() != 3 || !c.get(2).isPositive()) return Optional.empty();
    IExpr a = c.get(2);
    IExpr shift = symja.eval(F.Divide(c.get(1), F.Times(F.C2, a)));
    IExpr floor = symja.eval(F.Subtract(F.Divide(c.get(0), a), F.Power(shift, F.C2)));
    if (!floor.isPositive()) return Optional.empty();
    Expr one = Expr.Const.of(1.0);
    Expr x = shift.isZero() ? one : new Expr.Add(List.of(one, new Expr.Mul(List.of(lowerer.translate(shift), w))));
    Expr h = Expr.Call.of(Fn.HYPOT, x, new Expr.Mul(List.of(lowerer.translate(symja.eval(F.Sqrt(floor))), w)));
    return Optional.of(a.isOne() ? h : new Expr.Mul(List.of(lowerer.translate(symja.eval(F.Sqrt(a))), h)));
  }

  // ---- rational tails --------------------------------------------------------------------------

  /** Only numbers, z, sums, products and integer powers: a rational function of z. */
  boolean isRationalInZ(IExpr e) {
    if (e.isRational()) return true;
    if (e.equals(z)) return true;
    if (e.isSymbol() && !e.isBuiltInSymbol()) return true; // a free parameter: a coefficient
    if (e.isPlus() || e.isTimes()) {
      for (int i = 1; i < e.size(); i++) {
        if (!isRationalInZ(((IAST) e).get(i))) return false;
      }
      return true;
    }
    return e.isPower() && e.exponent().isInteger() && isRationalInZ(e.base());
  }

  /**
   * {@code P(z)/Q(z)} with degrees p, q: as written for {@code |z| <= 1}; beyond, with
   * {@code w = 1/z}, {@code P(z)/Q(z) = z^(p-q) P~(w)/Q~(w)} where the reversed polynomials are
   * evaluated by Horner's rule in w (bounded terms, no overflow).
   */
  Optional<Expr> rationalTail(IAST e) {
    // within the piece budget: the combined slope sum of a paired responsibility derivative
    // (rational in z and a free scale, at the hypotheses -1:-1,1/2:0,2:1) ran for more than 900 s
    Optional<IExpr> together = Bounded.apply(symja, "Together", e, PIECE_LIMIT);
    if (together.isEmpty()) return Optional.empty();
    IExpr t = together.get();
    if (!sameAt(t, e)) return Optional.empty(); // Symja's Together can be wrong: see sameAt
    IExpr num = symja.eval(F.Expand(F.Numerator(t)));
    IExpr den = symja.eval(F.Expand(F.Denominator(t)));
    List<IExpr> p = coefficients(num);
    List<IExpr> q = coefficients(den);
    if (p == null || q == null) return Optional.empty();
    int dp = p.size() - 1;
    int dq = q.size() - 1;
    if (Math.max(dp, dq) < 2) return Optional.empty();
    // c z^k is its own tail form; as the plain product its z's are ordered by ProductOrder
    if (dq == 0 && p.stream().filter(c -> !c.isZero()).count() == 1) return Optional.empty();
    Optional<Expr> paired = pairedFactorsTail(num, den, p, q);
    if (paired.isPresent()) return paired;
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    // Rational roots of numerator and denominator stay exact factors (z - c): expanded, the
    // polynomial cancels next to them (RationalRoots). Far out the factor is ((z - c) w), which
    // is bounded and keeps the relative accuracy of z - c.
    Optional<RationalRoots> numRoots = RationalRoots.of(symja, z, num);
    Optional<RationalRoots> denRoots = RationalRoots.of(symja, z, den);
    List<IExpr> pr = numRoots.map(r -> coefficients(r.rest())).orElse(p);
    List<IExpr> qr = denRoots.map(r -> coefficients(r.rest())).orElse(q);
    if (pr == null || qr == null) {
      pr = p;
      qr = q;
      numRoots = Optional.empty();
      denRoots = Optional.empty();
    }
    Expr near = ratio(withRootFactors(horner(pr, zv, false), numRoots, null),
        withRootFactors(horner(qr, zv, false), denRoots, null));
    Expr far = ratio(withRootFactors(horner(pr, w, true), numRoots, w), withRootFactors(horner(qr, w, true), denRoots, w));
    if (dp != dq) far = new Expr.Mul(List.of(far, Lowerer.powInt(dp > dq ? zv : w, Math.abs(dp - dq))));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, zv), Expr.Const.of(1.0));
    Expr tail = new Expr.Cond(small, near, far);
    // next to a quadratic cofactor's vertex, where its terms cancel, the vertex form instead
    Optional<Vertex> numVertex = vertex(pr);
    Optional<Vertex> denVertex = vertex(qr);
    if (numVertex.isEmpty() && denVertex.isEmpty()) return Optional.of(tail);
    Expr local = ratio(withRootFactors(numVertex.isPresent() ? aboutVertex(numVertex.get()) : horner(pr, zv, false), numRoots, null),
        withRootFactors(denVertex.isPresent() ? aboutVertex(denVertex.get()) : horner(qr, zv, false), denRoots, null));
    for (Optional<Vertex> v : List.of(denVertex, numVertex)) {
      if (v.isEmpty()) continue;
      Expr offset = RationalRoots.offset(v.get().at(), lowerer::translate);
      Expr.Test close = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, offset), Expr.Const.of(Math.abs(toDouble(v.get().at()))));
      tail = new Expr.Cond(close, local, tail);
    }
    return Optional.of(tail);
  }

  /** {@code z^power (a (z - at)^2 + minimum)}: a polynomial written about the vertex of its quadratic cofactor. */
  private record Vertex(int power, IExpr a, IRational at, IExpr minimum) {}

  /**
   * The vertex {@code v = -b / (2a)} of a polynomial that is {@code z^k} times a quadratic {@code a
   * z^2 + b z + c} with rational coefficients, whose terms at v are at least {@link
   * #VERTEX_CANCELLATION} times its value there ({@code |a v^2| + |b v| + |c| >= 16 |c - b^2 /
   * (4a)|}), v not 0 and at most 2^20 in size. Why: the Cauchy kernel at s = 1/100, gated, has the
   * mean {@code z (10000 z^2 + 20000 z + 10001) / (2 (10000 z^2 + 10001))}; next to z = -1 the
   * numerator's cofactor is {@code 10000 (z + 1)^2 + 1}, about 1 from terms of 1e4, and the mean
   * was 1.8e-12 off at z = -0.99999999749.
   */
  private Optional<Vertex> vertex(List<IExpr> polynomial) {
    int k = zPower(polynomial);
    List<IExpr> c = polynomial.subList(k, polynomial.size());
    if (c.size() != 3 || !c.stream().allMatch(IExpr::isRational) || c.get(2).isZero() || c.get(1).isZero()) return Optional.empty();
    IRational v = (IRational) symja.eval(F.Divide(F.Negate(c.get(1)), F.Times(F.C2, c.get(2))));
    IExpr minimum = symja.eval(F.Plus(c.get(0), F.Times(c.get(1), v), F.Times(c.get(2), v, v)));
    if (minimum.isZero()) return Optional.empty();
    double terms = termSum(c, v);
    if (!(terms >= VERTEX_CANCELLATION * Math.abs(toDouble(minimum))) || !(Math.abs(toDouble(v)) <= 0x1p20)) return Optional.empty();
    return Optional.of(new Vertex(k, c.get(2), v, minimum));
  }

  /** {@code z^k (a (z - v)^2 + m)}, {@code z - v} exact to a rounding. */
  private Expr aboutVertex(Vertex v) {
    Expr square = new Expr.PowInt(RationalRoots.offset(v.at(), lowerer::translate), 2);
    Expr scaled = v.a().isOne() ? square : new Expr.Mul(List.of(lowerer.translate(v.a()), square));
    Expr form = new Expr.Add(List.of(scaled, lowerer.translate(v.minimum())));
    return v.power() == 0 ? form : new Expr.Mul(List.of(form, Lowerer.powInt(new Expr.Var("z"), v.power())));
  }

  /** The number of low-order zero coefficients: the power of z that divides the polynomial. */
  private static int zPower(List<IExpr> c) {
    int k = 0;
    while (k < c.size() - 1 && c.get(k).isZero()) k++;
    return k;
  }

  /**
   * A polynomial in z with rational coefficients inside a piece that bounds z to {@code [lower,
   * upper]}: its rational roots as exact factors ({@link RationalRoots}) times the cofactor by
   * Horner's rule in {@code t = z - c} about the midpoint c, when that makes the terms' largest
   * sum over the interval (what rounding errors are proportional to) at least {@link
   * #SHIFT_GAIN} times smaller than in z. Why: the difference of a Tukey-like energy and a
   * quadratic, {@code -8z/3 - (1 - 9 (z - 1)^2)^3} on {@code [1/2, 3/2]}, expanded has terms of
   * 1.4e5 for a value of about -2, and the responsibility was 6.7e-12 off at z = 1.49975; about
   * c = 1 its terms sum to 38. Empty otherwise (and for polynomials of degree below 2).
   */
  Optional<Expr> boundedPolynomial(IAST e, IRational lower, IRational upper) {
    IExpr c = symja.eval(F.Divide(F.Plus(lower, upper), F.C2));
    if (c.isZero()) return Optional.empty();
    Optional<IExpr> together = Bounded.apply(symja, "Together", e, PIECE_LIMIT);
    if (together.isEmpty() || !sameAt(together.get(), e)) return Optional.empty();
    IExpr den = symja.eval(F.Denominator(together.get()));
    if (!den.isRational()) return Optional.empty();
    IExpr num = symja.eval(F.Expand(F.Numerator(together.get())));
    List<IExpr> p = coefficients(num);
    if (p == null || p.size() < 3 || !p.stream().allMatch(IExpr::isRational)) return Optional.empty();
    Optional<RationalRoots> roots = RationalRoots.of(symja, z, num);
    List<IExpr> rest = roots.map(r -> coefficients(r.rest())).orElse(p);
    if (rest == null) {
      rest = p;
      roots = Optional.empty();
    }
    IExpr restPolynomial = F.C0;
    for (int k = rest.size() - 1; k >= 0; k--) restPolynomial = F.Plus(rest.get(k), F.Times(z, restPolynomial));
    List<IExpr> shifted = coefficients(symja.eval(F.Expand(F.ReplaceAll(restPolynomial, F.Rule(z, F.Plus(z, c))))));
    if (shifted == null || !shifted.stream().allMatch(IExpr::isRational)) return Optional.empty();
    double plain = Math.max(termSum(rest, lower), termSum(rest, upper));
    double about = Math.max(termSum(shifted, symja.eval(F.Subtract(lower, c))), termSum(shifted, symja.eval(F.Subtract(upper, c))));
    if (!(about * SHIFT_GAIN < plain)) return Optional.empty();
    Expr form = withRootFactors(plainHorner(shifted, RationalRoots.offset(c, lowerer::translate), false), roots, null);
    return Optional.of(den.isOne() ? form : new Expr.Div(form, lowerer.translate(den)));
  }

  /** {@code sum |c_k| |x|^k} in double (Infinity where it overflows). */
  private static double termSum(List<IExpr> c, IExpr x) {
    double ax = Math.abs(toDouble(x));
    double sum = 0.0;
    double power = 1.0;
    for (IExpr k : c) {
      sum += Math.abs(toDouble(k)) * power;
      power *= ax;
    }
    return sum;
  }

  private static double toDouble(IExpr rational) {
    IRational r = (IRational) rational;
    return new BigDecimal(r.toBigNumerator()).divide(new BigDecimal(r.toBigDenominator()), MathContext.DECIMAL64).doubleValue();
  }

  /**
   * {@code P/Q} whose coefficients are polynomials in the parameters of degree 2 or more, where
   * numerator and denominator factor (Symja's {@code Factor}, checked by expanding the product)
   * into factors of lower degree in the parameters: as a product of quotients of one numerator and
   * one denominator factor each, paired by their degrees in the parameters (then in z), the
   * leftovers multiplied or divided; for {@code |z| > 1} every factor in {@code w = 1/z} and the
   * powers of z one at a time. Why: the Student-t derivative's {@code (2 (1 + nu)^2 - 2 (1 + nu)
   * z^2) / ((1 + nu)^2 + (2 nu - 2) z^2 + z^4)} has the coefficient {@code (1 + nu)^2}, which
   * overflows from nu = 1.3e154 on ({@code Inf * 0} at z = 1e300, {@code Inf / Inf} at z = 1.5):
   * NaN at every z there. Its factors {@code 2 (1 + nu) (1 + nu - z^2)} and {@code (nu + (z - 1)^2)
   * (nu + (z + 1)^2)} are of degree 1 in nu, a factor overflows only where its value does, and
   * each paired quotient stays near the size of the result's factors. Empty where the denominator
   * is free of z, nothing is of degree 2 in the parameters, or the factors are not of lower degree.
   */
  private Optional<Expr> pairedFactorsTail(IExpr num, IExpr den, List<IExpr> p, List<IExpr> q) {
    // a denominator free of z is a product of parameters (ParameterQuotients' business); taken
    // apart, the Tukey-like energy's polynomial over c^6 lost the accuracy of its root splices
    // (dC 1.5e-8 off next to z = 1)
    if (q.size() < 2) return Optional.empty();
    List<ISymbol> parameters = parameters(F.Times(num, den));
    if (parameters.isEmpty()) return Optional.empty();
    int expanded = Math.max(parameterDegree(p, parameters), parameterDegree(q, parameters));
    if (expanded < 2) return Optional.empty();
    Optional<Factored> n = factored(num, parameters);
    Optional<Factored> d = factored(den, parameters);
    if (n.isEmpty() || d.isEmpty()) return Optional.empty();
    int factoredDegree = 0;
    for (Factor f : n.get().factors()) factoredDegree = Math.max(factoredDegree, f.parameterDegree());
    for (Factor f : d.get().factors()) factoredDegree = Math.max(factoredDegree, f.parameterDegree());
    if (factoredDegree >= expanded) return Optional.empty();
    java.util.Comparator<Factor> order = java.util.Comparator.comparingInt(Factor::parameterDegree).reversed()
        .thenComparing(java.util.Comparator.comparingInt(Factor::zDegree).reversed());
    List<Factor> ns = new ArrayList<>(n.get().factors());
    List<Factor> ds = new ArrayList<>(d.get().factors());
    ns.sort(order); // stable: Symja's order among equals
    ds.sort(order);
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    List<Expr> near = new ArrayList<>();
    List<Expr> far = new ArrayList<>();
    IExpr c = symja.eval(F.Divide(n.get().constant(), d.get().constant()));
    if (!c.isOne()) {
      near.add(lowerer.translate(c));
      far.add(lowerer.translate(c));
    }
    int farDegree = 0;
    for (int i = 0; i < Math.max(ns.size(), ds.size()); i++) {
      Factor a = i < ns.size() ? ns.get(i) : null;
      Factor b = i < ds.size() ? ds.get(i) : null;
      Expr an = a == null ? Expr.Const.of(1.0) : horner(a.coefficients(), zv, false);
      Expr af = a == null ? Expr.Const.of(1.0) : horner(a.coefficients(), w, true);
      near.add(b == null ? an : new Expr.Div(an, horner(b.coefficients(), zv, false)));
      far.add(b == null ? af : new Expr.Div(af, horner(b.coefficients(), w, true)));
      farDegree += (a == null ? 0 : a.zDegree()) - (b == null ? 0 : b.zDegree());
    }
    // the powers of z one at a time, after the quotients (SharedSquares shares no square after a
    // factor that holds a parameter)
    far.addAll(java.util.Collections.nCopies(Math.abs(farDegree), farDegree > 0 ? zv : w));
    Expr nearForm = near.size() == 1 ? near.get(0) : new Expr.Mul(near);
    Expr farForm = far.size() == 1 ? far.get(0) : new Expr.Mul(far);
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, zv), Expr.Const.of(1.0));
    return Optional.of(new Expr.Cond(small, nearForm, farForm));
  }

  /** A polynomial as a rational constant times factors (with repetition), each a polynomial in z. */
  private record Factored(IExpr constant, List<Factor> factors) {}

  /** One factor: its coefficients in z, its degree in z and its total degree in the parameters. */
  private record Factor(List<IExpr> coefficients, int zDegree, int parameterDegree) {}

  /** Symja's factorization of {@code poly}, when its product expands back to {@code poly}. */
  private Optional<Factored> factored(IExpr poly, List<ISymbol> parameters) {
    Optional<IExpr> f = Bounded.apply(symja, "Factor", poly, PIECE_LIMIT);
    if (f.isEmpty()) return Optional.empty();
    if (!symja.eval(F.Expand(F.Subtract(f.get(), poly))).isZero()) return Optional.empty();
    List<IExpr> parts = new ArrayList<>();
    if (f.get().isTimes()) {
      for (int i = 1; i < f.get().size(); i++) parts.add(((IAST) f.get()).get(i));
    } else {
      parts.add(f.get());
    }
    IExpr constant = F.C1;
    List<Factor> factors = new ArrayList<>();
    for (IExpr part : parts) {
      if (part.isRational()) {
        constant = symja.eval(F.Times(constant, part));
        continue;
      }
      IExpr base = part;
      int times = 1;
      if (part.isPower() && part.exponent().isInteger()) {
        times = ((org.matheclipse.core.interfaces.IInteger) part.exponent()).toIntDefault();
        base = part.base();
        if (times < 1 || times > 16) return Optional.empty();
      }
      List<IExpr> c = coefficients(symja.eval(F.Expand(base)));
      if (c == null) return Optional.empty();
      Factor one = new Factor(c, c.size() - 1, parameterDegree(c, parameters));
      for (int k = 0; k < times; k++) factors.add(one);
    }
    return Optional.of(new Factored(constant, factors));
  }

  /** The symbols of {@code e} other than z: the free parameters. */
  private List<ISymbol> parameters(IExpr e) {
    IExpr v = symja.eval(F.Variables(e));
    List<ISymbol> out = new ArrayList<>();
    if (!v.isList()) return out;
    for (int i = 1; i < v.size(); i++) {
      if (((IAST) v).get(i) instanceof ISymbol s && !s.equals(z)) out.add(s);
    }
    return out;
  }

  /** The largest total degree in the parameters of the coefficients (the sum of each one's degrees). */
  private int parameterDegree(List<IExpr> coefficients, List<ISymbol> parameters) {
    int max = 0;
    for (IExpr c : coefficients) {
      int degree = 0;
      for (ISymbol s : parameters) {
        IExpr k = symja.eval(F.Exponent(symja.eval(F.Expand(c)), s));
        if (k.isInteger()) degree += Math.max(0, ((org.matheclipse.core.interfaces.IInteger) k).toIntDefault());
      }
      max = Math.max(max, degree);
    }
    return max;
  }

  /** {@code cofactor * prod (z - c)^m}, each factor times {@code w} when given (the far form). */
  private Expr withRootFactors(Expr cofactor, Optional<RationalRoots> roots, Expr w) {
    if (roots.isEmpty()) return cofactor;
    List<Expr> factors = new ArrayList<>();
    RationalRoots r = roots.get();
    for (int i = 0; i < r.roots().size(); i++) {
      Expr factor = r.offset(i, lowerer::translate);
      if (w != null) factor = new Expr.Mul(List.of(factor, w));
      factors.add(Lowerer.powInt(factor, r.multiplicities().get(i)));
    }
    if (!(cofactor instanceof Expr.Const c && c.value() == 1.0)) factors.add(cofactor);
    return factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
  }

  static Expr ratio(Expr num, Expr den) {
    return den instanceof Expr.Const c && c.value() == 1.0 ? num : new Expr.Div(num, den);
  }

  /**
   * {@code Log[P(z)/Q(z)]}: as written for {@code |z| <= 1}; beyond, {@code (p-q) log|z| +
   * log(sgn(z)^(p-q) P~(w)/Q~(w))} with {@code w = 1/z}, so {@code Log[1+(z-1)^2]} stays finite
   * (about 2 log|z|) where {@code (z-1)^2} overflows.
   */
  Optional<Expr> logRationalTail(IAST e) {
    IExpr t = symja.eval(F.Together(e));
    if (!sameAt(t, e)) return Optional.empty();
    List<IExpr> p = coefficients(symja.eval(F.Expand(F.Numerator(t))));
    List<IExpr> q = coefficients(symja.eval(F.Expand(F.Denominator(t))));
    if (p == null || q == null) return Optional.empty();
    int dp = p.size() - 1;
    int dq = q.size() - 1;
    if (dp == dq) return Optional.empty();
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    Expr far = ratio(horner(p, w, true), horner(q, w, true));
    if ((dp - dq) % 2 != 0) {
      far = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LT, zv, Expr.Const.of(0.0)), new Expr.Neg(far), far);
    }
    Expr logAbs = Expr.Call.of(Fn.LOG, Expr.Call.of(Fn.ABS, zv));
    Expr scaled = dp - dq == 1 ? logAbs : new Expr.Mul(List.of(Expr.Const.of(dp - dq), logAbs));
    Expr farLog = new Expr.Add(List.of(scaled, Expr.Call.of(Fn.LOG, far)));
    Expr near = Expr.Call.of(Fn.LOG, lowerer.translate(e));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, zv), Expr.Const.of(1.0));
    return Optional.of(new Expr.Cond(small, near, farLog));
  }

  /**
   * The terms of a sum with its z-dependent rational terms replaced by their sum over one
   * denominator, when that sum decays faster far out than its largest term: then the terms cancel
   * at leading order for large |z|, and one rational function (with its tail in 1/z) keeps what
   * they leave. Why: the slopes {@code x/(4+x^2)} of {@code Log[1+(x/2)^2]} at different centers
   * all tend to {@code 1/z}, and their difference, of order {@code 1/z^2}, decides a mixture's
   * derivative where the tanh slopes next to them agree to the last bit (relative error 3.6 at
   * z = 2.4e20). Other sums are left as they are (the same terms, in the same order).
   */
  List<IExpr> rationalTermsCombined(List<IExpr> terms) {
    List<Integer> rational = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      IExpr t = terms.get(i);
      if (!t.isFree(z) && isRationalInZ(t) && t.leafCount() <= RATIONAL_TERM_LEAVES) rational.add(i);
    }
    if (rational.size() < 2 || rational.size() == terms.size()) return terms;
    int largest = Integer.MIN_VALUE;
    List<IExpr> parts = new ArrayList<>();
    for (int i : rational) {
      Integer d = farDegree(terms.get(i));
      if (d == null) return terms;
      largest = Math.max(largest, d);
      parts.add(terms.get(i));
    }
    Optional<IExpr> sum = togetherChecked(symja.eval(F.ast(S.Plus, parts)), x -> true);
    if (sum.isEmpty()) return terms;
    Integer d = farDegree(sum.get());
    if (d == null || d >= largest) return terms;
    List<IExpr> out = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      if (i == rational.get(0)) out.add(sum.get());
      else if (!rational.contains(i)) out.add(terms.get(i));
    }
    return out;
  }

  /** Rational terms larger than this are not combined (the cost of Together grows fast). */
  private static final int RATIONAL_TERM_LEAVES = 120;

  /** deg P - deg Q of a rational function P/Q of z, or null. */
  private Integer farDegree(IExpr e) {
    List<IExpr> p = coefficients(symja.eval(F.Expand(F.Numerator(e))));
    List<IExpr> q = coefficients(symja.eval(F.Expand(F.Denominator(e))));
    return p == null || q == null ? null : p.size() - q.size();
  }

  /**
   * Symja's Together of {@code evaluated} (an evaluated expression) when it is {@code acceptable}
   * and passes the exact check at {@link #CHECK_POINT} ({@link #sameAt}), else, for a {@link
   * #rationalFunction}, retried on {@code ExpandAll[evaluated]}; empty when neither holds.
   */
  Optional<IExpr> togetherChecked(IExpr evaluated, java.util.function.Predicate<IExpr> acceptable) {
    java.util.function.Predicate<IExpr> ok = x -> acceptable.test(x) && sameAt(x, evaluated);
    Optional<IExpr> plain = Bounded.apply(symja, "Together", evaluated, PIECE_LIMIT).filter(ok);
    // The retry is for the rational functions Together gets wrong. Of a form with exponentials
    // ExpandAll multiplies the exponentials out and Together then ran out of its budget: 12 calls
    // and 48 s of the random-energy test's 650 s of CPU, none of them with a result.
    if (plain.isPresent() || !rationalFunction(evaluated)) return plain;
    return Bounded.apply(symja, "ExpandAll", evaluated, PIECE_LIMIT)
        .flatMap(x -> Bounded.apply(symja, "Together", x, PIECE_LIMIT))
        .filter(ok);
  }

  /**
   * A rational function of z and the parameters, loosely: no function but sums, products and
   * powers, the powers integer ones except of numbers ({@code Sqrt[3]} and decimal coefficients
   * allowed). {@link LogRemainders#isRational} is the strict test: the two are not joined because
   * the stricter rule would change which inputs {@link Repairs#series} puts over one denominator
   * first (and so, possibly, the forms of specs with such coefficients).
   */
  static boolean rationalFunction(IExpr e) {
    return e.isFree(x -> x.isBuiltInSymbol() && !x.equals(S.Plus) && !x.equals(S.Times) && !x.equals(S.Power)
            && !x.equals(S.Rational) && !x.equals(S.List), true)
        && e.isFree(x -> x.isPower() && !x.exponent().isInteger() && !x.base().isNumber(), true);
  }

  /** Coefficients c_0..c_d of a polynomial in z with rational coefficients, or null. */
  List<IExpr> coefficients(IExpr poly) {
    if (poly.isZero()) return null;
    IExpr list = symja.eval(F.CoefficientList(poly, z));
    if (!list.isList()) return null;
    List<IExpr> out = new ArrayList<>();
    for (int i = 1; i < list.size(); i++) {
      IExpr c = ((IAST) list).get(i);
      if (!c.isFree(z) || !isRationalInZ(c)) return null;
      out.add(c);
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Horner's rule in x; {@code reversed} evaluates {@code sum c_i x^(d-i)}. Where the coefficients
   * hold free parameters and their parameter-free part {@code P0} has rational roots, the polynomial
   * is {@code P0 + P1}: {@code P0} with its roots as exact factors ({@link RationalRoots}), {@code
   * P1} (the terms with a parameter) by Horner's rule. Why: the Student-t's {@code nu + (z - 1)^2}
   * in Horner form is {@code (z - 2) z + (1 + nu)}, where {@code 1 + nu} rounds to 1 for nu below
   * 1.1e-16 and the polynomial to 0 at z = 1 (its exact value nu): the derivative was 0/0 there and
   * its logarithm {@code log1p(-4z/(nu + (z + 1)^2))} -Inf (the derivative 0, exact 5e-151 at nu =
   * 1e-300). As {@code (z - 1)^2 + nu} the parameter's scale is kept apart from the numbers'.
   */
  Expr horner(List<IExpr> c, Expr x, boolean reversed) {
    Optional<Expr> split = parameterSplit(c, x, reversed);
    return split.isPresent() ? split.get() : plainHorner(c, x, reversed);
  }

  /** {@code P0 + P1} of {@link #horner}, or empty where no coefficient holds a parameter or P0 has no rational root. */
  private Optional<Expr> parameterSplit(List<IExpr> c, Expr x, boolean reversed) {
    List<ISymbol> parameters = parameters(F.List(c.toArray(new IExpr[0])));
    if (parameters.isEmpty()) return Optional.empty();
    List<IExpr> free = new ArrayList<>();
    List<IExpr> rest = new ArrayList<>();
    boolean restZero = true;
    for (IExpr k : c) {
      List<IExpr> terms = new ArrayList<>();
      Lowerer.flatten(symja.eval(F.Expand(k)), S.Plus, terms);
      IExpr f = F.C0;
      IExpr r = F.C0;
      for (IExpr t : terms) {
        boolean withParameter = parameters.stream().anyMatch(s -> !t.isFree(s));
        if (withParameter) r = F.Plus(r, t);
        else f = F.Plus(f, t);
      }
      free.add(symja.eval(f));
      IExpr restK = symja.eval(r);
      rest.add(restK);
      if (!restK.isZero()) restZero = false;
    }
    if (restZero) return Optional.empty();
    // P0 as a polynomial in z; reversed (x = w = 1/z), w^d P0(z) = w^(d - d0) w^(d0 - m) R(z)
    // prod ((z - c) w)^m with R the cofactor of the roots: each factor (z - c) w keeps the
    // accuracy of z - c, where w - 1/c would lose it to the rounding of w next to c
    int d = free.size() - 1;
    IExpr p0 = F.C0;
    for (int i = 0; i <= d; i++) p0 = F.Plus(p0, F.Times(free.get(i), F.Power(z, F.ZZ(i))));
    p0 = symja.eval(p0);
    if (p0.isZero() || p0.isFree(z)) return Optional.empty();
    List<IExpr> all = coefficients(p0);
    Optional<RationalRoots> roots = RationalRoots.of(symja, z, p0);
    if (all == null || roots.isEmpty()) return Optional.empty();
    List<IExpr> cofactor = coefficients(roots.get().rest());
    if (cofactor == null) return Optional.empty();
    Expr rootFactors = withRootFactors(plainHorner(cofactor, x, reversed), roots, reversed ? x : null);
    int d0 = all.size() - 1;
    if (reversed && d > d0) rootFactors = new Expr.Mul(List.of(rootFactors, Lowerer.powInt(x, d - d0)));
    Expr a = rootFactors;
    Expr b = plainHorner(rest, x, reversed);
    // chosen at run time by the smaller rounding bound: |P0| + |P1| for the split, sum |c_i x^i|
    // for Horner's rule. The split cancels where P0 and P1 nearly cancel (Min[(z-mu)^2, c] at c = 1:
    // (z - 1)^2 - c next to z = 0 is 1 - 1, where Horner's (z - 2) z + (1 - c) is exact), Horner's
    // rule where its terms do and the parameter's part is small (the Student-t's nu + (z - 1)^2 at
    // z = 1): each is taken where its terms are the smaller
    Expr splitBound = new Expr.Add(List.of(Expr.Call.of(Fn.ABS, a), Expr.Call.of(Fn.ABS, b)));
    Expr.Test smaller = new Expr.Test.Compare(Expr.Test.Op.LE, splitBound, absHorner(c, x, reversed));
    return Optional.of(new Expr.Cond(smaller, new Expr.Add(List.of(a, b)), plainHorner(c, x, reversed)));
  }

  /** {@code sum |c_i| |x|^i} (reversed: {@code |x|^(d-i)}) by Horner's rule: the size of the terms of {@link #plainHorner}. */
  private Expr absHorner(List<IExpr> c, Expr x, boolean reversed) {
    Expr ax = Expr.Call.of(Fn.ABS, x);
    int d = c.size() - 1;
    Expr acc = null;
    for (int i = 0; i <= d; i++) {
      IExpr coefficient = reversed ? c.get(i) : c.get(d - i);
      if (acc == null && coefficient.isZero()) continue;
      Expr k = Expr.Call.of(Fn.ABS, lowerer.translate(coefficient));
      if (acc == null) {
        acc = k;
      } else {
        Expr product = new Expr.Mul(List.of(acc, ax));
        acc = coefficient.isZero() ? product : new Expr.Add(List.of(product, k));
      }
    }
    return acc;
  }

  private Expr plainHorner(List<IExpr> c, Expr x, boolean reversed) {
    int d = c.size() - 1;
    Expr acc = null;
    for (int i = 0; i <= d; i++) {
      // highest power of x first
      IExpr coefficient = reversed ? c.get(i) : c.get(d - i);
      if (acc == null && coefficient.isZero()) continue; // leading zeros only lower the degree
      Expr k = lowerer.translate(coefficient);
      if (acc == null) {
        acc = k;
      } else {
        Expr product = acc instanceof Expr.Const a && a.value() == 1.0 ? x : new Expr.Mul(List.of(acc, x));
        acc = coefficient.isZero() ? product : new Expr.Add(List.of(product, k));
      }
    }
    return acc;
  }
}
