package dev.activations.deriver.emit;

import com.palantir.javapoet.CodeBlock;
import dev.activations.deriver.lowering.Expr;
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
import dev.activations.deriver.lowering.IntegerPowers;
import java.util.List;
import java.util.StringJoiner;
import javax.lang.model.SourceVersion;

/**
 * Prints IR as a Java {@code double} expression. Strict: a node type it does not know is an error
 * naming the printer and the node type (Java 17 has no pattern {@code switch} over sealed types,
 * so dispatch is an {@code instanceof} chain ending in that error, never a silent default).
 *
 * <p>The text evaluates exactly as {@link dev.activations.deriver.lowering.DoubleEvaluator}
 * interprets the tree:
 *
 * <ul>
 *   <li>sums and products left to right ({@code a + b + c}); a later operand that is itself a sum
 *       or product is parenthesised, because Java would otherwise re-associate it;
 *   <li>a negated term, or a negative constant term, prints as subtraction ({@code a - b} is
 *       {@code a + (-b)} exactly in IEEE 754);
 *   <li>integer powers print as the products of {@link IntegerPowers#expand} ({@code x * x}, never
 *       {@code Math.pow}); negative powers as {@code 1.0 / (...)};
 *   <li>constants as {@link Double#toString} literals, which round-trip; infinities and NaN as the
 *       {@code Double} constants.
 * </ul>
 *
 * <p>Parentheses are minimal, except that a conditional in the "then" branch of another is
 * parenthesised for readability (else-branches chain: {@code a ? b : c ? d : e}).
 */
public class JavaExprPrinter {
  // Java operator precedence, low to high.
  private static final int COND = 1;
  private static final int OR = 2;
  private static final int AND = 3;
  private static final int RELATIONAL = 4;
  private static final int ADDITIVE = 5;
  private static final int MULTIPLICATIVE = 6;
  private static final int UNARY = 7;
  private static final int PRIMARY = 8;

  /** The expression as Java source text. */
  public String print(Expr e) {
    return print(e, COND);
  }

  /** A test as Java source text (a boolean expression). */
  public String print(Test t) {
    return print(t, COND);
  }

  /** The expression as a JavaPoet code block. */
  public CodeBlock codeBlock(Expr e) {
    return CodeBlock.of("$L", print(e));
  }

  /** A Java literal for a double constant that evaluates to exactly {@code v}. */
  public String literal(double v) {
    if (Double.isNaN(v)) {
      return "Double.NaN";
    } else if (v == Double.POSITIVE_INFINITY) {
      return "Double.POSITIVE_INFINITY";
    } else if (v == Double.NEGATIVE_INFINITY) {
      return "Double.NEGATIVE_INFINITY";
    }
    // Double.toString round-trips and is a valid Java literal ("1.0E-300", "-0.0", "4.9E-324").
    return Double.toString(v);
  }

  /** The Java callee for a call; overridable per target. */
  protected String callee(Call c) {
    return KnownFunctions.of(c.fn()).javaName();
  }

  private String print(Expr e, int context) {
    int precedence = precedence(e);
    String text = printBare(e);
    return precedence < context ? "(" + text + ")" : text;
  }

  private int precedence(Expr e) {
    if (e instanceof Const c) {
      return isNegativeLiteral(c.value()) ? UNARY : PRIMARY;
    } else if (e instanceof Var || e instanceof Call) {
      return PRIMARY;
    } else if (e instanceof Add) {
      return ADDITIVE;
    } else if (e instanceof Mul || e instanceof Div || e instanceof PowInt) {
      return MULTIPLICATIVE;
    } else if (e instanceof Neg) {
      return UNARY;
    } else if (e instanceof Cond) {
      return COND;
    }
    throw unsupported(e);
  }

  /** A constant whose literal starts with a minus sign ({@code -0.0} too, not -Infinity). */
  private static boolean isNegativeLiteral(double v) {
    return !Double.isNaN(v) && !Double.isInfinite(v) && (v < 0 || 1.0 / v < 0);
  }

  /** Sign bit set and not NaN: prints as subtraction of its magnitude inside a sum. */
  private static boolean isSubtracted(Expr term) {
    return term instanceof Neg
        || (term instanceof Const c && !Double.isNaN(c.value())
            && Double.doubleToRawLongBits(c.value()) < 0);
  }

  private String printBare(Expr e) {
    if (e instanceof Const c) {
      return literal(c.value());
    } else if (e instanceof Var v) {
      if (!SourceVersion.isName(v.name())) {
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": variable name is not a Java identifier: " + v.name());
      }
      return v.name();
    } else if (e instanceof Add a) {
      StringBuilder sb = new StringBuilder(print(a.terms().get(0), ADDITIVE));
      for (Expr term : a.terms().subList(1, a.terms().size())) {
        if (isSubtracted(term)) {
          Expr magnitude = term instanceof Neg n ? n.operand() : Const.of(-((Const) term).value());
          sb.append(" - ").append(print(magnitude, MULTIPLICATIVE));
        } else {
          sb.append(" + ").append(print(term, MULTIPLICATIVE));
        }
      }
      return sb.toString();
    } else if (e instanceof Mul m) {
      return product(m.factors());
    } else if (e instanceof Div d) {
      return print(d.numerator(), MULTIPLICATIVE) + " / " + print(d.denominator(), UNARY);
    } else if (e instanceof Neg n) {
      return "-" + print(n.operand(), PRIMARY);
    } else if (e instanceof PowInt p) {
      return printBare(IntegerPowers.expand(p));
    } else if (e instanceof Call c) {
      StringJoiner args = new StringJoiner(", ", callee(c) + "(", ")");
      for (Expr arg : c.args()) {
        args.add(print(arg, COND));
      }
      return args.toString();
    } else if (e instanceof Cond c) {
      return print(c.test(), OR) + " ? " + print(c.then(), COND + 1) + " : "
          + print(c.otherwise(), COND);
    }
    throw unsupported(e);
  }

  private String product(List<Expr> factors) {
    StringBuilder sb = new StringBuilder(print(factors.get(0), MULTIPLICATIVE));
    for (Expr f : factors.subList(1, factors.size())) {
      sb.append(" * ").append(print(f, UNARY));
    }
    return sb.toString();
  }

  private String print(Test t, int context) {
    if (t instanceof Test.Compare c) {
      String text = print(c.left(), ADDITIVE) + " " + operator(c.op()) + " "
          + print(c.right(), ADDITIVE);
      return RELATIONAL < context ? "(" + text + ")" : text;
    } else if (t instanceof Test.And a) {
      return junction(a.operands(), " && ", "true", AND, context);
    } else if (t instanceof Test.Or o) {
      return junction(o.operands(), " || ", "false", OR, context);
    } else if (t instanceof Test.Not n) {
      return "!" + print(n.operand(), UNARY);
    }
    throw unsupported(t);
  }

  private String junction(List<Test> operands, String op, String empty, int level, int context) {
    if (operands.isEmpty()) {
      return empty;
    } else if (operands.size() == 1) {
      return print(operands.get(0), context);
    }
    StringJoiner j = new StringJoiner(op);
    for (Test o : operands) {
      j.add(print(o, level));
    }
    String text = j.toString();
    return level < context ? "(" + text + ")" : text;
  }

  private static String operator(Test.Op op) {
    return switch (op) {
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case EQ -> "==";
      case NE -> "!=";
    };
  }

  private IllegalStateException unsupported(Object node) {
    return new IllegalStateException(getClass().getSimpleName() + ": unsupported node type "
        + (node == null ? "null" : node.getClass().getName()));
  }
}
