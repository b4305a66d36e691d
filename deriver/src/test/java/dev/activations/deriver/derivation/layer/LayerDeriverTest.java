package dev.activations.deriver.derivation.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.LayerSpec;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.SafeExpressionParser;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerDeriverTest {
  private static final Symja SYMJA = new Symja();

  static LayerSpec spec(String kernel, String energy, String stat, List<String> params, int group) {
    Request r = new Request(Optional.ofNullable(kernel), Optional.ofNullable(energy), "signed", stat, params,
        List.of(), "1", Optional.empty());
    return new LayerSpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.units()).resolve(r, group);
  }

  @Test
  void everyStatisticOfTheLinearEnergyIsVerified() {
    for (LayerStatistic s : LayerStatistic.values()) {
      LayerDerivation d = new LayerDeriver(SYMJA).derive(spec("linear", null, s.cliName(), List.of(), 0));
      assertTrue(d.verified(), s + ": " + d.checks());
      assertEquals("-1", Symja.inputForm(d.slope()), s.toString());
      if (!s.isLimit()) assertEquals(5, d.checks().size(), s.toString());
    }
  }

  @Test
  void theDerivedRulesAreTheKnownOnes() {
    LayerDerivation resp = new LayerDeriver(SYMJA).derive(spec("linear", null, "responsibilities", List.of(), 0));
    assertEquals("-r", Symja.inputForm(resp.own()));
    assertEquals("r", Symja.inputForm(resp.shared()));
    LayerDerivation logResp = new LayerDeriver(SYMJA).derive(spec("linear", null, "log-responsibilities", List.of(), 0));
    assertEquals("-1", Symja.inputForm(logResp.own()));
    assertEquals("1", Symja.inputForm(logResp.shared()));
    LayerDerivation entropy = new LayerDeriver(SYMJA).derive(spec("linear", null, "entropy", List.of(), 0));
    assertEquals("1", Symja.inputForm(entropy.groupSlope()));
  }

  @Test
  void studentTAndYatUnitEnergiesAreVerified() {
    for (String stat : List.of("responsibilities", "weighted", "entropy", "mean")) {
      LayerDerivation t = new LayerDeriver(SYMJA).derive(spec(null, "2*Log[1+(z-mu)^2/3]", stat, List.of("mu=1"), 0));
      assertTrue(t.verified(), stat + ": " + t.checks());
      LayerDerivation y = new LayerDeriver(SYMJA).derive(spec("yat", null, stat, List.of(), 0));
      assertTrue(y.verified(), stat + ": " + y.checks());
    }
  }

  @Test
  void freeParametersGetTheirOwnRuleCheckedAgainstTheWrittenOutStatistic() {
    // a per-unit statistic, one with a direct term, a per-group one
    for (String stat : List.of("responsibilities", "weighted", "entropy")) {
      Request r = new Request(Optional.of("student-t"), Optional.empty(), "signed", stat, List.of(),
          List.of("nu", "mu"), "1", Optional.empty());
      LayerSpec spec = new LayerSpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.units()).resolve(r, 0);
      assertEquals(List.of("mu", "nu"), spec.free(), "declaration order");
      LayerDerivation d = new LayerDeriver(SYMJA).derive(spec);
      assertTrue(d.verified(), stat + ": " + d.checks());
      // 3 identities, then for 2 and 3 units: the z rule and one rule per free parameter
      assertEquals(9, d.checks().size(), stat + ": " + d.checks());
    }
  }

  @Test
  void aWrongParameterSlopeIsCaught() {
    Request r = new Request(Optional.of("gaussian"), Optional.empty(), "signed", "entropy", List.of(),
        List.of("mu"), "1", Optional.empty());
    LayerSpec spec = new LayerSpecResolver(new SafeExpressionParser(SYMJA), KernelCatalog.units()).resolve(r, 0);
    LayerDerivation d = new LayerDeriver(SYMJA).derive(spec);
    assertTrue(d.verified(), d.checks().toString());
    LayerDerivation wrong = new LayerDerivation(d.spec(), d.energy(), d.slope(), d.unitTerm(), d.groupTerm(),
        d.direct(), d.own(), d.shared(), d.groupSlope(), List.of(), List.of(d.slope()));
    assertTrue(!LayerDeriverChecks.writtenOut(SYMJA, wrong, 3, "mu").passed());
  }

  @Test
  void aWrongRuleIsCaught() {
    LayerDerivation d = new LayerDeriver(SYMJA).derive(spec("gaussian", null, "weighted", List.of(), 0));
    LayerDerivation wrong = new LayerDerivation(d.spec(), d.energy(), d.slope(), d.unitTerm(), d.groupTerm(),
        d.direct(), d.shared(), d.shared(), d.groupSlope(), List.of());
    assertTrue(d.verified());
    // the check is a method of the deriver; run it through a derivation whose 'own' coefficient is wrong
    LayerDerivation.Check c = LayerDeriverChecks.writtenOut(SYMJA, wrong, 3);
    assertTrue(!c.passed(), c.toString());
  }

  @Test
  void badLayerSpecsAreUserErrors() {
    assertThrows(SpecException.class, () -> spec("linear", null, "variance", List.of(), 0));
    assertThrows(SpecException.class, () -> spec(null, "mu^2", "responsibilities", List.of("mu=1"), 0));
    assertThrows(SpecException.class, () -> spec(null, "(z-mu)^2", "responsibilities", List.of(), 0));
    assertThrows(SpecException.class, () -> spec("nope", null, "responsibilities", List.of(), 0));
    assertThrows(SpecException.class,
        () -> new LayerDeriver(SYMJA).derive(spec(null, "Log[z]", "responsibilities", List.of(), 0)));
  }
}
