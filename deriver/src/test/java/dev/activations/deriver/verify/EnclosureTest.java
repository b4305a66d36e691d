package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;

class EnclosureTest {
  /**
   * A double exponential (its logarithm beyond the doubles) plus a term whose magnitude has no
   * finite bound: the sum is undecided at this precision (the caller passes the point over or
   * works harder), not an enclosure with a NaN radius. The exponential kernel's free energy with a
   * free rate ended in "internal error: NaN radius" there.
   */
  @Test
  void hugeSumWithAnUnboundedTermIsUndecided() {
    long p = 30;
    Enclosure huge = Enclosure.fromLog(1, Enclosure.approx(new Apfloat("1e400", p), 370), p);
    Enclosure unbounded = Enclosure.approx(new Apfloat(0), Double.POSITIVE_INFINITY);
    assertThrows(InsufficientPrecisionException.class, () -> huge.add(unbounded, p));
    assertThrows(InsufficientPrecisionException.class, () -> unbounded.subtract(huge, p));
  }

  /**
   * The exponential of a negative argument beyond the doubles whose radius is beyond them too
   * ({@code -|z - 1|^(3/2)} at z = 1e300 is about -1e450, its radius at 40 digits about 1e410):
   * 0 within a negligible radius, not "NaN radius" (the generalized Welsch energy {@code 1 -
   * Exp[-Abs[z-mu]^p]} at p = 3/2 ended in an internal error there); an argument as wide as itself
   * is undecided.
   */
  @Test
  void expOfAHugeNegativeArgumentWithAHugeRadiusIsZero() {
    long p = 40;
    Enclosure e = Enclosure.approx(new Apfloat("-1e450", p), 410).exp(p);
    assertEquals(0, e.approxDouble());
    assertTrue(e.logRadius() < -1e300, "log radius " + e.logRadius());
    assertThrows(InsufficientPrecisionException.class, () -> Enclosure.approx(new Apfloat("-1e450", p), 450).exp(p));
  }
}
