package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LogisticSignedMode}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LogisticSignedMode} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LogisticSignedModeSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LogisticSignedModeSimd() {}

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
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(-1.0, t5.neg().compare(VectorOperators.GT, 0.0)).blend(1.0, t5.compare(VectorOperators.GT, 0.0)).blend(-1.0, z.compare(VectorOperators.GE, 4.9E-324));
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
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t5 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(0.0, t5.neg().compare(VectorOperators.GT, 0.0)).blend(0.0, t5.compare(VectorOperators.GT, 0.0));
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
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -1.0).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(t0);
      DoubleVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t5 = t1.max(DoubleVector.broadcast(S, 0.0)).add(t3).sub(t2.max(DoubleVector.broadcast(S, 0.0)).add(t4)).blend(DoubleVector.broadcast(S, -2.0).add(t1.neg().max(DoubleVector.broadcast(S, 0.0)).add(t3)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t4)), t1.compare(VectorOperators.GT, 0.0).and(t2.compare(VectorOperators.GT, 0.0)));
      DoubleVector r = DoubleVector.broadcast(S, 0.0).blend(0.0, t5.neg().compare(VectorOperators.GT, 0.0)).blend(0.0, t5.compare(VectorOperators.GT, 0.0));
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
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(-1.0f, t5.neg().compare(VectorOperators.GT, 0.0f)).blend(1.0f, t5.compare(VectorOperators.GT, 0.0f)).blend(-1.0f, z.compare(VectorOperators.GE, 0.0f));
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
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(0.0f, t5.neg().compare(VectorOperators.GT, 0.0f)).blend(0.0f, t5.compare(VectorOperators.GT, 0.0f));
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
      FloatVector t0 = z.neg();
      FloatVector t1 = FloatVector.broadcast(W, -1.0f).add(t0);
      FloatVector t2 = FloatVector.broadcast(W, 1.0f).add(t0);
      FloatVector t3 = t1.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t4 = t2.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      FloatVector t5 = t1.max(FloatVector.broadcast(W, 0.0f)).add(t3).sub(t2.max(FloatVector.broadcast(W, 0.0f)).add(t4)).blend(FloatVector.broadcast(W, -2.0f).add(t1.neg().max(FloatVector.broadcast(W, 0.0f)).add(t3)).sub(t2.neg().max(FloatVector.broadcast(W, 0.0f)).add(t4)), t1.compare(VectorOperators.GT, 0.0f).and(t2.compare(VectorOperators.GT, 0.0f)));
      FloatVector r = FloatVector.broadcast(W, 0.0f).blend(0.0f, t5.neg().compare(VectorOperators.GT, 0.0f)).blend(0.0f, t5.compare(VectorOperators.GT, 0.0f));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = FloatVector.fromArray(W, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }
}
