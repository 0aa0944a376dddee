package dev.obs.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** obs-servlet is an integration module: it imports core and the Servlet API, never a pillar. */
class LayeringTest {

    // this module's own classes only: scanning the whole test class path (Jetty, Tomcat, Javalin) is slow
    private static final JavaClasses SERVLET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Path.of("target", "classes"));

    @Test
    void theModulesClassesAreThere() {
        org.assertj.core.api.Assertions.assertThat(SERVLET.contain(ObsServletFilter.class)).isTrue();
    }

    @Test
    void importsCoreAndTheServletApiOnly() {
        classes().that().resideInAPackage("dev.obs.servlet..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.obs.servlet..", "dev.obs", "dev.obs.http..", "dev.obs.context..",
                        "jakarta.servlet..", "java..")
                .check(SERVLET);
    }

    @Test
    void coreInternalsAreNotUsed() {
        classes().that().resideInAPackage("dev.obs.servlet..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.obs.internal..", "dev.obs.logging..",
                        "dev.obs.metrics..", "dev.obs.tracing..", "dev.obs.errors..")
                .check(SERVLET);
    }
}
