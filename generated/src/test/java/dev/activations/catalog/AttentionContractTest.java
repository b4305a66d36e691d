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
 * together, a shared value shift, a query shift orthogonal to every key for scaled-dot). A weighted
 * (diagonal Mahalanobis) class is called with the weights {@link #W} (or the samples' own) and its
 * {@code grad w} is held to the reference and to central differences as well.
 */
class AttentionContractTest {
  /** Not the deriver's seed: these inputs chose nothing. */
  private static final long SEED = 0xa77e_b0b5L;

  /** The diagonal weights the weighted classes get outside the reference samples (positive, up to d = 5). */
  private static final double[] W = {0.75, 2.5, 0.125, 1.5, 4.0};

  /** One attention class through method handles (always the weighted signatures; see {@link AttentionCheck.Handles}). */
  record Attention(String name, AttentionSpec spec, AttentionCheck.Handles handles, MethodHandle valueFloat,
      MethodHandle valueBatch) {
    boolean weighted() {
      return handles.weighted();
    }

    /** The weights for a query in d dimensions (null without weights). */
    double[] weights(int d) {
      return weighted() ? java.util.Arrays.copyOf(W, d) : null;
    }

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
        handles.value().invokeExact(q, 0, keys, 0, values, 0, n, d, m, out, 0, weights(d), 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return out;
    }

    /** {@code {grad q, grad keys, grad values, grad w}} (the last empty without weights). */
    double[][] backward(double[] q, double[] keys, double[] values, int n, int d, int m, double[] u) {
      return backward(q, keys, values, n, d, m, u, weights(d));
    }

    double[][] backward(double[] q, double[] keys, double[] values, int n, int d, int m, double[] u, double[] w) {
      double[] gq = new double[d];
      double[] gk = new double[n * d];
      double[] gv = new double[n * m];
      double[] gw = new double[w == null ? 0 : d];
      try {
        handles.backward().invokeExact(q, 0, keys, 0, values, 0, n, d, m, u, 0, gq, 0, gk, 0, gv, 0, w, 0, gw, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return new double[][] {gq, gk, gv, gw};
    }

    double[] value(double[] q, double[] keys, double[] values, int n, int d, int m, double[] w) {
      double[] out = new double[outputs(n, m)];
      try {
        handles.value().invokeExact(q, 0, keys, 0, values, 0, n, d, m, out, 0, w, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return out;
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
      // free parameters bound to the values the class was measured at
      double[] free = AttentionGeneration.reference(spec).freeValues();
      AttentionCheck.Handles handles = AttentionCheck.Handles.of(c, free, spec.free());
      MethodType floatType = MethodType.methodType(void.class, float[].class, int.class,
          float[].class, int.class, float[].class, int.class, int.class, int.class, int.class, float[].class, int.class);
      MethodType batchType = MethodType.methodType(void.class, int.class, double[].class,
          int.class, double[].class, int.class, double[].class, int.class, int.class, int.class, int.class, double[].class, int.class);
      if (handles.weighted()) {
        floatType = floatType.appendParameterTypes(float[].class, int.class);
        batchType = batchType.appendParameterTypes(double[].class, int.class);
      }
      MethodHandle valueFloat = bind(lookup.findStatic(c, "value", withFree(floatType, free.length)), free);
      MethodHandle valueBatch = bind(lookup.findStatic(c, "valueBatch", withFree(batchType, free.length)), free);
      if (!handles.weighted()) {
        valueFloat = MethodHandles.dropArguments(valueFloat, floatType.parameterCount(), float[].class, int.class);
        valueBatch = MethodHandles.dropArguments(valueBatch, batchType.parameterCount(), double[].class, int.class);
      }
      out.add(new Attention(e.className(), spec, handles, valueFloat, valueBatch));
    }
    classes = out;
    return out;
  }

  private static MethodType withFree(MethodType t, int free) {
    for (int i = 0; i < free; i++) t = t.appendParameterTypes(double.class);
    return t;
  }

  /** The trailing free parameters bound to {@code free}. */
  private static MethodHandle bind(MethodHandle h, double[] free) {
    if (free.length == 0) return h;
    Object[] values = new Object[free.length];
    for (int i = 0; i < free.length; i++) values[i] = free[i];
    return MethodHandles.insertArguments(h, h.type().parameterCount() - free.length, values);
  }

  private static Stream<DynamicTest> each(java.util.function.Consumer<Attention> check) throws ReflectiveOperationException {
    return classes().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> check.accept(a)));
  }

  @Test
  void theCatalogHasTheAttentionClasses() {
    List<String> names = AttentionCatalog.ENTRIES.stream().map(AttentionCatalog.Entry::className).toList();
    assertTrue(names.containsAll(List.of("ScaledDotAttention", "ScaledDotAttentionWeights", "ScaledDotAttentionEnergy",
        "EuclideanAttention", "CosineAttention", "StudentTAttention", "YatAttention", "MahalanobisAttention",
        "EuclideanAttentionScaleFree")), names.toString());
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

  /**
   * The kernels whose classes meet the contract where the Gram entries overflow (query and keys at
   * a common scale of 1e150 .. 1e200, every fourth sample at 1e77 .. 1e125): energies linear in the
   * entries, and the Student-t and Yat energies in their asymptotic forms, evaluated on scaled
   * entries. Not cosine (its own scaling has its own test), not classes with free parameters, and not
   * the free energy (its value, about 1e400 for the linear kernels, overflows itself).
   */
  private static final java.util.Set<String> EXTREME_KERNELS = java.util.Set.of("dot", "scaled-dot", "euclidean", "mahalanobis",
      "student-t", "yat");

  @TestFactory
  Stream<DynamicTest> referenceAtExtremeScales() throws ReflectiveOperationException {
    List<Attention> fixed = classes().stream()
        .filter(a -> EXTREME_KERNELS.contains(a.spec().kernel().name()) && a.spec().free().isEmpty()
            && a.stat() != AttentionStatistic.FREE_ENERGY)
        .toList();
    assertTrue(fixed.size() >= 6, "classes measured at extreme scales: " + fixed.size());
    return fixed.stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> {
      AttentionReference reference = AttentionGeneration.reference(a.spec());
      List<AttentionSamples.Sample> samples = AttentionGeneration.extremeSamples(SEED, 12,
          new int[] {1, 4, 130, 9, 2, 31}, new int[] {2, 1, 5, 24, 3, 64}, new int[] {3, 1, 17, 2}, a.stat());
      AttentionCheck.Result r = AttentionCheck.run(a.handles(), reference, a.stat(), samples);
      assertTrue(r.passed(), a.name() + ": " + r.describe());
    }));
  }

  /**
   * Yat at 1e200: keys equal to the query have the energy {@code -|q|^4/eps} (about -1e800, a scaled
   * energy of -Infinity once {@code eps t} underflows) and win outright; two of them split the weight
   * equally, and the gradients stay finite where the exact ones are (q: 0, the values: u/2 for the
   * tied keys, 0 for the other). Before the asymptotic form every output was NaN.
   */
  @Test
  void yatKeysEqualToTheQueryWinAtExtremeScales() {
    int n = 3;
    int d = 2;
    int m = 1;
    double big = 1e200;
    double[] q = {big, -0.5 * big};
    double[] keys = {0.5 * big, 0.25 * big, big, -0.5 * big, big, -0.5 * big};
    double[] values = {-7.0, 1.0, 3.0};
    double[] out = new double[1];
    YatAttention.value(q, 0, keys, 0, values, 0, n, d, m, out, 0);
    assertEquals(2.0, out[0], 0.0, "the two keys equal to the query split the weight");
    double[] gq = new double[d];
    double[] gk = new double[n * d];
    double[] gv = new double[n * m];
    YatAttention.backward(q, 0, keys, 0, values, 0, n, d, m, new double[] {1.0}, 0, gq, 0, gk, 0, gv, 0);
    assertArrayEquals(new double[] {0.0, 0.0}, gq, 0.0, "grad q");
    assertArrayEquals(new double[] {0.0, 0.5, 0.5}, gv, 0.0, "grad values");
    // one key equal to the query among keys near it (relative 1e-9): it wins outright
    double[] near = {big * (1 + 1e-9), -0.5 * big, big, -0.5 * big, big, -0.5 * big * (1 - 1e-9)};
    YatAttention.value(q, 0, near, 0, values, 0, n, d, m, out, 0);
    assertEquals(1.0, out[0], 0.0, "the key equal to the query wins");
  }

  /** Exact ties at an extreme scale: two copies of the query's best key split the weight, a log-prior decides. */
  @Test
  void tiesAndPriorsDecideAtExtremeScales() {
    int n = 3;
    int d = 2;
    int m = 1;
    double big = 1e200;
    double[] q = {big, -0.5 * big};
    double[] keys = {big, -0.5 * big, big, -0.5 * big, -big, 0.25 * big};
    double[] values = {1.0, 3.0, -7.0};
    double[] out = new double[1];
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, out, 0);
    assertEquals(2.0, out[0], 0.0, "two exactly tied keys split the weight equally");
    // a log-prior difference of log 3 between the tied keys: weights 1/4 and 3/4
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, out, 0, new double[] {0.0, Math.log(3.0), 0.0}, 0);
    assertEquals(2.5, out[0], 1e-15, "the prior decides between tied keys");
    EuclideanAttention.value(q, 0, keys, 0, values, 0, n, d, m, out, 0);
    assertEquals(2.0, out[0], 0.0, "Euclidean: the keys equal to the query tie");
  }

  /**
   * A batch whose second query is far larger than the first and the keys (1e300 against 1e10: its
   * energies overflow): its rescaled attempt takes the scale from that query, so the batched
   * gradients equal the single calls'.
   */
  @Test
  void batchedBackwardScalesEachQuery() {
    int n = 2;
    int d = 2;
    int m = 1;
    double[] queries = {1.0, -0.5, 1e300, -0.5e300};
    double[] keys = {1e10, -0.5e10, -1e10, 0.25e10};
    double[] values = {1.0, 3.0};
    double[] upstream = {1.0, 1.0};
    double[] batchQ = new double[2 * d];
    ScaledDotAttention.backwardBatch(2, queries, 0, keys, 0, values, 0, n, d, m, upstream, 0, batchQ, 0,
        new double[n * d], 0, new double[n * m], 0);
    for (int i = 0; i < 2; i++) {
      double[] singleQ = new double[d];
      ScaledDotAttention.backward(queries, i * d, keys, 0, values, 0, n, d, m, upstream, i, singleQ, 0,
          new double[n * d], 0, new double[n * m], 0);
      for (int k = 0; k < d; k++) {
        assertEquals(singleQ[k], batchQ[i * d + k], 0.0, "query " + i + ", grad q " + k);
      }
    }
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
        double[] w = a.weighted() ? positive(random, d) : null;
        double[][] g = a.backward(q, keys, values, n, d, m, u, w);
        double[][] inputs = {q, keys, values, w};
        for (int which = 0; which < 4; which++) {
          if (which == 2 && !a.stat().usesValues() || which == 3 && w == null) continue;
          double[] x = inputs[which];
          double largest = 0;
          for (double v : g[which]) largest = Math.max(largest, Math.abs(v));
          for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            double h = 1e-6 * Math.max(1, Math.abs(keep));
            x[i] = keep + h;
            double up = dot(u, a.value(q, keys, values, n, d, m, w));
            x[i] = keep - h;
            double down = dot(u, a.value(q, keys, values, n, d, m, w));
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
      double[] w = a.weights(d);
      float[] wf = w == null ? null : toFloat(w);
      try {
        a.valueFloat().invokeExact(qf, 0, kf, 0, vf, 0, n, d, m, outF, 0, wf, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int i = 0; i < outF.length; i++) assertEquals((float) exactOfFloats[i], outF[i], Math.ulp((float) exactOfFloats[i]), "float twin " + i);
      // the batched form is the single form per query
      double[] queries = normal(random, 3 * d, 1);
      double[] batch = new double[3 * out.length];
      try {
        a.valueBatch().invokeExact(3, queries, 0, keys, 0, values, 0, n, d, m, batch, 0, w, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int b = 0; b < 3; b++) {
        double[] single = a.value(java.util.Arrays.copyOfRange(queries, b * d, b * d + d), keys, values, n, d, m);
        for (int i = 0; i < single.length; i++) assertEquals(single[i], batch[b * out.length + i], 0.0, "batch " + b);
      }
    });
  }

  /**
   * The Mahalanobis kernel with unit weights is the Euclidean one (s = 1); the batched backward sums
   * grad w over the queries; grad w may be null.
   */
  @Test
  void mahalanobisWeights() {
    SplittableRandom random = new SplittableRandom(SEED + 4);
    int n = 6;
    int d = 4;
    int m = 3;
    double[] q = normal(random, 2 * d, 1);
    double[] keys = normal(random, n * d, 1);
    double[] values = normal(random, n * m, 1);
    double[] u = normal(random, 2 * m, 1);
    double[] ones = {1, 1, 1, 1};
    double[] a = new double[m];
    double[] b = new double[m];
    MahalanobisAttention.value(q, 0, keys, 0, values, 0, n, d, m, a, 0, ones, 0);
    EuclideanAttention.value(q, 0, keys, 0, values, 0, n, d, m, b, 0);
    assertArrayEquals(b, a, 1e-15, "unit weights: the Euclidean kernel");
    double[][] gm = {new double[d], new double[n * d], new double[n * m]};
    double[][] ge = {new double[d], new double[n * d], new double[n * m]};
    MahalanobisAttention.backward(q, 0, keys, 0, values, 0, n, d, m, u, 0, gm[0], 0, gm[1], 0, gm[2], 0, ones, 0, null, 0);
    EuclideanAttention.backward(q, 0, keys, 0, values, 0, n, d, m, u, 0, ge[0], 0, ge[1], 0, ge[2], 0);
    for (int k = 0; k < 3; k++) assertArrayEquals(ge[k], gm[k], 1e-15, "unit weights: gradient " + k + " (gradW null)");
    // two queries in a batch: grad w (like grad keys) is the sum of the single calls'
    double[] w = positive(random, d);
    double[] gq = new double[2 * d];
    double[] gk = new double[n * d];
    double[] gv = new double[n * m];
    double[] gw = new double[d];
    MahalanobisAttention.backwardBatch(2, q, 0, keys, 0, values, 0, n, d, m, u, 0, gq, 0, gk, 0, gv, 0, w, 0, gw, 0);
    double[] sum = new double[d];
    for (int i = 0; i < 2; i++) {
      double[] one = new double[d];
      MahalanobisAttention.backward(q, i * d, keys, 0, values, 0, n, d, m, u, i * m, new double[d], 0, new double[n * d], 0,
          new double[n * m], 0, w, 0, one, 0);
      for (int k = 0; k < d; k++) sum[k] += one[k];
    }
    assertArrayEquals(sum, gw, 1e-14 * java.util.Arrays.stream(sum).map(Math::abs).max().orElse(1), "batched grad w");
    // the float twin: grad w computed in double from the float inputs, rounded once
    float[] qf = toFloat(java.util.Arrays.copyOf(q, d));
    float[] kf = toFloat(keys);
    float[] vf = toFloat(values);
    float[] uf = toFloat(java.util.Arrays.copyOf(u, m));
    float[] wf = toFloat(w);
    float[] gwf = new float[d];
    MahalanobisAttention.backward(qf, 0, kf, 0, vf, 0, n, d, m, uf, 0, new float[d], 0, new float[n * d], 0, new float[n * m], 0,
        wf, 0, gwf, 0);
    double[] gwd = new double[d];
    MahalanobisAttention.backward(toDouble(qf), 0, toDouble(kf), 0, toDouble(vf), 0, n, d, m, toDouble(uf), 0, new double[d], 0,
        new double[n * d], 0, new double[n * m], 0, toDouble(wf), 0, gwd, 0);
    for (int i = 0; i < d; i++) assertEquals((float) gwd[i], gwf[i], Math.ulp((float) gwd[i]), "float grad w " + i);
    // bad weights range
    assertThrows(IndexOutOfBoundsException.class, () -> MahalanobisAttention.value(q, 0, keys, 0, values, 0, n, d, m, a, 0, ones, 1));
  }

  /** d L / d logPrior against central differences of the prior overload of value, for every class. */
  @TestFactory
  Stream<DynamicTest> logPriorGradientMatchesCentralDifferences() throws ReflectiveOperationException {
    return each(a -> {
      if (a.stat() == AttentionStatistic.MODE) return;
      SplittableRandom random = new SplittableRandom(SEED + 5);
      for (int trial = 0; trial < 3; trial++) {
        int n = 1 + random.nextInt(6);
        int d = 1 + random.nextInt(5);
        int m = 1 + random.nextInt(4);
        double[] q = normal(random, d, 0.7);
        double[] keys = normal(random, n * d, 0.7);
        double[] values = normal(random, n * m, 1);
        double[] prior = normal(random, n, 1);
        double[] u = normal(random, a.outputs(n, m), 1);
        double[] w = a.weights(d);
        double[] gp = new double[n];
        double[] gw = w == null ? null : new double[d];
        try {
          a.handles().backwardPrior().invokeExact(q, 0, keys, 0, values, 0, n, d, m, u, 0, new double[d], 0, new double[n * d], 0,
              new double[n * m], 0, w, 0, gw, 0, prior, 0, gp, 0);
        } catch (Throwable t) {
          throw new AssertionError(t);
        }
        double largest = 0;
        for (double v : gp) largest = Math.max(largest, Math.abs(v));
        for (int j = 0; j < n; j++) {
          double keep = prior[j];
          double h = 1e-6 * Math.max(1, Math.abs(keep));
          prior[j] = keep + h;
          double up = dot(u, valueWithPriors(a, q, keys, values, n, d, m, w, prior));
          prior[j] = keep - h;
          double down = dot(u, valueWithPriors(a, q, keys, values, n, d, m, w, prior));
          prior[j] = keep;
          assertEquals((up - down) / (2 * h), gp[j], 1e-6 * Math.max(1, largest), a.name() + " log-prior " + j + " n=" + n);
        }
      }
    });
  }

  private static double[] valueWithPriors(Attention a, double[] q, double[] keys, double[] values, int n, int d, int m, double[] w,
      double[] prior) {
    double[] out = new double[a.outputs(n, m)];
    try {
      a.handles().valuePrior().invokeExact(q, 0, keys, 0, values, 0, n, d, m, out, 0, w, 0, prior, 0);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    return out;
  }

  /**
   * A log-prior of -Infinity removes its key exactly (outputs and gradients as without the key, the
   * key's gradients 0); null priors are no priors; a query whose keys are all masked gets NaN.
   */
  @Test
  void logPriorsMaskAndBias() {
    SplittableRandom random = new SplittableRandom(SEED + 6);
    int n = 5;
    int d = 3;
    int m = 2;
    double[] q = normal(random, d, 1);
    double[] keys = normal(random, n * d, 1);
    double[] values = normal(random, n * m, 1);
    double[] u = normal(random, m, 1);
    double[] mask = {0, Double.NEGATIVE_INFINITY, 0, 0, Double.NEGATIVE_INFINITY};
    int[] kept = {0, 2, 3};
    double[] keptKeys = new double[kept.length * d];
    double[] keptValues = new double[kept.length * m];
    for (int j = 0; j < kept.length; j++) {
      System.arraycopy(keys, kept[j] * d, keptKeys, j * d, d);
      System.arraycopy(values, kept[j] * m, keptValues, j * m, m);
    }
    double[] masked = new double[m];
    double[] removed = new double[m];
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, masked, 0, mask, 0);
    ScaledDotAttention.value(q, 0, keptKeys, 0, keptValues, 0, kept.length, d, m, removed, 0);
    assertArrayEquals(removed, masked, 0.0, "masked keys are removed");
    double[] gq = new double[d];
    double[] gk = new double[n * d];
    double[] gv = new double[n * m];
    double[] gp = new double[n];
    ScaledDotAttention.backward(q, 0, keys, 0, values, 0, n, d, m, u, 0, gq, 0, gk, 0, gv, 0, mask, 0, gp, 0);
    double[] gq2 = new double[d];
    double[] gk2 = new double[kept.length * d];
    double[] gv2 = new double[kept.length * m];
    ScaledDotAttention.backward(q, 0, keptKeys, 0, keptValues, 0, kept.length, d, m, u, 0, gq2, 0, gk2, 0, gv2, 0);
    assertArrayEquals(gq2, gq, 1e-15, "grad q without the masked keys");
    for (int j = 0; j < kept.length; j++) {
      for (int i = 0; i < d; i++) assertEquals(gk2[j * d + i], gk[kept[j] * d + i], 1e-15, "grad of kept key " + j);
    }
    for (int i = 0; i < d; i++) assertEquals(0.0, gk[d + i], 0.0, "masked key's gradient");
    assertEquals(0.0, gp[1], 0.0, "masked key's prior gradient");
    // a bias equal for every key changes nothing; a null prior is no prior
    double[] shifted = new double[m];
    double[] none = new double[m];
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, shifted, 0, new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, 0);
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, none, 0, null, 0);
    double[] plain = new double[m];
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, plain, 0);
    assertArrayEquals(plain, shifted, 1e-15, "a shared bias");
    assertArrayEquals(plain, none, 0.0, "null priors");
    // the float twin of the prior overload
    float[] outF = new float[m];
    ScaledDotAttention.value(toFloat(q), 0, toFloat(keys), 0, toFloat(values), 0, n, d, m, outF, 0, toFloat(mask), 0);
    double[] ofFloats = new double[m];
    ScaledDotAttention.value(toDouble(toFloat(q)), 0, toDouble(toFloat(keys)), 0, toDouble(toFloat(values)), 0, n, d, m, ofFloats, 0,
        mask, 0);
    for (int i = 0; i < m; i++) assertEquals((float) ofFloats[i], outF[i], Math.ulp((float) ofFloats[i]), "float twin with priors " + i);
    // every key masked: no posterior
    double[] all = new double[n];
    java.util.Arrays.fill(all, Double.NEGATIVE_INFINITY);
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, masked, 0, all, 0);
    assertTrue(Double.isNaN(masked[0]) && Double.isNaN(masked[1]), "fully masked");
  }

  /** {@code dS} of the free-scale Euclidean class against central differences of {@code value} in {@code s}. */
  @Test
  void freeParameterGradientMatchesCentralDifferences() {
    SplittableRandom random = new SplittableRandom(SEED + 7);
    for (int trial = 0; trial < 4; trial++) {
      int n = 1 + random.nextInt(6);
      int d = 1 + random.nextInt(5);
      int m = 1 + random.nextInt(4);
      double[] q = normal(random, d, 0.7);
      double[] keys = normal(random, n * d, 0.7);
      double[] values = normal(random, n * m, 1);
      double[] u = normal(random, m, 1);
      double s = Math.pow(2, random.nextDouble(-1, 1));
      double h = 1e-6 * s;
      double[] up = new double[m];
      double[] down = new double[m];
      EuclideanAttentionScaleFree.value(q, 0, keys, 0, values, 0, n, d, m, up, 0, s + h);
      EuclideanAttentionScaleFree.value(q, 0, keys, 0, values, 0, n, d, m, down, 0, s - h);
      double numeric = (dot(u, up) - dot(u, down)) / (2 * h);
      double exact = EuclideanAttentionScaleFree.dS(q, 0, keys, 0, values, 0, n, d, m, u, 0, s);
      assertEquals(numeric, exact, 1e-6 * Math.max(1, Math.abs(exact)), "dS at s = " + s + ", n=" + n + " d=" + d + " m=" + m);
      // s = 1 is EuclideanAttention
      double[] a1 = new double[m];
      double[] a2 = new double[m];
      EuclideanAttentionScaleFree.value(q, 0, keys, 0, values, 0, n, d, m, a1, 0, 1.0);
      EuclideanAttention.value(q, 0, keys, 0, values, 0, n, d, m, a2, 0);
      assertArrayEquals(a2, a1, 1e-15, "s = 1");
    }
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
      double[] w = a.weights(d);
      float[] wf = w == null ? null : toFloat(w);
      try {
        a.valueFloat().invokeExact(qf, 0, kf, 0, vf, 0, n, d, m, outF, 0, wf, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int i = 0; i < outF.length; i++) assertEquals((float) exactOfFloats[i], outF[i], Math.ulp((float) exactOfFloats[i]), "float twin " + i);
      double[] keys = toDouble(kf);
      double[] values = toDouble(vf);
      double[] queries = normal(random, 2 * d, 1);
      double[] batch = new double[2 * exactOfFloats.length];
      try {
        a.valueBatch().invokeExact(2, queries, 0, keys, 0, values, 0, n, d, m, batch, 0, w, 0);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      for (int b = 0; b < 2; b++) {
        double[] single = a.value(java.util.Arrays.copyOfRange(queries, b * d, b * d + d), keys, values, n, d, m);
        for (int i = 0; i < single.length; i++) assertEquals(single[i], batch[b * exactOfFloats.length + i], 0.0, "batch " + b);
      }
    });
  }

  /**
   * The float twin where the SIMD companion's cheap float kernel must refuse its a-priori bound: the keys' large
   * entries (about 1e12) cancel in pairs in {@code <q,k>}, so the fast sums lose about 1e-4 of each energy (the cheap
   * kernel, taken anyway, gave 0.430302 where the exact output is 0.430281 in an ad hoc run); the bound of the
   * largest key entry holds there far from the contract, so the call goes to the careful kernel, which recomputes
   * those keys compensated. Meaningful in the suite's SIMD execution (d = m = 16: one vector or more).
   */
  @Test
  void floatTwinWhereTheCheapBoundFails() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    int n = 40;
    int d = 16;
    int m = 16;
    float[] q = new float[d];
    java.util.Arrays.fill(q, 1f);
    float[] keys = new float[n * d];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < d / 2; i += 2) {
        float b = (float) (1e12 * (1 + random.nextDouble()));
        keys[j * d + i] = b;
        keys[j * d + i + 1] = -b;
      }
      for (int i = d / 2; i < d; i++) keys[j * d + i] = (float) normal(random, 1, 1)[0];
    }
    float[] values = toFloat(normal(random, n * m, 1));
    double[] exact = new double[m];
    ScaledDotAttention.value(toDouble(q), 0, toDouble(keys), 0, toDouble(values), 0, n, d, m, exact, 0);
    float[] outF = new float[m];
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, outF, 0);
    for (int i = 0; i < m; i++) assertEquals((float) exact[i], outF[i], Math.ulp((float) exact[i]), "float twin " + i);
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

  /** Positive weights, log-uniform in 1/4 .. 4. */
  private static double[] positive(SplittableRandom random, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) x[i] = Math.pow(4, random.nextDouble(-1, 1));
    return x;
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
