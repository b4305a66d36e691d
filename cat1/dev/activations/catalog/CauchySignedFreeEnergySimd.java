package dev.activations.catalog;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels of {@link CauchySignedFreeEnergy}; each returns the number of elements done. Generated; do not edit.
 * Compiled with {@code javac --release 17 --add-modules jdk.incubator.vector};
 * {@code CauchySignedFreeEnergy} loads this class by name when that module is present
 * and runs its plain-Java loops otherwise.
 */
final class CauchySignedFreeEnergySimd {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private CauchySignedFreeEnergySimd() {}

  static int value(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-1.4142135623730951).add(9.667293313452891E-17);
      DoubleVector t1 = z.add(1.4142135623730951).add(-9.66729331345289E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = z.add(2.0).mul(z).add(2.0);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 2.0).mul(t5);
      DoubleVector t7 = t6.add(2.0).mul(t5);
      DoubleVector t8 = t7.add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t5).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t4)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P);
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t12 = t6.add(-2.0).mul(t5);
      DoubleVector t13 = DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.LOG));
      DoubleVector r = t10.max(DoubleVector.broadcast(S, 0.0)).add(t11).neg().add(t13.add(t7.lanewise(VectorOperators.LOG1P)).blend(t8.mul(z).mul(z).blend(t4, t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0))).blend(t9.max(DoubleVector.broadcast(S, 0.0)).add(t11).neg().add(t13.add(t12.lanewise(VectorOperators.LOG1P)).blend(t12.add(1.0).mul(z).mul(z).blend(z.add(-2.0).mul(z).add(2.0), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0))), t10.compare(VectorOperators.GE, 0.0)).blend(t3.mul(DoubleVector.broadcast(S, -0.5).add(t3.mul(DoubleVector.broadcast(S, 0.375).add(t3.mul(DoubleVector.broadcast(S, -0.041666666666666664).add(t3.mul(DoubleVector.broadcast(S, -0.015625).add(t3.mul(DoubleVector.broadcast(S, -0.00625).add(t3.mul(DoubleVector.broadcast(S, 0.0078125).add(t3.mul(DoubleVector.broadcast(S, -0.0011160714285714285).add(t3.mul(-4.8828125E-4))))))))))))))), t2.compare(VectorOperators.LT, 0.1)).blend(t1.mul(DoubleVector.broadcast(S, -0.7071067811865476).add(t1.mul(DoubleVector.broadcast(S, 0.49999999999980166).add(t1.mul(DoubleVector.broadcast(S, 0.4124789557883205).add(t1.mul(DoubleVector.broadcast(S, -0.031249802510944454).add(t1.mul(DoubleVector.broadcast(S, -0.25636290846317394).add(t1.mul(DoubleVector.broadcast(S, -0.19504253899765364).add(t1.mul(DoubleVector.broadcast(S, 3.3808857492023154).add(t1.mul(3511.3755180824082))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.00282842712474619)).blend(t0.mul(DoubleVector.broadcast(S, 0.7071067811865476).add(t0.mul(DoubleVector.broadcast(S, 0.49999999999980166).add(t0.mul(DoubleVector.broadcast(S, -0.412478955787875).add(t0.mul(DoubleVector.broadcast(S, -0.031249802510944474).add(t0.mul(DoubleVector.broadcast(S, 0.2563627528371761).add(t0.mul(DoubleVector.broadcast(S, -0.19504253899066493).add(t0.mul(DoubleVector.broadcast(S, -3.36791694164832).add(t0.mul(3511.3755175430883))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.00282842712474619));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(double[] in, int inOff, double[] out, int outOff, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, inOff + i);
      DoubleVector t0 = z.add(-0.9101797211244547).add(-1.6682819691315145E-17);
      DoubleVector t1 = z.add(0.9101797211244547).add(1.6682819691315145E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t7 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 2.0).mul(t4).add(2.0).mul(t4).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(2.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 4.0).mul(t5).mul(t5).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, 2.0).mul(t3).mul(z).div(t3.mul(t3).add(4.0)), t2.compare(VectorOperators.LE, 1.0)).add(DoubleVector.broadcast(S, -0.5).mul($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t6.mul(t4).mul(t7.mul(t4)).mul(-4.0).div(DoubleVector.broadcast(S, -4.0).mul(t5).mul(t5).add(-1.0)).mul(t5).blend(t6.mul(t7).mul(-4.0).div(z.neg().mul(t3).mul(z).add(-4.0)), t2.compare(VectorOperators.LE, 1.0)))).blend(t1.mul(DoubleVector.broadcast(S, 1.414213562373095).add(t1.mul(DoubleVector.broadcast(S, -0.9653913793581053).add(t1.mul(DoubleVector.broadcast(S, -1.9748737340469267).add(t1.mul(DoubleVector.broadcast(S, 0.9223076850180785).add(t1.mul(DoubleVector.broadcast(S, 1.7810405374078209).add(t1.mul(DoubleVector.broadcast(S, -0.9774090687109623).add(t1.mul(DoubleVector.broadcast(S, 8.703732871436003).add(t1.mul(-8165.590088227909))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 1.4142135623730951).add(t0.mul(DoubleVector.broadcast(S, 0.9653913793581046).add(t0.mul(DoubleVector.broadcast(S, -1.9748737340478486).add(t0.mul(DoubleVector.broadcast(S, -0.9223076836914543).add(t0.mul(DoubleVector.broadcast(S, 1.7810410977979563).add(t0.mul(DoubleVector.broadcast(S, 0.976857755753807).add(t0.mul(DoubleVector.broadcast(S, 8.618133296621098).add(t0.mul(8232.11874419172))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r.intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
    int bound = S.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = DoubleVector.fromArray(S, in, off + i);
      DoubleVector t0 = z.add(-0.9101797211244547).add(-1.6682819691315145E-17);
      DoubleVector t1 = z.add(0.9101797211244547).add(1.6682819691315145E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t7 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 2.0).mul(t4).add(2.0).mul(t4).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(2.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 4.0).mul(t5).mul(t5).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, 2.0).mul(t3).mul(z).div(t3.mul(t3).add(4.0)), t2.compare(VectorOperators.LE, 1.0)).add(DoubleVector.broadcast(S, -0.5).mul($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t6.mul(t4).mul(t7.mul(t4)).mul(-4.0).div(DoubleVector.broadcast(S, -4.0).mul(t5).mul(t5).add(-1.0)).mul(t5).blend(t6.mul(t7).mul(-4.0).div(z.neg().mul(t3).mul(z).add(-4.0)), t2.compare(VectorOperators.LE, 1.0)))).blend(t1.mul(DoubleVector.broadcast(S, 1.414213562373095).add(t1.mul(DoubleVector.broadcast(S, -0.9653913793581053).add(t1.mul(DoubleVector.broadcast(S, -1.9748737340469267).add(t1.mul(DoubleVector.broadcast(S, 0.9223076850180785).add(t1.mul(DoubleVector.broadcast(S, 1.7810405374078209).add(t1.mul(DoubleVector.broadcast(S, -0.9774090687109623).add(t1.mul(DoubleVector.broadcast(S, 8.703732871436003).add(t1.mul(-8165.590088227909))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 1.4142135623730951).add(t0.mul(DoubleVector.broadcast(S, 0.9653913793581046).add(t0.mul(DoubleVector.broadcast(S, -1.9748737340478486).add(t0.mul(DoubleVector.broadcast(S, -0.9223076836914543).add(t0.mul(DoubleVector.broadcast(S, 1.7810410977979563).add(t0.mul(DoubleVector.broadcast(S, 0.976857755753807).add(t0.mul(DoubleVector.broadcast(S, 8.618133296621098).add(t0.mul(8232.11874419172))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
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
      DoubleVector t0 = z.add(-1.4142135623730951).add(9.667293313452891E-17);
      DoubleVector t1 = z.add(1.4142135623730951).add(-9.66729331345289E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = z.add(2.0).mul(z).add(2.0);
      DoubleVector t5 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t6 = DoubleVector.broadcast(S, 2.0).mul(t5);
      DoubleVector t7 = t6.add(2.0).mul(t5);
      DoubleVector t8 = t7.add(1.0);
      DoubleVector t9 = DoubleVector.broadcast(S, -4.0).mul(DoubleVector.broadcast(S, 1.0).div(t8)).mul(t5).blend(DoubleVector.broadcast(S, -4.0).mul(z).mul(DoubleVector.broadcast(S, 1.0).div(t4)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P);
      DoubleVector t10 = t9.neg();
      DoubleVector t11 = t9.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
      DoubleVector t12 = t6.add(-2.0).mul(t5);
      DoubleVector t13 = DoubleVector.broadcast(S, 2.0).mul(t2.lanewise(VectorOperators.LOG));
      DoubleVector r = t10.max(DoubleVector.broadcast(S, 0.0)).add(t11).neg().add(t13.add(t7.lanewise(VectorOperators.LOG1P)).blend(t8.mul(z).mul(z).blend(t4, t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0))).blend(t9.max(DoubleVector.broadcast(S, 0.0)).add(t11).neg().add(t13.add(t12.lanewise(VectorOperators.LOG1P)).blend(t12.add(1.0).mul(z).mul(z).blend(z.add(-2.0).mul(z).add(2.0), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG), t2.compare(VectorOperators.LE, 1.0))), t10.compare(VectorOperators.GE, 0.0)).blend(t3.mul(DoubleVector.broadcast(S, -0.5).add(t3.mul(DoubleVector.broadcast(S, 0.375).add(t3.mul(DoubleVector.broadcast(S, -0.041666666666666664).add(t3.mul(DoubleVector.broadcast(S, -0.015625).add(t3.mul(DoubleVector.broadcast(S, -0.00625).add(t3.mul(DoubleVector.broadcast(S, 0.0078125).add(t3.mul(DoubleVector.broadcast(S, -0.0011160714285714285).add(t3.mul(-4.8828125E-4))))))))))))))), t2.compare(VectorOperators.LT, 0.1)).blend(t1.mul(DoubleVector.broadcast(S, -0.7071067811865476).add(t1.mul(DoubleVector.broadcast(S, 0.49999999999980166).add(t1.mul(DoubleVector.broadcast(S, 0.4124789557883205).add(t1.mul(DoubleVector.broadcast(S, -0.031249802510944454).add(t1.mul(DoubleVector.broadcast(S, -0.25636290846317394).add(t1.mul(DoubleVector.broadcast(S, -0.19504253899765364).add(t1.mul(DoubleVector.broadcast(S, 3.3808857492023154).add(t1.mul(3511.3755180824082))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.00282842712474619)).blend(t0.mul(DoubleVector.broadcast(S, 0.7071067811865476).add(t0.mul(DoubleVector.broadcast(S, 0.49999999999980166).add(t0.mul(DoubleVector.broadcast(S, -0.412478955787875).add(t0.mul(DoubleVector.broadcast(S, -0.031249802510944474).add(t0.mul(DoubleVector.broadcast(S, 0.2563627528371761).add(t0.mul(DoubleVector.broadcast(S, -0.19504253899066493).add(t0.mul(DoubleVector.broadcast(S, -3.36791694164832).add(t0.mul(3511.3755175430883))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.00282842712474619));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int derivative(float[] in, int inOff, float[] out, int outOff, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, inOff + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-0.9101797211244547).add(-1.6682819691315145E-17);
      DoubleVector t1 = z.add(0.9101797211244547).add(1.6682819691315145E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t7 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 2.0).mul(t4).add(2.0).mul(t4).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(2.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 4.0).mul(t5).mul(t5).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, 2.0).mul(t3).mul(z).div(t3.mul(t3).add(4.0)), t2.compare(VectorOperators.LE, 1.0)).add(DoubleVector.broadcast(S, -0.5).mul($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t6.mul(t4).mul(t7.mul(t4)).mul(-4.0).div(DoubleVector.broadcast(S, -4.0).mul(t5).mul(t5).add(-1.0)).mul(t5).blend(t6.mul(t7).mul(-4.0).div(z.neg().mul(t3).mul(z).add(-4.0)), t2.compare(VectorOperators.LE, 1.0)))).blend(t1.mul(DoubleVector.broadcast(S, 1.414213562373095).add(t1.mul(DoubleVector.broadcast(S, -0.9653913793581053).add(t1.mul(DoubleVector.broadcast(S, -1.9748737340469267).add(t1.mul(DoubleVector.broadcast(S, 0.9223076850180785).add(t1.mul(DoubleVector.broadcast(S, 1.7810405374078209).add(t1.mul(DoubleVector.broadcast(S, -0.9774090687109623).add(t1.mul(DoubleVector.broadcast(S, 8.703732871436003).add(t1.mul(-8165.590088227909))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 1.4142135623730951).add(t0.mul(DoubleVector.broadcast(S, 0.9653913793581046).add(t0.mul(DoubleVector.broadcast(S, -1.9748737340478486).add(t0.mul(DoubleVector.broadcast(S, -0.9223076836914543).add(t0.mul(DoubleVector.broadcast(S, 1.7810410977979563).add(t0.mul(DoubleVector.broadcast(S, 0.976857755753807).add(t0.mul(DoubleVector.broadcast(S, 8.618133296621098).add(t0.mul(8232.11874419172))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, outOff + i);
    }
    return i;
  }

  static int backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
    int bound = F.loopBound(len);
    int i = 0;
    for (; i < bound; i += S.length()) {
      DoubleVector z = (DoubleVector) FloatVector.fromArray(F, in, off + i).convertShape(VectorOperators.F2D, S, 0);
      DoubleVector t0 = z.add(-0.9101797211244547).add(-1.6682819691315145E-17);
      DoubleVector t1 = z.add(0.9101797211244547).add(1.6682819691315145E-17);
      DoubleVector t2 = z.abs();
      DoubleVector t3 = z.mul(z);
      DoubleVector t4 = DoubleVector.broadcast(S, 1.0).div(z);
      DoubleVector t5 = t4.mul(t4);
      DoubleVector t6 = z.add(1.4142135623730951).add(-9.667293313452913E-17);
      DoubleVector t7 = z.add(-1.4142135623730951).add(9.667293313452913E-17);
      DoubleVector $0 = DoubleVector.broadcast(S, 0.5).mul(DoubleVector.broadcast(S, -4.0).div(DoubleVector.broadcast(S, 2.0).mul(t4).add(2.0).mul(t4).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, -4.0).mul(z).div(z.add(2.0).mul(z).add(2.0)), t2.compare(VectorOperators.LE, 1.0)).lanewise(VectorOperators.LOG1P));
      DoubleVector $1 = $0.abs();
      DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP);
      DoubleVector $3 = $2.mul(2.0).div($2.add(1.0)).neg().add(1.0);
      var $4 = $1.compare(VectorOperators.LT, 0.01);
      if ($4.anyTrue()) { DoubleVector $5 = $1.mul($1); $3 = $3.blend($1.add($1.mul($5).mul($5.mul(-0.05396825396825397).add(0.13333333333333333).mul($5).add(-0.3333333333333333))), $4); };
      DoubleVector r = DoubleVector.broadcast(S, 2.0).div(DoubleVector.broadcast(S, 4.0).mul(t5).mul(t5).add(1.0)).mul(t4).blend(DoubleVector.broadcast(S, 2.0).mul(t3).mul(z).div(t3.mul(t3).add(4.0)), t2.compare(VectorOperators.LE, 1.0)).add(DoubleVector.broadcast(S, -0.5).mul($3.reinterpretAsLongs().or($0.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles()).mul(t6.mul(t4).mul(t7.mul(t4)).mul(-4.0).div(DoubleVector.broadcast(S, -4.0).mul(t5).mul(t5).add(-1.0)).mul(t5).blend(t6.mul(t7).mul(-4.0).div(z.neg().mul(t3).mul(z).add(-4.0)), t2.compare(VectorOperators.LE, 1.0)))).blend(t1.mul(DoubleVector.broadcast(S, 1.414213562373095).add(t1.mul(DoubleVector.broadcast(S, -0.9653913793581053).add(t1.mul(DoubleVector.broadcast(S, -1.9748737340469267).add(t1.mul(DoubleVector.broadcast(S, 0.9223076850180785).add(t1.mul(DoubleVector.broadcast(S, 1.7810405374078209).add(t1.mul(DoubleVector.broadcast(S, -0.9774090687109623).add(t1.mul(DoubleVector.broadcast(S, 8.703732871436003).add(t1.mul(-8165.590088227909))))))))))))))), t1.abs().compare(VectorOperators.LT, 0.002)).blend(t0.mul(DoubleVector.broadcast(S, 1.4142135623730951).add(t0.mul(DoubleVector.broadcast(S, 0.9653913793581046).add(t0.mul(DoubleVector.broadcast(S, -1.9748737340478486).add(t0.mul(DoubleVector.broadcast(S, -0.9223076836914543).add(t0.mul(DoubleVector.broadcast(S, 1.7810410977979563).add(t0.mul(DoubleVector.broadcast(S, 0.976857755753807).add(t0.mul(DoubleVector.broadcast(S, 8.618133296621098).add(t0.mul(8232.11874419172))))))))))))))), t0.abs().compare(VectorOperators.LT, 0.002));
      r = (DoubleVector) FloatVector.fromArray(F, upstream, off + i).convertShape(VectorOperators.F2D, S, 0).mul(r);
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(gradIn, off + i);
    }
    return i;
  }
}
