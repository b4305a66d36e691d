package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.IReal;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The sign of a difference {@code a (h(A) - h(B))} of one monotone function at two arguments,
 * written without h: for h strictly increasing ({@code Exp}, {@code Log}, {@code Tanh}, {@code
 * Sinh}, odd and positive non-integer powers) it is the sign of {@code A - B}; for h even and
 * strictly increasing in {@code |x|} ({@code Cosh}, {@code Abs}, even powers, powers of an {@code
 * Abs}) it is the sign of {@code |A| - |B|}, that is of {@code (A - B)(A + B)}; a sum {@code h(A) +
 * h(B)} of an odd increasing h has the sign of {@code A + B}. The arguments' difference and sum are
 * combined symbolically (over one denominator where they are rational in z), so that what is
 * compared with 0 is a product of {@code Sign}s of pieces such as {@code z} or {@code -6}, exact in
 * double, and the rule applies again inside ({@code Tanh[u]^2 - Tanh[v]^2} is {@code (Tanh[u] -
 * Tanh[v])(Tanh[u] + Tanh[v])}, whose factors have the signs of {@code u - v} and {@code u + v}).
 *
 * <p>Why: a test of an energy difference against 0 (the mode's winner, a tie, the winner of the
 * by-winner forms) needs only the sign, and the difference itself can be far below the doubles.
 * The signed mode of {@code Tanh[3(z-mu)]^2} was 0 (a tie) at z = -354.198 where it is -1: the
 * gap {@code tanh^2(3(z+1)) - tanh^2(3(z-1))}, about {@code 4 e^-2118}, was formed from
 * exponentials that underflow. Its sign is that of {@code -36 z}.
 *
 * <p>Not a change of the function: where the difference is a normal number the test reads the same
 * sign, and the zero set is the same ({@code h(A) = h(B)} exactly where {@code A = B}, or {@code |A|
 * = |B|}), so ties stay ties. A product of signs is exact; a product of the pieces themselves could
 * underflow to a false tie. The arguments lie in h's domain wherever the energy is real, which
 * the derivation checks.
 */
final class MonotonePairs {
  private final Symja symja;
  private final ISymbol z;
  private final NumericalRewrites rewrites;

  MonotonePairs(Symja symja, ISymbol z, NumericalRewrites rewrites) {
    this.symja = symja;
    this.z = z;
    this.rewrites = rewrites;
  }

  /**
   * An expression with the sign of {@code x} wherever x is real (a product of {@code Sign}s and
   * possibly {@code -1}), when x is a difference of one monotone function at two arguments (up to
   * a numeric factor); empty otherwise.
   */
  Optional<IExpr> sign(IExpr x) {
    return sign(x, 0);
  }

  /**
   * An expression with the sign of {@code x}: {@link #sign} where it applies, else x without the
   * odd increasing functions ({@code Tanh}, {@code Sinh}) and numeric factors around its core
   * ({@code Sign[Tanh[z/2]]} is {@code Sign[z]}). Why: such a wrapper can round a tiny core to 0, and
   * the sign then reads the kink's 0; {@code Abs[Tanh[(z-mu)/2]]} at three prototypes had the
   * entropy's derivative 6.9e-18 at z = -4.9e-324 (z/2 is -0.0) where the left slope is -0.057.
   */
  IExpr sameSign(IExpr x) {
    Optional<IExpr> pair = sign(x);
    if (pair.isPresent()) return pair.get();
    IExpr core = x;
    boolean negated = false;
    for (int depth = 0; depth < 16; depth++) {
      if ((core.isAST(S.Tanh, 2) || core.isAST(S.Sinh, 2)) && !core.first().isFree(z)) {
        core = core.first();
      } else if (core.isTimes() && core.first().isReal() && !core.first().isZero() && !core.isFree(z)) {
        negated ^= ((IReal) core.first()).isNegative();
        IAST t = (IAST) core;
        core = t.argSize() == 2 ? t.arg2() : t.rest().oneIdentity1();
      } else {
        break;
      }
    }
    if (core == x) return x;
    return negated ? negate(core) : core;
  }

  /**
   * The test {@code lhs op rhs} with one side 0 and the other such a difference (depending on z),
   * written on its sign and lowered by {@code translate}; empty otherwise (as {@link
   * ConditionIsolation#isolate} for its tests).
   */
  Optional<Expr.Test> test(IExpr lhs, IExpr rhs, Expr.Test.Op op, Function<IExpr, Expr> translate) {
    Expr zero = Expr.Const.of(0.0);
    if (rhs.isZero() && !lhs.isFree(z)) return sign(lhs).map(s -> new Expr.Test.Compare(op, translate.apply(s), zero));
    if (lhs.isZero() && !rhs.isFree(z)) return sign(rhs).map(s -> new Expr.Test.Compare(op, zero, translate.apply(s)));
    return Optional.empty();
  }

  /** Nested pairs deeper than this are left as they are (a bound on the work, not a limitation met so far). */
  private static final int MAX_DEPTH = 4;

  private Optional<IExpr> sign(IExpr x, int depth) {
    if (depth > MAX_DEPTH || !(x instanceof IAST ast)) return Optional.empty();
    if (ast.isTimes() && ast.arg1().isReal() && ast.argSize() >= 2) {
      IExpr rest = ast.argSize() == 2 ? ast.arg2() : ast.rest().oneIdentity1();
      return sign(rest, depth).map(s -> ((IReal) ast.arg1()).isNegative() ? negate(s) : s);
    }
    if (!ast.isPlus() || ast.argSize() != 2) return Optional.empty();
    Term p = Term.of(ast.arg1());
    Term q = Term.of(ast.arg2());
    if (p == null || q == null) return Optional.empty();
    Optional<IExpr> s;
    if (p.coefficient().equals(q.coefficient().negate())) {
      s = difference(p.term(), q.term(), depth);
    } else if (p.coefficient().equals(q.coefficient())) {
      s = sum(p.term(), q.term(), depth);
    } else {
      return Optional.empty();
    }
    return s.map(v -> p.coefficient().isNegative() ? negate(v) : v);
  }

  /** A term {@code c t} with c a nonzero real number. */
  private record Term(IReal coefficient, IExpr term) {
    static Term of(IExpr e) {
      if (e.isTimes() && e.first().isReal() && !e.first().isZero()) {
        IAST t = (IAST) e;
        return new Term((IReal) t.arg1(), t.argSize() == 2 ? t.arg2() : t.rest().oneIdentity1());
      }
      return e.isNumber() ? null : new Term(F.C1, e);
    }
  }

  /** How h orders its arguments. */
  private enum Kind { INCREASING, ODD_INCREASING, EVEN_INCREASING }

  /** The monotone function h and its argument, for {@code e = h(A)}; null if e is not one. */
  private record Application(String function, IExpr exponent, Kind kind, IExpr argument) {}

  private static Application application(IExpr e) {
    if (e.isPower()) {
      IExpr base = e.base();
      IExpr exponent = e.exponent();
      if (base.equals(S.E)) return new Application("Exp", F.C1, Kind.INCREASING, exponent);
      if (!exponent.isReal() || !((IReal) exponent).isPositive()) return null;
      if (base.isAST(S.Abs, 2)) return new Application("AbsPower", exponent, Kind.EVEN_INCREASING, base.first());
      if (exponent.isInteger()) {
        boolean even = ((IInteger) exponent).isEven();
        return new Application("Power", exponent, even ? Kind.EVEN_INCREASING : Kind.ODD_INCREASING, base);
      }
      // a positive non-integer power is real only for a base >= 0, where it increases
      return new Application("Power", exponent, Kind.INCREASING, base);
    }
    if (!(e instanceof IAST ast) || ast.argSize() != 1) return null;
    IExpr head = ast.head();
    if (head.equals(S.Log)) return new Application("Log", F.C1, Kind.INCREASING, ast.arg1());
    if (head.equals(S.Tanh) || head.equals(S.Sinh) || head.equals(S.ArcSinh)) {
      return new Application(head.toString(), F.C1, Kind.ODD_INCREASING, ast.arg1());
    }
    if (head.equals(S.Cosh) || head.equals(S.Abs)) return new Application(head.toString(), F.C1, Kind.EVEN_INCREASING, ast.arg1());
    return null;
  }

  /** The sign of {@code a - b}. */
  private Optional<IExpr> difference(IExpr a, IExpr b, int depth) {
    Application f = application(a);
    Application g = application(b);
    if (f == null || g == null || !f.function().equals(g.function()) || !f.exponent().equals(g.exponent())) return Optional.empty();
    IExpr gap = signOf(combine(f.argument(), g.argument(), F.CN1), depth + 1);
    if (f.kind() != Kind.EVEN_INCREASING) return Optional.of(gap);
    return Optional.of(F.Times(gap, signOf(combine(f.argument(), g.argument(), F.C1), depth + 1)));
  }

  /** The sign of {@code a + b}, when both are one odd increasing function. */
  private Optional<IExpr> sum(IExpr a, IExpr b, int depth) {
    Application f = application(a);
    Application g = application(b);
    if (f == null || g == null || f.kind() != Kind.ODD_INCREASING || !f.function().equals(g.function())
        || !f.exponent().equals(g.exponent())) {
      return Optional.empty();
    }
    return Optional.of(signOf(combine(f.argument(), g.argument(), F.C1), depth + 1));
  }

  /** {@code a + s b}, over one denominator (and factored) where it is rational in z. */
  private IExpr combine(IExpr a, IExpr b, IExpr s) {
    IExpr raw = F.Plus(a, F.Times(s, b));
    return rewrites.isRationalInZ(a) && rewrites.isRationalInZ(b) ? rewrites.together(raw) : symja.eval(raw);
  }

  /** The pair rule again, else the product of the signs of x's factors. */
  private IExpr signOf(IExpr x, int depth) {
    Optional<IExpr> pair = sign(x, depth);
    if (pair.isPresent()) return pair.get();
    List<IExpr> signs = new ArrayList<>();
    boolean negative = false;
    List<IExpr> factors = new ArrayList<>();
    Lowerer.flatten(x, S.Times, factors);
    for (IExpr factor : factors) {
      if (factor.isReal()) {
        if (factor.isZero()) return F.C0;
        negative ^= ((IReal) factor).isNegative();
      } else if (factor.isPower() && factor.exponent().isInteger()) {
        IInteger k = (IInteger) factor.exponent();
        IExpr base = F.Sign(factor.base());
        if (!k.isEven()) {
          signs.add(base);
        } else if (k.isPositive()) {
          signs.add(F.Times(base, base)); // 0 where the base is: a tie stays a tie
        }
      } else {
        signs.add(F.Sign(factor));
      }
    }
    IExpr product = signs.isEmpty() ? F.C1 : signs.size() == 1 ? signs.get(0) : F.Times(signs.toArray(new IExpr[0]));
    return negative ? negate(product) : product;
  }

  private static IExpr negate(IExpr e) {
    return F.Times(F.CN1, e);
  }
}
