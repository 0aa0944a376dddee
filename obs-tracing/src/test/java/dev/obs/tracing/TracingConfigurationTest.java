package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obs.Observability;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.testing.ConfigurationPage;
import dev.obs.tracing.support.Obs;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingConfigurationTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        // the module declares exactly what its section of docs/configuration.md tells users, defaults included
        assertThat(new TracingModule().configKeys()).extracting(ConfigKey::name, ConfigKey::defaultValue)
                .containsExactlyInAnyOrderElementsOf(ConfigurationPage.section("obs-tracing").stream()
                        .map(row -> tuple(row.key(), row.defaultValue())).toList());
    }

    @Test
    void anUnparsableEndpointFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.traces.endpoint")
                .hasMessageContaining("localhost:4318");
    }

    @Test
    void anUnknownProtocolFailsInstall() {
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("otel.exporter.otlp.protocol")
                .hasMessageContaining("http/protobuf or grpc");
    }

    @Test
    void anExporterNobodyProvidesFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> Obs.install("OBS_TRACES_EXPORTER", "zipkin"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.traces.exporter")
                .hasMessageContaining("zipkin")
                .hasMessageContaining("ConfigurableSpanExporterProvider");
        assertThatThrownBy(() -> Obs.install("OBS_TRACES_EXPORTER", "none"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.traces.exporter")
                .hasMessageContaining("empty obs.traces.endpoint sends nothing");
    }

    @Test
    void grpcWithoutAGrpcSenderFailsInstallSayingWhatToAdd() {
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("opentelemetry-exporter-sender-okhttp");
    }

    @Test
    void malformedHeadersFailInstallWithoutEchoingThem() {
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_HEADERS", "Bearer s3cr3t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("otel.exporter.otlp.headers")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void badNumbersAndDurationsFailInstall() {
        assertThatThrownBy(() -> Obs.install("OTEL_BSP_MAX_QUEUE_SIZE", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("otel.bsp.max.queue.size");
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_TIMEOUT", "soon"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("otel.exporter.otlp.timeout");
        assertThatThrownBy(() -> Obs.install("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gzip or none");
    }

    @Test
    void theSdkIsTheGlobalOpenTelemetryUnlessSwitchedOff() {
        Obs.install("obs.traces.sample.ratio", "1");
        assertThat(GlobalOpenTelemetry.isSet()).isTrue();
        GlobalOpenTelemetry.getTracer("com.acme.library").spanBuilder("library-work").startSpan().end();
        assertThat(ObsTracing.recentSpans()).extracting(s -> s.getName()).containsExactly("library-work");
        io.opentelemetry.api.trace.Tracer kept = GlobalOpenTelemetry.getTracer("com.acme.kept");
        Observability.resetForTesting();
        // GlobalOpenTelemetry cannot be unset outside tests: after close it forwards to no-op.
        assertThat(GlobalOpenTelemetry.getTracer("com.acme.library").spanBuilder("after-close").startSpan().isRecording()).isFalse();
        assertThat(kept.spanBuilder("after-close").startSpan().isRecording()).isFalse();

        Obs.install("obs.traces.register.global", "false", "obs.traces.sample.ratio", "1");
        assertThat(kept.spanBuilder("not-global").startSpan().isRecording()).isFalse();
        ObsTracing.openTelemetry().getTracer("com.acme.library").spanBuilder("direct-work").startSpan().end();
        assertThat(ObsTracing.recentSpans()).extracting(s -> s.getName()).containsExactly("direct-work");
        Observability.resetForTesting();

        // A later install in the same JVM is reached through the global instance, even by tracers kept from before.
        Obs.install("obs.traces.sample.ratio", "1");
        kept.spanBuilder("kept-tracer-work").startSpan().end();
        assertThat(ObsTracing.recentSpans()).extracting(s -> s.getName()).containsExactly("kept-tracer-work");
    }

    @Test
    void theSdkBringsNoOkHttpOrKotlin() {
        assertThatThrownBy(() -> Class.forName("okhttp3.OkHttpClient")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("kotlin.Unit")).isInstanceOf(ClassNotFoundException.class);
    }
}
