package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferencePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The numerical contract, checked on the compiled classes at the standard sample points from
 * subnormals to +-Double.MAX_VALUE: relative error against the high-precision evaluation of the
 * unsimplified definition at most 1e-12 for values and 1e-10 for derivatives (with Double.MIN_NORMAL
 * as the floor of the scale); finite wherever the exact result is finite; NaN gives NaN; infinite
 * inputs give the limit where the reference shows one.
 */
class ReferenceContractTest {
  static final double VALUE_TOLERANCE = dev.activations.deriver.verify.Contract.VALUE_TOLERANCE;
  static final double DERIVATIVE_TOLERANCE = dev.activations.deriver.verify.Contract.DERIVATIVE_TOLERANCE;

  @TestFactory
  Stream<DynamicTest> everyActivationMeetsTheContractAtTheSamplePoints() {
    return GeneratedActivation.all().stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> check(a)));
  }

  private static void check(GeneratedActivation a) {
    List<String> failures = new ArrayList<>();
    for (double z : Accuracy.samplePoints()) {
      ReferencePoint p;
      try {
        p = a.reference.evaluate(z);
      } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException e) {
        continue; // no finite exact value here (or beyond what the reference can reach)
      }
      double[] v = a.value(z);
      double[] d = a.derivative(z);
      for (int o = 0; o < a.outputs; o++) {
        double ev = Accuracy.relativeError(v[o], p.values().get(o));
        if (!(ev <= VALUE_TOLERANCE)) failures.add("value[" + o + "](" + z + ") = " + v[o] + ", exact " + p.value(o) + ", error " + ev);
        if (p.hasDerivative(o)) {
          double ed = Accuracy.relativeError(d[o], p.derivatives().get(o).orElseThrow());
          if (!(ed <= DERIVATIVE_TOLERANCE)) failures.add("derivative[" + o + "](" + z + ") = " + d[o] + ", exact " + p.derivative(o) + ", error " + ed);
        }
      }
    }
    for (int o = 0; o < a.outputs; o++) {
      if (!Double.isNaN(a.value(Double.NaN)[o])) failures.add("value(NaN) is not NaN");
      if (!Double.isNaN(a.derivative(Double.NaN)[o])) failures.add("derivative(NaN) is not NaN");
    }
    for (double inf : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
      double far = Math.copySign(1e300, inf);
      double farthest = Math.copySign(Double.MAX_VALUE, inf);
      try {
        ReferencePoint p1 = a.reference.evaluate(far);
        ReferencePoint p2 = a.reference.evaluate(farthest);
        double[] atInf = a.value(inf);
        for (int o = 0; o < a.outputs; o++) {
          // saturated: the exact values at 1e300 and MAX_VALUE round to the same double, the limit
          if (p1.value(o) == p2.value(o) && atInf[o] != p2.value(o) && !(atInf[o] == 0 && p2.value(o) == 0)) {
            failures.add("value(" + inf + ") = " + atInf[o] + ", limit " + p2.value(o));
          }
        }
      } catch (ArithmeticException e) {
        // no reference out there
      }
    }
    assertTrue(failures.isEmpty(), () -> a + ": " + failures.size() + " failures: " + String.join("; ", failures.subList(0, Math.min(6, failures.size()))));
  }
}
