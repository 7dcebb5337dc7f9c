package dev.frugal.router.policy;

import java.util.List;
import java.util.Objects;

/**
 * The inputs a policy network was trained on: a schema name, its version and the ordered feature
 * names. A saved network carries its schema; loading it for another schema is an error ({@link
 * PolicySchemaException}), because a network fed features in another order or meaning decides
 * nonsense without complaint.
 */
public record FeatureSchema(String name, int version, List<String> features) {
  /** Checks the name, version and features and copies the list. */
  public FeatureSchema {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("schema name is blank");
    if (version < 1)
      throw new IllegalArgumentException("schema version must be >= 1, got " + version);
    features = List.copyOf(Objects.requireNonNull(features, "features"));
    if (features.isEmpty())
      throw new IllegalArgumentException("a schema needs at least one feature");
    if (features.stream().distinct().count() != features.size()) {
      throw new IllegalArgumentException(
          "feature names repeat in schema " + name + ": " + features);
    }
  }

  /** The number of features. */
  public int size() {
    return features.size();
  }

  /** {@code name@version (n features)}, for messages. */
  public String describe() {
    return name + "@" + version + " (" + features.size() + " features)";
  }
}
