package dev.obs.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.redact.Redactor;
import dev.obs.tracing.ObsTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The captured spans are the ones the span exporter receives, behind the export queue and the
 * redaction that runs on the way to OTLP, not the in-memory ring of recent spans.
 */
@ObsTest(config = "obs.traces.memory.spans=0") // no ring of recent spans: whatever is captured was exported
class ExportedSpansTest {

    private static final String SECRET = "tok_live_9f8e7d6c5b4a";

    /** Code under test: opens a span of its own, puts a secret in its attributes and logs inside it. */
    private static final HttpHandler PAY = exchange -> {
        Span span = ObsTracing.openTelemetry().getTracer("com.acme.payments").spanBuilder("charge card").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute("payment.token", SECRET);
            span.setAttribute("payment.note", "retry with password=" + SECRET);
            span.setAttribute("payment.amount_cents", 1250L);
            LoggerFactory.getLogger("com.acme.payments").info("charging card");
        } finally {
            span.end();
        }
        byte[] body = "paid".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    };

    @Test
    void aSecretInAUserSpanAttributeIsCapturedRedactedAsItIsExported(ObsCapture capture) {
        HttpResult response = capture.http("/pay", PAY).post("/pay", "");
        assertThat(response.status()).isEqualTo(200);
        assertThat(ObsTracing.recentSpans()).as("the in-memory ring is off").isEmpty();

        SpanData charge = capture.span("charge card");
        assertThat(charge.getAttributes().get(AttributeKey.stringKey("payment.token"))).isEqualTo(Redactor.MASK);
        assertThat(charge.getAttributes().get(AttributeKey.stringKey("payment.note"))).isEqualTo("retry with password=" + Redactor.MASK);
        assertThat(charge.getAttributes().get(AttributeKey.longKey("payment.amount_cents"))).isEqualTo(1250L);
        for (SpanData span : capture.spans()) {
            assertThat(span.getAttributes().toString()).doesNotContain(SECRET);
            assertThat(span.getResource().getAttributes().toString()).doesNotContain(SECRET);
        }

        // the same span the log line names: its IDs are the ones the exporter received
        CapturedLog line = capture.logsOfRequest(response.requestId()).stream()
                .filter(l -> l.message().equals("charging card")).findFirst().orElseThrow();
        assertThat(line.traceId()).isEqualTo(charge.getTraceId());
        assertThat(line.spanId()).isEqualTo(charge.getSpanId());
        assertThat(capture).request(response.requestId()).serverSpan().hasTraceId(charge.getTraceId());
        assertThat(capture).span("charge card").hasParentNamed("POST /pay");
        assertThat(capture).request(response.requestId()).loggedAt(Level.INFO).withMessage("charging card").hasSize(1);
    }

    @Test
    void clearForgetsWhatWasExportedSoFar(ObsCapture capture) {
        capture.http("/pay", PAY).post("/pay", "");
        assertThat(capture.spans()).hasSize(2);

        capture.clear();
        assertThat(capture.spans()).isEmpty();

        capture.http("/pay", PAY).post("/pay", "");
        assertThat(capture).spans().hasSize(2).hasNames("charge card", "POST /pay");
    }
}
