package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link HuberGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code HuberGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class HuberGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private HuberGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(4.0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = z.add(-4.0);
      DoubleVector t4 = DoubleVector.broadcast(S, -2.0).blend(t3.mul(t2).div(2.0).mul(z).mul(z).blend(t3.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t1.mul(t2).neg().div(2.0).mul(z).mul(z).blend(t1.mul(z.neg()).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(2.0, z.compare(VectorOperators.LE, -2.0)).neg();
      DoubleVector $0 = t4;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t4.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t5 = DoubleVector.broadcast(S, 0.5).mul(t4).lanewise(VectorOperators.EXP); $3 = $3.blend(t5.mul(z).mul(t5), $4); };
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(4.0);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = z.add(-4.0);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).blend(t4.mul(t3).div(2.0).mul(z).mul(z).blend(t4.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t1.mul(t3).neg().div(2.0).mul(z).mul(z).blend(t1.mul(t2).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(2.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, -2.0).add(z), z.compare(VectorOperators.LE, 2.0)).blend(DoubleVector.broadcast(S, -2.0).add(t2), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
      r = r.blend(0.8807970779778824, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(4.0);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = z.add(-4.0);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).blend(t4.mul(t3).div(2.0).mul(z).mul(z).blend(t4.mul(z).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 2.0)).blend(t1.mul(t3).neg().div(2.0).mul(z).mul(z).blend(t1.mul(t2).div(2.0), t0.compare(VectorOperators.LE, 1.0)), z.compare(VectorOperators.LE, 0.0)).blend(2.0, z.compare(VectorOperators.LE, -2.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(DoubleVector.broadcast(S, -2.0).add(z), z.compare(VectorOperators.LE, 2.0)).blend(DoubleVector.broadcast(S, -2.0).add(t2), z.compare(VectorOperators.LE, 0.0)).blend(0.0, z.compare(VectorOperators.LE, -2.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
      r = r.blend(0.8807970779778824, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(4.0f);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t3 = z.add(-4.0f);
      FloatVector t4 = FloatVector.broadcast(W, -2.0f).blend(t3.mul(t2).div(2.0f).mul(z).mul(z).blend(t3.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t1.mul(t2).neg().div(2.0f).mul(z).mul(z).blend(t1.mul(z.neg()).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(2.0f, z.compare(VectorOperators.LE, -2.0f)).neg();
      FloatVector $0 = t4;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t4.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t5 = FloatVector.broadcast(W, 0.5f).mul(t4).lanewise(VectorOperators.EXP); $3 = $3.blend(t5.mul(z).mul(t5), $4); };
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(4.0f);
      FloatVector t2 = z.neg();
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = z.add(-4.0f);
      FloatVector t5 = FloatVector.broadcast(W, -2.0f).blend(t4.mul(t3).div(2.0f).mul(z).mul(z).blend(t4.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t1.mul(t3).neg().div(2.0f).mul(z).mul(z).blend(t1.mul(t2).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(2.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t7 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t6));
      FloatVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0f)).sub(FloatVector.broadcast(W, 0.25f).mul(z).mul(FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, -2.0f).add(z), z.compare(VectorOperators.LE, 2.0f)).blend(FloatVector.broadcast(W, -2.0f).add(t2), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).mul(FloatVector.broadcast(W, 4.0f).mul(t6).mul(t7).mul(t7)));
      r = r.blend(0.8807971f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
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
      FloatVector t0 = z.abs();
      FloatVector t1 = z.add(4.0f);
      FloatVector t2 = z.neg();
      FloatVector t3 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t4 = z.add(-4.0f);
      FloatVector t5 = FloatVector.broadcast(W, -2.0f).blend(t4.mul(t3).div(2.0f).mul(z).mul(z).blend(t4.mul(z).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 2.0f)).blend(t1.mul(t3).neg().div(2.0f).mul(z).mul(z).blend(t1.mul(t2).div(2.0f), t0.compare(VectorOperators.LE, 1.0f)), z.compare(VectorOperators.LE, 0.0f)).blend(2.0f, z.compare(VectorOperators.LE, -2.0f));
      FloatVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector t7 = FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).add(t6));
      FloatVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0f)).sub(FloatVector.broadcast(W, 0.25f).mul(z).mul(FloatVector.broadcast(W, 0.0f).blend(FloatVector.broadcast(W, -2.0f).add(z), z.compare(VectorOperators.LE, 2.0f)).blend(FloatVector.broadcast(W, -2.0f).add(t2), z.compare(VectorOperators.LE, 0.0f)).blend(0.0f, z.compare(VectorOperators.LE, -2.0f))).mul(FloatVector.broadcast(W, 4.0f).mul(t6).mul(t7).mul(t7)));
      r = r.blend(0.8807971f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(0.11920292f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
