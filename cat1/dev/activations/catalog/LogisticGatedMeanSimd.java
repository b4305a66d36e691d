package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LogisticGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LogisticGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LogisticGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LogisticGatedMeanSimd() {}

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
      DoubleVector t5 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector $0 = t5;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t5.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t6 = DoubleVector.broadcast(S, 0.5).mul(t5).lanewise(VectorOperators.EXP); $3 = $3.blend(t6.mul(z).mul(t6), $4); };
      DoubleVector r = $3;
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t2 = t0.add(DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.COSH));
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 1.0).add(t0.mul(z).mul(t1).div(t2.mul(t2))).sub(t1.div(t2))).blend(0.5, z.compare(VectorOperators.GE, 50.0));
      r = r.blend(0.11920292202211756, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.lanewise(VectorOperators.EXP);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.SINH);
      DoubleVector t2 = t0.add(DoubleVector.broadcast(S, 1.0).lanewise(VectorOperators.COSH));
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 1.0).add(t0.mul(z).mul(t1).div(t2.mul(t2))).sub(t1.div(t2))).blend(0.5, z.compare(VectorOperators.GE, 50.0));
      r = r.blend(0.11920292202211756, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector $0 = t5;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t5.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t6 = FloatVector.broadcast(W, 0.5f).mul(t5).lanewise(VectorOperators.EXP); $3 = $3.blend(t6.mul(z).mul(t6), $4); };
      FloatVector r = $3;
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, inOff + i);
      FloatVector t0 = z.lanewise(VectorOperators.EXP);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.SINH);
      FloatVector t2 = t0.add(FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.COSH));
      FloatVector r = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 1.0f).add(t0.mul(z).mul(t1).div(t2.mul(t2))).sub(t1.div(t2))).blend(0.5f, z.compare(VectorOperators.GE, 50.0f));
      r = r.blend(0.11920292f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = W.loopBound(len);
    int i = 0;
    for (; i < bound; i += W.length()) {
      FloatVector z = FloatVector.fromArray(W, in, off + i);
      FloatVector t0 = z.lanewise(VectorOperators.EXP);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.SINH);
      FloatVector t2 = t0.add(FloatVector.broadcast(W, 1.0f).lanewise(VectorOperators.COSH));
      FloatVector r = FloatVector.broadcast(W, 0.5f).mul(FloatVector.broadcast(W, 1.0f).add(t0.mul(z).mul(t1).div(t2.mul(t2))).sub(t1.div(t2))).blend(0.5f, z.compare(VectorOperators.GE, 50.0f));
      r = r.blend(0.11920292f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
