package dev.activations.deriver.verify;

/**
 * The elementary functions of the expression language, as both arithmetics of the reference
 * provide them: {@link Enclosure} (values) and {@link Dual} (values with derivatives). One
 * interface so that {@link HighPrecisionExpression} dispatches a call in one place for both.
 *
 * @param <T> the arithmetic
 */
interface Elementary<T extends Elementary<T>> {
  T exp(long p);

  T log(long p);

  T sqrt(long p);

  T abs();

  T sinh(long p);

  T cosh(long p);

  T tanh(long p);

  T sech(long p);

  T sign(long p);

  T atan(long p);

  T asinh(long p);
}
