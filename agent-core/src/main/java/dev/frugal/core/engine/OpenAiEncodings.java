package dev.frugal.core.engine;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.frugal.core.TokenCounter;
import java.util.Locale;
import java.util.Optional;

/** OpenAI's public encodings through jtokkit (bundled in its jar: nothing is downloaded). */
public final class OpenAiEncodings {
  private OpenAiEncodings() {}

  /** Loaded on first use only: an agent of other models never reads the encodings. */
  private static final class Registry {
    static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  }

  /** OpenAI's tokenizer for {@code model}, when its name says which encoding it uses. */
  public static Optional<TokenCounter> forModel(String model) {
    if (model == null) return Optional.empty();
    String m = model.toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/'); // e.g. openai/gpt-4o-mini on a gateway
    if (slash >= 0) m = m.substring(slash + 1);
    EncodingType type;
    if (m.startsWith("gpt-4o")
        || m.startsWith("chatgpt-4o")
        || m.startsWith("gpt-4.1")
        || m.startsWith("gpt-4.5")
        || m.startsWith("gpt-5")
        || m.startsWith("o1")
        || m.startsWith("o3")
        || m.startsWith("o4")) {
      type = EncodingType.O200K_BASE;
    } else if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
      type = EncodingType.CL100K_BASE;
    } else {
      return Optional.empty();
    }
    return Optional.of(new Counter(type));
  }

  private record Counter(EncodingType type) implements TokenCounter {
    @Override
    public long count(String text) {
      Encoding e = Registry.REGISTRY.getEncoding(type);
      return e.countTokens(text);
    }

    @Override
    public String toString() {
      return type.getName();
    }
  }
}
