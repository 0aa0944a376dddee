package dev.obs.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles the {@code ```java} blocks of one page together, and says where in the page each error is. */
final class SnippetCompiler {

    private SnippetCompiler() {
    }

    /**
     * Compiles the page's non-fragment blocks against this test's class path (every obs module) and
     * returns one line per problem, {@code page:line: message}; empty when everything compiles.
     */
    static List<String> compile(List<DocPages.Block> blocks, Path work) {
        List<String> problems = new ArrayList<>();
        Map<Path, DocPages.Block> sources = new HashMap<>();
        try {
            Path src = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            for (DocPages.Block block : blocks) {
                if (!block.language().equals("java") || block.isFragment()) {
                    continue;
                }
                String name = DocPages.fileName(block.text());
                if (name == null) {
                    problems.add(block.where() + ": this ```java block declares no class, interface, record or enum; make it a "
                            + "complete compilation unit (imports included), or mark it ```java fragment if it is deliberately a piece");
                    continue;
                }
                Path file = src.resolve(name);
                if (sources.containsKey(file.toAbsolutePath())) {
                    problems.add(block.where() + ": " + name + " is declared again (first at " + sources.get(file.toAbsolutePath()).where()
                            + "); give it another name or package");
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, block.text(), StandardCharsets.UTF_8);
                sources.put(file.toAbsolutePath(), block);
            }
            if (sources.isEmpty()) {
                return problems;
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                        "-classpath", System.getProperty("java.class.path"));
                javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources.keySet())).call();
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                DocPages.Block block = d.getSource() == null ? null : sources.get(Path.of(d.getSource().toUri()).toAbsolutePath());
                String where = block == null ? "(no source)" : DocPages.root().relativize(block.page()) + ":"
                        + (block.line() + d.getLineNumber() - 1);
                problems.add(where + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }
}
