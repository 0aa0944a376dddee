package dev.obs.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.internal.runtime.StderrDiagnostics;
import dev.obs.internal.weaving.UnwovenClassCheck;
import dev.obs.internal.weaving.WovenClasses;
import dev.obs.maven.testing.Compiler;
import dev.obs.maven.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check at install that names annotated classes an IDE build left unwoven. */
class UnwovenClassCheckTest {

    private static final String PROXY_ONLY_API = """
            package fx;

            import dev.obs.annotation.Traced;

            /** Annotations meant for Observability.instrument(..) proxies: nothing to weave, nothing to report. */
            public interface Api {
                @Traced
                String call();
            }
            """;

    @TempDir
    Path work;

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void namesAnnotatedClassesThatWereCompiledButNotWoven() throws Exception {
        Path classes = compile();

        assertThat(UnwovenClassCheck.findUnwoven(List.of(classes), farFuture()))
                .containsExactlyInAnyOrder("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter");
    }

    @Test
    void findsNothingOnceWovenAndOnlyWhatWasRecompiledSince() throws Exception {
        Path classes = compile();
        byte[] unwovenBilling = Files.readAllBytes(classes.resolve("fx/Billing.class"));
        new Weaver(Compiler.testClassPath(), quietLog()).weave(classes);

        assertThat(UnwovenClassCheck.findUnwoven(List.of(classes), farFuture())).isEmpty();

        // an IDE recompiles Billing after the Maven build wove everything
        Path billing = classes.resolve("fx/Billing.class");
        Files.write(billing, unwovenBilling);
        FileTime indexTime = Files.getLastModifiedTime(classes.resolve(WovenClasses.INDEX));
        Files.setLastModifiedTime(billing, FileTime.fromMillis(indexTime.toMillis() + 2_000));

        assertThat(UnwovenClassCheck.findUnwoven(List.of(classes), farFuture())).containsExactly("fx.Billing");
    }

    @Test
    void installPrintsOneLineNamingTheClassesWhenAModuleObservesMethods() throws Exception {
        Path classes = compile();
        Observability.builder().environment(Map.of()).systemProperties(new Properties()).set("obs.admin.port", "0").shutdownHook(false).install(); // the recording module observes methods
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            UnwovenClassCheck.report(loader, new StderrDiagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("obs: @Traced/@Timed methods of 4 classes were compiled but not woven, so only calls through "
                        + "Observability.instrument(..) proxies are observed: ")
                .contains("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter")
                .doesNotContain("fx.Api", "fx.Plain")
                .endsWith("run obs-maven-plugin's weave goal after compiling (an IDE build skips it: see docs/annotations.md)"));
    }

    @Test
    void saysNothingWhenNoModuleObservesMethods() throws Exception {
        Path classes = compile();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            UnwovenClassCheck.report(loader, new StderrDiagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void classPathDirectoriesComeFromTheClassLoaderAndSkipJars() throws Exception {
        Path classes = compile();
        Path jar = Files.createFile(work.resolve("some.jar"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThat(UnwovenClassCheck.classPathDirectories(loader)).containsExactly(classes);
        }
    }

    @Test
    void aFatJarBuiltWithoutTheWeaverIsReportedNamingItsClassesAndTheJar() throws Exception {
        Path classes = compile();
        Path jar = jar(work.resolve("orders-1.0-all.jar"), classes, obsCoreClasses());

        assertThat(UnwovenClassCheck.findUnwovenInJar(jar, farFuture()))
                .containsExactlyInAnyOrder("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter");

        dev.obs.testing.IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install(); // the recording module observes methods
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            long start = System.nanoTime();
            UnwovenClassCheck.report(loader, List.of(jar), new StderrDiagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
            System.out.printf("checked %s in %d ms%n", jar.getFileName(), (System.nanoTime() - start) / 1_000_000);
        }
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("obs: @Traced/@Timed methods of 4 classes were compiled but not woven, so only calls through "
                        + "Observability.instrument(..) proxies are observed: ")
                .contains("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter")
                .endsWith("; orders-1.0-all.jar was built without obs-maven-plugin (it has no META-INF/obs/woven-classes): add the "
                        + "plugin's weave goal to the build that compiles these classes (see docs/getting-started.md), before "
                        + "the jar is packaged or shaded"));
    }

    @Test
    void aJarBuiltWithTheWeaverCarriesItsIndexAndIsNotReported() throws Exception {
        Path classes = compile();
        new Weaver(Compiler.testClassPath(), quietLog()).weave(classes);
        Path jar = jar(work.resolve("orders.jar"), classes, null);

        assertThat(UnwovenClassCheck.findUnwovenInJar(jar, farFuture())).isEmpty();
    }

    @Test
    void theJarsLookedAtAreTheCallersAndTheOneRunByJavaDashJar() throws Exception {
        Path classes = compile();
        Path jar = jar(work.resolve("service.jar"), classes, null);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> caller = loader.loadClass("fx.Plain");
            assertThat(UnwovenClassCheck.applicationJars(caller)).contains(jar);
        }
        assertThat(UnwovenClassCheck.applicationJars(String.class)).doesNotContain(jar);
    }

    /** A jar of {@code classes} plus, like a shaded jar, another directory's classes. */
    private static Path jar(Path jar, Path classes, Path alsoBundled) throws Exception {
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : alsoBundled == null ? List.of(classes) : List.of(classes, alsoBundled)) {
                try (var files = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        if (root != classes && name.startsWith("META-INF/")) {
                            continue;
                        }
                        out.putNextEntry(new java.util.jar.JarEntry(name));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private static Path obsCoreClasses() throws Exception {
        return Path.of(Observability.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private Path compile() throws Exception {
        Map<String, String> sources = new HashMap<>(Fixtures.all());
        sources.put("fx/Api.java", PROXY_ONLY_API);
        return Compiler.compile(work, "17", sources);
    }

    private static long farFuture() {
        return System.nanoTime() + 60_000_000_000L;
    }

    static Weaver.Log quietLog() {
        return new Weaver.Log() {
            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }
        };
    }
}
