package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.AttentionGeneration;
import dev.activations.deriver.cli.GenerateCatalog;
import dev.activations.deriver.spec.AttentionSpec;
import dev.activations.deriver.spec.AttentionStatistic;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.AttentionCheck;
import dev.activations.deriver.verify.AttentionReference;
import dev.activations.deriver.verify.AttentionSamples;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The attention classes against the attention contract, through their public API: the
 * independent high-precision reference at random inputs (a stream the derive-time measurement does
 * not use), the backward pass against central differences of the forward, and the invariants of
 * attention (weights sum to 1, the mean in the values' convex hull, keys and values permuted
 * together, a shared value shift, a query shift orthogonal to every key for scaled-dot).
 */
class AttentionContractTest {
  /** Not the deriver's seed: these inputs chose nothing. */
  private static final long SEED = 0xa77e_b0b5L;

  /** One attention class through method handles. */
  record Attention(String name, AttentionSpec spec, AttentionCheck.Handles handles, MethodHandle valueFloat,
      MethodHandle valueBatch) {
    AttentionStatistic stat() {
      return spec.statistic();
    }

    int outputs(int n, int m) {
      return switch (stat().outputs()) {
        case "m" -> m;
        case "n" -> n;
        default -> 1;
      };
    }

    double[] value(double[] q, double[] keys, double[] values, int n, int d, int m) {
      double[] out = new double[outputs(n, m)];
      try {
        handles.value().invokeExact(q, 0, keys, 0, values, 0, n, d, m, out, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return out;
    }

    double[][] backward(double[] q, double[] keys, double[] values, int n, int d, int m, double[] u) {
      double[] gq = new double[d];
      double[] gk = new double[n * d];
      double[] gv = new double[n * m];
      try {
        handles.backward().invokeExact(q, 0, keys, 0, values, 0, n, d, m, u, 0, gq, 0, gk, 0, gv, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return new double[][] {gq, gk, gv};
    }
  }

  private static List<Attention> classes;

  static synchronized List<Attention> classes() throws ReflectiveOperationException {
    if (classes != null) return classes;
    AttentionGeneration generation = new AttentionGeneration(new Symja());
    List<Attention> out = new ArrayList<>();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (AttentionCatalog.Entry e : AttentionCatalog.ENTRIES) {
      Class<?> c = Class.forName("dev.activations.catalog." + e.className());
      AttentionSpec spec = generation.resolve(GenerateCatalog.split(e.spec()));
      MethodHandle valueFloat = lookup.findStatic(c, "value", MethodType.methodType(void.class, float[].class, int.class,
          float[].class, int.class, float[].class, int.class, int.class, int.class, int.class, float[].class, int.class));
      MethodHandle valueBatch = lookup.findStatic(c, "valueBatch", MethodType.methodType(void.class, int.class, double[].class,
          int.class, double[].class, int.class, double[].class, int.class, int.class, int.class, int.class, double[].class, int.class));
      out.add(new Attention(e.className(), spec, AttentionCheck.Handles.of(c), valueFloat, valueBatch));
    }
    classes = out;
    return out;
  }

  private static Stream<DynamicTest> each(java.util.function.Consumer<Attention> check) throws ReflectiveOperationException {
    return classes().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> check.accept(a)));
  }

  @Test
  void theCatalogHasTheAttentionClasses() {
    List<String> names = AttentionCatalog.ENTRIES.stream().map(AttentionCatalog.Entry::className).toList();
    assertTrue(names.containsAll(List.of("ScaledDotAttention", "ScaledDotAttentionWeights", "ScaledDotAttentionEnergy",
        "EuclideanAttention", "CosineAttention", "StudentTAttention", "YatAttention")), names.toString());
  }

  @TestFactory
  Stream<DynamicTest> referenceAtRandomInputs() throws ReflectiveOperationException {
    return each(a -> {
      AttentionReference reference = AttentionGeneration.reference(a.spec());
      List<AttentionSamples.Sample> samples = AttentionGeneration.samples(SEED, 12,
          new int[] {1, 4, 130, 9, 2, 31}, new int[] {2, 1, 5, 24, 3}, new int[] {3, 1, 17, 2}, a.stat());
      AttentionCheck.Result r = AttentionCheck.run(a.handles(), reference, a.stat(), samples);
      assertTrue(r.passed(), a.name() + ": " + r.describe());
    });
  }

  /** The sizes of the issue (n = 1024 keys, d = m = 64) once (one sample), for the main class. */
  @Test
  void scaledDotAttentionAtFullSize() throws ReflectiveOperationException {
    Attention a = classes().stream().filter(c -> c.name().equals("ScaledDotAttention")).findFirst().orElseThrow();
    List<AttentionSamples.Sample> samples = AttentionGeneration.samples(SEED + 1, 1, new int[] {1024}, new int[] {64},
        new int[] {64}, a.stat());
    AttentionCheck.Result r = AttentionCheck.run(a.handles(), AttentionGeneration.reference(a.spec()), a.stat(), samples);
    assertTrue(r.passed(), r.describe());
  }

  @TestFactory
  Stream<DynamicTest> backwardMatchesCentralDifferences() throws ReflectiveOperationException {
    return each(a -> {
      if (a.stat() == AttentionStatistic.MODE) return;
      SplittableRandom random = new SplittableRandom(SEED + 2);
      for (int trial = 0; trial < 4; trial++) {
        int n = 1 + random.nextInt(6);
        int d = 1 + random.nextInt(5);
        int m = 1 + random.nextInt(4);
        double[] q = normal(random, d, 0.7);
        double[] keys = normal(random, n * d, 0.7);
        double[] values = normal(random, n * m, 1);
        double[] u = normal(random, a.outputs(n, m), 1);
        double[][] g = a.backward(q, keys, values, n, d, m, u);
        double[][] inputs = {q, keys, values};
        for (int which = 0; which < (a.stat().usesValues() ? 3 : 2); which++) {
          double[] x = inputs[which];
          double largest = 0;
          for (double v : g[which]) largest = Math.max(largest, Math.abs(v));
          for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            double h = 1e-6 * Math.max(1, Math.abs(keep));
            x[i] = keep + h;
            double up = dot(u, a.value(q, keys, values, n, d, m));
            x[i] = keep - h;
            double down = dot(u, a.value(q, keys, values, n, d, m));
            x[i] = keep;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, g[which][i], 1e-6 * Math.max(1, largest),
                a.name() + " input " + which + " component " + i + " n=" + n + " d=" + d + " m=" + m);
          }
        }
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> invariants() throws ReflectiveOperationException {
    return each(a -> {
      SplittableRandom random = new SplittableRandom(SEED + 3);
      int n = 7;
      int d = 5;
      int m = 3;
      double[] q = normal(random, d, 1);
      double[] keys = normal(random, n * d, 1);
      double[] values = normal(random, n * m, 1);
      double[] out = a.value(q, keys, values, n, d, m);
      // keys and values permuted together change nothing (up to rounding)
      int[] perm = {3, 0, 6, 1, 5, 2, 4};
      double[] pk = new double[n * d];
      double[] pv = new double[n * m];
      for (int j = 0; j < n; j++) {
        System.arraycopy(keys, perm[j] * d, pk, j * d, d);
        System.arraycopy(values, perm[j] * m, pv, j * m, m);
      }
      double[] permuted = a.value(q, pk, pv, n, d, m);
      if (a.stat() == AttentionStatistic.RESPONSIBILITIES) {
        for (int j = 0; j < n; j++) assertEquals(out[perm[j]], permuted[j], 1e-15, "permuted weight " + j);
        double sum = 0;
        for (double r : out) {
          assertTrue(r >= 0 && r <= 1, "weight in [0, 1]");
          sum += r;
        }
        assertEquals(1.0, sum, 1e-15, "weights sum to 1");
      } else {
        for (int i = 0; i < out.length; i++) assertEquals(out[i], permuted[i], 1e-14 * Math.max(1, Math.abs(out[i])), "permuted output " + i);
      }
      if (a.stat() == AttentionStatistic.MEAN) {
        for (int i = 0; i < m; i++) {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) {
            lo = Math.min(lo, values[j * m + i]);
            hi = Math.max(hi, values[j * m + i]);
          }
          assertTrue(out[i] >= lo && out[i] <= hi, "mean in the convex hull of the values");
        }
        double[] shifted = values.clone();
        double[] shift = {2.5, -1.25, 0.5};
        for (int j = 0; j < n; j++) for (int i = 0; i < m; i++) shifted[j * m + i] += shift[i];
        double[] moved = a.value(q, keys, shifted, n, d, m);
        for (int i = 0; i < m; i++) assertEquals(out[i] + shift[i], moved[i], 1e-14 * 4, "shared value shift");
      }
      if (a.spec().kernel().name().equals("scaled-dot")) {
        // keys in the first d - 1 coordinates; a query shift along the last one is orthogonal to all of them
        double[] flat = keys.clone();
        for (int j = 0; j < n; j++) flat[j * d + d - 1] = 0;
        double[] before = a.value(q, flat, values, n, d, m);
        double[] q2 = q.clone();
        q2[d - 1] += 3.75;
        double[] after = a.value(q2, flat, values, n, d, m);
        assertArrayEquals(before, after, 0.0, "query shift orthogonal to every key");
      }
      // the float twin computes in double and rounds once
      float[] qf = toFloat(q);
      float[] kf = toFloat(keys);
      float[] vf = toFloat(values);
      double[] exactOfFloats = a.value(toDouble(qf), toDouble(kf), toDouble(vf), n, d, m);
      float[] outF = new float[out.length];
      try {
        a.valueFloat().invokeExact(qf, 0, kf, 0, vf, 0, n, d, m, outF, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int i = 0; i < outF.length; i++) assertEquals((float) exactOfFloats[i], outF[i], Math.ulp((float) exactOfFloats[i]), "float twin " + i);
      // the batched form is the single form per query
      double[] queries = normal(random, 3 * d, 1);
      double[] batch = new double[3 * out.length];
      try {
        a.valueBatch().invokeExact(3, queries, 0, keys, 0, values, 0, n, d, m, batch, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int b = 0; b < 3; b++) {
        double[] single = a.value(java.util.Arrays.copyOfRange(queries, b * d, b * d + d), keys, values, n, d, m);
        for (int i = 0; i < single.length; i++) assertEquals(single[i], batch[b * out.length + i], 0.0, "batch " + b);
      }
    });
  }

  @Test
  void vectorKernelsAreUsedWhereExpected() {
    boolean expected = Boolean.getBoolean("dev.activations.expectSimd");
    assertEquals(expected, ScaledDotAttention.VECTORIZED, "ScaledDotAttention.VECTORIZED");
    assertEquals(expected, EuclideanAttention.VECTORIZED, "EuclideanAttention.VECTORIZED");
  }

  /**
   * The float twin and the batched form at sizes where the SIMD kernels run (d and m at least one
   * vector), so that the suite's SIMD execution checks them too.
   */
  @TestFactory
  Stream<DynamicTest> floatTwinAndBatchAtVectorSizes() throws ReflectiveOperationException {
    return each(a -> {
      SplittableRandom random = new SplittableRandom(SEED + 4);
      int n = 40;
      int d = 16;
      int m = 16;
      float[] qf = toFloat(normal(random, d, 1));
      float[] kf = toFloat(normal(random, n * d, 1));
      float[] vf = toFloat(normal(random, n * m, 1));
      double[] exactOfFloats = a.value(toDouble(qf), toDouble(kf), toDouble(vf), n, d, m);
      float[] outF = new float[exactOfFloats.length];
      try {
        a.valueFloat().invokeExact(qf, 0, kf, 0, vf, 0, n, d, m, outF, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int i = 0; i < outF.length; i++) assertEquals((float) exactOfFloats[i], outF[i], Math.ulp((float) exactOfFloats[i]), "float twin " + i);
      double[] keys = toDouble(kf);
      double[] values = toDouble(vf);
      double[] queries = normal(random, 2 * d, 1);
      double[] batch = new double[2 * exactOfFloats.length];
      try {
        a.valueBatch().invokeExact(2, queries, 0, keys, 0, values, 0, n, d, m, batch, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int b = 0; b < 2; b++) {
        double[] single = a.value(java.util.Arrays.copyOfRange(queries, b * d, b * d + d), keys, values, n, d, m);
        for (int i = 0; i < single.length; i++) assertEquals(single[i], batch[b * exactOfFloats.length + i], 0.0, "batch " + b);
      }
    });
  }

  @Test
  void specialInputs() {
    int n = 3;
    int d = 2;
    int m = 2;
    double[] q = {0.5, -1};
    double[] keys = {1, 2, 1, 2, -3, 0.25};
    double[] values = {1, 2, 3, 4, 5, 6};
    double[] out = new double[m];
    // exact ties split equally
    double[] tied = {1, 2, 1, 2, 1, 2};
    ScaledDotAttention.value(q, 0, tied, 0, values, 0, n, d, m, out, 0);
    assertArrayEquals(new double[] {3, 4}, out, 1e-15);
    // NaN propagates
    double[] nan = keys.clone();
    nan[3] = Double.NaN;
    ScaledDotAttention.value(q, 0, nan, 0, values, 0, n, d, m, out, 0);
    assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
    // cosine at 1e200 neither overflows nor loses the angle
    double[] big = {3e200, 4e200};
    double[] bigKeys = {3e200, 4e200, -4e200, 3e200};
    double[] small = {3, 4};
    double[] smallKeys = {3, 4, -4, 3};
    double[] o1 = new double[m];
    double[] o2 = new double[m];
    CosineAttention.value(big, 0, bigKeys, 0, values, 0, 2, d, m, o1, 0);
    CosineAttention.value(small, 0, smallKeys, 0, values, 0, 2, d, m, o2, 0);
    assertArrayEquals(o2, o1, 1e-15);
    // bad sizes
    assertThrows(IllegalArgumentException.class, () -> ScaledDotAttention.value(q, 0, keys, 0, values, 0, -1, d, m, out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> ScaledDotAttention.value(q, 0, keys, 0, values, 0, 4, d, m, out, 0));
  }

  private static double[] normal(SplittableRandom random, int size, double scale) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = scale * Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
    return f;
  }

  private static double[] toDouble(float[] x) {
    double[] f = new double[x.length];
    for (int i = 0; i < x.length; i++) f[i] = x[i];
    return f;
  }
}
