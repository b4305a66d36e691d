package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test;
import java.util.ArrayList;
import java.util.List;

/**
 * Quotients {@code n / (1 + e^a_1 + ... + e^a_k)} with two or more exponentials (a responsibility
 * among three or more hypotheses): where the largest exponent m passes {@value #LARGE}, e^m
 * overflows to Infinity and the quotient is 0, while the truth {@code n e^-m / (...)} can still be
 * a subnormal or, for large n, a normal number (the Gaussian signed mean with a reject hypothesis
 * at z = -39.1 is -2.5e-315: each of its two responsibilities is ~e^-724). There the quotient is
 * scaled by e^-m: {@code n e^-m / (e^-m + e^(a_1 - m) + ... + e^(a_k - m))}, every exponential at
 * most 1, with {@code n e^-m} as {@code (n h) h}, {@code h = e^-m/2} (e^-m alone would be subnormal
 * or 0 where {@code n e^-m} is normal). Below it the quotient stays as written (bit for bit, and
 * no extra exp call).
 *
 * <p>One bottom-up pass, not a rule: the quotient stays one branch of the guard it is put under.
 * (Two-term quotients {@code n / (1 + e^a)} are the logistic rules' business.)
 */
final class ExpSumQuotients {
  /** e^709.8 overflows; below 700 the terms are finite with room for the other summands. */
  static final double LARGE = 700.0;

  private ExpSumQuotients() {}

  static Expr scale(Expr e) {
    if (e instanceof Cond c && isLargeTest(c.test())) return e; // scaled already
    Expr node = Exprs.mapChildren(e, ExpSumQuotients::scale);
    if (!(node instanceof Div d) || !(d.denominator() instanceof Add sum)) return node;
    boolean one = false;
    List<Expr> exponents = new ArrayList<>();
    for (Expr t : sum.terms()) {
      if (!one && Exprs.isConst(t, 1.0)) {
        one = true;
      } else if (t instanceof Call call && call.fn() == Fn.EXP) {
        exponents.add(call.args().get(0));
      } else {
        return node;
      }
    }
    if (exponents.size() < 2 || exponents.stream().allMatch(ExpSumQuotients::nonPositive)) return node;
    Expr m = exponents.get(0);
    for (int i = 1; i < exponents.size(); i++) m = Call.of(Fn.MAX, m, exponents.get(i));
    // e^-m in two halves, n first: e^-m alone is subnormal or 0 where n e^-m is still normal
    Expr half = Call.of(Fn.EXP, new Mul(List.of(Const.of(-0.5), m)));
    List<Expr> scaledTerms = new ArrayList<>();
    if (one) scaledTerms.add(new Mul(List.of(half, half)));
    for (Expr a : exponents) scaledTerms.add(Call.of(Fn.EXP, new Add(List.of(a, new Neg(m)))));
    Expr numerator = new Mul(List.of(d.numerator(), half, half));
    Expr scaled = new Div(numerator, new Add(scaledTerms));
    return new Cond(new Test.Compare(Test.Op.GT, m, Const.of(LARGE)), scaled, node);
  }

  /** {@code -max(x, 0)}, {@code -max(0, x)}, {@code -|x|} or a constant {@code <= 0}: no overflow. */
  private static boolean nonPositive(Expr a) {
    if (a instanceof Const c) return c.value() <= 0;
    if (!(a instanceof Neg n)) return false;
    return n.operand() instanceof Call c && (c.fn() == Fn.ABS
        || c.fn() == Fn.MAX && (Exprs.isConst(c.args().get(0), 0.0) || Exprs.isConst(c.args().get(1), 0.0)));
  }

  private static boolean isLargeTest(Test t) {
    return t instanceof Test.Compare c && c.op() == Test.Op.GT && c.left() instanceof Call call
        && call.fn() == Fn.MAX && Exprs.isConst(c.right(), LARGE);
  }
}
