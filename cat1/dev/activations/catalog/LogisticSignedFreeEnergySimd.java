package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LogisticSignedFreeEnergy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LogisticSignedFreeEnergy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LogisticSignedFreeEnergySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LogisticSignedFreeEnergySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3);
      DoubleVector t5 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t6 = t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t5);
      DoubleVector t7 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3);
      DoubleVector t8 = t2.max(DoubleVector.broadcast(S, 0.0)).add(t5);
      DoubleVector t9 = t7.sub(t8).blend(DoubleVector.broadcast(S, -2.0).add(t4).sub(t6), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector t10 = t9.neg();
      DoubleVector $0 = t9;
      DoubleVector t11 = $0.max(0.0).add($0.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).neg();
      DoubleVector $1 = t10;
      DoubleVector t12 = $1.max(0.0).add($1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).neg();
      DoubleVector r = t7.add(t11).blend(DoubleVector.broadcast(S, -1.0).add(t0).add(t10).add(t4).add(t12), t1.compare(VectorOperators.GT, 0.0).and(t9.compare(VectorOperators.GT, 0.0))).blend(t8.add(t12).blend(DoubleVector.broadcast(S, 1.0).add(t0).add(t9).add(t6).add(t11), t2.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.GT, 0.0))), t9.compare(VectorOperators.GE, 0.0)).blend(z.mul(DoubleVector.broadcast(S, -0.3932238664829637).add(z.mul(DoubleVector.broadcast(S, 0.07731250458590583).add(z.mul(DoubleVector.broadcast(S, -0.00849222114842262).add(z.mul(DoubleVector.broadcast(S, 0.001346936246562567).add(z.mul(DoubleVector.broadcast(S, 7.911294998072109E-4).add(z.mul(DoubleVector.broadcast(S, -3.649938387831171E-4).add(z.mul(DoubleVector.broadcast(S, -7.25747024648712E-5).add(z.mul(DoubleVector.broadcast(S, 3.9067265754339525E-5).add(z.mul(DoubleVector.broadcast(S, 6.464907619660103E-6).add(z.mul(DoubleVector.broadcast(S, -3.0151394142882607E-6).add(z.mul(DoubleVector.broadcast(S, -5.559778750852889E-7).add(z.mul(DoubleVector.broadcast(S, 1.5944513743146165E-7).add(z.mul(DoubleVector.broadcast(S, 4.580425488459663E-8).add(z.mul(DoubleVector.broadcast(S, -1.4708864427079248E-9).add(z.mul(DoubleVector.broadcast(S, -3.567979516291188E-9).add(z.mul(-9.758784982215285E-10))))))))))))))))))))))))))))))), z.abs().compare(VectorOperators.LT, 0.5));
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
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.neg();
      DoubleVector t4 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t5 = t4.lanewise(VectorOperators.LOG1P);
      DoubleVector t6 = t2.neg();
      DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t8 = t7.lanewise(VectorOperators.LOG1P);
      DoubleVector t9 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t5).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t8)).blend(DoubleVector.broadcast(S, -2.0).add(t3.max(DoubleVector.broadcast(S, 0.0)).add(t5)).sub(t6.max(DoubleVector.broadcast(S, 0.0)).add(t8)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t4));
      DoubleVector t12 = t4.mul(t11);
      DoubleVector t13 = t12.blend(t11, t3.compare(VectorOperators.GE, 0.0));
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t7));
      DoubleVector t15 = t7.mul(t14);
      DoubleVector t16 = t15.blend(t14, t6.compare(VectorOperators.GE, 0.0));
      DoubleVector t17 = t12.blend(t11, t1.compare(VectorOperators.GE, 0.0)).neg();
      DoubleVector t18 = t15.blend(t14, t2.compare(VectorOperators.GE, 0.0));
      DoubleVector t19 = t17.add(t18).blend(t13.sub(t16), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)).mul(t19).neg();
      var $4 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t23 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); $3 = $3.blend(t19.neg().mul(t23).mul(t23), $4); };
      DoubleVector t20 = $3;
      DoubleVector t21 = t19.neg();
      DoubleVector $5 = t10;
      DoubleVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.add(1.0);
      DoubleVector $8 = $6.div($7).blend(DoubleVector.broadcast(S, 1.0).div($7), $5.compare(VectorOperators.GE, 0.0)).mul(t21).neg();
      var $9 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t23 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); $8 = $8.blend(t21.neg().mul(t23).mul(t23), $9); };
      DoubleVector t22 = $8;
      DoubleVector r = t17.add(t20).blend(DoubleVector.broadcast(S, -1.0).add(t21).add(t13).add(t22), t1.compare(VectorOperators.GT, 0.0).and(t9.compare(VectorOperators.GT, 0.0))).blend(t18.neg().add(t22).blend(DoubleVector.broadcast(S, -1.0).add(t19).add(t16).add(t20), t2.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.GT, 0.0))), t9.compare(VectorOperators.GE, 0.0));
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
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.neg();
      DoubleVector t4 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t5 = t4.lanewise(VectorOperators.LOG1P);
      DoubleVector t6 = t2.neg();
      DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t8 = t7.lanewise(VectorOperators.LOG1P);
      DoubleVector t9 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t5).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t8)).blend(DoubleVector.broadcast(S, -2.0).add(t3.max(DoubleVector.broadcast(S, 0.0)).add(t5)).sub(t6.max(DoubleVector.broadcast(S, 0.0)).add(t8)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t4));
      DoubleVector t12 = t4.mul(t11);
      DoubleVector t13 = t12.blend(t11, t3.compare(VectorOperators.GE, 0.0));
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t7));
      DoubleVector t15 = t7.mul(t14);
      DoubleVector t16 = t15.blend(t14, t6.compare(VectorOperators.GE, 0.0));
      DoubleVector t17 = t12.blend(t11, t1.compare(VectorOperators.GE, 0.0)).neg();
      DoubleVector t18 = t15.blend(t14, t2.compare(VectorOperators.GE, 0.0));
      DoubleVector t19 = t17.add(t18).blend(t13.sub(t16), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)).mul(t19).neg();
      var $4 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t23 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); $3 = $3.blend(t19.neg().mul(t23).mul(t23), $4); };
      DoubleVector t20 = $3;
      DoubleVector t21 = t19.neg();
      DoubleVector $5 = t10;
      DoubleVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.add(1.0);
      DoubleVector $8 = $6.div($7).blend(DoubleVector.broadcast(S, 1.0).div($7), $5.compare(VectorOperators.GE, 0.0)).mul(t21).neg();
      var $9 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t23 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); $8 = $8.blend(t21.neg().mul(t23).mul(t23), $9); };
      DoubleVector t22 = $8;
      DoubleVector r = t17.add(t20).blend(DoubleVector.broadcast(S, -1.0).add(t21).add(t13).add(t22), t1.compare(VectorOperators.GT, 0.0).and(t9.compare(VectorOperators.GT, 0.0))).blend(t18.neg().add(t22).blend(DoubleVector.broadcast(S, -1.0).add(t19).add(t16).add(t20), t2.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.GT, 0.0))), t9.compare(VectorOperators.GE, 0.0));
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
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3);
      FloatVector t5 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t6 = t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t5);
      FloatVector t7 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3);
      FloatVector t8 = t2.max(FloatVector.broadcast(W, 0.0f)).add(t5);
      FloatVector t9 = t7.sub(t8).blend(FloatVector.broadcast(W, -2.0f).add(t4).sub(t6), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector t10 = t9.neg();
      FloatVector $0 = t9;
      FloatVector t11 = $0.max(0.0f).add($0.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).neg();
      FloatVector $1 = t10;
      FloatVector t12 = $1.max(0.0f).add($1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).neg();
      FloatVector r = t7.add(t11).blend(FloatVector.broadcast(W, -1.0f).add(t0).add(t10).add(t4).add(t12), t1.compare(VectorOperators.GT, 0.0f).and(t9.compare(VectorOperators.GT, 0.0f))).blend(t8.add(t12).blend(FloatVector.broadcast(W, 1.0f).add(t0).add(t9).add(t6).add(t11), t2.compare(VectorOperators.GT, 0.0f).and(t10.compare(VectorOperators.GT, 0.0f))), t9.compare(VectorOperators.GE, 0.0f)).blend(z.mul(FloatVector.broadcast(W, -0.39322385f).add(z.mul(FloatVector.broadcast(W, 0.07731251f).add(z.mul(FloatVector.broadcast(W, -0.008492221f).add(z.mul(FloatVector.broadcast(W, 0.0013469362f).add(z.mul(FloatVector.broadcast(W, 7.911295E-4f).add(z.mul(FloatVector.broadcast(W, -3.6499384E-4f).add(z.mul(FloatVector.broadcast(W, -7.25747E-5f).add(z.mul(FloatVector.broadcast(W, 3.9067265E-5f).add(z.mul(FloatVector.broadcast(W, 6.4649075E-6f).add(z.mul(FloatVector.broadcast(W, -3.0151393E-6f).add(z.mul(FloatVector.broadcast(W, -5.5597786E-7f).add(z.mul(FloatVector.broadcast(W, 1.5944514E-7f).add(z.mul(FloatVector.broadcast(W, 4.5804256E-8f).add(z.mul(FloatVector.broadcast(W, -1.4708864E-9f).add(z.mul(FloatVector.broadcast(W, -3.5679795E-9f).add(z.mul(-9.758785E-10f))))))))))))))))))))))))))))))), z.abs().compare(VectorOperators.LT, 0.5f));
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
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.neg();
      FloatVector t4 = t1.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t5 = t4.lanewise(VectorOperators.LOG1P);
      FloatVector t6 = t2.neg();
      FloatVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t8 = t7.lanewise(VectorOperators.LOG1P);
      FloatVector t9 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t5).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t8)).blend(FloatVector.broadcast(W, -2.0f).add(t3.max(FloatVector.broadcast(W, 0.0f)).add(t5)).sub(t6.max(FloatVector.broadcast(W, 0.0f)).add(t8)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector t10 = t9.neg();
      FloatVector t11 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t4));
      FloatVector t12 = t4.mul(t11);
      FloatVector t13 = t12.blend(t11, t3.compare(VectorOperators.GE, 0.0f));
      FloatVector t14 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t7));
      FloatVector t15 = t7.mul(t14);
      FloatVector t16 = t15.blend(t14, t6.compare(VectorOperators.GE, 0.0f));
      FloatVector t17 = t12.blend(t11, t1.compare(VectorOperators.GE, 0.0f)).neg();
      FloatVector t18 = t15.blend(t14, t2.compare(VectorOperators.GE, 0.0f));
      FloatVector t19 = t17.add(t18).blend(t13.sub(t16), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector $0 = t9;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = $1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)).mul(t19).neg();
      var $4 = t9.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t23 = FloatVector.broadcast(W, 0.5f).mul(t9).lanewise(VectorOperators.EXP); $3 = $3.blend(t19.neg().mul(t23).mul(t23), $4); };
      FloatVector t20 = $3;
      FloatVector t21 = t19.neg();
      FloatVector $5 = t10;
      FloatVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.add(1.0f);
      FloatVector $8 = $6.div($7).blend(FloatVector.broadcast(W, 1.0f).div($7), $5.compare(VectorOperators.GE, 0.0f)).mul(t21).neg();
      var $9 = t10.compare(VectorOperators.LT, -354.1982f);
      if ($9.anyTrue()) { FloatVector t23 = FloatVector.broadcast(W, 0.5f).mul(t10).lanewise(VectorOperators.EXP); $8 = $8.blend(t21.neg().mul(t23).mul(t23), $9); };
      FloatVector t22 = $8;
      FloatVector r = t17.add(t20).blend(FloatVector.broadcast(W, -1.0f).add(t21).add(t13).add(t22), t1.compare(VectorOperators.GT, 0.0f).and(t9.compare(VectorOperators.GT, 0.0f))).blend(t18.neg().add(t22).blend(FloatVector.broadcast(W, -1.0f).add(t19).add(t16).add(t20), t2.compare(VectorOperators.GT, 0.0f).and(t10.compare(VectorOperators.GT, 0.0f))), t9.compare(VectorOperators.GE, 0.0f));
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
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.neg();
      FloatVector t4 = t1.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t5 = t4.lanewise(VectorOperators.LOG1P);
      FloatVector t6 = t2.neg();
      FloatVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t8 = t7.lanewise(VectorOperators.LOG1P);
      FloatVector t9 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t5).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t8)).blend(FloatVector.broadcast(W, -2.0f).add(t3.max(FloatVector.broadcast(W, 0.0f)).add(t5)).sub(t6.max(FloatVector.broadcast(W, 0.0f)).add(t8)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector t10 = t9.neg();
      FloatVector t11 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t4));
      FloatVector t12 = t4.mul(t11);
      FloatVector t13 = t12.blend(t11, t3.compare(VectorOperators.GE, 0.0f));
      FloatVector t14 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t7));
      FloatVector t15 = t7.mul(t14);
      FloatVector t16 = t15.blend(t14, t6.compare(VectorOperators.GE, 0.0f));
      FloatVector t17 = t12.blend(t11, t1.compare(VectorOperators.GE, 0.0f)).neg();
      FloatVector t18 = t15.blend(t14, t2.compare(VectorOperators.GE, 0.0f));
      FloatVector t19 = t17.add(t18).blend(t13.sub(t16), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector $0 = t9;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = $1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)).mul(t19).neg();
      var $4 = t9.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t23 = FloatVector.broadcast(W, 0.5f).mul(t9).lanewise(VectorOperators.EXP); $3 = $3.blend(t19.neg().mul(t23).mul(t23), $4); };
      FloatVector t20 = $3;
      FloatVector t21 = t19.neg();
      FloatVector $5 = t10;
      FloatVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.add(1.0f);
      FloatVector $8 = $6.div($7).blend(FloatVector.broadcast(W, 1.0f).div($7), $5.compare(VectorOperators.GE, 0.0f)).mul(t21).neg();
      var $9 = t10.compare(VectorOperators.LT, -354.1982f);
      if ($9.anyTrue()) { FloatVector t23 = FloatVector.broadcast(W, 0.5f).mul(t10).lanewise(VectorOperators.EXP); $8 = $8.blend(t21.neg().mul(t23).mul(t23), $9); };
      FloatVector t22 = $8;
      FloatVector r = t17.add(t20).blend(FloatVector.broadcast(W, -1.0f).add(t21).add(t13).add(t22), t1.compare(VectorOperators.GT, 0.0f).and(t9.compare(VectorOperators.GT, 0.0f))).blend(t18.neg().add(t22).blend(FloatVector.broadcast(W, -1.0f).add(t19).add(t16).add(t20), t2.compare(VectorOperators.GT, 0.0f).and(t10.compare(VectorOperators.GT, 0.0f))), t9.compare(VectorOperators.GE, 0.0f));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
