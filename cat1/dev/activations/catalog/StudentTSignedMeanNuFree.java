package dev.activations.catalog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated activation function; do not edit. Regenerate with:
 *
 * <pre>
 * --kernel student-t --hypotheses signed --stat mean --param s=1 --free nu
 * </pre>
 *
 * <p>Energies:
 *
 * <ul>
 *   <li><code>1/2*(1+nu)*Log[1+(1-z)^2/nu]</code>
 *   <li><code>1/2*(1+nu)*Log[1+(1+z)^2/nu]</code>
 * </ul>
 *
 * <p>Statistic: <code>Tanh[1/2*(1/2*(-1-nu)*Log[1+(1-z)^2/nu]+1/2*(1+nu)*Log[1+(1+z)^2/nu])]</code>
 *
 * <p>Derivative: <code>1/2*(((1+nu)*(1-z))/(nu*(1+(1-z)^2/nu))+((1+nu)*(1+z))/(nu*(1+(1+z)^2/nu)))*Sech[
 * 1/2*(1/2*(-1-nu)*Log[1+(1-z)^2/nu]+1/2*(1+nu)*Log[1+(1+z)^2/nu])]^2</code>
 *
 * <p>Free parameters, the trailing arguments of every method in this order: <code>nu</code>. {@code d<Name>} methods give the derivatives with respect to them.
 *
 * <p>Special inputs:
 *
 * <ul>
 *   <li>NaN gives NaN.
 *   <li>+Infinity: no limit is stated; the formula is evaluated.
 *   <li>-Infinity: no limit is stated; the formula is evaluated.
 *   <li>Every finite input whose exact result is finite gives a finite result.
 * </ul>
 *
 * <p>Accuracy: Measured when this class was derived, at 15950 inputs that no form selection saw (a seeded stream per output: log-uniform magnitudes over the whole double range, uniform in [-64, 64], and dense next to roots, kinks, splice boundaries and saturation thresholds; 96 of them decided by the high-precision evaluator, the rest by its double-double fast path; 3681 stream inputs that only the high-precision evaluator could decide were passed over) with nu = 3.0 (and at other values in the parameters' domains, where named), against an independent high-precision evaluation of the definition: worst relative error 6.2e-15 for value (at z = -177.789420060726), 7.9e-15 for derivative (at z = 1.9815217943703232), 1.4e-13 for dNu (at z = 0.08073614817622854), 2.9e-15 for value with nu = 1.8713735225063874 (at z = -61.45922101231048), 5.1e-15 for derivative with nu = 1.8713735225063874 (at z = 1.728749939057792), 2.6e-13 for dNu with nu = 1.8713735225063874 (at z = 1.0E-100), 4.8e-15 for value with nu = 0.9456039095728019 (at z = -78.06325429826076), 1.2e-15 for derivative with nu = 0.9456039095728019 (at z = -1.4600740734387045), 1.3e-13 for dNu with nu = 0.9456039095728019 (at z = -1.0155020623791842), 4.7e-15 for value with nu = 0.6149041983550854 (at z = 57.062195659668305), 1.2e-15 for derivative with nu = 0.6149041983550854 (at z = 1.291125348869329), 1.2e-14 for dNu with nu = 0.6149041983550854 (at z = 3.5828224919950285E-45). That meets the contract: at most 1e-12 for values and 1e-10 for derivatives (relative, with Double.MIN_NORMAL as the floor of the scale).
 */
public final class StudentTSignedMeanNuFree {
  /**
   * The spec that regenerates this class.
   */
  public static final String SPEC = "--kernel student-t --hypotheses signed --stat mean --param s=1 --free nu";

  /**
   * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
   */
  public static final int OUTPUTS = 1;

  /**
   * Whether the array methods use SIMD ({@code jdk.incubator.vector}); decided once, when this class
   * initialises: true when the JVM runs with {@code --add-modules jdk.incubator.vector}, the system
   * property {@code dev.activations.simd} is not {@code false}, and the companion class {@code StudentTSignedMeanNuFreeSimd}
   * (compiled from its own source file with that module) is present. Results agree with the scalar
   * methods to within the numerical contract either way.
   */
  public static final boolean VECTORIZED;

  private static final MethodHandle SIMD_VALUE;

  private static final MethodHandle SIMD_DERIVATIVE;

  private static final MethodHandle SIMD_BACKWARD;

  private static final MethodHandle SIMD_VALUE_FLOAT;

  private static final MethodHandle SIMD_DERIVATIVE_FLOAT;

  private static final MethodHandle SIMD_BACKWARD_FLOAT;

  static {
    MethodHandle[] h = simdHandles();
    VECTORIZED = h != null;
    SIMD_VALUE = h == null ? null : h[0];
    SIMD_DERIVATIVE = h == null ? null : h[1];
    SIMD_BACKWARD = h == null ? null : h[2];
    SIMD_VALUE_FLOAT = h == null ? null : h[3];
    SIMD_DERIVATIVE_FLOAT = h == null ? null : h[4];
    SIMD_BACKWARD_FLOAT = h == null ? null : h[5];
  }

  private StudentTSignedMeanNuFree() {
  }

  /**
   * The activation at {@code z}.
   */
  public static double value(double z, double nu) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = 1.0 + nu;
    double t1 = 1.0 / z;
    return tanh(0.5 * (0.5 * (-1.0 - nu) * Math.log1p(Math.abs(z) <= 1.0 ? -4.0 * z / ((z + 2.0) * z + t0) : -4.0 / ((t0 * t1 + 2.0) * t1 + 1.0) * t1)));
  }

  /**
   * The derivative of the activation with respect to {@code z}.
   */
  public static double derivative(double z, double nu) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = z - 2.0;
    if (nu == 3.0 && Math.abs(t0) < 0.004) {
      return t0 * (-0.12000000000000002 + t0 * (0.09000000000000384 + t0 * (-0.05200000000219829 + t0 * (0.027499999278601483 + t0 * (-0.011399773096738269 + t0 * (0.002443025555170403 + t0 * (-0.005193056954901977 + t0 * 2.508711760384027)))))));
    }
    double t1 = z + 2.0;
    if (nu == 3.0 && Math.abs(t1) < 0.004) {
      return t1 * (0.12 + t1 * (0.09000000000000384 + t1 * (0.05200000000221658 + t1 * (0.027499999265321907 + t1 * (0.011399771213037497 + t1 * (0.002445070356343369 + t1 * (0.005241049452543008 + t1 * 2.429899570010539)))))));
    }
    double t2 = -1.0 - nu;
    double t3 = Math.abs(z);
    double t4 = 1.0 + nu;
    double t5 = 1.0 / (t1 * z + t4);
    double t6 = 1.0 / z;
    double t7 = t4 * t6;
    double t8 = 1.0 / ((t7 + 2.0) * t6 + 1.0);
    double t9 = 0.5 * (0.5 * t2 * Math.log1p(t3 <= 1.0 ? -4.0 * z * t5 : -4.0 * t8 * t6));
    double t10 = Math.abs(t9);
    double t12 = t3 <= 1.0 ? 2.0 * ((z * z + t2) / (t0 * z + t4)) * (t2 * t5) : 2.0 * ((t2 * t6 * t6 + 1.0) / ((t7 - 2.0) * t6 + 1.0)) * (t2 * t8) * t6 * t6;
    if (t10 > 177.79225181362597) {
      double t11 = Math.exp(-t10);
      return 4.0 * (t11 == 0.0 ? 0.0 : 0.5 * t12) * t11 * t11;
    }
    double t13 = tanhPrime(t9);
    if (t13 == 0.0) {
      return 0.0;
    }
    return 0.5 * t12 * t13;
  }

  /**
   * The derivative of the activation with respect to the parameter {@code nu}.
   */
  public static double dNu(double z, double nu) {
    if (Double.isNaN(z)) {
      return z;
    }
    double t0 = Math.abs(z);
    double t1 = 0.5 * (-1.0 - nu);
    double t3 = 1.0 + nu;
    double t10 = 0.5 * t3;
    if (t0 < 0.1) {
      double t2 = Math.abs(0.015625);
      double t4 = 1.0 / ((0.015625 + 2.0) * 0.015625 + t3);
      double t5 = t3 / 0.015625;
      double t6 = 1.0 / ((t5 + 2.0) / 0.015625 + 1.0);
      double t7 = t2 <= 1.0 ? -4.0 * 0.015625 * t4 : -4.0 * t6 / 0.015625;
      double t8 = Math.log1p(t7);
      double t9 = logistic(t1 * t8);
      double t11 = logistic(t10 * t8);
      double t12 = 1.0 / ((0.015625 - 2.0) * 0.015625 + t3);
      double t13 = 0.015625 * t4;
      double t14 = 1.0 / ((t5 - 2.0) / 0.015625 + 1.0);
      double t15 = -(t9 * t11 == 0.0 ? 0.0 : 2.0 * (Math.abs(t7) <= 1.0 ? 0.5 * log1pmx(t7) + (t2 <= 1.0 ? 2.0 * ((-0.015625 + 2.0) * t12) * t13 * 0.015625 : 2.0 * ((2.0 / 0.015625 - 1.0) * t14) / 0.015625 * t6) : 0.5 * t8 + (t2 <= 1.0 ? 2.0 * (t3 * t12) * t13 : 2.0 * (t3 * t14) / 0.015625 / 0.015625 / 0.015625 * t6)) * t9 * t11) / 3.814697265625E-6;
      double t16 = Math.abs(0.03125);
      double t17 = 1.0 / ((0.03125 + 2.0) * 0.03125 + t3);
      double t18 = t3 / 0.03125;
      double t19 = 1.0 / ((t18 + 2.0) / 0.03125 + 1.0);
      double t20 = t16 <= 1.0 ? -4.0 * 0.03125 * t17 : -4.0 * t19 / 0.03125;
      double t21 = Math.log1p(t20);
      double t22 = logistic(t1 * t21);
      double t23 = logistic(t10 * t21);
      double t24 = 1.0 / ((0.03125 - 2.0) * 0.03125 + t3);
      double t25 = 0.03125 * t17;
      double t26 = 1.0 / ((t18 - 2.0) / 0.03125 + 1.0);
      double t27 = -(t22 * t23 == 0.0 ? 0.0 : 2.0 * (Math.abs(t20) <= 1.0 ? 0.5 * log1pmx(t20) + (t16 <= 1.0 ? 2.0 * ((-0.03125 + 2.0) * t24) * t25 * 0.03125 : 2.0 * ((2.0 / 0.03125 - 1.0) * t26) / 0.03125 * t19) : 0.5 * t21 + (t16 <= 1.0 ? 2.0 * (t3 * t24) * t25 : 2.0 * (t3 * t26) / 0.03125 / 0.03125 / 0.03125 * t19)) * t22 * t23) / 3.0517578125E-5;
      double t28 = Math.abs(0.046875);
      double t29 = 1.0 / ((0.046875 + 2.0) * 0.046875 + t3);
      double t30 = t3 / 0.046875;
      double t31 = 1.0 / ((t30 + 2.0) / 0.046875 + 1.0);
      double t32 = t28 <= 1.0 ? -4.0 * 0.046875 * t29 : -4.0 * t31 / 0.046875;
      double t33 = Math.log1p(t32);
      double t34 = logistic(t1 * t33);
      double t35 = logistic(t10 * t33);
      double t36 = 1.0 / ((0.046875 - 2.0) * 0.046875 + t3);
      double t37 = 0.046875 * t29;
      double t38 = 1.0 / ((t30 - 2.0) / 0.046875 + 1.0);
      double t39 = -(t34 * t35 == 0.0 ? 0.0 : 2.0 * (Math.abs(t32) <= 1.0 ? 0.5 * log1pmx(t32) + (t28 <= 1.0 ? 2.0 * ((-0.046875 + 2.0) * t36) * t37 * 0.046875 : 2.0 * ((2.0 / 0.046875 - 1.0) * t38) / 0.046875 * t31) : 0.5 * t33 + (t28 <= 1.0 ? 2.0 * (t3 * t36) * t37 : 2.0 * (t3 * t38) / 0.046875 / 0.046875 / 0.046875 * t31)) * t34 * t35) / 1.02996826171875E-4;
      double t40 = Math.abs(0.0625);
      double t41 = 1.0 / ((0.0625 + 2.0) * 0.0625 + t3);
      double t42 = t3 / 0.0625;
      double t43 = 1.0 / ((t42 + 2.0) / 0.0625 + 1.0);
      double t44 = t40 <= 1.0 ? -4.0 * 0.0625 * t41 : -4.0 * t43 / 0.0625;
      double t45 = Math.log1p(t44);
      double t46 = logistic(t1 * t45);
      double t47 = logistic(t10 * t45);
      double t48 = 1.0 / ((0.0625 - 2.0) * 0.0625 + t3);
      double t49 = 0.0625 * t41;
      double t50 = 1.0 / ((t42 - 2.0) / 0.0625 + 1.0);
      double t51 = -(t46 * t47 == 0.0 ? 0.0 : 2.0 * (Math.abs(t44) <= 1.0 ? 0.5 * log1pmx(t44) + (t40 <= 1.0 ? 2.0 * ((-0.0625 + 2.0) * t48) * t49 * 0.0625 : 2.0 * ((2.0 / 0.0625 - 1.0) * t50) / 0.0625 * t43) : 0.5 * t45 + (t40 <= 1.0 ? 2.0 * (t3 * t48) * t49 : 2.0 * (t3 * t50) / 0.0625 / 0.0625 / 0.0625 * t43)) * t46 * t47) / 2.44140625E-4;
      double t52 = Math.abs(0.078125);
      double t53 = 1.0 / ((0.078125 + 2.0) * 0.078125 + t3);
      double t54 = t3 / 0.078125;
      double t55 = 1.0 / ((t54 + 2.0) / 0.078125 + 1.0);
      double t56 = t52 <= 1.0 ? -4.0 * 0.078125 * t53 : -4.0 * t55 / 0.078125;
      double t57 = Math.log1p(t56);
      double t58 = logistic(t1 * t57);
      double t59 = logistic(t10 * t57);
      double t60 = 1.0 / ((0.078125 - 2.0) * 0.078125 + t3);
      double t61 = 0.078125 * t53;
      double t62 = 1.0 / ((t54 - 2.0) / 0.078125 + 1.0);
      double t63 = -(t58 * t59 == 0.0 ? 0.0 : 2.0 * (Math.abs(t56) <= 1.0 ? 0.5 * log1pmx(t56) + (t52 <= 1.0 ? 2.0 * ((-0.078125 + 2.0) * t60) * t61 * 0.078125 : 2.0 * ((2.0 / 0.078125 - 1.0) * t62) / 0.078125 * t55) : 0.5 * t57 + (t52 <= 1.0 ? 2.0 * (t3 * t60) * t61 : 2.0 * (t3 * t62) / 0.078125 / 0.078125 / 0.078125 * t55)) * t58 * t59) / 4.76837158203125E-4;
      double t64 = Math.abs(0.09375);
      double t65 = 1.0 / ((0.09375 + 2.0) * 0.09375 + t3);
      double t66 = t3 / 0.09375;
      double t67 = 1.0 / ((t66 + 2.0) / 0.09375 + 1.0);
      double t68 = t64 <= 1.0 ? -4.0 * 0.09375 * t65 : -4.0 * t67 / 0.09375;
      double t69 = Math.log1p(t68);
      double t70 = logistic(t1 * t69);
      double t71 = logistic(t10 * t69);
      double t72 = 1.0 / ((0.09375 - 2.0) * 0.09375 + t3);
      double t73 = 0.09375 * t65;
      double t74 = 1.0 / ((t66 - 2.0) / 0.09375 + 1.0);
      double t75 = -(t70 * t71 == 0.0 ? 0.0 : 2.0 * (Math.abs(t68) <= 1.0 ? 0.5 * log1pmx(t68) + (t64 <= 1.0 ? 2.0 * ((-0.09375 + 2.0) * t72) * t73 * 0.09375 : 2.0 * ((2.0 / 0.09375 - 1.0) * t74) / 0.09375 * t67) : 0.5 * t69 + (t64 <= 1.0 ? 2.0 * (t3 * t72) * t73 : 2.0 * (t3 * t74) / 0.09375 / 0.09375 / 0.09375 * t67)) * t70 * t71) / 8.23974609375E-4;
      double t76 = z / 0.015625;
      double t77 = t76 * t76;
      return (1.7142857142857142 * t15 + -1.0714285714285714 * t27 + 0.4761904761904762 * t39 + -0.14285714285714285 * t51 + 0.025974025974025972 * t63 + -0.0021645021645021645 * t75 + t77 * (-0.8423809523809525 * t15 + 1.3300595238095236 * t27 + -0.6572751322751323 * t39 + 0.2041269841269841 * t51 + -0.037698412698412696 * t63 + 0.0031679894179894178 * t75 + t77 * (0.13743386243386244 * t15 + -0.2798693783068783 * t27 + 0.19914021164021167 * t39 + -0.06889329805996475 * t51 + 0.01333774250440917 * t63 + -0.0011491402116402115 * t75 + t77 * (-0.009632936507936505 * t15 + 0.021949404761904764 * t27 + -0.018725198412698416 * t39 + 0.00794973544973545 * t51 + -0.0016947751322751322 * t63 + 1.5376984126984128E-4 * t75 + t77 * (2.976190476190476E-4 * t15 + -7.192460317460318E-4 * t27 + 6.77910052910053E-4 * t39 + -3.3068783068783067E-4 * t51 + 8.267195767195767E-5 * t63 + -8.267195767195768E-6 * t75 + t77 * (-3.3068783068783066E-6 * t15 + 8.267195767195768E-6 * t27 + -8.267195767195768E-6 * t39 + 4.409171075837743E-6 * t51 + -1.2526054192720858E-6 * t63 + 1.5031265031265032E-7 * t75)))))) * (z * z * z);
    }
    double t78 = 1.0 / ((z + 2.0) * z + t3);
    double t79 = 1.0 / z;
    double t80 = t3 * t79;
    double t81 = 1.0 / ((t80 + 2.0) * t79 + 1.0);
    double t82 = t0 <= 1.0 ? -4.0 * z * t78 : -4.0 * t81 * t79;
    double t83 = Math.log1p(t82);
    double t84 = t1 * t83;
    double t86 = t10 * t83;
    double t87 = logistic(t86);
    double t88 = 1.0 / ((z - 2.0) * z + t3);
    double t89 = z * t78;
    double t90 = 1.0 / ((t80 - 2.0) * t79 + 1.0);
    double t91 = Math.abs(t82) <= 1.0 ? 0.5 * log1pmx(t82) + (t0 <= 1.0 ? 2.0 * ((-z + 2.0) * t88) * t89 * z : 2.0 * ((2.0 * t79 - 1.0) * t90) * t79 * t81) : 0.5 * t83 + (t0 <= 1.0 ? 2.0 * (t3 * t88) * t89 : 2.0 * (t3 * t90) * t79 * t79 * t79 * t81);
    if (t84 < -354.19820926613204) {
      double t85 = Math.exp(0.5 * t84);
      return -(t85 * t87 == 0.0 ? 0.0 : 2.0 * t91 * t87) * t85 * t85;
    }
    double t92 = logistic(t84);
    if (t86 < -354.19820926613204) {
      double t93 = Math.exp(0.5 * t86);
      return -(t92 * t93 == 0.0 ? 0.0 : 2.0 * t91 * t92) * t93 * t93;
    }
    return -(t92 * t87 == 0.0 ? 0.0 : 2.0 * t91 * t92 * t87);
  }

  /**
   * {@link #value(double, double)} in float, computed in double and rounded once.
   */
  public static float value(float z, double nu) {
    return (float) value((double) z, nu);
  }

  /**
   * {@link #derivative(double, double)} in float, computed in double and rounded once.
   */
  public static float derivative(float z, double nu) {
    return (float) derivative((double) z, nu);
  }

  /**
   * The kernels of the SIMD companion {@code StudentTSignedMeanNuFreeSimd}, in the order of the handle fields, or null
   * when {@code jdk.incubator.vector} is not in the boot layer, SIMD is switched off ({@code -Ddev.activations.simd=false}),
   * the companion class is absent (it is looked up by name, so this class compiles and runs
   * without it), or anything else fails: then the plain-Java loops do all the work.
   */
  private static MethodHandle[] simdHandles() {
    try {
      if (!Boolean.parseBoolean(System.getProperty("dev.activations.simd", "true"))) {
        return null;
      }
      Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
      if (vector.isEmpty()) {
        return null;
      }
      StudentTSignedMeanNuFree.class.getModule().addReads(vector.get());
      Class<?> c = Class.forName("dev.activations.catalog.StudentTSignedMeanNuFreeSimd", true, StudentTSignedMeanNuFree.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle[] h = new MethodHandle[6];
      h[0] = lookup.findStatic(c, "value", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class, double.class));
      h[1] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, double[].class, int.class, double[].class, int.class, int.class, double.class));
      h[2] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, double[].class, double[].class, double[].class, int.class, int.class, double.class));
      h[3] = lookup.findStatic(c, "value", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class, double.class));
      h[4] = lookup.findStatic(c, "derivative", MethodType.methodType(int.class, float[].class, int.class, float[].class, int.class, int.class, double.class));
      h[5] = lookup.findStatic(c, "backward", MethodType.methodType(int.class, float[].class, float[].class, float[].class, int.class, int.class, double.class));
      return h;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(double[] in, int inOff, double[] out, int outOff, int len, double nu) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE != null) {
      try {
        i = (int) SIMD_VALUE.invokeExact(in, inOff, out, outOff, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i], nu);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(double[] in, int inOff, double[] out, int outOff, int len,
      double nu) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE != null) {
      try {
        i = (int) SIMD_DERIVATIVE.invokeExact(in, inOff, out, outOff, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i], nu);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, int off, int len,
      double nu) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD != null) {
      try {
        i = (int) SIMD_BACKWARD.invokeExact(in, upstream, gradIn, off, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = upstream[off + i] * derivative(in[off + i], nu);
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length, nu)}.
   */
  public static void value(double[] in, double[] out, double nu) {
    value(in, 0, out, 0, in.length, nu);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length, nu)}.
   */
  public static void derivative(double[] in, double[] out, double nu) {
    derivative(in, 0, out, 0, in.length, nu);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length, nu)}.
   */
  public static void backward(double[] in, double[] upstream, double[] gradIn, double nu) {
    backward(in, upstream, gradIn, 0, in.length, nu);
  }

  /**
   * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void value(float[] in, int inOff, float[] out, int outOff, int len, double nu) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_VALUE_FLOAT != null) {
      try {
        i = (int) SIMD_VALUE_FLOAT.invokeExact(in, inOff, out, outOff, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = value(in[inOff + i], nu);
    }
  }

  /**
   * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
   */
  public static void derivative(float[] in, int inOff, float[] out, int outOff, int len,
      double nu) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    int i = 0;
    if (SIMD_DERIVATIVE_FLOAT != null) {
      try {
        i = (int) SIMD_DERIVATIVE_FLOAT.invokeExact(in, inOff, out, outOff, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      out[outOff + i] = derivative(in[inOff + i], nu);
    }
  }

  /**
   * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, int off, int len,
      double nu) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(off, len, upstream.length);
    Objects.checkFromIndexSize(off, len, gradIn.length);
    int i = 0;
    if (SIMD_BACKWARD_FLOAT != null) {
      try {
        i = (int) SIMD_BACKWARD_FLOAT.invokeExact(in, upstream, gradIn, off, len, nu);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    for (; i < len; i++) {
      gradIn[off + i] = (float) (upstream[off + i] * derivative((double) in[off + i], nu));
    }
  }

  /**
   * {@code value(in, 0, out, 0, in.length, nu)}.
   */
  public static void value(float[] in, float[] out, double nu) {
    value(in, 0, out, 0, in.length, nu);
  }

  /**
   * {@code derivative(in, 0, out, 0, in.length, nu)}.
   */
  public static void derivative(float[] in, float[] out, double nu) {
    derivative(in, 0, out, 0, in.length, nu);
  }

  /**
   * {@code backward(in, upstream, gradIn, 0, in.length, nu)}.
   */
  public static void backward(float[] in, float[] upstream, float[] gradIn, double nu) {
    backward(in, upstream, gradIn, 0, in.length, nu);
  }

  /**
   * {@code tanh(x)} from {@code Math.exp} (an intrinsic; {@code Math.tanh} is ~3x slower on JDK 17): {@code 1 - 2t / (1 + t)}, {@code t = e^-2|x|}, with the sign of x, and an odd Taylor polynomial below |x| = 0.01 where the subtraction would cancel.
   */
  private static double tanh(double x) {
    double a = Math.abs(x);
    double r;
    if (a < 0.01) {
      double s = a * a;
      r = a + a * s * (-0.3333333333333333 + s * (0.13333333333333333 + s * -0.05396825396825397));
    } else {
      double t = Math.exp(-2.0 * a);
      r = 1.0 - 2.0 * t / (1.0 + t);
    }
    return Math.copySign(r, x);
  }

  /**
   * The logistic function {@code 1 / (1 + e^-x)}, branching on the sign of x so that {@code exp} never overflows.
   */
  private static double logistic(double x) {
    if (x >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /**
   * {@code tanh'(x) = sech(x)^2 = 4 e^-2|x| / (1 + e^-2|x|)^2}; never {@code 1 - tanh(x)^2}, which is 0 beyond |x| ~ 19.
   */
  private static double tanhPrime(double x) {
    double e = Math.exp(-2.0 * Math.abs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
  }

  /**
   * {@code log1p(x) - x}, which cancels for small x: there {@code -x s + 2 s^3 (1/3 + s^2/5 + ...)} with {@code s = x / (2 + x)} ({@code log1p(x) = 2 atanh(s)}), for {@code -1/2 <= x <= 1}; the difference elsewhere.
   */
  private static double log1pmx(double x) {
    if (x >= -0.5 && x <= 1.0) {
      double s = x / (2.0 + x);
      double s2 = s * s;
      double p = (((((((((((((((0.030303030303030304 * s2 + 0.03225806451612903) * s2 + 0.034482758620689655) * s2 + 0.037037037037037035) * s2 + 0.04) * s2 + 0.043478260869565216) * s2 + 0.047619047619047616) * s2 + 0.05263157894736842) * s2 + 0.058823529411764705) * s2 + 0.06666666666666667) * s2 + 0.07692307692307693) * s2 + 0.09090909090909091) * s2 + 0.1111111111111111) * s2 + 0.14285714285714285) * s2 + 0.2) * s2 + 0.3333333333333333);
      return 2.0 * (s * s2) * p - x * s;
    }
    return x < Double.POSITIVE_INFINITY ? Math.log1p(x) - x : -x;
  }
}
