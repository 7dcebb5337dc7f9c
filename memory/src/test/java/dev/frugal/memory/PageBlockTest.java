package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting an {@code open} result into its pages, and joining them back unchanged. */
class PageBlockTest {

  @Test
  void aMultiUrlResultSplitsIntoItsPagesErrorsAndCutLineIncludedAndJoinsBackUnchanged() {
    String text =
        "[1] First page\nURL: https://a.test/1\nLine one.\n\nA second paragraph, with [2] inside."
            + "\n[cut: showing the first 60 of 90000 characters]"
            + "\n\n[2] https://b.test/x\nERROR: connection refused"
            + "\n\n[3] Third\nURL: https://c.test/3\nText of three.";

    List<PageBlock> pages = PageBlock.split(text, "untitled");

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).title()).isEqualTo("First page");
    assertThat(pages.get(0).header()).isEqualTo("[1] First page\nURL: https://a.test/1\n");
    assertThat(pages.get(0).body()).isEqualTo("Line one.\n\nA second paragraph, with [2] inside.");
    assertThat(pages.get(0).trailer()).isEqualTo("[cut: showing the first 60 of 90000 characters]");
    assertThat(pages.get(1).header()).isEmpty(); // an error block is not a page
    assertThat(pages.get(1).body()).isEqualTo("[2] https://b.test/x\nERROR: connection refused");
    assertThat(pages.get(2).title()).isEqualTo("Third");
    assertThat(pages.get(2).body()).isEqualTo("Text of three.");
    assertThat(PageBlock.join(pages.stream().map(PageBlock::original).toList())).isEqualTo(text);
  }

  @Test
  void aBlankLineFollowedByABracketedNumberInsideAPageDoesNotStartAPage() {
    String text =
        "[1] Notes\nURL: https://a.test/n\nIntro.\n\n[2] a footnote, not a page\nmore text";
    List<PageBlock> pages = PageBlock.split(text, "untitled");
    assertThat(pages).singleElement().satisfies(p -> assertThat(p.body()).endsWith("more text"));
  }

  @Test
  void textInAnotherShapeIsOnePageNamedByTheCall() {
    List<PageBlock> pages = PageBlock.split("just a long text", "the result of open {}");
    assertThat(pages)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.title()).isEqualTo("the result of open {}");
              assertThat(p.original()).isEqualTo("just a long text");
            });
  }
}
