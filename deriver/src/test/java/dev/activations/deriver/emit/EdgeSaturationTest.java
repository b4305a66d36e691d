package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.EdgeSaturation;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.verify.ContractVerification;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EdgeSaturation} in the generated method and in the verification's evaluation alike. The
 * form {@code |z|^p (1 + 2^-50)} of the "exact" {@code |z|^p} is a few ulps high, so it overflows a few
 * ulps before the exact value leaves the range: at such a z the saturated method returns
 * MAX_VALUE (the exact value is within a few ulps of it), a relative 1e-9 farther out it returns
 * Infinity as the exact value rounds to, and the unsaturated form returns Infinity at both. The SIMD
 * companion leaves a chunk with an infinite lane to that method.
 */
class EdgeSaturationTest {
  private static final Expr.Var Z = new Expr.Var("z");
  private static final Expr.Var P = new Expr.Var("p");

  private static LoweredActivation power(boolean saturated) {
    Expr form = new Expr.Mul(List.of(Expr.Call.of(Fn.POW, Expr.Call.of(Fn.ABS, Z), P), Expr.Const.of(1 + 0x1p-50)));
    Output value = new Output(form, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    Output zero = Output.of(Expr.Const.of(0.0));
    return new LoweredActivation("--energy 'Abs[z-mu]^p' --free p", Fixtures.math("Abs[z]^p", "0"), List.of("p"),
        List.of(saturated ? value.saturatingAtEdge() : value), List.of(zero), Map.of("p", List.of(zero)));
  }

  /** A z, for the exponent p, at which the form overflows and the exact |z|^p does not. */
  private static double inTheBand(double p) {
    double z = Math.pow(Double.MAX_VALUE, 1 / p);
    while (Double.isInfinite(Math.pow(z, p))) z = Math.nextDown(z);
    while (!Double.isInfinite(Math.pow(z, p) * (1 + 0x1p-50))) z = Math.nextUp(z);
    assertTrue(Math.pow(z, p) <= Double.MAX_VALUE);
    return z;
  }

  @Test
  void theMethodAndTheEvaluationSaturateTogether() throws Exception {
    Class<?> saturated = InMemoryCompiler.compileAndLoad(ClassEmitter.emit(power(true), "dev.generated", "Saturated"));
    Class<?> plain = InMemoryCompiler.compileAndLoad(ClassEmitter.emit(power(false), "dev.generated", "Plain"));
    Method value = saturated.getMethod("value", double.class, double.class);
    Method unsaturated = plain.getMethod("value", double.class, double.class);
    ContractVerification.Function function = ContractVerification.functions(power(true)).get(0);
    for (double p : new double[] {1.5, 2.39, 7.25}) {
      ContractVerification.Evaluation evaluation = ContractVerification.Evaluation.of(Map.of("p", p));
      double edge = inTheBand(p);
      for (double z : new double[] {edge, -edge}) {
        assertEquals(Double.POSITIVE_INFINITY, (double) unsaturated.invoke(null, z, p), "p = " + p);
        assertEquals(Double.MAX_VALUE, (double) value.invoke(null, z, p), "p = " + p + ", z = " + z);
        assertEquals(Double.MAX_VALUE, evaluation.evaluate(function, z), "p = " + p);
        // beyond the range: |z|^p is past MAX_VALUE by far more than the contract's 1e-12
        double beyond = z * (1 + 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, (double) value.invoke(null, beyond, p));
        assertEquals(Double.POSITIVE_INFINITY, evaluation.evaluate(function, beyond));
      }
      // inside the range, the form itself, bit for bit
      for (double z : new double[] {0, 1e-300, 0.5, 3, 1e10, edge / 2}) {
        assertEquals((double) unsaturated.invoke(null, z, p), (double) value.invoke(null, z, p));
        assertEquals((double) unsaturated.invoke(null, z, p), evaluation.evaluate(function, z));
      }
    }
    String simd = SimdEmitter.source(power(true), "dev.generated", "Saturated", FloatArithmetic.NONE);
    assertTrue(simd.contains("if (r.test(VectorOperators.IS_INFINITE).anyTrue()) {\n        return i;"), simd);
    SimdEmitter.compile(power(true), "dev.generated", "Saturated", FloatArithmetic.NONE);
    assertTrue(!SimdEmitter.source(power(false), "dev.generated", "Plain", FloatArithmetic.NONE).contains("IS_INFINITE"));
    // NaN and infinite parameters are left to the form
    assertTrue(Double.isNaN((double) value.invoke(null, Double.NaN, 1.5)));
    assertEquals(Double.POSITIVE_INFINITY, (double) value.invoke(null, 2.0, Double.POSITIVE_INFINITY));
  }
}
