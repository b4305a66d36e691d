package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.Statistic;
import dev.activations.deriver.verify.Accuracy;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties every generated activation must have, on random inputs: agreement with the
 * high-precision reference, derivative = central difference of the value, the posterior's
 * invariants, symmetry, and array/float/backward forms agreeing with the scalar double form.
 */
class ContractProperties {
  /** The numerical contract: relative error of values and derivatives. */
  static final double VALUE_TOLERANCE = dev.activations.deriver.verify.Contract.VALUE_TOLERANCE;
  static final double DERIVATIVE_TOLERANCE = dev.activations.deriver.verify.Contract.DERIVATIVE_TOLERANCE;

  @Provide
  Arbitrary<GeneratedActivation> activations() {
    return Arbitraries.of(GeneratedActivation.all());
  }

  /** Inputs over the whole double range: moderate values most often, any magnitude sometimes. */
  @Provide
  Arbitrary<Double> inputs() {
    Arbitrary<Double> moderate = Arbitraries.doubles().between(-40, 40);
    Arbitrary<Double> anyMagnitude = Arbitraries.integers().between(-307, 307).flatMap(e ->
        Arbitraries.doubles().between(1, 10).flatMap(m -> Arbitraries.of(-1.0, 1.0).map(s -> s * m * Math.pow(10, e))));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, moderate), net.jqwik.api.Tuple.of(2, anyMagnitude));
  }

  @Provide
  Arbitrary<GeneratedActivation> responsibilityActivations() {
    return Arbitraries.of(GeneratedActivation.all().stream().filter(a -> a.statistic() == Statistic.RESPONSIBILITIES).toList());
  }

  @Provide
  Arbitrary<GeneratedActivation> constantMeans() {
    return Arbitraries.of(GeneratedActivation.all().stream()
        .filter(a -> a.statistic() == Statistic.MEAN && a.constantValues() != null).toList());
  }

  @Provide
  Arbitrary<GeneratedActivation> oddMeans() {
    return Arbitraries.of(GeneratedActivation.all().stream()
        .filter(a -> a.statistic() == Statistic.MEAN && a.spec.hypotheses().isOddSymmetric() && a.hasEvenKernel()).toList());
  }

  @Provide
  Arbitrary<GeneratedActivation> withFreeParameters() {
    return Arbitraries.of(GeneratedActivation.all().stream().filter(a -> a.params.length > 0).toList());
  }

  @Provide
  Arbitrary<Double> moderate() {
    return Arbitraries.doubles().between(-30, 30);
  }

  @Property(tries = 300)
  void valueAgreesWithTheReference(@ForAll("activations") GeneratedActivation a, @ForAll("inputs") double z) {
    List<BigDecimal> exact;
    try {
      exact = a.reference.values(z);
    } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException e) {
      Assume.that(false); // the definition has no value the reference can reach here
      return;
    }
    double[] v = a.value(z);
    for (int o = 0; o < a.outputs; o++) {
      double err = Accuracy.relativeError(v[o], exact.get(o));
      assertTrue(err <= ReferenceContractTest.VALUE_TOLERANCE, a + " value(" + z + ") = " + v[o] + ", exact " + exact.get(o) + ", error " + err);
    }
  }

  @Property(tries = 300)
  void derivativeAgreesWithACentralDifference(@ForAll("activations") GeneratedActivation a, @ForAll("moderate") double z) {
    double h = 1e-5 * Math.max(1, Math.abs(z));
    double[] plus = a.value(z + h);
    double[] minus = a.value(z - h);
    double[] plus2 = a.value(z + 2 * h);
    double[] minus2 = a.value(z - 2 * h);
    double[] d = a.derivative(z);
    for (int o = 0; o < a.outputs; o++) {
      // fourth-order central difference; a kink or jump within 2h shows as disagreeing slopes
      double f0 = a.value(z)[o];
      double[] slopes = {(minus[o] - minus2[o]) / h, (f0 - minus[o]) / h, (plus[o] - f0) / h, (plus2[o] - plus[o]) / h};
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double sl : slopes) {
        lo = Math.min(lo, sl);
        hi = Math.max(hi, sl);
      }
      Assume.that(hi - lo <= 1e-3 * Math.max(Math.abs(hi), Math.abs(lo)) + 1e-9);
      double numeric = (8 * (plus[o] - minus[o]) - (plus2[o] - minus2[o])) / (12 * h);
      // truncation O(h^4) is negligible; rounding of the differenced values is ~ (18/12) ulp(f) / h
      double f = Math.max(Math.max(Math.abs(plus2[o]), Math.abs(minus2[o])), Math.max(Math.abs(plus[o]), Math.abs(minus[o])));
      double roundoff = 16 * Math.ulp(f) / h;
      // where f'' jumps (a C1 join such as |z| at a center) the difference is only O(h) accurate,
      // of the order of the slopes' spread; exact accuracy is ReferenceContractTest's job
      assertTrue(Math.abs(numeric - d[o]) <= 1e-6 * Math.abs(d[o]) + roundoff + (hi - lo),
          a + " derivative(" + z + ") = " + d[o] + " but the central difference is " + numeric);
    }
  }

  /** Each dParam method agrees with a central difference of the value in that parameter. */
  @Property(tries = 200)
  void parameterDerivativesAgreeWithCentralDifferences(@ForAll("withFreeParameters") GeneratedActivation a,
      @ForAll("moderate") double z) throws Exception {
    for (int k = 0; k < a.params.length; k++) {
      String name = a.spec.free().get(k);
      double p = a.params[k];
      double h = 1e-5 * Math.max(1, Math.abs(p));
      Class<?>[] types = new Class<?>[1 + a.params.length];
      java.util.Arrays.fill(types, double.class);
      java.lang.reflect.Method value = a.type.getMethod("value", types);
      java.lang.reflect.Method dp = a.type.getMethod("d" + Character.toUpperCase(name.charAt(0)) + name.substring(1), types);
      double[] vals = new double[4];
      double[] offsets = {-2 * h, -h, h, 2 * h};
      for (int i = 0; i < 4; i++) {
        Object[] call = new Object[1 + a.params.length];
        call[0] = z;
        for (int j = 0; j < a.params.length; j++) call[1 + j] = a.params[j] + (j == k ? offsets[i] : 0);
        vals[i] = (Double) value.invoke(null, call);
      }
      Object[] call = new Object[1 + a.params.length];
      call[0] = z;
      for (int j = 0; j < a.params.length; j++) call[1 + j] = a.params[j];
      double symbolic = (Double) dp.invoke(null, call);
      double numeric = (8 * (vals[2] - vals[1]) - (vals[3] - vals[0])) / (12 * h);
      double f = Math.max(Math.abs(vals[0]), Math.abs(vals[3]));
      // values are accurate to ~1e-15 relative, so the differenced values carry ~64 ulp / h of noise
      assertTrue(Math.abs(numeric - symbolic) <= 1e-6 * Math.abs(symbolic) + 64 * Math.ulp(f) / h,
          a + " d" + name + "(" + z + ") = " + symbolic + " but the central difference is " + numeric);
    }
  }

  /**
   * Before the emitted responsibilities were clamped to [0, 1], the three-prototype Gaussian's
   * rounded to 1.0000000000000002 at z = 38.48 (a sample this property drew in one CI run).
   */
  @net.jqwik.api.Example
  void aResponsibilityDoesNotRoundPastOne() {
    double[] r = new double[GaussianPrototypes3Responsibilities.OUTPUTS];
    for (double z : new double[] {38.48, 39.4, -38.48, -39.4}) {
      GaussianPrototypes3Responsibilities.value(z, r);
      for (double x : r) assertTrue(x >= 0 && x <= 1, "z = " + z + ": " + x);
    }
  }

  @Property(tries = 300)
  void responsibilitiesArePartitionsOfUnity(@ForAll("responsibilityActivations") GeneratedActivation a, @ForAll("inputs") double z) {
    double[] r = a.value(z);
    double sum = 0;
    for (double x : r) {
      assertTrue(x >= 0 && x <= 1, a + " responsibility outside [0,1]: " + x);
      sum += x;
    }
    assertEquals(1.0, sum, 4e-16 * r.length, a + " responsibilities sum to " + sum);
  }

  @Property(tries = 300)
  void meanLiesInTheHullOfConstantValues(@ForAll("constantMeans") GeneratedActivation a, @ForAll("inputs") double z) {
    double[] g = a.constantValues();
    double lo = java.util.Arrays.stream(g).min().orElseThrow();
    double hi = java.util.Arrays.stream(g).max().orElseThrow();
    double m = a.value(z)[0];
    assertTrue(m >= lo && m <= hi, a + " mean " + m + " outside [" + lo + ", " + hi + "] at z = " + z);
  }

  @Property(tries = 300)
  void symmetricSignedSetsGiveOddMeans(@ForAll("oddMeans") GeneratedActivation a, @ForAll("inputs") double z) {
    double f = a.value(z)[0];
    double g = a.value(-z)[0];
    // mathematically odd; each side is accurate to ~1e-14 (100x inside the contract), so they
    // agree within twice that; an asymmetry bug (a wrong center or sign) is an O(1) difference
    assertTrue(Math.abs(f + g) <= 2e-14 * Math.abs(f) + Double.MIN_VALUE, a + " f(" + z + ") = " + f + " but f(-z) = " + g);
  }

  @Property(tries = 200)
  void arrayFormsEqualTheScalarForm(@ForAll("activations") GeneratedActivation a,
      @ForAll @IntRange(min = 0, max = 40) int len, @ForAll @IntRange(min = 0, max = 3) int inOff,
      @ForAll @IntRange(min = 0, max = 3) int outOff, @ForAll("inputs") double seed) {
    int h = a.outputs;
    double[] in = new double[inOff + len];
    float[] inF = new float[inOff + len];
    for (int i = 0; i < len; i++) {
      in[inOff + i] = (i % 2 == 0 ? 1 : -1) * (Math.abs(seed) % 50) * (i + 1) / (len + 1.0);
      inF[inOff + i] = (float) in[inOff + i];
    }
    double[] values = new double[outOff + len * h];
    double[] derivatives = new double[outOff + len * h];
    float[] valuesF = new float[outOff + len * h];
    a.array("value", in, inOff, values, outOff, len);
    a.array("derivative", in, inOff, derivatives, outOff, len);
    a.array("value", inF, inOff, valuesF, outOff, len);
    // the scalar path is the scalar code itself: exact; SIMD kernels are held to the contract (the
    // float contract for float arrays: a float[] kernel may compute in float)
    boolean simd = a.vectorized();
    for (int i = 0; i < len; i++) {
      double[] v = a.value(in[inOff + i]);
      double[] d = a.derivative(in[inOff + i]);
      float[] vf = a.value(inF[inOff + i]);
      for (int o = 0; o < h; o++) {
        SimdContractTest.assertClose(v[o], values[outOff + i * h + o], simd ? VALUE_TOLERANCE : 0.0, a + " array value differs at " + i);
        SimdContractTest.assertClose(d[o], derivatives[outOff + i * h + o], simd ? DERIVATIVE_TOLERANCE : 0.0, a + " array derivative differs at " + i);
        SimdContractTest.assertFloat(a.value((double) inF[inOff + i])[o], valuesF[outOff + i * h + o], simd,
            SimdContractTest.FLOAT_AGREEMENT, a + " float array value differs at " + i);
        assertEquals((float) a.value((double) inF[inOff + i])[o], vf[o], 0.0f, a + " float value is not the rounded double");
      }
    }
    double[] up = new double[(inOff + len) * h];
    double[] grad = new double[inOff + len];
    double[] x = new double[inOff + len];
    System.arraycopy(in, 0, x, 0, in.length);
    for (int i = 0; i < up.length; i++) up[i] = 0.5 + i;
    a.backward(x, up, grad, inOff, len);
    for (int i = 0; i < len; i++) {
      double[] d = a.derivative(x[inOff + i]);
      double expected = 0;
      for (int o = 0; o < h; o++) expected += up[(inOff + i) * h + o] * d[o];
      if (h == 1) expected = up[inOff + i] * d[0];
      assertEquals(expected, grad[inOff + i], (a.vectorized() ? DERIVATIVE_TOLERANCE : 1e-15) * Math.abs(expected), a + " backward differs at " + i);
    }
  }
}
