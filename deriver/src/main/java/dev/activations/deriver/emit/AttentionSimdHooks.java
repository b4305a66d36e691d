package dev.activations.deriver.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attention class with a SIMD companion ({@link AttentionSimdEmitter}) carries: the
 * {@code VECTORIZED} flag and the kernel handles ({@link SimdLoader}), and the calls at the top of
 * the public {@code double[]}/{@code float[]} methods (a kernel returning 0 has done the call).
 * Kept apart from {@link AttentionClassEmitter} so that its plain-Java code is unchanged.
 */
final class AttentionSimdHooks {
  private AttentionSimdHooks() {}

  private static List<TypeName> inputs(boolean isFloat) {
    TypeName a = TypeName.get(isFloat ? float[].class : double[].class);
    return List.of(a, TypeName.INT, a, TypeName.INT, a, TypeName.INT, TypeName.INT, TypeName.INT, TypeName.INT);
  }

  private static List<TypeName> valueParameters(boolean isFloat) {
    List<TypeName> p = new ArrayList<>(inputs(isFloat));
    p.add(TypeName.get(double[].class));
    p.add(TypeName.INT);
    return p;
  }

  private static List<TypeName> backwardParameters() {
    List<TypeName> p = new ArrayList<>(inputs(false));
    TypeName a = TypeName.get(double[].class);
    for (int k = 0; k < 4; k++) {
      p.add(a);
      p.add(TypeName.INT);
    }
    return p;
  }

  static void install(TypeSpec.Builder type, String packageName, String className) {
    String companion = SimdEmitter.companionName(className);
    SimdLoader.install(type, packageName, className, companion,
        List.of(new SimdLoader.Kernel("SIMD_VALUE", "value", TypeName.INT, valueParameters(false)),
            new SimdLoader.Kernel("SIMD_VALUE_FLOAT", "value", TypeName.INT, valueParameters(true)),
            new SimdLoader.Kernel("SIMD_BACKWARD", "backward", TypeName.INT, backwardParameters())),
        "Whether {@code value} (both array types) and {@code backward(double[] ...)} use SIMD"
            + " ({@code jdk.incubator.vector});\ndecided once, when this class initialises: true when the JVM"
            + " runs with {@code --add-modules\njdk.incubator.vector}, the system property {@code"
            + " dev.activations.simd} is not {@code false}, and the companion class {@code "
            + companion + "}\n(compiled from its own source file with that module) is present. The kernels"
            + " leave a call to the plain-Java\ncode whenever their error bound could cost the contract"
            + " (and for NaN, infinite energies, d or m below\nthe vector length), so results meet the"
            + " contract either way.\n");
  }

  /** At the top of {@code value}: the kernel into {@code out} (double) or the scratch {@code acc} (float). */
  static void value(MethodSpec.Builder m, boolean isFloat, String outs) {
    m.addStatement("int left = 1");
    if (isFloat) {
      SimdLoader.call(m, "left", "SIMD_VALUE_FLOAT", "q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0");
      m.beginControlFlow("if (left == 0)")
          .beginControlFlow("for (int i = 0; i < $L; i++)", outs)
          .addStatement("out[outOff + i] = (float) acc[i]")
          .endControlFlow()
          .addStatement("return")
          .endControlFlow();
    } else {
      SimdLoader.call(m, "left", "SIMD_VALUE", "q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff");
      m.addStatement("if (left == 0) return");
    }
  }

  /** At the top of {@code backward(double[] ...)}. */
  static void backward(MethodSpec.Builder m) {
    m.addStatement("int left = 1");
    SimdLoader.call(m, "left", "SIMD_BACKWARD",
        "q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff");
    m.addStatement("if (left == 0) return");
  }
}
