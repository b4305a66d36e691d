package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTSignedMeanNuFree}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTSignedMeanNuFree} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTSignedMeanNuFreeSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private StudentTSignedMeanNuFreeSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -1.0).sub(nu$v)).mul(DoubleVector.broadcast(S, -4.0).div(t0.mul(t1).add(2.0).mul(t1).add(1.0)).mul(t1).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(t0)), z.abs().compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = $3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, -1.0).sub(nu$v);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(t4));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t4.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(t7.add(2.0).mul(t6).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(t2).mul(DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(t5), t3.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $0 = t9.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t10 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).mul(t10).blend(0.0, t10.compare(VectorOperators.EQ, 0.0));
      var $3 = t9.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).blend(0.0, t11.compare(VectorOperators.EQ, 0.0))).mul(t11).mul(t11), $3); };
      DoubleVector r = $2.blend(t1.mul(DoubleVector.broadcast(S, 0.12).add(t1.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t1.mul(DoubleVector.broadcast(S, 0.05200000000221658).add(t1.mul(DoubleVector.broadcast(S, 0.027499999265321907).add(t1.mul(DoubleVector.broadcast(S, 0.011399771213037497).add(t1.mul(DoubleVector.broadcast(S, 0.002445070356343369).add(t1.mul(DoubleVector.broadcast(S, 0.005241049452543008).add(t1.mul(2.429899570010539))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t1.abs().compare(VectorOperators.LT, 0.004))).blend(t0.mul(DoubleVector.broadcast(S, -0.12000000000000002).add(t0.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t0.mul(DoubleVector.broadcast(S, -0.05200000000219829).add(t0.mul(DoubleVector.broadcast(S, 0.027499999278601483).add(t0.mul(DoubleVector.broadcast(S, -0.011399773096738269).add(t0.mul(DoubleVector.broadcast(S, 0.002443025555170403).add(t0.mul(DoubleVector.broadcast(S, -0.005193056954901977).add(t0.mul(2.508711760384027))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t0.abs().compare(VectorOperators.LT, 0.004)));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, -1.0).sub(nu$v);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(t4));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t4.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(t7.add(2.0).mul(t6).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(t2).mul(DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(t5), t3.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $0 = t9.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t10 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).mul(t10).blend(0.0, t10.compare(VectorOperators.EQ, 0.0));
      var $3 = t9.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).blend(0.0, t11.compare(VectorOperators.EQ, 0.0))).mul(t11).mul(t11), $3); };
      DoubleVector r = $2.blend(t1.mul(DoubleVector.broadcast(S, 0.12).add(t1.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t1.mul(DoubleVector.broadcast(S, 0.05200000000221658).add(t1.mul(DoubleVector.broadcast(S, 0.027499999265321907).add(t1.mul(DoubleVector.broadcast(S, 0.011399771213037497).add(t1.mul(DoubleVector.broadcast(S, 0.002445070356343369).add(t1.mul(DoubleVector.broadcast(S, 0.005241049452543008).add(t1.mul(2.429899570010539))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t1.abs().compare(VectorOperators.LT, 0.004))).blend(t0.mul(DoubleVector.broadcast(S, -0.12000000000000002).add(t0.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t0.mul(DoubleVector.broadcast(S, -0.05200000000219829).add(t0.mul(DoubleVector.broadcast(S, 0.027499999278601483).add(t0.mul(DoubleVector.broadcast(S, -0.011399773096738269).add(t0.mul(DoubleVector.broadcast(S, 0.002443025555170403).add(t0.mul(DoubleVector.broadcast(S, -0.005193056954901977).add(t0.mul(2.508711760384027))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t0.abs().compare(VectorOperators.LT, 0.004)));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = DoubleVector.fromArray(S, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }

  static int value(float[] in, int inOff, float[] out, int outOff, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -1.0).sub(nu$v)).mul(DoubleVector.broadcast(S, -4.0).div(t0.mul(t1).add(2.0).mul(t1).add(1.0)).mul(t1).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(t0)), z.abs().compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = $3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, -1.0).sub(nu$v);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(t4));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t4.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(t7.add(2.0).mul(t6).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(t2).mul(DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(t5), t3.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $0 = t9.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t10 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).mul(t10).blend(0.0, t10.compare(VectorOperators.EQ, 0.0));
      var $3 = t9.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).blend(0.0, t11.compare(VectorOperators.EQ, 0.0))).mul(t11).mul(t11), $3); };
      DoubleVector r = $2.blend(t1.mul(DoubleVector.broadcast(S, 0.12).add(t1.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t1.mul(DoubleVector.broadcast(S, 0.05200000000221658).add(t1.mul(DoubleVector.broadcast(S, 0.027499999265321907).add(t1.mul(DoubleVector.broadcast(S, 0.011399771213037497).add(t1.mul(DoubleVector.broadcast(S, 0.002445070356343369).add(t1.mul(DoubleVector.broadcast(S, 0.005241049452543008).add(t1.mul(2.429899570010539))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t1.abs().compare(VectorOperators.LT, 0.004))).blend(t0.mul(DoubleVector.broadcast(S, -0.12000000000000002).add(t0.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t0.mul(DoubleVector.broadcast(S, -0.05200000000219829).add(t0.mul(DoubleVector.broadcast(S, 0.027499999278601483).add(t0.mul(DoubleVector.broadcast(S, -0.011399773096738269).add(t0.mul(DoubleVector.broadcast(S, 0.002443025555170403).add(t0.mul(DoubleVector.broadcast(S, -0.005193056954901977).add(t0.mul(2.508711760384027))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t0.abs().compare(VectorOperators.LT, 0.004)));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len, double nu) {
    DoubleVector nu$v = DoubleVector.broadcast(S, nu);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-2.0);
      DoubleVector t1 = z.add(2.0);
      DoubleVector t2 = DoubleVector.broadcast(S, -1.0).sub(nu$v);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).add(nu$v);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t1.mul(z).add(t4));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t4.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(t7.add(2.0).mul(t6).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 0.5).mul(t2).mul(DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(t5), t3.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P)));
      DoubleVector $0 = t9.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t10 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).mul(t10).blend(0.0, t10.compare(VectorOperators.EQ, 0.0));
      var $3 = t9.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, 2.0).mul(t2.mul(t6).mul(t6).add(1.0).div(t7.add(-2.0).mul(t6).add(1.0))).mul(t2.mul(t8)).mul(t6).mul(t6).blend(DoubleVector.broadcast(S, 2.0).mul(z.mul(z).add(t2).div(t0.mul(z).add(t4))).mul(t2.mul(t5)), t3.compare(VectorOperators.LE, 1.0))).blend(0.0, t11.compare(VectorOperators.EQ, 0.0))).mul(t11).mul(t11), $3); };
      DoubleVector r = $2.blend(t1.mul(DoubleVector.broadcast(S, 0.12).add(t1.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t1.mul(DoubleVector.broadcast(S, 0.05200000000221658).add(t1.mul(DoubleVector.broadcast(S, 0.027499999265321907).add(t1.mul(DoubleVector.broadcast(S, 0.011399771213037497).add(t1.mul(DoubleVector.broadcast(S, 0.002445070356343369).add(t1.mul(DoubleVector.broadcast(S, 0.005241049452543008).add(t1.mul(2.429899570010539))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t1.abs().compare(VectorOperators.LT, 0.004))).blend(t0.mul(DoubleVector.broadcast(S, -0.12000000000000002).add(t0.mul(DoubleVector.broadcast(S, 0.09000000000000384).add(t0.mul(DoubleVector.broadcast(S, -0.05200000000219829).add(t0.mul(DoubleVector.broadcast(S, 0.027499999278601483).add(t0.mul(DoubleVector.broadcast(S, -0.011399773096738269).add(t0.mul(DoubleVector.broadcast(S, 0.002443025555170403).add(t0.mul(DoubleVector.broadcast(S, -0.005193056954901977).add(t0.mul(2.508711760384027))))))))))))))), nu$v.compare(VectorOperators.EQ, 3.0).and(t0.abs().compare(VectorOperators.LT, 0.004)));
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
