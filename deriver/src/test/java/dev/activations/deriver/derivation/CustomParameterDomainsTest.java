package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.ParameterSamples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A custom energy's free parameter that cannot be 0 keeps the sign of its default. Before, its
 * domain was the whole line, and the certification measured {@code Abs[z-mu]^q/q} at q = -2.43 and
 * {@code Abs[(z-mu)/a]^p} at p = -2.56, energies infinite at every centre: both specs exited 1
 * (docs/ENERGIES.md, the fourth list).
 */
class CustomParameterDomainsTest {
  private static final Generation GENERATION = new Generation(new Symja());

  private static ActivationSpec resolve(String... args) {
    return GENERATION.resolve(List.of(args));
  }

  private static String domain(ActivationSpec spec, String p) {
    return spec.kernel().parameter(p).orElseThrow().domain().text();
  }

  @Test
  void aParameterThatCannotBeZeroKeepsTheSignOfItsDefault() {
    ActivationSpec power = resolve("--energy", "Abs[z-mu]^q/q", "--param", "q=4", "--free", "q", "--hypotheses", "gated");
    assertEquals("q > 0", domain(power, "q"));
    ActivationSpec two = resolve("--energy", "Abs[(z-mu)/a]^p", "--param", "p=2", "--param", "a=1", "--free", "a", "--free", "p");
    assertEquals("p > 0", domain(two, "p"));
    ActivationSpec negative = resolve("--energy", "Abs[z-mu]^(-q)", "--param", "q=-3/2", "--free", "q");
    assertEquals("q < 0", domain(negative, "q"));
    // a negative default whose other side is fine: Abs[z-mu]^q/q at q = 3/2
    assertEquals("", domain(resolve("--energy", "Abs[z-mu]^q/q", "--param", "q=-3/2", "--free", "q"), "q"));
    // every drawn value lies on the default's side
    for (Map<String, ExactNumber> values : ParameterSamples.draw(two, 40)) {
      assertTrue(values.get("p").signum() > 0, values.toString());
    }
  }

  @Test
  void aScaleWhoseOtherSideGivesTheSameEnergyKeepsTheWholeLine() {
    // at a = 0 the energy is undefined, at a = -1 it is the energy at a = 1
    assertEquals("", domain(resolve("--energy", "Abs[(z-mu)/a]^p", "--param", "p=2", "--free", "a"), "a"));
    assertEquals("", domain(resolve("--energy", "(z-mu)^2/(2*s^2)", "--free", "s"), "s"));
  }

  @Test
  void aParameterThatZeroLeavesDefinedKeepsTheWholeLine() {
    // a threshold: at a = 0 the energy is |z - mu|
    assertEquals("", domain(resolve("--energy", "Max[0,Abs[z-mu]-a]", "--param", "a=1/2", "--free", "a"), "a"));
    // a catalog kernel keeps its file's domain
    assertEquals("s > 0", domain(resolve("--kernel", "gaussian", "--free", "s"), "s"));
  }
}
