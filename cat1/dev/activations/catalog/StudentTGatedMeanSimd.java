package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private StudentTGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t0).add(2.0).mul(t0).add(1.0)).mul(t0).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P));
      DoubleVector $0 = t1;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t1.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t2 = DoubleVector.broadcast(S, 0.5).mul(t1).lanewise(VectorOperators.EXP); $3 = $3.blend(t2.mul(z).mul(t2), $4); };
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
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 256.0).mul(t1).add(512.0).mul(t1).add(384.0).mul(t1).add(256.0).mul(t1).add(176.0).mul(t1).add(64.0).mul(t1).add(24.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 512.0).mul(t2).add(768.0).mul(t2).add(352.0).mul(t2).add(48.0).mul(t2).add(2.0)).blend(t0.add(24.0).mul(z).add(64.0).mul(z).add(176.0).mul(z).add(256.0).mul(z).add(384.0).mul(z).add(512.0).mul(z).add(256.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(48.0).mul(t0).add(352.0).mul(t0).add(768.0).mul(t0).add(512.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 256.0).mul(t1).add(512.0).mul(t1).add(384.0).mul(t1).add(256.0).mul(t1).add(176.0).mul(t1).add(64.0).mul(t1).add(24.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 512.0).mul(t2).add(768.0).mul(t2).add(352.0).mul(t2).add(48.0).mul(t2).add(2.0)).blend(t0.add(24.0).mul(z).add(64.0).mul(z).add(176.0).mul(z).add(256.0).mul(z).add(384.0).mul(z).add(512.0).mul(z).add(256.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(48.0).mul(t0).add(352.0).mul(t0).add(768.0).mul(t0).add(512.0)), z.abs().compare(VectorOperators.LE, 1.0));
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
      FloatVector t0 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t1 = FloatVector.broadcast(W, -2.0f).mul(FloatVector.broadcast(W, -4.0f).div(FloatVector.broadcast(W, 4.0f).mul(t0).add(2.0f).mul(t0).add(1.0f)).mul(t0).blend(FloatVector.broadcast(W, -4.0f).mul(z).div(z.add(2.0f).mul(z).add(4.0f)), z.abs().compare(VectorOperators.LE, 1.0f)).lanewise(VectorOperators.LOG1P));
      FloatVector $0 = t1;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t1.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t2 = FloatVector.broadcast(W, 0.5f).mul(t1).lanewise(VectorOperators.EXP); $3 = $3.blend(t2.mul(z).mul(t2), $4); };
      FloatVector r = $3;
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 256.0).mul(t1).add(512.0).mul(t1).add(384.0).mul(t1).add(256.0).mul(t1).add(176.0).mul(t1).add(64.0).mul(t1).add(24.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 512.0).mul(t2).add(768.0).mul(t2).add(352.0).mul(t2).add(48.0).mul(t2).add(2.0)).blend(t0.add(24.0).mul(z).add(64.0).mul(z).add(176.0).mul(z).add(256.0).mul(z).add(384.0).mul(z).add(512.0).mul(z).add(256.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(48.0).mul(t0).add(352.0).mul(t0).add(768.0).mul(t0).add(512.0)), z.abs().compare(VectorOperators.LE, 1.0));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 256.0).mul(t1).add(512.0).mul(t1).add(384.0).mul(t1).add(256.0).mul(t1).add(176.0).mul(t1).add(64.0).mul(t1).add(24.0).mul(t2).add(1.0).div(DoubleVector.broadcast(S, 512.0).mul(t2).add(768.0).mul(t2).add(352.0).mul(t2).add(48.0).mul(t2).add(2.0)).blend(t0.add(24.0).mul(z).add(64.0).mul(z).add(176.0).mul(z).add(256.0).mul(z).add(384.0).mul(z).add(512.0).mul(z).add(256.0).div(DoubleVector.broadcast(S, 2.0).mul(t0).add(48.0).mul(t0).add(352.0).mul(t0).add(768.0).mul(t0).add(512.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
