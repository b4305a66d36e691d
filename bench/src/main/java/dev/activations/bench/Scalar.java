package dev.activations.bench;

import org.openjdk.jmh.annotations.Fork;

/** The plain-Java fallback: SIMD switched off (as without {@code --add-modules}). */
@Fork(value = 1, jvmArgsAppend = "-Ddev.activations.simd=false")
public class Scalar extends ActivationBench {}
