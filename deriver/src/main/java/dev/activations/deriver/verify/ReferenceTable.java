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

  public List<ReferencePoint> points() {
    return points;
  }
}
