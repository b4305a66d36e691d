package dev.activations.deriver.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.activations.deriver.derivation.attention.AsymptoticScaling;
import dev.activations.deriver.derivation.attention.AttentionDerivation;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Exprs;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.spec.AttentionStatistic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes an attention class (JavaPoet): {@code value} and {@code backward} for one query against
 * {@code n} keys (row-major {@code n x d}) and values ({@code n x m}), {@code double[]} and
 * {@code float[]}, a batched form over many queries, and the lowered energy and its partials as
 * private helpers.
 *
 * <p>Per key the code computes the Gram entries the energy needs with compensated sums ({@code
 * Math.fma} for the products' rounding errors, a two-sum for the additions), the squared distance
 * as {@code sum (q_i - k_i)^2} with the differences' rounding errors kept, never {@code qq - 2 qk
 * + kk}. A kernel of the cosine only is evaluated on vectors scaled by a power of two, so that no
 * norm overflows. The keys are visited once for the normaliser: a running minimum energy {@code
 * m}, {@code s = sum_j exp(m - e_j)} and the running value sum, both rescaled when the minimum
 * drops (the online normaliser). Backward reductions are taken relative to the winning key, so
 * near-hard attention does not cancel.
 */
public final class AttentionClassEmitter {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final List<String> GRAM = List.of("qq", "qk", "kk", "dd");

  private final AttentionDerivation d;
  private final AttentionStatistic stat;
  private final Expr energy;
  /** Gram kernels: partial by entry name (zero partials absent); angular kernels: "rho" -> g'. */
  private final Map<String, Expr> partials;
  /** The Gram entries the energy or its partials read (Gram kernels). */
  private final Set<String> entries;
  private final boolean usesDim;
  /** Diagonal Mahalanobis entries {@code <x, W y>}: a weight vector {@code w} argument and its gradient. */
  private final boolean weighted;
  private final JavaExprPrinter printer = new JavaExprPrinter();

  /** Divided differences to the winner: function ("energy" or an entry) -> entry -> DD. */
  private final Map<String, Map<String, Expr>> differences;
  /** The free parameters ({@code --free}), in order, and the energy's partial by each. */
  private final List<String> free;
  private final List<Expr> parameterPartials;
  /**
   * Whether the cores evaluate the entries on vectors scaled by {@code 2^-se} when an energy
   * overflows (see {@link dev.activations.deriver.derivation.attention.EntryScaling}): the energy is
   * linear and homogeneous in the entries (decided by the derivation); see {@link #scalesEntries}.
   */
  private final boolean scalable;
  /**
   * Whether the partial {@code f_dd} has no finite value where a key equals the query ({@code dd =
   * 0}): a cone such as {@code Norm[q-k] = Sqrt[dd]}, whose gradient {@code (q - k)/|q - k|} has no
   * limit there. Such a key's {@code 2 f_dd (q - k)} terms are taken as 0 (the kink convention of
   * the scalar classes, the average of the one-sided slopes; the reference does the same), and the
   * winner's divided differences are not taken across {@code dd = 0}.
   */
  private final boolean coneAtQuery;
  /**
   * Whether {@code f_dd}'s divided difference has no finite value between two keys at the query
   * ({@code dd = ddW = 0}): a cone ({@link #coneAtQuery}), or a root of {@code dd} in {@code f_dd}
   * itself ({@code Norm[q-k]^3}: {@code f_dd = 3 Sqrt[dd]/2}, whose difference quotient at 0 is
   * infinite; a key tied with the winner at the query gave NaN). There the difference is taken as
   * {@code fs - fddW}, no cancellation where one of the two is at the query.
   */
  private final boolean rootAtQuery;
  /**
   * A cone whose energy is {@code c |q - k|} (the only partial is {@code f_dd}, and {@code 2 f_dd
   * Sqrt[dd] = c} at every {@code dd}): in one dimension each key's {@code grad_q e_j} is {@code c
   * sign(q - k_j)}, so {@code grad q = c sum_j dL/de_j (sign(q - k_j) - sign(q - k_w))} (plus {@code
   * c sign(q - k_w) sum_j dL/de_j}, which is 0 but for the free energy), exactly 0 where every key
   * lies on the winner's side. The general form, through {@code f_dd}'s divided differences, left
   * rounding noise there (1.1e-15 of the key gradients in 58% of 20,000 random one-dimensional
   * calls with every key below the query; relative to an exact 0, no accuracy at all).
   */
  private final boolean coneLine;
  /**
   * The asymptotic form of a non-linear energy (see {@link
   * dev.activations.deriver.derivation.attention.AsymptoticScaling}), lowered, when the class
   * evaluates large entries scaled with it; null otherwise (then {@link #scalable} means the linear
   * path, whose generated code is unchanged by this form).
   */
  private final Asymptotic asym;

  /**
   * A lowered asymptotic form {@code e(L g') = L^p f(g', t) + c log L}: {@code f} ({@code energy}),
   * its partials and divided differences over the entries, {@code dim} and {@code tscale = t}, and
   * the largest unscaled entry exponent {@code target} (entries are scaled above it). For an energy
   * that is one logarithm {@code a Log[R]} also {@code a} ({@code logFactor}, over {@code dim}) and
   * {@code R(g', t)} ({@code logArgument}); else both null. {@code formula} shows {@code f} (Symja's
   * input form, {@code tscale} for {@code t}) and {@code check} what its derivation verified. Keys are
   * scaled one by one, so {@code c log L} differs between keys of different scales: {@code
   * logCoefficient} is {@code c} (over {@code dim}; null when it is 0 or for one logarithm), {@code
   * logDegree} the degree {@code k} of a single logarithm's argument ({@code R = L^k R'}; 0 otherwise).
   * For an energy of {@code qk^2 / (dd + kappa)} (Yat's family: {@code -f_qk qk / (2 f_dd) - dd} free
   * of the entries), {@code ratioShift} is {@code kappa} and {@code ratioShiftScaled} the same for
   * {@code f} (over {@code dim} and {@code tscale}), {@code ratioFormula} shows {@code kappa}; else all null.
   * {@code ratioFactor} is {@code c} where the energy is {@code c qk^2 / (dd + kappa)} (Yat: -1), else null.
   */
  public record Asymptotic(int twicePower, int target, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Expr logFactor, Expr logArgument, String formula, String check,
      Expr logCoefficient, int logDegree, Expr ratioShift, Expr ratioShiftScaled, String ratioFormula, Expr ratioFactor) {
    /** Whether the keys carry {@code R} instead of the energy and gaps are {@code a log(R_j / R_min)}. */
    public boolean logForm() {
      return logArgument != null;
    }

    /**
     * Whether {@code p} is half a whole number (a root of the entries, {@code Norm[q-k]}): then
     * {@code f} is free of {@code t}, and small entries are scaled up as well as large ones down
     * (the energy of entries near 1e-200 is representable where the entries' {@code dd} is not).
     */
    public boolean fractional() {
      return twicePower % 2 != 0;
    }

    /** {@code p} as text. */
    public String powerText() {
      return AsymptoticScaling.powerText(twicePower);
    }
  }

  private AttentionClassEmitter(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Map<String, Expr> parameterPartials, boolean linearHomogeneous,
      Asymptotic asymptotic) {
    this.d = d;
    this.stat = d.spec().statistic();
    this.energy = energy;
    this.partials = new LinkedHashMap<>(partials);
    this.differences = new LinkedHashMap<>(differences);
    this.free = d.spec().free();
    this.parameterPartials = new ArrayList<>();
    for (String f : free) this.parameterPartials.add(parameterPartials.get(f));
    Set<String> used = new TreeSet<>();
    for (Expr p : this.parameterPartials) variables(p, used);
    variables(energy, used);
    for (Expr p : partials.values()) variables(p, used);
    for (Map<String, Expr> m : differences.values()) for (Expr e : m.values()) variables(e, used);
    if (asymptotic != null) {
      variables(asymptotic.energy(), used);
      for (Expr p : asymptotic.partials().values()) variables(p, used);
      for (Map<String, Expr> m : asymptotic.differences().values()) for (Expr e : m.values()) variables(e, used);
    }
    this.usesDim = used.contains("dim");
    this.weighted = d.weighted();
    Set<String> gram = new TreeSet<>();
    for (String g : GRAM) if (used.contains(g)) gram.add(g);
    this.entries = gram;
    boolean linear = scalesEntries(d, differences, linearHomogeneous);
    this.asym = !linear && asymptotic != null && scalesAsymptotically(d) ? asymptotic : null;
    this.scalable = linear || asym != null;
    this.coneAtQuery = partials.containsKey("dd") && !Double.isFinite(DoubleEvaluator.evaluateOrNaN(partials.get("dd"), atQuery(used)));
    Map<String, Expr> ddDifferences = differences.get("dd");
    Expr ddOfDd = ddDifferences == null ? null : ddDifferences.get("dd");
    Map<String, Double> bothAtQuery = atQuery(used);
    bothAtQuery.put("ddW", 0.0);
    this.rootAtQuery = coneAtQuery || (ddOfDd != null && !Double.isFinite(DoubleEvaluator.evaluateOrNaN(ddOfDd, bothAtQuery)));
    this.coneLine = coneAtQuery && !weighted && !angular() && partials.keySet().equals(Set.of("dd"))
        && constantConeSlope(partials.get("dd"), used);
  }

  /**
   * Whether {@code 2 f_dd Sqrt[dd]} is one number at {@code dd} from {@code 2^-40} to {@code 2^40}
   * (the other variables at 1, the dimension at 3): {@code f_dd = c / (2 Sqrt[dd])}, measured on the
   * lowered partial (a closed form; the class's own verification covers the rest).
   */
  private static boolean constantConeSlope(Expr fdd, Set<String> used) {
    Map<String, Double> at = atQuery(used);
    double first = Double.NaN;
    for (double dd : new double[] {0x1p-40, 0x1p-7, 1.0, 3.0, 0x1p40}) {
      at.put("dd", dd);
      double h = 2.0 * DoubleEvaluator.evaluateOrNaN(fdd, at) * Math.sqrt(dd);
      if (!Double.isFinite(h) || h == 0.0) return false;
      if (Double.isNaN(first)) first = h;
      else if (Math.abs(h - first) > 0x1p-50 * Math.abs(first)) return false;
    }
    return true;
  }

  /**
   * The variables {@code used} where a key equals the query (unit vectors: {@code qq = qk = kk = 1},
   * {@code dd = 0}), parameters and the dimension at 1 and 3, {@code tscale} at 1: only whether
   * {@code f_dd} is finite there is asked.
   */
  private static Map<String, Double> atQuery(Set<String> used) {
    Map<String, Double> at = new java.util.HashMap<>();
    for (String v : used) at.put(v, v.equals("dd") ? 0.0 : v.equals("dim") ? 3.0 : 1.0);
    return at;
  }

  /** The call of {@code f_dd} for the key in scope (its {@code dd}), 0 at the query for a cone ({@link #coneAtQuery}). */
  private String partialDd() {
    String call = call("ddd", callArgs());
    return coneAtQuery ? "(dd == 0.0 ? 0.0 : " + call + ")" : call;
  }

  /** The divided difference {@code diff} of {@code f_dd} to the winner's, or {@code fs - fddW} where a key or the winner is at the query ({@link #rootAtQuery}). */
  private String sDifference(String diff) {
    return rootAtQuery ? "(dd == 0.0 || ddW == 0.0 ? fs - fddW : " + diff + ")" : diff;
  }

  /**
   * Whether a class with an asymptotic form evaluates large entries with it: every statistic but the
   * free energy (whose {@code c log L} and {@code L^p} terms are not added back), no angular kernel, no
   * weights and no free parameters (the form is derived for none of them).
   */
  public static boolean scalesAsymptotically(AttentionDerivation d) {
    return !d.isAngular() && !d.weighted() && d.spec().free().isEmpty() && d.spec().statistic() != AttentionStatistic.FREE_ENERGY;
  }

  /**
   * Whether the emitted class evaluates overflowing entries scaled: the derivation found the energy
   * linear and homogeneous in the entries, the kernel is no angular one, there is no free parameter,
   * and no divided difference but the energy's is in use (a linear energy's partials are constants
   * without any; the energy's, read by the entropy, multiply entry differences of the scaled vectors
   * and are scaled back).
   */
  public static boolean scalesEntries(AttentionDerivation d, Map<String, ? extends Map<String, ?>> differences,
      boolean linearHomogeneous) {
    AttentionStatistic stat = d.spec().statistic();
    // the energy's divided differences (read by the entropy) run on scaled entry differences, scaled back
    boolean noDifferences = differences.entrySet().stream().allMatch(f -> f.getValue().isEmpty() || f.getKey().equals("energy"));
    return linearHomogeneous && !d.isAngular() && d.spec().free().isEmpty() && noDifferences;
  }

  private static void variables(Expr e, Set<String> into) {
    if (e instanceof Expr.Var v) into.add(v.name());
    for (Expr c : Exprs.children(e)) variables(c, into);
  }

  /**
   * The attention class.
   *
   * @param energy the Gram-form energy lowered (variables qq, qk, kk, dd, dim), or for an angular
   *     kernel {@code g} (variables rho, dim)
   * @param partials lowered partials by Gram entry, or {@code "rho" -> g'} for an angular kernel
   */
  public static GeneratedSources emit(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, String packageName, String className) {
    return emit(d, energy, partials, differences, Map.of(), false, packageName, className);
  }

  /** @param parameterPartials the lowered partial of the energy by each free parameter */
  public static GeneratedSources emit(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Map<String, Expr> parameterPartials, String packageName, String className) {
    return emit(d, energy, partials, differences, parameterPartials, false, packageName, className);
  }

  /**
   * @param linearHomogeneous whether the derivation found the energy linear and homogeneous in the
   *     Gram entries (then entries that overflow are evaluated in a scaled representation)
   */
  public static GeneratedSources emit(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Map<String, Expr> parameterPartials, boolean linearHomogeneous,
      String packageName, String className) {
    return emit(d, energy, partials, differences, parameterPartials, linearHomogeneous, null, packageName, className);
  }

  /** @param asymptotic the lowered asymptotic form of a non-linear energy (or null) */
  public static GeneratedSources emit(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Map<String, Expr> parameterPartials, boolean linearHomogeneous,
      Asymptotic asymptotic, String packageName, String className) {
    return emit(d, energy, partials, differences, parameterPartials, linearHomogeneous, asymptotic, packageName, className, null);
  }

  /**
   * @param missed for a class written although it misses the contract ({@code --accept-inaccurate}):
   *     the measured worst errors and where, which its Javadoc states instead of the contract; null otherwise
   */
  public static GeneratedSources emit(AttentionDerivation d, Expr energy, Map<String, Expr> partials,
      Map<String, Map<String, Expr>> differences, Map<String, Expr> parameterPartials, boolean linearHomogeneous,
      Asymptotic asymptotic, String packageName, String className, String missed) {
    AttentionClassEmitter e = new AttentionClassEmitter(d, energy, partials, differences, parameterPartials, linearHomogeneous, asymptotic);
    e.missed = missed;
    java.util.Optional<GeneratedSources.Source> companion = e.simdCompanion(packageName, className);
    return new GeneratedSources(e.file(packageName, className), companion);
  }

  /** Whether this class has a SIMD companion ({@link AttentionSimdEmitter}); set by {@link #simdCompanion}. */
  private boolean simd;
  /** The measured misses of a class written with {@code --accept-inaccurate} (its Javadoc states them), or null. */
  private String missed;

  /**
   * The SIMD companion's source, when {@link AttentionSimdEmitter} supports the class (it must
   * compile on its own). Weighted entries and free parameters have no kernel: those classes, and
   * the log-prior overloads of every class, run the plain-Java code.
   */
  private java.util.Optional<GeneratedSources.Source> simdCompanion(String packageName, String className) {
    // (an energy of a fractional degree scales every key, small ones up: the kernels evaluate unscaled entries)
    if (weighted || !free.isEmpty() || (asym != null && asym.fractional())
        || !AttentionSimdEmitter.supports(angular(), stat == AttentionStatistic.MEAN)) {
      return java.util.Optional.empty();
    }
    String source = AttentionSimdEmitter.source(energy, partials, entries, usesDim, asym != null && asym.logForm(),
        packageName, className);
    SimdEmitter.compileSource(source, packageName, className);
    simd = true;
    return java.util.Optional.of(new GeneratedSources.Source(packageName, SimdEmitter.companionName(className), source));
  }

  private boolean angular() {
    return d.isAngular();
  }

  private JavaFile file(String packageName, String className) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("$L", AttentionJavadoc.of(d, scalable, asym, missed))
        .addField(FieldSpec.builder(String.class, "SPEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The derive options that regenerate this class.\n")
            .initializer("$S", d.spec().toCommandLine()).build())
        .addField(FieldSpec.builder(boolean.class, "USES_VALUES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Whether the statistic reads the values (otherwise {@code values} may be null and {@code m} 0).\n")
            .initializer("$L", stat.usesValues()).build())
        .addField(FieldSpec.builder(
            ParameterizedTypeName.get(ClassName.get(ThreadLocal.class), TypeName.get(double[].class)),
            "SCRATCH", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Per-thread double accumulators of the {@code float[]} methods (grown on demand, then reused).\n")
            .initializer("$T.withInitial(() -> new double[64])", ThreadLocal.class).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(outputs());
    if (simd) AttentionSimdHooks.install(type, packageName, className);
    for (boolean isFloat : new boolean[] {false, true}) {
      type.addMethod(value(isFloat, false));
      type.addMethod(backward(isFloat, false));
      type.addMethod(value(isFloat, true));
      type.addMethod(backward(isFloat, true));
      type.addMethod(valueBatch(isFloat));
      type.addMethod(backwardBatch(isFloat));
    }
    for (int i = 0; i < free.size(); i++) type.addMethod(parameterGradient(i));
    type.addMethod(checks());
    type.addMethod(scratch());
    for (boolean isFloat : new boolean[] {false, true}) {
      type.addMethod(valueCore(isFloat));
      type.addMethod(backwardCore(isFloat));
    }
    type.addMethod(scalarFunction("energy", energy, "The energy of one key (the kernel over the temperature)."));
    for (Map.Entry<String, Expr> p : partials.entrySet()) {
      type.addMethod(scalarFunction("d" + p.getKey(), p.getValue(),
          angular() ? "{@code g'(rho)}, the energy's derivative by the cosine." : "The energy's partial by {@code " + p.getKey() + "}."));
    }
    for (int i = 0; i < free.size(); i++) {
      type.addMethod(scalarFunction("dParam" + i, parameterPartials.get(i), "The energy's partial by the free parameter {@code "
          + free.get(i) + "}" + (angular() ? ", as a function of the cosine." : ".")));
    }
    for (Map.Entry<String, Map<String, Expr>> f : differences.entrySet()) {
      for (Map.Entry<String, Expr> v : f.getValue().entrySet()) {
        type.addMethod(differenceFunction(differenceName(f.getKey(), v.getKey()), v.getValue(),
            "Divided difference of " + (f.getKey().equals("energy") ? "the energy"
                : f.getKey().startsWith("param") ? "the partial by {@code " + free.get(Integer.parseInt(f.getKey().substring(5))) + "}"
                : "the partial by {@code " + f.getKey() + "}")
                + " by {@code " + v.getKey() + "} between a key and the winning key ({@code ...W})."));
      }
    }
    if (asym != null && asym.logForm()) {
      type.addMethod(scaledFunction("logArgument", asym.logArgument(), scalarArgs(),
          "The energy is {@code logFactor(dim) log R}: this is {@code R(g', t)} at entries scaled by {@code L = 1/t} ({@code t = 1} unscaled)."));
      type.addMethod(function("logFactor", asym.logFactor(), List.of("dim"), "The factor {@code a} of the energy {@code a log R} (free of the entries)."));
    }
    if (asym != null) {
      type.addMethod(scaledFunction("energyScaled", asym.energy(), scalarArgs(),
          "The scaled energy {@code f(g', t)}: {@code e(g) = L^" + asym.powerText() + " f(g/L, 1/L) + c log L} ({@code L = 2^2se}, {@code t = tscale})."));
      for (Map.Entry<String, Expr> p : asym.partials().entrySet()) {
        type.addMethod(scaledFunction("d" + p.getKey() + "Scaled", p.getValue(), scalarArgs(),
            "{@code f}'s partial by {@code " + p.getKey() + "}: {@code e_" + p.getKey() + "(g) = L^" + AsymptoticScaling.powerText(asym.twicePower() - 2) + "} times it."));
      }
      for (Map.Entry<String, Map<String, Expr>> f : asym.differences().entrySet()) {
        for (Map.Entry<String, Expr> v : f.getValue().entrySet()) {
          type.addMethod(scaledFunction(differenceName(f.getKey(), v.getKey()) + "Scaled", v.getValue(), differenceArgs(),
              "Divided difference of " + (f.getKey().equals("energy") ? "{@code f}" : "{@code f}'s partial by {@code " + f.getKey() + "}")
                  + " by {@code " + v.getKey() + "} between a key and the winning key, at scaled entries."));
        }
      }
    }
    if (flat()) {
      type.addMethod(scalarFunction("ratioFactor", asym.ratioFactor(), "The factor {@code c} of the energy {@code c qk^2 / (dd + kappa)}."));
      type.addMethod(MethodSpec.methodBuilder("nearTie").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("Whether the energies {@code e} (scale {@code x}) and {@code m} (scale {@code mx}) agree to 16 units in the last\n"
              + "place of the larger, compared in the smaller of the two units.\n")
          .returns(boolean.class).addParameter(double.class, "e").addParameter(int.class, "x").addParameter(double.class, "m")
          .addParameter(int.class, "mx")
          .addStatement("int lo = Math.min(x, mx)")
          .addStatement("double a = Math.scalb(e, $L * (x - lo))", asym.twicePower())
          .addStatement("double b = Math.scalb(m, $L * (mx - lo))", asym.twicePower())
          .addStatement("double big = Math.max(Math.abs(a), Math.abs(b))")
          .addStatement("return big > 0.0 && big < Double.POSITIVE_INFINITY && Math.abs(a - b) <= 0x1p-48 * big").build());
    }
    if (ratio()) {
      type.addMethod(scalarFunction("ratioShift", asym.ratioShift(), "The constant {@code kappa = " + asym.ratioFormula()
          + "} of {@code -f_qk qk / (2 f_dd) = dd + kappa} (the energy is a function of {@code qk^2 / (dd + kappa)})."));
      type.addMethod(scaledFunction("ratioShiftScaled", asym.ratioShiftScaled(), scalarArgs(),
          "The same for {@code f} at scaled entries: {@code -f_qk qk / (2 f_dd) - dd}, free of the entries."));
    }
    type.addMethod(MethodSpec.methodBuilder("weight").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("{@code exp(m - e)}, exactly 1 at the minimum (also when it is {@code -Infinity}).\n")
        .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "e").addParameter(TypeName.DOUBLE, "m")
        .addStatement("return e == m ? 1.0 : Math.exp(m - e)").build());
    if (stat != AttentionStatistic.MODE) {
      // a weight below the normal range times a large value or upstream can be representable (and decide the output
      // or a gradient): 1e-348 times 1e200 is 1e-148, which the weight, rounded to 0 first, loses
      type.addMethod(MethodSpec.methodBuilder("tinyWeighted").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("{@code x exp(-g) inv} for a weight {@code exp(-g)} below {@code 2^-1000}, {@code g <= TINY_GAP}: two\n"
              + "half-weights {@code exp(-g/2)} (normal there), multiplied in after {@code x}, so that a representable\n"
              + "product is not lost with the weight (rounded to 0 or subnormal on its own).\n")
          .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "x").addParameter(TypeName.DOUBLE, "g")
          .addParameter(TypeName.DOUBLE, "inv")
          .addStatement("double h = Math.exp(-0.5 * g)")
          .addStatement("return ((x * inv) * h) * h").build());
    }
    if (asym != null) {
      type.addMethod(asymptoticGap());
      if (differences.values().stream().anyMatch(byEntry -> !byEntry.isEmpty())) {
        type.addMethod(MethodSpec.methodBuilder("close").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc("Whether two Gram entries are equal or of one sign and within a factor 2 (their difference is then exact).\n")
            .returns(boolean.class).addParameter(TypeName.DOUBLE, "a").addParameter(TypeName.DOUBLE, "b")
            .addStatement("return a == b || (a > 0.0 ? b > 0.0 && a <= 2.0 * b && b <= 2.0 * a : a < 0.0 && b < 0.0 && a >= 2.0 * b && b >= 2.0 * a)")
            .build());
      }
    }
    if (asym != null) {
      if (asym.logCoefficient() != null) {
        type.addMethod(function("logCoefficient", asym.logCoefficient(), List.of("dim"),
            "The coefficient {@code c} of {@code c log L} in the asymptotic form (free of the entries)."));
      }
    }
    if (scalable && asym == null) {
      type.addMethod(MethodSpec.methodBuilder("gap").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("The energy gap {@code (2^2se e - p) - (2^2se m - pm)} of a key to the minimum, from the kernel energies\n"
              + "{@code e, m} in units of {@code 2^-2se} and the log-priors {@code p, pm} kept apart: 0 exactly for tied keys.\n"
              + "{@code f = 2^se}: multiplying by it twice is exact (a gap that overflows has weight 0 anyway).\n")
          .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "e").addParameter(TypeName.DOUBLE, "p")
          .addParameter(TypeName.DOUBLE, "m").addParameter(TypeName.DOUBLE, "pm").addParameter(TypeName.DOUBLE, "f")
          .addStatement("double k = e == m && e < Double.POSITIVE_INFINITY ? 0.0 : $L", gapTimesScale())
          .addStatement("return p == pm ? k : k - (p - pm)").build());
    }
    if (scalable) {
      if (asym != null && asym.logForm()) {
        // at the largest scales R_j / R_min overflows (R_min = t = 2^-2se for a key equal to the query, R_j about
        // 2^384): the gap is finite (about 900 for a = 1) and its weight, below the normal range, can still matter
        type.addMethod(MethodSpec.methodBuilder("logRatio").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc("{@code log(e / m)} of two positive arguments also where the quotient overflows or underflows: their\n"
                + "binary exponents apart ({@code (ke - km) log 2} rounds to a few units in 1e-13 of the gap there); zeros,\n"
                + "infinities and NaN as the quotient gives them.\n")
            .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "e").addParameter(TypeName.DOUBLE, "m")
            .addParameter(int.class, "dx")
            .addJavadoc("{@code e} is in units of {@code 2^dx} relative to {@code m} (keys of different scales).\n")
            .addStatement("double r = e / m")
            .beginControlFlow("if ((dx == 0 && r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY)"
                + " || !(e > 0.0 && m > 0.0 && e < Double.POSITIVE_INFINITY && m < Double.POSITIVE_INFINITY))")
            .addStatement("return dx == 0 ? Math.log(r) : Math.log(Math.scalb(r, dx))")
            .endControlFlow()
            .addStatement("int ke = Math.getExponent(e)")
            .addStatement("int km = Math.getExponent(m)")
            .addStatement("return Math.log(Math.scalb(e, -ke) / Math.scalb(m, -km)) + (ke - km + dx) * Math.log(2.0)").build());
      }
      type.addMethod(MethodSpec.methodBuilder("weight").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("{@code exp(-g)} of an energy gap to the minimum, exactly 1 at the minimum.\n")
          .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "g")
          .addStatement("return g == 0.0 ? 1.0 : Math.exp(-g)").build());
      for (boolean isFloat : new boolean[] {false, true}) {
        if (asym == null) {
          type.addMethod(AttentionKernels.rescaleExponent(array(isFloat)));
        } else {
          type.addMethod(AttentionKernels.largest(array(isFloat)));
          type.addMethod(AttentionKernels.keyScale(array(isFloat), asym.target(), productScale(), asym.fractional()));
          if (losesSmallVectors()) type.addMethod(AttentionKernels.lost(array(isFloat)));
          if (!asym.logForm() && differences.get("energy") != null && !differences.get("energy").isEmpty()) {
            type.addMethod(energyDifference(isFloat));
          }
          if (flat()) {
            type.addMethod(flatGap(isFloat));
            type.addMethod(ratioAt(isFloat));
          }
        }
      }
    }
    for (boolean isFloat : new boolean[] {false, true}) {
      for (MethodSpec m : AttentionKernels.helpers(isFloat, angular(), entries, stat == AttentionStatistic.MEAN,
          scalable || differences.values().stream().anyMatch(byEntry -> !byEntry.isEmpty()), weighted, scalable)) {
        type.addMethod(m);
      }
    }
    List<Expr> all = new ArrayList<>(partials.values());
    all.add(energy);
    all.addAll(parameterPartials);
    for (Fn fn : Exprs.functionsUsed(all)) KnownFunctions.of(fn).helper().ifPresent(type::addMethod);
    return JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  /**
   * The gap helper of an asymptotic class: keys carry their energy {@code f} in units of {@code L^p}
   * ({@code L = 2^2se}, their own {@code se}), or for a single logarithm its argument {@code R'} ({@code
   * R = L^k R'}); the gap is taken in the smaller of the two keys' units (the other energy scaled to
   * it exactly: a key far below the largest keeps its energy, which in the larger unit could round to
   * 0), plus {@code c log(L_j / L_min)}; infinite energies that tie (keys equal to the query) have gap 0.
   */
  private MethodSpec asymptoticGap() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("gap").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, "e").addParameter(int.class, "x").addParameter(TypeName.DOUBLE, "p")
        .addParameter(TypeName.DOUBLE, "m").addParameter(int.class, "mx").addParameter(TypeName.DOUBLE, "pm");
    if (asym.logForm()) {
      m.addJavadoc("The energy gap {@code a log(R_j / R_min) - (p - pm)} of a key to the minimum: {@code e, m} are the\n"
              + "arguments {@code R'} of the two keys at their scales {@code x, mx} ({@code R = 2^(2 k x) R'}, k = $L), {@code f = a};\n"
              + "the log-priors {@code p, pm} are kept apart: 0 exactly for tied keys.\n", asym.logDegree())
          .addParameter(TypeName.DOUBLE, "f")
          .addStatement("double k = e == m && (x == mx || e == 0.0 || e == Double.POSITIVE_INFINITY) ? 0.0 : f * logRatio(e, m, $L)",
              asym.logDegree() == 0 ? "0" : 2 * asym.logDegree() + " * (x - mx)");
    } else {
      int p2 = asym.twicePower();
      m.addJavadoc("The energy gap {@code (L_x^p e - p) - (L_mx^p m - pm)} of a key to the minimum ({@code L_x = 2^2x}, p = $L), taken\n"
              + "in the smaller of the two units (the other energy scaled to it exactly), plus {@code c log(L_x / L_mx)}; the\n"
              + "log-priors {@code p, pm} are kept apart: 0 exactly for tied keys (also tied infinite energies).\n", asym.powerText())
          .addStatement("double k");
      m.beginControlFlow("if (e == m && (x == mx || e == 0.0 || Double.isInfinite(e)))").addStatement("k = 0.0");
      if (p2 == 0) {
        m.nextControlFlow("else").addStatement("k = e - m");
      } else {
        m.nextControlFlow("else if (x == mx)").addStatement("k = Math.scalb(e - m, $L * x)", p2)
            .nextControlFlow("else")
            .addStatement("int lo = Math.min(x, mx)")
            .addStatement("k = Math.scalb(Math.scalb(e, $L * (x - lo)) - Math.scalb(m, $L * (mx - lo)), $L * lo)", p2, p2, p2);
      }
      m.endControlFlow();
      if (asym.logCoefficient() != null) {
        m.addParameter(TypeName.DOUBLE, "c").addStatement("if (x != mx) k += c * (2 * (x - mx)) * Math.log(2.0)");
      }
    }
    return m.addStatement("return p == pm ? k : k - (p - pm)").build();
  }

  /** The call of {@link #asymptoticGap} for the key's {@code e} at its scale {@code se}. */
  private String asymptoticGapCall() {
    // (before the first minimum, the sentinel mm is taken in the key's own units, as a common scale had it)
    return "gap(e, se, ep, mm, mko < 0 ? se : ms, mp" + (asym.logForm() ? ", gapScale" : "") + (asym.logCoefficient() != null ? ", logCoefficient(dim)" : "") + ")";
  }

  /** {@code (e - m)} in the caller's units: times {@code 2^2se} (linear, or {@code p = 1}), {@code L^p} in general. */
  private String gapTimesScale() {
    // one logarithm: e and m are the arguments R of a log R, f is a; the quotient keeps the gap's rounding to a few
    // units of a, where (a log R_j) - (a log R_min) would carry that of |a log R| (1e4 and more at large d and scales)
    if (asym != null && asym.logForm()) return "f * logRatio(e, m)";
    if (asym == null || asym.twicePower() == 2) return "(e - m) * f * f";
    if (asym.twicePower() == 0) return "(e - m)";
    return "Math.scalb(e - m, " + asym.twicePower() + " * Math.getExponent(f))";
  }

  /**
   * The running minimum's start: {@code usual}, or for a single logarithm {@code a log R} (keys carry
   * {@code R}) the argument above every key's energy by the sign of {@code a} ({@code gapScale}): the
   * largest {@code R} for {@code a > 0}, the smallest for {@code a < 0}.
   */
  private String sentinel(String usual, String forNegativeFactor) {
    return asym != null && asym.logForm() ? "gapScale > 0.0 ? " + usual + " : " + forNegativeFactor : usual;
  }

  /** A scaled function: the arguments {@code args} and {@code tscale}. */
  private MethodSpec scaledFunction(String name, Expr e, List<String> args, String doc) {
    List<String> all = new ArrayList<>(args);
    all.add("tscale");
    return function(name, e, all, doc);
  }

  private MethodSpec function(String name, Expr e, List<String> all, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("$L\n", doc).returns(TypeName.DOUBLE);
    for (String a : all) m.addParameter(TypeName.DOUBLE, a);
    Cse.Result r = Cse.eliminate(List.of(e), Set.copyOf(all));
    for (Cse.Binding b : r.bindings()) m.addStatement("double $L = $L", b.name(), printer.print(b.expr()));
    return m.addStatement("return $L", printer.print(r.roots().get(0))).build();
  }

  /**
   * A call of the scalar function {@code name} with {@code args}; for an asymptotic class, of its
   * scaled twin ({@code tscale} appended) once the entries are scaled ({@code se != 0}).
   */
  private String call(String name, String args) {
    if (asym == null) return name + "(" + args + ")";
    return "(se == 0 ? " + name + "(" + args + ") : " + name + "Scaled(" + args + ", tscale))";
  }

  private List<String> scalarArgs() {
    List<String> args = new ArrayList<>(angular() ? List.of("rho") : List.copyOf(entries));
    args.add("dim");
    args.addAll(free);
    return args;
  }

  /** The scalar functions' arguments inside the cores, where the free parameters are {@code param0, ...}. */
  private String callArgs() {
    List<String> args = new ArrayList<>(angular() ? List.of("rho") : List.copyOf(entries));
    args.add("dim");
    for (int i = 0; i < free.size(); i++) args.add("param" + i);
    return String.join(", ", args);
  }

  /** Names the public methods may not give a free parameter (their own parameters and locals). */
  private static final Set<String> TAKEN = Set.of("q", "qOff", "keys", "kOff", "values", "vOff", "n", "d", "m", "out", "outOff",
      "upstream", "upOff", "gradQ", "gqOff", "gradKeys", "gkOff", "gradValues", "gvOff", "w", "wOff", "gradW", "gwOff",
      "logPrior", "pOff", "gradPrior", "gpOff", "queries", "acc", "i", "j", "per", "buf", "nd", "nm");

  /** The public name of free parameter {@code i}: its own unless that is taken. */
  private String publicName(int i) {
    String f = free.get(i);
    return TAKEN.contains(f) || !javax.lang.model.SourceVersion.isName(f) ? "param" + i : f;
  }

  /** The free parameters as trailing arguments of a call from a public method ({@code ", s, nu"}). */
  private String freeArgs() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < free.size(); i++) b.append(", ").append(publicName(i));
    return b.toString();
  }

  /** Adds the free parameters as trailing {@code double} parameters (public names, or the cores' {@code paramI}). */
  private MethodSpec.Builder freeParameters(MethodSpec.Builder m, boolean publicNames) {
    for (int i = 0; i < free.size(); i++) m.addParameter(TypeName.DOUBLE, publicNames ? publicName(i) : "param" + i);
    return m;
  }

  /** A backwardCore call's trailing arguments: no parameter gradient, the public free parameters. */
  private String backwardTail() {
    return (free.isEmpty() ? "" : ", null, 0") + freeArgs();
  }

  private MethodSpec scalarFunction(String name, Expr e, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("$L\n", doc).returns(TypeName.DOUBLE);
    for (String a : scalarArgs()) m.addParameter(TypeName.DOUBLE, a);
    Cse.Result r = Cse.eliminate(List.of(e), Set.copyOf(scalarArgs()));
    for (Cse.Binding b : r.bindings()) m.addStatement("double $L = $L", b.name(), printer.print(b.expr()));
    return m.addStatement("return $L", printer.print(r.roots().get(0))).build();
  }

  private static final List<String> DIFFERENCE_ENTRIES = List.of("qq", "qk", "kk", "dd", "qkW", "kkW", "ddW", "dim");

  private List<String> differenceArgs() {
    List<String> args = new ArrayList<>(DIFFERENCE_ENTRIES);
    args.addAll(free);
    return args;
  }

  private static String differenceName(String function, String entry) {
    return "diff" + Character.toUpperCase(function.charAt(0)) + function.substring(1) + "By"
        + Character.toUpperCase(entry.charAt(0)) + entry.substring(1);
  }

  private MethodSpec differenceFunction(String name, Expr e, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("$L\n", doc).returns(TypeName.DOUBLE);
    for (String a : differenceArgs()) m.addParameter(TypeName.DOUBLE, a);
    Cse.Result r = Cse.eliminate(List.of(e), Set.copyOf(differenceArgs()));
    for (Cse.Binding b : r.bindings()) m.addStatement("double $L = $L", b.name(), printer.print(b.expr()));
    return m.addStatement("return $L", printer.print(r.roots().get(0))).build();
  }

  /**
   * {@code F(key j) - F(winner)} as Java, from the divided differences and the entries'
   * differences {@code dQk, dKk, dDd} (computed from the vectors); null without differences for F.
   */
  private String difference(String function) {
    Map<String, Expr> dd = differences.get(function);
    if (dd == null) return null;
    if (dd.isEmpty()) return "0.0";
    List<String> present = new ArrayList<>();
    for (String a : DIFFERENCE_ENTRIES) {
      String base = a.endsWith("W") ? a.substring(0, a.length() - 1) : a;
      present.add(a.equals("dim") || a.endsWith("W") || entries.contains(base) ? a : "0.0");
    }
    for (int i = 0; i < free.size(); i++) present.add("param" + i);
    String args = String.join(", ", present);
    List<String> terms = new ArrayList<>();
    for (String v : dd.keySet()) {
      String dv = "d" + Character.toUpperCase(v.charAt(0)) + v.substring(1);
      // asymptotic classes: an entry difference of 0 (keys equal to the winner) contributes 0 also where the
      // divided difference is infinite (t underflowed: a key equal to the query in the Yat kernel)
      terms.add(asym == null ? dv + " * " + differenceName(function, v) + "(" + args + ")"
          : "(" + dv + " == 0.0 ? 0.0 : " + dv + " * " + call(differenceName(function, v), args) + ")");
    }
    String sum = "(" + String.join(" + ", terms) + ")";
    if (asym != null && function.equals("energy")) {
      // the energy's difference is L^p times f's
      return asym.twicePower() == 0 ? sum : "Math.scalb(" + sum + ", " + asym.twicePower() + " * se)";
    }
    // scalable classes: the entry differences are in units of 2^-2se, and so is a linear energy's difference
    return scalable && function.equals("energy") ? "(" + sum + " * gapScale * gapScale)" : sum;
  }

  /**
   * Asymptotic classes: the divided difference {@code divided} where the key's Gram entries are
   * close to the winner's ({@code close}), else the partials' difference {@code direct}.
   */
  private String closeOr(String divided, String direct) {
    return divided == null ? direct : "(close ? " + divided + " : " + direct + ")";
  }

  /** The entries' differences to the winner, from the vectors (only when some difference is used). */
  private CodeBlock entryDifferences() {
    CodeBlock.Builder b = CodeBlock.builder();
    if (asym != null) {
      // divided differences only for keys whose Gram entries are within a factor 2 of the winner's (near-duplicates, where
      // the partials' difference cancels): as written (expanded over dd - ddW), their denominators cancel where dd is far
      // below ddW, (1 + dd)^2 as 1 + t3^2 + 2 t3 + 2 ddW + 2 t3 ddW + ddW^2 with t3 = dd - ddW gave 0 (Yat: grad q Infinity
      // at a key of 2e-170 next to a winner of 3e14, query 2e-57)
      List<String> tests = new ArrayList<>();
      for (String g : List.of("qk", "kk", "dd")) if (entries.contains(g)) tests.add("close(" + g + ", " + g + "W)");
      b.addStatement("boolean close = j == win$L", tests.isEmpty() ? "" : " || (" + String.join(" && ", tests) + ")");
    }
    Set<String> used = new TreeSet<>();
    for (Map<String, Expr> byEntry : differences.values()) used.addAll(byEntry.keySet());
    List<String> kinds = List.of("qk", "kk", "dd");
    for (int kind = 0; kind < kinds.size(); kind++) {
      String v = kinds.get(kind);
      if (!used.contains(v)) continue;
      b.addStatement("double d$L = j == win ? 0.0 : keyDifference($L, q, qOff, keys, ko, kwo, d$L$L)",
          Character.toUpperCase(v.charAt(0)) + v.substring(1), kind, weights(), factor());
    }
    return b.build();
  }

  /** The weight arguments of the core and helper calls ({@code ", w, wo"}), empty without weights. */
  private String weights() {
    return weighted ? ", wt, wo" : "";
  }

  /** The public methods' trailing weight vector {@code w, wOff} (weighted kernels). */
  private MethodSpec.Builder weightParameters(MethodSpec.Builder m, boolean isFloat) {
    if (weighted) m.addParameter(array(isFloat), "w").addParameter(int.class, "wOff");
    return m;
  }

  /** Range checks of the weights (and of their gradient, which may be null). */
  private void weightChecks(MethodSpec.Builder m, boolean gradient, String rows) {
    if (!weighted) return;
    m.addStatement("$T.checkFromIndexSize(wOff, d, w.length)", OBJECTS);
    if (gradient) {
      m.beginControlFlow("if (gradW != null)")
          .addStatement("$T.checkFromIndexSize(gwOff, d, gradW.length)", OBJECTS)
          .endControlFlow();
    }
  }

  /** A gradient term in the scaled upstream's units, back in the caller's (the mean scales the upstream). */
  private String rescaled(String expr) {
    return stat == AttentionStatistic.MEAN ? "Math.scalb(" + expr + ", ue)" : expr;
  }

  private static TypeName array(boolean isFloat) {
    return ArrayTypeName.of(isFloat ? TypeName.FLOAT : TypeName.DOUBLE);
  }

  /** How many outputs per query, as Java over n and m. */
  private String outs() {
    return switch (stat.outputs()) {
      case "m" -> "m";
      case "n" -> "n";
      default -> "1";
    };
  }

  private MethodSpec outputs() {
    return MethodSpec.methodBuilder("outputs").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("How many entries {@code value} writes per query ($L).\n", stat.outputs())
        .returns(int.class).addParameter(int.class, "n").addParameter(int.class, "m")
        .addStatement("return $L", outs()).build();
  }

  // ------------------------------------------------------------------ public API

  private MethodSpec.Builder inputs(MethodSpec.Builder m, boolean isFloat) {
    return m.addParameter(array(isFloat), "q").addParameter(int.class, "qOff")
        .addParameter(array(isFloat), "keys").addParameter(int.class, "kOff")
        .addParameter(array(isFloat), "values").addParameter(int.class, "vOff")
        .addParameter(int.class, "n").addParameter(int.class, "d").addParameter(int.class, "m");
  }

  /** The per-key log-prior arguments of a core call: the caller's, or none. */
  private static String priorArgs(boolean priors, boolean gradient) {
    String in = priors ? ", logPrior, pOff" : ", null, 0";
    return in + (gradient ? (priors ? ", gradPrior, gpOff" : ", null, 0") : "");
  }

  /** {@code logPrior_j - logPrior_win}: the log-priors' part of {@code e_j - e_win} (with a minus sign). */
  private static String priorGap(boolean isFloat) {
    return "(logPrior == null ? 0.0 : " + (isFloat ? "(double) " : "") + "logPrior[po + j] - logPrior[po + win])";
  }

  private static final String PRIOR_DOC = "\nWith per-key log-priors {@code logPrior[pOff .. pOff + n - 1]} (null for none) the energies are\n"
      + "{@code e_j = kappa(q, k_j) / T - logPrior_j}: a bias, or a mask where it is {@code -Infinity}. A query whose keys are all\n"
      + "masked has no posterior: its outputs are NaN.";

  private MethodSpec value(boolean isFloat, boolean priors) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Writes the $L for the query {@code q[qOff .. qOff + d - 1]} against the {@code n} keys\n"
            + "{@code keys[kOff ..]} (row-major {@code n x d}) and values {@code values[vOff ..]} (row-major {@code n x m})\n"
            + "to {@code out[outOff ..]} ({@link #outputs} entries). $L$L$L\n\n"
            + "@throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive\n"
            + "@throws IndexOutOfBoundsException if a range lies outside its array\n",
            stat.definition().replace("_", "_"), stat.usesValues() ? "" : "{@code values} is not read (it may be null).",
            weighted ? "\nThe diagonal weights are {@code w[wOff .. wOff + d - 1]} (positive)." : "", priors ? PRIOR_DOC : "");
    inputs(m, isFloat).addParameter(array(isFloat), "out").addParameter(int.class, "outOff");
    weightParameters(m, isFloat);
    if (priors) m.addParameter(array(isFloat), "logPrior").addParameter(int.class, "pOff");
    freeParameters(m, true);
    m.addStatement("checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, "
        + "values == null ? -1 : values.length, vOff, n, d, m)");
    m.addStatement("$T.checkFromIndexSize(outOff, $L, out.length)", OBJECTS, outs());
    weightChecks(m, false, null);
    if (priors) m.addStatement("if (logPrior != null) $T.checkFromIndexSize(pOff, n, logPrior.length)", OBJECTS);
    if (isFloat) {
      m.addStatement("double[] acc = scratch($L)", outs());
      if (simd && !priors) AttentionSimdHooks.value(m, isFloat, outs());
      m.addCode(coreCall("valueCore", String.format("q, qOff, keys, kOff, values, vOff, n, d, m, acc, 0%s%s%s", weighted ? ", w, wOff" : "", priorArgs(priors, false), freeArgs())))
          .beginControlFlow("for (int i = 0; i < $L; i++)", outs())
          .addStatement("out[outOff + i] = (float) acc[i]")
          .endControlFlow();
    } else {
      if (simd && !priors) AttentionSimdHooks.value(m, isFloat, outs());
      m.addCode(coreCall("valueCore", String.format("q, qOff, keys, kOff, values, vOff, n, d, m, out, outOff%s%s%s", weighted ? ", w, wOff" : "", priorArgs(priors, false), freeArgs())));
    }
    return m.build();
  }

  private MethodSpec backward(boolean isFloat, boolean priors) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("backward").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The vector-Jacobian product of {@code value}: for the upstream {@code upstream[upOff ..]} ({@link #outputs}\n"
            + "entries), writes {@code d L / d q} to {@code gradQ[gqOff ..]} ({@code d} entries), {@code d L / d keys} to\n"
            + "{@code gradKeys[gkOff ..]} ({@code n x d}) and {@code d L / d values} to {@code gradValues[gvOff ..]} ({@code n x m};\n"
            + "{@code gradValues} may be null when the statistic does not read values). The gradient arrays must not\n"
            + "overlap the inputs or each other.$L$L\n\n"
            + "@throws IllegalArgumentException if {@code n}, {@code m} is negative or {@code d} is not positive\n"
            + "@throws IndexOutOfBoundsException if a range lies outside its array\n",
            weighted ? "\nWith the diagonal weights {@code w[wOff .. wOff + d - 1]}, writes {@code d L / d w} to\n"
                + "{@code gradW[gwOff ..]} ({@code d} entries; {@code gradW} may be null)." : "",
            priors ? PRIOR_DOC + "\n{@code d L / d logPrior} ({@code n} entries, {@code -dL/de_j}) goes to {@code gradPrior[gpOff ..]}"
                + " (may be null)." : "");
    inputs(m, isFloat).addParameter(array(isFloat), "upstream").addParameter(int.class, "upOff")
        .addParameter(array(isFloat), "gradQ").addParameter(int.class, "gqOff")
        .addParameter(array(isFloat), "gradKeys").addParameter(int.class, "gkOff")
        .addParameter(array(isFloat), "gradValues").addParameter(int.class, "gvOff");
    gradientWeightParameters(m, isFloat);
    if (priors) {
      m.addParameter(array(isFloat), "logPrior").addParameter(int.class, "pOff")
          .addParameter(array(isFloat), "gradPrior").addParameter(int.class, "gpOff");
    }
    freeParameters(m, true);
    m.addStatement("checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, "
        + "values == null ? -1 : values.length, vOff, n, d, m)");
    if (priors) {
      m.addStatement("if (logPrior != null) $T.checkFromIndexSize(pOff, n, logPrior.length)", OBJECTS)
          .addStatement("if (gradPrior != null) $T.checkFromIndexSize(gpOff, n, gradPrior.length)", OBJECTS);
    }
    m.addStatement("$T.checkFromIndexSize(upOff, $L, upstream.length)", OBJECTS, outs())
        .addStatement("$T.checkFromIndexSize(gqOff, d, gradQ.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length)", OBJECTS);
    if (stat.usesValues()) {
      m.addStatement("$T.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length)", OBJECTS);
    }
    weightChecks(m, true, null);
    if (isFloat) {
      m.addStatement("double[] acc = scratch($L)", weighted ? "2 * d" : "d");
      if (weighted) m.addStatement("$T.fill(acc, d, 2 * d, 0.0)", java.util.Arrays.class);
      m.addCode(coreCall("backwardCore", String.format("q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, acc, 0, gradKeys, gkOff, gradValues, gvOff, false%s%s%s",
              weighted ? ", w, wOff, gradW == null ? null : acc, d" : "", priorArgs(priors, true), backwardTail())))
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("gradQ[gqOff + i] = (float) acc[i]");
      if (weighted) m.addStatement("if (gradW != null) gradW[gwOff + i] = (float) acc[d + i]");
      m.endControlFlow();
    } else {
      if (weighted) {
        m.beginControlFlow("if (gradW != null)").addStatement("$T.fill(gradW, gwOff, gwOff + d, 0.0)", java.util.Arrays.class).endControlFlow();
      }
      if (simd && !priors) AttentionSimdHooks.backward(m);
      m.addCode(coreCall("backwardCore", String.format("q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, gradQ, gqOff, gradKeys, gkOff, gradValues, gvOff, false%s%s%s",
          weighted ? ", w, wOff, gradW, gwOff" : "", priorArgs(priors, true), backwardTail())));
    }
    return m.build();
  }

  /**
   * {@code d<Param>}: the gradient of {@code <upstream, value(...)>} by free parameter {@code i}. It
   * runs the backward pass into a per-thread scratch of {@code n (d + m) + d} doubles plus one per free
   * parameter (allocated on a thread's first call, grown when a larger size arrives, then reused).
   */
  private MethodSpec parameterGradient(int index) {
    String f = free.get(index);
    MethodSpec.Builder m = MethodSpec.methodBuilder("d" + Character.toUpperCase(f.charAt(0)) + f.substring(1))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(TypeName.DOUBLE)
        .addJavadoc("The derivative of {@code <upstream, value(...)>} by the free parameter {@code $L} (the upstream as in\n"
            + "{@code backward}). Runs the backward pass into a per-thread scratch of {@code n (d + m) + d} doubles (plus one\n"
            + "per free parameter), allocated on a thread's first call and reused.\n", f);
    inputs(m, false).addParameter(double[].class, "upstream").addParameter(int.class, "upOff");
    weightParameters(m, false);
    freeParameters(m, true);
    m.addStatement("checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, "
        + "values == null ? -1 : values.length, vOff, n, d, m)")
        .addStatement("$T.checkFromIndexSize(upOff, $L, upstream.length)", OBJECTS, outs());
    weightChecks(m, false, null);
    m.addStatement("int nd = Math.multiplyExact(n, d)")
        .addStatement("int nm = Math.multiplyExact(n, m)")
        .addStatement("double[] buf = scratch(d + nd + nm + $L)", free.size())
        .addStatement("$T.fill(buf, d + nd + nm, d + nd + nm + $L, 0.0)", java.util.Arrays.class, free.size())
        .addStatement("backwardCore(q, qOff, keys, kOff, values, vOff, n, d, m, upstream, upOff, buf, 0, buf, d, buf, d + nd, false$L, "
            + "null, 0, null, 0, buf, d + nd + nm$L)", weighted ? ", w, wOff, null, 0" : "", freeArgs())
        .addStatement("return buf[d + nd + nm + $L]", index);
    return m.build();
  }

  /** The trailing {@code w, wOff, gradW, gwOff} of the backward methods (weighted kernels). */
  private MethodSpec.Builder gradientWeightParameters(MethodSpec.Builder m, boolean isFloat) {
    if (weighted) {
      weightParameters(m, isFloat).addParameter(array(isFloat), "gradW").addParameter(int.class, "gwOff");
    }
    return m;
  }

  private MethodSpec valueBatch(boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("valueBatch").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("{@code value} for {@code queries} queries, row-major in {@code q[qOff ..]} ({@code queries x d}),\n"
            + "against the same keys and values; the outputs are row-major in {@code out[outOff ..]}\n"
            + "({@code queries x outputs(n, m)}).\n");
    m.addParameter(int.class, "queries");
    inputs(m, isFloat).addParameter(array(isFloat), "out").addParameter(int.class, "outOff");
    weightParameters(m, isFloat);
    freeParameters(m, true);
    return m.beginControlFlow("if (queries < 0)")
        .addStatement("throw new IllegalArgumentException(\"queries < 0: \" + queries)")
        .endControlFlow()
        .addStatement("int per = outputs(n, m)")
        .beginControlFlow("for (int i = 0; i < queries; i++)")
        .addStatement("value(q, qOff + i * d, keys, kOff, values, vOff, n, d, m, out, outOff + i * per$L$L)", weighted ? ", w, wOff" : "", freeArgs())
        .endControlFlow().build();
  }

  private MethodSpec backwardBatch(boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("backwardBatch").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("{@code backward} for {@code queries} queries (row-major, as in {@code valueBatch}), with the upstream\n"
            + "row-major ({@code queries x outputs(n, m)}): {@code gradQ} gets one row per query, {@code gradKeys} and\n"
            + "{@code gradValues} the sums over the queries (they are overwritten, not added to)$L.\n",
            weighted ? "; so does {@code gradW}" : "");
    m.addParameter(int.class, "queries");
    inputs(m, isFloat).addParameter(array(isFloat), "upstream").addParameter(int.class, "upOff")
        .addParameter(array(isFloat), "gradQ").addParameter(int.class, "gqOff")
        .addParameter(array(isFloat), "gradKeys").addParameter(int.class, "gkOff")
        .addParameter(array(isFloat), "gradValues").addParameter(int.class, "gvOff");
    gradientWeightParameters(m, isFloat);
    freeParameters(m, true);
    m.beginControlFlow("if (queries < 0)")
        .addStatement("throw new IllegalArgumentException(\"queries < 0: \" + queries)")
        .endControlFlow()
        .addStatement("checks(q == null ? -1 : q.length, qOff, keys == null ? -1 : keys.length, kOff, "
            + "values == null ? -1 : values.length, vOff, n, d, m)")
        .addStatement("int per = outputs(n, m)")
        .addStatement("$T.checkFromIndexSize(qOff, Math.multiplyExact(queries, d), q.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(upOff, Math.multiplyExact(queries, per), upstream.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(gqOff, Math.multiplyExact(queries, d), gradQ.length)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(gkOff, Math.multiplyExact(n, d), gradKeys.length)", OBJECTS)
        .addStatement("$T.fill(gradKeys, gkOff, gkOff + n * d, 0)", java.util.Arrays.class);
    if (stat.usesValues()) {
      m.addStatement("$T.checkFromIndexSize(gvOff, Math.multiplyExact(n, m), gradValues.length)", OBJECTS)
          .addStatement("$T.fill(gradValues, gvOff, gvOff + n * m, 0)", java.util.Arrays.class);
    }
    weightChecks(m, true, null);
    if (weighted && isFloat) {
      m.addStatement("double[] acc = scratch(2 * d)").addStatement("$T.fill(acc, d, 2 * d, 0.0)", java.util.Arrays.class);
    } else if (weighted) {
      m.beginControlFlow("if (gradW != null)").addStatement("$T.fill(gradW, gwOff, gwOff + d, 0.0)", java.util.Arrays.class).endControlFlow();
    }
    m.beginControlFlow("for (int i = 0; i < queries; i++)");
    if (isFloat) {
      if (!weighted) m.addStatement("double[] acc = scratch(d)");
      m.addCode(coreCall("backwardCore", String.format("q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, acc, 0, gradKeys, gkOff, gradValues, gvOff, true%s%s%s",
              weighted ? ", w, wOff, gradW == null ? null : acc, d" : "", priorArgs(false, true), backwardTail()), "qOff + i * d"))
          .beginControlFlow("for (int j = 0; j < d; j++)")
          .addStatement("gradQ[gqOff + i * d + j] = (float) acc[j]")
          .endControlFlow();
    } else {
      m.addCode(coreCall("backwardCore", String.format("q, qOff + i * d, keys, kOff, values, vOff, n, d, m, upstream, upOff + i * per, gradQ, gqOff + i * d, gradKeys, gkOff, gradValues, gvOff, true%s%s%s",
          weighted ? ", w, wOff, gradW, gwOff" : "", priorArgs(false, true), backwardTail()), "qOff + i * d"));
    }
    m.endControlFlow();
    if (weighted && isFloat) {
      m.beginControlFlow("if (gradW != null)")
          .beginControlFlow("for (int j = 0; j < d; j++)").addStatement("gradW[gwOff + j] = (float) acc[d + j]").endControlFlow()
          .endControlFlow();
    }
    return m.build();
  }

  private MethodSpec checks() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("checks").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Sizes and input ranges (an array length of -1 stands for a null array).\n")
        .addParameter(int.class, "qLength").addParameter(int.class, "qOff")
        .addParameter(int.class, "kLength").addParameter(int.class, "kOff")
        .addParameter(int.class, "vLength").addParameter(int.class, "vOff")
        .addParameter(int.class, "n").addParameter(int.class, "d").addParameter(int.class, "m")
        .beginControlFlow("if (n < 0 || m < 0 || d <= 0)")
        .addStatement("throw new IllegalArgumentException(\"need n >= 0, m >= 0, d > 0: n = \" + n + \", d = \" + d + \", m = \" + m)")
        .endControlFlow()
        .addStatement("$T.checkFromIndexSize(qOff, d, qLength < 0 ? 0 : qLength)", OBJECTS)
        .addStatement("$T.checkFromIndexSize(kOff, Math.multiplyExact(n, d), kLength < 0 ? 0 : kLength)", OBJECTS);
    if (stat.usesValues()) {
      m.addStatement("$T.checkFromIndexSize(vOff, Math.multiplyExact(n, m), vLength < 0 ? 0 : vLength)", OBJECTS);
    }
    return m.build();
  }

  private MethodSpec scratch() {
    return MethodSpec.methodBuilder("scratch").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("This thread's accumulator of at least {@code size} entries.\n")
        .returns(double[].class).addParameter(int.class, "size")
        .addStatement("double[] s = SCRATCH.get()")
        .beginControlFlow("if (s.length < size)")
        .addStatement("s = new double[Math.max(size, 2 * s.length)]")
        .addStatement("SCRATCH.set(s)")
        .endControlFlow()
        .addStatement("return s").build();
  }

  // ------------------------------------------------------------------ cores

  private MethodSpec.Builder core(String name, boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
    if (scalable) m.returns(boolean.class);
    return inputs(m, isFloat);
  }

  /** The scale exponent as the cores' last parameter (scalable classes). */
  private MethodSpec.Builder scaleParameter(MethodSpec.Builder m) {
    // (asymptotic classes scale each key with the query on its own: no scale for the whole call)
    if (scalable && asym == null) m.addParameter(int.class, "se");
    return m;
  }

  /** Ends a core: scalable cores return true (no energy overflowed, or the scaled attempt). */
  private MethodSpec finish(MethodSpec.Builder m) {
    if (scalable) m.addStatement("return true");
    return m.build();
  }

  /**
   * A call of a core with the arguments {@code args} (without the scale exponent): when scalable,
   * first unscaled, and if an energy overflowed again with the entries scaled by the largest
   * vector entry's power of two.
   */
  private CodeBlock coreCall(String core, String args) {
    return coreCall(core, args, "qOff");
  }

  /** As above for the query at {@code queryOffset} (a row of a batch): the scale comes from that query and the keys. */
  private CodeBlock coreCall(String core, String args, String queryOffset) {
    if (!scalable) return CodeBlock.of("$L($L);\n", core, args);
    // asymptotic classes decide each key's scale before evaluating it (entries above 2^target are scaled)
    if (asym != null) return CodeBlock.of("$L($L);\n", core, args);
    return CodeBlock.builder()
        .beginControlFlow("if (!$L($L, 0))", core, args)
        .addStatement("$L($L, rescaleExponent(q, $L, keys, kOff, n, d))", core, args, queryOffset)
        .endControlFlow().build();
  }

  /** Per-query quantities: {@code qq} for Gram kernels, the scale exponent and scaled norm of q for angular ones. */
  private CodeBlock query() {
    CodeBlock.Builder b = CodeBlock.builder();
    if (asym != null) {
      // each key is scaled with the query by its own power of two (keyScale()): a common scale, set by the largest
      // key, turned the entries of keys some 1e150 below it into 0 or infinite divided differences (keys of 1e195 and
      // 1e36 next to a query of 1e-100: grad q NaN) and lost the energy of a small key equal to the query (the
      // wrong key won: an output off by a relative 1.5e63)
      b.addStatement("double qmax = largest(q, qOff, d)");
      if (asym.logForm()) {
        b.add("// (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))\n")
            .addStatement("double gapScale = logFactor(d)");
      }
    } else if (scalable) {
      b.add(asym == null ? "// entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 on the first attempt)\n"
              : "// entries in units of 2^-2se: the vectors are multiplied by the power of two 2^-se (se = 0 while every entry is\n"
                  + "// below 2^" + (asym.target() + 1) + ": the unscaled functions)\n")
          .addStatement("double entryScale = Math.scalb(1.0, -se)")
          .addStatement("double gapScale = $L", asym != null && asym.logForm() ? "logFactor(d)" : "Math.scalb(1.0, se)");
      if (asym != null && asym.logForm()) b.add("// (the energy a log R: gap(..) takes the factor a of the gaps a log(R_j / R_min))\n");
      if (asym != null) {
        if (asym.logForm()) {
          b.add("// t = 1/L = 2^-2se (0 once it underflows), and the gradients' factor 2^(se (2p - 1)), p = $L\n", asym.powerText())
              .addStatement("double tscale = Math.scalb(1.0, -2 * se)");
        } else {
          // Held at MIN_VALUE where 2^-2se underflows (entries beyond about 1e190): a query and a
          // key that both scale to zero vectors (entries 1e-150 next to a key of 1e200) give f =
          // -0/(0 + t), which is 0 with t > 0 and was 0/0 = NaN with t = 0; f changes only for a
          // key within MIN_VALUE of the query, which has won outright either way.
          b.add("// t = 1/L = 2^-2se (held at MIN_VALUE once it underflows: no 0/0 for keys and a query that scale to 0),\n"
                  + "// and the gradients' factor 2^(se (2p - 1)), p = $L\n", asym.powerText())
              .addStatement("double tscale = Math.max(Math.scalb(1.0, -2 * se), Double.MIN_VALUE)");
        }
        b.addStatement("int ge = $L", geOf("se"));
      }
    }
    if (usesDim) b.addStatement("double dim = d");
    else b.addStatement("double dim = 0.0");
    if (angular()) {
      b.addStatement("int qe = scaleExponent(q, qOff, d)")
          .addStatement("double qn = scaledNorm(q, qOff, d, qe)");
    } else if (entries.contains("qq")) {
      b.addStatement("double qq = dot(q, qOff, q, qOff, d$L$L)", weights(), factor());
    }
    return b.build();
  }

  /** The energy of the key at {@code ko} into {@code e}, with the Gram entries (or rho, ke, kn) as locals. */
  private CodeBlock keyEnergy() {
    return keyEnergy("j");
  }

  /** As {@link #keyEnergy()}, for the key numbered {@code index}; a log-prior, if given, is subtracted. */
  private CodeBlock keyEnergy(String index) {
    CodeBlock.Builder b = CodeBlock.builder();
    if (asym != null) b.add(keyScale());
    if (angular()) {
      b.addStatement("int ke = scaleExponent(keys, ko, d)")
          .addStatement("double kn = scaledNorm(keys, ko, d, ke)")
          .addStatement("double rho = scaledDot(q, qOff, qe, keys, ko, ke, d) / (qn * kn)");
    } else {
      if (entries.contains("qk")) b.addStatement("double qk = dot(q, qOff, keys, ko, d$L$L)", weights(), factor());
      if (entries.contains("kk")) b.addStatement("double kk = dot(keys, ko, keys, ko, d$L$L)", weights(), factor());
      if (entries.contains("dd")) b.addStatement("double dd = squaredDistance(q, qOff, keys, ko, d$L$L)", weights(), factor());
    }
    if (asym != null && asym.logForm()) {
      b.add("// the energy is a log(e): e is the argument R (scaled or not), gaps are a log(R_j / R_min)\n");
      b.addStatement("double e = logArgument($L, tscale)", callArgs());
    } else {
      b.addStatement("double e = $L", call("energy", callArgs()));
    }
    if (scalable && asym == null) {
      // an overflowing entry gives an infinite or (through the compensation terms) a NaN energy
      b.add("// a non-finite energy on the first attempt (an entry overflowed, or a NaN input): the caller evaluates\n")
          .add("// again on scaled entries, where NaN inputs give NaN again\n")
          .addStatement("if (se == 0 && !(Math.abs(e) <= Double.MAX_VALUE)) return false");
    }
    if (scalable) {
      // the log-prior is kept apart from the scaled kernel energy (it would vanish below the rounding of a scaled
      // energy, and it decides between keys whose kernel energies tie): eg = e_j - e_min in the caller's units
      return b.addStatement("double ep = logPrior == null ? 0.0 : logPrior[po + $L]", index)
          .addStatement(asym != null ? "double eg = " + asymptoticGapCall() : "double eg = gap(e, ep, mm, mp, gapScale)")
          .add(asym == null ? nearTie() : asymptoticNearTie()).build();
    }
    return b.addStatement("if (logPrior != null) e -= logPrior[po + $L]", index).build();
  }

  /**
   * Asymptotic classes: the key's scale exponent {@code se} from the query's and the key's largest
   * entries (no other key's), the factor of its entries, {@code t = 2^-2se} and the gradients' factor
   * {@code 2^ge}, {@code ge = se (2p - 1)}. Locals of the key: a later pass may evaluate the key again
   * at the winner's scale ({@link #atWinnerScale}).
   */
  private CodeBlock keyScale() {
    CodeBlock.Builder b = CodeBlock.builder()
        .add("// this key's scale (from the query and this key only): entries in units of 2^-2se, se = 0 while both are below 2^$L\n",
            asym.target() + 1)
        .addStatement("int se = keyScale(qmax, keys, ko, d)")
        .addStatement("double entryScale = Math.scalb(1.0, -se)");
    b.addStatement("double tscale = $L", tscaleOf("se"));
    return b.addStatement("int ge = $L", geOf("se")).build();
  }

  /** {@code t = 2^-2s} as Java (held at MIN_VALUE where it underflows, but for a single logarithm). */
  private String tscaleOf(String s) {
    // Held at MIN_VALUE where 2^-2se underflows (entries beyond about 1e190): a query and a key that both scale to
    // zero vectors give f = -0/(0 + t), which is 0 with t > 0 and was 0/0 = NaN with t = 0; f changes only for a key
    // within MIN_VALUE of the query, which has won outright either way.
    return asym.logForm() ? "Math.scalb(1.0, -2 * " + s + ")" : "Math.max(Math.scalb(1.0, -2 * " + s + "), Double.MIN_VALUE)";
  }

  /** The gradients' scale exponent {@code s (2p - 1)} as Java. */
  private String geOf(String s) {
    return asym.twicePower() == 2 ? s : asym.twicePower() == 0 ? "-" + s : asym.twicePower() == 1 ? "0" : s + " * " + (asym.twicePower() - 1);
  }

  /**
   * Whether the energy reads a Gram entry in which a vector far smaller than the other enters as a
   * factor ({@code qk}, {@code qq}, {@code kk}): lost to the bottom of the range at the pair's scale,
   * such a vector loses its share of the partials. (In {@code dd = |q - k|^2} it is negligible beside
   * the larger one: a Euclidean or Student-t energy keeps its gradients.)
   */
  /**
   * Whether a key's scale comes from the product of the query's and the key's magnitudes (the
   * energy reads no Gram entry but {@code <q, k>}): see {@link AttentionKernels#keyScale}.
   */
  private boolean productScale() {
    return entries.contains("qk") && !entries.contains("qq") && !entries.contains("kk") && !entries.contains("dd") && !weighted;
  }

  /**
   * Yat's family ({@link #ratio}): the key gradient {@code b q - sd (q - k)} is {@code bn / D (q D + qk (q -
   * k))} with {@code D = dd + kappa}, and the bracket's two terms cancel where the query is nearly parallel to
   * a much larger key (in one dimension always: a query of 2e-57 and a key of 3e14 gave a relative 1.9e13, and
   * the class returned NaN key gradients). Since {@code dd = qq - 2 qk + kk} the bracket is {@code q_i (<q, q -
   * k> + kappa) + (kk q_i - qk k_i)}, and {@code kk q_i - qk k_i = sum_l k_l (q_i k_l - q_l k_i)} (both checked
   * with Symja), differences of products an fma computes to full relative accuracy (0 exactly in one
   * dimension). It costs {@code d^2} per key, so it is taken only where the terms can cancel: {@code |D |q| -
   * |qk| |q - k||}, a lower bound of the bracket's norm, within 1/16 of the larger (elsewhere the bracket is at
   * least 15/16 of its terms). Declares {@code ratio}, {@code den}, {@code qdk} ({@code <q, q - k> + kappa})
   * and {@code qdTerms} (the magnitude of its terms).
   */
  private void ratioBracket(MethodSpec.Builder m) {
    m.addStatement("double kap = $L", call("ratioShift", callArgs()))
        .addStatement("double den = dd + kap")
        .addStatement("double t1 = den * (qnorm * entryScale)")
        .addStatement("double t2 = Math.abs(qk) * Math.sqrt(dd)")
        .addStatement("boolean ratio = (bn != 0.0 || sn != 0.0) && Math.abs(t1 - t2) * 16.0 < Math.max(t1, t2)")
        .addStatement("double qdk = 0.0")
        .addStatement("double qdTerms = 0.0")
        .beginControlFlow("if (ratio)")
        .addStatement("double qs = 0.0")
        .addStatement("double qc = 0.0")
        .beginControlFlow("for (int l = 0; l < d; l++)")
        .addStatement("double ql = q[qOff + l] * entryScale")
        .addStatement("double dl = ql - keys[ko + l] * entryScale")
        .addStatement("double p = ql * dl")
        .addStatement("qc += Math.fma(ql, dl, -p)")
        .addCode(AttentionKernels.twoSum("qs", "qc", "pt", "pz", "p"))
        .addStatement("qdTerms += Math.abs(p)")
        .endControlFlow()
        .addStatement("qdk = (qs + qc) + kap")
        .addStatement("qdTerms += Math.abs(kap)")
        .endControlFlow();
  }

  /**
   * Whether near-ties are also taken from the split of an energy {@code c qk^2 / (dd + kappa)} (see
   * {@link #flatGap}).
   */
  private boolean flat() {
    return ratio() && asym.ratioFactor() != null && asym.twicePower() > 0 && asym.logCoefficient() == null;
  }

  /**
   * The gap of two keys of an energy {@code c qk^2 / (dd + kappa)} whose energies agree to their
   * rounding: with {@code kh = k / |k|}, {@code u = (q . kh)^2} and {@code R = (<q, q - 2k> + kappa) /
   * (dd + kappa)}, the energy is {@code c (u - u R)} (exact: {@code dd + kappa - kk = <q, q - 2k> +
   * kappa}). Yat's energy tends to {@code -(q . kh)^2} as a key grows: keys of 1e130 to 1e200 next to
   * a query of -1.1e105 (one dimension) have energies near -1.2e210 apart by 1e115 to 1e185, below
   * their rounding, and four keys tied at 0.25 where one has weight 1. Here {@code u_j - u_w = (q .
   * (kh_j - kh_w)) (q . (kh_j + kh_w))} is 0 exactly for keys of one direction in one dimension (and
   * where the other components are below 2^-27 of the largest, whose unit component is then 1), and
   * {@code u R} is small and accurate. {@code R} is a ratio, the same at every scale: each key's is
   * taken at its own. The result is in the caller's units.
   */
  private MethodSpec flatGap(boolean isFloat) {
    return MethodSpec.methodBuilder("flatGap").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The energy of the key at {@code ko} (scale {@code x}) minus that of the key at {@code mko} (scale {@code mx}), in the\n"
            + "caller's units, from {@code c ((q . kh_j)^2 - (q . kh_w)^2 - (q . kh_j)^2 R_j + (q . kh_w)^2 R_w)}, {@code kh = k/|k|}, {@code R}\n"
            + "from {@link #ratioAt}; NaN for a zero query or key.\n")
        .returns(double.class)
        .addParameter(array(isFloat), "q").addParameter(int.class, "qOff").addParameter(double.class, "qmax")
        .addParameter(array(isFloat), "keys").addParameter(int.class, "ko").addParameter(int.class, "mko").addParameter(int.class, "d")
        .addParameter(int.class, "x").addParameter(int.class, "mx").addParameter(double.class, "dim")
        .addStatement("double kj = 0.0")
        .addStatement("double kw = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("kj = Math.max(kj, Math.abs(keys[ko + i]))")
        .addStatement("kw = Math.max(kw, Math.abs(keys[mko + i]))")
        .endControlFlow()
        .addStatement("if (!(qmax > 0.0 && kj > 0.0 && kw > 0.0 && kj < Double.POSITIVE_INFINITY && kw < Double.POSITIVE_INFINITY)) return Double.NaN")
        .addComment("the query in units of its largest entry's power of two, each key in its own")
        .addStatement("int eq = Math.getExponent(qmax)")
        .addStatement("double fq = Math.scalb(1.0, -eq)")
        .addStatement("double fj = Math.scalb(1.0, -Math.getExponent(kj))")
        .addStatement("double fw = Math.scalb(1.0, -Math.getExponent(kw))")
        .addStatement("double nj = 0.0")
        .addStatement("double nw = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double a = keys[ko + i] * fj")
        .addStatement("double b = keys[mko + i] * fw")
        .addStatement("nj += a * a")
        .addStatement("nw += b * b")
        .endControlFlow()
        .addStatement("nj = Math.sqrt(nj)")
        .addStatement("nw = Math.sqrt(nw)")
        .addComment("q . (kh_j - kh_w), q . (kh_j + kh_w), q . kh_j, q . kh_w (q in units of 2^eq)")
        .addStatement("double sm = 0.0")
        .addStatement("double cm = 0.0")
        .addStatement("double sp = 0.0")
        .addStatement("double sj = 0.0")
        .addStatement("double sw = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double qi = q[qOff + i] * fq")
        .addStatement("double hj = keys[ko + i] * fj / nj")
        .addStatement("double hw = keys[mko + i] * fw / nw")
        .addStatement("double dh = hj - hw")
        .addStatement("double p = qi * dh")
        .addStatement("cm += Math.fma(qi, dh, -p)")
        .addCode(AttentionKernels.twoSum("sm", "cm", "t", "z", "p"))
        .addStatement("sp += qi * (hj + hw)")
        .addStatement("sj += qi * hj")
        .addStatement("sw += qi * hw")
        .endControlFlow()
        .addStatement("double du = (sm + cm) * sp")
        .addStatement("double dr = sj * sj * ratioAt(q, qOff, keys, ko, d, x, dim) - sw * sw * ratioAt(q, qOff, keys, mko, d, mx, dim)")
        .addStatement("return Math.scalb(ratioFactor(0.0, 0.0, dim) * (du - dr), 2 * eq)")
        .build();
  }

  /** The helper of {@link #flatGap}: {@code R = (<q, q - 2k> + kappa) / (dd + kappa)} of the key at {@code ko}, at its scale {@code s}. */
  private MethodSpec ratioAt(boolean isFloat) {
    return MethodSpec.methodBuilder("ratioAt").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("{@code (<q, q - 2k> + kappa) / (|q - k|^2 + kappa)} of the key at {@code ko}, its entries scaled by {@code 2^-s} (a ratio: the same\n"
            + "at every scale where nothing underflows).\n")
        .returns(double.class)
        .addParameter(array(isFloat), "q").addParameter(int.class, "qOff").addParameter(array(isFloat), "keys").addParameter(int.class, "ko")
        .addParameter(int.class, "d").addParameter(int.class, "s").addParameter(double.class, "dim")
        .addStatement("double f = Math.scalb(1.0, -s)")
        .addStatement("double tscale = $L", tscaleOf("s"))
        .addStatement("double kap = s == 0 ? ratioShift(0.0, 0.0, dim) : ratioShiftScaled(0.0, 0.0, dim, tscale)")
        .addStatement("double sn = 0.0")
        .addStatement("double cn = 0.0")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double qi = q[qOff + i] * f")
        .addStatement("double ki = keys[ko + i] * f")
        .addStatement("double y = (qi - ki) - ki")
        .addStatement("double p = qi * y")
        .addStatement("cn += Math.fma(qi, y, -p)")
        .addCode(AttentionKernels.twoSum("sn", "cn", "t", "z", "p"))
        .endControlFlow()
        .addStatement("return ((sn + cn) + kap) / (squaredDistance(q, qOff, keys, ko, d, f) + kap)")
        .build();
  }

  /**
   * Whether the key gradient has the cancellation-free bracket of an energy of {@code qk^2 / (dd +
   * kappa)} (Yat's family, found by the derivation: {@link Asymptotic#ratioShift}).
   */
  private boolean ratio() {
    return asym != null && asym.ratioShift() != null && !weighted && !partials.containsKey("kk") && !partials.containsKey("qq")
        && partials.containsKey("qk") && partials.containsKey("dd");
  }

  private boolean losesSmallVectors() {
    return entries.contains("qk") || entries.contains("qq") || entries.contains("kk");
  }

  /**
   * Keys whose scale exponent is within this of the winner's are evaluated again at the winner's
   * scale in the backward pass (their differences to the winner need one scale); {@code 2 T / 3}
   * keeps their scaled entries below {@code 2^(5 T / 3 + 1)}, an intermediate of degree {@code k <=
   * 384 / T} below about {@code 2^(640 + k)}.
   */
  private int nearScales() {
    return 2 * asym.target() / 3;
  }

  /**
   * Asymptotic classes, backward: {@code near} (the key is the winner or its scale is within {@link
   * #nearScales} of the winner's; then its entries are evaluated again at the winner's scale, for the
   * differences to the winner), else the key's own scale stays (its gradient is taken directly).
   */
  private CodeBlock atWinnerScale() {
    CodeBlock.Builder b = CodeBlock.builder()
        .addStatement("boolean near = j == win || Math.abs(se - seW) <= $L", nearScales())
        .beginControlFlow("if (near && se != seW)")
        .addStatement("se = seW")
        .addStatement("entryScale = Math.scalb(1.0, -se)")
        .addStatement("tscale = $L", tscaleOf("se"))
        .addStatement("ge = $L", geOf("se"));
    if (entries.contains("qk")) b.addStatement("qk = dot(q, qOff, keys, ko, d$L)", factor());
    if (entries.contains("kk")) b.addStatement("kk = dot(keys, ko, keys, ko, d$L)", factor());
    if (entries.contains("dd")) b.addStatement("dd = squaredDistance(q, qOff, keys, ko, d$L)", factor());
    return b.endControlFlow().build();
  }

  /**
   * Weights below this ({@code 2^-1000}, near the end of the normal range) are applied as two
   * half-weights ({@code tinyWeighted}) where they multiply a value or an upstream.
   */
  static final String TINY_WEIGHT = "0x1p-1000";
  /**
   * The largest gap taken that way: {@code exp(-g/2)} is normal up to {@code g} of about 1416; beyond
   * 1400 a weight counts as 0 (its product with a double below 2^1024 stays below about 1e-300).
   */
  static final String TINY_GAP = "1400.0";

  /** The scale-factor argument of the entry helpers ({@code ", entryScale"}), empty unless scalable. */
  private String factor() {
    return scalable ? ", entryScale" : "";
  }

  /** {@code exp(mm - e)} of the energy held in {@code e} (the key's gap {@code eg} when scalable). */
  private String weightOf(String e) {
    if (!scalable) return "weight(" + e + ", mm)";
    return e.equals("e") ? "weight(eg)" : "weight(gap(" + e + ", logPrior == null ? 0.0 : logPrior[po + j], mm, mp, gapScale))";
  }

  /** Whether the key's energy is below the running minimum. */
  private String belowMin() {
    return scalable ? "eg < 0.0" : "e < mm";
  }

  /** {@code e - mm} of the key in the caller's units. */
  private String aboveMin() {
    return scalable ? "eg" : "(e - mm)";
  }

  /**
   * Scalable classes: where a key's kernel energy is within 16 units in the last place of the
   * minimum's (their rounding could decide the gap, which at large scales is far more than 1), or
   * where the energies are large enough that their rounding costs a weight that still counts (the
   * minimum at least 64 in the caller's units, so that a unit in its last place exceeds 2^-46, and
   * a gap within 1400), the gap is taken again from the entries' differences to the minimum key,
   * computed from the vectors (a linear energy's difference is its constant partials times them).
   * Why the second rule: near-duplicate keys with entries near 1e3 have energies near 1e6 whose
   * rounded difference is off by about 1e-10, and the weights with it: {@code ScaledDotAttention}
   * and {@code EuclideanAttention} measured 1.1e-10 and 2.5e-10 (value) there, 1.8e-7 and 1.9e-7 at 3e4.
   */
  private CodeBlock nearTie() {
    List<String> terms = new ArrayList<>();
    List<String> kinds = List.of("qk", "kk", "dd");
    List<String> zero = new ArrayList<>();
    for (String a : entries) zero.add("0.0");
    zero.add("dim");
    String args = String.join(", ", zero);
    for (int kind = 0; kind < kinds.size(); kind++) {
      String v = kinds.get(kind);
      if (!partials.containsKey(v)) continue;
      terms.add("d" + v + "(" + args + ") * keyDifference(" + kind + ", q, qOff, keys, ko, mko, d" + weights() + factor() + ")");
    }
    return CodeBlock.builder()
        .beginControlFlow("if (mko >= 0 && ko != mko && (Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm) || $L))",
            roundingCounts("Math.abs(mm) * gapScale * gapScale"))
        .addStatement("eg = ($L) * gapScale * gapScale - (ep - mp)", String.join(" + ", terms))
        .endControlFlow().build();
  }

  /**
   * Asymptotic classes with divided differences of the energy: where a key's scaled energy is within
   * 16 units in the last place of the minimum's at the same scale, the gap is taken again from the
   * divided differences times the entries' differences to the minimum key, computed from the vectors
   * ({@code energyDifference}): energies of 1e575 that differ by 1e532 (Dot[q-k,q-k]^2 with |q - k|^2
   * apart by a relative 1e-44) tied after rounding, where the exact posterior is hard. Only for two
   * keys at one scale whose Gram entries are within a factor 2 (where divided differences hold).
   * Also where the energies' rounding costs a weight that still counts ({@link #roundingCounts}).
   */
  private CodeBlock asymptoticNearTie() {
    if (asym.logForm() || differences.get("energy") == null || differences.get("energy").isEmpty()) return CodeBlock.of("");
    if (flat()) {
      // (energyDifference is NaN where the keys' Gram entries are not within a factor 2; flatGap then takes the gap from
      // the split of c qk^2/(dd + kappa) into the key's direction and the rest, also for keys of different scales)
      return CodeBlock.builder()
          .beginControlFlow("if (mko >= 0 && ko != mko && ((se == ms ? Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm) : nearTie(e, se, mm, ms))"
              + " || $L))", roundingCounts(asymptoticMinimum()))
          .addStatement("double ed = se == ms ? energyDifference(q, qOff, keys, ko, mko, d, se, dim) : Double.NaN")
          .add("// (two energies 0 at their scales, underflowed, tie as before: an exact tie for gap(); a gap of 1e-300 made the\n")
          .add("// entropy's dL/de_j nonzero and its bottom-of-range check NaN where the exact gradients are 0)\n")
          .addStatement("if (ed != ed && (e != 0.0 || mm != 0.0)) ed = flatGap(q, qOff, qmax, keys, ko, mko, d, se, ms, dim)")
          .addStatement("if (ed == ed) eg = ed - (ep - mp)")
          .endControlFlow().build();
    }
    return CodeBlock.builder()
        .beginControlFlow("if (mko >= 0 && ko != mko && se == ms && (Math.abs(e - mm) <= 0x1p-48 * Math.abs(mm) || $L))",
            roundingCounts(asymptoticMinimum()))
        .add("// (NaN where the two keys' Gram entries are not within a factor 2: there the divided differences cancel)\n")
        .addStatement("double ed = energyDifference(q, qOff, keys, ko, mko, d, se, dim)")
        .addStatement("if (ed == ed) eg = ed - (ep - mp)")
        .endControlFlow().build();
  }

  /**
   * Java: the minimum's energy ({@code minimum}, its magnitude in the caller's units) is large enough
   * (at least 64) that its rounding costs a weight that still counts (the gap {@code eg} within
   * 1400): the linear classes ({@link #nearTie}) and the asymptotic ones ({@link #asymptoticNearTie})
   * then take the gap from the entries' differences. Yat's mean measured 3.8e-10 (value) at
   * near-duplicate keys with entries near 1e3, 3.7e-7 near 3e4, where the gap came from the two
   * rounded energies.
   */
  private static String roundingCounts(String minimum) {
    return "(Math.abs(eg) <= " + TINY_GAP + " && " + minimum + " >= 64.0)";
  }

  /** The asymptotic minimum energy's magnitude in the caller's units, as Java ({@code L_ms^p |mm|}). */
  private String asymptoticMinimum() {
    return "Math.abs(Math.scalb(mm, " + asym.twicePower() + " * ms))";
  }

  /** The helper of {@link #asymptoticNearTie}: {@code e_j - e_min} at the scale {@code se}, from divided differences. */
  private MethodSpec energyDifference(boolean isFloat) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("energyDifference").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The energy of the key at {@code ko} minus that of the key at {@code mko}, both at the scale {@code se}, from the\n"
            + "divided differences and the entries' differences computed from the vectors (near-ties at large scales).\n")
        .returns(TypeName.DOUBLE)
        .addParameter(array(isFloat), "q").addParameter(int.class, "qOff").addParameter(array(isFloat), "keys")
        .addParameter(int.class, "ko").addParameter(int.class, "mko").addParameter(int.class, "d").addParameter(int.class, "se")
        .addParameter(double.class, "dim")
        .addStatement("double entryScale = Math.scalb(1.0, -se)")
        .addStatement("double tscale = $L", tscaleOf("se"));
    if (entries.contains("qq")) m.addStatement("double qq = dot(q, qOff, q, qOff, d, entryScale)");
    for (String g : List.of("qk", "kk", "dd")) {
      if (!entries.contains(g)) continue;
      String call = g.equals("dd") ? "squaredDistance(q, qOff, keys, $L, d, entryScale)" : g.equals("qk") ? "dot(q, qOff, keys, $L, d, entryScale)"
          : "dot(keys, $L, keys, $L, d, entryScale)";
      m.addStatement("double " + g + " = " + call, g.equals("kk") ? new Object[] {"ko", "ko"} : new Object[] {"ko"});
      m.addStatement("double " + g + "W = " + call, g.equals("kk") ? new Object[] {"mko", "mko"} : new Object[] {"mko"});
    }
    for (String g : List.of("qk", "kk", "dd")) if (!entries.contains(g)) m.addStatement("double $LW = 0.0", g);
    List<String> tests = new ArrayList<>();
    for (String g : List.of("qk", "kk", "dd")) if (entries.contains(g)) tests.add("close(" + g + ", " + g + "W)");
    if (!tests.isEmpty()) m.addStatement("if (!($L)) return Double.NaN", String.join(" && ", tests));
    Set<String> used = new TreeSet<>(differences.get("energy").keySet());
    List<String> kinds = List.of("qk", "kk", "dd");
    for (int kind = 0; kind < kinds.size(); kind++) {
      String v = kinds.get(kind);
      if (!used.contains(v)) continue;
      m.addStatement("double d$L = keyDifference($L, q, qOff, keys, ko, mko, d, entryScale)", Character.toUpperCase(v.charAt(0)) + v.substring(1), kind);
    }
    return m.addStatement("return $L", difference("energy")).build();
  }

  /** The statement(s) making the key the new minimum. */
  private CodeBlock newMin() {
    CodeBlock.Builder b = CodeBlock.builder().addStatement("mm = e");
    if (scalable) b.addStatement("mp = ep").addStatement("mko = ko");
    if (asym != null) b.addStatement("ms = se");
    return b.build();
  }

  /** The cores' {@code return} (they return whether no energy overflowed when scalable). */
  private String ret() {
    return scalable ? "return true" : "return";
  }

  /** The winning key's offset {@code kwo} and the kernel's partials there ({@code ...W}). */
  private CodeBlock winner() {
    CodeBlock.Builder b = CodeBlock.builder().addStatement("int kwo = kOff + win * d");
    List<String> names = new ArrayList<>(angular() ? List.of("rhoW", "gW", "knW") : List.of());
    if (!angular()) {
      for (String p : partials.keySet()) names.add("f" + p + "W");
      names.addAll(List.of("qkW", "kkW", "ddW"));
    }
    for (int i = 0; i < free.size(); i++) names.add("fparW" + i);
    for (String nm : names) b.addStatement("double $L", nm);
    if (angular()) b.addStatement("int kw");
    if (asym != null) b.addStatement("int seW");
    b.add("{\n").indent().addStatement("int ko = kwo").add(keyEnergy("win"));
    if (asym != null) b.addStatement("seW = se");
    for (int i = 0; i < free.size(); i++) b.addStatement("fparW$L = dParam$L($L)", i, i, callArgs());
    if (angular()) {
      b.addStatement("rhoW = rho").addStatement("gW = drho($L)", callArgs()).addStatement("knW = kn").addStatement("kw = ke");
    } else {
      for (String p : partials.keySet()) b.addStatement("f$LW = $L", p, p.equals("dd") ? partialDd() : call("d" + p, callArgs()));
      for (String g : List.of("qk", "kk", "dd")) b.addStatement("$LW = $L", g, entries.contains(g) ? g : "0.0");
    }
    b.unindent().add("}\n");
    if (asym != null) {
      b.add("// the winner's scale: the keys near it are evaluated at it, so that their differences to it are in one scale\n")
          .addStatement("double entryScaleW = Math.scalb(1.0, -seW)")
          .addStatement("int geW = $L", geOf("seW"));
    }
    return b.build();
  }

  private MethodSpec valueCore(boolean isFloat) {
    MethodSpec.Builder m = core("valueCore", isFloat)
        .addJavadoc("The outputs into the double accumulator {@code acc[ao ..]}.\n")
        .addParameter(double[].class, "acc").addParameter(int.class, "ao");
    if (weighted) m.addParameter(array(isFloat), "wt").addParameter(int.class, "wo");
    m.addParameter(array(isFloat), "logPrior").addParameter(int.class, "po");
    freeParameters(m, false);
    scaleParameter(m);
    m.addCode(query());
    String v = isFloat ? "(double) values" : "values";
    if (stat == AttentionStatistic.MODE) {
      m.addComment("the lowest energy; tied keys' values are averaged")
          .addStatement("double mm = $L", sentinel("Double.POSITIVE_INFINITY", "0.0"))
          .addCode(scalable ? "double mp = 0.0;\nint mko = -1;\n" + (asym != null ? "int ms = 0;\n" : "") : "")
          .addStatement("int c = 0")
          .addStatement("boolean nan = false")
          .addStatement("$T.fill(acc, ao, ao + m, 0.0)", java.util.Arrays.class)
          .beginControlFlow("for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m)")
          .addCode(keyEnergy())
          .beginControlFlow("if ($L)", belowMin())
          .addCode(newMin())
          .addStatement("c = 1")
          .beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] = $L[vo + i]", v).endControlFlow()
          .nextControlFlow("else if ($L)", scalable ? "eg == 0.0" : "e == mm && e < Double.POSITIVE_INFINITY")
          .addStatement("c++")
          .beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] += $L[vo + i]", v).endControlFlow()
          .nextControlFlow("else if ($L)", scalable ? "e != e || ep != ep" : "e != e")
          .addStatement("nan = true")
          .endControlFlow()
          .endControlFlow()
          .addStatement("double inv = nan || c == 0 ? Double.NaN : 1.0 / c")
          .beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] = c == 1 && !nan ? acc[ao + i] : acc[ao + i] * inv").endControlFlow();
      return finish(m);
    }
    m.addStatement("double mm = $L", sentinel("Double.MAX_VALUE", "Double.MIN_VALUE"))
        .addCode(scalable ? "double mp = 0.0;\nint mko = -1;\n" + (asym != null ? "int ms = 0;\n" : "") : "")
        .addStatement("double s = 0.0")
        .addStatement("double t = 0.0");
    if (stat == AttentionStatistic.MEAN) m.addStatement("$T.fill(acc, ao, ao + m, 0.0)", java.util.Arrays.class);
    if (stat == AttentionStatistic.ENTROPY) m.addStatement("double gap = 0.0");
    m.beginControlFlow("for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m)")
        .addCode(keyEnergy());
    if (stat == AttentionStatistic.RESPONSIBILITIES) m.addStatement("acc[ao + j] = e");
    m.beginControlFlow("if ($L)", belowMin())
        .addComment("a new minimum: rescale what was summed relative to the old one")
        .addStatement("double scale = Math.exp($L)", scalable ? "eg" : "e - mm");
    if (stat == AttentionStatistic.ENTROPY) m.addStatement("gap = scale == 0.0 ? 0.0 : scale * (gap + $L * s)", scalable ? "(-eg)" : "(mm - e)");
    // the minimum's drop, taken before the new minimum replaces the old one
    if (stat == AttentionStatistic.MEAN) m.addStatement("double drop = $L", scalable ? "-eg" : "mm - e");
    m.addStatement("t = s * scale")
        .addStatement("s = t + 1.0")
        .addCode(newMin());
    if (stat == AttentionStatistic.MEAN) {
      m.beginControlFlow("if (!(scale < $L))", TINY_WEIGHT)
          .beginControlFlow("for (int i = 0; i < m; i++)")
          .addStatement("acc[ao + i] = (scale == 0.0 ? 0.0 : acc[ao + i] * scale) + $L[vo + i]", v)
          .endControlFlow()
          .nextControlFlow("else")
          .addComment("the old keys' weights fell below the normal range: their sum times two half-weights")
          .beginControlFlow("for (int i = 0; i < m; i++)")
          .addStatement("acc[ao + i] = (drop <= $L ? tinyWeighted(acc[ao + i], drop, 1.0) : 0.0) + $L[vo + i]", TINY_GAP, v)
          .endControlFlow()
          .endControlFlow();
    }
    m.nextControlFlow("else")
        .addStatement("double w = $L", weightOf("e"))
        .addStatement("s += w")
        .addStatement("t += w");
    if (stat == AttentionStatistic.MEAN) {
      m.beginControlFlow("if (!(w < $L))", TINY_WEIGHT)
          .beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] += w * $L[vo + i]", v).endControlFlow()
          .nextControlFlow("else if ($L <= $L)", aboveMin(), TINY_GAP)
          .addComment("a weight below the normal range: a large value can still contribute")
          .addStatement("double g = $L", aboveMin())
          .beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] += tinyWeighted($L[vo + i], g, 1.0)", v).endControlFlow()
          .endControlFlow();
    }
    if (stat == AttentionStatistic.ENTROPY) {
      m.beginControlFlow("if (w != 0.0 && $L)", scalable ? "eg != 0.0" : "e != mm").addStatement("gap += w * $L", aboveMin()).endControlFlow();
    }
    m.endControlFlow().endControlFlow();
    String count = outs();
    m.beginControlFlow("if (!(s >= 1.0))")
        .addComment("a NaN energy, no keys, or no energy below +Infinity: no posterior")
        .addStatement("$T.fill(acc, ao, ao + $L, Double.NaN)", java.util.Arrays.class, count)
        .addStatement(ret())
        .endControlFlow()
        .addStatement("double inv = 1.0 / s");
    switch (stat) {
      case MEAN -> m.beginControlFlow("for (int i = 0; i < m; i++)").addStatement("acc[ao + i] *= inv").endControlFlow();
      case RESPONSIBILITIES -> {
        if (!scalable) {
          m.beginControlFlow("for (int j = 0; j < n; j++)")
              .addStatement("acc[ao + j] = $L * inv", weightOf("acc[ao + j]")).endControlFlow();
        } else {
          m.beginControlFlow("for (int j = 0, ko = kOff; j < n; j++, ko += d)")
          .addStatement("double e = acc[ao + j]")
          .addStatement("double ep = logPrior == null ? 0.0 : logPrior[po + j]")
          .addCode(asym != null ? CodeBlock.of("int se = keyScale(qmax, keys, ko, d);\n") : CodeBlock.of(""))
          .addStatement(asym != null ? "double eg = " + asymptoticGapCall() : "double eg = gap(e, ep, mm, mp, gapScale)")
          .addCode(asym == null ? nearTie() : asymptoticNearTie())
          .addStatement("acc[ao + j] = weight(eg) * inv").endControlFlow();
        }
      }
      case ENTROPY -> m.addStatement("acc[ao] = Math.log1p(t) + gap * inv");
      case FREE_ENERGY -> m.addStatement("acc[ao] = $L - Math.log1p(t)", scalable ? "(Math.scalb(mm, 2 * se) - mp)" : "mm");
      case MODE -> throw new AssertionError();
    }
    return finish(m);
  }

  /** {@code delta = dL/de_j} of the key (with {@code r}, and the statistic's reduction {@code acc}). */
  private void delta(MethodSpec.Builder m, boolean isFloat) {
    switch (stat) {
      case MEAN -> m.addStatement("delta = !(r < $L) ? -r * (j == win ? acc : differenceDot(upstream, uo, ue, values, vo, vw, m) + acc)"
          + " : $L <= $L ? -tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m) + acc, $L, inv) : 0.0",
          TINY_WEIGHT, aboveMin(), TINY_GAP, aboveMin());
      case RESPONSIBILITIES -> m.addStatement("delta = !(r < $L) ? -r * (j == win ? acc : (upstream[uo + j] - uw) + acc)"
          + " : $L <= $L ? -tinyWeighted((upstream[uo + j] - uw) + acc, $L, inv) : 0.0", TINY_WEIGHT, aboveMin(), TINY_GAP, aboveMin());
      case ENTROPY -> {
        if (difference("energy") == null) {
          m.addStatement("delta = !(r < $L) ? u * r * (acc - $L) : $L <= $L ? tinyWeighted(u * (acc - $L), $L, inv) : 0.0", TINY_WEIGHT,
              scalable ? "eg" : "(e == mm ? 0.0 : e - mm)", aboveMin(), TINY_GAP, scalable ? "eg" : "(e == mm ? 0.0 : e - mm)", aboveMin());
        } else {
          m.addCode(entryDifferences())
              .addStatement("delta = !(r < $L) ? u * r * (acc - (j == win ? 0.0 : $L)) : $L <= $L"
                  + " ? tinyWeighted(u * (acc - ($L)), $L, inv) : 0.0", TINY_WEIGHT, energyToWinner(isFloat),
                  aboveMin(), TINY_GAP, energyToWinner(isFloat), aboveMin());
        }
      }
      case FREE_ENERGY -> m.addStatement("delta = !(r < $L) ? u * r : $L <= $L ? tinyWeighted(u, $L, inv) : 0.0",
          TINY_WEIGHT, aboveMin(), TINY_GAP, aboveMin());
      case MODE -> throw new AssertionError();
    }
  }

  /**
   * Asymptotic classes: {@code grad q} gets {@code dL/de_j grad_q e_j} of each key far from the
   * winner's scale directly, at the key's own scale ({@code 2 f_qq q + f_qk k_j + 2 f_dd (q - k_j)},
   * the coefficients' exponent apart), in the caller's units; the winner's share of these keys went
   * to {@code total}. Runs only when such a key was seen.
   */
  private void farGradient(MethodSpec.Builder m, boolean isFloat) {
    String fa = partials.containsKey("qq") ? call("dqq", callArgs()) : null;
    String fb = partials.containsKey("qk") ? call("dqk", callArgs()) : null;
    String fs = partials.containsKey("dd") ? partialDd() : null;
    m.beginControlFlow("if (far)")
        .beginControlFlow("for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m)")
        .addCode(keyEnergy())
        .addStatement("boolean near = j == win || Math.abs(se - seW) <= $L", nearScales())
        .addStatement("if (near) continue")
        .addStatement("double r = weight(eg) * inv")
        .addStatement("double delta");
    delta(m, isFloat);
    m.addStatement("if (delta == 0.0) continue")
        .addStatement("double a = $L", fa == null ? "0.0" : "2.0 * delta * " + fa)
        .addStatement("double b = $L", fb == null ? "0.0" : "delta * " + fb)
        .addStatement("double sd = $L", fs == null ? "0.0" : "2.0 * delta * " + fs)
        .addStatement("int ce = Math.getExponent(Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(sd))))")
        .addStatement("double an = Math.scalb(a, -ce)")
        .addStatement("double bn = Math.scalb(b, -ce)")
        .addStatement("double sn = Math.scalb(sd, -ce)")
        .beginControlFlow("for (int i = 0; i < d; i++)")
        .addStatement("double qi = q[qOff + i] * entryScale")
        .addStatement("double ki = keys[ko + i] * entryScale")
        .addStatement("gradQ[go + i] += Math.scalb((an == 0.0 || qi == 0.0 ? 0.0 : an * qi) + (bn == 0.0 || ki == 0.0 ? 0.0 : bn * ki)"
            + " + (sn == 0.0 || qi - ki == 0.0 ? 0.0 : sn * (qi - ki)), $L)", stat == AttentionStatistic.MEAN ? "ue + ge + ce" : "ge + ce")
        .endControlFlow()
        .endControlFlow()
        .endControlFlow();
  }

  /**
   * {@code e_j - e_win} (kernel energies minus log-priors) from the divided differences, for the
   * entropy; asymptotic classes take the gap {@code eg} for keys not near the winner's scale.
   */
  private String energyToWinner(boolean isFloat) {
    String diff = difference("energy") + " - " + priorGap(isFloat);
    return asym == null ? diff : "(near && close ? " + diff + " : eg)";
  }

  private MethodSpec backwardCore(boolean isFloat) {
    String gcast = isFloat ? "(float) " : "";
    String rd = isFloat ? "(double) " : "";
    MethodSpec.Builder m = core("backwardCore", isFloat)
        .addJavadoc("The backward pass; {@code gradQ} is a double accumulator; with {@code add}, {@code gradKeys} and\n"
            + "{@code gradValues} are added to instead of overwritten (the batched form).\n")
        .addParameter(array(isFloat), "upstream").addParameter(int.class, "uo")
        .addParameter(double[].class, "gradQ").addParameter(int.class, "go")
        .addParameter(array(isFloat), "gradKeys").addParameter(int.class, "gko")
        .addParameter(array(isFloat), "gradValues").addParameter(int.class, "gvo")
        .addParameter(boolean.class, "add");
    if (weighted) {
      // gradW is a double accumulator that the core adds to (the callers zero it)
      m.addParameter(array(isFloat), "wt").addParameter(int.class, "wo")
          .addParameter(double[].class, "gradW").addParameter(int.class, "gwo");
    }
    m.addParameter(array(isFloat), "logPrior").addParameter(int.class, "po")
        .addParameter(array(isFloat), "gradPrior").addParameter(int.class, "gpo");
    if (!free.isEmpty()) {
      // the free parameters' gradient, a double accumulator added to (the d<Param> companions zero it)
      m.addParameter(double[].class, "gradParams").addParameter(int.class, "gpp");
    }
    freeParameters(m, false);
    scaleParameter(m);
    m.addCode(query());
    if (angular() && stat != AttentionStatistic.MODE) m.addStatement("double qnLo = normLow(q, qOff, d, qe, qn)");
    m.addStatement("$T.fill(gradQ, go, go + d, 0.0)", java.util.Arrays.class);
    if (stat == AttentionStatistic.MODE) {
      m.addStatement("double mm = $L", sentinel("Double.POSITIVE_INFINITY", "0.0"))
          .addCode(scalable ? "double mp = 0.0;\nint mko = -1;\n" + (asym != null ? "int ms = 0;\n" : "") : "")
          .addStatement("int c = 0")
          .addStatement("boolean nan = false")
          .beginControlFlow("for (int j = 0, ko = kOff; j < n; j++, ko += d)")
          .addCode(keyEnergy())
          .beginControlFlow("if ($L)", belowMin()).addCode(newMin()).addStatement("c = 1")
          .nextControlFlow("else if ($L)", scalable ? "eg == 0.0" : "e == mm && e < Double.POSITIVE_INFINITY").addStatement("c++")
          .nextControlFlow("else if ($L)", scalable ? "e != e || ep != ep" : "e != e").addStatement("nan = true")
          .endControlFlow()
          .endControlFlow()
          .addStatement("double share = nan || c == 0 ? Double.NaN : 1.0 / c")
          .beginControlFlow("if (share != share)")
          .addStatement("$T.fill(gradQ, go, go + d, Double.NaN)", java.util.Arrays.class)
          .addCode(weighted ? CodeBlock.of("if (gradW != null) $T.fill(gradW, gwo, gwo + d, Double.NaN);\n", java.util.Arrays.class) : CodeBlock.of(""))
          .endControlFlow()
          .addCode(free.isEmpty() ? CodeBlock.of("") : CodeBlock.of(
              "if (gradParams != null && share != share) $T.fill(gradParams, gpp, gpp + $L, Double.NaN);\n", java.util.Arrays.class, free.size()))
          .beginControlFlow("if (gradPrior != null && !add)")
          .addStatement("$T.fill(gradPrior, gpo, gpo + n, $L(share != share ? Double.NaN : 0.0))", java.util.Arrays.class, gcast)
          .endControlFlow()
          .beginControlFlow("for (int j = 0, ko = kOff, vo = gvo; j < n; j++, ko += d, vo += m)")
          .addCode(keyEnergy())
          .addStatement("boolean tied = share != share || $L", scalable ? "eg == 0.0" : "e == mm")
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("gradKeys[gko + j * d + i] = $L((add ? gradKeys[gko + j * d + i] : 0.0) + (share != share ? Double.NaN : 0.0))", gcast)
          .endControlFlow()
          .beginControlFlow("for (int i = 0; i < m; i++)")
          .addStatement("double g = tied ? share * upstream[uo + i] : 0.0")
          .addStatement("gradValues[vo + i] = $L(add ? gradValues[vo + i] + g : g)", gcast)
          .endControlFlow()
          .endControlFlow();
      return finish(m);
    }
    // pass 1: the normaliser and the winner
    m.addStatement("double mm = $L", sentinel("Double.MAX_VALUE", "Double.MIN_VALUE"))
        .addCode(scalable ? "double mp = 0.0;\nint mko = -1;\n" + (asym != null ? "int ms = 0;\n" : "") : "")
        .addStatement("double s = 0.0")
        .addStatement("double t = 0.0")
        .addStatement("int win = 0");
    if (stat == AttentionStatistic.ENTROPY) m.addStatement("double gap = 0.0");
    m.beginControlFlow("for (int j = 0, ko = kOff; j < n; j++, ko += d)")
        .addCode(keyEnergy())
        .beginControlFlow("if ($L)", belowMin())
        .addStatement("double scale = Math.exp($L)", scalable ? "eg" : "e - mm");
    if (stat == AttentionStatistic.ENTROPY) m.addStatement("gap = scale == 0.0 ? 0.0 : scale * (gap + $L * s)", scalable ? "(-eg)" : "(mm - e)");
    m.addStatement("t = s * scale").addStatement("s = t + 1.0").addCode(newMin()).addStatement("win = j")
        .nextControlFlow("else")
        .addStatement("double w = $L", weightOf("e")).addStatement("s += w").addStatement("t += w");
    if (stat == AttentionStatistic.ENTROPY) {
      m.beginControlFlow("if (w != 0.0 && $L)", scalable ? "eg != 0.0" : "e != mm").addStatement("gap += w * $L", aboveMin()).endControlFlow();
    }
    m.endControlFlow().endControlFlow();
    m.beginControlFlow("if (!(s >= 1.0))")
        .addComment("no posterior: every gradient is NaN")
        .addStatement("$T.fill(gradQ, go, go + d, Double.NaN)", java.util.Arrays.class)
        .addStatement("$T.fill(gradKeys, gko, gko + n * d, $LDouble.NaN)", java.util.Arrays.class, gcast);
    if (weighted) m.addStatement("if (gradW != null) $T.fill(gradW, gwo, gwo + d, Double.NaN)", java.util.Arrays.class);
    m.addStatement("if (gradPrior != null) $T.fill(gradPrior, gpo, gpo + n, $LDouble.NaN)", java.util.Arrays.class, gcast);
    if (!free.isEmpty()) m.addStatement("if (gradParams != null) $T.fill(gradParams, gpp, gpp + $L, Double.NaN)", java.util.Arrays.class, free.size());
    if (stat.usesValues()) m.addStatement("$T.fill(gradValues, gvo, gvo + n * m, $LDouble.NaN)", java.util.Arrays.class, gcast);
    m.addStatement(ret()).endControlFlow()
        .addStatement("double inv = 1.0 / s");
    // the winner's partials: grad q is assembled relative to the winning key, so that near-duplicate keys
    // (whose contributions cancel) leave only their differences
    m.addCode(winner());
    // pass 2: the reduction relative to the winner
    switch (stat) {
      case MEAN -> m.addComment("acc = sum_{j != win} r_j (t_win - t_j), t_j = <u, v_j>; t_j - t_win = <u, v_j - v_win>")
          .addComment("the upstream is scaled by a power of two: <u, v> may overflow where the gradients do not")
          .addStatement("int ue = exponentOf(upstream, uo, m)")
          .addStatement("double acc = 0.0")
          .addStatement("int vw = vOff + win * m")
          .beginControlFlow("for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m)")
          .addStatement("if (j == win) continue")
          .addCode(keyEnergy())
          .addStatement("double r = $L * inv", weightOf("e"))
          .beginControlFlow("if (!(r < $L))", TINY_WEIGHT).addStatement("acc -= r * differenceDot(upstream, uo, ue, values, vo, vw, m)")
          .nextControlFlow("else if ($L <= $L)", aboveMin(), TINY_GAP)
          .addStatement("acc -= tinyWeighted(differenceDot(upstream, uo, ue, values, vo, vw, m), $L, inv)", aboveMin()).endControlFlow()
          .endControlFlow();
      case RESPONSIBILITIES -> m.addComment("acc = sum_{j != win} r_j (u_win - u_j)")
          .addStatement("double acc = 0.0")
          .addStatement("double uw = upstream[uo + win]")
          .beginControlFlow("for (int j = 0, ko = kOff; j < n; j++, ko += d)")
          .addStatement("if (j == win) continue")
          .addCode(keyEnergy())
          .addStatement("double r = $L * inv", weightOf("e"))
          .beginControlFlow("if (!(r < $L))", TINY_WEIGHT).addStatement("acc += r * (uw - upstream[uo + j])")
          .nextControlFlow("else if ($L <= $L)", aboveMin(), TINY_GAP)
          .addStatement("acc += tinyWeighted(uw - upstream[uo + j], $L, inv)", aboveMin()).endControlFlow()
          .endControlFlow();
      case ENTROPY -> {
        if (difference("energy") == null) {
          m.addStatement("double acc = gap * inv");
        } else {
          m.addComment("sum_k r_k (e_k - m) again, with each key's energy difference to the winner from the divided differences")
              .addStatement("double acc = 0.0")
              .beginControlFlow("for (int j = 0, ko = kOff; j < n; j++, ko += d)")
              .addStatement("if (j == win) continue")
              .addCode(keyEnergy())
              .addCode(asym != null ? atWinnerScale() : CodeBlock.of(""))
              .addStatement("double r = $L * inv", weightOf("e"))
              .beginControlFlow("if (r != 0.0)")
              .addCode(entryDifferences())
              .addStatement("acc += r * ($L)", energyToWinner(isFloat))
              .endControlFlow()
              .endControlFlow();
        }
        m.addStatement("double u = upstream[uo]");
      }
      case FREE_ENERGY -> m.addStatement("double u = upstream[uo]");
      case MODE -> throw new AssertionError();
    }
    // the sum over keys of dL/de_j: 0 by the identities (r sums to 1) except for the free energy
    m.addStatement("double total = $L", stat == AttentionStatistic.FREE_ENERGY ? "u" : "0.0");
    if (coneLine) {
      String cast = isFloat ? "(double) " : "";
      m.addComment("one dimension, energy c |q - k|: grad q = c sum_j dL/de_j (sign(q - k_j) - sign(q - k_w)) (see the end)")
          .addStatement("double coneSum = 0.0")
          .addStatement("double coneW = d == 1 ? Math.signum($Lq[qOff] - $Lkeys[kOff + win]) : 0.0", cast, cast);
    }
    // pass 3: dL/de_j, then the chain rule through the kernel
    for (String acc : angular() ? List.of("sumG") : List.of("sumA", "sumB", "sumS")) m.addStatement("double $L = 0.0", acc);
    if (angular()) {
      // the winner's distance to the line of q, |kh_w - sgW qh| (which keys take their own term: see direct)
      m.addStatement("double rootW").addCode(CodeBlock.builder()
          .add("{\n").indent()
          .addStatement("double sw = rhoW < 0.0 ? -1.0 : 1.0")
          .addStatement("double lw = normLow(keys, kwo, d, kw, knW)")
          .addStatement("double aw = 0.0")
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("double h = unitDifference($Lkeys[kwo + i], kw, knW, lw, $Lq[qOff + i], qe, qn, qnLo, sw)", rd, rd)
          .addStatement("aw = Math.fma(h, h, aw)")
          .endControlFlow()
          .addStatement("rootW = Math.sqrt(aw)")
          .unindent().add("}\n").build());
    }
    if (weighted) m.addStatement("double sumC = 0.0");
    if (asym != null) {
      m.addStatement("boolean far = false");
      // the key gradients' terms and results, for the cancellation check at the end
      m.addStatement("double keyTerms = 0.0").addStatement("double keyLargest = 0.0");
      if (ratio()) {
        // |q| (scaled by its largest entry, so that it does not overflow), for the test of a key gradient's cancellation
        m.addStatement("double qnorm = 0.0")
            .beginControlFlow("if (qmax > 0.0)")
            .addStatement("double qs2 = 0.0")
            .beginControlFlow("for (int i = 0; i < d; i++)")
            .addStatement("double x = q[qOff + i] / qmax")
            .addStatement("qs2 += x * x")
            .endControlFlow()
            .addStatement("qnorm = qmax * Math.sqrt(qs2)")
            .endControlFlow();
      }
    }
    if (asym != null && losesSmallVectors()) m.addStatement("boolean lostAny = false");
    m.beginControlFlow("for (int j = 0, ko = kOff, vo = vOff; j < n; j++, ko += d, vo += m)")
        .addCode(keyEnergy())
        .addCode(asym != null ? atWinnerScale() : CodeBlock.of(""))
        .addStatement("double r = $L * inv", weightOf("e"))
        .addStatement("double delta");
    delta(m, isFloat);
    // e_j = kappa_j / T - logPrior_j: d L / d logPrior_j = -dL/de_j
    m.beginControlFlow("if (gradPrior != null)")
        .addStatement("double gp = $L", rescaled("-delta"))
        .addStatement("gradPrior[gpo + j] = $L(add ? gradPrior[gpo + j] + gp : gp)", gcast)
        .endControlFlow();
    if (!free.isEmpty()) {
      // d L / d theta = sum_j dL/de_j (de_j/dtheta - de_win/dtheta) + total de_win/dtheta
      m.beginControlFlow("if (gradParams != null && delta != 0.0 && j != win)");
      boolean any = false;
      for (int i = 0; i < free.size(); i++) any |= difference("param" + i) != null;
      // (the entropy's pass has declared them already when the energy has divided differences)
      if (any && !(stat == AttentionStatistic.ENTROPY && difference("energy") != null)) m.addCode(entryDifferences());
      for (int i = 0; i < free.size(); i++) {
        // the divided difference where it exists (near-duplicate keys), else the difference itself
        String diff = difference("param" + i) != null ? difference("param" + i) : "(dParam" + i + "(" + callArgs() + ") - fparW" + i + ")";
        m.addStatement("gradParams[gpp + $L] += $L", i, rescaled("delta * " + diff));
      }
      m.endControlFlow();
    }
    if (stat.usesValues()) {
      m.beginControlFlow("for (int i = 0, o = gvo + j * m; i < m; i++, o++)")
          .addStatement("double g = !(r < $L) ? r * upstream[uo + i] : $L <= $L ? tinyWeighted(upstream[uo + i], $L, inv) : 0.0",
              TINY_WEIGHT, aboveMin(), TINY_GAP, aboveMin())
          .addStatement("gradValues[o] = $L(add ? gradValues[o] + g : g)", gcast)
          .endControlFlow();
    }
    m.addStatement("int gk = gko + j * d");
    m.beginControlFlow("if (delta == 0.0)")
        .beginControlFlow("if (!add)")
        .beginControlFlow("for (int i = 0; i < d; i++)").addStatement("gradKeys[gk + i] = 0").endControlFlow()
        .endControlFlow()
        .addStatement("continue")
        .endControlFlow();
    if (coneLine) {
      String cast = isFloat ? "(double) " : "";
      m.addStatement("if (d == 1) coneSum += delta * (Math.signum($Lq[qOff] - $Lkeys[ko]) - coneW)", cast, cast);
    }
    if (asym != null && losesSmallVectors()) {
      // a query or key whose entries all fall below the normal range at the pair's scale (its largest some 1e300 and
      // more below the other's: q of 3e-177 against keys of 7e196, grad q off by 14 %) has lost its share of the
      // partials, which a double cannot hold at any one scale: grad q and this key's gradient are NaN, not wrong numbers
      // the entropy's dL/de_j reads the energy differences themselves, not only their exponentials: a scaled energy
      // at the bottom of the range (Yat's -qk'^2/(dd' + t) with qk'^2 underflowed: 0 for a true -1.3e-149) gave
      // grad q a relative 0.36 off (exact 6e-224)
      String entropyLoss = stat == AttentionStatistic.ENTROPY && !asym.logForm() ? " || (se != 0 && Math.abs(e) < 0x1p-969)" : "";
      m.beginControlFlow("if (lost(qmax, keys, ko, d, entryScale)$L)", entropyLoss)
          .addStatement("lostAny = true")
          .beginControlFlow("for (int i = 0; i < d; i++)").addStatement("gradKeys[gk + i] = $LDouble.NaN", gcast).endControlFlow()
          .addStatement("continue")
          .endControlFlow();
    }
    if (angular()) {
      // grad_q e = g'/|q| (kh - rho qh), grad_k e = g'/|k| (qh - rho kh), on scaled vectors;
      // sum_j delta_j g'_j (kh_j - rho_j qh) = sum_j delta_j g'_j (kh_j - kh_w) + G kh_w - R qh, where
      // kh_j - kh_w = (a - b)/|a| + b (|b|^2 - |a|^2) / (|a| |b| (|a| + |b|)) in a common scale (a = k_j, b = k_w)
      m.addStatement("double g = drho($L)", callArgs())
          .addStatement("double slope = delta * g")
          .addComment("1/|k| is 2^-ke / kn: applied with the upstream's scale in one scalb after the unit-vector factor, since")
          .addComment("2^-ke alone overflows for keys near 1e-177 next to values near 1e184 (Infinity times an exact 0 gave NaN)")
          .addStatement("double ck = slope / kn")
          .addComment("nearly parallel (or antiparallel) to q: unit components in double-double (unitDifference), with the")
          .addComment("norm's rounding error; elsewhere their rounding is far below qh - sg kh")
          .addStatement("boolean parallel = Math.abs(rho) > 1.0 - 0x1p-20")
          .addStatement("double knLo = parallel ? normLow(keys, ko, d, ke, kn) : 0.0")
          .addStatement("int common = Math.max(ke, kw)")
          .addStatement("double na = Math.scalb(kn, ke - common)")
          .addStatement("double nb = Math.scalb(knW, kw - common)")
          .addStatement("double norms = 0.0")
          .addStatement("boolean close = na <= 2.0 * nb && nb <= 2.0 * na")
          .addComment("qh - rho kh = (qh - sg kh) + sg |qh - sg kh|^2 / 2 kh (sg the sign of rho): exact 0 for parallel vectors")
          .addStatement("double sg = rho < 0.0 ? -1.0 : 1.0")
          .addStatement("double apart = 0.0")
          .addStatement("double chord = 0.0")
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("double a = Math.scalb($Lkeys[ko + i], -common)", rd)
          .addStatement("double b = Math.scalb($Lkeys[kwo + i], -common)", rd)
          .addStatement("norms = Math.fma(b - a, b + a, norms)")
          .addStatement("double h = parallel ? unitDifference($Lq[qOff + i], qe, qn, qnLo, $Lkeys[ko + i], ke, kn, knLo, sg)"
              + " : Math.scalb($Lq[qOff + i], -qe) / qn - sg * (Math.scalb($Lkeys[ko + i], -ke) / kn)", rd, rd, rd, rd)
          .addStatement("apart = Math.fma(h, h, apart)")
          .beginControlFlow("if (!close)")
          .addStatement("double c = Math.scalb($Lkeys[ko + i], -ke) / kn - Math.scalb($Lkeys[kwo + i], -kw) / knW", rd, rd)
          .addStatement("chord = Math.fma(c, c, chord)")
          .endControlFlow()
          .endControlFlow()
          .addStatement("double half = 0.5 * sg * apart")
          .addStatement("double ia = 1.0 / na")
          .addStatement("double shrink = norms / (na * nb * (na + nb))")
          .addComment("the difference form cancels (a - b)/|a| against b shrink when the norms differ (by 1e42 at keys of 1e143")
          .addComment("and 1e101: grad q off by 1e26): there, and where a norm underflows in the common scale, kh_j - kh_w directly")
          .addComment("keys of other norms nearer the line of q than to the winner's direction: each its own kh - rho qh (orthogonal")
          .addComment("to q) is more accurate than kh_j - kh_w, whose rounding in 1e-16 the projection onto q's complement keeps")
          .addStatement("boolean direct = !close && j != win && Math.sqrt(apart) + rootW < Math.sqrt(chord)")
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("double qh = Math.scalb($Lq[qOff + i], -qe) / qn", rd)
          .addStatement("double kh = Math.scalb($Lkeys[ko + i], -ke) / kn", rd)
          .addStatement("double a = Math.scalb($Lkeys[ko + i], -common)", rd)
          .addStatement("double b = Math.scalb($Lkeys[kwo + i], -common)", rd)
          .addStatement("double h = parallel ? unitDifference($Lq[qOff + i], qe, qn, qnLo, $Lkeys[ko + i], ke, kn, knLo, sg)"
              + " : qh - sg * kh", rd, rd)
          .addComment("(direct: kh - rho qh = -sg h + half qh; kh_j - kh_w nearly along q, nearly -2 qh, left 7e-9 of it after the projection)")
          .addStatement("double dk = j == win ? 0.0 : close ? (a - b) * ia + b * shrink : direct ? -sg * h + half * qh"
              + " : kh - Math.scalb($Lkeys[kwo + i], -kw) / knW", rd)
          .addStatement("gradQ[go + i] += slope * dk")
          .addStatement("double gki = Math.scalb(ck * (h + half * kh), $L-ke)", stat == AttentionStatistic.MEAN ? "ue " : "")
          .addStatement("gradKeys[gk + i] = $L(add ? gradKeys[gk + i] + gki : gki)", gcast)
          .endControlFlow()
          .beginControlFlow("if (!direct)")
          .addStatement("sumG += delta * (g - gW)")
          .nextControlFlow("else")
          .addComment("(its share of G kh_w is in its own term)")
          .addStatement("total -= delta")
          .endControlFlow()
          .endControlFlow()
          .addComment("the energy depends on the direction of q only, so grad q is orthogonal to q: project the")
          .addComment("accumulated part, and write the winner's kh_w - rho_w qh in the form that is exact for parallel vectors")
          .addStatement("double bigG = sumG + gW * total")
          .addStatement("double cq = Math.scalb(1.0 / qn, -qe)")
          .addStatement("double sgW = rhoW < 0.0 ? -1.0 : 1.0")
          .addStatement("double knWLo = normLow(keys, kwo, d, kw, knW)")
          .addStatement("double proj = 0.0")
          .addStatement("double apartW = 0.0")
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("double qh = Math.scalb($Lq[qOff + i], -qe) / qn", rd)
          .addStatement("double h = unitDifference($Lkeys[kwo + i], kw, knW, knWLo, $Lq[qOff + i], qe, qn, qnLo, sgW)", rd, rd)
          .addStatement("proj = Math.fma(gradQ[go + i], qh, proj)")
          .addStatement("apartW = Math.fma(h, h, apartW)")
          .endControlFlow()
          .beginControlFlow("for (int i = 0; i < d; i++)")
          .addStatement("double qh = Math.scalb($Lq[qOff + i], -qe) / qn", rd)
          .addStatement("double h = unitDifference($Lkeys[kwo + i], kw, knW, knWLo, $Lq[qOff + i], qe, qn, qnLo, sgW)", rd, rd)
          .addStatement("double rw = h + 0.5 * sgW * apartW * qh")
          .addStatement("gradQ[go + i] = cq * ((gradQ[go + i] - proj * qh) + (bigG == 0.0 ? 0.0 : bigG * rw))")
          .endControlFlow();
    } else {
      String fa = partials.containsKey("qq") ? call("dqq", callArgs()) : null;
      String fb = partials.containsKey("qk") ? call("dqk", callArgs()) : null;
      String fc = partials.containsKey("kk") ? "2.0 * delta * " + call("dkk", callArgs()) : "0.0";
      String fs = partials.containsKey("dd") ? partialDd() : null;
      if (asym != null) {
        // asymptotic classes: the partials are f's, L^(1-p) times the energy's, and the vectors are the scaled ones
        // (2^-se times the caller's), so each gradient term is 2^-(se (2p - 1)) times the caller's: scaled back at the end.
        // Products with a zero vector difference are 0 also where a partial is infinite (t underflowed)
        m.addComment("asymptotic form: partials of f and vectors times 2^-se; gradients scaled back by 2^ge");
      }
      m.addComment("grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k);  grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)");
      m.addComment("grad q = A q + B k_w + S (q - k_w) + sum_j (b_j - s_j) (k_j - k_w), with A, B, S sums of differences to the winner's");
      boolean entryDiffs = (fa != null && difference("qq") != null) || (fb != null && difference("qk") != null)
          || (fs != null && difference("dd") != null);
      boolean withEntryDifferences = entryDiffs && !(stat == AttentionStatistic.ENTROPY && difference("energy") != null);
      boolean closeDeclared = asym != null && withEntryDifferences;
      if (withEntryDifferences) m.addCode(entryDifferences());
      if (asym != null) {
        // a key far from the winner's scale: its gradient is taken directly, at its own scale, after the others
        // (farGradient); here its dL/de_j goes to total (the winner's share: sum_j dL/de_j = 0)
        if (fb != null) m.addStatement("double fb = $L", fb);
        if (fs != null) m.addStatement("double fs = $L", fs);
        m.beginControlFlow(closeDeclared ? "if (near && close)" : "if (near)");
        if (fa != null) m.addStatement("sumA += 2.0 * delta * $L", closeOr(difference("qq"), "(" + fa + " - fqqW)"));
        if (fb != null) m.addStatement("sumB += delta * $L", closeOr(difference("qk"), "(fb - fqkW)"));
        if (fs != null) m.addStatement("sumS += 2.0 * delta * $L", sDifference(closeOr(difference("dd"), "(fs - fddW)")));
        if (closeDeclared) {
          // a key near the winner's scale but not close to it (its entries not within a factor 2): its gradient is added
          // directly, as a far key's but at the winner's scale, and its dL/de_j goes to total. Relative to the winner,
          // B k_w + S (q - k_w) + (b - s)(k_j - k_w) are terms of |f_j| |k_w|, which cancel to |f_j| |k_j| where the winner
          // is much larger (Yat, 2-D: a key of 3 next to a winner of 4e9 nearly parallel to a query of 3e-3: grad q
          // was off by 7.8e-7)
          m.nextControlFlow("else if (near)").addStatement("total -= delta");
        }
        m.nextControlFlow("else").addStatement("total -= delta").addStatement("far = true").endControlFlow();
      } else {
        if (fa != null) m.addStatement("sumA += 2.0 * delta * $L", difference("qq") != null ? difference("qq") : "(" + fa + " - fqqW)");
        if (fb != null) {
          m.addStatement("double fb = $L", fb)
              .addStatement("sumB += delta * $L", difference("qk") != null ? difference("qk") : "(fb - fqkW)");
        }
        if (fs != null) {
          m.addStatement("double fs = $L", fs)
              .addStatement("sumS += 2.0 * delta * $L", sDifference(difference("dd") != null ? difference("dd") : "(fs - fddW)"));
        }
      }
      if (weighted && partials.containsKey("kk")) {
        m.addStatement("sumC += delta * $L", difference("kk") != null ? difference("kk") : "(dkk(" + callArgs() + ") - fkkW)");
      }
      m.addStatement("double b = $L", fb == null ? "0.0" : "delta * fb")
          .addStatement("double c = $L", fc)
          .addStatement("double sd = $L", fs == null ? "0.0" : "2.0 * delta * fs")
          .addStatement("double bs = b - sd");
      if (asym != null) {
        // the key's gradient b q + c k - sd (q - k) with the coefficients' common exponent apart (put back in the final
        // scalb): b (about 1e-274) times an entry scaled by 2^-se (1e-103) underflowed where the gradient, 2^ge times
        // that, is representable (3e-245)
        m.addStatement("int ce = Math.getExponent(Math.max(Math.abs(b), Math.max(Math.abs(c), Math.abs(sd))))")
            .addStatement("double bn = Math.scalb(b, -ce)")
            .addStatement("double cn = Math.scalb(c, -ce)")
            .addStatement("double sn = Math.scalb(sd, -ce)")
            .addStatement("double rowTerms = 0.0")
            .addStatement("double rowLargest = 0.0");
        if (ratio()) ratioBracket(m);
      }
      m.beginControlFlow("for (int i = 0; i < d; i++)");
      if (asym == null) {
        m.addStatement("double qi = q[qOff + i]")
            .addStatement("double ki = keys[ko + i]")
            .addStatement("double diff = qi - ki")
            .beginControlFlow("if (bs != 0.0 && j != win)")
            .addStatement("gradQ[go + i] += bs * (ki - keys[kwo + i])")
            .endControlFlow()
            .addStatement("double g = $L", rescaled((weighted ? "wt[wo + i] * (" : "(")
                + "(b == 0.0 ? 0.0 : b * qi) + (c == 0.0 ? 0.0 : c * ki) - (sd == 0.0 ? 0.0 : sd * diff))"));
      } else {
        m.addStatement("double qi = q[qOff + i] * entryScale")
            .addStatement("double ki = keys[ko + i] * entryScale")
            .addStatement("double diff = qi - ki")
            .beginControlFlow(closeDeclared ? "if (near && close && bs != 0.0 && j != win)" : "if (near && bs != 0.0 && j != win)")
            .addStatement("double dk = ki - keys[kwo + i] * entryScale")
            .addStatement("if (dk != 0.0) gradQ[go + i] += bs * dk")
            .endControlFlow();
        if (closeDeclared) {
          // (the direct gradient of a near key that is not close: 2 f_qq q + f_qk k + 2 f_dd (q - k), times dL/de_j)
          m.beginControlFlow("if (near && !close)")
              .addStatement("gradQ[go + i] += $L(b == 0.0 || ki == 0.0 ? 0.0 : b * ki) + (sd == 0.0 || diff == 0.0 ? 0.0 : sd * diff)",
                  fa == null ? "" : "(qi == 0.0 ? 0.0 : 2.0 * delta * " + fa + " * qi) + ")
              .endControlFlow();
        }
        m
            .addStatement("double tb = bn == 0.0 || qi == 0.0 ? 0.0 : bn * qi")
            .addStatement("double tc = cn == 0.0 || ki == 0.0 ? 0.0 : cn * ki")
            .addStatement("double ts = sn == 0.0 || diff == 0.0 ? 0.0 : sn * diff");
        String shift = stat == AttentionStatistic.MEAN ? "ue + ge + ce" : "ge + ce";
        if (ratio()) {
          m.addStatement("double g")
              .beginControlFlow("if (ratio)")
              .addComment("bn / D (q_i (<q, q - k> + kappa) + sum_l k_l (q_i k_l - q_l k_i)): each 2x2 determinant by Kahan's fma")
              .addComment("algorithm (to a few units of its own size), their sum compensated")
              .addStatement("double ps = 0.0")
              .addStatement("double pc = 0.0")
              .addStatement("double pa = 0.0")
              .beginControlFlow("for (int l = 0; l < d; l++)")
              .addStatement("if (l == i) continue")
              .addStatement("double ql = q[qOff + l] * entryScale")
              .addStatement("double kl = keys[ko + l] * entryScale")
              .addStatement("double pw = ql * ki")
              .addStatement("double det = Math.fma(qi, kl, -pw) + Math.fma(-ql, ki, pw)")
              .addStatement("double p = kl * det")
              .addStatement("pc += Math.fma(kl, det, -p)")
              .addCode(AttentionKernels.twoSum("ps", "pc", "pt", "pz", "p"))
              .addStatement("pa += Math.abs(p)")
              .endControlFlow()
              .addStatement("double gi = bn * ((qi * qdk + (ps + pc)) / den)")
              .addStatement("g = Math.scalb(gi, $L)", shift)
              .addStatement("rowTerms = Math.max(rowTerms, Math.abs(bn) * ((Math.abs(qi) * qdTerms + pa) / den))")
              .addStatement("rowLargest = Math.max(rowLargest, Math.abs(gi))")
              .nextControlFlow("else")
              .addStatement("g = Math.scalb(tb + tc - ts, $L)", shift)
              .addStatement("rowTerms = Math.max(rowTerms, Math.abs(tb) + Math.abs(tc) + Math.abs(ts))")
              .addStatement("rowLargest = Math.max(rowLargest, Math.abs(tb + tc - ts))")
              .endControlFlow();
        } else {
          m.addStatement("double g = Math.scalb(tb + tc - ts, $L)", shift)
              .addStatement("rowTerms = Math.max(rowTerms, Math.abs(tb) + Math.abs(tc) + Math.abs(ts))")
              .addStatement("rowLargest = Math.max(rowLargest, Math.abs(tb + tc - ts))");
        }
      }
      m.addStatement("gradKeys[gk + i] = $L(add ? gradKeys[gk + i] + g : g)", gcast);
      if (weighted) {
        // d e_j/d w_i = f_qq q_i^2 + f_qk q_i k_ji + f_kk k_ji^2 + f_dd (q_i - k_ji)^2, each term taken relative
        // to the winner's (the rest is added once below, with the sums A, B, C, S)
        m.beginControlFlow("if (gradW != null && j != win)")
            .addStatement("double kwi = keys[kwo + i]")
            .addStatement("double gw = $L", rescaled("(b == 0.0 ? 0.0 : b * qi * (ki - kwi)) + (c == 0.0 ? 0.0 : 0.5 * c * (ki - kwi) * (ki + kwi))"
                + " + (sd == 0.0 ? 0.0 : 0.5 * sd * (kwi - ki) * (diff + (qi - kwi)))"))
            .addStatement("gradW[gwo + i] += gw")
            .endControlFlow();
      }
      m.endControlFlow();
      if (asym != null) {
        String shift = stat == AttentionStatistic.MEAN ? "ue + ge + ce" : "ge + ce";
        m.addStatement("keyTerms = Math.max(keyTerms, Math.scalb(rowTerms, $L))", shift)
            .addStatement("keyLargest = Math.max(keyLargest, Math.scalb(rowLargest, $L))", shift);
      }
      m.endControlFlow();
      // (asymptotic classes: a winner's infinite partial times a zero total is 0)
      m.addStatement("double bigA = sumA + $L", fa == null ? "0.0" : asym == null ? "2.0 * fqqW * total" : "(total == 0.0 ? 0.0 : 2.0 * fqqW * total)")
          .addStatement("double bigB = sumB + $L", fb == null ? "0.0" : asym == null ? "fqkW * total" : "(total == 0.0 ? 0.0 : fqkW * total)")
          .addStatement("double bigS = sumS + $L", fs == null ? "0.0" : asym == null ? "2.0 * fddW * total" : "(total == 0.0 ? 0.0 : 2.0 * fddW * total)");
      if (weighted) m.addStatement("double bigC = sumC + $L", partials.containsKey("kk") ? "fkkW * total" : "0.0");
      m.beginControlFlow("for (int i = 0; i < d; i++)");
      if (asym == null) {
        m.addStatement("double qi = q[qOff + i]")
            .addStatement("double kwi = keys[kwo + i]")
            .addStatement("gradQ[go + i] += (bigA == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 ? 0.0 : bigB * kwi) + (bigS == 0.0 ? 0.0 : bigS * (qi - kwi))");
      } else {
        m.addStatement("double qi = q[qOff + i] * entryScaleW")
            .addStatement("double kwi = keys[kwo + i] * entryScaleW")
            .addStatement("gradQ[go + i] += (bigA == 0.0 || qi == 0.0 ? 0.0 : bigA * qi) + (bigB == 0.0 || kwi == 0.0 ? 0.0 : bigB * kwi)"
                + " + (bigS == 0.0 || qi - kwi == 0.0 ? 0.0 : bigS * (qi - kwi))");
      }
      if (weighted) {
        m.addStatement("gradQ[go + i] *= wt[wo + i]")
            .beginControlFlow("if (gradW != null)")
            .addStatement("double gw = $L", rescaled("(bigA == 0.0 ? 0.0 : 0.5 * bigA * qi * qi) + (bigB == 0.0 ? 0.0 : bigB * qi * kwi)"
                + " + (bigC == 0.0 ? 0.0 : bigC * kwi * kwi) + (bigS == 0.0 ? 0.0 : 0.5 * bigS * (qi - kwi) * (qi - kwi))"))
            .addStatement("gradW[gwo + i] += gw")
            .endControlFlow();
      }
      m.endControlFlow();
    }
    if (stat == AttentionStatistic.MEAN || asym != null) {
      m.beginControlFlow("for (int i = 0; i < d; i++)").addStatement("gradQ[go + i] = Math.scalb(gradQ[go + i], $L)",
          asym == null ? "ue" : stat == AttentionStatistic.MEAN ? "ue + geW" : "geW").endControlFlow();
    }
    if (asym != null) farGradient(m, isFloat);
    if (coneLine) {
      // c = 2 f_dd Sqrt[dd] at dd = 1 (the same at every dd); the winner's share c sign(q - k_w) sum_j dL/de_j is
      // 0 but for the free energy, where sum_j dL/de_j is the upstream
      String c = "2.0 * ddd(" + callArgs().replaceFirst("^dd", "1.0") + ")";
      m.beginControlFlow("if (d == 1)")
          .addStatement("gradQ[go] = $L", rescaled(c + " * (coneSum" + (stat == AttentionStatistic.FREE_ENERGY ? " + coneW * u" : "") + ")"))
          .endControlFlow();
    }
    if (asym != null) {
      if (losesSmallVectors()) m.addStatement("if (lostAny) $T.fill(gradQ, go, go + d, Double.NaN)", java.util.Arrays.class);
      // a key's gradient b q + c k - sd (q - k) cancels where the query is nearly parallel to a much larger key (in one
      // dimension always: Yat's bracket q + (qk/D)(q - k) is about q^2/k there, its terms about q); the terms carry a
      // few units of rounding from the partials: where 2^-49 of the largest term exceeds 1e-11 of the largest key
      // gradient, the key gradients are NaN instead of numbers the rounding decides
      m.beginControlFlow("if (keyTerms * 0x1p-49 > 1e-11 * keyLargest)")
          .addStatement("$T.fill(gradKeys, gko, gko + n * d, $LDouble.NaN)", java.util.Arrays.class, isFloat ? "(float) " : "")
          .endControlFlow();
    }
    if (!free.isEmpty()) {
      m.beginControlFlow("if (gradParams != null)");
      for (int i = 0; i < free.size(); i++) m.addStatement("gradParams[gpp + $L] += $L", i, rescaled("total * fparW" + i));
      m.endControlFlow();
    }
    return finish(m);
  }
}
