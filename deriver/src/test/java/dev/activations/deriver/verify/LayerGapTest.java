package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.LayerGeneration;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.symbolic.Symja;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unit gaps at the inputs where differences of rounded energies lose everything: Gaussian energies
 * that all overflow (|z| beyond 1.34e154), Gaussian near-ties at 1e100, Student-t near-ties of
 * large energies (the entropy's gradient depends on the gaps alone), and tiny inputs whose
 * Student-t energies round to 0. The compiled classes against the high-precision reference.
 */
class LayerGapTest {
  private static final LayerGeneration GENERATION = new LayerGeneration(new Symja());

  private static final double[][] VECTORS = {
    {2e154, 3e154, -2.5e154},
    {1e300, -1e300, 5e299, 7e299},
    {1e100, Math.nextUp(1e100), Math.nextDown(1e100), 1e100},
    {1e200, Math.nextUp(1e200), Math.nextUp(Math.nextUp(1e200))},
    {3.1371329822389097E-28, 3.137133061483742E-28},
    {-2.6777458819824033E199, -2.677745881982402E199, -2.6777458819824016E199},
    {1e-300, 2e-300, -1e-300},
  };

  @Test
  void gaussianAndStudentTGapsMeetTheContract() throws Throwable {
    for (String kernel : List.of("gaussian", "student-t")) {
      for (String stat : List.of("responsibilities", "log-responsibilities", "entropy", "mode")) {
        LayerSpec spec = GENERATION.resolve(List.of("--layer", "--kernel", kernel, "--stat", stat));
        LayerGeneration.Emitted emitted = GENERATION.emitVerified(GENERATION.derive(spec), "p", "G");
        Class<?> type = InMemoryCompiler.compileAndLoad(emitted.file());
        MethodHandle value = MethodHandles.publicLookup().findStatic(type, "value",
            MethodType.methodType(void.class, double[].class, double[].class));
        MethodHandle backward = MethodHandles.publicLookup().findStatic(type, "backward",
            MethodType.methodType(void.class, double[].class, double[].class, double[].class));
        LayerReference reference = LayerReference.of(spec);
        for (double[] z : VECTORS) {
          int outputs = spec.statistic().perUnit() ? z.length : 1;
          double[] out = new double[outputs];
          double[] upstream = new double[outputs];
          for (int i = 0; i < outputs; i++) upstream[i] = 1.0 / (i + 2) - 0.3;
          double[] grad = new double[z.length];
          value.invokeExact(z, out);
          backward.invokeExact(z, upstream, grad);
          LayerReference.Result exact = reference.evaluate(z, upstream);
          String where = kernel + " " + stat + " at " + java.util.Arrays.toString(z);
          for (int i = 0; i < outputs; i++) {
            double err = LayerReference.error(out[i], exact.values()[i], exact.scales()[i]);
            assertTrue(err <= Contract.VALUE_TOLERANCE, where + " output " + i + ": " + out[i] + " vs " + exact.values()[i]);
          }
          double largest = Double.MIN_NORMAL;
          for (double v : exact.gradient()) largest = Math.max(largest, Math.abs(v));
          for (int j = 0; j < z.length; j++) {
            double err = Math.abs(grad[j] - exact.gradient()[j]) / largest;
            assertTrue(err <= Contract.DERIVATIVE_TOLERANCE, where + " gradient " + j + ": " + grad[j] + " vs " + exact.gradient()[j]);
          }
        }
      }
    }
  }
}
