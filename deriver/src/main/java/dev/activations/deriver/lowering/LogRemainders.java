package dev.activations.deriver.lowering;

import dev.activations.deriver.symbolic.Bounded;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.symbolic.WorkBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTAppendable;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A sum of logarithms and a rational rest, {@code c Log[a] + T}, rewritten as {@code c
 * log1pmx(y) + Together[T + c y]} with {@code y = a - 1} and {@code log1pmx(y) = log1p(y) - y}
 * ({@link Fn#LOG1PMX}), where {@code |y| <= 1}, and left as it was elsewhere.
 *
 * <p>Why: the derivative in a parameter of an energy {@code (1 + nu)/2 log1p(x/nu)} is {@code
 * (1/2) log1p(y) - (1 + nu)/2 y/(nu + x)}, two terms of about {@code y/2} whose difference is
 * about {@code y^2}: at {@code nu = 1e12} twelve digits cancel. Taking {@code c y} from the
 * logarithm and giving it to the rational rest, which Symja puts over one denominator, leaves two
 * terms of the size of the result ({@code log1pmx(y)} is about {@code -y^2/2}). For {@code |y| >>
 * 1} the original form is the good one (there {@code log1pmx(y)} is about {@code -y} and the rest
 * gives it back), so the rewritten sum is taken only where every {@code |y| <= 1}: the size at
 * which {@code log1p(y)} and {@code y} stop being the same size.
 *
 * <p>Two logarithms with opposite coefficients (the difference of two hypotheses' energies) are
 * first combined, {@code c (Log[a1] - Log[a2]) = c Log[a1/a2]}: their {@code log1pmx} terms would
 * cancel each other in turn (by a factor of about {@code 1/z^2} next to z = 0 for the Student-t
 * mean, against {@code 1/z} for the combined one).
 *
 * <p>Whether the result is more accurate is measured like every other candidate form: this only
 * offers it.
 */
final class LogRemainders {
  /** The Symja head that stands for {@link Fn#LOG1PMX} until the {@link Lowerer} translates it. */
  static final String HEAD = "Log1pmx";

  /** Work for one Together (the rational rest of a parameter derivative is small). */
  private static final WorkBudget LIMIT = WorkBudget.PIECE;

  private final Symja symja;
  private final ISymbol head;
  private final List<ISymbol> variables = new ArrayList<>();

  LogRemainders(Symja symja, Set<String> variables) {
    this.symja = symja;
    this.head = symja.symbol(HEAD);
    for (String v : variables) this.variables.add(symja.symbol(v));
  }

  /** {@code e} with every such sum rewritten (where |y| <= 1); empty when there is none. */
  Optional<IExpr> rewrite(IExpr e) {
    IExpr r = visit(e);
    return r == e ? Optional.empty() : Optional.of(r);
  }

  private IExpr visit(IExpr e) {
    if (!(e instanceof IAST ast) || e.isFree(S.Log)) return e;
    IAST node = mapArguments(ast, this::visit);
    if (node.isPlus()) {
      Optional<IExpr> r = sum(node);
      if (r.isPresent()) return r.get();
    }
    return node;
  }

  /** One sum: {@code Piecewise[{{rewritten, |y_i| <= 1 for all i}}, sum]}, or empty. */
  private Optional<IExpr> sum(IAST plus) {
    List<IExpr> coefficients = new ArrayList<>();
    List<IExpr> arguments = new ArrayList<>();
    List<IExpr> rest = new ArrayList<>();
    for (int i = 1; i < plus.size(); i++) {
      IExpr t = plus.get(i);
      if (isRational(t)) {
        rest.add(t);
        continue;
      }
      IExpr[] split = logTerm(t);
      if (split == null) return Optional.empty(); // something else transcendental: not this shape
      coefficients.add(split[0]);
      arguments.add(split[1]);
    }
    if (coefficients.isEmpty() || rest.isEmpty()) return Optional.empty();
    // where |y| > 1, the sum as it was, with its rational rest over one denominator too: as
    // Symja's derivative writes it, the rest is a sum of quotients over nu^2 whose lowered
    // polynomials carry a common factor nu^2, which underflows for nu below 1e-154 (0/0)
    Optional<IExpr> restTogether = together(F.ast(S.Plus, rest));
    IASTAppendable original = F.ast(S.Plus, plus.argSize());
    for (int i = 1; i < plus.size(); i++) {
      if (!isRational(plus.get(i))) original.append(plus.get(i));
    }
    original.append(restTogether.isPresent() ? restTogether.get() : F.ast(S.Plus, rest));
    // pair opposite coefficients: c Log[a1] - c Log[a2] = c Log[a1/a2]
    List<IExpr> cs = new ArrayList<>();
    List<IExpr> as = new ArrayList<>();
    boolean[] used = new boolean[coefficients.size()];
    for (int i = 0; i < coefficients.size(); i++) {
      if (used[i]) continue;
      IExpr a = arguments.get(i);
      for (int j = i + 1; j < coefficients.size(); j++) {
        if (!used[j] && symja.eval(F.Plus(coefficients.get(i), coefficients.get(j))).isZero()) {
          used[j] = true;
          a = F.Divide(a, arguments.get(j));
          break;
        }
      }
      cs.add(coefficients.get(i));
      as.add(a);
    }
    List<IExpr> terms = new ArrayList<>();
    List<IExpr> small = new ArrayList<>();
    List<IExpr> rational = new ArrayList<>(rest);
    for (int i = 0; i < cs.size(); i++) {
      IExpr minusOne = F.Subtract(as.get(i), F.C1);
      Optional<IExpr> y = together(minusOne);
      if (y.isEmpty() || !isRational(y.get())) return Optional.empty();
      terms.add(F.Times(cs.get(i), F.unaryAST1(head, y.get())));
      rational.add(F.Times(cs.get(i), y.get()));
      small.add(F.LessEqual(F.Abs(y.get()), F.C1));
    }
    Optional<IExpr> r = together(F.ast(S.Plus, rational));
    if (r.isEmpty()) return Optional.empty();
    terms.add(r.get());
    IExpr rewritten = F.ast(S.Plus, terms);
    IExpr condition = small.size() == 1 ? small.get(0) : F.ast(S.And, small);
    return Optional.of(F.Piecewise(F.list(F.list(rewritten, condition)), original));
  }

  /** {@code {c, a}} for {@code c Log[a]} with c rational, or null. */
  private IExpr[] logTerm(IExpr t) {
    if (t.isAST(S.Log, 2)) return new IExpr[] {F.C1, t.first()};
    if (!t.isTimes()) return null;
    IAST times = (IAST) t;
    IExpr log = null;
    List<IExpr> others = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      IExpr f = times.get(i);
      if (f.isAST(S.Log, 2) && log == null) log = f;
      else others.add(f);
    }
    if (log == null) return null;
    IExpr c = others.size() == 1 ? others.get(0) : F.ast(S.Times, others);
    return isRational(c) && isRational(log.first()) ? new IExpr[] {c, log.first()} : null;
  }

  /** A rational function of the variables: numbers, symbols, sums, products, integer powers. */
  static boolean isRational(IExpr e) {
    if (e.isNumber() || e.isSymbol()) return e.isRational() || e.isSymbol() && !e.isBuiltInSymbol();
    if (!(e instanceof IAST ast)) return false;
    if (ast.isPower()) return ast.exponent().isInteger() && isRational(ast.base());
    if (!ast.isPlus() && !ast.isTimes()) return false;
    for (int i = 1; i < ast.size(); i++) {
      if (!isRational(ast.get(i))) return false;
    }
    return true;
  }

  /** {@code ast} with {@code f} applied to each argument; {@code ast} itself when none changes. */
  static IAST mapArguments(IAST ast, java.util.function.UnaryOperator<IExpr> f) {
    IASTAppendable copy = F.ast(ast.head(), ast.argSize());
    boolean changed = false;
    for (int i = 1; i < ast.size(); i++) {
      IExpr a = f.apply(ast.get(i));
      changed |= a != ast.get(i);
      copy.append(a);
    }
    return changed ? copy : ast;
  }

  private Optional<IExpr> together(IExpr e) {
    return checked(symja, variables, "Together", e, LIMIT);
  }

  /**
   * Symja's {@code function} (Together, Factor) of {@code e}, checked exactly at a rational point
   * (Symja 3.0.0's Together has been seen to return a different rational function; see
   * NumericalRewrites.sameAt): every variable at a different rational, where an exact nonzero
   * difference disproves it.
   */
  static Optional<IExpr> checked(Symja symja, List<ISymbol> variables, String function, IExpr e, WorkBudget budget) {
    IExpr evaluated = symja.eval(e);
    Optional<IExpr> t = Bounded.apply(symja, function, evaluated, budget);
    if (t.isEmpty()) return Optional.empty();
    IExpr difference = F.Subtract(t.get(), evaluated);
    for (int i = 0; i < variables.size(); i++) {
      // a different rational for each variable: a nonzero rational function vanishes there only by accident
      difference = F.ReplaceAll(difference, F.Rule(variables.get(i), F.QQ(37 + 4 * i, 101 + 6 * i)));
    }
    IExpr d = symja.eval(difference);
    return d.isNumber() && !d.isZero() ? Optional.empty() : t;
  }

}
