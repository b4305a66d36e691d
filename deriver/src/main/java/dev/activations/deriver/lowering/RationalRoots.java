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
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The nonzero rational roots of a polynomial in z with rational coefficients, pulled out as exact
 * factors {@code (z - c)^m} by factoring over Q (Symja {@code Factor}).
 *
 * <p>Why: a polynomial expanded into Horner form cancels next to each of its roots (the Tukey
 * biweight's energy difference {@code z^3 (z+2)^3} expanded returned -7.1e-15 at z = -1.99999999999944,
 * where the exact value is -7.1e-37). Kept as a factor, {@code z - c} is exact next to {@code c} by
 * Sterbenz's lemma when c is a double; when it is not (c = 1/3), c is carried as a double-double
 * {@code hi + lo} and the factor is {@code (z - hi) - lo}: the first difference is exact near the
 * root, the second rounds once, so the factor keeps its relative accuracy (the same device as
 * {@code verify/RootSplice} uses for irrational roots). Roots at 0 need nothing: a power of z
 * has no cancellation. A root in the free parameters ({@code mu +- c}) is kept as well, as
 * {@code z - c} with c computed at run time.
 *
 * @param roots the distinct nonzero rational roots
 * @param multiplicities how often each divides the polynomial
 * @param rest the cofactor, expanded (the polynomial is {@code rest * prod (z - c_i)^m_i})
 * @param surds the exact values (to 60 digits) of the roots that are quadratic surds: a factor
 *     {@code a z^2 + b z + c} over Q with two irrational real roots {@code (-b +- Sqrt[D])/(2a)} is
 *     pulled out as well, each root as a double-double (the truncated quadratic {@code
 *     Min[(2(z-mu))^2, 2]}: its pieces {@code 4z^2 + 8z + 2} cancel next to {@code -1 + 1/Sqrt[2]},
 *     where the mean has its root, in Horner form)
 */
record RationalRoots(List<IExpr> roots, List<Integer> multiplicities, IExpr rest, java.util.Map<IExpr, BigDecimal> surds) {
  /** The factoring of a small polynomial never needs more than this; past it nothing is pulled out. */
  private static final WorkBudget FACTOR_BUDGET = WorkBudget.OPTIONAL;

  int degree() {
    return multiplicities.stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The rational roots of {@code poly} (expanded), or empty when it has none, it is not a
   * polynomial in z, or Factor did not finish. Coefficients may depend on free parameters (a
   * Tukey loss with a free scale c has the factor {@code (z - mu)^2} whatever c is); only roots
   * that are rational numbers are pulled out.
   */
  static Optional<RationalRoots> of(Symja symja, ISymbol z, IExpr poly) {
    IExpr list = symja.eval(F.CoefficientList(poly, z));
    if (!list.isList() || list.argSize() < 2) return Optional.empty();
    for (int i = 1; i < list.size(); i++) {
      if (!((IAST) list).get(i).isFree(z)) return Optional.empty();
    }
    Optional<IExpr> factored = Bounded.apply(symja, "Factor", poly, FACTOR_BUDGET);
    if (factored.isEmpty()) return Optional.empty();
    IExpr f = factored.get();
    List<IExpr> factors = Symja.factors(f);
    List<IExpr> roots = new ArrayList<>();
    List<Integer> multiplicities = new ArrayList<>();
    java.util.Map<IExpr, BigDecimal> surds = new java.util.HashMap<>();
    IExpr rest = F.C1;
    for (IExpr factor : factors) {
      IExpr base = factor;
      int m = 1;
      if (factor.isPower() && factor.exponent().isInteger() && factor.exponent().toIntDefault() > 0) {
        base = factor.base();
        m = factor.exponent().toIntDefault();
      }
      IExpr c = symja.eval(F.CoefficientList(symja.eval(F.Expand(base)), z));
      IExpr root = c.isList() && c.argSize() == 2 && !((IAST) c).arg1().isZero()
          ? symja.eval(F.Together(F.Divide(F.Negate(((IAST) c).arg1()), ((IAST) c).arg2()))) : F.NIL;
      if (c.isList() && c.argSize() == 3 && ((IAST) c).arg1().isRational() && ((IAST) c).arg2().isRational()
          && ((IAST) c).arg3().isRational() && !((IAST) c).arg3().isZero()) {
        IExpr a0 = ((IAST) c).arg1();
        IExpr a1 = ((IAST) c).arg2();
        IExpr a2 = ((IAST) c).arg3();
        IExpr disc = symja.eval(F.Subtract(F.Sqr(a1), F.Times(F.C4, a2, a0)));
        if (disc.isRational() && disc.isPositive()) {
          BigDecimal sqrt = exact(disc).sqrt(new MathContext(80));
          BigDecimal twoA = exact(a2).multiply(BigDecimal.valueOf(2));
          for (int sign : new int[] {1, -1}) {
            IExpr r = symja.eval(F.Times(F.Plus(F.Negate(a1), F.Times(F.ZZ(sign), F.Sqrt(disc))), F.Power(F.Times(F.C2, a2), F.CN1)));
            roots.add(r);
            multiplicities.add(m);
            surds.put(r, exact(a1).negate().add(sqrt.multiply(BigDecimal.valueOf(sign))).divide(twoA, new MathContext(60)));
          }
          rest = F.Times(rest, F.Power(a2, F.ZZ(m)));
          continue;
        }
      }
      // a root in the free parameters (the Tukey loss with a free scale c: z = mu +- c) is kept
      // too, when the factor's slope is a number (no division by a parameter that may be 0)
      if (root.isPresent() && root.isFree(z) && ((IAST) c).arg2().isRational()) {
        IExpr slope = ((IAST) c).arg2();
        roots.add(root);
        multiplicities.add(m);
        // (a + b z)^m = b^m (z - c)^m: the constant goes to the cofactor
        rest = F.Times(rest, F.Power(slope, F.ZZ(m)));
      } else {
        rest = F.Times(rest, factor);
      }
    }
    if (roots.isEmpty()) return Optional.empty();
    IExpr expandedRest = symja.eval(F.Expand(rest));
    // Factor is trusted only as far as it is checked: the product must give back the polynomial
    IExpr product = expandedRest;
    for (int i = 0; i < roots.size(); i++) {
      product = F.Times(product, F.Power(F.Subtract(z, roots.get(i)), F.ZZ(multiplicities.get(i))));
    }
    if (!symja.eval(F.Expand(F.Subtract(product, poly))).isZero()) return Optional.empty();
    return Optional.of(new RationalRoots(List.copyOf(roots), List.copyOf(multiplicities), expandedRest, java.util.Map.copyOf(surds)));
  }

  /**
   * {@code z - c} (c a double) or {@code (z - hi) - lo} (c carried as a double-double); for a root
   * in the parameters, {@code z - c} with c computed at run time (its rounding is relative to c,
   * not to the polynomial's terms, which is what expanding lost).
   */
  static Expr offset(IExpr root, java.util.function.Function<IExpr, Expr> translate) {
    if (!root.isRational()) {
      return new Expr.Add(List.of(new Expr.Var("z"), new Expr.Neg(translate.apply(root))));
    }
    return offset(exact(root));
  }

  /** The factor of root i: {@link #offset(IExpr, java.util.function.Function)}, a surd as a double-double. */
  Expr offset(int i, java.util.function.Function<IExpr, Expr> translate) {
    BigDecimal surd = surds.get(roots.get(i));
    return surd != null ? offset(surd) : offset(roots.get(i), translate);
  }

  private static Expr offset(BigDecimal exact) {
    double hi = Double.parseDouble(exact.round(new MathContext(60)).toString());
    double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
    Expr z = new Expr.Var("z");
    Expr first = new Expr.Add(List.of(z, Expr.Const.of(-hi)));
    return lo == 0 ? first : new Expr.Add(List.of(first, Expr.Const.of(-lo)));
  }

  private static BigDecimal exact(IExpr root) {
    if (root instanceof org.matheclipse.core.interfaces.IInteger i) return new BigDecimal(i.toBigNumerator());
    if (root instanceof IFraction f) {
      return new BigDecimal(f.toBigNumerator()).divide(new BigDecimal(f.toBigDenominator()), new MathContext(80));
    }
    throw new IllegalArgumentException("lowering: a rational root that is not a number: " + root);
  }
}
