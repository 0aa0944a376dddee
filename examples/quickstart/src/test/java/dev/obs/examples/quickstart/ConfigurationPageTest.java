package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.config.ConfigKey;
import dev.obs.testing.ConfigurationPage;
import dev.obs.testing.IsolatedObs;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md and the code in step, both ways, with every module on the class path: each
 * module checks that its keys are documented; only here can a documented key that no module
 * declares any more be found.
 */
class ConfigurationPageTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyDeclaredKeyIsDocumentedAndEveryDocumentedKeyIsDeclared() {
        Observability obs = IsolatedObs.builder().set("obs.admin.enabled", "false").shutdownHook(false).install();
        List<ConfigKey> declared = List.copyOf(obs.config().keys());
        assertThat(ConfigurationPage.mismatches(declared)).isEmpty();
        Set<String> declaredNames = declared.stream().map(ConfigKey::name).collect(Collectors.toSet());
        assertThat(ConfigurationPage.rows().keySet()).as("keys on the page that no module declares")
                .allMatch(declaredNames::contains);
        assertThat(declared).hasSizeGreaterThan(40);
    }
}
