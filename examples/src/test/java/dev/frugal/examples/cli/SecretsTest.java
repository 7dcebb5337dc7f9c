package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which values count as secrets, and their redaction in text and in a byte stream. */
class SecretsTest {
  private final Secrets secrets =
      Secrets.fromEnvironment(
          Map.of(
              "FRUGAL_API_KEY", "sk-abcdef123456",
              "BRAVE_API_KEY", "BSAxyz987654321",
              "GITHUB_TOKEN", "ghp_tokenvalue01",
              "SHORT_API_KEY", "abc",
              "HOME", "/home/someone-long-enough"));

  @Test
  void configuredKeysAndEchoedCredentialHeadersAreRedacted() {
    assertThat(secrets.redact("key sk-abcdef123456 and BSAxyz987654321, ghp_tokenvalue01"))
        .isEqualTo("key [redacted] and [redacted], [redacted]");
    assertThat(secrets.redact("X-Subscription-Token: someOtherToken99 sent"))
        .isEqualTo("X-Subscription-Token: [redacted] sent");
    assertThat(secrets.redact("{\"api_key\": \"tvly-unknown-12345\"}"))
        .isEqualTo("{\"api_key\": \"[redacted]\"}");
    assertThat(secrets.redact("authorization=Bearer eyJhbGciOi.x.y"))
        .isEqualTo("authorization=Bearer [redacted]");
    // Short values and non-secret variables are left alone.
    assertThat(secrets.redact("abc /home/someone-long-enough"))
        .isEqualTo("abc /home/someone-long-enough");
  }

  @Test
  void theStreamRedactsAcrossWritesOfOneLineAndKeepsOtherBytes() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new RedactingOutputStream(sink, secrets), true, StandardCharsets.UTF_8);

    out.print("café sk-abc");
    out.print("def123456 ");
    out.println("naïve");
    out.print("no newline BSAxyz987654321");
    out.flush();

    assertThat(sink.toString(StandardCharsets.UTF_8))
        .isEqualTo("café [redacted] naïve\nno newline [redacted]");
  }

  @Test
  void aFlushHoldsBackOnlyWhatCouldStartASecret() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new RedactingOutputStream(sink, secrets), true, StandardCharsets.UTF_8);

    out.print("progress 3/10 sk-ab");
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("progress 3/10 ");
    out.print("cdef123456\r");
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("progress 3/10 [redacted]\r");
  }
}
