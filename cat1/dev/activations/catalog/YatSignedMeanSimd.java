package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link YatSignedMean}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code YatSignedMean} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class YatSignedMeanSimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
  /** The kernels that compute in float: as many lanes as fit the preferred shape. */
  private static final VectorSpecies<Float> W = FloatVector.SPECIES_PREFERRED;

  private YatSignedMeanSimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.mul(z);
      DoubleVector t1 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t2 = t1.mul(t1);
      DoubleVector $0 = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 4.0).mul(t2).mul(t2).add(1.0)).mul(t1).blend(DoubleVector.broadcast(S, 2.0).mul(t0).mul(z).div(t0.mul(t0).add(4.0)), z.abs().compare(VectorOperators.LE, 1.0));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = $3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.8612097182041991).add(-8.286101308956281E-17);
      DoubleVector t1 = z.add(1.8612097182041991).add(8.286101308956281E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t4.add(4.0));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, 4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = t10;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0))).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $8 = t9; DoubleVector $9 = $8.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $10 = $9.add(1.0); $6 = $6.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($9.div($10).blend(DoubleVector.broadcast(S, 1.0).div($10), $8.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $7); };
      DoubleVector $11 = $6;
      var $12 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($12.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $13 = t10; DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $15 = $14.add(1.0); $11 = $11.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $12); };
      DoubleVector r = $11.blend(t1.mul(DoubleVector.broadcast(S, 0.3871274198329906).add(t1.mul(DoubleVector.broadcast(S, 0.5199943564212505).add(t1.mul(DoubleVector.broadcast(S, 0.4038207090741155).add(t1.mul(DoubleVector.broadcast(S, 0.17849933232322895).add(t1.mul(DoubleVector.broadcast(S, -0.0708332469244825).add(t1.mul(DoubleVector.broadcast(S, -0.28044269841027225).add(t1.mul(DoubleVector.broadcast(S, -0.4480303316323516).add(t1.mul(-87.50795585699693))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003722419436408399)).blend(t0.mul(DoubleVector.broadcast(S, -0.3871274198329906).add(t0.mul(DoubleVector.broadcast(S, 0.5199943564212508).add(t0.mul(DoubleVector.broadcast(S, -0.40382070907352613).add(t0.mul(DoubleVector.broadcast(S, 0.17849933216057767).add(t0.mul(DoubleVector.broadcast(S, 0.07083314929971295).add(t0.mul(DoubleVector.broadcast(S, -0.28042310789616465).add(t0.mul(DoubleVector.broadcast(S, 0.45244538290269093).add(t0.mul(-88.22849837664995))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003722419436408399));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-1.8612097182041991).add(-8.286101308956281E-17);
      DoubleVector t1 = z.add(1.8612097182041991).add(8.286101308956281E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t4.add(4.0));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, 4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = t10;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0))).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $8 = t9; DoubleVector $9 = $8.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $10 = $9.add(1.0); $6 = $6.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($9.div($10).blend(DoubleVector.broadcast(S, 1.0).div($10), $8.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $7); };
      DoubleVector $11 = $6;
      var $12 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($12.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $13 = t10; DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $15 = $14.add(1.0); $11 = $11.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $12); };
      DoubleVector r = $11.blend(t1.mul(DoubleVector.broadcast(S, 0.3871274198329906).add(t1.mul(DoubleVector.broadcast(S, 0.5199943564212505).add(t1.mul(DoubleVector.broadcast(S, 0.4038207090741155).add(t1.mul(DoubleVector.broadcast(S, 0.17849933232322895).add(t1.mul(DoubleVector.broadcast(S, -0.0708332469244825).add(t1.mul(DoubleVector.broadcast(S, -0.28044269841027225).add(t1.mul(DoubleVector.broadcast(S, -0.4480303316323516).add(t1.mul(-87.50795585699693))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003722419436408399)).blend(t0.mul(DoubleVector.broadcast(S, -0.3871274198329906).add(t0.mul(DoubleVector.broadcast(S, 0.5199943564212508).add(t0.mul(DoubleVector.broadcast(S, -0.40382070907352613).add(t0.mul(DoubleVector.broadcast(S, 0.17849933216057767).add(t0.mul(DoubleVector.broadcast(S, 0.07083314929971295).add(t0.mul(DoubleVector.broadcast(S, -0.28042310789616465).add(t0.mul(DoubleVector.broadcast(S, 0.45244538290269093).add(t0.mul(-88.22849837664995))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003722419436408399));
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
      FloatVector $0 = FloatVector.broadcast(W, 2.0f).div(FloatVector.broadcast(W, 4.0f).mul(t2).mul(t2).add(1.0f)).mul(t1).blend(FloatVector.broadcast(W, 2.0f).mul(t0).mul(z).div(t0.mul(t0).add(4.0f)), z.abs().compare(VectorOperators.LE, 1.0f));
      FloatVector $1 = $0.abs();
      FloatVector $2 = $1.mul(-2.0f).lanewise(VectorOperators.EXP);
      FloatVector $3 = $2.mul(2.0f).div($2.add(1.0f)).neg().add(1.0f);
      var $4 = $1.compare(VectorOperators.LT, 0.35f);
      if ($4.anyTrue()) { FloatVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(0.021869488f).add(-0.053968254f).mul($5).add(0.13333334f).mul($5).add(-0.33333334f))), $4); };
      FloatVector r = $3.reinterpretAsInts().or($0.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.8612097182041991).add(-8.286101308956281E-17);
      DoubleVector t1 = z.add(1.8612097182041991).add(8.286101308956281E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t4.add(4.0));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, 4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = t10;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0))).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $8 = t9; DoubleVector $9 = $8.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $10 = $9.add(1.0); $6 = $6.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($9.div($10).blend(DoubleVector.broadcast(S, 1.0).div($10), $8.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $7); };
      DoubleVector $11 = $6;
      var $12 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($12.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $13 = t10; DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $15 = $14.add(1.0); $11 = $11.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $12); };
      DoubleVector r = $11.blend(t1.mul(DoubleVector.broadcast(S, 0.3871274198329906).add(t1.mul(DoubleVector.broadcast(S, 0.5199943564212505).add(t1.mul(DoubleVector.broadcast(S, 0.4038207090741155).add(t1.mul(DoubleVector.broadcast(S, 0.17849933232322895).add(t1.mul(DoubleVector.broadcast(S, -0.0708332469244825).add(t1.mul(DoubleVector.broadcast(S, -0.28044269841027225).add(t1.mul(DoubleVector.broadcast(S, -0.4480303316323516).add(t1.mul(-87.50795585699693))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003722419436408399)).blend(t0.mul(DoubleVector.broadcast(S, -0.3871274198329906).add(t0.mul(DoubleVector.broadcast(S, 0.5199943564212508).add(t0.mul(DoubleVector.broadcast(S, -0.40382070907352613).add(t0.mul(DoubleVector.broadcast(S, 0.17849933216057767).add(t0.mul(DoubleVector.broadcast(S, 0.07083314929971295).add(t0.mul(DoubleVector.broadcast(S, -0.28042310789616465).add(t0.mul(DoubleVector.broadcast(S, 0.45244538290269093).add(t0.mul(-88.22849837664995))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003722419436408399));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-1.8612097182041991).add(-8.286101308956281E-17);
      DoubleVector t1 = z.add(1.8612097182041991).add(8.286101308956281E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = t3.mul(t3);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(t4.add(4.0));
      DoubleVector t6 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t7 = t6.mul(t6);
      DoubleVector t8 = DoubleVector.broadcast(S, 1.0).div(DoubleVector.broadcast(S, 4.0).mul(t7).mul(t7).add(1.0));
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, -4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector t10 = DoubleVector.broadcast(S, 4.0).mul(t8).mul(t6).blend(DoubleVector.broadcast(S, 4.0).mul(t3).mul(z).mul(t5), t2.compare(VectorOperators.LE, 1.0)).neg();
      DoubleVector $0 = t9;
      DoubleVector $1 = $0.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $2 = $1.add(1.0);
      DoubleVector $3 = t10;
      DoubleVector $4 = $3.abs().neg().lanewise(VectorOperators.EXP);
      DoubleVector $5 = $4.add(1.0);
      DoubleVector $6 = DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($1.div($2).blend(DoubleVector.broadcast(S, 1.0).div($2), $0.compare(VectorOperators.GE, 0.0))).mul($4.div($5).blend(DoubleVector.broadcast(S, 1.0).div($5), $3.compare(VectorOperators.GE, 0.0))).neg();
      var $7 = t10.compare(VectorOperators.LT, -354.19820926613204);
      if ($7.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t10).lanewise(VectorOperators.EXP); DoubleVector $8 = t9; DoubleVector $9 = $8.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $10 = $9.add(1.0); $6 = $6.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($9.div($10).blend(DoubleVector.broadcast(S, 1.0).div($10), $8.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $7); };
      DoubleVector $11 = $6;
      var $12 = t9.compare(VectorOperators.LT, -354.19820926613204);
      if ($12.anyTrue()) { DoubleVector t11 = DoubleVector.broadcast(S, 0.5).mul(t9).lanewise(VectorOperators.EXP); DoubleVector $13 = t10; DoubleVector $14 = $13.abs().neg().lanewise(VectorOperators.EXP); DoubleVector $15 = $14.add(1.0); $11 = $11.blend(DoubleVector.broadcast(S, 8.0).mul(DoubleVector.broadcast(S, -12.0).mul(t7).mul(t7).add(1.0).div(DoubleVector.broadcast(S, 16.0).mul(t7).mul(t7).add(8.0).mul(t7).mul(t7).add(1.0)).mul(t7).blend(t4.add(-12.0).mul(t3).div(t4.add(8.0).mul(t3).mul(t3).add(16.0)), t2.compare(VectorOperators.LE, 1.0))).mul($14.div($15).blend(DoubleVector.broadcast(S, 1.0).div($15), $13.compare(VectorOperators.GE, 0.0))).neg().mul(t11).mul(t11), $12); };
      DoubleVector r = $11.blend(t1.mul(DoubleVector.broadcast(S, 0.3871274198329906).add(t1.mul(DoubleVector.broadcast(S, 0.5199943564212505).add(t1.mul(DoubleVector.broadcast(S, 0.4038207090741155).add(t1.mul(DoubleVector.broadcast(S, 0.17849933232322895).add(t1.mul(DoubleVector.broadcast(S, -0.0708332469244825).add(t1.mul(DoubleVector.broadcast(S, -0.28044269841027225).add(t1.mul(DoubleVector.broadcast(S, -0.4480303316323516).add(t1.mul(-87.50795585699693))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.003722419436408399)).blend(t0.mul(DoubleVector.broadcast(S, -0.3871274198329906).add(t0.mul(DoubleVector.broadcast(S, 0.5199943564212508).add(t0.mul(DoubleVector.broadcast(S, -0.40382070907352613).add(t0.mul(DoubleVector.broadcast(S, 0.17849933216057767).add(t0.mul(DoubleVector.broadcast(S, 0.07083314929971295).add(t0.mul(DoubleVector.broadcast(S, -0.28042310789616465).add(t0.mul(DoubleVector.broadcast(S, 0.45244538290269093).add(t0.mul(-88.22849837664995))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.003722419436408399));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
