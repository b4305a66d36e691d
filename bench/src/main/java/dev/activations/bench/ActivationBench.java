package dev.activations.bench;

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
 * Forward, derivative and backward array methods of representative catalog activations, double
 * and float. Subclasses fix the path by JVM flags: {@link Simd} runs with {@code --add-modules
 * jdk.incubator.vector}, {@link Scalar} with {@code -Ddev.activations.simd=false} (the plain-Java
 * fallback). Inputs are N(0, 3^2): both tails and the center, so branches are unpredictable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class ActivationBench {
  @Param({"GaussianSignedMean", "GaussianGatedMean", "StudentTSignedMean", "GaussianPrototypes3Mean",
      "GaussianSignedFreeEnergy"})
  public String activation;

  @Param({"4096", "1048576"})
  public int n;

  Kernel k;
  double[] in;
  double[] up;
  double[] out;
  float[] inF;
  float[] upF;
  float[] outF;

  @Setup(Level.Trial)
  public void setUp() {
    k = Kernel.of(activation);
    boolean expected = this instanceof Simd;
    if (k.vectorized() != expected) {
      throw new IllegalStateException(activation + ": VECTORIZED is " + k.vectorized());
    }
    SplittableRandom r = new SplittableRandom(42);
    in = new double[n];
    up = new double[n];
    out = new double[n];
    inF = new float[n];
    upF = new float[n];
    outF = new float[n];
    for (int i = 0; i < n; i++) {
      in[i] = 3 * gaussian(r);
      up[i] = gaussian(r);
      inF[i] = (float) in[i];
      upF[i] = (float) up[i];
    }
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian on JDK 17
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Benchmark
  public double[] valueDouble() {
    k.value(in, out);
    return out;
  }

  @Benchmark
  public double[] derivativeDouble() {
    k.derivative(in, out);
    return out;
  }

  @Benchmark
  public double[] backwardDouble() {
    k.backward(in, up, out);
    return out;
  }

  @Benchmark
  public float[] valueFloat() {
    k.value(inF, outF);
    return outF;
  }

  @Benchmark
  public float[] derivativeFloat() {
    k.derivative(inF, outF);
    return outF;
  }

  @Benchmark
  public float[] backwardFloat() {
    k.backward(inF, upF, outF);
    return outF;
  }
}
