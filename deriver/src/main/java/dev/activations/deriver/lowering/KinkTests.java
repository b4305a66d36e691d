package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Test.Op;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kink's test {@code P + Q |z + b| <= 0} (Q positive by construction, P and Q free of z, b a
 * nonzero constant; also {@code Q |z + b| / D}) written as bounds on z itself: {@code -R - b <= z
 * <= R - b} with {@code R = -P / Q}; {@code >=} is the complement, two comparisons joined by
 * "or". A rule of {@link Rewrites}.
 *
 * <p>Why: {@code |z + b|} rounds away every bit of a z much smaller than b, so the test cannot
 * tell on which side of a kink at z = 0 the point lies. The energy {@code Max[0, Abs[(z-mu)/a] -
 * a]} at the centre -1 and a = 1 has its kink at z = 0, and the test {@code -a + |1 + z| / |a| <=
 * 0} held at z = 5.2e-182, where the energy is z (slope 1, not 0): the three-prototype
 * responsibilities' derivative was -0.0 where it is -0.222. On z's side the test is exact up to
 * the rounding of the bound ({@code R - b} = 0 exactly there).
 */
final class KinkTests {
  private static final Var Z = new Var("z");

  private KinkTests() {}

  /** {@code e} with each kink test of its {@link Cond} on z, or empty. */
  static Optional<Expr> onZ(Expr e) {
    if (!(e instanceof Cond c) || !(c.test() instanceof Test.Compare cmp)) return Optional.empty();
    return solved(cmp).map(t -> new Cond(t, c.then(), c.otherwise()));
  }

  private static Optional<Test> solved(Test.Compare cmp) {
    // L op 0, with L on the left
    Expr l;
    Op op;
    if (Exprs.isConst(cmp.right(), 0.0)) {
      l = cmp.left();
      op = cmp.op();
    } else if (Exprs.isConst(cmp.left(), 0.0)) {
      l = cmp.right();
      op = switch (cmp.op()) {
        case LT -> Op.GT;
        case LE -> Op.GE;
        case GT -> Op.LT;
        case GE -> Op.LE;
        default -> cmp.op();
      };
    } else {
      return Optional.empty();
    }
    if (op == Op.EQ || op == Op.NE || !(l instanceof Add sum)) return Optional.empty();
    List<Expr> rest = new ArrayList<>();
    Expr kink = null;
    for (Expr t : sum.terms()) {
      if (!Exprs.involvesZ(t)) {
        rest.add(t);
      } else if (kink == null) {
        kink = t;
      } else {
        return Optional.empty();
      }
    }
    if (kink == null || rest.isEmpty()) return Optional.empty();
    // kink = Q |z + b|, or Q |z + b| / D with D positive
    List<Expr> q = new ArrayList<>();
    if (kink instanceof Div d && !Exprs.involvesZ(d.denominator()) && positive(d.denominator())) {
      q.add(new Div(Const.of(1.0), d.denominator()));
      kink = d.numerator();
    }
    List<Expr> factors = kink instanceof Mul m ? m.factors() : List.of(kink);
    Double b = null;
    for (Expr f : factors) {
      if (!Exprs.involvesZ(f)) {
        if (!positive(f)) return Optional.empty();
        q.add(f);
      } else if (b == null && f instanceof Call abs && abs.fn() == Fn.ABS) {
        b = offset(abs.args().get(0)).orElse(null);
        if (b == null) return Optional.empty();
      } else {
        return Optional.empty();
      }
    }
    if (b == null) return Optional.empty();
    Expr p = rest.size() == 1 ? rest.get(0) : new Add(rest);
    Expr r = new Neg(p);
    if (!q.isEmpty()) r = new Div(r, q.size() == 1 ? q.get(0) : new Mul(q));
    Expr upper = new Add(List.of(r, Const.of(-b)));
    Expr lower = new Add(List.of(new Neg(r), Const.of(-b)));
    return Optional.of(switch (op) {
      case LE -> new Test.And(List.of(new Test.Compare(Op.GE, Z, lower), new Test.Compare(Op.LE, Z, upper)));
      case LT -> new Test.And(List.of(new Test.Compare(Op.GT, Z, lower), new Test.Compare(Op.LT, Z, upper)));
      case GE -> new Test.Or(List.of(new Test.Compare(Op.LE, Z, lower), new Test.Compare(Op.GE, Z, upper)));
      case GT -> new Test.Or(List.of(new Test.Compare(Op.LT, Z, lower), new Test.Compare(Op.GT, Z, upper)));
      default -> throw new IllegalStateException(op.toString());
    });
  }

  /** b of {@code z + b} (either order), b a nonzero constant. */
  private static Optional<Double> offset(Expr e) {
    if (!(e instanceof Add a) || a.terms().size() != 2) return Optional.empty();
    Expr x = a.terms().get(0);
    Expr y = a.terms().get(1);
    if (x.equals(Z) && y instanceof Const k && k.value() != 0 && Double.isFinite(k.value())) return Optional.of(k.value());
    if (y.equals(Z) && x instanceof Const k && k.value() != 0 && Double.isFinite(k.value())) return Optional.of(k.value());
    return Optional.empty();
  }

  /** Positive wherever it is a nonzero number: a magnitude, its reciprocal, a positive constant. */
  private static boolean positive(Expr e) {
    if (e instanceof Const k) return k.value() > 0;
    if (e instanceof Call c) return c.fn() == Fn.ABS || c.fn() == Fn.EXP;
    return e instanceof Div d && Exprs.isConst(d.numerator(), 1.0) && positive(d.denominator());
  }
}
