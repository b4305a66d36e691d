package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianSignedMode}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianSignedMode} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianSignedModeSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private GaussianSignedModeSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(-1.0, DoubleVector.broadcast(S, -2.0).mul(z).compare(VectorOperators.GT, 0.0)).blend(1.0, DoubleVector.broadcast(S, 2.0).mul(z).compare(VectorOperators.GT, 0.0));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(0.0, DoubleVector.broadcast(S, -2.0).mul(z).compare(VectorOperators.GT, 0.0)).blend(0.0, DoubleVector.broadcast(S, 2.0).mul(z).compare(VectorOperators.GT, 0.0));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(0.0, DoubleVector.broadcast(S, -2.0).mul(z).compare(VectorOperators.GT, 0.0)).blend(0.0, DoubleVector.broadcast(S, 2.0).mul(z).compare(VectorOperators.GT, 0.0));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
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
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(-1.0f, FloatVector.broadcast(W, -2.0f).mul(z).compare(VectorOperators.GT, 0.0f)).blend(1.0f, FloatVector.broadcast(W, 2.0f).mul(z).compare(VectorOperators.GT, 0.0f));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(0.0f, FloatVector.broadcast(W, -2.0f).mul(z).compare(VectorOperators.GT, 0.0f)).blend(0.0f, FloatVector.broadcast(W, 2.0f).mul(z).compare(VectorOperators.GT, 0.0f));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(0.0f, FloatVector.broadcast(W, -2.0f).mul(z).compare(VectorOperators.GT, 0.0f)).blend(0.0f, FloatVector.broadcast(W, 2.0f).mul(z).compare(VectorOperators.GT, 0.0f));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
