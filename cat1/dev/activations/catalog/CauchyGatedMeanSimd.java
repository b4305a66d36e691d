package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link CauchyGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code CauchyGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class CauchyGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private CauchyGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector r = DoubleVector.broadcast(S, -2.0).mul(t0).add(-2.0).mul(t0).add(-1.0).div(DoubleVector.broadcast(S, -4.0).mul(t0.mul(t0)).add(-2.0)).mul(z).blend(z.neg().add(-2.0).mul(z).add(-2.0).mul(z).div(DoubleVector.broadcast(S, -2.0).mul(z.mul(z)).add(-4.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 4.0).mul(t1).add(8.0).mul(t1).add(4.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 8.0).mul(t2).add(8.0).mul(t2).add(2.0)).blend(t0.add(4.0).mul(z).add(8.0).mul(z).add(4.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(8.0).mul(t0).add(8.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 4.0).mul(t1).add(8.0).mul(t1).add(4.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 8.0).mul(t2).add(8.0).mul(t2).add(2.0)).blend(t0.add(4.0).mul(z).add(8.0).mul(z).add(4.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(8.0).mul(t0).add(8.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = DoubleVector.fromArray(S, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }

  static int value(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector r = FloatVector.broadcast(W, -2.0f).mul(t0).add(-2.0f).mul(t0).add(-1.0f).div(FloatVector.broadcast(W, -4.0f).mul(t0.mul(t0)).add(-2.0f)).mul(z).blend(z.neg().add(-2.0f).mul(z).add(-2.0f).mul(z).div(FloatVector.broadcast(W, -2.0f).mul(z.mul(z)).add(-4.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = z.mul(z);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t2 = t1.mul(t1);
      FloatVector r = FloatVector.broadcast(W, 4.0f).mul(t1).add(8.0f).mul(t1).add(4.0f).mul(t2).add(1.0f).div(FloatVector.broadcast(W, 8.0f).mul(t2).add(8.0f).mul(t2).add(2.0f)).blend(t0.add(4.0f).mul(z).add(8.0f).mul(z).add(4.0f).div(FloatVector.broadcast(W, 2.0f).mul(t0).add(8.0f).mul(t0).add(8.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector t0 = z.mul(z);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t2 = t1.mul(t1);
      FloatVector r = FloatVector.broadcast(W, 4.0f).mul(t1).add(8.0f).mul(t1).add(4.0f).mul(t2).add(1.0f).div(FloatVector.broadcast(W, 8.0f).mul(t2).add(8.0f).mul(t2).add(2.0f)).blend(t0.add(4.0f).mul(z).add(8.0f).mul(z).add(4.0f).div(FloatVector.broadcast(W, 2.0f).mul(t0).add(8.0f).mul(t0).add(8.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
