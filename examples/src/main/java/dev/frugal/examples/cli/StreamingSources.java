package dev.frugal.examples.cli;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.stream.StreamingModel;
import dev.frugal.testbed.bench.ModelSource;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;

/**
 * The streaming twin of a real model for {@code ./frugal ask --stream}: LangChain4j's streaming
 * client for the same server, model and key, wrapped so the agent meters it as any model.
 */
final class StreamingSources {
  private StreamingSources() {}

  /** {@code blocking}'s model, streamed; the key is read as for the blocking one. */
  static ModelSource of(ModelSource blocking, boolean anthropic, String baseUrl) {
    StreamingModel model;
    if (anthropic) {
      AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder b =
          AnthropicStreamingChatModel.builder()
              .apiKey(System.getenv("ANTHROPIC_API_KEY"))
              .modelName(blocking.name())
              .maxTokens(4096)
              .timeout(Duration.ofSeconds(120));
      if (baseUrl != null) b.baseUrl(baseUrl);
      model = new StreamingModel(b.build());
    } else {
      String key = System.getenv("FRUGAL_API_KEY");
      if (key == null || key.isBlank()) key = System.getenv("OPENAI_API_KEY");
      model =
          new StreamingModel(
              OpenAiStreamingChatModel.builder()
                  .baseUrl(baseUrl != null ? baseUrl : "https://api.openai.com/v1")
                  .apiKey(key)
                  .modelName(blocking.name())
                  .timeout(Duration.ofSeconds(120))
                  .build());
    }
    return new Streamed(blocking.name(), blocking.price(), model);
  }

  private record Streamed(String name, ModelPrice price, StreamingModel chat)
      implements ModelSource {
    @Override
    public boolean simulated() {
      return false;
    }

    @Override
    public NamedModel model(long seed) {
      return new NamedModel(name, chat);
    }
  }
}
