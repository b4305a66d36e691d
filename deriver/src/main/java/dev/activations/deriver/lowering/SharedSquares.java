package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Horner schemes in {@code z^2} (near zero) and in {@code 1/z^2} (in the tail) multiply by the
 * same factor twice per step, {@code ((z*z + 24) * z * z + 176) * z * z}, because {@link
 * ProductOrder} splits powers of z so that no partial product overflows. Where the branch bounds
 * the factor by 1 in magnitude, its square cannot overflow, and this pass multiplies by one
 * shared square instead ({@code s = z*z}, computed once by CSE): half the multiplications of the
 * rational forms' derivatives. The bound comes from the enclosing branch: z in the branch of
 * {@code |z| <= c} with {@code c <= 1}, the reciprocal {@code 1/z} in the other branch when {@code
 * c >= 1}.
 *
 * <p>Where the square underflows ({@code |z| < 1.5e-154}, or {@code |1/z|} there) a product with
 * large other factors can lose bits that the one-at-a-time order kept, so, like {@link
 * SharedReciprocals}, the pass is applied to a chosen form and kept only when the form still
 * measures inside its margin.
 */
final class SharedSquares {
  /** The name of the pass, for reports. */
  static final String PASS = "shared-squares";

  private static final Var Z = new Var("z");
  private static final Expr RECIPROCAL = new Div(Const.of(1.0), Z);

  private SharedSquares() {}

  static Expr apply(Expr e) {
    return new SharedSquares().rewrite(e, null);
  }

  /** One memo per context: nothing bounded, z bounded, 1/z bounded. */
  private final OncePerNode unbounded = new OncePerNode();
  private final OncePerNode zBounded = new OncePerNode();
  private final OncePerNode reciprocalBounded = new OncePerNode();

  /** {@code bounded}: the factor known to be at most 1 in magnitude here, or null. */
  private Expr rewrite(Expr e, Expr bounded) {
    OncePerNode done = bounded == null ? unbounded : bounded == Z ? zBounded : reciprocalBounded;
    return done.apply(e, x -> rewritten(x, bounded));
  }

  private Expr rewritten(Expr e, Expr bounded) {
    if (e instanceof Cond c && c.test() instanceof Test.Compare t && isAbsZ(t.left())
        && (t.op() == Test.Op.LE || t.op() == Test.Op.LT) && t.right() instanceof Const limit) {
      Expr then = rewrite(c.then(), limit.value() <= 1.0 ? Z : bounded);
      Expr otherwise = rewrite(c.otherwise(), limit.value() >= 1.0 ? RECIPROCAL : bounded);
      Test test = Exprs.mapTest(c.test(), x -> rewrite(x, bounded));
      return new Cond(test, then, otherwise);
    }
    Expr node = Exprs.mapChildren(e, child -> rewrite(child, bounded));
    if (bounded == null) return node;
    if (node instanceof Expr.PowInt p && p.exponent() == 2 && p.base().equals(bounded)) {
      return new Mul(List.of(bounded, bounded)); // the same product, now the shared one
    }
    if (!(node instanceof Mul m)) return node;
    List<Expr> factors = new ArrayList<>();
    boolean changed = false;
    // (a * z) * z is the product a * z * z evaluated left to right: seen as one list, so that the
    // lowering's binary chains pair up too
    List<Expr> fs = new ArrayList<>();
    if (m.factors().get(0) instanceof Mul first) fs.addAll(first.factors());
    else fs.add(m.factors().get(0));
    fs.addAll(m.factors().subList(1, m.factors().size()));
    // not after a factor that holds a parameter: the square can underflow where the product with
    // a large parameter, one factor at a time, does not (the Student-t derivative's far form
    // (2 r1 r2) w w at nu = 1e300, z = 1e300 is -2e-300, with w^2 shared it is -0)
    boolean scaled = false;
    for (int i = 0; i < fs.size(); i++) {
      if (!scaled && i + 1 < fs.size() && fs.get(i).equals(bounded) && fs.get(i + 1).equals(bounded)) {
        factors.add(new Mul(List.of(bounded, bounded)));
        i++;
        changed = true;
      } else {
        factors.add(fs.get(i));
        scaled |= holdsParameter(fs.get(i));
      }
    }
    if (!changed) return node;
    return factors.size() == 1 ? factors.get(0) : new Mul(factors);
  }

  /** Whether {@code e} reads a variable other than z (a free parameter). */
  private static boolean holdsParameter(Expr e) {
    if (e instanceof Var v) return !v.equals(Z);
    for (Expr c : Exprs.children(e)) {
      if (holdsParameter(c)) return true;
    }
    return false;
  }

  private static boolean isAbsZ(Expr e) {
    return e instanceof Call c && c.fn() == Fn.ABS && c.args().get(0).equals(Z);
  }
}
