package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionCheck;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.AttentionSamples;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Near-duplicate keys at entries near 1e3 and 3e4 (the derive-time samples put them near 1): the
 * energies there are large (near 1e6 and 1e9 for the linear kernels), and the difference of two rounded energies
 * is off by about 1e-10 and 1e-7, the weights with it. {@code ScaledDotAttention} measured 1.1e-10
 * and 1.8e-7 (value), {@code EuclideanAttention} 2.5e-10 and 1.9e-7, {@code YatAttention} 3.8e-10
 * and 3.7e-7. The gap of such keys is now taken from the entries' differences to the minimum key
 * (Yat: from the divided differences) wherever the energies are large enough for their rounding to
 * count. The samples are the derive-time stream's near-duplicate ones of another seed,
 * query and keys multiplied by the scale; the reference is independent of the class.
 */
class NearDuplicatesAtScaleTest {
  @ParameterizedTest
  @CsvSource({"scaled-dot, -qk/Sqrt[dim]", "euclidean, dd/2", "yat, -qk^2/(dd+eps)"})
  void kernelsKeepTheirGapsAtLargeEntries(String kernel, String gramEnergy) throws Exception {
    AttentionGeneration g = new AttentionGeneration(new Symja());
    var d = g.derive(g.resolve(List.of("--attention", "--kernel", kernel, "--stat", "mean")));
    AttentionGeneration.Emitted e = g.emitVerified(d, "p", "Linear");
    AttentionCheck.Handles handles = AttentionCheck.Handles.of(InMemoryCompiler.compileAndLoad(e.file()));
    AttentionReference reference = new AttentionReference(gramEnergy, kernel.equals("yat") ? Map.of("eps", "1") : Map.of(), "1",
        AttentionStatistic.MEAN);
    for (double scale : new double[] {1e3, 3e4}) {
      List<AttentionSamples.Sample> samples = new ArrayList<>();
      for (AttentionSamples.Sample s : AttentionGeneration.samples(77, 60, AttentionStatistic.MEAN)) {
        if (!s.family().equals("near-duplicates")) continue;
        double[] q = s.q().clone();
        double[] keys = s.keys().clone();
        for (int i = 0; i < q.length; i++) q[i] *= scale;
        for (int i = 0; i < keys.length; i++) keys[i] *= scale;
        samples.add(new AttentionSamples.Sample(s.family(), s.n(), s.d(), s.m(), q, keys, s.values(), s.upstream(), s.w(), s.logPrior()));
      }
      AttentionCheck.Result r = AttentionCheck.run(handles, reference, AttentionStatistic.MEAN, samples);
      assertTrue(r.passed(), kernel + " at " + scale + ": " + r.describe());
    }
  }
}
