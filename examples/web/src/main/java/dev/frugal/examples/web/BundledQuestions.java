package dev.frugal.examples.web;

import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.SearchHit;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The bundled HotpotQA questions: a few to offer on the page, and, for a question the simulated
 * model does not know, the closest ones by BM25 over the question texts, so the error says what
 * would work.
 */
@Component
public class BundledQuestions implements AutoCloseable {
  private final Testbed bed;
  private final SimWorld world;
  private final CorpusIndex texts;

  public BundledQuestions(Testbed bed, SimWorld world) {
    this.bed = bed;
    this.world = world;
    CorpusIndex.Builder b = CorpusIndex.builder();
    for (Question q : bed.dataset().questions()) b.add("", q.text());
    this.texts = b.build();
  }

  /** The first {@code k} bundled questions. */
  public List<String> examples(int k) {
    return bed.dataset().questions().stream().limit(k).map(Question::text).toList();
  }

  /**
   * Checks that the simulated model knows {@code question}.
   *
   * @throws BadRequestException saying it does not and naming the closest bundled questions
   */
  public void requireKnown(String question) {
    try {
      world.requireKnown(question);
    } catch (IllegalArgumentException e) {
      StringBuilder sb =
          new StringBuilder("the SIMULATED model only knows the ")
              .append(bed.dataset().questions().size())
              .append(" bundled HotpotQA questions, and this is not one of them");
      List<String> closest = closest(question, 3);
      if (!closest.isEmpty()) {
        sb.append("; the closest: ");
        for (int i = 0; i < closest.size(); i++) {
          if (i > 0) sb.append(" | ");
          sb.append(closest.get(i));
        }
      }
      sb.append(" (or start the page with a real model: ./frugal web --base-url URL --model NAME)");
      throw new BadRequestException(sb.toString(), closest);
    }
  }

  /** Up to {@code k} bundled question texts closest to {@code asked}, best first. */
  public List<String> closest(String asked, int k) {
    List<String> out = new ArrayList<>();
    for (SearchHit h : texts.search(asked, k)) {
      texts.byId(h.id()).ifPresent(p -> out.add(p.text()));
    }
    return out;
  }

  @Override
  public void close() {
    texts.close();
  }
}
