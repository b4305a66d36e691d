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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The accuracy rewrites: one named pass ({@value #PASS}) of small named rules, applied bottom-up
 * to a fixed point over the IR.
 *
 * <p>At each node the children are rewritten first; then the rules are tried in {@link #rules()}
 * order and the first that matches replaces the node, whose result is rewritten again (its children
 * may be new) until no rule matches. Every rule either is exact in double or replaces a formula by
 * a more accurate one for the same mathematical function; none changes the function.
 *
 * <p>The first rules normalise (fold constants, drop neutral elements, turn negative powers and
 * reciprocal factors into divisions) so that the accuracy rules only have to recognise one shape:
 * a quotient is always a {@link Div}, a negation a {@link Neg}, an integer power positive.
 */
public final class Rewrites {
  /** The name of the pass, for reports. */
  public static final String PASS = "accuracy-rewrites";

  /** A guard against a rule set that does not terminate (a bug, never data). */
  private static final int MAX_STEPS_PER_NODE = 1000;

  /**
   * One rewrite rule.
   *
   * @param name a short stable name (reports, tests)
   * @param why why the rewritten form is better
   * @param rewrite the rewritten node, or empty when the rule does not match this node (rules
   *     look at one node and its immediate structure; the pass does the traversal)
   */
  public record Rule(String name, String why, Function<Expr, Optional<Expr>> rewrite) {
    public Rule {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(rewrite, "rewrite");
    }
  }

  private static final Const ONE = Const.of(1.0);

  /** Functions that Java computes exactly or correctly rounded on every JVM: safe to fold. */
  private static final Set<Fn> FOLDABLE = EnumSet.of(Fn.ABS, Fn.SQRT, Fn.MAX, Fn.MIN, Fn.SIGNUM);

  private static final List<Rule> RULES = List.of(
      new Rule("fold-constants",
          "A subtree of constants is computed once, here, with the printed code's double semantics"
              + " (so the result is bit-identical); only +, -, *, /, integer powers and the exactly"
              + " or correctly rounded abs, sqrt, max, min, signum are folded: exp, log etc. may"
              + " differ by an ulp between JVMs and are left to run time. A constant test selects"
              + " its branch.",
          Rewrites::foldConstants),
      new Rule("leading-constants",
          "c1 * c2 * x is printed as (c1 * c2) * x, which javac folds: merging the two leading"
              + " constants here gives the same bits and saves the SIMD code a multiplication.",
          Rewrites::leadingConstants),
      new Rule("drop-multiplicative-one", "x * 1 is x exactly; the factor costs a multiplication.",
          Rewrites::dropOne),
      new Rule("drop-additive-zero",
          "x + 0 is x (up to the sign of a zero result, irrelevant here); the term costs an addition.",
          Rewrites::dropZero),
      new Rule("double-negation", "-(-x) is x exactly.", Rewrites::doubleNegation),
      new Rule("times-minus-one",
          "(-1) * x is -x exactly; normalises negation so that other rules see one shape.",
          Rewrites::timesMinusOne),
      new Rule("negative-power",
          "b^-n is 1 / b^n, which is exactly how it is printed; normalises reciprocals to Div.",
          Rewrites::negativePower),
      new Rule("times-reciprocal",
          "a * (1 / d) is a / d: one rounding instead of two, and no 0 * Inf when d overflows.",
          Rewrites::timesReciprocal),
      new Rule("common-parameter-divisor",
          "a / d + b / d rounds each quotient before the sum, so where a + b cancels the sum keeps"
              + " only what survives those roundings; (a + b) / d rounds the exact-as-possible sum once."
              + " Taken where d is made of free parameters alone: the forms are chosen at the"
              + " parameters' defaults, where such a d is often 1 and the two forms are the same bits"
              + " (the Gaussian free energy's derivative z / s^2 - tanh(z / s^2) / s^2 at s = 0.156"
              + " was 2.6e-2 off at z = 1 + 2.7e-15, where its two quotients near 41 cancel to 1.1e-13).",
          Rewrites::commonParameterDivisor),
      new Rule("expm1",
          "exp(x) - 1 loses all digits for small |x| (the result is dominated by rounding of"
              + " exp(x) near 1); expm1(x) is accurate. Also 1 - exp(x) = -expm1(x).",
          Rewrites::expm1),
      new Rule("softplus",
          "log(1 + exp(x)) overflows for x > 709 and loses digits for x < -37; softplus(x) ="
              + " max(x, 0) + log1p(exp(-|x|)) does neither.",
          Rewrites::softplus),
      new Rule("log1p",
          "log(1 + x) rounds 1 + x first and loses the digits of small x; log1p(x) keeps them.",
          Rewrites::log1p),
      new Rule("logistic",
          "1 / (1 + exp(-x)) and exp(x) / (1 + exp(x)) (also times other factors) overflow"
              + " (Inf / Inf = NaN) or lose the tail; logistic branches on the sign of x and is"
              + " accurate everywhere.",
          Rewrites::logistic),
      new Rule("logistic-factor",
          "n / ((1 + exp(u)) * rest) is 0 once exp(u) or the product overflows, although the"
              + " quotient is often still representable (a difference of logistics combined over a"
              + " common denominator, or z / (1 + exp(-2z)) at z = -360, whose truth is subnormal);"
              + " n * logistic(-u) / rest has no overflow in that factor. A pair (1 + exp(u))"
              + " (1 + exp(-u)) becomes logistic(-u) logistic(u), which logistic-product then"
              + " computes with one exp.",
          Rewrites::logisticFactor),
      new Rule("logistic-derivative",
          "exp(-x) / (1 + exp(-x))^2 (also times other factors) overflows to Inf / Inf for"
              + " x < -355; it equals logistic(x) * logistic(-x), stable and accurate in both"
              + " tails.",
          Rewrites::logisticDerivative),
      new Rule("exp-times-logistic",
          "exp(x) * logistic(-x) is Inf * 0 = NaN for x > 709; it equals logistic(x). (Arises when"
              + " the reciprocal 1 / (1 + exp(x)) was rewritten before its enclosing product.)",
          Rewrites::expTimesLogistic),
      new Rule("tanh-prime",
          "1 - tanh(x)^2 is exactly 0 beyond |x| ~ 19 and cosh(x)^-2 overflows beyond |x| ~ 355,"
              + " while sech(x)^2 ~ 4 exp(-2|x|) is representable to |x| ~ 372; tanh_prime(x)"
              + " computes 4 e / (1 + e)^2 with e = exp(-2|x|).",
          Rewrites::tanhPrime),
      new Rule("tanh-complement",
          "1 - tanh(x) is exactly 0 from x ~ 19 on, where it is 2 exp(-2x) and representable to x ~"
              + " 372 (the energy (z - 1)^2 (1 + tanh(z - 1)) / 2 is 1e-43 at z = -53, and the mean"
              + " read both energies as 0); 1 +- tanh(x) = 2 logistic(+-2x), accurate everywhere,"
              + " one exp like tanh.",
          Rewrites::tanhComplement),
      new Rule("hyperbolic-pairs",
          "cosh(x) - sinh(x) is exp(-x) and cosh(x) + sinh(x) is exp(x); written as the pair, both"
              + " terms are e^|x| / 2 and cancel: Symja simplified the energy difference of Exp[-Abs[z - mu]]"
              + " at three prototypes to E^(-1 - z) - Cosh[z] + Sinh[z], and the variance was 9.8e-9 off at"
              + " z = 20.5. Other terms of the sum stay.",
          Rewrites::hyperbolicPairs),
      new Rule("abs-of-tanh",
          "|tanh(x)| is tanh(|x|) bit for bit (the tanh helper is odd by construction); the"
              + " argument's sign known lets tanh-differences see a difference of two saturating tanh.",
          e -> e instanceof Call c && c.fn() == Fn.ABS && isCall(arg(c), Fn.TANH)
              ? Optional.of(Call.of(Fn.TANH, Call.of(Fn.ABS, arg(arg(c))))) : Optional.empty()),
      new Rule("tanh-differences",
          "tanh(a) - tanh(b) loses everything once both saturate (Abs[Tanh[z - mu]] energies at z ="
              + " -20: 1 - 1, where the difference 2e^-38 decides the mean, which was -5.6e-17 for"
              + " -2.7e-17). It equals 2 expm1(2(a - b)) logistic(-2a) logistic(2b), accurate and"
              + " overflow-free for |a - b| <= 1; further apart it is 2 logistic(-2b) - 2 logistic(-2a)"
              + " (a + b >= 0) or 2 logistic(2a) - 2 logistic(2b), terms that differ by a factor e^2"
              + " or more. Also tanh(a) + tanh(b) as tanh(a) - tanh(-b). Only for arguments that hold z"
              + " and differ (not a sum of a tanh and its negation).",
          Rewrites::tanhDifferences),
      new Rule("half-angle",
          "1 + cosh(x) = 2 cosh(x/2)^2 and 2 + exp(a) + exp(-a) = 4 cosh(a/2)^2: as a divisor"
              + " (or a power of one) it overflows for |x| > 710 while the quotient is still"
              + " representable down to |x| ~ 745 (a variance 4 / (2 + e^a + e^-a) is subnormal"
              + " there, not 0); its reciprocal is tanh_prime(x/2) / 2 (resp. / 4), which never"
              + " overflows.",
          Rewrites::halfAngle),
      new Rule("tanh-squares",
          "tanh(a)^2 - tanh(b)^2 loses everything once both squares are 1 - O(e^-2|x|) (a saturating"
              + " energy far out: every tanh^2 energy is 1 and their differences, which decide the"
              + " posterior, are in the e^-2|x| terms). It equals tanh'(b) - tanh'(a) (tanh^2 = 1 -"
              + " tanh'), accurate there; near 0 that form cancels instead, so it is taken only where"
              + " both |a| and |b| exceed 1/2, and (tanh a - tanh b)(tanh a + tanh b) elsewhere.",
          Rewrites::tanhSquares),
      new Rule("logistic-product",
          "logistic(u) logistic(-u) (also times other factors) costs two exp calls; it equals"
              + " tanh_prime(u / 2) / 4, one exp and as accurate.",
          Rewrites::logisticProduct),
      new Rule("powers-of-z-last",
          "c * (z * z) overflows for |z| > 1.3e154 where c z^2 (c < 1) is ordinary; with the powers"
              + " of z multiplied last, one z at a time, no partial product leaves the double range"
              + " unless the result does (ProductOrder).",
          ProductOrder::powersOfZLast),
      new Rule("squares-out-of-roots",
          "sqrt(a * z * z) overflows inside the root for |z| > 1.3e154 where the root, of size |z|,"
              + " is ordinary (a quadratic under a root evaluated in w = 1/z far out); sqrt(a) * |z|"
              + " leaves the range only where the root does (ProductOrder).",
          ProductOrder::squaresOutOfRoots),
      new Rule("constants-out-of-roots",
          "sqrt(c x) with a constant c > 1 overflows inside the root once |x| > MAX_VALUE / c, where"
              + " the root is of size sqrt|x| (the energy (2/3) sqrt|(z + 1)/a| at a = 1/2 made a"
              + " free energy Infinity at z = -1.8e308, exact 1.26e154), and with c < 1 it rounds"
              + " a subnormal product; sqrt|c| sqrt(+-x) leaves the range only where the root does,"
              + " at one more rounding. A linear argument c x + b becomes sqrt|c| sqrt(+-x + b/c)"
              + " where b/c is exact (then nothing is rounded that was not before) and |c| > 1.",
          Rewrites::constantsOutOfRoots),
      new Rule("exact-sign-tests",
          "A comparison of a product with 0 depends only on the signs of its factors: factors"
              + " positive by construction (exp, positive constants) are dropped and expm1(x) is"
              + " replaced by x, which has its sign. Where the product underflows to 0 its sign is"
              + " still known: the mode's test of the energy gap e^u expm1(g) of the gated Welsch"
              + " energy at z = -8.4e7 (e^u = 0, exact gap -e^-7.9e14) or at z = -4.9e-324"
              + " (expm1(g) = -0) read as a tie, and the derivative was 0.5 where it is 0.",
          SignTests::exact),
      new Rule("kinks-on-z",
          "A kink's test P + Q |z + b| <= 0 rounds away every bit of a z much smaller than b;"
              + " written as bounds on z (-R - b <= z <= R - b, R = -P/Q) it is exact up to the"
              + " bound's rounding: Max[0, Abs[(z-mu)/a] - a] at the centre -1, a = 1, has its kink"
              + " at z = 0, and the test held at z = 5.2e-182 where the slope is 1.",
          KinkTests::onZ),
      new Rule("parameter-square-residuals",
          "p^2 - c^2 for a parameter p and an exact c rounds p^2 first: next to p = c the"
              + " difference keeps only what survives that rounding (s^2 rounds by up to 1.1e-16, and"
              + " s^2 - 1 is 2e-9 at s = 1 + 1e-9: a relative error up to 5.5e-8); (p - c)(p + c) is"
              + " exact in its first factor by Sterbenz's lemma and within two roundings overall. The"
              + " Cauchy free energy at the gated hypotheses with a free scale factors its residual"
              + " next to z = 0 as (s^2 + z^2 - 1)(s^2 - z^2 + 1) (LogResiduals).",
          Rewrites::parameterSquareResiduals),
      new Rule("scale-before-power",
          "c x^k with |c| < 1 and k >= 3 as x^(k-1) (c x): x^k overflows where c x^k is still a"
              + " double (|z - 1|^3/3 from 5.6e102 to 8.1e102), and the free energy of that energy"
              + " was Infinity there, so the selection took a form that cancels next to its root"
              + " z = 1.345 (3e-7); the same number of roundings either way. Squares keep their"
              + " scaled forms (the lowering's t t z z tails).",
          Rewrites::scaleBeforePower),
      new Rule("equal-branches",
          "t ? x : x is x whatever t is (a sign test leaves both branches of an exponential"
              + " difference's two factorings as the same gap); the test costs a comparison.",
          e -> e instanceof Cond c && c.then().equals(c.otherwise()) ? Optional.of(c.then()) : Optional.empty()));

  private Rewrites() {}

  /** The rules, in the order they are tried at each node. */
  public static List<Rule> rules() {
    return RULES;
  }

  /** The rule with this name. */
  public static Rule rule(String name) {
    return RULES.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rewrite rule named " + name));
  }

  /**
   * Runs the pass: all rules, bottom-up, to a fixed point; then the guarded form that keeps the
   * plain form as one branch (a single pass, not a rule): the scaled quotients of exponential sums.
   * (Subnormal factors of products are split on the chosen form, {@link TinyFactors}.)
   */
  public static Expr apply(Expr e) {
    return ExpSumQuotients.scale(apply(e, RULES));
  }

  /**
   * Runs the given rules bottom-up to a fixed point (tests use single rules). The rules look at a
   * node alone, so each node object is rewritten once and a subtree shared by several parents stays
   * shared ({@link OncePerNode}): as a plain recursion the pass copied it once per path (a
   * derivative of the three-prototype pseudo-Huber entropy had 515,000 node objects), and every
   * pass and measurement after it walked each copy.
   */
  public static Expr apply(Expr e, List<Rule> rules) {
    return apply(e, rules, new OncePerNode());
  }

  private static Expr apply(Expr e, List<Rule> rules, OncePerNode done) {
    return done.apply(e, x -> rewrite(x, rules, done));
  }

  private static Expr rewrite(Expr e, List<Rule> rules, OncePerNode done) {
    Expr current = Exprs.mapChildren(e, child -> apply(child, rules, done));
    for (int step = 0; step < MAX_STEPS_PER_NODE; step++) {
      Optional<Expr> next = Optional.empty();
      for (Rule r : rules) {
        next = r.rewrite().apply(current);
        if (next.isPresent()) {
          break;
        }
      }
      if (next.isEmpty()) {
        return current;
      }
      // The new node's children may themselves be new: rewrite them too.
      current = Exprs.mapChildren(next.get(), child -> apply(child, rules, done));
    }
    throw new IllegalStateException(PASS + " did not reach a fixed point at " + e);
  }

  // ---------------------------------------------------------------- normalisation rules

  private static Optional<Expr> foldConstants(Expr e) {
    if (e instanceof Cond c) {
      Optional<Boolean> t = constantTest(c.test());
      return t.map(b -> b ? c.then() : c.otherwise());
    }
    if (e instanceof Const || e instanceof Expr.Var) {
      return Optional.empty();
    }
    if (e instanceof Call c && !FOLDABLE.contains(c.fn())) {
      return Optional.empty();
    }
    for (Expr child : Exprs.children(e)) {
      if (!(child instanceof Const)) {
        return Optional.empty();
      }
    }
    return Optional.of(Const.of(DoubleEvaluator.evaluate(e, Map.of())));
  }

  private static Optional<Boolean> constantTest(Test t) {
    for (Expr operand : Exprs.operands(t)) {
      if (!(operand instanceof Const)) {
        return Optional.empty();
      }
    }
    return Optional.of(DoubleEvaluator.test(t, Map.of()));
  }

  private static Optional<Expr> leadingConstants(Expr e) {
    if (e instanceof Mul m && m.factors().size() > 2
        && m.factors().get(0) instanceof Const a && m.factors().get(1) instanceof Const b) {
      List<Expr> f = new ArrayList<>(m.factors().subList(2, m.factors().size()));
      f.add(0, Const.of(a.value() * b.value()));
      return Optional.of(product(f));
    }
    return Optional.empty();
  }

  private static Optional<Expr> dropOne(Expr e) {
    if (e instanceof Mul m && m.factors().stream().anyMatch(f -> Exprs.isConst(f, 1.0))) {
      return Optional.of(product(m.factors().stream().filter(f -> !Exprs.isConst(f, 1.0)).toList()));
    }
    return Optional.empty();
  }

  /** {@code -c^2 + p^2} (p a parameter, c^2 an exact square of a double) as {@code (p - c)(p + c)}. */
  private static Optional<Expr> parameterSquareResiduals(Expr e) {
    Optional<ConstantAndOther> pair = e instanceof Add a ? ConstantAndOther.of(a.terms()) : Optional.empty();
    if (pair.isEmpty()) return Optional.empty();
    Const k = pair.get().constant();
    if (!(k.value() < 0) || !(pair.get().other() instanceof PowInt p && p.exponent() == 2
        && p.base() instanceof Expr.Var v && !v.name().equals("z"))) {
      return Optional.empty();
    }
    double c = Math.sqrt(-k.value());
    if (Math.fma(c, c, k.value()) != 0.0) return Optional.empty(); // c^2 is exactly -k
    return Optional.of(new Mul(List.of(new Add(List.of(p.base(), Const.of(-c))), new Add(List.of(p.base(), Const.of(c))))));
  }

  /** {@code c x^k} ({@code |c| < 1}, {@code k >= 3}) as {@code x^(k-1) (c x)}. */
  private static Optional<Expr> scaleBeforePower(Expr e) {
    Optional<ConstantAndOther> pair = e instanceof Mul m ? ConstantAndOther.of(m.factors()) : Optional.empty();
    if (pair.isEmpty()) return Optional.empty();
    Const c = pair.get().constant();
    if (!(Math.abs(c.value()) < 1) || c.value() == 0 || !(pair.get().other() instanceof PowInt p) || p.exponent() < 3) {
      return Optional.empty();
    }
    return Optional.of(new Mul(List.of(new PowInt(p.base(), p.exponent() - 1), new Mul(List.of(c, p.base())))));
  }

  /**
   * {@code sqrt(c x)} as {@code sqrt|c| sqrt(+-x)} ({@code c} the product of a product's constant
   * factors, {@code c != 1}), and {@code sqrt(c x + b)} as {@code sqrt|c| sqrt(+-x + b/c)} where
   * {@code |c| > 1} and {@code b/c} is exact.
   */
  private static Optional<Expr> constantsOutOfRoots(Expr e) {
    if (!(e instanceof Call call) || call.fn() != Fn.SQRT) return Optional.empty();
    Expr argument = call.args().get(0);
    Optional<ConstantAndOther> linear = argument instanceof Add a ? ConstantAndOther.of(a.terms()) : Optional.empty();
    Expr scaled = linear.map(ConstantAndOther::other).orElse(argument);
    if (!(scaled instanceof Mul m)) return Optional.empty();
    double c = 1;
    List<Expr> rest = new ArrayList<>();
    for (Expr f : m.factors()) {
      if (f instanceof Const k) c *= k.value();
      else rest.add(f);
    }
    double magnitude = Math.abs(c);
    if (rest.isEmpty() || c == 1 || !(magnitude > 0) || !Double.isFinite(c)) { // c == 1: no constant factor
      return Optional.empty();
    }
    Expr x = c < 0 ? new Neg(product(rest)) : product(rest);
    if (linear.isPresent()) {
      double b = linear.get().constant().value();
      double shift = b / magnitude;
      if (!(magnitude > 1) || Math.fma(shift, magnitude, -b) != 0.0) return Optional.empty(); // b/c is exact
      x = new Add(List.of(x, Const.of(shift)));
    }
    return Optional.of(new Mul(List.of(Const.of(Math.sqrt(magnitude)), Call.of(Fn.SQRT, x))));
  }

  /** The two operands of a sum or product of exactly two, one of them a constant (either order). */
  private record ConstantAndOther(Const constant, Expr other) {
    static Optional<ConstantAndOther> of(List<Expr> operands) {
      if (operands.size() != 2) return Optional.empty();
      if (operands.get(0) instanceof Const c) return Optional.of(new ConstantAndOther(c, operands.get(1)));
      if (operands.get(1) instanceof Const c) return Optional.of(new ConstantAndOther(c, operands.get(0)));
      return Optional.empty();
    }
  }

  private static Optional<Expr> dropZero(Expr e) {
    if (e instanceof Add a && a.terms().stream().anyMatch(Rewrites::isZero)) {
      return Optional.of(sum(a.terms().stream().filter(t -> !isZero(t)).toList()));
    }
    return Optional.empty();
  }

  private static boolean isZero(Expr e) {
    return e instanceof Const c && c.value() == 0.0;
  }

  private static Optional<Expr> doubleNegation(Expr e) {
    if (e instanceof Neg n && n.operand() instanceof Neg inner) {
      return Optional.of(inner.operand());
    }
    return Optional.empty();
  }

  private static Optional<Expr> timesMinusOne(Expr e) {
    if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      for (int i = 0; i < f.size(); i++) {
        if (Exprs.isConst(f.get(i), -1.0)) {
          List<Expr> rest = new ArrayList<>(f);
          rest.remove(i);
          return Optional.of(new Neg(product(rest)));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Expr> negativePower(Expr e) {
    if (e instanceof PowInt p && p.exponent() < 0) {
      Expr den = p.exponent() == -1 ? p.base() : new PowInt(p.base(), -p.exponent());
      return Optional.of(new Div(ONE, den));
    }
    return Optional.empty();
  }

  private static Optional<Expr> timesReciprocal(Expr e) {
    if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      for (int i = 0; i < f.size(); i++) {
        if (f.get(i) instanceof Div d && Exprs.isConst(d.numerator(), 1.0)) {
          List<Expr> rest = new ArrayList<>(f);
          rest.remove(i);
          return Optional.of(new Div(product(rest), d.denominator()));
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- accuracy rules

  /** {@code a/d + b/d (+ -(c/d) ...)} as {@code (a + b - c ...)/d} where d involves parameters only. */
  private static Optional<Expr> commonParameterDivisor(Expr e) {
    if (!(e instanceof Add a) || a.terms().size() < 2) return Optional.empty();
    Expr divisor = null;
    List<Expr> numerators = new ArrayList<>();
    for (Expr term : a.terms()) {
      boolean negated = term instanceof Neg;
      Expr t = negated ? ((Neg) term).operand() : term;
      if (!(t instanceof Div q) || (divisor != null && !divisor.equals(q.denominator()))) return Optional.empty();
      divisor = q.denominator();
      numerators.add(negated ? new Neg(q.numerator()) : q.numerator());
    }
    if (Exprs.involvesZ(divisor) || !Exprs.involvesParameter(divisor)) return Optional.empty();
    return Optional.of(new Div(new Add(numerators), divisor));
  }

  private static Optional<Expr> expm1(Expr e) {
    if (!(e instanceof Add a)) {
      return Optional.empty();
    }
    List<Expr> t = a.terms();
    // exp(x) + (-1) -> expm1(x)
    int minusOne = indexOf(t, x -> Exprs.isConst(x, -1.0));
    int exp = indexOf(t, x -> isCall(x, Fn.EXP));
    if (minusOne >= 0 && exp >= 0) {
      List<Expr> out = new ArrayList<>(t);
      out.set(exp, Call.of(Fn.EXPM1, ((Call) t.get(exp)).args().get(0)));
      out.remove(minusOne);
      return Optional.of(sum(out));
    }
    // 1 + (-exp(x)) -> -expm1(x)
    int one = indexOf(t, x -> Exprs.isConst(x, 1.0));
    int negExp = indexOf(t, x -> x instanceof Neg n && isCall(n.operand(), Fn.EXP));
    if (one >= 0 && negExp >= 0) {
      List<Expr> out = new ArrayList<>(t);
      Call call = (Call) ((Neg) t.get(negExp)).operand();
      out.set(negExp, new Neg(Call.of(Fn.EXPM1, call.args().get(0))));
      out.remove(one);
      return Optional.of(sum(out));
    }
    return Optional.empty();
  }

  private static Optional<Expr> softplus(Expr e) {
    if (e instanceof Call c && c.fn() == Fn.LOG) {
      return onePlusExp(c.args().get(0)).map(x -> Call.of(Fn.SOFTPLUS, x));
    }
    if (e instanceof Call c && c.fn() == Fn.LOG1P && isCall(c.args().get(0), Fn.EXP)) {
      return Optional.of(Call.of(Fn.SOFTPLUS, ((Call) c.args().get(0)).args().get(0)));
    }
    return Optional.empty();
  }

  private static Optional<Expr> log1p(Expr e) {
    if (e instanceof Call c && c.fn() == Fn.LOG && c.args().get(0) instanceof Add a) {
      int one = indexOf(a.terms(), x -> Exprs.isConst(x, 1.0));
      if (one >= 0) {
        List<Expr> rest = new ArrayList<>(a.terms());
        rest.remove(one);
        return Optional.of(Call.of(Fn.LOG1P, sum(rest)));
      }
    }
    return Optional.empty();
  }

  private static Optional<Expr> logistic(Expr e) {
    if (e instanceof Div d) {
      Optional<Expr> u = onePlusExp(d.denominator());
      if (u.isPresent()) {
        // 1 / (1 + exp(u)) = logistic(-u)
        if (Exprs.isConst(d.numerator(), 1.0)) {
          return Optional.of(Call.of(Fn.LOGISTIC, negate(u.get())));
        }
        // a * exp(u) / (1 + exp(u)) = a * logistic(u)
        return replaceFactor(d.numerator(), Call.of(Fn.EXP, u.get()),
            List.of(Call.of(Fn.LOGISTIC, u.get())));
      }
    }
    return Optional.empty();
  }

  private static Optional<Expr> logisticFactor(Expr e) {
    if (e instanceof Div d) {
      List<Expr> f = d.denominator() instanceof Mul m ? m.factors() : List.of(d.denominator());
      for (int i = 0; i < f.size(); i++) {
        Optional<Expr> u = onePlusExp(f.get(i));
        if (u.isPresent()) {
          List<Expr> rest = new ArrayList<>(f);
          rest.remove(i);
          List<Expr> numerator = new ArrayList<>(d.numerator() instanceof Mul n ? n.factors() : List.of(d.numerator()));
          numerator.removeIf(x -> Exprs.isConst(x, 1.0));
          numerator.add(Call.of(Fn.LOGISTIC, negate(u.get())));
          return Optional.of(rest.isEmpty() ? product(numerator) : new Div(product(numerator), product(rest)));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Expr> logisticDerivative(Expr e) {
    // a * exp(u) / (1 + exp(u))^2 = a * logistic(-u) * logistic(u)
    if (e instanceof Div d && d.denominator() instanceof PowInt p && p.exponent() == 2) {
      Optional<Expr> u = onePlusExp(p.base());
      if (u.isPresent()) {
        return replaceFactor(d.numerator(), Call.of(Fn.EXP, u.get()),
            List.of(Call.of(Fn.LOGISTIC, negate(u.get())), Call.of(Fn.LOGISTIC, u.get())));
      }
    }
    return Optional.empty();
  }

  /**
   * If {@code e} is {@code factor} or a product with {@code factor} among its factors, the same
   * product with {@code factor} replaced (in place) by {@code replacement}.
   */
  private static Optional<Expr> replaceFactor(Expr e, Expr factor, List<Expr> replacement) {
    List<Expr> factors = e instanceof Mul m ? m.factors() : List.of(e);
    int i = factors.indexOf(factor);
    if (i < 0) {
      return Optional.empty();
    }
    List<Expr> out = new ArrayList<>(factors.subList(0, i));
    out.addAll(replacement);
    out.addAll(factors.subList(i + 1, factors.size()));
    return Optional.of(product(out));
  }

  private static Optional<Expr> expTimesLogistic(Expr e) {
    if (e instanceof Mul m) {
      List<Expr> f = m.factors();
      for (int i = 0; i < f.size(); i++) {
        if (isCall(f.get(i), Fn.EXP)) {
          Expr u = ((Call) f.get(i)).args().get(0);
          int j = f.indexOf(Call.of(Fn.LOGISTIC, negate(u)));
          if (j >= 0) {
            List<Expr> out = new ArrayList<>(f);
            out.set(i, Call.of(Fn.LOGISTIC, u));
            out.remove(j);
            return Optional.of(product(out));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Expr> tanhPrime(Expr e) {
    // cosh(x)^-2 (before negative-power runs, or when used alone)
    if (e instanceof PowInt p && p.exponent() == -2 && isCall(p.base(), Fn.COSH)) {
      return Optional.of(Call.of(Fn.TANH_PRIME, arg(p.base())));
    }
    // 1 / cosh(x)^2
    if (e instanceof Div d
        && Exprs.isConst(d.numerator(), 1.0)
        && d.denominator() instanceof PowInt p
        && p.exponent() == 2
        && isCall(p.base(), Fn.COSH)) {
      return Optional.of(Call.of(Fn.TANH_PRIME, arg(p.base())));
    }
    // (1 / cosh(x))^2
    if (e instanceof PowInt p
        && p.exponent() == 2
        && p.base() instanceof Div d
        && Exprs.isConst(d.numerator(), 1.0)
        && isCall(d.denominator(), Fn.COSH)) {
      return Optional.of(Call.of(Fn.TANH_PRIME, arg(d.denominator())));
    }
    // 1 - tanh(x)^2
    if (e instanceof Add a && a.terms().size() == 2) {
      for (int i = 0; i < 2; i++) {
        if (Exprs.isConst(a.terms().get(i), 1.0)
            && a.terms().get(1 - i) instanceof Neg n
            && n.operand() instanceof PowInt p
            && p.exponent() == 2
            && isCall(p.base(), Fn.TANH)) {
          return Optional.of(Call.of(Fn.TANH_PRIME, arg(p.base())));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code +-1 +- tanh(x)} as {@code +-2 logistic(+-2x)}. */
  private static Optional<Expr> tanhComplement(Expr e) {
    if (!(e instanceof Add a) || a.terms().size() != 2) return Optional.empty();
    for (int i = 0; i < 2; i++) {
      if (!(a.terms().get(i) instanceof Const c) || Math.abs(c.value()) != 1.0) continue;
      Expr other = a.terms().get(1 - i);
      boolean negated = other instanceof Neg;
      Expr t = negated ? ((Neg) other).operand() : other;
      if (!isCall(t, Fn.TANH)) continue;
      // c + s tanh(x) = c (1 + (s/c) tanh(x)) = 2c logistic(2 (s/c) x)
      boolean plus = (c.value() > 0) != negated;
      Expr twice = new Mul(List.of(Const.of(plus ? 2.0 : -2.0), arg(t)));
      return Optional.of(new Mul(List.of(Const.of(2.0 * c.value()), Call.of(Fn.LOGISTIC, twice))));
    }
    return Optional.empty();
  }

  /** A term {@code +-cosh(x)} and a term {@code +-sinh(x)} of one sum as {@code +-exp(+-x)}. */
  private static Optional<Expr> hyperbolicPairs(Expr e) {
    if (!(e instanceof Add a)) return Optional.empty();
    List<Expr> t = a.terms();
    for (int i = 0; i < t.size(); i++) {
      boolean coshNegated = t.get(i) instanceof Neg;
      Expr c = coshNegated ? ((Neg) t.get(i)).operand() : t.get(i);
      if (!isCall(c, Fn.COSH)) continue;
      for (int j = 0; j < t.size(); j++) {
        boolean sinhNegated = t.get(j) instanceof Neg;
        Expr s = sinhNegated ? ((Neg) t.get(j)).operand() : t.get(j);
        if (!isCall(s, Fn.SINH) || !arg(s).equals(arg(c))) continue;
        // +-(cosh x + sinh x) = +-exp(x), +-(cosh x - sinh x) = +-exp(-x)
        Expr x = sinhNegated == coshNegated ? arg(c) : negate(arg(c));
        Expr exp = Call.of(Fn.EXP, x);
        List<Expr> rest = new ArrayList<>(t);
        rest.set(i, coshNegated ? new Neg(exp) : exp);
        rest.remove(j);
        return Optional.of(sum(rest));
      }
    }
    return Optional.empty();
  }

  /** {@code tanh(a) -+ tanh(b)} of a two-term sum as the forms of rule tanh-differences. */
  private static Optional<Expr> tanhDifferences(Expr e) {
    if (!(e instanceof Add s) || s.terms().size() != 2) return Optional.empty();
    Expr first = s.terms().get(0);
    Expr second = s.terms().get(1);
    boolean firstNegated = first instanceof Neg;
    boolean secondNegated = second instanceof Neg;
    Expr p = firstNegated ? ((Neg) first).operand() : first;
    Expr q = secondNegated ? ((Neg) second).operand() : second;
    if (!isCall(p, Fn.TANH) || !isCall(q, Fn.TANH) || !Exprs.involvesZ(p) || !Exprs.involvesZ(q)) {
      return Optional.empty();
    }
    // the sum as sign * (tanh a - tanh b)
    Expr a = arg(p);
    Expr b = arg(q);
    double sign = 1.0;
    if (firstNegated && !secondNegated) {
      Expr t = a;
      a = b;
      b = t;
    } else if (firstNegated) {
      sign = -1.0;
      b = negate(b);
    } else if (!secondNegated) {
      b = negate(b);
    }
    if (a.equals(b) || a.equals(negate(b))) return Optional.empty();
    Expr gap = sum(List.of(a, negate(b)));
    Expr close = new Mul(List.of(Const.of(2.0 * sign), Call.of(Fn.EXPM1, new Mul(List.of(Const.of(2.0), gap))),
        Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(-2.0), a))), Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(2.0), b)))));
    Expr high = sum(List.of(Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(-2.0), b))),
        new Neg(Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(-2.0), a))))));
    Expr low = sum(List.of(Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(2.0), a))),
        new Neg(Call.of(Fn.LOGISTIC, new Mul(List.of(Const.of(2.0), b))))));
    Expr apart = new Mul(List.of(Const.of(2.0 * sign), new Cond(
        new Test.Compare(Test.Op.GE, sum(List.of(a, b)), Const.of(0.0)), high, low)));
    return Optional.of(new Cond(new Test.Compare(Test.Op.LE, Call.of(Fn.ABS, gap), Const.of(1.0)), close, apart));
  }

  private static Optional<Expr> tanhSquares(Expr e) {
    if (!(e instanceof Add s)) {
      return Optional.empty();
    }
    List<Expr> t = s.terms();
    for (int i = 0; i < t.size(); i++) {
      Expr a = tanhSquared(t.get(i));
      if (a == null) {
        continue;
      }
      for (int j = 0; j < t.size(); j++) {
        if (j == i || !(t.get(j) instanceof Neg n)) {
          continue;
        }
        Expr b = tanhSquared(n.operand());
        if (b == null) {
          continue;
        }
        Expr ta = Call.of(Fn.TANH, a);
        Expr tb = Call.of(Fn.TANH, b);
        Expr far = sum(List.of(Call.of(Fn.TANH_PRIME, b), new Neg(Call.of(Fn.TANH_PRIME, a))));
        Expr near = product(List.of(sum(List.of(ta, new Neg(tb))), sum(List.of(ta, tb))));
        Test bothFar = new Test.And(List.of(
            new Test.Compare(Test.Op.GT, Call.of(Fn.ABS, a), Const.of(0.5)),
            new Test.Compare(Test.Op.GT, Call.of(Fn.ABS, b), Const.of(0.5))));
        List<Expr> out = new ArrayList<>(t);
        out.set(Math.min(i, j), new Cond(bothFar, far, near));
        out.remove(Math.max(i, j));
        return Optional.of(sum(out));
      }
    }
    return Optional.empty();
  }

  /** If {@code e} is {@code tanh(x)^2}, {@code x}. */
  private static Expr tanhSquared(Expr e) {
    return e instanceof PowInt p && p.exponent() == 2 && isCall(p.base(), Fn.TANH) ? arg(p.base()) : null;
  }

  private static Optional<Expr> halfAngle(Expr e) {
    if (!(e instanceof Div d)) {
      return Optional.empty();
    }
    List<Expr> f = d.denominator() instanceof Mul m ? m.factors() : List.of(d.denominator());
    for (int i = 0; i < f.size(); i++) {
      Expr factor = f.get(i);
      int k = factor instanceof PowInt p && p.exponent() > 0 ? p.exponent() : 1;
      Expr base = factor instanceof PowInt p && p.exponent() > 0 ? p.base() : factor;
      Optional<Expr> x = onePlusCosh(base);
      double reciprocalScale = 0.5;
      if (x.isEmpty()) {
        x = twoPlusExpPair(base);
        reciprocalScale = 0.25;
      }
      if (x.isEmpty()) {
        continue;
      }
      List<Expr> rest = new ArrayList<>(f);
      rest.remove(i);
      List<Expr> numerator = new ArrayList<>(d.numerator() instanceof Mul n ? n.factors() : List.of(d.numerator()));
      numerator.removeIf(y -> Exprs.isConst(y, 1.0));
      numerator.add(0, Const.of(Math.pow(reciprocalScale, k)));
      Expr half = scaled(canonical(x.get()), 0.5);
      for (int j = 0; j < k; j++) {
        numerator.add(Call.of(Fn.TANH_PRIME, half));
      }
      return Optional.of(rest.isEmpty() ? product(numerator) : new Div(product(numerator), product(rest)));
    }
    return Optional.empty();
  }

  /** If {@code e} is {@code 1 + cosh(x)} (either order), {@code x}. */
  private static Optional<Expr> onePlusCosh(Expr e) {
    if (e instanceof Add a && a.terms().size() == 2) {
      for (int i = 0; i < 2; i++) {
        if (Exprs.isConst(a.terms().get(i), 1.0) && isCall(a.terms().get(1 - i), Fn.COSH)) {
          return Optional.of(arg(a.terms().get(1 - i)));
        }
      }
    }
    return Optional.empty();
  }

  /** If {@code e} is {@code 2 + exp(a) + exp(b)} (any order) with {@code b = -a}, {@code a}. */
  private static Optional<Expr> twoPlusExpPair(Expr e) {
    if (!(e instanceof Add s) || s.terms().size() != 3) {
      return Optional.empty();
    }
    int two = indexOf(s.terms(), x -> Exprs.isConst(x, 2.0));
    if (two < 0) {
      return Optional.empty();
    }
    List<Expr> exps = new ArrayList<>(s.terms());
    exps.remove(two);
    if (isCall(exps.get(0), Fn.EXP) && isCall(exps.get(1), Fn.EXP)
        && negatives(arg(exps.get(0)), arg(exps.get(1)))) {
      return Optional.of(arg(exps.get(0)));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code a = -b} exactly in double, structurally: a negated constant or leading constant,
   * sums negated term by term, products with one factor negated, conditionals with the same test
   * and negated branches, quotients with one side negated (a piecewise energy difference and its
   * mirror, as the lowering writes their tails).
   */
  static boolean negatives(Expr a, Expr b) {
    if (canonical(a).equals(canonical(negate(b)))) {
      return true;
    }
    if (a instanceof Cond ca && b instanceof Cond cb) {
      return ca.test().equals(cb.test()) && negatives(ca.then(), cb.then())
          && negatives(ca.otherwise(), cb.otherwise());
    }
    if (a instanceof Add sa && b instanceof Add sb && sa.terms().size() == sb.terms().size()) {
      for (int i = 0; i < sa.terms().size(); i++) {
        if (!negatives(sa.terms().get(i), sb.terms().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Div da && b instanceof Div db) {
      return (negatives(da.numerator(), db.numerator()) && da.denominator().equals(db.denominator()))
          || (da.numerator().equals(db.numerator()) && negatives(da.denominator(), db.denominator()));
    }
    if (a instanceof Mul ma && b instanceof Mul mb && ma.factors().size() == mb.factors().size()) {
      int negated = 0;
      for (int i = 0; i < ma.factors().size(); i++) {
        Expr x = ma.factors().get(i);
        Expr y = mb.factors().get(i);
        if (x.equals(y)) {
          continue;
        }
        if (!negatives(x, y) || ++negated > 1) {
          return false;
        }
      }
      return negated == 1;
    }
    return false;
  }

  private static Optional<Expr> logisticProduct(Expr e) {
    if (!(e instanceof Mul m)) {
      return Optional.empty();
    }
    List<Expr> f = m.factors();
    for (int i = 0; i < f.size(); i++) {
      if (!isCall(f.get(i), Fn.LOGISTIC)) {
        continue;
      }
      Expr u = arg(f.get(i));
      Expr minusU = canonical(negate(u));
      for (int j = i + 1; j < f.size(); j++) {
        if (isCall(f.get(j), Fn.LOGISTIC) && canonical(arg(f.get(j))).equals(minusU)) {
          List<Expr> rest = new ArrayList<>(f);
          rest.remove(j);
          rest.remove(i);
          return Optional.of(timesQuarterTanhPrime(product(rest), u));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code a tanh_prime(u / 2) / 4} as one flat product (the scalings are exact). */
  private static Expr timesQuarterTanhPrime(Expr a, Expr u) {
    Expr quarter = scaled(canonical(a), 0.25);
    List<Expr> factors = new ArrayList<>(quarter instanceof Mul qm ? qm.factors() : List.of(quarter));
    // tanh_prime is even: one sign for its argument, so that both orders of a pair agree
    Expr base = canonical(u);
    if (base instanceof Neg n) {
      base = n.operand();
    } else if (base instanceof Mul bm && bm.factors().get(0) instanceof Const c && c.value() < 0) {
      base = negate(base);
    }
    factors.add(Call.of(Fn.TANH_PRIME, scaled(base, 0.5)));
    return product(factors);
  }

  /** {@code u * k} for a power of two {@code k} (exact), merged into a leading constant. */
  private static Expr scaled(Expr u, double k) {
    if (u instanceof Const c) {
      return Const.of(c.value() * k);
    }
    List<Expr> f = new ArrayList<>(u instanceof Mul m ? m.factors() : List.of(u));
    double c = f.get(0) instanceof Const lead ? lead.value() * k : k;
    if (f.get(0) instanceof Const) {
      f.remove(0);
    }
    if (c != 1.0) {
      f.add(0, Const.of(c));
    }
    return product(f);
  }

  /** Pushes negations into leading constants ({@code -(-2 z)} is {@code 2 z}) so that equal values compare equal. */
  private static Expr canonical(Expr u) {
    return u instanceof Neg n ? negate(canonical(n.operand())) : u;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The negation of {@code u} in normal form: {@code -(-x)} is {@code x}, a constant is negated,
   * a product with a leading constant negates that constant, anything else is wrapped in {@link
   * Neg}. All exact in double. {@code negate(negate(u))} equals {@code u} for normal forms.
   */
  static Expr negate(Expr u) {
    if (u instanceof Neg n) {
      return n.operand();
    }
    if (u instanceof Const c) {
      return Const.of(-c.value());
    }
    if (u instanceof Mul m && m.factors().get(0) instanceof Const c) {
      List<Expr> f = new ArrayList<>(m.factors());
      if (c.value() == -1.0) {
        f.remove(0);
        return product(f);
      }
      f.set(0, Const.of(-c.value()));
      return new Mul(f);
    }
    return new Neg(u);
  }

  /** If {@code e} is {@code 1 + exp(u)} (either order), {@code u}. */
  private static Optional<Expr> onePlusExp(Expr e) {
    if (e instanceof Add a && a.terms().size() == 2) {
      for (int i = 0; i < 2; i++) {
        if (Exprs.isConst(a.terms().get(i), 1.0) && isCall(a.terms().get(1 - i), Fn.EXP)) {
          return Optional.of(arg(a.terms().get(1 - i)));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isCall(Expr e, Fn fn) {
    return e instanceof Call c && c.fn() == fn;
  }

  private static Expr arg(Expr call) {
    return ((Call) call).args().get(0);
  }

  private static int indexOf(List<Expr> xs, Predicate<Expr> p) {
    for (int i = 0; i < xs.size(); i++) {
      if (p.test(xs.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A product of the factors: 1 for none, the factor itself for one. */
  private static Expr product(List<Expr> factors) {
    return switch (factors.size()) {
      case 0 -> ONE;
      case 1 -> factors.get(0);
      default -> new Mul(factors);
    };
  }

  /** A sum of the terms: 0 for none, the term itself for one. */
  private static Expr sum(List<Expr> terms) {
    return switch (terms.size()) {
      case 0 -> Const.of(0.0);
      case 1 -> terms.get(0);
      default -> new Add(terms);
    };
  }
}
