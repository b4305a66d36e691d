package dev.activations.deriver.lowering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.symbolic.Symja;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

/**
 * {@link LogRemainders} on the Student-t energy's derivative in nu, {@code D[(1+nu)/2
 * Log[1+z^2/nu], nu] = (1/2) log1p(y) - (1+nu)/2 y/(nu+x)} with {@code x = z^2}, {@code y = x/nu}:
 * two terms of about {@code y/2} whose difference is about {@code y^2}. Compared with the
 * expansion {@code (1/2) (-y^2/2 + y^3/3 + y (x-1)/(nu+x))}, whose terms are each computed to full
 * precision in double for {@code y < 1e-9} (the next term, {@code y^4/4}, is below 1e-18 of the
 * result there).
 */
class LogRemaindersTest {
  private static final Symja SYMJA = new Symja();
  private static final Set<String> VARIABLES = Set.of("z", "nu");

  @Test
  void theParameterDerivativeOfALogarithmKeepsItsDigitsAtLargeNu() {
    IExpr derivative = SYMJA.evalTrusted("D[(1+nu)/2*Log[1+z^2/nu], nu]");
    Lowerer lowerer = new Lowerer(SYMJA, VARIABLES);
    Expr plain = lowerer.lower(derivative);
    IExpr rewritten = new LogRemainders(SYMJA, VARIABLES).rewrite(derivative).orElseThrow();
    Expr remainders = lowerer.lower(rewritten);
    double worstPlain = 0;
    double worstRewritten = 0;
    for (double nu : new double[] {1e10, 1e12, 1e15, 1e30, 1e100}) {
      for (double z : new double[] {1e-8, 1e-3, 0.5, 1, 3, 1e3}) {
        double x = z * z;
        double y = x / nu;
        if (y >= 1e-9) continue; // where the expansion holds to double precision
        double expected = 0.5 * (-y * y / 2 + y * y * y / 3 + y * (x - 1) / (nu + x));
        Map<String, Double> at = Map.of("z", z, "nu", nu);
        worstPlain = Math.max(worstPlain, Math.abs(DoubleEvaluator.evaluate(plain, at) / expected - 1));
        worstRewritten = Math.max(worstRewritten, Math.abs(DoubleEvaluator.evaluate(remainders, at) / expected - 1));
      }
    }
    assertTrue(worstRewritten < 1e-14, "rewritten: worst relative error " + worstRewritten);
    // and the form as Symja writes it does miss there: the test can tell
    assertTrue(worstPlain > 1e-3, "as written: worst relative error " + worstPlain);
    assertTrue(remainders.toString().contains("LOG1PMX"), remainders.toString());
  }

  @Test
  void forLargeArgumentsTheSumStaysAsItWas() {
    IExpr derivative = SYMJA.evalTrusted("D[(1+nu)/2*Log[1+z^2/nu], nu]");
    Lowerer lowerer = new Lowerer(SYMJA, VARIABLES);
    Expr remainders = lowerer.lower(new LogRemainders(SYMJA, VARIABLES).rewrite(derivative).orElseThrow());
    // y = z^2/nu = 1e6: log1p(y) - y would cancel against the rest; the original branch is taken
    double z = 1e3;
    double nu = 1;
    double x = z * z;
    double expected = 0.5 * (Math.log1p(x / nu) - (1 + nu) * (x / nu) / (nu + x));
    double computed = DoubleEvaluator.evaluate(remainders, Map.of("z", z, "nu", nu));
    assertTrue(Math.abs(computed / expected - 1) < 1e-14, computed + " vs " + expected);
  }

  @Test
  void sumsWithoutARationalRestAreLeftAlone() {
    LogRemainders r = new LogRemainders(SYMJA, VARIABLES);
    assertTrue(r.rewrite(SYMJA.evalTrusted("Log[1+z^2/nu] - Log[1+(z-1)^2/nu]")).isEmpty());
    assertTrue(r.rewrite(SYMJA.evalTrusted("z^2/nu + 1")).isEmpty());
    assertTrue(r.rewrite(SYMJA.evalTrusted("Log[1+z^2/nu] + Sin[z]")).isEmpty());
  }
}
