package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Division by a product of free parameters one parameter at a time: {@code x / (s s)} as {@code
 * (x / s) / s}, and a reciprocal factor {@code x * (1 / (s s))} likewise. The forms are chosen at
 * parameter values of order 1, where both agree to a rounding, but {@code s * s} underflows for
 * |s| below 1.5e-154 (and overflows above 1.3e154), where the quotient itself may be an ordinary
 * number, 0 or an infinity: {@code tanh(z / (s s))} at s = 1e-160 was {@code tanh(0 / 0)} = NaN at
 * z = 0 (exact 0), and {@code tanh'(z / s^2) / s^2} was {@code 0 * Inf} = NaN for every z (exact 0,
 * or Infinity at z = 0). One quotient at a time, each partial result lies between x and the final
 * quotient in magnitude where every |s| is on the same side of 1, so nothing leaves the range that
 * the result does not. Each parameter costs a division and a rounding, as the product's
 * multiplications did.
 */
final class ParameterQuotients {
  /** The name of the pass, for reports. */
  static final String PASS = "parameter-quotients";

  private ParameterQuotients() {}

  /** {@code e} with its divisions by products of the {@code parameters} taken one at a time. */
  static Expr apply(Expr e, Set<String> parameters) {
    if (parameters.isEmpty()) return e;
    Expr node = Exprs.mapChildren(e, child -> apply(child, parameters));
    if (node instanceof Div d && !Exprs.isConst(d.numerator(), 1.0)) {
      return stepwise(d.numerator(), d.denominator(), parameters).orElse(node);
    }
    if (node instanceof Mul m) {
      // a nested product as one list: (a * b) * c is evaluated as a * b * c all the same
      List<Expr> factors = new ArrayList<>();
      for (Expr f : m.factors()) {
        if (f instanceof Mul inner && m.factors().get(0) == f) factors.addAll(inner.factors());
        else factors.add(f);
      }
      for (int i = 0; i < factors.size(); i++) {
        Optional<Expr> denominator = reciprocal(factors.get(i));
        if (denominator.isEmpty() || parameterCount(denominator.get(), parameters) < 2) continue;
        // the reciprocal goes into the first other factor that is not a constant (the constant
        // multiplies a quotient as it multiplied the reciprocal)
        int into = -1;
        for (int j = 0; j < factors.size() && into < 0; j++) {
          if (j != i && !(factors.get(j) instanceof Const)) into = j;
        }
        if (into < 0) continue;
        Optional<Expr> q = stepwise(factors.get(into), denominator.get(), parameters);
        if (q.isEmpty()) continue;
        factors.set(into, q.get());
        factors.remove(i);
        return factors.size() == 1 ? factors.get(0) : apply(new Mul(factors), parameters);
      }
    }
    return node;
  }

  /** The denominator of a reciprocal factor ({@code 1 / d}, {@code s^-k}), or empty. */
  private static Optional<Expr> reciprocal(Expr f) {
    if (f instanceof Div d && Exprs.isConst(d.numerator(), 1.0)) return Optional.of(d.denominator());
    if (f instanceof PowInt p && p.exponent() < 0) {
      return Optional.of(p.exponent() == -1 ? p.base() : new PowInt(p.base(), -p.exponent()));
    }
    return Optional.empty();
  }

  /**
   * {@code x / d} as {@code x} divided by d's other factors, then by each parameter in turn, when
   * d holds two or more parameter factors; empty otherwise.
   */
  private static Optional<Expr> stepwise(Expr x, Expr d, Set<String> parameters) {
    if (parameterCount(d, parameters) < 2) return Optional.empty();
    List<Expr> rest = new ArrayList<>();
    List<Var> each = new ArrayList<>();
    for (Expr f : d instanceof Mul m ? m.factors() : List.of(d)) {
      if (f instanceof Var v && parameters.contains(v.name())) {
        each.add(v);
      } else if (f instanceof PowInt p && p.exponent() > 1 && p.base() instanceof Var v
          && parameters.contains(v.name())) {
        for (int k = 0; k < p.exponent(); k++) each.add(v);
      } else {
        rest.add(f);
      }
    }
    Expr q = x;
    if (!rest.isEmpty()) q = new Div(q, rest.size() == 1 ? rest.get(0) : new Mul(rest));
    for (Var v : each) q = new Div(q, v);
    return Optional.of(q);
  }

  /** How many parameter factors {@code d} holds (a power counted by its exponent). */
  private static int parameterCount(Expr d, Set<String> parameters) {
    int n = 0;
    for (Expr f : d instanceof Mul m ? m.factors() : List.of(d)) {
      if (f instanceof Var v && parameters.contains(v.name())) n++;
      if (f instanceof PowInt p && p.exponent() > 1 && p.base() instanceof Var v
          && parameters.contains(v.name())) {
        n += p.exponent();
      }
    }
    return n;
  }
}
