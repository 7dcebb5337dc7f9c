package dev.frugal.observability.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders finished spans as an indented tree with chosen attributes (docs/observability.md). */
final class SpanTreeText {
  private SpanTreeText() {}

  static String render(List<SpanData> spans, List<AttributeKey<?>> shown) {
    Map<String, List<SpanData>> children =
        spans.stream()
            .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
            .collect(Collectors.groupingBy(SpanData::getParentSpanId));
    StringBuilder sb = new StringBuilder();
    for (SpanData root : spans.stream().filter(s -> !s.getParentSpanContext().isValid()).toList()) {
      render(root, children, shown, "", sb);
    }
    return sb.toString();
  }

  private static void render(
      SpanData s,
      Map<String, List<SpanData>> children,
      List<AttributeKey<?>> shown,
      String indent,
      StringBuilder sb) {
    Map<String, Object> attrs = new TreeMap<>();
    for (AttributeKey<?> k : shown) {
      Object v = s.getAttributes().get(k);
      if (v != null) attrs.put(k.getKey(), v);
    }
    sb.append(indent).append(s.getName());
    if (s.getStatus().getStatusCode() == io.opentelemetry.api.trace.StatusCode.ERROR) {
      sb.append("  [ERROR]");
    }
    if (!attrs.isEmpty()) sb.append("  ").append(attrs);
    sb.append('\n');
    for (SpanData c : children.getOrDefault(s.getSpanId(), List.of())) {
      render(c, children, shown, indent + "  ", sb);
    }
  }
}
