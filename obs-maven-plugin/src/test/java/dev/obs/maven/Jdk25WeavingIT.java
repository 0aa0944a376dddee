package dev.obs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.obs.maven.internal.Weaver;
import dev.obs.maven.testing.Compiler;
import dev.obs.maven.testing.Fixtures;
import dev.obs.testing.RequiredTool;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class files from the newest JDK weave like those at --release 17: the fixtures are compiled by the
 * Temurin 25 JDK with {@code --release 25} (with Java 21+ pattern matching), woven, and run on that
 * JDK. Skipped where that JDK is missing, except under CI, where it must be there.
 */
class Jdk25WeavingIT {

    private static final String MODERN = """
            package fx;

            import dev.obs.annotation.Traced;

            public class Modern {
                sealed interface Shape permits Circle, Square {
                }

                record Circle(double radius) implements Shape {
                }

                record Square(double side) implements Shape {
                }

                @Traced
                public String describe(Object value) {
                    return switch (value) {
                        case Integer i when i > 0 -> "positive " + i;
                        case String s -> "text " + s;
                        default -> "other";
                    };
                }

                @Traced
                double area(Shape shape) {
                    return switch (shape) {
                        case Circle(double r) -> Math.PI * r * r;
                        case Square(double s) -> s * s;
                    };
                }
            }
            """;

    static Path jdk;

    @BeforeAll
    static void findJdk25() {
        jdk = Path.of(System.getProperty("obs.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(jdk.resolve("bin/javac"))) {
            RequiredTool.missing("no JDK 25 at " + jdk + " (install Temurin 25 or set obs.jdk25.home): it proves class files "
                    + "of the newest JDK weave");
        }
    }

    @Test
    void classFilesCompiledByJdk25AtRelease25WeaveAndRunThere(@TempDir Path work) throws Exception {
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> javac = new ArrayList<>(List.of(jdk.resolve("bin/javac").toString(), "--release", "25", "-g",
                "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        Path src = work.resolve("src/fx");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Orders.java"), Fixtures.ORDERS);
        Files.writeString(src.resolve("Modern.java"), MODERN);
        javac.add(src.resolve("Orders.java").toString());
        javac.add(src.resolve("Modern.java").toString());
        assertThat(run(javac, work)).isEmpty();
        byte[] modern = Files.readAllBytes(classes.resolve("fx/Modern.class"));
        assertThat(((modern[6] & 0xFF) << 8) | (modern[7] & 0xFF)).as("class file major version").isEqualTo(69);

        Weaver.Result result = new Weaver(Compiler.testClassPath(), new Weaver.Log() {
            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }
        }).weave(classes);
        assertThat(result.woven()).containsExactlyInAnyOrder("fx.Orders", "fx.Modern");

        String output = run(List.of(jdk.resolve("bin/java").toString(), "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"),
                "dev.obs.maven.testing.WovenFixtureMain"), work);

        assertThat(output.lines()).contains(
                "java 25",
                "returned order-for-c25",
                "returned positive 5",
                "returned text x",
                "thrown java.io.IOException at checked:" + Fixtures.lineOf(Fixtures.ORDERS, "disk full"),
                "event enter Orders.place span=Orders.place timer=null",
                "event complete Orders.place",
                "event enter Modern.describe span=Modern.describe timer=null",
                "event complete Orders.checked error=IOException");
        assertThat(output.lines().filter(l -> l.startsWith("event enter Modern.describe"))).hasSize(2);
    }

    /** Runs a command and returns its combined output; fails on a non-zero exit. */
    private static String run(List<String> command, Path dir) throws Exception {
        Path log = dir.resolve("process-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
        return output;
    }
}
