package dev.frugal.spring;

/** A {@code frugal.*} property is missing or wrong; the message names it and what would do. */
public class FrugalConfigurationException extends IllegalStateException {
  public FrugalConfigurationException(String message) {
    super(message);
  }

  public FrugalConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
