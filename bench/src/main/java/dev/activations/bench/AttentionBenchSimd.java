package dev.activations.bench;

import org.openjdk.jmh.annotations.Fork;

/** Attention with {@code jdk.incubator.vector} present (the SIMD companion's kernels). */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionBenchSimd extends AttentionBench {}
