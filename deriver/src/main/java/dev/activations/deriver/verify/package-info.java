/**
 * Checks on emitted code. {@link dev.activations.deriver.verify.InMemoryCompiler} compiles
 * generated sources in memory against {@code java.base} alone and loads them in a fresh loader.
 */
package dev.activations.deriver.verify;
