package dev.activations.deriver.derivation.layer;

import dev.activations.deriver.spec.LayerSpec;
import java.util.List;
import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Everything derived for a layer, as Symja expressions (no Java). The backward rule (the
 * vector-Jacobian product, upstream {@code u}) for unit {@code j} of a group is
 *
 * <pre>
 * grad_j = u_j p_j + e'_j (u_j a_j + r_j (C - U g'(A))),   C = sum_i u_i b_i
 * </pre>
 *
 * with {@code p = df/dz}, {@code a = df/de - r df/dr}, {@code b = r df/dr - df/dA} evaluated at
 * unit j (or i), {@code U} the group's upstream (per-group statistics, where every {@code u_i} is
 * {@code U}; per-unit statistics have no {@code g}).
 *
 * @param energy the unit energy {@code e(z) = k(z)/T} with every parameter bound
 * @param slope its derivative {@code e'(z)}, simplified
 * @param unitTerm the local form's per-unit term {@code f(z, e, r, A)}; null for the mode
 * @param groupTerm the local form's group term {@code g(A)}; null for the mode
 * @param direct {@code p = df/dz}
 * @param own {@code a = df/de - r df/dr}
 * @param shared {@code b = r df/dr - df/dA}, summed over the group against the upstream
 * @param groupSlope {@code g'(A)}
 * @param checks the identity checks and their outcomes, in the order run
 * @param parameterSlopes {@code de/dtheta} for each free parameter {@code theta}, in the order of
 *     {@link LayerSpec#free()}: a free parameter's gradient is {@code sum_j de_j/dtheta (u_j a_j +
 *     r_j (C - U g'(A)))}, the rule above without {@code p} and with {@code de/dtheta} for {@code e'}
 */
public record LayerDerivation(LayerSpec spec, IExpr energy, IExpr slope, IExpr unitTerm, IExpr groupTerm,
    IExpr direct, IExpr own, IExpr shared, IExpr groupSlope, List<Check> checks, List<IExpr> parameterSlopes) {

  public LayerDerivation {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(slope, "slope");
    checks = List.copyOf(checks);
    parameterSlopes = List.copyOf(parameterSlopes);
    if (parameterSlopes.size() != spec.free().size()) {
      throw new IllegalArgumentException("one slope per free parameter: " + spec.free() + " vs " + parameterSlopes.size());
    }
  }

  /** A derivation without free parameters. */
  public LayerDerivation(LayerSpec spec, IExpr energy, IExpr slope, IExpr unitTerm, IExpr groupTerm,
      IExpr direct, IExpr own, IExpr shared, IExpr groupSlope, List<Check> checks) {
    this(spec, energy, slope, unitTerm, groupTerm, direct, own, shared, groupSlope, checks, List.of());
  }

  /** One identity check: what was compared, whether it held, and how closely. */
  public record Check(String name, boolean passed, String detail) {
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** True when every check held. */
  public boolean verified() {
    return checks.stream().allMatch(Check::passed);
  }
}
