package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Label values are redacted before a series exists: what /metrics shows holds no secret. */
class TagRedactionTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String TOKEN = "ghp_" + "A1b2C3".repeat(6);

    private TestService service;

    @BeforeEach
    void install() {
        Observability obs = Observability.builder().environment(Map.of()).systemProperties(new Properties())
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
        // A handler that wrongly names part of the raw path as its route.
        service = new TestService(obs).route("/users", exchange -> {
            HttpRoute.set(exchange, exchange.getRequestURI().getPath());
            TestService.respond(exchange, 200, "user");
        });
    }

    @AfterEach
    void reset() {
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void applicationTagsAndRoutesAreRedactedInTheExposition() {
        Counter.builder("app.logins").tag("user", EMAIL).tag("api_key", "k-123456").tag("client", "cli " + TOKEN)
                .tag("region", "eu-west-1").register(Metrics.globalRegistry).increment();
        service.get("/users/" + EMAIL);
        service.send("PURGE", "/users/1");

        Exposition exposition = service.scrape();

        assertThat(exposition.text()).doesNotContain(EMAIL).doesNotContain("k-123456").doesNotContain(TOKEN).doesNotContain("PURGE");
        Exposition.Sample logins = exposition.samples("app_logins_total").get(0);
        assertThat(logins.labels()).containsEntry("user", "[REDACTED]").containsEntry("api_key", "[REDACTED]")
                .containsEntry("client", "cli [REDACTED]").containsEntry("region", "eu-west-1");
        assertThat(exposition.samples("http_server_request_duration_seconds_count"))
                .anySatisfy(s -> assertThat(s.label("http_route")).isEqualTo("/users/[REDACTED]"))
                .anySatisfy(s -> assertThat(s.label("http_request_method")).isEqualTo("_OTHER"));
    }
}
