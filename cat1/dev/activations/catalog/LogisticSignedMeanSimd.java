package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LogisticSignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LogisticSignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LogisticSignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LogisticSignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0))));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = $3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
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
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t5 = DoubleVector.broadcast(S, 0.5).mul(t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0))));
      DoubleVector t6 = DoubleVector.broadcast(S, -1.0).add(z).neg();
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).add(z);
      DoubleVector $0 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = t6;
      DoubleVector $3 = $2.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $4 = $3.add(1.0);
      DoubleVector $5 = t7;
      DoubleVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.add(1.0);
      DoubleVector $8 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($0.mul(4.0).div($1.mul($1))).mul($3.div($4).blend(DoubleVector.broadcast(S, 1.0).div($4), $2.compare(VectorOperators.GE, 0.0))).mul($6.div($7).blend(DoubleVector.broadcast(S, 1.0).div($7), $5.compare(VectorOperators.GE, 0.0))).neg();
      var $9 = t7.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t8 = DoubleVector.broadcast(S, 0.5).mul(t7).lanewise(VectorOperators.EXP); DoubleVector $10 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $11 = $10.add(1.0); DoubleVector $12 = t6; DoubleVector $13 = $12.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $14 = $13.add(1.0); $8 = $8.blend(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($10.mul(4.0).div($11.mul($11))).mul($13.div($14).blend(DoubleVector.broadcast(S, 1.0).div($14), $12.compare(VectorOperators.GE, 0.0))).neg().mul(t8).mul(t8), $9); };
      DoubleVector $15 = $8;
      var $16 = t6.compare(VectorOperators.LT, -354.19820926613204);
      if ($16.anyTrue()) { DoubleVector t8 = DoubleVector.broadcast(S, 0.5).mul(t6).lanewise(VectorOperators.EXP); DoubleVector $17 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $18 = $17.add(1.0); DoubleVector $19 = t7; DoubleVector $20 = $19.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $21 = $20.add(1.0); $15 = $15.blend(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($17.mul(4.0).div($18.mul($18))).mul($20.div($21).blend(DoubleVector.broadcast(S, 1.0).div($21), $19.compare(VectorOperators.GE, 0.0))).neg().mul(t8).mul(t8), $16); };
      DoubleVector $22 = $15;
      var $23 = t5.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($23.anyTrue()) { DoubleVector t8 = t5.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $24 = t6; DoubleVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $26 = $25.add(1.0); DoubleVector $27 = t7; DoubleVector $28 = $27.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $29 = $28.add(1.0); $22 = $22.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($25.div($26).blend(DoubleVector.broadcast(S, 1.0).div($26), $24.compare(VectorOperators.GE, 0.0))).mul($28.div($29).blend(DoubleVector.broadcast(S, 1.0).div($29), $27.compare(VectorOperators.GE, 0.0))).neg()).mul(t8).mul(t8), $23); };
      DoubleVector r = $22;
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
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t5 = DoubleVector.broadcast(S, 0.5).mul(t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0))));
      DoubleVector t6 = DoubleVector.broadcast(S, -1.0).add(z).neg();
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).add(z);
      DoubleVector $0 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = t6;
      DoubleVector $3 = $2.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $4 = $3.add(1.0);
      DoubleVector $5 = t7;
      DoubleVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.add(1.0);
      DoubleVector $8 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($0.mul(4.0).div($1.mul($1))).mul($3.div($4).blend(DoubleVector.broadcast(S, 1.0).div($4), $2.compare(VectorOperators.GE, 0.0))).mul($6.div($7).blend(DoubleVector.broadcast(S, 1.0).div($7), $5.compare(VectorOperators.GE, 0.0))).neg();
      var $9 = t7.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t8 = DoubleVector.broadcast(S, 0.5).mul(t7).lanewise(VectorOperators.EXP); DoubleVector $10 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $11 = $10.add(1.0); DoubleVector $12 = t6; DoubleVector $13 = $12.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $14 = $13.add(1.0); $8 = $8.blend(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($10.mul(4.0).div($11.mul($11))).mul($13.div($14).blend(DoubleVector.broadcast(S, 1.0).div($14), $12.compare(VectorOperators.GE, 0.0))).neg().mul(t8).mul(t8), $9); };
      DoubleVector $15 = $8;
      var $16 = t6.compare(VectorOperators.LT, -354.19820926613204);
      if ($16.anyTrue()) { DoubleVector t8 = DoubleVector.broadcast(S, 0.5).mul(t6).lanewise(VectorOperators.EXP); DoubleVector $17 = t5.abs().mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $18 = $17.add(1.0); DoubleVector $19 = t7; DoubleVector $20 = $19.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $21 = $20.add(1.0); $15 = $15.blend(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($17.mul(4.0).div($18.mul($18))).mul($20.div($21).blend(DoubleVector.broadcast(S, 1.0).div($21), $19.compare(VectorOperators.GE, 0.0))).neg().mul(t8).mul(t8), $16); };
      DoubleVector $22 = $15;
      var $23 = t5.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($23.anyTrue()) { DoubleVector t8 = t5.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $24 = t6; DoubleVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $26 = $25.add(1.0); DoubleVector $27 = t7; DoubleVector $28 = $27.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $29 = $28.add(1.0); $22 = $22.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).mul($25.div($26).blend(DoubleVector.broadcast(S, 1.0).div($26), $24.compare(VectorOperators.GE, 0.0))).mul($28.div($29).blend(DoubleVector.broadcast(S, 1.0).div($29), $27.compare(VectorOperators.GE, 0.0))).neg()).mul(t8).mul(t8), $23); };
      DoubleVector r = $22;
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
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector $0 = FloatVector.broadcast(W, 0.5f).mul(t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f))));
      FloatVector $1 = $0.abs();
      FloatVector $2 = $1.mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $3 = $2.mul(2.0f).div($2.add(1.0f)).neg().add(1.0f);
      var $4 = $1.compare(VectorOperators.LT, 0.35f);
      if ($4.anyTrue()) { FloatVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(0.021869488f).add(-0.053968254f).mul($5).add(0.13333334f).mul($5).add(-0.33333334f))), $4); };
      FloatVector r = $3.reinterpretAsInts().or($0.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
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
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t5 = FloatVector.broadcast(W, 0.5f).mul(t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f))));
      FloatVector t6 = FloatVector.broadcast(W, -1.0f).add(z).neg();
      FloatVector t7 = FloatVector.broadcast(W, 1.0f).add(z);
      FloatVector $0 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = t6;
      FloatVector $3 = $2.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $4 = $3.add(1.0f);
      FloatVector $5 = t7;
      FloatVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.add(1.0f);
      FloatVector $8 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($0.mul(4.0f).div($1.mul($1))).mul($3.div($4).blend(FloatVector.broadcast(W, 1.0f).div($4), $2.compare(VectorOperators.GE, 0.0f))).mul($6.div($7).blend(FloatVector.broadcast(W, 1.0f).div($7), $5.compare(VectorOperators.GE, 0.0f))).neg();
      var $9 = t7.compare(VectorOperators.LT, -354.1982f);
      if ($9.anyTrue()) { FloatVector t8 = FloatVector.broadcast(W, 0.5f).mul(t7).lanewise(VectorOperators.EXP); FloatVector $10 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $11 = $10.add(1.0f); FloatVector $12 = t6; FloatVector $13 = $12.abs().neg().lanewise(VectorOperators.EXP); FloatVector $14 = $13.add(1.0f); $8 = $8.blend(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($10.mul(4.0f).div($11.mul($11))).mul($13.div($14).blend(FloatVector.broadcast(W, 1.0f).div($14), $12.compare(VectorOperators.GE, 0.0f))).neg().mul(t8).mul(t8), $9); };
      FloatVector $15 = $8;
      var $16 = t6.compare(VectorOperators.LT, -354.1982f);
      if ($16.anyTrue()) { FloatVector t8 = FloatVector.broadcast(W, 0.5f).mul(t6).lanewise(VectorOperators.EXP); FloatVector $17 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $18 = $17.add(1.0f); FloatVector $19 = t7; FloatVector $20 = $19.abs().neg().lanewise(VectorOperators.EXP); FloatVector $21 = $20.add(1.0f); $15 = $15.blend(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($17.mul(4.0f).div($18.mul($18))).mul($20.div($21).blend(FloatVector.broadcast(W, 1.0f).div($21), $19.compare(VectorOperators.GE, 0.0f))).neg().mul(t8).mul(t8), $16); };
      FloatVector $22 = $15;
      var $23 = t5.abs().compare(VectorOperators.GT, 177.79225f);
      if ($23.anyTrue()) { FloatVector t8 = t5.abs().neg().lanewise(VectorOperators.EXP); FloatVector $24 = t6; FloatVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); FloatVector $26 = $25.add(1.0f); FloatVector $27 = t7; FloatVector $28 = $27.abs().neg().lanewise(VectorOperators.EXP); FloatVector $29 = $28.add(1.0f); $22 = $22.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($25.div($26).blend(FloatVector.broadcast(W, 1.0f).div($26), $24.compare(VectorOperators.GE, 0.0f))).mul($28.div($29).blend(FloatVector.broadcast(W, 1.0f).div($29), $27.compare(VectorOperators.GE, 0.0f))).neg()).mul(t8).mul(t8), $23); };
      FloatVector r = $22;
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
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t5 = FloatVector.broadcast(W, 0.5f).mul(t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f))));
      FloatVector t6 = FloatVector.broadcast(W, -1.0f).add(z).neg();
      FloatVector t7 = FloatVector.broadcast(W, 1.0f).add(z);
      FloatVector $0 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = t6;
      FloatVector $3 = $2.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $4 = $3.add(1.0f);
      FloatVector $5 = t7;
      FloatVector $6 = $5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.add(1.0f);
      FloatVector $8 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($0.mul(4.0f).div($1.mul($1))).mul($3.div($4).blend(FloatVector.broadcast(W, 1.0f).div($4), $2.compare(VectorOperators.GE, 0.0f))).mul($6.div($7).blend(FloatVector.broadcast(W, 1.0f).div($7), $5.compare(VectorOperators.GE, 0.0f))).neg();
      var $9 = t7.compare(VectorOperators.LT, -354.1982f);
      if ($9.anyTrue()) { FloatVector t8 = FloatVector.broadcast(W, 0.5f).mul(t7).lanewise(VectorOperators.EXP); FloatVector $10 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $11 = $10.add(1.0f); FloatVector $12 = t6; FloatVector $13 = $12.abs().neg().lanewise(VectorOperators.EXP); FloatVector $14 = $13.add(1.0f); $8 = $8.blend(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($10.mul(4.0f).div($11.mul($11))).mul($13.div($14).blend(FloatVector.broadcast(W, 1.0f).div($14), $12.compare(VectorOperators.GE, 0.0f))).neg().mul(t8).mul(t8), $9); };
      FloatVector $15 = $8;
      var $16 = t6.compare(VectorOperators.LT, -354.1982f);
      if ($16.anyTrue()) { FloatVector t8 = FloatVector.broadcast(W, 0.5f).mul(t6).lanewise(VectorOperators.EXP); FloatVector $17 = t5.abs().mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $18 = $17.add(1.0f); FloatVector $19 = t7; FloatVector $20 = $19.abs().neg().lanewise(VectorOperators.EXP); FloatVector $21 = $20.add(1.0f); $15 = $15.blend(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($17.mul(4.0f).div($18.mul($18))).mul($20.div($21).blend(FloatVector.broadcast(W, 1.0f).div($21), $19.compare(VectorOperators.GE, 0.0f))).neg().mul(t8).mul(t8), $16); };
      FloatVector $22 = $15;
      var $23 = t5.abs().compare(VectorOperators.GT, 177.79225f);
      if ($23.anyTrue()) { FloatVector t8 = t5.abs().neg().lanewise(VectorOperators.EXP); FloatVector $24 = t6; FloatVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); FloatVector $26 = $25.add(1.0f); FloatVector $27 = t7; FloatVector $28 = $27.abs().neg().lanewise(VectorOperators.EXP); FloatVector $29 = $28.add(1.0f); $22 = $22.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).mul($25.div($26).blend(FloatVector.broadcast(W, 1.0f).div($26), $24.compare(VectorOperators.GE, 0.0f))).mul($28.div($29).blend(FloatVector.broadcast(W, 1.0f).div($29), $27.compare(VectorOperators.GE, 0.0f))).neg()).mul(t8).mul(t8), $23); };
      FloatVector r = $22;
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
