package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obs.Observability;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.testing.ConfigurationPage;
import dev.obs.testing.IsolatedObs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsConfigurationTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        // the module declares exactly what its section of docs/configuration.md tells users, defaults included
        assertThat(new MetricsModule().configKeys()).extracting(ConfigKey::name, ConfigKey::defaultValue)
                .containsExactlyInAnyOrderElementsOf(ConfigurationPage.section("obs-metrics").stream()
                        .map(row -> tuple(row.key(), row.defaultValue())).toList());
    }

    @Test
    void aBadCapFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false)
                .set("obs.metrics.max.series.per.name", "0").install())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.metrics.max.series.per.name")
                .hasMessageContaining("\"0\"");
    }

    @Test
    void aBadSwitchFailsInstallNamingTheKey() {
        assertThatThrownBy(() -> IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false)
                .set("obs.metrics.exemplars.enabled", "maybe").install())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.metrics.exemplars.enabled");
    }
}
