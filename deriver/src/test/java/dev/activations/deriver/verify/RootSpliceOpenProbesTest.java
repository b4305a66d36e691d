package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RootSplice#spliceAtValues} next to a root where the reference's fast path decides nothing:
 * the gated free energy of the Tukey biweight (centres -1 and 1, values 0 and z) is {@code 1 + (z -
 * 2)^3 z^3 - log(1 + e^(-4 (4 + 3 z^2) z^3))} between -2 and 2, two terms near 28 that cancel to
 * {@code 3 t^2 - e^-28} next to z = -1 (t = z + 1): it vanishes at {@code -1 +- 4.8e-7}. Within
 * about 1e-8 of those roots the double-double fast path cannot decide the value to 1e-17, so a form
 * measured at the decided probes only looked accurate (3.3e-16) and was kept, 1.9e-9 off at a point
 * 1.9e-15 from the root. The form below is accurate everywhere but next to those roots, where its
 * two terms cancel; spliced, it must hold at the roots' neighbours, measured here with the
 * high-precision evaluator alone.
 */
class RootSpliceOpenProbesTest {
  @Test
  void aRootWhereTheFastPathDecidesNothingIsSpliced() {
    ReferenceEvaluator reference = new ReferenceEvaluator(
        Definition.of("Piecewise[{{1-(1-(z-mu)^2)^3, Abs[z-mu]<=3}}, 1]", "-1:0,1:z", "free-energy"));
    Expr z = new Expr.Var("z");
    Expr t = new Expr.Add(List.of(z, Expr.Const.of(1)));
    Expr tt = new Expr.PowInt(t, 2);
    // e_1 = 3 t^2 - 3 t^4 + t^6, accurate next to t = 0; e_2 = 1 - (1 - (z - 1)^2)^3, near 28
    Expr e1 = new Expr.Mul(List.of(tt, new Expr.Add(List.of(Expr.Const.of(3),
        new Expr.Mul(List.of(tt, new Expr.Add(List.of(Expr.Const.of(-3), tt))))))));
    Expr e2 = new Expr.Add(List.of(Expr.Const.of(1), new Expr.Neg(new Expr.PowInt(new Expr.Add(List.of(Expr.Const.of(1),
        new Expr.Neg(new Expr.PowInt(new Expr.Add(List.of(z, Expr.Const.of(-1))), 2)))), 3))));
    // -log(e^-e_1 + e^-e_2) = e_1 - log1p(e^(e_1 - e_2)): accurate but where its two terms cancel
    Expr form = new Expr.Add(List.of(e1, new Expr.Neg(Expr.Call.of(Fn.LOG1P,
        Expr.Call.of(Fn.EXP, new Expr.Add(List.of(e1, new Expr.Neg(e2))))))));

    // both roots, as the derivation finds them: each splice is measured next to its own root
    double[] root = RootSplice.refine(-0.99999952, reference, 0, false);
    double[] other = RootSplice.refine(-1.00000048, reference, 0, false);
    double[][] kinks = {{-1, 0}};
    Expr spliced = RootSplice.spliceAtValues(form, new double[] {other[0], root[0]}, kinks, reference, 0, false, null,
        Map.of(), Contract.VALUE_TOLERANCE);

    List<Double> zs = new ArrayList<>();
    measureNext(root, zs);
    measureNext(other, zs);
    double worst = 0;
    double worstAt = Double.NaN;
    for (double at : zs) {
      BigDecimal exact = reference.evaluate(at).values().get(0);
      double computed = DoubleEvaluator.evaluate(spliced, Map.of("z", at));
      double error = Accuracy.relativeError(computed, Accuracy.Exact.of(exact));
      if (!(error <= worst)) {
        worst = error;
        worstAt = at;
      }
    }
    assertTrue(worst <= Contract.VALUE_TOLERANCE, "worst relative error " + worst + " at z = " + worstAt);
  }

  /** The root's six neighbours on each side and offsets from 1e-15 to 2e-7 (the splice's reach). */
  private static void measureNext(double[] root, List<Double> zs) {
    double up = root[0];
    double down = root[0];
    for (int i = 0; i < 6; i++) {
      zs.add(up = Math.nextUp(up));
      zs.add(down = Math.nextDown(down));
    }
    for (double d = 1e-15; d < 2e-7; d *= 5.3) {
      zs.add(root[0] + d);
      zs.add(root[0] - d);
    }
  }
}
