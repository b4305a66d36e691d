package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.ReferencePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The array methods under both paths: the build runs this class twice, once plainly (scalar loops)
 * and once with {@code --add-modules jdk.incubator.vector} and {@code
 * -Ddev.activations.expectSimd=true} (SIMD kernels). Either way the array methods meet the
 * numerical contract at the reference sample points and agree with the scalar methods within it
 * over awkward sizes (Lucene's {1, 4, 6, 8, 13, 16, 25, 702, 1024}), repeated until the kernels
 * are compiled by C2 (whose lane-wise math differs from the interpreter's).
 *
 * <p>The float[] methods: without SIMD they are the scalar float methods exactly (double, rounded
 * once); with SIMD a kernel may compute in float (decided at derive time), so they are held to the
 * float contract ({@link FloatContract}): against the reference at the float sample points, and
 * against the scalar double results (within 1e-10 of the exact value, so they stand in for it at
 * the cost of one float ulp) over the awkward sizes.
 */
class SimdContractTest {
  private static final int[] SIZES = {1, 4, 6, 8, 13, 16, 25, 702, 1024};
  private static final int REPEATS = 60;
  private static final boolean EXPECT_SIMD = Boolean.getBoolean("dev.activations.expectSimd");
  /**
   * Float results against a double result instead of the exact value: the float contract plus one
   * float ulp (the double may round to the neighbouring float).
   */
  static final double FLOAT_AGREEMENT = FloatContract.TOLERANCE + 0x1p-23;
  /** backward in float adds the product's rounding to the derivative's error. */
  static final double FLOAT_BACKWARD_AGREEMENT = FLOAT_AGREEMENT + 0x1p-23;

  @Test
  void simdIsOnExactlyWhenTheModuleIsPresent() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(EXPECT_SIMD, present, "-Ddev.activations.expectSimd and --add-modules go together");
    for (GeneratedActivation a : GeneratedActivation.all()) {
      assertEquals(!a.isVector(), a.hasSimd(), a + ": scalar statistics embed SIMD kernels");
      assertEquals(a.hasSimd() && present, a.vectorized(), a + " VECTORIZED");
    }
  }

  @TestFactory
  Stream<DynamicTest> arrayMethodsMeetTheContractAtTheSamplePoints() {
    return GeneratedActivation.all().stream().filter(a -> !a.isVector())
        .map(a -> DynamicTest.dynamicTest(a.toString(), () -> reference(a)));
  }

  @TestFactory
  Stream<DynamicTest> floatArrayMethodsMeetTheFloatContractAtTheFloatSamplePoints() {
    return GeneratedActivation.all().stream().filter(a -> !a.isVector())
        .map(a -> DynamicTest.dynamicTest(a.toString(), () -> floatReference(a)));
  }

  @TestFactory
  Stream<DynamicTest> arrayMethodsAgreeWithScalarOverAwkwardSizes() {
    return GeneratedActivation.all().stream().filter(a -> !a.isVector())
        .map(a -> DynamicTest.dynamicTest(a.toString(), () -> awkwardSizes(a)));
  }

  private static void reference(GeneratedActivation a) {
    List<Double> points = new ArrayList<>();
    for (double z : Accuracy.samplePoints()) points.add(z);
    points.add(Double.NaN);
    int n = points.size();
    double[] in = new double[n];
    for (int i = 0; i < n; i++) in[i] = points.get(i);
    double[] values = new double[n];
    double[] derivatives = new double[n];
    List<String> failures = new ArrayList<>();
    for (int rep = 0; rep < REPEATS; rep++) {
      a.array("value", in, 0, values, 0, n);
      a.array("derivative", in, 0, derivatives, 0, n);
    }
    for (int i = 0; i < n; i++) {
      double z = in[i];
      if (Double.isNaN(z)) {
        if (!Double.isNaN(values[i]) || !Double.isNaN(derivatives[i])) failures.add("NaN does not give NaN");
        continue;
      }
      ReferencePoint p;
      try {
        p = a.reference.evaluate(z);
      } catch (ArithmeticException e) {
        continue;
      }
      double ev = Accuracy.relativeError(values[i], p.values().get(0));
      if (!(ev <= ContractProperties.VALUE_TOLERANCE)) failures.add("value(" + z + ") = " + values[i] + ", exact " + p.value(0) + ", error " + ev);
      if (p.hasDerivative(0)) {
        double ed = Accuracy.relativeError(derivatives[i], p.derivatives().get(0).orElseThrow());
        if (!(ed <= ContractProperties.DERIVATIVE_TOLERANCE)) failures.add("derivative(" + z + ") = " + derivatives[i] + ", exact " + p.derivative(0) + ", error " + ed);
      }
    }
    assertTrue(failures.isEmpty(), () -> a + " (vectorized " + a.vectorized() + "): " + failures.size() + " failures: "
        + String.join("; ", failures.subList(0, Math.min(6, failures.size()))));
  }

  private static void floatReference(GeneratedActivation a) {
    double[] points = FloatContract.samplePoints();
    int n = points.length + 1;
    float[] in = new float[n];
    for (int i = 0; i < points.length; i++) in[i] = (float) points[i];
    in[n - 1] = Float.NaN;
    float[] values = new float[n];
    float[] derivatives = new float[n];
    List<String> failures = new ArrayList<>();
    for (int rep = 0; rep < REPEATS; rep++) {
      a.array("value", in, 0, values, 0, n);
      a.array("derivative", in, 0, derivatives, 0, n);
    }
    if (!Float.isNaN(values[n - 1]) || !Float.isNaN(derivatives[n - 1])) failures.add("NaN does not give NaN");
    for (int i = 0; i < n - 1; i++) {
      float z = in[i];
      ReferencePoint p;
      try {
        p = a.reference.evaluate(z);
      } catch (ArithmeticException e) {
        continue;
      }
      double ev = FloatContract.relativeError(values[i], p.values().get(0));
      if (!(ev <= FloatContract.TOLERANCE)) failures.add("value(" + z + "f) = " + values[i] + ", exact " + p.value(0) + ", error " + ev);
      if (p.hasDerivative(0)) {
        double ed = FloatContract.relativeError(derivatives[i], p.derivatives().get(0).orElseThrow());
        if (!(ed <= FloatContract.TOLERANCE)) failures.add("derivative(" + z + "f) = " + derivatives[i] + ", exact " + p.derivative(0) + ", error " + ed);
      }
    }
    assertTrue(failures.isEmpty(), () -> a + " (vectorized " + a.vectorized() + "): " + failures.size() + " failures: "
        + String.join("; ", failures.subList(0, Math.min(6, failures.size()))));
  }

  private static void awkwardSizes(GeneratedActivation a) {
    Random random = new Random(a.toString().hashCode());
    boolean simd = a.vectorized();
    for (int len : SIZES) {
      int off = random.nextInt(3);
      double[] in = new double[off + len];
      float[] inF = new float[off + len];
      double[] up = new double[off + len];
      float[] upF = new float[off + len];
      for (int i = 0; i < off + len; i++) {
        in[i] = input(random);
        inF[i] = (float) in[i];
        up[i] = random.nextGaussian();
        upF[i] = (float) up[i];
      }
      double[] v = new double[off + len];
      double[] d = new double[off + len];
      float[] vF = new float[off + len];
      float[] dF = new float[off + len];
      double[] g = new double[off + len];
      float[] gF = new float[off + len];
      // the expected results, from the scalar methods
      double[] ev = new double[len];
      double[] ed = new double[len];
      double[] evD = new double[len];
      double[] edD = new double[len];
      for (int i = 0; i < len; i++) {
        ev[i] = a.value(in[off + i])[0];
        ed[i] = a.derivative(in[off + i])[0];
        evD[i] = a.value((double) inF[off + i])[0];
        edD[i] = a.derivative((double) inF[off + i])[0];
      }
      int repeats = len >= 702 ? REPEATS : 3;
      for (int rep = 0; rep < repeats; rep++) {
        a.array("value", in, off, v, off, len);
        a.array("derivative", in, off, d, off, len);
        a.array("value", inF, off, vF, off, len);
        a.array("derivative", inF, off, dF, off, len);
        a.backward(in, up, g, off, len);
        a.backward(inF, upF, gF, off, len);
        for (int i = 0; i < len; i++) {
          String at = a + " len " + len + " rep " + rep + " z = " + in[off + i];
          assertClose(ev[i], v[off + i], simd ? ContractProperties.VALUE_TOLERANCE : 0.0, at + " value");
          assertClose(ed[i], d[off + i], simd ? ContractProperties.DERIVATIVE_TOLERANCE : 0.0, at + " derivative");
          assertFloat(evD[i], vF[off + i], simd, FLOAT_AGREEMENT, at + " float value");
          assertFloat(edD[i], dF[off + i], simd, FLOAT_AGREEMENT, at + " float derivative");
          assertClose(up[off + i] * ed[i], g[off + i], simd ? ContractProperties.DERIVATIVE_TOLERANCE : 0.0, at + " backward");
          assertFloat(upF[off + i] * edD[i], gF[off + i], simd, FLOAT_BACKWARD_AGREEMENT, at + " float backward");
        }
      }
    }
  }

  /** Moderate, tiny, huge, and special inputs. */
  private static double input(Random r) {
    switch (r.nextInt(12)) {
      case 0: return Double.NaN;
      case 1: return r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2: return r.nextBoolean() ? 0.0 : -0.0;
      case 3: return (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextInt(614) - 307) * (1 + r.nextDouble());
      case 4: return r.nextGaussian() * 1e-3;
      case 5: return r.nextGaussian() * 300;
      default: return r.nextGaussian() * 8;
    }
  }

  static void assertClose(double expected, double actual, double tolerance, String message) {
    if (Double.isNaN(expected) && Double.isNaN(actual) || expected == actual) return;
    double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertTrue(err <= tolerance, () -> message + ": expected " + expected + " but was " + actual + " (relative " + err + ")");
  }

  /**
   * A float array result against the double result it stands for: on the scalar path it is that
   * double rounded to float, exactly; on the SIMD path within {@code tolerance} of it by {@link
   * FloatContract}'s measure (relative, scale floor Float.MIN_NORMAL, infinities where the double
   * is beyond the float range).
   */
  static void assertFloat(double accurate, float actual, boolean simd, double tolerance, String message) {
    float rounded = (float) accurate;
    if (!simd) {
      assertTrue(Float.isNaN(rounded) ? Float.isNaN(actual) : rounded == actual,
          () -> message + ": expected " + rounded + " but was " + actual);
      return;
    }
    double err = FloatContract.relativeError(actual, rounded);
    assertTrue(err <= tolerance, () -> message + ": expected " + accurate + " but was " + actual + " (relative " + err + ")");
  }
}
