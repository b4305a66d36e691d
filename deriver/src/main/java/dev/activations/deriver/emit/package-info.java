/**
 * Java source from the lowering IR, with JavaPoet.
 *
 * <ul>
 *   <li>{@link dev.activations.deriver.emit.KnownFunctions}: each IR function as data, a {@code
 *       java.lang.Math} call or a private helper (logistic, softplus, tanhPrime) with its source.
 *   <li>{@link dev.activations.deriver.emit.JavaExprPrinter}: one expression to Java text, strict,
 *       minimal parentheses, evaluating exactly as {@code DoubleEvaluator} interprets the tree.
 *   <li>{@link dev.activations.deriver.emit.ClassEmitter}: a whole activation class (scalar, float,
 *       array, backward and parameter-derivative methods; guards; Javadoc) depending on {@code
 *       java.base} only.
 * </ul>
 */
package dev.activations.deriver.emit;
