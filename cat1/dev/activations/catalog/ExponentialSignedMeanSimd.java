package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link ExponentialSignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code ExponentialSignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class ExponentialSignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private ExponentialSignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(t2.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).blend(t2.mul(t1.lanewise(VectorOperators.EXPM1)).blend(DoubleVector.broadcast(S, 1.0).add(t0).lanewise(VectorOperators.EXP).mul(t1.neg().lanewise(VectorOperators.EXPM1)).neg(), t1.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1).mul(DoubleVector.broadcast(S, -1.0).add(t0).lanewise(VectorOperators.EXP)), z.compare(VectorOperators.LE, -1.0))).neg();
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
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).sub(z).lanewise(VectorOperators.EXP);
      DoubleVector t2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.SINH));
      DoubleVector t4 = z.lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector $0 = t2.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1).mul($0.mul(4.0).div($1.mul($1)));
      var $3 = t2.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1).mul(t7).mul(t7), $3); };
      DoubleVector $4 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.COSH)).mul($4.mul(4.0).div($5.mul($5)));
      var $7 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($7.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $6 = $6.blend(DoubleVector.broadcast(S, 10.87312731383618).mul(z.lanewise(VectorOperators.COSH)).mul(t7).mul(t7), $7); };
      DoubleVector $8 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $9 = $8.add(1.0);
      DoubleVector $10 = t4.mul($8.mul(4.0).div($9.mul($9))).mul(t5);
      var $11 = t6.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t7 = t6.abs().neg().lanewise(VectorOperators.EXP); $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(t4).mul(t5).mul(t7).mul(t7), $11); };
      DoubleVector r = $10.blend($6, z.compare(VectorOperators.LE, 1.0)).blend($2, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.GE, 7.0)).blend(0.0, z.compare(VectorOperators.LE, -7.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).sub(z).lanewise(VectorOperators.EXP);
      DoubleVector t2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.SINH));
      DoubleVector t4 = z.lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector $0 = t2.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1).mul($0.mul(4.0).div($1.mul($1)));
      var $3 = t2.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1).mul(t7).mul(t7), $3); };
      DoubleVector $4 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.COSH)).mul($4.mul(4.0).div($5.mul($5)));
      var $7 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($7.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $6 = $6.blend(DoubleVector.broadcast(S, 10.87312731383618).mul(z.lanewise(VectorOperators.COSH)).mul(t7).mul(t7), $7); };
      DoubleVector $8 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $9 = $8.add(1.0);
      DoubleVector $10 = t4.mul($8.mul(4.0).div($9.mul($9))).mul(t5);
      var $11 = t6.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t7 = t6.abs().neg().lanewise(VectorOperators.EXP); $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(t4).mul(t5).mul(t7).mul(t7), $11); };
      DoubleVector r = $10.blend($6, z.compare(VectorOperators.LE, 1.0)).blend($2, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.GE, 7.0)).blend(0.0, z.compare(VectorOperators.LE, -7.0));
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
      FloatVector t1 = FloatVector.broadcast(W, -2.0f).mul(z);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(z).lanewise(VectorOperators.EXP);
      FloatVector $0 = FloatVector.broadcast(W, 0.5f).mul(t2.mul(FloatVector.broadcast(W, -2.0f).lanewise(VectorOperators.EXPM1)).blend(t2.mul(t1.lanewise(VectorOperators.EXPM1)).blend(FloatVector.broadcast(W, 1.0f).add(t0).lanewise(VectorOperators.EXP).mul(t1.neg().lanewise(VectorOperators.EXPM1)).neg(), t1.compare(VectorOperators.GT, 0.0f)), z.compare(VectorOperators.LE, 1.0f)).blend(FloatVector.broadcast(W, 2.0f).lanewise(VectorOperators.EXPM1).mul(FloatVector.broadcast(W, -1.0f).add(t0).lanewise(VectorOperators.EXP)), z.compare(VectorOperators.LE, -1.0f))).neg();
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
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).sub(z).lanewise(VectorOperators.EXP);
      DoubleVector t2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.SINH));
      DoubleVector t4 = z.lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector $0 = t2.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1).mul($0.mul(4.0).div($1.mul($1)));
      var $3 = t2.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1).mul(t7).mul(t7), $3); };
      DoubleVector $4 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.COSH)).mul($4.mul(4.0).div($5.mul($5)));
      var $7 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($7.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $6 = $6.blend(DoubleVector.broadcast(S, 10.87312731383618).mul(z.lanewise(VectorOperators.COSH)).mul(t7).mul(t7), $7); };
      DoubleVector $8 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $9 = $8.add(1.0);
      DoubleVector $10 = t4.mul($8.mul(4.0).div($9.mul($9))).mul(t5);
      var $11 = t6.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t7 = t6.abs().neg().lanewise(VectorOperators.EXP); $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(t4).mul(t5).mul(t7).mul(t7), $11); };
      DoubleVector r = $10.blend($6, z.compare(VectorOperators.LE, 1.0)).blend($2, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.GE, 7.0)).blend(0.0, z.compare(VectorOperators.LE, -7.0));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).sub(z).lanewise(VectorOperators.EXP);
      DoubleVector t2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.SINH));
      DoubleVector t4 = z.lanewise(VectorOperators.EXP);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector $0 = t2.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t0).mul(t1).mul($0.mul(4.0).div($1.mul($1)));
      var $3 = t2.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t2.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 2.0).mul(t0).mul(t1).mul(t7).mul(t7), $3); };
      DoubleVector $4 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 2.718281828459045).mul(z.lanewise(VectorOperators.COSH)).mul($4.mul(4.0).div($5.mul($5)));
      var $7 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($7.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $6 = $6.blend(DoubleVector.broadcast(S, 10.87312731383618).mul(z.lanewise(VectorOperators.COSH)).mul(t7).mul(t7), $7); };
      DoubleVector $8 = t6.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $9 = $8.add(1.0);
      DoubleVector $10 = t4.mul($8.mul(4.0).div($9.mul($9))).mul(t5);
      var $11 = t6.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($11.anyTrue()) { DoubleVector t7 = t6.abs().neg().lanewise(VectorOperators.EXP); $10 = $10.blend(DoubleVector.broadcast(S, 4.0).mul(t4).mul(t5).mul(t7).mul(t7), $11); };
      DoubleVector r = $10.blend($6, z.compare(VectorOperators.LE, 1.0)).blend($2, z.compare(VectorOperators.LE, -1.0)).blend(0.0, z.compare(VectorOperators.GE, 7.0)).blend(0.0, z.compare(VectorOperators.LE, -7.0));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
