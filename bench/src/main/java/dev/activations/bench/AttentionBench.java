package dev.activations.bench;

import dev.activations.catalog.ScaledDotAttention;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code ScaledDotAttention} (one query, n keys in R^d, values in R^m) against a straightforward
 * Java implementation: the scores loop, a {@code Math.exp} softmax over the scores, the weighted
 * sum. Also its backward pass and its {@code float[]} twin. After the measurement it prints the
 * useful work rate ({@code 4 n d}-ish flops: {@code 2 n d} for the scores, {@code 2 n m} for the
 * weighted sum) next to an assumed double FMA peak, so the distance to the hardware is visible,
 * and whether the class took its SIMD kernels. Two forks in one run: {@link AttentionBenchSimd}
 * (with {@code jdk.incubator.vector}) and {@link AttentionBenchScalar} (the plain-Java code).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class AttentionBench {
  /**
   * The peak assumed for one core of the development machine (AMD EPYC, family 26, with AVX-512:
   * {@code DoubleVector.SPECIES_PREFERRED} has 8 doubles): 2 FMA pipes x 8 doubles x 2 flops per
   * cycle at an assumed 3.0 GHz (the clock under load is not known; the TSC runs at 2.6 GHz).
   */
  static final double PEAK_GFLOPS = 2 * 8 * 2 * 3.0;

  @Param({"1024"})
  public int n;

  @Param({"64"})
  public int d;

  @Param({"64"})
  public int m;

  double[] q;
  double[] keys;
  double[] values;
  double[] out;
  double[] up;
  double[] gq;
  double[] gk;
  double[] gv;
  double[] scores;
  float[] qF;
  float[] keysF;
  float[] valuesF;
  float[] outF;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    q = normal(r, d);
    keys = normal(r, n * d);
    values = normal(r, n * m);
    up = normal(r, m);
    out = new double[m];
    gq = new double[d];
    gk = new double[n * d];
    gv = new double[n * m];
    scores = new double[n];
    qF = toFloat(q);
    keysF = toFloat(keys);
    valuesF = toFloat(values);
    outF = new float[m];
  }

  /** The baseline: scores, softmax with Math.exp, weighted sum. */
  @Benchmark
  public double[] straightforward() {
    double scale = 1 / Math.sqrt(d);
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) s += q[i] * keys[j * d + i];
      scores[j] = s * scale;
      max = Math.max(max, scores[j]);
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      scores[j] = Math.exp(scores[j] - max);
      sum += scores[j];
    }
    java.util.Arrays.fill(out, 0);
    for (int j = 0; j < n; j++) {
      double w = scores[j] / sum;
      for (int i = 0; i < m; i++) out[i] += w * values[j * m + i];
    }
    return out;
  }

  @Benchmark
  public double[] value() {
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, n, d, m, out, 0);
    return out;
  }

  @Benchmark
  public double[] backward() {
    ScaledDotAttention.backward(q, 0, keys, 0, values, 0, n, d, m, up, 0, gq, 0, gk, 0, gv, 0);
    return gq;
  }

  @Benchmark
  public float[] valueFloat() {
    ScaledDotAttention.value(qF, 0, keysF, 0, valuesF, 0, n, d, m, outF, 0);
    return outF;
  }

  /**
   * Times a few hundred calls of each path outside JMH's iterations and prints GFLOP/s beside the
   * assumed peak. It runs at set-up (after its own warm-up of 2000 calls per path), not at
   * tear-down: a tear-down's calls fell inside the last iteration's {@code -prof gc} window and
   * showed up there as hundreds of kB per op.
   */
  @Setup(Level.Trial)
  public void printRates() {
    setUp();
    double flops = 2.0 * n * d + 2.0 * n * m;
    System.out.printf(Locale.ROOT, "%nScaledDotAttention.VECTORIZED = %s%n", ScaledDotAttention.VECTORIZED);
    String[] names = {"straightforward", "ScaledDotAttention.value", "ScaledDotAttention.value(float[])",
        "ScaledDotAttention.backward"};
    Runnable[] runs = {this::straightforward, this::value, this::valueFloat, this::backward};
    // CPU time of this thread beside the wall clock: on a shared, loaded machine the wall clock also counts
    // the time other processes held the core
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int k = 0; k < runs.length; k++) {
      for (int i = 0; i < 2000; i++) runs[k].run();
      int reps = 300;
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) runs[k].run();
      double seconds = (System.nanoTime() - t0) / 1e9 / reps;
      double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9 / reps;
      System.out.printf(Locale.ROOT, "%n%-36s %8.1f us (CPU %6.1f us)  %6.2f GFLOP/s (useful flops 2nd + 2nm = %.0f)"
          + "  assumed double FMA peak %.0f GFLOP/s per core%n", names[k], seconds * 1e6, cpu * 1e6, flops / cpu / 1e9,
          flops, PEAK_GFLOPS);
    }
  }

  private static double[] normal(SplittableRandom r, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) x[i] = ActivationBench.gaussian(r);
    return x;
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
    return f;
  }
}
