package dev.activations.deriver.symbolic;

import dev.activations.deriver.spec.ExactNumber;
import dev.activations.deriver.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.matheclipse.core.expression.Context;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;
import org.matheclipse.parser.client.Parser;
import org.matheclipse.parser.client.SyntaxError;
import org.matheclipse.parser.client.ast.ASTNode;
import org.matheclipse.parser.client.ast.FloatNode;
import org.matheclipse.parser.client.ast.FractionNode;
import org.matheclipse.parser.client.ast.FunctionNode;
import org.matheclipse.parser.client.ast.IntegerNode;
import org.matheclipse.parser.client.ast.SymbolNode;

/**
 * Turns untrusted text (an energy, a constraint) into a Symja expression without evaluating
 * anything on the way, in three steps:
 *
 * <ol>
 *   <li>pre-scan: length and bracket depth are bounded before any parser sees the text (3 000
 *       nested parentheses overflow the parsers' stacks);
 *   <li>parse with Symja's low-level {@link Parser}, which builds inert {@link ASTNode}s (the
 *       high-level parser runs {@code Get}/{@code Import} at parse time);
 *   <li>walk the tree against a whitelist of mathematical heads and symbol names, and convert it
 *       node by node into exact Symja expressions (decimals become exact rationals).
 * </ol>
 *
 * Everything else ({@code Import}, {@code Run}, {@code Set}, rules, patterns, strings,
 * {@code Module}, non-symbol heads such as {@code mu[1]}) is rejected with a {@link SpecException}.
 */
public final class SafeExpressionParser {
  public static final int MAX_LENGTH = 2000;
  public static final int MAX_DEPTH = 40;
  public static final int MAX_NODES = 400;
  public static final int MAX_EXPONENT = 64;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,23}");

  /** Allowed heads and their arity (min, max); -1 = unbounded. */
  private static final Map<String, int[]> HEADS = Map.ofEntries(
      Map.entry("Plus", new int[] {2, -1}),
      Map.entry("Times", new int[] {2, -1}),
      Map.entry("Power", new int[] {2, 2}),
      Map.entry("Sqrt", new int[] {1, 1}),
      Map.entry("Exp", new int[] {1, 1}),
      Map.entry("Log", new int[] {1, 1}),
      Map.entry("Abs", new int[] {1, 1}),
      Map.entry("Sinh", new int[] {1, 1}),
      Map.entry("Cosh", new int[] {1, 1}),
      Map.entry("Tanh", new int[] {1, 1}),
      Map.entry("Sech", new int[] {1, 1}),
      Map.entry("ArcTan", new int[] {1, 1}),
      Map.entry("ArcSinh", new int[] {1, 1}),
      Map.entry("Sign", new int[] {1, 1}),
      Map.entry("Max", new int[] {2, -1}),
      Map.entry("Min", new int[] {2, -1}),
      Map.entry("Piecewise", new int[] {1, 2}),
      Map.entry("Greater", new int[] {2, -1}),
      Map.entry("GreaterEqual", new int[] {2, -1}),
      Map.entry("Less", new int[] {2, -1}),
      Map.entry("LessEqual", new int[] {2, -1}),
      Map.entry("And", new int[] {2, -1}),
      Map.entry("Or", new int[] {2, -1}),
      Map.entry("Not", new int[] {1, 1}),
      Map.entry("Inequality", new int[] {3, -1}));

  private static final Set<String> INEQUALITY_OPERATORS = Set.of("Less", "LessEqual", "Greater", "GreaterEqual");

  private final Symja symja;

  public SafeExpressionParser(Symja symja) {
    this.symja = symja;
  }

  /** The result: the expression and the free symbols it uses (sorted). */
  public record Parsed(IExpr expr, Set<String> symbols) {}

  /**
   * Parses {@code text}; {@code what} names it in error messages (e.g. "energy").
   *
   * @throws SpecException for anything outside the whitelist, too long, too deep or malformed
   */
  public Parsed parse(String text, String what) {
    if (text.isBlank()) throw new SpecException(what + " is empty");
    if (text.length() > MAX_LENGTH) {
      throw new SpecException(what + " is too long (" + text.length() + " characters; at most " + MAX_LENGTH + ")");
    }
    int depth = 0;
    int max = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') max = Math.max(max, ++depth);
      else if (c == ')' || c == ']' || c == '}') depth--;
      if (c < 0x20 && c != '\t' && c != '\n' || c > 0x7e) {
        throw new SpecException(what + ": unexpected character at position " + (i + 1));
      }
    }
    if (max > MAX_DEPTH) throw new SpecException(what + " is nested too deeply (" + max + " levels; at most " + MAX_DEPTH + ")");
    ASTNode node;
    try {
      node = new Parser(false).parse(text);
    } catch (SyntaxError e) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replace("Syntax error in line: 1 - ", "");
      throw new SpecException(what + ": syntax error: " + first);
    } catch (RuntimeException | StackOverflowError e) {
      throw new SpecException(what + ": cannot parse '" + ExactNumber.abbreviate(text.strip()) + "'");
    }
    Set<String> symbols = new TreeSet<>();
    int[] count = {0};
    IExpr expr = convert(node, what, symbols, count);
    return new Parsed(expr, symbols);
  }

  private IExpr convert(ASTNode node, String what, Set<String> symbols, int[] count) {
    if (++count[0] > MAX_NODES) throw new SpecException(what + " is too large (more than " + MAX_NODES + " parts)");
    if (node instanceof IntegerNode || node instanceof FractionNode || node instanceof FloatNode) {
      return number(node, what);
    }
    if (node instanceof SymbolNode s) {
      return symbol(s.getString(), what, symbols);
    }
    if (node instanceof FunctionNode f) {
      if (!(f.get(0) instanceof SymbolNode headNode)) {
        throw new SpecException(what + ": only named functions may be applied (found an expression used as a function)");
      }
      String head = headNode.getString();
      int[] arity = HEADS.get(head);
      if (arity == null) {
        throw new SpecException(what + ": '" + ExactNumber.abbreviate(head) + "' is not allowed (allowed: "
            + String.join(", ", new TreeSet<>(HEADS.keySet()).stream().filter(h -> !h.equals("Inequality")).toList()) + ")");
      }
      int n = f.size() - 1;
      if (n < arity[0] || (arity[1] >= 0 && n > arity[1])) {
        throw new SpecException(what + ": " + head + " takes " + (arity[0] == arity[1] ? arity[0] : arity[0] + " or more")
            + " argument" + (arity[0] == 1 && arity[1] == 1 ? "" : "s") + ", not " + n);
      }
      return switch (head) {
        case "Piecewise" -> piecewise(f, what, symbols, count);
        case "Inequality" -> inequality(f, what, symbols, count);
        case "Less", "LessEqual", "Greater", "GreaterEqual" -> chain(f, head, what, symbols, count);
        case "Power" -> {
          checkExponent(f.get(2), what);
          yield F.Power(convert(f.get(1), what, symbols, count), convert(f.get(2), what, symbols, count));
        }
        default -> {
          List<IExpr> args = new ArrayList<>();
          for (int i = 1; i < f.size(); i++) args.add(convert(f.get(i), what, symbols, count));
          yield F.ast(builtIn(head), args);
        }
      };
    }
    throw new SpecException(what + ": only numbers, names and mathematical functions are allowed ("
        + node.getClass().getSimpleName().replace("Node", "").toLowerCase(java.util.Locale.ROOT) + " found)");
  }

  private IExpr piecewise(FunctionNode f, String what, Set<String> symbols, int[] count) {
    if (!(f.get(1) instanceof FunctionNode list && isHead(list, "List"))) {
      throw new SpecException(what + ": Piecewise needs a list of {value, condition} pairs");
    }
    List<IExpr> pairs = new ArrayList<>();
    for (int i = 1; i < list.size(); i++) {
      if (!(list.get(i) instanceof FunctionNode pair && isHead(pair, "List") && pair.size() == 3)) {
        throw new SpecException(what + ": Piecewise needs a list of {value, condition} pairs");
      }
      pairs.add(F.List(convert(pair.get(1), what, symbols, count), convert(pair.get(2), what, symbols, count)));
    }
    IExpr otherwise = f.size() > 2 ? convert(f.get(2), what, symbols, count) : F.C0;
    return F.binaryAST2(S.Piecewise, F.ast(S.List, pairs), otherwise);
  }

  /** {@code a < b <= c} arrives as Inequality[a, Less, b, LessEqual, c]; it becomes an And. */
  private IExpr inequality(FunctionNode f, String what, Set<String> symbols, int[] count) {
    if (f.size() % 2 != 0) throw new SpecException(what + ": malformed chained comparison");
    List<IExpr> parts = new ArrayList<>();
    IExpr left = convert(f.get(1), what, symbols, count);
    for (int i = 2; i + 1 < f.size(); i += 2) {
      if (!(f.get(i) instanceof SymbolNode op) || !INEQUALITY_OPERATORS.contains(op.getString())) {
        throw new SpecException(what + ": malformed chained comparison");
      }
      IExpr right = convert(f.get(i + 1), what, symbols, count);
      parts.add(F.binaryAST2(builtIn(op.getString()), left, right));
      left = right;
    }
    return parts.size() == 1 ? parts.get(0) : F.ast(S.And, parts);
  }

  /**
   * Numeric exponents are bounded: {@code (z-mu)^100000} is two dozen characters, yet expanding it
   * would run for minutes. The IR's integer powers stop at the same bound.
   */
  private static void checkExponent(ASTNode exponent, String what) {
    if (exponent instanceof IntegerNode || exponent instanceof FractionNode || exponent instanceof FloatNode) {
      ExactNumber n = ExactNumber.parse(exponent.toString().replace("*^", "e"), what);
      ExactNumber limit = ExactNumber.of(MAX_EXPONENT);
      if (n.compareTo(limit) > 0 || n.compareTo(limit.negate()) < 0 || n.denominator().compareTo(java.math.BigInteger.valueOf(64)) > 0) {
        throw new SpecException(what + ": exponent " + n + " is not allowed (numbers as exponents are limited to "
            + MAX_EXPONENT + " in magnitude, with denominators up to 64)");
      }
    }
  }

  /** {@code a < b < c} arrives as Less[a, b, c]; it becomes And[a < b, b < c]. */
  private IExpr chain(FunctionNode f, String head, String what, Set<String> symbols, int[] count) {
    List<IExpr> args = new ArrayList<>();
    for (int i = 1; i < f.size(); i++) args.add(convert(f.get(i), what, symbols, count));
    List<IExpr> parts = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i++) parts.add(F.binaryAST2(builtIn(head), args.get(i), args.get(i + 1)));
    return parts.size() == 1 ? parts.get(0) : F.ast(S.And, parts);
  }

  private static boolean isHead(FunctionNode f, String name) {
    return f.get(0) instanceof SymbolNode s && s.getString().equals(name);
  }

  private IExpr symbol(String name, String what, Set<String> symbols) {
    if (name.equals("E")) return S.E;
    if (name.equals("Pi")) return S.Pi;
    if (!NAME.matcher(name).matches()) {
      throw new SpecException(what + ": '" + ExactNumber.abbreviate(name) + "' is not a valid name (letters and digits, at most 24)");
    }
    if (Context.SYSTEM.get(name) != null) {
      throw new SpecException(what + ": '" + name + "' is a built-in name and cannot be used as a variable or parameter");
    }
    symbols.add(name);
    return symja.symbol(name);
  }

  private static ISymbol builtIn(String head) {
    ISymbol s = Context.SYSTEM.get(head);
    if (s == null) throw new IllegalStateException("whitelisted head without a built-in: " + head);
    return s;
  }

  private static IExpr number(ASTNode node, String what) {
    if (node instanceof IntegerNode i && i.getNumberFormat() != 10) {
      throw new SpecException(what + ": only decimal numbers are allowed (found base " + i.getNumberFormat() + ")");
    }
    String text = node.toString().replace("*^", "e");
    int tick = text.indexOf('`');
    if (tick >= 0) text = text.substring(0, tick);
    ExactNumber n = ExactNumber.parse(text, what);
    return F.QQ(F.ZZ(n.numerator()), F.ZZ(n.denominator()));
  }
}
