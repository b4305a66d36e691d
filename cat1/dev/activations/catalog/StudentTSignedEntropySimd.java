package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTSignedEntropy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTSignedEntropy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTSignedEntropySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private StudentTSignedEntropySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(t1).add(24.0).mul(t1).add(32.0);
      DoubleVector t3 = z.add(-4.0).mul(z).add(12.0).mul(z).add(-16.0).mul(z).add(16.0);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, 32.0).mul(t5).add(24.0).mul(t5).add(2.0);
      DoubleVector t7 = DoubleVector.broadcast(S, 16.0).mul(t4);
      DoubleVector t8 = t7.add(-16.0).mul(t4).add(12.0).mul(t4).add(-4.0).mul(t4).add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).div(t2);
      DoubleVector t10 = DoubleVector.broadcast(S, 1.0).div(t6);
      DoubleVector t11 = z.add(4.0).mul(z).add(12.0).mul(z).add(16.0).mul(z).add(16.0);
      DoubleVector t12 = t7.add(16.0).mul(t4).add(12.0).mul(t4).add(4.0).mul(t4).add(1.0);
      DoubleVector r = t6.div(t8).blend(t2.div(t3), t0.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG).mul(t8.mul(t10).blend(t3.mul(t9), t0.compare(VectorOperators.LE, 1.0))).add(t12.mul(t10).blend(t11.mul(t9), t0.compare(VectorOperators.LE, 1.0)).mul(t6.div(t12).blend(t2.div(t11), t0.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG)));
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
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t2).add(2.0).mul(t2).add(1.0))).mul(t2).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(4.0))), t0.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = z.add(-2.0);
      DoubleVector t5 = z.mul(z);
      DoubleVector t6 = t2.mul(t2);
      DoubleVector $0 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t3).mul(8.0).mul(t4.mul(t2).mul(t1.mul(t2)).div(DoubleVector.broadcast(S, 16.0).mul(t6).add(4.0).mul(t6).add(1.0)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0).mul(t5).add(16.0)), t0.compare(VectorOperators.LE, 1.0))).mul($0.mul(4.0).div($1.mul($1))).neg();
      var $3 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(t3).mul(8.0).mul(t4.mul(t2).mul(t1.mul(t2)).div(DoubleVector.broadcast(S, 16.0).mul(t6).add(4.0).mul(t6).add(1.0)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0).mul(t5).add(16.0)), t0.compare(VectorOperators.LE, 1.0))).neg()).mul(t7).mul(t7), $3); };
      DoubleVector r = $2;
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t2).add(2.0).mul(t2).add(1.0))).mul(t2).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(4.0))), t0.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = z.add(-2.0);
      DoubleVector t5 = z.mul(z);
      DoubleVector t6 = t2.mul(t2);
      DoubleVector $0 = t3.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(t3).mul(8.0).mul(t4.mul(t2).mul(t1.mul(t2)).div(DoubleVector.broadcast(S, 16.0).mul(t6).add(4.0).mul(t6).add(1.0)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0).mul(t5).add(16.0)), t0.compare(VectorOperators.LE, 1.0))).mul($0.mul(4.0).div($1.mul($1))).neg();
      var $3 = t3.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(t3).mul(8.0).mul(t4.mul(t2).mul(t1.mul(t2)).div(DoubleVector.broadcast(S, 16.0).mul(t6).add(4.0).mul(t6).add(1.0)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0).mul(t5).add(16.0)), t0.compare(VectorOperators.LE, 1.0))).neg()).mul(t7).mul(t7), $3); };
      DoubleVector r = $2;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
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
      FloatVector t1 = z.mul(z);
      FloatVector t2 = FloatVector.broadcast(W, 2.0f).mul(t1).add(24.0f).mul(t1).add(32.0f);
      FloatVector t3 = z.add(-4.0f).mul(z).add(12.0f).mul(z).add(-16.0f).mul(z).add(16.0f);
      FloatVector t4 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t5 = t4.mul(t4);
      FloatVector t6 = FloatVector.broadcast(W, 32.0f).mul(t5).add(24.0f).mul(t5).add(2.0f);
      FloatVector t7 = FloatVector.broadcast(W, 16.0f).mul(t4);
      FloatVector t8 = t7.add(-16.0f).mul(t4).add(12.0f).mul(t4).add(-4.0f).mul(t4).add(1.0f);
      FloatVector t9 = FloatVector.broadcast(W, 1.0f).div(t2);
      FloatVector t10 = FloatVector.broadcast(W, 1.0f).div(t6);
      FloatVector t11 = z.add(4.0f).mul(z).add(12.0f).mul(z).add(16.0f).mul(z).add(16.0f);
      FloatVector t12 = t7.add(16.0f).mul(t4).add(12.0f).mul(t4).add(4.0f).mul(t4).add(1.0f);
      FloatVector r = t6.div(t8).blend(t2.div(t3), t0.compare(VectorOperators.LE, 1.0f)).lanewise(VectorOperators.LOG).mul(t8.mul(t10).blend(t3.mul(t9), t0.compare(VectorOperators.LE, 1.0f))).add(t12.mul(t10).blend(t11.mul(t9), t0.compare(VectorOperators.LE, 1.0f)).mul(t6.div(t12).blend(t2.div(t11), t0.compare(VectorOperators.LE, 1.0f)).lanewise(VectorOperators.LOG)));
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
      FloatVector t1 = z.add(2.0f);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t3 = FloatVector.broadcast(W, -4.0f).mul(FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 4.0f).mul(t2).add(2.0f).mul(t2).add(1.0f))).mul(t2).blend(FloatVector.broadcast(W, -4.0f).mul(z).mul(FloatVector.broadcast(W, 1.0f).div(t1.mul(z).add(4.0f))), t0.compare(VectorOperators.LE, 1.0f)).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = z.add(-2.0f);
      FloatVector t5 = z.mul(z);
      FloatVector t6 = t2.mul(t2);
      FloatVector $0 = t3.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = FloatVector.broadcast(W, 0.5f).mul(t3).mul(8.0f).mul(t4.mul(t2).mul(t1.mul(t2)).div(FloatVector.broadcast(W, 16.0f).mul(t6).add(4.0f).mul(t6).add(1.0f)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0f).mul(t5).add(16.0f)), t0.compare(VectorOperators.LE, 1.0f))).mul($0.mul(4.0f).div($1.mul($1))).neg();
      var $3 = t3.abs().compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(t3).mul(8.0f).mul(t4.mul(t2).mul(t1.mul(t2)).div(FloatVector.broadcast(W, 16.0f).mul(t6).add(4.0f).mul(t6).add(1.0f)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0f).mul(t5).add(16.0f)), t0.compare(VectorOperators.LE, 1.0f))).neg()).mul(t7).mul(t7), $3); };
      FloatVector r = $2;
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
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
      FloatVector t1 = z.add(2.0f);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t3 = FloatVector.broadcast(W, -4.0f).mul(FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 4.0f).mul(t2).add(2.0f).mul(t2).add(1.0f))).mul(t2).blend(FloatVector.broadcast(W, -4.0f).mul(z).mul(FloatVector.broadcast(W, 1.0f).div(t1.mul(z).add(4.0f))), t0.compare(VectorOperators.LE, 1.0f)).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = z.add(-2.0f);
      FloatVector t5 = z.mul(z);
      FloatVector t6 = t2.mul(t2);
      FloatVector $0 = t3.abs().mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $1 = $0.add(1.0f);
      FloatVector $2 = FloatVector.broadcast(W, 0.5f).mul(t3).mul(8.0f).mul(t4.mul(t2).mul(t1.mul(t2)).div(FloatVector.broadcast(W, 16.0f).mul(t6).add(4.0f).mul(t6).add(1.0f)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0f).mul(t5).add(16.0f)), t0.compare(VectorOperators.LE, 1.0f))).mul($0.mul(4.0f).div($1.mul($1))).neg();
      var $3 = t3.abs().compare(VectorOperators.GT, 177.79225f);
      if ($3.anyTrue()) { FloatVector t7 = t3.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(FloatVector.broadcast(W, 4.0f).mul(FloatVector.broadcast(W, 0.5f).mul(t3).mul(8.0f).mul(t4.mul(t2).mul(t1.mul(t2)).div(FloatVector.broadcast(W, 16.0f).mul(t6).add(4.0f).mul(t6).add(1.0f)).mul(t6).blend(t4.mul(t1).div(t5.add(4.0f).mul(t5).add(16.0f)), t0.compare(VectorOperators.LE, 1.0f))).neg()).mul(t7).mul(t7), $3); };
      FloatVector r = $2;
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
      r = r.blend(0.0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
