package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.spi.LogLine;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lines the logging module publishes through core's signal SPI are the lines it writes, redacted. */
class PublishedLogLinesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final Logger log = LoggerFactory.getLogger("com.acme.Checkout");
    private Capture capture;

    @BeforeEach
    void install() {
        capture = new Capture();
        Observability.builder().set("obs.admin.enabled", "false").shutdownHook(false).serviceName("checkout").install();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
        capture.close();
    }

    @Test
    void aPublishedLineIsExactlyTheStdoutLineWithItsRequestAndTraceIds() throws Exception {
        try (ContextScope ignored = RequestContext.newRequest("published-1").withTrace(TRACE_ID, "00f067aa0ba902b7", false)
                .makeCurrent()) {
            log.atWarn().addKeyValue("password", "hunter2").log("card 4111 1111 1111 1111 declined");
        }
        capture.awaitMessage("card [REDACTED] declined");
        List<LogLine> published = RecordingModule.LINES.stream().filter(l -> "published-1".equals(l.requestId())).toList();
        assertThat(published).singleElement().satisfies(line -> {
            assertThat(line.traceId()).isEqualTo(TRACE_ID);
            assertThat(line.level()).isEqualTo("WARN");
            assertThat(capture.stdout()).contains(line.json() + "\n");
            assertThat(line.json()).contains("\"password\":\"[REDACTED]\"").doesNotContain("hunter2").doesNotContain("4111");
        });
    }
}
