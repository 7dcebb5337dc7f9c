package dev.frugal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.mcp.client.McpServerSpec;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpServerSpecTest {

  @Test
  void aCommandIsSplitAtSpacesKeepingQuotedArguments() {
    McpServerSpec s = McpServerSpec.parse("files=npx -y server /tmp/a 'My Docs' \"\"");
    assertThat(s.name()).isEqualTo("files");
    assertThat(((McpServerSpec.Transport.Stdio) s.transport()).command())
        .containsExactly("npx", "-y", "server", "/tmp/a", "My Docs", "");
  }

  @Test
  void anHttpUrlIsAStreamableHttpServer() {
    McpServerSpec s = McpServerSpec.parse("docs=http://127.0.0.1:3001/mcp");
    assertThat(s.transport())
        .isEqualTo(
            new McpServerSpec.Transport.StreamableHttp(URI.create("http://127.0.0.1:3001/mcp")));
  }

  @Test
  void aLongCommandIsShortenedInMessages() {
    McpServerSpec s = McpServerSpec.parse("x=java -cp " + "/a/b.jar:".repeat(100) + " Main");
    assertThat(s.brief())
        .hasSizeLessThanOrEqualTo(160)
        .startsWith("x=java -cp /a/b.jar")
        .endsWith(" Main");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThatThrownBy(() -> McpServerSpec.parse("npx server"))
        .hasMessageContaining("NAME=COMMAND ARGS... or NAME=URL")
        .hasMessageContaining("e.g.");
    assertThatThrownBy(() -> McpServerSpec.parse("files="))
        .hasMessageContaining("names no command or URL");
    assertThatThrownBy(() -> McpServerSpec.parse("my files=npx x"))
        .hasMessageContaining("'my files' is not valid");
    assertThatThrownBy(() -> McpServerSpec.parse("f=npx 'open"))
        .hasMessageContaining("unclosed quote");
    assertThatThrownBy(() -> List.of(McpServerSpec.parse("f=http://bad host/")))
        .hasMessageContaining("is not a valid URL");
  }
}
