package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link GaussianGatedFreeEnergy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code GaussianGatedFreeEnergy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class GaussianGatedFreeEnergySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private GaussianGatedFreeEnergySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.3579201436398067).add(-9.163443664523574E-17);
      DoubleVector t1 = z.add(1.3579201436398067).add(9.163443664523574E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-1.0);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, -2.0).mul(t3).lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t8 = z.add(1.0);
      DoubleVector t9 = t8.mul(t5);
      DoubleVector r = t9.mul(t9).div(2.0).mul(z).mul(z).blend(t8.mul(t8).div(2.0), t3.compare(VectorOperators.LE, 1.0)).sub(DoubleVector.broadcast(S, -2.0).mul(z).neg().max(DoubleVector.broadcast(S, 0.0)).add(t7)).blend(t6.mul(t6).div(2.0).mul(z).mul(z).blend(t4.mul(t4).div(2.0), t3.compare(VectorOperators.LE, 1.0)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t7)), t2.compare(VectorOperators.GE, 0.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.48201034824755534).add(t1.mul(DoubleVector.broadcast(S, 0.38360898483190464).add(t1.mul(DoubleVector.broadcast(S, -0.06796535343472672).add(t1.mul(DoubleVector.broadcast(S, -0.02525000256089071).add(t1.mul(DoubleVector.broadcast(S, -0.004126389098967625).add(t1.mul(DoubleVector.broadcast(S, -0.030452880107553516).add(t1.mul(DoubleVector.broadcast(S, 2.080355239419859).add(t1.mul(2229.889919223856))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0027158402872796135)).blend(t0.mul(DoubleVector.broadcast(S, 0.4820103482475552).add(t0.mul(DoubleVector.broadcast(S, 0.38360898483190453).add(t0.mul(DoubleVector.broadcast(S, 0.06796535343489735).add(t0.mul(DoubleVector.broadcast(S, -0.02525000267397825).add(t0.mul(DoubleVector.broadcast(S, 0.004126335349149453).add(t0.mul(DoubleVector.broadcast(S, -0.030417256812171306).add(t0.mul(DoubleVector.broadcast(S, -2.0760466301863962).add(t0.mul(2227.0343396244234))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.0027158402872796135));
      r = r.blend(Double.POSITIVE_INFINITY, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(Double.POSITIVE_INFINITY, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = t2.mul(t2);
      DoubleVector $0 = z.neg();
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = z.add($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).blend(DoubleVector.broadcast(S, 2.12837625E8).mul(t3).add(-8.513505E7).mul(t3).add(3.4459425E7).mul(t3).add(-1.396395E7).mul(t3).add(5659290.0).mul(t3).add(-2293620.0).mul(t3).add(929569.0).div(6.38512875E8).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z)).mul(z)).blend(DoubleVector.broadcast(S, 929569.0).mul(t1).add(-2293620.0).mul(t1).add(5659290.0).mul(t1).add(-1.396395E7).mul(t1).add(3.4459425E7).mul(t1).add(-8.513505E7).mul(t1).add(2.12837625E8).mul(t1).mul(z).div(6.38512875E8), t0.compare(VectorOperators.LE, 1.0)), t0.compare(VectorOperators.LT, 0.1));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = t2.mul(t2);
      DoubleVector $0 = z.neg();
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = z.add($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).blend(DoubleVector.broadcast(S, 2.12837625E8).mul(t3).add(-8.513505E7).mul(t3).add(3.4459425E7).mul(t3).add(-1.396395E7).mul(t3).add(5659290.0).mul(t3).add(-2293620.0).mul(t3).add(929569.0).div(6.38512875E8).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z)).mul(z)).blend(DoubleVector.broadcast(S, 929569.0).mul(t1).add(-2293620.0).mul(t1).add(5659290.0).mul(t1).add(-1.396395E7).mul(t1).add(3.4459425E7).mul(t1).add(-8.513505E7).mul(t1).add(2.12837625E8).mul(t1).mul(z).div(6.38512875E8), t0.compare(VectorOperators.LE, 1.0)), t0.compare(VectorOperators.LT, 0.1));
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
      DoubleVector t0 = z.add(-1.3579201436398067).add(-9.163443664523574E-17);
      DoubleVector t1 = z.add(1.3579201436398067).add(9.163443664523574E-17);
      DoubleVector t2 = DoubleVector.broadcast(S, 2.0).mul(z);
      DoubleVector t3 = z.abs();
      DoubleVector t4 = z.add(-1.0);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = t4.mul(t5);
      DoubleVector t7 = DoubleVector.broadcast(S, -2.0).mul(t3).lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t8 = z.add(1.0);
      DoubleVector t9 = t8.mul(t5);
      DoubleVector r = t9.mul(t9).div(2.0).mul(z).mul(z).blend(t8.mul(t8).div(2.0), t3.compare(VectorOperators.LE, 1.0)).sub(DoubleVector.broadcast(S, -2.0).mul(z).neg().max(DoubleVector.broadcast(S, 0.0)).add(t7)).blend(t6.mul(t6).div(2.0).mul(z).mul(z).blend(t4.mul(t4).div(2.0), t3.compare(VectorOperators.LE, 1.0)).sub(t2.neg().max(DoubleVector.broadcast(S, 0.0)).add(t7)), t2.compare(VectorOperators.GE, 0.0)).blend(t1.mul(DoubleVector.broadcast(S, -0.48201034824755534).add(t1.mul(DoubleVector.broadcast(S, 0.38360898483190464).add(t1.mul(DoubleVector.broadcast(S, -0.06796535343472672).add(t1.mul(DoubleVector.broadcast(S, -0.02525000256089071).add(t1.mul(DoubleVector.broadcast(S, -0.004126389098967625).add(t1.mul(DoubleVector.broadcast(S, -0.030452880107553516).add(t1.mul(DoubleVector.broadcast(S, 2.080355239419859).add(t1.mul(2229.889919223856))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.0027158402872796135)).blend(t0.mul(DoubleVector.broadcast(S, 0.4820103482475552).add(t0.mul(DoubleVector.broadcast(S, 0.38360898483190453).add(t0.mul(DoubleVector.broadcast(S, 0.06796535343489735).add(t0.mul(DoubleVector.broadcast(S, -0.02525000267397825).add(t0.mul(DoubleVector.broadcast(S, 0.004126335349149453).add(t0.mul(DoubleVector.broadcast(S, -0.030417256812171306).add(t0.mul(DoubleVector.broadcast(S, -2.0760466301863962).add(t0.mul(2227.0343396244234))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.0027158402872796135));
      r = r.blend(Double.POSITIVE_INFINITY, z.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      r = r.blend(Double.POSITIVE_INFINITY, z.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = t2.mul(t2);
      DoubleVector $0 = z.neg();
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = z.add($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).blend(DoubleVector.broadcast(S, 2.12837625E8).mul(t3).add(-8.513505E7).mul(t3).add(3.4459425E7).mul(t3).add(-1.396395E7).mul(t3).add(5659290.0).mul(t3).add(-2293620.0).mul(t3).add(929569.0).div(6.38512875E8).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z)).mul(z)).blend(DoubleVector.broadcast(S, 929569.0).mul(t1).add(-2293620.0).mul(t1).add(5659290.0).mul(t1).add(-1.396395E7).mul(t1).add(3.4459425E7).mul(t1).add(-8.513505E7).mul(t1).add(2.12837625E8).mul(t1).mul(z).div(6.38512875E8), t0.compare(VectorOperators.LE, 1.0)), t0.compare(VectorOperators.LT, 0.1));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.abs();
      DoubleVector t1 = z.mul(z);
      DoubleVector t2 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t3 = t2.mul(t2);
      DoubleVector $0 = z.neg();
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = z.add($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).blend(DoubleVector.broadcast(S, 2.12837625E8).mul(t3).add(-8.513505E7).mul(t3).add(3.4459425E7).mul(t3).add(-1.396395E7).mul(t3).add(5659290.0).mul(t3).add(-2293620.0).mul(t3).add(929569.0).div(6.38512875E8).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z).mul(z.mul(z).mul(z).mul(z.mul(z).mul(z)).mul(z)).mul(z)).blend(DoubleVector.broadcast(S, 929569.0).mul(t1).add(-2293620.0).mul(t1).add(5659290.0).mul(t1).add(-1.396395E7).mul(t1).add(3.4459425E7).mul(t1).add(-8.513505E7).mul(t1).add(2.12837625E8).mul(t1).mul(z).div(6.38512875E8), t0.compare(VectorOperators.LE, 1.0)), t0.compare(VectorOperators.LT, 0.1));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
