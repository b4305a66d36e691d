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
import java.util.Optional;

/**
 * A power over a sum that holds the same power, {@code P * (1 / (o + P))} or {@code (P f) / (o +
 * P)} with {@code P = b^e}, where P overflows: there the quotient is {@code 1 / (1 + o b^-e)}
 * (times the other factors), taken at run time only where {@code |P|} is beyond the double range,
 * so that every input where P is finite computes what it computed before, bit for bit.
 *
 * <p>Why: the derivative of {@code Log[1+Abs[z-mu]^p]} holds {@code u^p (p/u) / (1 + u^p)}, about
 * {@code p/u}; with p = 2.39 at z = 1.5e137 both powers overflow and the product is {@code Inf *
 * 0 = NaN} (exact value of the signed mean's derivative there: -1.0e-274). {@code b^-e} is {@code
 * exp(-e log|b|)}: it underflows towards 0 where P overflows, and its sign does not matter next to
 * 1 (P's sign cannot change the quotient's limit 1).
 */
final class PowerRatios {
  /** The name of the pass, for reports. */
  static final String PASS = "power-ratios";

  private PowerRatios() {}

  /** {@code e} with every such quotient guarded. */
  static Expr apply(Expr e) {
    Expr node = Exprs.mapChildren(e, PowerRatios::apply);
    if (node instanceof Mul m) return product(m.factors(), node);
    // a bare reciprocal 1 / (o + P) is left to the product it stands in (its own limit, about
    // 1 / P, underflows where the product's need not)
    if (node instanceof Div d && !Exprs.isConst(d.numerator(), 1.0)) {
      List<Expr> factors = new ArrayList<>(d.numerator() instanceof Mul m ? m.factors() : List.of(d.numerator()));
      factors.add(new Div(Const.of(1.0), d.denominator()));
      return product(factors, node);
    }
    return node;
  }

  /**
   * A product whose factors include {@code x / (o + P)} ({@code x} may be 1), P a power: as it
   * is, or where |P| is beyond the double range, the product's other factors over {@code 1 + o
   * b^-e}, with P itself taken out where it is one of them, else the others' product F scaled as
   * {@code signum(F) exp(log|F| - e log|b|)} (F / P without forming P: the signed mean's
   * {@code (u^p - v^p) (1 / (1 + u^p))} with both powers beyond the range and their difference not).
   */
  private static Expr product(List<Expr> given, Expr node) {
    List<Expr> factors = Exprs.productFactors(given);
    for (int j = 0; j < factors.size(); j++) {
      if (!(factors.get(j) instanceof Div r)) continue;
      if (!(r.denominator() instanceof Add sum)) continue;
      for (Expr power : sum.terms()) {
        if (!isPower(power)) continue;
        Optional<Expr> others = othersOf(sum, power);
        if (others.isEmpty()) continue;
        List<Expr> rest = new ArrayList<>(factors);
        rest.remove(j);
        if (!Exprs.isConst(r.numerator(), 1.0)) rest.add(0, r.numerator());
        Expr scale = new Div(Const.of(1.0), onePlus(others.get(), power));
        Expr beyond;
        if (rest.remove(power)) {
          rest.add(scale);
          beyond = rest.size() == 1 ? rest.get(0) : new Mul(rest);
        } else {
          Expr f = rest.isEmpty() ? Const.of(1.0) : rest.size() == 1 ? rest.get(0) : new Mul(rest);
          Expr scaled = new Mul(List.of(Call.of(Fn.SIGNUM, f), Call.of(Fn.EXP, new Expr.Add(List.of(
              logAbs(f), new Neg(logMagnitude(power)))))));
          beyond = new Mul(List.of(scaled, scale));
        }
        // the other factors may hold another such quotient (u^p log u (1 / (1 + u^p))^2)
        if (beyond instanceof Mul more) beyond = product(more.factors(), beyond);
        return new Cond(overflowed(power), beyond, node);
      }
    }
    return node;
  }

  private static boolean isPower(Expr e) {
    return e instanceof Call c && c.fn() == Fn.POW;
  }

  /** The sum {@code s} without the term {@code power} (which it holds once), or empty. */
  private static Optional<Expr> othersOf(Expr s, Expr power) {
    if (!(s instanceof Add a) || !a.terms().contains(power)) return Optional.empty();
    List<Expr> others = new ArrayList<>(a.terms());
    others.remove(power);
    if (others.contains(power) || others.isEmpty()) return Optional.empty();
    return Optional.of(others.size() == 1 ? others.get(0) : new Add(others));
  }

  /** {@code 1 + o exp(-e log|b|)} for {@code power = b^e}. */
  private static Expr onePlus(Expr others, Expr power) {
    Expr reciprocal = Call.of(Fn.EXP, new Neg(logMagnitude(power)));
    return new Add(List.of(Const.of(1.0), new Mul(List.of(others, reciprocal))));
  }

  /**
   * {@code log|f|}, taken through the products, quotients, negations and choices of f down to
   * its exponentials, whose logarithm is their argument: F is itself often a power difference in
   * log form, {@code signum(d) exp(L)}, and where that overflows (the difference of two powers
   * beyond the range: {@code Log[1+Abs[z-mu]^p]}'s signed mean at p = 7.46, z = -1e50, where
   * {@code u^p - v^p} is about 1e343) {@code log|exp(L)|} is Infinity and the quotient NaN, while
   * L is finite. Only the branch where P overflows holds this, so ordinary inputs are unchanged.
   */
  static Expr logAbs(Expr f) {
    if (f instanceof Call c && c.fn() == Fn.EXP) return c.args().get(0);
    if (f instanceof Neg n) return logAbs(n.operand());
    if (f instanceof Cond c) return new Cond(c.test(), logAbs(c.then()), logAbs(c.otherwise()));
    if (f instanceof Mul m) {
      List<Expr> logs = new ArrayList<>();
      for (Expr x : m.factors()) logs.add(logAbs(x));
      return new Add(logs);
    }
    if (f instanceof Div d) return new Add(List.of(logAbs(d.numerator()), new Neg(logAbs(d.denominator()))));
    return Call.of(Fn.LOG, Call.of(Fn.ABS, f));
  }

  /** {@code log|P|} without forming P: {@code e log|b|} for {@code power = b^e}. */
  private static Expr logMagnitude(Expr power) {
    Call p = (Call) power;
    return new Mul(List.of(p.args().get(1), Call.of(Fn.LOG, Call.of(Fn.ABS, p.args().get(0)))));
  }

  /**
   * Where |P| is beyond the double range. (Beyond its square root instead, where products of P
   * with the other factors can overflow too, the signed mean of Log[1+Abs[z-mu]^p] came out 0 at
   * z = 1e300, p = 2.39 (exact 2.4e-300): not kept.)
   */
  private static Test overflowed(Expr power) {
    return new Test.Compare(Test.Op.GT, Call.of(Fn.ABS, power), Const.of(Double.MAX_VALUE));
  }
}
