package dev.activations.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the generated code is measured against: a {@code Math.tanh} loop (what GaussianSignedMean's
 * value lowered to before) and a hand-written scalar exp form {@code (1 - e) / (1 + e)}, {@code e
 * = exp(-2|x|)}, with the sign restored (fast, but not accurate near 0).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class Baseline {
  @Param({"4096", "1048576"})
  public int n;

  double[] in;
  double[] out;
  float[] inF;
  float[] outF;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    in = new double[n];
    out = new double[n];
    inF = new float[n];
    outF = new float[n];
    for (int i = 0; i < n; i++) {
      in[i] = 3 * ActivationBench.gaussian(r);
      inF[i] = (float) in[i];
    }
  }

  @Benchmark
  public double[] mathTanhDouble() {
    for (int i = 0; i < n; i++) {
      out[i] = Math.tanh(in[i]);
    }
    return out;
  }

  @Benchmark
  public float[] mathTanhFloat() {
    for (int i = 0; i < n; i++) {
      outF[i] = (float) Math.tanh(inF[i]);
    }
    return outF;
  }

  @Benchmark
  public double[] handExpDouble() {
    for (int i = 0; i < n; i++) {
      double x = in[i];
      double e = Math.exp(-2.0 * Math.abs(x));
      out[i] = Math.copySign((1.0 - e) / (1.0 + e), x);
    }
    return out;
  }
}
