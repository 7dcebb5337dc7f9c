package dev.frugal.core.budget;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A budget shared by many runs (of one process or of many): e.g. a tenant's daily cap {@code
 * tenant:acme/day} or a user's monthly cap {@code user:42/month}. Its caps use the same {@link
 * Budget} vocabulary as a run's own caps; a {@link BudgetStore} keeps its books per {@link Window}.
 *
 * @param name who shares it, e.g. {@code tenant:acme}; letters, digits and {@code : . _ @ -}
 * @param window the period its caps apply to
 * @param caps its caps
 */
public record BudgetScope(String name, Window window, Budget caps) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9:._@-]{1,200}");

  /** Checks the name and that window and caps are given. */
  public BudgetScope {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "scope name must be 1-200 characters of letters, digits and ':._@-' (e.g."
              + " tenant:acme), got '"
              + name
              + "'");
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(caps, "caps");
  }

  /**
   * Parses {@code NAME/WINDOW} (e.g. {@code tenant:acme/day}); a spec without a window has none.
   */
  public static BudgetScope parse(String spec, Budget caps) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "scope must look like NAME/WINDOW, e.g. tenant:acme/day or user:42/month, got '"
              + spec
              + "'");
    }
    int slash = spec.lastIndexOf('/');
    if (slash < 0) return new BudgetScope(spec, Window.NONE, caps);
    return new BudgetScope(spec.substring(0, slash), Window.parse(spec.substring(slash + 1)), caps);
  }

  /** The scope's id, {@code NAME/WINDOW}: how stores key it and the CLI names it. */
  public String id() {
    return name + "/" + window.word();
  }
}
