package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.List;
import java.util.Optional;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The far tails of an output whose value is a rational function of z with free parameters among
 * its coefficients, as a rational function of {@code w = 1/z}: {@code V(1/w) = N(w)/D(w)} combined
 * by Symja, its derivative in z as {@code -w^2 (N' D - N D') / D^2} and in a parameter p as
 * {@code (N_p D - N D_p) / D^2}, each numerator expanded by Symja so that what cancels far out
 * cancels exactly, in the coefficients, before any rounding. Evaluated by Horner's rule in w, with
 * the parameters' polynomials computed by the generated code, so the tail follows the parameters.
 *
 * <p>Why: far out such an output is a small difference of nearly equal terms (the three-prototype
 * variance of the Cauchy kernel tends to 2/3, its derivative to {@code 20/(9 z^3)}, a second
 * difference of the energies' slopes), and every form built from the energies loses about {@code
 * z^2} ulps: 8e-9 at z = 1e4. At the defaults an expansion fitted to the reference takes the tails
 * ({@link Repairs#asymptoticTails}), but its coefficients are the defaults' only; with the scale s
 * free the class missed by 1e187 at s = 2.97, z = 1.3e105. {@code Together} of the derivative's
 * closed form ran out of Symja's work budget (7.9 s in z, 8.5 s in w, unbounded and alone); that
 * of the value in w takes 0.2 s, and the derivatives follow from it by polynomial products only.
 */
final class RationalFarTails {
  private static final WorkBudget LIMIT = WorkBudget.PIECE;

  private final Symja symja;
  private final NumericalRewrites rewrites;
  private final ISymbol z;
  private final IExpr value;
  /**
   * N and D, polynomials in the symbol z standing for w; empty where the value is not such a
   * quotient; null until first asked for (the combination costs Symja a {@code Together}, spent only
   * where a form misses far out).
   */
  private Optional<IExpr[]> quotient;

  /** @param value the output's closed value form; a quotient is formed only where it is rational in z ({@link NumericalRewrites#isRationalInZ}) */
  RationalFarTails(Symja symja, Lowerer lowerer, IExpr value) {
    this.symja = symja;
    this.z = symja.symbol("z");
    this.rewrites = new NumericalRewrites(symja, z, lowerer);
    this.value = value;
  }

  private Optional<IExpr[]> quotient() {
    if (quotient == null) quotient = rewrites.isRationalInZ(value) ? inW(value) : Optional.empty();
    return quotient;
  }

  /** Whether the value is a rational function of z with a usable form in w. */
  boolean applies() {
    return quotient().isPresent();
  }

  private Optional<IExpr[]> inW(IExpr value) {
    IExpr substituted = symja.eval(F.ReplaceAll(value, F.Rule(z, F.Power(z, F.CN1))));
    Optional<IExpr> together = Bounded.apply(symja, "Together", substituted, LIMIT);
    if (together.isEmpty() || !rewrites.sameAt(together.get(), substituted)) return Optional.empty();
    IExpr n = symja.eval(F.Expand(F.Numerator(together.get())));
    IExpr d = symja.eval(F.Expand(F.Denominator(together.get())));
    if (rewrites.coefficients(n) == null || rewrites.coefficients(d) == null) return Optional.empty();
    return Optional.of(new IExpr[] {n, d});
  }

  /**
   * The tail form of the value ({@code variable} null), of its derivative in z ({@code "z"}) or in
   * the parameter {@code variable}: valid for every z but meant for large |z| only (Horner's rule in
   * w). Empty where the value has no form in w.
   */
  Optional<Expr> of(String variable) {
    Optional<IExpr[]> quotient = quotient();
    if (quotient.isEmpty()) return Optional.empty();
    IExpr n = quotient.get()[0];
    IExpr d = quotient.get()[1];
    List<IExpr> dc = rewrites.coefficients(d);
    if (variable == null) return build(rewrites.coefficients(n), dc, false);
    IExpr x = symja.symbol(variable);
    // d/dz = -w^2 d/dw; the symbol z stands for w here
    IExpr cross = F.Subtract(F.Times(F.D(n, x), d), F.Times(n, F.D(d, x)));
    IExpr numerator = symja.eval(F.Expand(variable.equals("z") ? F.Times(F.CN1, F.Sqr(z), cross) : cross));
    if (numerator.isZero()) return Optional.of(Expr.Const.of(0.0));
    return build(rewrites.coefficients(numerator), dc, true);
  }

  /**
   * {@code w^(kn - kd) N~(w) / D~(w)} (D~ squared where {@code squared}): the lowest powers of w
   * taken out of both, so that neither Horner sum underflows to 0 before the quotient does.
   */
  private Optional<Expr> build(List<IExpr> n, List<IExpr> d, boolean squared) {
    if (n == null || d == null) return Optional.empty();
    int kn = lowest(n);
    int kd = lowest(d);
    Expr w = new Expr.Div(Expr.Const.of(1.0), new Expr.Var("z"));
    Expr num = rewrites.horner(n.subList(kn, n.size()), w, false);
    Expr den = rewrites.horner(d.subList(kd, d.size()), w, false);
    if (squared) den = new Expr.Mul(List.of(den, den));
    Expr q = NumericalRewrites.ratio(num, den);
    int k = kn - (squared ? 2 * kd : kd);
    if (k == 0) return Optional.of(q);
    return Optional.of(new Expr.Mul(List.of(q, k > 0 ? Lowerer.powInt(w, k) : Lowerer.powInt(new Expr.Var("z"), -k))));
  }

  private static int lowest(List<IExpr> c) {
    int k = 0;
    while (k < c.size() - 1 && c.get(k).isZero()) k++;
    return k;
  }
}
