package dev.ordersystem.http;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §2: the HTTP ring knows the core's use cases and ports, never an adapter. */
class DependencyRuleTest {
    private static final JavaClasses HTTP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ordersystem.http");

    @Test
    void httpNeverTouchesAnAdapter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.ordersystem.mysql..", "dev.ordersystem.redis..", "dev.ordersystem.app..",
                        "dev.ordersystem.core.memory..", "org.jooq..", "redis.clients..", "com.zaxxer..")
                .check(HTTP);
    }
}
