package dev.frugal.testbed.memory;

import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Spend;
import dev.frugal.memory.history.Document;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.Tokens;
import dev.frugal.memory.history.Turn;
import dev.frugal.memory.internal.RuleTemporal;
import dev.frugal.memory.model.ModelCaller;
import dev.frugal.memory.model.ModelSize;
import dev.frugal.memory.model.PromptStyle;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-summarised notes baseline (docs/memory.md, "Baselines"; the Mem0 / A-MEM-style baselines
 * of BudgetMem, arXiv 2602.06025): at <em>write time</em>, before any question is known, a model
 * reads each session of a dialogue (or each document) once and writes notes of the facts worth
 * keeping, with relative dates resolved against the session's date. Each call is paid on the ledger
 * given, through the same metered caller as the memory's tiers (reserved before, settled after), so
 * the notes' cost is in the same units as a tier's. A question is then answered from the notes
 * alone.
 */
public final class SessionNotes {
  /** The first line of a note-writing prompt; the simulated note writer recognises it. */
  static final String PROMPT_HEAD = "[memory notes: session]";

  /** The prompt style of every note-writing call (its output cap bounds each session's notes). */
  static final PromptStyle STYLE = PromptStyle.DIRECT;

  private SessionNotes() {}

  /**
   * The notes of a history and what writing them cost.
   *
   * @param lines the notes, session by session, oldest first: a "[session, date]" header, "- " note
   *     lines and a "Dates: ..." line per session
   * @param cost what the note-writing calls cost, all sessions together
   * @param calls how many note-writing calls were made (one per session or document)
   */
  public record Notes(List<String> lines, Spend cost, int calls) {
    public Notes {
      lines = List.copyOf(lines);
    }
  }

  /** One session or document as the note writer sees it. */
  private record Unit(String label, LocalDate date, List<String[]> lines) {}

  /**
   * Writes the notes of {@code history}, one call of the {@code size} model per session (or
   * document), each paid on {@code ledger}.
   */
  public static Notes write(History history, ModelCaller caller, ModelSize size, Ledger ledger) {
    List<String> out = new ArrayList<>();
    Spend cost = Spend.ZERO;
    List<Unit> units = units(history);
    for (Unit u : units) {
      ModelCaller.Reply reply = caller.call(size, prompt(u), STYLE, ledger);
      cost = cost.plus(reply.spend());
      out.add("[" + u.label() + ", " + RuleTemporal.spoken(u.date()) + "]");
      List<String> dates = new ArrayList<>();
      for (String line : reply.text().lines().toList()) {
        if (line.startsWith("NOTE: ")) out.add("- " + line.substring(6).strip());
        else if (line.startsWith("DATE: ")) {
          String[] p = line.substring(6).split("\\|", 2);
          if (p.length == 2) dates.add("\"" + p[0].strip() + "\" = " + p[1].strip());
        }
      }
      if (!dates.isEmpty()) out.add("Dates: " + String.join("; ", dates));
    }
    return new Notes(out, cost, units.size());
  }

  static String prompt(Unit u) {
    StringBuilder sb =
        new StringBuilder(PROMPT_HEAD)
            .append('\n')
            .append(
                "You keep long-term notes of a conversation or a document for a memory that will be"
                    + " asked questions later. Read the part below and write each fact worth"
                    + " remembering on its own line as NOTE: <who or what>: <the fact> (keep names,"
                    + " numbers and dates), then each relative date resolved against the part's"
                    + " date as DATE: <expression> | <YYYY-MM-DD>. Skip greetings and small talk.\n")
            .append("Part: ")
            .append(u.label())
            .append(", dated ")
            .append(RuleTemporal.spoken(u.date()))
            .append('\n');
    int i = 1;
    for (String[] l : u.lines()) {
      sb.append('#')
          .append(i++)
          .append(" [")
          .append(l[0].replace(",", " ").replace("]", ")"))
          .append(", ")
          .append(u.date())
          .append("] ")
          .append(l[1].replace('\n', ' '))
          .append('\n');
    }
    return sb.append(STYLE.instruction()).toString();
  }

  private static List<Unit> units(History history) {
    List<Unit> units = new ArrayList<>();
    if (history instanceof History.Dialogue d) {
      Map<Integer, List<Turn>> bySession = new LinkedHashMap<>();
      for (Turn t : d.turns())
        bySession.computeIfAbsent(t.session(), k -> new ArrayList<>()).add(t);
      bySession.forEach(
          (s, turns) -> {
            List<String[]> lines = new ArrayList<>();
            for (Turn t : turns) lines.add(new String[] {t.speaker(), t.text()});
            units.add(new Unit("session " + (s + 1), turns.get(0).date(), lines));
          });
    } else if (history instanceof History.Documents docs) {
      for (Document doc : docs.documents()) {
        List<String[]> lines = new ArrayList<>();
        String title = doc.title().isEmpty() ? "untitled" : doc.title();
        for (String s : Tokens.sentences(doc.text())) lines.add(new String[] {title, s});
        units.add(new Unit(title, doc.date(), lines));
      }
    }
    return units;
  }
}
