package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link LaplaceGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code LaplaceGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class LaplaceGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private LaplaceGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t0;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t0.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t1 = DoubleVector.broadcast(S, 0.5).mul(t0).lanewise(VectorOperators.EXP); $3 = $3.blend(t1.mul(z).mul(t1), $4); };
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
      DoubleVector t0 = z.add(0.6392322713805368).add(5.473497091546722E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t2));
      DoubleVector r = t2.mul(t3).blend(t3, t1.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t3).mul(t3))).blend(t0.mul(DoubleVector.broadcast(S, 0.43562341143960015).add(t0.mul(DoubleVector.broadcast(S, 0.5865951879877999).add(t0.mul(DoubleVector.broadcast(S, 0.15099851388126273).add(t0.mul(DoubleVector.broadcast(S, -0.24356246564221382).add(t0.mul(DoubleVector.broadcast(S, -0.2114472487903752).add(t0.mul(DoubleVector.broadcast(S, -7.07847773058312E-4).add(t0.mul(DoubleVector.broadcast(S, 4.213138874642269).add(t0.mul(1123.0545826671212))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      DoubleVector t0 = z.add(0.6392322713805368).add(5.473497091546722E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t2));
      DoubleVector r = t2.mul(t3).blend(t3, t1.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t3).mul(t3))).blend(t0.mul(DoubleVector.broadcast(S, 0.43562341143960015).add(t0.mul(DoubleVector.broadcast(S, 0.5865951879877999).add(t0.mul(DoubleVector.broadcast(S, 0.15099851388126273).add(t0.mul(DoubleVector.broadcast(S, -0.24356246564221382).add(t0.mul(DoubleVector.broadcast(S, -0.2114472487903752).add(t0.mul(DoubleVector.broadcast(S, -7.07847773058312E-4).add(t0.mul(DoubleVector.broadcast(S, 4.213138874642269).add(t0.mul(1123.0545826671212))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      FloatVector t0 = FloatVector.broadcast(W, -2.0f).blend(FloatVector.broadcast(W, -2.0f).mul(z), z.compare(VectorOperators.LE, 1.0f)).blend(2.0f, z.compare(VectorOperators.LE, -1.0f)).neg();
      FloatVector $0 = t0;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t0.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t1 = FloatVector.broadcast(W, 0.5f).mul(t0).lanewise(VectorOperators.EXP); $3 = $3.blend(t1.mul(z).mul(t1), $4); };
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
      DoubleVector t0 = z.add(0.6392322713805368).add(5.473497091546722E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t2));
      DoubleVector r = t2.mul(t3).blend(t3, t1.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t3).mul(t3))).blend(t0.mul(DoubleVector.broadcast(S, 0.43562341143960015).add(t0.mul(DoubleVector.broadcast(S, 0.5865951879877999).add(t0.mul(DoubleVector.broadcast(S, 0.15099851388126273).add(t0.mul(DoubleVector.broadcast(S, -0.24356246564221382).add(t0.mul(DoubleVector.broadcast(S, -0.2114472487903752).add(t0.mul(DoubleVector.broadcast(S, -7.07847773058312E-4).add(t0.mul(DoubleVector.broadcast(S, 4.213138874642269).add(t0.mul(1123.0545826671212))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = r.blend(0.8807970779778824, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.11920292202211756, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(0.6392322713805368).add(5.473497091546722E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).blend(DoubleVector.broadcast(S, -2.0).mul(z), z.compare(VectorOperators.LE, 1.0)).blend(2.0, z.compare(VectorOperators.LE, -1.0));
      DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t2));
      DoubleVector r = t2.mul(t3).blend(t3, t1.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(DoubleVector.broadcast(S, 0.0).blend(-2.0, z.compare(VectorOperators.LE, 1.0)).blend(0.0, z.compare(VectorOperators.LE, -1.0))).mul(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t3).mul(t3))).blend(t0.mul(DoubleVector.broadcast(S, 0.43562341143960015).add(t0.mul(DoubleVector.broadcast(S, 0.5865951879877999).add(t0.mul(DoubleVector.broadcast(S, 0.15099851388126273).add(t0.mul(DoubleVector.broadcast(S, -0.24356246564221382).add(t0.mul(DoubleVector.broadcast(S, -0.2114472487903752).add(t0.mul(DoubleVector.broadcast(S, -7.07847773058312E-4).add(t0.mul(DoubleVector.broadcast(S, 4.213138874642269).add(t0.mul(1123.0545826671212))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = r.blend(0.8807970779778824, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.11920292202211756, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
