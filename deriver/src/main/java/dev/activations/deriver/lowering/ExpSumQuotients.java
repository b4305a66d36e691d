package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
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
    return scale(e, new OncePerNode());
  }

  private static Expr scale(Expr e, OncePerNode memo) {
    return memo.apply(e, x -> scaleNode(x, memo));
  }

  private static Expr scaleNode(Expr e, OncePerNode memo) {
    if (e instanceof Cond c && isLargeTest(c.test())) return e; // scaled already
    Expr node = Exprs.mapChildren(e, x -> scale(x, memo));
    if (!(node instanceof Div d)) return node;
    if (d.denominator() instanceof Add sum) return scaledQuotient(node, d, sum);
    Add squared = squaredSum(d.denominator());
    return squared == null ? node : scaledOverSquare(node, d, squared);
  }

  private static Expr scaledQuotient(Expr node, Div d, Add sum) {
    ExpSum s = ExpSum.of(sum);
    if (s == null) return node;
    Expr half = s.half();
    // n e^-m with the shift inside n's exponentials where n has them (a term e^(a_i + b) c as
    // e^(a_i + b - m) c): n itself can overflow where the quotient does not. The exponential
    // kernel's log-responsibility slope has n = e^(2 + e^(1+z) + z) expm1(-2) / e over e^(e^(z-1))
    // + e^(e^(1+z)), Infinity from z = 5.56 where the quotient is -608.
    Expr shifted = s.shiftedNumerator(d.numerator());
    Expr numerator = shifted != null ? shifted : new Mul(List.of(d.numerator(), half, half));
    Expr scaled = new Div(numerator, s.scaled());
    return new Cond(new Test.Compare(Test.Op.GT, s.max(), Const.of(LARGE)), s.zeroPastOverflow(scaled), node);
  }

  /**
   * {@code n / S^2} with S such a sum (the derivative of a responsibility among three or more
   * hypotheses, {@code -(c_1 e^a_1 + c_2 e^a_2) / (1 + e^a_1 + e^a_2)^2} where the energies' gaps
   * grow without bound): {@code S^2} overflows once the largest exponent m passes ln(MAX_VALUE)/2,
   * and the quotient is then 0 (or NaN once a numerator's e^a_i overflows too) while the truth,
   * about {@code e^-m}, is still normal up to m = 708. The three-prototype responsibilities of
   * {@code |z - mu|^(3/2)} were -0.0 from z = 14,000 and NaN from z = 55,913 up to the saturation
   * guard at 1e5. Scaled by {@code e^-2m}: {@code (n e^-m) e^-m / (S e^-m)^2}, where {@code n e^-m}
   * is n with each term's one factor {@code e^a_i} replaced by {@code e^(a_i - m)} (a term without
   * one is multiplied by {@code e^-m}), so every exponential is at most 1. Only where each term of
   * n is such a product (else {@code n e^-m} would need a division that can overflow itself); from
   * m > {@value #LARGE} / 2 on, below it the quotient stays as written.
   */
  private static Expr scaledOverSquare(Expr node, Div d, Add sum) {
    ExpSum s = ExpSum.of(sum);
    if (s == null) return node;
    Expr half = s.half();
    List<Expr> terms = d.numerator() instanceof Add a ? a.terms() : List.of(d.numerator());
    List<Expr> shifted = new ArrayList<>();
    List<Expr> plain = new ArrayList<>();
    for (Expr t : terms) {
      Expr u = s.shiftFactor(t);
      if (u == null) return node;
      shifted.add(s.zeroWhereTheWeightIs(u));
      plain.add(s.zeroWhereTheWeightIs(t));
    }
    Expr numerator = new Mul(List.of(sum(shifted), half, half));
    Expr scaled = new Div(numerator, new PowInt(s.scaled(), 2));
    Expr unscaled = plain.equals(terms) ? node : new Div(sum(plain), d.denominator());
    return new Cond(new Test.Compare(Test.Op.GT, s.max(), Const.of(LARGE / 2)), s.zeroPastOverflow(scaled), unscaled);
  }

  private static Expr sum(List<Expr> terms) {
    return terms.size() == 1 ? terms.get(0) : new Add(terms);
  }

  /** S for {@code S^2} written as a power or as {@code S * S}; null otherwise. */
  private static Add squaredSum(Expr denominator) {
    if (denominator instanceof PowInt p && p.exponent() == 2 && p.base() instanceof Add a) return a;
    if (denominator instanceof Mul m && m.factors().size() == 2 && m.factors().get(0) instanceof Add a
        && a.equals(m.factors().get(1))) {
      return a;
    }
    return null;
  }

  /** A sum {@code [1 +] e^a_1 + ... + e^a_k}, k >= 2, not all exponents known to be <= 0. */
  private record ExpSum(boolean one, List<Expr> exponents, Expr max) {
    static ExpSum of(Add sum) {
      boolean one = false;
      List<Expr> exponents = new ArrayList<>();
      for (Expr t : sum.terms()) {
        if (!one && Exprs.isConst(t, 1.0)) {
          one = true;
        } else if (t instanceof Call call && call.fn() == Fn.EXP) {
          exponents.add(call.args().get(0));
        } else {
          return null;
        }
      }
      if (exponents.size() < 2 || exponents.stream().allMatch(ExpSumQuotients::nonPositive)) return null;
      Expr m = exponents.get(0);
      for (int i = 1; i < exponents.size(); i++) m = Call.of(Fn.MAX, m, exponents.get(i));
      return new ExpSum(one, List.copyOf(exponents), m);
    }

    /** e^-m/2: e^-m in two halves, n first (e^-m alone is subnormal or 0 where n e^-m is still normal). */
    Expr half() {
      return Call.of(Fn.EXP, new Mul(List.of(Const.of(-0.5), max)));
    }

    /**
     * The scaled quotient where m is finite, 0 where m itself overflowed to Infinity: the truth is
     * then below {@code e^-MAX_VALUE} times a numerator that doubles can hold, 0 in any rounding,
     * while the scaled form's {@code e^(a_i - m)} is {@code e^(Inf - Inf)}, NaN (the three-prototype
     * mean of {@code |z - mu|^p} at p = 5.64, z = -2.4e66, where the energies' gaps overflow).
     */
    Expr zeroPastOverflow(Expr scaled) {
      return new Cond(new Test.Compare(Test.Op.LE, max, Const.of(Double.MAX_VALUE)), scaled, Const.of(0.0));
    }

    /**
     * A numerator term {@code w * n} whose weight w (one of the sum's exponentials, shifted or not)
     * is 0 where w underflowed: 0, where the product would be {@code 0 * Inf = NaN} once n overflows
     * too (n is a polynomial-like factor, the truth {@code e^a n} with a below -745 is far below
     * the subnormals wherever n overflows: for {@code |z - mu|^p} at p = 5.64, z = 4.2e167, a is
     * about -10^778 and n about 10^610). A NaN weight stays NaN. Terms without such a weight, or
     * with nothing else, stay as they are.
     */
    Expr zeroWhereTheWeightIs(Expr t) {
      if (t instanceof Neg n) {
        Expr u = zeroWhereTheWeightIs(n.operand());
        return u == n.operand() ? t : new Neg(u);
      }
      if (!(t instanceof Mul m)) return t;
      for (Expr f : m.factors()) {
        if (f instanceof Call c && c.fn() == Fn.EXP && isWeight(c.args().get(0))) {
          return new Cond(new Test.Compare(Test.Op.EQ, f, Const.of(0.0)), Const.of(0.0), t);
        }
      }
      return t;
    }

    private boolean isWeight(Expr a) {
      if (exponents.contains(a)) return true;
      return a instanceof Add add && add.terms().size() == 2 && exponents.contains(add.terms().get(0))
          && add.terms().get(1).equals(new Neg(max));
    }

    /** {@code S e^-m}: every exponential at most 1. */
    Expr scaled() {
      List<Expr> scaledTerms = new ArrayList<>();
      if (one) scaledTerms.add(new Mul(List.of(half(), half())));
      for (Expr a : exponents) scaledTerms.add(shifted(a));
      return new Add(scaledTerms);
    }

    private Expr shifted(Expr a) {
      if (a instanceof Add add && !exponents.contains(a)) {
        // a_i + b shifted as (a_i - m) + b: a_i and m can be huge (e^(1+z) of the exponential
        // kernel, 3e17 at z = 39) where b is not, and a_i + b - m would have lost b to rounding
        List<Expr> terms = new ArrayList<>(add.terms());
        for (int i = 0; i < terms.size(); i++) {
          if (exponents.contains(terms.get(i))) {
            Expr gap = new Add(List.of(terms.remove(i), new Neg(max)));
            terms.add(0, gap);
            return Call.of(Fn.EXP, new Add(terms));
          }
        }
      }
      return Call.of(Fn.EXP, new Add(List.of(a, new Neg(max))));
    }

    /**
     * {@code t e^-m} for a term {@code t} that is a product (possibly negated) with at most one
     * factor {@code e^a_i} among its direct factors and no other occurrence of the sum's
     * exponentials; null for any other term.
     */
    Expr shiftFactor(Expr t) {
      if (t instanceof Neg n) {
        Expr u = shiftFactor(n.operand());
        return u == null ? null : new Neg(u);
      }
      List<Expr> factors = t instanceof Mul m ? m.factors() : List.of(t);
      int at = -1;
      for (int i = 0; i < factors.size(); i++) {
        if (factors.get(i) instanceof Call c && c.fn() == Fn.EXP && shiftable(c.args().get(0))) {
          if (at >= 0) return null;
          at = i;
        }
      }
      List<Expr> out = new ArrayList<>(factors);
      if (at >= 0) {
        out.set(at, shifted(((Call) factors.get(at)).args().get(0)));
      } else {
        out.add(half());
        out.add(half());
      }
      for (int i = 0; i < out.size(); i++) {
        if (i != at && mentionsExponential(out.get(i))) return null;
      }
      return out.size() == 1 ? out.get(0) : new Mul(out);
    }

    /**
     * {@code n e^-m} for a numerator n whose terms ({@link #shiftFactor}, through sums, negations
     * and the vanishing guards {@code w == 0 ? 0 : t}) hold the sum's exponentials or exponentials
     * of them plus something, each shifted by m in its exponent; null where n holds none of those
     * (then {@code n h h} as before, bit for bit) or a term is of another shape.
     */
    Expr shiftedNumerator(Expr n) {
      return containsShiftable(n) ? shiftTerm(n) : null;
    }

    private Expr shiftTerm(Expr t) {
      if (t instanceof Add a) {
        List<Expr> out = new ArrayList<>();
        for (Expr term : a.terms()) {
          Expr u = shiftTerm(term);
          if (u == null) return null;
          out.add(u);
        }
        return new Add(out);
      }
      if (t instanceof Neg n) {
        Expr u = shiftTerm(n.operand());
        return u == null ? null : new Neg(u);
      }
      if (t instanceof Cond c && Exprs.isConst(c.then(), 0.0)) {
        Expr u = shiftTerm(c.otherwise());
        return u == null ? null : new Cond(c.test(), c.then(), u);
      }
      if (t instanceof Mul m) {
        // one factor carries the shift (a guarded product inside, or an exponential)
        for (int i = 0; i < m.factors().size(); i++) {
          Expr f = m.factors().get(i);
          if (!containsShiftable(f)) continue;
          Expr u = f instanceof Call ? shiftFactor(f) : shiftTerm(f);
          if (u == null) return null;
          List<Expr> out = new ArrayList<>(m.factors());
          out.set(i, u);
          for (int j = 0; j < out.size(); j++) if (j != i && containsShiftable(out.get(j))) return null;
          return new Mul(out);
        }
      }
      return shiftFactor(t);
    }

    /** Whether e has an exponential of one of the sum's exponents, alone or plus other terms. */
    private boolean containsShiftable(Expr e) {
      return holdsExponential(e, this::shiftable);
    }

    /** {@code a_i}, or a sum with {@code a_i} among its terms. */
    private boolean shiftable(Expr argument) {
      if (exponents.contains(argument)) return true;
      if (!(argument instanceof Add add)) return false;
      for (Expr t : add.terms()) if (exponents.contains(t)) return true;
      return false;
    }

    /** Whether e holds one of the sum's exponentials anywhere (each shared node looked at once). */
    private boolean mentionsExponential(Expr e) {
      return holdsExponential(e, exponents::contains);
    }

    /** Whether e holds an exponential whose argument passes {@code argument} (each shared node looked at once). */
    private static boolean holdsExponential(Expr e, java.util.function.Predicate<Expr> argument) {
      java.util.Set<Expr> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(List.of(e));
      while (!todo.isEmpty()) {
        Expr x = todo.pop();
        if (!seen.add(x)) continue;
        if (x instanceof Call c && c.fn() == Fn.EXP && argument.test(c.args().get(0))) return true;
        todo.addAll(Exprs.children(x));
      }
      return false;
    }
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
        && call.fn() == Fn.MAX && (Exprs.isConst(c.right(), LARGE) || Exprs.isConst(c.right(), LARGE / 2));
  }
}
