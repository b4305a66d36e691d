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
 *
 * <p>Every compound node carries its structural hash as its first component, computed once from its
 * children's (the record's own {@code hashCode} would walk the whole subtree on every call). The
 * passes share subtrees, so a tree is a DAG whose unfolding can be exponentially larger than the
 * DAG; with the walking hash, memo tables keyed by nodes spent most of a derivation hashing (a
 * three-prototype Huber variance with a free threshold: 60 % of its samples in {@code hashCode}).
 * The hash is a function of the structure alone, and as the first component it also lets {@code
 * equals} reject most unequal nodes at once. Construct nodes with the constructors without it: the
 * canonical constructor ignores the hash passed and computes it.
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
  record Add(int hash, List<Expr> terms) implements Expr {
    public Add {
      terms = List.copyOf(terms);
      if (terms.size() < 2) throw new IllegalArgumentException("Add needs two or more terms");
      hash = terms.hashCode();
    }

    public Add(List<Expr> terms) {
      this(0, terms);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Add" + terms;
    }
  }

  /** A product of two or more factors. */
  record Mul(int hash, List<Expr> factors) implements Expr {
    public Mul {
      factors = List.copyOf(factors);
      if (factors.size() < 2) throw new IllegalArgumentException("Mul needs two or more factors");
      hash = 31 * factors.hashCode() + 1;
    }

    public Mul(List<Expr> factors) {
      this(0, factors);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Mul" + factors;
    }
  }

  record Div(int hash, Expr numerator, Expr denominator) implements Expr {
    public Div {
      Objects.requireNonNull(numerator, "numerator");
      Objects.requireNonNull(denominator, "denominator");
      hash = 31 * numerator.hashCode() + denominator.hashCode() + 2;
    }

    public Div(Expr numerator, Expr denominator) {
      this(0, numerator, denominator);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Div[" + numerator + ", " + denominator + "]";
    }
  }

  record Neg(int hash, Expr operand) implements Expr {
    public Neg {
      Objects.requireNonNull(operand, "operand");
      hash = 31 * operand.hashCode() + 3;
    }

    public Neg(Expr operand) {
      this(0, operand);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Neg[" + operand + "]";
    }
  }

  /** An integer power, printed as products (never {@code Math.pow}); negative means reciprocal. */
  record PowInt(int hash, Expr base, int exponent) implements Expr {
    public PowInt {
      Objects.requireNonNull(base, "base");
      if (exponent == 0 || exponent == 1) {
        throw new IllegalArgumentException("PowInt exponent must not be 0 or 1: " + exponent);
      }
      hash = 31 * base.hashCode() + exponent + 4;
    }

    public PowInt(Expr base, int exponent) {
      this(0, base, exponent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "PowInt[" + base + ", " + exponent + "]";
    }
  }

  /** A call of a known function; the arity is checked against {@link Fn#arity()}. */
  record Call(int hash, Fn fn, List<Expr> args) implements Expr {
    public Call {
      Objects.requireNonNull(fn, "fn");
      args = List.copyOf(args);
      if (args.size() != fn.arity()) {
        throw new IllegalArgumentException(fn + " takes " + fn.arity() + " arguments, not " + args.size());
      }
      // the function's ordinal, not its identity hash: the same tree hashes alike in every run
      hash = 31 * args.hashCode() + fn.ordinal() + 5;
    }

    public Call(Fn fn, List<Expr> args) {
      this(0, fn, args);
    }

    public static Call of(Fn fn, Expr... args) {
      return new Call(fn, List.of(args));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Call[" + fn + ", " + args + "]";
    }
  }

  /** {@code test ? then : otherwise}: Piecewise, kinks, tail branches and argmin selection. */
  record Cond(int hash, Test test, Expr then, Expr otherwise) implements Expr {
    public Cond {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(otherwise, "otherwise");
      hash = 31 * (31 * test.hashCode() + then.hashCode()) + otherwise.hashCode() + 6;
    }

    public Cond(Test test, Expr then, Expr otherwise) {
      this(0, test, then, otherwise);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Cond[" + test + ", " + then + ", " + otherwise + "]";
    }
  }

  /** Boolean tests used by {@link Cond}. */
  sealed interface Test permits Test.Compare, Test.And, Test.Or, Test.Not {
    enum Op { LT, LE, GT, GE, EQ, NE }

    record Compare(int hash, Op op, Expr left, Expr right) implements Test {
      public Compare {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        hash = 31 * (31 * op.ordinal() + left.hashCode()) + right.hashCode() + 7;
      }

      public Compare(Op op, Expr left, Expr right) {
        this(0, op, left, right);
      }

      @Override
      public int hashCode() {
        return hash;
      }

      @Override
      public String toString() {
        return "Compare[" + op + ", " + left + ", " + right + "]";
      }
    }

    record And(int hash, List<Test> operands) implements Test {
      public And {
        operands = List.copyOf(operands);
        hash = 31 * operands.hashCode() + 8;
      }

      public And(List<Test> operands) {
        this(0, operands);
      }

      @Override
      public int hashCode() {
        return hash;
      }

      @Override
      public String toString() {
        return "And" + operands;
      }
    }

    record Or(int hash, List<Test> operands) implements Test {
      public Or {
        operands = List.copyOf(operands);
        hash = 31 * operands.hashCode() + 9;
      }

      public Or(List<Test> operands) {
        this(0, operands);
      }

      @Override
      public int hashCode() {
        return hash;
      }

      @Override
      public String toString() {
        return "Or" + operands;
      }
    }

    record Not(int hash, Test operand) implements Test {
      public Not {
        Objects.requireNonNull(operand, "operand");
        hash = 31 * operand.hashCode() + 10;
      }

      public Not(Test operand) {
        this(0, operand);
      }

      @Override
      public int hashCode() {
        return hash;
      }

      @Override
      public String toString() {
        return "Not[" + operand + "]";
      }
    }
  }

  /** Integer literal helper. */
  static Const constant(double v) {
    return Const.of(v);
  }
}
