package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/getting-started.md shows the quickstart's banner as the service prints it, and names every endpoint. */
class GettingStartedPageTest {

    private static String page() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/getting-started.md"))) {
            dir = dir.getParent();
        }
        return Files.readString(dir.resolve("docs/getting-started.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theBannerOnThePageIsTheOneTheServicePrintsOnTheDefaultPorts() throws Exception {
        String printed = QuickstartApp.banner(8080, 9464).strip();

        assertThat(page()).as("the banner block of docs/getting-started.md").contains("```\n" + printed + "\n```");
    }

    @Test
    void everyEndpointIsDescribed() throws Exception {
        String page = page();
        for (String endpoint : new String[] {"`POST /orders`", "`GET /orders/{id}`", "`/slow`", "`/fail`", "`/pricing`",
                "`/metrics`", "`/health`", "`/ready`"}) {
            assertThat(page).as("docs/getting-started.md describes %s", endpoint).contains(endpoint);
        }
    }
}
