package dev.activations.deriver.lowering;

import dev.activations.deriver.lowering.Expr.Add;
import dev.activations.deriver.lowering.Expr.Call;
import dev.activations.deriver.lowering.Expr.Cond;
import dev.activations.deriver.lowering.Expr.Const;
import dev.activations.deriver.lowering.Expr.Div;
import dev.activations.deriver.lowering.Expr.Mul;
import dev.activations.deriver.lowering.Expr.Neg;
import dev.activations.deriver.lowering.Expr.PowInt;
import dev.activations.deriver.lowering.Expr.Test;
import dev.activations.deriver.lowering.Expr.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random IR over {@code z} and {@code s} for property tests: every node type, every function,
 * awkward constants, and deliberate sharing (subtrees are reused from a pool) so CSE has work.
 */
public final class RandomExprs {
  private static final double[] CONSTANTS = {
    0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 3.0, 0.1, 1.0 / 3.0, 1e-300, -1e300, 4.9e-324,
    Double.MAX_VALUE, 709.0, -745.0, 1e-8, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
  };
  private static final int[] EXPONENTS = {-4, -3, -2, -1, 2, 3, 4, 5, 6, 7, 8};

  private final Random random;
  /** Subtrees to reuse, by the depth budget they were built with (index = depth). */
  private final List<List<Expr>> pool = new ArrayList<>();

  public RandomExprs(long seed) {
    this.random = new Random(seed);
  }

  /** A random expression of at most the given depth. */
  public Expr next(int depth) {
    if (depth > 0 && random.nextInt(5) == 0) {
      List<Expr> shallow = new ArrayList<>();
      for (int d = 0; d <= depth && d < pool.size(); d++) {
        shallow.addAll(pool.get(d));
      }
      if (!shallow.isEmpty()) {
        return shallow.get(random.nextInt(shallow.size()));
      }
    }
    Expr e = fresh(depth);
    if (!Exprs.isAtom(e)) {
      while (pool.size() <= depth) {
        pool.add(new ArrayList<>());
      }
      pool.get(depth).add(e);
    }
    return e;
  }

  private Expr fresh(int depth) {
    if (depth <= 0 || random.nextInt(6) == 0) {
      return leaf();
    }
    int d = depth - 1;
    switch (random.nextInt(9)) {
      case 0:
        return new Add(list(d, 2 + random.nextInt(2)));
      case 1:
        return new Mul(list(d, 2 + random.nextInt(2)));
      case 2:
        return new Div(next(d), next(d));
      case 3:
        return new Neg(next(d));
      case 4:
        return new PowInt(next(d), EXPONENTS[random.nextInt(EXPONENTS.length)]);
      case 5:
        return new Cond(test(d), next(d), next(d));
      default:
        Fn fn = Fn.values()[random.nextInt(Fn.values().length)];
        return new Call(fn, list(d, fn.arity()));
    }
  }

  private List<Expr> list(int depth, int n) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next(depth));
    }
    return out;
  }

  private Expr leaf() {
    switch (random.nextInt(4)) {
      case 0:
        return new Var("z");
      case 1:
        return new Var("s");
      default:
        return Const.of(CONSTANTS[random.nextInt(CONSTANTS.length)]);
    }
  }

  private Test test(int depth) {
    switch (depth <= 0 ? 5 : random.nextInt(6)) {
      case 0:
        return new Test.And(List.of(test(depth - 1), test(depth - 1)));
      case 1:
        return new Test.Or(List.of(test(depth - 1), test(depth - 1), test(depth - 1)));
      case 2:
        return new Test.Not(test(depth - 1));
      default:
        Test.Op op = Test.Op.values()[random.nextInt(Test.Op.values().length)];
        return new Test.Compare(op, next(depth), next(depth));
    }
  }

  /** Interesting doubles: moderate, tiny, huge, zeros, subnormal, infinities, NaN. */
  public static double point(Random random) {
    switch (random.nextInt(10)) {
      case 0:
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 710.0,
          -750.0, 20.0, -19.5};
        return special[random.nextInt(special.length)];
      case 1:
        return Double.longBitsToDouble(random.nextLong());
      case 2:
        return (random.nextDouble() - 0.5) * 2000;
      default:
        return (random.nextDouble() - 0.5) * 20;
    }
  }
}
