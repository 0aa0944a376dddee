package dev.obs.tracing;

import dev.obs.tracing.internal.TracingRuntime;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * What the tracing module offers besides its automatic spans.
 *
 * <pre>{@code
 * // spans of your own, in the same traces as obs's (also through GlobalOpenTelemetry)
 * Tracer tracer = ObsTracing.openTelemetry().getTracer("com.acme.orders");
 *
 * // in a test, or a debugging console: what was recorded lately
 * List<SpanData> spans = ObsTracing.recentSpans();
 * }</pre>
 */
public final class ObsTracing {

    private ObsTracing() {
    }

    /**
     * The OpenTelemetry instance obs runs, or {@link OpenTelemetry#noop()} when obs is not
     * installed (or has no tracing).
     */
    public static OpenTelemetry openTelemetry() {
        TracingRuntime runtime = TracingRuntime.current();
        return runtime == null ? OpenTelemetry.noop() : runtime.openTelemetry();
    }

    /**
     * The most recent finished spans that were sampled or kept (failed or slow requests), oldest
     * first; at most {@code obs.traces.memory.spans} of them. Empty when obs is not installed.
     * Kept whether or not spans are also exported.
     */
    public static List<SpanData> recentSpans() {
        TracingRuntime runtime = TracingRuntime.current();
        return runtime == null ? List.of() : runtime.recentSpans();
    }

    /**
     * Hands the finished spans waiting in the export queue to the exporter now and waits until it
     * took them, at most {@code timeout}: e.g. before a serverless function freezes, or in a test
     * that reads what its exporter received. Returns whether that finished in time (and {@code true}
     * when obs is not installed).
     *
     * <pre>{@code
     * ObsTracing.flush(Duration.ofSeconds(5));
     * }</pre>
     */
    public static boolean flush(java.time.Duration timeout) {
        TracingRuntime runtime = TracingRuntime.current();
        return runtime == null || runtime.flush(timeout);
    }

    /** Forgets the recent spans (between tests). */
    public static void clearRecentSpans() {
        TracingRuntime runtime = TracingRuntime.current();
        if (runtime != null) {
            runtime.clearRecentSpans();
        }
    }
}
