package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Laplace attention, {@code Norm[q-k]}: a cone at keys equal to the query, and an energy of degree 1
 * in the vectors (the asymptotic form's power 1/2, small entries scaled up). In one dimension every
 * key's {@code grad_q e_j} is {@code sign(q - k_j)}, so with every key on one side of the query
 * {@code grad q} is exactly 0 ({@code sum_j dL/de_j = 0}); the general form left rounding noise
 * there (about 1e-15 of the key gradients in 58% of random calls: no accuracy relative to 0). The
 * expected values come from the reference ({@code AttentionReference} of {@code Sqrt[dd]}).
 */
class ConeAttentionTest {
  @Test
  void oneDimensionalGradientsAreExactWhereTheyVanishAndAccurateElsewhere() throws Throwable {
    AttentionGeneration g = new AttentionGeneration(new Symja());
    var d = g.derive(g.resolve(List.of("--attention", "--energy", "Norm[q-k]", "--stat", "mean")));
    AttentionGeneration.Emitted e = g.emitVerified(d, "p", "Laplace");
    assertTrue(e.check().passed(), e.summary());
    Class<?> type = InMemoryCompiler.compileAndLoad(e.file());
    MethodHandle backward = MethodHandles.publicLookup().findStatic(type, "backward", MethodType.methodType(void.class,
        double[].class, int.class, double[].class, int.class, double[].class, int.class, int.class, int.class, int.class,
        double[].class, int.class, double[].class, int.class, double[].class, int.class, double[].class, int.class));
    AttentionReference reference = new AttentionReference("Sqrt[dd]", Map.of(), "1", AttentionStatistic.MEAN);
    SplittableRandom random = new SplittableRandom(20261207);
    for (int t = 0; t < 200; t++) {
      int n = 2 + random.nextInt(12);
      int m = 1 + random.nextInt(3);
      double scale = Math.pow(10, random.nextDouble(-200, 200));
      double[] q = {scale * random.nextDouble(-3, 3)};
      boolean oneSide = t % 2 == 0;
      double[] keys = new double[n];
      for (int j = 0; j < n; j++) keys[j] = oneSide ? q[0] - scale * random.nextDouble(1e-3, 5) : scale * random.nextDouble(-3, 3);
      double[] values = new double[n * m];
      for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
      double[] up = new double[m];
      for (int i = 0; i < m; i++) up[i] = random.nextGaussian();
      double[] gq = new double[1];
      double[] gk = new double[n];
      double[] gv = new double[n * m];
      backward.invoke(q, 0, keys, 0, values, 0, n, 1, m, up, 0, gq, 0, gk, 0, gv, 0);
      double exact = reference.evaluate(q, keys, values, n, 1, m, up).gradQ()[0];
      if (oneSide) {
        assertTrue(exact == 0.0, "the reference: every key below the query, " + exact);
        assertTrue(gq[0] == 0.0, "every key below the query (call " + t + "): " + gq[0]);
      } else {
        assertTrue(Math.abs(gq[0] - exact) <= 1e-10 * Math.abs(exact), "call " + t + ": " + gq[0] + " against " + exact);
      }
    }
  }
}
