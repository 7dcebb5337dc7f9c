package dev.frugal.memory.module;

/** A module's budget tier; the ordinal is the tier router's action index. */
public enum MemoryTier {
  /** Free: rule-based code. */
  LOW,
  /** The middle tier of the module's axis. */
  MID,
  /** The dearest tier of the module's axis. */
  HIGH
}
