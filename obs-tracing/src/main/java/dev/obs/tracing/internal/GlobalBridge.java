package dev.obs.tracing.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * What obs registers in {@link GlobalOpenTelemetry}: set once per process, it forwards to the SDK
 * of the installed obs, and to the no-op implementation after {@code close()}. OpenTelemetry offers
 * no production way to unset the global instance ({@code resetForTest} is for tests only), so
 * obs never replaces it: closing points the bridge at no-op, a later install in the same JVM
 * points it at the new SDK. Tracers handed out earlier (libraries keep them in static fields)
 * follow the switch, because they resolve the current SDK's tracer when a span is built.
 */
final class GlobalBridge implements OpenTelemetry {

    private static final GlobalBridge INSTANCE = new GlobalBridge();
    private static boolean registered; // guarded by GlobalBridge.class

    private volatile State state = new State(OpenTelemetry.noop(), 0);
    private final TracerProvider tracers = new ForwardingTracerProvider();

    private GlobalBridge() {
    }

    /**
     * Points the global instance at {@code sdk}, registering the bridge on first use; returns
     * {@code false} when something else had already set {@link GlobalOpenTelemetry}.
     */
    static synchronized boolean connect(OpenTelemetry sdk) {
        // A test may have reset the global instance behind obs's back: register again then.
        if (!registered || !GlobalOpenTelemetry.isSet()) {
            try {
                GlobalOpenTelemetry.set(INSTANCE);
            } catch (IllegalStateException alreadySet) {
                return false;
            }
            registered = true;
        }
        INSTANCE.switchTo(sdk);
        return true;
    }

    /** Points the global instance at no-op again, if it still points at {@code sdk}. */
    static synchronized void disconnect(OpenTelemetry sdk) {
        if (INSTANCE.state.delegate == sdk) {
            INSTANCE.switchTo(OpenTelemetry.noop());
        }
    }

    private void switchTo(OpenTelemetry next) {
        state = new State(next, state.generation + 1);
    }

    private record State(OpenTelemetry delegate, int generation) {
    }

    @Override
    public TracerProvider getTracerProvider() {
        return tracers;
    }

    @Override
    public MeterProvider getMeterProvider() {
        return state.delegate.getMeterProvider();
    }

    @Override
    public LoggerProvider getLogsBridge() {
        return state.delegate.getLogsBridge();
    }

    @Override
    public ContextPropagators getPropagators() {
        return state.delegate.getPropagators();
    }

    private final class ForwardingTracerProvider implements TracerProvider {
        @Override
        public Tracer get(String name) {
            return new ForwardingTracer(name, null, null);
        }

        @Override
        public Tracer get(String name, String version) {
            return new ForwardingTracer(name, version, null);
        }

        @Override
        public TracerBuilder tracerBuilder(String name) {
            return new TracerBuilder() {
                private String version;
                private String schemaUrl;

                @Override
                public TracerBuilder setSchemaUrl(String url) {
                    this.schemaUrl = url;
                    return this;
                }

                @Override
                public TracerBuilder setInstrumentationVersion(String v) {
                    this.version = v;
                    return this;
                }

                @Override
                public Tracer build() {
                    return new ForwardingTracer(name, version, schemaUrl);
                }
            };
        }
    }

    /** A tracer that follows the bridge from one SDK to the next. */
    private final class ForwardingTracer implements Tracer {
        private final String name;
        private final String version;
        private final String schemaUrl;
        private volatile Resolved resolved;

        ForwardingTracer(String name, String version, String schemaUrl) {
            this.name = name;
            this.version = version;
            this.schemaUrl = schemaUrl;
        }

        private Tracer current() {
            Resolved r = resolved;
            State s = state;
            if (r == null || r.generation != s.generation) {
                TracerBuilder builder = s.delegate.tracerBuilder(name);
                if (version != null) {
                    builder.setInstrumentationVersion(version);
                }
                if (schemaUrl != null) {
                    builder.setSchemaUrl(schemaUrl);
                }
                r = new Resolved(s.generation, builder.build());
                resolved = r;
            }
            return r.tracer;
        }

        @Override
        public boolean isEnabled() {
            return current().isEnabled();
        }

        @Override
        public SpanBuilder spanBuilder(String spanName) {
            return current().spanBuilder(spanName);
        }
    }

    private record Resolved(int generation, Tracer tracer) {
    }
}
