package dev.frugal.memory.module;

import java.time.LocalDate;

/**
 * A sentence of a retrieved chunk that the Filter kept.
 *
 * @param chunk the chunk's id
 * @param source where the chunk came from (document title or session)
 * @param date the chunk's session or document date
 * @param sentence the sentence
 * @param score the Filter's relevance score (its own scale)
 */
public record Evidence(int chunk, String source, LocalDate date, String sentence, double score) {}
