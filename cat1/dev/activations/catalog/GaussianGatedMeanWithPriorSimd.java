package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianGatedMeanWithPrior}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianGatedMeanWithPrior} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianGatedMeanWithPriorSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianGatedMeanWithPriorSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t0;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t0.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t1 = DoubleVector.broadcast(S, 0.5).mul(t0).lanewise(VectorOperators.EXP); $3 = $3.blend(t1.mul(z).mul(t1), $4); };
      DoubleVector r = $3;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(0.7023369242729692).add(2.8395772030890205E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t1;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t2 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t3 = DoubleVector.broadcast(S, -0.5).add(DoubleVector.broadcast(S, -2.0).mul(z));
      DoubleVector $3 = t3;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(-2.0).mul(t2).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(-2.0).mul(t2).neg().mul(t4).mul(t4), $7); };
      DoubleVector $8 = $6;
      var $9 = t1.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t1).lanewise(VectorOperators.EXP); DoubleVector $10 = t3; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(-2.0).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t4).mul(t4), $9); };
      DoubleVector r = t2.add($8).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0)).blend(t0.mul(DoubleVector.broadcast(S, 0.5761819357067697).add(t0.mul(DoubleVector.broadcast(S, 0.6543854368611228).add(t0.mul(DoubleVector.broadcast(S, -0.014334131425311751).add(t0.mul(DoubleVector.broadcast(S, -0.403151105608635).add(t0.mul(DoubleVector.broadcast(S, -0.15955893716501104).add(t0.mul(DoubleVector.broadcast(S, 0.014608125793037868).add(t0.mul(DoubleVector.broadcast(S, 16.072212669656043).add(t0.mul(19036.896144222592))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(0.7023369242729692).add(2.8395772030890205E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t1;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t2 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t3 = DoubleVector.broadcast(S, -0.5).add(DoubleVector.broadcast(S, -2.0).mul(z));
      DoubleVector $3 = t3;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(-2.0).mul(t2).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(-2.0).mul(t2).neg().mul(t4).mul(t4), $7); };
      DoubleVector $8 = $6;
      var $9 = t1.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t1).lanewise(VectorOperators.EXP); DoubleVector $10 = t3; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(-2.0).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t4).mul(t4), $9); };
      DoubleVector r = t2.add($8).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0)).blend(t0.mul(DoubleVector.broadcast(S, 0.5761819357067697).add(t0.mul(DoubleVector.broadcast(S, 0.6543854368611228).add(t0.mul(DoubleVector.broadcast(S, -0.014334131425311751).add(t0.mul(DoubleVector.broadcast(S, -0.403151105608635).add(t0.mul(DoubleVector.broadcast(S, -0.15955893716501104).add(t0.mul(DoubleVector.broadcast(S, 0.014608125793037868).add(t0.mul(DoubleVector.broadcast(S, 16.072212669656043).add(t0.mul(19036.896144222592))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      DoubleVector t0 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t0;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t0.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t1 = DoubleVector.broadcast(S, 0.5).mul(t0).lanewise(VectorOperators.EXP); $3 = $3.blend(t1.mul(z).mul(t1), $4); };
      DoubleVector r = $3;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(0.7023369242729692).add(2.8395772030890205E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t1;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t2 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t3 = DoubleVector.broadcast(S, -0.5).add(DoubleVector.broadcast(S, -2.0).mul(z));
      DoubleVector $3 = t3;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(-2.0).mul(t2).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(-2.0).mul(t2).neg().mul(t4).mul(t4), $7); };
      DoubleVector $8 = $6;
      var $9 = t1.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t1).lanewise(VectorOperators.EXP); DoubleVector $10 = t3; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(-2.0).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t4).mul(t4), $9); };
      DoubleVector r = t2.add($8).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0)).blend(t0.mul(DoubleVector.broadcast(S, 0.5761819357067697).add(t0.mul(DoubleVector.broadcast(S, 0.6543854368611228).add(t0.mul(DoubleVector.broadcast(S, -0.014334131425311751).add(t0.mul(DoubleVector.broadcast(S, -0.403151105608635).add(t0.mul(DoubleVector.broadcast(S, -0.15955893716501104).add(t0.mul(DoubleVector.broadcast(S, 0.014608125793037868).add(t0.mul(DoubleVector.broadcast(S, 16.072212669656043).add(t0.mul(19036.896144222592))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(0.7023369242729692).add(2.8395772030890205E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 0.5).add(DoubleVector.broadcast(S, 2.0).mul(z));
      DoubleVector $0 = t1;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t2 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t3 = DoubleVector.broadcast(S, -0.5).add(DoubleVector.broadcast(S, -2.0).mul(z));
      DoubleVector $3 = t3;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(-2.0).mul(t2).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(-2.0).mul(t2).neg().mul(t4).mul(t4), $7); };
      DoubleVector $8 = $6;
      var $9 = t1.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t1).lanewise(VectorOperators.EXP); DoubleVector $10 = t3; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(-2.0).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t4).mul(t4), $9); };
      DoubleVector r = t2.add($8).blend(1.0, z.compare(VectorOperators.GE, 25.0)).blend(0.0, z.compare(VectorOperators.LE, -400.0)).blend(t0.mul(DoubleVector.broadcast(S, 0.5761819357067697).add(t0.mul(DoubleVector.broadcast(S, 0.6543854368611228).add(t0.mul(DoubleVector.broadcast(S, -0.014334131425311751).add(t0.mul(DoubleVector.broadcast(S, -0.403151105608635).add(t0.mul(DoubleVector.broadcast(S, -0.15955893716501104).add(t0.mul(DoubleVector.broadcast(S, 0.014608125793037868).add(t0.mul(DoubleVector.broadcast(S, 16.072212669656043).add(t0.mul(19036.896144222592))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
