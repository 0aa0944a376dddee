package dev.obs.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.internal.weaving.UnwovenClassCheck;
import dev.obs.maven.testing.Compiler;
import dev.obs.maven.testing.Fixtures;
import dev.obs.maven.testing.RecordingModule;
import dev.obs.testing.IsolatedObs;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.build.BuildLogger;
import net.bytebuddy.build.EntryPoint;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ObsWeavingPlugin} run by Byte Buddy's build engine ({@code Plugin.Engine.Default}), set up the
 * way Byte Buddy's Gradle and Maven plugins set it up: the plugin found through
 * {@code META-INF/net.bytebuddy/build.plugins} or named as a class, created by reflection with the
 * build's {@link BuildLogger}, applied to a folder of compiled classes with the default REBASE entry point.
 */
class ByteBuddyBuildPluginTest {

    @TempDir
    Path work;

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void byteBuddysDiscoveryFindsThePlugin() throws Exception {
        assertThat(Plugin.Engine.Default.scan(ObsWeavingPlugin.class.getClassLoader())).contains(ObsWeavingPlugin.class.getName());
    }

    @Test
    void theEngineWeavesTheFixturesAndTheWovenMethodsReport() throws Exception {
        Path classes = Compiler.compile(work, "17", Fixtures.all());
        Path woven = work.resolve("woven");
        List<String> warnings = new ArrayList<>();

        Plugin.Engine.Summary summary = engine().apply(new Plugin.Engine.Source.ForFolder(classes.toFile()),
                new Plugin.Engine.Target.ForFolder(woven.toFile()), List.of(factory(warnings)));

        assertThat(summary.getFailed()).isEmpty();
        assertThat(summary.getTransformed()).extracting(type -> type.getName())
                .contains("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter").doesNotContain("fx.Plain");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Shapes.area()").contains("abstract"));

        IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
        RecordingModule.clear();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {woven.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> orders = loader.loadClass("fx.Orders");
            Object instance = orders.getConstructor().newInstance();
            assertThat(orders.getMethod("place", String.class).invoke(instance, "c-1")).isEqualTo("order-for-c-1");
            Class<?> billing = loader.loadClass("fx.Billing");
            Method charge = billing.getMethod("charge", int.class);
            assertThat(charge.invoke(billing.getConstructor().newInstance(), 41)).isEqualTo(42);
        }
        assertThat(RecordingModule.EVENTS).containsExactly(
                // Orders.EAGER's initialiser calls a @Traced method: the descriptor fields are set before it runs
                "enter Orders.eager span=Orders.eager timer=null", "leave Orders.eager", "complete Orders.eager",
                "enter Orders.place span=Orders.place timer=null", "leave Orders.place", "complete Orders.place",
                "enter Billing.charge span=Billing.charge timer=null", "leave Billing.charge", "complete Billing.charge");

        // the install-time check sees these classes as woven
        assertThat(UnwovenClassCheck.findUnwoven(List.of(woven), System.nanoTime() + 60_000_000_000L)).isEmpty();
        assertThat(UnwovenClassCheck.findUnwoven(List.of(classes), System.nanoTime() + 60_000_000_000L)).isNotEmpty();
    }

    @Test
    void runningThePluginTwiceOrAfterTheMavenGoalWeavesNothingTwice() throws Exception {
        Path classes = Compiler.compile(work, "17", Fixtures.all());
        Path once = work.resolve("once");
        Path twice = work.resolve("twice");
        engine().apply(new Plugin.Engine.Source.ForFolder(classes.toFile()), new Plugin.Engine.Target.ForFolder(once.toFile()),
                List.of(factory(new ArrayList<>())));

        Plugin.Engine.Summary again = engine().apply(new Plugin.Engine.Source.ForFolder(once.toFile()),
                new Plugin.Engine.Target.ForFolder(twice.toFile()), List.of(factory(new ArrayList<>())));

        assertThat(again.getFailed()).isEmpty();
        for (String name : List.of("fx.Orders", "fx.Billing", "fx.Greeter")) {
            assertThat(observedFields(twice, name)).as(name).isPositive().isEqualTo(observedFields(once, name));
        }
        IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
        RecordingModule.clear();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {twice.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> orders = loader.loadClass("fx.Orders");
            orders.getMethod("place", String.class).invoke(orders.getConstructor().newInstance(), "c-2");
        }
        assertThat(RecordingModule.EVENTS).containsExactly(
                // Orders.EAGER's initialiser calls a @Traced method: the descriptor fields are set before it runs
                "enter Orders.eager span=Orders.eager timer=null", "leave Orders.eager", "complete Orders.eager",
                "enter Orders.place span=Orders.place timer=null", "leave Orders.place", "complete Orders.place");
    }

    private static long observedFields(Path classes, String className) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ByteBuddyBuildPluginTest.class.getClassLoader())) {
            return java.util.Arrays.stream(Class.forName(className, false, loader).getDeclaredFields())
                    .filter(f -> f.getName().startsWith(dev.obs.internal.weaving.WovenClasses.FIELD_PREFIX)).count();
        }
    }

    private static Plugin.Engine engine() {
        ClassFileLocator classPath = new ClassFileLocator.Compound(jarsOf(System.getProperty("java.class.path")));
        return Plugin.Engine.Default.of(EntryPoint.Default.REBASE, ClassFileVersion.JAVA_V17, MethodNameTransformer.Suffixing.withRandomSuffix())
                .with(classPath)
                .withErrorHandlers(List.of(Plugin.Engine.ErrorHandler.Failing.FAIL_FAST, Plugin.Engine.ErrorHandler.Enforcing.ALL_TYPES_RESOLVED,
                        Plugin.Engine.ErrorHandler.Enforcing.NO_LIVE_INITIALIZERS));
    }

    private static List<ClassFileLocator> jarsOf(String classPath) {
        List<ClassFileLocator> locators = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            File file = new File(entry);
            try {
                locators.add(file.isDirectory() ? new ClassFileLocator.ForFolder(file) : ClassFileLocator.ForJarFile.of(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        return locators;
    }

    /** As Byte Buddy's build plugins create a configured plugin: by reflection, offering their logger. */
    private static Plugin.Factory factory(List<String> warnings) {
        BuildLogger logger = new BuildLogger.Adapter() {
            @Override
            public boolean isWarnEnabled() {
                return true;
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        return new Plugin.Factory.UsingReflection(ObsWeavingPlugin.class)
                .with(Plugin.Factory.UsingReflection.ArgumentResolver.ForType.of(BuildLogger.class, logger));
    }
}
