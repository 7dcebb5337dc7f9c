package dev.frugal.memory.module;

/** The five modules of the pipeline, in the order they run; the ordinal is stable. */
public enum Module {
  /** The Filter: keeps the evidence sentences. */
  FILTER(
      "Filter: keeps the sentences of the retrieved chunks that bear on the query and drops the"
          + " rest."),
  /** Entity extraction. */
  ENTITY("Entity extraction: names the people, places, organisations and things in the evidence."),
  /** Temporal extraction. */
  TEMPORAL(
      "Temporal extraction: finds dates and times in the evidence and resolves relative ones"
          + " against the session date."),
  /** Topic extraction. */
  TOPIC("Topic extraction: labels what the evidence is about."),
  /** The Summary for the answering model. */
  SUMMARY(
      "Summary: writes a knowledge summary of the evidence for the answering model, without"
          + " answering the query.");

  private final String description;

  Module(String description) {
    this.description = description;
  }

  /** A sentence saying what the module does (embedded as the router's module description). */
  public String description() {
    return description;
  }
}
