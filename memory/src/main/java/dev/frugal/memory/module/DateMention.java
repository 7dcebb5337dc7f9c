package dev.frugal.memory.module;

/**
 * A date or time expression and what it resolves to.
 *
 * @param expression the words in the evidence ("last Saturday", "8 May 2023")
 * @param resolved the resolved date in ISO form (a day {@code 2023-05-06}, a month {@code 2023-05}
 *     or a year {@code 2023})
 * @param source the evidence's source, for the summary
 */
public record DateMention(String expression, String resolved, String source) {}
