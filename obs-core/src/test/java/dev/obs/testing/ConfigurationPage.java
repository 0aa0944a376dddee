package dev.obs.testing;

import dev.obs.config.ConfigKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key tables of {@code docs/configuration.md}, so that tests can keep the page and the
 * declared keys in step. Shared with the pillar modules through obs-core's test-jar.
 */
public final class ConfigurationPage {

    /** One documented key: its name, its default as written, its meaning. */
    public record Row(String key, String defaultValue, String meaning) {
    }

    // | `obs.admin.port` | `9464` | The admin server's port ... |
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.]+)`[^|]*\\|\\s*(?:`([^`]*)`|\\(empty\\))\\s*\\|\\s*(.+?)\\s*\\|\\s*$");

    private ConfigurationPage() {
    }

    /** The page, found by walking up from the working directory. */
    public static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path page = dir.resolve("docs/configuration.md");
            if (Files.isRegularFile(page)) {
                return page;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/configuration.md not found above " + Path.of("").toAbsolutePath());
    }

    /** Every documented key, by name. */
    public static Map<String, Row> rows() {
        try {
            Map<String, Row> rows = new LinkedHashMap<>();
            for (String line : Files.readAllLines(locate(), StandardCharsets.UTF_8)) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.put(m.group(1), new Row(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys documented in the section of one module, in the page's order: the rows below the
     * heading that names the artifact, e.g. {@code ## Errors (`obs-errors`)}, up to the next heading.
     */
    public static List<Row> section(String artifactId) {
        try {
            List<Row> rows = new ArrayList<>();
            boolean inSection = false;
            for (String line : Files.readAllLines(locate(), StandardCharsets.UTF_8)) {
                if (line.startsWith("## ")) {
                    inSection = line.contains("(`" + artifactId + "`)");
                    continue;
                }
                Matcher m = ROW.matcher(line);
                if (inSection && m.matches()) {
                    rows.add(new Row(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3)));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("docs/configuration.md has no key table under a heading naming " + artifactId);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems found: keys missing from the page, or documented with another default. Empty when in step. */
    public static List<String> mismatches(List<ConfigKey> keys) {
        Map<String, Row> rows = rows();
        List<String> problems = new ArrayList<>();
        for (ConfigKey key : keys) {
            Row row = rows.get(key.name());
            if (row == null) {
                problems.add(key.name() + " is not documented in docs/configuration.md");
            } else if (!row.defaultValue().equals(key.defaultValue())) {
                problems.add(key.name() + " is documented with default \"" + row.defaultValue() + "\" but the code says \""
                        + key.defaultValue() + "\"");
            }
        }
        return problems;
    }
}
