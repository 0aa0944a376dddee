package dev.obs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.internal.config.CoreConfig;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.testing.ConfigurationPage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Config config(Map<String, String> env) {
        return Config.of(CoreConfig.KEYS, List.of(new Config.Source("environment variable", env)));
    }

    @Test
    void laterSourcesWinAndKeysAreNormalised() {
        Config config = Config.of(CoreConfig.KEYS, List.of(
                new Config.Source("properties file x", Map.of("obs.admin.port", "1111", "obs.env", "file")),
                new Config.Source("environment variable", Map.of("OBS_ADMIN_PORT", "2222")),
                new Config.Source("system property", Map.of("Obs.Admin.Port", "3333")),
                new Config.Source("builder", Map.of())));

        assertThat(config.getInt("obs.admin.port", 0, 65535)).isEqualTo(3333);
        assertThat(config.getInt("OBS_ADMIN_PORT", 0, 65535)).isEqualTo(3333);
        assertThat(config.getString("obs.env")).isEqualTo("file");
        assertThat(config.sourceOf("obs.admin.port")).isEqualTo("system property obs.admin.port");
        assertThat(config.getString("obs.admin.host")).isEqualTo("0.0.0.0");
        assertThat(config.sourceOf("obs.admin.host")).isEqualTo("default");
    }

    @Test
    void ecosystemAliasIsHonouredButOwnKeyWinsInTheSameSource() {
        assertThat(config(Map.of("OTEL_SERVICE_NAME", "orders")).getString("obs.service.name")).isEqualTo("orders");
        assertThat(config(Map.of("OTEL_SERVICE_NAME", "orders", "OBS_SERVICE_NAME", "billing"))
                .getString("obs.service.name")).isEqualTo("billing");
    }

    @Test
    void unrelatedEnvironmentNeverEntersObs() {
        Config config = config(Map.of("HOME", "/root", "DATABASE_PASSWORD", "hunter2", "OBS_ENV", "prod"));
        assertThat(config.getString("obs.env")).isEqualTo("prod");
        assertThatThrownBy(() -> config.getString("database.password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not declared");
    }

    @Test
    void badValueNamesKeyValueSourceAndWhatIsAllowed() {
        assertThatThrownBy(() -> config(Map.of("OBS_ADMIN_PORT", "-1")).getInt("obs.admin.port", 0, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: obs.admin.port = \"-1\" (from environment variable OBS_ADMIN_PORT): "
                        + "expected a whole number from 0 to 65535");
        assertThatThrownBy(() -> config(Map.of("OBS_TRACES_SAMPLE_RATIO", "7")).getDouble("obs.traces.sample.ratio", 0, 1))
                .hasMessageContaining("obs.traces.sample.ratio = \"7\"").hasMessageContaining("a number from 0.0 to 1.0");
        assertThatThrownBy(() -> config(Map.of("OBS_ENABLED", "yes please")).getBoolean("obs.enabled"))
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> config(Map.of("OBS_SHUTDOWN_TIMEOUT", "soon")).getDuration("obs.shutdown.timeout"))
                .hasMessageContaining("a duration such as 250ms");
    }

    @Test
    void hostileValueStaysOnOnePrintableLine() {
        ConfigException e = new ConfigException("obs.env", "a\nb\u0000c", "environment variable OBS_ENV", "text");
        assertThat(e.getMessage()).doesNotContain("\n").contains("a?b?c");
    }

    @Test
    void durationsAcceptUnitsAndPlainMilliseconds() {
        assertThat(Config.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Config.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Config.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Config.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Config.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Config.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(Config.parseDuration("-5s")).isNull();
        assertThat(Config.parseDuration("5 parsecs")).isNull();
    }

    @Test
    void mapAndListValues() {
        Config config = config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=payments, region=eu-west-1", "OBS_REDACT_KEYS", "ssn, ,iban"));
        assertThat(config.getMap("obs.resource.attributes")).containsExactly(
                Map.entry("team", "payments"), Map.entry("region", "eu-west-1"));
        assertThat(config.getList("obs.redact.keys")).containsExactly("ssn", "iban");
        assertThatThrownBy(() -> config(Map.of("OTEL_RESOURCE_ATTRIBUTES", "broken")).getMap("obs.resource.attributes"))
                .hasMessageContaining("comma-separated key=value pairs");
    }

    @Test
    void otelSamplerVariablesMapToTheRatio() {
        assertThat(CoreConfig.samplingPolicy(config(Map.of())).ratio()).isEqualTo(0.1);
        assertThat(CoreConfig.samplingPolicy(config(Map.of("OTEL_TRACES_SAMPLER", "always_on"))).ratio()).isEqualTo(1.0);
        assertThat(CoreConfig.samplingPolicy(config(Map.of("OTEL_TRACES_SAMPLER", "parentbased_always_off"))).ratio()).isEqualTo(0.0);
        assertThat(CoreConfig.samplingPolicy(config(Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
                "OTEL_TRACES_SAMPLER_ARG", "0.25"))).ratio()).isEqualTo(0.25);
        SamplingPolicy ownKeyWins = CoreConfig.samplingPolicy(config(Map.of("OTEL_TRACES_SAMPLER", "always_on",
                "OBS_TRACES_SAMPLE_RATIO", "0.3")));
        assertThat(ownKeyWins.ratio()).isEqualTo(0.3);
        assertThatThrownBy(() -> CoreConfig.samplingPolicy(config(Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("otel.traces.sampler = \"jaeger_remote\"");
    }

    @Test
    void serviceInfoComesFromKeysThenResourceAttributes() {
        var info = CoreConfig.serviceInfo(config(Map.of("OTEL_SERVICE_NAME", "orders",
                "OTEL_RESOURCE_ATTRIBUTES", "service.version=1.4.2,deployment.environment.name=staging,team=payments")));
        assertThat(info.name()).isEqualTo("orders");
        assertThat(info.version()).isEqualTo("1.4.2");
        assertThat(info.environment()).isEqualTo("staging");
        assertThat(info.resourceAttributes()).containsExactly(Map.entry("team", "payments"));
        var defaults = CoreConfig.serviceInfo(config(Map.of()));
        assertThat(defaults.name()).isEqualTo("unknown_service:java");
        assertThat(defaults.version()).isEqualTo("unknown");
        assertThat(defaults.environment()).isEqualTo("local");
    }

    @Test
    void badRedactionPatternIsAConfigError() {
        assertThatThrownBy(() -> CoreConfig.redactor(config(Map.of("OBS_REDACT_PATTERNS", "ok\\d+;(unclosed"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("obs.redact.patterns = \"(unclosed\"");
    }

    @Test
    void everyCoreKeyIsOnTheConfigurationPageWithItsDefault() {
        assertThat(ConfigurationPage.mismatches(CoreConfig.KEYS)).isEmpty();
    }
}
