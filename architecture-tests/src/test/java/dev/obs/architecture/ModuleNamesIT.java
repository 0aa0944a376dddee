package dev.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every obs jar carries an {@code Automatic-Module-Name} under {@code dev.obs}, so that JPMS users
 * get a stable module name rather than one made from the file name. Runs after {@code package},
 * on the jars the build made.
 */
class ModuleNamesIT {

    private static final Pattern OBS_JAR = Pattern.compile("(obs(?:-[a-z]+)+)-\\d[^/]*\\.jar");

    /** The obs jars on the class path, by artifact ID. */
    private static Map<String, Path> obsJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            Matcher m = OBS_JAR.matcher(path.getFileName().toString());
            if (m.matches() && Files.isRegularFile(path)) {
                jars.put(m.group(1), path);
            }
        }
        return jars;
    }

    @Test
    void everyModuleIsOnTheClassPathAsAJar() {
        assertThat(obsJars().keySet()).containsAll(List.of("obs-core", "obs-logging", "obs-metrics", "obs-tracing",
                "obs-errors", "obs-console", "obs-test", "obs-maven-plugin", "obs-servlet", "obs-jdbc"));
    }

    @Test
    void eachJarNamesItsModuleUnderDevObs() throws IOException {
        for (Map.Entry<String, Path> jar : obsJars().entrySet()) {
            String expected = "dev." + jar.getKey().replace('-', '.');
            try (JarFile file = new JarFile(jar.getValue().toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("Automatic-Module-Name of %s", jar.getValue()).isEqualTo(expected);
            }
            // what the JDK itself derives from the jar
            Set<ModuleReference> modules = ModuleFinder.of(jar.getValue()).findAll();
            assertThat(modules).as("modules in %s", jar.getValue()).hasSize(1);
            assertThat(modules.iterator().next().descriptor().name()).isEqualTo(expected);
        }
    }

    @Test
    void moduleNamesAreDistinct() {
        List<String> names = obsJars().keySet().stream().map(a -> "dev." + a.replace('-', '.')).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(Arrays.asList(names.toArray(String[]::new))).allMatch(n -> n.startsWith("dev.obs."));
    }
}
