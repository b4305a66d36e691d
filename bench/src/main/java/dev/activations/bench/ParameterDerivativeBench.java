package dev.activations.bench;

import dev.activations.catalog.StudentTSignedMeanNuFree;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scalar methods of a class with a free parameter, per call, over 4,096 N(0, 3^2) inputs:
 * {@code StudentTSignedMeanNuFree.dNu} carries a near-zero patch (an extrapolation over nodes that
 * depend on nu) that only inputs with {@code |z| < 0.1} take; the patch's nodes are computed inside
 * its branch, so the other inputs pay for the main form only. {@code value} is there for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Ddev.activations.simd=false")
public class ParameterDerivativeBench {
  private static final int N = 4096;
  private double[] in;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    in = new double[N];
    for (int i = 0; i < N; i++) {
      in[i] = 3 * ActivationBench.gaussian(r);
    }
  }

  /** Nanoseconds per 4,096 calls of {@code dNu(z, 3)}. */
  @Benchmark
  public double dNu() {
    double sum = 0;
    for (double z : in) {
      sum += StudentTSignedMeanNuFree.dNu(z, 3.0);
    }
    return sum;
  }

  /** Nanoseconds per 4,096 calls of {@code value(z, 3)}. */
  @Benchmark
  public double value() {
    double sum = 0;
    for (double z : in) {
      sum += StudentTSignedMeanNuFree.value(z, 3.0);
    }
    return sum;
  }
}
