package dev.frugal.memory;

import dev.frugal.core.budget.Spend;
import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.PipelineResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@link Memory#recall}: a knowledge summary for the answering model and what
 * producing it cost.
 *
 * @param query the query
 * @param summary the summary (it restates the memory; it does not answer)
 * @param spend the model spending of the memory modules for this query
 * @param details what each module found and how it ran
 * @param retrieved the chunks retrieved for the query, best first (the Filter's input)
 */
public record Recall(
    String query, String summary, Spend spend, PipelineResult details, List<Chunk> retrieved) {

  /** Copies the retrieved chunks. */
  public Recall {
    retrieved = List.copyOf(retrieved);
  }

  /** The cost in dollars. */
  public double usd() {
    return spend.usd();
  }

  /** The tier each module ran at (a module that fell back to rules is absent). */
  public Map<Module, MemoryTier> tiers() {
    Map<Module, MemoryTier> out = new EnumMap<>(Module.class);
    details
        .runs()
        .forEach(
            r -> {
              if (r.tier() != null) out.put(r.module(), r.tier());
            });
    return out;
  }
}
