package dev.activations.deriver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.derivation.Derivation;
import dev.activations.deriver.symbolic.Symja;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private static Symja symja;
  private static Derivation studentT;
  private static String studentTReport;

  /** TeX macros that GitHub's MathJax defines and this report may use. */
  private static final Set<String> MATHJAX = Set.of(
      "frac", "cdot", "left", "right", "log", "exp", "sum", "mu", "nu", "pi", "sigma", "delta", "alpha", "beta",
      "gamma", "lambda", "theta", "epsilon", "varepsilon", "tanh", "sinh", "cosh", "coth", "sqrt", "le", "leq",
      "ge", "geq", "ne", "neq", "land", "lor", "lnot", "to", "infty", "lim", "partial", "operatorname", "text",
      "begin", "end", "quad", "max", "min", "arg", "approx", "arctan", "mathrm");

  @BeforeAll
  static void derive() {
    symja = new Symja();
    studentT = Derivations.derive(symja, "student-t", "signed", "mean");
    studentTReport = new MarkdownReport(symja).render(studentT);
  }

  @Test
  void studentTSignedMeanWriteUp() {
    String md = studentTReport;
    String closed = new Tex(symja).of(studentT.closed().get(0));
    assertTrue(closed.contains("\\frac{4 \\cdot z"), closed);
    assertTrue(md.contains(closed), "closed form TeX missing");
    assertTrue(md.contains("```math\n"), "no display math block");
    assertTrue(md.contains("Implicit-EM identity $\\partial A / \\partial e_h = -r_h$: **verified**"), md);
    assertTrue(md.contains("## Zero-temperature limit"), md);
    assertTrue(md.contains("\\lim_{T \\to 0} \\operatorname{mean}(z) = \\operatorname{sign}(z)"),
        "the T -> 0 limit of the Student-t signed mean is sign(z):\n" + md);
    assertTrue(md.contains("public static double value(double z);"), md);
    assertTrue(md.contains("public static double derivative(double z);"), md);
    assertTrue(md.contains("derive --kernel student-t --hypotheses signed --stat mean --param nu=3 --param s=1"), md);
    assertTrue(md.contains("public final class StudentTSignedMean"), md);
  }

  @Test
  void dollarDelimitersAreBalanced() {
    assertBalancedDollars(studentTReport);
  }

  @Test
  void texIsValidForMathJax() {
    assertMathJaxSafe(studentTReport);
  }

  @Test
  void piecewiseAndClipAreRenderedForMathJax() {
    String md = new MarkdownReport(symja).render(Derivations.derive(symja, "laplace", "signed", "mean"));
    assertTrue(md.contains("\\tanh (\\operatorname{clip}(z,-1,1))"), md);
    assertTrue(md.contains("\\begin{cases}"), md);
    assertTrue(md.contains("-1 < z \\le 1"), md);
    assertTrue(md.contains("not differentiable at z = `-1`, `1`"), md);
    assertMathJaxSafe(md);
    assertBalancedDollars(md);
  }

  @Test
  void zeroTemperatureLimitPerStatistic() {
    MarkdownReport r = new MarkdownReport(symja);
    String resp = r.render(Derivations.derive(symja, "gaussian", "signed", "responsibilities"));
    assertTrue(resp.contains("\\lim_{T \\to 0} r_{1}(z) &= \\frac{1}{2} + \\frac{\\operatorname{sign}(z)}{2}"), resp);
    String entropy = r.render(Derivations.derive(symja, "gaussian", "signed", "entropy"));
    assertTrue(entropy.contains("\\lim_{T \\to 0} H(z) = 0"), entropy);
    String free = r.render(Derivations.derive(symja, "gaussian", "signed", "free-energy"));
    assertTrue(free.contains("\\lim_{T \\to 0} T\\,F(z) = \\min("), free);
    String gatedMode = r.render(Derivations.derive(symja, "gaussian", "gated", "mode"));
    assertTrue(gatedMode.contains("The mode is itself the zero-temperature limit"), gatedMode);
    for (String md : new String[] {resp, entropy, free, gatedMode}) {
      assertMathJaxSafe(md);
      assertBalancedDollars(md);
    }
  }

  @Test
  void vectorStatisticListsItsArrayApi() {
    String md = new MarkdownReport(symja).render(Derivations.derive(symja, "gaussian", "prototypes:3", "responsibilities"),
        "org.example", "Soft3");
    assertTrue(md.contains("public static void value(double z, double[] out);"), md);
    assertTrue(md.contains("--package org.example --name Soft3"), md);
    assertTrue(md.contains("r_{3}(z) &="), md);
  }

  @Test
  void cleanRewritesWhatMathJaxLacks() {
    assertEquals("\\operatorname{sign}(z)", Tex.clean("\\text{Sign}(z)"));
    assertEquals("\\max(0,z)", Tex.clean("\\text{Max}(0,z)"));
    assertEquals("{\\operatorname{sech} (z)}^{2}", Tex.clean("{\\sech (z)}^{2}"));
    assertEquals("\\operatorname{Foo}(x)", Tex.clean("\\text{Foo}(x)"));
    assertEquals("z = 1", Tex.clean("z == 1"));
    assertEquals("\\text{otherwise}", Tex.clean("\\text{otherwise}"));
    assertEquals("\\sinh (z)", Tex.clean("\\sinh (z)"));
  }

  @Test
  void proseIsEscaped() {
    assertEquals("sum\\_h r\\_h \\*g\\* \\<mu,z\\> \\$5 a\\|b", MarkdownReport.escape("sum_h r_h *g* <mu,z> $5 a|b"));
  }

  @Test
  void defaultClassNamesComeFromTheSpec() {
    assertEquals("StudentTSignedMean", MarkdownReport.className(studentT.spec()));
  }

  /** Unescaped {@code $} outside code come in pairs on every line. */
  private static void assertBalancedDollars(String md) {
    boolean inFence = false;
    for (String line : md.split("\n", -1)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) continue;
      String prose = line.replaceAll("`[^`]*`", "");
      int count = 0;
      for (int i = 0; i < prose.length(); i++) {
        if (prose.charAt(i) == '$' && (i == 0 || prose.charAt(i - 1) != '\\')) count++;
      }
      assertEquals(0, count % 2, "unbalanced $ in: " + line);
    }
    assertFalse(inFence, "unclosed code fence");
  }

  /** Every macro in math is one MathJax knows, and Symja's unrendered constructs are gone. */
  private static void assertMathJaxSafe(String md) {
    for (String bad : new String[] {"\\text{Sign}", "\\text{Clip}", "\\text{Piecewise}", "\\text{Max}", "\\sech", "\\csch", "=="}) {
      assertFalse(md.contains(bad), () -> "contains " + bad + ":\n" + md);
    }
    Set<String> unknown = new TreeSet<>();
    Matcher m = Pattern.compile("\\\\([A-Za-z]+)").matcher(math(md));
    while (m.find()) {
      if (!MATHJAX.contains(m.group(1))) unknown.add(m.group(1));
    }
    assertTrue(unknown.isEmpty(), () -> "macros MathJax may not know: " + unknown);
    assertEquals(count(md, "\\begin{"), count(md, "\\end{"));
    assertEquals(count(md, "\\left"), count(md, "\\right"));
  }

  /** The text of math blocks and inline math. */
  private static String math(String md) {
    StringBuilder b = new StringBuilder();
    boolean inMath = false;
    for (String line : md.split("\n", -1)) {
      if (line.equals("```math")) {
        inMath = true;
      } else if (inMath && line.equals("```")) {
        inMath = false;
      } else if (inMath) {
        b.append(line).append('\n');
      } else {
        Matcher m = Pattern.compile("(?<!\\\\)\\$([^$]+)\\$").matcher(line);
        while (m.find()) b.append(m.group(1)).append('\n');
      }
    }
    return b.toString();
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}
