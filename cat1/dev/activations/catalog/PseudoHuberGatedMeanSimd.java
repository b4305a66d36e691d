package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link PseudoHuberGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code PseudoHuberGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class PseudoHuberGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private PseudoHuberGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t1 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).sub(t0).lanewise(VectorOperators.HYPOT, t0).add(DoubleVector.broadcast(S, 1.0).add(t0).lanewise(VectorOperators.HYPOT, t0))));
      DoubleVector t2 = t1.blend(t1.neg(), z.compare(VectorOperators.LT, 0.0)).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(-1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0)).add(z.add(1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0)))), z.abs().compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t2;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t2.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t3 = DoubleVector.broadcast(S, 0.5).mul(t2).lanewise(VectorOperators.EXP); $3 = $3.blend(t3.mul(z).mul(t3), $4); };
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
      DoubleVector t1 = z.add(-1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t2 = z.add(1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).sub(t3).lanewise(VectorOperators.HYPOT, t3).add(DoubleVector.broadcast(S, 1.0).add(t3).lanewise(VectorOperators.HYPOT, t3))));
      DoubleVector t5 = t4.blend(t4.neg(), z.compare(VectorOperators.LT, 0.0)).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.add(t2))), t0.compare(VectorOperators.LE, 1.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector t8 = DoubleVector.broadcast(S, -1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t1));
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t2));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = z.mul(z);
      DoubleVector t12 = t3.mul(t3);
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(t8.add(t10).blend(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t12).mul(t12).add(1.0)).mul(t3.mul(t3).mul(t3)).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(t11.mul(t11).add(4.0)), t0.compare(VectorOperators.LE, 1.0)).div(t8.add(t9)), t8.compare(VectorOperators.LT, 0.0).and(t10.compare(VectorOperators.GT, 0.0)).or(t8.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.LT, 0.0))))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
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
      DoubleVector t1 = z.add(-1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t2 = z.add(1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).sub(t3).lanewise(VectorOperators.HYPOT, t3).add(DoubleVector.broadcast(S, 1.0).add(t3).lanewise(VectorOperators.HYPOT, t3))));
      DoubleVector t5 = t4.blend(t4.neg(), z.compare(VectorOperators.LT, 0.0)).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.add(t2))), t0.compare(VectorOperators.LE, 1.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector t8 = DoubleVector.broadcast(S, -1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t1));
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t2));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = z.mul(z);
      DoubleVector t12 = t3.mul(t3);
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(t8.add(t10).blend(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t12).mul(t12).add(1.0)).mul(t3.mul(t3).mul(t3)).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(t11.mul(t11).add(4.0)), t0.compare(VectorOperators.LE, 1.0)).div(t8.add(t9)), t8.compare(VectorOperators.LT, 0.0).and(t10.compare(VectorOperators.GT, 0.0)).or(t8.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.LT, 0.0))))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
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
      FloatVector t0 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t1 = FloatVector.broadcast(W, -4.0f).mul(FloatVector.broadcast(W, 1.0f).div(FloatVector.broadcast(W, 1.0f).sub(t0).lanewise(VectorOperators.HYPOT, t0).add(FloatVector.broadcast(W, 1.0f).add(t0).lanewise(VectorOperators.HYPOT, t0))));
      FloatVector t2 = t1.blend(t1.neg(), z.compare(VectorOperators.LT, 0.0f)).blend(FloatVector.broadcast(W, -4.0f).mul(z).div(z.add(-1.0f).lanewise(VectorOperators.HYPOT, FloatVector.broadcast(W, 1.0f)).add(z.add(1.0f).lanewise(VectorOperators.HYPOT, FloatVector.broadcast(W, 1.0f)))), z.abs().compare(VectorOperators.LE, 1.0f)).neg();
      FloatVector $0 = t2;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t2.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t3 = FloatVector.broadcast(W, 0.5f).mul(t2).lanewise(VectorOperators.EXP); $3 = $3.blend(t3.mul(z).mul(t3), $4); };
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(-1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t2 = z.add(1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).sub(t3).lanewise(VectorOperators.HYPOT, t3).add(DoubleVector.broadcast(S, 1.0).add(t3).lanewise(VectorOperators.HYPOT, t3))));
      DoubleVector t5 = t4.blend(t4.neg(), z.compare(VectorOperators.LT, 0.0)).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.add(t2))), t0.compare(VectorOperators.LE, 1.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector t8 = DoubleVector.broadcast(S, -1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t1));
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t2));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = z.mul(z);
      DoubleVector t12 = t3.mul(t3);
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(t8.add(t10).blend(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t12).mul(t12).add(1.0)).mul(t3.mul(t3).mul(t3)).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(t11.mul(t11).add(4.0)), t0.compare(VectorOperators.LE, 1.0)).div(t8.add(t9)), t8.compare(VectorOperators.LT, 0.0).and(t10.compare(VectorOperators.GT, 0.0)).or(t8.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.LT, 0.0))))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
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
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.add(-1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t2 = z.add(1.0).lanewise(VectorOperators.HYPOT, DoubleVector.broadcast(S, 1.0));
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).sub(t3).lanewise(VectorOperators.HYPOT, t3).add(DoubleVector.broadcast(S, 1.0).add(t3).lanewise(VectorOperators.HYPOT, t3))));
      DoubleVector t5 = t4.blend(t4.neg(), z.compare(VectorOperators.LT, 0.0)).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t1.add(t2))), t0.compare(VectorOperators.LE, 1.0));
      DoubleVector t6 = t5.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t6));
      DoubleVector t8 = DoubleVector.broadcast(S, -1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t1));
      DoubleVector t9 = DoubleVector.broadcast(S, 1.0).add(z).mul(DoubleVector.broadcast(S, 1.0).div(t2));
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = z.mul(z);
      DoubleVector t12 = t3.mul(t3);
      DoubleVector r = t6.mul(t7).blend(t7, t5.neg().compare(VectorOperators.GE, 0.0)).sub(DoubleVector.broadcast(S, 0.25).mul(z).mul(t8.add(t10).blend(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t12).mul(t12).add(1.0)).mul(t3.mul(t3).mul(t3)).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(t11.mul(t11).add(4.0)), t0.compare(VectorOperators.LE, 1.0)).div(t8.add(t9)), t8.compare(VectorOperators.LT, 0.0).and(t10.compare(VectorOperators.GT, 0.0)).or(t8.compare(VectorOperators.GT, 0.0).and(t10.compare(VectorOperators.LT, 0.0))))).mul(DoubleVector.broadcast(S, 4.0).mul(t6).mul(t7).mul(t7)));
      r = r.blend(0.8807970779778824, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.11920292202211756, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
