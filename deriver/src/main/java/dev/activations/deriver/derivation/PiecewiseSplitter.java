package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Rewrites an expression in {@code z} that contains {@code Abs} and {@code Piecewise} into one
 * {@code Piecewise} whose pieces contain neither, by splitting the real line at the breakpoints.
 *
 * <p>Symja does not do this itself ({@code Simplify[Abs[z+1]-Abs[z-1], -1<z<1]} stays as it is),
 * yet it is what makes differences of such energies exact: {@code |z+1| - |z-1|} is {@code 2z}
 * between the centers and {@code +-2} outside, where evaluating it as written would lose every
 * digit for large |z|. Breakpoints come from {@code Abs} arguments and {@code Piecewise}
 * conditions that are linear in z with numeric coefficients; anything else (a free parameter in
 * a breakpoint, a non-linear argument) makes the split decline, and the caller keeps the input.
 */
final class PiecewiseSplitter {
  private static final int MAX_ROUNDS = 4;
  private final Symja symja;
  private final ISymbol z;

  PiecewiseSplitter(Symja symja) {
    this.symja = symja;
    this.z = symja.symbol("z");
  }

  /** One piece: valid for {@code z <= upper} (after the previous piece); the last has no upper. */
  record Piece(Optional<IExpr> upper, IExpr expr) {}

  static boolean needsSplit(IExpr e) {
    return !e.isFree(S.Abs) || !e.isFree(S.Piecewise) || !e.isFree(S.Max) || !e.isFree(S.Min) || !e.isFree(S.Sign);
  }

  /** The pieces in increasing z, or empty when the breakpoints are not all numeric and linear. */
  Optional<List<Piece>> split(IExpr input) {
    IExpr e = maxMinAsPiecewise(input);
    TreeSet<IExpr> points = new TreeSet<>(PiecewiseSplitter::compare);
    // Breakpoints can hide inside pieces (|z-1| <= 1 becomes linear only once Abs is resolved),
    // so collect, resolve at every interval, and collect again until nothing new appears.
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<IExpr> samples = samples(points);
      int before = points.size();
      for (IExpr s : samples) {
        // Resolve only Abs here: a Piecewise must keep its conditions, whose roots are wanted.
        IExpr resolved = resolveAbs(e, s);
        if (!collect(resolved, points)) return Optional.empty();
      }
      if (!collect(e, points)) return Optional.empty();
      if (points.size() == before && round > 0) break;
    }
    List<IExpr> samples = samples(points);
    List<IExpr> uppers = new ArrayList<>(points);
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      IExpr piece = resolve(e, samples.get(i), false);
      if (piece == null || !piece.isFree(S.Piecewise) || hasKinkInZ(piece)) return Optional.empty();
      Optional<IExpr> upper = i < uppers.size() ? Optional.of(uppers.get(i)) : Optional.empty();
      pieces.add(new Piece(upper, piece));
    }
    return Optional.of(pieces);
  }

  /**
   * {@code Max[a, b]} as {@code Piecewise[{{a, a >= b}}, b]} (and {@code Min} likewise; more
   * arguments fold pairwise), so that its breakpoints are split like any other: left as a Max, the
   * epsilon-insensitive {@code Max[0, |z-1| - 1]^2 - Max[0, |z+1| - 1]^2} overflowed to
   * {@code Inf - Inf} for |z| > 1e154 where the exact difference is an ordinary number. At the
   * breakpoint both branches agree (the arguments are equal there), so the choice of branch is
   * immaterial.
   */
  static IExpr maxMinAsPiecewise(IExpr e) {
    if (!(e instanceof IAST ast) || e.isFree(S.Max) && e.isFree(S.Min)) return e;
    List<IExpr> args = new ArrayList<>();
    for (int i = 1; i < ast.size(); i++) args.add(maxMinAsPiecewise(ast.get(i)));
    boolean max = ast.head().equals(S.Max);
    if ((max || ast.head().equals(S.Min)) && !args.isEmpty()) {
      IExpr acc = args.get(args.size() - 1);
      for (int i = args.size() - 2; i >= 0; i--) {
        IExpr a = args.get(i);
        IExpr wins = max ? F.GreaterEqual(a, acc) : F.LessEqual(a, acc);
        acc = F.Piecewise(F.List(F.List(a, wins)), acc);
      }
      return acc;
    }
    return F.ast(ast.head(), args);
  }

  /** True if an Abs or Sign of an argument that depends on z is left. */
  private boolean hasKinkInZ(IExpr e) {
    if (!(e instanceof IAST ast)) return false;
    if ((ast.head().equals(S.Abs) || ast.head().equals(S.Sign)) && !ast.arg1().isFree(z)) return true;
    for (int i = 1; i < ast.size(); i++) {
      if (hasKinkInZ(ast.get(i))) return true;
    }
    return false;
  }

  /** Merges equal neighbours and builds {@code Piecewise[{{e1, z <= b1}, ...}, eLast]}. */
  IExpr toPiecewise(List<Piece> pieces) {
    List<Piece> merged = new ArrayList<>();
    for (Piece p : pieces) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1).expr().equals(p.expr())) {
        merged.set(merged.size() - 1, new Piece(p.upper(), p.expr()));
      } else {
        merged.add(p);
      }
    }
    if (merged.size() == 1) return merged.get(0).expr();
    List<IExpr> rows = new ArrayList<>();
    for (int i = 0; i < merged.size() - 1; i++) {
      rows.add(F.List(merged.get(i).expr(), F.LessEqual(z, merged.get(i).upper().orElseThrow())));
    }
    return F.Piecewise(F.ast(S.List, rows), merged.get(merged.size() - 1).expr());
  }

  /** Adds the roots of linear Abs arguments and linear comparisons; false if one is not numeric. */
  private boolean collect(IExpr e, TreeSet<IExpr> points) {
    if (!(e instanceof IAST ast)) return true;
    IExpr head = ast.head();
    if (head.equals(S.Abs) || head.equals(S.Sign)) {
      if (!root(ast.arg1(), points)) return false;
    } else if (head.equals(S.Greater) || head.equals(S.GreaterEqual) || head.equals(S.Less)
        || head.equals(S.LessEqual) || head.equals(S.Equal)) {
      IExpr diff = F.Subtract(ast.arg1(), ast.arg2());
      if (diff.isFree(S.Abs) && diff.isFree(S.Piecewise) && !root(diff, points)) return false;
    }
    for (int i = 1; i < ast.size(); i++) {
      if (!collect(ast.get(i), points)) return false;
    }
    return true;
  }

  /**
   * Adds the real roots of {@code g} (a breakpoint condition or an Abs argument): after {@link
   * #isolated} has peeled invertible functions off, those of a polynomial of degree 1 or 2 in z
   * whose coefficients are real constants. False (the split declines) where a root is not a
   * number: a free parameter in it, a transcendental equation.
   */
  private boolean root(IExpr g, TreeSet<IExpr> points) {
    if (g.isFree(z)) return true;
    if (!g.isFree(S.Abs) || !g.isFree(S.Piecewise)) return true; // resolved in a later round
    List<IExpr> equations = new ArrayList<>();
    if (!isolated(g, F.C0, equations, 0)) return false;
    for (IExpr equation : equations) {
      if (!polynomialRoots(equation, points)) return false;
    }
    return points.size() < 64;
  }

  /** How many functions {@link #isolated} peels off one side at most (Exp of a Log of a root ...). */
  private static final int MAX_INVERSIONS = 6;

  /**
   * {@code lhs = rhs} (rhs a constant) as equations {@code p = 0}, each to be solved as a
   * polynomial, by inverting the one function of z on the left: {@code E^u = c} as {@code u =
   * Log[c]} (no root where c <= 0), {@code Log[u] = c} as {@code u = E^c}, {@code u^p = c} as
   * {@code u = c^(1/p)} (and {@code -c^(1/p)} for an even p; none where a real root is impossible),
   * a sum or a product with one term or factor in z by moving the others over. Why: the
   * breakpoints of {@code Max[Exp[-Abs[z-mu]], 1/10]} are {@code mu +- Log[10]} and those of
   * {@code Min[Abs[z-mu]^(3/2), 1]} are {@code mu +- 1}; read as
   * polynomials they declined, the energy differences were evaluated as written, and the three-
   * prototype means were 0 for a value of 1.8e-115 next to z = 0. False where the equation is
   * of none of these forms and not a polynomial either (left to the caller's check).
   */
  private boolean isolated(IExpr lhs, IExpr rhs, List<IExpr> equations, int depth) {
    if (depth <= MAX_INVERSIONS && lhs instanceof IAST ast) {
      if (ast.isPlus() || ast.isTimes()) {
        List<IExpr> withZ = new ArrayList<>();
        List<IExpr> without = new ArrayList<>();
        for (int i = 1; i < ast.size(); i++) (ast.get(i).isFree(z) ? without : withZ).add(ast.get(i));
        if (withZ.size() == 1 && !without.isEmpty()) {
          IExpr rest = ast.isPlus() ? F.Plus(without.toArray(new IExpr[0])) : F.Times(without.toArray(new IExpr[0]));
          if (ast.isTimes() && isZero(rest)) return true;
          IExpr moved = symja.eval(ast.isPlus() ? F.Subtract(rhs, rest) : F.Divide(rhs, rest));
          return isolated(withZ.get(0), moved, equations, depth + 1);
        }
      } else if (ast.isPower() && ast.base().equals(S.E) || ast.isAST(S.Exp, 2)) {
        // Exp[u] as the user wrote it: the spec's energies reach the splitter unevaluated
        Double c = real(rhs);
        if (c == null) return false;
        if (c <= 0) return true; // E^u > 0: no root
        return isolated(ast.isPower() ? ast.exponent() : ast.arg1(), symja.eval(F.Log(rhs)), equations, depth + 1);
      } else if (ast.isPower() && ast.exponent() instanceof IRational p && !p.isZero() && !p.isOne()) {
        return invertPower(ast.base(), p, rhs, equations, depth);
      } else if (ast.isAST(S.Log, 2)) {
        if (real(rhs) == null) return false;
        return isolated(ast.arg1(), symja.eval(F.Power(S.E, rhs)), equations, depth + 1);
      }
    }
    equations.add(symja.eval(F.Subtract(lhs, rhs)));
    return true;
  }

  /**
   * {@code u^p = c}, p a rational other than 0 and 1: u is {@code c^(1/p)}, and also {@code
   * -c^(1/p)} where p's numerator is even; a power with an even denominator is never negative, so
   * c < 0 has no root there, nor has c = 0 for p < 0.
   */
  private boolean invertPower(IExpr base, IRational p, IExpr rhs, List<IExpr> equations,
      int depth) {
    Double c = real(rhs);
    if (c == null) return false;
    boolean evenNumerator = !p.numerator().isOdd();
    boolean evenDenominator = !p.denominator().isOdd();
    if (c == 0) return p.isNegative() || isolated(base, F.C0, equations, depth + 1);
    if (c < 0 && (evenNumerator || evenDenominator)) return true;
    IExpr magnitude = symja.eval(F.Power(F.Abs(rhs), p.inverse()));
    IExpr root = c < 0 ? symja.eval(F.Negate(magnitude)) : magnitude;
    if (!isolated(base, root, equations, depth + 1)) return false;
    return !evenNumerator || isolated(base, symja.eval(F.Negate(root)), equations, depth + 1);
  }

  /** The real number {@code c} stands for (a constant expression), or null where it is not one. */
  private Double real(IExpr c) {
    if (!c.isFree(x -> x.isSymbol() && !x.isBuiltInSymbol(), false)) return null;
    IExpr v = symja.eval(F.N(c));
    return v.isReal() ? v.evalf() : null;
  }

  private boolean isZero(IExpr c) {
    Double v = real(c);
    return v != null && v == 0;
  }

  /** The real roots of {@code g}, a polynomial of degree 1 or 2 in z with real constant coefficients. */
  private boolean polynomialRoots(IExpr g, TreeSet<IExpr> points) {
    if (g.isFree(z)) return true;
    IExpr coefficients = symja.eval(F.CoefficientList(symja.eval(F.Expand(g)), z));
    if (!coefficients.isList() || coefficients.argSize() < 2 || coefficients.argSize() > 3) return false;
    for (int i = 1; i < coefficients.size(); i++) {
      if (real(((IAST) coefficients).get(i)) == null) return false;
    }
    if (coefficients.argSize() == 3) return quadraticRoots((IAST) coefficients, points);
    IExpr b = coefficients.first();
    IExpr a = coefficients.second();
    if (real(a) == 0) return false;
    points.add(symja.eval(F.Divide(F.Negate(b), a)));
    return points.size() < 64;
  }

  /**
   * The real roots of {@code c + b z + a z^2} (real constant coefficients), exact surds: the breakpoints
   * of {@code Min[(z-mu)^2, c]}, a truncated quadratic loss, are {@code mu +- Sqrt[c]}. Without
   * them the split declined and the difference was evaluated as written (the mean was -4.4e-16 at
   * z = -9.4e7 where the exact value is -4.8e-24).
   */
  private boolean quadraticRoots(IAST coefficients, TreeSet<IExpr> points) {
    IExpr c = coefficients.arg1();
    IExpr b = coefficients.arg2();
    IExpr a = coefficients.arg3();
    if (real(a) == 0) return false;
    IExpr discriminant = symja.eval(F.Subtract(F.Sqr(b), F.Times(F.C4, a, c)));
    Double d = real(discriminant);
    if (d == null) return false;
    if (d < 0) return true;
    IExpr root = symja.eval(F.Sqrt(discriminant));
    points.add(symja.eval(F.Divide(F.Subtract(F.Negate(b), root), F.Times(F.C2, a))));
    points.add(symja.eval(F.Divide(F.Plus(F.Negate(b), root), F.Times(F.C2, a))));
    return points.size() < 64;
  }

  private static int compare(IExpr a, IExpr b) {
    return Double.compare(a.evalf(), b.evalf()) != 0 ? Double.compare(a.evalf(), b.evalf()) : a.compareTo(b);
  }

  /** One rational sample inside every interval the points cut the line into. */
  private List<IExpr> samples(TreeSet<IExpr> points) {
    List<IExpr> p = new ArrayList<>(points);
    List<IExpr> s = new ArrayList<>();
    if (p.isEmpty()) {
      s.add(F.C0);
      return s;
    }
    s.add(rational(symja.eval(F.Subtract(p.get(0), F.C1))));
    for (int i = 0; i + 1 < p.size(); i++) s.add(rational(symja.eval(F.Times(F.C1D2, F.Plus(p.get(i), p.get(i + 1))))));
    s.add(rational(symja.eval(F.Plus(p.get(p.size() - 1), F.C1))));
    return s;
  }

  /**
   * A rational sample: a midpoint next to a surd breakpoint is itself a surd, at which the signs
   * of Abs arguments and the truth of conditions do not evaluate to numbers; the double nearest to
   * it (an exact binary fraction) lies in the same interval, since breakpoints are far more than an
   * ulp apart.
   */
  private IExpr rational(IExpr sample) {
    if (sample.isRational()) return sample;
    java.math.BigDecimal d = new java.math.BigDecimal(sample.evalf());
    if (d.scale() <= 0) return F.ZZ(d.toBigIntegerExact());
    java.math.BigInteger scale = java.math.BigInteger.TEN.pow(Math.max(0, d.scale()));
    return symja.eval(F.QQ(F.ZZ(d.unscaledValue()), F.ZZ(scale)));
  }

  /** Replaces every Abs whose argument has a known sign at {@code sample} by +-its argument. */
  private IExpr resolveAbs(IExpr e, IExpr sample) {
    if (!(e instanceof IAST ast)) return e;
    List<IExpr> args = new ArrayList<>();
    for (int i = 1; i < ast.size(); i++) args.add(resolveAbs(ast.get(i), sample));
    if (ast.head().equals(S.Abs)) {
      IExpr value = symja.eval(args.get(0).subs(z, sample));
      if (value.isRational()) return value.isNegative() ? F.Negate(args.get(0)) : args.get(0);
    }
    if (ast.head().equals(S.Sign)) {
      // a sample is never a breakpoint, so the sign is -1 or 1 there (Sign[z-mu] (z-mu) is |z-mu|)
      IExpr value = symja.eval(args.get(0).subs(z, sample));
      if (value.isRational() && !value.isZero()) return value.isNegative() ? F.CN1 : F.C1;
    }
    return F.ast(ast.head(), args);
  }

  /**
   * Replaces every Abs by +-its argument and every Piecewise by the branch that holds at {@code
   * sample}. With {@code partial}, undecidable parts are left for a later round instead of failing.
   */
  private IExpr resolve(IExpr e, IExpr sample, boolean partial) {
    if (!(e instanceof IAST ast)) return e;
    IAST rebuilt = ast;
    List<IExpr> args = new ArrayList<>();
    for (int i = 1; i < ast.size(); i++) {
      IExpr a = resolve(ast.get(i), sample, partial);
      if (a == null) return null;
      args.add(a);
    }
    IExpr head = ast.head();
    if ((head.equals(S.Abs) || head.equals(S.Sign)) && args.get(0).isFree(z)) {
      // |s| of a free parameter has no breakpoint in z: it stays, evaluated at run time
      return F.ast(head, args);
    }
    if (head.equals(S.Abs)) {
      IExpr arg = args.get(0);
      IExpr value = symja.eval(arg.subs(z, sample));
      if (!value.isRational()) return partial ? F.Abs(arg) : null;
      return value.isNegative() ? F.Negate(arg) : arg;
    }
    if (head.equals(S.Sign)) {
      IExpr value = symja.eval(args.get(0).subs(z, sample));
      if (!value.isRational() || value.isZero()) return partial ? F.Sign(args.get(0)) : null;
      return value.isNegative() ? F.CN1 : F.C1;
    }
    if (head.equals(S.Piecewise)) {
      IExpr rows = ast.arg1();
      for (int i = 1; i < rows.size(); i++) {
        IExpr row = ((IAST) rows).get(i);
        IExpr cond = resolve(((IAST) row).arg2(), sample, partial);
        if (cond == null) return null;
        IExpr truth = symja.eval(cond.subs(z, sample));
        if (truth.isTrue()) return resolve(((IAST) row).arg1(), sample, partial);
        if (!truth.isFalse()) return partial ? rebuilt : null;
      }
      return ast.size() > 2 ? resolve(ast.arg2(), sample, partial) : F.C0;
    }
    return F.ast(head, args);
  }
}
