package dev.obs.benchmarks.support;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Proves that an anchor ran clean: no class of obs (anything under {@code dev.obs} but the
 * benchmarks themselves) was loaded in this JVM. The anchors' forks run with
 * {@code -Dio.opentelemetry.context.contextStorageProvider=default}, because obs-tracing's context
 * storage is registered as a service and OpenTelemetry would otherwise load it on first use.
 *
 * <p>Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (in the anchors' {@code @Fork}).
 */
public final class NoObsLoaded {

    /** JVM options every anchor fork runs with. */
    public static final String STORAGE = "-Dio.opentelemetry.context.contextStorageProvider=default";
    public static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private NoObsLoaded() {
    }

    /** Throws when any obs class is loaded by the application class loader. */
    public static void check() {
        ClassLoader loader = NoObsLoaded.class.getClassLoader();
        List<String> loaded = new ArrayList<>();
        try {
            Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            findLoaded.setAccessible(true);
            List<String> names = obsClassNames();
            if (names.isEmpty()) {
                throw new IllegalStateException("found no obs class on the class path to check: " + System.getProperty("java.class.path"));
            }
            for (String name : names) {
                if (findLoaded.invoke(loader, name) != null) {
                    loaded.add(name);
                }
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            throw new IllegalStateException("could not check which obs classes are loaded (run with " + OPENS + ")", e);
        }
        if (!loaded.isEmpty()) {
            throw new IllegalStateException("this anchor is not clean: obs classes were loaded in its JVM: " + loaded);
        }
    }

    private static List<String> obsClassNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.map(p -> path.relativize(p).toString().replace(File.separatorChar, '/')).forEach(n -> addIfObs(n, names));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        addIfObs(e.nextElement().getName(), names);
                    }
                }
            }
        }
        return names;
    }

    private static void addIfObs(String resource, List<String> names) {
        if (resource.startsWith("dev/obs/") && !resource.startsWith("dev/obs/benchmarks/") && resource.endsWith(".class")
                && !resource.endsWith("module-info.class") && !resource.endsWith("package-info.class")) {
            names.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
        }
    }
}
