package dev.frugal.testbed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Question;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where gold data may be read in the testbed (docs/testbed.md, "Testbed v3"): only {@code
 * Comprehension} (simulated comprehension of text in a role's request, and the declared memory
 * draw) and the bench's {@code Grader} may read a question's gold answers or supporting labels.
 * This rule alone cannot make the simulation honest (what comprehension hands out flows on); the
 * metamorphic tests of {@code GoldInvarianceTest} check the effect.
 */
class GoldAccessArchitectureTest {
  private static final Set<String> GOLD_READERS =
      Set.of(
          "dev.frugal.testbed.sim.Comprehension",
          "dev.frugal.testbed.sim.Comprehension$Reader",
          "dev.frugal.testbed.sim.Comprehension$Fact",
          "dev.frugal.testbed.bench.Grader");

  private static final JavaClasses TESTBED =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.frugal.testbed");

  /** A call to a method that hands out gold data. */
  private static final DescribedPredicate<JavaAccess<?>> READS_GOLD =
      new DescribedPredicate<>("read gold answers or supporting labels") {
        @Override
        public boolean test(JavaAccess<?> access) {
          JavaClass owner = access.getTargetOwner();
          String name = access.getName();
          if (owner.isEquivalentTo(Question.class)) {
            return Set.of("answers", "supportingTitles", "supportingParagraphs").contains(name);
          }
          return owner.isEquivalentTo(ContextParagraph.class) && name.equals("supporting");
        }
      };

  private static final ArchRule ONLY_COMPREHENSION_AND_GRADER_READ_GOLD =
      noClasses()
          .that(
              new DescribedPredicate<JavaClass>("are not Comprehension or the Grader") {
                @Override
                public boolean test(JavaClass c) {
                  return !GOLD_READERS.contains(c.getName());
                }
              })
          .should()
          .accessTargetWhere(READS_GOLD)
          .because("gold data reaches the simulated model only through its declared comprehension");

  @Test
  void onlyComprehensionAndTheGraderReadGoldData() {
    ONLY_COMPREHENSION_AND_GRADER_READ_GOLD.check(TESTBED);
  }

  @Test
  void theRuleCatchesAReaderOutsideThem() {
    // the rule can fail: applied with an empty allow-list, it finds the real readers
    ArchRule anyReader = noClasses().should().accessTargetWhere(READS_GOLD);
    EvaluationResult result = anyReader.evaluate(TESTBED);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("Comprehension"))
        .anyMatch(d -> d.contains("Grader"));
  }
}
