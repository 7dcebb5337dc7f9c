package dev.frugal.core.intercept;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Random;

/**
 * When and how often a failed model call is tried again: on timeouts, HTTP 429 and 5xx
 * (LangChain4j's {@link RetriableException}s, or an {@link HttpException} with such a status), with
 * exponential backoff and jitter. Every attempt is reserved and charged on its own, so retries stay
 * within budget: a retry the ledger cannot pay for is not made.
 *
 * <p>Defaults: 3 attempts, 500 ms first backoff doubling up to 8 s, 20% jitter. LangChain4j models
 * have their own retries; set theirs to 0 ({@code maxRetries(0)}) so that this budget-aware one is
 * the only one.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    double jitter) {

  /** Checks the settings; each error names the setting and its valid range. */
  public RetryPolicy {
    if (maxAttempts < 1)
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    if (initialBackoff.isNegative())
      throw new IllegalArgumentException("initialBackoff must be >= 0");
    if (!(multiplier >= 1))
      throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }
    if (!(jitter >= 0 && jitter < 1))
      throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
  }

  /** The default policy (see the class comment). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8), 0.2);
  }

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, 0);
  }

  /** The wait before attempt {@code attempt + 1} (attempt is 1-based). */
  public Duration backoff(int attempt, Random random) {
    double base = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, maxBackoff.toMillis());
    double j = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * random.nextDouble();
    return Duration.ofMillis(Math.round(capped * j));
  }

  /** True when {@code e} (or a cause) is a timeout, a rate limit or a server error. */
  public static boolean isRetriable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      if (t instanceof HttpException h && (h.statusCode() == 429 || h.statusCode() >= 500)) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }
}
