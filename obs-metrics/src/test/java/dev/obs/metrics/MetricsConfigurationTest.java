package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Observability;
import dev.obs.config.ConfigException;
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
        assertThat(ConfigurationPage.mismatches(new MetricsModule().configKeys())).isEmpty();
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
