package dev.frugal.testbed.memory;

import dev.frugal.memory.history.Tokens;
import dev.frugal.memory.internal.RuleTemporal;
import dev.frugal.memory.module.Evidence;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIMULATED note-taking model (not a real model) for {@link SessionNotes}. It sees one session
 * and no question, and reads no gold data: it understands each sentence of its prompt with
 * probability {@code skill}, drawn by {@link Comprehension} from the stream keyed on the sentence,
 * the model and the seed (so it understands a sentence exactly when the same model does as a memory
 * tier), and restates understood sentences that carry at least {@link
 * MemoryParameter#NOTE_MIN_KEYWORDS} keywords, the most informative first, as many as its output
 * cap holds, in the session's order; then the relative dates of the kept sentences, resolved by the
 * same rules as the LOW Temporal tier. Every output is text from its prompt. Token usage is one
 * token per four characters.
 */
final class SimulatedNoteWriter implements ChatModel {
  private static final Pattern LINE =
      Pattern.compile("(?m)^#(\\d+) \\[([^,\\]]*), ([0-9-]+)] (.*)$");

  private final String name;
  private final double skill;
  private final long seed;
  private final MemoryAssumptions a;

  /** {@code a} holds the keyword floor and the dates' share ({@link MemoryParameter}). */
  SimulatedNoteWriter(String name, double skill, long seed, MemoryAssumptions a) {
    this.name = name;
    this.skill = skill;
    this.seed = seed;
    this.a = a;
  }

  private record Sentence(int order, String source, LocalDate date, String text, int keywords) {}

  @Override
  public ChatResponse doChat(ChatRequest request) {
    String prompt =
        ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
    if (!prompt.startsWith(SessionNotes.PROMPT_HEAD)) {
      return reply(prompt, "I can only take notes of a session.");
    }
    List<Sentence> all = new ArrayList<>();
    Matcher m = LINE.matcher(prompt);
    while (m.find()) {
      LocalDate d;
      try {
        d = LocalDate.parse(m.group(3));
      } catch (RuntimeException e) {
        d = LocalDate.of(2000, 1, 1);
      }
      for (String s : Tokens.sentences(m.group(4))) {
        all.add(new Sentence(all.size(), m.group(2), d, s, Tokens.keywords(s).size()));
      }
    }
    // question-independent understanding: every sentence of the prompt is a candidate
    Comprehension c =
        new Comprehension(
            new java.util.HashSet<>(all.stream().map(Sentence::text).toList()), List.of(), seed);
    java.util.Set<String> understood = new java.util.HashSet<>(c.understood(prompt, name, skill));
    List<Sentence> candidates = new ArrayList<>();
    for (Sentence s : all)
      if (s.keywords() >= a.count(MemoryParameter.NOTE_MIN_KEYWORDS)
          && understood.contains(s.text())) candidates.add(s);
    candidates.sort(
        Comparator.comparingInt((Sentence s) -> -s.keywords()).thenComparingInt(Sentence::order));
    int capChars =
        (request.maxOutputTokens() == null ? Integer.MAX_VALUE / 8 : request.maxOutputTokens()) * 4;
    // what the sentences may fill: the cap less the dates' share, rounded up (an eighth: 7c/8)
    int textChars = capChars - (int) Math.ceil(capChars * a.get(MemoryParameter.NOTE_DATE_SHARE));
    int used = 0;
    List<Sentence> kept = new ArrayList<>();
    for (Sentence s : candidates) {
      int len = note(s).length() + 1;
      if (used + len > textChars) continue; // the rest is left for the dates
      used += len;
      kept.add(s);
    }
    kept.sort(Comparator.comparingInt(Sentence::order));
    StringBuilder out = new StringBuilder();
    for (Sentence s : kept) out.append(note(s)).append('\n');
    List<Evidence> evidence = new ArrayList<>();
    for (Sentence s : kept) evidence.add(new Evidence(0, s.source(), s.date(), s.text(), 0));
    for (var d : new RuleTemporal().extract(evidence)) {
      String line = "DATE: " + d.expression() + " | " + d.resolved() + "\n";
      if (out.length() + line.length() > capChars) break;
      out.append(line);
    }
    return reply(prompt, out.toString().strip());
  }

  private static String note(Sentence s) {
    return "NOTE: " + s.source() + ": " + s.text();
  }

  private static ChatResponse reply(String prompt, String text) {
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(text))
        .tokenUsage(new TokenUsage(prompt.length() / 4 + 1, text.length() / 4 + 1))
        .build();
  }
}
