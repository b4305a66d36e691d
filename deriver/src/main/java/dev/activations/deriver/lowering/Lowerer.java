package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.WorkBudget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Translating is this class's job; the rewrites that need algebra (and so Symja), each aimed at
 * one way floating point loses digits (log, root and exponential differences, rational tails,
 * square roots of quadratics), are {@link NumericalRewrites}', which this class calls where a sum,
 * a product, a power or a log has their shape. Rationals become correctly rounded double constants;
 * integer powers stay integer. The purely floating-point rewrites (log1p, expm1, logistic,
 * softplus, tanh') are {@link Rewrites}' business, applied afterwards to the whole tree.
 */
public final class Lowerer {
  private static final Set<ISymbol> RELATIONS = Set.of(S.Greater, S.GreaterEqual, S.Less, S.LessEqual, S.Equal, S.Unequal);

  private final Symja symja;
  private final ISymbol z;
  private final Set<String> variables;
  private final NumericalRewrites rewrites;
  private final ConditionIsolation isolation;
  private final MonotonePairs pairs;
  /**
   * What {@link #translate} returned for each compound expression so far. The lowering of one
   * activation translates the same subexpressions again and again (every candidate form of every
   * output shares the pieces of the energy differences), and a rational piece costs a Together,
   * two Expands and a root search in Symja each time: over 12 random specs, 7,854 rational tails
   * for 191 distinct pieces. The translation is a function of the expression and of the bounds
   * on z it is translated under ({@link #bounds}; the key holds both where they are finite), so
   * the memo changes no form. Only looked up, never iterated.
   */
  private final Map<Object, Expr> translated = new HashMap<>();
  /**
   * What the conditions of the enclosing {@code Piecewise} rows say of z while a row's value is
   * translated (its own condition holds, the earlier rows' fail). Inside finite bounds a
   * polynomial is evaluated about the interval's midpoint ({@link
   * NumericalRewrites#boundedPolynomial}).
   */
  private ZBounds bounds = ZBounds.ALL;

  /** @param variables the names that may appear: {@code z} and the free parameters */
  public Lowerer(Symja symja, Set<String> variables) {
    this.symja = symja;
    this.z = symja.symbol("z");
    this.variables = Set.copyOf(variables);
    this.rewrites = new NumericalRewrites(symja, z, this);
    this.isolation = new ConditionIsolation(symja, z);
    this.pairs = new MonotonePairs(symja, z, rewrites);
  }

  /** Lowers and applies the accuracy rewrites. */
  public Expr lower(IExpr e) {
    return Rewrites.apply(translate(e));
  }

  Expr translate(IExpr e) {
    if (!(e instanceof IAST)) return translateAtom(e);
    Object key = bounds.isFinite() ? List.of(e, bounds.lower(), bounds.upper()) : e;
    Expr known = translated.get(key);
    if (known == null) {
      known = translateCompound((IAST) e);
      translated.put(key, known);
    }
    return known;
  }

  private Expr translateAtom(IExpr e) {
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
    throw new IllegalArgumentException("lowering: unsupported " + e.getClass().getSimpleName());
  }

  private Expr translateCompound(IAST ast) {
    // log1p(y) - y, which Symja does not know: offered by LogRemainders
    if (ast.argSize() == 1 && ast.head().equals(symja.symbol(LogRemainders.HEAD))) return rewrites.logOnePlusRemainder(ast.arg1());
    // log1p(y), offered by LogResiduals for a logarithm next to 1
    if (ast.argSize() == 1 && ast.head().equals(symja.symbol(LogResiduals.HEAD))) return Expr.Call.of(Fn.LOG1P, translate(ast.arg1()));
    if (!ast.isFree(z) && rewrites.isRationalInZ(ast)) {
      if (bounds.isFinite()) {
        Optional<Expr> local = rewrites.boundedPolynomial(ast, bounds.lower(), bounds.upper());
        if (local.isPresent()) return local.get();
      }
      Optional<Expr> tail = rewrites.rationalTail(ast);
      if (tail.isPresent()) return tail.get();
    }
    IExpr head = ast.head();
    if (head.equals(S.Plus)) return plus(ast);
    if (head.equals(S.Times)) return times(ast);
    if (head.equals(S.Power)) return power(ast.arg1(), ast.arg2());
    if (head.equals(S.Exp)) return call(Fn.EXP, ast.arg1());
    if (head.equals(S.Log) && ast.argSize() == 1) {
      if (ast.arg1() instanceof IAST inner && !inner.isFree(z) && rewrites.isRationalInZ(inner)) {
        Optional<Expr> tail = rewrites.logRationalTail(inner);
        if (tail.isPresent()) return tail.get();
      }
      if (ast.arg1().isAST(S.Cosh, 2) && !ast.arg1().isFree(z)) return rewrites.logCosh(ast.arg1().first());
      Optional<Expr> farLog = logOfOnePlusPower(ast.arg1());
      if (farLog.isPresent()) return farLog.get();
      Optional<NumericalRewrites.Root> root = ast.arg1().isFree(z) ? Optional.empty() : rewrites.hypotRoot(ast.arg1());
      // log(c + Y^2) as 2 log h, h its root, where the argument has overflowed (Barron's loss)
      if (root.isPresent()) return root.get().logOf(translate(ast.arg1()));
      return call(Fn.LOG, ast.arg1());
    }
    if (head.equals(S.Sqrt)) return call(Fn.SQRT, ast.arg1());
    if (head.equals(S.Abs)) return call(Fn.ABS, ast.arg1());
    if (head.equals(S.Sign)) return call(Fn.SIGNUM, pairs.sameSign(ast.arg1()));
    if (head.equals(S.Tanh)) return call(Fn.TANH, ast.arg1());
    if (head.equals(S.ArcTan) && ast.argSize() == 1) return call(Fn.ATAN, ast.arg1());
    if (head.equals(S.ArcSinh)) return arsinh(ast.arg1());
    if (head.equals(S.Sinh)) return call(Fn.SINH, ast.arg1());
    if (head.equals(S.Cosh)) return call(Fn.COSH, ast.arg1());
    if (head.equals(S.Sech)) return sech(translate(ast.arg1()));
    if (head.equals(S.Max) || head.equals(S.Min)) return fold(head.equals(S.Max) ? Fn.MAX : Fn.MIN, ast);
    if (head.equals(S.Clip) && ast.argSize() == 2 && ast.arg2().isList() && ast.arg2().argSize() == 2) {
      IAST bounds = (IAST) ast.arg2();
      return Expr.Call.of(Fn.MAX, translate(bounds.arg1()), Expr.Call.of(Fn.MIN, translate(bounds.arg2()), translate(ast.arg1())));
    }
    if (head.equals(S.Piecewise)) return piecewise(ast);
    Optional<Expr> nonSmooth = NonSmoothDerivatives.lower(ast, this::translate, pairs::sameSign);
    if (nonSmooth.isPresent()) return nonSmooth.get();
    throw new IllegalArgumentException("lowering: unsupported function " + head);
  }

  // ---- arithmetic ------------------------------------------------------------------------------

  /**
   * The terms of a sum that are free of z ({@code K}) and those that are z times a factor free of
   * z ({@code L z}), as {@code L (z - c)} with {@code c = -K/L} carried exactly ({@link
   * RationalRoots#offset}), when c is a rational number other than 0; the remaining terms go to
   * {@code others}. Unless L is a rational power of two: then {@code L z} is exact and {@code K + L
   * z} is exact next to its root already, by Sterbenz's lemma. Why: the piecewise-linear energies'
   * differences ({@code -3 + 6 z} for {@code 3 |z - mu|} at centers -1 and 2) decide the mean next
   * to its root; {@code 6 z} rounds before the 3 cancels (a relative error of 3.7e-2 at {@code z =
   * 1/2 + 1e-15}), while {@code 6 (z - 1/2)} keeps every digit. The same with more terms and
   * parameter coefficients: {@code -1/|a| + 2z/|a| - 3 (log cosh(z+1) - log cosh(z-2))} vanishes
   * at z = 1/2 for every a, and its linear part as written cancelled (a relative error of 2e-3 at
   * 3.7e-15 from the root).
   */
  private Optional<Expr> linearPartByRoot(List<IExpr> terms, List<IExpr> others) {
    List<IExpr> constants = new ArrayList<>();
    List<IExpr> slopes = new ArrayList<>();
    List<IExpr> rest = new ArrayList<>();
    for (IExpr t : terms) {
      if (t.isFree(z)) {
        constants.add(t);
        continue;
      }
      IExpr slope = slopeOf(t);
      if (slope != null) {
        slopes.add(slope);
      } else {
        rest.add(t);
      }
    }
    if (constants.isEmpty() || slopes.isEmpty()) return Optional.empty();
    IExpr constant = symja.eval(F.Together(F.ast(S.Plus, constants)));
    IExpr slope = symja.eval(F.Together(F.ast(S.Plus, slopes)));
    if (constant.isZero() || slope.isZero()) return Optional.empty();
    IExpr root = symja.eval(F.Together(F.Times(F.CN1, constant, F.Power(slope, F.CN1))));
    if (!root.isRational()) return Optional.empty();
    if (slope.isRational() && powerOfTwo((org.matheclipse.core.interfaces.IRational) slope)) return Optional.empty();
    others.addAll(rest);
    return Optional.of(new Expr.Mul(List.of(translate(slope), RationalRoots.offset(root, this::translate))));
  }

  /** {@code c} when {@code t} is written as {@code c z} with c free of z, else null. */
  private IExpr slopeOf(IExpr t) {
    if (t.equals(z)) return F.C1;
    if (!t.isTimes()) return null;
    List<IExpr> factors = new ArrayList<>();
    boolean found = false;
    for (int i = 1; i < t.size(); i++) {
      IExpr f = ((IAST) t).get(i);
      if (f.equals(z) && !found) {
        found = true;
      } else if (f.isFree(z)) {
        factors.add(f);
      } else {
        return null;
      }
    }
    if (!found) return null;
    return factors.isEmpty() ? F.C1 : factors.size() == 1 ? factors.get(0) : F.ast(S.Times, factors);
  }

  private static boolean powerOfTwo(org.matheclipse.core.interfaces.IRational r) {
    return r.toBigNumerator().abs().bitCount() == 1 && r.toBigDenominator().bitCount() == 1;
  }

  private Expr plus(IAST ast) {
    List<IExpr> terms = new ArrayList<>();
    flatten(ast, S.Plus, terms);
    terms = hyperbolicPairsAsExponentials(terms);
    terms = rewrites.rationalTermsCombined(terms);
    if (terms.size() == 2) {
      Optional<Expr> conjugate = rewrites.rootTermsSum(terms.get(0), terms.get(1));
      if (conjugate.isPresent()) return conjugate.get();
    }
    List<Expr> out = new ArrayList<>();
    terms = rewrites.scaleSlopePairs(terms, out);
    terms = rewrites.logProductPairs(terms, out);
    List<IExpr> others = new ArrayList<>();
    Optional<Expr> linear = linearPartByRoot(terms, others);
    if (linear.isPresent()) {
      if (others.isEmpty()) return linear.get();
      out.add(linear.get());
      terms = others;
    }
    boolean[] used = new boolean[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      if (used[i]) continue;
      NumericalRewrites.Term a = rewrites.term(terms.get(i));
      for (int j = i + 1; j < terms.size() && a.kind() != null; j++) {
        if (used[j]) continue;
        NumericalRewrites.Term b = rewrites.term(terms.get(j));
        if (a.kind() == S.Tanh && b.kind() == S.Tanh && symja.eval(F.Expand(F.Subtract(a.coefficient(), b.coefficient()))).isZero()) {
          // c tanh(v) = (-c) tanh(-v): a sum of two tanh is a difference
          b = new NumericalRewrites.Term(F.Negate(b.coefficient()), S.Tanh, symja.eval(F.Negate(b.argument())));
        }
        if (a.kind() == S.Sqrt && b.kind() == S.Sqrt) b = rewrites.onCoefficientOf(a, b);
        boolean opposite = b.kind() == a.kind() && symja.eval(F.Expand(F.Plus(a.coefficient(), b.coefficient()))).isZero();
        if (opposite && a.kind() == S.Log && NumericalRewrites.softplusArgument(a.argument()) != null && NumericalRewrites.softplusArgument(b.argument()) != null) {
          out.add(rewrites.softplusDifference(a.coefficient(), NumericalRewrites.softplusArgument(a.argument()), NumericalRewrites.softplusArgument(b.argument())));
          used[i] = used[j] = true;
          break;
        }
        if (opposite && NumericalRewrites.pairable(a) && NumericalRewrites.pairable(b)) {
          out.add(rewrites.combine(a, b));
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

  private Expr times(IAST ast) {
    List<IExpr> factors = rationalFactorsGrouped(ast);
    Optional<Expr> scaled = rewrites.scaledPower(factors);
    if (scaled.isPresent()) return scaled.get();
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
      (!f.isFree(z) && rewrites.isRationalInZ(f) ? rational : others).add(f);
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
    if (exponent.equals(F.C1D2)) return rewrites.sqrt(base);
    if (exponent.equals(F.CN1D2)) return new Expr.Div(Expr.Const.of(1.0), rewrites.sqrt(base));
    if (exponent.isFraction() && ((IFraction) exponent).denominator().equals(F.C2)) {
      // x^(k/2) = sqrt(x)^k: exact powers of a correctly rounded root
      int k = ((IFraction) exponent).numerator().toIntDefault();
      if (Math.abs(k) <= 64) return powInt(call(Fn.SQRT, base), k);
    }
    // (c + Y^2)^q as hypot(Y, sqrt c)^(2q): the base overflows from |Y| = 1.3e154 where the power
    // need not (Barron's loss (1 + u^2/|a-2|)^(a/2), about |u|^a)
    Optional<NumericalRewrites.Root> root = base.isFree(z) ? Optional.empty() : rewrites.hypotRoot(base);
    if (root.isPresent()) return root.get().power(translate(symja.eval(F.Times(F.C2, exponent))));
    return Expr.Call.of(Fn.POW, translate(base), translate(exponent));
  }

  /**
   * {@code sech(u) = 2 e / (1 + e^2)}, {@code e = exp(-|u|)}: {@code 1 / cosh(u)} is 0 from |u| =
   * 710.5 on, where sech is still a subnormal number down to |u| = 745 (the slope of {@code Log[1 + 2
   * Sech[u]]} was 0 there, 0.1 off at the subnormal scale). Powers of sech stay powers of cosh
   * ({@link #power}), where the rewrites find {@code tanh'}.
   */
  private static Expr sech(Expr u) {
    Expr e = Expr.Call.of(Fn.EXP, new Expr.Neg(Expr.Call.of(Fn.ABS, u)));
    return new Expr.Div(new Expr.Mul(List.of(Expr.Const.of(2.0), e)),
        new Expr.Add(List.of(Expr.Const.of(1.0), new Expr.PowInt(e, 2))));
  }

  static Expr powInt(Expr base, int k) {
    if (k == 1) return base;
    if (k == -1) return new Expr.Div(Expr.Const.of(1.0), base);
    return new Expr.PowInt(base, k);
  }

  /**
   * {@code arsinh x}; where x is a product of powers of expressions in z (and numbers, and
   * absolute values) with a power other than 1 or a factor of free parameters, beyond |x| = 2^28
   * as {@code sign(x) (ln 2 + sum k log|b|)} over its factors {@code b^k}, so that x itself may
   * overflow ({@code ArcSinh[(z-mu)^2]} is about {@code 2 log|z| + ln 2} where {@code (z - mu)^2}
   * is Infinity, from |z| = 1.3e154 on; {@code ArcSinh[(z-mu)/s]} with s free was Infinity at s =
   * 0.0379, z = 7.4e306, exact 709.87). There {@link StableFunctions#asinh} itself takes {@code
   * log|x| + ln 2}, so nothing changes where x is finite but the rounding of one logarithm.
   */
  private Expr arsinh(IExpr arg) {
    Expr x = translate(arg);
    Expr plain = Expr.Call.of(Fn.ASINH, x);
    if (!arg.isTimes() && !arg.isPower()) return plain;
    List<Expr> logs = new ArrayList<>(List.of(Expr.Const.of(StableFunctions.LN2)));
    boolean powered = false;
    boolean scaled = false; // a factor of free parameters: (z - mu)/s overflows where s is small
    for (IExpr f : Symja.factors(arg)) {
      IExpr base = f;
      IExpr k = F.C1;
      if (f.isPower() && f.exponent().isFree(z)) {
        base = f.base();
        k = f.exponent();
      }
      if (base.isAST(S.Abs, 2)) base = base.first();
      Expr log = Expr.Call.of(Fn.LOG, Expr.Call.of(Fn.ABS, translate(base)));
      logs.add(k.isOne() ? log : new Expr.Mul(List.of(translate(k), log)));
      powered |= !f.isFree(z) && !k.isOne();
      scaled |= f.isFree(z) && !f.isNumber();
    }
    if (!powered && !scaled) return plain;
    Expr far = new Expr.Mul(List.of(Expr.Call.of(Fn.SIGNUM, x), new Expr.Add(logs)));
    Expr.Test near = new Expr.Test.Compare(Expr.Test.Op.LE, Expr.Call.of(Fn.ABS, x), Expr.Const.of(StableFunctions.ASINH_FAR));
    return new Expr.Cond(near, plain, far);
  }

  /**
   * {@code Log[1 + b^q]} with b in z and q a number other than an integer
   * ({@link NumericalRewrites#onePlusPowerBase}): as written while {@code b^q} is finite, {@code q
   * log b} where it has overflowed (there {@code log1p(b^-q)} is below 1e-308 of it). Why: the free
   * energy of {@code Log[1+Abs[z-mu]^(3/2)]} was {@code log(Infinity)} at z = -3.2e205, where it is
   * 709.09.
   */
  private Optional<Expr> logOfOnePlusPower(IExpr argument) {
    IExpr base = NumericalRewrites.onePlusPowerBase(argument, z);
    if (base == null) return Optional.empty();
    IExpr power = argument.second();
    Expr.Test fits = new Expr.Test.Compare(Expr.Test.Op.LE, translate(power), Expr.Const.of(Double.MAX_VALUE));
    Expr far = new Expr.Mul(List.of(translate(power.exponent()), call(Fn.LOG, base)));
    return Optional.of(new Expr.Cond(fits, call(Fn.LOG, argument), far));
  }

  Expr call(Fn fn, IExpr arg) {
    return Expr.Call.of(fn, translate(arg));
  }

  private Expr fold(Fn fn, IAST ast) {
    Expr acc = translate(ast.arg1());
    for (int i = 2; i < ast.size(); i++) acc = Expr.Call.of(fn, acc, translate(ast.get(i)));
    return acc;
  }

  /**
   * {@code c Cosh[u] + c Sinh[u]} as {@code c E^u} and {@code c Cosh[u] - c Sinh[u]} as {@code c
   * E^-u}, before the terms are paired: Symja writes the energy differences of {@code
   * Exp[-Abs[z-mu]]} and of the exponential kernel as {@code E^(-1-z) - Cosh[z] + Sinh[z]}; the
   * IR's hyperbolic-pairs rule makes the pair an
   * exponential only after the exponentials were paired, so {@code e^(-1-z) - e^-z} stayed a
   * difference, Infinity - Infinity from z = -709.8 (the three-prototype log-responsibilities
   * NaN where they are -1.5e308). Other terms stay in their order.
   */
  private List<IExpr> hyperbolicPairsAsExponentials(List<IExpr> terms) {
    List<IExpr> out = new ArrayList<>(terms);
    for (int i = 0; i < out.size(); i++) {
      IExpr[] a = hyperbolic(out.get(i), S.Cosh);
      if (a == null) continue;
      for (int j = 0; j < out.size(); j++) {
        IExpr[] b = hyperbolic(out.get(j), S.Sinh);
        if (b == null || !a[1].equals(b[1])) continue;
        IExpr u = a[1];
        if (symja.eval(F.Expand(F.Subtract(a[0], b[0]))).isZero()) {
          out.set(i, symja.eval(F.Times(a[0], F.Power(S.E, u))));
        } else if (symja.eval(F.Expand(F.Plus(a[0], b[0]))).isZero()) {
          out.set(i, symja.eval(F.Times(a[0], F.Power(S.E, F.Negate(u)))));
        } else {
          continue;
        }
        out.remove(j);
        if (j < i) i--;
        break;
      }
    }
    return out;
  }

  /** {@code {c, u}} for a term {@code c head[u]} (c free of head), else null. */
  private static IExpr[] hyperbolic(IExpr t, ISymbol head) {
    if (t.isAST(head, 2)) return new IExpr[] {F.C1, t.first()};
    if (!t.isTimes()) return null;
    IExpr found = null;
    List<IExpr> rest = new ArrayList<>();
    for (int i = 1; i < t.size(); i++) {
      IExpr f = ((IAST) t).get(i);
      if (f.isAST(head, 2) && found == null) {
        found = f.first();
      } else if (f.isFree(x -> x.equals(S.Cosh) || x.equals(S.Sinh), true)) {
        rest.add(f);
      } else {
        return null;
      }
    }
    if (found == null) return null;
    return new IExpr[] {rest.isEmpty() ? F.C1 : rest.size() == 1 ? rest.get(0) : F.ast(S.Times, rest), found};
  }

  /** The operands of nested {@code head} applications ({@code Times}, {@code Plus}) of {@code e}, in order. */
  static void flatten(IExpr e, ISymbol head, List<IExpr> into) {
    if (e.isAST(head)) {
      for (int i = 1; i < e.size(); i++) flatten(((IAST) e).get(i), head, into);
    } else {
      into.add(e);
    }
  }

  // ---- piecewise -------------------------------------------------------------------------------

  /**
   * Each row's value translated under the bounds its condition and the earlier rows' failed
   * conditions put on z (within the enclosing rows' bounds); the conditions themselves under the
   * enclosing bounds.
   */
  private Expr piecewise(IAST ast) {
    IAST rows = (IAST) ast.arg1();
    ZBounds outer = bounds;
    List<ZBounds> rowBounds = new ArrayList<>();
    ZBounds rest = outer;
    for (int i = 1; i <= rows.argSize(); i++) {
      IExpr condition = ((IAST) rows.get(i)).arg2();
      rowBounds.add(rest.given(z, condition, true));
      rest = rest.given(z, condition, false);
    }
    try {
      bounds = rest;
      Expr acc = ast.argSize() > 1 ? translate(ast.arg2()) : Expr.Const.of(0.0);
      for (int i = rows.argSize(); i >= 1; i--) {
        IAST row = (IAST) rows.get(i);
        bounds = rowBounds.get(i - 1);
        Expr value = translate(row.arg1());
        bounds = outer;
        acc = new Expr.Cond(test(row.arg2()), value, acc);
      }
      return acc;
    } finally {
      bounds = outer;
    }
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
      Optional<Expr.Test> onSigns = pairs.test(a.arg1(), a.arg2(), op, this::translate);
      if (onSigns.isPresent()) return onSigns.get();
      Optional<Expr.Test> isolated = isolation.isolate(a.arg1(), a.arg2(), op, this::translate);
      if (isolated.isPresent()) return isolated.get();
      return new Expr.Test.Compare(op, translate(a.arg1()), translate(a.arg2()));
    }
    if (c.isTrue()) return new Expr.Test.Compare(Expr.Test.Op.EQ, Expr.Const.of(0.0), Expr.Const.of(0.0));
    throw new IllegalArgumentException("lowering: unsupported condition " + c);
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
