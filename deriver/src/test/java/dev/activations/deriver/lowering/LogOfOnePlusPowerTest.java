package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code Log[1 + b^q]} where {@code b^q} overflows: {@code q log b} there, for a numeric q and for
 * a q in the free parameters alike. The gated free energy of {@code Log[1+Abs[z-mu]^p]} with p free
 * took {@code log(Infinity)} at z = -3.2e205 (p = 3/2), where the energy is 709.09.
 */
class LogOfOnePlusPowerTest {
  private static final Symja SYMJA = new Symja();

  @Test
  void aSymbolicExponentIsFollowedWhereThePowerOverflows() {
    Lowerer lowerer = new Lowerer(SYMJA, Set.of("z", "p"));
    Expr energy = lowerer.lower(SYMJA.evalTrusted("Log[1+Abs[z-1]^p]"));
    for (double p : new double[] {0.5, 1.5, 7.25}) {
      // the first double whose power overflows, and a million times farther
      double edge = Math.pow(Double.MAX_VALUE, 1 / p);
      for (double z : new double[] {-2 * edge, -1e6 * edge, 2 * edge}) {
        if (!Double.isFinite(z)) continue;
        double exact = p * Math.log(Math.abs(z - 1)); // log1p(b^-p) is below 1e-308 of it
        double computed = DoubleEvaluator.evaluate(energy, Map.of("z", z, "p", p));
        assertEquals(exact, computed, 1e-15 * exact, "p = " + p + ", z = " + z);
      }
      // where the power is finite, the logarithm of one plus it
      for (double z : new double[] {-3.5, 0.25, 2, 1e10}) {
        double expected = Math.log1p(Math.pow(Math.abs(z - 1), p));
        assertEquals(expected, DoubleEvaluator.evaluate(energy, Map.of("z", z, "p", p)), 1e-15 * expected);
      }
    }
    assertTrue(Double.isInfinite(Math.log(1 + Math.pow(1e300, 1.5))), "as written it overflows");
  }
}
