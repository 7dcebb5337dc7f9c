package dev.frugal.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.ToolArgumentException;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSearchToolTest {
  private final LocalServer local = new LocalServer();

  @AfterEach
  void stop() {
    local.close();
  }

  private static ToolCall call(String json) throws Exception {
    return new ToolCall("c1", "search", new ObjectMapper().readTree(json));
  }

  @Test
  void eachQueryCostsOneUnitAndShowsTitleUrlAndSnippet() throws Exception {
    local.json(
        200,
        "{\"results\":[{\"url\":\"https://a.example/1\",\"title\":\"A one\",\"content\":\"first"
            + " snippet\"}]}");
    local.json(200, "{\"results\":[]}");
    WebSearchTool tool = new WebSearchTool(new SearxngBackend(local.url("/"), local.client()));
    ToolCall c = call("{\"queries\":[\"alpha\",\"beta\"]}");

    ToolResult r = tool.execute(c);

    assertThat(tool.unitRule().units(c.arguments())).isEqualTo(2);
    assertThat(tool.name()).isEqualTo("search");
    assertThat(r.error()).isFalse();
    assertThat(r.text())
        .isEqualTo(
            "Results for \"alpha\":\n1. A one\n   https://a.example/1\n   first snippet\n\n"
                + "Results for \"beta\":\n(no results; try other words)");
  }

  @Test
  void aFailedQueryIsShownInItsBlockAndAllFailedIsAToolError() throws Exception {
    local.json(200, "{\"results\":[{\"url\":\"https://a.example/1\",\"title\":\"A\"}]}");
    local.json(400, "{\"error\":\"bad query\"}");
    local.json(400, "{\"error\":\"bad query\"}");
    WebSearchTool tool = new WebSearchTool(new SearxngBackend(local.url("/"), local.client()));

    ToolResult partly = tool.execute(call("{\"queries\":[\"ok\",\"broken\"]}"));
    ToolResult none = tool.execute(call("{\"queries\":[\"broken\"]}"));

    assertThat(partly.error()).isFalse();
    assertThat(partly.text()).contains("1. A").contains("ERROR: SearxNG answered HTTP 400");
    assertThat(none.error()).isTrue();
    assertThat(none.text()).startsWith("SearxNG search failed: SearxNG answered HTTP 400");
    assertThat(List.of(partly.text(), none.text())).allMatch(t -> t.contains("bad query"));
  }

  @Test
  void emptyAndBlankQueriesAreRejectedWithAnExample() throws Exception {
    WebSearchTool tool = new WebSearchTool(new SearxngBackend(local.url("/"), local.client()));

    assertThatThrownBy(() -> tool.execute(call("{\"queries\":[]}")))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessageContaining("{\"queries\": [");
    assertThatThrownBy(() -> tool.execute(call("{\"queries\":[\"a\",\" \"]}")))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessageContaining("query 2 of 2 is blank");
    assertThat(local.server.getRequestCount()).isZero();
  }
}
