package dev.obs.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps core's layering honest. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.obs");

    @Test
    void coreDependsOnTheJdkOnly() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.obs..", "java..", "javax.annotation.processing..", "javax.lang.model..",
                        "javax.tools..", "com.sun.net.httpserver..")
                .check(CORE);
    }

    @Test
    void publicApiDoesNotExposeInternalTypes() {
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("internal",
                c -> c.getPackageName().contains(".internal"));
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.obs.internal..")
                .should().haveRawReturnType(DescribedPredicate.not(internal))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(
                        DescribedPredicate.<java.util.List<JavaClass>>describe("containing an internal type",
                                params -> params.stream().anyMatch(internal))))
                .check(CORE);
    }

    @Test
    void internalPackagesAreNotUsedByApiSubclassing() {
        noClasses().that().resideOutsideOfPackage("dev.obs.internal..").and().arePublic()
                .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().beAssignableTo(DescribedPredicate.describe("an internal type",
                        (JavaClass c) -> c.getPackageName().contains(".internal")))
                .check(CORE);
    }
}
