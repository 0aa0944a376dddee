package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over real HTTP: content negotiation, compression, methods. */
class ScrapeEndpointTest {

    /** What Prometheus 2.x sends when it scrapes. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private TestService service;

    @BeforeEach
    void install() {
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install();
        service = new TestService(obs).route("/orders", exchange -> TestService.respond(exchange, 200, "ok"));
        service.get("/orders");
    }

    @AfterEach
    void reset() {
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void servesTheTextFormatByDefault() {
        HttpResponse<byte[]> response = service.admin("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("# TYPE http_server_request_duration_seconds histogram").doesNotContain("# EOF");
    }

    @Test
    void servesOpenMetricsToPrometheus() {
        HttpResponse<byte[]> response = service.admin("GET", "/metrics", "Accept", PROMETHEUS_ACCEPT);

        assertThat(response.headers().firstValue("Content-Type")).hasValue(OPENMETRICS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void honoursAPreferenceForTheTextFormat() {
        HttpResponse<byte[]> response = service.admin("GET", "/metrics",
                "Accept", "application/openmetrics-text;q=0.3, text/plain;version=0.0.4");

        assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT);
    }

    @Test
    void compressesWhenTheScraperAcceptsGzip() throws IOException {
        HttpResponse<byte[]> plain = service.admin("GET", "/metrics", "Accept", PROMETHEUS_ACCEPT);
        HttpResponse<byte[]> compressed = service.admin("GET", "/metrics", "Accept", PROMETHEUS_ACCEPT,
                "Accept-Encoding", "gzip");

        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.headers().firstValue("Content-Type")).hasValue(OPENMETRICS);
        String body;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(body).endsWith("# EOF\n").contains("http_server_request_duration_seconds_bucket");
        assertThat(Exposition.parse(body).samples("http_server_request_duration_seconds_count")).hasSize(1);
        assertThat(compressed.body().length).isLessThan(plain.body().length / 3);
    }

    @Test
    void doesNotCompressWhenGzipIsRefused() {
        HttpResponse<byte[]> response = service.admin("GET", "/metrics", "Accept-Encoding", "gzip;q=0, identity");

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("# TYPE");
    }

    @Test
    void answersHeadWithoutABodyAndRefusesOtherMethods() {
        HttpResponse<byte[]> head = service.admin("HEAD", "/metrics");
        HttpResponse<byte[]> post = service.admin("POST", "/metrics");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue(TEXT);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
