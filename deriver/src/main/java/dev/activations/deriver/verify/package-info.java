/**
 * Independent high-precision reference values for activations, used by tests and by {@code derive
 * --check} to hold generated code to its contract (relative error at most 1e-12 for values and
 * 1e-10 for derivatives over the whole double range).
 *
 * <p>Which type for which job:
 *
 * <ul>
 *   <li>{@link dev.activations.deriver.verify.Definition} and {@link
 *       dev.activations.deriver.verify.HypothesisDef}: the unsimplified definition, as the user's
 *       text; {@link dev.activations.deriver.verify.Statistic}: the statistics by CLI name.
 *   <li>{@link dev.activations.deriver.verify.HighPrecisionExpression}: one energy (or constant)
 *       parsed with Symja's low-level parser only and evaluated over apfloat, never by Symja.
 *   <li>{@link dev.activations.deriver.verify.ReferenceEvaluator}: the statistic's value and
 *       derivative at a double or exact decimal input, to a target number of correct digits, with
 *       adaptive precision; results in {@link dev.activations.deriver.verify.ReferencePoint}.
 *   <li>{@link dev.activations.deriver.verify.Accuracy}: the error measure and the standard sample
 *       points.
 *   <li>{@link dev.activations.deriver.verify.ReferenceScorer}, {@link
 *       dev.activations.deriver.verify.ReferenceTable}: candidate forms measured against the
 *       reference; {@link dev.activations.deriver.verify.InMemoryCompiler}: emitted sources compiled
 *       against {@code java.base} alone.
 * </ul>
 *
 * Package-private machinery: {@code Rational} (exact arithmetic), {@code Enclosure} (values with
 * error bounds, and a log form beyond apfloat's exponent range), {@code Dual} (an enclosure and its
 * derivative, for forward differentiation), {@code BigMath} (fast exp, log, sqrt on apfloat).
 */
package dev.activations.deriver.verify;
