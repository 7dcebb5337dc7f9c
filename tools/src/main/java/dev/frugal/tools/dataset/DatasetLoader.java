package dev.frugal.tools.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads multi-hop QA datasets, one JSON object per line, in either of two schemas, detected line by
 * line:
 *
 * <ul>
 *   <li><b>IRCoT processed</b>: {@code question_id, question_text, answers_objects[].spans,
 *       contexts[{id, title, paragraph_text, is_supporting}]} (optional {@code type});
 *   <li><b>HotpotQA / 2WikiMultihopQA original</b>: {@code _id, type, question, answer, context
 *       [[title, [sentences]]], supporting_facts [[title, sent_id]]}; the sentences of a paragraph
 *       are joined with a double space, the IRCoT convention for sentence boundaries.
 * </ul>
 *
 * <p>Blank lines are ignored. An item whose context lacks one of its supporting titles (or that
 * names none) cannot be answered from its paragraphs; it is skipped and counted in {@link
 * Dataset#skipped()}. Anything else that does not fit the schema is a {@link
 * DatasetFormatException} naming the file, the line and the field.
 */
public final class DatasetLoader {

  /** The classpath resource holding the bundled HotpotQA sample (CC BY-SA 4.0, see NOTICE). */
  public static final String BUNDLED_HOTPOTQA_RESOURCE =
      "/dev/frugal/tools/dataset/hotpotqa-dev500.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SENTENCE_BREAK = "  ";

  private DatasetLoader() {}

  /**
   * The bundled sample: the first 500 questions of the HotpotQA distractor dev set in the IRCoT
   * processed format (250 bridge, 250 comparison; 4,858 unique paragraphs).
   */
  public static Dataset bundledHotpotQa() {
    InputStream in = DatasetLoader.class.getResourceAsStream(BUNDLED_HOTPOTQA_RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "bundled resource "
              + BUNDLED_HOTPOTQA_RESOURCE
              + " is missing from the classpath; is the tools jar complete?");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read("hotpotqa-dev500", r, "classpath:" + BUNDLED_HOTPOTQA_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED_HOTPOTQA_RESOURCE, e);
    }
  }

  /** Loads a file, naming the dataset after the file (without {@code .jsonl}). */
  public static Dataset load(Path file) {
    String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return load(file, fileName.replaceFirst("\\.jsonl?$", ""));
  }

  /** Loads a file under the given dataset name. */
  public static Dataset load(Path file, String name) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, r, file.toString());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "dataset file " + file + " does not exist; pass the path of a .jsonl file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a dataset from {@code reader}; {@code source} names it in errors and in {@link
   * Dataset#source()}. The reader is not closed.
   */
  public static Dataset read(String name, Reader reader, String source) throws IOException {
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    List<Question> questions = new ArrayList<>();
    int skipped = 0;
    int lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) continue;
      Question q = parseLine(line, new Where(source, lineNo));
      if (q == null) skipped++;
      else questions.add(q);
    }
    if (questions.isEmpty() && skipped == 0) {
      throw new DatasetFormatException(
          source,
          0,
          "no questions: the file is empty or holds only blank lines; expected one JSON object per"
              + " line (IRCoT or HotpotQA/2WikiMultihopQA schema)");
    }
    if (questions.isEmpty()) {
      throw new DatasetFormatException(
          source,
          0,
          "all "
              + skipped
              + " items were skipped because none has its supporting paragraphs in its context");
    }
    return new Dataset(name, questions, skipped, source);
  }

  /** Where a line came from, for error messages. */
  private record Where(String source, int line) {
    DatasetFormatException error(String problem) {
      return new DatasetFormatException(source, line, problem);
    }
  }

  /** The question on this line, or null when the item must be skipped. */
  private static Question parseLine(String line, Where at) {
    JsonNode item;
    try {
      item = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new DatasetFormatException(
          at.source(),
          at.line(),
          "not valid JSON (" + e.getOriginalMessage() + "); expected one JSON object per line",
          e);
    }
    if (item == null || !item.isObject()) {
      throw at.error("expected a JSON object, got " + describe(item));
    }
    if (item.has("question_id") || item.has("contexts")) return parseIrcot(item, at);
    if (item.has("_id") || item.has("supporting_facts")) return parseOriginal(item, at);
    throw at.error(
        "unrecognised item with fields "
            + fieldNames(item)
            + "; expected the IRCoT schema (question_id, question_text, answers_objects, contexts)"
            + " or the HotpotQA/2WikiMultihopQA schema (_id, question, answer, context,"
            + " supporting_facts)");
  }

  private static Question parseIrcot(JsonNode item, Where at) {
    String id = requiredText(item, "question_id", at);
    String text = requiredText(item, "question_text", at);
    List<String> answers = new ArrayList<>();
    for (JsonNode obj : requiredArray(item, "answers_objects", at)) {
      JsonNode spans = obj.get("spans");
      if (spans != null && spans.isArray()) {
        spans.forEach(s -> addIfPresent(answers, s));
      }
      addIfPresent(answers, obj.get("number"));
    }
    if (answers.isEmpty()) {
      throw at.error(
          "answers_objects holds no answer: expected at least one non-empty string in"
              + " answers_objects[].spans");
    }
    List<ContextParagraph> paragraphs = new ArrayList<>();
    Set<String> supporting = new LinkedHashSet<>();
    JsonNode contexts = requiredArray(item, "contexts", at);
    for (int i = 0; i < contexts.size(); i++) {
      JsonNode c = contexts.get(i);
      String field = "contexts[" + i + "]";
      if (!c.isObject()) throw at.error(field + " must be an object, got " + describe(c));
      String pid = c.hasNonNull("id") ? c.get("id").asText() : String.valueOf(i);
      String title = requiredText(c, "title", field, at);
      String body = requiredString(c, "paragraph_text", field, at);
      JsonNode flag = c.get("is_supporting");
      if (flag != null && !flag.isNull() && !flag.isBoolean()) {
        throw at.error(field + ".is_supporting must be true or false, got " + describe(flag));
      }
      boolean isSupporting = flag != null && flag.asBoolean(false);
      if (isSupporting) supporting.add(title);
      paragraphs.add(new ContextParagraph(new Paragraph(pid, title, body), isSupporting));
    }
    if (supporting.isEmpty()) return null;
    return new Question(id, text, answers, optionalType(item), List.copyOf(supporting), paragraphs);
  }

  private static Question parseOriginal(JsonNode item, Where at) {
    String id = requiredText(item, "_id", at);
    String text = requiredText(item, "question", at);
    String answer = requiredText(item, "answer", at);
    Set<String> supporting = new LinkedHashSet<>();
    JsonNode facts = requiredArray(item, "supporting_facts", at);
    for (int i = 0; i < facts.size(); i++) {
      JsonNode f = facts.get(i);
      if (!f.isArray() || f.isEmpty() || !f.get(0).isTextual()) {
        throw at.error(
            "supporting_facts[" + i + "] must be [title, sentence_index], got " + describe(f));
      }
      supporting.add(f.get(0).asText());
    }
    JsonNode context = item.get("context");
    List<ContextParagraph> paragraphs = new ArrayList<>();
    Set<String> titles = new LinkedHashSet<>();
    if (context != null && !context.isNull()) {
      if (!context.isArray()) {
        throw at.error(
            "context must be an array of [title, [sentences]], got " + describe(context));
      }
      for (int i = 0; i < context.size(); i++) {
        JsonNode c = context.get(i);
        if (!c.isArray() || c.size() != 2 || !c.get(0).isTextual() || !c.get(1).isArray()) {
          throw at.error("context[" + i + "] must be [title, [sentences]], got " + describe(c));
        }
        String title = c.get(0).asText();
        List<String> sentences = new ArrayList<>();
        for (JsonNode s : c.get(1)) {
          if (!s.isTextual()) {
            throw at.error("context[" + i + "] sentences must be strings, got " + describe(s));
          }
          if (!s.asText().isBlank()) sentences.add(s.asText().strip());
        }
        titles.add(title);
        paragraphs.add(
            new ContextParagraph(
                new Paragraph(String.valueOf(i), title, String.join(SENTENCE_BREAK, sentences)),
                supporting.contains(title)));
      }
    }
    if (supporting.isEmpty() || !titles.containsAll(supporting)) return null;
    return new Question(
        id, text, List.of(answer), optionalType(item), List.copyOf(supporting), paragraphs);
  }

  private static String optionalType(JsonNode item) {
    JsonNode t = item.get("type");
    return t != null && t.isTextual() && !t.asText().isBlank() ? t.asText() : Question.UNKNOWN_TYPE;
  }

  private static void addIfPresent(List<String> answers, JsonNode n) {
    if (n != null && (n.isTextual() || n.isNumber()) && !n.asText().isBlank()) {
      String a = n.asText().strip();
      if (!answers.contains(a)) answers.add(a);
    }
  }

  private static String requiredText(JsonNode obj, String field, Where at) {
    return requiredText(obj, field, null, at);
  }

  /** A non-blank string (or number, read as text). */
  private static String requiredText(JsonNode obj, String field, String parent, Where at) {
    String s = requiredString(obj, field, parent, at);
    if (s.isBlank()) throw at.error(qualified(parent, field) + " is blank; it needs a value");
    return s;
  }

  /** A string (or number, read as text), possibly empty. */
  private static String requiredString(JsonNode obj, String field, String parent, Where at) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw at.error(
          "missing field " + qualified(parent, field) + "; the object has " + fieldNames(obj));
    }
    if (!n.isTextual() && !n.isNumber()) {
      throw at.error(qualified(parent, field) + " must be a string, got " + describe(n));
    }
    return n.asText();
  }

  private static JsonNode requiredArray(JsonNode obj, String field, Where at) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw at.error("missing field " + field + "; the object has " + fieldNames(obj));
    }
    if (!n.isArray()) throw at.error(field + " must be an array, got " + describe(n));
    return n;
  }

  private static String qualified(String parent, String field) {
    return parent == null ? field : parent + "." + field;
  }

  private static List<String> fieldNames(JsonNode obj) {
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) return "nothing";
    if (n.isNull()) return "null";
    if (n.isTextual()) return "a string";
    if (n.isNumber()) return "the number " + n;
    if (n.isBoolean()) return n.toString();
    if (n.isArray()) return "an array of " + n.size();
    return "an object";
  }
}
