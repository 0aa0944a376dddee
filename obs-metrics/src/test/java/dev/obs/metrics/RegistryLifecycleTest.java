package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryLifecycleTest {

    private TestService service;

    private Observability install(String... settings) {
        Observability.Builder builder = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false);
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        Observability obs = builder.install();
        service = new TestService(obs);
        return obs;
    }

    @AfterEach
    void reset() {
        if (service != null) {
            service.close();
        }
        Observability.resetForTesting();
    }

    @Test
    void metersOnTheGlobalRegistryLandInTheSameExposition() {
        Counter early = Metrics.counter("imports.started"); // before install: exposed from install on
        install();

        Metrics.counter("imports.finished").increment();
        early.increment();

        assertThat(ObsMetrics.registry()).isInstanceOf(PrometheusMeterRegistry.class);
        assertThat(Metrics.globalRegistry.getRegistries()).contains(ObsMetrics.registry());
        assertThat(service.scrape().value("imports_finished_total")).isEqualTo(1);
        assertThat(service.scrape().value("imports_started_total")).isEqualTo(1);
    }

    @Test
    void closeLeavesTheGlobalRegistryAndHandsItBack() {
        Observability obs = install();
        MeterRegistry installed = ObsMetrics.registry();

        obs.close();

        assertThat(Metrics.globalRegistry.getRegistries()).doesNotContain(installed);
        assertThat(installed.isClosed()).isTrue();
        assertThat(ObsMetrics.registry()).isSameAs(Metrics.globalRegistry);
    }

    @Test
    void installsAfterACloseStartAFreshRegistry() {
        install();
        MeterRegistry first = ObsMetrics.registry();
        Observability.resetForTesting();
        service.close();

        install();

        assertThat(ObsMetrics.registry()).isNotSameAs(first);
        assertThat(Metrics.globalRegistry.getRegistries()).containsExactly(ObsMetrics.registry());
    }

    @Test
    void canBeTurnedOff() {
        install("obs.metrics.enabled", "false");

        assertThat(service.admin("GET", "/metrics").statusCode()).isEqualTo(404);
        assertThat(ObsMetrics.registry()).isSameAs(Metrics.globalRegistry);
    }

    @Test
    void leavesJvmMetricsOutWhenAsked() {
        install("obs.metrics.jvm.enabled", "false");

        assertThat(service.scrape().samples()).noneMatch(s -> s.name().startsWith("jvm_") || s.name().startsWith("process_"));
    }

    @Test
    void exposesJvmAndProcessMetricsByDefault() {
        install();
        // Usable at once; the JVM and process meters are bound in the background and follow shortly.
        Counter.builder("imports.started").register(ObsMetrics.registry()).increment();
        assertThat(service.scrape().value("imports_started_total")).isEqualTo(1);

        String[] jvm = {"jvm_memory_used_bytes", "jvm_gc_overhead", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "process_cpu_seconds_total", "process_uptime_seconds", "process_files_open_files",
                "jvm_available_processors", "jvm_info"};
        assertThat(service.awaitScrapeWith(jvm).types()).containsKeys(jvm);
    }

    @Test
    void closeRightAfterInstallEndsTheBackgroundBindingAndClosesTheRegistry() throws InterruptedException {
        Observability obs = install();
        MeterRegistry installed = ObsMetrics.registry();

        obs.close();

        assertThat(installed.isClosed()).isTrue();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("obs-jvm-metrics")) {
                thread.join(30_000);
                assertThat(thread.isAlive()).as("the JVM metrics binder ended after close()").isFalse();
            }
        }
    }
}
