package dev.frugal.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;

/**
 * One question and its dollar cap, read from {@code POST /api/ask}'s JSON body or {@code GET
 * /api/ask/stream}'s parameters (docs/web.md, "Endpoints"). Anything else is a {@link
 * BadRequestException} that says what is valid.
 */
record AskRequest(String question, double usd) {

  /** The longest question accepted, in characters. */
  static final int MAX_QUESTION_CHARS = 2000;

  static final String SHAPE =
      "a JSON object {\"question\": \"TEXT\", \"usd\": DOLLARS}: question a non-blank string of at"
          + " most "
          + MAX_QUESTION_CHARS
          + " characters, usd (optional) a number above 0 and at most "
          + WebSettings.MAX_USD;

  /** Reads {@code POST /api/ask}'s body. */
  static AskRequest fromJson(String body, ObjectMapper json, double defaultUsd) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("the request body is empty; send " + SHAPE);
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (Exception e) {
      throw new BadRequestException("the request body is not valid JSON; send " + SHAPE);
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("the request body must be " + SHAPE);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("question") && !f.equals("usd")) {
        throw new BadRequestException(
            "unknown field '" + f + "'; the valid fields are question and usd: " + SHAPE);
      }
    }
    JsonNode q = root.get("question");
    if (q == null || q.isNull()) {
      throw new BadRequestException("the field 'question' is missing; send " + SHAPE);
    }
    if (!q.isTextual()) {
      throw new BadRequestException(
          "the field 'question' must be a string, got "
              + q.getNodeType().name().toLowerCase(Locale.ROOT)
              + "; send "
              + SHAPE);
    }
    JsonNode u = root.get("usd");
    Double usd = null;
    if (u != null && !u.isNull()) {
      if (!u.isNumber()) {
        throw new BadRequestException(
            "the field 'usd' must be a number of dollars, got " + u + "; send " + SHAPE);
      }
      usd = u.asDouble();
    }
    return of(q.asText(), usd, defaultUsd);
  }

  /** Reads {@code GET /api/ask/stream}'s parameters. */
  static AskRequest fromParameters(String question, String usd, double defaultUsd) {
    if (question == null) {
      throw new BadRequestException(
          "the parameter 'question' is missing; ask as /api/ask/stream?question=TEXT&usd=DOLLARS"
              + " (usd optional, above 0 and at most "
              + WebSettings.MAX_USD
              + ")");
    }
    Double dollars = null;
    if (usd != null && !usd.isBlank()) {
      try {
        dollars = Double.parseDouble(usd.strip());
      } catch (NumberFormatException e) {
        throw new BadRequestException(
            "the parameter 'usd' must be a number of dollars above 0 and at most "
                + WebSettings.MAX_USD
                + ", got '"
                + usd
                + "'");
      }
    }
    return of(question, dollars, defaultUsd);
  }

  private static AskRequest of(String question, Double usd, double defaultUsd) {
    String q = question.strip();
    if (q.isEmpty()) {
      throw new BadRequestException("the question is blank; " + SHAPE);
    }
    if (q.length() > MAX_QUESTION_CHARS) {
      throw new BadRequestException(
          "the question has "
              + q.length()
              + " characters, more than the "
              + MAX_QUESTION_CHARS
              + " accepted");
    }
    double d = usd == null ? defaultUsd : usd;
    if (!(d > 0 && d <= WebSettings.MAX_USD)) {
      throw new BadRequestException(
          String.format(
              Locale.ROOT,
              "usd must be above 0 and at most %s dollars, got %s",
              WebSettings.MAX_USD,
              usd));
    }
    return new AskRequest(q, d);
  }
}
