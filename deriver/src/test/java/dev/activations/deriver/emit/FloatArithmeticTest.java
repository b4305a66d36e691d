package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import dev.activations.deriver.verify.Definition;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.ReferenceTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The float[] kernels compute in float only where the float formula, measured against the
 * independent reference at the float sample points, meets the float contract.
 */
class FloatArithmeticTest {
  private static final Expr Z = new Expr.Var("z");
  private static final ReferenceTable TANH = ReferenceTable.at(
      new ReferenceEvaluator(Definition.of("(z-mu)^2/2", "1:1,-1:-1", "mean")),
      FloatContract.samplePoints());

  private static LoweredActivation tanh(Expr value, Expr derivative) {
    return new LoweredActivation("test",
        new LoweredActivation.Math(List.of(), "Tanh[z]", "Sech[z]^2", List.of()), List.of(),
        List.of(Output.of(value)), List.of(Output.of(derivative)), Map.of());
  }

  @Test
  void tanhAndTheTailAccurateDerivativeComputeInFloat() {
    LoweredActivation a = tanh(Expr.Call.of(Fn.TANH, Z), Expr.Call.of(Fn.TANH_PRIME, Z));
    assertEquals(new FloatArithmetic(true, true), FloatArithmetic.measure(a, TANH));
  }

  @Test
  void aCancellingFormKeepsDouble() {
    // 2/(1 + e^-2z) - 1 is tanh, but near 0 the subtraction cancels: at z = 1e-4 it keeps about
    // 3 of float's 7 digits
    Expr e = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(-2.0), Z)));
    Expr cancelling = new Expr.Add(List.of(new Expr.Div(Expr.Const.of(2.0),
        new Expr.Add(List.of(Expr.Const.of(1.0), e))), new Expr.Neg(Expr.Const.of(1.0))));
    LoweredActivation a = tanh(cancelling, Expr.Call.of(Fn.TANH_PRIME, Z));
    assertEquals(new FloatArithmetic(false, true), FloatArithmetic.measure(a, TANH));
  }

  @Test
  void aSubnormalResultFlushedToZeroMissesTheContract() {
    // sech^2 as 4 / ((1 + e^-2z)(1 + e^2z)): e^2z overflows float at z = 44.4, giving 0 where the
    // exact value is a float subnormal (1.5e-43 at z = 50): 100 times MIN_VALUE off
    Expr ePlus = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(2.0), Z)));
    Expr eMinus = Expr.Call.of(Fn.EXP, new Expr.Mul(List.of(Expr.Const.of(-2.0), Z)));
    Expr product = new Expr.Div(Expr.Const.of(4.0), new Expr.Mul(List.of(
        new Expr.Add(List.of(Expr.Const.of(1.0), eMinus)),
        new Expr.Add(List.of(Expr.Const.of(1.0), ePlus)))));
    LoweredActivation a = tanh(Expr.Call.of(Fn.TANH, Z), product);
    double worst = FloatArithmetic.worstError(a.derivatives().get(0), TANH, true);
    assertTrue(worst > 10 * FloatContract.TOLERANCE, () -> "worst " + worst);
    assertEquals(new FloatArithmetic(true, false), FloatArithmetic.measure(a, TANH));
  }

  @Test
  void theFloatTanhIsWithinAThirdOfTheContractOverEveryFloatSampled() {
    // not only at the sample points: every 97th float in [1e-30, 30], against Math.tanh rounded
    // to float (1 ulp of double is far below 2^-20), with exp moved one ulp either way
    Expr tanh = Expr.Call.of(Fn.TANH, Z);
    double worst = 0;
    for (int bits = Float.floatToIntBits(1e-30f); bits <= Float.floatToIntBits(30f); bits += 97) {
      float z = Float.intBitsToFloat(bits);
      float exact = (float) Math.tanh(z);
      for (int shift = -1; shift <= 1; shift++) {
        worst = Math.max(worst, FloatContract.relativeError(
            FloatKernelEvaluator.formula(tanh, -z, shift), -exact));
      }
    }
    assertTrue(worst <= FloatContract.TOLERANCE / 3, "worst " + worst / FloatContract.TOLERANCE);
  }

  @Test
  void theScanSeesCancellationNearAZeroThatTheSamplePointsMiss() {
    // 4 - z^2 is exact in float at every sample point near its zero (z = 1.5, 2, 3.3 round
    // harmlessly), but at z = 1.999 the subtraction keeps 4 of float's 7 digits
    Expr fourMinusSquare = new Expr.Add(List.of(Expr.Const.of(4.0),
        new Expr.Neg(new Expr.Mul(List.of(Z, Z)))));
    double scan = FloatArithmetic.scanError(Output.of(fourMinusSquare));
    // (the scan stops at the first point beyond the contract: it decides, it does not rank)
    assertTrue(scan > FloatContract.TOLERANCE, () -> "scan " + scan);
    double tanh = FloatArithmetic.scanError(Output.of(Expr.Call.of(Fn.TANH, Z)));
    assertTrue(tanh <= FloatContract.TOLERANCE / 3, () -> "tanh " + tanh);
  }

  @Test
  void freeParametersKeepDouble() {
    LoweredActivation a = new LoweredActivation("test",
        new LoweredActivation.Math(List.of(), "Tanh[s z]", "s Sech[s z]^2", List.of()),
        List.of("s"), List.of(Output.of(Expr.Call.of(Fn.TANH, new Expr.Mul(List.of(new Expr.Var("s"), Z))))),
        List.of(Output.of(Expr.Call.of(Fn.TANH_PRIME, Z))),
        Map.of("s", List.of(Output.of(Expr.Call.of(Fn.TANH_PRIME, Z)))));
    assertFalse(FloatArithmetic.measure(a, TANH).any());
  }

  @Test
  void theFloatCompanionCompilesAndUsesTheFullFloatSpecies() {
    LoweredActivation a = tanh(Expr.Call.of(Fn.TANH, Z), Expr.Call.of(Fn.TANH_PRIME, Z));
    String source = SimdEmitter.source(a, "p", "T", new FloatArithmetic(true, false));
    assertTrue(source.contains("VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED"), source);
    assertTrue(source.contains("FloatVector z = FloatVector.fromArray(W, in, inOff + i)"), source);
    assertTrue(source.contains(".compare(VectorOperators.LT, 0.35f)"), source);
    // the float derivative stays in double lanes, widened
    assertTrue(source.contains("convertShape(VectorOperators.F2D, S, 0)"), source);
    assertTrue(SimdEmitter.compile(a, "p", "T", new FloatArithmetic(true, true)).length > 0);
  }
}
