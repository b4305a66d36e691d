package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.activations.deriver.lowering.Cse;
import dev.activations.deriver.lowering.DoubleEvaluator;
import dev.activations.deriver.lowering.Expr;
import dev.activations.deriver.lowering.RandomExprs;
import dev.activations.deriver.lowering.Rewrites;
import dev.activations.deriver.verify.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The printed Java, compiled, gives the very bits the {@link DoubleEvaluator} gives, for random
 * expressions over every node type and function, with and without CSE and rewrites. This is what
 * makes accuracy measured on the interpreter the accuracy of the generated code.
 */
class PrinterAgreesWithEvaluatorTest {
  private static final int EXPRESSIONS = 400;
  private static final int POINTS = 40;

  @Test
  void compiledCodeMatchesTheInterpreterBitForBit() throws Exception {
    JavaExprPrinter printer = new JavaExprPrinter();
    List<Expr> exprs = new ArrayList<>();
    TypeSpec.Builder type = TypeSpec.classBuilder("Agreement").addModifiers(Modifier.PUBLIC);
    for (int k = 0; k < EXPRESSIONS; k++) {
      Expr e = new RandomExprs(k).next(5);
      if (k % 2 == 1) {
        e = Rewrites.apply(e);
      }
      exprs.add(e);
      type.addMethod(method("plain" + k).addStatement("return $L", printer.codeBlock(e)).build());
      Cse.Result r = Cse.eliminate(List.of(e), Set.of("z", "s"));
      MethodSpec.Builder m = method("cse" + k);
      for (Cse.Binding b : r.bindings()) {
        m.addStatement("double $L = $L", b.name(), printer.codeBlock(b.expr()));
      }
      type.addMethod(m.addStatement("return $L", printer.codeBlock(r.roots().get(0))).build());
    }
    KnownFunctions.all().values().forEach(f -> f.helper().ifPresent(type::addMethod));
    Class<?> c = InMemoryCompiler.compileAndLoad(JavaFile.builder("p", type.build()).build());

    Random random = new Random(11);
    for (int k = 0; k < EXPRESSIONS; k++) {
      Method plain = c.getMethod("plain" + k, double.class, double.class);
      Method cse = c.getMethod("cse" + k, double.class, double.class);
      for (int i = 0; i < POINTS; i++) {
        double z = RandomExprs.point(random);
        double s = RandomExprs.point(random);
        long expected = bits(DoubleEvaluator.evaluate(exprs.get(k), Map.of("z", z, "s", s)));
        String where = "expression " + k + " " + exprs.get(k) + " at z=" + z + ", s=" + s;
        assertEquals(expected, bits((double) plain.invoke(null, z, s)), where);
        assertEquals(expected, bits((double) cse.invoke(null, z, s)), where);
      }
    }
  }

  /** The same after the JIT has compiled the methods (C2 must not change a bit either). */
  @Test
  void compiledCodeStillMatchesOnceHot() throws Exception {
    JavaExprPrinter printer = new JavaExprPrinter();
    List<Expr> exprs = new ArrayList<>();
    TypeSpec.Builder type = TypeSpec.classBuilder("Hot").addModifiers(Modifier.PUBLIC);
    for (int k = 0; k < 20; k++) {
      Expr e = Rewrites.apply(new RandomExprs(1000 + k).next(6));
      exprs.add(e);
      type.addMethod(method("e" + k).addStatement("return $L", printer.codeBlock(e)).build());
      // A loop calling it many times, so that it is compiled (and inlined) by C1 and C2.
      type.addMethod(MethodSpec.methodBuilder("loop" + k)
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addParameter(double[].class, "z")
          .addParameter(double[].class, "s")
          .addParameter(double[].class, "out")
          .beginControlFlow("for (int i = 0; i < z.length; i++)")
          .addStatement("out[i] = e$L(z[i], s[i])", k)
          .endControlFlow()
          .build());
    }
    KnownFunctions.all().values().forEach(f -> f.helper().ifPresent(type::addMethod));
    Class<?> c = InMemoryCompiler.compileAndLoad(JavaFile.builder("p", type.build()).build());
    Random random = new Random(5);
    int n = 4096;
    double[] z = new double[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = RandomExprs.point(random);
      s[i] = RandomExprs.point(random);
    }
    double[] out = new double[n];
    for (int k = 0; k < exprs.size(); k++) {
      Method loop = c.getMethod("loop" + k, double[].class, double[].class, double[].class);
      for (int round = 0; round < 30; round++) {
        loop.invoke(null, z, s, out);
      }
      for (int i = 0; i < n; i++) {
        long expected = bits(DoubleEvaluator.evaluate(exprs.get(k), Map.of("z", z[i], "s", s[i])));
        assertEquals(expected, bits(out[i]), "expression " + k + " at z=" + z[i] + ", s=" + s[i]);
      }
    }
  }

  /**
   * The printed {@code log1pmx} helper (its Horner polynomial written out) is {@code
   * StableFunctions.log1pmx} bit for bit, on both sides of its branch ends -1/2 and 1 and over
   * small magnitudes, where random expressions rarely put its argument.
   */
  @Test
  void theLog1pmxHelperIsTheInterpretersBitForBit() throws Exception {
    JavaExprPrinter printer = new JavaExprPrinter();
    Expr e = Expr.Call.of(dev.activations.deriver.lowering.Fn.LOG1PMX, new Expr.Var("z"));
    TypeSpec.Builder type = TypeSpec.classBuilder("Log1pmx").addModifiers(Modifier.PUBLIC);
    type.addMethod(method("f").addStatement("return $L", printer.codeBlock(e)).build());
    KnownFunctions.all().values().forEach(f -> f.helper().ifPresent(type::addMethod));
    Class<?> c = InMemoryCompiler.compileAndLoad(JavaFile.builder("p", type.build()).build());
    Method f = c.getMethod("f", double.class, double.class);
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      double z = i % 2 == 0 ? -0.6 + 1.7 * random.nextDouble() : Math.copySign(Math.pow(10, -300 * random.nextDouble()), random.nextDouble() - 0.3);
      assertEquals(bits(DoubleEvaluator.evaluate(e, Map.of("z", z))), bits((double) f.invoke(null, z, 0.0)), "z = " + z);
    }
  }

  private static MethodSpec.Builder method(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.DOUBLE, "z")
        .addParameter(TypeName.DOUBLE, "s");
  }

  /** Equal bits, with every NaN counted as the same NaN. */
  private static long bits(double v) {
    return Double.doubleToLongBits(v);
  }
}
