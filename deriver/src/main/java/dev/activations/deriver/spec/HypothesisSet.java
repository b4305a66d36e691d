package dev.activations.deriver.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hypotheses that compete for the input, plus an optional background hypothesis of constant
 * energy (the open-world "reject" extension) whose value is 0.
 *
 * @param text the canonical spec text ({@code signed}, {@code gated}, {@code prototypes:3} or an
 *     explicit {@code c:v[:p],...} list) that {@link #parse} reads back to the same set
 * @param rejectEnergy the background hypothesis' energy E0 (divided by the temperature like every
 *     other energy), if any
 */
public record HypothesisSet(String text, List<Hypothesis> hypotheses, Optional<ExactNumber> rejectEnergy) {
  public static final int MAX_HYPOTHESES = 12;

  public HypothesisSet {
    Objects.requireNonNull(text, "text");
    hypotheses = List.copyOf(hypotheses);
    Objects.requireNonNull(rejectEnergy, "rejectEnergy");
    if (hypotheses.size() < 2) throw new SpecException("at least two hypotheses are needed (nothing competes with one)");
  }

  public static List<String> presetDescriptions() {
    return List.of(
        "signed          1:1,-1:-1   (centers +-1 passing on +-1: tanh-like)",
        "gated           1:z,-1:0    (pass z through or gate it to 0: SiLU/ReLU family)",
        "prototypes:K    K centers evenly spaced in [-1,1], each passing on its center (2 <= K <= " + MAX_HYPOTHESES + ")",
        "c:v[:p],...     explicit centers c, values v (a number or z), optional log-priors p");
  }

  /** Reads a preset or an explicit list. */
  public static HypothesisSet parse(String spec, Optional<ExactNumber> reject) {
    String s = spec.strip();
    if (s.length() > 2000) throw new SpecException("hypotheses: the list is too long");
    switch (s) {
      case "signed":
        return new HypothesisSet("signed", List.of(constant(1, 1), constant(-1, -1)), reject);
      case "gated":
        return new HypothesisSet("gated", List.of(
            new Hypothesis(ExactNumber.ONE, new Hypothesis.Input(), ExactNumber.ZERO), constant(-1, 0)), reject);
      default:
        break;
    }
    if (s.startsWith("prototypes:")) {
      String k = s.substring("prototypes:".length());
      int count;
      try {
        count = Integer.parseInt(k);
      } catch (NumberFormatException e) {
        throw new SpecException("hypotheses: 'prototypes:K' needs a whole number K, not '" + ExactNumber.abbreviate(k) + "'");
      }
      if (count < 2 || count > MAX_HYPOTHESES) {
        throw new SpecException("hypotheses: prototypes:K needs 2 <= K <= " + MAX_HYPOTHESES + ", not " + count);
      }
      List<Hypothesis> hs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        // c_i = -1 + 2i/(K-1), exactly.
        ExactNumber c = new ExactNumber(
            java.math.BigInteger.valueOf(2L * i - (count - 1)), java.math.BigInteger.valueOf(count - 1));
        hs.add(new Hypothesis(c, new Hypothesis.Constant(c), ExactNumber.ZERO));
      }
      return new HypothesisSet("prototypes:" + count, hs, reject);
    }
    if (!s.contains(":")) {
      throw new SpecException("hypotheses: unknown preset '" + ExactNumber.abbreviate(s) + "'"
          + Suggestions.didYouMean(s, List.of("signed", "gated", "prototypes:3"))
          + " (use signed, gated, prototypes:K or a list c:v,c:v,...)");
    }
    String[] items = s.split(",", -1);
    if (items.length > MAX_HYPOTHESES) throw new SpecException("hypotheses: at most " + MAX_HYPOTHESES + " are allowed");
    List<Hypothesis> hs = new ArrayList<>();
    for (String item : items) {
      String[] f = item.strip().split(":", -1);
      if (f.length < 2 || f.length > 3) {
        throw new SpecException("hypotheses: '" + ExactNumber.abbreviate(item.strip()) + "' is not center:value or center:value:logprior");
      }
      ExactNumber center = ExactNumber.parse(f[0], "hypothesis center");
      Hypothesis.Value value = f[1].strip().equals("z")
          ? new Hypothesis.Input()
          : new Hypothesis.Constant(ExactNumber.parse(f[1], "hypothesis value"));
      ExactNumber prior = f.length == 3 ? ExactNumber.parse(f[2], "hypothesis log-prior") : ExactNumber.ZERO;
      hs.add(new Hypothesis(center, value, prior));
    }
    return new HypothesisSet(String.join(",", hs.stream().map(Hypothesis::toString).toList()), hs, reject);
  }

  private static Hypothesis constant(long center, long value) {
    return new Hypothesis(ExactNumber.of(center), new Hypothesis.Constant(ExactNumber.of(value)), ExactNumber.ZERO);
  }

  /** Number of outputs of a vector statistic: every hypothesis plus the background one. */
  public int size() {
    return hypotheses.size() + (rejectEnergy.isPresent() ? 1 : 0);
  }

  /** True when every value is a constant and the constants are symmetric: {@code g(-c) = -g(c)}. */
  public boolean isOddSymmetric() {
    if (rejectEnergy.isPresent()) return false;
    for (Hypothesis h : hypotheses) {
      if (!(h.value() instanceof Hypothesis.Constant c)) return false;
      boolean mirrored = hypotheses.stream().anyMatch(o -> o.center().equals(h.center().negate())
          && o.value() instanceof Hypothesis.Constant oc && oc.number().equals(c.number().negate())
          && o.logPrior().equals(h.logPrior()));
      if (!mirrored) return false;
    }
    return true;
  }
}
