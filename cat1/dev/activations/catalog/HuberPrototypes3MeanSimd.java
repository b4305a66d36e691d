package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link HuberPrototypes3Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code HuberPrototypes3Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class HuberPrototypes3MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private HuberPrototypes3MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(4.0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = z.add(-4.0);
      DoubleVector t4 = DoubleVector.broadcast(S, 2.0).blend(t3.mul(t2).neg().div(2.0).mul(z).mul(z).blend(t3.mul(z.neg()).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t1.mul(t2).div(2.0).mul(z).mul(z).blend(t1.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-2.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t5 = t4.neg();
      DoubleVector t6 = z.add(0.585786437626905).add(-1.4349369327986523E-17);
      DoubleVector t7 = z.add(3.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t8 = z.add(0.41421356237309503).add(1.4349369327986523E-17);
      DoubleVector t9 = z.add(-2.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t10 = DoubleVector.broadcast(S, 1.0).blend(t8.mul(t2).mul(t9.mul(t2)).neg().div(2.0).mul(z).mul(z).blend(t8.mul(t9).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 0.5).add(z), z.compare(VectorOperators.LE, 0.0)).blend(t6.mul(t2).mul(t7.mul(t2)).div(2.0).mul(z).mul(z).blend(t6.mul(t7).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, -1.0)).blend(-1.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t11 = t10.neg();
      DoubleVector t12 = z.add(-0.41421356237309503).add(-1.4349369327986523E-17);
      DoubleVector t13 = z.add(2.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t14 = z.add(-0.585786437626905).add(1.4349369327986523E-17);
      DoubleVector t15 = z.add(-3.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t16 = DoubleVector.broadcast(S, 1.0).blend(t14.mul(t2).mul(t15.mul(t2)).neg().div(2.0).mul(z).mul(z).blend(t14.mul(t15).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(DoubleVector.broadcast(S, -0.5).add(z), z.compare(VectorOperators.LE, 1.0)).blend(t12.mul(t2).mul(t13.mul(t2)).div(2.0).mul(z).mul(z).blend(t12.mul(t13).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-1.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t17 = t16.neg();
      DoubleVector t18 = DoubleVector.broadcast(S, 0.0).max(t4.blend(t10, t10.compare(VectorOperators.GE, 0.0).and(t17.compare(VectorOperators.GE, 0.0))).blend(0.0, t11.compare(VectorOperators.GE, 0.0).and(t5.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t19 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t17, t10.compare(VectorOperators.GE, 0.0).and(t17.compare(VectorOperators.GE, 0.0))).blend(t5, t11.compare(VectorOperators.GE, 0.0).and(t5.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t20 = DoubleVector.broadcast(S, 1.0).div(t18.add(DoubleVector.broadcast(S, 0.0).max(t16.blend(0.0, t10.compare(VectorOperators.GE, 0.0).and(t17.compare(VectorOperators.GE, 0.0))).blend(t11, t11.compare(VectorOperators.GE, 0.0).and(t5.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP)).add(t19));
      DoubleVector r = t19.mul(t5.lanewise(VectorOperators.EXPM1).neg()).mul(t20).blend(t18.mul(t4.lanewise(VectorOperators.EXPM1).neg()).mul(t20).neg(), t5.compare(VectorOperators.GE, 0.0));
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(0.585786437626905).add(-1.4349369327986523E-17);
      DoubleVector t2 = z.add(3.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = z.add(0.41421356237309503).add(1.4349369327986523E-17);
      DoubleVector t5 = z.add(-2.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).blend(t4.mul(t3).mul(t5.mul(t3)).neg().div(2.0).mul(z).mul(z).blend(t4.mul(t5).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 0.5).add(z), z.compare(VectorOperators.LE, 0.0)).blend(t1.mul(t3).mul(t2.mul(t3)).div(2.0).mul(z).mul(z).blend(t1.mul(t2).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, -1.0)).blend(-1.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t7 = t6.neg();
      DoubleVector t8 = z.add(4.0);
      DoubleVector t9 = z.add(-4.0);
      DoubleVector t10 = z.neg();
      DoubleVector t11 = DoubleVector.broadcast(S, 2.0).blend(t9.mul(t3).neg().div(2.0).mul(z).mul(z).blend(t9.mul(t10).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t8.mul(t3).div(2.0).mul(z).mul(z).blend(t8.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-2.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t12 = t11.neg();
      DoubleVector t13 = z.add(-0.41421356237309503).add(-1.4349369327986523E-17);
      DoubleVector t14 = z.add(2.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t15 = z.add(-0.585786437626905).add(1.4349369327986523E-17);
      DoubleVector t16 = z.add(-3.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t17 = DoubleVector.broadcast(S, 1.0).blend(t15.mul(t3).mul(t16.mul(t3)).neg().div(2.0).mul(z).mul(z).blend(t15.mul(t16).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(DoubleVector.broadcast(S, -0.5).add(z), z.compare(VectorOperators.LE, 1.0)).blend(t13.mul(t3).mul(t14.mul(t3)).div(2.0).mul(z).mul(z).blend(t13.mul(t14).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-1.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t18 = t17.neg();
      DoubleVector t19 = DoubleVector.broadcast(S, 0.0).max(t11.blend(t6, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t20 = DoubleVector.broadcast(S, 0.0).max(t17.blend(0.0, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t21 = DoubleVector.broadcast(S, 2.0).add(z);
      DoubleVector t22 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t18, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(t12, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t23 = t19.add(t20).add(t22);
      DoubleVector t24 = DoubleVector.broadcast(S, 1.0).div(t23.mul(t23));
      DoubleVector t25 = DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 2.0).add(t10), z.compare(VectorOperators.LE, 2.0));
      DoubleVector r = t19.mul(t20).mul(DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 1.0).add(t10), z.compare(VectorOperators.LE, 1.0)).blend(1.0, z.compare(VectorOperators.LE, 0.0)).blend(t21, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).neg().mul(t24).neg().sub(t19.mul(t22).mul(-2.0).mul(t25.blend(t21, z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).mul(t24)).sub(t20.mul(t22).mul(t25.blend(1.0, z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 1.0).add(z), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).neg().mul(t24));
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(0.585786437626905).add(-1.4349369327986523E-17);
      DoubleVector t2 = z.add(3.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = z.add(0.41421356237309503).add(1.4349369327986523E-17);
      DoubleVector t5 = z.add(-2.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).blend(t4.mul(t3).mul(t5.mul(t3)).neg().div(2.0).mul(z).mul(z).blend(t4.mul(t5).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 0.5).add(z), z.compare(VectorOperators.LE, 0.0)).blend(t1.mul(t3).mul(t2.mul(t3)).div(2.0).mul(z).mul(z).blend(t1.mul(t2).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, -1.0)).blend(-1.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t7 = t6.neg();
      DoubleVector t8 = z.add(4.0);
      DoubleVector t9 = z.add(-4.0);
      DoubleVector t10 = z.neg();
      DoubleVector t11 = DoubleVector.broadcast(S, 2.0).blend(t9.mul(t3).neg().div(2.0).mul(z).mul(z).blend(t9.mul(t10).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t8.mul(t3).div(2.0).mul(z).mul(z).blend(t8.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-2.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t12 = t11.neg();
      DoubleVector t13 = z.add(-0.41421356237309503).add(-1.4349369327986523E-17);
      DoubleVector t14 = z.add(2.414213562373095).add(1.2537167179050217E-16);
      DoubleVector t15 = z.add(-0.585786437626905).add(1.4349369327986523E-17);
      DoubleVector t16 = z.add(-3.414213562373095).add(-1.2537167179050217E-16);
      DoubleVector t17 = DoubleVector.broadcast(S, 1.0).blend(t15.mul(t3).mul(t16.mul(t3)).neg().div(2.0).mul(z).mul(z).blend(t15.mul(t16).neg().div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(DoubleVector.broadcast(S, -0.5).add(z), z.compare(VectorOperators.LE, 1.0)).blend(t13.mul(t3).mul(t14.mul(t3)).div(2.0).mul(z).mul(z).blend(t13.mul(t14).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(-1.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t18 = t17.neg();
      DoubleVector t19 = DoubleVector.broadcast(S, 0.0).max(t11.blend(t6, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t20 = DoubleVector.broadcast(S, 0.0).max(t17.blend(0.0, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t21 = DoubleVector.broadcast(S, 2.0).add(z);
      DoubleVector t22 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t18, t6.compare(VectorOperators.GE, 0.0).and(t18.compare(VectorOperators.GE, 0.0))).blend(t12, t7.compare(VectorOperators.GE, 0.0).and(t12.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t23 = t19.add(t20).add(t22);
      DoubleVector t24 = DoubleVector.broadcast(S, 1.0).div(t23.mul(t23));
      DoubleVector t25 = DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 2.0).add(t10), z.compare(VectorOperators.LE, 2.0));
      DoubleVector r = t19.mul(t20).mul(DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, 1.0).add(t10), z.compare(VectorOperators.LE, 1.0)).blend(1.0, z.compare(VectorOperators.LE, 0.0)).blend(t21, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).neg().mul(t24).neg().sub(t19.mul(t22).mul(-2.0).mul(t25.blend(t21, z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).mul(t24)).sub(t20.mul(t22).mul(t25.blend(1.0, z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 1.0).add(z), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).neg().mul(t24));
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(4.0f);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t3 = z.add(-4.0f);
      FloatVector t4 = FloatVector.broadcast(W, 2.0f).blend(t3.mul(t2).neg().div(2.0f).mul(z).mul(z).blend(t3.mul(z.neg()).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t1.mul(t2).div(2.0f).mul(z).mul(z).blend(t1.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-2.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t5 = t4.neg();
      FloatVector t6 = z.add(0.58578646f).add(-1.434937E-17f);
      FloatVector t7 = z.add(3.4142137f).add(1.2537168E-16f);
      FloatVector t8 = z.add(0.41421357f).add(1.434937E-17f);
      FloatVector t9 = z.add(-2.4142137f).add(-1.2537168E-16f);
      FloatVector t10 = FloatVector.broadcast(W, 1.0f).blend(t8.mul(t2).mul(t9.mul(t2)).neg().div(2.0f).mul(z).mul(z).blend(t8.mul(t9).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 0.5f).add(z), z.compare(VectorOperators.LE, 0.0f)).blend(t6.mul(t2).mul(t7.mul(t2)).div(2.0f).mul(z).mul(z).blend(t6.mul(t7).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, -1.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t11 = t10.neg();
      FloatVector t12 = z.add(-0.41421357f).add(-1.434937E-17f);
      FloatVector t13 = z.add(2.4142137f).add(1.2537168E-16f);
      FloatVector t14 = z.add(-0.58578646f).add(1.434937E-17f);
      FloatVector t15 = z.add(-3.4142137f).add(-1.2537168E-16f);
      FloatVector t16 = FloatVector.broadcast(W, 1.0f).blend(t14.mul(t2).mul(t15.mul(t2)).neg().div(2.0f).mul(z).mul(z).blend(t14.mul(t15).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(FloatVector.broadcast(W, -0.5f).add(z), z.compare(VectorOperators.LE, 1.0f)).blend(t12.mul(t2).mul(t13.mul(t2)).div(2.0f).mul(z).mul(z).blend(t12.mul(t13).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -1.0f));
      FloatVector t17 = t16.neg();
      FloatVector t18 = FloatVector.broadcast(W, 0.0f).max(t4.blend(t10, t10.compare(VectorOperators.GE, 0.0f).and(t17.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t11.compare(VectorOperators.GE, 0.0f).and(t5.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t19 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t17, t10.compare(VectorOperators.GE, 0.0f).and(t17.compare(VectorOperators.GE, 0.0f))).blend(t5, t11.compare(VectorOperators.GE, 0.0f).and(t5.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t20 = FloatVector.broadcast(W, 1.0f).div(t18.add(FloatVector.broadcast(W, 0.0f).max(t16.blend(0.0f, t10.compare(VectorOperators.GE, 0.0f).and(t17.compare(VectorOperators.GE, 0.0f))).blend(t11, t11.compare(VectorOperators.GE, 0.0f).and(t5.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP)).add(t19));
      FloatVector r = t19.mul(t5.lanewise(VectorOperators.EXPM1).neg()).mul(t20).blend(t18.mul(t4.lanewise(VectorOperators.EXPM1).neg()).mul(t20).neg(), t5.compare(VectorOperators.GE, 0.0f));
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(0.58578646f).add(-1.434937E-17f);
      FloatVector t2 = z.add(3.4142137f).add(1.2537168E-16f);
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = z.add(0.41421357f).add(1.434937E-17f);
      FloatVector t5 = z.add(-2.4142137f).add(-1.2537168E-16f);
      FloatVector t6 = FloatVector.broadcast(W, 1.0f).blend(t4.mul(t3).mul(t5.mul(t3)).neg().div(2.0f).mul(z).mul(z).blend(t4.mul(t5).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 0.5f).add(z), z.compare(VectorOperators.LE, 0.0f)).blend(t1.mul(t3).mul(t2.mul(t3)).div(2.0f).mul(z).mul(z).blend(t1.mul(t2).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, -1.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t7 = t6.neg();
      FloatVector t8 = z.add(4.0f);
      FloatVector t9 = z.add(-4.0f);
      FloatVector t10 = z.neg();
      FloatVector t11 = FloatVector.broadcast(W, 2.0f).blend(t9.mul(t3).neg().div(2.0f).mul(z).mul(z).blend(t9.mul(t10).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t8.mul(t3).div(2.0f).mul(z).mul(z).blend(t8.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-2.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t12 = t11.neg();
      FloatVector t13 = z.add(-0.41421357f).add(-1.434937E-17f);
      FloatVector t14 = z.add(2.4142137f).add(1.2537168E-16f);
      FloatVector t15 = z.add(-0.58578646f).add(1.434937E-17f);
      FloatVector t16 = z.add(-3.4142137f).add(-1.2537168E-16f);
      FloatVector t17 = FloatVector.broadcast(W, 1.0f).blend(t15.mul(t3).mul(t16.mul(t3)).neg().div(2.0f).mul(z).mul(z).blend(t15.mul(t16).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(FloatVector.broadcast(W, -0.5f).add(z), z.compare(VectorOperators.LE, 1.0f)).blend(t13.mul(t3).mul(t14.mul(t3)).div(2.0f).mul(z).mul(z).blend(t13.mul(t14).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -1.0f));
      FloatVector t18 = t17.neg();
      FloatVector t19 = FloatVector.broadcast(W, 0.0f).max(t11.blend(t6, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t20 = FloatVector.broadcast(W, 0.0f).max(t17.blend(0.0f, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(t7, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t21 = FloatVector.broadcast(W, 2.0f).add(z);
      FloatVector t22 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t18, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(t12, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t23 = t19.add(t20).add(t22);
      FloatVector t24 = FloatVector.broadcast(W, 1.0f).div(t23.mul(t23));
      FloatVector t25 = FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 2.0f).add(t10), z.compare(VectorOperators.LE, 2.0f));
      FloatVector r = t19.mul(t20).mul(FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 1.0f).add(t10), z.compare(VectorOperators.LE, 1.0f)).blend(1.0f, z.compare(VectorOperators.LE, 0.0f)).blend(t21, z.compare(VectorOperators.LE, -1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).neg().mul(t24).neg().sub(t19.mul(t22).mul(-2.0f).mul(t25.blend(t21, z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).mul(t24)).sub(t20.mul(t22).mul(t25.blend(1.0f, z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 1.0f).add(z), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).neg().mul(t24));
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(0.58578646f).add(-1.434937E-17f);
      FloatVector t2 = z.add(3.4142137f).add(1.2537168E-16f);
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = z.add(0.41421357f).add(1.434937E-17f);
      FloatVector t5 = z.add(-2.4142137f).add(-1.2537168E-16f);
      FloatVector t6 = FloatVector.broadcast(W, 1.0f).blend(t4.mul(t3).mul(t5.mul(t3)).neg().div(2.0f).mul(z).mul(z).blend(t4.mul(t5).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 0.5f).add(z), z.compare(VectorOperators.LE, 0.0f)).blend(t1.mul(t3).mul(t2.mul(t3)).div(2.0f).mul(z).mul(z).blend(t1.mul(t2).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, -1.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t7 = t6.neg();
      FloatVector t8 = z.add(4.0f);
      FloatVector t9 = z.add(-4.0f);
      FloatVector t10 = z.neg();
      FloatVector t11 = FloatVector.broadcast(W, 2.0f).blend(t9.mul(t3).neg().div(2.0f).mul(z).mul(z).blend(t9.mul(t10).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t8.mul(t3).div(2.0f).mul(z).mul(z).blend(t8.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-2.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t12 = t11.neg();
      FloatVector t13 = z.add(-0.41421357f).add(-1.434937E-17f);
      FloatVector t14 = z.add(2.4142137f).add(1.2537168E-16f);
      FloatVector t15 = z.add(-0.58578646f).add(1.434937E-17f);
      FloatVector t16 = z.add(-3.4142137f).add(-1.2537168E-16f);
      FloatVector t17 = FloatVector.broadcast(W, 1.0f).blend(t15.mul(t3).mul(t16.mul(t3)).neg().div(2.0f).mul(z).mul(z).blend(t15.mul(t16).neg().div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(FloatVector.broadcast(W, -0.5f).add(z), z.compare(VectorOperators.LE, 1.0f)).blend(t13.mul(t3).mul(t14.mul(t3)).div(2.0f).mul(z).mul(z).blend(t13.mul(t14).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(-1.0f, z.compare(VectorOperators.LE, -1.0f));
      FloatVector t18 = t17.neg();
      FloatVector t19 = FloatVector.broadcast(W, 0.0f).max(t11.blend(t6, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(0.0f, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t20 = FloatVector.broadcast(W, 0.0f).max(t17.blend(0.0f, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(t7, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t21 = FloatVector.broadcast(W, 2.0f).add(z);
      FloatVector t22 = FloatVector.broadcast(W, 0.0f).max(FloatVector.broadcast(W, 0.0f).blend(t18, t6.compare(VectorOperators.GE, 0.0f).and(t18.compare(VectorOperators.GE, 0.0f))).blend(t12, t7.compare(VectorOperators.GE, 0.0f).and(t12.compare(VectorOperators.GE, 0.0f)))).neg().lanewise(VectorOperators.EXP);
      FloatVector t23 = t19.add(t20).add(t22);
      FloatVector t24 = FloatVector.broadcast(W, 1.0f).div(t23.mul(t23));
      FloatVector t25 = FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 2.0f).add(t10), z.compare(VectorOperators.LE, 2.0f));
      FloatVector r = t19.mul(t20).mul(FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, 1.0f).add(t10), z.compare(VectorOperators.LE, 1.0f)).blend(1.0f, z.compare(VectorOperators.LE, 0.0f)).blend(t21, z.compare(VectorOperators.LE, -1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).neg().mul(t24).neg().sub(t19.mul(t22).mul(-2.0f).mul(t25.blend(t21, z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).mul(t24)).sub(t20.mul(t22).mul(t25.blend(1.0f, z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 1.0f).add(z), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).neg().mul(t24));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
