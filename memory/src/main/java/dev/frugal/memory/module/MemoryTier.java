package dev.frugal.memory.module;

/** A module's budget tier; the ordinal is the tier router's action index. */
public enum MemoryTier {
  LOW,
  MID,
  HIGH
}
