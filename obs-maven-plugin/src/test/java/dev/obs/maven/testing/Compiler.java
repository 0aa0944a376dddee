package dev.obs.maven.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles fixture sources in-process, against this test's class path (which holds obs-core). */
public final class Compiler {

    private Compiler() {
    }

    /** Writes {@code sources} (path → text) under {@code root}/src and compiles them to {@code root}/classes. */
    public static Path compile(Path root, String release, Map<String, String> sources) throws IOException {
        Path src = root.resolve("src");
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", release, "-g", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        int status = javac.getTask(out, null, null, args.subList(0, 8), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjectsFromStrings(args.subList(8, args.size()))).call() ? 0 : 1;
        assertThat(status).as("javac: %s", out).isZero();
        return classes;
    }

    /** The class path of this test, as the weaver is given the compile class path by Maven. */
    public static List<Path> testClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        return entries;
    }
}
