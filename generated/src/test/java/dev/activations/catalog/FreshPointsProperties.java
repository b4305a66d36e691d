package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ContractVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every generated class, at fresh random inputs that neither form selection nor the build's
 * verification stream chose (jqwik draws new ones each run): value and derivative against the
 * reference's double-double fast path (an input it cannot decide to 1e-17 is skipped; the build's
 * verification escalates those), within the contract.
 */
class FreshPointsProperties {

  @Provide
  Arbitrary<Double> fresh() {
    Arbitrary<Double> moderate = Arbitraries.doubles().between(-64, 64);
    Arbitrary<Double> anyMagnitude = Arbitraries.integers().between(-1074, 1023).flatMap(e ->
        Arbitraries.doubles().between(1, 2).flatMap(m -> Arbitraries.of(-1.0, 1.0)
            .map(s -> { double z = s * Math.scalb(m, e); return Double.isInfinite(z) ? Math.copySign(Double.MAX_VALUE, s) : z; })));
    Arbitrary<Double> nearKinks = Arbitraries.of(-2.0, -1.0, 1.0, 2.0, Math.sqrt(2), -Math.sqrt(2), 1.3579, -0.6392)
        .flatMap(s -> Arbitraries.doubles().between(-15, -3).map(k -> s * (1 + Math.pow(10, k))));
    return Arbitraries.frequencyOf(Tuple.of(4, moderate), Tuple.of(4, anyMagnitude), Tuple.of(2, nearKinks));
  }

  /** One try checks every class at one fresh input. */
  @Property(tries = 400)
  void everyClassMeetsTheContractAtFreshInputs(@ForAll("fresh") double z) {
    List<String> failures = new ArrayList<>();
    for (GeneratedActivation a : GeneratedActivation.all()) {
      Optional<ContractVerification.Point> p = a.reference.evaluateFast(z);
      if (p.isEmpty()) continue;
      double[] v = a.value(z);
      double[] d = a.derivative(z);
      for (int o = 0; o < a.outputs; o++) {
        double ev = Accuracy.relativeError(v[o], p.get().values()[o]);
        if (!(ev <= ReferenceContractTest.VALUE_TOLERANCE)) {
          failures.add(a + " value[" + o + "](" + z + ") = " + v[o] + ", error " + ev);
        }
        Accuracy.Exact exact = p.get().derivatives()[o];
        if (exact != null) {
          double ed = Accuracy.relativeError(d[o], exact);
          if (!(ed <= ReferenceContractTest.DERIVATIVE_TOLERANCE)) {
            failures.add(a + " derivative[" + o + "](" + z + ") = " + d[o] + ", error " + ed);
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("; ", failures));
  }
}
