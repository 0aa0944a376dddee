package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.obs.Observability;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.logging.internal.LoggingSettings;
import dev.obs.testing.ConfigurationPage;
import dev.obs.testing.IsolatedObs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The logging keys are documented, and a bad value fails install with a message that says how to fix it. */
class LoggingConfigurationTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        // the module declares exactly what its section of docs/configuration.md tells users, defaults included
        assertThat(new LoggingModule().configKeys()).extracting(ConfigKey::name, ConfigKey::defaultValue)
                .containsExactlyInAnyOrderElementsOf(ConfigurationPage.section("obs-logging").stream()
                        .map(row -> tuple(row.key(), row.defaultValue())).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "obs.log.level  | verbose                      | expected one of trace, debug, info, warn, error or off",
            "obs.log.levels | com.acme=debug,org.apache=loud | (\"org.apache=loud\" is not)",
            "obs.log.levels | com.acme                     | expected comma-separated key=value pairs",
            "obs.log.format | xml                          | expected one of json, text",
            "obs.log.queue.size | 0                        | expected a whole number from 16 to 1048576",
            "obs.log.stack.trace.max.length | lots         | expected a whole number from 256 to 1048576",
            "obs.log.jul.bridge | yes                      | expected true or false"})
    void aBadValueFailsInstallNamingTheKeyAndWhatIsAllowed(String key, String value, String expected) {
        assertThatThrownBy(() -> IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).set(key, value).install())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key + " = \"" + value + "\"")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void levelsAreCaseInsensitiveAndMayBeSpaced() {
        LoggingSettings settings = LoggingSettings.from(dev.obs.config.Config.of(LoggingSettings.KEYS, java.util.List.of(
                new dev.obs.config.Config.Source("test", java.util.Map.of("obs.log.level", "WARN",
                        "obs.log.levels", " com.acme = Debug , org.apache=off")))));
        assertThat(settings.rootLevel().levelStr).isEqualTo("WARN");
        assertThat(settings.loggerLevels()).containsOnlyKeys("com.acme", "org.apache");
        assertThat(settings.loggerLevels().get("com.acme").levelStr).isEqualTo("DEBUG");
        assertThat(settings.loggerLevels().get("org.apache").levelStr).isEqualTo("OFF");
    }
}
