package dev.activations.deriver.emit;

import static dev.activations.deriver.lowering.Expr.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test.Compare;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import dev.activations.deriver.lowering.Fn;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorExprPrinterTest {
  private static final Var Z = new Var("z");
  private static final Var S = new Var("s");

  private static VectorExprPrinter printer() {
    return new VectorExprPrinter("S", Map.of("s", "s$v"), VectorExprPrinter.Lanes.DOUBLE);
  }

  @Test
  void arithmeticKeepsTheScalarOrderAndUsesScalarOverloadsForConstants() {
    assertEquals("DoubleVector.broadcast(S, 1.0).add(z).sub(s$v)",
        printer().print(new Add(List.of(constant(1), Z, new Neg(S)))));
    assertEquals("z.mul(2.0).div(s$v.neg())",
        printer().print(new Div(new Mul(List.of(Z, constant(2))), new Neg(S))));
  }

  @Test
  void conditionalsBecomeBlendsUnderMasks() {
    assertEquals("z.blend(0.0, z.compare(VectorOperators.LT, 0.0))",
        printer().print(new Cond(new Compare(Op.LT, Z, constant(0)), constant(0), Z)));
  }

  @Test
  void tanhGoesThroughExpWithTheSignBitCopied() {
    VectorExprPrinter p = printer();
    String root = p.print(Call.of(Fn.TANH, Z));
    assertEquals("DoubleVector $2 = $1.mul(-2.0).lanewise(VectorOperators.EXP)", p.statements().get(2));
    assertTrue(p.statements().get(4).contains(".compare(VectorOperators.LT, 0.01)"), p.statements().get(4));
    // the Taylor polynomial only when some lane is below the cutoff
    assertTrue(p.statements().get(5).startsWith("if ($4.anyTrue()) {"), p.statements().get(5));
    assertTrue(root.contains("reinterpretAsLongs().and(Long.MIN_VALUE)"), root);
  }

  @Test
  void floatLanesPrintFloatLiteralsAndTheIntSignBit() {
    VectorExprPrinter p = new VectorExprPrinter("W", Map.of(), VectorExprPrinter.Lanes.FLOAT);
    assertEquals("FloatVector.broadcast(W, 1.0E-30f).div(z.mul(2.0f))",
        p.print(new Div(constant(1e-30), new Mul(List.of(Z, constant(2))))));
    // a double constant beyond the float range becomes float's infinity
    assertEquals("z.blend(0.0f, z.compare(VectorOperators.LT, Float.NEGATIVE_INFINITY))",
        p.print(new Cond(new Compare(Op.LT, Z, constant(-1e300)), constant(0), Z)));
    String root = p.print(Call.of(Fn.TANH, Z));
    assertTrue(root.contains("reinterpretAsInts().and(Integer.MIN_VALUE)"), root);
  }

  @Test
  void everyFunctionHasAFloatVectorFormThatCompiles() {
    assertEveryFunctionCompiles(new VectorExprPrinter("W", Map.of("s", "s$v"), VectorExprPrinter.Lanes.FLOAT),
        "W", "Float", "FloatVector");
  }

  @Test
  void everyFunctionHasAVectorFormThatCompiles() {
    assertEveryFunctionCompiles(printer(), "S", "Double", "DoubleVector");
  }

  /** Prints every function of the IR with {@code p} and compiles the result as one kernel. */
  private static void assertEveryFunctionCompiles(VectorExprPrinter p, String species, String element, String vector) {
    StringBuilder body = new StringBuilder();
    StringBuilder roots = new StringBuilder();
    for (Fn fn : Fn.values()) {
      Call c = fn.arity() == 1 ? Call.of(fn, Z) : Call.of(fn, Z, S);
      roots.append("    r = r.add(").append(p.print(c)).append(");\n");
    }
    for (String s : p.statements()) {
      body.append("    ").append(s).append(";\n");
    }
    String source = "package p;\n"
        + "import jdk.incubator.vector.*;\n"
        + "final class K {\n"
        + "  static final VectorSpecies<" + element + "> " + species + " = " + vector + ".SPECIES_PREFERRED;\n"
        + "  static " + vector + " f(" + vector + " z, " + vector + " s$v) {\n"
        + body
        + "    " + vector + " r = z;\n"
        + roots
        + "    return r;\n  }\n}\n";
    assertEquals(1, InMemoryCompiler.classBytes(Map.of("p.K", source), SimdEmitter.OPTIONS).size());
  }
}
