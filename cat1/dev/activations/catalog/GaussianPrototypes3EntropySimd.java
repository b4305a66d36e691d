package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianPrototypes3Entropy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianPrototypes3Entropy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianPrototypes3EntropySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianPrototypes3EntropySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t5 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 0.0).max(t5.blend(t3, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = t1.neg().lanewise(VectorOperators.EXP).add(t2.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector t8 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(t8.blend(0.0, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t4, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t2, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(t6.add(t9).add(t10));
      DoubleVector t12 = t3.neg().lanewise(VectorOperators.EXP).add(t4.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector t13 = t5.neg().lanewise(VectorOperators.EXP).add(t8.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector r = t10.mul(t13).mul(t11).add(t6.mul(t5.add(t13)).mul(t11)).add(t9.mul(DoubleVector.broadcast(S, -0.5).add(z).add(t13)).mul(t11)).blend(t9.mul(t12).mul(t11).add(t6.mul(DoubleVector.broadcast(S, 0.5).add(z).add(t12)).mul(t11)).add(t10.mul(DoubleVector.broadcast(S, 0.5).add(t0).add(t12)).mul(t11)), t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t6.mul(t7).mul(t11).add(t9.mul(DoubleVector.broadcast(S, -0.5).add(t0).add(t7)).mul(t11)).add(t10.mul(t2.add(t7)).mul(t11)), t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0))).blend(0.0, z.compare(VectorOperators.GE, 1000.0)).blend(0.0, z.compare(VectorOperators.LE, -1000.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = z.lanewise(VectorOperators.COSH);
      DoubleVector t2 = z.lanewise(VectorOperators.SINH);
      DoubleVector t3 = t0.add(DoubleVector.broadcast(S, 2.0).mul(t1));
      DoubleVector t4 = z.neg();
      DoubleVector t5 = DoubleVector.broadcast(S, -0.5).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 0.5).add(t4);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(0.0, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t11 = DoubleVector.broadcast(S, 0.0).max(t10.blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t5, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t12 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t8, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t6, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t13 = t9.add(t11).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(t13.mul(t13));
      DoubleVector r = t9.mul(t11).mul(t7).mul(t14).neg().sub(t9.mul(t12).mul(2.0).mul(z).mul(2.0).mul(t14)).sub(t11.mul(t12).mul(t10).mul(t14)).blend(DoubleVector.broadcast(S, -2.0).mul(t0).mul(z).mul(t1).add(DoubleVector.broadcast(S, -4.0).mul(z).mul(t1.mul(t1))).add(t0.mul(t2)).add(DoubleVector.broadcast(S, 4.0).mul(z).mul(t2.mul(t2))).div(t3.mul(t3)), z.abs().compare(VectorOperators.LT, 1.0));
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
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = z.lanewise(VectorOperators.COSH);
      DoubleVector t2 = z.lanewise(VectorOperators.SINH);
      DoubleVector t3 = t0.add(DoubleVector.broadcast(S, 2.0).mul(t1));
      DoubleVector t4 = z.neg();
      DoubleVector t5 = DoubleVector.broadcast(S, -0.5).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 0.5).add(t4);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(0.0, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t11 = DoubleVector.broadcast(S, 0.0).max(t10.blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t5, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t12 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t8, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t6, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t13 = t9.add(t11).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(t13.mul(t13));
      DoubleVector r = t9.mul(t11).mul(t7).mul(t14).neg().sub(t9.mul(t12).mul(2.0).mul(z).mul(2.0).mul(t14)).sub(t11.mul(t12).mul(t10).mul(t14)).blend(DoubleVector.broadcast(S, -2.0).mul(t0).mul(z).mul(t1).add(DoubleVector.broadcast(S, -4.0).mul(z).mul(t1.mul(t1))).add(t0.mul(t2)).add(DoubleVector.broadcast(S, 4.0).mul(z).mul(t2.mul(t2))).div(t3.mul(t3)), z.abs().compare(VectorOperators.LT, 1.0));
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
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -0.5).add(t0);
      DoubleVector t2 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 0.5).add(t0);
      DoubleVector t5 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 0.0).max(t5.blend(t3, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(0.0, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t7 = t1.neg().lanewise(VectorOperators.EXP).add(t2.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector t8 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(t8.blend(0.0, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t1, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t4, t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t2, t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(t6.add(t9).add(t10));
      DoubleVector t12 = t3.neg().lanewise(VectorOperators.EXP).add(t4.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector t13 = t5.neg().lanewise(VectorOperators.EXP).add(t8.neg().lanewise(VectorOperators.EXP)).lanewise(VectorOperators.LOG1P);
      DoubleVector r = t10.mul(t13).mul(t11).add(t6.mul(t5.add(t13)).mul(t11)).add(t9.mul(DoubleVector.broadcast(S, -0.5).add(z).add(t13)).mul(t11)).blend(t9.mul(t12).mul(t11).add(t6.mul(DoubleVector.broadcast(S, 0.5).add(z).add(t12)).mul(t11)).add(t10.mul(DoubleVector.broadcast(S, 0.5).add(t0).add(t12)).mul(t11)), t3.compare(VectorOperators.GE, 0.0).and(t4.compare(VectorOperators.GE, 0.0))).blend(t6.mul(t7).mul(t11).add(t9.mul(DoubleVector.broadcast(S, -0.5).add(t0).add(t7)).mul(t11)).add(t10.mul(t2.add(t7)).mul(t11)), t1.compare(VectorOperators.GE, 0.0).and(t2.compare(VectorOperators.GE, 0.0))).blend(0.0, z.compare(VectorOperators.GE, 1000.0)).blend(0.0, z.compare(VectorOperators.LE, -1000.0));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = z.lanewise(VectorOperators.COSH);
      DoubleVector t2 = z.lanewise(VectorOperators.SINH);
      DoubleVector t3 = t0.add(DoubleVector.broadcast(S, 2.0).mul(t1));
      DoubleVector t4 = z.neg();
      DoubleVector t5 = DoubleVector.broadcast(S, -0.5).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 0.5).add(t4);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(0.0, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t11 = DoubleVector.broadcast(S, 0.0).max(t10.blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t5, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t12 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t8, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t6, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t13 = t9.add(t11).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(t13.mul(t13));
      DoubleVector r = t9.mul(t11).mul(t7).mul(t14).neg().sub(t9.mul(t12).mul(2.0).mul(z).mul(2.0).mul(t14)).sub(t11.mul(t12).mul(t10).mul(t14)).blend(DoubleVector.broadcast(S, -2.0).mul(t0).mul(z).mul(t1).add(DoubleVector.broadcast(S, -4.0).mul(z).mul(t1.mul(t1))).add(t0.mul(t2)).add(DoubleVector.broadcast(S, 4.0).mul(z).mul(t2.mul(t2))).div(t3.mul(t3)), z.abs().compare(VectorOperators.LT, 1.0));
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
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).lanewise(VectorOperators.EXP);
      DoubleVector t1 = z.lanewise(VectorOperators.COSH);
      DoubleVector t2 = z.lanewise(VectorOperators.SINH);
      DoubleVector t3 = t0.add(DoubleVector.broadcast(S, 2.0).mul(t1));
      DoubleVector t4 = z.neg();
      DoubleVector t5 = DoubleVector.broadcast(S, -0.5).add(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t7 = DoubleVector.broadcast(S, 0.5).add(z);
      DoubleVector t8 = DoubleVector.broadcast(S, 0.5).add(t4);
      DoubleVector t9 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 2.0).mul(z).blend(t7, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(0.0, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t10 = DoubleVector.broadcast(S, -0.5).add(z);
      DoubleVector t11 = DoubleVector.broadcast(S, 0.0).max(t10.blend(0.0, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t5, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t12 = DoubleVector.broadcast(S, 0.0).max(DoubleVector.broadcast(S, 0.0).blend(t8, t7.compare(VectorOperators.GE, 0.0).and(t8.compare(VectorOperators.GE, 0.0))).blend(t6, t5.compare(VectorOperators.GE, 0.0).and(t6.compare(VectorOperators.GE, 0.0)))).neg().lanewise(VectorOperators.EXP);
      DoubleVector t13 = t9.add(t11).add(t12);
      DoubleVector t14 = DoubleVector.broadcast(S, 1.0).div(t13.mul(t13));
      DoubleVector r = t9.mul(t11).mul(t7).mul(t14).neg().sub(t9.mul(t12).mul(2.0).mul(z).mul(2.0).mul(t14)).sub(t11.mul(t12).mul(t10).mul(t14)).blend(DoubleVector.broadcast(S, -2.0).mul(t0).mul(z).mul(t1).add(DoubleVector.broadcast(S, -4.0).mul(z).mul(t1.mul(t1))).add(t0.mul(t2)).add(DoubleVector.broadcast(S, 4.0).mul(z).mul(t2.mul(t2))).div(t3.mul(t3)), z.abs().compare(VectorOperators.LT, 1.0));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
