package dev.activations.deriver.symbolic;

import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * One strict Symja evaluation context: case-sensitive names, no {@code Out[]} history, messages
 * kept off standard output. Symbols belong to their engine (a symbol {@code z} from one engine is
 * not equal to {@code z} from another), so a derivation does all its work through one instance;
 * work that may run away is sent to {@link Bounded}, which uses engines of its own.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class Symja {
  static {
    SymjaBoot.configure();
  }

  private final EvalEngine engine;
  private final ExprEvaluator evaluator;

  public Symja() {
    this(new EvalEngine("", 256, 1000, quiet(), quiet(), false));
  }

  /** A session on {@code engine} (for {@link Bounded}'s counting engines). */
  Symja(EvalEngine engine) {
    this.engine = engine;
    EvalEngine.set(engine);
    this.evaluator = new ExprEvaluator(engine, true, (short) 0);
  }

  /** An engine that counts its steps and stops after {@code budget} of them (see {@link WorkBudget}). */
  static CountingEngine countingEngine(long budget) {
    return new CountingEngine(budget, quiet());
  }

  /** Symja prints its messages; they are not for the user, so they go nowhere. */
  private static java.io.PrintStream quiet() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }

  /** Makes sure the static switches are set; call before touching any Symja class directly. */
  public static void boot() {
    SymjaBoot.configure();
  }

  public EvalEngine engine() {
    return engine;
  }

  /** A symbol of this engine's {@code Global`} context. */
  public ISymbol symbol(String name) {
    return F.symbol(name, engine);
  }

  public IExpr eval(IExpr e) {
    EvalEngine.set(engine);
    return evaluator.eval(e);
  }

  /**
   * {@code e} with {@code x -> at}, evaluated to {@code digits} digits. Symja leaves some exact
   * square roots unevaluated under {@code N}: {@code N[Sqrt[1210001], 20]} and even {@code
   * N[Sqrt[1210000], 20]} stay as written (3.0.0; {@code N[Sqrt[1000001], 20]} evaluates), so the
   * pseudo-Huber energy at delta = 1/100, z = 10 read as "not real" and a valid spec was refused.
   * Where that does not give a number, the value in machine precision ({@code N[Sqrt[1210001]]} is
   * 1100.0004545453605). (Not {@code at} made a 20-digit number first: that evaluates, but to
   * thousands of digits in 28 s.)
   */
  public IExpr numericAt(IExpr e, ISymbol x, IExpr at, int digits) {
    return numeric(e.subs(x, at), digits);
  }

  /** {@code e} (exact) evaluated to {@code digits} digits, or in machine precision where that stays unevaluated ({@link #numericAt}). */
  public IExpr numeric(IExpr e, int digits) {
    IExpr value = eval(F.N(e, F.ZZ(digits)));
    return value.isNumber() ? value : eval(F.N(e));
  }

  /**
   * Parses and evaluates text the project wrote itself (never user text: that goes through
   * {@link SafeExpressionParser}).
   */
  public IExpr evalTrusted(String text) {
    EvalEngine.set(engine);
    return evaluator.eval(text);
  }

  /** The factors of a product ({@code Times}'s arguments, in order), or {@code e} alone. */
  public static java.util.List<IExpr> factors(IExpr e) {
    if (!e.isTimes()) return java.util.List.of(e);
    java.util.List<IExpr> out = new java.util.ArrayList<>();
    for (int i = 1; i < e.size(); i++) out.add(((org.matheclipse.core.interfaces.IAST) e).get(i));
    return out;
  }

  /** Mathematica InputForm, e.g. {@code Tanh[z]}. */
  public static String inputForm(IExpr e) {
    return e.toString();
  }

  /** TeX via Symja's {@code TeXForm}. */
  public String tex(IExpr e) {
    IExpr t = eval(F.unaryAST1(F.TeXForm, e));
    return t.isString() ? t.toString() : t.toString();
  }
}
