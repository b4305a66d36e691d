package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LaplacePrototypes3Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LaplacePrototypes3Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LaplacePrototypes3MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LaplacePrototypes3MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).blend(t0, z.compare(VectorOperators.LE, 1.0)).blend(-2.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t2 = t1.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).blend(DoubleVector.broadcast(S, 1.0).add(t0), z.compare(VectorOperators.LE, 0.0)).blend(-1.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t4 = t3.neg();
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).blend(DoubleVector.broadcast(S, -1.0).add(t0), z.compare(VectorOperators.LE, 1.0)).blend(-1.0, z.compare(VectorOperators.LE, 0.0));
      DoubleVector t6 = t5.neg();
      DoubleVector t7 = DoubleVector.broadcast(S, 0.0).max(t1.blend(t3, t3.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0))).blend(0.0, t4.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t8 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t6, t3.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0))).blend(t2, t4.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).div(t7.add(DoubleVector.broadcast(S, 0.0).max(t5.blend(0.0, t3.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0))).blend(t4, t4.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP)).add(t8));
      DoubleVector r = t8.mul(t2.lanewise(VectorOperators.EXPM1).neg()).mul(t9).blend(t7.mul(t1.lanewise(VectorOperators.EXPM1).neg()).mul(t9).neg(), t2.compare(VectorOperators.GE, 0.0));
      r = r.blend(0.5752103826044415, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(-0.5752103826044415, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      DoubleVector t0 = DoubleVector.broadcast(S, -2.0).mul(z).lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).add(2.718281828459045).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = t2.lanewise(VectorOperators.EXP);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).add(t3).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(2.718281828459045).add(t3);
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 2.0).mul(DoubleVector.broadcast(S, 2.0).mul(t3).add(t4)).div(t6.mul(t6)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 2.0).mul(t0).div(t1.mul(t1)).add(DoubleVector.broadcast(S, 2.0).mul(t3.add(t4)).div(t5.mul(t5))), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0));
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
      DoubleVector t0 = DoubleVector.broadcast(S, -2.0).mul(z).lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).add(2.718281828459045).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = t2.lanewise(VectorOperators.EXP);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).add(t3).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(2.718281828459045).add(t3);
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 2.0).mul(DoubleVector.broadcast(S, 2.0).mul(t3).add(t4)).div(t6.mul(t6)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 2.0).mul(t0).div(t1.mul(t1)).add(DoubleVector.broadcast(S, 2.0).mul(t3.add(t4)).div(t5.mul(t5))), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0));
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
      FloatVector t0 = FloatVector.broadcast(W, 2.0f).mul(z);
      FloatVector t1 = FloatVector.broadcast(W, 2.0f).blend(t0, z.compare(VectorOperators.LE, 1.0f)).blend(-2.0f, z.compare(VectorOperators.LE, -1.0f));
      FloatVector t2 = t1.neg();
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).blend(FloatVector.broadcast(W, 1.0f).add(t0), z.compare(VectorOperators.LE, 0.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -1.0f));
      FloatVector t4 = t3.neg();
      FloatVector t5 = FloatVector.broadcast(W, 1.0f).blend(FloatVector.broadcast(W, -1.0f).add(t0), z.compare(VectorOperators.LE, 1.0f)).blend(-1.0f, z.compare(VectorOperators.LE, 0.0f));
      FloatVector t6 = t5.neg();
      FloatVector t7 = FloatVector.broadcast(W, 0.0f).max(t1.blend(t3, t3.compare(VectorOperators.GE, 0.0f).and(t6.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t4.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t8 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t6, t3.compare(VectorOperators.GE, 0.0f).and(t6.compare(VectorOperators.GE, 0.0f))).blend(t2, t4.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t9 = FloatVector.broadcast(W, 1.0f).div(t7.add(FloatVector.broadcast(W, 0.0f).max(t5.blend(0.0f, t3.compare(VectorOperators.GE, 0.0f).and(t6.compare(VectorOperators.GE, 0.0f))).blend(t4, t4.compare(VectorOperators.GE, 0.0f).and(t2.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP)).add(t8));
      FloatVector r = t8.mul(t2.lanewise(VectorOperators.EXPM1).neg()).mul(t9).blend(t7.mul(t1.lanewise(VectorOperators.EXPM1).neg()).mul(t9).neg(), t2.compare(VectorOperators.GE, 0.0f));
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
      FloatVector t0 = FloatVector.broadcast(W, -2.0f).mul(z).lanewise(VectorOperators.EXP);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).add(2.7182817f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 2.0f).mul(z);
      FloatVector t3 = t2.lanewise(VectorOperators.EXP);
      FloatVector t4 = FloatVector.broadcast(W, 1.0f).add(t2).lanewise(VectorOperators.EXP);
      FloatVector t5 = FloatVector.broadcast(W, 1.0f).add(t3).add(t4);
      FloatVector t6 = FloatVector.broadcast(W, 1.0f).add(2.7182817f).add(t3);
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 2.0f).mul(FloatVector.broadcast(W, 2.0f).mul(t3).add(t4)).div(t6.mul(t6)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 2.0f).mul(t0).div(t1.mul(t1)).add(FloatVector.broadcast(W, 2.0f).mul(t3.add(t4)).div(t5.mul(t5))), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f));
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
      FloatVector t0 = FloatVector.broadcast(W, -2.0f).mul(z).lanewise(VectorOperators.EXP);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).add(2.7182817f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 2.0f).mul(z);
      FloatVector t3 = t2.lanewise(VectorOperators.EXP);
      FloatVector t4 = FloatVector.broadcast(W, 1.0f).add(t2).lanewise(VectorOperators.EXP);
      FloatVector t5 = FloatVector.broadcast(W, 1.0f).add(t3).add(t4);
      FloatVector t6 = FloatVector.broadcast(W, 1.0f).add(2.7182817f).add(t3);
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 2.0f).mul(FloatVector.broadcast(W, 2.0f).mul(t3).add(t4)).div(t6.mul(t6)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 2.0f).mul(t0).div(t1.mul(t1)).add(FloatVector.broadcast(W, 2.0f).mul(t3.add(t4)).div(t5.mul(t5))), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
