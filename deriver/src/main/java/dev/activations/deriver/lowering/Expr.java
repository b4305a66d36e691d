package dev.activations.deriver.lowering;

import java.util.List;
import java.util.Objects;

/**
 * The project's own small expression IR: what Symja trees are lowered to, what accuracy rewrites
 * and CSE operate on, and what every printer (scalar Java, float, SIMD) reads.
 *
 * <p>Symja normalises for algebra ({@code a-b} is {@code Plus[a,Times[-1,b]]}, {@code Exp[x]} is
 * {@code Power[E,x]}); this tree is normalised for floating point instead: it has nodes for the
 * stable primitives ({@link Fn#LOG1P}, {@link Fn#EXPM1}, {@link Fn#LOGISTIC}, {@link Fn#SOFTPLUS},
 * {@link Fn#TANH_PRIME}) that the rewrites introduce. All nodes are immutable records; equality is
 * structural, which CSE relies on.
 */
public sealed interface Expr
    permits Expr.Const, Expr.Var, Expr.Add, Expr.Mul, Expr.Div, Expr.Neg, Expr.PowInt, Expr.Call,
        Expr.Cond {

  /** A double constant; {@code exact} is the exact value it was rounded from (e.g. "1/3"), for comments. */
  record Const(double value, String exact) implements Expr {
    public Const {
      Objects.requireNonNull(exact, "exact");
    }

    public static Const of(double v) {
      return new Const(v, Double.toString(v));
    }

    /** Structural equality on the double's bits only (the exact text is a comment). */
    @Override
    public boolean equals(Object o) {
      return o instanceof Const c
          && Double.doubleToRawLongBits(c.value) == Double.doubleToRawLongBits(value);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(Double.doubleToRawLongBits(value));
    }
  }

  /** The input {@code z}, a free parameter, or a CSE temporary. */
  record Var(String name) implements Expr {
    public Var {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A sum of two or more terms. */
  record Add(List<Expr> terms) implements Expr {
    public Add {
      terms = List.copyOf(terms);
      if (terms.size() < 2) throw new IllegalArgumentException("Add needs two or more terms");
    }
  }

  /** A product of two or more factors. */
  record Mul(List<Expr> factors) implements Expr {
    public Mul {
      factors = List.copyOf(factors);
      if (factors.size() < 2) throw new IllegalArgumentException("Mul needs two or more factors");
    }
  }

  record Div(Expr numerator, Expr denominator) implements Expr {
    public Div {
      Objects.requireNonNull(numerator, "numerator");
      Objects.requireNonNull(denominator, "denominator");
    }
  }

  record Neg(Expr operand) implements Expr {
    public Neg {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** An integer power, printed as products (never {@code Math.pow}); negative means reciprocal. */
  record PowInt(Expr base, int exponent) implements Expr {
    public PowInt {
      Objects.requireNonNull(base, "base");
      if (exponent == 0 || exponent == 1) {
        throw new IllegalArgumentException("PowInt exponent must not be 0 or 1: " + exponent);
      }
    }
  }

  /** A call of a known function; the arity is checked against {@link Fn#arity()}. */
  record Call(Fn fn, List<Expr> args) implements Expr {
    public Call {
      Objects.requireNonNull(fn, "fn");
      args = List.copyOf(args);
      if (args.size() != fn.arity()) {
        throw new IllegalArgumentException(fn + " takes " + fn.arity() + " arguments, not " + args.size());
      }
    }

    public static Call of(Fn fn, Expr... args) {
      return new Call(fn, List.of(args));
    }
  }

  /** {@code test ? then : otherwise}: Piecewise, kinks, tail branches and argmin selection. */
  record Cond(Test test, Expr then, Expr otherwise) implements Expr {
    public Cond {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(otherwise, "otherwise");
    }
  }

  /** Boolean tests used by {@link Cond}. */
  sealed interface Test permits Test.Compare, Test.And, Test.Or, Test.Not {
    enum Op { LT, LE, GT, GE, EQ, NE }

    record Compare(Op op, Expr left, Expr right) implements Test {
      public Compare {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
      }
    }

    record And(List<Test> operands) implements Test {
      public And {
        operands = List.copyOf(operands);
      }
    }

    record Or(List<Test> operands) implements Test {
      public Or {
        operands = List.copyOf(operands);
      }
    }

    record Not(Test operand) implements Test {}
  }

  /** Integer literal helper. */
  static Const constant(double v) {
    return Const.of(v);
  }
}
