package dev.obs.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@code @Traced} span in a request that head sampling said no to, recorded only as far as a
 * kept segment needs it: name, code location, parent, start and end, and whatever is set on it
 * (status, attributes, events). No SDK span exists for it; it becomes {@link SpanData} only if its
 * request is kept ({@link #toSpanData}), so a request that ends well (nearly all of them) pays a few
 * field writes per call.
 *
 * <p>It is an OpenTelemetry {@link Span}: it is current while its method runs, so spans started
 * inside (obs's or through the OpenTelemetry API) are its children, and {@code Span.current()}
 * gives it to user code. Its span ID is drawn when it starts and written as hex only when someone
 * asks for its context.
 */
final class PendingSpan implements Span {

    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create(TracingRuntime.SCOPE);

    final KeepSegmentProcessor.Segment segment;
    private final SpanContext parent;
    private final long spanId;
    private final String codeNamespace;
    private final String codeFunction;
    final long startNanoTime;
    long endNanoTime; // written once, under the segment's lock (see KeepSegmentProcessor.Segment#end)
    boolean ended;    // likewise

    private String name;
    private SpanContext context;
    // Rare: only what user code or a failure sets. Guarded by this.
    private AttributesBuilder attributes;
    private List<EventData> events;
    private StatusData status = StatusData.unset();

    PendingSpan(KeepSegmentProcessor.Segment segment, SpanContext parent, String name, String codeNamespace, String codeFunction) {
        this.segment = segment;
        this.parent = parent;
        this.name = name;
        this.codeNamespace = codeNamespace;
        this.codeFunction = codeFunction;
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        this.spanId = id;
        segment.anchorClock();
        this.startNanoTime = System.nanoTime();
    }

    @Override
    public SpanContext getSpanContext() {
        SpanContext c = context;
        if (c == null) {
            c = SpanContext.create(parent.getTraceId(), SpanId.fromLong(spanId), TraceFlags.getDefault(), parent.getTraceState());
            context = c;
        }
        return c;
    }

    @Override
    public boolean isRecording() {
        return !ended;
    }

    @Override
    public <T> Span setAttribute(AttributeKey<T> key, T value) {
        if (key == null || key.getKey().isEmpty()) {
            return this;
        }
        synchronized (this) {
            if (attributes == null) {
                attributes = Attributes.builder();
            }
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
        }
        return this;
    }

    @Override
    public Span addEvent(String eventName, Attributes eventAttributes) {
        return addEvent(eventName, eventAttributes, segment.epochNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public Span addEvent(String eventName, Attributes eventAttributes, long timestamp, TimeUnit unit) {
        if (eventName == null) {
            return this;
        }
        Attributes a = eventAttributes == null ? Attributes.empty() : eventAttributes;
        synchronized (this) {
            if (events == null) {
                events = new ArrayList<>(2);
            }
            if (events.size() < 128) {
                events.add(EventData.create(unit.toNanos(timestamp), eventName, a));
            }
        }
        return this;
    }

    @Override
    public synchronized Span setStatus(StatusCode statusCode, String description) {
        if (statusCode != null && status.getStatusCode() != StatusCode.OK) {
            status = StatusData.create(statusCode, description == null ? "" : description);
        }
        return this;
    }

    @Override
    public Span recordException(Throwable exception, Attributes additionalAttributes) {
        if (exception == null) {
            return this;
        }
        String message = dev.obs.spi.SafeMessages.messageOf(exception);
        Attributes a = Attributes.builder().put(ExceptionAttributes.EXCEPTION_TYPE, exception.getClass().getName())
                .put(ExceptionAttributes.EXCEPTION_MESSAGE, message == null ? "" : message)
                .putAll(additionalAttributes == null ? Attributes.empty() : additionalAttributes).build();
        return addEvent("exception", a);
    }

    @Override
    public synchronized Span updateName(String newName) {
        if (newName != null) {
            name = newName;
        }
        return this;
    }

    @Override
    public void end() {
        segment.end(this, System.nanoTime());
    }

    @Override
    public void end(long timestamp, TimeUnit unit) {
        end(); // the time of a pending span is its own clock's; an explicit end time is not honoured
    }

    /** The span as the SDK would have recorded it, for a kept segment. Called once it has ended. */
    synchronized SpanData toSpanData(Resource resource) {
        AttributesBuilder all = Attributes.builder();
        if (!codeNamespace.isEmpty()) {
            all.put(SemanticAttributes.CODE_NAMESPACE, codeNamespace);
        }
        all.put(SemanticAttributes.CODE_FUNCTION, codeFunction);
        if (attributes != null) {
            all.putAll(attributes.build());
        }
        Attributes built = all.build();
        List<EventData> recorded = events == null ? Collections.emptyList() : List.copyOf(events);
        return new Data(getSpanContext(), parent, name, segment.epochNanos(startNanoTime), segment.epochNanos(endNanoTime),
                built, recorded, status, resource);
    }

    /** A finished span's data; the context says not sampled (KeptSpan turns that around). */
    private record Data(SpanContext spanContext, SpanContext parentSpanContext, String name, long startEpochNanos,
                        long endEpochNanos, Attributes attributes, List<EventData> events, StatusData status,
                        Resource resource) implements SpanData {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public SpanKind getKind() {
            return SpanKind.INTERNAL;
        }

        @Override
        public SpanContext getSpanContext() {
            return spanContext;
        }

        @Override
        public SpanContext getParentSpanContext() {
            return parentSpanContext;
        }

        @Override
        public StatusData getStatus() {
            return status;
        }

        @Override
        public long getStartEpochNanos() {
            return startEpochNanos;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }

        @Override
        public List<LinkData> getLinks() {
            return Collections.emptyList();
        }

        @Override
        public long getEndEpochNanos() {
            return endEpochNanos;
        }

        @Override
        public boolean hasEnded() {
            return true;
        }

        @Override
        public int getTotalRecordedEvents() {
            return events.size();
        }

        @Override
        public int getTotalRecordedLinks() {
            return 0;
        }

        @Override
        public int getTotalAttributeCount() {
            return attributes.size();
        }

        @Override
        @Deprecated
        public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
            return io.opentelemetry.sdk.common.InstrumentationLibraryInfo.create(SCOPE.getName(), SCOPE.getVersion());
        }

        @Override
        public InstrumentationScopeInfo getInstrumentationScopeInfo() {
            return SCOPE;
        }

        @Override
        public Resource getResource() {
            return resource;
        }
    }
}
