package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of the README's "Streaming" and "Conversations" sections compile against the
 * public API, with only the imports a user would write and the variables the text names ({@code
 * model}, a LangChain4j {@code ChatModel}).
 */
class ReadmeSnippetsTest {
  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.frugal.core.*;",
          "import dev.frugal.core.budget.*;",
          "import dev.frugal.core.stream.*;",
          "import dev.frugal.core.trace.*;",
          "import dev.langchain4j.model.chat.ChatModel;",
          "import dev.langchain4j.model.openai.*;",
          "");

  @TempDir Path out;

  static List<String> snippets(String readme, String section) {
    int start = readme.indexOf("\n## " + section + "\n");
    assertThat(start).as("README section '## %s'", section).isNotNegative();
    int end = readme.indexOf("\n## ", start + 4);
    String text = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  @Test
  void theStreamingAndConversationSnippetsCompile() throws Exception {
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    List<String> all = new ArrayList<>();
    for (String section : List.of("Streaming", "Conversations")) {
      List<String> found = snippets(readme, section);
      assertThat(found).as("java snippets in '## %s'", section).isNotEmpty();
      all.addAll(found);
    }
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      String cls = "Snippet" + i;
      String code =
          IMPORTS
              + "class "
              + cls
              + " {\n  void run(ChatModel model) throws Exception {\n"
              + all.get(i)
              + "\n  }\n}\n";
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + cls + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return code;
            }
          });
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    boolean ok =
        javac
            .getTask(
                log,
                null,
                diagnostics,
                List.of(
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-proc:none"),
                null,
                sources)
            .call();
    assertThat(ok).as("README snippets compile: %s %s", diagnostics.getDiagnostics(), log).isTrue();
    assertThat(Files.list(out).map(p -> p.getFileName().toString()))
        .contains("Snippet0.class", "Snippet1.class");
  }
}
