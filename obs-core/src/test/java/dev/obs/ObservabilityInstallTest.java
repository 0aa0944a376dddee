package dev.obs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ConfigException;
import dev.obs.testing.IsolatedObs;
import dev.obs.testmodule.RecordingModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityInstallTest {

    @BeforeEach
    void clean() {
        RecordingModule.EVENTS.clear();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    private static Observability.Builder isolated() {
        return IsolatedObs.builder()
                .set("obs.admin.port", "0")
                .set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false);
    }

    @Test
    void currentIsANoopBeforeInstallAndHasNoSideEffects() {
        Observability noop = Observability.current();
        assertThat(noop.isEnabled()).isFalse();
        assertThat(noop.adminPort()).isEqualTo(-1);
        assertThat(noop.trace("x", () -> 42)).isEqualTo(42);
        assertThat(Observability.current()).isSameAs(noop);
        assertThat(RecordingModule.EVENTS).isEmpty();
        noop.close();
    }

    @Test
    void installStartsDiscoveredModulesAndCloseStopsThem() {
        Observability obs = isolated().serviceName("orders").install();
        assertThat(obs.isEnabled()).isTrue();
        assertThat(Observability.current()).isSameAs(obs);
        assertThat(obs.service().name()).isEqualTo("orders");
        assertThat(obs.adminPort()).isPositive();
        assertThat(RecordingModule.EVENTS).containsExactly("start");
        obs.close();
        obs.close();
        assertThat(RecordingModule.EVENTS).containsExactly("start", "close");
    }

    @Test
    void secondInstallPointsAtTheFirst() {
        isolated().install();
        assertThatThrownBy(() -> isolated().install())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already installed")
                .cause()
                .hasMessageContaining("first installed here")
                .satisfies(cause -> assertThat(cause.getStackTrace()).anySatisfy(frame ->
                        assertThat(frame.getMethodName()).isEqualTo("secondInstallPointsAtTheFirst")));
    }

    @Test
    void installAfterCloseSaysObsWasClosedAndWhere() {
        isolated().install();
        closeFromHere();
        assertThatThrownBy(() -> isolated().install())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("obs was installed and then closed, and cannot be installed again")
                .hasMessageContaining("once per process, also after close()")
                .cause()
                .hasMessageStartingWith("obs was closed here, on thread ")
                .satisfies(cause -> assertThat(cause.getStackTrace()).anySatisfy(frame ->
                        assertThat(frame.getMethodName()).isEqualTo("closeFromHere")))
                .cause()
                .hasMessageContaining("first installed here");
    }

    private static void closeFromHere() {
        Observability.current().close();
    }

    @Test
    void badConfigurationFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> isolated().set("obs.traces.sample.ratio", "7").install())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: obs.traces.sample.ratio = \"7\" (from builder obs.traces.sample.ratio): "
                        + "expected a number from 0.0 to 1.0");
        assertThatThrownBy(() -> isolated().set("obs.admin.port", "-1").install())
                .hasMessageContaining("obs.admin.port = \"-1\"");
        // A module's own key is validated too, and a failed install leaves nothing installed.
        assertThatThrownBy(() -> isolated().set("obs.test.number", "eleven").install())
                .isInstanceOf(ConfigException.class).hasMessageContaining("obs.test.number");
        assertThat(Observability.current().isEnabled()).isFalse();
        assertThat(isolated().install().isEnabled()).isTrue();
    }

    @Test
    void disabledGivesTheNoop() {
        Observability obs = isolated().set("obs.enabled", "false").install();
        assertThat(obs.isEnabled()).isFalse();
        assertThat(RecordingModule.EVENTS).isEmpty();
    }

    @Test
    void aModuleThatFailsToStartIsReportedAndLeftOut() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Observability obs;
        try {
            dev.obs.internal.context.ContextRegistry.diagnostics().reset();
            obs = new StderrCapturing().install(isolated().set("obs.test.fail.on.start", "true"));
        } finally {
            System.setErr(original);
        }
        assertThat(obs.isEnabled()).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("obs: module recording failed to start and is left out");
    }

    @Test
    void aModuleThatFailsHalfWayThroughStartIsRolledBack() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Observability obs;
        try {
            obs = isolated().set("obs.test.fail.after.registering", "true").install();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("obs: module recording failed to start and is left out");
        assertThat(RecordingModule.EVENTS).as("the module was closed").contains("close");
        RecordingModule.EVENTS.clear();

        assertThat(obs.trace("work", () -> 42)).isEqualTo(42);
        try (dev.obs.context.ContextScope ignored = dev.obs.context.RequestContext.newRequest("req-1").makeCurrent()) {
            assertThat(dev.obs.context.RequestContext.current().requestId()).isEqualTo("req-1");
        }
        assertThat(RecordingModule.EVENTS).as("its observer, listener and context storage are gone").isEmpty();

        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI admin = java.net.URI.create("http://127.0.0.1:" + obs.adminPort());
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(admin.resolve("/recording")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("its admin route").isEqualTo(404);
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(admin.resolve("/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("its readiness check").isEqualTo(200);
    }

    @Test
    void observerFailuresAreCountedEveryTimeAndReportedOnce() {
        Observability obs = isolated().install();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            RecordingModule.context.addMethodObserver(new dev.obs.spi.MethodObserver() {
                @Override
                public boolean observes(dev.obs.instrument.ObservedMethod method) {
                    return true;
                }

                @Override
                public dev.obs.spi.MethodCall enter(dev.obs.instrument.ObservedMethod method) {
                    throw new IllegalStateException("observer bug");
                }
            });
            for (int i = 0; i < 25; i++) {
                assertThat(obs.trace("work", () -> 42)).isEqualTo(42);
            }
        } finally {
            System.setErr(original);
        }
        double failures = RecordingModule.context.selfMetrics().all().stream()
                .filter(m -> m.name().equals("obs.observer.failures") && m.tags().equals(java.util.List.of("kind", "method")))
                .mapToDouble(dev.obs.spi.SelfMetric::value).sum();
        assertThat(failures).isEqualTo(25);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr.split("observer bug", -1)).as("reported once").hasSize(2);
    }

    @Test
    void unknownObsKeysAreReportedOnce() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new StderrCapturing().install(isolated().environment(Map.of("OBS_ADMN_PORT", "1")));
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("obs: unknown configuration key obs.admn.port (OBS_ADMN_PORT)");
    }

    @Test
    void propertiesFileSitsBetweenDefaultsAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("obs.properties");
        Files.writeString(file, "obs.service.name=from-file\nobs.env=file-env\n");
        Observability obs = isolated().environment(Map.of("OBS_CONFIG_FILE", file.toString(), "OBS_ENV", "env-wins")).install();
        assertThat(obs.service().name()).isEqualTo("from-file");
        assertThat(obs.service().environment()).isEqualTo("env-wins");
    }

    @Test
    void missingPropertiesFileIsAClearError() {
        assertThatThrownBy(() -> isolated().environment(Map.of("OBS_CONFIG_FILE", "/no/such/obs.properties")).install())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.config.file = \"/no/such/obs.properties\"")
                .hasMessageContaining("a readable UTF-8 properties file");
    }

    @Test
    void adminPortTakenIsReportedAndInstallStillSucceeds() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Observability obs;
            try {
                obs = new StderrCapturing().install(isolated().set("obs.admin.port", String.valueOf(taken.getLocalPort())));
            } finally {
                System.setErr(original);
            }
            assertThat(obs.isEnabled()).isTrue();
            assertThat(obs.adminPort()).isEqualTo(-1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("obs: the admin server could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /** Installs after resetting the once-per-key memory of diagnostics, so each test sees its own lines. */
    private static final class StderrCapturing {
        Observability install(Observability.Builder builder) {
            dev.obs.internal.context.ContextRegistry.diagnostics().reset();
            return builder.install();
        }
    }
}
