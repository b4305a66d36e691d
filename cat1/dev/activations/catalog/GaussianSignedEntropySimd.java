package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianSignedEntropy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianSignedEntropy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianSignedEntropySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianSignedEntropySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(z.abs()).lanewise(VectorOperators.EXP);
      DoubleVector t2 = t1.lanewise(VectorOperators.LOG1P);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t1));
      DoubleVector t4 = t1.mul(t3);
      DoubleVector r = t0.max(DoubleVector.broadcast(S, 0.0)).add(t2).mul(t4.blend(t3, DoubleVector.broadcast(S, -2.0).mul(z).compare(VectorOperators.GE, 0.0))).add(t0.neg().max(DoubleVector.broadcast(S, 0.0)).add(t2).mul(t4.blend(t3, t0.compare(VectorOperators.GE, 0.0)))).blend(0.0, z.compare(VectorOperators.GE, 400.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector r = DoubleVector.broadcast(S, -0.5).mul(z).mul(-2.0).mul($0.mul(4.0).div($1.mul($1))).neg();
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
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector r = DoubleVector.broadcast(S, -0.5).mul(z).mul(-2.0).mul($0.mul(4.0).div($1.mul($1))).neg();
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = DoubleVector.fromArray(S, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }

  static int value(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(z.abs()).lanewise(VectorOperators.EXP);
      DoubleVector t2 = t1.lanewise(VectorOperators.LOG1P);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t1));
      DoubleVector t4 = t1.mul(t3);
      DoubleVector r = t0.max(DoubleVector.broadcast(S, 0.0)).add(t2).mul(t4.blend(t3, DoubleVector.broadcast(S, -2.0).mul(z).compare(VectorOperators.GE, 0.0))).add(t0.neg().max(DoubleVector.broadcast(S, 0.0)).add(t2).mul(t4.blend(t3, t0.compare(VectorOperators.GE, 0.0)))).blend(0.0, z.compare(VectorOperators.GE, 400.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector r = DoubleVector.broadcast(S, -0.5).mul(z).mul(-2.0).mul($0.mul(4.0).div($1.mul($1))).neg();
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector r = DoubleVector.broadcast(S, -0.5).mul(z).mul(-2.0).mul($0.mul(4.0).div($1.mul($1))).neg();
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
