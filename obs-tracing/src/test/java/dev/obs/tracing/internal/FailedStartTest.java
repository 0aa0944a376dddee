package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.HealthCheck;
import dev.obs.Observability;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.context.RequestContext;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ContextListener;
import dev.obs.spi.ContextStorage;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.HttpServerObserver;
import dev.obs.spi.LogEventListener;
import dev.obs.spi.MethodObserver;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.SelfMetrics;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ProbeModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tracing start that fails after the SDK was built leaves no SDK running. */
class FailedStartTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    private static long exportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("BatchSpanProcessor_WorkerThread")).count();
    }

    @Test
    void aStartThatFailsAfterBuildingTheSdkShutsItDown() throws Exception {
        Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", "obs.traces.register.global", "false");
        long before = exportThreads();
        ModuleContext real = ProbeModule.context();
        ModuleContext failing = new Delegating(real) {
            @Override
            public void setContextStorage(ContextStorage storage) {
                throw new IllegalStateException("another module owns the context storage");
            }
        };
        assertThatThrownBy(() -> TracingRuntime.start(failing)).hasMessageContaining("another module");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (exportThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(exportThreads()).as("export threads left by the failed start").isEqualTo(before);
    }

    private static class Delegating implements ModuleContext {
        private final ModuleContext d;

        Delegating(ModuleContext d) {
            this.d = d;
        }

        @Override public Config config() { return d.config(); }
        @Override public ServiceInfo service() { return d.service(); }
        @Override public SamplingPolicy sampling() { return d.sampling(); }
        @Override public Redactor redactor() { return d.redactor(); }
        @Override public Diagnostics diagnostics() { return d.diagnostics(); }
        @Override public SelfMetrics selfMetrics() { return d.selfMetrics(); }
        @Override public void setContextStorage(ContextStorage storage) { d.setContextStorage(storage); }
        @Override public void addContextListener(ContextListener listener) { d.addContextListener(listener); }
        @Override public void contextChanged(RequestContext current) { d.contextChanged(current); }
        @Override public void addMethodObserver(MethodObserver observer) { d.addMethodObserver(observer); }
        @Override public void addHttpServerObserver(HttpServerObserver observer) { d.addHttpServerObserver(observer); }
        @Override public void addAdminRoute(String path, HttpHandler handler) { d.addAdminRoute(path, handler); }
        @Override public void addAdminPrefixRoute(String prefix, HttpHandler handler) { d.addAdminPrefixRoute(prefix, handler); }
        @Override public void addDbClientObserver(dev.obs.spi.DbClientObserver observer) { d.addDbClientObserver(observer); }
        @Override public void addReadinessCheck(String name, HealthCheck check) { d.addReadinessCheck(name, check); }
        @Override public void addLogEventListener(LogEventListener listener) { d.addLogEventListener(listener); }
        @Override public LogEventListener logEvents() { return d.logEvents(); }
        @Override public java.util.Set<String> moduleNames() { return d.moduleNames(); }
        @Override public void addSignalListener(dev.obs.spi.SignalListener listener) { d.addSignalListener(listener); }
        @Override public dev.obs.spi.SignalListener signals() { return d.signals(); }
    }
}
