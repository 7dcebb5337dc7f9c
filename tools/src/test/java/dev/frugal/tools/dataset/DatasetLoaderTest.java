package dev.frugal.tools.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Dataset hotpot;

  @TempDir Path tmp;

  @BeforeAll
  static void loadBundled() {
    hotpot = DatasetLoader.bundledHotpotQa();
  }

  @Test
  void bundledHotpotQaHasFiveHundredAnswerableQuestions() {
    assertThat(hotpot.name()).isEqualTo("hotpotqa-dev500");
    assertThat(hotpot.questions()).hasSize(500);
    assertThat(hotpot.skipped()).isZero();
    assertThat(hotpot.source()).contains("hotpotqa-dev500.jsonl");
    for (Question q : hotpot.questions()) {
      assertThat(q.supportingTitles()).as(q.id()).isNotEmpty();
      assertThat(q.paragraphs().stream().map(ContextParagraph::title))
          .as(q.id())
          .containsAll(q.supportingTitles());
    }
  }

  @Test
  void readsTheIrcotFieldsOfTheFirstItem() {
    Question q = hotpot.questions().get(0);
    assertThat(q.id()).isEqualTo("5a8c7595554299585d9e36b6");
    assertThat(q.text())
        .isEqualTo(
            "What government position was held by the woman who portrayed Corliss Archer in the"
                + " film Kiss and Tell?");
    assertThat(q.answers()).containsExactly("Chief of Protocol");
    assertThat(q.type()).isEqualTo(Question.UNKNOWN_TYPE);
    assertThat(q.paragraphs()).hasSize(10);
    assertThat(q.supportingTitles()).contains("Shirley Temple");
    assertThat(q.supportingParagraphs())
        .extracting(ContextParagraph::title)
        .containsExactlyElementsOf(q.supportingTitles());
    assertThat(q.paragraphs().get(1).text()).startsWith("Shirley Temple Black (April 23, 1928");
  }

  @Test
  void readsTheOriginalHotpotQaSchemaJoiningSentencesWithDoubleSpaces() throws IOException {
    Question ircot = hotpot.questions().get(0);
    String line = JSON.writeValueAsString(toOriginalSchema(ircot, "bridge"));

    Dataset d = DatasetLoader.read("one", new StringReader(line + "\n"), "inline");

    Question q = d.questions().get(0);
    assertThat(q.id()).isEqualTo(ircot.id());
    assertThat(q.text()).isEqualTo(ircot.text());
    assertThat(q.answers()).isEqualTo(ircot.answers());
    assertThat(q.type()).isEqualTo("bridge");
    assertThat(q.supportingTitles()).isEqualTo(ircot.supportingTitles());
    assertThat(q.paragraphs())
        .extracting(ContextParagraph::text)
        .isEqualTo(ircot.paragraphs().stream().map(ContextParagraph::text).toList());
    assertThat(q.paragraphs())
        .extracting(ContextParagraph::supporting)
        .isEqualTo(ircot.paragraphs().stream().map(ContextParagraph::supporting).toList());
  }

  @Test
  void detectsTheFormatPerLineAndSkipsBlankLines() throws IOException {
    Question a = hotpot.questions().get(1);
    Question b = hotpot.questions().get(2);
    Path f =
        write(
            ircotLine(hotpot, 1),
            "",
            "   ",
            JSON.writeValueAsString(toOriginalSchema(b, "comparison")));

    Dataset d = DatasetLoader.load(f);

    assertThat(d.name()).isEqualTo("data");
    assertThat(d.questions()).extracting(Question::id).containsExactly(a.id(), b.id());
    assertThat(d.questions().get(1).type()).isEqualTo("comparison");
  }

  @Test
  void skipsAndCountsItemsWhoseContextLacksASupportingTitle() throws IOException {
    ObjectNode missing = toOriginalSchema(hotpot.questions().get(3), "bridge");
    ArrayNode context = (ArrayNode) missing.get("context");
    String supporting = hotpot.questions().get(3).supportingTitles().get(0);
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).get(0).asText().equals(supporting)) context.remove(i);
    }
    ObjectNode noContext = toOriginalSchema(hotpot.questions().get(4), "bridge");
    noContext.remove("context");

    Path f =
        write(
            ircotLine(hotpot, 0),
            JSON.writeValueAsString(missing),
            JSON.writeValueAsString(noContext));
    Dataset d = DatasetLoader.load(f);

    assertThat(d.questions()).hasSize(1);
    assertThat(d.skipped()).isEqualTo(2);
  }

  @Test
  void malformedJsonNamesTheFileAndTheLine() throws IOException {
    Path f = write(ircotLine(hotpot, 0), "", "{\"question_id\": \"x\", oops}");

    assertThatThrownBy(() -> DatasetLoader.load(f))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(f.toString() + ":3")
        .hasMessageContaining("not valid JSON")
        .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void aMissingFieldIsNamedWithTheFieldsThatArePresent() throws IOException {
    ObjectNode item = (ObjectNode) JSON.readTree(ircotLine(hotpot, 0));
    item.remove("question_text");
    Path f = write(JSON.writeValueAsString(item));

    assertThatThrownBy(() -> DatasetLoader.load(f))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(":1:")
        .hasMessageContaining("missing field question_text")
        .hasMessageContaining("question_id");
  }

  @Test
  void aLineOfNeitherSchemaSaysWhatIsExpected() throws IOException {
    Path f = write("{\"idx\": 1, \"question\": \"Who?\", \"answer\": \"Me\"}");

    assertThatThrownBy(() -> DatasetLoader.load(f))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("unrecognised item")
        .hasMessageContaining("question_id")
        .hasMessageContaining("supporting_facts");
  }

  @Test
  void anEmptyFileIsAClearError() throws IOException {
    Path empty = write();
    Path blanks = write("", "  ", "");

    assertThatThrownBy(() -> DatasetLoader.load(empty))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> DatasetLoader.load(blanks))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("no questions");
  }

  @Test
  void aMissingFileSaysSo() {
    Path nowhere = tmp.resolve("nope.jsonl");
    assertThatThrownBy(() -> DatasetLoader.load(nowhere))
        .hasMessageContaining(nowhere.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void twoWikiDevSampleSkipsTheItemsWithoutParagraphs() {
    Optional<Path> f = SharedData.file("2wikimultihopqa/dev200.jsonl");
    assumeTrue(f.isPresent(), "shared 2WikiMultihopQA data not present");

    Dataset d = DatasetLoader.load(f.get());

    assertThat(d.questions().size() + d.skipped()).isEqualTo(200);
    assertThat(d.skipped()).isEqualTo(36);
    assertThat(d.questions()).extracting(Question::type).doesNotContain(Question.UNKNOWN_TYPE);
    assertThat(d.questions().get(0).paragraphs().get(0).text()).contains("  ");
  }

  private Path write(String... lines) throws IOException {
    Path f = tmp.resolve("data.jsonl");
    Files.writeString(f, String.join("\n", lines), StandardCharsets.UTF_8);
    return f;
  }

  /** Question {@code i} of {@code d} written back as an IRCoT line. */
  private static String ircotLine(Dataset d, int i) throws IOException {
    Question q = d.questions().get(i);
    ObjectNode o = JSON.createObjectNode();
    o.put("question_id", q.id());
    o.put("question_text", q.text());
    ArrayNode spans = o.putArray("answers_objects").addObject().putArray("spans");
    q.answers().forEach(spans::add);
    ArrayNode contexts = o.putArray("contexts");
    for (ContextParagraph c : q.paragraphs()) {
      contexts
          .addObject()
          .put("id", c.paragraph().id())
          .put("title", c.title())
          .put("paragraph_text", c.text())
          .put("is_supporting", c.supporting());
    }
    return JSON.writeValueAsString(o);
  }

  /** The same item in the original HotpotQA schema, sentences split at the double spaces. */
  private static ObjectNode toOriginalSchema(Question q, String type) {
    ObjectNode o = JSON.createObjectNode();
    o.put("_id", q.id());
    o.put("type", type);
    o.put("question", q.text());
    o.put("answer", q.answers().get(0));
    ArrayNode context = o.putArray("context");
    for (ContextParagraph c : q.paragraphs()) {
      ArrayNode entry = context.addArray();
      entry.add(c.title());
      ArrayNode sentences = entry.addArray();
      List.of(c.text().split("  ")).forEach(sentences::add);
    }
    ArrayNode facts = o.putArray("supporting_facts");
    q.supportingTitles().forEach(t -> facts.addArray().add(t).add(0));
    return o;
  }
}
