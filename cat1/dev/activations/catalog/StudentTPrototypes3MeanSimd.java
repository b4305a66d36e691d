package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link StudentTPrototypes3Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code StudentTPrototypes3Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class StudentTPrototypes3MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private StudentTPrototypes3MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 288.0).mul(t2).add(264.0).mul(t2).add(80.0).mul(t2).add(8.0).div(DoubleVector.broadcast(S, 544.0).mul(t2).add(536.0).mul(t2).add(242.0).mul(t2).add(44.0).mul(t2).add(3.0)).mul(t1).blend(DoubleVector.broadcast(S, 8.0).mul(t0).add(80.0).mul(t0).add(264.0).mul(t0).add(288.0).mul(z).div(DoubleVector.broadcast(S, 3.0).mul(t0).add(44.0).mul(t0).add(242.0).mul(t0).add(536.0).mul(t0).add(544.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-2.1324728277590355).add(-1.9497150401279157E-16);
      DoubleVector t1 = z.add(2.1324728277590355).add(1.9497150401279152E-16);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 156672.0).mul(t4).add(276480.0).mul(t4).add(150016.0).mul(t4).add(31856.0).mul(t4).add(-96.0).mul(t4).add(-1672.0).mul(t4).add(-368.0).mul(t4).add(-24.0).div(DoubleVector.broadcast(S, 295936.0).mul(t4).add(583168.0).mul(t4).add(550592.0).mul(t4).add(307296.0).mul(t4).add(108996.0).mul(t4).add(24512.0).mul(t4).add(3388.0).mul(t4).add(264.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -24.0).mul(t2).add(-368.0).mul(t2).add(-1672.0).mul(t2).add(-96.0).mul(t2).add(31856.0).mul(t2).add(150016.0).mul(t2).add(276480.0).mul(t2).add(156672.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(264.0).mul(t2).add(3388.0).mul(t2).add(24512.0).mul(t2).add(108996.0).mul(t2).add(307296.0).mul(t2).add(550592.0).mul(t2).add(583168.0).mul(t2).add(295936.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.1369995553708092).add(t1.mul(DoubleVector.broadcast(S, 0.10349392934604035).add(t1.mul(DoubleVector.broadcast(S, 0.04094293511532057).add(t1.mul(DoubleVector.broadcast(S, 0.0065218828088469995).add(t1.mul(DoubleVector.broadcast(S, -0.004867144517409921).add(t1.mul(DoubleVector.broadcast(S, -0.00572914284733066).add(t1.mul(DoubleVector.broadcast(S, -0.03323707131035585).add(t1.mul(-2.653999782993674))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.004264945655518071)).blend(t0.mul(DoubleVector.broadcast(S, -0.1369995553708092).add(t0.mul(DoubleVector.broadcast(S, 0.10349392934604038).add(t0.mul(DoubleVector.broadcast(S, -0.04094293511532294).add(t0.mul(DoubleVector.broadcast(S, 0.006521882799499057).add(t0.mul(DoubleVector.broadcast(S, 0.004867146155910563).add(t0.mul(DoubleVector.broadcast(S, -0.005728571401508704).add(t0.mul(DoubleVector.broadcast(S, 0.03315563339326297).add(t0.mul(-2.662852868197274))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.004264945655518071));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-2.1324728277590355).add(-1.9497150401279157E-16);
      DoubleVector t1 = z.add(2.1324728277590355).add(1.9497150401279152E-16);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 156672.0).mul(t4).add(276480.0).mul(t4).add(150016.0).mul(t4).add(31856.0).mul(t4).add(-96.0).mul(t4).add(-1672.0).mul(t4).add(-368.0).mul(t4).add(-24.0).div(DoubleVector.broadcast(S, 295936.0).mul(t4).add(583168.0).mul(t4).add(550592.0).mul(t4).add(307296.0).mul(t4).add(108996.0).mul(t4).add(24512.0).mul(t4).add(3388.0).mul(t4).add(264.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -24.0).mul(t2).add(-368.0).mul(t2).add(-1672.0).mul(t2).add(-96.0).mul(t2).add(31856.0).mul(t2).add(150016.0).mul(t2).add(276480.0).mul(t2).add(156672.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(264.0).mul(t2).add(3388.0).mul(t2).add(24512.0).mul(t2).add(108996.0).mul(t2).add(307296.0).mul(t2).add(550592.0).mul(t2).add(583168.0).mul(t2).add(295936.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.1369995553708092).add(t1.mul(DoubleVector.broadcast(S, 0.10349392934604035).add(t1.mul(DoubleVector.broadcast(S, 0.04094293511532057).add(t1.mul(DoubleVector.broadcast(S, 0.0065218828088469995).add(t1.mul(DoubleVector.broadcast(S, -0.004867144517409921).add(t1.mul(DoubleVector.broadcast(S, -0.00572914284733066).add(t1.mul(DoubleVector.broadcast(S, -0.03323707131035585).add(t1.mul(-2.653999782993674))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.004264945655518071)).blend(t0.mul(DoubleVector.broadcast(S, -0.1369995553708092).add(t0.mul(DoubleVector.broadcast(S, 0.10349392934604038).add(t0.mul(DoubleVector.broadcast(S, -0.04094293511532294).add(t0.mul(DoubleVector.broadcast(S, 0.006521882799499057).add(t0.mul(DoubleVector.broadcast(S, 0.004867146155910563).add(t0.mul(DoubleVector.broadcast(S, -0.005728571401508704).add(t0.mul(DoubleVector.broadcast(S, 0.03315563339326297).add(t0.mul(-2.662852868197274))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.004264945655518071));
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
      FloatVector r = FloatVector.broadcast(W, 288.0f).mul(t2).add(264.0f).mul(t2).add(80.0f).mul(t2).add(8.0f).div(FloatVector.broadcast(W, 544.0f).mul(t2).add(536.0f).mul(t2).add(242.0f).mul(t2).add(44.0f).mul(t2).add(3.0f)).mul(t1).blend(FloatVector.broadcast(W, 8.0f).mul(t0).add(80.0f).mul(t0).add(264.0f).mul(t0).add(288.0f).mul(z).div(FloatVector.broadcast(W, 3.0f).mul(t0).add(44.0f).mul(t0).add(242.0f).mul(t0).add(536.0f).mul(t0).add(544.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-2.1324728277590355).add(-1.9497150401279157E-16);
      DoubleVector t1 = z.add(2.1324728277590355).add(1.9497150401279152E-16);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 156672.0).mul(t4).add(276480.0).mul(t4).add(150016.0).mul(t4).add(31856.0).mul(t4).add(-96.0).mul(t4).add(-1672.0).mul(t4).add(-368.0).mul(t4).add(-24.0).div(DoubleVector.broadcast(S, 295936.0).mul(t4).add(583168.0).mul(t4).add(550592.0).mul(t4).add(307296.0).mul(t4).add(108996.0).mul(t4).add(24512.0).mul(t4).add(3388.0).mul(t4).add(264.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -24.0).mul(t2).add(-368.0).mul(t2).add(-1672.0).mul(t2).add(-96.0).mul(t2).add(31856.0).mul(t2).add(150016.0).mul(t2).add(276480.0).mul(t2).add(156672.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(264.0).mul(t2).add(3388.0).mul(t2).add(24512.0).mul(t2).add(108996.0).mul(t2).add(307296.0).mul(t2).add(550592.0).mul(t2).add(583168.0).mul(t2).add(295936.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.1369995553708092).add(t1.mul(DoubleVector.broadcast(S, 0.10349392934604035).add(t1.mul(DoubleVector.broadcast(S, 0.04094293511532057).add(t1.mul(DoubleVector.broadcast(S, 0.0065218828088469995).add(t1.mul(DoubleVector.broadcast(S, -0.004867144517409921).add(t1.mul(DoubleVector.broadcast(S, -0.00572914284733066).add(t1.mul(DoubleVector.broadcast(S, -0.03323707131035585).add(t1.mul(-2.653999782993674))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.004264945655518071)).blend(t0.mul(DoubleVector.broadcast(S, -0.1369995553708092).add(t0.mul(DoubleVector.broadcast(S, 0.10349392934604038).add(t0.mul(DoubleVector.broadcast(S, -0.04094293511532294).add(t0.mul(DoubleVector.broadcast(S, 0.006521882799499057).add(t0.mul(DoubleVector.broadcast(S, 0.004867146155910563).add(t0.mul(DoubleVector.broadcast(S, -0.005728571401508704).add(t0.mul(DoubleVector.broadcast(S, 0.03315563339326297).add(t0.mul(-2.662852868197274))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.004264945655518071));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-2.1324728277590355).add(-1.9497150401279157E-16);
      DoubleVector t1 = z.add(2.1324728277590355).add(1.9497150401279152E-16);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 156672.0).mul(t4).add(276480.0).mul(t4).add(150016.0).mul(t4).add(31856.0).mul(t4).add(-96.0).mul(t4).add(-1672.0).mul(t4).add(-368.0).mul(t4).add(-24.0).div(DoubleVector.broadcast(S, 295936.0).mul(t4).add(583168.0).mul(t4).add(550592.0).mul(t4).add(307296.0).mul(t4).add(108996.0).mul(t4).add(24512.0).mul(t4).add(3388.0).mul(t4).add(264.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -24.0).mul(t2).add(-368.0).mul(t2).add(-1672.0).mul(t2).add(-96.0).mul(t2).add(31856.0).mul(t2).add(150016.0).mul(t2).add(276480.0).mul(t2).add(156672.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(264.0).mul(t2).add(3388.0).mul(t2).add(24512.0).mul(t2).add(108996.0).mul(t2).add(307296.0).mul(t2).add(550592.0).mul(t2).add(583168.0).mul(t2).add(295936.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.1369995553708092).add(t1.mul(DoubleVector.broadcast(S, 0.10349392934604035).add(t1.mul(DoubleVector.broadcast(S, 0.04094293511532057).add(t1.mul(DoubleVector.broadcast(S, 0.0065218828088469995).add(t1.mul(DoubleVector.broadcast(S, -0.004867144517409921).add(t1.mul(DoubleVector.broadcast(S, -0.00572914284733066).add(t1.mul(DoubleVector.broadcast(S, -0.03323707131035585).add(t1.mul(-2.653999782993674))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.004264945655518071)).blend(t0.mul(DoubleVector.broadcast(S, -0.1369995553708092).add(t0.mul(DoubleVector.broadcast(S, 0.10349392934604038).add(t0.mul(DoubleVector.broadcast(S, -0.04094293511532294).add(t0.mul(DoubleVector.broadcast(S, 0.006521882799499057).add(t0.mul(DoubleVector.broadcast(S, 0.004867146155910563).add(t0.mul(DoubleVector.broadcast(S, -0.005728571401508704).add(t0.mul(DoubleVector.broadcast(S, 0.03315563339326297).add(t0.mul(-2.662852868197274))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.004264945655518071));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
