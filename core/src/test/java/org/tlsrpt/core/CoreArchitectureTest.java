package org.tlsrpt.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tlsrpt.core");

    @Test
    void coreDependsOnNoFrameworkNorInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta.enterprise..", "jakarta.inject..", "jakarta.ws..",
                        "org.apache.kafka..", "com.clickhouse..", "io.smallrye..", "io.vertx..",
                        "com.fasterxml.jackson.databind..")
                .because("core is the pure model, decoding and parsing shared by every role; "
                        + "frameworks and infrastructure belong in the adapters, and the parser streams")
                .check(core);
    }

    @Test
    void coreDoesNotUseTheNetworkOrFiles() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .because("core has no I/O side effects: callers hand it bytes")
                .check(core);
    }

    @Test
    void modelDependsOnNothingElseInCore() {
        noClasses().that().resideInAPackage("org.tlsrpt.core.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.tlsrpt.core.decode..", "org.tlsrpt.core.parse..", "org.tlsrpt.core.problem..")
                .because("the report model is the vocabulary everything else speaks")
                .check(core);
    }
}
