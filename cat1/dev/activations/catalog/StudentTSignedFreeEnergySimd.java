package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTSignedFreeEnergy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTSignedFreeEnergy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTSignedFreeEnergySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private StudentTSignedFreeEnergySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.4312545703723347).add(5.651589059331718E-17);
      DoubleVector t1 = z.add(1.4312545703723347).add(-5.651589059331718E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, 256.0).mul(t5).add(128.0).mul(t5).add(48.0).mul(t5).add(8.0).mul(t5).add(1.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 288.0).mul(t5).add(216.0).mul(t5).add(18.0)));
      DoubleVector r = DoubleVector.broadcast(S, 4.0).mul(t2.lanewise(VectorOperators.LOG)).add(t6.lanewise(VectorOperators.LOG)).blend(t6.mul(z).mul(z).mul(z).mul(z).blend(t3.add(8.0).mul(t3).add(48.0).mul(t3).add(128.0).mul(t3).add(256.0).div(DoubleVector.broadcast(S, 18.0).mul(t3).add(216.0).mul(t3).add(288.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.6037680112608863).add(t1.mul(DoubleVector.broadcast(S, 0.4681122099391984).add(t1.mul(DoubleVector.broadcast(S, 0.10371156703490388).add(t1.mul(DoubleVector.broadcast(S, -0.08302753854045829).add(t1.mul(DoubleVector.broadcast(S, -0.05256654491746554).add(t1.mul(DoubleVector.broadcast(S, 4.300484931302082E-5).add(t1.mul(DoubleVector.broadcast(S, 0.011847328322557032).add(t1.mul(DoubleVector.broadcast(S, -0.06822414657532738).add(t1.mul(DoubleVector.broadcast(S, -2.477632836530406).add(t1.mul(143.35105763807348))))))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.014312545703723348)).blend(t0.mul(DoubleVector.broadcast(S, 0.6037680112608863).add(t0.mul(DoubleVector.broadcast(S, 0.4681122099391987).add(t0.mul(DoubleVector.broadcast(S, -0.10371156703488173).add(t0.mul(DoubleVector.broadcast(S, -0.08302753856471148).add(t0.mul(DoubleVector.broadcast(S, 0.05256654504170917).add(t0.mul(DoubleVector.broadcast(S, 4.33751328099125E-5).add(t0.mul(DoubleVector.broadcast(S, -0.01185266695512113).add(t0.mul(DoubleVector.broadcast(S, -0.07027568055153349).add(t0.mul(DoubleVector.broadcast(S, 2.4994251237628538).add(t0.mul(147.18081502474948))))))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.014312545703723348));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-0.7878254836962436).add(-1.6187818387440473E-17);
      DoubleVector t1 = z.add(0.7878254836962436).add(1.6187818387440473E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, -128.0).mul(t4).add(160.0).mul(t4).add(72.0).mul(t4).add(4.0).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(256.0).mul(t4).add(80.0).mul(t4).add(16.0).mul(t4).add(1.0)).mul(t3).blend(DoubleVector.broadcast(S, 4.0).mul(t2).add(72.0).mul(t2).add(160.0).mul(t2).add(-128.0).mul(z).div(t2.add(16.0).mul(t2).add(80.0).mul(t2).add(256.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.7011567161853733).add(t1.mul(DoubleVector.broadcast(S, -0.7598539202148981).add(t1.mul(DoubleVector.broadcast(S, -0.5465432859665134).add(t1.mul(DoubleVector.broadcast(S, 0.2664845949889513).add(t1.mul(DoubleVector.broadcast(S, 0.3015671036580986).add(t1.mul(DoubleVector.broadcast(S, -0.0059853008257485605).add(t1.mul(DoubleVector.broadcast(S, 2.0818641913731732).add(t1.mul(7074.266283596805))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 0.7011567161853732).add(t0.mul(DoubleVector.broadcast(S, 0.7598539202148986).add(t0.mul(DoubleVector.broadcast(S, -0.5465432859669148).add(t0.mul(DoubleVector.broadcast(S, -0.266484595574328).add(t0.mul(DoubleVector.broadcast(S, 0.30156727486268736).add(t0.mul(DoubleVector.broadcast(S, 0.00621034093704901).add(t0.mul(DoubleVector.broadcast(S, 2.0634736442062778).add(t0.mul(-7104.21541861073))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-0.7878254836962436).add(-1.6187818387440473E-17);
      DoubleVector t1 = z.add(0.7878254836962436).add(1.6187818387440473E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, -128.0).mul(t4).add(160.0).mul(t4).add(72.0).mul(t4).add(4.0).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(256.0).mul(t4).add(80.0).mul(t4).add(16.0).mul(t4).add(1.0)).mul(t3).blend(DoubleVector.broadcast(S, 4.0).mul(t2).add(72.0).mul(t2).add(160.0).mul(t2).add(-128.0).mul(z).div(t2.add(16.0).mul(t2).add(80.0).mul(t2).add(256.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.7011567161853733).add(t1.mul(DoubleVector.broadcast(S, -0.7598539202148981).add(t1.mul(DoubleVector.broadcast(S, -0.5465432859665134).add(t1.mul(DoubleVector.broadcast(S, 0.2664845949889513).add(t1.mul(DoubleVector.broadcast(S, 0.3015671036580986).add(t1.mul(DoubleVector.broadcast(S, -0.0059853008257485605).add(t1.mul(DoubleVector.broadcast(S, 2.0818641913731732).add(t1.mul(7074.266283596805))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 0.7011567161853732).add(t0.mul(DoubleVector.broadcast(S, 0.7598539202148986).add(t0.mul(DoubleVector.broadcast(S, -0.5465432859669148).add(t0.mul(DoubleVector.broadcast(S, -0.266484595574328).add(t0.mul(DoubleVector.broadcast(S, 0.30156727486268736).add(t0.mul(DoubleVector.broadcast(S, 0.00621034093704901).add(t0.mul(DoubleVector.broadcast(S, 2.0634736442062778).add(t0.mul(-7104.21541861073))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      DoubleVector t0 = z.add(-1.4312545703723347).add(5.651589059331718E-17);
      DoubleVector t1 = z.add(1.4312545703723347).add(-5.651589059331718E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = DoubleVector.broadcast(S, 256.0).mul(t5).add(128.0).mul(t5).add(48.0).mul(t5).add(8.0).mul(t5).add(1.0).mul(DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 288.0).mul(t5).add(216.0).mul(t5).add(18.0)));
      DoubleVector r = DoubleVector.broadcast(S, 4.0).mul(t2.lanewise(VectorOperators.LOG)).add(t6.lanewise(VectorOperators.LOG)).blend(t6.mul(z).mul(z).mul(z).mul(z).blend(t3.add(8.0).mul(t3).add(48.0).mul(t3).add(128.0).mul(t3).add(256.0).div(DoubleVector.broadcast(S, 18.0).mul(t3).add(216.0).mul(t3).add(288.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.6037680112608863).add(t1.mul(DoubleVector.broadcast(S, 0.4681122099391984).add(t1.mul(DoubleVector.broadcast(S, 0.10371156703490388).add(t1.mul(DoubleVector.broadcast(S, -0.08302753854045829).add(t1.mul(DoubleVector.broadcast(S, -0.05256654491746554).add(t1.mul(DoubleVector.broadcast(S, 4.300484931302082E-5).add(t1.mul(DoubleVector.broadcast(S, 0.011847328322557032).add(t1.mul(DoubleVector.broadcast(S, -0.06822414657532738).add(t1.mul(DoubleVector.broadcast(S, -2.477632836530406).add(t1.mul(143.35105763807348))))))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.014312545703723348)).blend(t0.mul(DoubleVector.broadcast(S, 0.6037680112608863).add(t0.mul(DoubleVector.broadcast(S, 0.4681122099391987).add(t0.mul(DoubleVector.broadcast(S, -0.10371156703488173).add(t0.mul(DoubleVector.broadcast(S, -0.08302753856471148).add(t0.mul(DoubleVector.broadcast(S, 0.05256654504170917).add(t0.mul(DoubleVector.broadcast(S, 4.33751328099125E-5).add(t0.mul(DoubleVector.broadcast(S, -0.01185266695512113).add(t0.mul(DoubleVector.broadcast(S, -0.07027568055153349).add(t0.mul(DoubleVector.broadcast(S, 2.4994251237628538).add(t0.mul(147.18081502474948))))))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.014312545703723348));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-0.7878254836962436).add(-1.6187818387440473E-17);
      DoubleVector t1 = z.add(0.7878254836962436).add(1.6187818387440473E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, -128.0).mul(t4).add(160.0).mul(t4).add(72.0).mul(t4).add(4.0).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(256.0).mul(t4).add(80.0).mul(t4).add(16.0).mul(t4).add(1.0)).mul(t3).blend(DoubleVector.broadcast(S, 4.0).mul(t2).add(72.0).mul(t2).add(160.0).mul(t2).add(-128.0).mul(z).div(t2.add(16.0).mul(t2).add(80.0).mul(t2).add(256.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.7011567161853733).add(t1.mul(DoubleVector.broadcast(S, -0.7598539202148981).add(t1.mul(DoubleVector.broadcast(S, -0.5465432859665134).add(t1.mul(DoubleVector.broadcast(S, 0.2664845949889513).add(t1.mul(DoubleVector.broadcast(S, 0.3015671036580986).add(t1.mul(DoubleVector.broadcast(S, -0.0059853008257485605).add(t1.mul(DoubleVector.broadcast(S, 2.0818641913731732).add(t1.mul(7074.266283596805))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 0.7011567161853732).add(t0.mul(DoubleVector.broadcast(S, 0.7598539202148986).add(t0.mul(DoubleVector.broadcast(S, -0.5465432859669148).add(t0.mul(DoubleVector.broadcast(S, -0.266484595574328).add(t0.mul(DoubleVector.broadcast(S, 0.30156727486268736).add(t0.mul(DoubleVector.broadcast(S, 0.00621034093704901).add(t0.mul(DoubleVector.broadcast(S, 2.0634736442062778).add(t0.mul(-7104.21541861073))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-0.7878254836962436).add(-1.6187818387440473E-17);
      DoubleVector t1 = z.add(0.7878254836962436).add(1.6187818387440473E-17);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, -128.0).mul(t4).add(160.0).mul(t4).add(72.0).mul(t4).add(4.0).div(DoubleVector.broadcast(S, 256.0).mul(t4).add(256.0).mul(t4).add(80.0).mul(t4).add(16.0).mul(t4).add(1.0)).mul(t3).blend(DoubleVector.broadcast(S, 4.0).mul(t2).add(72.0).mul(t2).add(160.0).mul(t2).add(-128.0).mul(z).div(t2.add(16.0).mul(t2).add(80.0).mul(t2).add(256.0).mul(t2).add(256.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.7011567161853733).add(t1.mul(DoubleVector.broadcast(S, -0.7598539202148981).add(t1.mul(DoubleVector.broadcast(S, -0.5465432859665134).add(t1.mul(DoubleVector.broadcast(S, 0.2664845949889513).add(t1.mul(DoubleVector.broadcast(S, 0.3015671036580986).add(t1.mul(DoubleVector.broadcast(S, -0.0059853008257485605).add(t1.mul(DoubleVector.broadcast(S, 2.0818641913731732).add(t1.mul(7074.266283596805))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 0.7011567161853732).add(t0.mul(DoubleVector.broadcast(S, 0.7598539202148986).add(t0.mul(DoubleVector.broadcast(S, -0.5465432859669148).add(t0.mul(DoubleVector.broadcast(S, -0.266484595574328).add(t0.mul(DoubleVector.broadcast(S, 0.30156727486268736).add(t0.mul(DoubleVector.broadcast(S, 0.00621034093704901).add(t0.mul(DoubleVector.broadcast(S, 2.0634736442062778).add(t0.mul(-7104.21541861073))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
