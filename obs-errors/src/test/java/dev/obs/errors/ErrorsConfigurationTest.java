package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obs.Observability;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.errors.internal.ErrorsSettings;
import dev.obs.testing.ConfigurationPage;
import dev.obs.testing.IsolatedObs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorsConfigurationTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        // the module declares exactly what its section of docs/configuration.md tells users, defaults included
        assertThat(new ErrorsModule().configKeys()).extracting(ConfigKey::name, ConfigKey::defaultValue)
                .containsExactlyInAnyOrderElementsOf(ConfigurationPage.section("obs-errors").stream()
                        .map(row -> tuple(row.key(), row.defaultValue())).toList());
    }

    @Test
    void sentryEnvironmentVariablesAreRead() {
        ErrorsSettings settings = settings(Map.of(
                "SENTRY_DSN", "https://abc@o1.ingest.sentry.io/42",
                "SENTRY_ENVIRONMENT", "staging",
                "SENTRY_RELEASE", "orders@1.2.3",
                "OBS_ERRORS_SAMPLE_RATE", "0.25"));
        assertThat(settings.dsn()).isEqualTo("https://abc@o1.ingest.sentry.io/42");
        assertThat(settings.environment()).isEqualTo("staging");
        assertThat(settings.release()).isEqualTo("orders@1.2.3");
        assertThat(settings.sampleRate()).isEqualTo(0.25);
    }

    @Test
    void environmentAndReleaseDefaultToTheService() {
        ErrorsSettings settings = settings(Map.of());
        assertThat(settings.dsn()).isEmpty();
        assertThat(settings.environment()).isEqualTo("prod");
        assertThat(settings.release()).isEqualTo("orders@2.0.1");
        assertThat(settings.sampleRate()).isEqualTo(1.0);
    }

    @Test
    void unknownVersionGivesNoRelease() {
        ErrorsSettings settings = ErrorsSettings.from(config(Map.of()), new ServiceInfo("orders", "unknown", "local", Map.of()));
        assertThat(settings.release()).isNull();
    }

    @Test
    void aSampleRateOutOfRangeFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> install(Map.of("OBS_ERRORS_SAMPLE_RATE", "7")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.errors.sample.rate")
                .hasMessageContaining("\"7\"")
                .hasMessageContaining("0.0 to 1.0");
    }

    @Test
    void aMalformedDsnFailsInstallWithoutEchoingItsKey() {
        assertThatThrownBy(() -> install(Map.of("SENTRY_DSN", "https://s3cr3tkey@sentry.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sentry.dsn")
                .hasMessageContaining("SENTRY_DSN")
                .hasMessageNotContaining("s3cr3tkey");
        assertThatThrownBy(() -> install(Map.of("SENTRY_DSN", "not a dsn")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sentry.dsn");
    }

    @Test
    void aQueueSizeOfZeroFailsInstall() {
        assertThatThrownBy(() -> install(Map.of("OBS_ERRORS_QUEUE_SIZE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.errors.queue.size");
    }

    private static void install(Map<String, String> env) {
        IsolatedObs.builder().environment(env).systemProperties(new Properties())
                .set("obs.admin.enabled", "false").shutdownHook(false).install();
    }

    private static ErrorsSettings settings(Map<String, String> env) {
        return ErrorsSettings.from(config(env), new ServiceInfo("orders", "2.0.1", "prod", Map.of()));
    }

    private static Config config(Map<String, String> env) {
        List<ConfigKey> keys = new ArrayList<>(ErrorsSettings.KEYS);
        keys.add(ConfigKey.of("obs.shutdown.timeout", "5s", "test"));
        return Config.of(keys, List.of(new Config.Source("environment variable", env)));
    }
}
