package dev.obs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of every obs module, checked on one class path that holds them all:
 *
 * <ul>
 *   <li>core depends on the JDK alone;</li>
 *   <li>the pillars (logging, metrics, tracing, errors) depend on core, never on each other;</li>
 *   <li>the integration modules (servlet, jdbc, console) depend on core only and report through its SPI;</li>
 *   <li>a module's {@code internal} packages are its own;</li>
 *   <li>nothing public outside an {@code internal} package shows an internal type.</li>
 * </ul>
 *
 * <p>The rules name packages, not classes, so they hold for a module as soon as it lands.
 */
class LayeringTest {

    /** Core's packages: the facade and everything a module builds on. */
    static final String[] CORE = {"dev.obs", "dev.obs.annotation..", "dev.obs.config..", "dev.obs.context..",
            "dev.obs.http..", "dev.obs.instrument..", "dev.obs.internal..", "dev.obs.redact..", "dev.obs.sampling..",
            "dev.obs.spi.."};

    static final List<String> PILLARS = List.of("logging", "metrics", "tracing", "errors");

    static final List<String> INTEGRATIONS = List.of("servlet", "jdbc", "console");

    /** Modules that may use the pillars' public API: the test kit and the build-time weaver. */
    static final List<String> TOOLS = List.of("test", "maven");

    static final JavaClasses OBS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.obs");

    private static String[] allOf(String name) {
        return new String[] {"dev.obs." + name + ".."};
    }

    private static String[] modulesOtherThan(String name) {
        return Stream.of(PILLARS, INTEGRATIONS, TOOLS).flatMap(List::stream).filter(m -> !m.equals(name))
                .map(m -> "dev.obs." + m + "..").toArray(String[]::new);
    }

    private static String[] coreAnd(String... more) {
        List<String> all = new ArrayList<>(List.of(CORE));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void everyObsClassBelongsToAKnownModule() {
        String[] known = Stream.concat(Stream.of(CORE), Stream.of(PILLARS, INTEGRATIONS, TOOLS)
                .flatMap(List::stream).map(m -> "dev.obs." + m + "..")).toArray(String[]::new);
        classes().should().resideInAnyPackage(known)
                .because("a new module's packages are added to this suite, so that its rules apply")
                .check(OBS);
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        classes().that().resideInAnyPackage(CORE).should().onlyDependOnClassesThat()
                .resideInAnyPackage(coreAnd("java..", "javax.annotation.processing..", "javax.lang.model..",
                        "javax.tools..", "javax.sql..", "com.sun.net.httpserver..")) // javax.sql: the JDK's java.sql (DbClientObserver)
                .check(OBS);
    }

    @Test
    void pillarsDependOnCoreNeverOnEachOther() {
        for (String pillar : PILLARS) {
            noClasses().that().resideInAnyPackage(allOf(pillar))
                    .should().dependOnClassesThat().resideInAnyPackage(modulesOtherThan(pillar))
                    .because("pillars are independent: each works alone with core")
                    .check(OBS);
        }
    }

    @Test
    void integrationModulesDependOnCoreOnly() {
        for (String integration : INTEGRATIONS) {
            noClasses().that().resideInAnyPackage(allOf(integration))
                    .should().dependOnClassesThat().resideInAnyPackage(modulesOtherThan(integration))
                    .orShould().dependOnClassesThat().resideInAPackage("dev.obs.internal..")
                    .because("integration modules report through core's SPI, whatever pillars are present")
                    .allowEmptyShould(true) // applies as soon as the module lands
                    .check(OBS);
        }
    }

    @Test
    void internalPackagesAreUsedOnlyByTheirOwnModule() {
        for (String module : Stream.of(PILLARS, INTEGRATIONS, TOOLS).flatMap(List::stream).toList()) {
            noClasses().that().resideOutsideOfPackage("dev.obs." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.obs." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(OBS);
        }
        noClasses().that().resideOutsideOfPackages(CORE)
                .and(DescribedPredicate.not(weaverReadingTheWeavingContract()))
                .should().dependOnClassesThat().resideInAPackage("dev.obs.internal..")
                .check(OBS);
    }

    // The build-time weaver writes the marks core's check at install reads (WovenClasses): one
    // contract compiled into both, deliberately not public API.
    private static DescribedPredicate<JavaClass> weaverReadingTheWeavingContract() {
        return DescribedPredicate.describe("the weaver, which shares dev.obs.internal.weaving with core",
                c -> c.getPackageName().equals("dev.obs.maven.internal")
                        && c.getDirectDependenciesFromSelf().stream()
                        .map(d -> d.getTargetClass().getPackageName())
                        .filter(p -> p.startsWith("dev.obs.internal"))
                        .allMatch(p -> p.equals("dev.obs.internal.weaving")));
    }

    private static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe("internal",
            c -> PackageMatchers.of("..internal..").test(c.getPackageName()));

    @Test
    void publicApiDoesNotExposeInternalTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .should().haveRawReturnType(DescribedPredicate.not(INTERNAL))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(
                        DescribedPredicate.<List<JavaClass>>describe("containing an internal type",
                                params -> params.stream().anyMatch(INTERNAL))))
                .check(OBS);
        constructors().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .should().haveRawParameterTypes(DescribedPredicate.not(
                        DescribedPredicate.<List<JavaClass>>describe("containing an internal type",
                                params -> params.stream().anyMatch(INTERNAL))))
                .check(OBS);
        fields().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .should().haveRawType(DescribedPredicate.not(INTERNAL))
                .allowEmptyShould(true)
                .check(OBS);
    }

    @Test
    void publicTypesDoNotExtendInternalOnes() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().beAssignableTo(INTERNAL)
                .check(OBS);
    }
}
