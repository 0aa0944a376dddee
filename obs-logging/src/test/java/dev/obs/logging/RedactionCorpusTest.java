package dev.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.spi.LogEvent;
import dev.obs.testing.IsolatedObs;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Secrets and personal data, logged every way SLF4J allows, never reach stdout. */
class RedactionCorpusTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    /** Text that carries a secret, and the secret itself. */
    private static final Map<String, String> CORPUS = Map.ofEntries(
            Map.entry("login failed password=hunter2 for user 7", "hunter2"),
            Map.entry("body {\"user\":\"u7\",\"password\":\"s3cr3t-json\"}", "s3cr3t-json"),
            Map.entry("Authorization: Bearer abc.def-ghi_jkl123", "abc.def-ghi_jkl123"),
            Map.entry("calling with api_key=AKIA1234567890SECRET", "AKIA1234567890SECRET"),
            Map.entry("token " + JWT, JWT),
            Map.entry("paid with 4111 1111 1111 1111", "4111 1111 1111 1111"),
            Map.entry("paid with 5500-0000-0000-0004", "5500-0000-0000-0004"),
            Map.entry("amex 378282246310005 charged", "378282246310005"),
            Map.entry("receipt sent to alice.smith@example.com", "alice.smith@example.com"));

    private final Logger log = LoggerFactory.getLogger("com.acme.Payments");

    @AfterEach
    void reset() {
        MDC.clear();
        Observability.resetForTesting();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text"})
    void nothingFromTheCorpusReachesStdout(String format) {
        try (Capture capture = new Capture()) {
            IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).set("obs.log.format", format).install();
            try (ContextScope ignored = RequestContext.newRequest("req-redact").makeCurrent()) {
                logEveryWay();
            }
            log.info("done");
            Observability.resetForTesting();

            String out = capture.stdout();
            assertThat(out).contains("done").contains("[REDACTED]");
            for (String secret : CORPUS.values()) {
                assertThat(out).as("%s output", format).doesNotContain(secret);
            }
            for (String secret : List.of("plainvalue1", "sess-secret-9", "nested-secret", "raw-secret", "4111111111111111",
                    "cause-secret", "suppressed-secret", "bob@example.org")) {
                assertThat(out).as("%s output", format).doesNotContain(secret);
            }
            if (format.equals("json")) {
                assertThat(capture.lines()).isNotEmpty(); // still one JSON object per line
            }
        }
    }

    private void logEveryWay() {
        int i = 0;
        for (String text : CORPUS.keySet()) {
            log.info(text);                                            // the message
            log.info("argument: {}", text);                           // a formatted argument
            log.atInfo().addKeyValue("note", text).log("kv " + i);   // a key-value pair
            log.info("structured {}", kv("note", text));              // a structured argument
            MDC.put("note", text);                                    // an MDC value
            log.info("mdc {}", i);
            MDC.remove("note");
            log.error("exception " + i, new IllegalStateException(text)); // an exception message
            i++;
        }
        log.atInfo().addKeyValue("password", "plainvalue1").log("sensitive key");
        MDC.put("session_id", "sess-secret-9");
        log.info("sensitive MDC key");
        MDC.remove("session_id");
        log.info("nested {}", kv("user", Map.of("id", 7, "password", "nested-secret")));
        log.info("raw {}", raw("payload", "{\"token\":\"raw-secret\",\"ok\":true}"));
        log.info(Markers.append("card", 4111111111111111L), "card as a number in a marker");
        log.atInfo().addKeyValue("card", 4111111111111111L).log("card as a number in a key-value pair");
        Exception withCause = new RuntimeException("outer", new IllegalArgumentException("inner password=cause-secret"));
        withCause.addSuppressed(new IllegalStateException("mail bob@example.org"));
        withCause.getCause().addSuppressed(new IllegalStateException("token: suppressed-secret"));
        log.error("nested exceptions", withCause);
    }

    @Test
    void redactedValuesKeepTheirFieldsAndTheRestOfTheLine() {
        try (Capture capture = new Capture()) {
            IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).install();
            log.atInfo().addKeyValue("password", "plainvalue1").addKeyValue("order_id", 42)
                    .log("login for alice.smith@example.com failed");
            log.info("nested {}", kv("user", Map.of("id", 7, "password", "nested-secret")));
            JsonNode line = capture.awaitMessage("login for [REDACTED] failed");
            assertThat(line.get("password").asText()).isEqualTo("[REDACTED]");
            assertThat(line.get("order_id").asInt()).isEqualTo(42);
            JsonNode nested = capture.await(n -> n.path("message").asText().startsWith("nested"), "the nested line");
            assertThat(nested.get("user").get("password").asText()).isEqualTo("[REDACTED]");
            assertThat(nested.get("user").get("id").asInt()).isEqualTo(7);
            assertThat(nested.get("message").asText()).doesNotContain("nested-secret");
        }
    }

    @Test
    void publishedEventsCarryTheRedactedMessage() {
        try (Capture ignored = new Capture()) {
            IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).install();
            log.warn("retry for alice.smith@example.com with password=hunter2");
            assertThat(RecordingModule.EVENTS).extracting(LogEvent::message)
                    .containsExactly("retry for [REDACTED] with password=[REDACTED]");
        }
    }
}
