package dev.frugal.memory.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.memory.Conversations;
import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.Chunker;
import dev.frugal.memory.internal.KeywordTopics;
import dev.frugal.memory.internal.PatternEntities;
import dev.frugal.memory.internal.RuleTemporal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each LOW-tier (free, rule-based) implementation on real text. */
class LowTierTest {
  private static final LocalDate MAY_8 = LocalDate.of(2023, 5, 8); // a Monday

  private static Evidence said(String sentence, LocalDate date) {
    return new Evidence(0, "session 1", date, sentence, 0);
  }

  @Test
  void relativeDatesResolveAgainstTheSessionDate() {
    List<DateMention> found =
        new RuleTemporal()
            .extract(
                List.of(
                    said("Maria: Yesterday I went to my first violin lesson.", MAY_8),
                    said("Tom: I started a new job at Google last week.", MAY_8),
                    said("Tom: Yes, last Saturday I hiked up Mount Tamalpais.", MAY_8),
                    said(
                        "Maria: I performed at a recital two days ago.", LocalDate.of(2023, 6, 20)),
                    said("Tom: My knee hurt last month.", LocalDate.of(2023, 8, 2)),
                    said("Ana: We met on 14 March 2021 and married in 2022.", MAY_8),
                    said("Tom: The race is on September 24, 2023, and next year too.", MAY_8)));
    assertThat(found)
        .extracting(DateMention::expression, DateMention::resolved)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Yesterday", "2023-05-07"),
            org.assertj.core.groups.Tuple.tuple("last week", "week of 2023-05-01"),
            org.assertj.core.groups.Tuple.tuple("last Saturday", "2023-05-06"),
            org.assertj.core.groups.Tuple.tuple("two days ago", "2023-06-18"),
            org.assertj.core.groups.Tuple.tuple("last month", "2023-07"),
            org.assertj.core.groups.Tuple.tuple("14 March 2021", "2021-03-14"),
            org.assertj.core.groups.Tuple.tuple("in 2022", "2022"),
            org.assertj.core.groups.Tuple.tuple("September 24, 2023", "2023-09-24"),
            org.assertj.core.groups.Tuple.tuple("next year", "2024"));
  }

  @Test
  void anImpossibleDateIsSkippedNotInvented() {
    assertThat(new RuleTemporal().extract(List.of(said("It was on 31 February 2023.", MAY_8))))
        .extracting(DateMention::resolved)
        .doesNotContain("2023-02-31", "2023-03-03");
  }

  @Test
  void entitiesComeFromSpeakersTheGazetteerAndPatterns() {
    List<EntityMention> found =
        new PatternEntities()
            .extract(
                List.of(
                    "Maria: My teacher, Dr. Elena Vasquez, says I have a good ear.",
                    "Tom: I started a new job at Google last week.",
                    "Maria: My sister Ana flew in from Madrid to see it.",
                    "Maria: I am thinking of applying to Stanford University next year.",
                    "Tom: Yes, last Saturday I hiked up Mount Tamalpais with my dog Biscuit.",
                    "Camping is fun in July."));
    assertThat(found)
        .extracting(EntityMention::name, EntityMention::type)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Maria", "PERSON"),
            org.assertj.core.groups.Tuple.tuple("Tom", "PERSON"),
            org.assertj.core.groups.Tuple.tuple("Dr. Elena Vasquez", "PERSON"),
            org.assertj.core.groups.Tuple.tuple("Google", "ORGANIZATION"),
            org.assertj.core.groups.Tuple.tuple("Madrid", "PLACE"),
            org.assertj.core.groups.Tuple.tuple("Stanford University", "ORGANIZATION"));
    assertThat(found).extracting(EntityMention::name).contains("Mount Tamalpais", "Ana", "Biscuit");
    assertThat(found)
        .extracting(EntityMention::name)
        .doesNotContain("Camping", "July", "Yes", "My");
  }

  @Test
  void topicsComeFromTheLexiconAndFrequentKeywords() {
    List<String> topics =
        new KeywordTopics(2)
            .extract(
                "How is Tom preparing?",
                List.of(
                    "Tom: I am training for the Berlin marathon in September.",
                    "Tom: About forty miles of running each week, marathon pace.",
                    "Tom: My knee hurt last month, but the doctor said it is fine now."));
    assertThat(topics.get(0)).isEqualTo("health and fitness");
    assertThat(topics).contains("marathon").doesNotContain("tom");
  }

  @Test
  void bm25KeepsTheSentencesThatShareTheQuerysKeywords() {
    List<Chunk> chunks = new Chunker(256).chunk(Conversations.small());
    List<Evidence> kept = new Bm25Filter(3).filter("Who came from Madrid for the recital?", chunks);
    assertThat(kept).hasSizeLessThanOrEqualTo(3);
    assertThat(kept.get(0).score()).isPositive();
    assertThat(kept)
        .extracting(Evidence::sentence)
        .anySatisfy(s -> assertThat(s).contains("Madrid"))
        .anySatisfy(s -> assertThat(s).contains("recital"));
  }

  @Test
  void theTemplateSummaryRestatesWithoutAnswering() {
    List<Evidence> ev = List.of(said("Maria: My sister Ana flew in from Madrid.", MAY_8));
    String s =
        new TemplateSummary()
            .write(
                "Where does Ana live?",
                ev,
                List.of(new EntityMention("Ana", "PERSON"), new EntityMention("Madrid", "PLACE")),
                List.of(),
                List.of("family"));
    assertThat(s)
        .startsWith("Memory notes for: Where does Ana live?")
        .contains("Entities: Ana (person); Madrid (place)")
        .contains("[session 1, 8 May 2023]")
        .contains("- Maria: My sister Ana flew in from Madrid.")
        .doesNotContainIgnoringCase("answer:");
  }
}
