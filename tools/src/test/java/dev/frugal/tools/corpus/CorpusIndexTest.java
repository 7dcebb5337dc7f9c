package dev.frugal.tools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import dev.frugal.tools.dataset.Paragraph;
import dev.frugal.tools.dataset.Question;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real corpus: the context paragraphs of the first 20 bundled HotpotQA questions. */
class CorpusIndexTest {
  private static Dataset first20;
  private static CorpusIndex index;

  @BeforeAll
  static void build() {
    first20 = DatasetLoader.bundledHotpotQa().first(20);
    index = CorpusIndex.of(first20);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void everySupportingParagraphIsFoundByItsExactTitle() {
    for (Question q : first20.questions()) {
      for (String title : q.supportingTitles()) {
        assertThat(index.search(title, 10)).as(title).extracting(SearchHit::title).contains(title);
      }
    }
  }

  @Test
  void theQuestionAboutCorlissArcherFindsTheFilmItNames() {
    Question q = first20.questions().get(0);
    List<SearchHit> hits = index.search(q.text(), 10);
    assertThat(hits)
        .hasSizeLessThanOrEqualTo(10)
        .extracting(SearchHit::title)
        .contains("Kiss and Tell (1945 film)");
    assertThat(q.supportingTitles()).contains("Kiss and Tell (1945 film)");
    assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
  }

  @Test
  void paragraphsAreDeduplicatedByTitleAndTextAndIdsAreStable() {
    List<Paragraph> all = first20.paragraphs();
    long distinct = all.stream().map(p -> p.title() + "\n" + p.text()).distinct().count();
    assertThat(index.size()).isEqualTo(distinct);

    try (CorpusIndex twice = CorpusIndex.of(first20, first20)) {
      assertThat(twice.size()).isEqualTo(index.size());
      assertThat(twice.paragraphs()).isEqualTo(index.paragraphs());
    }
    assertThat(index.paragraphs().get(0).id()).isEqualTo("p1");
    assertThat(index.byId("p1")).contains(index.paragraphs().get(0));
  }

  @Test
  void ofUnionsTheParagraphsOfSeveralDatasets() {
    Dataset head = first20.first(5);
    Dataset tail = new Dataset("tail", first20.questions().subList(5, 20), 0, first20.source());
    try (CorpusIndex union = CorpusIndex.of(head, tail)) {
      assertThat(union.size()).isEqualTo(index.size());
      String lastTitle = tail.questions().get(14).supportingTitles().get(0);
      assertThat(union.byTitle(lastTitle)).isNotEmpty();
    }
  }

  @Test
  void byTitleIgnoresCaseAndByIdRejectsStrangers() {
    assertThat(index.byTitle("shirley temple"))
        .extracting(Paragraph::title)
        .containsOnly("Shirley Temple");
    assertThat(index.byTitle("No Such Page")).isEmpty();
    assertThat(index.byId("p0")).isEmpty();
    assertThat(index.byId("p" + (index.size() + 1))).isEmpty();
    assertThat(index.byId("12")).isEmpty();
    assertThat(index.byId("pxyz")).isEmpty();
  }

  @Test
  void queriesWithPunctuationAndOperatorsNeverThrow() {
    List<String> odd =
        List.of(
            "\"Kiss and Tell\" (1945 film): AND OR NOT",
            "Shirley Temple's *career* ~ ^2 [1928 TO 2014] {x} \\ / ?",
            "-+&&||!(){}[]^\"~*?:\\/",
            "title:Shirley text:\"Chief of Protocol");
    for (String q : odd) {
      assertThat(index.search(q, 10)).as(q).isNotNull();
    }
    assertThat(index.search("Shirley Temple's \"Chief of Protocol\"?", 10))
        .extracting(SearchHit::title)
        .contains("Shirley Temple");
  }

  @Test
  void aQueryOfOnlyStopWordsFindsNothing() {
    assertThat(index.search("the of and a", 10)).isEmpty();
    assertThat(index.search("!!! ???", 10)).isEmpty();
  }

  @Test
  void snippetsAreTheOpeningSentenceAtMostTwoHundredChars() {
    Paragraph temple = index.byTitle("Shirley Temple").get(0);
    SearchHit hit =
        index.search("Shirley Temple", 10).stream()
            .filter(h -> h.id().equals(temple.id()))
            .findFirst()
            .orElseThrow();
    String opening = temple.text().substring(0, temple.text().indexOf("  "));
    assertThat(opening.length()).isGreaterThan(CorpusIndex.SNIPPET_MAX_CHARS);
    assertThat(hit.snippet()).endsWith("\u2026").hasSizeLessThanOrEqualTo(200);
    assertThat(opening).startsWith(hit.snippet().substring(0, hit.snippet().length() - 1));
    for (ContextParagraph c : first20.questions().get(1).paragraphs()) {
      String s = CorpusIndex.snippet(c.text());
      assertThat(s).hasSizeLessThanOrEqualTo(200).doesNotContain("  ");
      assertThat(c.text()).startsWith(s.replace("\u2026", ""));
    }
  }

  @Test
  void badArgumentsAreClearErrors() {
    assertThatThrownBy(() -> index.search("   ", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> index.search("Shirley", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> CorpusIndex.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no paragraphs");
  }

  @Test
  void anIndexOnDiskAnswersLikeOneInMemory(@TempDir Path folder) {
    String query = first20.questions().get(7).text();
    try (CorpusIndex onDisk = CorpusIndex.builder().add(first20).onDisk(folder).build()) {
      assertThat(onDisk.search(query, 10)).isEqualTo(index.search(query, 10));
    }
    assertThat(folder.toFile().list()).isNotEmpty();
  }

  @Test
  void headroomFiguresAreConsistentFractions() {
    RetrievalHeadroom h = RetrievalHeadroom.measure(index, first20);
    assertThat(h.questions()).isEqualTo(20);
    assertThat(h.anySupportingAt1()).isBetween(0.0, 1.0);
    assertThat(h.anySupportingAt1()).isLessThanOrEqualTo(h.anySupportingAt5());
    assertThat(h.anySupportingAt5()).isLessThanOrEqualTo(h.anySupportingAt10());
    assertThat(h.allSupportingAt5()).isLessThanOrEqualTo(h.allSupportingAt10());
    assertThat(h.allSupportingAt10()).isLessThanOrEqualTo(h.anySupportingAt10());
    assertThat(h.exactTitleAt10()).isEqualTo(1.0);
  }

  @Test
  void cachedSearchesGiveTheHitsOfAnUncachedIndexAndTheCacheStaysBounded() {
    try (CorpusIndex uncached = CorpusIndex.builder().add(first20).searchCache(0).build();
        CorpusIndex small = CorpusIndex.builder().add(first20).searchCache(5).build()) {
      for (int round = 0; round < 2; round++) { // the second round is answered from the cache
        for (Question q : first20.questions()) {
          for (String query : List.of(q.text(), q.supportingTitles().get(0))) {
            for (int k : new int[] {1, 10}) {
              List<SearchHit> expected = uncached.search(query, k);
              assertThat(index.search(query, k)).as(query).isEqualTo(expected);
              assertThat(small.search(query, k)).as(query).isEqualTo(expected);
              assertThat(small.cachedQueries()).isBetween(1, 5);
            }
          }
        }
      }
      assertThat(index.cachedQueries()).isGreaterThan(20);
      assertThat(uncached.cachedQueries()).isZero();
      assertThatThrownBy(() -> index.search("anything", 10).add(null))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThatThrownBy(() -> CorpusIndex.builder().searchCache(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("searchCache");
  }
}
