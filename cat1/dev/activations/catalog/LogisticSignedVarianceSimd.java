package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LogisticSignedVariance}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LogisticSignedVariance} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LogisticSignedVarianceSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LogisticSignedVarianceSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t1 = z.lanewise(VectorOperators.EXP).add(DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.COSH));
      DoubleVector r = DoubleVector.broadcast(S, 1.0).sub(t0.mul(t0).div(t1.mul(t1)));
      r = r.blend(0.4199743416140261, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      DoubleVector t5 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector t6 = DoubleVector.broadcast(S, 0.5).mul(t5);
      DoubleVector t7 = t6.abs();
      DoubleVector $0 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t8 = $0.mul(4.0).div($1.mul($1));
      DoubleVector t9 = DoubleVector.broadcast(S, -1.0).add(z).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 1.0).add(z);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t8);
      var $3 = t7.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t7.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t11).mul(t11), $3); };
      DoubleVector $4 = DoubleVector.broadcast(S, 0.5).mul(t5.neg());
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = t9;
      DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $12 = $11.add(1.0);
      DoubleVector $13 = t10;
      DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $15 = $14.add(1.0);
      DoubleVector $16 = DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg();
      var $17 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($17.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $18 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $19 = $18.abs(); DoubleVector $20 = $19.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $21 = $20.mul(2.0).div($20.add(1.0)).neg().add(1.0); var $22 = $19.compare(VectorOperators.LT, 0.01); if ($22.anyTrue()) { DoubleVector $23 = $19.mul($19); $21 = $21.blend($19.add($19.mul($23).mul($23.mul(-0.05396825396825397).add(0.13333333333333333).mul($23).add(-0.3333333333333333))), $22); }; DoubleVector $24 = t9; DoubleVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $26 = $25.add(1.0); $16 = $16.blend(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($21.reinterpretAsLongs().or($18.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($25.div($26).blend(DoubleVector.broadcast(S, 1.0).div($26), $24.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $17); };
      DoubleVector $27 = $16;
      var $28 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($28.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $29 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $30 = $29.abs(); DoubleVector $31 = $30.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $32 = $31.mul(2.0).div($31.add(1.0)).neg().add(1.0); var $33 = $30.compare(VectorOperators.LT, 0.01); if ($33.anyTrue()) { DoubleVector $34 = $30.mul($30); $32 = $32.blend($30.add($30.mul($34).mul($34.mul(-0.05396825396825397).add(0.13333333333333333).mul($34).add(-0.3333333333333333))), $33); }; DoubleVector $35 = t10; DoubleVector $36 = $35.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $37 = $36.add(1.0); $27 = $27.blend(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($32.reinterpretAsLongs().or($29.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($36.div($37).blend(DoubleVector.broadcast(S, 1.0).div($37), $35.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $28); };
      DoubleVector $38 = $27;
      var $39 = t7.compare(VectorOperators.GT, 177.79225181362597);
      if ($39.anyTrue()) { DoubleVector t11 = t7.neg().lanewise(VectorOperators.EXP); DoubleVector $40 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $41 = $40.abs(); DoubleVector $42 = $41.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $43 = $42.mul(2.0).div($42.add(1.0)).neg().add(1.0); var $44 = $41.compare(VectorOperators.LT, 0.01); if ($44.anyTrue()) { DoubleVector $45 = $41.mul($41); $43 = $43.blend($41.add($41.mul($45).mul($45.mul(-0.05396825396825397).add(0.13333333333333333).mul($45).add(-0.3333333333333333))), $44); }; DoubleVector $46 = t9; DoubleVector $47 = $46.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $48 = $47.add(1.0); DoubleVector $49 = t10; DoubleVector $50 = $49.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $51 = $50.add(1.0); $38 = $38.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($43.reinterpretAsLongs().or($40.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul($47.div($48).blend(DoubleVector.broadcast(S, 1.0).div($48), $46.compare(VectorOperators.GE, 0.0))).mul($50.div($51).blend(DoubleVector.broadcast(S, 1.0).div($51), $49.compare(VectorOperators.GE, 0.0))).neg()).mul(t11).mul(t11), $39); };
      DoubleVector r = $2.add($38);
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
      DoubleVector t5 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector t6 = DoubleVector.broadcast(S, 0.5).mul(t5);
      DoubleVector t7 = t6.abs();
      DoubleVector $0 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t8 = $0.mul(4.0).div($1.mul($1));
      DoubleVector t9 = DoubleVector.broadcast(S, -1.0).add(z).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 1.0).add(z);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t8);
      var $3 = t7.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t7.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t11).mul(t11), $3); };
      DoubleVector $4 = DoubleVector.broadcast(S, 0.5).mul(t5.neg());
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = t9;
      DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $12 = $11.add(1.0);
      DoubleVector $13 = t10;
      DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $15 = $14.add(1.0);
      DoubleVector $16 = DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg();
      var $17 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($17.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $18 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $19 = $18.abs(); DoubleVector $20 = $19.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $21 = $20.mul(2.0).div($20.add(1.0)).neg().add(1.0); var $22 = $19.compare(VectorOperators.LT, 0.01); if ($22.anyTrue()) { DoubleVector $23 = $19.mul($19); $21 = $21.blend($19.add($19.mul($23).mul($23.mul(-0.05396825396825397).add(0.13333333333333333).mul($23).add(-0.3333333333333333))), $22); }; DoubleVector $24 = t9; DoubleVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $26 = $25.add(1.0); $16 = $16.blend(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($21.reinterpretAsLongs().or($18.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($25.div($26).blend(DoubleVector.broadcast(S, 1.0).div($26), $24.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $17); };
      DoubleVector $27 = $16;
      var $28 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($28.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $29 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $30 = $29.abs(); DoubleVector $31 = $30.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $32 = $31.mul(2.0).div($31.add(1.0)).neg().add(1.0); var $33 = $30.compare(VectorOperators.LT, 0.01); if ($33.anyTrue()) { DoubleVector $34 = $30.mul($30); $32 = $32.blend($30.add($30.mul($34).mul($34.mul(-0.05396825396825397).add(0.13333333333333333).mul($34).add(-0.3333333333333333))), $33); }; DoubleVector $35 = t10; DoubleVector $36 = $35.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $37 = $36.add(1.0); $27 = $27.blend(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($32.reinterpretAsLongs().or($29.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t8).mul($36.div($37).blend(DoubleVector.broadcast(S, 1.0).div($37), $35.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $28); };
      DoubleVector $38 = $27;
      var $39 = t7.compare(VectorOperators.GT, 177.79225181362597);
      if ($39.anyTrue()) { DoubleVector t11 = t7.neg().lanewise(VectorOperators.EXP); DoubleVector $40 = DoubleVector.broadcast(S, 0.5).mul(t5.neg()); DoubleVector $41 = $40.abs(); DoubleVector $42 = $41.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $43 = $42.mul(2.0).div($42.add(1.0)).neg().add(1.0); var $44 = $41.compare(VectorOperators.LT, 0.01); if ($44.anyTrue()) { DoubleVector $45 = $41.mul($41); $43 = $43.blend($41.add($41.mul($45).mul($45.mul(-0.05396825396825397).add(0.13333333333333333).mul($45).add(-0.3333333333333333))), $44); }; DoubleVector $46 = t9; DoubleVector $47 = $46.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $48 = $47.add(1.0); DoubleVector $49 = t10; DoubleVector $50 = $49.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $51 = $50.add(1.0); $38 = $38.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1).mul($43.reinterpretAsLongs().or($40.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul($47.div($48).blend(DoubleVector.broadcast(S, 1.0).div($48), $46.compare(VectorOperators.GE, 0.0))).mul($50.div($51).blend(DoubleVector.broadcast(S, 1.0).div($51), $49.compare(VectorOperators.GE, 0.0))).neg()).mul(t11).mul(t11), $39); };
      DoubleVector r = $2.add($38);
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
      FloatVector t0 = FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.SINH);
      FloatVector t1 = z.lanewise(VectorOperators.EXP).add(FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.COSH));
      FloatVector r = FloatVector.broadcast(W, 1.0f).sub(t0.mul(t0).div(t1.mul(t1)));
      r = r.blend(0.41997433f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
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
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector t6 = FloatVector.broadcast(W, 0.5f).mul(t5);
      FloatVector t7 = t6.abs();
      FloatVector $0 = t6.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector t8 = $0.mul(4.0f).div($1.mul($1));
      FloatVector t9 = FloatVector.broadcast(W, -1.0f).add(z).neg();
      FloatVector t10 = FloatVector.broadcast(W, 1.0f).add(z);
      FloatVector $2 = FloatVector.broadcast(W, 0.0f).mul(t8);
      var $3 = t7.compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t11 = t7.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 0.0f).mul(t11).mul(t11), $3); };
      FloatVector $4 = FloatVector.broadcast(W, 0.5f).mul(t5.neg());
      FloatVector $5 = $4.abs();
      FloatVector $6 = $5.mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.mul(2.0f).div($6.add(1.0f)).neg().add(1.0f);
      var $8 = $5.compare(VectorOperators.LT, 0.35f);
      if ($8.anyTrue()) { FloatVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(0.021869488f).add(-0.053968254f).mul($9).add(0.13333334f).mul($9).add(-0.33333334f))), $8); };
      FloatVector $10 = t9;
      FloatVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $12 = $11.add(1.0f);
      FloatVector $13 = t10;
      FloatVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $15 = $14.add(1.0f);
      FloatVector $16 = FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($7.reinterpretAsInts().or($4.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($11.div($12).blend(FloatVector.broadcast(W, 1.0f).div($12), $10.compare(VectorOperators.GE, 0.0f))).mul($14.div($15).blend(FloatVector.broadcast(W, 1.0f).div($15), $13.compare(VectorOperators.GE, 0.0f))).neg();
      var $17 = t10.compare(VectorOperators.LT, -354.1982f);
      if ($17.anyTrue()) { FloatVector t11 = FloatVector.broadcast(W, 0.5f).mul(t10).lanewise(VectorOperators.EXP); FloatVector $18 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $19 = $18.abs(); FloatVector $20 = $19.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $21 = $20.mul(2.0f).div($20.add(1.0f)).neg().add(1.0f); var $22 = $19.compare(VectorOperators.LT, 0.35f); if ($22.anyTrue()) { FloatVector $23 = $19.mul($19); $21 = $21.blend($19.add($19.mul($23).mul($23.mul(0.021869488f).add(-0.053968254f).mul($23).add(0.13333334f).mul($23).add(-0.33333334f))), $22); }; FloatVector $24 = t9; FloatVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); FloatVector $26 = $25.add(1.0f); $16 = $16.blend(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($21.reinterpretAsInts().or($18.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($25.div($26).blend(FloatVector.broadcast(W, 1.0f).div($26), $24.compare(VectorOperators.GE, 0.0f))).neg().mul(t11).mul(t11), $17); };
      FloatVector $27 = $16;
      var $28 = t9.compare(VectorOperators.LT, -354.1982f);
      if ($28.anyTrue()) { FloatVector t11 = FloatVector.broadcast(W, 0.5f).mul(t9).lanewise(VectorOperators.EXP); FloatVector $29 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $30 = $29.abs(); FloatVector $31 = $30.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $32 = $31.mul(2.0f).div($31.add(1.0f)).neg().add(1.0f); var $33 = $30.compare(VectorOperators.LT, 0.35f); if ($33.anyTrue()) { FloatVector $34 = $30.mul($30); $32 = $32.blend($30.add($30.mul($34).mul($34.mul(0.021869488f).add(-0.053968254f).mul($34).add(0.13333334f).mul($34).add(-0.33333334f))), $33); }; FloatVector $35 = t10; FloatVector $36 = $35.abs().neg().lanewise(VectorOperators.EXP); FloatVector $37 = $36.add(1.0f); $27 = $27.blend(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($32.reinterpretAsInts().or($29.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($36.div($37).blend(FloatVector.broadcast(W, 1.0f).div($37), $35.compare(VectorOperators.GE, 0.0f))).neg().mul(t11).mul(t11), $28); };
      FloatVector $38 = $27;
      var $39 = t7.compare(VectorOperators.GT, 177.79225f);
      if ($39.anyTrue()) { FloatVector t11 = t7.neg().lanewise(VectorOperators.EXP); FloatVector $40 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $41 = $40.abs(); FloatVector $42 = $41.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $43 = $42.mul(2.0f).div($42.add(1.0f)).neg().add(1.0f); var $44 = $41.compare(VectorOperators.LT, 0.35f); if ($44.anyTrue()) { FloatVector $45 = $41.mul($41); $43 = $43.blend($41.add($41.mul($45).mul($45.mul(0.021869488f).add(-0.053968254f).mul($45).add(0.13333334f).mul($45).add(-0.33333334f))), $44); }; FloatVector $46 = t9; FloatVector $47 = $46.abs().neg().lanewise(VectorOperators.EXP); FloatVector $48 = $47.add(1.0f); FloatVector $49 = t10; FloatVector $50 = $49.abs().neg().lanewise(VectorOperators.EXP); FloatVector $51 = $50.add(1.0f); $38 = $38.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($43.reinterpretAsInts().or($40.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul($47.div($48).blend(FloatVector.broadcast(W, 1.0f).div($48), $46.compare(VectorOperators.GE, 0.0f))).mul($50.div($51).blend(FloatVector.broadcast(W, 1.0f).div($51), $49.compare(VectorOperators.GE, 0.0f))).neg()).mul(t11).mul(t11), $39); };
      FloatVector r = $2.add($38);
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
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector t6 = FloatVector.broadcast(W, 0.5f).mul(t5);
      FloatVector t7 = t6.abs();
      FloatVector $0 = t6.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector t8 = $0.mul(4.0f).div($1.mul($1));
      FloatVector t9 = FloatVector.broadcast(W, -1.0f).add(z).neg();
      FloatVector t10 = FloatVector.broadcast(W, 1.0f).add(z);
      FloatVector $2 = FloatVector.broadcast(W, 0.0f).mul(t8);
      var $3 = t7.compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t11 = t7.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 0.0f).mul(t11).mul(t11), $3); };
      FloatVector $4 = FloatVector.broadcast(W, 0.5f).mul(t5.neg());
      FloatVector $5 = $4.abs();
      FloatVector $6 = $5.mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $7 = $6.mul(2.0f).div($6.add(1.0f)).neg().add(1.0f);
      var $8 = $5.compare(VectorOperators.LT, 0.35f);
      if ($8.anyTrue()) { FloatVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(0.021869488f).add(-0.053968254f).mul($9).add(0.13333334f).mul($9).add(-0.33333334f))), $8); };
      FloatVector $10 = t9;
      FloatVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $12 = $11.add(1.0f);
      FloatVector $13 = t10;
      FloatVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $15 = $14.add(1.0f);
      FloatVector $16 = FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($7.reinterpretAsInts().or($4.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($11.div($12).blend(FloatVector.broadcast(W, 1.0f).div($12), $10.compare(VectorOperators.GE, 0.0f))).mul($14.div($15).blend(FloatVector.broadcast(W, 1.0f).div($15), $13.compare(VectorOperators.GE, 0.0f))).neg();
      var $17 = t10.compare(VectorOperators.LT, -354.1982f);
      if ($17.anyTrue()) { FloatVector t11 = FloatVector.broadcast(W, 0.5f).mul(t10).lanewise(VectorOperators.EXP); FloatVector $18 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $19 = $18.abs(); FloatVector $20 = $19.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $21 = $20.mul(2.0f).div($20.add(1.0f)).neg().add(1.0f); var $22 = $19.compare(VectorOperators.LT, 0.35f); if ($22.anyTrue()) { FloatVector $23 = $19.mul($19); $21 = $21.blend($19.add($19.mul($23).mul($23.mul(0.021869488f).add(-0.053968254f).mul($23).add(0.13333334f).mul($23).add(-0.33333334f))), $22); }; FloatVector $24 = t9; FloatVector $25 = $24.abs().neg().lanewise(VectorOperators.EXP); FloatVector $26 = $25.add(1.0f); $16 = $16.blend(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($21.reinterpretAsInts().or($18.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($25.div($26).blend(FloatVector.broadcast(W, 1.0f).div($26), $24.compare(VectorOperators.GE, 0.0f))).neg().mul(t11).mul(t11), $17); };
      FloatVector $27 = $16;
      var $28 = t9.compare(VectorOperators.LT, -354.1982f);
      if ($28.anyTrue()) { FloatVector t11 = FloatVector.broadcast(W, 0.5f).mul(t9).lanewise(VectorOperators.EXP); FloatVector $29 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $30 = $29.abs(); FloatVector $31 = $30.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $32 = $31.mul(2.0f).div($31.add(1.0f)).neg().add(1.0f); var $33 = $30.compare(VectorOperators.LT, 0.35f); if ($33.anyTrue()) { FloatVector $34 = $30.mul($30); $32 = $32.blend($30.add($30.mul($34).mul($34.mul(0.021869488f).add(-0.053968254f).mul($34).add(0.13333334f).mul($34).add(-0.33333334f))), $33); }; FloatVector $35 = t10; FloatVector $36 = $35.abs().neg().lanewise(VectorOperators.EXP); FloatVector $37 = $36.add(1.0f); $27 = $27.blend(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($32.reinterpretAsInts().or($29.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul(t8).mul($36.div($37).blend(FloatVector.broadcast(W, 1.0f).div($37), $35.compare(VectorOperators.GE, 0.0f))).neg().mul(t11).mul(t11), $28); };
      FloatVector $38 = $27;
      var $39 = t7.compare(VectorOperators.GT, 177.79225f);
      if ($39.anyTrue()) { FloatVector t11 = t7.neg().lanewise(VectorOperators.EXP); FloatVector $40 = FloatVector.broadcast(W, 0.5f).mul(t5.neg()); FloatVector $41 = $40.abs(); FloatVector $42 = $41.mul(-2.0f).lanewise(VectorOperators.EXP); FloatVector $43 = $42.mul(2.0f).div($42.add(1.0f)).neg().add(1.0f); var $44 = $41.compare(VectorOperators.LT, 0.35f); if ($44.anyTrue()) { FloatVector $45 = $41.mul($41); $43 = $43.blend($41.add($41.mul($45).mul($45.mul(0.021869488f).add(-0.053968254f).mul($45).add(0.13333334f).mul($45).add(-0.33333334f))), $44); }; FloatVector $46 = t9; FloatVector $47 = $46.abs().neg().lanewise(VectorOperators.EXP); FloatVector $48 = $47.add(1.0f); FloatVector $49 = t10; FloatVector $50 = $49.abs().neg().lanewise(VectorOperators.EXP); FloatVector $51 = $50.add(1.0f); $38 = $38.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1).mul($43.reinterpretAsInts().or($40.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()).mul($47.div($48).blend(FloatVector.broadcast(W, 1.0f).div($48), $46.compare(VectorOperators.GE, 0.0f))).mul($50.div($51).blend(FloatVector.broadcast(W, 1.0f).div($51), $49.compare(VectorOperators.GE, 0.0f))).neg()).mul(t11).mul(t11), $39); };
      FloatVector r = $2.add($38);
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
