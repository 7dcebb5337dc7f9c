package dev.frugal.memory.internal;

import dev.frugal.memory.module.EntityMention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LOW-tier Entity extractor: a gazetteer of well-known places and organisations ({@code
 * gazetteer.tsv}), the speakers of a dialogue, and patterns over capitalised word sequences
 * (honorifics mark a person, suffixes such as "University" or "Inc." an organisation, "in/at/from
 * X" a place). Month and weekday names are left to the Temporal module. Free and deterministic.
 */
public final class PatternEntities {
  private static final Pattern SPEAKER = Pattern.compile("^([\\p{Lu}][\\p{L}'-]+): ");
  // Capitalised words, allowing a few lower-case connectors inside a name ("Bank of America").
  private static final Pattern NAME =
      Pattern.compile(
          "\\b(?:[\\p{Lu}][\\p{L}'&.-]*|[0-9]+[\\p{L}]*)"
              + "(?:\\s+(?:(?:of|de|la|du|van|von|and|the|for)\\s+)?[\\p{Lu}][\\p{L}'&.-]*)*");
  private static final Set<String> HONORIFICS =
      Set.of("mr", "mrs", "ms", "dr", "prof", "sir", "lady", "lord", "president", "king", "queen");
  private static final Set<String> ORG_WORDS =
      Set.of(
          "university",
          "college",
          "school",
          "inc",
          "inc.",
          "corp",
          "corp.",
          "company",
          "ltd",
          "club",
          "band",
          "team",
          "association",
          "society",
          "institute",
          "foundation",
          "party",
          "records",
          "studios",
          "pictures",
          "bank",
          "church",
          "museum",
          "hospital",
          "academy",
          "council",
          "agency",
          "group",
          "united",
          "fc");
  private static final Set<String> TIME_WORDS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "today",
          "yesterday",
          "tomorrow",
          "christmas",
          "easter",
          "session");
  // Capitalised words that start sentences or are capitalised for other reasons than naming.
  private static final Set<String> NOT_NAMES =
      new java.util.HashSet<>(
          java.util.Arrays.asList(
              "i",
              "i'm",
              "i've",
              "i'll",
              "i'd",
              "the",
              "a",
              "an",
              "and",
              "but",
              "or",
              "so",
              "it",
              "it's",
              "that",
              "this",
              "these",
              "those",
              "there",
              "they",
              "we",
              "you",
              "he",
              "she",
              "my",
              "your",
              "our",
              "his",
              "her",
              "their",
              "what",
              "when",
              "where",
              "who",
              "why",
              "how",
              "which",
              "yes",
              "no",
              "oh",
              "wow",
              "hey",
              "hi",
              "hello",
              "thanks",
              "thank",
              "great",
              "sounds",
              "that's",
              "sure",
              "yeah",
              "well",
              "also",
              "just",
              "maybe",
              "do",
              "did",
              "does",
              "is",
              "are",
              "was",
              "were",
              "have",
              "has",
              "had",
              "can",
              "could",
              "would",
              "will",
              "should",
              "if",
              "in",
              "on",
              "at",
              "for",
              "from",
              "to",
              "of",
              "with",
              "as",
              "after",
              "before",
              "not",
              "all",
              "some",
              "any",
              "one",
              "two",
              "lol",
              "haha",
              "awesome",
              "nice",
              "cool",
              "good",
              "love",
              "let",
              "let's",
              "here",
              "then",
              "now",
              "by",
              "its",
              "he's",
              "she's",
              "they're",
              "we're",
              "you're",
              "being",
              "after",
              "last",
              "next",
              "during",
              "since",
              "until",
              "although",
              "because",
              "while",
              "though",
              "still",
              "even",
              "again",
              "absolutely",
              "definitely",
              "totally",
              "really",
              "very",
              "glad",
              "happy",
              "same",
              "me",
              "him",
              "them",
              "us",
              "both",
              "each",
              "every",
              "many",
              "most",
              "other",
              "another",
              "such",
              "more",
              "much",
              "only",
              "first",
              "new",
              "old",
              "amazing"));
  private static final Map<String, String> GAZETTEER = loadGazetteer();

  /** The entities of {@code sentences}, each name once, in order of first appearance. */
  public List<EntityMention> extract(List<String> sentences) {
    Map<String, String> found = new LinkedHashMap<>();
    for (String sentence : sentences) {
      String text = sentence;
      Matcher sp = SPEAKER.matcher(text);
      if (sp.find()) {
        found.putIfAbsent(sp.group(1), "PERSON");
        text = text.substring(sp.end());
      }
      for (Map.Entry<String, String> g : GAZETTEER.entrySet()) {
        if (containsPhrase(text, g.getKey())) found.putIfAbsent(g.getKey(), g.getValue());
      }
      Matcher m = NAME.matcher(text);
      while (m.find()) {
        String name = trim(m.group());
        if (name.isEmpty() || covered(found, name)) continue;
        String type = classify(text, m.start(), name);
        if (type != null) found.putIfAbsent(name, type);
      }
    }
    List<EntityMention> out = new ArrayList<>();
    found.forEach((n, t) -> out.add(new EntityMention(n, t)));
    return out;
  }

  private static String trim(String name) {
    List<String> words = new ArrayList<>(List.of(name.split("\\s+")));
    while (!words.isEmpty() && stripDot(words.get(0)).isEmpty()) words.remove(0);
    // drop leading words that are sentence openers or time words, trailing punctuation
    while (!words.isEmpty()) {
      String w = stripDot(words.get(0)).toLowerCase(Locale.ROOT);
      if (NOT_NAMES.contains(w) || TIME_WORDS.contains(w) || w.matches("[0-9]+")) words.remove(0);
      else break;
    }
    while (!words.isEmpty()) {
      String w = stripDot(words.get(words.size() - 1)).toLowerCase(Locale.ROOT);
      if (TIME_WORDS.contains(w) || Set.of("of", "de", "la", "and", "the", "for").contains(w)) {
        words.remove(words.size() - 1);
      } else break;
    }
    String joined = String.join(" ", words);
    return joined.replaceAll("['’]s$", "").replaceAll("[.,;:!?]+$", "");
  }

  private static String stripDot(String w) {
    return w.replaceAll("[.,;:!?'’]+$", "");
  }

  private static String classify(String text, int start, String name) {
    String[] words = name.split("\\s+");
    String first = words[0].toLowerCase(Locale.ROOT).replace(".", "");
    String last = words[words.length - 1].toLowerCase(Locale.ROOT);
    if (HONORIFICS.contains(first) && words.length > 1) return "PERSON";
    if (ORG_WORDS.contains(last) || ORG_WORDS.contains(first)) return "ORGANIZATION";
    String before = text.substring(Math.max(0, start - 6), start).toLowerCase(Locale.ROOT);
    boolean sentenceStart = start == 0 || text.substring(0, start).strip().matches(".*[.!?\"]$");
    if (words.length == 1 && sentenceStart) return null; // "Camping is fun": not a name
    if (name.length() < 2) return null;
    if (before.matches(".*\\b(in|at|from|to|near|visit)\\s$")) return "PLACE";
    return words.length >= 2 || Character.isUpperCase(name.charAt(0)) ? "NAME" : null;
  }

  private static boolean covered(Map<String, String> found, String name) {
    for (String k : found.keySet()) if (k.equals(name) || k.contains(name)) return true;
    return false;
  }

  private static boolean containsPhrase(String text, String phrase) {
    int i = text.indexOf(phrase);
    while (i >= 0) {
      boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
      int end = i + phrase.length();
      boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) return true;
      i = text.indexOf(phrase, i + 1);
    }
    return false;
  }

  private static Map<String, String> loadGazetteer() {
    Map<String, String> out = new HashMap<>();
    try (var in = PatternEntities.class.getResourceAsStream("gazetteer.tsv")) {
      if (in == null) throw new IllegalStateException("gazetteer.tsv missing from the class path");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] parts = line.split("\t");
        out.put(parts[0].strip(), parts[1].strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // longest names first, so "New York City" is found before "New York"
    Map<String, String> sorted = new LinkedHashMap<>();
    out.entrySet().stream()
        .sorted((a, b) -> b.getKey().length() - a.getKey().length())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
