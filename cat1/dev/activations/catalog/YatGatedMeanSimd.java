package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link YatGatedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code YatGatedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class YatGatedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private YatGatedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector t3 = DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t2).add(1.0)).mul(t1).blend(DoubleVector.broadcast(S, -4.0).mul(t0).mul(z).div(t0.mul(t0).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t3;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = z.mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0)));
      var $4 = t3.compare(VectorOperators.LT, -354.19820926613204);
      if ($4.anyTrue()) { DoubleVector t4 = DoubleVector.broadcast(S, 0.5).mul(t3).lanewise(VectorOperators.EXP); $3 = $3.blend(t4.mul(z).mul(t4), $4); };
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
      DoubleVector t0 = z.add(0.9023787323670756).add(5.2558115735784363E-17);
      DoubleVector t1 = z.add(1.4727148559963001).add(-1.0878321059227671E-16);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(t3);
      DoubleVector t5 = t3.mul(t3).add(4.0);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t6).blend(t4.mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t5)), t2.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = t9.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t10));
      DoubleVector t12 = t8.mul(z).mul(z).mul(z).mul(z).blend(t5, t2.compare(VectorOperators.LE, 1.0));
      DoubleVector r = t10.mul(t11).blend(t11, t9.neg().compare(VectorOperators.GE, 0.0)).add(DoubleVector.broadcast(S, 0.25).mul(DoubleVector.broadcast(S, 48.0).mul(t7).mul(t7).add(-4.0).mul(z).mul(z).mul(z).mul(z).blend(t4.mul(t3).add(48.0), t2.compare(VectorOperators.LE, 1.0)).mul(z).mul(z).mul(z).div(t12.mul(t12))).mul(DoubleVector.broadcast(S, 4.0).mul(t10).mul(t11).mul(t11))).blend(0.5, z.compare(VectorOperators.GE, 1000000.0)).blend(0.5, z.compare(VectorOperators.LE, -1000000.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.4669365620402617).add(t1.mul(DoubleVector.broadcast(S, 0.06662621625651914).add(t1.mul(DoubleVector.broadcast(S, 0.7791557785249357).add(t1.mul(DoubleVector.broadcast(S, 1.2343169938086804).add(t1.mul(DoubleVector.broadcast(S, 0.8134364765320182).add(t1.mul(DoubleVector.broadcast(S, -0.7096037069645323).add(t1.mul(DoubleVector.broadcast(S, -1.4395182391818522).add(t1.mul(-276.8299518105349))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0029454297119925997)).blend(t0.mul(DoubleVector.broadcast(S, 0.8320113861017616).add(t0.mul(DoubleVector.broadcast(S, 1.3594660671639243).add(t0.mul(DoubleVector.broadcast(S, -2.3256152572399187).add(t0.mul(DoubleVector.broadcast(S, -3.4227207504919828).add(t0.mul(DoubleVector.broadcast(S, 5.533407240291237).add(t0.mul(DoubleVector.broadcast(S, 6.808366844337036).add(t0.mul(DoubleVector.broadcast(S, -4.874985791790857).add(t0.mul(52177.24069857265))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(0.9023787323670756).add(5.2558115735784363E-17);
      DoubleVector t1 = z.add(1.4727148559963001).add(-1.0878321059227671E-16);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(t3);
      DoubleVector t5 = t3.mul(t3).add(4.0);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t6).blend(t4.mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t5)), t2.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = t9.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t10));
      DoubleVector t12 = t8.mul(z).mul(z).mul(z).mul(z).blend(t5, t2.compare(VectorOperators.LE, 1.0));
      DoubleVector r = t10.mul(t11).blend(t11, t9.neg().compare(VectorOperators.GE, 0.0)).add(DoubleVector.broadcast(S, 0.25).mul(DoubleVector.broadcast(S, 48.0).mul(t7).mul(t7).add(-4.0).mul(z).mul(z).mul(z).mul(z).blend(t4.mul(t3).add(48.0), t2.compare(VectorOperators.LE, 1.0)).mul(z).mul(z).mul(z).div(t12.mul(t12))).mul(DoubleVector.broadcast(S, 4.0).mul(t10).mul(t11).mul(t11))).blend(0.5, z.compare(VectorOperators.GE, 1000000.0)).blend(0.5, z.compare(VectorOperators.LE, -1000000.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.4669365620402617).add(t1.mul(DoubleVector.broadcast(S, 0.06662621625651914).add(t1.mul(DoubleVector.broadcast(S, 0.7791557785249357).add(t1.mul(DoubleVector.broadcast(S, 1.2343169938086804).add(t1.mul(DoubleVector.broadcast(S, 0.8134364765320182).add(t1.mul(DoubleVector.broadcast(S, -0.7096037069645323).add(t1.mul(DoubleVector.broadcast(S, -1.4395182391818522).add(t1.mul(-276.8299518105349))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0029454297119925997)).blend(t0.mul(DoubleVector.broadcast(S, 0.8320113861017616).add(t0.mul(DoubleVector.broadcast(S, 1.3594660671639243).add(t0.mul(DoubleVector.broadcast(S, -2.3256152572399187).add(t0.mul(DoubleVector.broadcast(S, -3.4227207504919828).add(t0.mul(DoubleVector.broadcast(S, 5.533407240291237).add(t0.mul(DoubleVector.broadcast(S, 6.808366844337036).add(t0.mul(DoubleVector.broadcast(S, -4.874985791790857).add(t0.mul(52177.24069857265))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      FloatVector t0 = z.mul(z);
      FloatVector t1 = FloatVector.broadcast(W, 1.0f).div(z);
      FloatVector t2 = t1.mul(t1);
      FloatVector t3 = FloatVector.broadcast(W, -4.0f).div(FloatVector.broadcast(W, 4.0f).mul(t2).mul(t2).add(1.0f)).mul(t1).blend(FloatVector.broadcast(W, -4.0f).mul(t0).mul(z).div(t0.mul(t0).add(4.0f)), z.abs().compare(VectorOperators.LE, 1.0f)).neg();
      FloatVector $0 = t3;
      FloatVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      FloatVector $2 = $1.add(1.0f);
      FloatVector $3 = z.mul($1.div($2).blend(FloatVector.broadcast(W, 1.0f).div($2), $0.compare(VectorOperators.GE, 0.0f)));
      var $4 = t3.compare(VectorOperators.LT, -354.1982f);
      if ($4.anyTrue()) { FloatVector t4 = FloatVector.broadcast(W, 0.5f).mul(t3).lanewise(VectorOperators.EXP); $3 = $3.blend(t4.mul(z).mul(t4), $4); };
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
      DoubleVector t0 = z.add(0.9023787323670756).add(5.2558115735784363E-17);
      DoubleVector t1 = z.add(1.4727148559963001).add(-1.0878321059227671E-16);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(t3);
      DoubleVector t5 = t3.mul(t3).add(4.0);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t6).blend(t4.mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t5)), t2.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = t9.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t10));
      DoubleVector t12 = t8.mul(z).mul(z).mul(z).mul(z).blend(t5, t2.compare(VectorOperators.LE, 1.0));
      DoubleVector r = t10.mul(t11).blend(t11, t9.neg().compare(VectorOperators.GE, 0.0)).add(DoubleVector.broadcast(S, 0.25).mul(DoubleVector.broadcast(S, 48.0).mul(t7).mul(t7).add(-4.0).mul(z).mul(z).mul(z).mul(z).blend(t4.mul(t3).add(48.0), t2.compare(VectorOperators.LE, 1.0)).mul(z).mul(z).mul(z).div(t12.mul(t12))).mul(DoubleVector.broadcast(S, 4.0).mul(t10).mul(t11).mul(t11))).blend(0.5, z.compare(VectorOperators.GE, 1000000.0)).blend(0.5, z.compare(VectorOperators.LE, -1000000.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.4669365620402617).add(t1.mul(DoubleVector.broadcast(S, 0.06662621625651914).add(t1.mul(DoubleVector.broadcast(S, 0.7791557785249357).add(t1.mul(DoubleVector.broadcast(S, 1.2343169938086804).add(t1.mul(DoubleVector.broadcast(S, 0.8134364765320182).add(t1.mul(DoubleVector.broadcast(S, -0.7096037069645323).add(t1.mul(DoubleVector.broadcast(S, -1.4395182391818522).add(t1.mul(-276.8299518105349))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0029454297119925997)).blend(t0.mul(DoubleVector.broadcast(S, 0.8320113861017616).add(t0.mul(DoubleVector.broadcast(S, 1.3594660671639243).add(t0.mul(DoubleVector.broadcast(S, -2.3256152572399187).add(t0.mul(DoubleVector.broadcast(S, -3.4227207504919828).add(t0.mul(DoubleVector.broadcast(S, 5.533407240291237).add(t0.mul(DoubleVector.broadcast(S, 6.808366844337036).add(t0.mul(DoubleVector.broadcast(S, -4.874985791790857).add(t0.mul(52177.24069857265))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(0.9023787323670756).add(5.2558115735784363E-17);
      DoubleVector t1 = z.add(1.4727148559963001).add(-1.0878321059227671E-16);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, -4.0).mul(t3);
      DoubleVector t5 = t3.mul(t3).add(4.0);
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t6).blend(t4.mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t5)), t2.compare(VectorOperators.LE, 1.0));
      DoubleVector t10 = t9.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector t11 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 1.0).add(t10));
      DoubleVector t12 = t8.mul(z).mul(z).mul(z).mul(z).blend(t5, t2.compare(VectorOperators.LE, 1.0));
      DoubleVector r = t10.mul(t11).blend(t11, t9.neg().compare(VectorOperators.GE, 0.0)).add(DoubleVector.broadcast(S, 0.25).mul(DoubleVector.broadcast(S, 48.0).mul(t7).mul(t7).add(-4.0).mul(z).mul(z).mul(z).mul(z).blend(t4.mul(t3).add(48.0), t2.compare(VectorOperators.LE, 1.0)).mul(z).mul(z).mul(z).div(t12.mul(t12))).mul(DoubleVector.broadcast(S, 4.0).mul(t10).mul(t11).mul(t11))).blend(0.5, z.compare(VectorOperators.GE, 1000000.0)).blend(0.5, z.compare(VectorOperators.LE, -1000000.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.4669365620402617).add(t1.mul(DoubleVector.broadcast(S, 0.06662621625651914).add(t1.mul(DoubleVector.broadcast(S, 0.7791557785249357).add(t1.mul(DoubleVector.broadcast(S, 1.2343169938086804).add(t1.mul(DoubleVector.broadcast(S, 0.8134364765320182).add(t1.mul(DoubleVector.broadcast(S, -0.7096037069645323).add(t1.mul(DoubleVector.broadcast(S, -1.4395182391818522).add(t1.mul(-276.8299518105349))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0029454297119925997)).blend(t0.mul(DoubleVector.broadcast(S, 0.8320113861017616).add(t0.mul(DoubleVector.broadcast(S, 1.3594660671639243).add(t0.mul(DoubleVector.broadcast(S, -2.3256152572399187).add(t0.mul(DoubleVector.broadcast(S, -3.4227207504919828).add(t0.mul(DoubleVector.broadcast(S, 5.533407240291237).add(t0.mul(DoubleVector.broadcast(S, 6.808366844337036).add(t0.mul(DoubleVector.broadcast(S, -4.874985791790857).add(t0.mul(52177.24069857265))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
