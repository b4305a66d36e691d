package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTSignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTSignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTSignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private StudentTSignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, 16.0).mul(t2);
      DoubleVector r = t3.add(4.0).div(t3.add(12.0).mul(t2).add(1.0)).mul(t1).blend(DoubleVector.broadcast(S, 4.0).mul(t0).add(16.0).mul(z).div(t0.add(12.0).mul(t0).add(16.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(DoubleVector.broadcast(S, -64.0).mul(t4).add(-16.0).mul(t4).add(-4.0)).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(384.0).mul(t4).add(176.0).mul(t4).add(24.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(DoubleVector.broadcast(S, -4.0).mul(t2).add(-16.0).mul(t2).add(-64.0)).div(t2.add(24.0).mul(t2).add(176.0).mul(t2).add(384.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(DoubleVector.broadcast(S, -64.0).mul(t4).add(-16.0).mul(t4).add(-4.0)).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(384.0).mul(t4).add(176.0).mul(t4).add(24.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(DoubleVector.broadcast(S, -4.0).mul(t2).add(-16.0).mul(t2).add(-64.0)).div(t2.add(24.0).mul(t2).add(176.0).mul(t2).add(384.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      FloatVector t0 = z.mul(z);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t2 = t1.mul(t1);
      FloatVector t3 = FloatVector.broadcast(W, 16.0f).mul(t2);
      FloatVector r = t3.add(4.0f).div(t3.add(12.0f).mul(t2).add(1.0f)).mul(t1).blend(FloatVector.broadcast(W, 4.0f).mul(t0).add(16.0f).mul(z).div(t0.add(12.0f).mul(t0).add(16.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = z.add(-2.0f);
      FloatVector t1 = z.add(2.0f);
      FloatVector t2 = z.mul(z);
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = t3.mul(t3);
      FloatVector r = t0.mul(t3).mul(t1.mul(t3)).mul(FloatVector.broadcast(W, -64.0f).mul(t4).add(-16.0f).mul(t4).add(-4.0f)).div(FloatVector.broadcast(W, 256.0f).mul(t4).add(384.0f).mul(t4).add(176.0f).mul(t4).add(24.0f).mul(t4).add(1.0f)).mul(t4).blend(t0.mul(t1).mul(FloatVector.broadcast(W, -4.0f).mul(t2).add(-16.0f).mul(t2).add(-64.0f)).div(t2.add(24.0f).mul(t2).add(176.0f).mul(t2).add(384.0f).mul(t2).add(256.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r = r.blend(-0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(-0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector t0 = z.add(-2.0f);
      FloatVector t1 = z.add(2.0f);
      FloatVector t2 = z.mul(z);
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = t3.mul(t3);
      FloatVector r = t0.mul(t3).mul(t1.mul(t3)).mul(FloatVector.broadcast(W, -64.0f).mul(t4).add(-16.0f).mul(t4).add(-4.0f)).div(FloatVector.broadcast(W, 256.0f).mul(t4).add(384.0f).mul(t4).add(176.0f).mul(t4).add(24.0f).mul(t4).add(1.0f)).mul(t4).blend(t0.mul(t1).mul(FloatVector.broadcast(W, -4.0f).mul(t2).add(-16.0f).mul(t2).add(-64.0f)).div(t2.add(24.0f).mul(t2).add(176.0f).mul(t2).add(384.0f).mul(t2).add(256.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r = r.blend(-0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(-0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
