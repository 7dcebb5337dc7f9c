package dev.frugal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The module picture of {@code docs/architecture.md} as rules: every module depends on agent-core,
 * never the reverse; the feature modules do not depend on each other except where the picture says
 * so; testbed and examples sit on top; and outside agent-core only the engine's strategy-facing
 * types ({@code RunContext}, {@code RunScope}, {@code Answers}) are used.
 */
class ModuleLayersTest {
  static final JavaClasses FRUGAL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.frugal");

  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.frugal..")
          .layer("core")
          .definedBy("dev.frugal.core..")
          .layer("tools")
          .definedBy("dev.frugal.tools..")
          .layer("router")
          .definedBy("dev.frugal.router..")
          .layer("memory")
          .definedBy("dev.frugal.memory..")
          .layer("observability")
          .definedBy("dev.frugal.observability..")
          .layer("mcp")
          .definedBy("dev.frugal.mcp..")
          .layer("budget-redis")
          .definedBy("dev.frugal.budget.redis..")
          .layer("spring")
          .definedBy("dev.frugal.spring..")
          .layer("testbed")
          .definedBy("dev.frugal.testbed..")
          .layer("examples")
          .definedBy("dev.frugal.examples..")
          .whereLayer("examples")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("testbed")
          .mayOnlyBeAccessedByLayers("examples")
          .whereLayer("budget-redis")
          .mayOnlyBeAccessedByLayers("examples", "testbed", "spring")
          .whereLayer("spring")
          .mayOnlyBeAccessedByLayers("examples")
          .whereLayer("mcp")
          .mayOnlyBeAccessedByLayers("examples", "testbed")
          .whereLayer("observability")
          .mayOnlyBeAccessedByLayers("examples", "testbed", "spring")
          .whereLayer("memory")
          .mayOnlyBeAccessedByLayers("examples", "testbed")
          .whereLayer("router")
          .mayOnlyBeAccessedByLayers("examples", "testbed", "memory")
          .whereLayer("tools")
          .mayOnlyBeAccessedByLayers("examples", "testbed", "memory", "mcp")
          .whereLayer("core")
          .mayOnlyBeAccessedByLayers(
              "tools",
              "router",
              "memory",
              "observability",
              "mcp",
              "budget-redis",
              "spring",
              "testbed",
              "examples");

  @Test
  void everyModuleIsImported() {
    for (String p :
        new String[] {
          "dev.frugal.core",
          "dev.frugal.tools",
          "dev.frugal.router",
          "dev.frugal.memory",
          "dev.frugal.observability",
          "dev.frugal.mcp",
          "dev.frugal.budget.redis",
          "dev.frugal.spring",
          "dev.frugal.testbed",
          "dev.frugal.examples"
        }) {
      assertThat(FRUGAL.containPackage(p)).as(p).isTrue();
    }
  }

  @Test
  void dependenciesPointTowardAgentCore() {
    LAYERS.check(FRUGAL);
  }

  @Test
  void onlyTheStrategyFacingEngineTypesLeaveAgentCore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.frugal.core..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "engine machinery (not RunContext, RunScope or Answers)",
                c ->
                    c.getPackageName().equals("dev.frugal.core.engine")
                        && !c.getName()
                            .matches(
                                "dev\\.frugal\\.core\\.engine\\.(RunContext|RunScope|Answers)(\\$.*)?")))
        .check(FRUGAL);
  }

  @Test
  void theLayerRuleCatchesAnArrowPointingTheWrongWay() {
    // a class in agent-core's package tree that uses the CLI: the rule must report it
    JavaClasses fixture =
        new ClassFileImporter()
            .importClasses(
                dev.frugal.core.layerfixture.CoreUsingCli.class,
                dev.frugal.examples.cli.FrugalCli.class);
    EvaluationResult r = LAYERS.evaluate(fixture);
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .anySatisfy(d -> assertThat(d).contains("CoreUsingCli").contains("FrugalCli"));
  }
}
