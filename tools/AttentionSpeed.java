import dev.activations.catalog.ScaledDotAttention;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@code ScaledDotAttention} against the straightforward Java attention of {@code
 * bench/AttentionBench} (scores loop, {@code Math.exp} softmax, weighted sum) in one JVM, by the
 * CPU time of the thread, so that a loaded machine inflates the figures less than JMH's wall
 * clock: each path warmed by 20000 calls, then {@code rounds} rounds of 300 calls (100 for {@code
 * backward}), the paths alternating within each round; it prints the median round and the
 * fastest per path, the ratios the issue asks about (value against the straightforward loop,
 * {@code backward} over {@code value}, double over float) by medians and by fastest rounds, and
 * the bytes the thread allocated per call. n = 1024, d = m = 64, the bench's standard normal entries (seed 42).
 * This is the "ad hoc harness" of docs/ATTENTION.md ("Speed").
 *
 * <p>Usage (with the catalog jar built, e.g. by {@code mvn -B -o -q -pl generated -am package
 * -DskipTests -Dinvoker.skip=true}): {@code java --add-modules jdk.incubator.vector -cp
 * generated/target/activations-0.1.0-SNAPSHOT.jar tools/AttentionSpeed.java 15}; without
 * {@code --add-modules} it times the plain-Java code.
 */
public class AttentionSpeed {
  private static final int N = 1024;
  private static final int D = 64;
  private static final int M = 64;

  private static double[] q;
  private static double[] keys;
  private static double[] values;
  private static double[] up;
  private static double[] out = new double[M];
  private static double[] gq = new double[D];
  private static double[] gk = new double[N * D];
  private static double[] gv = new double[N * M];
  private static double[] scores = new double[N];
  private static float[] qF;
  private static float[] keysF;
  private static float[] valuesF;
  private static float[] outF = new float[M];

  /** The baseline, as in bench/AttentionBench: scores, softmax with Math.exp, weighted sum. */
  private static void straightforward() {
    int n = N, d = D, m = M;
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
    Arrays.fill(out, 0);
    for (int j = 0; j < n; j++) {
      double w = scores[j] / sum;
      for (int i = 0; i < m; i++) out[i] += w * values[j * m + i];
    }
  }

  private static void value() {
    ScaledDotAttention.value(q, 0, keys, 0, values, 0, N, D, M, out, 0);
  }

  private static void valueFloat() {
    ScaledDotAttention.value(qF, 0, keysF, 0, valuesF, 0, N, D, M, outF, 0);
  }

  private static void backward() {
    ScaledDotAttention.backward(q, 0, keys, 0, values, 0, N, D, M, up, 0, gq, 0, gk, 0, gv, 0);
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    SplittableRandom r = new SplittableRandom(42);
    q = normal(r, D);
    keys = normal(r, N * D);
    values = normal(r, N * M);
    up = normal(r, M);
    qF = toFloat(q);
    keysF = toFloat(keys);
    valuesF = toFloat(values);
    String[] names = {"straightforward", "value", "value(float[])", "backward"};
    Runnable[] runs = {AttentionSpeed::straightforward, AttentionSpeed::value, AttentionSpeed::valueFloat,
        AttentionSpeed::backward};
    int[] reps = {300, 300, 300, 100};
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (Runnable run : runs) {
      for (int i = 0; i < 20000; i++) run.run();
    }
    double[][] us = new double[runs.length][rounds];
    long[] bytes = new long[runs.length];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < runs.length; k++) {
        long a0 = threads.getThreadAllocatedBytes(id);
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < reps[k]; i++) runs[k].run();
        us[k][round] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / reps[k];
        bytes[k] += threads.getThreadAllocatedBytes(id) - a0;
      }
    }
    System.out.printf(Locale.ROOT, "ScaledDotAttention.VECTORIZED = %s, n = %d, d = %d, m = %d, %d rounds%n",
        ScaledDotAttention.VECTORIZED, N, D, M, rounds);
    double[] med = new double[runs.length];
    double[] min = new double[runs.length];
    for (int k = 0; k < runs.length; k++) {
      double[] s = us[k].clone();
      Arrays.sort(s);
      med[k] = s[rounds / 2];
      min[k] = s[0];
      System.out.printf(Locale.ROOT, "%-16s median %7.2f us  fastest %7.2f us  %.2f B/call%n", names[k], med[k], min[k],
          (double) bytes[k] / rounds / reps[k]);
    }
    System.out.printf(Locale.ROOT, "value vs straightforward %.2fx (%.2fx)  backward / value %.2fx (%.2fx)"
        + "  float vs double %.2fx (%.2fx)   [medians (fastest rounds)]%n", med[0] / med[1], min[0] / min[1],
        med[3] / med[1], min[3] / min[1], med[1] / med[2], min[1] / min[2]);
  }

  private static double[] normal(SplittableRandom r, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) x[i] = gaussian(r);
    return x;
  }

  /** Box-Muller with the draws of the bench's sampler ({@code ActivationBench.gaussian}): the same data. */
  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
    return f;
  }
}
