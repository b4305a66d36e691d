package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.emit.ClassEmitter;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.lowering.LoweredActivation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --check gate accepts correct code and names the worst point of wrong code. */
class CompiledCheckTest {
  private static final Expr Z = new Expr.Var("z");
  private static final ReferenceTable TANH = ReferenceTable.at(
      new ReferenceEvaluator(Definition.of("(z-mu)^2/2", "1:1,-1:-1", "mean")), Accuracy.samplePoints());

  private static LoweredActivation activation(Expr derivative) {
    return new LoweredActivation("test", new LoweredActivation.Math(List.of(), "Tanh[z]", "Sech[z]^2", List.of()),
        List.of(), List.of(LoweredActivation.Output.of(Expr.Call.of(Fn.TANH, Z))),
        List.of(LoweredActivation.Output.of(derivative)), Map.of());
  }

  @Test
  void acceptsTheTailAccurateDerivative() {
    var r = CompiledCheck.run(ClassEmitter.emit(activation(Expr.Call.of(Fn.TANH_PRIME, Z)), "p", "Good"), TANH, new double[0]);
    assertTrue(r.passed(), r::describe);
  }

  @Test
  void rejectsOneMinusTanhSquaredAndNamesTheTail() {
    // 1 - tanh^2 is 0 beyond |z| ~ 19 while the truth is ~4e^(-2|z|): the textbook failure
    Expr naive = new Expr.Add(List.of(Expr.Const.of(1.0), new Expr.Neg(new Expr.PowInt(Expr.Call.of(Fn.TANH, Z), 2))));
    var r = CompiledCheck.run(ClassEmitter.emit(activation(naive), "p", "Bad"), TANH, new double[0]);
    assertFalse(r.passed());
    assertTrue(r.function().equals("derivative") && Math.abs(r.z()) >= 19, r::describe);
  }
}
