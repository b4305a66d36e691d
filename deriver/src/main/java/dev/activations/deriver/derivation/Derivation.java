package dev.activations.deriver.derivation;

import dev.activations.deriver.spec.ActivationSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The immutable result of deriving one activation: named symbolic results, no Java. Later stages
 * (lowering, reports) read it and never call back into the derivation.
 *
 * <p>Two forms are kept for every output. The <b>structured</b> form is built from the pieces
 * that make evaluation stable (pairwise energy differences {@code D[h][k] = e_h - e_k}, each
 * simplified on its own, and responsibilities {@code 1/(1 + sum_k exp(-D[k][h]))}); it is left
 * unevaluated so Symja's normalisation cannot undo that structure. The <b>closed</b> form is what
 * simplification found ({@code Tanh[z]}, a rational function, ...): what people read, and a
 * candidate for evaluation where it lowers to stable primitives.
 *
 * @param energies effective energy of each hypothesis, {@code e_h = k(z, mu_h)/T - pi_h}
 *     (the background hypothesis last, when present)
 * @param values the value {@code g_h} each hypothesis passes on
 * @param differences {@code D[h][k] = e_h - e_k}, simplified (zero on the diagonal)
 * @param logPartition {@code A = log sum_h exp(-e_h)}, for display
 * @param responsibilities structured {@code r_h}
 * @param structured structured form of each output
 * @param closed closed form of each output (equal to the structured form when nothing simpler
 *     was found)
 * @param derivative structured d/dz of each output
 * @param closedDerivative simplified d/dz of each output, for display
 * @param parameterDerivatives for each free parameter, structured d/dparam of each output
 * @param emIdentity whether {@code dA/de_h = -r_h} was verified for every h
 * @param kinks points where the statistic or its derivative is not differentiable (InputForm)
 * @param notes what a reader should know: fallbacks taken, limits hit, kinks
 * @param pairedDerivatives another form of the derivatives, by variable ({@code "z"} or a free
 *     parameter's name), one per output, offered to the selection beside the structured one: the
 *     responsibilities' derivatives paired on a pivot for three or more hypotheses; empty otherwise
 */
public record Derivation(
    ActivationSpec spec,
    List<IExpr> energies,
    List<IExpr> values,
    List<List<IExpr>> differences,
    IExpr logPartition,
    List<IExpr> responsibilities,
    List<IExpr> structured,
    List<IExpr> closed,
    List<IExpr> derivative,
    List<IExpr> closedDerivative,
    Map<String, List<IExpr>> parameterDerivatives,
    boolean emIdentity,
    List<String> kinks,
    List<String> notes,
    Map<String, List<IExpr>> pairedDerivatives) {

  public Derivation {
    Objects.requireNonNull(spec, "spec");
    energies = List.copyOf(energies);
    values = List.copyOf(values);
    differences = differences.stream().map(List::copyOf).toList();
    Objects.requireNonNull(logPartition, "logPartition");
    responsibilities = List.copyOf(responsibilities);
    structured = List.copyOf(structured);
    closed = List.copyOf(closed);
    derivative = List.copyOf(derivative);
    closedDerivative = List.copyOf(closedDerivative);
    parameterDerivatives = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterDerivatives));
    kinks = List.copyOf(kinks);
    notes = List.copyOf(notes);
    pairedDerivatives = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pairedDerivatives));
  }

  /** Number of outputs: 1, or H for vector statistics. */
  public int outputs() {
    return structured.size();
  }
}
