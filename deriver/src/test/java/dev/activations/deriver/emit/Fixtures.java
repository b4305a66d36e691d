package dev.activations.deriver.emit;

import static dev.activations.deriver.lowering.Expr.constant;

import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Var;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import dev.activations.deriver.lowering.LoweredActivation.Output;
import java.util.List;
import java.util.Map;

/** Hand-built lowered activations for the emitter tests. */
final class Fixtures {
  static final Var Z = new Var("z");
  static final Var S = new Var("s");

  private Fixtures() {}

  static Expr mul(Expr... f) {
    return new Mul(List.of(f));
  }

  static Expr add(Expr... t) {
    return new Add(List.of(t));
  }

  static LoweredActivation.Math math(String statistic, String derivative) {
    return new LoweredActivation.Math(
        List.of("(z-1)^2/2", "(z+1)^2/2"), statistic, derivative, List.of());
  }

  /** tanh(z), derivative tanh'(z); limits +-1 and 0. */
  static LoweredActivation tanh() {
    return new LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat mean",
        math("Tanh[z]", "Sech[z]^2"),
        List.of(),
        List.of(new Output(Call.of(Fn.TANH, Z), -1.0, 1.0)),
        List.of(new Output(Call.of(Fn.TANH_PRIME, Z), 0.0, 0.0)),
        Map.of());
  }

  /** z * logistic(2z) (SiLU family); derivative L + z * (2 * L * logistic(-2z)). */
  static LoweredActivation gated() {
    Expr l = Call.of(Fn.LOGISTIC, mul(constant(2), Z));
    Expr lm = Call.of(Fn.LOGISTIC, mul(constant(-2), Z));
    return new LoweredActivation(
        "--kernel gaussian --hypotheses gated --stat mean",
        new LoweredActivation.Math(List.of("(z-1)^2/2", "(z+1)^2/2"), "z*LogisticSigmoid[2*z]",
            "LogisticSigmoid[2*z] + 2*z*LogisticSigmoid[2*z]*LogisticSigmoid[-2*z]",
            List.of("Every finite input whose exact result is finite gives a finite result.",
                "Smooth everywhere; the limit at -Infinity is 0 (not -Inf * 0 = NaN).")),
        List.of(),
        List.of(new Output(mul(Z, l), 0.0, Double.POSITIVE_INFINITY)),
        List.of(new Output(add(l, mul(Z, mul(constant(2), l, lm))), 0.0, 1.0)),
        Map.of());
  }

  /** Responsibilities of the signed Gaussian pair: (logistic(2z), logistic(-2z)). */
  static LoweredActivation responsibilities() {
    Expr l = Call.of(Fn.LOGISTIC, mul(constant(2), Z));
    Expr lm = Call.of(Fn.LOGISTIC, mul(constant(-2), Z));
    Expr d = mul(constant(2), l, lm);
    return new LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat responsibilities",
        math("{LogisticSigmoid[2*z], LogisticSigmoid[-2*z]}",
            "{2*r1*r2, -2*r1*r2}"),
        List.of(),
        List.of(new Output(l, 0.0, 1.0), new Output(lm, 1.0, 0.0)),
        List.of(new Output(d, 0.0, 0.0), new Output(new Neg(d), 0.0, 0.0)),
        Map.of());
  }

  /** tanh(z / s) with free parameter s; limits stated for the value only at +Infinity. */
  static LoweredActivation scaled() {
    Expr u = new Div(Z, S);
    Expr tp = Call.of(Fn.TANH_PRIME, u);
    return new LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat mean --free s",
        math("Tanh[z/s]", "Sech[z/s]^2/s"),
        List.of("s"),
        List.of(new Output(Call.of(Fn.TANH, u), Double.NaN, 1.0)),
        List.of(Output.of(new Div(tp, S))),
        Map.of("s", List.of(Output.of(new Neg(new Div(mul(Z, tp), new PowInt(S, 2)))))));
  }

  /**
   * Responsibilities with a free scale: r1 = logistic(2z/s), r2 = logistic(-2z/s). The limit of
   * r2 at -Infinity is deliberately left unstated, so the emitter patches only r1 there.
   */
  static LoweredActivation scaledResponsibilities() {
    Expr u = new Div(mul(constant(2), Z), S);
    Expr r1 = Call.of(Fn.LOGISTIC, u);
    Expr r2 = Call.of(Fn.LOGISTIC, new Neg(u));
    Expr dz = mul(new Div(constant(2), S), r1, r2);
    Expr ds = mul(new Div(mul(constant(2), Z), new PowInt(S, 2)), r1, r2);
    return new LoweredActivation(
        "--kernel gaussian --hypotheses signed --stat responsibilities --free s",
        math("{LogisticSigmoid[2*z/s], LogisticSigmoid[-2*z/s]}", "{2/s*r1*r2, -2/s*r1*r2}"),
        List.of("s"),
        List.of(new Output(r1, 0.0, 1.0), new Output(r2, Double.NaN, 0.0)),
        List.of(Output.of(dz), Output.of(new Neg(dz))),
        Map.of("s", List.of(Output.of(new Neg(ds)), Output.of(ds))));
  }
}
