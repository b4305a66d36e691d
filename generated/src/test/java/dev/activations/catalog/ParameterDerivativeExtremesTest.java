package dev.activations.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.spec.Domain;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.verify.Accuracy;
import dev.activations.deriver.verify.ReferenceEvaluator;
import dev.activations.deriver.verify.SpecDefinitions;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code d<Param>} method of the jar at the extremes of z (the special-input contract's
 * finite inputs, and 1e-8 where the Student-t mean's dNu is about z^3/48 and its old form had the
 * wrong sign) and at the extremes of the parameter (a sixteenth and sixteen times the default's
 * distance from a domain bound, and 2^-300, 2^40, 2^300, 2^530 and 2^664 times it), against the high-precision reference differentiating the
 * unsimplified definition in the parameter at the same (exact, binary) parameter value.
 */
class ParameterDerivativeExtremesTest {
  private static final double[] Z = {
    Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, -1e300, 1e154, -1e154, 1e8, -1e8, 37.5, -2.25, 1e-3, -1e-3,
    1e-8, -1e-8, 1e-100, -1e-100, Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MIN_VALUE, 0.0};

  @Test
  void parameterDerivativesMeetTheContractAtTheExtremes() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FreeParameter f : freeParameters()) {
      Catalog.Entry entry = f.entry();
      GeneratedActivation a = f.activation();
      Map<String, ExactNumber> defaults = f.defaults();
      String p = f.name();
      Domain domain = f.domain();
      for (double value : extremes(domain, defaults.get(p).toDouble())) {
        Assignment at = f.at(value);
        ReferenceEvaluator reference = at.reference();
        double[] args = at.args();
        Method m = a.type.getMethod(ClassEmitter.derivativeMethod(p), at.types());
        for (double z : Z) {
          var exact = reference.parameterDerivative(z, p);
          if (exact.isEmpty()) continue;
          double computed = invoke(m, z, args);
          double error = Accuracy.relativeError(computed, exact.get()[0]);
          checked++;
          if (!(error <= 1e-10)) {
            failures.add(entry.className() + "." + ClassEmitter.derivativeMethod(p) + "(" + z + ", " + p + " = "
                + value + ") = " + computed + ", exact " + exact.get()[0].value().round(new java.math.MathContext(17))
                + " (relative error " + error + ")");
          }
        }
      }
    }
    assertTrue(checked > 0, "no parameter derivative in the catalog");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * {@code value}, {@code derivative} and every {@code d<Param>} of every scalar class with a scale
   * parameter (a domain bounded below by 0) at scales whose square leaves the double range (2^-540
   * and 2^540, about 3e-163 and 4e162): the Gaussian mean's {@code tanh(z / (s s))} was NaN at z = 0
   * for s = 1e-170 (0 / 0; exact 0), its derivative {@code tanh'(z/s^2)/s^2} NaN everywhere there
   * ({@code 0 * Inf}) and its dS NaN or infinite, until products of free parameters that leave the
   * range are divided one at a time, chosen at run time ({@code ParameterQuotients}).
   */
  @Test
  void outputsAtScalesWhoseSquareLeavesTheRange() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FreeParameter f : freeParameters()) {
      Catalog.Entry entry = f.entry();
      GeneratedActivation a = f.activation();
      String p = f.name();
      Domain domain = f.domain();
      boolean scale = domain.bounds().stream().anyMatch(b -> b.op().startsWith(">") && b.limit().signum() == 0);
      if (!scale) continue;
      for (double value : new double[] {0x1p-540, 0x1p540}) {
        // the Student-t at nu = 2^540 too: its derivative's rational part had the coefficient
        // (1 + nu)^2, which overflows from nu = 1.3e154 on (NaN at every z), until such quotients
        // were taken as paired factors of lower degree in nu (NumericalRewrites.pairedFactorsTail)
        Assignment at = f.at(value);
        ReferenceEvaluator reference = at.reference();
        double[] args = at.args();
        Class<?>[] types = at.types();
        List<String> functions = new ArrayList<>(List.of("value", "derivative"));
        for (String q : a.spec.free()) functions.add(ClassEmitter.derivativeMethod(q));
        for (String function : functions) {
          // (the Student-t value next to z = MIN_NORMAL from nu of about 1e8 on was skipped here
          // until c log1p(x) was taken as c x (1 - x/2) for tiny x: docs/PARAMETERS.md)
          Method m = a.type.getMethod(function, types);
          for (double z : Z) {
            BigDecimal exact = exact(reference, function, functions, a.spec.free(), z);
            if (exact == null) continue;
            double computed = invoke(m, z, args);
            double error = Accuracy.relativeError(computed, exact);
            checked++;
            if (!(error <= (function.equals("value") ? 1e-12 : 1e-10))) {
              failures.add(entry.className() + "." + function + "(" + z + ", " + p + " = " + value + ") = "
                  + computed + ", exact " + exact.round(new java.math.MathContext(17)) + " (relative error " + error + ")");
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "no scale parameter in the catalog");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * Every output ({@code value}, {@code derivative}, every {@code d<Param>}) of every scalar class
   * with a free parameter, the parameter log-spaced over its domain (a bound plus or minus 10^k,
   * k = -300, -275, ..., 300, both signs where the domain has no bound) at the standard extreme z
   * and at the Student-t mean's kinks +-1 (and +-2, the derivative's roots at nu = 3). Why: the
   * Student-t mean's {@code value} was 0 at z = {@code MIN_NORMAL} for nu = 1e25 and beyond (exact
   * about z), and its {@code derivative} and {@code dNu} 0 at z = +-1 for nu = 1e-25 and below
   * (exact 5e-151 and -5e149 at nu = 1e-300), until polynomials in z with a parameter kept the
   * parameter apart from the roots of their numbers and {@code c log1p(x)} was taken apart for
   * tiny and for nearly -1 x (docs/PARAMETERS.md, "The parameter sweep").
   */
  @Test
  void everyOutputOverTheParametersRange() throws Exception {
    double[] zs = {0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-200, -1e-200,
      1e-8, -1e-8, 1.0, -1.0, 2.0, -2.0, 1e8, -1e8, 1e200, -1e200, Double.MAX_VALUE, -Double.MAX_VALUE};
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FreeParameter f : freeParameters()) {
      GeneratedActivation a = f.activation();
      for (double value : sweep(f.domain())) {
        Assignment at = f.at(value);
        ReferenceEvaluator reference = at.reference();
        List<String> functions = new ArrayList<>(List.of("value", "derivative"));
        for (String q : a.spec.free()) functions.add(ClassEmitter.derivativeMethod(q));
        for (String function : functions) {
          Method m = a.type.getMethod(function, at.types());
          for (double z : zs) {
            BigDecimal exact = exact(reference, function, functions, a.spec.free(), z);
            if (exact == null) continue;
            double computed = invoke(m, z, at.args());
            double error = Accuracy.relativeError(computed, exact);
            checked++;
            if (!(error <= (function.equals("value") ? 1e-12 : 1e-10))) {
              failures.add(f.entry().className() + "." + function + "(" + z + ", " + f.name() + " = " + value + ") = "
                  + computed + ", exact " + exact.round(new java.math.MathContext(17)) + " (relative error " + error + ")");
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "no free parameter in the catalog");
    assertTrue(failures.isEmpty(), failures.size() + " misses:\n" + String.join("\n", failures));
  }

  /** A bound plus (a lower bound) or minus 10^k, k = -300, -275, ..., 300; both signs of 10^k without a bound; inside two bounds, their extremes. */
  static double[] sweep(Domain domain) {
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    for (Domain.Bound b : domain.bounds()) {
      if (b.op().startsWith(">")) lower = Math.max(lower, b.limit().toDouble());
      else upper = Math.min(upper, b.limit().toDouble());
    }
    List<Double> out = new ArrayList<>();
    for (int k = -300; k <= 300; k += 25) {
      double step = Double.parseDouble("1e" + k);
      if (Double.isFinite(lower) && Double.isFinite(upper)) {
        if (lower + step < upper) out.add(lower + step);
        if (upper - step > lower) out.add(upper - step);
      } else if (Double.isFinite(lower)) {
        out.add(lower + step);
      } else if (Double.isFinite(upper)) {
        out.add(upper - step);
      } else {
        out.add(step);
        out.add(-step);
      }
    }
    return out.stream().distinct().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The Gaussian mean's {@code dS = -8 z r+ r- / s^3} where the responsibility {@code r- =
   * logistic(-2z/s^2)} is subnormal ({@code 2z/s^2} between 708 and 745) and the slope {@code 8z /
   * s^3} large (s = 2^10): the subnormal has few bits, which the slope magnifies (relative error
   * 4e-8 against the {@code MIN_NORMAL} floor at s = 1000, z = 3.6e8), until such a factor is split
   * into two normal halves where it is subnormal ({@code TinyFactors}). And the same at s = 2^-10
   * and 1, where the slope is smaller.
   */
  @Test
  void aSubnormalResponsibilityTimesALargeSlope() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FreeParameter f : freeParameters()) {
      if (!f.entry().className().equals("GaussianSignedMeanScaleFree")) continue;
      Method m = f.activation().type.getMethod(ClassEmitter.derivativeMethod(f.name()), doubles(2));
      for (double s : new double[] {0x1p-10, 1.0, 0x1p10}) {
        Assignment at = f.at(s);
        for (double k : new double[] {355.5, 360.25, 363.0, 365.5, 370.0, 372.5}) {
          for (double z : new double[] {k * s * s, -k * s * s}) {
            var exact = at.reference().parameterDerivative(z, f.name());
            if (exact.isEmpty()) continue;
            double computed = invoke(m, z, at.args());
            double error = Accuracy.relativeError(computed, exact.get()[0]);
            checked++;
            if (!(error <= 1e-10)) {
              failures.add("dS(" + z + ", s = " + s + ") = " + computed + ", exact "
                  + exact.get()[0].value().round(new java.math.MathContext(17)) + " (relative error " + error + ")");
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "GaussianSignedMeanScaleFree is not in the catalog");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * The same class's {@code derivative}, {@code tanh'(z/s^2)/s^2}: a subnormal {@code tanh'} at
   * {@code z/s^2} between 354 and 372, times {@code 1/s^2 = 2^20} at s = 2^-10, was 4.4e-10 off
   * against the {@code MIN_NORMAL} floor at s = 0.001, z = 3.63e-4 while the split of such factors
   * ({@code TinyFactors}) covered parameter derivatives only; also at s = 0.001 (that miss), 1 and
   * 2^10 (no magnification: it must hold there as it did).
   */
  @Test
  void aSubnormalSlopeTimesALargeReciprocalScale() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (FreeParameter f : freeParameters()) {
      if (!f.entry().className().equals("GaussianSignedMeanScaleFree")) continue;
      Method m = f.activation().type.getMethod("derivative", doubles(2));
      for (double s : new double[] {0x1p-10, 0.001, 1.0, 0x1p10}) {
        Assignment at = f.at(s);
        for (double k : new double[] {355.5, 360.25, 363.0, 365.5, 370.0, 372.5}) {
          for (double z : new double[] {k * s * s, -k * s * s}) {
            var exact = at.reference().evaluate(z).derivatives().get(0);
            if (exact.isEmpty()) continue;
            double computed = invoke(m, z, at.args());
            double error = Accuracy.relativeError(computed, exact.get());
            checked++;
            if (!(error <= 1e-10)) {
              failures.add("derivative(" + z + ", s = " + s + ") = " + computed + ", exact "
                  + exact.get().round(new java.math.MathContext(17)) + " (relative error " + error + ")");
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "GaussianSignedMeanScaleFree is not in the catalog");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** A free parameter of a single-output catalog class, with the class's defaults and the parameter's domain. */
  private record FreeParameter(Catalog.Entry entry, GeneratedActivation activation, Map<String, ExactNumber> defaults,
      String name, Domain domain) {
    /** The class's parameters with this one at {@code value} (the others at their defaults). */
    Assignment at(double value) {
      Map<String, ExactNumber> values = new LinkedHashMap<>(defaults);
      values.put(name, exact(value));
      double[] args = values.values().stream().mapToDouble(ExactNumber::toDouble).toArray();
      return new Assignment(new ReferenceEvaluator(SpecDefinitions.of(activation.spec, values)), args, doubles(1 + args.length));
    }
  }

  /**
   * The exact first component of {@code function} ({@code value}, {@code derivative} or one of the
   * {@code d<Param>} methods, which follow those two in {@code functions}) at z, or null where the
   * reference leaves it undecided.
   */
  private static BigDecimal exact(ReferenceEvaluator reference, String function, List<String> functions,
      List<String> free, double z) {
    if (function.equals("value") || function.equals("derivative")) {
      var point = reference.evaluate(z);
      return function.equals("value") ? point.values().get(0) : point.derivatives().get(0).orElse(null);
    }
    String q = free.get(functions.indexOf(function) - 2);
    return reference.parameterDerivative(z, q).map(x -> x[0].value()).orElse(null);
  }

  /** A parameter assignment: the reference there, the parameters as trailing arguments, the methods' parameter types. */
  private record Assignment(ReferenceEvaluator reference, double[] args, Class<?>[] types) {}

  private static List<FreeParameter> freeParameters() throws Exception {
    List<FreeParameter> out = new ArrayList<>();
    for (Catalog.Entry entry : Catalog.ENTRIES) {
      GeneratedActivation a = GeneratedActivation.of(entry);
      if (a.spec.free().isEmpty() || a.outputs != 1) continue;
      Map<String, ExactNumber> defaults = SpecDefinitions.defaults(a.spec);
      for (String p : a.spec.free()) {
        out.add(new FreeParameter(entry, a, defaults, p,
            a.spec.kernel().parameter(p).map(x -> x.domain()).orElse(Domain.REALS)));
      }
    }
    return out;
  }

  private static Class<?>[] doubles(int n) {
    Class<?>[] types = new Class<?>[n];
    java.util.Arrays.fill(types, double.class);
    return types;
  }

  /** {@code m(z, args...)}. */
  private static double invoke(Method m, double z, double[] args) throws Exception {
    Object[] call = new Object[1 + args.length];
    call[0] = z;
    for (int i = 0; i < args.length; i++) call[1 + i] = args[i];
    return (Double) m.invoke(null, call);
  }

  /** The default, and a sixteenth, sixteen, 2^-300, 2^40, 2^300, 2^530 and 2^664 times its distance from the domain's bound. */
  static double[] extremes(Domain domain, double d) {
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    for (Domain.Bound b : domain.bounds()) {
      if (b.op().startsWith(">")) lower = Math.max(lower, b.limit().toDouble());
      else upper = Math.min(upper, b.limit().toDouble());
    }
    if (Double.isFinite(lower) && Double.isFinite(upper)) {
      return new double[] {d, lower + (upper - lower) / 64, upper - (upper - lower) / 64};
    }
    // and 2^-300 times that distance: the Student-t dNu at nu = 2^-300 was NaN at z = +-1 (a
    // responsibility that underflows times a slope that overflows) until the guarded forms won ties
    // in classes with free parameters. And 2^40 and 2^300 times it (nu = 3.3e12 and 6.1e90, the
    // Gaussian limit): the Student-t dNu, about 1/nu^2, came out of terms of about 1/nu that
    // cancel, off by 0.27 and by 1e72, until its logarithm's remainder log1p(y) - y was taken
    // apart from the rational rest (LogRemainders; docs/PARAMETERS.md, "Parameter values at the
    // edges")
    // And 2^530 and 2^664 times it (nu = 1.1e160 and 4.6e200 at the Student-t default 3): dNu was
    // NaN at z = 1e300 there (Inf * 0 in its rational part's coefficient (1 + nu)^2, whose exact
    // value at nu = 1e160 is about 1e-300) until the paired factors above
    if (Double.isFinite(lower)) {
      return new double[] {d, lower + (d - lower) / 16, lower + (d - lower) * 16, lower + (d - lower) * 0x1p-300,
        lower + (d - lower) * 0x1p40, lower + (d - lower) * 0x1p300, lower + (d - lower) * 0x1p530,
        lower + (d - lower) * 0x1p664};
    }
    if (Double.isFinite(upper)) return new double[] {d, upper - (upper - d) / 16, upper - (upper - d) * 16};
    return new double[] {d, d - 8 * (1 + Math.abs(d)), d + 8 * (1 + Math.abs(d))};
  }

  private static ExactNumber exact(double v) {
    BigDecimal b = new BigDecimal(v);
    return b.scale() <= 0 ? new ExactNumber(b.toBigIntegerExact(), java.math.BigInteger.ONE)
        : new ExactNumber(b.unscaledValue(), java.math.BigInteger.TEN.pow(b.scale()));
  }
}
