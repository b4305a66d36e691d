package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianGatedVariance}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianGatedVariance} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianGatedVarianceSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianGatedVarianceSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.25).mul($0.mul(4.0).div($1.mul($1))).mul(z).mul(z);
      var $3 = z.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t0 = z.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(t0.mul(z).mul(z).mul(t0), $3); };
      DoubleVector r = $2;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
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
      DoubleVector t0 = z.add(-1.1996786402577337).add(-9.232436427676573E-17);
      DoubleVector t1 = z.add(1.1996786402577337).add(9.232436427676573E-17);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t2 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = z.neg();
      DoubleVector $3 = $2.abs();
      DoubleVector $4 = $3.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.mul(2.0).div($4.add(1.0)).neg().add(1.0);
      var $6 = $3.compare(VectorOperators.LT, 0.01);
      if ($6.anyTrue()) { DoubleVector $7 = $3.mul($3); $5 = $5.blend($3.add($3.mul($7).mul($7.mul(-0.05396825396825397).add(0.13333333333333333).mul($7).add(-0.3333333333333333))), $6); };
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(z).mul(t2).sub(DoubleVector.broadcast(S, -0.5).mul($5.reinterpretAsLongs().or($2.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t2).mul(z).mul(z)).blend(t1.mul(DoubleVector.broadcast(S, -0.21961441994532255).add(t1.mul(DoubleVector.broadcast(S, -0.1830610403283415).add(t1.mul(DoubleVector.broadcast(S, 0.08936358528086684).add(t1.mul(DoubleVector.broadcast(S, 0.21515264243588053).add(t1.mul(DoubleVector.broadcast(S, 0.11890855296502854).add(t1.mul(DoubleVector.broadcast(S, -0.00121987513262817).add(t1.mul(DoubleVector.broadcast(S, -0.07990316879113234).add(t1.mul(-1650.563017063935))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002399357280515468)).blend(t0.mul(DoubleVector.broadcast(S, -0.2196144199453226).add(t0.mul(DoubleVector.broadcast(S, 0.1830610403283415).add(t0.mul(DoubleVector.broadcast(S, 0.0893635852810597).add(t0.mul(DoubleVector.broadcast(S, -0.2151526424358849).add(t0.mul(DoubleVector.broadcast(S, 0.11890849883817946).add(t0.mul(DoubleVector.broadcast(S, 0.001219878167961094).add(t0.mul(DoubleVector.broadcast(S, -0.07592448671043898).add(t0.mul(1650.5626078241983))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002399357280515468));
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
      DoubleVector t0 = z.add(-1.1996786402577337).add(-9.232436427676573E-17);
      DoubleVector t1 = z.add(1.1996786402577337).add(9.232436427676573E-17);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t2 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = z.neg();
      DoubleVector $3 = $2.abs();
      DoubleVector $4 = $3.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.mul(2.0).div($4.add(1.0)).neg().add(1.0);
      var $6 = $3.compare(VectorOperators.LT, 0.01);
      if ($6.anyTrue()) { DoubleVector $7 = $3.mul($3); $5 = $5.blend($3.add($3.mul($7).mul($7.mul(-0.05396825396825397).add(0.13333333333333333).mul($7).add(-0.3333333333333333))), $6); };
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(z).mul(t2).sub(DoubleVector.broadcast(S, -0.5).mul($5.reinterpretAsLongs().or($2.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t2).mul(z).mul(z)).blend(t1.mul(DoubleVector.broadcast(S, -0.21961441994532255).add(t1.mul(DoubleVector.broadcast(S, -0.1830610403283415).add(t1.mul(DoubleVector.broadcast(S, 0.08936358528086684).add(t1.mul(DoubleVector.broadcast(S, 0.21515264243588053).add(t1.mul(DoubleVector.broadcast(S, 0.11890855296502854).add(t1.mul(DoubleVector.broadcast(S, -0.00121987513262817).add(t1.mul(DoubleVector.broadcast(S, -0.07990316879113234).add(t1.mul(-1650.563017063935))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002399357280515468)).blend(t0.mul(DoubleVector.broadcast(S, -0.2196144199453226).add(t0.mul(DoubleVector.broadcast(S, 0.1830610403283415).add(t0.mul(DoubleVector.broadcast(S, 0.0893635852810597).add(t0.mul(DoubleVector.broadcast(S, -0.2151526424358849).add(t0.mul(DoubleVector.broadcast(S, 0.11890849883817946).add(t0.mul(DoubleVector.broadcast(S, 0.001219878167961094).add(t0.mul(DoubleVector.broadcast(S, -0.07592448671043898).add(t0.mul(1650.5626078241983))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002399357280515468));
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
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector $2 = DoubleVector.broadcast(S, 0.25).mul($0.mul(4.0).div($1.mul($1))).mul(z).mul(z);
      var $3 = z.abs().compare(VectorOperators.GT, 177.79225181362597);
      if ($3.anyTrue()) { DoubleVector t0 = z.abs().neg().lanewise(VectorOperators.EXP); $2 = $2.blend(t0.mul(z).mul(z).mul(t0), $3); };
      DoubleVector r = $2;
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
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
      DoubleVector t0 = z.add(-1.1996786402577337).add(-9.232436427676573E-17);
      DoubleVector t1 = z.add(1.1996786402577337).add(9.232436427676573E-17);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t2 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = z.neg();
      DoubleVector $3 = $2.abs();
      DoubleVector $4 = $3.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.mul(2.0).div($4.add(1.0)).neg().add(1.0);
      var $6 = $3.compare(VectorOperators.LT, 0.01);
      if ($6.anyTrue()) { DoubleVector $7 = $3.mul($3); $5 = $5.blend($3.add($3.mul($7).mul($7.mul(-0.05396825396825397).add(0.13333333333333333).mul($7).add(-0.3333333333333333))), $6); };
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(z).mul(t2).sub(DoubleVector.broadcast(S, -0.5).mul($5.reinterpretAsLongs().or($2.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t2).mul(z).mul(z)).blend(t1.mul(DoubleVector.broadcast(S, -0.21961441994532255).add(t1.mul(DoubleVector.broadcast(S, -0.1830610403283415).add(t1.mul(DoubleVector.broadcast(S, 0.08936358528086684).add(t1.mul(DoubleVector.broadcast(S, 0.21515264243588053).add(t1.mul(DoubleVector.broadcast(S, 0.11890855296502854).add(t1.mul(DoubleVector.broadcast(S, -0.00121987513262817).add(t1.mul(DoubleVector.broadcast(S, -0.07990316879113234).add(t1.mul(-1650.563017063935))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002399357280515468)).blend(t0.mul(DoubleVector.broadcast(S, -0.2196144199453226).add(t0.mul(DoubleVector.broadcast(S, 0.1830610403283415).add(t0.mul(DoubleVector.broadcast(S, 0.0893635852810597).add(t0.mul(DoubleVector.broadcast(S, -0.2151526424358849).add(t0.mul(DoubleVector.broadcast(S, 0.11890849883817946).add(t0.mul(DoubleVector.broadcast(S, 0.001219878167961094).add(t0.mul(DoubleVector.broadcast(S, -0.07592448671043898).add(t0.mul(1650.5626078241983))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002399357280515468));
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
      DoubleVector t0 = z.add(-1.1996786402577337).add(-9.232436427676573E-17);
      DoubleVector t1 = z.add(1.1996786402577337).add(9.232436427676573E-17);
      DoubleVector $0 = z.abs().mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $1 = $0.add(1.0);
      DoubleVector t2 = $0.mul(4.0).div($1.mul($1));
      DoubleVector $2 = z.neg();
      DoubleVector $3 = $2.abs();
      DoubleVector $4 = $3.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.mul(2.0).div($4.add(1.0)).neg().add(1.0);
      var $6 = $3.compare(VectorOperators.LT, 0.01);
      if ($6.anyTrue()) { DoubleVector $7 = $3.mul($3); $5 = $5.blend($3.add($3.mul($7).mul($7.mul(-0.05396825396825397).add(0.13333333333333333).mul($7).add(-0.3333333333333333))), $6); };
      DoubleVector r = DoubleVector.broadcast(S, 0.5).mul(z).mul(t2).sub(DoubleVector.broadcast(S, -0.5).mul($5.reinterpretAsLongs().or($2.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t2).mul(z).mul(z)).blend(t1.mul(DoubleVector.broadcast(S, -0.21961441994532255).add(t1.mul(DoubleVector.broadcast(S, -0.1830610403283415).add(t1.mul(DoubleVector.broadcast(S, 0.08936358528086684).add(t1.mul(DoubleVector.broadcast(S, 0.21515264243588053).add(t1.mul(DoubleVector.broadcast(S, 0.11890855296502854).add(t1.mul(DoubleVector.broadcast(S, -0.00121987513262817).add(t1.mul(DoubleVector.broadcast(S, -0.07990316879113234).add(t1.mul(-1650.563017063935))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002399357280515468)).blend(t0.mul(DoubleVector.broadcast(S, -0.2196144199453226).add(t0.mul(DoubleVector.broadcast(S, 0.1830610403283415).add(t0.mul(DoubleVector.broadcast(S, 0.0893635852810597).add(t0.mul(DoubleVector.broadcast(S, -0.2151526424358849).add(t0.mul(DoubleVector.broadcast(S, 0.11890849883817946).add(t0.mul(DoubleVector.broadcast(S, 0.001219878167961094).add(t0.mul(DoubleVector.broadcast(S, -0.07592448671043898).add(t0.mul(1650.5626078241983))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002399357280515468));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(0.0, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
