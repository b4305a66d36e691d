package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tests that compare an expression with 0 ({@code x > 0}, {@code x == 0}, ...) ask only for its
 * sign, and a product's sign is the product of its factors' signs: a factor positive by
 * construction ({@code exp(u)}, a positive constant, a quotient by one) does not change it and
 * {@code expm1(g)} has the sign of g. This rule (of {@link Rewrites}) writes each such test on the
 * factors that decide it.
 *
 * <p>Why: the mode compares energies, and an energy gap of saturating energies is a difference of
 * exponentials, lowered as {@code e^u expm1(u' - u)} ({@link NumericalRewrites}). Far out {@code
 * e^u} underflows to 0 and next to the centre {@code expm1} of a subnormal gap rounds to 0; either
 * way the product is 0 and the test reads a tie where one hypothesis wins. The gated Welsch mode's
 * derivative was 0.5 (the tie's average) at z = -8.4e7 and at z = -4.9e-324 where the exact value
 * is 0. The gap {@code u' - u} is the simplified difference of the exponents ({@code 4 z / 9}
 * there), whose sign is exact.
 *
 * <p>Not a change of the function: where the product is a normal number its sign is the sign of
 * the remaining factors. Where it overflowed or underflowed the test now follows the sign of the
 * remaining factors. A NaN inside a dropped exponential (a NaN parameter) no longer reaches the
 * test.
 */
final class SignTests {
  private SignTests() {}

  /** {@code e} with the tests of its {@link Cond} written on their deciding factors, or empty. */
  static Optional<Expr> exact(Expr e) {
    if (!(e instanceof Cond c)) return Optional.empty();
    Test test = onSigns(c.test());
    return test.equals(c.test()) ? Optional.empty() : Optional.of(new Cond(test, c.then(), c.otherwise()));
  }

  private static Test onSigns(Test t) {
    if (t instanceof Test.Compare cmp && Exprs.isConst(cmp.right(), 0.0)) {
      Expr sign = sign(cmp.left());
      return sign.equals(cmp.left()) ? t : new Test.Compare(cmp.op(), sign, cmp.right());
    } else if (t instanceof Test.And a) {
      List<Test> out = a.operands().stream().map(SignTests::onSigns).toList();
      return out.equals(a.operands()) ? t : new Test.And(out);
    } else if (t instanceof Test.Or o) {
      List<Test> out = o.operands().stream().map(SignTests::onSigns).toList();
      return out.equals(o.operands()) ? t : new Test.Or(out);
    } else if (t instanceof Test.Not n) {
      Test out = onSigns(n.operand());
      return out.equals(n.operand()) ? t : new Test.Not(out);
    }
    return t;
  }

  /** An expression with the sign of {@code e} (the same where it is nonzero, zero where it is zero). */
  private static Expr sign(Expr e) {
    if (e instanceof Neg n) {
      Expr inner = sign(n.operand());
      return inner == n.operand() ? e : new Neg(inner);
    }
    if (e instanceof Call call && call.fn() == Fn.EXPM1) return call.args().get(0);
    if (e instanceof Call call && call.fn() == Fn.SIGNUM && call.args().get(0) instanceof Mul m && m.factors().size() > 1) {
      // the sign of a product as its factors' signs, multiplied: the product itself can underflow
      // (the gated mode of Abs[z-mu]^p: the gap's sign p log1p(2 z / (1 - z)) at p = 0.188, z =
      // -4.9e-324 rounded to -0.0, a tie (the derivative 0.5) where the exact value is 0)
      return new Mul(m.factors().stream().map(f -> isSignum(f) ? f : Call.of(Fn.SIGNUM, f)).toList());
    }
    if (e instanceof Cond c) {
      Expr then = sign(c.then());
      Expr otherwise = sign(c.otherwise());
      return then == c.then() && otherwise == c.otherwise() ? e : new Cond(c.test(), then, otherwise);
    }
    if (!(e instanceof Mul || e instanceof Div || e instanceof Expr.PowInt)) return e;
    // the factors through products, quotients and powers (a divisor has the sign of its inverse),
    // each with how often it occurs
    java.util.Map<Expr, Integer> counts = new java.util.LinkedHashMap<>();
    boolean[] negated = {false};
    collect(e, 1, counts, negated);
    List<Expr> kept = new ArrayList<>();
    boolean changed = false;
    for (java.util.Map.Entry<Expr, Integer> f : counts.entrySet()) {
      Expr x = f.getKey();
      boolean odd = f.getValue() % 2 != 0;
      changed |= Math.abs(f.getValue()) != 1;
      if (positive(x)) {
        changed = true;
        continue;
      }
      if (x instanceof Const k && k.value() < 0) {
        if (odd) negated[0] = !negated[0];
        changed = true;
        continue;
      }
      Expr s = sign(x);
      changed |= s != x;
      // an even power is 1 but where its base is 0
      kept.add(odd ? s : Call.of(Fn.ABS, Call.of(Fn.SIGNUM, s)));
    }
    // nothing known about the factors (s z > 0): as written
    if (!changed) return e;
    if (kept.size() > 1) {
      // two or more factors left: their signs, multiplied (each +-1 or 0), since the factors'
      // own product can underflow: the Yat gated mode's gap 4 z z z / (z z z z + 4) was 0 from
      // |z| = 1e-103 on, a tie (z/2) where hypothesis 1 wins (exactly z)
      kept.replaceAll(f -> isSignum(f) ? f : Call.of(Fn.SIGNUM, f));
    }
    Expr product = kept.isEmpty() ? Const.of(1.0) : kept.size() == 1 ? kept.get(0) : new Mul(kept);
    Expr out = negated[0] ? new Neg(product) : product;
    return out.equals(e) ? e : out;
  }

  private static void collect(Expr e, int power, java.util.Map<Expr, Integer> counts, boolean[] negated) {
    if (e instanceof Mul m) {
      for (Expr f : m.factors()) collect(f, power, counts, negated);
    } else if (e instanceof Div d) {
      collect(d.numerator(), power, counts, negated);
      collect(d.denominator(), power, counts, negated);
    } else if (e instanceof Neg n) {
      if (power % 2 != 0) negated[0] = !negated[0];
      collect(n.operand(), power, counts, negated);
    } else if (e instanceof Expr.PowInt p && p.exponent() != 0) {
      collect(p.base(), power * Math.abs(p.exponent()), counts, negated);
    } else {
      counts.merge(e, power, Integer::sum);
    }
  }

  private static boolean isSignum(Expr e) {
    return e instanceof Call c && (c.fn() == Fn.SIGNUM || c.fn() == Fn.ABS && c.args().get(0) instanceof Call s && s.fn() == Fn.SIGNUM);
  }

  /**
   * Positive wherever it is a number: an exponential, a positive constant, a quotient or product
   * of such, a sum of such and of even powers (the denominator {@code z z z z + 4}).
   */
  private static boolean positive(Expr e) {
    if (e instanceof Call call && call.fn() == Fn.EXP || e instanceof Const k && k.value() > 0) return true;
    if (e instanceof Div d) return positive(d.numerator()) && positive(d.denominator());
    if (e instanceof Mul m) return m.factors().stream().allMatch(SignTests::positive);
    if (e instanceof Expr.Add a) {
      boolean strictly = false;
      for (Expr t : a.terms()) {
        if (positive(t)) {
          strictly = true;
        } else if (!nonnegative(t)) {
          return false;
        }
      }
      return strictly;
    }
    return false;
  }

  /** Positive or an even power: every factor of unknown sign occurs an even number of times. */
  private static boolean nonnegative(Expr e) {
    if (positive(e)) return true;
    if (!(e instanceof Mul || e instanceof Div || e instanceof Expr.PowInt)) return false;
    java.util.Map<Expr, Integer> counts = new java.util.LinkedHashMap<>();
    boolean[] negated = {false};
    collect(e, 1, counts, negated);
    if (negated[0]) return false;
    for (java.util.Map.Entry<Expr, Integer> f : counts.entrySet()) {
      if (f.getValue() % 2 != 0 && !positive(f.getKey())) return false;
    }
    return true;
  }

}
