package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryCompilerTest {
  @Test
  void compilesAndLoadsInAFreshLoader() throws Exception {
    ClassLoader loader = InMemoryCompiler.compileSources(Map.of(
        "p.A", "package p; public final class A { public static int two() { return B.one() * 2; } }",
        "p.B", "package p; final class B { static int one() { return 1; } }"));
    Class<?> a = loader.loadClass("p.A");
    assertEquals(2, a.getMethod("two").invoke(null));
    assertEquals(loader, a.getClassLoader());
  }

  @Test
  void reportsDiagnosticsAsAnException() {
    InMemoryCompiler.CompilationException e = assertThrows(
        InMemoryCompiler.CompilationException.class,
        () -> InMemoryCompiler.compileSources(Map.of("p.C", "package p; class C { int x = y; }")));
    assertEquals(1, e.diagnostics().size());
    assertTrue(e.diagnostics().get(0).contains("p/C.java:1: ERROR: cannot find symbol"),
        e.diagnostics().get(0));
    assertTrue(e.getMessage().contains("cannot find symbol"));
  }

  @Test
  void onlyJavaBaseIsVisible() {
    // java.sql is a JDK module but not java.base: generated code must not reach it.
    InMemoryCompiler.CompilationException e = assertThrows(
        InMemoryCompiler.CompilationException.class,
        () -> InMemoryCompiler.compileSources(Map.of("p.D",
            "package p; class D { java.sql.Date d; }")));
    assertTrue(e.getMessage().contains("java.sql"), e.getMessage());
    // Nor the class path of the JVM running the compiler.
    assertThrows(InMemoryCompiler.CompilationException.class,
        () -> InMemoryCompiler.compileSources(Map.of("p.E",
            "package p; class E { org.junit.jupiter.api.Test t; }")));
  }

  /**
   * A method beyond the class file's 64 KB of bytecode is a limit of the JVM, not a defect: it is
   * refused as an energy the lowering cannot write code for (exit 2 with that phrase), not an
   * internal error. The thirty-fifth session's far branch for {@code Log[1+Abs[z-mu]^p]} with p
   * free took the gated free energy's method past it.
   */
  @Test
  void aMethodTooLargeIsARefusal() {
    StringBuilder body = new StringBuilder("package p; final class G { static double f(double x) {");
    for (int i = 0; i < 12_000; i++) body.append(" x = x * 1.000001 + ").append(i).append(".5;");
    body.append(" return x; } }");
    dev.activations.deriver.spec.SpecException e = assertThrows(dev.activations.deriver.spec.SpecException.class,
        () -> InMemoryCompiler.compileSources(Map.of("p.G", body.toString())));
    assertTrue(e.getMessage().startsWith("cannot generate code for this energy"), e.getMessage());
    assertTrue(e.getMessage().contains("code too large"), e.getMessage());
  }

  @Test
  void warningsAreErrors() {
    assertThrows(InMemoryCompiler.CompilationException.class,
        () -> InMemoryCompiler.compileSources(Map.of("p.F",
            "package p; class F { java.util.List l = new java.util.ArrayList(); }")));
  }
}
