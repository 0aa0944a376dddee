package dev.obs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obs.Observability;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.test.ObsExtension;
import dev.obs.testing.ConfigurationPage;
import dev.obs.testing.IsolatedObs;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(ObsExtension.RESOURCE_LOCK)
class JdbcConfigurationTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        assertThat(new JdbcModule().configKeys()).extracting(ConfigKey::name, ConfigKey::defaultValue)
                .containsExactlyInAnyOrderElementsOf(ConfigurationPage.section("obs-jdbc").stream()
                        .map(row -> tuple(row.key(), row.defaultValue())).toList());
    }

    @Test
    void anUnreadableThresholdFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> install(Map.of("OBS_JDBC_SLOW_QUERY", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.jdbc.slow.query")
                .hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> install(Map.of("OBS_JDBC_SLOW_ACQUIRE", "-5ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.jdbc.slow.acquire");
    }

    private static void install(Map<String, String> env) {
        IsolatedObs.builder().environment(env).systemProperties(new Properties())
                .set("obs.admin.enabled", "false").shutdownHook(false).install();
    }
}
