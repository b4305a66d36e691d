package dev.activations.bench;

import org.openjdk.jmh.annotations.Fork;

/** The SIMD path: {@code jdk.incubator.vector} present. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Simd extends ActivationBench {}
