package dev.activations.deriver.derivation.attention;

import dev.activations.deriver.derivation.layer.LayerDerivation;
import dev.activations.deriver.spec.AttentionSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Everything derived for an attention class, as Symja expressions (no Java).
 *
 * <p>A <em>Gram</em> kernel is a scalar function {@code f(qq, qk, kk, dd; dim)} of {@code qq =
 * <q,q>}, {@code qk = <q,k>}, {@code kk = <k,k>}, {@code dd = |q-k|^2}; the engine assembles
 *
 * <pre>
 * grad_q e = 2 f_qq q + f_qk k + 2 f_dd (q - k)
 * grad_k e = f_qk q + 2 f_kk k - 2 f_dd (q - k)
 * </pre>
 *
 * An <em>angular</em> kernel depends on the cosine {@code rho = qk / (|q| |k|)} only, {@code e =
 * g(rho; dim)}; then, with unit vectors {@code qh = q/|q|}, {@code kh = k/|k|},
 *
 * <pre>
 * grad_q e = g'(rho) / |q| (kh - rho qh)
 * grad_k e = g'(rho) / |k| (qh - rho kh)
 * </pre>
 *
 * which the emitted code evaluates on scaled vectors, so that no norm overflows.
 *
 * @param energy {@code f} over the Gram entries and {@code dim}, parameters bound, divided by T
 * @param partials {@code f_qq, f_qk, f_kk, f_dd} by entry name (a Gram kernel; zero partials kept)
 * @param angular {@code g(rho; dim)}, or null for a Gram kernel
 * @param angularSlope {@code g'(rho)}, or null
 * @param differences divided differences of the energy ({@code "energy"}) and of each partial (by entry
 *     name) between a key and the winning key: {@code F(x) - F(y) = sum_v (x_v - y_v) DD_v}, telescoped
 *     over {@code qk, kk, dd} (symbols {@code qkW, kkW, ddW} for the winner's entries); a function whose
 *     differences do not cancel symbolically (a logarithm, say) is absent
 * @param checks the identity checks and their outcomes, in the order run
 * @param parameterPartials the energy's partial by each free parameter, in the order of {@code
 *     spec.free()} (a function of the Gram entries, or of {@code rho} for an angular kernel)
 */
public record AttentionDerivation(AttentionSpec spec, IExpr energy, Map<String, IExpr> partials, IExpr angular,
    IExpr angularSlope, Map<String, Map<String, IExpr>> differences, List<LayerDerivation.Check> checks,
    Map<String, IExpr> parameterPartials) {

  public AttentionDerivation(AttentionSpec spec, IExpr energy, Map<String, IExpr> partials, IExpr angular,
      IExpr angularSlope, Map<String, Map<String, IExpr>> differences, List<LayerDerivation.Check> checks) {
    this(spec, energy, partials, angular, angularSlope, differences, checks, Map.of());
  }

  public AttentionDerivation {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(energy, "energy");
    // Insertion-ordered copies: Map.copyOf iterates in an order that changes from one JVM to the
    // next (a per-run salt), and the emitted methods and Javadoc follow this order, so the catalog's
    // attention classes differed between two builds (the determinism check caught it).
    partials = Collections.unmodifiableMap(new LinkedHashMap<>(partials));
    Map<String, Map<String, IExpr>> ordered = new LinkedHashMap<>();
    differences.forEach((k, v) -> ordered.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    differences = Collections.unmodifiableMap(ordered);
    checks = List.copyOf(checks);
    parameterPartials = Collections.unmodifiableMap(new LinkedHashMap<>(parameterPartials));
  }

  public boolean isAngular() {
    return angular != null;
  }

  /** Whether the kernel uses weighted entries {@code <x, W y>} (a run-time weight vector {@code w}). */
  public boolean weighted() {
    return GramForm.weighted(spec.kernel().energy());
  }

  public boolean verified() {
    return checks.stream().allMatch(LayerDerivation.Check::passed);
  }
}
