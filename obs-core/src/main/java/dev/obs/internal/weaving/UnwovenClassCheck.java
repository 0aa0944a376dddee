package dev.obs.internal.weaving;

import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.spi.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Names the classes whose {@code @Traced}/{@code @Timed} methods were compiled but not woven, so that
 * a build that bypassed the weaver shows up as one {@code obs:} line at install instead of
 * annotations that silently do nothing.
 *
 * <p>Two places are looked at. Class-path <em>directories</em>, which an IDE runs from: in a
 * directory the weaver has processed, its {@link WovenClasses#INDEX index} is newer than every class
 * it saw, so only class files compiled since then are read. And the <em>application's jars</em>: the
 * jar that holds the class calling {@code install()}, and the jar run by {@code java -jar} (a plain
 * or a shaded/fat jar). The weaver writes its index into every output directory, so a jar built with
 * it carries the index and is not read further; a jar without it is searched for annotated classes
 * (skipping the packages of obs and of well-known libraries that a fat jar bundles). Each read is a byte search for the annotations' descriptors
 * and the woven mark; only a file with the first and without the second is parsed, to tell methods
 * that weaving would change from, say, annotated interface methods meant for proxies. The whole check
 * stops after {@link #MAX_FILES} files or {@link #BUDGET_NANOS}, so a huge class path cannot slow
 * start-up.
 */
public final class UnwovenClassCheck {

    static final int MAX_FILES = 20_000;
    /**
     * Files read whatever the clock says: a cold JVM on a loaded machine can spend the whole time
     * budget loading the classes that do the reading, and a small application must still be checked.
     */
    static final int MIN_FILES = 256;
    static final long BUDGET_NANOS = 100_000_000L;
    private static final int MAX_NAMED = 5;

    private static final byte[] TRACED = WovenClasses.TRACED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMED = WovenClasses.TIMED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WOVEN = WovenClasses.FIELD_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private UnwovenClassCheck() {
    }

    /**
     * Prints one line naming the unwoven annotated classes found in {@code loader}'s class-path
     * directories, and one naming those in the application's jars (see {@link #applicationJars}),
     * when any module observes methods (otherwise the annotations have no effect anyway). Never
     * throws.
     */
    public static void report(ClassLoader loader, Diagnostics diagnostics) {
        report(loader, applicationJars(null), diagnostics);
    }

    /** {@link #report(ClassLoader, Diagnostics)} with the jars to search named. */
    public static void report(ClassLoader loader, List<Path> jars, Diagnostics diagnostics) {
        if (MethodObserverRegistry.isEmpty() || loader == null) {
            return;
        }
        int[] budget = {MAX_FILES};
        List<String> inDirectories = new ArrayList<>();
        Map<Path, List<String>> inJars = new LinkedHashMap<>();
        List<Path> directories;
        try {
            directories = classPathDirectories(loader);
        } catch (IOException | RuntimeException e) {
            return; // a best-effort hint: an unreadable class path is not worth a message
        }
        // the budget covers reading class files, which is what grows with the application
        long deadline = System.nanoTime() + BUDGET_NANOS;
        boolean more;
        try {
            more = findUnwoven(directories, deadline, budget, inDirectories);
        } catch (IOException | RuntimeException e) {
            more = false;
        }
        for (Path jar : jars) {
            if (!more) {
                break;
            }
            List<String> found = new ArrayList<>();
            try {
                more = scanJar(jar, deadline, budget, found);
            } catch (IOException | RuntimeException e) {
                continue; // an unreadable jar is not worth a message
            }
            if (!found.isEmpty()) {
                inJars.put(jar, found);
            }
        }
        if (!inDirectories.isEmpty()) {
            diagnostics.warn(describe(inDirectories) + "; run obs-maven-plugin's weave goal after compiling "
                    + "(an IDE build skips it: see docs/annotations.md)");
        }
        inJars.forEach((jar, names) -> diagnostics.warn(describe(names) + "; " + jar.getFileName() + " was built without "
                + "obs-maven-plugin (it has no " + WovenClasses.INDEX + "): add the plugin's weave goal to the build that "
                + "compiles these classes (see docs/getting-started.md), before the jar is packaged or shaded"));
    }

    private static String describe(List<String> unwoven) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < unwoven.size() && i < MAX_NAMED; i++) {
            names.append(i == 0 ? "" : ", ").append(unwoven.get(i));
        }
        if (unwoven.size() > MAX_NAMED) {
            names.append(" and ").append(unwoven.size() - MAX_NAMED).append(" more");
        }
        return "@Traced/@Timed methods of " + unwoven.size() + (unwoven.size() == 1 ? " class were" : " classes were")
                + " compiled but not woven, so only calls through Observability.instrument(..) proxies are observed: " + names;
    }

    /**
     * The jars that hold the application: the one holding {@code caller} (the class that called
     * {@code install()}; {@code null} finds it on the stack) and the one named by {@code java -jar}.
     */
    public static List<Path> applicationJars(Class<?> caller) {
        Set<Path> jars = new LinkedHashSet<>();
        try {
            Class<?> c = caller != null ? caller : StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(k -> !k.getName().startsWith("dev.obs.internal.") && !k.getName().startsWith("dev.obs.Observability"))
                            .findFirst().orElse(null));
            if (c != null && c.getProtectionDomain().getCodeSource() != null) {
                URL location = c.getProtectionDomain().getCodeSource().getLocation();
                if (location != null && "file".equals(location.getProtocol())) {
                    addJar(jars, Path.of(location.toURI()));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable location; the java -jar one may still be found
        }
        String command = System.getProperty("sun.java.command", "");
        int space = command.indexOf(' ');
        String first = space < 0 ? command : command.substring(0, space);
        if (first.endsWith(".jar")) {
            try {
                addJar(jars, Path.of(first).toAbsolutePath());
            } catch (RuntimeException e) {
                // not a path
            }
        }
        return new ArrayList<>(jars);
    }

    private static void addJar(Set<Path> jars, Path path) {
        if (path.getFileName() != null && path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path)) {
            jars.add(path.normalize());
        }
    }

    /**
     * The annotated, unwoven classes in {@code jar}, as binary names: none when the jar carries the
     * weaver's index. Classes of obs and of well-known libraries that a fat jar bundles are not read.
     */
    public static List<String> findUnwovenInJar(Path jar, long deadlineNanos) throws IOException {
        List<String> unwoven = new ArrayList<>();
        scanJar(jar, deadlineNanos, new int[] {MAX_FILES}, unwoven);
        return unwoven;
    }

    /** Returns {@code false} when the budget ran out. */
    private static boolean scanJar(Path jar, long deadlineNanos, int[] budget, List<String> unwoven) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(WovenClasses.INDEX) != null) {
                return true; // built with the weaver
            }
            List<ZipEntry> classes = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                        && !name.endsWith("package-info.class") && !isThirdPartyInFatJar(name)) {
                    classes.add(entry);
                }
            }
            for (ZipEntry entry : classes) {
                if (--budget[0] < 0 || (budget[0] < MAX_FILES - MIN_FILES && System.nanoTime() - deadlineNanos > 0)) {
                    return false;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (unwoven(bytes)) {
                    String name = entry.getName();
                    unwoven.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
            return true;
        }
    }

    /** Classes of obs itself and of the libraries it brings, which a fat jar holds beside the application's. */
    private static boolean isThirdPartyInFatJar(String entry) {
        for (String prefix : SKIPPED_IN_JARS) {
            if (entry.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] SKIPPED_IN_JARS = {"dev/obs/", "io/opentelemetry/", "io/micrometer/", "io/prometheus/",
        "io/sentry/", "ch/qos/logback/", "org/slf4j/", "net/logstash/", "com/fasterxml/", "net/bytebuddy/", "kotlin/",
        "org/HdrHistogram/", "org/LatencyUtils/", "com/google/", "org/apache/", "org/junit/", "org/eclipse/", "io/netty/",
        "okhttp3/", "okio/", "javax/", "jakarta/", "org/springframework/"};

    private static boolean unwoven(byte[] bytes) {
        return (WovenClasses.contains(bytes, TRACED) || WovenClasses.contains(bytes, TIMED)) && !WovenClasses.contains(bytes, WOVEN)
                && AnnotatedClassFile.hasWeavableAnnotatedMethod(bytes);
    }

    /** The class-path directories of {@code loader} and its parents, in class-path order. */
    public static List<Path> classPathDirectories(ClassLoader loader) throws IOException {
        Set<Path> directories = new LinkedHashSet<>();
        Enumeration<URL> roots = loader.getResources("");
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if (!"file".equals(root.getProtocol())) {
                continue;
            }
            try {
                Path path = Path.of(root.toURI());
                if (Files.isDirectory(path)) {
                    directories.add(path);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain directory; nothing to check there
            }
        }
        return new ArrayList<>(directories);
    }

    /** The annotated, unwoven classes in {@code directories}, as binary names. */
    public static List<String> findUnwoven(List<Path> directories, long deadlineNanos) throws IOException {
        List<String> unwoven = new ArrayList<>();
        findUnwoven(directories, deadlineNanos, new int[] {MAX_FILES}, unwoven);
        return unwoven;
    }

    /** Returns {@code false} when the budget ran out. */
    private static boolean findUnwoven(List<Path> directories, long deadlineNanos, int[] budget, List<String> unwoven) throws IOException {
        for (Path directory : directories) {
            if (!scan(directory, deadlineNanos, budget, unwoven)) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code false} when the budget ran out. */
    private static boolean scan(Path root, long deadlineNanos, int[] budget, List<String> unwoven) throws IOException {
        Path index = root.resolve(WovenClasses.INDEX);
        long wovenUpTo = Files.isRegularFile(index) ? Files.getLastModifiedTime(index).toMillis() : Long.MIN_VALUE;
        boolean[] exhausted = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // META-INF holds no classes of this directory's own (multi-release variants are woven with the rest)
                return dir.equals(root.resolve("META-INF")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("module-info.class") || name.equals("package-info.class")
                        || attrs.lastModifiedTime().toMillis() <= wovenUpTo) {
                    return FileVisitResult.CONTINUE;
                }
                if (--budget[0] < 0 || (budget[0] < MAX_FILES - MIN_FILES && System.nanoTime() - deadlineNanos > 0)) {
                    exhausted[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (unwoven(bytes)) {
                    String relative = root.relativize(file).toString();
                    unwoven.add(relative.substring(0, relative.length() - ".class".length())
                            .replace(file.getFileSystem().getSeparator(), "."));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return !exhausted[0];
    }
}
