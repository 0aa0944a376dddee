package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real service in its own JVM: stdout is read exactly as a log shipper would read it. Covers the
 * set-up obs makes itself, and one that the application's own {@code logback.xml} makes.
 */
class ServiceStdoutIT {

    @Test
    void withoutLogbackXmlEveryLineIsJsonAndEveryInRequestLineCarriesTheIds() throws Exception {
        ChildJvm.Result result = ChildJvm.run(SampleService.class, List.of(), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        List<JsonNode> lines = Capture.parseLines(result.stdout()); // fails on any line that is not JSON
        assertThat(lines).extracting(line -> line.get("message").asText()).contains("started", "requests done");
        for (JsonNode line : lines) {
            assertThat(line.get("service").asText()).isEqualTo("sample");
            assertThat(line.get("env").asText()).isEqualTo("it");
            assertThat(line.get("version").asText()).isEqualTo("9.9.9");
        }

        JsonNode placing = find(lines, "placing order for api_key=[REDACTED]");
        JsonNode pooled = find(lines, "pricing on the pool");
        assertThat(placing.get("request_id").asText()).isEqualTo("it-req-1");
        assertThat(placing.get("trace_id").asText()).matches("[0-9a-f]{32}");
        assertThat(pooled.get("request_id").asText()).isEqualTo("it-req-1");
        assertThat(pooled.get("trace_id").asText()).isEqualTo(placing.get("trace_id").asText());
        assertThat(pooled.get("thread").asText()).isNotEqualTo(placing.get("thread").asText());

        // core's filter logs a handler failure through System.Logger, which is bridged from JUL
        JsonNode failure = lines.stream().filter(l -> l.get("logger").asText().equals("dev.obs.http")).findFirst().orElseThrow();
        assertThat(failure.get("level").asText()).isEqualTo("ERROR");
        assertThat(failure.get("request_id").asText()).isEqualTo("it-req-2");
        assertThat(failure.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: handler broke with password=[REDACTED]");

        for (String message : List.of("started", "pool after the requests", "requests done")) {
            assertThat(find(lines, message).has("request_id")).as(message).isFalse();
        }
        assertThat(result.stdout()).doesNotContain("hunter2").doesNotContain("sk_live_abcdef123456");

        assertThat(result.stderr()).contains("event: INFO | placing order for api_key=[REDACTED] | it-req-1 | -");
        assertThat(result.stderr()).contains("event: INFO | pricing on the pool | it-req-1 | -");
        assertThat(result.stderr()).containsPattern("event: ERROR \\| request failed: GET /fail .* \\| it-req-2 \\| IllegalStateException");
    }

    @Test
    void anApplicationLogbackXmlIsLeftAloneAndStillGetsTheIdsThroughTheMdc(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="PLAIN" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>USER %level [%X{request_id}] %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="PLAIN"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        ChildJvm.Result result = ChildJvm.run(SampleService.class, List.of(dir), Map.of("OBS_LOG_LEVEL", "debug"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        // the application's pattern, untouched: its own lines, and the stack trace its pattern prints after them
        List<String> lines = result.stdout().lines().filter(l -> l.startsWith("USER ")).toList();
        assertThat(result.stdout().lines()).noneMatch(l -> l.startsWith("{"));
        assertThat(lines).contains("USER INFO [] com.acme.sample.Orders - started",
                "USER INFO [it-req-1] com.acme.sample.Orders - placing order for api_key=sk_live_abcdef123456",
                "USER INFO [it-req-1] com.acme.sample.Orders - pricing on the pool",
                "USER INFO [] com.acme.sample.Orders - requests done");
        // obs says once that its level setting does not apply, and still feeds the other modules
        assertThat(result.stderr()).contains("obs: obs.log.level is set, but the application configures Logback itself (logback.xml at");
        assertThat(result.stderr()).contains("event: INFO | placing order for api_key=[REDACTED] | it-req-1 | -");
    }

    @Test
    void anApplicationLogbackXmlNamingObsClassesGetsTheSameJsonLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder class="dev.obs.logging.ObsJsonEncoder"/>
                  </appender>
                  <appender name="ASYNC" class="dev.obs.logging.ObsAsyncAppender">
                    <queueSize>1024</queueSize>
                    <appender-ref ref="CONSOLE"/>
                  </appender>
                  <root level="INFO"><appender-ref ref="ASYNC"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        ChildJvm.Result result = ChildJvm.run(SampleService.class, List.of(dir), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        List<JsonNode> lines = Capture.parseLines(result.stdout());
        JsonNode placing = find(lines, "placing order for api_key=[REDACTED]");
        assertThat(placing.get("request_id").asText()).isEqualTo("it-req-1");
        assertThat(placing.get("service").asText()).isEqualTo("sample");
        assertThat(find(lines, "pricing on the pool").get("request_id").asText()).isEqualTo("it-req-1");
        assertThat(result.stdout()).doesNotContain("hunter2").doesNotContain("sk_live_abcdef123456");
        // published once, by the application's ObsAsyncAppender, not a second time by obs
        assertThat(result.stderr().lines().filter(l -> l.startsWith("event: INFO | pricing on the pool"))).hasSize(1);
    }

    private static JsonNode find(List<JsonNode> lines, String message) {
        return lines.stream().filter(l -> l.get("message").asText().equals(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with message " + message + " in " + lines));
    }
}
