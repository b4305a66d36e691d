package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad and hostile inputs: exit 2, one short line naming the problem, no stack trace, nothing written. */
class HostileInputTest {
  @TempDir Path dir;

  static Stream<Arguments> badInputs() {
    String deep = "(".repeat(900) + "z-mu" + ")".repeat(900);
    String wide = "z+".repeat(3000) + "mu";
    return Stream.of(
        Arguments.of("Import", new String[] {"--energy", "Import[\"/etc/passwd\"]"}, "not allowed"),
        Arguments.of("argument file", new String[] {"--energy", "@/"}, ""),
        Arguments.of("argument file name", new String[] {"--energy", "@/etc/passwd"}, ""),
        Arguments.of("Get", new String[] {"--energy", "Get[\"evil.m\"]+z*mu"}, "not allowed"),
        Arguments.of("Run", new String[] {"--energy", "Run[\"rm -rf /\"]"}, "not allowed"),
        Arguments.of("ReadString", new String[] {"--energy", "ReadString[\"secret\"]*(z-mu)"}, "not allowed"),
        Arguments.of("JavaNew", new String[] {"--energy", "JavaNew[\"java.io.File\",\"x\"]"}, "not allowed"),
        Arguments.of("Export", new String[] {"--energy", "Export[\"x.txt\", z-mu]"}, "not allowed"),
        Arguments.of("assignment", new String[] {"--energy", "mu=5"}, "not allowed"),
        Arguments.of("delayed", new String[] {"--energy", "f[x_]:=x"}, ""),
        Arguments.of("rule", new String[] {"--energy", "z->mu"}, "not allowed"),
        Arguments.of("Module", new String[] {"--energy", "Module[{a},(z-mu)^2]"}, "not allowed"),
        Arguments.of("compound", new String[] {"--energy", "(z-mu)^2;Quit[]"}, ""),
        Arguments.of("pure function", new String[] {"--energy", "#^2&"}, ""),
        Arguments.of("string", new String[] {"--energy", "\"(z-mu)^2\""}, ""),
        Arguments.of("syntax", new String[] {"--energy", "(z-mu^2"}, "syntax"),
        Arguments.of("implicit product", new String[] {"--energy", "2z-mu"}, "syntax"),
        Arguments.of("unknown function", new String[] {"--energy", "Sin[z-mu]"}, "not allowed"),
        Arguments.of("indexed", new String[] {"--energy", "mu[1]*z"}, "not allowed"),
        Arguments.of("builtin name", new String[] {"--energy", "(z-mu)^2*N"}, "built-in"),
        Arguments.of("no mu", new String[] {"--energy", "z^2"}, "mu"),
        Arguments.of("no z", new String[] {"--energy", "mu^2"}, "z"),
        Arguments.of("cancelling z", new String[] {"--energy", "z-z+mu^2"}, "depend on z"),
        Arguments.of("complex energy", new String[] {"--energy", "Log[z-mu]"}, "real"),
        Arguments.of("infinite energy", new String[] {"--energy", "1/(z-mu)"}, "finite"),
        Arguments.of("depth bomb", new String[] {"--energy", deep}, "deep"),
        Arguments.of("size bomb", new String[] {"--energy", wide}, "long"),
        Arguments.of("exponent bomb", new String[] {"--energy", "(z-mu)^100000"}, "exponent"),
        Arguments.of("hex number", new String[] {"--energy", "(z-mu)^2*0x10"}, "decimal"),
        Arguments.of("unbound parameter", new String[] {"--energy", "(z-mu)^2/k"}, "--param k"),
        Arguments.of("unknown kernel", new String[] {"--kernel", "studnet-t"}, "did you mean 'student-t'"),
        Arguments.of("unknown stat", new String[] {"--kernel", "gaussian", "--stat", "meen"}, "did you mean 'mean'"),
        Arguments.of("out of domain", new String[] {"--kernel", "student-t", "--param", "nu=-1"}, "domain"),
        Arguments.of("unknown param", new String[] {"--kernel", "student-t", "--param", "mu=1"}, "no parameter"),
        Arguments.of("bad value", new String[] {"--kernel", "student-t", "--param", "nu=Exp[1]"}, "not a number"),
        Arguments.of("zero temperature", new String[] {"--kernel", "gaussian", "--temperature", "0"}, "temperature"),
        Arguments.of("one hypothesis", new String[] {"--kernel", "gaussian", "--hypotheses", "1:1"}, "two hypotheses"),
        Arguments.of("bad preset", new String[] {"--kernel", "gaussian", "--hypotheses", "sined"}, "did you mean"),
        Arguments.of("unknown option", new String[] {"--kernal", "gaussian"}, "Unknown option"),
        Arguments.of("both kernel and energy", new String[] {"--kernel", "gaussian", "--energy", "(z-mu)^2"}, "not both"),
        Arguments.of("bad package", new String[] {"--kernel", "gaussian", "--out", "x", "--package", "1abc", "--name", "A"}, "package"),
        Arguments.of("bad class", new String[] {"--kernel", "gaussian", "--out", "x", "--package", "a.b", "--name", "class"}, "class name"),
        Arguments.of("bad format", new String[] {"--kernel", "gaussian", "--format", "yaml"}, "format"),
        Arguments.of("non-ascii", new String[] {"--energy", "(z-\u03bc)^2"}, "character"),
        // a free parameter named like a parameter of the generated API: refused before the
        // derivation (it once ended in an internal error after it); internal locals give way
        Arguments.of("reserved parameter name", new String[] {"--energy", "Log[1+((z-mu)/len)^2]", "--free", "len"}, "rename it"),
        Arguments.of("reserved layer parameter name", new String[] {"--layer", "--energy", "-z/b", "--free", "b"}, "rename it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputEndsInExitTwoWithOneLine(String label, String[] args, String mention) throws Exception {
    String[] withOut = args;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(withOut, new PrintWriter(out), new PrintWriter(err));
    String message = err.toString();
    assertEquals(2, code, () -> label + ": " + message);
    assertEquals(1, message.lines().count(), () -> "one line expected: " + message);
    assertTrue(message.startsWith("derive: "), message);
    assertTrue(message.toLowerCase().contains(mention.toLowerCase()), () -> "should mention '" + mention + "': " + message);
    assertFalse(message.contains("Exception") || message.contains("\tat "), message);
    assertTrue(message.length() < 400, message);
    assertEquals("", out.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
