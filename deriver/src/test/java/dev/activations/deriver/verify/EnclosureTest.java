package dev.activations.deriver.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
