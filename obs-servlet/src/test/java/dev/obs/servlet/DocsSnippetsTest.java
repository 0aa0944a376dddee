package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code block of docs/servlet.md marked {@code <!-- compiled: Class#tag -->} is, line for line,
 * the tagged region of a source under src/test/java/dev/obs/servlet/docs, which the tests compile
 * and run on real servers.
 */
class DocsSnippetsTest {

    private static final Path DOC = Path.of("..", "docs", "servlet.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "obs", "servlet", "docs");
    private static final Pattern MARKED = Pattern.compile("<!-- compiled: (\\w+)#([\\w-]+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetIsTheCompiledSource() throws IOException {
        String doc = Files.readString(DOC);
        Matcher m = MARKED.matcher(doc);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String region = region(Files.readString(SOURCES.resolve(m.group(1) + ".java")), m.group(2));
            assertThat(m.group(3).stripTrailing()).as("docs/servlet.md snippet %s#%s", m.group(1), m.group(2))
                    .isEqualTo(region);
            checked.add(m.group(1) + "#" + m.group(2));
        }
        assertThat(checked).contains("JettySetup#jetty", "TomcatSetup#tomcat", "JavalinSetup#javalin",
                "ServletApiSetup#servlet-api");
    }

    static String region(String source, String tag) {
        int start = source.indexOf("// tag::" + tag + "[]");
        int end = source.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s", tag).isNotNegative();
        assertThat(end).as("end of tag %s", tag).isGreaterThan(start);
        List<String> lines = source.substring(source.indexOf('\n', start) + 1, end).lines().toList();
        lines = lines.subList(0, lines.size() - (lines.get(lines.size() - 1).isBlank() ? 1 : 0));
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).toList()).stripTrailing();
    }
}
