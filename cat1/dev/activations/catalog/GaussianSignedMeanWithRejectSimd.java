package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianSignedMeanWithReject}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianSignedMeanWithReject} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianSignedMeanWithRejectSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianSignedMeanWithRejectSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t1 = z.abs();
      DoubleVector t2 = z.add(-3.0);
      DoubleVector t3 = z.add(1.0);
      DoubleVector t4 = t2.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = t2.mul(t5).mul(t3.mul(t5));
      DoubleVector t7 = t6.neg().div(2.0).mul(z).mul(z).blend(t4.neg().div(2.0), t1.compare(VectorOperators.LE, 1.0));
      DoubleVector t8 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t9 = z.add(-1.0);
      DoubleVector t10 = z.add(3.0);
      DoubleVector t11 = t9.mul(t10);
      DoubleVector t12 = t9.mul(t5).mul(t10.mul(t5));
      DoubleVector t13 = t12.neg().div(2.0).mul(z).mul(z).blend(t11.neg().div(2.0), t1.compare(VectorOperators.LE, 1.0));
      DoubleVector t14 = DoubleVector.broadcast(S, 0.0).max(t6.div(2.0).mul(z).mul(z).blend(t4.div(2.0), t1.compare(VectorOperators.LE, 1.0)).blend(t8, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(0.0, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t15 = DoubleVector.broadcast(S, 0.0).max(t12.div(2.0).mul(z).mul(z).blend(t11.div(2.0), t1.compare(VectorOperators.LE, 1.0)).blend(0.0, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(t0, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t16 = DoubleVector.broadcast(S, 1.0).div(t14.add(t15).add(DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t13, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(t7, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP)));
      DoubleVector r = t8.neg().lanewise(VectorOperators.EXPM1).neg().mul(t15).mul(t16).neg().blend(t0.neg().lanewise(VectorOperators.EXPM1).neg().mul(t14).mul(t16), t0.compare(VectorOperators.GE, 0.0));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.7522634682306895).add(3.2474435171592584E-17);
      DoubleVector t1 = z.add(1.7522634682306895).add(-3.2474435171592584E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-3.0);
      DoubleVector t5 = z.add(1.0);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t8 = t4.mul(t7).mul(t5.mul(t7));
      DoubleVector t9 = t8.neg().div(2.0).mul(z).mul(z).blend(t6.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t11 = z.add(-1.0);
      DoubleVector t12 = z.add(3.0);
      DoubleVector t13 = t11.mul(t12);
      DoubleVector t14 = t11.mul(t7).mul(t12.mul(t7));
      DoubleVector t15 = t14.neg().div(2.0).mul(z).mul(z).blend(t13.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t16 = DoubleVector.broadcast(S, 0.0).max(t8.div(2.0).mul(z).mul(z).blend(t6.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(t10, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(0.0, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t17 = DoubleVector.broadcast(S, 0.0).max(t14.div(2.0).mul(z).mul(z).blend(t13.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(0.0, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t2, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t18 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t15, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t9, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t19 = t16.add(t17).add(t18);
      DoubleVector t20 = DoubleVector.broadcast(S, 1.0).div(t19.mul(t19));
      DoubleVector r = t16.mul(t17).mul(2.0).mul(-2.0).mul(t20).neg().sub(t16.mul(t18).mul(DoubleVector.broadcast(S, -1.0).add(z)).mul(t20)).sub(t17.mul(t18).mul(DoubleVector.broadcast(S, 1.0).add(z)).neg().mul(t20)).blend(t1.mul(DoubleVector.broadcast(S, 0.36552245663330063).add(t1.mul(DoubleVector.broadcast(S, 0.05342323214763215).add(t1.mul(DoubleVector.broadcast(S, 0.13575287033940397).add(t1.mul(DoubleVector.broadcast(S, 0.007540832176984924).add(t1.mul(DoubleVector.broadcast(S, -0.024428794599896345).add(t1.mul(DoubleVector.broadcast(S, 0.0026350132476837965).add(t1.mul(DoubleVector.broadcast(S, -0.13144030614926744).add(t1.mul(-94.55836514569351))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003504526936461379)).blend(t0.mul(DoubleVector.broadcast(S, -0.3655224566333006).add(t0.mul(DoubleVector.broadcast(S, 0.05342323214763217).add(t0.mul(DoubleVector.broadcast(S, -0.1357528703394067).add(t0.mul(DoubleVector.broadcast(S, 0.0075408321576776165).add(t0.mul(DoubleVector.broadcast(S, 0.02442879605971638).add(t0.mul(DoubleVector.broadcast(S, 0.002638329984573532).add(t0.mul(DoubleVector.broadcast(S, 0.13136310734418372).add(t0.mul(-94.7192200437574))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003504526936461379));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-1.7522634682306895).add(3.2474435171592584E-17);
      DoubleVector t1 = z.add(1.7522634682306895).add(-3.2474435171592584E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-3.0);
      DoubleVector t5 = z.add(1.0);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t8 = t4.mul(t7).mul(t5.mul(t7));
      DoubleVector t9 = t8.neg().div(2.0).mul(z).mul(z).blend(t6.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t11 = z.add(-1.0);
      DoubleVector t12 = z.add(3.0);
      DoubleVector t13 = t11.mul(t12);
      DoubleVector t14 = t11.mul(t7).mul(t12.mul(t7));
      DoubleVector t15 = t14.neg().div(2.0).mul(z).mul(z).blend(t13.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t16 = DoubleVector.broadcast(S, 0.0).max(t8.div(2.0).mul(z).mul(z).blend(t6.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(t10, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(0.0, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t17 = DoubleVector.broadcast(S, 0.0).max(t14.div(2.0).mul(z).mul(z).blend(t13.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(0.0, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t2, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t18 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t15, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t9, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t19 = t16.add(t17).add(t18);
      DoubleVector t20 = DoubleVector.broadcast(S, 1.0).div(t19.mul(t19));
      DoubleVector r = t16.mul(t17).mul(2.0).mul(-2.0).mul(t20).neg().sub(t16.mul(t18).mul(DoubleVector.broadcast(S, -1.0).add(z)).mul(t20)).sub(t17.mul(t18).mul(DoubleVector.broadcast(S, 1.0).add(z)).neg().mul(t20)).blend(t1.mul(DoubleVector.broadcast(S, 0.36552245663330063).add(t1.mul(DoubleVector.broadcast(S, 0.05342323214763215).add(t1.mul(DoubleVector.broadcast(S, 0.13575287033940397).add(t1.mul(DoubleVector.broadcast(S, 0.007540832176984924).add(t1.mul(DoubleVector.broadcast(S, -0.024428794599896345).add(t1.mul(DoubleVector.broadcast(S, 0.0026350132476837965).add(t1.mul(DoubleVector.broadcast(S, -0.13144030614926744).add(t1.mul(-94.55836514569351))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003504526936461379)).blend(t0.mul(DoubleVector.broadcast(S, -0.3655224566333006).add(t0.mul(DoubleVector.broadcast(S, 0.05342323214763217).add(t0.mul(DoubleVector.broadcast(S, -0.1357528703394067).add(t0.mul(DoubleVector.broadcast(S, 0.0075408321576776165).add(t0.mul(DoubleVector.broadcast(S, 0.02442879605971638).add(t0.mul(DoubleVector.broadcast(S, 0.002638329984573532).add(t0.mul(DoubleVector.broadcast(S, 0.13136310734418372).add(t0.mul(-94.7192200437574))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003504526936461379));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t1 = z.abs();
      DoubleVector t2 = z.add(-3.0);
      DoubleVector t3 = z.add(1.0);
      DoubleVector t4 = t2.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = t2.mul(t5).mul(t3.mul(t5));
      DoubleVector t7 = t6.neg().div(2.0).mul(z).mul(z).blend(t4.neg().div(2.0), t1.compare(VectorOperators.LE, 1.0));
      DoubleVector t8 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t9 = z.add(-1.0);
      DoubleVector t10 = z.add(3.0);
      DoubleVector t11 = t9.mul(t10);
      DoubleVector t12 = t9.mul(t5).mul(t10.mul(t5));
      DoubleVector t13 = t12.neg().div(2.0).mul(z).mul(z).blend(t11.neg().div(2.0), t1.compare(VectorOperators.LE, 1.0));
      DoubleVector t14 = DoubleVector.broadcast(S, 0.0).max(t6.div(2.0).mul(z).mul(z).blend(t4.div(2.0), t1.compare(VectorOperators.LE, 1.0)).blend(t8, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(0.0, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t15 = DoubleVector.broadcast(S, 0.0).max(t12.div(2.0).mul(z).mul(z).blend(t11.div(2.0), t1.compare(VectorOperators.LE, 1.0)).blend(0.0, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(t0, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t16 = DoubleVector.broadcast(S, 1.0).div(t14.add(t15).add(DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t13, t8.compare(VectorOperators.GE, 0.0).and(t13.compare(VectorOperators.GE, 0.0))).blend(t7, t0.compare(VectorOperators.GE, 0.0).and(t7.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP)));
      DoubleVector r = t8.neg().lanewise(VectorOperators.EXPM1).neg().mul(t15).mul(t16).neg().blend(t0.neg().lanewise(VectorOperators.EXPM1).neg().mul(t14).mul(t16), t0.compare(VectorOperators.GE, 0.0));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.7522634682306895).add(3.2474435171592584E-17);
      DoubleVector t1 = z.add(1.7522634682306895).add(-3.2474435171592584E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-3.0);
      DoubleVector t5 = z.add(1.0);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t8 = t4.mul(t7).mul(t5.mul(t7));
      DoubleVector t9 = t8.neg().div(2.0).mul(z).mul(z).blend(t6.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t11 = z.add(-1.0);
      DoubleVector t12 = z.add(3.0);
      DoubleVector t13 = t11.mul(t12);
      DoubleVector t14 = t11.mul(t7).mul(t12.mul(t7));
      DoubleVector t15 = t14.neg().div(2.0).mul(z).mul(z).blend(t13.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t16 = DoubleVector.broadcast(S, 0.0).max(t8.div(2.0).mul(z).mul(z).blend(t6.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(t10, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(0.0, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t17 = DoubleVector.broadcast(S, 0.0).max(t14.div(2.0).mul(z).mul(z).blend(t13.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(0.0, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t2, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t18 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t15, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t9, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t19 = t16.add(t17).add(t18);
      DoubleVector t20 = DoubleVector.broadcast(S, 1.0).div(t19.mul(t19));
      DoubleVector r = t16.mul(t17).mul(2.0).mul(-2.0).mul(t20).neg().sub(t16.mul(t18).mul(DoubleVector.broadcast(S, -1.0).add(z)).mul(t20)).sub(t17.mul(t18).mul(DoubleVector.broadcast(S, 1.0).add(z)).neg().mul(t20)).blend(t1.mul(DoubleVector.broadcast(S, 0.36552245663330063).add(t1.mul(DoubleVector.broadcast(S, 0.05342323214763215).add(t1.mul(DoubleVector.broadcast(S, 0.13575287033940397).add(t1.mul(DoubleVector.broadcast(S, 0.007540832176984924).add(t1.mul(DoubleVector.broadcast(S, -0.024428794599896345).add(t1.mul(DoubleVector.broadcast(S, 0.0026350132476837965).add(t1.mul(DoubleVector.broadcast(S, -0.13144030614926744).add(t1.mul(-94.55836514569351))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003504526936461379)).blend(t0.mul(DoubleVector.broadcast(S, -0.3655224566333006).add(t0.mul(DoubleVector.broadcast(S, 0.05342323214763217).add(t0.mul(DoubleVector.broadcast(S, -0.1357528703394067).add(t0.mul(DoubleVector.broadcast(S, 0.0075408321576776165).add(t0.mul(DoubleVector.broadcast(S, 0.02442879605971638).add(t0.mul(DoubleVector.broadcast(S, 0.002638329984573532).add(t0.mul(DoubleVector.broadcast(S, 0.13136310734418372).add(t0.mul(-94.7192200437574))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003504526936461379));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.7522634682306895).add(3.2474435171592584E-17);
      DoubleVector t1 = z.add(1.7522634682306895).add(-3.2474435171592584E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-3.0);
      DoubleVector t5 = z.add(1.0);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t8 = t4.mul(t7).mul(t5.mul(t7));
      DoubleVector t9 = t8.neg().div(2.0).mul(z).mul(z).blend(t6.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t11 = z.add(-1.0);
      DoubleVector t12 = z.add(3.0);
      DoubleVector t13 = t11.mul(t12);
      DoubleVector t14 = t11.mul(t7).mul(t12.mul(t7));
      DoubleVector t15 = t14.neg().div(2.0).mul(z).mul(z).blend(t13.neg().div(2.0), t3.compare(VectorOperators.LE, 1.0));
      DoubleVector t16 = DoubleVector.broadcast(S, 0.0).max(t8.div(2.0).mul(z).mul(z).blend(t6.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(t10, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(0.0, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t17 = DoubleVector.broadcast(S, 0.0).max(t14.div(2.0).mul(z).mul(z).blend(t13.div(2.0), t3.compare(VectorOperators.LE, 1.0)).blend(0.0, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t2, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t18 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t15, t10.compare(VectorOperators.GE, 0.0).and(t15.compare(VectorOperators.GE, 0.0))).blend(t9, t2.compare(VectorOperators.GE, 0.0).and(t9.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t19 = t16.add(t17).add(t18);
      DoubleVector t20 = DoubleVector.broadcast(S, 1.0).div(t19.mul(t19));
      DoubleVector r = t16.mul(t17).mul(2.0).mul(-2.0).mul(t20).neg().sub(t16.mul(t18).mul(DoubleVector.broadcast(S, -1.0).add(z)).mul(t20)).sub(t17.mul(t18).mul(DoubleVector.broadcast(S, 1.0).add(z)).neg().mul(t20)).blend(t1.mul(DoubleVector.broadcast(S, 0.36552245663330063).add(t1.mul(DoubleVector.broadcast(S, 0.05342323214763215).add(t1.mul(DoubleVector.broadcast(S, 0.13575287033940397).add(t1.mul(DoubleVector.broadcast(S, 0.007540832176984924).add(t1.mul(DoubleVector.broadcast(S, -0.024428794599896345).add(t1.mul(DoubleVector.broadcast(S, 0.0026350132476837965).add(t1.mul(DoubleVector.broadcast(S, -0.13144030614926744).add(t1.mul(-94.55836514569351))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003504526936461379)).blend(t0.mul(DoubleVector.broadcast(S, -0.3655224566333006).add(t0.mul(DoubleVector.broadcast(S, 0.05342323214763217).add(t0.mul(DoubleVector.broadcast(S, -0.1357528703394067).add(t0.mul(DoubleVector.broadcast(S, 0.0075408321576776165).add(t0.mul(DoubleVector.broadcast(S, 0.02442879605971638).add(t0.mul(DoubleVector.broadcast(S, 0.002638329984573532).add(t0.mul(DoubleVector.broadcast(S, 0.13136310734418372).add(t0.mul(-94.7192200437574))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003504526936461379));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
