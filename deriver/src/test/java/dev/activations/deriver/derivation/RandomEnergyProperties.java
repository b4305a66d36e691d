package dev.activations.deriver.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.Generation;
import dev.activations.deriver.spec.ActivationSpec;
import dev.activations.deriver.spec.Request;
import dev.activations.deriver.spec.SpecException;
import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.ContractVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * Random custom energies, as a researcher might compose them from the whitelisted functions over
 * {@code z - mu}, random rationals and a parameter (bound or free), with random hypothesis sets and
 * statistics: each either derives and its emitted forms meet the contract at verification points
 * that chose nothing, or it is refused as a user error ({@link SpecException}) that names one of
 * the limitations documented in docs/ENERGIES.md. Anything else (an internal error, a class that
 * misses the contract) fails the test.
 *
 * <p>The specs come from jqwik's generator of {@link #cases()} driven by a fixed seed, so CI derives
 * the same {@link #COUNT} energies every run; they are derived on {@link #THREADS} threads, each
 * spec with a Symja session of its own (as the catalog build does), and every failure is listed at
 * the end rather than the first one alone.
 *
 * <p>Cost: the certification runs on {@link #POINTS} verification points per output (and as many at
 * each other parameter assignment) instead of the command's 10,000 (and 1,000); the points come
 * from the same seeded streams, dense next to every root, kink and threshold, so what is skipped is
 * mostly the uniform bulk. The float decision of the SIMD kernels is not made (it does not enter
 * the verdict). Forms are chosen exactly as {@code derive} chooses them.
 */
class RandomEnergyProperties {
  /**
   * Random specs derived per run ({@code -Denergies.tries=N} overrides): the 200 the issue asks for.
   * Measured (docs/ENERGIES.md, "Cost"): 866 s of CPU for the 200 on two threads at load average
   * about 7, three of them ending a Symja call at its CPU watchdog (then 60 s, now 20 s).
   */
  static final int COUNT = Integer.getInteger("energies.tries", 200);

  /** Specs of the drawn sequence skipped ({@code -Denergies.from=K}: a survey continued past the first K). */
  static final int FROM = Integer.getInteger("energies.from", 0);

  /** Threads deriving specs at once ({@code -Denergies.threads=N}); the CI machine has two cores. */
  static final int THREADS = Integer.getInteger("energies.threads", 2);

  /**
   * The seed of the generator: CI derives the same specs every run ({@code -Denergies.seed=N} draws
   * another sequence, for a survey; CI keeps this one).
   */
  static final long SEED = Long.getLong("energies.seed", 20261202L);

  /** Verification points per output (twice as many are drawn; see Generation.certification). */
  static final int POINTS = 200;

  /**
   * The documented limitations (docs/ENERGIES.md, "What is refused"): a refusal must name one.
   * Each phrase is a fragment of the refusal's message.
   */
  static final List<String> LIMITATIONS = List.of(
      "energy is not real and finite",
      "energy does not depend on z",
      "energy does not depend on mu",
      "cannot generate code for this energy");

  /**
   * Drawn specs that derive but miss the contract, each a row of docs/ENERGIES.md, "Known gaps"
   * (the test checks that the docs list it, in exactly this form): for them the product's
   * behaviour is the documented one, {@code derive --out} exits 1 naming the worst point and writes
   * nothing, so the test accepts a missed contract there and nowhere else. A listed spec that
   * starts to meet the contract fails the test until it is taken off the list and the docs.
   */
  static final List<String> KNOWN_GAPS = List.of(); // none since the twelfth session (docs/ENERGIES.md)

  /** With -Denergies.survey=true every case runs and what fails is printed; the test does not fail. */
  private static final boolean SURVEY = Boolean.getBoolean("energies.survey");
  /**
   * The statistics drawn, uniformly: all six ({@code -Denergies.stats=mean,free-energy,...}
   * overrides, e.g. {@code -Denergies.stats=mean} for the cheaper draw CI used until the
   * seventeenth session). The all-six draw was CI's default once before (the fifteenth session, CI
   * 18.6 minutes); the seventeenth made it affordable: shared subtrees stay shared through the
   * lowering's passes (the three-prototype Welsch entropy with a free scale took 98 s, then more
   * than 15 minutes, now 33 s) and the mode's tests read the exact sign of an energy gap
   * (docs/ENERGIES.md, "Known gaps").
   */
  static final String[] STATISTICS = System.getProperty("energies.stats", "mean,responsibilities,variance,mode,entropy,free-energy").split(",");

  /** One random spec. */
  record Case(String energy, String hypotheses, String stat, List<String> params, List<String> free) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("--energy '" + energy + "' --hypotheses " + hypotheses + " --stat " + stat);
      params.forEach(p -> s.append(" --param ").append(p));
      free.forEach(f -> s.append(" --free ").append(f));
      return s.toString();
    }
  }

  private static final String X = "(z-mu)";

  /** Small positive rationals (scales, breakpoints, weights). */
  static Arbitrary<String> rationals() {
    return Arbitraries.of("1/3", "1/2", "2/3", "1", "3/2", "2", "3");
  }

  /** The argument: {@code z - mu}, scaled by a rational or by the parameter {@code a}. */
  static Arbitrary<String> arguments() {
    return Arbitraries.oneOf(Arbitraries.just(X), rationals().map(q -> "((" + q + ")*" + X + ")"), Arbitraries.just("(" + X + "/a)"));
  }

  /** A breakpoint or threshold: a rational or the parameter. */
  static Arbitrary<String> thresholds() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, rationals()), net.jqwik.api.Tuple.of(1, Arbitraries.just("a")));
  }

  /** One loss of the argument u (the shapes robust statistics and kernels are made of). */
  static Arbitrary<String> losses() {
    Arbitrary<String> u = arguments();
    Arbitrary<String> c = thresholds();
    return Arbitraries.oneOf(
        u.map(x -> x + "^2"),
        u.map(x -> "Abs[" + x + "]"),
        Combinators.combine(u, Arbitraries.of("1/2", "3/2", "3", "4")).as((x, p) -> "Abs[" + x + "]^(" + p + ")"),
        u.map(x -> "Log[1+" + x + "^2]"),
        u.map(x -> "Sqrt[1+" + x + "^2]-1"),
        u.map(x -> "1-Exp[-" + x + "^2]"),
        u.map(x -> x + "^2/(1+" + x + "^2)"),
        u.map(x -> "Log[Cosh[" + x + "]]"),
        Combinators.combine(u, c).as((x, t) -> "Max[0,Abs[" + x + "]-" + t + "]"),
        Combinators.combine(u, c).as((x, t) -> "Max[0,Abs[" + x + "]-" + t + "]^2"),
        Combinators.combine(u, c).as((x, t) -> "Min[" + x + "^2," + t + "]"),
        Combinators.combine(u, c).as((x, t) -> "Piecewise[{{" + x + "^2/2, Abs[" + x + "]<=" + t + "}}, " + t + "*(Abs[" + x + "]-" + t + "/2)]"),
        Combinators.combine(u, c).as((x, t) -> "Piecewise[{{1-(1-" + x + "^2)^3, Abs[" + x + "]<=" + t + "}}, 1]"),
        u.map(x -> "Sign[" + x + "]*" + x),
        u.map(x -> "Tanh[" + x + "]^2"));
  }

  /** An energy: one loss, or a weighted sum of two. */
  static Arbitrary<String> energies() {
    Arbitrary<String> one = losses();
    Arbitrary<String> two = Combinators.combine(losses(), rationals(), losses()).as((a, w, b) -> a + "+(" + w + ")*(" + b + ")");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, one), net.jqwik.api.Tuple.of(1, two));
  }

  static Arbitrary<Case> cases() {
    Arbitrary<String> hypotheses = Arbitraries.of("signed", "gated", "prototypes:3", "-1:-1,1/2:0,2:1", "-1:0,1:z");
    Arbitrary<String> stat = Arbitraries.of(STATISTICS);
    Arbitrary<Boolean> freeParameter = Arbitraries.of(false, false, true);
    Arbitrary<String> value = Arbitraries.of("1/2", "1", "2");
    return Combinators.combine(energies(), hypotheses, stat, freeParameter, value).as((e, h, s, f, v) -> {
      boolean usesA = java.util.regex.Pattern.compile("\\ba\\b").matcher(e).find();
      List<String> params = usesA && !f ? List.of("a=" + v) : List.of();
      List<String> free = usesA && f ? List.of("a") : List.of();
      return new Case(e, h, s, params, free);
    });
  }

  @Example
  void everyRefusalPhraseIsDocumented() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "ENERGIES.md"));
    for (String phrase : LIMITATIONS) assertTrue(docs.contains(phrase), phrase);
  }

  @Example
  void everyKnownGapIsDocumented() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "ENERGIES.md"));
    for (String spec : KNOWN_GAPS) assertTrue(docs.contains("`" + spec + "`"), spec);
  }

  /** The first {@code count} specs of the seeded generator. */
  List<Case> drawn(int count) {
    RandomGenerator<Case> generator = cases().generator(1000);
    Random random = new Random(SEED);
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < count; i++) out.add(generator.next(random).value());
    return out;
  }

  @Example
  void theGeneratorIsSeeded() {
    assertEquals(drawn(20), drawn(20));
  }

  /** What happened to one spec: derived, refused (with a documented phrase), or a failure. */
  record Outcome(Case c, String kind, String detail, double seconds) {}

  @Example
  void everyRandomEnergyDerivesOrIsRefusedWithANamedLimitation() throws Exception {
    List<Case> cases = drawn(COUNT).subList(Math.min(COUNT, FROM), COUNT);
    String savedPoints = System.getProperty("derive.verify.points");
    String savedParameterPoints = System.getProperty("derive.verify.parameterSamplePoints");
    System.setProperty("derive.verify.points", Integer.toString(POINTS));
    System.setProperty("derive.verify.parameterSamplePoints", Integer.toString(POINTS));
    long started = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(THREADS, r -> {
      // a stack as large as the command's (-Xss8m in ./derive): the test JVM's default is smaller
      Thread t = new Thread(null, r, "random-energy", 16L << 20);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> pending = new ArrayList<>();
      for (Case c : cases) pending.add(workers.submit(() -> outcome(c)));
      for (Future<Outcome> f : pending) {
        Outcome o = f.get();
        outcomes.add(o);
        if (TIMING) System.err.printf("%6.2f s  %-8s %s%n", o.seconds(), o.kind(), o.c());
      }
    } finally {
      workers.shutdownNow();
      restore("derive.verify.points", savedPoints);
      restore("derive.verify.parameterSamplePoints", savedParameterPoints);
    }
    long derived = outcomes.stream().filter(o -> o.kind().equals("derived")).count();
    long refused = outcomes.stream().filter(o -> o.kind().equals("refused")).count();
    long knownGaps = outcomes.stream().filter(o -> o.kind().equals("known-gap")).count();
    List<String> failures = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.kind().equals("contract") || o.kind().equals("internal") || o.kind().equals("undocumented")) {
        failures.add(o.kind() + " " + o.c() + ": " + o.detail());
      }
      if (o.kind().equals("fixed")) {
        failures.add("meets the contract now; take it off KNOWN_GAPS and docs/ENERGIES.md: " + o.c());
      }
    }
    System.err.printf("RandomEnergyProperties: %d specs on %d threads: %d derived, %d refused, %d known gaps, %d failed,"
        + " %.1f s (load average %.1f)%n", outcomes.size(), THREADS, derived, refused, knownGaps, failures.size(),
        (System.nanoTime() - started) / 1e9, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (SURVEY) {
      failures.forEach(f -> System.err.println("SURVEY " + f));
      outcomes.stream().filter(o -> o.kind().equals("refused"))
          .forEach(o -> System.err.println("SURVEY refused " + o.c() + ": " + o.detail()));
      return;
    }
    assertTrue(failures.isEmpty(), () -> failures.size() + " of " + outcomes.size() + " random energies failed:\n  "
        + String.join("\n  ", failures));
  }

  private static final boolean TIMING = Boolean.getBoolean("energies.timing");

  private static void restore(String key, String saved) {
    if (saved == null) System.clearProperty(key);
    else System.setProperty(key, saved);
  }

  /** Derives, emits and certifies one spec in a Symja session of its own. */
  private static Outcome outcome(Case c) {
    long t0 = System.nanoTime();
    Request request = new Request(Optional.empty(), Optional.of(c.energy()), c.hypotheses(), c.stat(), c.params(),
        c.free(), "1", Optional.empty());
    String kind;
    String detail = "";
    try {
      Generation generation = new Generation(new Symja());
      ActivationSpec spec = generation.resolve(request);
      Derivation d = generation.derive(spec);
      ContractVerification.Verdict verdict = generation.emitVerified(d, "p", "C", false).verdict().orElseThrow();
      boolean known = KNOWN_GAPS.contains(c.toString());
      kind = verdict.passed() ? (known ? "fixed" : "derived") : known ? "known-gap" : "contract";
      if (!verdict.passed()) detail = verdict.worstOfAll().map(ContractVerification.Worst::describe).orElse("");
    } catch (SpecException e) {
      detail = String.valueOf(e.getMessage());
      String message = detail;
      kind = LIMITATIONS.stream().anyMatch(message::contains) ? "refused" : "undocumented";
    } catch (RuntimeException | StackOverflowError e) {
      kind = "internal";
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      detail = trace.toString();
    }
    return new Outcome(c, kind, detail, (System.nanoTime() - t0) / 1e9);
  }
}
