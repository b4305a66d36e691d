package dev.activations.deriver.derivation.layer;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import dev.activations.deriver.verify.HighPrecisionExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * unit energy -> slope -> local form of the statistic -> backward rule, as one {@link
 * LayerDerivation}.
 *
 * <p>Symja differentiates the unit energy ({@code e'(z)}) and the statistic's local form {@code
 * f(z, e, r, A) + g(A)} with respect to each of its four arguments. The index structure comes from
 * the implicit-EM identities {@code dA/de_j = -r_j} and {@code dr_i/de_j = -r_i (delta_ij - r_j)},
 * applied by the chain rule:
 *
 * <pre>
 * sum_i u_i dS_i/dz_j = u_j f_z(j) + e'_j (u_j (f_e(j) - r_j f_r(j)) + r_j (sum_i u_i (r_i f_r(i) - f_A(i)) - U g'(A)))
 * </pre>
 *
 * Both identities are checked symbolically (three units), and the assembled rule is checked, per
 * derivation, against Symja differentiating the fully written-out statistic (energies, log-sum-exp
 * and all) for two and three units, compared at exact rational inputs to 40 digits with the
 * project's own high-precision evaluator.
 */
public final class LayerDeriver {
  private static final WorkBudget PIECE = WorkBudget.PIECE;
  /** Sample inputs of the written-out checks (exact binary fractions), per unit count. */
  private static final String[][] Z = {{"0.375", "-1.25"}, {"0.75", "-0.5", "1.625"}};
  private static final String[][] U = {{"0.5", "-2"}, {"1.5", "-0.25", "0.875"}};
  private static final String[] SAMPLES = {"-4.5", "-1", "-0.3125", "0", "0.5", "1", "2.5", "10"};
  private static final int DIGITS = 40;

  private final Symja symja;
  private final SafeExpressionParser parser;

  public LayerDeriver(Symja symja) {
    this.symja = symja;
    this.parser = new SafeExpressionParser(symja);
  }

  public LayerDerivation derive(LayerSpec spec) {
    ISymbol z = symja.symbol("z");
    IExpr k = parser.parse(spec.kernel().energy(), spec.kernel().isCustom() ? "energy" : "unit energy " + spec.kernel().name()).expr();
    for (Map.Entry<String, ExactNumber> b : spec.bound().entrySet()) {
      k = k.subs(symja.symbol(b.getKey()), exact(b.getValue()));
    }
    IExpr energy = symja.eval(F.Divide(k, exact(spec.temperature())));
    IExpr rawSlope = symja.eval(F.D(energy, z));
    if (rawSlope.isZero()) throw new SpecException("energy does not depend on z (the unit's input)");
    checkReal(atDefaults(spec, energy), z);
    IExpr slope = Bounded.apply(symja, "Simplify", rawSlope, PIECE).orElse(rawSlope);
    List<IExpr> parameterSlopes = new ArrayList<>();
    for (String theta : spec.free()) parameterSlopes.add(simplify(F.D(energy, symja.symbol(theta))));

    List<LayerDerivation.Check> checks = new ArrayList<>(emIdentities());
    LayerStatistic stat = spec.statistic();
    if (stat.isLimit()) {
      return new LayerDerivation(spec, energy, slope, null, null, null, null, null, null, checks, parameterSlopes);
    }
    ISymbol e = symja.symbol("e");
    ISymbol r = symja.symbol("r");
    ISymbol a = symja.symbol("A");
    IExpr f = symja.evalTrusted(stat.unitTerm());
    IExpr g = symja.evalTrusted(stat.groupTerm());
    IExpr direct = simplify(F.D(f, z));
    IExpr own = simplify(F.Subtract(F.D(f, e), F.Times(r, F.D(f, r))));
    IExpr shared = simplify(F.Subtract(F.Times(r, F.D(f, r)), F.D(f, a)));
    IExpr groupSlope = simplify(F.D(g, a));
    LayerDerivation d = new LayerDerivation(spec, energy, slope, f, g, direct, own, shared, groupSlope, checks,
        parameterSlopes);
    for (int n = 2; n <= 3; n++) checks.addAll(writtenOutChecks(d, n));
    return new LayerDerivation(spec, energy, slope, f, g, direct, own, shared, groupSlope, checks, parameterSlopes);
  }

  /** {@code e} with each free parameter at its default (where the energy is checked to be real). */
  private IExpr atDefaults(LayerSpec spec, IExpr e) {
    for (String theta : spec.free()) e = e.subs(symja.symbol(theta), exact(spec.defaultOf(theta)));
    return symja.eval(e);
  }

  private IExpr simplify(IExpr e) {
    IExpr v = symja.eval(e);
    return Bounded.apply(symja, "Simplify", v, PIECE).orElse(v);
  }

  /** The energy is real and finite at a few inputs (a custom energy may not be: Log[z], 1/z). */
  private void checkReal(IExpr energy, ISymbol z) {
    for (String s : SAMPLES) {
      IExpr at = symja.numericAt(energy, z, symja.evalTrusted(rational(s)), 20);
      if (!at.isReal()) {
        throw new SpecException("energy is not real and finite at z = " + s + " (it evaluates to "
            + ExactNumber.abbreviate(Symja.inputForm(at)) + ")");
      }
    }
  }

  /**
   * {@code dA/de_j = -r_j} and {@code dr_i/de_j = -r_i (delta_ij - r_j)} for three units, in the
   * weights {@code w_i = exp(-e_i)} (so that both sides are rational and {@code Together} decides):
   * {@code d/de_j = -w_j d/dw_j}.
   */
  public List<LayerDerivation.Check> emIdentities() {
    ISymbol[] w = {symja.symbol("w1"), symja.symbol("w2"), symja.symbol("w3")};
    IExpr sum = F.Plus(w[0], w[1], w[2]);
    IExpr logPartition = F.Log(sum);
    IExpr[] r = new IExpr[3];
    for (int i = 0; i < 3; i++) r[i] = F.Divide(w[i], sum);
    IExpr dA = F.Plus(byEnergy(logPartition, w[1]), r[1]);
    IExpr drSame = F.Plus(byEnergy(r[0], w[0]), F.Times(r[0], F.Subtract(F.C1, r[0])));
    IExpr drOther = F.Plus(byEnergy(r[0], w[2]), F.Times(r[0], F.Negate(r[2])));
    return List.of(
        zeroCheck("implicit-EM identity dA/de_j = -r_j (3 units)", dA),
        zeroCheck("dr_i/de_j = -r_i (delta_ij - r_j), i = j (3 units)", drSame),
        zeroCheck("dr_i/de_j = -r_i (delta_ij - r_j), i != j (3 units)", drOther));
  }

  /** {@code d/de_j} of a function of the weights: {@code -w_j d/dw_j}. */
  private static IExpr byEnergy(IExpr f, ISymbol wj) {
    return F.Times(F.CN1, wj, F.D(f, wj));
  }

  private LayerDerivation.Check zeroCheck(String name, IExpr difference) {
    IExpr v = symja.eval(difference);
    IExpr t = Bounded.apply(symja, "Together", v, PIECE).orElse(v);
    boolean zero = t.isZero();
    return new LayerDerivation.Check(name, zero, zero ? "Together[lhs - rhs] = 0" : "Together[lhs - rhs] = " + abbreviate(t));
  }

  /**
   * The assembled rule against Symja's derivative of the written-out statistic for {@code n}
   * units, compared at one exact input (40 digits, the project's evaluator); then, for each free
   * parameter (at its default value), the parameter's gradient rule against Symja's derivative of
   * the written-out statistic by that parameter.
   */
  List<LayerDerivation.Check> writtenOutChecks(LayerDerivation d, int n) {
    List<LayerDerivation.Check> out = new ArrayList<>();
    out.add(writtenOutCheck(d, n, null, -1));
    for (int t = 0; t < d.spec().free().size(); t++) out.add(writtenOutCheck(d, n, d.spec().free().get(t), t));
    return out;
  }

  /** The check of the gradient by {@code z} (theta null) or by the free parameter theta. */
  LayerDerivation.Check writtenOutCheck(LayerDerivation d, int n, String theta, int thetaIndex) {
    ISymbol z = symja.symbol("z");
    ISymbol e = symja.symbol("e");
    ISymbol r = symja.symbol("r");
    ISymbol a = symja.symbol("A");
    boolean perUnit = d.spec().statistic().perUnit();
    IExpr[] zs = new IExpr[n];
    IExpr[] us = new IExpr[n];
    IExpr[] energies = new IExpr[n];
    IExpr[] weights = new IExpr[n];
    for (int i = 0; i < n; i++) {
      zs[i] = symja.symbol("z" + (i + 1));
      us[i] = perUnit ? symja.symbol("u" + (i + 1)) : symja.symbol("u");
      energies[i] = d.energy().subs(z, zs[i]);
      weights[i] = F.Exp(F.Negate(energies[i]));
    }
    IExpr logPartition = F.Log(F.Plus(weights));
    IExpr[] rs = new IExpr[n];
    IExpr[] stats = new IExpr[n];
    for (int i = 0; i < n; i++) {
      rs[i] = F.Exp(F.Subtract(F.Negate(energies[i]), logPartition));
      stats[i] = at(d.unitTerm(), zs[i], energies[i], rs[i], logPartition, z, e, r, a);
    }
    IExpr groupStat = F.Plus(F.Plus(stats), d.groupTerm().subs(a, logPartition));
    List<String> texts = new ArrayList<>();
    IExpr[] sharedTerms = new IExpr[n];
    for (int i = 0; i < n; i++) {
      sharedTerms[i] = F.Times(us[i], at(d.shared(), zs[i], energies[i], rs[i], logPartition, z, e, r, a));
    }
    IExpr c = F.Plus(sharedTerms);
    IExpr groupPart = perUnit ? F.C0 : F.Times(us[0], d.groupSlope().subs(a, logPartition));
    if (theta != null) {
      // dS/dtheta = sum_j de_j/dtheta * dS/de_j: the z rule without p, de/dtheta in place of e'
      ISymbol th = symja.symbol(theta);
      IExpr written;
      if (perUnit) {
        IExpr[] terms = new IExpr[n];
        for (int i = 0; i < n; i++) terms[i] = F.Times(us[i], F.D(stats[i], th));
        written = F.Plus(terms);
      } else {
        written = F.Times(us[0], F.D(groupStat, th));
      }
      IExpr[] ruleTerms = new IExpr[n];
      for (int j = 0; j < n; j++) {
        ruleTerms[j] = F.Times(d.parameterSlopes().get(thetaIndex).subs(z, zs[j]),
            F.Plus(F.Times(us[j], at(d.own(), zs[j], energies[j], rs[j], logPartition, z, e, r, a)),
                F.Times(rs[j], F.Subtract(c, groupPart))));
      }
      texts.add(Symja.inputForm(symja.eval(F.Subtract(written, F.Plus(ruleTerms)))));
    }
    for (int j = 0; theta == null && j < n; j++) {
      IExpr written;
      if (perUnit) {
        IExpr[] terms = new IExpr[n];
        for (int i = 0; i < n; i++) terms[i] = F.Times(us[i], F.D(stats[i], zs[j]));
        written = F.Plus(terms);
      } else {
        written = F.Times(us[0], F.D(groupStat, zs[j]));
      }
      IExpr rule = F.Plus(
          F.Times(us[j], at(d.direct(), zs[j], energies[j], rs[j], logPartition, z, e, r, a)),
          F.Times(d.slope().subs(z, zs[j]),
              F.Plus(F.Times(us[j], at(d.own(), zs[j], energies[j], rs[j], logPartition, z, e, r, a)),
                  F.Times(rs[j], F.Subtract(c, groupPart)))));
      texts.add(Symja.inputForm(symja.eval(F.Subtract(written, rule))));
    }
    Map<String, Apfloat> bindings = new HashMap<>();
    for (int i = 0; i < n; i++) {
      bindings.put("z" + (i + 1), new Apfloat(Z[n - 2][i], DIGITS + 10));
      bindings.put(perUnit ? "u" + (i + 1) : "u", new Apfloat(U[n - 2][i], DIGITS + 10));
    }
    for (String free : d.spec().free()) {
      ExactNumber v = d.spec().defaultOf(free);
      bindings.put(free, new Apfloat(v.numerator(), DIGITS + 10).divide(new Apfloat(v.denominator(), DIGITS + 10)));
    }
    String name = theta == null
        ? "backward rule = d/dz of the written-out statistic (" + n + " units)"
        : "d/d" + theta + " rule = d/d" + theta + " of the written-out statistic (" + n + " units, " + theta + " = "
            + d.spec().defaultOf(theta) + ")";
    double worst = 0;
    for (String t : texts) {
      try {
        Apfloat diff = HighPrecisionExpression.parse(t).evaluate(bindings, DIGITS);
        worst = Math.max(worst, ApfloatMath.abs(diff).doubleValue());
      } catch (IllegalArgumentException | ArithmeticException ex) {
        return new LayerDerivation.Check(name, false,
            "could not evaluate the difference: " + abbreviate(ex.getMessage()));
      }
    }
    boolean ok = worst <= 1e-30;
    return new LayerDerivation.Check(name, ok,
        String.format(java.util.Locale.ROOT, "largest |difference| %.1e at z = %s, u = %s", worst,
            String.join(", ", Z[n - 2]), perUnit ? String.join(", ", U[n - 2]) : U[n - 2][0]));
  }

  private static IExpr at(IExpr form, IExpr zi, IExpr ei, IExpr ri, IExpr logPartition,
      ISymbol z, ISymbol e, ISymbol r, ISymbol a) {
    return form.subs(z, zi).subs(e, ei).subs(r, ri).subs(a, logPartition);
  }

  private static String rational(String decimal) {
    return new java.math.BigDecimal(decimal).stripTrailingZeros().toPlainString().contains(".")
        ? fraction(new java.math.BigDecimal(decimal)) : decimal;
  }

  private static String fraction(java.math.BigDecimal d) {
    java.math.BigInteger den = java.math.BigInteger.TEN.pow(d.scale());
    return d.unscaledValue() + "/" + den;
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  static IExpr exact(ExactNumber n) {
    return F.QQ(F.ZZ(n.numerator()), F.ZZ(n.denominator()));
  }
}
