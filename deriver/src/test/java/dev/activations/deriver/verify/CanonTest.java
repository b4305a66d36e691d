package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reference evaluator against {@code canon.json}: independent 40-digit values computed with
 * mpmath at 800 digits from the same definitions (a test resource, computed outside this build and
 * independently of this code). Agreement is required to 30 significant digits, relative, with
 * Double.MIN_NORMAL as the floor of the scale (canon prints tail derivatives below the double range,
 * e.g. {@code 2.8e-521}, and {@code 0.0} where the truth is about {@code 1e-86859}).
 */
class CanonTest {

  private static final BigDecimal MIN_NORMAL = new BigDecimal(Double.MIN_NORMAL);
  private static final BigDecimal TOLERANCE = new BigDecimal("1e-30");

  record CanonPoint(String z, String value, String derivative) {}

  record CanonCase(String name, String energy, String hypotheses, String stat, List<CanonPoint> points) {}

  static List<CanonCase> load() throws IOException {
    try (InputStream in = CanonTest.class.getResourceAsStream("/canon.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<CanonCase> cases = new ArrayList<>();
      for (JsonNode c : root) {
        List<CanonPoint> points = new ArrayList<>();
        for (JsonNode p : c.get("points")) {
          JsonNode d = p.get("derivative");
          points.add(new CanonPoint(p.get("z").asText(), p.get("value").asText(),
              d == null || d.isNull() ? null : d.asText()));
        }
        cases.add(new CanonCase(c.get("name").asText(), c.get("energy").asText(),
            c.get("hypotheses").asText(), c.get("stat").asText(), points));
      }
      return cases;
    }
  }

  /**
   * A canon number as a decimal. Canon prints tail values such as {@code 6.27e-868588963795}, whose
   * exponent is beyond BigDecimal's; anything below 1e-1000 compares as 0, which is exact enough
   * against the MIN_NORMAL floor (1e-30 * 2.2e-308).
   */
  static BigDecimal canonNumber(String s) {
    int e = s.toLowerCase().indexOf("e-");
    if (e >= 0 && s.length() - (e + 2) >= 5 && Long.parseLong(s.substring(e + 2)) > 1000) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(s);
  }

  static void assertAgrees(String what, BigDecimal expected, BigDecimal actual) {
    BigDecimal scale = expected.abs().max(MIN_NORMAL);
    BigDecimal err = actual.subtract(expected).abs().divide(scale, MathContext.DECIMAL64);
    assertTrue(err.compareTo(TOLERANCE) <= 0,
        () -> what + ": expected " + expected + " got " + actual + " (relative error " + err + ")");
  }

  @Test
  void canonHasTheEightCasesAndTwentyPointsEach() throws IOException {
    List<CanonCase> cases = load();
    assertEquals(8, cases.size());
    for (CanonCase c : cases) assertEquals(20, c.points().size(), c.name());
  }

  @TestFactory
  Stream<DynamicTest> referenceAgreesWithCanon() throws IOException {
    return load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      ReferenceEvaluator ev = new ReferenceEvaluator(Definition.of(c.energy(), c.hypotheses(), c.stat()));
      assertEquals(1, ev.outputCount());
      for (CanonPoint p : c.points()) {
        ReferencePoint r = ev.evaluate(new BigDecimal(p.z()));
        String at = c.name() + " at z = " + p.z();
        assertAgrees(at + " value", canonNumber(p.value()), r.values().get(0));
        if (p.derivative() == null) {
          assertFalse(r.hasDerivative(0), at + ": canon marks a kink");
        } else {
          assertTrue(r.hasDerivative(0), at + ": derivative reported absent");
          assertAgrees(at + " derivative", canonNumber(p.derivative()), r.derivatives().get(0).orElseThrow());
        }
      }
    }));
  }
}
