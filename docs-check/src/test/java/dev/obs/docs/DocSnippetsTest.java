package dev.obs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles as shown (the blocks of one page
 * together, so a page can build a small program across several blocks). A block marked
 * {@code ```java fragment} is deliberately not a compilation unit and is skipped.
 */
class DocSnippetsTest {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfEveryPageCompiles() {
        return DocPages.pages().stream().map(page -> DynamicTest.dynamicTest(DocPages.root().relativize(page).toString(), () -> {
            List<String> problems = SnippetCompiler.compile(DocPages.blocks(page), work.resolve(page.getFileName().toString()));
            assertThat(problems).as("Java blocks of %s that do not compile as shown (mark a deliberate piece ```java fragment)",
                    page.getFileName()).isEmpty();
        }));
    }

    @Test
    void thePagesIncludeReadmeAndEveryDocsPage() {
        assertThat(DocPages.pages()).extracting(p -> DocPages.root().relativize(p).toString().replace('\\', '/'))
                .contains("README.md", "docs/getting-started.md", "docs/annotations.md");
    }

    @Test
    void aBrokenBlockIsReportedAtItsLineInThePageAndAFragmentIsSkipped() {
        Path page = DocPages.root().resolve("docs/example.md");
        String markdown = """
                # A page

                ```java
                import java.util.List;

                public class Broken {
                    List<String> names = new ArrayLis<>();
                }
                ```

                ```java fragment
                names.add("not a unit");
                ```

                ```java
                names.add("not a unit either, and not marked");
                ```
                """;

        List<String> problems = SnippetCompiler.compile(DocPages.blocks(page, markdown), work);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("docs/example.md:16: this ```java block declares no class")
                .endsWith("or mark it ```java fragment if it is deliberately a piece");
        assertThat(problems.get(1)).startsWith("docs/example.md:7: cannot find symbol");
    }

    @Test
    void theFileNameComesFromThePackageAndThePublicType() {
        assertThat(DocPages.fileName("package com.acme.orders;\n\nimport x.Y;\n\n@Deprecated\npublic final class Main {\n}\n"))
                .isEqualTo("com/acme/orders/Main.java");
        assertThat(DocPages.fileName("class Helper {}\npublic record Order(long id) {}\n")).isEqualTo("Order.java");
        assertThat(DocPages.fileName("var x = 1;\n")).isNull();
    }
}
