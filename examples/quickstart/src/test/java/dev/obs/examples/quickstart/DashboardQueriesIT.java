package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.testing.IsolatedObs;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alert rules against a real Prometheus scraping the quickstart under load:
 * every dashboard query must return data (a query that returns nothing is a broken panel), and
 * every alert rule must be loaded and healthy.
 */
class DashboardQueriesIT {

    @TempDir
    static Path work;

    private static QuickstartApp app;
    private static PrometheusServer prometheus;
    private static ScheduledExecutorService load;

    @BeforeAll
    static void startEverything() throws Exception {
        Observability obs = IsolatedObs.builder().serviceName("quickstart").set("obs.env", "local")
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.traces.sample.ratio", "1.0")
                .shutdownHook(false).install();
        app = QuickstartApp.start(obs, 0);
        prometheus = PrometheusServer.start(work, "obs-quickstart", "127.0.0.1:" + obs.adminPort(),
                Tools.docs().resolve("alerts/obs-alerts.yml"));
        load = LoadGenerator.startInBackground(app.baseUri(), 40);
        // A handful of requests for every route up front, then let the scrapes (1 s) gather rates.
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 50; i++) {
            LoadGenerator.sendOne(client, app.baseUri());
        }
        Thread.sleep(20_000);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (load != null) {
            load.shutdownNow();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            app.close();
        }
        Observability.resetForTesting();
    }

    static List<String> dashboardQueries() throws Exception {
        Pattern expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> queries = new ArrayList<>();
        try (var files = Files.list(Tools.docs().resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Matcher m = expr.matcher(Files.readString(file));
                while (m.find()) {
                    String query = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                            .replace("$service", "quickstart").replace("$env", "local").replace("$__rate_interval", "30s");
                    queries.add(file.getFileName() + " :: " + query);
                }
            }
        }
        return queries;
    }

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(15);
        List<String> empty = new ArrayList<>();
        for (String entry : queries) {
            String query = entry.substring(entry.indexOf(" :: ") + 4);
            String answer = prometheus.query(query);
            if (!answer.contains("\"status\":\"success\"") || answer.contains("\"result\":[]")) {
                empty.add(entry + " -> " + answer);
            }
        }
        assertThat(empty).as("dashboard queries that return nothing").isEmpty();
    }

    @Test
    void latencyQuantilesComeOutPerRouteAndExemplarsCarryTraceIds() throws Exception {
        String p95 = prometheus.query("histogram_quantile(0.95, sum by (le, http_route) "
                + "(rate(http_server_request_duration_seconds_bucket{service=\"quickstart\"}[30s])))");
        assertThat(p95).contains("\"http_route\":\"/orders\"", "\"http_route\":\"/orders/{id}\"", "\"http_route\":\"/slow\"");
        String exemplars = prometheus.queryExemplars("http_server_request_duration_seconds_bucket{service=\"quickstart\"}", 120);
        assertThat(exemplars).containsPattern("\"trace_id\":\"[0-9a-f]{32}\"");
    }

    @Test
    void alertRulesAreLoadedAndHealthy() throws Exception {
        String rules = prometheus.get("/api/v1/rules").body();
        for (String alert : List.of("ObsHighErrorRate", "ObsHighLatencyP95", "ObsServiceDown", "ObsHeapAlmostFull",
                "ObsDatabasePoolExhausted", "ObsDroppingTelemetry")) {
            assertThat(rules).contains("\"name\":\"" + alert + "\"");
        }
        assertThat(rules).doesNotContain("\"health\":\"err\"").contains("\"health\":\"ok\"");
    }

    @Test
    void prometheusScrapesTheQuickstart() throws Exception {
        assertThat(prometheus.query("up{job=\"obs-quickstart\"}")).contains("\"value\":[").contains(",\"1\"]");
        URI metrics = URI.create("http://127.0.0.1:" + Observability.current().adminPort() + "/metrics");
        assertThat(metrics.getPort()).isPositive();
    }
}
