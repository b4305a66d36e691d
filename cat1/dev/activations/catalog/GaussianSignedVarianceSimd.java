package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianSignedVariance}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianSignedVariance} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianSignedVarianceSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private GaussianSignedVarianceSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector r = $0.mul(4.0).div($1.mul($1));
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
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t1 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t1);
      var $3 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t2).mul(t2), $3); };
      DoubleVector $4 = z.neg();
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = DoubleVector.broadcast(S, -2.0).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t1).neg();
      var $11 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); DoubleVector $12 = z.neg(); DoubleVector $13 = $12.abs(); DoubleVector $14 = $13.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $15 = $14.mul(2.0).div($14.add(1.0)).neg().add(1.0); var $16 = $13.compare(VectorOperators.LT, 0.01); if ($16.anyTrue()) { DoubleVector $17 = $13.mul($13); $15 = $15.blend($13.add($13.mul($17).mul($17.mul(-0.05396825396825397).add(0.13333333333333333).mul($17).add(-0.3333333333333333))), $16); }; $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).mul($15.reinterpretAsLongs().or($12.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).neg()).mul(t2).mul(t2), $11); };
      DoubleVector r = $2.add($10);
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
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t1 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t1);
      var $3 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t2).mul(t2), $3); };
      DoubleVector $4 = z.neg();
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = DoubleVector.broadcast(S, -2.0).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t1).neg();
      var $11 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); DoubleVector $12 = z.neg(); DoubleVector $13 = $12.abs(); DoubleVector $14 = $13.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $15 = $14.mul(2.0).div($14.add(1.0)).neg().add(1.0); var $16 = $13.compare(VectorOperators.LT, 0.01); if ($16.anyTrue()) { DoubleVector $17 = $13.mul($13); $15 = $15.blend($13.add($13.mul($17).mul($17.mul(-0.05396825396825397).add(0.13333333333333333).mul($17).add(-0.3333333333333333))), $16); }; $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).mul($15.reinterpretAsLongs().or($12.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).neg()).mul(t2).mul(t2), $11); };
      DoubleVector r = $2.add($10);
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
      FloatVector $0 = z.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector r = $0.mul(4.0f).div($1.mul($1));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.abs();
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t1 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t1);
      var $3 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t2).mul(t2), $3); };
      DoubleVector $4 = z.neg();
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = DoubleVector.broadcast(S, -2.0).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t1).neg();
      var $11 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); DoubleVector $12 = z.neg(); DoubleVector $13 = $12.abs(); DoubleVector $14 = $13.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $15 = $14.mul(2.0).div($14.add(1.0)).neg().add(1.0); var $16 = $13.compare(VectorOperators.LT, 0.01); if ($16.anyTrue()) { DoubleVector $17 = $13.mul($13); $15 = $15.blend($13.add($13.mul($17).mul($17.mul(-0.05396825396825397).add(0.13333333333333333).mul($17).add(-0.3333333333333333))), $16); }; $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).mul($15.reinterpretAsLongs().or($12.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).neg()).mul(t2).mul(t2), $11); };
      DoubleVector r = $2.add($10);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.abs();
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t1 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.0).mul(t1);
      var $3 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 0.0).mul(t2).mul(t2), $3); };
      DoubleVector $4 = z.neg();
      DoubleVector $5 = $4.abs();
      DoubleVector $6 = $5.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $7 = $6.mul(2.0).div($6.add(1.0)).neg().add(1.0);
      var $8 = $5.compare(VectorOperators.LT, 0.01);
      if ($8.anyTrue()) { DoubleVector $9 = $5.mul($5); $7 = $7.blend($5.add($5.mul($9).mul($9.mul(-0.05396825396825397).add(0.13333333333333333).mul($9).add(-0.3333333333333333))), $8); };
      DoubleVector $10 = DoubleVector.broadcast(S, -2.0).mul($7.reinterpretAsLongs().or($4.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t1).neg();
      var $11 = t0.compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t2 = t0.neg().lanewise(VectorOperators.EXP); DoubleVector $12 = z.neg(); DoubleVector $13 = $12.abs(); DoubleVector $14 = $13.mul(-2.0).lanewise(VectorOperators.EXP); DoubleVector $15 = $14.mul(2.0).div($14.add(1.0)).neg().add(1.0); var $16 = $13.compare(VectorOperators.LT, 0.01); if ($16.anyTrue()) { DoubleVector $17 = $13.mul($13); $15 = $15.blend($13.add($13.mul($17).mul($17.mul(-0.05396825396825397).add(0.13333333333333333).mul($17).add(-0.3333333333333333))), $16); }; $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, -2.0).mul($15.reinterpretAsLongs().or($12.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).neg()).mul(t2).mul(t2), $11); };
      DoubleVector r = $2.add($10);
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
