package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link CauchySignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code CauchySignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class CauchySignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private CauchySignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector r = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 2.0).mul(t0.mul(t0)).add(1.0)).mul(t0).blend(DoubleVector.broadcast(S, 2.0).mul(z).div(z.mul(z).add(2.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t1 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(-2.0).div(DoubleVector.broadcast(S, 4.0).mul(t4).add(4.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(-2.0).div(t2.add(4.0).mul(t2).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
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
      DoubleVector t0 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t1 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(-2.0).div(DoubleVector.broadcast(S, 4.0).mul(t4).add(4.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(-2.0).div(t2.add(4.0).mul(t2).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
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
      FloatVector t0 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector r = FloatVector.broadcast(W, 2.0f).div(FloatVector.broadcast(W, 2.0f).mul(t0.mul(t0)).add(1.0f)).mul(t0).blend(FloatVector.broadcast(W, 2.0f).mul(z).div(z.mul(z).add(2.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t1 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(-2.0).div(DoubleVector.broadcast(S, 4.0).mul(t4).add(4.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(-2.0).div(t2.add(4.0).mul(t2).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t1 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = t0.mul(t3).mul(t1.mul(t3)).mul(-2.0).div(DoubleVector.broadcast(S, 4.0).mul(t4).add(4.0).mul(t4).add(1.0)).mul(t4).blend(t0.mul(t1).mul(-2.0).div(t2.add(4.0).mul(t2).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(-0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
