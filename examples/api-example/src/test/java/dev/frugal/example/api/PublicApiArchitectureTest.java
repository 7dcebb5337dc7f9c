package dev.frugal.example.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the public API public: no public signature of Frugal (agent-core, tools, router, memory) or
 * of this example names a type from an {@code internal} package, and the example uses no internal
 * package.
 */
class PublicApiArchitectureTest {
  static final JavaClasses FRUGAL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.frugal");

  /** A public type outside internal packages whose public members name no internal type. */
  static final ArchRule NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES =
      classes()
          .that()
          .arePublic()
          .and()
          .resideOutsideOfPackage("..internal..")
          .should(exposeNoInternalTypes())
          .allowEmptyShould(false);

  @Test
  void frugalsPublicSignaturesNameNoInternalType() {
    assertThat(FRUGAL.containPackage("dev.frugal.core")).isTrue();
    assertThat(FRUGAL.containPackage("dev.frugal.router")).isTrue();
    assertThat(FRUGAL.containPackage("dev.frugal.tools.corpus")).isTrue();
    assertThat(FRUGAL.containPackage("dev.frugal.memory")).isTrue();
    assertThat(FRUGAL.containPackage("dev.frugal.memory.internal")).isTrue();
    NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.check(FRUGAL);
  }

  /**
   * The router's training machinery (the optimiser step, the DJL environment and network plumbing,
   * the learned value baseline of the BoPO update) is package-private: nothing outside its package
   * types it, so it is no part of the API.
   */
  @Test
  void theRoutersTrainingMachineryIsNotPublic() {
    for (String name :
        List.of(
            "dev.frugal.router.policy.AdamSteps",
            "dev.frugal.router.policy.DjlEnvironment",
            "dev.frugal.router.policy.DjlNetwork",
            "dev.frugal.router.policy.NetworkFiles",
            "dev.frugal.router.training.ValueBaseline")) {
      assertThat(FRUGAL.get(name).getModifiers()).as(name).doesNotContain(JavaModifier.PUBLIC);
    }
  }

  @Test
  void theExampleUsesNoInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.frugal.example..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(FRUGAL);
  }

  @Test
  void theRuleCatchesALeak() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.frugal.example.api.fixture");
    EvaluationResult result = NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.evaluate(fixture);
    List<String> found = new ArrayList<>();
    result.getFailureReport().getDetails().forEach(found::add);
    assertThat(found)
        .hasSize(2)
        .anySatisfy(d -> assertThat(d).contains("Leaky.secret()"))
        .anySatisfy(d -> assertThat(d).contains("Leaky.take(java.util.List)"));
  }

  private static ArchCondition<JavaClass> exposeNoInternalTypes() {
    return new ArchCondition<>("expose no type of an internal package in a public signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<JavaType> supertypes = new ArrayList<>();
        c.getSuperclass().ifPresent(supertypes::add);
        supertypes.addAll(c.getInterfaces());
        for (JavaType t : supertypes) report(c, c.getName() + " extends", t, events);
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!visible(u.getModifiers())) continue;
          report(c, u.getFullName() + " returns", u.getReturnType(), events);
          for (JavaType p : u.getParameterTypes()) {
            report(c, u.getFullName() + " takes", p, events);
          }
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers())) report(c, f.getFullName(), f.getType(), events);
        }
      }
    };
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void report(JavaClass owner, String where, JavaType type, ConditionEvents events) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      if (raw.getPackageName().contains(".internal")) {
        events.add(SimpleConditionEvent.violated(owner, where + " internal type " + raw.getName()));
      }
    }
  }
}
