package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link CauchyPrototypes3Mean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code CauchyPrototypes3Mean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class CauchyPrototypes3MeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private CauchyPrototypes3MeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector r = DoubleVector.broadcast(S, 4.0).mul(t2).add(4.0).div(DoubleVector.broadcast(S, 8.0).mul(t2).add(6.0).mul(t2).add(3.0)).mul(t1).blend(DoubleVector.broadcast(S, 4.0).mul(t0).add(4.0).mul(z).div(DoubleVector.broadcast(S, 3.0).mul(t0).add(6.0).mul(t0).add(8.0)), z.abs().compare(VectorOperators.LE, 1.0));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.492922700845111).add(-1.2099068007856671E-18);
      DoubleVector t1 = z.add(1.492922700845111).add(1.2099068007856827E-18);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 32.0).mul(t4).add(72.0).mul(t4).add(-12.0).mul(t4).add(-12.0).div(DoubleVector.broadcast(S, 64.0).mul(t4).add(96.0).mul(t4).add(84.0).mul(t4).add(36.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -12.0).mul(t2).add(-12.0).mul(t2).add(72.0).mul(t2).add(32.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(36.0).mul(t2).add(84.0).mul(t2).add(96.0).mul(t2).add(64.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.3637794557074714).add(t1.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t1.mul(DoubleVector.broadcast(S, 0.12982227816735542).add(t1.mul(DoubleVector.broadcast(S, -0.16808394145681152).add(t1.mul(DoubleVector.broadcast(S, -0.2511204872893043).add(t1.mul(DoubleVector.broadcast(S, -0.1307443260085864).add(t1.mul(DoubleVector.broadcast(S, 0.34485291512386307).add(t1.mul(-136.19703118202168))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002985845401690222)).blend(t0.mul(DoubleVector.broadcast(S, -0.3637794557074714).add(t0.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t0.mul(DoubleVector.broadcast(S, -0.1298222781677137).add(t0.mul(DoubleVector.broadcast(S, -0.16808394145681166).add(t0.mul(DoubleVector.broadcast(S, 0.25112059736776693).add(t0.mul(DoubleVector.broadcast(S, -0.1307443259869425).add(t0.mul(DoubleVector.broadcast(S, -0.35299000591776325).add(t0.mul(-136.19703232111155))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002985845401690222));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-1.492922700845111).add(-1.2099068007856671E-18);
      DoubleVector t1 = z.add(1.492922700845111).add(1.2099068007856827E-18);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 32.0).mul(t4).add(72.0).mul(t4).add(-12.0).mul(t4).add(-12.0).div(DoubleVector.broadcast(S, 64.0).mul(t4).add(96.0).mul(t4).add(84.0).mul(t4).add(36.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -12.0).mul(t2).add(-12.0).mul(t2).add(72.0).mul(t2).add(32.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(36.0).mul(t2).add(84.0).mul(t2).add(96.0).mul(t2).add(64.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.3637794557074714).add(t1.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t1.mul(DoubleVector.broadcast(S, 0.12982227816735542).add(t1.mul(DoubleVector.broadcast(S, -0.16808394145681152).add(t1.mul(DoubleVector.broadcast(S, -0.2511204872893043).add(t1.mul(DoubleVector.broadcast(S, -0.1307443260085864).add(t1.mul(DoubleVector.broadcast(S, 0.34485291512386307).add(t1.mul(-136.19703118202168))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002985845401690222)).blend(t0.mul(DoubleVector.broadcast(S, -0.3637794557074714).add(t0.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t0.mul(DoubleVector.broadcast(S, -0.1298222781677137).add(t0.mul(DoubleVector.broadcast(S, -0.16808394145681166).add(t0.mul(DoubleVector.broadcast(S, 0.25112059736776693).add(t0.mul(DoubleVector.broadcast(S, -0.1307443259869425).add(t0.mul(DoubleVector.broadcast(S, -0.35299000591776325).add(t0.mul(-136.19703232111155))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002985845401690222));
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
      FloatVector r = FloatVector.broadcast(W, 4.0f).mul(t2).add(4.0f).div(FloatVector.broadcast(W, 8.0f).mul(t2).add(6.0f).mul(t2).add(3.0f)).mul(t1).blend(FloatVector.broadcast(W, 4.0f).mul(t0).add(4.0f).mul(z).div(FloatVector.broadcast(W, 3.0f).mul(t0).add(6.0f).mul(t0).add(8.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.492922700845111).add(-1.2099068007856671E-18);
      DoubleVector t1 = z.add(1.492922700845111).add(1.2099068007856827E-18);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 32.0).mul(t4).add(72.0).mul(t4).add(-12.0).mul(t4).add(-12.0).div(DoubleVector.broadcast(S, 64.0).mul(t4).add(96.0).mul(t4).add(84.0).mul(t4).add(36.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -12.0).mul(t2).add(-12.0).mul(t2).add(72.0).mul(t2).add(32.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(36.0).mul(t2).add(84.0).mul(t2).add(96.0).mul(t2).add(64.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.3637794557074714).add(t1.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t1.mul(DoubleVector.broadcast(S, 0.12982227816735542).add(t1.mul(DoubleVector.broadcast(S, -0.16808394145681152).add(t1.mul(DoubleVector.broadcast(S, -0.2511204872893043).add(t1.mul(DoubleVector.broadcast(S, -0.1307443260085864).add(t1.mul(DoubleVector.broadcast(S, 0.34485291512386307).add(t1.mul(-136.19703118202168))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002985845401690222)).blend(t0.mul(DoubleVector.broadcast(S, -0.3637794557074714).add(t0.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t0.mul(DoubleVector.broadcast(S, -0.1298222781677137).add(t0.mul(DoubleVector.broadcast(S, -0.16808394145681166).add(t0.mul(DoubleVector.broadcast(S, 0.25112059736776693).add(t0.mul(DoubleVector.broadcast(S, -0.1307443259869425).add(t0.mul(DoubleVector.broadcast(S, -0.35299000591776325).add(t0.mul(-136.19703232111155))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002985845401690222));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.492922700845111).add(-1.2099068007856671E-18);
      DoubleVector t1 = z.add(1.492922700845111).add(1.2099068007856827E-18);
      DoubleVector t2 = z.mul(z);
      DoubleVector t3 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector r = DoubleVector.broadcast(S, 32.0).mul(t4).add(72.0).mul(t4).add(-12.0).mul(t4).add(-12.0).div(DoubleVector.broadcast(S, 64.0).mul(t4).add(96.0).mul(t4).add(84.0).mul(t4).add(36.0).mul(t4).add(9.0)).mul(t4).blend(DoubleVector.broadcast(S, -12.0).mul(t2).add(-12.0).mul(t2).add(72.0).mul(t2).add(32.0).div(DoubleVector.broadcast(S, 9.0).mul(t2).add(36.0).mul(t2).add(84.0).mul(t2).add(96.0).mul(t2).add(64.0)), z.abs().compare(VectorOperators.LE, 1.0)).blend(t1.mul(DoubleVector.broadcast(S, 0.3637794557074714).add(t1.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t1.mul(DoubleVector.broadcast(S, 0.12982227816735542).add(t1.mul(DoubleVector.broadcast(S, -0.16808394145681152).add(t1.mul(DoubleVector.broadcast(S, -0.2511204872893043).add(t1.mul(DoubleVector.broadcast(S, -0.1307443260085864).add(t1.mul(DoubleVector.broadcast(S, 0.34485291512386307).add(t1.mul(-136.19703118202168))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002985845401690222)).blend(t0.mul(DoubleVector.broadcast(S, -0.3637794557074714).add(t0.mul(DoubleVector.broadcast(S, 0.41341686107951836).add(t0.mul(DoubleVector.broadcast(S, -0.1298222781677137).add(t0.mul(DoubleVector.broadcast(S, -0.16808394145681166).add(t0.mul(DoubleVector.broadcast(S, 0.25112059736776693).add(t0.mul(DoubleVector.broadcast(S, -0.1307443259869425).add(t0.mul(DoubleVector.broadcast(S, -0.35299000591776325).add(t0.mul(-136.19703232111155))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002985845401690222));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
