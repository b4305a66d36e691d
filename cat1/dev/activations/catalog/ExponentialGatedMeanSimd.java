package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link ExponentialGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code ExponentialGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class ExponentialGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private ExponentialGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.neg();
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t3 = t2.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).blend(t2.mul(t1.lanewise(VectorOperators.EXPM1)).blend(DoubleVector.broadcast(S, 1.0).add(t0).lanewise(VectorOperators.EXP).mul(t1.neg().lanewise(VectorOperators.EXPM1)).neg(), t1.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1).mul(DoubleVector.broadcast(S, -1.0).add(t0).lanewise(VectorOperators.EXP)), z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t3;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $3 = $3.blend(t4.mul(z).mul(t4), $4); };
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
      DoubleVector t0 = z.add(0.22994769631408601).add(-1.1841962428150877E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, -1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t4 = t1.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t7 = t5.neg().lanewise(VectorOperators.EXPM1);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t9 = t8.mul(t5.lanewise(VectorOperators.EXPM1));
      DoubleVector t10 = t8.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1));
      DoubleVector t11 = t10.blend(t9.blend(t6.mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t11;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t12 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t13 = t10.blend(t9.blend(DoubleVector.broadcast(S, -1.0).add(z).neg().lanewise(VectorOperators.EXP).mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0));
      DoubleVector $3 = t13;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t13.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t13).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).neg().mul(t14).mul(t14), $7); };
      DoubleVector $8 = $6;
      var $9 = t11.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t11).lanewise(VectorOperators.EXP); DoubleVector $10 = t13; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t14).mul(t14), $9); };
      DoubleVector r = t12.add($8).blend(1.0, z.compare(VectorOperators.GE, 3.3)).blend(0.0, z.compare(VectorOperators.LE, -7.0)).blend(t0.mul(DoubleVector.broadcast(S, 1.2820046236639355).add(t0.mul(DoubleVector.broadcast(S, 4.396594689195649).add(t0.mul(DoubleVector.broadcast(S, 1.9297806376781577).add(t0.mul(DoubleVector.broadcast(S, -14.372162210559537).add(t0.mul(DoubleVector.broadcast(S, -25.143443944619765).add(t0.mul(DoubleVector.broadcast(S, 15.253609837134565).add(t0.mul(DoubleVector.broadcast(S, 86.20816300105865).add(t0.mul(38849.038051834905))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(0.22994769631408601).add(-1.1841962428150877E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, -1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t4 = t1.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t7 = t5.neg().lanewise(VectorOperators.EXPM1);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t9 = t8.mul(t5.lanewise(VectorOperators.EXPM1));
      DoubleVector t10 = t8.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1));
      DoubleVector t11 = t10.blend(t9.blend(t6.mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t11;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t12 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t13 = t10.blend(t9.blend(DoubleVector.broadcast(S, -1.0).add(z).neg().lanewise(VectorOperators.EXP).mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0));
      DoubleVector $3 = t13;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t13.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t13).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).neg().mul(t14).mul(t14), $7); };
      DoubleVector $8 = $6;
      var $9 = t11.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t11).lanewise(VectorOperators.EXP); DoubleVector $10 = t13; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t14).mul(t14), $9); };
      DoubleVector r = t12.add($8).blend(1.0, z.compare(VectorOperators.GE, 3.3)).blend(0.0, z.compare(VectorOperators.LE, -7.0)).blend(t0.mul(DoubleVector.broadcast(S, 1.2820046236639355).add(t0.mul(DoubleVector.broadcast(S, 4.396594689195649).add(t0.mul(DoubleVector.broadcast(S, 1.9297806376781577).add(t0.mul(DoubleVector.broadcast(S, -14.372162210559537).add(t0.mul(DoubleVector.broadcast(S, -25.143443944619765).add(t0.mul(DoubleVector.broadcast(S, 15.253609837134565).add(t0.mul(DoubleVector.broadcast(S, 86.20816300105865).add(t0.mul(38849.038051834905))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      DoubleVector t1 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t3 = t2.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1)).blend(t2.mul(t1.lanewise(VectorOperators.EXPM1)).blend(DoubleVector.broadcast(S, 1.0).add(t0).lanewise(VectorOperators.EXP).mul(t1.neg().lanewise(VectorOperators.EXPM1)).neg(), t1.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1).mul(DoubleVector.broadcast(S, -1.0).add(t0).lanewise(VectorOperators.EXP)), z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t3;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $3 = $3.blend(t4.mul(z).mul(t4), $4); };
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
      DoubleVector t0 = z.add(0.22994769631408601).add(-1.1841962428150877E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, -1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t4 = t1.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t7 = t5.neg().lanewise(VectorOperators.EXPM1);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t9 = t8.mul(t5.lanewise(VectorOperators.EXPM1));
      DoubleVector t10 = t8.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1));
      DoubleVector t11 = t10.blend(t9.blend(t6.mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t11;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t12 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t13 = t10.blend(t9.blend(DoubleVector.broadcast(S, -1.0).add(z).neg().lanewise(VectorOperators.EXP).mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0));
      DoubleVector $3 = t13;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t13.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t13).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).neg().mul(t14).mul(t14), $7); };
      DoubleVector $8 = $6;
      var $9 = t11.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t11).lanewise(VectorOperators.EXP); DoubleVector $10 = t13; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t14).mul(t14), $9); };
      DoubleVector r = t12.add($8).blend(1.0, z.compare(VectorOperators.GE, 3.3)).blend(0.0, z.compare(VectorOperators.LE, -7.0)).blend(t0.mul(DoubleVector.broadcast(S, 1.2820046236639355).add(t0.mul(DoubleVector.broadcast(S, 4.396594689195649).add(t0.mul(DoubleVector.broadcast(S, 1.9297806376781577).add(t0.mul(DoubleVector.broadcast(S, -14.372162210559537).add(t0.mul(DoubleVector.broadcast(S, -25.143443944619765).add(t0.mul(DoubleVector.broadcast(S, 15.253609837134565).add(t0.mul(DoubleVector.broadcast(S, 86.20816300105865).add(t0.mul(38849.038051834905))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(0.22994769631408601).add(-1.1841962428150877E-17);
      DoubleVector t1 = DoubleVector.broadcast(S, 2.0).lanewise(VectorOperators.EXPM1);
      DoubleVector t2 = z.neg();
      DoubleVector t3 = DoubleVector.broadcast(S, -1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t4 = t1.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, -2.0).mul(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).add(t2).lanewise(VectorOperators.EXP);
      DoubleVector t7 = t5.neg().lanewise(VectorOperators.EXPM1);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).add(z).lanewise(VectorOperators.EXP);
      DoubleVector t9 = t8.mul(t5.lanewise(VectorOperators.EXPM1));
      DoubleVector t10 = t8.mul(DoubleVector.broadcast(S, -2.0).lanewise(VectorOperators.EXPM1));
      DoubleVector t11 = t10.blend(t9.blend(t6.mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0)).neg();
      DoubleVector $0 = t11;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector t12 = $1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0));
      DoubleVector t13 = t10.blend(t9.blend(DoubleVector.broadcast(S, -1.0).add(z).neg().lanewise(VectorOperators.EXP).mul(t7).neg(), t5.compare(VectorOperators.GT, 0.0)), z.compare(VectorOperators.LE, 1.0)).blend(t4, z.compare(VectorOperators.LE, -1.0));
      DoubleVector $3 = t13;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t13.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t13).lanewise(VectorOperators.EXP); $6 = $6.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul(t12).neg().mul(t14).mul(t14), $7); };
      DoubleVector $8 = $6;
      var $9 = t11.compare(VectorOperators.LT, -354.19820926613204);
      if ($9.anyTrue()) { DoubleVector t14 = DoubleVector.broadcast(S, 0.5).mul(t11).lanewise(VectorOperators.EXP); DoubleVector $10 = t13; DoubleVector $11 = $10.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $12 = $11.add(1.0); $8 = $8.blend(z.mul(t10.blend(t6.neg().sub(t8), z.compare(VectorOperators.LE, 1.0)).blend(t1.neg().mul(t3), z.compare(VectorOperators.LE, -1.0))).mul($11.div($12).blend(DoubleVector.broadcast(S, 1.0).div($12), $10.compare(VectorOperators.GE, 0.0))).neg().mul(t14).mul(t14), $9); };
      DoubleVector r = t12.add($8).blend(1.0, z.compare(VectorOperators.GE, 3.3)).blend(0.0, z.compare(VectorOperators.LE, -7.0)).blend(t0.mul(DoubleVector.broadcast(S, 1.2820046236639355).add(t0.mul(DoubleVector.broadcast(S, 4.396594689195649).add(t0.mul(DoubleVector.broadcast(S, 1.9297806376781577).add(t0.mul(DoubleVector.broadcast(S, -14.372162210559537).add(t0.mul(DoubleVector.broadcast(S, -25.143443944619765).add(t0.mul(DoubleVector.broadcast(S, 15.253609837134565).add(t0.mul(DoubleVector.broadcast(S, 86.20816300105865).add(t0.mul(38849.038051834905))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
