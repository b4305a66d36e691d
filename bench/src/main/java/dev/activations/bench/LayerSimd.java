package dev.activations.bench;

import org.openjdk.jmh.annotations.Fork;

/** Layers with {@code jdk.incubator.vector} present. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerSimd extends LayerBench {}
