package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.GenerateCatalog;
import dev.activations.deriver.cli.LayerGeneration;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.FloatContract;
import dev.activations.deriver.verify.LayerReference;
import dev.activations.deriver.verify.LayerSamples;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layer classes against the layer contract, through their public API: the independent
 * high-precision reference at random vectors (a stream the derive-time measurement does not use),
 * the backward pass against central differences of the forward, and the invariants of the softmax
 * family.
 */
class LayerContractTest {
  /** Not the deriver's seed: these vectors chose nothing. */
  private static final long SEED = 0x5eed_b0b5L;
  private static final int[] SIZES = {1, 2, 3, 7, 16, 100, 1000, 4096, 5, 33};

  /** One layer class through method handles. */
  record Layer(String name, LayerSpec spec, int group, boolean perUnit, MethodHandle value, MethodHandle backward,
      MethodHandle valueFloat) {
    double[] value(double[] z) {
      double[] out = new double[perUnit ? z.length : z.length / (group == 0 ? Math.max(z.length, 1) : group)];
      try {
        value.invokeExact(z, out);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return out;
    }

    double[] backward(double[] z, double[] u) {
      double[] grad = new double[z.length];
      try {
        backward.invokeExact(z, u, grad);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return grad;
    }

    float[] value(float[] z) {
      float[] out = new float[perUnit ? z.length : z.length / (group == 0 ? Math.max(z.length, 1) : group)];
      try {
        valueFloat.invokeExact(z, out);
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
      return out;
    }
  }

  private static List<Layer> layers;

  static synchronized List<Layer> layers() throws ReflectiveOperationException {
    if (layers != null) return layers;
    LayerGeneration generation = new LayerGeneration(new Symja());
    List<Layer> out = new ArrayList<>();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (LayerCatalog.Entry e : LayerCatalog.ENTRIES) {
      Class<?> c = Class.forName("dev.activations.catalog." + e.className());
      LayerSpec spec = generation.resolve(GenerateCatalog.split(e.spec()));
      out.add(new Layer(e.className(), spec, c.getField("GROUP").getInt(null), c.getField("PER_UNIT").getBoolean(null),
          lookup.findStatic(c, "value", MethodType.methodType(void.class, double[].class, double[].class)),
          lookup.findStatic(c, "backward", MethodType.methodType(void.class, double[].class, double[].class, double[].class)),
          lookup.findStatic(c, "value", MethodType.methodType(void.class, float[].class, float[].class))));
    }
    layers = out;
    return out;
  }

  private static Stream<DynamicTest> each(java.util.function.Consumer<Layer> check) throws ReflectiveOperationException {
    return layers().stream().map(l -> DynamicTest.dynamicTest(l.name(), () -> check.accept(l)));
  }

  @Test
  void theCatalogHasTheLayers() {
    List<String> names = LayerCatalog.ENTRIES.stream().map(LayerCatalog.Entry::className).toList();
    assertTrue(names.containsAll(List.of("Softmax", "LogSoftmax", "SoftmaxWeighted", "SoftmaxGrouped4", "SoftmaxEntropy",
        "LogSumExp", "HardMax", "StudentTCompetition", "YatCompetition")), names.toString());
  }

  @Test
  void vectorKernelsAreUsedWhereExpected() {
    boolean expected = Boolean.getBoolean("dev.activations.expectSimd");
    assertEquals(expected, Softmax.VECTORIZED, "Softmax.VECTORIZED");
    assertEquals(expected, LogSoftmax.VECTORIZED, "LogSoftmax.VECTORIZED");
  }

  @TestFactory
  Stream<DynamicTest> referenceAtRandomVectors() throws ReflectiveOperationException {
    return each(l -> {
      LayerReference reference = LayerGeneration.reference(l.spec());
      int count = l.group() > 0 ? 8 : 14;
      double worstValue = 0;
      double worstGradient = 0;
      for (LayerSamples.Sample s : LayerSamples.of(SEED ^ l.name().hashCode(), count, SIZES, l.perUnit(), l.group())) {
        double[] out = l.value(s.z());
        double[] grad = l.backward(s.z(), s.upstream());
        int n = s.z().length;
        int g = l.group() == 0 ? n : l.group();
        int per = out.length / (n / g);
        for (int b = 0; b < n; b += g) {
          int o = (b / g) * per;
          LayerReference.Result exact = reference.evaluate(Arrays.copyOfRange(s.z(), b, b + g),
              Arrays.copyOfRange(s.upstream(), o, o + per));
          for (int i = 0; i < per; i++) {
            double err = LayerReference.error(out[o + i], exact.values()[i], exact.scales()[i]);
            worstValue = Math.max(worstValue, err);
            assertTrue(err <= 1e-12, l.name() + " " + s.family() + " n=" + n + " output " + (o + i) + ": " + out[o + i]
                + " vs " + exact.values()[i]);
          }
          double largest = Double.MIN_NORMAL;
          for (double v : exact.gradient()) largest = Math.max(largest, Math.abs(v));
          for (int j = 0; j < g; j++) {
            double err = Math.abs(grad[b + j] - exact.gradient()[j]) / largest;
            worstGradient = Math.max(worstGradient, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
            assertTrue(err <= 1e-10, l.name() + " " + s.family() + " n=" + n + " gradient " + (b + j) + ": "
                + grad[b + j] + " vs " + exact.gradient()[j] + " (largest " + largest + ")");
          }
        }
      }
      System.out.printf("layer contract: %-22s worst value error %.1e, worst gradient error %.1e%n", l.name(),
          worstValue, worstGradient);
    });
  }

  @TestFactory
  Stream<DynamicTest> backwardIsTheGradientOfTheForward() throws ReflectiveOperationException {
    return each(l -> {
      if (l.spec().statistic().isLimit()) return;
      SplittableRandom random = new SplittableRandom(SEED + 1);
      for (int trial = 0; trial < 5; trial++) {
        int n = l.group() > 0 ? 2 * l.group() : 1 + trial * 2;
        double[] z = new double[n];
        for (int j = 0; j < n; j++) z[j] = random.nextDouble(-3, 3);
        double[] u = new double[l.value(z).length];
        for (int i = 0; i < u.length; i++) u[i] = random.nextDouble(-1, 1);
        double[] grad = l.backward(z, u);
        double largest = 1e-300;
        double[] numeric = new double[n];
        for (int j = 0; j < n; j++) {
          double h = 1e-5;
          double[] plus = z.clone();
          double[] minus = z.clone();
          plus[j] += h;
          minus[j] -= h;
          double[] op = l.value(plus);
          double[] om = l.value(minus);
          double d = 0;
          for (int i = 0; i < u.length; i++) d += u[i] * (op[i] - om[i]) / (plus[j] - minus[j]);
          numeric[j] = d;
          largest = Math.max(largest, Math.abs(d));
        }
        for (int j = 0; j < n; j++) {
          assertTrue(Math.abs(grad[j] - numeric[j]) <= 1e-6 * largest + 1e-9,
              l.name() + " unit " + j + ": backward " + grad[j] + " vs central difference " + numeric[j]);
        }
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> floatTwinsRoundTheDoubleResult() throws ReflectiveOperationException {
    return each(l -> {
      SplittableRandom random = new SplittableRandom(SEED + 2);
      int n = l.group() > 0 ? 4 * l.group() : 37;
      float[] zf = new float[n];
      double[] zd = new double[n];
      for (int j = 0; j < n; j++) {
        zf[j] = (float) random.nextDouble(-20, 20);
        zd[j] = zf[j];
      }
      float[] of = l.value(zf);
      double[] od = l.value(zd);
      if (floatKernel(l)) {
        // computed in float: the float contract (floatKernelsMeetTheFloatContract), not the rounded double
        for (int i = 0; i < of.length; i++) {
          assertTrue(FloatContract.relativeError(of[i], (float) od[i]) <= FloatContract.TOLERANCE,
              l.name() + " output " + i + ": " + of[i] + " vs " + (float) od[i]);
        }
      } else {
        for (int i = 0; i < of.length; i++) assertEquals((float) od[i], of[i], l.name() + " output " + i);
      }
    });
  }

  /** Whether {@code value(float[] ...)} of the layer runs a SIMD kernel that computes in float. */
  private static boolean floatKernel(Layer l) {
    try {
      Class<?> c = Class.forName("dev.activations.catalog." + l.name());
      c.getDeclaredField("SIMD_VALUE_FLOAT");
      return c.getField("VECTORIZED").getBoolean(null);
    } catch (NoSuchFieldException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void floatKernelsAreUsedWhereExpected() throws ReflectiveOperationException {
    boolean expected = Boolean.getBoolean("dev.activations.expectSimd");
    assertEquals(expected, floatKernel(named("Softmax")), "Softmax float kernel");
    assertEquals(expected, floatKernel(named("LogSoftmax")), "LogSoftmax float kernel");
  }

  /**
   * The float contract (relative 2^-20 against the exact value rounded to float, scale floor
   * {@code Float.MIN_NORMAL}) for the float[] value methods of the softmax family, against the
   * reference, on float vectors: unit-scale, wide (magnitudes over the whole float range, so that
   * differences overflow), narrow spreads around large centres, near-ties a few ulps apart, exact
   * ties, one dominant unit, and gaps from 87 to 110 (subnormal and vanishing responsibilities).
   * In the SIMD execution this measures the float kernels, otherwise the double code rounded once.
   */
  @Test
  void floatKernelsMeetTheFloatContract() throws ReflectiveOperationException {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    String[] families = {"normal", "wide", "narrow", "near-ties", "ties", "dominant", "subnormal"};
    int[] sizes = {16, 17, 48, 100, 4096};
    for (String name : List.of("Softmax", "LogSoftmax")) {
      Layer l = named(name);
      LayerReference reference = LayerGeneration.reference(l.spec());
      double worst = 0;
      for (String family : families) {
        for (int n : sizes) {
          if (n == 4096 && !family.equals("normal") && !family.equals("wide")) continue;
          float[] z = floatVector(family, n, random);
          double[] zd = new double[n];
          for (int j = 0; j < n; j++) zd[j] = z[j];
          float[] out = l.value(z);
          double[] exact = reference.evaluate(zd, new double[n]).values();
          for (int j = 0; j < n; j++) {
            double err = FloatContract.relativeError(out[j], (float) exact[j]);
            worst = Math.max(worst, err);
            assertTrue(err <= FloatContract.TOLERANCE, name + " " + family + " n=" + n + " output " + j + ": " + out[j]
                + " vs " + (float) exact[j]);
          }
        }
      }
      System.out.printf("layer float contract: %-10s worst %.1e (2^-20 = %.1e)%n", name, worst, FloatContract.TOLERANCE);
    }
  }

  private static float[] floatVector(String family, int n, SplittableRandom random) {
    float[] z = new float[n];
    float centre = (float) (Math.pow(10, random.nextDouble(-30, 38)) * (random.nextBoolean() ? 1 : -1));
    for (int j = 0; j < n; j++) {
      z[j] = switch (family) {
        case "normal" -> (float) (3 * random.nextGaussian());
        case "wide" -> (float) (Math.pow(10, random.nextDouble(-38, 38.5)) * (random.nextBoolean() ? 1 : -1));
        case "narrow" -> (float) (centre * (1 + 1e-5 * random.nextGaussian()));
        case "near-ties" -> centre;
        case "ties" -> random.nextInt(4) == 0 ? 7.25f : (float) random.nextDouble(-20, 7);
        case "dominant" -> j == n / 2 ? 200f : (float) random.nextGaussian();
        case "subnormal" -> (float) random.nextDouble(-110, 0);
        default -> throw new IllegalArgumentException(family);
      };
      if (family.equals("near-ties")) {
        float v = centre;
        for (int k = random.nextInt(6); k > 0; k--) v = Math.nextUp(v);
        z[j] = v;
      }
    }
    if (family.equals("subnormal")) z[random.nextInt(n)] = 0f;
    return z;
  }

  /** Special inputs inside vector-length groups, where the SIMD kernels run (double and float). */
  @Test
  void specialInputsInLongGroups() throws ReflectiveOperationException {
    Layer softmax = named("Softmax");
    Layer logSoftmax = named("LogSoftmax");
    int n = 40;
    double[] z = new double[n];
    for (int j = 0; j < n; j++) z[j] = j % 7 - 3;
    for (int at : new int[] {0, 5, 33, 39}) {
      double[] nan = z.clone();
      nan[at] = Double.NaN;
      for (Layer l : List.of(softmax, logSoftmax)) {
        for (double v : l.value(nan)) assertTrue(Double.isNaN(v), l.name() + " NaN at " + at);
        for (double v : l.backward(nan, z)) assertTrue(Double.isNaN(v), l.name() + " backward, NaN at " + at);
        float[] nanF = toFloats(nan);
        for (float v : l.value(nanF)) assertTrue(Float.isNaN(v), l.name() + " float, NaN at " + at);
      }
    }
    double[] inf = z.clone();
    inf[3] = Double.POSITIVE_INFINITY;
    inf[35] = Double.POSITIVE_INFINITY;
    inf[20] = Double.NEGATIVE_INFINITY;
    double[] r = softmax.value(inf);
    float[] rf = softmax.value(toFloats(inf));
    for (int j = 0; j < n; j++) {
      double expected = j == 3 || j == 35 ? 0.5 : 0;
      assertEquals(expected, r[j], softmax.name() + " " + j);
      assertEquals((float) expected, rf[j], softmax.name() + " float " + j);
    }
    assertEquals(-Math.log(2), logSoftmax.value(inf)[3]);
    double[] minusInf = z.clone();
    minusInf[7] = Double.NEGATIVE_INFINITY;
    minusInf[30] = -1e308;
    double[] plain = z.clone();
    plain[7] = -1e300;
    plain[30] = -1e300;
    assertArrayEquals(softmax.value(plain), softmax.value(minusInf), 1e-15);
    float[] f = toFloats(minusInf);
    float[] fr = softmax.value(f);
    assertEquals(0f, fr[7]);
    assertEquals(0f, fr[30]);
    float[] lf = logSoftmax.value(f);
    assertEquals(Float.NEGATIVE_INFINITY, lf[7]);
    assertEquals(Float.NEGATIVE_INFINITY, lf[30]); // -1e308 is -Infinity in float
    // differences that overflow float: -3e38 against 3e38
    float[] wide = new float[32];
    for (int j = 0; j < wide.length; j++) wide[j] = j % 2 == 0 ? -3e38f : 3e38f;
    float[] w = softmax.value(wide);
    float[] lw = logSoftmax.value(wide);
    for (int j = 0; j < wide.length; j++) {
      assertEquals(j % 2 == 0 ? 0f : 1f / 16, w[j], "wide " + j);
      assertEquals(j % 2 == 0 ? Float.NEGATIVE_INFINITY : (float) -Math.log(16), lw[j], 1e-6f, "log wide " + j);
    }
  }

  private static float[] toFloats(double[] z) {
    float[] f = new float[z.length];
    for (int j = 0; j < z.length; j++) f[j] = (float) z[j];
    return f;
  }

  // ------------------------------------------------------------------ invariants

  private static Layer named(String name) throws ReflectiveOperationException {
    return layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void responsibilitiesSumToOnePerGroup() throws ReflectiveOperationException {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    for (String name : List.of("Softmax", "SoftmaxGrouped4", "StudentTCompetition", "YatCompetition", "HardMax")) {
      Layer l = named(name);
      for (int trial = 0; trial < 20; trial++) {
        int n = 4 * (1 + random.nextInt(64));
        double[] z = new double[n];
        double scale = Math.pow(10, random.nextDouble(-5, 5));
        for (int j = 0; j < n; j++) z[j] = scale * random.nextDouble(-1, 1);
        double[] r = l.value(z);
        int g = l.group() == 0 ? n : l.group();
        for (int b = 0; b < n; b += g) {
          double sum = 0;
          for (int j = b; j < b + g; j++) {
            assertTrue(r[j] >= 0 && r[j] <= 1, name + ": " + r[j]);
            sum += r[j];
          }
          assertEquals(1.0, sum, 1e-12, name + " group at " + b);
        }
      }
    }
  }

  @Test
  void logSoftmaxIsTheLogOfSoftmaxShiftInvariantAndPermutationEquivariant() throws ReflectiveOperationException {
    Layer softmax = named("Softmax");
    Layer logSoftmax = named("LogSoftmax");
    SplittableRandom random = new SplittableRandom(SEED + 4);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(200);
      double[] z = new double[n];
      for (int j = 0; j < n; j++) z[j] = Math.rint(random.nextDouble(-40, 40) * 64) / 64;
      double[] r = softmax.value(z);
      double[] lr = logSoftmax.value(z);
      for (int j = 0; j < n; j++) {
        if (r[j] >= Double.MIN_NORMAL) assertEquals(Math.log(r[j]), lr[j], 1e-13 * Math.max(1, Math.abs(lr[j])));
      }
      double[] shifted = z.clone();
      for (int j = 0; j < n; j++) shifted[j] += 1.5; // exact: multiples of 1/64 below 2^46
      for (Layer l : List.of(softmax, logSoftmax)) {
        double[] a = l.value(z);
        double[] b = l.value(shifted);
        for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], 1e-13 * Math.max(1, Math.abs(a[j])));
      }
      int[] perm = new int[n];
      for (int j = 0; j < n; j++) perm[j] = j;
      for (int j = n - 1; j > 0; j--) {
        int k = random.nextInt(j + 1);
        int t = perm[j];
        perm[j] = perm[k];
        perm[k] = t;
      }
      double[] permuted = new double[n];
      for (int j = 0; j < n; j++) permuted[j] = z[perm[j]];
      for (String name : List.of("Softmax", "LogSoftmax", "SoftmaxWeighted", "HardMax")) {
        Layer l = named(name);
        double[] a = l.value(z);
        double[] b = l.value(permuted);
        for (int j = 0; j < n; j++) assertEquals(a[perm[j]], b[j], 1e-13 * Math.max(1e-300, Math.abs(b[j])), name);
      }
      for (String name : List.of("SoftmaxEntropy", "LogSumExp")) {
        Layer l = named(name);
        assertEquals(l.value(z)[0], l.value(permuted)[0], 1e-13 * Math.max(1, Math.abs(l.value(z)[0])), name);
      }
    }
  }

  @Test
  void specialInputs() throws ReflectiveOperationException {
    Layer softmax = named("Softmax");
    assertArrayEquals(new double[] {1}, softmax.value(new double[] {123.25}));
    assertArrayEquals(new double[] {0.5, 0.5}, softmax.value(new double[] {1e308, 1e308}));
    assertArrayEquals(new double[] {0, 1}, softmax.value(new double[] {-1e308, 1e308}));
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, softmax.value(new double[] {-7, -7, -7, -7}));
    assertArrayEquals(new double[] {0.5, 0, 0.5}, softmax.value(new double[] {Double.POSITIVE_INFINITY, 3,
        Double.POSITIVE_INFINITY}));
    assertArrayEquals(new double[] {0, 1}, softmax.value(new double[] {Double.NEGATIVE_INFINITY, 3}));
    double[] nan = softmax.value(new double[] {1, Double.NaN, 2});
    for (double v : nan) assertTrue(Double.isNaN(v));
    Layer grouped = named("SoftmaxGrouped4");
    double[] g = grouped.value(new double[] {1, 2, Double.NaN, 3, 0, 0, 0, 0});
    for (int j = 0; j < 4; j++) assertTrue(Double.isNaN(g[j]));
    for (int j = 4; j < 8; j++) assertEquals(0.25, g[j]);
    assertThrows(IllegalArgumentException.class, () -> grouped.value.invoke(new double[6], new double[6]));
    Layer logSoftmax = named("LogSoftmax");
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0}, logSoftmax.value(new double[] {-1e308, 1e308}));
    assertEquals(-Math.log(2), logSoftmax.value(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY})[0]);
    Layer weighted = named("SoftmaxWeighted");
    assertArrayEquals(new double[] {0, 1e308}, weighted.value(new double[] {-1e308, 1e308}));
    Layer entropy = named("SoftmaxEntropy");
    assertEquals(Math.log(3), entropy.value(new double[] {5, 5, 5})[0], 1e-15);
    assertEquals(0.0, entropy.value(new double[] {-1e308, 1e308})[0]);
    Layer lse = named("LogSumExp");
    assertEquals(-1e308, lse.value(new double[] {-1e308, 1e308})[0]);
    assertEquals(Double.NEGATIVE_INFINITY, lse.value(new double[] {1, Double.POSITIVE_INFINITY})[0]);
    Layer hardMax = named("HardMax");
    assertArrayEquals(new double[] {0.5, 0, 0.5}, hardMax.value(new double[] {4, 1, 4}));
    double[] grad = softmax.backward(new double[] {1e308, -1e308}, new double[] {1, 2});
    for (double v : grad) assertTrue(Double.isFinite(v));
  }
}
