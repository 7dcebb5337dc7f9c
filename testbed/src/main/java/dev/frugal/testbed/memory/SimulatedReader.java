package dev.frugal.testbed.memory;

import dev.frugal.memory.internal.PatternEntities;
import dev.frugal.memory.module.EntityMention;
import java.util.List;
import java.util.Locale;

/**
 * The SIMULATED answering model of the memory testbed (not a real model): it reads the question and
 * the memory's summary only. When it understood (via {@link Comprehension}, skill {@link
 * MemoryParameter#READER_SKILL}) at least one supporting sentence in the summary and an answer span
 * occurs in what it understood or in the summary's resolved dates (a template's "Dates" lines, a
 * model summary's "Dates mentioned:" part), it answers that span; a yes/no question is answered
 * right when it understood {@link MemoryParameter#YES_NO_SUPPORT} supporting sentences (or all
 * there are), else by a coin keyed on the question; otherwise it answers a plausible name read in
 * the summary that the question does not mention, or "unknown".
 */
final class SimulatedReader {
  private SimulatedReader() {}

  static String answer(String question, String summary, Comprehension c, MemoryAssumptions a) {
    List<String> understood =
        c.understood(summary, "sim-reader", a.get(MemoryParameter.READER_SKILL));
    if (c.yesNo()) {
      if (understood.size() >= Math.min(a.count(MemoryParameter.YES_NO_SUPPORT), c.needed()))
        return c.yesNoAnswer();
      return (question.hashCode() & 1) == 0 ? "yes" : "no";
    }
    if (!understood.isEmpty()) {
      StringBuilder read = new StringBuilder(String.join(" ", understood));
      summary.lines().filter(l -> l.startsWith("Dates")).forEach(l -> read.append(' ').append(l));
      // a model-written summary states its resolved dates inline, after "Dates mentioned:"
      int dates = summary.indexOf("Dates mentioned:");
      if (dates >= 0) read.append(' ').append(summary.substring(dates));
      var span = c.spanIn(read.toString());
      if (span.isPresent()) return span.get();
    }
    String q = question.toLowerCase(Locale.ROOT);
    // a name read in the evidence lines (a template summary's "- " lines, or a model's prose)
    List<String> evidence =
        summary.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).toList();
    if (evidence.isEmpty()) evidence = List.of(summary);
    for (EntityMention e : new PatternEntities().extract(evidence)) {
      if (!q.contains(e.name().toLowerCase(Locale.ROOT))) return e.name();
    }
    return "unknown";
  }
}
