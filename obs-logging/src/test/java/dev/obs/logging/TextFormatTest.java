package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.testing.IsolatedObs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code OBS_LOG_FORMAT=text}: one readable line per event for local development, still with the IDs. */
class TextFormatTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void oneReadableLinePerEventWithTheIds() {
        try (Capture capture = new Capture()) {
            IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).set("obs.log.format", "text").install();
            Logger log = LoggerFactory.getLogger("com.acme.orders.OrderService");
            RequestContext ctx = RequestContext.newRequest("req-text").withTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
            try (ContextScope ignored = ctx.makeCurrent()) {
                log.atInfo().addKeyValue("order_id", 42).log("order placed\nfake second line");
            }
            log.warn("outside", new IllegalStateException("broken"));
            Observability.resetForTesting();

            List<String> lines = capture.stdout().lines().toList();
            assertThat(lines.get(0)).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  \\[.+\\] com\\.acme\\.orders\\.OrderService - "
                    + "order placed\\\\nfake second line order_id=42 request_id=req-text"
                    + " trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7");
            assertThat(lines.get(1)).endsWith("WARN  [" + Thread.currentThread().getName() + "] com.acme.orders.OrderService - outside")
                    .doesNotContain("request_id");
            assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: broken");
            assertThat(lines.get(3)).startsWith("\tat ");
        }
    }
}
