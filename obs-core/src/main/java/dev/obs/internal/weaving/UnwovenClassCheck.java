package dev.obs.internal.weaving;

import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.spi.Diagnostics;
import java.io.IOException;
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
import java.util.List;
import java.util.Set;

/**
 * Names the classes whose {@code @Traced}/{@code @Timed} methods were compiled but not woven, so that
 * an IDE build that bypassed Maven shows up as one {@code obs:} line at install instead of
 * annotations that silently do nothing.
 *
 * <p>Only class-path <em>directories</em> are looked at: jars are what a Maven build packages, after
 * weaving, and an IDE runs from output directories. In a directory the weaver has processed, its
 * {@link WovenClasses#INDEX index} is newer than every class it saw, so only class files compiled
 * since then are read. Each read is a byte search for the annotations' descriptors and the woven
 * mark; only a file with the first and without the second is parsed, to tell methods that weaving
 * would change from, say, annotated interface methods meant for proxies. The whole check stops
 * after {@link #MAX_FILES} files or {@link #BUDGET_NANOS}, so a huge directory cannot slow start-up.
 */
public final class UnwovenClassCheck {

    static final int MAX_FILES = 20_000;
    static final long BUDGET_NANOS = 100_000_000L;
    private static final int MAX_NAMED = 5;

    private static final byte[] TRACED = WovenClasses.TRACED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMED = WovenClasses.TIMED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WOVEN = WovenClasses.FIELD_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private UnwovenClassCheck() {
    }

    /**
     * Prints one line naming the unwoven annotated classes found in {@code loader}'s class-path
     * directories, when any module observes methods (otherwise the annotations have no effect
     * anyway). Never throws.
     */
    public static void report(ClassLoader loader, Diagnostics diagnostics) {
        if (MethodObserverRegistry.isEmpty() || loader == null) {
            return;
        }
        List<String> unwoven;
        try {
            unwoven = findUnwoven(classPathDirectories(loader), System.nanoTime() + BUDGET_NANOS);
        } catch (IOException | RuntimeException e) {
            return; // a best-effort hint: an unreadable class path is not worth a message
        }
        if (unwoven.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < unwoven.size() && i < MAX_NAMED; i++) {
            names.append(i == 0 ? "" : ", ").append(unwoven.get(i));
        }
        if (unwoven.size() > MAX_NAMED) {
            names.append(" and ").append(unwoven.size() - MAX_NAMED).append(" more");
        }
        diagnostics.warn("@Traced/@Timed methods of " + unwoven.size() + (unwoven.size() == 1 ? " class were" : " classes were")
                + " compiled but not woven, so only calls through Observability.instrument(..) proxies are observed: "
                + names + "; run obs-maven-plugin's weave goal after compiling (an IDE build skips it: see docs/annotations.md)");
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
        int[] budget = {MAX_FILES};
        for (Path directory : directories) {
            if (!scan(directory, deadlineNanos, budget, unwoven)) {
                break;
            }
        }
        return unwoven;
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
                if (--budget[0] < 0 || System.nanoTime() - deadlineNanos > 0) {
                    exhausted[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                byte[] bytes = Files.readAllBytes(file);
                if ((WovenClasses.contains(bytes, TRACED) || WovenClasses.contains(bytes, TIMED)) && !WovenClasses.contains(bytes, WOVEN)
                        && AnnotatedClassFile.hasWeavableAnnotatedMethod(bytes)) {
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
