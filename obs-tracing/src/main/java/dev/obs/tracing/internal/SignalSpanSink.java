package dev.obs.tracing.internal;

import dev.obs.redact.Redactor;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.SignalListener;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands each recorded span (sampled, or kept for keep-errors/keep-slow) to core's signal listeners
 * (the console), with its attribute values redacted. Costs one volatile read per span while
 * nobody listens.
 */
final class SignalSpanSink extends SampledSpanSink {

    private static final int MAX_ATTRIBUTES = 32;

    private final SignalListener signals;
    private final Redactor redactor;

    SignalSpanSink(SignalListener signals, Redactor redactor) {
        this.signals = signals;
        this.redactor = redactor;
    }

    @Override
    public void accept(ReadableSpan span) {
        if (!signals.isListening()) {
            return;
        }
        SpanData data = span.toSpanData();
        Map<String, String> attributes = new LinkedHashMap<>();
        data.getAttributes().forEach((key, value) -> {
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(key.getKey(), redactor.redact(key.getKey(), String.valueOf(value)));
            }
        });
        String parent = data.getParentSpanContext().isValid() ? data.getParentSpanId() : null;
        signals.onSpan(new FinishedSpan(data.getTraceId(), data.getSpanId(), parent, redactor.redact(data.getName()),
                data.getKind().name(), data.getStartEpochNanos(), data.getEndEpochNanos(),
                data.getStatus().getStatusCode() == StatusCode.ERROR, attributes));
    }
}
