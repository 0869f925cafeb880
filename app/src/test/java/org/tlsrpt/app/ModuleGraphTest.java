package org.tlsrpt.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module graph of docs/ARCHITECTURE.md as rules over the main classes of every module (the app's test class
 * path holds them all): a type that reaches the wrong way fails the build with the reason beside it. Maven's
 * dependencies already stop most of these at compile time; the rules keep them stopped when someone adds one, and
 * catch the edges Maven cannot see (a package inside the app, a Quarkus type in a library).
 * {@code CoreArchitectureTest} keeps core free of frameworks and I/O.
 */
class ModuleGraphTest {

    /** Main classes only: test classes and test-jars (TestClickHouse, fixtures) may cross modules. */
    private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    private static final JavaClasses TLSRPT = new ClassFileImporter()
            .withImportOption(MAIN_ONLY)
            .importPackages("org.tlsrpt");

    /** Rules over nothing would pass: the import must see the main classes of every module. */
    @Test
    void theRulesSeeEveryModulesMainClasses() {
        for (String module : new String[] {"app", "ingest", "processor", "api", "embedded", "storage", "checks",
                "core"}) {
            assertThat(TLSRPT.stream().filter(c -> c.getPackageName().startsWith("org.tlsrpt." + module)))
                    .as(module).isNotEmpty();
        }
        assertThat(TLSRPT.stream().map(c -> c.getName())).doesNotContain("org.tlsrpt.storage.TestClickHouse");
    }

    @Test
    void dependenciesPointOneWayFromAppDownToCore() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.tlsrpt.app..")
                .layer("ingest").definedBy("org.tlsrpt.ingest..")
                .layer("processor").definedBy("org.tlsrpt.processor..")
                .layer("api").definedBy("org.tlsrpt.api..")
                .layer("dashboard").definedBy("org.tlsrpt.dashboard..")
                .layer("embedded").definedBy("org.tlsrpt.embedded..")
                .layer("storage").definedBy("org.tlsrpt.storage..")
                .layer("checks").definedBy("org.tlsrpt.checks..")
                .layer("core").definedBy("org.tlsrpt.core..")
                .withOptionalLayers(true)
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("app")
                .whereLayer("processor").mayOnlyBeAccessedByLayers("app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("app")
                .whereLayer("embedded").mayOnlyBeAccessedByLayers("app")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("processor", "api", "app")
                .whereLayer("storage").mayOnlyAccessLayers("core")
                .whereLayer("checks").mayOnlyBeAccessedByLayers("api", "app")
                .whereLayer("checks").mayOnlyAccessLayers("core")
                .whereLayer("core").mayNotAccessAnyLayer()
                .because("each role module has one reason to change and is assembled only by the app: ingest, "
                        + "processor and api never reach sideways into each other, what processor and api share "
                        + "about ClickHouse lives in storage, the checks are a library under the app (and the api's "
                        + "diagnosis) needing only core, and core, the model every module speaks, knows none")
                .check(TLSRPT);
    }

    @Test
    void onlyTheAppKnowsQuarkus() {
        noClasses().that().resideOutsideOfPackage("org.tlsrpt.app..")
                .should().dependOnClassesThat().resideInAPackage("io.quarkus..")
                .because("the libraries run in plain Java tests, the benchmarks and the CLI; the app alone wires "
                        + "them into Quarkus (startup order, roles, filters, build-time properties)")
                .check(TLSRPT);
    }

    @Test
    void ingestProcessorAndChecksTakeTheirConfigurationAsPlainRecords() {
        noClasses().that().resideInAnyPackage("org.tlsrpt.ingest..", "org.tlsrpt.processor..", "org.tlsrpt.checks..",
                        "org.tlsrpt.storage..", "org.tlsrpt.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.smallrye.config..", "jakarta.enterprise..",
                        "jakarta.inject..")
                .because("the operator's settings and their defaults are written once, in the app's @ConfigMapping "
                        + "interfaces, and mapped once onto the records these libraries take; a mapping or a bean "
                        + "in a library would be a second place for them")
                .check(TLSRPT);
    }

    @Test
    void embeddedServicesAreStartedOnlyByInfrastructure() {
        noClasses().that().resideInAPackage("org.tlsrpt.app..")
                .and().doNotHaveFullyQualifiedName("org.tlsrpt.app.infra.Infrastructure")
                .and().doNotHaveFullyQualifiedName("org.tlsrpt.app.infra.ServiceAddresses")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.tlsrpt.embedded.kafka..", "org.tlsrpt.embedded.clickhouse..")
                .because("Infrastructure is the one place that decides embedded or external Kafka and ClickHouse, "
                        + "from ServiceAddresses, which the commands share; everything else asks them for endpoints "
                        + "instead of starting or addressing them itself")
                .check(TLSRPT);
    }
}
