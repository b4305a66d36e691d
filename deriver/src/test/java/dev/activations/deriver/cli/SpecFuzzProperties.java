package dev.activations.deriver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated spec strings never end in anything but exit 0 or exit 2 (one line, no trace). */
class SpecFuzzProperties {
  private static final String[] SEEDS = {
    "2*Log[1+(z-mu)^2/3]", "(z-mu)^2/2", "Abs[z-mu]", "Log[1+(z-mu)^2]", "Exp[Abs[z-mu]]",
    "Piecewise[{{(z-mu)^2/2, Abs[z-mu] <= 1}}, Abs[z-mu]-1/2]", "Sqrt[1+(z-mu)^2]-1", "-(mu*z)^2/((z-mu)^2+1)"
  };
  private static final String ALPHABET = "zmu()[]{}+-*/^.,;:=<>&|!#@\"'_$%?~`\\ 0123456789ELogExpSqrtAbsTanh";

  @Provide
  Arbitrary<String> energies() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<String> random = Arbitraries.strings().withChars(ALPHABET).ofMaxLength(30);
    Arbitrary<String> mutated = Combinators.combine(seed, Arbitraries.integers().between(0, 60),
        Arbitraries.strings().withChars(ALPHABET).ofMaxLength(4), Arbitraries.integers().between(0, 3))
        .as((s, pos, insert, cut) -> {
          int p = Math.min(pos, s.length());
          return s.substring(0, p) + insert + s.substring(Math.min(s.length(), p + cut));
        });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(3, mutated));
  }

  @Provide
  Arbitrary<String> hypotheses() {
    return Arbitraries.oneOf(Arbitraries.of("signed", "gated", "prototypes:3", "1:1,-1:-1", "1:z,-1:0", "prototypes:0", "1:1", "a:b", ""),
        Arbitraries.strings().withChars("-0123456789:,z/.").ofMaxLength(12));
  }

  @Property(tries = 60)
  void mutatedSpecsEndInZeroOrTwo(@ForAll("energies") String energy, @ForAll("hypotheses") String hyps) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"--energy", energy, "--hypotheses", hyps, "--format", "json"},
        new PrintWriter(out), new PrintWriter(err));
    String e = err.toString();
    assertTrue(code == 0 || code == 2, () -> "exit " + code + " for --energy '" + energy + "' --hypotheses '" + hyps + "': " + e);
    if (code == 2) {
      assertTrue(e.lines().count() == 1 && !e.contains("Exception") && !e.contains("\tat "), e);
      assertTrue(out.toString().isEmpty());
    }
  }
}
