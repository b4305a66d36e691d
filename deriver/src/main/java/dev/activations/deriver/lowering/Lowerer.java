package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.WorkBudget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Symja tree -> {@link Expr}, strict: an unsupported head is an error naming it.
 *
 * <p>Besides translating, the lowerer performs the rewrites that need algebra (and so Symja),
 * each aimed at one way floating point loses digits:
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
 *   <li>rationals become correctly rounded double constants; integer powers stay integer.
 * </ul>
 * The purely floating-point rewrites (log1p, expm1, logistic, softplus, tanh') are
 * {@link Rewrites}' business, applied afterwards to the whole tree.
 */
public final class Lowerer {
  private static final WorkBudget PIECE_LIMIT = WorkBudget.PIECE;
  private static final Set<ISymbol> RELATIONS = Set.of(S.Greater, S.GreaterEqual, S.Less, S.LessEqual, S.Equal, S.Unequal);

  private final Symja symja;
  private final ISymbol z;
  private final Set<String> variables;

  /** @param variables the names that may appear: {@code z} and the free parameters */
  public Lowerer(Symja symja, Set<String> variables) {
    this.symja = symja;
    this.z = symja.symbol("z");
    this.variables = Set.copyOf(variables);
  }

  /** Lowers and applies the accuracy rewrites. */
  public Expr lower(IExpr e) {
    return Rewrites.apply(translate(e));
  }

  Expr translate(IExpr e) {
    if (e.isInteger()) return constant((IInteger) e);
    if (e.isFraction()) return constant((IFraction) e);
    if (e instanceof INum n) return Expr.Const.of(n.doubleValue());
    if (e.equals(S.E)) return new Expr.Const(Math.E, "E");
    if (e.equals(S.Pi)) return new Expr.Const(Math.PI, "Pi");
    if (e.isSymbol()) {
      String name = e.toString();
      if (!variables.contains(name)) throw new IllegalArgumentException("lowering: unknown symbol " + name);
      return new Expr.Var(name);
    }
    if (!(e instanceof IAST ast)) throw new IllegalArgumentException("lowering: unsupported " + e.getClass().getSimpleName());
    if (!ast.isFree(z) && isRationalInZ(ast)) {
      Optional<Expr> tail = rationalTail(ast);
      if (tail.isPresent()) return tail.get();
    }
    IExpr head = ast.head();
    if (head.equals(S.Plus)) return plus(ast);
    if (head.equals(S.Times)) return times(ast);
    if (head.equals(S.Power)) return power(ast.arg1(), ast.arg2());
    if (head.equals(S.Exp)) return call(Fn.EXP, ast.arg1());
    if (head.equals(S.Log) && ast.argSize() == 1) {
      if (ast.arg1() instanceof IAST inner && !inner.isFree(z) && isRationalInZ(inner)) {
        Optional<Expr> tail = logRationalTail(inner);
        if (tail.isPresent()) return tail.get();
      }
      return call(Fn.LOG, ast.arg1());
    }
    if (head.equals(S.Sqrt)) return call(Fn.SQRT, ast.arg1());
    if (head.equals(S.Abs)) return call(Fn.ABS, ast.arg1());
    if (head.equals(S.Sign)) return call(Fn.SIGNUM, ast.arg1());
    if (head.equals(S.Tanh)) return call(Fn.TANH, ast.arg1());
    if (head.equals(S.Sinh)) return call(Fn.SINH, ast.arg1());
    if (head.equals(S.Cosh)) return call(Fn.COSH, ast.arg1());
    if (head.equals(S.Sech)) return new Expr.Div(Expr.Const.of(1.0), call(Fn.COSH, ast.arg1()));
    if (head.equals(S.Max) || head.equals(S.Min)) return fold(head.equals(S.Max) ? Fn.MAX : Fn.MIN, ast);
    if (head.equals(S.Clip) && ast.argSize() == 2 && ast.arg2().isList() && ast.arg2().argSize() == 2) {
      IAST bounds = (IAST) ast.arg2();
      return Expr.Call.of(Fn.MAX, translate(bounds.arg1()), Expr.Call.of(Fn.MIN, translate(bounds.arg2()), translate(ast.arg1())));
    }
    if (head.equals(S.Piecewise)) return piecewise(ast);
    Optional<Expr> nonSmooth = NonSmoothDerivatives.lower(ast, this::translate);
    if (nonSmooth.isPresent()) return nonSmooth.get();
    throw new IllegalArgumentException("lowering: unsupported function " + head);
  }

  // ---- arithmetic ------------------------------------------------------------------------------

  private Expr plus(IAST ast) {
    List<IExpr> terms = new ArrayList<>();
    flatten(ast, S.Plus, terms);
    if (terms.size() == 2) {
      Optional<Expr> conjugate = rootTermsSum(terms.get(0), terms.get(1));
      if (conjugate.isPresent()) return conjugate.get();
    }
    List<Expr> out = new ArrayList<>();
    boolean[] used = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      if (used[i]) continue;
      Term a = term(terms.get(i));
      for (int j = i + 1; j < terms.size() && a.kind() != null; j++) {
        if (used[j]) continue;
        Term b = term(terms.get(j));
        boolean opposite = b.kind() == a.kind() && symja.eval(F.Expand(F.Plus(a.coefficient(), b.coefficient()))).isZero();
        if (opposite && a.kind() == S.Log && softplusArgument(a.argument()) != null && softplusArgument(b.argument()) != null) {
          out.add(softplusDifference(a.coefficient(), softplusArgument(a.argument()), softplusArgument(b.argument())));
          used[i] = used[j] = true;
          break;
        }
        if (opposite && pairable(a) && pairable(b)) {
          out.add(combine(a, b));
          used[i] = used[j] = true;
          break;
        }
      }
      if (!used[i]) {
        out.add(translate(terms.get(i)));
        used[i] = true;
      }
    }
    return out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  /**
   * {@code a + b} for algebraic terms with square roots whose squares are rational in z (such as
   * {@code (z-1)/Sqrt[(z-1)^2+1]}): where a and b have opposite signs they nearly cancel for large
   * |z| (both tend to +-1), so it is evaluated as {@code (a^2 - b^2)/(a - b)} with {@code a^2 -
   * b^2} combined symbolically into one rational function (its tail in 1/z); where the signs agree
   * there is no cancellation and the sum is taken as written. Empty unless both terms qualify.
   */
  private Optional<Expr> rootTermsSum(IExpr a, IExpr b) {
    if (!isRootTerm(a) || !isRootTerm(b)) return Optional.empty();
    IExpr squares = together(F.Subtract(F.Sqr(a), F.Sqr(b)));
    if (squares.isFree(z) || !isRationalInZ(squares)) return Optional.empty();
    Expr la = translate(a);
    Expr lb = translate(b);
    Expr zero = Expr.Const.of(0.0);
    Expr.Test opposite = new Expr.Test.Or(List.of(
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.LT, la, zero), new Expr.Test.Compare(Expr.Test.Op.GT, lb, zero))),
        new Expr.Test.And(List.of(new Expr.Test.Compare(Expr.Test.Op.GT, la, zero), new Expr.Test.Compare(Expr.Test.Op.LT, lb, zero)))));
    Expr conjugate = new Expr.Div(translate(squares), new Expr.Add(List.of(la, new Expr.Neg(lb))));
    return Optional.of(new Expr.Cond(opposite, conjugate, new Expr.Add(List.of(la, lb))));
  }

  /**
   * A z-dependent algebraic term with a square root whose square is rational in z; not a plain
   * {@code c Sqrt[u]}, whose differences {@link #combine} pairs with their own tail.
   */
  private boolean isRootTerm(IExpr t) {
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
  private record Term(IExpr coefficient, ISymbol kind, IExpr argument) {
  }

  private Term term(IExpr t) {
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
          return new Term(F.C1, null, null);
        }
      }
      if (found == null) return new Term(F.C1, null, null);
      core = found;
      coefficient = rest.isEmpty() ? F.C1 : rest.size() == 1 ? rest.get(0) : F.ast(S.Times, rest);
    }
    if (core.isAST(S.Log, 2)) return new Term(coefficient, S.Log, core.first());
    if (core.isPower() && core.exponent().equals(F.C1D2)) return new Term(coefficient, S.Sqrt, core.base());
    if (core.isPower() && core.base().equals(S.E)) return new Term(coefficient, S.Exp, core.exponent());
    return new Term(coefficient, null, null);
  }

  /**
   * Only algebraic arguments are combined: {@code u - v} must become a rational function, not a
   * difference of exponentials that overflows in its own way.
   */
  private static boolean pairable(Term t) {
    return t.kind() == S.Exp || t.argument().isFree(x -> x.equals(S.E) || x.isLog() || x.isExp(), true);
  }

  /** {@code w} when {@code e} is {@code 1 + E^w}, else null. */
  private static IExpr softplusArgument(IExpr e) {
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
  private Expr softplusDifference(IExpr c, IExpr u, IExpr v) {
    Expr lu = translate(u);
    Expr lv = translate(v);
    Expr gap = translate(together(F.Subtract(u, v)));
    Expr large = new Expr.Add(List.of(gap, Expr.Call.of(Fn.SOFTPLUS, new Expr.Neg(lu)),
        new Expr.Neg(Expr.Call.of(Fn.SOFTPLUS, new Expr.Neg(lv)))));
    Expr plain = new Expr.Add(List.of(Expr.Call.of(Fn.SOFTPLUS, lu), new Expr.Neg(Expr.Call.of(Fn.SOFTPLUS, lv))));
    Expr.Test bothPositive = new Expr.Test.And(List.of(
        new Expr.Test.Compare(Expr.Test.Op.GT, lu, Expr.Const.of(0.0)),
        new Expr.Test.Compare(Expr.Test.Op.GT, lv, Expr.Const.of(0.0))));
    Expr core = new Expr.Cond(bothPositive, large, plain);
    Expr scale = translate(c);
    return scale instanceof Expr.Const k && k.value() == 1.0 ? core : new Expr.Mul(List.of(scale, core));
  }

  /** {@code a + b} where b's coefficient is minus a's: {@code c (k[u] - k[v])}. */
  private Expr combine(Term a, Term b) {
    IExpr c = a.coefficient();
    IExpr u = a.argument();
    IExpr v = b.argument();
    Expr scale = translate(c);
    Expr core;
    if (a.kind() == S.Log) {
      // log u - log v = log1p((u - v)/v)
      IExpr ratio = together(F.Divide(F.Subtract(u, v), v));
      core = Expr.Call.of(Fn.LOG1P, translate(ratio));
      if (u.isAST(S.Cosh, 2) && v.isAST(S.Cosh, 2)) {
        Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, new Expr.Var("z")), Expr.Const.of(1.0));
        core = new Expr.Cond(small, core, logCoshDifference(u.first(), v.first()));
      }
    } else if (a.kind() == S.Sqrt) {
      IExpr gap = together(F.Subtract(u, v));
      core = new Expr.Div(translate(gap), new Expr.Add(List.of(sqrt(u), sqrt(v))));
      Optional<Expr> far = rootDifferenceTail(gap, u, v);
      if (far.isPresent()) {
        Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, new Expr.Var("z")), Expr.Const.of(1.0));
        core = new Expr.Cond(small, core, far.get());
      }
    } else {
      // e^u - e^v = e^v expm1(u - v) = -e^u expm1(v - u), factored on the larger exponential:
      // on the smaller one, e^v underflows to 0 and expm1(u - v) overflows where their product
      // is ordinary (0 * 4e45 for e^-(z-1)^2 - e^-(z+1)^2 at z = 26, exactly 1e-279).
      Expr gap = translate(together(F.Subtract(u, v)));
      Expr onV = new Expr.Mul(List.of(call(Fn.EXP, v), Expr.Call.of(Fn.EXPM1, gap)));
      Expr onU = new Expr.Neg(new Expr.Mul(List.of(call(Fn.EXP, u), Expr.Call.of(Fn.EXPM1, new Expr.Neg(gap)))));
      core = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GT, gap, Expr.Const.of(0.0)), onU, onV);
    }
    return scale instanceof Expr.Const k && k.value() == 1.0 ? core : new Expr.Mul(List.of(scale, core));
  }

  /**
   * {@code log cosh(p) - log cosh(q) = (|p| - |q|) + log1p(e^-2|p|) - log1p(e^-2|q|)}: the ratio
   * of the two cosh overflows beyond |z| ~ 710 (Inf/Inf) although the difference is ordinary. The
   * signed combinations {@code +-p -+ q} are combined symbolically (for {@code p = 1-z, q = 1+z}
   * they are {@code -2z} and {@code +-2}), so no large numbers cancel. Used away from 0, where the
   * two log1p terms are not nearly equal.
   */
  private Expr logCoshDifference(IExpr p, IExpr q) {
    Expr lp = translate(p);
    Expr lq = translate(q);
    Expr zero = Expr.Const.of(0.0);
    Expr pPositive = translate(together(F.Subtract(p, q)));
    Expr pNegative = translate(together(F.Negate(F.Plus(p, q))));
    Expr absGap = new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lp, zero),
        new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lq, zero), pPositive, translate(together(F.Plus(p, q)))),
        new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.GE, lq, zero), pNegative, translate(together(F.Subtract(q, p)))));
    return new Expr.Add(List.of(absGap, tailLog1p(lp), new Expr.Neg(tailLog1p(lq))));
  }

  /** {@code log1p(e^-2|x|)}. */
  private static Expr tailLog1p(Expr x) {
    Expr twiceAbs = new Expr.Mul(List.of(Expr.Const.of(-2.0), Expr.Call.of(Fn.ABS, x)));
    return Expr.Call.of(Fn.LOG1P, Expr.Call.of(Fn.EXP, twiceAbs));
  }

  private IExpr together(IExpr e) {
    IExpr evaluated = symja.eval(e);
    Optional<IExpr> t = Bounded.apply(symja, "Together", evaluated, PIECE_LIMIT);
    IExpr best = t.filter(x -> x.leafCount() <= evaluated.leafCount() * 2 && sameAt(x, evaluated)).orElse(evaluated);
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
   * numerator is 16z - 28, came back with a quartic one.
   */
  private boolean sameAt(IExpr a, IExpr b) {
    IExpr d = symja.eval(F.ReplaceAll(F.Subtract(a, b), F.Rule(z, CHECK_POINT)));
    return !(d.isNumber() && !d.isZero());
  }

  private Expr times(IAST ast) {
    List<IExpr> factors = rationalFactorsGrouped(ast);
    List<Expr> numerator = new ArrayList<>();
    List<Expr> denominator = new ArrayList<>();
    boolean negate = false;
    for (IExpr f : factors) {
      if (f.isMinusOne()) {
        negate = !negate;
      } else if (f.isPower() && f.exponent().isInteger() && f.exponent().isNegative() && !f.base().equals(S.E)) {
        IInteger k = (IInteger) f.exponent().negate();
        denominator.add(k.isOne() ? translate(f.base()) : powInt(translate(f.base()), k.toIntDefault()));
      } else {
        numerator.add(translate(f));
      }
    }
    Expr num = numerator.isEmpty() ? Expr.Const.of(1.0) : numerator.size() == 1 ? numerator.get(0) : new Expr.Mul(numerator);
    Expr result = denominator.isEmpty() ? num
        : new Expr.Div(num, denominator.size() == 1 ? denominator.get(0) : new Expr.Mul(denominator));
    return negate ? new Expr.Neg(result) : result;
  }

  /**
   * The factors of a product, with its rational factors in z (two or more, next to others such as
   * logistics) gathered into one product: lowered as one rational function, its tail is evaluated
   * in {@code 1/z} as a whole ({@code (z^2-9)/(z^4+2z^2+81)} is about {@code 1/z^2}), where the
   * factors one by one would overflow ({@code z^4} at 1e100) although their ratio is ordinary.
   */
  private List<IExpr> rationalFactorsGrouped(IAST ast) {
    List<IExpr> factors = new ArrayList<>();
    flatten(ast, S.Times, factors);
    List<IExpr> rational = new ArrayList<>();
    List<IExpr> others = new ArrayList<>();
    for (IExpr f : factors) {
      (!f.isFree(z) && isRationalInZ(f) ? rational : others).add(f);
    }
    if (rational.size() < 2 || others.isEmpty()) return factors;
    others.add(F.ast(S.Times, rational));
    return others;
  }

  private Expr power(IExpr base, IExpr exponent) {
    if (base.equals(S.E)) return call(Fn.EXP, exponent);
    if (exponent.isInteger()) {
      int k = ((IInteger) exponent).toIntDefault();
      if (k == Integer.MIN_VALUE || Math.abs(k) > 64) {
        return Expr.Call.of(Fn.POW, translate(base), translate(exponent));
      }
      if (k == 0) return Expr.Const.of(1.0);
      if (k == 1) return translate(base);
      if (k == -1) return new Expr.Div(Expr.Const.of(1.0), translate(base));
      if (base.isAST(S.Sech, 2)) return powInt(call(Fn.COSH, base.first()), -k);
      return powInt(translate(base), k);
    }
    if (exponent.equals(F.C1D2)) return sqrt(base);
    if (exponent.equals(F.CN1D2)) return new Expr.Div(Expr.Const.of(1.0), sqrt(base));
    if (exponent.isFraction() && ((IFraction) exponent).denominator().equals(F.C2)) {
      // x^(k/2) = sqrt(x)^k: exact powers of a correctly rounded root
      int k = ((IFraction) exponent).numerator().toIntDefault();
      if (Math.abs(k) <= 64) return powInt(call(Fn.SQRT, base), k);
    }
    return Expr.Call.of(Fn.POW, translate(base), translate(exponent));
  }

  /**
   * {@code Sqrt[a z^2 + b z + c]} with a > 0 and a positive minimum: completing the square gives
   * {@code Sqrt[a] hypot(z + b/(2a), Sqrt[c/a - b^2/(4a^2)])}, which never overflows where the
   * root itself is an ordinary number ({@code z^2} overflows for |z| > 1.3e154).
   */
  private Expr sqrt(IExpr base) {
    if (base instanceof IAST ast && isRationalInZ(ast)) {
      List<IExpr> c = coefficients(symja.eval(F.Expand(base)));
      if (c != null && c.size() == 3 && c.get(2).isPositive()) {
        IExpr a = c.get(2);
        IExpr shift = symja.eval(F.Divide(c.get(1), F.Times(F.C2, a)));
        IExpr floor = symja.eval(F.Subtract(F.Divide(c.get(0), a), F.Power(shift, F.C2)));
        if (floor.isPositive()) {
          Expr inner = shift.isZero() ? new Expr.Var("z") : new Expr.Add(List.of(new Expr.Var("z"), translate(shift)));
          Expr h = Expr.Call.of(Fn.HYPOT, inner, translate(symja.eval(F.Sqrt(floor))));
          return a.isOne() ? h : new Expr.Mul(List.of(translate(symja.eval(F.Sqrt(a))), h));
        }
      }
    }
    return call(Fn.SQRT, base);
  }

  /**
   * {@code (u - v)/(Sqrt[u] + Sqrt[v])} for |z| > 1 when u and v are quadratics with a positive
   * minimum and {@code u - v} has degree at most one: numerator and denominator divided by |z|,
   * {@code ((u - v)/z) / (Sqrt[u]/|z| + Sqrt[v]/|z|)} with the sign of z restored, each part a
   * bounded function of {@code w = 1/z}. As written, {@code u - v} (e.g. {@code -4z}) and the sum
   * of the two roots overflow near {@code Double.MAX_VALUE} although their ratio is about
   * constant there.
   */
  private Optional<Expr> rootDifferenceTail(IExpr gap, IExpr u, IExpr v) {
    List<IExpr> g = coefficients(symja.eval(F.Expand(gap)));
    if (g == null || g.size() > 2) return Optional.empty();
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    Optional<Expr> su = scaledRoot(u, w);
    Optional<Expr> sv = scaledRoot(v, w);
    if (su.isEmpty() || sv.isEmpty()) return Optional.empty();
    Expr gapOverZ = g.size() == 1 ? new Expr.Mul(List.of(translate(g.get(0)), w)) : horner(g, w, true);
    Expr ratio = new Expr.Div(gapOverZ, new Expr.Add(List.of(su.get(), sv.get())));
    return Optional.of(new Expr.Cond(new Expr.Test.Compare(Expr.Test.Op.LT, zv, Expr.Const.of(0.0)), new Expr.Neg(ratio), ratio));
  }

  /**
   * {@code Sqrt[a z^2 + b z + c]/|z| = Sqrt[a] hypot(1 + b/(2a) w, Sqrt[c/a - b^2/(4a^2)] w)} with
   * {@code w = 1/z}, for a > 0 and a positive minimum; empty for anything else.
   */
  private Optional<Expr> scaledRoot(IExpr base, Expr w) {
    if (!(base instanceof IAST ast) || !isRationalInZ(ast)) return Optional.empty();
    List<IExpr> c = coefficients(symja.eval(F.Expand(base)));
    if (c == null || c.size() != 3 || !c.get(2).isPositive()) return Optional.empty();
    IExpr a = c.get(2);
    IExpr shift = symja.eval(F.Divide(c.get(1), F.Times(F.C2, a)));
    IExpr floor = symja.eval(F.Subtract(F.Divide(c.get(0), a), F.Power(shift, F.C2)));
    if (!floor.isPositive()) return Optional.empty();
    Expr one = Expr.Const.of(1.0);
    Expr x = shift.isZero() ? one : new Expr.Add(List.of(one, new Expr.Mul(List.of(translate(shift), w))));
    Expr h = Expr.Call.of(Fn.HYPOT, x, new Expr.Mul(List.of(translate(symja.eval(F.Sqrt(floor))), w)));
    return Optional.of(a.isOne() ? h : new Expr.Mul(List.of(translate(symja.eval(F.Sqrt(a))), h)));
  }

  private static Expr powInt(Expr base, int k) {
    if (k == 1) return base;
    if (k == -1) return new Expr.Div(Expr.Const.of(1.0), base);
    return new Expr.PowInt(base, k);
  }

  private Expr call(Fn fn, IExpr arg) {
    return Expr.Call.of(fn, translate(arg));
  }

  private Expr fold(Fn fn, IAST ast) {
    Expr acc = translate(ast.arg1());
    for (int i = 2; i < ast.size(); i++) acc = Expr.Call.of(fn, acc, translate(ast.get(i)));
    return acc;
  }

  private static void flatten(IExpr e, ISymbol head, List<IExpr> into) {
    if (e.isAST(head)) {
      for (int i = 1; i < e.size(); i++) flatten(((IAST) e).get(i), head, into);
    } else {
      into.add(e);
    }
  }

  // ---- piecewise -------------------------------------------------------------------------------

  private Expr piecewise(IAST ast) {
    IAST rows = (IAST) ast.arg1();
    Expr acc = ast.argSize() > 1 ? translate(ast.arg2()) : Expr.Const.of(0.0);
    for (int i = rows.argSize(); i >= 1; i--) {
      IAST row = (IAST) rows.get(i);
      acc = new Expr.Cond(test(row.arg2()), translate(row.arg1()), acc);
    }
    return acc;
  }

  private Expr.Test test(IExpr c) {
    if (c.isAST(S.And)) {
      List<Expr.Test> ts = new ArrayList<>();
      for (int i = 1; i < c.size(); i++) ts.add(test(((IAST) c).get(i)));
      return new Expr.Test.And(ts);
    }
    if (c.isAST(S.Or)) {
      List<Expr.Test> ts = new ArrayList<>();
      for (int i = 1; i < c.size(); i++) ts.add(test(((IAST) c).get(i)));
      return new Expr.Test.Or(ts);
    }
    if (c.isAST(S.Not, 2)) return new Expr.Test.Not(test(c.first()));
    if (c instanceof IAST a && a.argSize() == 2 && a.head() instanceof ISymbol s && RELATIONS.contains(s)) {
      Expr.Test.Op op;
      if (s == S.Greater) op = Expr.Test.Op.GT;
      else if (s == S.GreaterEqual) op = Expr.Test.Op.GE;
      else if (s == S.Less) op = Expr.Test.Op.LT;
      else if (s == S.LessEqual) op = Expr.Test.Op.LE;
      else if (s == S.Equal) op = Expr.Test.Op.EQ;
      else op = Expr.Test.Op.NE;
      return new Expr.Test.Compare(op, translate(a.arg1()), translate(a.arg2()));
    }
    if (c.isTrue()) return new Expr.Test.Compare(Expr.Test.Op.EQ, Expr.Const.of(0.0), Expr.Const.of(0.0));
    throw new IllegalArgumentException("lowering: unsupported condition " + c);
  }

  // ---- rational tails --------------------------------------------------------------------------

  /** Only numbers, z, sums, products and integer powers: a rational function of z. */
  private boolean isRationalInZ(IExpr e) {
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
  private Optional<Expr> rationalTail(IAST e) {
    IExpr t = symja.eval(F.Together(e));
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
    Expr zv = new Expr.Var("z");
    Expr w = new Expr.Div(Expr.Const.of(1.0), zv);
    Expr near = ratio(horner(p, zv, false), horner(q, zv, false));
    Expr far = ratio(horner(p, w, true), horner(q, w, true));
    if (dp != dq) far = new Expr.Mul(List.of(far, powInt(dp > dq ? zv : w, Math.abs(dp - dq))));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, zv), Expr.Const.of(1.0));
    return Optional.of(new Expr.Cond(small, near, far));
  }

  private static Expr ratio(Expr num, Expr den) {
    return den instanceof Expr.Const c && c.value() == 1.0 ? num : new Expr.Div(num, den);
  }

  /**
   * {@code Log[P(z)/Q(z)]}: as written for {@code |z| <= 1}; beyond, {@code (p-q) log|z| +
   * log(sgn(z)^(p-q) P~(w)/Q~(w))} with {@code w = 1/z}, so {@code Log[1+(z-1)^2]} stays finite
   * (about 2 log|z|) where {@code (z-1)^2} overflows.
   */
  private Optional<Expr> logRationalTail(IAST e) {
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
    Expr near = Expr.Call.of(Fn.LOG, translate(e));
    Expr.Test small = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, zv), Expr.Const.of(1.0));
    return Optional.of(new Expr.Cond(small, near, farLog));
  }

  /** Coefficients c_0..c_d of a polynomial in z with rational coefficients, or null. */
  private List<IExpr> coefficients(IExpr poly) {
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

  /** Horner's rule in x; {@code reversed} evaluates {@code sum c_i x^(d-i)}. */
  private Expr horner(List<IExpr> c, Expr x, boolean reversed) {
    int d = c.size() - 1;
    Expr acc = null;
    for (int i = 0; i <= d; i++) {
      // highest power of x first
      IExpr coefficient = reversed ? c.get(i) : c.get(d - i);
      if (acc == null && coefficient.isZero()) continue; // leading zeros only lower the degree
      Expr k = translate(coefficient);
      if (acc == null) {
        acc = k;
      } else {
        Expr product = acc instanceof Expr.Const a && a.value() == 1.0 ? x : new Expr.Mul(List.of(acc, x));
        acc = coefficient.isZero() ? product : new Expr.Add(List.of(product, k));
      }
    }
    return acc;
  }

  // ---- constants -------------------------------------------------------------------------------

  private static Expr.Const constant(IInteger i) {
    return new Expr.Const(new BigDecimal(i.toBigNumerator()).doubleValue(), i.toString());
  }

  /** Correctly rounded: a 60-digit decimal, then {@link Double#parseDouble} (which rounds correctly). */
  private static Expr.Const constant(IFraction f) {
    BigDecimal v = new BigDecimal(f.toBigNumerator()).divide(new BigDecimal(f.toBigDenominator()), new MathContext(60));
    return new Expr.Const(Double.parseDouble(v.toString()), f.toString());
  }
}
