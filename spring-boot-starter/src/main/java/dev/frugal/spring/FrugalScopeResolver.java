package dev.frugal.spring;

import java.util.Optional;

/**
 * Names whose shared budget the current request draws from, e.g. the signed-in user's id. The
 * starter calls it on the thread serving the request (where Spring's {@code RequestContextHolder}
 * or the security context can be read) each time {@link FrugalAgents#forCurrentRequest()} is asked
 * for an agent; the key becomes the scope {@code user:KEY} with the window and caps of {@code
 * frugal.budget.per-user.*}.
 */
@FunctionalInterface
public interface FrugalScopeResolver {

  /**
   * The key of the current request's scope (letters, digits and {@code :._@-}), or empty when the
   * request has none (its runs then draw on the run caps alone).
   */
  Optional<String> scopeKey();
}
