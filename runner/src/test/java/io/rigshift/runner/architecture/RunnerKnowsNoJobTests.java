package io.rigshift.runner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The runner drives job types through the job API only: no class of it may touch a job type's code. */
class RunnerKnowsNoJobTests {

    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rigshift.runner");

    @Test
    void noRunnerClassDependsOnTheSampleJob() {
        noClasses().that().resideInAPackage("io.rigshift.runner..")
                .should().dependOnClassesThat().resideInAPackage("io.rigshift.jobs.text3d..")
                .check(RUNNER);
    }

    @Test
    void noRunnerClassDependsOnTheCommandJob() {
        noClasses().that().resideInAPackage("io.rigshift.runner..")
                .should().dependOnClassesThat().resideInAPackage("io.rigshift.jobs.command..")
                .because("the command job is a job type like any other")
                .check(RUNNER);
    }

    @Test
    void domainPackagesDoNotDependOnTheCli() {
        noClasses().that().resideInAnyPackage("io.rigshift.runner.pool", "io.rigshift.runner.metering",
                "io.rigshift.runner.metering.rates", "io.rigshift.runner.metering.report", "io.rigshift.runner.store",
                "io.rigshift.runner.node", "io.rigshift.runner.pool.detect")
                .should().dependOnClassesThat().resideInAPackage("io.rigshift.runner.cli..")
                .check(RUNNER);
    }
}
