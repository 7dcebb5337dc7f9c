package dev.frugal.memory.module;

/**
 * A named thing found in the evidence.
 *
 * @param name its surface form
 * @param type PERSON, PLACE, ORGANIZATION, DATE-like types are Temporal's; NAME when unknown
 */
public record EntityMention(String name, String type) {}
