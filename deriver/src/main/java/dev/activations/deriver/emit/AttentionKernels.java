package dev.activations.deriver.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The vector reductions an attention class calls, as private static methods over {@code double[]}
 * or {@code float[]} (reading floats as doubles): compensated inner products and squared distances,
 * and the power-of-two scaling that keeps norms from overflowing.
 *
 * <p>The sums are compensated (a two-sum for each addition, {@code Math.fma} for each product's
 * rounding error; the error terms are summed separately and added once), so a Gram entry is
 * nearly correctly rounded however the terms cancel: the energies, and through them the
 * attention weights, then carry the rounding of the energy formula only.
 */
final class AttentionKernels {
  private AttentionKernels() {}

  static List<MethodSpec> helpers(boolean isFloat, boolean angular, Set<String> entries, boolean mean, boolean keyDifferences) {
    return helpers(isFloat, angular, entries, mean, keyDifferences, false, false);
  }

  /**
   * @param weighted the Gram entries are diagonal Mahalanobis ones, {@code sum_i w_i x_i y_i}: the
   *     dot, squared distance and key difference take the weights {@code (w, wo)} as trailing
   *     arguments
   * @param scaled whether the entry helpers take a power-of-two factor {@code f} applied to every
   *     vector entry before the products (exact, barring underflow of entries far below the largest)
   */
  static List<MethodSpec> helpers(boolean isFloat, boolean angular, Set<String> entries, boolean mean, boolean keyDifferences,
      boolean weighted, boolean scaled) {
    TypeName array = ArrayTypeName.of(isFloat ? TypeName.FLOAT : TypeName.DOUBLE);
    String rd = isFloat ? "(double) " : "";
    List<MethodSpec> out = new ArrayList<>();
    if (angular) {
      out.add(scaleExponent(array, rd));
      out.add(scaledNorm(array, rd));
      out.add(normLow(array, rd));
      out.add(scaledDot(array, rd));
      if (!isFloat) out.add(unitDifference());
    } else {
      if (entries.contains("qq") || entries.contains("qk") || entries.contains("kk")) {
        out.add(dot(array, weighted, scaled));
      }
      if (entries.contains("dd")) out.add(squaredDistance(array, weighted, scaled));
    }
    if (mean) {
      out.add(differenceDot(array, rd));
      out.add(exponentOf(array, rd));
    }
    if (keyDifferences) out.add(keyDifference(array, weighted, scaled));
    return out;
  }

  /** The trailing factor parameter {@code f} of a scaled entry helper. */
  private static MethodSpec.Builder factor(MethodSpec.Builder m, boolean scaled) {
    if (scaled) {
      m.addParameter(double.class, "f").addJavadoc("Every entry is multiplied by the power of two {@code f} first.\n");
    }
    return m;
  }

  /**
   * {@code max(1, E - 384)} with {@code E} the largest binary exponent of a finite entry of the query
   * and keys: the entries times {@code 2^-se} stay below {@code 2^385}, their products below {@code
   * 2^770} (far from overflow for any dimension and any moderate coefficient), and entries down to
   * {@code 2^(E - 1406)} stay normal numbers.
   */
  static MethodSpec rescaleExponent(TypeName array) {
    return rescaleExponent(array, "The scale exponent {@code se} for a second attempt: {@code max(1, E - 384)} with {@code E} the largest\n"
        + "binary exponent of a finite query or key entry, so that the scaled entries stay below {@code 2^385}.", "Math.max(1, e - 384)");
  }

  /** The largest finite magnitude of the query's entries (0 for none), from which each key's scale starts. */
  static MethodSpec largest(TypeName array) {
    String rd = array.equals(ArrayTypeName.of(TypeName.FLOAT)) ? "(double) " : "";
    return start("largest", "The largest finite {@code |x_i|} of {@code x[xo .. xo + d - 1]} (0 for none).")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "d")
        .addStatement("double max = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double a = Math.abs($Lx[xo + i])", rd)
        .addStatement("if (a > max && a < Double.POSITIVE_INFINITY) max = a")
        .endControlFlow()
        .addStatement("return max")
        .build();
  }

  /**
   * Whether the query or the key lost every entry to the bottom of the range at the scale {@code f}
   * (its largest nonzero magnitude times {@code f} below {@code 2^-969}, where fewer than 53 bits are left).
   */
  static MethodSpec lost(TypeName array) {
    String rd = array.equals(ArrayTypeName.of(TypeName.FLOAT)) ? "(double) " : "";
    return start("lost", "Whether the query ({@code qmax} its largest magnitude) or the key at {@code ko}, multiplied by the power of two\n"
        + "{@code f}, has all its entries below {@code 2^-969} (fewer than 53 bits left) though not all 0.")
        .returns(boolean.class)
        .addParameter(double.class, "qmax").addParameter(array, "keys").addParameter(int.class, "ko").addParameter(int.class, "d")
        .addParameter(double.class, "f")
        .addStatement("double max = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double x = Math.abs($Lkeys[ko + i])", rd)
        .addStatement("if (x > max && x < Double.POSITIVE_INFINITY) max = x")
        .endControlFlow()
        .addStatement("return (qmax != 0.0 && qmax * f < 0x1p-969) || (max != 0.0 && max * f < 0x1p-969)")
        .build();
  }

  /**
   * A key's scale exponent in the asymptotic classes: from the query's largest entry and this key's
   * only, so that a key far below the largest key keeps its entries (a common scale set by the
   * largest key turned them into 0). With {@code product} (an energy that reads only {@code <q, k>})
   * from the product of the two largest magnitudes instead of the larger one: a query of 3e-177
   * against a key of 7e196 has {@code <q, k>} near 2e20, but scaled by the key alone the query fell
   * to a subnormal and the scaled energy {@code -(qk' + t)^2} to 0 (an output off by a relative 3e173).
   *
   * @param upward small entries are scaled up as well ({@code se = E - target} also where it is
   *     negative): an energy of a fractional degree ({@code |q - k|}) is representable where its
   *     entries ({@code dd}) underflow
   */
  static MethodSpec keyScale(TypeName array, int target, boolean product, boolean upward) {
    String rd = array.equals(ArrayTypeName.of(TypeName.FLOAT)) ? "(double) " : "";
    MethodSpec.Builder b = start("keyScale", upward
        ? "The key's scale exponent {@code se = E - " + target + "}, also where it is negative, with {@code E} the largest binary exponent of a\n"
            + "finite entry of the query ({@code qmax}, its largest magnitude) or of this key (0 where both are zero vectors): the\n"
            + "scaled entries' largest is near {@code 2^" + target + "}, small entries are scaled up (an energy of a fractional degree,\n"
            + "{@code |q - k|}, is representable where the entries' {@code dd} underflows), and no intermediate of the scaled energy,\n"
            + "its partials and their divided differences (degree up to " + (384 / target) + " in the entries) overflows."
        : product
        ? "The key's scale exponent {@code se}: {@code max(0, E - " + target + ")} with {@code E = ceil((E_q + E_k) / 2)}, {@code E_q} and\n"
            + "{@code E_k} the binary exponents of the largest finite magnitudes of the query ({@code qmax}) and of this key: the scaled\n"
            + "products {@code q_i k_i} stay below {@code 2^" + (2 * target + 2) + "}, so that no intermediate of the scaled energy (which reads only\n"
            + "{@code <q, k>}), its partials and their divided differences (degree up to " + (384 / target)
            + " in the entries) overflows; 0 (no scaling) below that.\nA query and a key of very different magnitudes keep "
            + "their product: neither is scaled by the other's magnitude alone."
        : "The key's scale exponent {@code se}: {@code max(0, E - " + target + ")} with {@code E} the largest binary exponent of a\n"
        + "finite entry of the query ({@code qmax}, its largest magnitude) or of this key: the scaled entries stay below {@code 2^" + (target + 1) + "},\n"
        + "so that no intermediate of the scaled energy, its partials and their divided differences (degree up to " + (384 / target)
        + " in the entries)\noverflows; 0 (no scaling) below that. Other keys do not matter: a key far below the largest keeps its entries.")
        .returns(int.class)
        .addParameter(double.class, "qmax").addParameter(array, "keys").addParameter(int.class, "ko").addParameter(int.class, "d");
    // the largest finite |entry| of the key (with the query's, for the larger of the two)
    b.addStatement("double max = $L", product ? "0.0" : "qmax")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double x = Math.abs($Lkeys[ko + i])", rd)
        .addStatement("if (x > max && x < Double.POSITIVE_INFINITY) max = x")
        .endControlFlow();
    if (product) {
      b.addComment("a zero vector: <q, k> = 0 at every scale")
          .addStatement("if (qmax == 0.0 || max == 0.0) return 0")
          .addComment("exponents of subnormal magnitudes taken exactly (getExponent gives -1023 for all of them)")
          .addStatement("int eq = qmax < Double.MIN_NORMAL ? Math.getExponent(qmax * 0x1p54) - 54 : Math.getExponent(qmax)")
          .addStatement("int ek = max < Double.MIN_NORMAL ? Math.getExponent(max * 0x1p54) - 54 : Math.getExponent(max)")
          .addStatement("int e = (eq + ek + 1) >> 1");
    } else {
      b.addStatement("int e = Math.getExponent(max)");
    }
    if (upward && product) return b.addStatement("return e - $L", target).build();
    if (upward) {
      b.addComment("a zero query and key: no scale (every entry 0)")
          .addStatement("if (max == 0.0) return 0")
          .addComment("exponents of subnormal magnitudes taken exactly (getExponent gives -1023 for all of them)")
          .addStatement("return (max < Double.MIN_NORMAL ? Math.getExponent(max * 0x1p54) - 54 : e) - $L", target);
      return b.build();
    }
    return b.addStatement("return e <= $L ? 0 : e - $L", target, target).build();
  }

  private static MethodSpec rescaleExponent(TypeName array, String doc, String result) {
    String rd = array.equals(ArrayTypeName.of(TypeName.FLOAT)) ? "(double) " : "";
    return start("rescaleExponent", doc)
        .returns(int.class)
        .addParameter(array, "q").addParameter(int.class, "qOff").addParameter(array, "keys").addParameter(int.class, "kOff")
        .addParameter(int.class, "n").addParameter(int.class, "d")
        .addStatement("int e = Integer.MIN_VALUE")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double x = Math.abs($Lq[qOff + i])", rd)
        .addStatement("if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x))")
        .endControlFlow()
        .beginControlFlow("for (int i = 0, len = n * d; i < len; i++)")
        .addStatement("double x = Math.abs($Lkeys[kOff + i])", rd)
        .addStatement("if (x < Double.POSITIVE_INFINITY) e = Math.max(e, Math.getExponent(x))")
        .endControlFlow()
        .addStatement("return $L", result)
        .build();
  }

  private static MethodSpec.Builder start(String name, String doc) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).addJavadoc("$L\n", doc);
  }

  /** The two-sum of {@code s + p} into {@code s}, its error into {@code c}. */
  private static void twoSum(MethodSpec.Builder m, String p) {
    m.addCode(twoSum("s", "c", "t", "z", p));
  }

  /**
   * Statements adding {@code p} to {@code sum} by Knuth's two-sum, its rounding error into {@code
   * error}, with the temporaries declared as {@code t} and {@code z} (names free in the caller).
   */
  static CodeBlock twoSum(String sum, String error, String t, String z, String p) {
    return CodeBlock.builder()
        .addStatement("double $L = $L + $L", t, sum, p)
        .addStatement("double $L = $L - $L", z, t, sum)
        .addStatement("$L += ($L - ($L - $L)) + ($L - $L)", error, sum, t, z, p, z)
        .addStatement("$L = $L", sum, t)
        .build();
  }

  /** The weights {@code (w, wo)} of a weighted entry helper, after its other parameters. */
  private static MethodSpec.Builder weights(MethodSpec.Builder m, TypeName array, boolean weighted) {
    return weighted ? m.addParameter(array, "w").addParameter(int.class, "wo") : m;
  }

  /** {@code s = 0}, {@code c = 0} and the loop over the {@code d} terms. */
  private static MethodSpec.Builder loop(MethodSpec.Builder m) {
    return m.addStatement("double s = 0.0")
        .addStatement("double c = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)");
  }

  /** Loads {@code x[at + i]}, times the factor {@code f} when scaled. */
  private static String load(String array, String at, boolean scaled) {
    return array + "[" + at + " + i]" + (scaled ? " * f" : "");
  }

  /**
   * Adds the term {@code p} (its rounding error {@code error}) to the compensated sum and closes the
   * loop; a weighted term {@code w_i p} is split by {@code Math.fma} as well, so it is kept to about
   * twice the working precision.
   */
  private static MethodSpec term(MethodSpec.Builder m, boolean weighted, String error) {
    if (weighted) {
      m.addStatement("double pe = $L", error)
          .addStatement("double wp = ww * p")
          .addStatement("c += Math.fma(ww, p, -wp) + ww * pe");
      twoSum(m, "wp");
    } else {
      m.addStatement("c += $L", error);
      twoSum(m, "p");
    }
    return m.endControlFlow().addStatement("return s + c").build();
  }

  private static MethodSpec dot(TypeName array, boolean weighted, boolean scaled) {
    MethodSpec.Builder m = start("dot", weighted ? "{@code sum_i w_i x_i y_i}, compensated." : "{@code sum_i x_i y_i}, compensated.")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(array, "y").addParameter(int.class, "yo")
        .addParameter(int.class, "d");
    loop(factor(weights(m, array, weighted), scaled))
        .addStatement("double a = $L", load("x", "xo", scaled))
        .addStatement("double b = $L", load("y", "yo", scaled));
    if (weighted) m.addStatement("double ww = w[wo + i]");
    m.addStatement("double p = a * b");
    return term(m, weighted, "Math.fma(a, b, -p)");
  }

  private static MethodSpec squaredDistance(TypeName array, boolean weighted, boolean scaled) {
    MethodSpec.Builder m = start("squaredDistance", (weighted ? "{@code sum_i w_i (x_i - y_i)^2}" : "{@code sum_i (x_i - y_i)^2}")
            + ", from the differences themselves (with their rounding errors), compensated.")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(array, "y").addParameter(int.class, "yo")
        .addParameter(int.class, "d");
    loop(factor(weights(m, array, weighted), scaled))
        .addStatement("double a = $L", load("x", "xo", scaled))
        .addStatement("double b = $L", load("y", "yo", scaled));
    if (weighted) m.addStatement("double ww = w[wo + i]");
    m.addStatement("double h = a - b")
        .addStatement("double v = h - a")
        .addStatement("double l = (a - (h - v)) - (b + v)")
        .addStatement("double p = h * h");
    return term(m, weighted, "Math.fma(h, h, -p) + 2.0 * h * l");
  }

  private static MethodSpec keyDifference(TypeName array, boolean weighted, boolean scaled) {
    MethodSpec.Builder m = start("keyDifference", weighted
            ? "As the unweighted key difference, with each term weighted by {@code w_i} (diagonal Mahalanobis entries). Compensated."
            : "A Gram entry of key {@code j} (at {@code kj}) minus the winner's (at {@code kw}), from the vectors:\n"
                + "kind 0: {@code <q, k_j - k_w>}; 1: {@code <k_j - k_w, k_j + k_w>}; 2: {@code |q - k_j|^2 - |q - k_w|^2 ="
                + " <k_w - k_j, (q - k_j) + (q - k_w)>}. Compensated; small when the keys are close.")
        .returns(double.class)
        .addParameter(int.class, "kind")
        .addParameter(array, "q").addParameter(int.class, "qo")
        .addParameter(array, "k").addParameter(int.class, "kj").addParameter(int.class, "kw")
        .addParameter(int.class, "d");
    loop(factor(weights(m, array, weighted), scaled))
        .addStatement("double qi = $L", load("q", "qo", scaled))
        .addStatement("double a = $L", load("k", "kj", scaled))
        .addStatement("double b = $L", load("k", "kw", scaled));
    if (weighted) m.addStatement("double ww = w[wo + i]");
    m.addStatement("double x = kind == 2 ? b - a : a - b")
        .addStatement("double y = kind == 0 ? qi : kind == 1 ? a + b : (qi - a) + (qi - b)")
        .addStatement("double p = x * y");
    return term(m, weighted, "Math.fma(x, y, -p)");
  }

  private static MethodSpec scaleExponent(TypeName array, String rd) {
    return start("scaleExponent", "The binary exponent of {@code max_i |x_i|} (0 for a zero vector): dividing by its power of two is exact.")
        .returns(int.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "d")
        .addStatement("double max = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("max = Math.max(max, Math.abs($Lx[xo + i]))", rd)
        .endControlFlow()
        .addStatement("return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max)")
        .build();
  }

  private static MethodSpec scaledNorm(TypeName array, String rd) {
    MethodSpec.Builder m = start("scaledNorm", "{@code |x| 2^-e}, compensated (no overflow: every scaled entry is below 2).")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "d").addParameter(int.class, "e");
    return sumOfScaledSquares(m, rd).addStatement("return Math.sqrt(s + c)").build();
  }

  /** {@code s + c}: the sum of the squares of {@code x[xo + i] 2^-e}, each square and sum compensated. */
  private static MethodSpec.Builder sumOfScaledSquares(MethodSpec.Builder m, String rd) {
    m.addStatement("double s = 0.0")
        .addStatement("double c = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double a = Math.scalb($Lx[xo + i], -e)", rd)
        .addStatement("double p = a * a")
        .addStatement("c += Math.fma(a, a, -p)");
    twoSum(m, "p");
    return m.endControlFlow();
  }

  /**
   * The rounding error of {@code scaledNorm}: {@code |x| 2^-e - n} to about 1e-32 relative, so that
   * the unit vector's components are had in double-double ({@link #unitDifference}).
   */
  private static MethodSpec normLow(TypeName array, String rd) {
    MethodSpec.Builder m = start("normLow", "{@code |x| 2^-e - n} for {@code n = scaledNorm(x, xo, d, e)}: the norm's own rounding error (0 for a zero vector).")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "d").addParameter(int.class, "e")
        .addParameter(double.class, "n");
    return sumOfScaledSquares(m, rd).addStatement("return n > 0.0 ? (Math.fma(-n, n, s) + c) / (2.0 * n) : 0.0").build();
  }

  /**
   * A component of {@code x/|x| - sg y/|y|} with each unit component in double-double: near-parallel
   * vectors with a dominant common coordinate (both unit components near 1) kept the rounding of
   * their norms, a unit in 1e-16, where the difference is about the square of the small angle (the
   * cosine's key gradient off by a relative 4e-9 at an angle of 1.7e-8).
   */
  private static MethodSpec unitDifference() {
    return start("unitDifference", "{@code x 2^-xe / (xn + xl) - sg y 2^-ye / (yn + yl)}: the components of two unit vectors\n"
            + "({@code xn + xl}, {@code yn + yl} their scaled norms in double-double) and their difference, to about 1e-32.")
        .returns(double.class)
        .addParameter(double.class, "x").addParameter(int.class, "xe").addParameter(double.class, "xn").addParameter(double.class, "xl")
        .addParameter(double.class, "y").addParameter(int.class, "ye").addParameter(double.class, "yn").addParameter(double.class, "yl")
        .addParameter(double.class, "sg")
        .addStatement("double a = Math.scalb(x, -xe)")
        .addStatement("double ah = a / xn")
        .addStatement("double al = (Math.fma(-ah, xn, a) - ah * xl) / xn")
        .addStatement("double b = Math.scalb(y, -ye)")
        .addStatement("double bh = b / yn")
        .addStatement("double bl = (Math.fma(-bh, yn, b) - bh * yl) / yn")
        .addStatement("return (ah - sg * bh) + (al - sg * bl)")
        .build();
  }

  private static MethodSpec scaledDot(TypeName array, String rd) {
    MethodSpec.Builder m = start("scaledDot", "{@code <x 2^-ex, y 2^-ey>}, compensated.")
        .returns(double.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "ex")
        .addParameter(array, "y").addParameter(int.class, "yo").addParameter(int.class, "ey")
        .addParameter(int.class, "d")
        .addStatement("double s = 0.0")
        .addStatement("double c = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double a = Math.scalb($Lx[xo + i], -ex)", rd)
        .addStatement("double b = Math.scalb($Ly[yo + i], -ey)", rd)
        .addStatement("double p = a * b")
        .addStatement("c += Math.fma(a, b, -p)");
    twoSum(m, "p");
    return m.endControlFlow().addStatement("return s + c").build();
  }

  private static MethodSpec exponentOf(TypeName array, String rd) {
    return start("exponentOf", "The binary exponent of {@code max_i |x_i|} (0 for zero or non-finite entries).")
        .returns(int.class)
        .addParameter(array, "x").addParameter(int.class, "xo").addParameter(int.class, "len")
        .addStatement("double max = 0.0")
        .beginControlFlow("for (int i = 0; i < len; i++)")
        .addStatement("max = Math.max(max, Math.abs($Lx[xo + i]))", rd)
        .endControlFlow()
        .addStatement("return max == 0.0 || !(max < Double.POSITIVE_INFINITY) ? 0 : Math.getExponent(max)")
        .build();
  }

  private static MethodSpec differenceDot(TypeName array, String rd) {
    MethodSpec.Builder m = start("differenceDot",
        "{@code <u, v_j - v_w>} with the differences formed first (it is small when the two values are close), compensated.")
        .returns(double.class)
        .addParameter(array, "u").addParameter(int.class, "uo").addParameter(int.class, "ue")
        .addParameter(array, "v").addParameter(int.class, "vj").addParameter(int.class, "vw")
        .addParameter(int.class, "m")
        .addStatement("double s = 0.0")
        .addStatement("double c = 0.0")
        .beginControlFlow("for (int i = 0; i < m; i++)")
        .addStatement("double a = Math.scalb($Lu[uo + i], -ue)", rd)
        .addStatement("double b = $Lv[vj + i] - v[vw + i]", rd)
        .addStatement("double p = a * b")
        .addStatement("c += Math.fma(a, b, -p)");
    twoSum(m, "p");
    return m.endControlFlow().addStatement("return s + c").build();
  }
}
