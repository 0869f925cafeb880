package org.tlsrpt.checks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ChecksArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.tlsrpt.checks");

    @Test
    void theParsersDoNoIo() {
        noClasses().that().resideInAnyPackage("..checks.record..", "..checks.policy..", "..checks.dane..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net.http..",
                        "org.xbill..", "javax.net..")
                .orShould().dependOnClassesThat()
                .haveNameMatching("java\\.net\\.(Socket|ServerSocket|DatagramSocket|InetAddress|URL)\\b.*")
                .because("parsing and matching are pure, so they are tested without a network and reused as is")
                .check(CLASSES);
    }

    @Test
    void theLibraryKnowsNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "org.tlsrpt.app..", "org.tlsrpt.api..")
                .because("the CLI, the scheduler and the API all use the checks as a plain library")
                .check(CLASSES);
    }
}
