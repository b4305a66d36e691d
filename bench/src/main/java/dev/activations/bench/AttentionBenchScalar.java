package dev.activations.bench;

import org.openjdk.jmh.annotations.Fork;

/** Attention in plain Java (SIMD switched off, as without {@code --add-modules}). */
@Fork(value = 1, jvmArgsAppend = "-Ddev.activations.simd=false")
public class AttentionBenchScalar extends AttentionBench {}
