package dev.frugal.memory.internal;

import dev.frugal.memory.history.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LOW-tier Topic extractor: a small hand-written lexicon maps cue words to topic labels
 * (family, work, travel, ...); a label is reported when at least one of its cues occurs in the
 * evidence, strongest first, and the evidence's most frequent keywords (not stopwords, not in the
 * query) follow as free topics. Free and deterministic.
 */
public final class KeywordTopics {
  private static final Map<String, List<String>> LEXICON = new LinkedHashMap<>();

  static {
    LEXICON.put(
        "family",
        List.of(
            "family",
            "mom",
            "mother",
            "dad",
            "father",
            "son",
            "daughter",
            "kids",
            "children",
            "child",
            "sister",
            "brother",
            "husband",
            "wife",
            "parents",
            "baby"));
    LEXICON.put(
        "work and career",
        List.of(
            "job",
            "work",
            "career",
            "office",
            "boss",
            "company",
            "promotion",
            "interview",
            "colleague",
            "business",
            "startup",
            "salary",
            "worked"));
    LEXICON.put(
        "education",
        List.of(
            "school",
            "university",
            "college",
            "class",
            "course",
            "degree",
            "study",
            "studying",
            "exam",
            "teacher",
            "student",
            "graduated",
            "studied"));
    LEXICON.put(
        "travel",
        List.of(
            "trip",
            "travel",
            "traveled",
            "travelled",
            "vacation",
            "flight",
            "visited",
            "visit",
            "beach",
            "tour",
            "hotel",
            "abroad",
            "road"));
    LEXICON.put(
        "health and fitness",
        List.of(
            "health",
            "doctor",
            "hospital",
            "sick",
            "gym",
            "running",
            "yoga",
            "workout",
            "exercise",
            "marathon",
            "diet",
            "injury",
            "therapy"));
    LEXICON.put(
        "art and music",
        List.of(
            "art",
            "painting",
            "paint",
            "music",
            "song",
            "band",
            "concert",
            "guitar",
            "piano",
            "album",
            "drawing",
            "museum",
            "singer",
            "pottery"));
    LEXICON.put(
        "books and film",
        List.of(
            "book",
            "novel",
            "read",
            "reading",
            "author",
            "film",
            "movie",
            "series",
            "show",
            "actor",
            "actress",
            "director",
            "starring",
            "episode"));
    LEXICON.put(
        "sports",
        List.of(
            "football",
            "soccer",
            "basketball",
            "baseball",
            "tennis",
            "game",
            "team",
            "match",
            "league",
            "season",
            "coach",
            "championship",
            "player"));
    LEXICON.put(
        "food",
        List.of(
            "food",
            "cook",
            "cooking",
            "recipe",
            "dinner",
            "restaurant",
            "lunch",
            "breakfast",
            "bake",
            "baking",
            "cake",
            "meal"));
    LEXICON.put(
        "pets and animals",
        List.of(
            "dog", "cat", "pet", "puppy", "kitten", "animal", "animals", "horse", "bird",
            "species"));
    LEXICON.put(
        "community and causes",
        List.of(
            "volunteer",
            "volunteering",
            "charity",
            "community",
            "support",
            "group",
            "lgbtq",
            "activism",
            "donation",
            "mentor",
            "shelter"));
    LEXICON.put(
        "politics and history",
        List.of(
            "war",
            "election",
            "president",
            "government",
            "minister",
            "party",
            "politician",
            "army",
            "battle",
            "king",
            "empire",
            "elected"));
    LEXICON.put(
        "science and technology",
        List.of(
            "science",
            "research",
            "computer",
            "software",
            "engineer",
            "technology",
            "physics",
            "chemistry",
            "biology",
            "data"));
    LEXICON.put(
        "places and geography",
        List.of(
            "city",
            "town",
            "village",
            "country",
            "river",
            "mountain",
            "located",
            "county",
            "state",
            "capital",
            "region",
            "island"));
  }

  private final int freeTopics;

  /**
   * @param freeTopics how many frequent keywords to add after the lexicon labels (at least 0)
   */
  public KeywordTopics(int freeTopics) {
    if (freeTopics < 0) throw new IllegalArgumentException("freeTopics must be >= 0");
    this.freeTopics = freeTopics;
  }

  /** The topics of {@code sentences}, most supported first. */
  public List<String> extract(String query, List<String> sentences) {
    Map<String, Integer> counts = new HashMap<>();
    for (String s : sentences) {
      String body = s.replaceFirst("^[\\p{Lu}][\\p{L}'-]+: ", "");
      for (String w : Tokens.keywords(body)) counts.merge(w, 1, Integer::sum);
    }
    Map<String, Integer> labels = new HashMap<>();
    LEXICON.forEach(
        (label, cues) -> {
          int n = 0;
          for (String c : cues) n += counts.getOrDefault(c, 0);
          if (n > 0) labels.put(label, n);
        });
    List<String> out = new ArrayList<>();
    labels.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .limit(3)
        .forEach(e -> out.add(e.getKey()));
    var q = Tokens.keywords(query);
    counts.entrySet().stream()
        .filter(e -> e.getKey().length() > 3 && !q.contains(e.getKey()))
        .filter(e -> !e.getKey().chars().allMatch(Character::isDigit))
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .limit(freeTopics)
        .forEach(e -> out.add(e.getKey()));
    return out;
  }
}
