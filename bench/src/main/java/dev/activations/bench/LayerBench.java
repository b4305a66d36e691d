package dev.activations.bench;

import dev.activations.catalog.LogSoftmax;
import dev.activations.catalog.Softmax;
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
 * The layer classes {@code Softmax} and {@code LogSoftmax} (one group over the whole input) against
 * a straightforward three-pass Java softmax (max, {@code Math.exp} and sum, divide), {@code double[]}
 * and {@code float[]} (the same values rounded to float). Subclasses fix
 * the path: {@link LayerSimd} with {@code --add-modules jdk.incubator.vector}, {@link LayerScalar}
 * with SIMD switched off. Inputs are N(0, 3^2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class LayerBench {
  @Param({"4096"})
  public int n;

  double[] in;
  double[] up;
  double[] out;
  float[] inF;
  float[] upF;
  float[] outF;

  @Setup(Level.Trial)
  public void setUp() {
    if (Softmax.VECTORIZED != this instanceof LayerSimd) {
      throw new IllegalStateException("Softmax.VECTORIZED is " + Softmax.VECTORIZED);
    }
    SplittableRandom r = new SplittableRandom(42);
    in = new double[n];
    up = new double[n];
    out = new double[n];
    inF = new float[n];
    upF = new float[n];
    outF = new float[n];
    for (int i = 0; i < n; i++) {
      in[i] = 3 * ActivationBench.gaussian(r);
      up[i] = ActivationBench.gaussian(r);
      inF[i] = (float) in[i];
      upF[i] = (float) up[i];
    }
  }

  /** The baseline: max, exp and sum, divide. */
  @Benchmark
  public double[] threePassSoftmax() {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) m = Math.max(m, in[i]);
    double s = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(in[i] - m);
      out[i] = w;
      s += w;
    }
    for (int i = 0; i < n; i++) out[i] /= s;
    return out;
  }

  @Benchmark
  public double[] softmaxValue() {
    Softmax.value(in, out);
    return out;
  }

  @Benchmark
  public double[] softmaxBackward() {
    Softmax.backward(in, up, out);
    return out;
  }

  @Benchmark
  public float[] softmaxValueFloat() {
    Softmax.value(inF, outF);
    return outF;
  }

  @Benchmark
  public double[] logSoftmaxValue() {
    LogSoftmax.value(in, out);
    return out;
  }

  @Benchmark
  public float[] logSoftmaxValueFloat() {
    LogSoftmax.value(inF, outF);
    return outF;
  }

  @Benchmark
  public double[] logSoftmaxBackward() {
    LogSoftmax.backward(in, up, out);
    return out;
  }
}
