package dev.obs.tracing.internal;

import dev.obs.config.ConfigException;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.SelfMetric;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/** The running tracing module: the SDK, its pipeline and the observers it contributes. */
public final class TracingRuntime {

    /** The instrumentation scope of obs's own spans. */
    public static final String SCOPE = "dev.obs";

    private static volatile TracingRuntime current;

    /**
     * The OTLP exporters log every failed export at SEVERE through java.util.logging, which the
     * logging module turns into ERROR lines (and the errors module into error events): a dead
     * backend would flood the service's own logs. obs reports export failures itself, once, on
     * stderr and in {@code obs_spans_dropped_total}; the exporters are quiet while obs runs.
     * Held strongly: java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger EXPORTER_LOGS = java.util.logging.Logger.getLogger("io.opentelemetry.exporter.otlp.internal");

    private final TracingSettings settings;
    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final RecentSpans recent;
    private final ExportGate gate;
    private final TextMapPropagator w3c;
    private final SpanErrors errors;
    private final NotifyingContextStorage notifying;
    private final boolean registeredGlobal;
    private final Redactor redactor;

    private TracingRuntime(TracingSettings settings, OpenTelemetrySdk sdk, RecentSpans recent, ExportGate gate,
                           SpanErrors errors, NotifyingContextStorage notifying,
                           boolean registeredGlobal, Redactor redactor) {
        this.settings = settings;
        this.sdk = sdk;
        this.tracer = sdk.getTracer(SCOPE);
        this.recent = recent;
        this.gate = gate;
        this.w3c = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
        this.errors = errors;
        this.notifying = notifying;
        this.registeredGlobal = registeredGlobal;
        this.redactor = redactor;
    }

    /** The running instance, or {@code null} when obs is not installed or has no tracing. */
    public static TracingRuntime current() {
        return current;
    }

    /** Starts the SDK and plugs tracing into core. */
    public static TracingRuntime start(ModuleContext context) {
        TracingSettings settings = TracingSettings.from(context.config());
        SamplingPolicy policy = context.sampling();
        if (settings.exports() && settings.protocol() == TracingSettings.Protocol.GRPC && !hasGrpcSender()) {
            throw new ConfigException(TracingSettings.PROTOCOL.name(), "grpc", context.config().sourceOf(TracingSettings.PROTOCOL.name()),
                    "http/protobuf, or grpc with a gRPC sender on the class path: add io.opentelemetry:opentelemetry-exporter-sender-okhttp "
                            + "(version from the OpenTelemetry BOM)");
        }
        String endpoint = describeEndpoint(settings);
        SelfMetric queueFull = context.selfMetrics().counter("obs.spans.dropped",
                "Spans dropped because the export queue was full", "reason", "queue_full");
        SelfMetric exportFailed = context.selfMetrics().counter("obs.spans.dropped",
                "Spans dropped because their export failed after retries", "reason", "export_failed");
        SelfMetric bufferFull = context.selfMetrics().counter("obs.spans.dropped",
                "Spans of unsampled requests not held for keep-errors/keep-slow because the buffer was full",
                "reason", "keep_buffer_full");

        RedactedSpans redaction = new RedactedSpans(context.redactor(), settings.attributeValueLengthLimit());
        RecentSpans recent = new RecentSpans(settings.memorySpans(), redaction);
        SignalSpanSink published = new SignalSpanSink(context.signals(), context.redactor());
        ExportGate gate = new ExportGate(settings.queueSize(), queueFull, exportFailed, context.diagnostics(), endpoint, redaction);
        SpanSink[] sinks = settings.memorySpans() > 0 ? new SpanSink[] {gate, recent, published} : new SpanSink[] {gate, published};
        KeepSegmentProcessor keep = policy.keepsAnyUnsampled()
                ? new KeepSegmentProcessor(policy, settings.keepBufferSpans(), bufferFull, sinks)
                : null;
        ObsSpanProcessor processor = new ObsSpanProcessor(sinks, keep, gate);

        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .disableShutdownHook() // obs's own hook closes the SDK within obs.shutdown.timeout
                    .setComponentLoader(DeferredSpanExporter.deferringLoader(
                            AutoConfiguredOpenTelemetrySdk.class.getClassLoader(), context.diagnostics()))
                    .addPropertiesCustomizer(config -> settings.sdkProperties())
                    .addResourceCustomizer((resource, config) -> resource.merge(ServiceResource.of(context.service(),
                            resource.getAttribute(AttributeKey.stringKey("service.instance.id")))))
                    .addSamplerCustomizer((sampler, config) -> new PolicySampler(policy))
                    .addSpanExporterCustomizer((exporter, config) -> gate.exporter(exporter))
                    // The exporter's batch processor goes behind the gate, which obs's own processor
                    // feeds; in its place the SDK gets a processor that asks for no span.
                    .addSpanProcessorCustomizer((batch, config) -> {
                        gate.wrap(batch);
                        return SpanProcessor.composite();
                    })
                    .addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(processor))
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            if (settings.exportsElsewhere()) {
                throw new ConfigException(TracingSettings.EXPORTER.name(), settings.exporter(),
                        context.config().sourceOf(TracingSettings.EXPORTER.name()),
                        "otlp, or the name of a ConfigurableSpanExporterProvider on the class path (" + e.getMessage() + ")");
            }
            throw new ConfigException("otel.exporter.otlp.*", String.valueOf(e.getMessage()), "OpenTelemetry SDK configuration",
                    "settings the OpenTelemetry SDK accepts (see docs/tracing.md)");
        }

        // From here on a failure must not leave a half-built SDK (and its export thread) behind.
        NotifyingContextStorage notifying = NotifyingContextStorage.installed();
        boolean registeredGlobal = false;
        try {
            if (notifying != null) {
                notifying.listen(context::contextChanged);
            } else {
                context.diagnostics().warnOnce("otel-context-storage", "OpenTelemetry's context storage is not obs's ("
                        + ContextStorage.get().getClass().getName() + "), probably because another ContextStorageProvider is on the "
                        + "class path: spans made current through the OpenTelemetry API will not update trace_id/span_id in logs");
            }
            context.setContextStorage(new OtelContextStorage(NotifyingContextStorage.raw()));

            if (settings.registerGlobal()) {
                registeredGlobal = GlobalBridge.connect(sdk);
                if (!registeredGlobal) {
                    context.diagnostics().warnOnce("otel-global", "GlobalOpenTelemetry was already set (something called "
                            + "GlobalOpenTelemetry.get() or set() before Observability.install()); libraries using it will not join "
                            + "obs's traces. Install obs first in main, or set OBS_TRACES_REGISTER_GLOBAL=false to silence this");
                }
            }

            EXPORTER_LOGS.setLevel(java.util.logging.Level.OFF);
            SpanErrors errors = new SpanErrors(context.redactor());
            TracingRuntime runtime = new TracingRuntime(settings, sdk, recent, gate, errors, notifying, registeredGlobal,
                    context.redactor());
            context.addHttpServerObserver(new ServerSpanObserver(runtime.tracer, runtime.w3c, errors));
            context.addMethodObserver(new TracedMethodObserver(runtime.tracer, NotifyingContextStorage.raw(), errors, keep));
            context.addDbClientObserver(new DbClientSpanObserver(runtime.tracer, NotifyingContextStorage.raw(), errors));
            if (!settings.exports() && !settings.exportsElsewhere()) {
                context.diagnostics().warnOnce("traces-in-memory", "no OTLP endpoint set (OTEL_EXPORTER_OTLP_ENDPOINT): spans stay in "
                        + "memory and nothing is sent; set it to export traces");
            }
            current = runtime;
            return runtime;
        } catch (RuntimeException | LinkageError e) {
            if (notifying != null) {
                notifying.listen(null);
            }
            if (registeredGlobal) {
                GlobalBridge.disconnect(sdk);
            }
            EXPORTER_LOGS.setLevel(null);
            sdk.shutdown().join(1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static boolean hasGrpcSender() {
        return ServiceLoader.load(GrpcSenderProvider.class, TracingRuntime.class.getClassLoader()).findFirst().isPresent();
    }

    private static String describeEndpoint(TracingSettings settings) {
        if (settings.tracesEndpoint() != null) {
            return settings.tracesEndpoint().toString();
        }
        return settings.endpoint() == null ? "(none)" : settings.endpoint().toString();
    }

    /** Flushes what is queued and stops the SDK, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        if (current == this) {
            current = null;
        }
        if (notifying != null) {
            notifying.listen(null);
        }
        CompletableResultCode done = sdk.getSdkTracerProvider().shutdown();
        done.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        EXPORTER_LOGS.setLevel(null);
        if (registeredGlobal) {
            // GlobalOpenTelemetry cannot be unset in production: point obs's bridge in it at no-op;
            // a later install inside this JVM points it at its own SDK.
            GlobalBridge.disconnect(sdk);
        }
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Propagates W3C trace context and baggage. */
    public TextMapPropagator w3c() {
        return w3c;
    }

    /** The redaction policy, for attributes that may carry user data. */
    public Redactor redactor() {
        return redactor;
    }

    public TracingSettings settings() {
        return settings;
    }

    SpanErrors errors() {
        return errors;
    }

    /** Recent sampled or kept spans, oldest first. */
    public List<SpanData> recentSpans() {
        return recent.snapshot();
    }

    /**
     * Exports the spans queued so far (through the same gate and redaction as always) and waits
     * until the exporter has them, at most {@code timeout}; whether it finished in time.
     */
    public boolean flush(Duration timeout) {
        CompletableResultCode done = sdk.getSdkTracerProvider().forceFlush();
        done.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        return done.isDone() && done.isSuccess();
    }

    public void clearRecentSpans() {
        recent.clear();
    }

    /** Marks {@code span} failed, recording {@code error} once across nested spans. */
    public void failed(io.opentelemetry.api.trace.Span span, Throwable error) {
        errors.failed(span, error);
    }

    /** Marks {@code span} failed with an HTTP status. */
    public void failed(io.opentelemetry.api.trace.Span span, int status) {
        errors.failed(span, status);
    }
}
