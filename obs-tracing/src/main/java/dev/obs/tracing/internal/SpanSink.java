package dev.obs.tracing.internal;

import io.opentelemetry.sdk.trace.ReadableSpan;

/** Where a finished span goes once it is to be kept: the export queue, the in-memory ring. */
interface SpanSink {

    /** Takes a finished span that is to be kept (its context says sampled). Never blocks. */
    void accept(ReadableSpan span);
}
