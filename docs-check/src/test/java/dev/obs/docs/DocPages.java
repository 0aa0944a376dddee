package dev.obs.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documentation pages ({@code README.md} and every {@code docs/*.md}, found anew on each run, so a
 * new page is checked without anyone listing it) and their fenced code blocks.
 *
 * <p>A {@code ```java} block is a complete compilation unit: imports (and a package, if it wants one)
 * included, compiled as shown. A block that is deliberately a piece of code rather than a unit says so
 * in its info string, {@code ```java fragment}; it is not compiled. Markdown renderers take the first
 * word as the language, so the marker does not show. A block right after a
 * {@code <!-- compiled: Source#region -->} comment is a region of a source that its module's own test
 * compiles and compares with the page (obs-servlet's DocsSnippetsTest); it is not compiled here.
 */
final class DocPages {

    /** A fenced block: its page, the line of its first code line (1-based), its info words and its text. */
    record Block(Path page, int line, String language, List<String> info, String text) {

        boolean isFragment() {
            return info.contains("fragment") || info.contains("compiled-elsewhere");
        }

        String where() {
            return root().relativize(page) + ":" + line;
        }
    }

    private static final Pattern FENCE_OPEN = Pattern.compile("^```(\\w+)(.*)$");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+|@\\w+(?:\\([^)]*\\))?\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    private DocPages() {
    }

    /** The repository's root: the nearest directory upwards that holds both README.md and docs/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no README.md with a docs/ directory above " + Path.of("").toAbsolutePath());
    }

    /** README.md and every docs/*.md, in name order. */
    static List<Path> pages() {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<Block> blocks(Path page) {
        try {
            return blocks(page, Files.readString(page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of a page's text. */
    static List<Block> blocks(Path page, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE_OPEN.matcher(lines[i].stripTrailing());
            if (!open.matches()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            int first = i + 2;
            int j = i + 1;
            while (j < lines.length && !lines[j].stripTrailing().equals("```")) {
                text.append(lines[j]).append('\n');
                j++;
            }
            List<String> info = new ArrayList<>(List.of(open.group(2).trim().split("\\s+")));
            int previous = i - 1;
            while (previous >= 0 && lines[previous].isBlank()) {
                previous--;
            }
            if (previous >= 0 && lines[previous].trim().startsWith("<!-- compiled:")) {
                info.add("compiled-elsewhere"); // a region of a source that a module's own test compiles and compares
            }
            blocks.add(new Block(page, first, open.group(1), info, text.toString()));
            i = j;
        }
        return blocks;
    }

    /** The file a unit must be compiled as, e.g. {@code com/acme/orders/Main.java}; {@code null} if it declares no type. */
    static String fileName(String unit) {
        Matcher type = PUBLIC_TYPE.matcher(unit);
        if (!type.find()) {
            type = TOP_LEVEL_TYPE.matcher(unit);
            if (!type.find()) {
                return null;
            }
        }
        Matcher pkg = PACKAGE.matcher(unit);
        String directory = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        return directory + type.group(1) + ".java";
    }
}
