package dev.activations.deriver.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apfloat.Apfloat;
import org.matheclipse.parser.client.Parser;
import org.matheclipse.parser.client.ParserConfig;
import org.matheclipse.parser.client.SyntaxError;
import org.matheclipse.parser.client.ast.ASTNode;
import org.matheclipse.parser.client.ast.FloatNode;
import org.matheclipse.parser.client.ast.FractionNode;
import org.matheclipse.parser.client.ast.FunctionNode;
import org.matheclipse.parser.client.ast.IntegerNode;
import org.matheclipse.parser.client.ast.SymbolNode;

/**
 * An energy (or any real expression) in Mathematica syntax, compiled once into a tree that
 * evaluates over apfloat at any precision, independently of Symja's evaluator.
 *
 * <p>Why: the reference values that hold generated code to its contract must not come from the
 * pipeline they check, and Symja's machine numerics are unreliable. Only Symja's low-level {@link
 * Parser} is used; it builds plain {@link ASTNode} trees and evaluates nothing. The tree is checked
 * against a closed list of constructs:
 *
 * <ul>
 *   <li>numbers: integers, rationals ({@code -1/2}), decimals ({@code 0.25}, {@code 2.5*^-3}), all
 *       taken as the exact rationals they denote;
 *   <li>symbols: variables bound at evaluation ({@code z}, {@code mu}, parameters), and the
 *       constants {@code E} and {@code Pi};
 *   <li>{@code Plus}, {@code Times}, {@code Power} (integer exponents exactly, half-integer ones
 *       through {@code Sqrt}, others as {@code exp(y log x)}), {@code Sqrt}, {@code Exp}, {@code
 *       Log}, {@code Abs}, {@code Sinh}, {@code Cosh}, {@code Tanh}, {@code Sech}, {@code Max},
 *       {@code Min}, {@code Sign};
 *   <li>{@code Piecewise[{{v1, c1}, ...}, default]} whose conditions use {@code Greater}, {@code
 *       GreaterEqual}, {@code Less}, {@code LessEqual}, {@code Equal}, {@code Unequal} (also
 *       chained, and {@code Inequality}), {@code And}, {@code Or}, {@code Not}, {@code True}, {@code
 *       False}.
 * </ul>
 *
 * Anything else is an {@link IllegalArgumentException} naming the construct. Evaluation is exact
 * where the arithmetic allows (see {@link Enclosure}) and otherwise carries an error bound.
 * Instances are immutable and thread-safe; {@link #parse} caches them by text.
 */
public final class HighPrecisionExpression {

  /** Longest accepted input, in characters. */
  public static final int MAX_LENGTH = 100_000;
  /** Deepest accepted bracket nesting ({@code (}, {@code [}, {@code {}); the parser recurses. */
  public static final int MAX_DEPTH = 200;

  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Set<String> RESERVED =
      Set.of("I", "Infinity", "ComplexInfinity", "Indeterminate", "Degree", "EulerGamma",
          "GoldenRatio", "Catalan", "Glaisher", "Khinchin", "Null", "All", "None", "Automatic");
  private static final Set<String> FUNCTIONS =
      Set.of("Plus", "Times", "Power", "Sqrt", "Exp", "Log", "Abs", "Sinh", "Cosh", "Tanh", "Sech", "ArcTan", "ArcSinh",
          "Max", "Min", "Sign", "Piecewise", "List", "Greater", "GreaterEqual", "Less",
          "LessEqual", "Equal", "Unequal", "Inequality", "And", "Or", "Not");
  private static final int CACHE_LIMIT = 4096;
  private static final ConcurrentHashMap<String, HighPrecisionExpression> CACHE =
      new ConcurrentHashMap<>();

  private final String text;
  private final Node root;
  private final Set<String> symbols;

  private HighPrecisionExpression(String text, Node root, Set<String> symbols) {
    this.text = text;
    this.root = root;
    this.symbols = symbols;
  }

  /**
   * Parses and checks {@code text}.
   *
   * @throws IllegalArgumentException on a syntax error, an input longer than {@link #MAX_LENGTH} or
   *     nested deeper than {@link #MAX_DEPTH}, or any construct outside the supported list (the
   *     message names it)
   */
  /** Each exact value text (e.g. {@code "3/2"}) parsed, by name: a vector reference's parameters. */
  public static Map<String, HighPrecisionExpression> parseValues(Map<String, String> values) {
    Map<String, HighPrecisionExpression> out = new java.util.HashMap<>();
    values.forEach((k, v) -> out.put(k, parse(v)));
    return Map.copyOf(out);
  }

  public static HighPrecisionExpression parse(String text) {
    Objects.requireNonNull(text, "text");
    HighPrecisionExpression cached = CACHE.get(text);
    if (cached != null) return cached;
    HighPrecisionExpression e = compile(text);
    if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();
    CACHE.put(text, e);
    return e;
  }

  private static HighPrecisionExpression compile(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("expression longer than " + MAX_LENGTH + " characters");
    }
    if (text.isBlank()) throw new IllegalArgumentException("empty expression");
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        if (++depth > MAX_DEPTH) {
          throw new IllegalArgumentException("expression nested deeper than " + MAX_DEPTH);
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    ASTNode ast;
    try {
      ast = newParser().parse(text);
    } catch (SyntaxError e) {
      throw new IllegalArgumentException("syntax error in '" + text + "': " + firstLine(e.getMessage()), e);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("expression too deeply nested: '" + text + "'");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot parse '" + text + "': " + e, e);
    }
    Set<String> symbols = new TreeSet<>();
    Node root = new Compiler(symbols).number(ast);
    return new HighPrecisionExpression(text, root, Set.copyOf(symbols));
  }

  private static Parser newParser() {
    // Without this, 1E-2 parses as -2 + E and 2x as an implicit product. The parser reads the flag
    // when it is constructed.
    ParserConfig.EXPLICIT_TIMES_OPERATOR = true;
    return new Parser(false);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The source text. */
  public String text() {
    return text;
  }

  /** The free symbols (variables) the expression needs, sorted; {@code E} and {@code Pi} excluded. */
  public Set<String> symbols() {
    return new TreeSet<>(symbols);
  }

  /**
   * Evaluates with working precision {@code digits} (decimal digits); bindings are taken as the
   * exact values they hold. Exact sub-results stay exact; the returned value is rounded to {@code
   * digits}. Where the expression cancels, fewer digits are correct: {@link #enclose} gives the
   * error bound.
   *
   * @throws IllegalArgumentException if a free symbol has no binding or {@code digits < 1}
   * @throws ArithmeticException for an undefined value (division by zero, Log of a non-positive
   *     number, a real power of a negative number, overflow of exp) or a decision the precision
   *     cannot make
   */
  public Apfloat evaluate(Map<String, Apfloat> bindings, long digits) {
    if (digits < 1) throw new IllegalArgumentException("digits < 1: " + digits);
    Map<String, Enclosure> exact = new java.util.HashMap<>();
    for (Map.Entry<String, Apfloat> b : bindings.entrySet()) {
      Apfloat v = b.getValue();
      Rational r = v.signum() == 0 ? Rational.ZERO : Rational.of(new BigDecimal(v.toString(false)));
      exact.put(b.getKey(), Enclosure.exact(r));
    }
    Enclosure e;
    try {
      e = enclose(exact, digits);
    } catch (InsufficientPrecisionException ex) {
      throw new ArithmeticException("undecided at " + digits + " digits: " + ex.getMessage());
    }
    return e.mid(digits).precision(digits);
  }

  /** Evaluates as an enclosure at working precision {@code p}. */
  Enclosure enclose(Map<String, Enclosure> bindings, long p) {
    return root.eval(new Env(bindings, p));
  }

  /**
   * Evaluates with forward derivatives: each binding carries its derivative with respect to the
   * input (1 for {@code z}, 0 for constants).
   *
   * @throws Dual.NotDifferentiable where a rule does not apply at this point (see {@link Dual})
   */
  Dual encloseDual(Map<String, Dual> bindings, long p) {
    Map<String, Enclosure> values = new java.util.HashMap<>();
    bindings.forEach((k, v) -> values.put(k, v.value()));
    return root.evalDual(new DualEnv(bindings, new Env(values, p)));
  }

  /**
   * Evaluates with the fast arithmetic ({@link FastDual}: double-double values and derivatives).
   *
   * @throws Fast.Undecided where it cannot decide (the caller asks {@link #encloseDual})
   * @throws ArithmeticException for an undefined value
   */
  FastDual evalFast(Map<String, FastDual> bindings) {
    return root.evalFast(bindings);
  }

  /**
   * {@code this(bindings1) - this(bindings2)} in the fast arithmetic, by identities applied to the
   * expression's structure instead of one subtraction of the two values. Every node gives its
   * difference and its sum ({@link Pair}): a symbol bound to the same object on both sides has
   * difference 0 and sum {@code 2x}; {@code x1 y1 - x2 y2 = (x1 - x2) y1 + x2 (y1 - y2)} and {@code x1
   * y1 + x2 y2 = (sx sy + dx dy) / 2}; a square's difference is {@code d s}, its sum {@code (s^2 +
   * d^2) / 2}, and other integer powers go by squares and products; {@code log x1 - log x2 =
   * log1p((x1 - x2) / x2)}; {@code e^x1 - e^x2 = e^x2 expm1(x1 - x2)}; {@code |x1| -+ |x2|} is {@code
   * s (x1 -+ x2)} for one decided sign and {@code s1 (x1 +- x2)} for opposite ones; {@code tanh x1 -+
   * tanh x2 = sinh(x1 -+ x2) sech x1 sech x2}; {@code log cosh} as an even function, beyond 1 on both
   * sides through {@code |x| - ln 2 + log1p(e^-2|x|)} with the two tails' difference as one {@code
   * log1p}, elsewhere {@code log1p((cosh a1 - cosh a2) / cosh a2)}; the same case (or extremum) on
   * both sides; elsewhere the values are subtracted.
   *
   * <p>Why: the reference's effective energies {@code e_h - e_win} are differences of two values of
   * one expression at two centres. Far out, log-cosh energies differ by about 2 while each is
   * {@code |z|}: subtracted, the double-double rounding of each (2^-96 |z|) swamps the difference
   * beyond |z| = 1e12, and their slopes {@code tanh(z - mu)} differ by {@code 4 e^-2|z|}, which no
   * double-double subtraction of two numbers next to 1 can resolve beyond |z| = 20. Next to z = 0
   * energies of symmetric centres differ by a multiple of z, below the rounding of either once |z|
   * is below about 1e-12; the sums carry {@code (z - 1) + (z + 1) = 2z} exactly. Every identity holds
   * exactly for all values of the differentiation variable near the point (a sign, a case or an
   * extremum only where it is strictly decided), so the derivatives carried by {@link FastDual} are
   * those of the difference; the result is an enclosure like every other fast value.
   *
   * @throws Fast.Undecided where a value the identities need cannot be decided
   */
  FastDual evalFastDifference(Map<String, FastDual> bindings1, Map<String, FastDual> bindings2) {
    return difference(root, bindings1, bindings2).d();
  }

  /**
   * A node at two bindings: both values, as {@link Node#evalFast} gives them, their difference
   * {@code d} and their sum {@code s}, each by identities. The sum is what an even function or a
   * square needs next to a tie: {@code (z-1)^2 - (z+1)^2 = ((z-1) - (z+1)) ((z-1) + (z+1)) = -2 (2z)},
   * where the values themselves, rounded next to 1, leave nothing of a tiny z.
   */
  private record Pair(FastDual a1, FastDual a2, FastDual d, FastDual s) {
    static Pair direct(FastDual a1, FastDual a2) {
      return new Pair(a1, a2, a1.subtract(a2), a1.add(a2));
    }

    /** The same value on both sides. */
    static Pair same(FastDual a) {
      return new Pair(a, a, FastDual.ZERO, a.multiply(TWO));
    }

    /** The pair {@code (x1, -x2)}: difference and sum trade places. */
    Pair reflected() {
      return new Pair(a1, a2.negate(), s, d);
    }
  }

  private static final FastDual TWO = FastDual.constant(Fast.of(2));
  private static final FastDual HALF = FastDual.constant(Fast.of(0.5));
  private static final FastDual MINUS_TWO = FastDual.constant(Fast.of(-2));

  private static boolean isZero(FastDual x) {
    return x.v.isZero() && x.d.isZero();
  }

  private static Pair difference(Node n, Map<String, FastDual> env1, Map<String, FastDual> env2) {
    if (n instanceof Num || n instanceof Constant) return Pair.same(n.evalFast(env1));
    if (n instanceof Var v) {
      FastDual a1 = v.evalFast(env1);
      FastDual a2 = v.evalFast(env2);
      return a1 == a2 ? Pair.same(a1) : Pair.direct(a1, a2);
    }
    if (n instanceof Sum sum) {
      Pair acc = difference(sum.terms().get(0), env1, env2);
      for (int i = 1; i < sum.terms().size(); i++) {
        Pair t = difference(sum.terms().get(i), env1, env2);
        acc = new Pair(acc.a1().add(t.a1()), acc.a2().add(t.a2()), acc.d().add(t.d()), acc.s().add(t.s()));
      }
      return acc;
    }
    if (n instanceof Product p) {
      Pair acc = difference(p.factors().get(0), env1, env2);
      for (int i = 1; i < p.factors().size(); i++) acc = times(acc, difference(p.factors().get(i), env1, env2));
      return acc;
    }
    if (n instanceof Pow p) return power(p, env1, env2);
    if (n instanceof Call c) return call(c, env1, env2);
    if (n instanceof Extremum x) {
      Pair[] args = new Pair[x.args().size()];
      for (int i = 0; i < args.length; i++) args[i] = difference(x.args().get(i), env1, env2);
      int w1 = winner(x.max(), args, true);
      int w2 = winner(x.max(), args, false);
      return w1 == w2 ? args[w1] : Pair.direct(args[w1].a1(), args[w2].a2());
    }
    Cases cs = (Cases) n;
    for (Case c : cs.cases()) {
      Truth t1 = c.condition().testFast(env1);
      Truth t2 = c.condition().testFast(env2);
      if (t1 == Truth.UNKNOWN || t2 == Truth.UNKNOWN) throw Fast.Undecided.get();
      if (t1 == Truth.TRUE && t2 == Truth.TRUE) return difference(c.value(), env1, env2);
      if (t1 != t2) return Pair.direct(cs.evalFast(env1), cs.evalFast(env2));
    }
    return difference(cs.otherwise(), env1, env2);
  }

  /** The strict winner of an extremum at one side, as {@link Extremum#evalFast} picks it. */
  private static int winner(boolean max, Pair[] args, boolean first) {
    int best = 0;
    for (int i = 1; i < args.length; i++) {
      int c = Fast.compare(first ? args[i].a1().v : args[i].a2().v, first ? args[best].a1().v : args[best].a2().v);
      if (c == 0) throw Fast.Undecided.get();
      if (max ? c > 0 : c < 0) best = i;
    }
    return best;
  }

  /** {@code x1 y1 - x2 y2 = (x1 - x2) y1 + x2 (y1 - y2)}, {@code x1 y1 + x2 y2 = (sx sy + dx dy) / 2}. */
  private static Pair times(Pair x, Pair y) {
    FastDual d = FastDual.ZERO;
    if (!isZero(x.d())) d = x.d().multiply(y.a1());
    if (!isZero(y.d())) d = d.add(x.a2().multiply(y.d()));
    FastDual s = x.s().multiply(y.s());
    if (!isZero(x.d()) && !isZero(y.d())) s = s.add(x.d().multiply(y.d()));
    return new Pair(x.a1().multiply(y.a1()), x.a2().multiply(y.a2()), d, s.multiply(HALF));
  }

  /**
   * {@code x^n} for {@code n >= 1} by squares and products of pairs: a square's difference is
   * {@code d s}, its sum {@code (s^2 + d^2) / 2}; an odd power is the even one times x.
   */
  private static Pair powPositive(Pair x, long n) {
    if (n == 1) return x;
    if ((n & 1) == 1) return times(powPositive(x, n - 1), x);
    Pair half = powPositive(x, n / 2);
    FastDual d = isZero(half.d()) ? FastDual.ZERO : half.d().multiply(half.s());
    FastDual s = half.s().multiply(half.s());
    if (!isZero(half.d())) s = s.add(half.d().multiply(half.d()));
    return new Pair(half.a1().multiply(half.a1()), half.a2().multiply(half.a2()), d, s.multiply(HALF));
  }

  private static Pair powInt(Pair x, long n) {
    FastDual a1 = x.a1().pow(n);
    FastDual a2 = x.a2().pow(n);
    if (n == 0) return Pair.same(FastDual.ONE);
    if (isZero(x.d())) return new Pair(a1, a2, FastDual.ZERO, a1.add(a2));
    Pair m = powPositive(x, Math.abs(n));
    if (n > 0) return new Pair(a1, a2, m.d(), m.s());
    // x1^-k - x2^-k = -(x1^k - x2^k) / (x1^k x2^k), and the sum likewise
    FastDual product = m.a1().multiply(m.a2());
    return new Pair(a1, a2, m.d().negate().divide(product), m.s().divide(product));
  }

  private static Pair sqrt(Pair x) {
    FastDual a1 = x.a1().sqrt();
    FastDual a2 = x.a2().sqrt();
    FastDual s = a1.add(a2);
    return new Pair(a1, a2, isZero(x.d()) ? FastDual.ZERO : x.d().divide(s), s);
  }

  private static Pair log(Pair x) {
    FastDual a1 = x.a1().log();
    FastDual a2 = x.a2().log();
    return new Pair(a1, a2, isZero(x.d()) ? FastDual.ZERO : x.d().divide(x.a2()).log1p(), a1.add(a2));
  }

  private static Pair exp(Pair x) {
    FastDual a1 = x.a1().exp();
    FastDual a2 = x.a2().exp();
    return new Pair(a1, a2, isZero(x.d()) ? FastDual.ZERO : a2.multiply(x.d().expm1()), a1.add(a2));
  }

  /**
   * {@code |x1| - |x2|} and {@code |x1| + |x2|}: for one decided sign s of both, {@code s d} and
   * {@code s s}; for opposite decided signs, {@code s1 s} and {@code s1 d}.
   */
  private static Pair abs(Pair x) {
    FastDual a1 = x.a1().abs();
    FastDual a2 = x.a2().abs();
    if (isZero(x.d())) return new Pair(a1, a2, FastDual.ZERO, a1.add(a2));
    int s1 = x.a1().v.sign();
    int s2 = x.a2().v.sign();
    if (s1 == 0 || s2 == 0) return Pair.direct(a1, a2);
    Pair same = s1 == s2 ? x : x.reflected();
    return new Pair(a1, a2, s1 > 0 ? same.d() : same.d().negate(), s1 > 0 ? same.s() : same.s().negate());
  }

  private static Pair power(Pow p, Map<String, FastDual> env1, Map<String, FastDual> env2) {
    Pair x = difference(p.base(), env1, env2);
    if (p.exponent() instanceof Num n) {
      ProductExponent e = ProductExponent.of(n.value());
      if (e != null) return powInt(e.half() ? sqrt(x) : x, e.k());
    }
    Pair y = difference(p.exponent(), env1, env2);
    if (isZero(y.d()) && y.a1().constantDerivative() && y.a1() == y.a2()) {
      // the same exponent on both sides, as Pow#evalFast takes it
      ProductExponent e = ProductExponent.of(y.a1().v);
      if (e != null) return powInt(e.half() ? sqrt(x) : x, e.k());
    }
    return exp(times(log(x), y));
  }

  private static Pair call(Call c, Map<String, FastDual> env1, Map<String, FastDual> env2) {
    if (c.fn() == Fn.LOG && c.arg() instanceof Call inner && inner.fn() == Fn.COSH) {
      return logCosh(difference(inner.arg(), env1, env2));
    }
    ShiftedCosh shifted = c.shifted();
    if (shifted != null) {
      // log(k + cosh u) = log cosh u + log1p(k sech u): the log-cosh pair, and the rest side by side
      Pair u = difference(shifted.argument(), env1, env2);
      Pair logCosh = logCosh(u);
      FastDual b1 = shifted.rest(u.a1(), env1);
      FastDual b2 = shifted.rest(u.a2(), env2);
      Pair rest = isZero(u.d()) ? new Pair(b1, b2, FastDual.ZERO, b1.add(b2)) : Pair.direct(b1, b2);
      return new Pair(logCosh.a1().add(b1), logCosh.a2().add(b2), logCosh.d().add(rest.d()), logCosh.s().add(rest.s()));
    }
    Pair x = difference(c.arg(), env1, env2);
    return switch (c.fn()) {
      case EXP -> exp(x);
      case LOG -> log(x);
      case SQRT -> sqrt(x);
      case ABS -> abs(x);
      case TANH -> {
        // tanh x1 -+ tanh x2 = sinh(x1 -+ x2) sech x1 sech x2
        FastDual a1 = x.a1().tanh();
        FastDual a2 = x.a2().tanh();
        FastDual sechs = x.a1().sechFar().multiply(x.a2().sechFar());
        yield new Pair(a1, a2, isZero(x.d()) ? FastDual.ZERO : x.d().sinh().multiply(sechs), x.s().sinh().multiply(sechs));
      }
      default -> {
        FastDual a1 = c.evalFastAt(x.a1());
        FastDual a2 = c.evalFastAt(x.a2());
        yield isZero(x.d()) ? new Pair(a1, a2, FastDual.ZERO, a1.add(a2)) : Pair.direct(a1, a2);
      }
    };
  }

  /**
   * {@code log cosh u1 - log cosh u2}, an even function: of {@code a = |u|} (with its own difference
   * and sum, {@link #abs}). Beyond |u| = 1 on both sides, {@code (a1 - a2) + log1p((t1 - t2) / (1 +
   * t2))} with {@code t = e^-2a} and {@code t1 - t2 = t2 expm1(-2 (a1 - a2))}; else {@code log1p((cosh
   * a1 - cosh a2) / cosh a2)} with {@code cosh a1 - cosh a2 = 2 sinh((a1 + a2)/2) sinh((a1 - a2)/2)}.
   */
  private static Pair logCosh(Pair u) {
    FastDual a1 = u.a1().logCosh();
    FastDual a2 = u.a2().logCosh();
    FastDual s = a1.add(a2);
    if (isZero(u.d())) return new Pair(a1, a2, FastDual.ZERO, s);
    Pair a = abs(u);
    if (Math.abs(u.a1().v.toDouble()) > 1 && Math.abs(u.a2().v.toDouble()) > 1) {
      FastDual t2 = a.a2().multiply(MINUS_TWO).exp();
      FastDual tails = t2.multiply(a.d().multiply(MINUS_TWO).expm1()).divide(FastDual.ONE.add(t2)).log1p();
      return new Pair(a1, a2, a.d().add(tails), s);
    }
    try {
      FastDual coshDifference = a.s().multiply(HALF).sinh().multiply(a.d().multiply(HALF).sinh()).multiply(TWO);
      return new Pair(a1, a2, coshDifference.divide(u.a2().cosh()).log1p(), s);
    } catch (Fast.Undecided overflow) {
      return new Pair(a1, a2, a1.subtract(a2), s); // cosh beyond e^(2^60): the values' difference
    }
  }

  /**
   * The value as a canonical exact form ({@link ExactForm}) at exact bindings: for deciding exact
   * equality (the mode's ties) without numbers. Null where the form cannot be built (a condition
   * or extremum between non-rational values, an undefined value).
   */
  Object exactForm(Map<String, Rational> bindings) {
    try {
      return fold(root, bindings);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Object fold(Node n, Map<String, Rational> env) {
    if (n instanceof Num num) return num.value();
    if (n instanceof Var v) return env.get(v.name());
    if (n instanceof Constant c) return ExactForm.constant(c.kind().name());
    if (n instanceof Sum s) {
      List<Object> terms = new ArrayList<>();
      for (Node t : s.terms()) terms.add(fold(t, env));
      return ExactForm.sum(terms);
    }
    if (n instanceof Product p) {
      List<Object> factors = new ArrayList<>();
      for (Node f : p.factors()) factors.add(fold(f, env));
      return ExactForm.product(factors);
    }
    if (n instanceof Pow p) return ExactForm.power(fold(p.base(), env), fold(p.exponent(), env));
    if (n instanceof Call c) return ExactForm.call(c.fn().name(), fold(c.arg(), env));
    if (n instanceof Extremum x) {
      Object best = null;
      for (Node a : x.args()) {
        Object v = fold(a, env);
        if (!(v instanceof Rational r)) return null;
        if (best == null || (x.max() ? r.compareTo((Rational) best) > 0 : r.compareTo((Rational) best) < 0)) best = r;
      }
      return best;
    }
    if (n instanceof Cases cs) {
      for (Case c : cs.cases()) {
        Boolean t = foldTest(c.condition(), env);
        if (t == null) return null;
        if (t) return fold(c.value(), env);
      }
      return fold(cs.otherwise(), env);
    }
    return null;
  }

  private static Boolean foldTest(Cond c, Map<String, Rational> env) {
    if (c instanceof Literal l) return l.value();
    if (c instanceof Negation ng) {
      Boolean t = foldTest(ng.cond(), env);
      return t == null ? null : !t;
    }
    if (c instanceof Compare cmp) {
      Object a = fold(cmp.a(), env);
      Object b = fold(cmp.b(), env);
      if (!(a instanceof Rational ra) || !(b instanceof Rational rb)) return null;
      return cmp.rel().holds(ra.compareTo(rb));
    }
    if (c instanceof Distinct d) {
      List<Rational> xs = new ArrayList<>();
      for (Node a : d.args()) {
        if (!(fold(a, env) instanceof Rational r)) return null;
        xs.add(r);
      }
      return new java.util.HashSet<>(xs).size() == xs.size();
    }
    if (c instanceof All all) {
      for (Cond x : all.conds()) {
        Boolean t = foldTest(x, env);
        if (t == null) return null;
        if (!t) return false;
      }
      return true;
    }
    if (c instanceof Any any) {
      for (Cond x : any.conds()) {
        Boolean t = foldTest(x, env);
        if (t == null) return null;
        if (t) return true;
      }
      return false;
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }

  // ------------------------------------------------------------------ tree

  private record Env(Map<String, Enclosure> bindings, long p) {}

  /** Dual bindings, and the same values without derivatives for deciding conditions. */
  private record DualEnv(Map<String, Dual> bindings, Env values) {
    long p() {
      return values.p();
    }
  }

  private sealed interface Node
      permits Num, Var, Constant, Sum, Product, Pow, Call, Extremum, Cases {
    Enclosure eval(Env env);

    Dual evalDual(DualEnv env);

    FastDual evalFast(Map<String, FastDual> env);
  }

  /** A number; {@code fast} is its double-double form (null where it has none). */
  private record Num(Rational value, FastDual fast) implements Node {
    Num(Rational value) {
      this(value, fastOf(value));
    }

    private static FastDual fastOf(Rational value) {
      try {
        return FastDual.constant(Fast.of(value));
      } catch (Fast.Undecided e) {
        return null;
      }
    }

    public Enclosure eval(Env env) {
      return Enclosure.exact(value);
    }

    public Dual evalDual(DualEnv env) {
      return Dual.constant(Enclosure.exact(value));
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      if (fast == null) throw Fast.Undecided.get();
      return fast;
    }
  }

  private record Var(String name) implements Node {
    public Enclosure eval(Env env) {
      Enclosure v = env.bindings().get(name);
      if (v == null) throw new IllegalArgumentException("no value for symbol '" + name + "'");
      return v;
    }

    public Dual evalDual(DualEnv env) {
      Dual v = env.bindings().get(name);
      if (v == null) throw new IllegalArgumentException("no value for symbol '" + name + "'");
      return v;
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      FastDual v = env.get(name);
      if (v == null) throw new IllegalArgumentException("no value for symbol '" + name + "'");
      return v;
    }
  }

  private enum ConstantKind { E, PI }

  private record Constant(ConstantKind kind) implements Node {
    public Enclosure eval(Env env) {
      long p = env.p();
      Apfloat v = kind == ConstantKind.PI ? BigMath.pi(p + 2) : BigMath.exp(BigMath.one(p + 2), p + 2);
      return Enclosure.approx(v.precision(p), 1 - p + 1);
    }

    public Dual evalDual(DualEnv env) {
      return Dual.constant(eval(env.values()));
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      return FastDual.constant(kind == ConstantKind.PI ? Fast.PI : Fast.ONE.exp());
    }
  }

  private record Sum(List<Node> terms) implements Node {
    public Enclosure eval(Env env) {
      Enclosure acc = terms.get(0).eval(env);
      for (int i = 1; i < terms.size(); i++) acc = acc.add(terms.get(i).eval(env), env.p());
      return acc;
    }

    public Dual evalDual(DualEnv env) {
      Dual acc = terms.get(0).evalDual(env);
      for (int i = 1; i < terms.size(); i++) acc = acc.add(terms.get(i).evalDual(env), env.p());
      return acc;
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      FastDual acc = terms.get(0).evalFast(env);
      for (int i = 1; i < terms.size(); i++) acc = acc.add(terms.get(i).evalFast(env));
      return acc;
    }
  }

  private record Product(List<Node> factors) implements Node {
    public Enclosure eval(Env env) {
      Enclosure acc = factors.get(0).eval(env);
      for (int i = 1; i < factors.size(); i++) acc = acc.multiply(factors.get(i).eval(env), env.p());
      return acc;
    }

    public Dual evalDual(DualEnv env) {
      Dual acc = factors.get(0).evalDual(env);
      for (int i = 1; i < factors.size(); i++) acc = acc.multiply(factors.get(i).evalDual(env), env.p());
      return acc;
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      FastDual acc = factors.get(0).evalFast(env);
      for (int i = 1; i < factors.size(); i++) acc = acc.multiply(factors.get(i).evalFast(env));
      return acc;
    }
  }

  private record Pow(Node base, Node exponent) implements Node {
    public Enclosure eval(Env env) {
      return base.eval(env).pow(exponent.eval(env), env.p());
    }

    public Dual evalDual(DualEnv env) {
      return base.evalDual(env).pow(exponent.evalDual(env), env.p());
    }

    /** Integer exponents by products, half-integers through the square root, others as exp(y log x). */
    public FastDual evalFast(Map<String, FastDual> env) {
      FastDual x = base.evalFast(env);
      if (exponent instanceof Num n) {
        ProductExponent e = ProductExponent.of(n.value());
        if (e != null) return (e.half() ? x.sqrt() : x).pow(e.k());
      }
      FastDual y = exponent.evalFast(env);
      if (y.constantDerivative()) {
        // a parameter exponent whose value is an integer or a half-integer, exactly (p = 1 for
        // Abs[z-mu]^p): by products, exact where they are, as for a number; exp(p log x) would
        // leave a rounding in every power, and an exact 0 (the energies' slopes 1 - 1 of the
        // Laplace case far out) could never be decided
        ProductExponent e = ProductExponent.of(y.v);
        if (e != null) return (e.half() ? x.sqrt() : x).pow(e.k());
      }
      return x.log().multiply(y).exp();
    }
  }

  /**
   * An exponent the fast path takes by products: {@code k} ({@code half} false) or {@code k / 2}
   * ({@code half} true: the square root's k-th power).
   */
  private record ProductExponent(long k, boolean half) {
    /** A number with denominator 1 or 2 and a numerator below 2^30, else null. */
    static ProductExponent of(Rational y) {
      java.math.BigInteger den = y.denominator();
      if (y.numerator().bitLength() >= 31) return null;
      if (den.equals(java.math.BigInteger.ONE)) return new ProductExponent(y.numerator().longValue(), false);
      if (den.equals(java.math.BigInteger.TWO)) return new ProductExponent(y.numerator().longValue(), true);
      return null;
    }

    /** A value that is exactly an integer or a half-integer, else null. */
    static ProductExponent of(Fast v) {
      Long k = v.exactInteger();
      if (k != null) return new ProductExponent(k, false);
      Long twice = v.add(v).exactInteger();
      return twice == null ? null : new ProductExponent(twice, true);
    }
  }

  private enum Fn { EXP, LOG, SQRT, ABS, SINH, COSH, TANH, SECH, SIGN, ATAN, ASINH }

  /**
   * {@code Log[k + Cosh[u]]} with a number {@code k > -1}: the fast path takes it as {@code log cosh u
   * + log1p(k sech u)} ({@link FastDual#logCosh}, {@link FastDual#sechFar}), which is decided where
   * {@code cosh u} leaves the double-double range (|u| > 710), as the log-cosh energies are.
   */
  private record ShiftedCosh(Num shift, Node argument) {
    /** Recognised once, when the call node is built ({@link Call#shifted}), not at every evaluation. */
    static ShiftedCosh of(Fn fn, Node arg) {
      if (fn != Fn.LOG || !(arg instanceof Sum sum) || sum.terms().size() != 2) return null;
      for (int i = 0; i < 2; i++) {
        Rational k = rational(sum.terms().get(i));
        if (k != null && sum.terms().get(1 - i) instanceof Call cosh && cosh.fn() == Fn.COSH
            && k.compareTo(Rational.ONE.negate()) > 0) {
          return new ShiftedCosh(new Num(k), cosh.arg());
        }
      }
      return null;
    }

    /** The value of a constant written with numbers, products and integer powers ({@code -1/2}), else null. */
    private static Rational rational(Node n) {
      if (n instanceof Num num) return num.value();
      if (n instanceof Product p) {
        Rational acc = Rational.ONE;
        for (Node f : p.factors()) {
          Rational r = rational(f);
          if (r == null) return null;
          acc = acc.multiply(r);
        }
        return acc;
      }
      if (!(n instanceof Pow p)) return null;
      Rational b = rational(p.base());
      Rational e = rational(p.exponent());
      if (b == null || e == null || !e.isInteger() || e.numerator().bitLength() >= 7 || (b.signum() == 0 && e.signum() <= 0)) return null;
      return b.pow(e.numerator().intValue());
    }

    /** {@code log1p(k sech u)} at the evaluated u. */
    FastDual rest(FastDual u, Map<String, FastDual> env) {
      return shift.evalFast(env).multiply(u.sechFar()).log1p();
    }
  }

  /** @param shifted the call as a shifted log-cosh for the fast path, or null ({@link ShiftedCosh}) */
  private record Call(Fn fn, Node arg, ShiftedCosh shifted) implements Node {
    Call(Fn fn, Node arg) {
      this(fn, arg, ShiftedCosh.of(fn, arg));
    }

    public Enclosure eval(Env env) {
      Node rest = fn == Fn.LOG ? besideOne(arg) : null;
      if (rest != null) {
        Enclosure r = rest.eval(env);
        Enclosure small = r.log1pNearZero(env.p());
        return small != null ? small : apply(fn, Enclosure.ONE.add(r, env.p()), env.p());
      }
      return apply(fn, arg.eval(env), env.p());
    }

    public Dual evalDual(DualEnv env) {
      Node rest = fn == Fn.LOG ? besideOne(arg) : null;
      if (rest != null) {
        Dual s = rest.evalDual(env);
        Enclosure small = s.value().log1pNearZero(env.p());
        if (small != null) {
          return s.derivative().isExactZero() ? Dual.constant(small)
              : new Dual(small, s.derivative().divide(Enclosure.ONE.add(s.value(), env.p()), env.p()));
        }
        return apply(fn, Dual.ONE.add(s, env.p()), env.p());
      }
      return apply(fn, arg.evalDual(env), env.p());
    }

    /**
     * For {@code Log[1 + s]}: the terms besides the 1, as one node (null for another argument), so
     * that a tiny s keeps its relative accuracy.
     */
    private static Node besideOne(Node arg) {
      if (!(arg instanceof Sum sum) || sum.terms().size() < 2) return null;
      for (int i = 0; i < sum.terms().size(); i++) {
        if (sum.terms().get(i) instanceof Num n && n.value().isOne()) {
          List<Node> others = new ArrayList<>(sum.terms());
          others.remove(i);
          return others.size() == 1 ? others.get(0) : new Sum(others);
        }
      }
      return null;
    }

    public FastDual evalFast(Map<String, FastDual> env) {
      if (fn == Fn.LOG && arg instanceof Call inner && inner.fn() == Fn.COSH) return inner.arg().evalFast(env).logCosh();
      if (shifted != null) {
        FastDual u = shifted.argument().evalFast(env);
        return u.logCosh().add(shifted.rest(u, env));
      }
      return evalFastAt(arg.evalFast(env));
    }

    /** The function at an argument already evaluated. */
    FastDual evalFastAt(FastDual x) {
      return switch (fn) {
        case EXP -> x.exp();
        case LOG -> x.log();
        case SQRT -> x.sqrt();
        case ABS -> x.abs();
        case SINH -> x.sinh();
        case COSH -> x.cosh();
        case TANH -> x.tanh();
        case SECH -> x.sech();
        case SIGN -> x.sign();
        case ATAN -> x.atan();
        case ASINH -> x.asinh();
      };
    }

    private static <T extends Elementary<T>> T apply(Fn fn, T x, long p) {
      return switch (fn) {
        case EXP -> x.exp(p);
        case LOG -> x.log(p);
        case SQRT -> x.sqrt(p);
        case ABS -> x.abs();
        case SINH -> x.sinh(p);
        case COSH -> x.cosh(p);
        case TANH -> x.tanh(p);
        case SECH -> x.sech(p);
        case SIGN -> x.sign(p);
        case ATAN -> x.atan(p);
        case ASINH -> x.asinh(p);
      };
    }
  }

  private record Extremum(boolean max, List<Node> args) implements Node {
    public Enclosure eval(Env env) {
      List<Enclosure> xs = new ArrayList<>(args.size());
      for (Node a : args) xs.add(a.eval(env));
      return Enclosure.extremum(xs, max, env.p());
    }

    /** The derivative of the strict winner; a tie (or an undecided one) is a possible kink. */
    public Dual evalDual(DualEnv env) {
      List<Dual> xs = new ArrayList<>(args.size());
      for (Node a : args) xs.add(a.evalDual(env));
      Dual best = xs.get(0);
      for (Dual x : xs) {
        int c = Enclosure.compareMid(x.value(), best.value(), env.p());
        if (max ? c > 0 : c < 0) best = x;
      }
      for (Dual x : xs) {
        if (x == best) continue;
        Integer s = best.value().subtract(x.value(), env.p()).signIfDecided();
        if (s == null || s == 0) throw new Dual.NotDifferentiable("Max/Min tie");
      }
      return best;
    }

    /** The strict winner; a tie or an undecided order is left to the high-precision evaluator. */
    public FastDual evalFast(Map<String, FastDual> env) {
      FastDual best = null;
      for (Node a : args) {
        FastDual x = a.evalFast(env);
        if (best == null) {
          best = x;
          continue;
        }
        int c = Fast.compare(x.v, best.v);
        if (c == 0) throw Fast.Undecided.get();
        if (max ? c > 0 : c < 0) best = x;
      }
      return best;
    }
  }

  private record Case(Node value, Cond condition) {}

  /**
   * Piecewise: the first case whose condition holds. A condition the precision cannot decide keeps
   * its case as a candidate and the result is the hull of all candidates (tight where the function
   * is continuous at the boundary).
   */
  private record Cases(List<Case> cases, Node otherwise) implements Node {
    public Enclosure eval(Env env) {
      List<Enclosure> candidates = new ArrayList<>();
      for (Case c : cases) {
        Truth t = c.condition().test(env);
        if (t == Truth.FALSE) continue;
        if (t == Truth.TRUE) {
          candidates.add(c.value().eval(env));
          return combine(candidates, env);
        }
        candidates.add(evalUndecided(c.value(), env));
      }
      candidates.add(candidates.isEmpty() ? otherwise.eval(env) : evalUndecided(otherwise, env));
      return combine(candidates, env);
    }

    private static Enclosure evalUndecided(Node n, Env env) {
      try {
        return n.eval(env);
      } catch (ArithmeticException e) {
        throw new InsufficientPrecisionException("Piecewise condition undecided");
      }
    }

    private static Enclosure combine(List<Enclosure> xs, Env env) {
      return xs.size() == 1 ? xs.get(0) : Enclosure.hull(xs, env.p());
    }

    /** The first case whose condition holds strictly: a boundary may be a kink. */
    public Dual evalDual(DualEnv env) {
      for (Case c : cases) {
        if (c.condition().onBoundary(env.values())) throw new Dual.NotDifferentiable("Piecewise boundary");
        Truth t = c.condition().test(env.values());
        if (t == Truth.UNKNOWN) throw new Dual.NotDifferentiable("Piecewise condition undecided");
        if (t == Truth.TRUE) return c.value().evalDual(env);
      }
      return otherwise.evalDual(env);
    }

    /** The first case whose condition holds strictly; a boundary is left to the high-precision evaluator. */
    public FastDual evalFast(Map<String, FastDual> env) {
      for (Case c : cases) {
        Truth t = c.condition().testFast(env);
        if (t == Truth.UNKNOWN) throw Fast.Undecided.get();
        if (t == Truth.TRUE) return c.value().evalFast(env);
      }
      return otherwise.evalFast(env);
    }
  }

  private enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean b) {
      return b ? TRUE : FALSE;
    }

    Truth not() {
      return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
    }
  }

  private sealed interface Cond permits Compare, Distinct, All, Any, Negation, Literal {
    Truth test(Env env);

    /** True when some comparison in the condition holds with equality (or cannot tell). */
    boolean onBoundary(Env env);

    /** The test in the fast arithmetic; UNKNOWN also on a boundary (equality), where kinks are. */
    Truth testFast(Map<String, FastDual> env);
  }

  private enum Rel {
    GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, EQUAL, UNEQUAL;

    static Rel of(String head) {
      return switch (head) {
        case "Greater" -> GREATER;
        case "GreaterEqual" -> GREATER_EQUAL;
        case "Less" -> LESS;
        case "LessEqual" -> LESS_EQUAL;
        case "Equal" -> EQUAL;
        case "Unequal" -> UNEQUAL;
        default -> null;
      };
    }

    boolean holds(int sign) {
      return switch (this) {
        case GREATER -> sign > 0;
        case GREATER_EQUAL -> sign >= 0;
        case LESS -> sign < 0;
        case LESS_EQUAL -> sign <= 0;
        case EQUAL -> sign == 0;
        case UNEQUAL -> sign != 0;
      };
    }
  }

  /** {@code a rel b}, decided by the sign of the enclosure of {@code a - b}. */
  private record Compare(Rel rel, Node a, Node b) implements Cond {
    public Truth test(Env env) {
      Enclosure d = a.eval(env).subtract(b.eval(env), env.p());
      Integer s = d.signIfDecided();
      return s == null ? Truth.UNKNOWN : Truth.of(rel.holds(s));
    }

    public boolean onBoundary(Env env) {
      Integer s = a.eval(env).subtract(b.eval(env), env.p()).signIfDecided();
      return s == null || s == 0;
    }

    public Truth testFast(Map<String, FastDual> env) {
      int s;
      try {
        s = a.evalFast(env).v.subtract(b.evalFast(env).v).sign();
      } catch (Fast.Undecided e) {
        return Truth.UNKNOWN;
      }
      return s == 0 ? Truth.UNKNOWN : Truth.of(rel.holds(s));
    }
  }

  /** {@code Unequal[a, b, c, ...]}: all pairwise different. */
  private record Distinct(List<Node> args) implements Cond {
    public Truth test(Env env) {
      Truth acc = Truth.TRUE;
      for (int i = 0; i < args.size(); i++) {
        for (int j = i + 1; j < args.size(); j++) {
          acc = and(acc, new Compare(Rel.UNEQUAL, args.get(i), args.get(j)).test(env));
        }
      }
      return acc;
    }

    public boolean onBoundary(Env env) {
      for (int i = 0; i < args.size(); i++) {
        for (int j = i + 1; j < args.size(); j++) {
          if (new Compare(Rel.UNEQUAL, args.get(i), args.get(j)).onBoundary(env)) return true;
        }
      }
      return false;
    }

    public Truth testFast(Map<String, FastDual> env) {
      Truth acc = Truth.TRUE;
      for (int i = 0; i < args.size(); i++) {
        for (int j = i + 1; j < args.size(); j++) {
          acc = and(acc, new Compare(Rel.UNEQUAL, args.get(i), args.get(j)).testFast(env));
        }
      }
      return acc;
    }
  }

  private static Truth and(Truth a, Truth b) {
    if (a == Truth.FALSE || b == Truth.FALSE) return Truth.FALSE;
    if (a == Truth.UNKNOWN || b == Truth.UNKNOWN) return Truth.UNKNOWN;
    return Truth.TRUE;
  }

  private record All(List<Cond> conds) implements Cond {
    public Truth test(Env env) {
      Truth acc = Truth.TRUE;
      for (Cond c : conds) {
        acc = and(acc, c.test(env));
        if (acc == Truth.FALSE) return acc;
      }
      return acc;
    }

    public boolean onBoundary(Env env) {
      return conds.stream().anyMatch(c -> c.onBoundary(env));
    }

    public Truth testFast(Map<String, FastDual> env) {
      Truth acc = Truth.TRUE;
      for (Cond c : conds) acc = and(acc, c.testFast(env));
      return acc;
    }
  }

  private record Any(List<Cond> conds) implements Cond {
    public Truth test(Env env) {
      Truth acc = Truth.FALSE;
      for (Cond c : conds) {
        acc = and(acc.not(), c.test(env).not()).not();
        if (acc == Truth.TRUE) return acc;
      }
      return acc;
    }

    public boolean onBoundary(Env env) {
      return conds.stream().anyMatch(c -> c.onBoundary(env));
    }

    public Truth testFast(Map<String, FastDual> env) {
      Truth acc = Truth.FALSE;
      for (Cond c : conds) acc = and(acc.not(), c.testFast(env).not()).not();
      return acc;
    }
  }

  private record Negation(Cond cond) implements Cond {
    public Truth test(Env env) {
      return cond.test(env).not();
    }

    public boolean onBoundary(Env env) {
      return cond.onBoundary(env);
    }

    public Truth testFast(Map<String, FastDual> env) {
      return cond.testFast(env).not();
    }
  }

  private record Literal(boolean value) implements Cond {
    public Truth test(Env env) {
      return Truth.of(value);
    }

    public boolean onBoundary(Env env) {
      return false;
    }

    public Truth testFast(Map<String, FastDual> env) {
      return Truth.of(value);
    }
  }

  // ------------------------------------------------------------------ AST -> tree

  /** Walks the parser's tree, accepting only the documented constructs. */
  private static final class Compiler {
    private final Set<String> symbols;

    Compiler(Set<String> symbols) {
      this.symbols = symbols;
    }

    Node number(ASTNode n) {
      if (n instanceof IntegerNode i) return new Num(Rational.of(integer(i)));
      if (n instanceof FractionNode f) {
        BigInteger num = integer(f.getNumerator());
        BigInteger den = integer(f.getDenominator());
        if (den.signum() == 0) throw new IllegalArgumentException("division by zero in literal " + f);
        Rational r = Rational.of(num, den);
        return new Num(f.isSign() ? r.negate() : r);
      }
      if (n instanceof FloatNode fl) {
        String s = fl.getString().replace("*^", "E");
        try {
          return new Num(Rational.of(new BigDecimal(s)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("unsupported number literal: " + fl.getString());
        }
      }
      if (n instanceof SymbolNode s) return symbol(s);
      if (n instanceof FunctionNode f) return function(f);
      throw new IllegalArgumentException(
          "unsupported construct: " + n.getClass().getSimpleName().replace("Node", "") + " " + n);
    }

    private static BigInteger integer(IntegerNode i) {
      String s = i.getString();
      if (s == null) return BigInteger.valueOf(i.getIntValue());
      return new BigInteger(s, i.getNumberFormat());
    }

    private Node symbol(SymbolNode s) {
      String name = s.getString();
      if (s.context() != null && !s.context().isEmpty()) {
        throw new IllegalArgumentException("unsupported symbol with context: " + s.context() + name);
      }
      if (name.equals("E")) return new Constant(ConstantKind.E);
      if (name.equals("Pi")) return new Constant(ConstantKind.PI);
      if (name.equals("True") || name.equals("False")) {
        throw new IllegalArgumentException("a condition (" + name + ") where a number is expected");
      }
      if (FUNCTIONS.contains(name)) {
        throw new IllegalArgumentException("function name used as a symbol: " + name);
      }
      if (RESERVED.contains(name)) throw new IllegalArgumentException("unsupported constant: " + name);
      if (!SYMBOL.matcher(name).matches()) throw new IllegalArgumentException("unsupported symbol: " + name);
      symbols.add(name);
      return new Var(name);
    }

    private static String head(FunctionNode f) {
      if (f.size() == 0 || !(f.get(0) instanceof SymbolNode s)) {
        throw new IllegalArgumentException("unsupported construct: non-symbol head in " + f);
      }
      return s.getString();
    }

    private static List<ASTNode> args(FunctionNode f) {
      List<ASTNode> out = new ArrayList<>(f.size());
      for (int i = 1; i < f.size(); i++) out.add(f.get(i)); // FunctionNode has no subList
      return out;
    }

    private static void arity(String head, List<ASTNode> args, int min, int max) {
      if (args.size() < min || args.size() > max) {
        String want = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
        throw new IllegalArgumentException(head + " with " + args.size() + " arguments (expected " + want + ")");
      }
    }

    private List<Node> numbers(List<ASTNode> args) {
      List<Node> out = new ArrayList<>(args.size());
      for (ASTNode a : args) out.add(number(a));
      return List.copyOf(out);
    }

    private Node function(FunctionNode f) {
      String head = head(f);
      List<ASTNode> args = args(f);
      switch (head) {
        case "Plus" -> {
          arity(head, args, 1, Integer.MAX_VALUE);
          return new Sum(numbers(args));
        }
        case "Times" -> {
          arity(head, args, 1, Integer.MAX_VALUE);
          return new Product(numbers(args));
        }
        case "Power" -> {
          arity(head, args, 2, 2);
          if (args.get(0) instanceof SymbolNode s && s.getString().equals("E")) {
            return new Call(Fn.EXP, number(args.get(1)));
          }
          return new Pow(number(args.get(0)), number(args.get(1)));
        }
        case "Max", "Min" -> {
          arity(head, args, 1, Integer.MAX_VALUE);
          return new Extremum(head.equals("Max"), numbers(args));
        }
        case "Piecewise" -> {
          return piecewise(args);
        }
        default -> {
          Fn fn = switch (head) {
            case "Exp" -> Fn.EXP;
            case "Log" -> Fn.LOG;
            case "Sqrt" -> Fn.SQRT;
            case "Abs" -> Fn.ABS;
            case "Sinh" -> Fn.SINH;
            case "Cosh" -> Fn.COSH;
            case "Tanh" -> Fn.TANH;
            case "Sech" -> Fn.SECH;
            case "Sign" -> Fn.SIGN;
            case "ArcTan" -> Fn.ATAN;
            case "ArcSinh" -> Fn.ASINH;
            default -> null;
          };
          if (fn != null) {
            arity(head, args, 1, 1);
            return new Call(fn, number(args.get(0)));
          }
          if (Rel.of(head) != null || head.equals("Inequality") || head.equals("And")
              || head.equals("Or") || head.equals("Not")) {
            throw new IllegalArgumentException("a condition (" + head + ") where a number is expected");
          }
          if (head.equals("List")) throw new IllegalArgumentException("a List outside Piecewise");
          throw new IllegalArgumentException("unsupported function: " + head);
        }
      }
    }

    private Node piecewise(List<ASTNode> args) {
      arity("Piecewise", args, 1, 2);
      if (!(args.get(0) instanceof FunctionNode list) || !head(list).equals("List")) {
        throw new IllegalArgumentException("Piecewise needs a list of {value, condition} pairs");
      }
      List<Case> cases = new ArrayList<>();
      for (ASTNode item : args(list)) {
        if (!(item instanceof FunctionNode pair) || !head(pair).equals("List") || pair.size() != 3) {
          throw new IllegalArgumentException("Piecewise case is not a {value, condition} pair: " + item);
        }
        cases.add(new Case(number(pair.get(1)), condition(pair.get(2))));
      }
      Node otherwise = args.size() == 2 ? number(args.get(1)) : new Num(Rational.ZERO);
      return new Cases(List.copyOf(cases), otherwise);
    }

    private Cond condition(ASTNode n) {
      if (n instanceof SymbolNode s && (s.getString().equals("True") || s.getString().equals("False"))) {
        return new Literal(s.getString().equals("True"));
      }
      if (!(n instanceof FunctionNode f)) throw new IllegalArgumentException("not a condition: " + n);
      String head = head(f);
      List<ASTNode> args = args(f);
      Rel rel = Rel.of(head);
      if (rel == Rel.UNEQUAL && args.size() > 2) {
        return new Distinct(numbers(args));
      }
      if (rel != null) {
        arity(head, args, 2, Integer.MAX_VALUE);
        List<Node> xs = numbers(args);
        List<Cond> links = new ArrayList<>();
        for (int i = 0; i + 1 < xs.size(); i++) links.add(new Compare(rel, xs.get(i), xs.get(i + 1)));
        return links.size() == 1 ? links.get(0) : new All(List.copyOf(links));
      }
      switch (head) {
        case "Inequality" -> {
          if (args.size() < 3 || args.size() % 2 == 0) {
            throw new IllegalArgumentException("Inequality with " + args.size() + " arguments");
          }
          List<Cond> links = new ArrayList<>();
          Node left = number(args.get(0));
          for (int i = 1; i < args.size(); i += 2) {
            Rel r = args.get(i) instanceof SymbolNode s ? Rel.of(s.getString()) : null;
            if (r == null) throw new IllegalArgumentException("unsupported relation in Inequality: " + args.get(i));
            Node right = number(args.get(i + 1));
            links.add(new Compare(r, left, right));
            left = right;
          }
          return new All(List.copyOf(links));
        }
        case "And", "Or" -> {
          arity(head, args, 1, Integer.MAX_VALUE);
          List<Cond> cs = new ArrayList<>();
          for (ASTNode a : args) cs.add(condition(a));
          return head.equals("And") ? new All(List.copyOf(cs)) : new Any(List.copyOf(cs));
        }
        case "Not" -> {
          arity(head, args, 1, 1);
          return new Negation(condition(args.get(0)));
        }
        default -> throw new IllegalArgumentException("not a condition: " + head);
      }
    }
  }
}
