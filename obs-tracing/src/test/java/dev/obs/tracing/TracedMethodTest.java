package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Observability;
import dev.obs.annotation.Traced;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.tracing.support.Obs;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedMethodTest {

    public interface Inventory {
        int reserve(String sku, int quantity);

        CompletableFuture<String> ship(String orderId);
    }

    public static final class DefaultInventory implements Inventory {
        final CompletableFuture<String> shipped = new CompletableFuture<>();

        @Traced
        @Override
        public int reserve(String sku, int quantity) {
            if (quantity < 0) {
                throw new IllegalArgumentException("negative quantity for " + sku + " from jane@example.com");
            }
            return quantity;
        }

        @Traced("inventory.ship")
        @Override
        public CompletableFuture<String> ship(String orderId) {
            return shipped;
        }
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void aTracedMethodIsAnInternalSpanNamedAfterItsClassWithCodeAttributes() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        Inventory inventory = obs.instrument(Inventory.class, new DefaultInventory());
        try (ContextScope ignored = RequestContext.newRequest("req-1").makeCurrent()) {
            obs.trace("checkout", () -> inventory.reserve("sku-1", 2));
        }
        List<SpanData> spans = ObsTracing.recentSpans();
        assertThat(spans).extracting(SpanData::getName).containsExactly("DefaultInventory.reserve", "checkout");
        SpanData reserve = spans.get(0);
        SpanData checkout = spans.get(1);
        assertThat(reserve.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(reserve.getParentSpanId()).isEqualTo(checkout.getSpanId());
        assertThat(reserve.getTraceId()).isEqualTo(checkout.getTraceId());
        assertThat(reserve.getAttributes().get(AttributeKey.stringKey("code.namespace"))).isEqualTo(DefaultInventory.class.getName());
        assertThat(reserve.getAttributes().get(AttributeKey.stringKey("code.function"))).isEqualTo("reserve");
        assertThat(reserve.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void anExceptionMarksEverySpanItLeavesAndIsRecordedOnceRedacted() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        Inventory inventory = obs.instrument(Inventory.class, new DefaultInventory());
        assertThatThrownBy(() -> obs.trace("checkout", () -> inventory.reserve("sku-1", -1)))
                .isInstanceOf(IllegalArgumentException.class);
        List<SpanData> spans = ObsTracing.recentSpans();
        assertThat(spans).extracting(SpanData::getName).containsExactly("DefaultInventory.reserve", "checkout");
        assertThat(spans).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(IllegalArgumentException.class.getName());
        });
        assertThat(spans.get(0).getEvents()).extracting(e -> e.getName()).containsExactly("exception");
        String message = spans.get(0).getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message"));
        assertThat(message).contains("sku-1").doesNotContain("jane@example.com");
        assertThat(spans.get(1).getEvents()).isEmpty();
    }

    @Test
    void aMethodReturningAFutureEndsItsSpanWhenTheFutureCompletes() throws Exception {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        DefaultInventory implementation = new DefaultInventory();
        Inventory inventory = obs.instrument(Inventory.class, implementation);
        CompletableFuture<String> shipped = inventory.ship("o-1");
        assertThat(RequestContext.current()).as("the span is not current once the method returned").isNull();
        assertThat(ObsTracing.recentSpans()).isEmpty();
        Thread.sleep(50);
        CompletableFuture.runAsync(() -> implementation.shipped.completeExceptionally(new IllegalStateException("no truck")));
        assertThatThrownBy(() -> shipped.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        SpanData ship = awaitSpan("inventory.ship");
        assertThat(Duration.ofNanos(ship.getEndEpochNanos() - ship.getStartEpochNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(ship.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void inAnUnsampledRequestNothingIsRecordedWhenNothingIsKept() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "0", "obs.traces.keep.errors", "false",
                "obs.traces.keep.slower.than", "0");
        Inventory inventory = obs.instrument(Inventory.class, new DefaultInventory());
        obs.trace("job", () -> {
            assertThat(RequestContext.current().sampled()).isFalse();
            String jobSpan = RequestContext.current().spanId();
            inventory.reserve("sku-1", 1);
            assertThat(RequestContext.current().spanId()).isEqualTo(jobSpan);
        });
        assertThat(ObsTracing.recentSpans()).isEmpty();
    }

    @Test
    void inAnUnsampledRequestThatFailsTracedCallsAreKeptAsTheSdkWouldHaveRecordedThem() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "0", "obs.traces.keep.errors", "true");
        Inventory inventory = obs.instrument(Inventory.class, new DefaultInventory());
        assertThatThrownBy(() -> obs.trace("checkout", () -> {
            String checkoutSpan = RequestContext.current().spanId();
            obs.trace("pricing", () -> {
                io.opentelemetry.api.trace.Span.current().setAttribute("pricing.rule", "bulk");
                io.opentelemetry.api.trace.Span inner = ObsTracing.openTelemetry().getTracer("user").spanBuilder("user.lookup").startSpan();
                inner.end();
                assertThat(RequestContext.current().spanId()).as("logs inside keep the request's span").isEqualTo(checkoutSpan);
            });
            inventory.reserve("sku-1", -1);
        })).isInstanceOf(IllegalArgumentException.class);
        // A request that ends well leaves nothing.
        obs.trace("healthy", () -> obs.trace("pricing", () -> { }));

        List<SpanData> spans = ObsTracing.recentSpans();
        assertThat(spans).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("pricing", "user.lookup", "DefaultInventory.reserve", "checkout");
        SpanData checkout = find(spans, "checkout");
        SpanData pricing = find(spans, "pricing");
        SpanData reserve = find(spans, "DefaultInventory.reserve");
        SpanData lookup = find(spans, "user.lookup");
        assertThat(spans).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(checkout.getTraceId());
            assertThat(span.getSpanContext().isSampled()).isTrue();
            assertThat(span.getResource()).isEqualTo(checkout.getResource());
        });
        assertThat(pricing.getParentSpanId()).isEqualTo(checkout.getSpanId());
        assertThat(reserve.getParentSpanId()).isEqualTo(checkout.getSpanId());
        assertThat(lookup.getParentSpanId()).isEqualTo(pricing.getSpanId());
        assertThat(pricing.getAttributes().get(AttributeKey.stringKey("pricing.rule"))).isEqualTo("bulk");
        assertThat(reserve.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(reserve.getAttributes().get(AttributeKey.stringKey("code.namespace"))).isEqualTo(DefaultInventory.class.getName());
        assertThat(reserve.getAttributes().get(AttributeKey.stringKey("code.function"))).isEqualTo("reserve");
        assertThat(reserve.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(reserve.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
        assertThat(reserve.getStartEpochNanos()).isBetween(checkout.getStartEpochNanos() - 1_000_000, checkout.getEndEpochNanos());
        assertThat(reserve.getEndEpochNanos()).isBetween(reserve.getStartEpochNanos(), checkout.getEndEpochNanos() + 1_000_000);
        assertThat(lookup.getStartEpochNanos()).isBetween(pricing.getStartEpochNanos() - 1_000_000, pricing.getEndEpochNanos() + 1_000_000);
    }

    private static SpanData find(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static SpanData awaitSpan(String name) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            for (SpanData span : ObsTracing.recentSpans()) {
                if (span.getName().equals(name)) {
                    return span;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("span " + name + " did not end; spans: " + ObsTracing.recentSpans());
    }
}
