package dev.activations.deriver.cli;

import dev.activations.deriver.spec.HypothesisSet;
import dev.activations.deriver.spec.Kernel;
import dev.activations.deriver.spec.KernelCatalog;
import dev.activations.deriver.spec.LayerStatistic;
import dev.activations.deriver.spec.Parameter;
import dev.activations.deriver.spec.Statistic;

/** The text of {@code derive --list}. */
final class Listing {
  private Listing() {}

  static String text(KernelCatalog catalog) {
    StringBuilder b = new StringBuilder("Kernels (energy k(z, mu); lower is a better match):\n");
    for (Kernel k : catalog.all()) {
      b.append(String.format("  %-13s %s%n", k.name(), k.energy()));
      b.append(String.format("  %-13s %s%n", "", k.description()));
      for (Parameter p : k.parameters()) {
        b.append(String.format("  %-13s   %s = %s  (%s)  %s%n", "", p.name(), p.defaultValue(), p.domain(), p.description()));
      }
    }
    b.append("\nHypotheses (--hypotheses):\n");
    for (String h : HypothesisSet.presetDescriptions()) b.append("  ").append(h).append('\n');
    b.append("  --reject E0     adds a background hypothesis of constant energy E0 and value 0\n");
    b.append("\nStatistics (--stat):\n");
    for (Statistic s : Statistic.values()) b.append(String.format("  %-21s %s%n", s.cliName(), s.description()));
    b.append("\nLayers (--layer [--group G]): unit kernels (--kernel; energy k(z) of one unit's input):\n");
    for (Kernel k : KernelCatalog.units().all()) {
      b.append(String.format("  %-13s %s%n", k.name(), k.energy()));
      for (Parameter p : k.parameters()) {
        b.append(String.format("  %-13s   %s = %s  (%s)  %s%n", "", p.name(), p.defaultValue(), p.domain(), p.description()));
      }
    }
    b.append("Layer statistics (--stat):\n");
    for (LayerStatistic s : LayerStatistic.values()) b.append(String.format("  %-21s %s%n", s.cliName(), s.definition()));
    return b.toString();
  }
}
