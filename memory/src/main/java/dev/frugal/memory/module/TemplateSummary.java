package dev.frugal.memory.module;

import dev.frugal.memory.internal.RuleTemporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LOW-tier Summary: a structured template of what the other modules found (entities, dates,
 * topics) and the kept evidence grouped by source with its date. It restates the memory; it never
 * answers the query.
 */
final class TemplateSummary {

  public String write(
      String query,
      List<Evidence> evidence,
      List<EntityMention> entities,
      List<DateMention> dates,
      List<String> topics) {
    StringBuilder sb = new StringBuilder("Memory notes for: ").append(query).append('\n');
    if (!entities.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (EntityMention e : entities) names.add(e.name() + " (" + e.type().toLowerCase() + ")");
      sb.append("Entities: ").append(String.join("; ", names)).append('\n');
    }
    if (!dates.isEmpty()) {
      List<String> ds = new ArrayList<>();
      for (DateMention d : dates) ds.add("\"" + d.expression() + "\" = " + d.resolved());
      sb.append("Dates: ").append(String.join("; ", ds)).append('\n');
    }
    if (!topics.isEmpty()) sb.append("Topics: ").append(String.join(", ", topics)).append('\n');
    sb.append("Evidence:\n");
    Map<String, List<Evidence>> bySource = new LinkedHashMap<>();
    for (Evidence e : evidence) bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
    bySource.forEach(
        (source, items) -> {
          sb.append("[")
              .append(source.isEmpty() ? "untitled" : source)
              .append(", ")
              .append(RuleTemporal.spoken(items.get(0).date()))
              .append("]\n");
          for (Evidence e : items) sb.append("- ").append(e.sentence()).append('\n');
        });
    return sb.toString().strip();
  }
}
