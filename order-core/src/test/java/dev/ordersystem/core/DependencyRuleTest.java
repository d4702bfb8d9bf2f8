package dev.ordersystem.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §2: the core depends on the JDK and the SLF4J API only, and its rings point inward. */
class DependencyRuleTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ordersystem.core");

    @Test
    void coreUsesOnlyTheJdkAndSlf4j() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.slf4j..", "dev.ordersystem.core..")
                .check(CORE);
    }

    @Test
    void domainKnowsNoPortUseCaseOrAdapter() {
        noClasses().that().resideInAPackage("dev.ordersystem.core.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ordersystem.core.port..",
                        "dev.ordersystem.core.usecase..", "dev.ordersystem.core.memory..")
                .check(CORE);
    }

    @Test
    void useCasesAndPortsDoNotReachForTheInMemoryAdapters() {
        noClasses().that().resideInAnyPackage("dev.ordersystem.core.usecase..", "dev.ordersystem.core.port..",
                        "dev.ordersystem.core.audit..")
                .should().dependOnClassesThat().resideInAPackage("dev.ordersystem.core.memory..")
                .check(CORE);
    }
}
