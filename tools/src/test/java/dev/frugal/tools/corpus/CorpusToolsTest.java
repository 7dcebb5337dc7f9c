package dev.frugal.tools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.core.tool.ToolArgumentException;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolRegistry.Prepared;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.tools.dataset.DatasetLoader;
import dev.frugal.tools.dataset.Paragraph;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The search and open tools as the engine drives them: through a {@link ToolRegistry}. */
class CorpusToolsTest {
  private static CorpusIndex index;
  private static ToolRegistry tools;

  @BeforeAll
  static void build() {
    index = CorpusIndex.of(DatasetLoader.bundledHotpotQa().first(20));
    tools = ToolRegistry.builder().add(new SearchTool(index)).add(new OpenTool(index)).build();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static Prepared.Ready prepare(String tool, String json) {
    Prepared p =
        tools.prepare(ToolExecutionRequest.builder().id("c1").name(tool).arguments(json).build());
    assertThat(p).isInstanceOf(Prepared.Ready.class);
    return (Prepared.Ready) p;
  }

  private static ToolResult run(String tool, String json) throws Exception {
    Prepared.Ready r = prepare(tool, json);
    return r.tool().execute(r.call());
  }

  @Test
  void searchCostsOneQueryUnitPerQuery() {
    Prepared.Ready r = prepare("search", "{\"queries\": [\"a\", \"b\", \"c\"]}");
    assertThat(r.units()).isEqualTo(3);
    assertThat(r.tool().unitRule().unitLabel()).isEqualTo("Query");
    assertThat(prepare("open", "{\"ids\": [\"p1\", \"p2\"]}").units()).isEqualTo(2);
    assertThat(new OpenTool(index).unitRule().unitLabel()).isEqualTo("Open");
  }

  @Test
  void searchListsIdTitleAndSnippetPerQuery() throws Exception {
    ToolResult r =
        run("search", "{\"queries\": [\"Shirley Temple\", \"Kiss and Tell 1945 film\"]}");

    assertThat(r.error()).isFalse();
    String[] blocks = r.text().split("\n\n");
    assertThat(blocks).hasSize(2);
    assertThat(blocks[0]).startsWith("Results for \"Shirley Temple\":\n1. [p");
    assertThat(blocks[1]).startsWith("Results for \"Kiss and Tell 1945 film\":\n1. [p");
    Paragraph temple = index.byTitle("Shirley Temple").get(0);
    assertThat(blocks[0])
        .contains(
            "[" + temple.id() + "] Shirley Temple \u2014 " + CorpusIndex.snippet(temple.text()));
    assertThat(blocks[0].lines().count()).isBetween(2L, 11L);
    assertThat(r.text()).doesNotContain("Chief of Protocol");
  }

  @Test
  void searchWithNothingToFindSaysSo() throws Exception {
    ToolResult r = run("search", "{\"queries\": [\"the of\"]}");
    assertThat(r.error()).isFalse();
    assertThat(r.text()).isEqualTo("Results for \"the of\":\n(no results; try other words)");
  }

  @Test
  void searchRejectsEmptyAndBlankQueries() throws Exception {
    assertThatThrownBy(() -> run("search", "{\"queries\": []}"))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessage(
            "'queries' is empty; pass at least one query, e.g. {\"queries\": [\"your words\"]}");
    assertThatThrownBy(() -> run("search", "{\"queries\": [\"Shirley Temple\", \"  \"]}"))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessage("query 2 of 2 is blank; every query needs text");
  }

  @Test
  void searchWithoutQueriesIsRejectedBySchema() {
    Prepared p =
        tools.prepare(
            ToolExecutionRequest.builder().name("search").arguments("{\"query\": \"x\"}").build());
    assertThat(p).isInstanceOf(Prepared.Rejected.class);
    assertThat(((Prepared.Rejected) p).message()).contains("missing required argument 'queries'");
  }

  @Test
  void openReturnsFullTextByIdOrExactTitle() throws Exception {
    Paragraph temple = index.byTitle("Shirley Temple").get(0);
    ToolResult byId = run("open", "{\"ids\": [\"" + temple.id() + "\"]}");
    ToolResult byTitle = run("open", "{\"ids\": [\"shirley temple\"]}");

    assertThat(byId.error()).isFalse();
    assertThat(byId.text()).isEqualTo("[" + temple.id() + "] Shirley Temple\n" + temple.text());
    assertThat(byTitle).isEqualTo(byId);
    assertThat(byId.text()).contains("Chief of Protocol");
  }

  @Test
  void openNamesUnknownIdsAndSuggestsSearch() throws Exception {
    ToolResult none = run("open", "{\"ids\": [\"p99999\", \"Atlantis\"]}");
    assertThat(none.error()).isTrue();
    assertThat(none.text()).contains("\"p99999\", \"Atlantis\"").contains("search");

    ToolResult some = run("open", "{\"ids\": [\"p1\", \"Atlantis\"]}");
    assertThat(some.error()).isFalse();
    assertThat(some.text()).startsWith("[p1] ").contains("Not found: \"Atlantis\"");

    assertThatThrownBy(() -> run("open", "{\"ids\": []}"))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessageStartingWith("'ids' is empty; pass at least one paragraph id or title");
  }
}
