package dev.activations.deriver.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The parts the layer and attention reports share: a form as text, the list of identity checks in
 * the text and JSON reports, and the JSON writer.
 */
final class CheckListing {
  private CheckListing() {}

  static String form(IExpr e) {
    return e == null ? "" : Symja.inputForm(e);
  }

  /** One line per check: {@code verified: name  [detail]} or {@code FAILED:   ...}. */
  static void appendText(StringBuilder b, List<LayerDerivation.Check> checks) {
    for (LayerDerivation.Check c : checks) {
      b.append(c.passed() ? "verified: " : "FAILED:   ").append(c.name()).append("  [").append(c.detail()).append("]\n");
    }
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** {@code emIdentity} (the first check) and the {@code checks} array. */
  static void putJson(ObjectNode o, List<LayerDerivation.Check> checks) {
    o.put("emIdentity", checks.get(0).passed());
    ArrayNode array = o.putArray("checks");
    for (LayerDerivation.Check c : checks) {
      ObjectNode n = array.addObject();
      n.put("name", c.name());
      n.put("passed", c.passed());
      n.put("detail", c.detail());
    }
  }

  static String write(ObjectMapper mapper, ObjectNode o) {
    try {
      return mapper.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
