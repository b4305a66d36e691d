package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LaplaceSignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LaplaceSignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LaplaceSignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LaplaceSignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0))).neg();
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = $3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
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
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0)));
      DoubleVector $0 = t0.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul($0.mul(4.0).div($1.mul($1))).neg();
      var $3 = t0.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t1 = t0.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).neg()).mul(t1).mul(t1), $3); };
      DoubleVector r = $2;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0)));
      DoubleVector $0 = t0.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul($0.mul(4.0).div($1.mul($1))).neg();
      var $3 = t0.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t1 = t0.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).neg()).mul(t1).mul(t1), $3); };
      DoubleVector r = $2;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      FloatVector $0 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).blend(FloatVector.broadcast(W, -2.0f).mul(z), z.compare(VectorOperators.LE, 1.0f)).blend(2.0f, z.compare(VectorOperators.LE, -1.0f))).neg();
      FloatVector $1 = $0.abs();
      FloatVector $2 = $1.mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $3 = $2.mul(2.0f).div($2.add(1.0f)).neg().add(1.0f);
      var $4 = $1.compare(VectorOperators.LT, 0.35f);
      if ($4.anyTrue()) { FloatVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(0.021869488f).add(-0.053968254f).mul($5).add(0.13333334f).mul($5).add(-0.33333334f))), $4); };
      FloatVector r = $3.reinterpretAsInts().or($0.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
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
      FloatVector t0 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).blend(FloatVector.broadcast(W, -2.0f).mul(z), z.compare(VectorOperators.LE, 1.0f)).blend(2.0f, z.compare(VectorOperators.LE, -1.0f)));
      FloatVector $0 = t0.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 0.0f).blend(-2.0f, z.compare(VectorOperators.LE, 1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).mul($0.mul(4.0f).div($1.mul($1))).neg();
      var $3 = t0.abs().compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t1 = t0.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 0.0f).blend(-2.0f, z.compare(VectorOperators.LE, 1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).neg()).mul(t1).mul(t1), $3); };
      FloatVector r = $2;
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
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
      FloatVector t0 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, -2.0f).blend(FloatVector.broadcast(W, -2.0f).mul(z), z.compare(VectorOperators.LE, 1.0f)).blend(2.0f, z.compare(VectorOperators.LE, -1.0f)));
      FloatVector $0 = t0.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 0.0f).blend(-2.0f, z.compare(VectorOperators.LE, 1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).mul($0.mul(4.0f).div($1.mul($1))).neg();
      var $3 = t0.abs().compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t1 = t0.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 0.0f).blend(-2.0f, z.compare(VectorOperators.LE, 1.0f)).blend(0.0f, z.compare(VectorOperators.LE, -1.0f))).neg()).mul(t1).mul(t1), $3); };
      FloatVector r = $2;
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
