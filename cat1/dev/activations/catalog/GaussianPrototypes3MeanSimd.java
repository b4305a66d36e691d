package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianPrototypes3Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianPrototypes3Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianPrototypes3MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private GaussianPrototypes3MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector r = DoubleVector.broadcast(S, 2.0).mul(z.lanewise(VectorOperators.SINH)).div(DoubleVector.broadcast(S, 0.5).lanewise(VectorOperators.EXP).add(DoubleVector.broadcast(S, 2.0).mul(z.lanewise(VectorOperators.COSH)))).blend(1.0, z.compare(VectorOperators.GE, 40.0)).blend(-1.0, z.compare(VectorOperators.LE, -40.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t5 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t3, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t6 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -0.5).add(z).blend(0.0, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t4, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t2, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t8 = t5.add(t6).add(t7);
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).div(t8.mul(t8));
      DoubleVector r = t5.mul(t6).neg().mul(t9).neg().sub(t5.mul(t7).mul(-2.0).mul(2.0).mul(t9)).sub(t6.mul(t7).neg().mul(t9));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t5 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t3, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t6 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -0.5).add(z).blend(0.0, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t4, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t2, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t8 = t5.add(t6).add(t7);
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).div(t8.mul(t8));
      DoubleVector r = t5.mul(t6).neg().mul(t9).neg().sub(t5.mul(t7).mul(-2.0).mul(2.0).mul(t9)).sub(t6.mul(t7).neg().mul(t9));
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
      FloatVector r = FloatVector.broadcast(W, 2.0f).mul(z.lanewise(VectorOperators.SINH)).div(FloatVector.broadcast(W, 0.5f).lanewise(VectorOperators.EXP).add(FloatVector.broadcast(W, 2.0f).mul(z.lanewise(VectorOperators.COSH)))).blend(1.0f, z.compare(VectorOperators.GE, 40.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -40.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -0.5f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, -2.0f).mul(z);
      FloatVector t3 = FloatVector.broadcast(W, 0.5f).add(z);
      FloatVector t4 = FloatVector.broadcast(W, 0.5f).add(t0);
      FloatVector t5 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 2.0f).mul(z).blend(t3, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t6 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -0.5f).add(z).blend(0.0f, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(t1, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t7 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t4, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(t2, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t8 = t5.add(t6).add(t7);
      FloatVector t9 = FloatVector.broadcast(W, 1.0f).div(t8.mul(t8));
      FloatVector r = t5.mul(t6).neg().mul(t9).neg().sub(t5.mul(t7).mul(-2.0f).mul(2.0f).mul(t9)).sub(t6.mul(t7).neg().mul(t9));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -0.5f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, -2.0f).mul(z);
      FloatVector t3 = FloatVector.broadcast(W, 0.5f).add(z);
      FloatVector t4 = FloatVector.broadcast(W, 0.5f).add(t0);
      FloatVector t5 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 2.0f).mul(z).blend(t3, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t6 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -0.5f).add(z).blend(0.0f, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(t1, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t7 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t4, t3.compare(VectorOperators.GE, 0.0f).and(t4.compare(VectorOperators.GE, 0.0f))).blend(t2, t1.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t8 = t5.add(t6).add(t7);
      FloatVector t9 = FloatVector.broadcast(W, 1.0f).div(t8.mul(t8));
      FloatVector r = t5.mul(t6).neg().mul(t9).neg().sub(t5.mul(t7).mul(-2.0f).mul(2.0f).mul(t9)).sub(t6.mul(t7).neg().mul(t9));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
