package dev.activations.deriver.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Reference values and derivatives of one definition at a fixed set of points, computed once and
 * shared by everything that measures candidates against them (form selection, --check, tests).
 * Points where the definition itself cannot be evaluated are left out.
 */
public final class ReferenceTable {
  private final List<ReferencePoint> points;

  private ReferenceTable(List<ReferencePoint> points) {
    this.points = List.copyOf(points);
  }

  public static ReferenceTable at(ReferenceEvaluator reference, double[] zs) {
    List<ReferencePoint> points = new ArrayList<>();
    for (double z : zs) {
      try {
        points.add(reference.evaluate(z));
      } catch (ArithmeticException | InsufficientPrecisionException | org.apfloat.ApfloatRuntimeException e) {
        // the definition has no finite value here (or needs more digits than allowed): no point
      }
    }
    return new ReferenceTable(points);
  }

  /**
   * The reference at {@code zs}, taking the points {@code known} already has (the same input)
   * from it instead of evaluating them again.
   */
  public static ReferenceTable at(ReferenceEvaluator reference, double[] zs, ReferenceTable known) {
    java.util.Map<Double, ReferencePoint> byInput = new java.util.HashMap<>();
    for (ReferencePoint p : known.points) {
      byInput.put(p.z().doubleValue(), p); // each z is a double: its BigDecimal is exact
    }
    List<ReferencePoint> points = new ArrayList<>();
    List<Double> missing = new ArrayList<>();
    for (double z : zs) {
      ReferencePoint p = byInput.get(z);
      if (p != null && p.z().compareTo(new java.math.BigDecimal(z)) == 0) {
        points.add(p);
      } else {
        missing.add(z);
      }
    }
    points.addAll(at(reference, missing.stream().mapToDouble(Double::doubleValue).toArray()).points);
    return new ReferenceTable(points);
  }

  public List<ReferencePoint> points() {
    return points;
  }
}
