package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianSignedMeanScaleFree}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianSignedMeanScaleFree} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianSignedMeanScaleFreeSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianSignedMeanScaleFreeSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector $0 = z.div(s$v.mul(s$v));
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

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(s$v.mul(s$v));
      DoubleVector t1 = z.mul(t0);
      DoubleVector $0 = t1.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = $0.mul(4.0).div($1.mul($1)).mul(t0);
      var $3 = t1.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(t0).mul(t2).mul(t2), $3); };
      DoubleVector r = $2;
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(s$v.mul(s$v));
      DoubleVector t1 = z.mul(t0);
      DoubleVector $0 = t1.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = $0.mul(4.0).div($1.mul($1)).mul(t0);
      var $3 = t1.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(t0).mul(t2).mul(t2), $3); };
      DoubleVector r = $2;
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = DoubleVector.fromArray(S, upstream, off + i).mul(r);
      r.intoArray(gradIn, off + i);
    }
    return i;
  }

  static int value(float[] in, int inOff, float[] out, int outOff, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector $0 = z.div(s$v.mul(s$v));
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

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(s$v.mul(s$v));
      DoubleVector t1 = z.mul(t0);
      DoubleVector $0 = t1.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = $0.mul(4.0).div($1.mul($1)).mul(t0);
      var $3 = t1.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(t0).mul(t2).mul(t2), $3); };
      DoubleVector r = $2;
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len, double s) {
    if (!(Math.abs(s) >= 1.4916681462400413E-154 && Math.abs(s) <= 6.7039039649712985E153)) {
      return 0;
    }
    DoubleVector s$v = DoubleVector.broadcast(S, s);
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = DoubleVector.broadcast(S, 1.0).div(s$v.mul(s$v));
      DoubleVector t1 = z.mul(t0);
      DoubleVector $0 = t1.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = $0.mul(4.0).div($1.mul($1)).mul(t0);
      var $3 = t1.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t2 = t1.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(DoubleVector.broadcast(S, 4.0).mul(t0).mul(t2).mul(t2), $3); };
      DoubleVector r = $2;
      r = r.blend(z, z.test(VectorOperators.IS_NAN));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
