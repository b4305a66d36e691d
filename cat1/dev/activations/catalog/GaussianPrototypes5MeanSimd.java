package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianPrototypes5Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianPrototypes5Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianPrototypes5MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private GaussianPrototypes5MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 4.0).mul(z);
      DoubleVector r = t0.mul(t1.lanewise(VectorOperators.SINH)).add(DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.SINH))).div(DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXP).add(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1.lanewise(VectorOperators.COSH))).add(DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.COSH)))).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(-1.0, z.compare(VectorOperators.LE, -25.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -4.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, -2.0).add(t2);
      DoubleVector t4 = z.add(0.25);
      DoubleVector t5 = DoubleVector.broadcast(S, -6.0).mul(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -8.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.5).add(t7);
      DoubleVector t9 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t10 = z.add(-0.25);
      DoubleVector t11 = DoubleVector.broadcast(S, -6.0).mul(t10);
      DoubleVector t12 = DoubleVector.broadcast(S, 4.0).mul(z);
      DoubleVector t13 = DoubleVector.broadcast(S, 2.0).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 0.5).add(t7);
      DoubleVector t15 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t16 = DoubleVector.broadcast(S, 2.0).add(t2);
      DoubleVector t17 = DoubleVector.broadcast(S, 6.0).mul(t4);
      DoubleVector t18 = DoubleVector.broadcast(S, -0.5).add(t7);
      DoubleVector t19 = DoubleVector.broadcast(S, 1.5).add(t0);
      DoubleVector t20 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 8.0).mul(z).blend(t17, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t13, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t8, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t21 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 6.0).mul(t10).blend(t12, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t14, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(0.0, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t22 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -2.0).add(t12).blend(t18, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(0.0, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t9, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t3, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t23 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -1.5).add(t7).blend(0.0, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t15, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t2, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t5, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t24 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t19, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t16, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t11, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t6, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t25 = t20.add(t21).add(t22).add(t23).add(t24);
      DoubleVector t26 = DoubleVector.broadcast(S, 1.0).div(t25.mul(t25));
      DoubleVector r = t20.mul(t21).mul(-0.5).mul(2.0).mul(t26).neg().sub(t20.mul(t22).mul(4.0).neg().mul(t26)).sub(t20.mul(t23).mul(-1.5).mul(6.0).mul(t26)).sub(t20.mul(t24).mul(-2.0).mul(8.0).mul(t26)).sub(t21.mul(t22).mul(-0.5).mul(2.0).mul(t26)).sub(t21.mul(t23).mul(4.0).neg().mul(t26)).sub(t21.mul(t24).mul(-1.5).mul(6.0).mul(t26)).sub(t22.mul(t23).mul(-0.5).mul(2.0).mul(t26)).sub(t22.mul(t24).mul(4.0).neg().mul(t26)).sub(t23.mul(t24).mul(-0.5).mul(2.0).mul(t26));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -4.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, -2.0).add(t2);
      DoubleVector t4 = z.add(0.25);
      DoubleVector t5 = DoubleVector.broadcast(S, -6.0).mul(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -8.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.5).add(t7);
      DoubleVector t9 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t10 = z.add(-0.25);
      DoubleVector t11 = DoubleVector.broadcast(S, -6.0).mul(t10);
      DoubleVector t12 = DoubleVector.broadcast(S, 4.0).mul(z);
      DoubleVector t13 = DoubleVector.broadcast(S, 2.0).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 0.5).add(t7);
      DoubleVector t15 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t16 = DoubleVector.broadcast(S, 2.0).add(t2);
      DoubleVector t17 = DoubleVector.broadcast(S, 6.0).mul(t4);
      DoubleVector t18 = DoubleVector.broadcast(S, -0.5).add(t7);
      DoubleVector t19 = DoubleVector.broadcast(S, 1.5).add(t0);
      DoubleVector t20 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 8.0).mul(z).blend(t17, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t13, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t8, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t21 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 6.0).mul(t10).blend(t12, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t14, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(0.0, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t22 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -2.0).add(t12).blend(t18, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(0.0, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t9, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t3, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t23 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, -1.5).add(t7).blend(0.0, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t15, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t2, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t5, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t24 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t19, t17.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)).and(t18.compare(VectorOperators.GE, 0.0)).and(t19.compare(VectorOperators.GE, 0.0))).blend(t16, t13.compare(VectorOperators.GE, 0.0).and(t14.compare(VectorOperators.GE, 0.0)).and(t15.compare(VectorOperators.GE, 0.0)).and(t16.compare(VectorOperators.GE, 0.0))).blend(t11, t8.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)).and(t2.compare(VectorOperators.GE, 0.0)).and(t11.compare(VectorOperators.GE, 0.0))).blend(t6, t1.compare(VectorOperators.GE, 0.0).and(t3.compare(VectorOperators.GE, 0.0)).and(t5.compare(VectorOperators.GE, 0.0)).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t25 = t20.add(t21).add(t22).add(t23).add(t24);
      DoubleVector t26 = DoubleVector.broadcast(S, 1.0).div(t25.mul(t25));
      DoubleVector r = t20.mul(t21).mul(-0.5).mul(2.0).mul(t26).neg().sub(t20.mul(t22).mul(4.0).neg().mul(t26)).sub(t20.mul(t23).mul(-1.5).mul(6.0).mul(t26)).sub(t20.mul(t24).mul(-2.0).mul(8.0).mul(t26)).sub(t21.mul(t22).mul(-0.5).mul(2.0).mul(t26)).sub(t21.mul(t23).mul(4.0).neg().mul(t26)).sub(t21.mul(t24).mul(-1.5).mul(6.0).mul(t26)).sub(t22.mul(t23).mul(-0.5).mul(2.0).mul(t26)).sub(t22.mul(t24).mul(4.0).neg().mul(t26)).sub(t23.mul(t24).mul(-0.5).mul(2.0).mul(t26));
      r = DoubleVector.fromArray(S, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }

  static int value(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 4.0).mul(z);
      DoubleVector r = t0.mul(t1.lanewise(VectorOperators.SINH)).add(DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.SINH))).div(DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXP).add(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1.lanewise(VectorOperators.COSH))).add(DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.COSH)))).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(-1.0, z.compare(VectorOperators.LE, -25.0));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = FloatVector.broadcast(W, -2.0f).mul(z);
      FloatVector t1 = FloatVector.broadcast(W, -1.5f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, -4.0f).mul(z);
      FloatVector t3 = FloatVector.broadcast(W, -2.0f).add(t2);
      FloatVector t4 = z.add(0.25f);
      FloatVector t5 = FloatVector.broadcast(W, -6.0f).mul(t4);
      FloatVector t6 = FloatVector.broadcast(W, -8.0f).mul(z);
      FloatVector t7 = FloatVector.broadcast(W, 2.0f).mul(z);
      FloatVector t8 = FloatVector.broadcast(W, 1.5f).add(t7);
      FloatVector t9 = FloatVector.broadcast(W, -0.5f).add(t0);
      FloatVector t10 = z.add(-0.25f);
      FloatVector t11 = FloatVector.broadcast(W, -6.0f).mul(t10);
      FloatVector t12 = FloatVector.broadcast(W, 4.0f).mul(z);
      FloatVector t13 = FloatVector.broadcast(W, 2.0f).add(t12);
      FloatVector t14 = FloatVector.broadcast(W, 0.5f).add(t7);
      FloatVector t15 = FloatVector.broadcast(W, 0.5f).add(t0);
      FloatVector t16 = FloatVector.broadcast(W, 2.0f).add(t2);
      FloatVector t17 = FloatVector.broadcast(W, 6.0f).mul(t4);
      FloatVector t18 = FloatVector.broadcast(W, -0.5f).add(t7);
      FloatVector t19 = FloatVector.broadcast(W, 1.5f).add(t0);
      FloatVector t20 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 8.0f).mul(z).blend(t17, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t13, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t8, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t21 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 6.0f).mul(t10).blend(t12, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t14, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t1, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t22 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -2.0f).add(t12).blend(t18, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t9, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t3, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t23 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -1.5f).add(t7).blend(0.0f, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t15, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t2, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t5, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t24 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t19, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t16, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t11, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t6, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t25 = t20.add(t21).add(t22).add(t23).add(t24);
      FloatVector t26 = FloatVector.broadcast(W, 1.0f).div(t25.mul(t25));
      FloatVector r = t20.mul(t21).mul(-0.5f).mul(2.0f).mul(t26).neg().sub(t20.mul(t22).mul(4.0f).neg().mul(t26)).sub(t20.mul(t23).mul(-1.5f).mul(6.0f).mul(t26)).sub(t20.mul(t24).mul(-2.0f).mul(8.0f).mul(t26)).sub(t21.mul(t22).mul(-0.5f).mul(2.0f).mul(t26)).sub(t21.mul(t23).mul(4.0f).neg().mul(t26)).sub(t21.mul(t24).mul(-1.5f).mul(6.0f).mul(t26)).sub(t22.mul(t23).mul(-0.5f).mul(2.0f).mul(t26)).sub(t22.mul(t24).mul(4.0f).neg().mul(t26)).sub(t23.mul(t24).mul(-0.5f).mul(2.0f).mul(t26));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector t0 = FloatVector.broadcast(W, -2.0f).mul(z);
      FloatVector t1 = FloatVector.broadcast(W, -1.5f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, -4.0f).mul(z);
      FloatVector t3 = FloatVector.broadcast(W, -2.0f).add(t2);
      FloatVector t4 = z.add(0.25f);
      FloatVector t5 = FloatVector.broadcast(W, -6.0f).mul(t4);
      FloatVector t6 = FloatVector.broadcast(W, -8.0f).mul(z);
      FloatVector t7 = FloatVector.broadcast(W, 2.0f).mul(z);
      FloatVector t8 = FloatVector.broadcast(W, 1.5f).add(t7);
      FloatVector t9 = FloatVector.broadcast(W, -0.5f).add(t0);
      FloatVector t10 = z.add(-0.25f);
      FloatVector t11 = FloatVector.broadcast(W, -6.0f).mul(t10);
      FloatVector t12 = FloatVector.broadcast(W, 4.0f).mul(z);
      FloatVector t13 = FloatVector.broadcast(W, 2.0f).add(t12);
      FloatVector t14 = FloatVector.broadcast(W, 0.5f).add(t7);
      FloatVector t15 = FloatVector.broadcast(W, 0.5f).add(t0);
      FloatVector t16 = FloatVector.broadcast(W, 2.0f).add(t2);
      FloatVector t17 = FloatVector.broadcast(W, 6.0f).mul(t4);
      FloatVector t18 = FloatVector.broadcast(W, -0.5f).add(t7);
      FloatVector t19 = FloatVector.broadcast(W, 1.5f).add(t0);
      FloatVector t20 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 8.0f).mul(z).blend(t17, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t13, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t8, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t21 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 6.0f).mul(t10).blend(t12, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t14, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t1, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t22 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -2.0f).add(t12).blend(t18, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t9, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t3, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t23 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, -1.5f).add(t7).blend(0.0f, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t15, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t2, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t5, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t24 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t19, t17.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)).and(t18.compare(VectorOperators.GE, 0.0f)).and(t19.compare(VectorOperators.GE, 0.0f))).blend(t16, t13.compare(VectorOperators.GE, 0.0f).and(t14.compare(VectorOperators.GE, 0.0f)).and(t15.compare(VectorOperators.GE, 0.0f)).and(t16.compare(VectorOperators.GE, 0.0f))).blend(t11, t8.compare(VectorOperators.GE, 0.0f).and(t9.compare(VectorOperators.GE, 0.0f)).and(t2.compare(VectorOperators.GE, 0.0f)).and(t11.compare(VectorOperators.GE, 0.0f))).blend(t6, t1.compare(VectorOperators.GE, 0.0f).and(t3.compare(VectorOperators.GE, 0.0f)).and(t5.compare(VectorOperators.GE, 0.0f)).and(t6.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t25 = t20.add(t21).add(t22).add(t23).add(t24);
      FloatVector t26 = FloatVector.broadcast(W, 1.0f).div(t25.mul(t25));
      FloatVector r = t20.mul(t21).mul(-0.5f).mul(2.0f).mul(t26).neg().sub(t20.mul(t22).mul(4.0f).neg().mul(t26)).sub(t20.mul(t23).mul(-1.5f).mul(6.0f).mul(t26)).sub(t20.mul(t24).mul(-2.0f).mul(8.0f).mul(t26)).sub(t21.mul(t22).mul(-0.5f).mul(2.0f).mul(t26)).sub(t21.mul(t23).mul(4.0f).neg().mul(t26)).sub(t21.mul(t24).mul(-1.5f).mul(6.0f).mul(t26)).sub(t22.mul(t23).mul(-0.5f).mul(2.0f).mul(t26)).sub(t22.mul(t24).mul(4.0f).neg().mul(t26)).sub(t23.mul(t24).mul(-0.5f).mul(2.0f).mul(t26));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
